"""The rules of ``papernotes import github``, one by one (pure Python, no Sphinx).

Titles, names, body sections, link kinds, post labels, label options and
the ``gh issue list --json`` shape. Every example is made up, in the shapes
issue 13 lists.
"""

from __future__ import annotations

from typing import Any

import pytest

from sphinx_papernotes.importers.github import (
    GithubOptions,
    Issue,
    choose_links,
    collapsed,
    read_issue,
    render_issue,
    sort_labels,
    summary_field,
)
from sphinx_papernotes.importers.markdown import Context, convert
from sphinx_papernotes.importers.names import is_organisation, read_name, split_note
from sphinx_papernotes.importers.paper_links import paper_links, web_link
from sphinx_papernotes.importers.posts import post_label
from sphinx_papernotes.importers.sections import author_line, one_paragraph, read_sections
from sphinx_papernotes.importers.titles import parse_issue_title, read_date, read_venue


@pytest.mark.parametrize(
    ("text", "title", "authors", "venue", "year", "affiliation", "notes"),
    [
        # [Paper Note] Title, First Author+, Venue'YY, YYYY.MM
        ("[Paper Note] Quiet Tokens, Haruka Ito+, arXiv'25, 2025.11",
         "Quiet Tokens", "Haruka Ito+", "arXiv'25", None, None, ()),
        # N_A: an empty affiliation slot
        ("Graph Prompts, Wen Zhao+, N_A, AAAI'24", "Graph Prompts", "Wen Zhao+", "AAAI'24",
         None, None, ()),
        # an affiliation, never the author; _ stood for /
        ("Tracing, Baek+, RiverEd, AAAI'22", "Tracing", "Baek+", "AAAI'22", None, "RiverEd", ()),
        ("Rerank, Nora Quist+, Google Research, ICLR'23", "Rerank", "Nora Quist+", "ICLR'23",
         None, "Google Research", ()),
        ("Distil, Chen+, Microsoft_Peking University, ACL'24", "Distil", "Chen+", "ACL'24",
         None, "Microsoft/Peking University", ()),
        # one author, no +
        ("Calibration, Maria Alvarez, ICML'21", "Calibration", "Maria Alvarez", "ICML'21",
         None, None, ()),
        # no author at all, though the title ends in words
        ("Audio for Speech, Music, Sound, and Talking Head, AAAI'24",
         "Audio for Speech, Music, Sound, and Talking Head", None, "AAAI'24", None, None, ()),
        ("Vision, Language, ICLR'24", "Vision, Language", None, "ICLR'24", None, None, ()),
        # blogs and preprints: the year from the month
        ("Serving Embeddings, Sam Okafor+, 2024.03", "Serving Embeddings", "Sam Okafor+", None,
         "2024", None, ()),
        # a journal or book before the month
        ("Neighbours, Kovacs+, Handbook of Recommender Systems, 2011.09", "Neighbours",
         "Kovacs+", "Handbook of Recommender Systems", "2011", None, ()),
        ("Sampling, Tomas Berg+, Technical Report, 2018.06", "Sampling", "Tomas Berg+",
         "Technical Report", "2018", None, ()),
        # an affiliation before a month is no journal
        ("Agents, Ann Lee+, OpenAI, 2024.05", "Agents", "Ann Lee+", None, "2024", "OpenAI", ()),
        # venue spellings
        ("Shallow Trees, Ueda+, ACL23", "Shallow Trees", "Ueda+", "ACL'23", None, None, ()),
        ("Taggers, Marsh+, COLING-ACL'98", "Taggers", "Marsh+", "COLING-ACL'98", None, None, ()),
        ("Scoring, Brandt+, ACL-SIGIR'93", "Scoring", "Brandt+", "ACL-SIGIR'93", None, None, ()),
        ("Smoothing, Kim+, AAAI'18, ", "Smoothing", "Kim+", "AAAI'18", None, None, ()),
        ("Long Answers, Tutorial at ACL 2025", "Long Answers", None, "ACL 2025 Tutorial", None,
         None, ()),
        ("Additive, Lindqvist+, JMLR, Vol.13, 2012.02", "Additive", "Lindqvist+", "JMLR", "2012",
         None, ("Vol.13",)),
        ("Click Challenge, Kaggle, 2014", "Click Challenge", None, "Kaggle", "2014", None, ()),
        ("A Survey of Surveys, 2020", "A Survey of Surveys", None, None, "2020", None, ()),
        # author notes in brackets, full-width or ASCII; et al. cuts the list like +
        ("Implicit, Kapur et al. （with Lindgren）, RecSys'19", "Implicit", "Kapur+",
         "RecSys'19", None, None, ("with Lindgren",)),
        ("Item Models, Pranav+ （with T. Okabe）, ICDM'11", "Item Models", "Pranav+", "ICDM'11",
         None, None, ("with T. Okabe",)),
        ("韻律制御, Kenta Mori （Example Audio Corporation）, ICASSP'22", "韻律制御",
         "Kenta Mori", "ICASSP'22", None, None, ("Example Audio Corporation",)),
        ("Coverage, Pauls+(with Sorel), ICLR'18", "Coverage", "Pauls+", "ICLR'18", None, None,
         ("with Sorel",)),
        ("Flows, Lu+ (Tremblay group), NeurIPS'19", "Flows", "Lu+", "NeurIPS'19", None, None,
         ("Tremblay group",)),
        # Japanese names alone: a few ideographs
        ("指示データ, 山本健太, 言語処理学会'24", "指示データ", "山本健太", "言語処理学会'24",
         None, None, ()),
        ("評価, 言語モデル, ACL'24", "評価, 言語モデル", None, "ACL'24", None, None, ()),
        # kept as they are
        ("Plain title", "Plain title", None, None, None, None, ()),
        ("Thoughts, 2024 edition", "Thoughts, 2024 edition", None, None, None, None, ()),
    ],
)  # fmt: skip
def test_title_rule(
    text: str,
    title: str,
    authors: str | None,
    venue: str | None,
    year: str | None,
    affiliation: str | None,
    notes: tuple[str, ...],
) -> None:
    parsed = parse_issue_title(text)
    assert (parsed.title, parsed.authors, parsed.venue, parsed.year) == (
        title,
        authors,
        venue,
        year,
    )
    assert (parsed.affiliation, parsed.notes) == (affiliation, notes)


def test_date_and_venue_rules() -> None:
    assert read_date("2025.11") == "2025"
    assert read_date("2025.11.03") == "2025"
    assert read_date("2020") == "2020"
    assert read_date("ICLR'25") is None
    assert read_venue("N_A") == (None, None)
    assert read_venue("ACL23") == ("ACL'23", 2023)
    assert read_venue("Workshop at NeurIPS 2023") == ("NeurIPS 2023 Workshop", 2023)
    assert read_venue("JMLR") is None  # no year: only a journal before a date
    assert read_venue("2024 edition") is None  # a venue starts with a letter


def test_name_rules() -> None:
    assert split_note("Pandy+ （with G. Karypis）") == ("Pandy+", "with G. Karypis")
    assert split_note("(Just brackets)") == ("(Just brackets)", None)
    assert read_name("Kapoor et al.") is not None
    assert read_name("and Talking Head") is None  # names start with a capital
    assert read_name("Language") is None  # one word alone is no name
    assert read_name("An+") is not None  # but it is with a +
    assert read_name("Google Research") is None
    assert read_name("Vincent van Gogh") is not None
    assert read_name("Lee 2") is None
    assert is_organisation("Microsoft_Peking University")
    assert not is_organisation("Ravi Kapur")


SECTIONED = """\
# URL
- https://arxiv.org/abs/2501.01234

# Authors
  - Ravi Kapur
  - Bea Lindahl

# Abstract
We study drift.

# Translation (by gpt-4o-mini)

# Summary (by gpt-4o-mini)
- One term.
- Sparse users gain.

## My notes
Kept as written."""


def test_sections_rule() -> None:
    sections = read_sections(SECTIONED)
    assert sections.authors == ["Ravi Kapur", "Bea Lindahl"]
    assert sections.summary == "One term. Sparse users gain."
    # The empty Translation is gone; the list Summary is also kept as written.
    assert sections.collapsed == [
        ("Abstract", "We study drift."),
        ("Summary (by gpt-4o-mini)", "- One term.\n- Sparse users gain."),
    ]
    assert sections.body == "- https://arxiv.org/abs/2501.01234\n\n## My notes\nKept as written."


@pytest.mark.parametrize(
    ("section", "summary"),
    [
        ("First point.\n\nSecond point, with more.", "First point."),
        ("Intro line.\n\n```python\nloss = a + b\n```", "Intro line."),
        ("```\nonly code\n```", None),
    ],
)
def test_summary_sections_with_structure_lose_nothing(section: str, summary: str | None) -> None:
    sections = read_sections(f"# Summary\n{section}\n\n# Abstract\nWe study drift.")
    assert sections.summary == summary
    assert sections.collapsed == [("Summary", section), ("Abstract", "We study drift.")]


def test_affiliations_section() -> None:
    sections = read_sections(
        "## Affiliations:\n- Ravi Kapur, N/A\n- Bea Lindahl, Kyoto Institute of Informatics\n"
    )
    assert sections.authors == ["Ravi Kapur", "Bea Lindahl"]
    assert sections.affiliations == [("Bea Lindahl", "Kyoto Institute of Informatics")]
    assert sections.body == ""


def test_sections_in_code_are_text() -> None:
    body = "```\n# Summary\nnot a heading\n```"
    assert read_sections(body).body == body


def test_one_paragraph() -> None:
    assert one_paragraph("- a point\n- another\n> quoted") == "a point another quoted"
    assert one_paragraph("本研究は短い。\n効果がある。") == "本研究は短い。効果がある。"


def test_author_line_rule() -> None:
    body = "Ravi Kapur, Bea Lindahl, Kofi Mensah\n\nText."
    assert author_line(body, "Kapur") == (["Ravi Kapur", "Bea Lindahl", "Kofi Mensah"], "Text.")
    assert author_line(body, "Someone") == ([], body)  # the title names another author
    assert author_line("Ranking, Retrieval, Search\n", "Kapur") == (
        [],
        "Ranking, Retrieval, Search\n",
    )
    assert author_line(body, None) == ([], body)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://doi.org/10.1145/3583780.3614000", "doi"),
        ("https://github.com/example-org/tinyrec", "code"),
        ("https://github.com/example-org/tinyrec/tree/main/src", "code"),
        ("https://papers.example.org/2020/file/ab12-Paper.pdf", "pdf"),
        ("https://aclanthology.org/2023.findings-7/", "url"),
        ("https://github.com/example-org/tinyrec/issues/4", None),
        ("https://github.com/user-attachments/assets/ab12", None),
        ("https://x.com/someone/status/1790000000000000000", None),
        ("https://example.org/figure.png", None),
    ],
)
def test_link_kinds(url: str, kind: str | None) -> None:
    link = web_link(url)
    assert (link.kind if link else None) == kind


def test_paper_links_and_choice() -> None:
    body = (
        "https://arxiv.org/pdf/2501.01234.pdf\n"
        "pj page: https://lab.example.io/project/\n"
        "Code: https://github.com/example-org/tinyrec\n"
        "A sentence that cites https://example.com/other inline.\n"
        "https://arxiv.org/abs/2501.01234v2"
    )
    values, dropped = choose_links(paper_links(body))
    assert values == {
        "arxiv": "2501.01234",
        "url": "https://lab.example.io/project/",
        "code": "https://github.com/example-org/tinyrec",
    }
    assert "https://example.com/other" not in dropped  # links in sentences stay
    assert "https://arxiv.org/pdf/2501.01234.pdf" in dropped


def test_post_labels_and_glued_urls() -> None:
    assert post_label("https://x.com/notes_fan/status/1790000000000000000?s=46&t=x") == (
        "@notes_fan on X"
    )
    assert post_label("https://twitter.com/notes_fan/status/17900") == "@notes_fan on X"
    assert post_label("https://x.com/notes_fan") is None
    text = convert(
        "https://x.com/a_b/status/123?s=46\n\n解説: https://blog.example.com/p/1がわかりやすい。",
        Context(),
    ).text
    assert text == (
        "[@a_b on X](https://x.com/a_b/status/123?s=46)\n\n"
        "解説: <https://blog.example.com/p/1>がわかりやすい。"
    )


def test_collapsed_fence_outgrows_the_text() -> None:
    assert collapsed("Abstract", "text") == ":::{dropdown} Abstract\ntext\n:::"
    assert collapsed("Translation (by <b>x</b>)", "t").startswith(
        ":::{dropdown} Translation \\(by \\<b\\>x\\</b\\>\\)\n"
    )
    assert collapsed("Abstract", "\\:::\n::::x").startswith(":::::{dropdown}")


def test_pick_label() -> None:
    options = GithubOptions(drop_labels=("status:*",), pick_labels=("Admin'sPick",))
    labels = sort_labels(["LLM", "admin'spick", "status: read"], options)
    assert (labels.tags, labels.pick) == (["LLM"], True)
    assert sort_labels(["LLM"], options).pick is False


GH_ITEM: dict[str, Any] = {
    "number": 7,
    "title": "T, Ann Lee+, ICLR'25",
    "body": "x",
    "labels": [{"id": "LA_1", "name": "LLM", "description": "", "color": "fff"}],
    "createdAt": "2025-01-02T03:04:05Z",
    "url": "https://github.com/o/r/issues/7",
    "author": {"login": "owner", "name": "O", "is_bot": False},
    "state": "OPEN",
    "comments": [
        {"author": {"login": "owner"}, "body": "later", "createdAt": "2025-01-04T00:00:00Z"},
        {"author": {"login": "other"}, "body": "first", "createdAt": "2025-01-03T00:00:00Z"},
    ],
}


def test_gh_cli_shape() -> None:
    issue = read_issue("page 1 item 1", GH_ITEM)
    assert isinstance(issue, Issue)
    assert (issue.created_at, issue.html_url, issue.author, issue.labels) == (
        "2025-01-02T03:04:05Z",
        "https://github.com/o/r/issues/7",
        "owner",
        ("LLM",),
    )
    assert issue.comments is not None
    assert [comment.body for comment in issue.comments] == ["first", "later"]  # oldest first
    rest = read_issue("x", {"number": 7, "title": "T", "html_url": "h", "user": {"login": "u"}})
    assert isinstance(rest, Issue) and rest.comments is None and rest.author == "u"


def test_links_and_notes_inside_sections() -> None:
    sections = read_sections(
        "## Summary\n\nhttps://openreview.net/pdf?id=abc_DEF\n\n"
        "# Authors\n- Ann Lee\n- Bo Chen (with X)\n"
    )
    assert sections.summary is None  # a lone link is no summary: it is a paper link
    assert sections.body == "https://openreview.net/pdf?id=abc_DEF"
    assert sections.authors == ["Ann Lee", "Bo Chen"]
    assert sections.author_notes == [("Bo Chen", "with X")]


def test_summary_field() -> None:
    assert summary_field("See <https://example.org/a>\nand more.") == (
        "See [https://example.org/a](https://example.org/a) and more."
    )
    assert summary_field("Has <b>markup</b>.") is None  # kept in the body instead


def test_summary_sections_reach_the_note_as_written() -> None:
    """The field gets the first paragraph; the dropdown holds the section unflattened."""
    bodies = {
        "html": "# Summary\nHas <b>markup</b>\nover two lines.\n",
        "code": "# Summary\nIntro line.\n\n```python\nloss = a + b\n```\n\n# Notes\nmine\n",
    }
    texts = {}
    for name, body in bodies.items():
        issue = read_issue("x", {"number": 3, "title": "A paper", "body": body, "user": {}})
        assert isinstance(issue, Issue)
        texts[name], _, _ = render_issue(issue, [], GithubOptions(), frozenset())
    assert ":summary:" not in texts["html"]
    assert ":::{dropdown} Summary\nHas <b>markup</b>\nover two lines.\n:::" in texts["html"]
    assert ":summary: Intro line.\n" in texts["code"]
    dropdown = ":::{dropdown} Summary\nIntro line.\n\n```python\nloss = a + b\n```\n:::"
    assert dropdown in texts["code"]


def test_title_naming_a_paper_url() -> None:
    issue = read_issue(
        "x",
        {"number": 3, "title": "https://arxiv.org/abs/2501.01234", "body": "", "user": {}},
    )
    assert isinstance(issue, Issue)
    text, _, _ = render_issue(issue, [], GithubOptions(), frozenset())
    assert ":arxiv: 2501.01234" in text


def test_references_glued_to_japanese() -> None:
    context = Context(repo_url="https://github.com/o/r", known_ids=frozenset({"12"}))
    assert convert("#12を参照、参照#12。#7も", context).text == (
        "{note}`12`を参照、参照{note}`12`。[#7](https://github.com/o/r/issues/7)も"
    )
    assert convert("C#12 and x#12 and #12a", context).text == "C#12 and x#12 and #12a"
