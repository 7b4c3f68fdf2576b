"""The extension's stylesheet, added to every HTML page under any theme."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "papernotes.css"


def add_static_path(app: Sphinx, config: Config) -> None:
    """At ``config-inited``, the last moment config may change: later, the
    saved environment would see a changed config and rebuild everything."""
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def setup_static(app: Sphinx) -> None:
    app.connect("config-inited", add_static_path)
    app.add_css_file(STYLESHEET)
