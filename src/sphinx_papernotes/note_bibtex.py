"""Each note's own BibTeX entry, shown on its page.

In HTML a collapsed ``<details>`` block with a copy button; in other builders
a plain literal block. The entry depends on every note (keys are made unique
across the project), so it is filled in when the page is written.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.writers.html5 import HTML5Translator

from . import config
from .addresses import note_address
from .domain import get_domain
from .exports.bibtex import note_entry
from .model import Collection, Note
from .translation import _


class bibtex_placeholder(nodes.General, nodes.Element):
    """Where a note's BibTeX entry goes."""


class bibtex_details(nodes.container):
    """A collapsed block in HTML; a plain container (with its literal block) elsewhere."""


def entry_text(builder: Builder, collection: Collection, note: Note) -> str:
    """The note's entry exactly as ``papernotes.bib`` has it."""
    cfg = builder.config
    return note_entry(
        note,
        collection.bibkeys[note.key],
        config.venue_table(cfg),
        config.bibtex_page_url(cfg, note_address(builder, note)),
        bool(config.get(cfg, "papernotes_bibtex_ascii")),
    ).render()


def fill_bibtex(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(bibtex_placeholder))
    if not placeholders:
        return
    collection = get_domain(app.env).collection
    for placeholder in placeholders:
        note = collection.by_key.get(placeholder["pn_key"])
        if note is None:
            placeholder.parent.remove(placeholder)
            continue
        text = entry_text(app.builder, collection, note)
        block = nodes.literal_block(text, text, language="bibtex", classes=["pn-bibtex-entry"])
        details = bibtex_details("", block, classes=["pn-bibtex", "no-search"])
        placeholder.replace_self(details)


def visit_details_html(self: HTML5Translator, node: bibtex_details) -> None:
    self.body.append(self.starttag(node, "details", ""))
    label = self.encode(_("Copy"))
    self.body.append(
        '<summary>BibTeX</summary><button type="button" class="pn-copy" '
        f'data-pn-copied="{self.attval(_("Copied"))}">{label}</button>'
    )


def depart_details_html(self: HTML5Translator, node: bibtex_details) -> None:
    self.body.append("</details>\n")


def _skip(self: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_note_bibtex(app: Sphinx) -> None:
    skip = (_skip, None)
    app.add_node(bibtex_placeholder, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_node(bibtex_details, html=(visit_details_html, depart_details_html))
    app.add_js_file("papernotes.js", loading_method="defer")
    app.connect("doctree-resolved", fill_bibtex)
