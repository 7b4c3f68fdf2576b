"""The ``papernotes`` HTML theme, found by Sphinx through its entry point.

Sphinx runs this ``setup`` only when the theme (or one inheriting it) is
used, so the template context it adds costs other themes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "papernotes"


def setup(app: Sphinx) -> dict[str, Any]:
    from ..translation import LOCALE_DIR, MESSAGE_CATALOG
    from .context import setup_theme_context

    app.add_html_theme("papernotes", str(THEME_DIR))
    # The labels of the templates, also when the theme is used without the extension.
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    setup_theme_context(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
