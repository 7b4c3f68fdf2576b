"""``:from-bib:``: fill a note from an entry of the project's BibTeX files.

The files are the ones sphinxcontrib-bibtex reads (``bibtex_bibfiles``,
relative to the folder of ``conf.py``), parsed with the same library
(pybtex). We never load sphinxcontrib-bibtex ourselves: it refuses to run
without ``bibtex_bibfiles``. Every note that uses ``from-bib`` depends on
those files, so editing the ``.bib`` re-reads exactly those notes.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .domain import get_domain
from .model.bib_entries import BibSources


def find_bib_files(app: Sphinx) -> None:
    """``builder-inited``: where the project's ``.bib`` files are, if it has any."""
    files: list[Path] = []
    if "bibtex_bibfiles" in app.config:
        names = app.config.bibtex_bibfiles or []
        files = [(Path(app.confdir) / name).resolve() for name in names]
    get_domain(app.env).bib_sources = BibSources(files)


def setup_from_bib(app: Sphinx) -> None:
    app.connect("builder-inited", find_bib_files)
