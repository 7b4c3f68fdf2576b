"""The extension's stylesheet, added to every HTML page under any theme."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "papernotes.css"


def add_static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC_DIR))


def setup_static(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.add_css_file(STYLESHEET)
