"""The documentation (the demo site) builds cleanly with -n -W."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import sphinx_bibtex

DOCS = Path(__file__).parent.parent / "docs"


def test_docs_build_nitpicky_without_warnings(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-n",
            "-W",
            "--keep-going",
            "-q",
            "-d",
            str(tmp_path / "doctrees"),
            str(DOCS),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads((tmp_path / "html" / "papernotes.json").read_text(encoding="utf-8"))
    notes = data["notes"]
    assert len(notes) >= 12
    # The example collection exercises backlinks: every note is cited somewhere.
    cited = [note for note in notes if note["referenced_by"]]
    assert len(cited) >= 11


@pytest.mark.skipif(
    shutil.which("bibtex") is None or shutil.which("biber") is None,
    reason="bibtex or biber is not installed (apt-get install texlive-base biber)",
)
def test_docs_bib_passes_bibtex_and_biber(tmp_path: Path) -> None:
    """The demo's own papernotes.bib: no warning from either real tool."""
    out = tmp_path / "bib"
    result = sphinx_bibtex(DOCS, out, tmp_path / "d")
    assert result.returncode == 0, result.stderr
    (out / "t.aux").write_text("\\citation{*}\n\\bibdata{papernotes}\n\\bibstyle{plain}\n")
    bibtex = subprocess.run(["bibtex", "t"], cwd=out, capture_output=True, text=True, check=False)
    assert bibtex.returncode == 0, bibtex.stdout
    assert "Warning" not in (out / "t.blg").read_text()
    biber = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "papernotes.bib"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert biber.returncode == 0
    assert not [line for line in biber.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]
