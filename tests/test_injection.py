"""Injection battery: no field of a note can inject markup, scripts or unsafe links.

A generated project puts payloads (``<script>``, ``"><img onerror>``,
``javascript:`` and ``data:`` URLs, quotes, ``&``, BibTeX/LaTeX specials,
``</title>``, ``]]>``) into every text field of every note, into tag and
venue names, ids where the syntax allows, link values, role targets and
listing filters. The same project without payloads is built beside it, to
know which scripts the theme and Sphinx legitimately put on a page. Every
page is then read with a real HTML parser.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import bibtexparser
import feedparser
import pytest
from bs4 import BeautifulSoup, Tag
from pybtex.database import parse_string
from sphinx.testing.util import SphinxTestApp

from .helpers import build, read_json, warnings_of

pytestmark = pytest.mark.hardening

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
DATA_URL = "data:text/html,<script>alert(1)</script>"
SPECIALS = "\\ { } % & # _ $ ~ ^"
PAYLOADS = (SCRIPT, IMG, JS_URL, DATA_URL, "a & b &amp; \"q\" 'q'", SPECIALS, "</title>", "]]>")
ALL = " ".join(PAYLOADS)

# Elements a field could smuggle in; none may appear unless the clean build has it.
ACTIVE = ("script", "img", "iframe", "object", "embed", "svg", "math", "form", "base", "meta")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset")


def note(note_id: str, fields: dict[str, str], body: str = "Body.") -> str:
    options = "".join(f":{name}: {value}\n" for name, value in fields.items())
    return f":::{{paper-note}} {note_id}\n{options}\n{body}\n:::\n"


def write_project(root: Path, payload: bool, theme: str) -> Path:
    """The injection project; with ``payload=False``, the same shape with plain text."""

    def p(text: str, plain: str = "plain") -> str:
        return text if payload else plain

    root.mkdir(parents=True)
    (root / "notes").mkdir()
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_papernotes"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        f"project = {p('Notes ' + SCRIPT, 'Notes')!r}\n"
        'html_baseurl = "https://example.org/docs/"\n'
        f"html_theme = {theme!r}\n"
        'exclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    (root / "index.md").write_text(
        "# Injection\n\n```{toctree}\n:glob:\n\nlists\nnotes/*\n```\n", encoding="utf-8"
    )
    every_field = {
        "title": p(f"Title {ALL}", "Plain title"),
        "authors": p(f"{SCRIPT}; {IMG}; O'Brien & Sons {SPECIALS}; {JS_URL}", "Ann Author; Bo B"),
        "venue": p(f"{IMG}'24", "ICLR'24"),
        "date": "2024-05-01",
        "tags": p(f'{SCRIPT}, {IMG}, {JS_URL}, </title>, ]]>, {SPECIALS}, a&b, "q"', "Plain"),
        "summary": p(f"{ALL} [link]({JS_URL}) <img src=x onerror=alert(2)> {{{{ x }}}}", "Sum."),
        "url": p(JS_URL, "https://example.org/paper"),
        "code": p(DATA_URL, "https://example.org/code"),
        "pdf": p(f'https://example.org/x?a="{IMG}', "https://example.org/p.pdf"),
        "doi": p(f"10.1000/{SCRIPT}", "10.1000/xyz"),
        "arxiv": p(JS_URL, "2401.00001"),
        "openreview": p(IMG, "abcdEFGH12"),
        "bibkey": p(SCRIPT, "plainkey"),
        "pick": p(IMG, "yes"),
    }
    body = "Cites {note}`inj.2_x-y` and " + p(
        f"{{tag}}`{SCRIPT}`, {{venue}}`{IMG}` and {{note}}`{IMG}`.", "{tag}`Plain`."
    )
    notes = {
        "1": note("inj-1", every_field, body),
        # An id with every character the syntax allows, and a valid odd bibkey.
        "2": note(
            "inj.2_x-y",
            {
                "title": p(f"{IMG} second", "Second"),
                "authors": p(f"{SPECIALS} and {SCRIPT}", "Cy C and Di D"),
                "venue": p(f"{SCRIPT} Workshop 2023", "NeurIPS Workshop 2023"),
                "date": "2024-05-02",
                "tags": p(f"{SCRIPT}, Plain", "Plain"),
                "summary": p(f"Second {IMG}", "Second."),
                "bibkey": "a:b.c-d_e",
                "url": p(f"https://example.org/{IMG}", "https://example.org/2"),
            },
        ),
        # An id that is itself a payload: kept under a generated id, with a warning.
        "3": note(
            p(IMG, "inj-3"),
            {
                "title": p(f"Third {SCRIPT}", "Third"),
                "date": p(SCRIPT, "2024-05-03"),
                "venue": p(f"{DATA_URL} 2022", "ICML 2022"),
                "tags": p(f"{DATA_URL}, {JS_URL}", "Other"),
            },
        ),
        # A page titled by its heading (MyST would render HTML in a heading as
        # HTML: the page's own markup, not a field, so none here).
        "4": "# Heading\n\n" + note("inj-4", {"date": "2024-05-04", "tags": p(IMG, "Other")}),
    }
    for name, text in notes.items():
        (root / "notes" / f"{name}.md").write_text(text, encoding="utf-8")
    filters = {"tags": p(SCRIPT, "Plain"), "venue": p(IMG, "ICLR")}
    (root / "lists.md").write_text(
        "# Lists\n\n```{tag-index}\n```\n\n```{venue-list}\n```\n\n"
        f"```{{venue-list}} {p(IMG, 'ICLR')}\n```\n\n"
        "```{note-list}\n:format: cards\n```\n\n```{note-list}\n:format: table\n```\n\n"
        f"```{{note-list}}\n:tags: {filters['tags']}\n```\n\n"
        f"```{{note-list}}\n:any-tags: {filters['tags']}\n:venue: {filters['venue']}\n```\n",
        encoding="utf-8",
    )
    return root


def pages(outdir: Path) -> dict[str, BeautifulSoup]:
    return {
        str(path.relative_to(outdir)): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in sorted(outdir.rglob("*.html"))
        if "_static" not in path.parts and "_sources" not in path.parts
    }


def element_signature(element: Tag) -> str:
    """What makes an element legitimate: where it loads from, or its attributes and
    inline text (a ``../`` prefix removed, so pages at any depth compare)."""
    for attribute in ("src", "href"):
        value = element.get(attribute)
        if isinstance(value, str):
            return f"{element.name} {attribute}={relative_to_root(urlsplit(value).path)}"
    attributes = " ".join(
        f"{name}={relative_to_root(' '.join(value) if isinstance(value, list) else value)}"
        for name, value in sorted(element.attrs.items())
    )
    return f"{element.name} {attributes} {' '.join(element.get_text().split())}"


def relative_to_root(value: str) -> str:
    return re.sub(r"^(\.\./)+", "", value)


def legitimate(clean: dict[str, BeautifulSoup]) -> set[str]:
    return {
        element_signature(element) for page in clean.values() for element in page.find_all(ACTIVE)
    }


@pytest.fixture(
    scope="module",
    params=[("html", "alabaster"), ("dirhtml", "alabaster"), ("html", "papernotes")],
    ids=lambda p: f"{p[0]}-{p[1]}",
)
def builds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[SphinxTestApp, SphinxTestApp]]:
    builder, theme = request.param
    base = tmp_path_factory.mktemp(f"injection-{builder}-{theme}")
    injected = build(SphinxTestApp, write_project(base / "payload", True, theme), builder)
    clean = build(SphinxTestApp, write_project(base / "clean", False, theme), builder)
    yield injected, clean


def test_the_build_went_through_and_kept_every_note(
    builds: tuple[SphinxTestApp, SphinxTestApp],
) -> None:
    """The payloads are warned about, never crash the build, and every note is kept."""
    injected, _clean = builds
    warnings = warnings_of(injected)
    assert "Traceback" not in warnings and "Exception" not in warnings
    assert "[papernotes.link]" in warnings and "[papernotes.id]" in warnings
    notes = read_json(injected)["notes"]
    assert len(notes) == 4
    assert {n["id"] for n in notes} >= {"inj-1", "inj.2_x-y", "inj-4"}
    first = next(n for n in notes if n["id"] == "inj-1")
    assert first["title"] == f"Title {ALL}"  # kept as text, not stripped
    assert SCRIPT in first["tags"] and IMG in first["authors"]
    # Only the DOI is accepted (DOIs may hold "<"), percent-encoded; the rest is refused.
    assert first["links"] == {"doi": "https://doi.org/10.1000/%3Cscript%3Ealert(1)%3C/script%3E"}


def test_no_page_has_an_injected_element_or_event_attribute(
    builds: tuple[SphinxTestApp, SphinxTestApp],
) -> None:
    """Every page (notes, listings, tags/, venues/, search, genindex) holds only the
    elements a clean build holds, no ``on*`` attribute, and shows payloads as text."""
    injected, clean = builds
    allowed = legitimate(pages(Path(clean.outdir)))
    found = pages(Path(injected.outdir))
    assert any(name.startswith("tags/") for name in found)
    assert any(name.startswith("venues/") for name in found)
    assert any(name.startswith("search") for name in found)
    for name, page in found.items():
        for element in page.find_all(ACTIVE):
            assert element_signature(element) in allowed, (name, str(element)[:200])
        for element in page.find_all(True):
            events = [attr for attr in element.attrs if attr.lower().startswith("on")]
            assert not events, (name, str(element)[:200])
            style = str(element.get("style", ""))
            assert "javascript:" not in style.lower(), (name, style)
    # The payloads are there, as visible text: escaped, not dropped.
    shown = " ".join(page.get_text() for page in found.values())
    assert SCRIPT in shown and IMG in shown and "</title>" in shown


def test_every_link_is_http_relative_or_a_fragment(
    builds: tuple[SphinxTestApp, SphinxTestApp],
) -> None:
    injected, _clean = builds
    for name, page in pages(Path(injected.outdir)).items():
        for element in page.find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = element.get(attribute)
                if not isinstance(value, str):
                    continue
                # Browsers ignore leading white space and control characters.
                scheme = urlsplit(re.sub(r"^[\x00-\x20]+", "", value)).scheme.lower()
                assert scheme in ("", "http", "https"), (name, attribute, value)


def test_search_index_and_json_are_inert(builds: tuple[SphinxTestApp, SphinxTestApp]) -> None:
    injected, _clean = builds
    outdir = Path(injected.outdir)
    index = (outdir / "searchindex.js").read_text(encoding="utf-8")
    assert "<script" not in index.lower()
    raw = (outdir / "papernotes.json").read_text(encoding="utf-8")
    assert "<" not in raw
    json.loads(raw)


def test_feed_is_well_formed_without_scripts(builds: tuple[SphinxTestApp, SphinxTestApp]) -> None:
    injected, _clean = builds
    text = (Path(injected.outdir) / "feed.xml").read_text(encoding="utf-8")
    root = ET.fromstring(text.encode("utf-8"))
    assert not [el for el in root.iter() if el.tag.rpartition("}")[2].lower() == "script"]
    feed = feedparser.parse(text)
    assert feed.bozo == 0, feed.get("bozo_exception")
    dated = [n for n in read_json(injected)["notes"] if n["date"]]
    assert len(feed.entries) == len(dated) == 3  # note 3's date is a payload
    for entry in feed.entries:
        for link in entry.links:
            assert link.href.startswith("https://example.org/docs/")
    assert any(entry.title == f"Title {ALL}" for entry in feed.entries)


def test_bib_passes_pybtex_and_bibtexparser(builds: tuple[SphinxTestApp, SphinxTestApp]) -> None:
    injected, _clean = builds
    text = (Path(injected.outdir) / "papernotes.bib").read_text(encoding="utf-8")
    assert text.count("{") == text.count("}")
    assert len(parse_string(text, "bibtex").entries) == 4
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert len(library.entries) == 4


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def injected_bib(builds: tuple[SphinxTestApp, SphinxTestApp], tmp_path: Path) -> Path:
    """A folder holding the injected build's papernotes.bib, for the real tools."""
    shutil.copy(Path(builds[0].outdir) / "papernotes.bib", tmp_path / "papernotes.bib")
    return tmp_path


@pytest.mark.skipif(
    shutil.which("bibtex") is None, reason="bibtex is not installed (apt-get install texlive-base)"
)
def test_real_bibtex_accepts_the_bib(injected_bib: Path) -> None:
    tmp_path = injected_bib
    (tmp_path / "all.aux").write_text("\\citation{*}\n\\bibdata{papernotes}\n\\bibstyle{plain}\n")
    result = _run(["bibtex", "all"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error message" not in (tmp_path / "all.blg").read_text()
    assert (tmp_path / "all.bbl").read_text().count("\\bibitem") == 4


@pytest.mark.skipif(
    shutil.which("biber") is None, reason="biber is not installed (apt-get install biber)"
)
def test_real_biber_validates_the_bib(injected_bib: Path) -> None:
    tmp_path = injected_bib
    result = _run(["biber", "--tool", "--validate-datamodel", "papernotes.bib"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert not [line for line in lines if line.startswith("ERROR")], lines
    warned = [line for line in lines if line.startswith("WARN")]
    assert all("Missing mandatory field" in line for line in warned), warned
