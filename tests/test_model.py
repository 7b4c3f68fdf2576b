"""Unit tests of the model: every parser on ordinary and odd input."""

from __future__ import annotations

import pytest

from sphinx_papernotes.model import (
    Collection,
    Note,
    Reference,
    apply_tag_aliases,
    apply_venue_alias,
    assign_slugs,
    id_sort_key,
    parse_authors,
    parse_date,
    parse_id,
    parse_link,
    parse_tags,
    parse_venue,
    parse_year,
)
from sphinx_papernotes.model.authors import AuthorList
from sphinx_papernotes.model.bibkeys import assign_bibkeys, generate_key
from sphinx_papernotes.model.slugs import slugify
from sphinx_papernotes.model.text import clean_text


@pytest.mark.parametrize(
    ("text", "name", "year"),
    [
        ("ICLR'25", "ICLR", 2025),
        ("ICLR 2025", "ICLR", 2025),
        ("ICLR2025", "ICLR", 2025),
        ("ICLR'21 Workshop", "ICLR Workshop", 2021),
        ("NeurIPS'24 Workshop", "NeurIPS Workshop", 2024),
        ("arXiv'22", "arXiv", 2022),
        ("ICLR’25", "ICLR", 2025),  # typographic apostrophe
        ("NIPS'98", "NIPS", 1998),  # two-digit years from 70 are 19xx
        ("TMLR", "TMLR", None),
        ("  ACL   Findings  2023 ", "ACL Findings", 2023),
        ("CVPR2016", "CVPR", 2016),
    ],
)
def test_venue_forms(text: str, name: str, year: int | None) -> None:
    parsed = parse_venue(text)
    assert parsed.value.name == name
    assert parsed.value.year == year
    assert parsed.problems == ()


@pytest.mark.parametrize("text", ["N_A", "n/a", "", "   ", None])
def test_no_venue(text: str | None) -> None:
    parsed = parse_venue(text)
    assert parsed.value.name is None and parsed.value.year is None
    assert parsed.problems == ()


@pytest.mark.parametrize(
    ("text", "year", "fragment"),
    [
        ("'25", 2025, "no name"),
        ("2025", 2025, "no name"),
        ("ICLR'24'25", None, "several years"),
        ("X" * 300, None, "longer than"),
    ],
)
def test_bad_venue(text: str, year: int | None, fragment: str) -> None:
    parsed = parse_venue(text)
    assert parsed.value.year == year
    assert any(fragment in problem for problem in parsed.problems)


def test_venue_aliases() -> None:
    aliases = {"NIPS": "NeurIPS", "icml": "ICML"}
    assert apply_venue_alias("NIPS", aliases) == "NeurIPS"
    assert apply_venue_alias("nips", aliases) == "NeurIPS"
    assert apply_venue_alias("NIPS Workshop", aliases) == "NeurIPS Workshop"
    assert apply_venue_alias("ICML", aliases) == "ICML"
    assert apply_venue_alias("NIPSX", aliases) == "NIPSX"
    assert apply_venue_alias("ICLR", {}) == "ICLR"


@pytest.mark.parametrize(
    ("text", "names", "truncated"),
    [
        (
            "Michael Tschannen; André Susano Pinto",
            ("Michael Tschannen", "André Susano Pinto"),
            False,
        ),
        ("A. One and B. Two", ("A. One", "B. Two"), False),
        ("A, B, C", ("A", "B", "C"), False),
        ("Michael Tschannen+", ("Michael Tschannen",), True),
        ("Michael Tschannen +", ("Michael Tschannen",), True),
        ("A; B; et al.", ("A", "B"), True),
        ("A and B and others", ("A", "B"), True),
        ("A, B, et al", ("A", "B"), True),
        ("Jane Doe et al.", ("Jane Doe",), True),
        ("Doe, Jane; Roe, Richard", ("Doe, Jane", "Roe, Richard"), False),
        ("田中 太郎; 山田 花子", ("田中 太郎", "山田 花子"), False),
        ("  A ;; B ; ", ("A", "B"), False),
    ],
)
def test_author_forms(text: str, names: tuple[str, ...], truncated: bool) -> None:
    parsed = parse_authors(text)
    assert parsed.value == AuthorList(names, truncated)
    assert parsed.problems == ()


def test_author_display() -> None:
    assert parse_authors("Michael Tschannen+").value.short() == "Tschannen et al."
    assert parse_authors("Michael Tschannen+").value.full() == "Michael Tschannen et al."
    assert parse_authors("A One; B Two").value.short() == "One and Two"
    assert parse_authors("A One; B Two; C Three").value.short() == "One et al."
    assert parse_authors("Doe, Jane; Roe, Rick").value.short() == "Doe and Roe"
    assert parse_authors("").value.short() == ""


@pytest.mark.parametrize("text", ["et al.", "+", "; ;"])
def test_authors_naming_nobody(text: str) -> None:
    parsed = parse_authors(text)
    assert parsed.value.names == ()
    if text.strip(" ;"):
        assert parsed.problems


def test_tags() -> None:
    parsed = parse_tags(
        "PEFT(Adaptor/LoRA), Admin'sPick, Test-Time  Scaling, 自然言語処理, Admin'sPick"
    )
    assert parsed.value == (
        "PEFT(Adaptor/LoRA)",
        "Admin'sPick",
        "Test-Time Scaling",
        "自然言語処理",
    )
    assert parsed.problems == ()
    assert parse_tags("a, b,").problems == ()  # a trailing comma is fine
    assert parse_tags("a,,b").value == ("a", "b")
    assert parse_tags("a,,b").problems
    assert parse_tags(" , ").problems == ("the tags field is empty",)
    long = parse_tags("ok, " + "x" * 101)
    assert long.value == ("ok",) and long.problems


def test_tag_aliases() -> None:
    aliases = {"LLM": "LanguageModel"}
    assert apply_tag_aliases(("LLM", "Vision", "LanguageModel"), aliases) == (
        "LanguageModel",
        "Vision",
    )


def test_dates_and_years() -> None:
    assert parse_date("2025-08-17").value == "2025-08-17"
    assert parse_date(" 2024-02-29 ").value == "2024-02-29"
    for bad in ["2025-13-45", "20250817", "2023-02-29", "yesterday", "2025-8-17"]:
        parsed = parse_date(bad)
        assert parsed.value is None and parsed.problems, bad
    assert parse_date(None).value is None
    assert parse_year("2017").value == 2017
    for bad in ["twenty", "17", "0999", "3000", "2017.5"]:
        assert parse_year(bad).value is None and parse_year(bad).problems, bad


def test_ids() -> None:
    assert parse_id("2432").value == "2432"
    assert parse_id(" paper-1.v2_x ").value == "paper-1.v2_x"
    for bad in [None, "", "-x", "a b", "<b>x</b>", "x/y", "é", "1" * 201]:
        parsed = parse_id(bad)
        assert parsed.value is None and parsed.problems, bad
    assert sorted(["10", "2", "b", "a", "1"], key=id_sort_key) == ["1", "2", "10", "a", "b"]


def test_slugs_are_safe_distinct_and_stable() -> None:
    names = [
        "PEFT(Adaptor/LoRA)",
        "自然言語処理",
        "自然言語",
        "../../x",
        "a/b",
        "a-b",
        '"quoted"',
        "🚀",
        "LLM",
        "llm",
        "..",
        "Café",
        "x" * 200,
    ]
    slugs = assign_slugs(names)
    assert slugs["PEFT(Adaptor/LoRA)"] == "peft-adaptor-lora"
    assert slugs["Café"] == "cafe"
    assert len(set(slugs.values())) == len(names)
    for slug in slugs.values():
        assert slug and all(ch in "abcdefghijklmnopqrstuvwxyz0123456789-" for ch in slug)
        assert not slug.startswith("-") and ".." not in slug
    assert assign_slugs(reversed(names)) == slugs
    assert slugify("自然言語処理") == slugs["自然言語処理"]


@pytest.mark.parametrize(
    ("kind", "text", "url"),
    [
        ("arxiv", "2411.19722", "https://arxiv.org/abs/2411.19722"),
        ("arxiv", "arXiv:2411.19722v2", "https://arxiv.org/abs/2411.19722v2"),
        ("arxiv", "https://arxiv.org/pdf/2411.19722", "https://arxiv.org/abs/2411.19722"),
        ("arxiv", "hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001"),
        ("openreview", "sgAp2qG86e", "https://openreview.net/forum?id=sgAp2qG86e"),
        ("doi", "10.5555/2627435.2670313", "https://doi.org/10.5555/2627435.2670313"),
        ("doi", "https://doi.org/10.1000/x<y>", "https://doi.org/10.1000/x%3Cy%3E"),
        ("url", "https://example.org/a b".replace(" ", "%20"), "https://example.org/a%20b"),
        ("code", "http://github.com/x/y", "http://github.com/x/y"),
        ("pdf", 'https://x.org/"onmouseover', "https://x.org/%22onmouseover"),
    ],
)
def test_links(kind: str, text: str, url: str) -> None:
    parsed = parse_link(kind, text)
    assert parsed.value == url
    assert parsed.problems == ()


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("url", "javascript:alert(1)"),
        ("url", "JaVaScRiPt:alert(1)"),
        ("url", "data:text/html,<script>"),
        ("url", "//example.org/x"),
        ("url", "ftp://example.org/x"),
        ("code", "https://a b"),
        ("arxiv", "javascript:alert(1)"),
        ("openreview", '"><img src=x>'),
        ("doi", "not a doi"),
    ],
)
def test_rejected_links(kind: str, text: str) -> None:
    parsed = parse_link(kind, text)
    assert parsed.value is None
    assert parsed.problems


def test_clean_text() -> None:
    assert clean_text("a\x00b\u0085c\n  d\te") == "abc d e"
    assert clean_text("e\u0301") == "é"


def _note(note_id: str, docname: str = "doc", lineno: int = 1, **fields: object) -> Note:
    return Note(id=note_id, docname=docname, lineno=lineno, anchor=f"note-{note_id}", **fields)  # type: ignore[arg-type]


def test_bibkeys() -> None:
    jet = _note(
        "2432",
        title="JetFormer: An Autoregressive Generative Model",
        authors=parse_authors("Michael Tschannen+").value,
        year=2025,
    )
    assert generate_key(jet) == "tschannen2025jetformer"
    accent = _note(
        "1", title="The Élan of Things", authors=parse_authors("José Núñez").value, year=2020
    )
    assert generate_key(accent) == "nunez2020elan"
    assert generate_key(_note("x-1")) == "notex1"
    assert generate_key(jet, "{id}-{author}") == "2432-tschannen"
    assert generate_key(jet, "{bad}") == "tschannen2025jetformer"

    same = [
        _note(str(n), title="Same Title", authors=parse_authors("A Person").value, year=2020)
        for n in (3, 1, 2)
    ]
    keys, clashes = assign_bibkeys(same)
    assert [keys[f"doc#note-{n}"] for n in ("1", "2", "3")] == [
        "person2020samea",
        "person2020sameb",
        "person2020samec",
    ]
    explicit = [_note("1", bibkey="Key"), _note("2", bibkey="key"), _note("3", title="k")]
    keys, clashes = assign_bibkeys(explicit)
    assert keys["doc#note-1"] == "Key"
    assert keys["doc#note-2"] != "key"
    assert [(a.id, b.id) for a, b in clashes] == [("1", "2")]


def test_collection_backlinks_and_counts() -> None:
    a = _note("1", "a", title="A", tags=("x", "y"), venue="ICLR", year=2024)
    b = _note("2", "b", title="B", tags=("x",), venue="ICLR")
    dup = _note("1", "c", title="A again")
    refs = [
        Reference("note", "1", "b", 3, source=b.key),
        Reference("note", "1", "b", 4, source=b.key),
        Reference("note", "2", "a", 5, source=a.key),
        Reference("note", "2", "b", 6, source=b.key),  # self-reference: no backlink
        Reference("note", "404", "b", 7, source=b.key),
        Reference("note", "1", "index", 1, source=None),
    ]
    collection = Collection([dup, b, a], refs)
    assert collection.by_id["1"] is a
    assert collection.duplicates == {"1": [a, dup]}
    assert collection.references_of(b) == ["1", "2"]
    assert [n.id for n in collection.referenced_by("1")] == ["2"]
    assert [n.id for n in collection.referenced_by("2")] == ["1"]
    assert collection.tag_counts == {"x": 2, "y": 1}
    assert collection.venue_counts == {"ICLR": {"2024": 1, "unknown": 1}}
