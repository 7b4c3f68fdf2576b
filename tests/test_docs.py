"""The documentation (the demo site) builds cleanly with -n -W."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
