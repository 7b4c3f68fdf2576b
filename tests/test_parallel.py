"""A ``-j 2`` build writes exactly what a serial build writes."""

from __future__ import annotations

import re
from pathlib import Path

from .corpus import write_corpus
from .helpers import MakeApp, build, html_pages, status_of, warnings_of


def test_parallel_equals_serial(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = write_corpus(tmp_path / "src", 40)
    serial = build(make_app, srcdir, builddir=tmp_path / "serial")
    parallel = build(make_app, srcdir, builddir=tmp_path / "parallel", parallel=2)
    assert warnings_of(serial) == warnings_of(parallel) == ""
    # chunks of documents ("a .. b") are what parallel reading and writing report
    assert re.search(r"reading sources.*\] \S+ \.\. ", status_of(parallel))
    assert re.search(r"writing output.*\] \S+ \.\. ", status_of(parallel))
    got, want = html_pages(Path(parallel.outdir)), html_pages(Path(serial.outdir))
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name] == want[name], name
    assert (Path(parallel.outdir) / "papernotes.json").read_text() == (
        Path(serial.outdir) / "papernotes.json"
    ).read_text()
    assert (Path(parallel.outdir) / "objects.inv").read_bytes() == (
        Path(serial.outdir) / "objects.inv"
    ).read_bytes()
    full = Path(parallel.outdir) / "llms-full.txt"  # comments merged from every worker
    assert "### Comment" in full.read_text()
    assert full.read_text() == (Path(serial.outdir) / "llms-full.txt").read_text()
