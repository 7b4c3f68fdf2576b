"""The directive and roles work from reStructuredText, without MyST."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import build_once, read_json, warnings_of


def test_rst_project(tmp_path_factory: pytest.TempPathFactory) -> None:
    app = build_once("rst", tmp_path_factory)
    assert warnings_of(app) == ""
    notes = {note["id"]: note for note in read_json(app)["notes"]}
    assert notes["8"]["summary"] == (
        "Invertible 1x1 convolutions generalise the fixed permutations of earlier flows."
    )
    assert notes["8"]["references"] == ["7"]
    assert notes["7"]["referenced_by"] == ["8"]
    assert notes["7"]["pick"] is True
    assert notes["7"]["tags"] == ["Flow", "Variational Inference"]
    page = BeautifulSoup((Path(app.outdir) / "flow.html").read_text(), "html.parser")
    h1 = page.find("h1")
    assert h1 is not None
    assert h1.get_text().rstrip("¶") == "Variational Inference with Normalizing Flows"
    index = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    refs = [a.get_text() for a in index.select("a.pn-note-ref")]
    assert refs[:2] == ["Variational Inference with Normalizing Flows", "the other one"]
    # A note on a page with a heading keeps its own heading, below the page's.
    title = index.select_one("article#note-8 .pn-note-title")
    assert title is not None and title.name == "h2"
