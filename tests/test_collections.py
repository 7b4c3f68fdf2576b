"""Notes of other collections: a handbook citing and listing a lab's notes.

The lab is a second project built for real; its output folder is served by
a server on the loopback address (as a URL collection) and also read from
disk (as a path collection). No test touches the network.
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_papernotes.model.external import read_collection

from .helpers import MakeApp, build, copy_root, garbage_server, warnings_of

HANDBOOK = """\
# Handbook

Read {note}`lab:2432`, {note}`the flow paper <lab:1834>` and {note}`shelf:1834`.

```{note-list}
:collection: lab
:tags: normalizingflow
:sort: id
```

```{tag-index}
:collection: lab
```

```{venue-list}
:collection: all
```
"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Server:
    """A static file server for the lab's output folder, stoppable mid-test."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(Quiet, directory=str(folder))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lab's built site (the basic test project)."""
    srcdir = copy_root("basic", tmp_path_factory.mktemp("lab"))
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


@pytest.fixture
def server(lab: Path) -> Iterator[Server]:
    served = Server(lab)
    yield served
    served.stop()


def handbook(root: Path, collections: dict[str, str], **settings: Any) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    lines = [
        'extensions = ["myst_parser", "sphinx_papernotes"]',
        'myst_enable_extensions = ["colon_fence"]',
        'project = "handbook"',
        f"papernotes_collections = {collections!r}",
        *(f"{name} = {value!r}" for name, value in settings.items()),
    ]
    (root / "conf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "index.md").write_text(HANDBOOK, encoding="utf-8")
    return root


def page(app: SphinxTestApp) -> BeautifulSoup:
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def external_links(soup: BeautifulSoup) -> list[tuple[str, str, str | None]]:
    return [
        (a.get_text(" ", strip=True), a["href"], a.get("title"))
        for a in soup.select("a.pn-external")
    ]


def test_handbook_cites_and_lists_the_lab(
    server: Server, lab: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    root = handbook(
        tmp_path / "handbook",
        {"lab": server.url, "shelf": str(lab)},
        papernotes_collections_cache_days=0,
    )
    app = build(make_app, root)
    assert warnings_of(app) == ""
    soup = page(app)
    links = external_links(soup)
    jet = "JetFormer: An Autoregressive Generative Model of Raw Images and Text"
    real_nvp = "Density estimation using Real NVP"
    assert links[:2] == [
        (jet, f"{server.url}notes/2432.html#note-2432", "Tschannen et al., ICLR 2025"),
        ("the flow paper", f"{server.url}notes/1834.html#note-1834", "Dinh et al., ICLR 2017"),
    ]
    assert (links[2][0], links[2][2]) == (real_nvp, "Dinh et al., ICLR 2017")
    # The path collection links relatively, to a file that exists beside our site.
    relative = links[2][1]
    assert not relative.startswith(("http", "/"))
    assert (Path(app.outdir) / relative.partition("#")[0]).resolve() == (
        lab / "notes" / "1834.html"
    ).resolve()

    # note-list :collection: lab :tags: normalizingflow (case ignored), linking out.
    listing = soup.select("ul.pn-note-list")[0]
    assert [a.get_text() for a in listing.select("a.pn-note-ref")] == [real_nvp, jet]
    assert all(a["href"].startswith(server.url) for a in listing.select("a.pn-note-ref"))
    # tag-index :collection: lab: the lab's tags and counts, as text (no page here).
    cloud = soup.select_one("ul.pn-tag-cloud")
    assert "NormalizingFlow (2)" in cloud.get_text("", strip=True).replace("(", " (")
    assert cloud.find("a") is None
    # venue-list :collection: all: ours (none) and both collections' notes.
    venues = soup.select_one("ul.pn-venue-index").get_text("", strip=True)
    assert venues.startswith("ICLR(4):2025(2),2017(2)")

    # The server is gone: the cached copy serves, and the build says so.
    server.stop()
    again = build(make_app, root, freshenv=True)
    warnings = warnings_of(again)
    assert f"{server.url}papernotes.json: WARNING: collection 'lab': unreachable" in warnings
    assert "using the copy from" in warnings and "[papernotes.collection]" in warnings
    assert external_links(page(again))[:2] == links[:2]


def test_path_collection_is_a_build_dependency(
    lab: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    copy = tmp_path / "lab-site"
    shutil.copytree(lab, copy)
    root = handbook(tmp_path / "handbook", {"lab": str(copy), "shelf": str(copy)})
    builddir = tmp_path / "build"
    first = build(make_app, root, builddir=builddir)
    assert "Density estimation using Real NVP" in page(first).get_text()
    # Builders without pages show the notes of a local collection as text.
    text = build(make_app, root, "text", builddir=tmp_path / "text-build")
    assert warnings_of(text) == ""
    written = " ".join((Path(text.outdir) / "index.txt").read_text(encoding="utf-8").split())
    assert (
        "Read *JetFormer: An Autoregressive Generative Model of Raw Images and Text*," in written
    )
    assert "the flow paper" in written and "lab-site" not in written

    export = copy / "papernotes.json"
    data = json.loads(export.read_text(encoding="utf-8"))
    for note in data["notes"]:
        if note["id"] == "1834":
            note["title"] = "Real NVP, retitled <script>alert(1)</script>"
    export.write_text(json.dumps(data), encoding="utf-8")
    second = build(make_app, root, builddir=builddir)
    soup = page(second)
    text = soup.get_text()
    assert "Real NVP, retitled <script>alert(1)</script>" in text  # shown as text
    assert "Density estimation" not in text
    assert not [tag for tag in soup.find_all("script") if "alert" in tag.get_text()]

    # Broken data: a warning at the file, and the last good copy is used.
    export.write_text('{"schema": 2, "notes": []}', encoding="utf-8")
    third = build(make_app, root, builddir=builddir, freshenv=True)
    assert f"{export}:1: WARNING: collection 'lab': not a papernotes.json export (schema 2" in (
        warnings_of(third)
    )
    assert "Real NVP, retitled" in page(third).get_text()


def test_unknown_collections_and_first_build_failures(make_app: MakeApp, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    odd = tmp_path / "odd.json"
    odd.write_text(
        '{"schema": 1, "notes": [{"id": "1", "url": "javascript:x"}, {"id": "2", "url": "a"}]}',
        encoding="utf-8",
    )
    root = handbook(
        tmp_path / "handbook",
        {"lab": str(missing), "bad:name": "x", "shelf": 3, "odd": str(odd)},
    )
    (root / "index.md").write_text(
        HANDBOOK + "\n```{note-list}\n:collection: nope\n```\n", encoding="utf-8"
    )
    app = build(make_app, root)
    warnings = warnings_of(app)
    assert (
        f"{missing / 'papernotes.json'}:1: WARNING: collection 'lab': no such file "
        "(build that site first); its notes are unknown in this build [papernotes.collection]"
    ) in warnings
    assert "'bad:name' is not a usable collection name" in warnings
    assert (
        f"{odd}:1: WARNING: collection 'odd': 1 entry without a valid id and address left out"
    ) in warnings
    assert "papernotes_collections['shelf'] must be a URL or a path" in warnings
    assert "unknown collection 'nope'" in warnings and "[papernotes.option]" in warnings
    assert "unknown note 'lab:2432' in a note reference [papernotes.ref]" in warnings
    assert "JetFormer" not in page(app).get_text()


def test_answers_that_are_not_http_or_too_deep_fall_back_to_the_cache(
    lab: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with garbage_server() as url:
        root = handbook(
            tmp_path / "handbook",
            {"lab": url + "/", "deep": str(deep)},
            papernotes_collections_cache_days=0,
        )
        first = build(make_app, root)
        warnings = warnings_of(first)
        assert (
            f"{url}/papernotes.json: WARNING: collection 'lab': the server's answer is not "
            "valid HTTP (BadStatusLine); its notes are unknown in this build"
        ) in warnings
        assert f"{deep}:1: WARNING: collection 'deep': the file is not JSON" in warnings
        assert "Traceback" not in warnings
        # A copy kept from an earlier build serves while the server talks nonsense.
        from sphinx_papernotes.other_collections import _cache_file

        cache = _cache_file(first, "lab")
        cache.parent.mkdir(parents=True, exist_ok=True)
        text = (lab / "papernotes.json").read_text(encoding="utf-8")
        cache.write_text(
            json.dumps({"location": f"{url}/papernotes.json", "fetched": 0, "text": text}),
            encoding="utf-8",
        )
        again = build(make_app, root, freshenv=True)
    warnings = warnings_of(again)
    assert "collection 'lab': the server's answer is not valid HTTP" in warnings
    assert "using the copy from 1970-01-01" in warnings
    assert "JetFormer" in page(again).get_text()


def test_file_urls_are_paths_and_other_schemes_are_refused(
    lab: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    root = handbook(
        tmp_path / "handbook",
        {"lab": lab.as_uri() + "/", "shelf": "ftp://lab.example.org/", "far": "file://host/x"},
    )
    app = build(make_app, root)
    warnings = warnings_of(app)
    assert "papernotes_collections['shelf'] = 'ftp://lab.example.org/': only http(s)" in warnings
    assert "papernotes_collections['far'] = 'file://host/x': a file URL must name" in warnings
    assert "collection 'lab'" not in warnings  # read from the folder the URL names
    assert not (root / "file:").exists()
    relative = external_links(page(app))[0][1]
    assert (Path(app.outdir) / relative.partition("#")[0]).resolve() == (
        lab / "notes" / "2432.html"
    ).resolve()


def test_read_collection_checks_every_entry() -> None:
    data = {
        "schema": 1,
        "notes": [
            {"id": "1", "title": "<b>One</b>", "url": "notes/1.html#note-1", "year": True},
            {"id": "2", "title": "Evil", "url": "javascript:alert(1)"},
            {"id": "3", "title": "Outside", "url": "../../etc/passwd"},
            {"id": "bad id", "url": "notes/x.html"},
            {"id": "4", "title": "Abs", "url": "https://elsewhere.example/4", "tags": ["A", 5]},
            "not a note",
        ],
    }
    found = read_collection("lab", data, "https://lab.example.org/notes/")
    assert [note.id for note in found.notes] == ["1", "4"]
    assert found.skipped == 4
    assert found.urls == {
        "1": "https://lab.example.org/notes/notes/1.html#note-1",
        "4": "https://elsewhere.example/4",
    }
    assert found.by_id["1"].title == "<b>One</b>" and found.by_id["1"].year is None
    assert found.by_id["4"].tags == ("A",)


def test_parallel_build_equals_serial(lab: Path, make_app: MakeApp, tmp_path: Path) -> None:
    root = handbook(tmp_path / "handbook", {"lab": str(lab), "shelf": str(lab)})
    toctree = "\n".join(f"page{index}" for index in range(12))
    (root / "index.md").write_text(
        HANDBOOK + f"\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8"
    )
    for index in range(12):
        (root / f"page{index}.md").write_text(
            f"# Page {index}\n\nSee {{note}}`lab:{1834 if index % 2 else 2432}`.\n\n"
            "```{note-list}\n:collection: all\n```\n",
            encoding="utf-8",
        )
    serial = build(make_app, root, builddir=tmp_path / "serial")
    parallel = build(make_app, root, builddir=tmp_path / "parallel", parallel=2)
    assert warnings_of(serial) == warnings_of(parallel) == ""
    for index in range(12):
        name = f"page{index}.html"
        got = (Path(parallel.outdir) / name).read_text(encoding="utf-8")
        assert got == (Path(serial.outdir) / name).read_text(encoding="utf-8"), name
        assert "pn-external" in got
