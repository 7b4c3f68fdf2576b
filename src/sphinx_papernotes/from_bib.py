"""``:from-bib:``: fill a note from an entry of the project's BibTeX files.

The files are the ones sphinxcontrib-bibtex reads (``bibtex_bibfiles``,
relative to the folder of ``conf.py``), parsed with the same library
(pybtex). We never load sphinxcontrib-bibtex ourselves: it refuses to run
without ``bibtex_bibfiles``. Every note that uses ``from-bib`` depends on
those files, so editing the ``.bib`` re-reads exactly those notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import BibliographyData, Entry, PybtexError, parse_file
from sphinx.application import Sphinx

from .domain import get_domain


@dataclass
class BibSources:
    """The project's ``.bib`` files and their parsed entries, for this process only."""

    files: list[Path] = field(default_factory=list)
    parsed: dict[Path, tuple[float, BibliographyData | None, str]] = field(default_factory=dict)

    def load(self, path: Path) -> tuple[BibliographyData | None, str]:
        """Parsed data (or ``None`` and the reason), re-read when the file changes."""
        try:
            mtime = path.stat().st_mtime
        except OSError:
            return None, f"cannot read {path}"
        cached = self.parsed.get(path)
        if cached is None or cached[0] != mtime:
            try:
                cached = (mtime, parse_file(str(path), bib_format="bibtex"), "")
            except (PybtexError, OSError, UnicodeDecodeError) as error:
                cached = (mtime, None, f"cannot parse {path.name}: {error}")
            self.parsed[path] = cached
        return cached[1], cached[2]

    def find(self, key: str) -> tuple[Entry | None, list[str]]:
        """The entry for ``key`` (BibTeX keys ignore case) and any file problems."""
        problems = []
        for path in self.files:
            data, problem = self.load(path)
            if data is None:
                problems.append(problem)
                continue
            for candidate, entry in data.entries.items():
                if candidate.lower() == key.lower():
                    return entry, problems
        return None, problems


def find_bib_files(app: Sphinx) -> None:
    """``builder-inited``: where the project's ``.bib`` files are, if it has any."""
    files: list[Path] = []
    if "bibtex_bibfiles" in app.config:
        names = app.config.bibtex_bibfiles or []
        files = [(Path(app.confdir) / name).resolve() for name in names]
    get_domain(app.env).bib_sources = BibSources(files)


def setup_from_bib(app: Sphinx) -> None:
    app.connect("builder-inited", find_bib_files)
