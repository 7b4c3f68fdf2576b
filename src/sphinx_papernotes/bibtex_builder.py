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

from .domain import get_domain
from .export_cache import RenderCache
from .export_files import (
    bibtex_text,
    export_cache_file,
    exports_signature,
    note_urls,
)
from .output_files import write_if_changed

OUTPUT_FILE = "papernotes.bib"


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
        """Always ``OUT/papernotes.bib``: this builder exists to write that file,
        so ``papernotes_bibtex_file`` (the name inside HTML output) does not apply."""
        collection = get_domain(self.env).collection
        cache = RenderCache(export_cache_file(self.app), exports_signature(self.app))
        text = bibtex_text(self.config, collection, note_urls(self, collection), cache)
        write_if_changed(Path(self.outdir) / OUTPUT_FILE, text)
        cache.save()


def setup_bibtex_builder(app: Sphinx) -> None:
    app.add_builder(BibTeXBuilder)
