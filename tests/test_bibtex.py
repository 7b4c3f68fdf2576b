"""papernotes.bib checked by the real tools: pybtex, bibtexparser, bibtex and biber."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string
from sphinx.testing.util import SphinxTestApp

from sphinx_papernotes.exports.bibtex import note_entry
from sphinx_papernotes.model import Note, parse_authors
from sphinx_papernotes.model.text import clean_text

from .helpers import (
    MakeApp,
    build,
    build_once,
    copy_root,
    read_json,
    sphinx_bibtex,
    status_of,
    warnings_of,
)

# The inverse of the exporter's escapes, so a test can read a value back.
_ESCAPES = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\$": "$",
    r"\%": "%",
    r"\&": "&",
    r"\#": "#",
    r"\_": "_",
}


def decode(value: str) -> str:
    """Undo escapes, drop protective braces, turn {\\'e} accents back into letters."""
    import codecs

    out = []
    index = 0
    while index < len(value):
        for escape, char in _ESCAPES.items():
            if value.startswith(escape, index):
                out.append(f"\x00{ord(char)}\x00")
                index += len(escape)
                break
        else:
            out.append(value[index])
            index += 1
    text = "".join(out)
    text = re.sub(r"\{(\\[^{}]*)\}", lambda m: codecs.decode(m.group(1), "ulatex"), text)
    text = text.replace("{", "").replace("}", "")
    return re.sub("\x00(\\d+)\x00", lambda m: chr(int(m.group(1))), text)


def person_text(person: object) -> str:
    parts = (
        person.first_names  # type: ignore[attr-defined]
        + person.middle_names  # type: ignore[attr-defined]
        + person.prelast_names  # type: ignore[attr-defined]
        + person.last_names  # type: ignore[attr-defined]
        + person.lineage_names  # type: ignore[attr-defined]
    )
    return " ".join(decode(part) for part in parts)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    yield build_once("bibtex", tmp_path_factory)


def bib_text(app: SphinxTestApp) -> str:
    return (Path(app.outdir) / "papernotes.bib").read_text(encoding="utf-8")


def flagged_keys(app: SphinxTestApp) -> set[str]:
    """Keys of the notes the build warned about (papernotes.bibtex)."""
    notes = {(n["docname"], n["id"]): n["bibkey"] for n in read_json(app)["notes"]}
    keys = set()
    for line in warnings_of(app).splitlines():
        match = re.search(
            r"/([\w-]+)\.md:\d+: WARNING: note '(\w+)'.*\[papernotes\.bibtex\]", line
        )
        if match:
            keys.add(notes[(match.group(1), match.group(2))])
    return keys


def test_build_warnings(built: SphinxTestApp) -> None:
    warnings = warnings_of(built)
    assert re.search(
        r"from-bib\.md:20: WARNING: note '23': from-bib 'no-such-key': no entry with that key",
        warnings,
    )
    assert re.search(
        r"hard\.md:35: WARNING: note '6': .*has no author.*\[papernotes\.bibtex\]", warnings
    )
    assert re.search(
        r"hard\.md:40: WARNING: note '7': .*has no year.*\[papernotes\.bibtex\]", warnings
    )
    unexpected = [
        line
        for line in warnings.splitlines()
        if line and "[papernotes.bibtex]" not in line and "no-such-key" not in line
    ]
    assert unexpected == []


def test_pybtex_reads_every_field_back(built: SphinxTestApp) -> None:
    data = parse_string(bib_text(built), "bibtex")
    notes = read_json(built)["notes"]
    assert len(data.entries) == len(notes)
    for note in notes:
        entry = data.entries[note["bibkey"]]
        assert decode(entry.fields["title"]) == note["title"]
        names = [person_text(person) for person in entry.persons.get("author", [])]
        expected = note["authors"] + (["others"] if note["authors_truncated"] else [])
        assert names == expected
        if note["summary"]:
            assert decode(entry.fields["abstract"]) == note["summary"]
        if note["tags"]:
            assert decode(entry.fields["keywords"]) == ", ".join(note["tags"])
        if note["year"]:
            assert entry.fields["year"] == str(note["year"])
        else:
            assert "year" not in entry.fields
    hard = data.entries["canez202450"]
    assert hard.type == "inproceedings"
    assert hard.fields["booktitle"] == "International Conference on Learning Representations"
    assert hard.fields["eprint"] == "2401.00001"
    assert "{LLMs}" in hard.fields["title"]  # capitals protected
    assert data.entries["openai2023scaling"].persons["author"][0].last_names == ["{OpenAI}"]
    assert data.entries["shop2022workshop"].type == "misc"
    assert decode(data.entries["shop2022workshop"].fields["howpublished"]) == "NeurIPS Workshop"


def test_keys_are_unique_deterministic_and_explicit_keys_win(built: SphinxTestApp) -> None:
    notes = {note["id"]: note["bibkey"] for note in read_json(built)["notes"]}
    assert notes["3"] == "doe2023scalinga" and notes["4"] == "doe2023scalingb"
    assert notes["9"] == "Vaswani2017Attention"  # explicit
    assert notes["20"] == "vaswani2017attentiona"  # generated, clashed with it ignoring case
    keys = [key.lower() for key in notes.values()]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z0-9_:.-]+", key) for key in keys)


def test_bibtexparser_has_no_failed_blocks(built: SphinxTestApp) -> None:
    library = bibtexparser.parse_string(bib_text(built))
    assert library.failed_blocks == []
    assert len(library.entries) == len(read_json(built)["notes"])


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(
    shutil.which("bibtex") is None, reason="bibtex is not installed (apt-get install texlive-base)"
)
def test_real_bibtex_accepts_the_file(built: SphinxTestApp, tmp_path: Path) -> None:
    shutil.copy(Path(built.outdir) / "papernotes.bib", tmp_path / "papernotes.bib")
    (tmp_path / "cite.aux").write_text("\\citation{*}\n\\bibdata{papernotes}\n\\bibstyle{plain}\n")
    result = _run(["bibtex", "cite"], tmp_path)
    assert result.returncode == 0, result.stdout
    log = (tmp_path / "cite.blg").read_text()
    assert "error message" not in log
    warned = set(re.findall(r"Warning--.* in (\S+)", log))
    # Only notes the build warned about; plain.bst asks nothing of @misc.
    assert warned <= flagged_keys(built)
    assert warned == {"anon2020nobody", "writerconference"}
    assert (tmp_path / "cite.bbl").read_text().count("\\bibitem") == len(read_json(built)["notes"])


@pytest.mark.skipif(
    shutil.which("biber") is None, reason="biber is not installed (apt-get install biber)"
)
def test_real_biber_validates_the_datamodel(built: SphinxTestApp, tmp_path: Path) -> None:
    shutil.copy(Path(built.outdir) / "papernotes.bib", tmp_path / "papernotes.bib")
    result = _run(["biber", "--tool", "--validate-datamodel", "papernotes.bib"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert not [line for line in lines if line.startswith("ERROR")]
    warned = [line for line in lines if line.startswith("WARN")]
    assert all("Missing mandatory field" in line for line in warned), warned
    keys = {re.search(r"Entry '([^']+)'", line).group(1) for line in warned}  # type: ignore[union-attr]
    assert keys == flagged_keys(built)


@pytest.fixture(scope="module")
def ascii_built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    yield build_once("bibtex", tmp_path_factory, confoverrides={"papernotes_bibtex_ascii": True})


def test_ascii_option(ascii_built: SphinxTestApp, tmp_path: Path) -> None:
    raw = (Path(ascii_built.outdir) / "papernotes.bib").read_bytes()
    assert raw.isascii()
    data = parse_string(raw.decode("ascii"), "bibtex")
    names = [person_text(p) for p in data.entries["canez202450"].persons["author"]]
    assert names[0] == "Zoë Ça'ñez"
    assert names[2] == "Łukasz Kaiser"
    assert "{\\L}ukasz" in raw.decode("ascii")
    if shutil.which("bibtex"):
        (tmp_path / "papernotes.bib").write_bytes(raw)
        (tmp_path / "a.aux").write_text(
            "\\citation{*}\n\\bibdata{papernotes}\n\\bibstyle{plain}\n"
        )
        assert _run(["bibtex", "a"], tmp_path).returncode == 0


def test_bibtex_builder_writes_only_the_bib(tmp_path: Path) -> None:
    srcdir = copy_root("bibtex", tmp_path)
    out = tmp_path / "out"
    result = sphinx_bibtex(srcdir, out, tmp_path / "doctrees")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["papernotes.bib"]
    assert "@inproceedings{canez202450," in (out / "papernotes.bib").read_text()


def test_from_bib_fills_and_follows_the_bib_file(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("bibtex", tmp_path)
    builddir = tmp_path / "build"
    app = build(make_app, srcdir, builddir=builddir)
    notes = {note["id"]: note for note in read_json(app)["notes"]}
    assert notes["20"]["title"] == "Attention is All you Need"
    assert notes["20"]["authors"] == ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"]
    assert notes["20"]["authors_truncated"] is True
    assert notes["20"]["venue"] == "NeurIPS" and notes["20"]["year"] == 2017
    assert notes["20"]["tags"] == ["Transformer"]
    assert notes["21"]["title"] == "Adam (title written on the note wins)"
    assert notes["21"]["venue"] == "arXiv"
    assert notes["21"]["links"]["arxiv"] == "https://arxiv.org/abs/1412.6980"
    assert notes["22"]["venue"] == "JMLR"
    assert notes["22"]["links"]["doi"] == "https://doi.org/10.5555/2627435.2670313"
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text().replace("Attention is All you Need", "Attention Is Still All You Need")
    )
    app = build(make_app, srcdir, builddir=builddir)
    # from-bib.md depends on the .bib (sphinxcontrib-bibtex re-reads cite.md too)
    assert re.search(r"0 added, [12] changed, 0 removed", status_of(app))
    notes = {note["id"]: note for note in read_json(app)["notes"]}
    assert notes["20"]["title"] == "Attention Is Still All You Need"
    page = (Path(app.outdir) / "from-bib.html").read_text()
    assert "Attention Is Still All You Need" in page


def test_cite_roles_work_beside_notes(built: SphinxTestApp) -> None:
    page = BeautifulSoup((Path(built.outdir) / "cite.html").read_text(), "html.parser")
    citations = page.select("a[href*='id']")
    assert any("Kingma" in a.get_text() for a in page.find_all("a")) or citations
    assert "adam: a method for stochastic optimization" in page.get_text().lower()
    assert page.select_one("a.pn-note-ref") is not None


def test_note_pages_show_their_entry(built: SphinxTestApp) -> None:
    page = BeautifulSoup((Path(built.outdir) / "hard.html").read_text(), "html.parser")
    block = page.select_one("#note-2 details.pn-bibtex")
    assert block is not None and block.find("summary").get_text() == "BibTeX"  # type: ignore[union-attr]
    assert block.find("button", class_="pn-copy") is not None
    shown = block.find("pre").get_text()  # type: ignore[union-attr]
    assert shown.strip() in bib_text(built)
    assert shown.startswith("@inproceedings{openai2023scaling,")


def test_text_builder_shows_entries_as_plain_text(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    app = build_once("bibtex", tmp_path_factory, builder="text")
    assert "@inproceedings{openai2023scaling," in (Path(app.outdir) / "hard.txt").read_text()


_NAME = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "Nd"), exclude_characters="\x00"),
    min_size=1,
    max_size=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")),
        min_size=1,
        max_size=80,
    ),
    names=st.lists(st.lists(_NAME, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4),
)
def test_round_trip_of_titles_and_names(title: str, names: list[str]) -> None:
    # "others" ends a list as its truncation mark; a name with "and" is braced.
    names = [name for name in names if name.casefold() != "others"]
    title = clean_text(title)
    if not title or not names:
        return
    authors = parse_authors("; ".join(names)).value
    note = Note(
        id="1", docname="d", lineno=1, anchor="note-1", title=title, authors=authors, year=2024
    )
    text = note_entry(note, "key").render()
    assert text.count("{") == text.count("}")
    entry = parse_string(text, "bibtex").entries["key"]
    assert decode(entry.fields["title"]) == title
    assert [person_text(p) for p in entry.persons["author"]] == list(authors.names)
    json.dumps(text)


# -- the link to the note's page ------------------------------------------------

NOTE_LINK = "Paper note: \\url{https://notes.example.org/hard.html}"


def test_note_link_is_a_url_where_styles_print_one(built: SphinxTestApp) -> None:
    data = parse_string(bib_text(built), "bibtex")
    with_paper = data.entries["canez202450"]  # has an arXiv link of its own
    assert with_paper.fields["url"] == "https://arxiv.org/abs/2401.00001"
    assert with_paper.fields["note"] == NOTE_LINK
    alone = data.entries["anon2020nobody"]  # no paper link: the page is its url
    assert alone.fields["url"].startswith("https://notes.example.org/hard.html#note-")
    assert "note" not in alone.fields
    # The per-note block on the page shows the same entry.
    page = BeautifulSoup((Path(built.outdir) / "hard.html").read_text(), "html.parser")
    assert NOTE_LINK in page.select_one("#note-1 details.pn-bibtex pre").get_text()


def test_note_link_can_be_left_out(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("bibtex", tmp_path)
    app = build(make_app, srcdir, confoverrides={"papernotes_bibtex_note_link": False})
    text = bib_text(app)
    assert "notes.example.org" not in text and "Paper note" not in text
    data = parse_string(text, "bibtex")
    assert data.entries["canez202450"].fields["url"] == "https://arxiv.org/abs/2401.00001"
    assert "url" not in data.entries["anon2020nobody"].fields
    page = BeautifulSoup((Path(app.outdir) / "hard.html").read_text(), "html.parser")
    assert "notes.example.org" not in page.select_one("#note-1 details.pn-bibtex pre").get_text()


def test_note_link_that_url_cannot_take_stays_text() -> None:
    link = (("url", "https://p.org/"),)
    note = Note(id="1", docname="x", lineno=1, anchor="note-1", title="T", links=link)
    fields = dict(note_entry(note, "k", page_url="https://n.org/%E6%97%A5.html#note-1").fields)
    assert fields["note"] == "Paper note: https://n.org/\\%E6\\%97\\%A5.html\\#note-1"


LATEX_TOOLS = ("latexmk", "pdflatex", "bibtex", "biber", "kpsewhich")
# One document per bibliography engine, as users write them.
DOCUMENTS = {
    "biber": "\\usepackage[backend=biber]{biblatex}\n\\addbibresource{papernotes.bib}\n"
    "\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n",
    "bibtex": "\\usepackage{natbib}\n\\usepackage{url}\n\\bibliographystyle{plainnat}\n"
    "\\begin{document}\n\\nocite{*}\n\\bibliography{papernotes}\n\\end{document}\n",
}
# Ordinary words in a justified bibliography overflow by a point or so (TeX
# finds no better break); the plain-text links overflowed by up to 85 pt here.
OVERFULL_NOISE = 2.0


@pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in LATEX_TOOLS),
    reason="latexmk, pdflatex, bibtex or biber is missing "
    "(apt-get install latexmk texlive-latex-base texlive-bibtex-extra biber)",
)
@pytest.mark.parametrize("engine", sorted(DOCUMENTS))
def test_note_link_prints_without_overfull_lines(
    ascii_built: SphinxTestApp, tmp_path: Path, engine: str
) -> None:
    """pdfLaTeX, through latexmk, typesets every entry with its note link."""
    if engine == "biber" and _run(["kpsewhich", "biblatex.sty"], tmp_path).returncode:
        pytest.skip("biblatex is not installed (apt-get install texlive-bibtex-extra)")
    shutil.copy(Path(ascii_built.outdir) / "papernotes.bib", tmp_path / "papernotes.bib")
    (tmp_path / "doc.tex").write_text("\\documentclass{article}\n" + DOCUMENTS[engine])
    result = _run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "doc"], tmp_path
    )
    log = (tmp_path / "doc.log").read_text(encoding="latin-1")
    assert result.returncode == 0, log[-3000:]
    assert (tmp_path / "doc.pdf").is_file()
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert NOTE_LINK in bbl
    overfull = re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\).*\n(.*)", log)
    assert not [line for _, line in overfull if "example.org" in line]
    assert max((float(width) for width, _ in overfull), default=0.0) <= OVERFULL_NOISE, overfull
