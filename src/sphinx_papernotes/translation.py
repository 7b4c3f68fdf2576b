"""Labels the extension prints, routed through Sphinx's translation machinery."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation

MESSAGE_CATALOG = "sphinx_papernotes"
LOCALE_DIR = Path(__file__).parent / "locale"

_translate = get_translation(MESSAGE_CATALOG)


def _(message: str) -> str:
    """The label in the project's ``language`` (English when no catalogue has it)."""
    return str(_translate(message))


def setup_translation(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
