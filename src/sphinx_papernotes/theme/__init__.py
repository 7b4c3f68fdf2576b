"""The ``papernotes`` HTML theme, found by Sphinx through its entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "papernotes"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_theme("papernotes", str(THEME_DIR))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
