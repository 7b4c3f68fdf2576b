"""Labels the extension prints, routed through Sphinx's translation machinery.

Catalogues live in ``locale/<lang>/LC_MESSAGES/sphinx_papernotes.po`` (and the
compiled ``.mo`` beside it); a test checks that every label is in them.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation

from .output_files import write_if_changed

MESSAGE_CATALOG = "sphinx_papernotes"
LOCALE_DIR = Path(__file__).parent / "locale"

_translate = get_translation(MESSAGE_CATALOG)


def _(message: str) -> str:
    """The label in the project's ``language`` (English when no catalogue has it)."""
    return str(_translate(message))


def script_labels() -> dict[str, str]:
    """Labels of the controls that ``papernotes.js`` inserts (the note filter)."""
    return {
        "filter": _("Filter notes"),
        "filterTags": _("Filter tags"),
        "filterVenues": _("Filter venues"),
        "filterPlaceholder": _("Title, author, venue or tag…"),
        "shown": _("%(shown)s of %(total)s shown"),
        "clear": _("Clear filter"),
        "tagFilter": _("Only notes tagged"),
        "removeTag": _("Remove tag filter: %s"),
        "openTag": _("Open the page of tag %s"),
        "none": _("No notes match the filter."),
    }


LABELS_SCRIPT = "papernotes-labels.js"


def add_script_labels(app: Sphinx) -> None:
    """Once per build, when the language is known: a small script every page
    loads. A file in ``_static``, not an inline script: the browser caches it,
    and a site of thousands of pages does not carry it in every page."""
    if getattr(app.builder, "format", "") != "html":
        return
    data = json.dumps(script_labels(), ensure_ascii=True).replace("</", "<\\/")
    # Written before any page, so Sphinx finds it to add its checksum to the link.
    write_if_changed(
        Path(app.outdir) / "_static" / LABELS_SCRIPT, f"window.PAPERNOTES_LABELS = {data};\n"
    )
    app.add_js_file(LABELS_SCRIPT, priority=400)


def setup_translation(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    app.connect("builder-inited", add_script_labels)
