"""Every builder of the SPEC builds a project using every field and role."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .helpers import build_once, warnings_of

BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo"]


@pytest.fixture(scope="module", params=BUILDERS)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SphinxTestApp]:
    yield build_once("allfields", tmp_path_factory, builder=request.param)


def all_output(app: SphinxTestApp) -> str:
    texts = []
    for path in Path(app.outdir).rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xhtml", ".tex", ".txt", ".1", ".texi"}:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def test_builds_without_warnings(built: SphinxTestApp) -> None:
    assert warnings_of(built) == ""
    text = all_output(built)
    assert "Attention Is All You Need" in text
    assert "A third note on the index page" in text
    assert "Vaswani" in text
    assert "BERT" in text


def test_site_builders_write_json_with_their_urls(built: SphinxTestApp) -> None:
    path = Path(built.outdir) / "papernotes.json"
    if built.builder.name not in ("html", "dirhtml", "singlehtml"):
        assert not path.exists()
        return
    notes = {note["id"]: note for note in json.loads(path.read_text())["notes"]}
    expected = {
        "html": "notes/101.html#note-101",
        "dirhtml": "notes/101/#note-101",
        "singlehtml": "index.html#note-101",
    }[built.builder.name]
    assert notes["101"]["url"] == expected
    assert notes["102"]["title"] == "BERT"
    assert notes["103"]["year"] == 1843 and notes["103"]["venue"] is None
    assert notes["104"]["references"] == ["103"]
    assert notes["103"]["referenced_by"] == ["104"]
    assert notes["101"]["bibkey"] == "vaswani2017attention"
    assert set(notes["101"]["links"]) == {"arxiv", "openreview", "doi", "url", "code", "pdf"}
