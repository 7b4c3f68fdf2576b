"""``sphinx-build -b bibtex SRC OUT``: read the notes, write only ``OUT/papernotes.bib``.

For LaTeX projects that cite their paper notes: no page is resolved or
written, so it costs little more than reading the sources.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

from . import config
from .domain import get_domain
from .export_files import bibtex_text, note_urls, write_bibtex, write_if_changed


class BibTeXBuilder(Builder):
    """Writes the BibTeX export of every note and nothing else."""

    name = "bibtex"
    format = "bibtex"
    epilog = "The BibTeX file is in %(outdir)s."
    allow_parallel = True

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> Iterator[str]:
        # Nothing is written per document; reading is what keeps notes current.
        yield from ()

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        """No pages: the one output file is written in :meth:`finish`."""

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        collection = get_domain(self.env).collection
        urls = note_urls(self, collection)
        if config.get(self.config, "papernotes_bibtex_file") is None:
            # The export is off for sites, but this builder exists to write it.
            path = Path(self.outdir) / "papernotes.bib"
            write_if_changed(path, bibtex_text(self.config, collection, urls))
            return
        write_bibtex(self.config, Path(self.outdir), collection, urls)


def setup_bibtex_builder(app: Sphinx) -> None:
    app.add_builder(BibTeXBuilder)
