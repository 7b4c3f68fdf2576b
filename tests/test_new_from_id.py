"""``papernotes new ID-OR-URL``: metadata fetched from arXiv, doi.org and OpenReview.

A server on the loopback address plays the three services, answering in
each API's documented shape (arXiv's Atom feed, CSL-JSON by content
negotiation, OpenReview API v2 notes); the base URLs point at it through
the environment, so no test touches the network.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from sphinx_papernotes.cli import main
from sphinx_papernotes.importers.fetch import (
    FetchError,
    identify,
    openreview_venue,
    parse_arxiv,
    parse_csl,
)

from .helpers import MakeApp, build, garbage_server, read_json, warnings_of

# Abstracts written for these tests; odd characters on purpose.
ATTENTION_ABSTRACT = (
    "A sequence model built only from attention, with no recurrence and no "
    "convolution. It trains faster and translates better; see <script>alert(1)</script>, "
    "{note}`1` and $x^2$ for *effect*.\n    % not a comment: 50% of [links](javascript:x)."
)
ARXIV_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"
      xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <title type="html">ArXiv Query: id_list=1706.03762</title>
  <opensearch:totalResults>1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/1706.03762v7</id>
    <updated>2023-08-02T00:41:18Z</updated>
    <published>2017-06-12T17:57:34Z</published>
    <title>Attention Is All You
  Need</title>
    <summary>{abstract}</summary>
    <author><name>Ashish Vaswani</name></author>
    <author><name>Noam Shazeer</name></author>
    <author><name>Niki Parmar</name></author>
    <author><name>Jakob Uszkoreit</name></author>
    <author><name>Llion Jones</name></author>
    <author><name>Aidan N. Gomez</name></author>
    <author><name>Łukasz Kaiser</name></author>
    <author><name>Illia Polosukhin</name></author>
    <arxiv:comment>15 pages, 5 figures</arxiv:comment>
    <link href="http://arxiv.org/abs/1706.03762v7" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/1706.03762v7" rel="related"/>
    <arxiv:primary_category term="cs.CL"/>
  </entry>
</feed>
"""
ARXIV_ERROR = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_9999.99999</id>
    <title>Error</title>
    <summary>incorrect id format for 9999.99999</summary>
  </entry>
</feed>
"""
ARXIV_EMPTY = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title></feed>
"""
CSL = {
    "type": "article-journal",
    "DOI": "10.5555/flows.2021",
    "title": "Normalizing <i>Flows</i> for Probabilistic Modeling",
    "author": [
        {"given": "Ada", "family": "Lovelace"},
        {"given": "Ludwig", "non-dropping-particle": "van", "family": "Beethoven"},
        {"literal": "The Flow Consortium"},
    ],
    "container-title": "Journal of Machine Learning Research",
    "issued": {"date-parts": [[2021, 3]]},
    "abstract": "<jats:title>Abstract</jats:title><jats:p>Flows map a simple density "
    "onto a complex one.</jats:p><jats:p>Second paragraph &amp; more.</jats:p>",
}
OPENREVIEW = {
    "notes": [
        {
            "id": "sgAp2qG86e",
            "forum": "sgAp2qG86e",
            "cdate": 1727000000000,
            "pdate": 1737500000000,
            "content": {
                "title": {"value": "JetFormer: An Autoregressive Generative Model of Raw Images"},
                "authors": {"value": ["Michael Tschannen", "André Susano Pinto"]},
                "abstract": {"value": "Images and text in one decoder."},
                "venue": {"value": "ICLR 2025 Poster"},
                "venueid": {"value": "ICLR.cc/2025/Conference"},
            },
        }
    ]
}


class Services(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - the paths asked for, shared by the test module

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, code: int, body: str, kind: str) -> None:
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        Services.hits.append(self.path)
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path == "/arxiv/query":
            ident = query.get("id_list", [""])[0]
            if ident == "1706.03762":
                abstract = ATTENTION_ABSTRACT.replace("&", "&amp;").replace("<", "&lt;")
                self._send(200, ARXIV_FEED.format(abstract=abstract), "application/atom+xml")
            elif ident == "9999.99999":
                self._send(200, ARXIV_ERROR, "application/atom+xml")
            elif ident == "2001.00001":
                time.sleep(1.5)
                self._send(200, ARXIV_EMPTY, "application/atom+xml")
            else:
                self._send(200, ARXIV_EMPTY, "application/atom+xml")
        elif parts.path.startswith("/doi/"):
            doi = unquote(parts.path.removeprefix("/doi/"))
            if doi == CSL["DOI"] and "citationstyles.csl+json" in self.headers["Accept"]:
                self._send(200, json.dumps(CSL), "application/vnd.citationstyles.csl+json")
            else:
                self._send(404, "DOI not found", "text/plain")
        elif parts.path == "/openreview/notes":
            found = query.get("id", [""])[0] == "sgAp2qG86e"
            self._send(200, json.dumps(OPENREVIEW if found else {"notes": []}), "application/json")
        else:
            self._send(500, "unexpected", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Services)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def services(server: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.setenv("PAPERNOTES_ARXIV_API", f"{server}/arxiv/query")
    monkeypatch.setenv("PAPERNOTES_DOI_API", f"{server}/doi/")
    monkeypatch.setenv("PAPERNOTES_OPENREVIEW_API", f"{server}/openreview")
    monkeypatch.setenv("PAPERNOTES_CACHE_DIR", str(tmp_path / "cache"))
    Services.hits.clear()
    return server


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def project(root: Path) -> Path:
    (root / "notes").mkdir(parents=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_papernotes"]\n'
        'myst_enable_extensions = ["colon_fence"]\nproject = "new"\n'
        'suppress_warnings = ["papernotes.bibtex"]\n',
        encoding="utf-8",
    )
    (root / "index.md").write_text(
        "# Notes\n\n```{toctree}\n:glob:\n\nnotes/*\n```\n", encoding="utf-8"
    )
    return root


def test_new_from_arxiv_builds_with_fetched_fields(
    services: str, make_app: MakeApp, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path / "src")
    notes = root / "notes"
    (notes / "41.md").write_text(":::{paper-note} 41\n:title: Before\n:::\n", encoding="utf-8")
    code, out, err = run(capsys, "new", "1706.03762", "--dir", notes, "--date", "2025-01-02")
    assert (code, err) == (0, "")
    assert out == f"{notes / '42.md'}\n"
    text = (notes / "42.md").read_text(encoding="utf-8")
    assert ":venue: arXiv'17\n:year: 2017\n:date: 2025-01-02\n:arxiv: 1706.03762\n" in text
    assert "::::{paper-note} 42\n" in text and ":::{dropdown} Abstract\n" in text

    # The same paper again (--force: it is noted already) comes from the cache;
    # the server is not asked twice.
    asked = len(Services.hits)
    again = run(capsys, "new", "https://arxiv.org/abs/1706.03762", "--force", "--dir", notes)
    assert again[0] == 0
    assert len(Services.hits) == asked
    (notes / "43.md").unlink()

    app = build(make_app, root)
    assert warnings_of(app) == ""
    note = next(n for n in read_json(app)["notes"] if n["id"] == "42")
    assert note["title"] == "Attention Is All You Need"
    assert note["authors"][0] == "Ashish Vaswani" and len(note["authors"]) == 8
    assert note["authors"][6] == "Łukasz Kaiser"
    assert (note["venue"], note["year"], note["date"]) == ("arXiv", 2017, "2025-01-02")
    assert note["links"] == {"arxiv": "https://arxiv.org/abs/1706.03762"}
    page = BeautifulSoup((Path(app.outdir) / "notes" / "42.html").read_text(), "html.parser")
    assert page.find("h1").get_text(strip=True).startswith("Attention Is All You Need")
    shown_text = page.get_text(" ")
    assert "Vaswani et al." in shown_text or "Ashish Vaswani" in shown_text
    assert "arXiv 2017" in " ".join(shown_text.split())
    details = page.find("details")
    assert details is not None and details.find("summary").get_text(strip=True) == "Abstract"
    assert details.get("open") is None  # collapsed
    shown = " ".join(details.find("div").get_text(" ").split())
    assert shown.replace(" ,", ",").replace(" .", ".") == " ".join(ATTENTION_ABSTRACT.split())
    assert page.find("script", string=lambda s: s and "alert" in s) is None


def test_new_from_doi_and_openreview(
    services: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "new", "--doi", "10.5555/flows.2021", "--dir", tmp_path)
    assert code == 0
    text = Path(out.strip()).read_text(encoding="utf-8")
    assert ":title: Normalizing Flows for Probabilistic Modeling\n" in text
    assert ":authors: Ada Lovelace; Ludwig van Beethoven; The Flow Consortium\n" in text
    assert ":venue: Journal of Machine Learning Research\n:year: 2021\n" in text
    assert ":doi: 10.5555/flows.2021\n" in text
    assert "Flows map a simple density onto a complex one.\n\nSecond paragraph \\& more." in text

    url = "https://openreview.net/forum?id=sgAp2qG86e"
    code, out, _ = run(capsys, "new", url, "--dir", tmp_path, "--tags", "ComputerVision")
    assert code == 0
    text = Path(out.strip()).read_text(encoding="utf-8")
    assert ":authors: Michael Tschannen; André Susano Pinto\n:venue: ICLR'25\n" in text
    assert ":tags: ComputerVision\n" in text and ":openreview: sgAp2qG86e\n" in text


def test_options_win_and_offline_fetches_nothing(
    services: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "new", "1706.03762", "--dir", tmp_path, "--title", "Mine", "--venue", "NeurIPS'17"
    )
    text = Path(out.strip()).read_text(encoding="utf-8")
    assert ":title: Mine\n:authors: Ashish Vaswani;" in text
    assert ":venue: NeurIPS'17\n:date:" in text  # no :year: beside the venue given
    Services.hits.clear()
    code, out, _ = run(capsys, "new", "--openreview", "abcDEF123", "--offline", "--dir", tmp_path)
    assert code == 0 and Services.hits == []
    text = Path(out.strip()).read_text(encoding="utf-8")
    assert ":title: Untitled\n" in text and ":openreview: abcDEF123\n" in text
    assert "dropdown" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["9999.99999"], "arXiv 9999.99999: not found on arXiv (incorrect id format"),
        (["2101.00002"], "arXiv 2101.00002: not found on arXiv"),
        (["--doi", "10.5555/missing"], "DOI 10.5555/missing: not found (127.0.0.1"),
        (["--openreview", "nothere"], "OpenReview nothere: not found on OpenReview"),
        (["2001.00001", "--timeout", "0.3"], "arXiv 2001.00001: 127.0.0.1"),
    ],
)
def test_failures_are_one_line_and_write_nothing(
    services: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    code, out, err = run(capsys, "new", *args, "--dir", tmp_path / "notes")
    assert (code, out) == (1, "")
    if "--timeout" in args:
        assert "did not answer within 0.3 s" in err
    assert err.startswith("papernotes new: ") and message in err and err.count("\n") == 1
    assert not list(tmp_path.glob("notes/*.md"))


def test_unreachable_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("PAPERNOTES_ARXIV_API", f"http://127.0.0.1:{port}/api/query")
    code, _, err = run(capsys, "new", "1706.03762", "--no-cache", "--dir", tmp_path)
    assert code == 1
    assert err.startswith(f"papernotes new: arXiv 1706.03762: cannot reach 127.0.0.1:{port}")
    assert "--offline" in err and err.count("\n") == 1


def test_a_paper_already_noted_is_not_written_twice(
    services: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes"
    (notes / "deep").mkdir(parents=True)
    held = notes / "deep" / "attention.md"
    held.write_text(
        ":::{paper-note} 5\n:title: Attention\n:arxiv: https://arxiv.org/abs/1706.03762v5\n"
        ":doi: 10.1145/ABC.1\n:::\n",
        encoding="utf-8",
    )
    for args in (
        ["1706.03762"],
        ["arXiv:1706.03762v2"],
        ["--doi", "https://doi.org/10.1145/abc.1"],
    ):
        code, out, err = run(capsys, "new", *args, "--offline", "--dir", notes)
        assert (code, out) == (1, ""), args
        assert err.startswith("papernotes new: ") and f"is already noted in {held}" in err
        assert "--force" in err and err.count("\n") == 1
    assert Services.hits == []  # refused before asking any service
    assert sorted(p.name for p in notes.rglob("*.md")) == ["attention.md"]
    code, out, _ = run(capsys, "new", "1706.03762", "--offline", "--force", "--dir", notes)
    assert code == 0 and out.strip().endswith("6.md")
    code, out, _ = run(capsys, "new", "2411.19722", "--offline", "--dir", notes)
    assert code == 0  # another paper


def test_answer_that_is_not_http_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with garbage_server() as url:
        monkeypatch.setenv("PAPERNOTES_ARXIV_API", f"{url}/api/query")
        code, out, err = run(capsys, "new", "1706.03762", "--no-cache", "--dir", tmp_path)
    assert (code, out) == (1, "")
    assert err == (
        f"papernotes new: arXiv 1706.03762: the answer of {url.removeprefix('http://')} "
        "is not valid HTTP (BadStatusLine)\n"
    )
    assert not list(tmp_path.glob("*.md"))


@pytest.mark.parametrize(
    ("text", "kind", "want"),
    [
        ("2411.19722", None, ("arxiv", "2411.19722")),
        ("arXiv:2411.19722v2", None, ("arxiv", "2411.19722v2")),
        ("https://arxiv.org/pdf/2411.19722.pdf", None, ("arxiv", "2411.19722")),
        ("hep-th/9901001", None, ("arxiv", "hep-th/9901001")),
        ("10.1145/3597503.3639187", None, ("doi", "10.1145/3597503.3639187")),
        ("https://doi.org/10.1000/a%2Fb", None, ("doi", "10.1000/a/b")),
        ("https://openreview.net/pdf?id=sgAp2qG86e", None, ("openreview", "sgAp2qG86e")),
        ("sgAp2qG86e", "openreview", ("openreview", "sgAp2qG86e")),
    ],
)
def test_identify(text: str, kind: str | None, want: tuple[str, str]) -> None:
    found = identify(text, kind)
    assert (found.kind, found.value) == want


@pytest.mark.parametrize(
    "args",
    [
        ["sgAp2qG86e"],
        ["--doi", "2411.19722"],
        ["2411.19722", "--doi", "10.1/x"],
        ["2411.19722", "--timeout", "0"],
    ],
)
def test_bad_identifiers_are_usage_errors(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new", *args, "--dir", tmp_path)
    assert (code, out) == (2, "")
    assert "usage: papernotes new" in err


def test_parsers_refuse_foreign_answers() -> None:
    with pytest.raises(FetchError, match="not answer with an Atom feed"):
        parse_arxiv(b"<html><body>", "1")
    with pytest.raises(FetchError, match="not CSL-JSON"):
        parse_csl(b"<html>", "10.1/x")
    with pytest.raises(FetchError, match="no title"):
        parse_csl(b'{"author": []}', "10.1/x")


@pytest.mark.parametrize("served", ["javascript:alert(1)", "10.1/x y", "not a doi", 7, ""])
def test_a_doi_the_server_gives_is_checked(served: object) -> None:
    body = json.dumps({"title": "T", "DOI": served}).encode()
    assert parse_csl(body, "10.1145/3597503.3639187").links == {"doi": "10.1145/3597503.3639187"}
    good = json.dumps({"title": "T", "DOI": "10.1145/3597503.3639187"}).encode()
    assert parse_csl(good, "10.1145/3597503.3639187x").links["doi"] == "10.1145/3597503.3639187"


@pytest.mark.parametrize(
    ("venue_id", "venue", "want"),
    [
        ("ICLR.cc/2025/Conference", "ICLR 2025 Poster", ("ICLR'25", 2025)),
        ("NeurIPS.cc/2023/Workshop/SSL", "", ("NeurIPS'23 Workshop", 2023)),
        ("ICLR.cc/2024/Conference/Rejected_Submission", "Submitted to ICLR 2024", ("", 2024)),
        ("", "", ("", None)),
    ],
)
def test_openreview_venue(venue_id: str, venue: str, want: tuple[str, int | None]) -> None:
    assert openreview_venue(venue_id, venue) == want
