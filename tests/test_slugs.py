"""Readable slugs for names in any script, and slugs set by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_papernotes.model import assign_slugs
from sphinx_papernotes.model.slugs import SLUG_RE, slugify

from .helpers import MakeApp, build, warnings_of


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Transformer", "transformer"),
        ("Café", "cafe"),
        ("Straße", "strasse"),
        ("Ørsted", "orsted"),
        ("Équivariance", "equivariance"),
        ("Зрение", "zrenie"),
        ("한국어", "hangugeo"),
        ("トランスフォーマー", "toransufuoma"),
        ("ひらがな", "hiragana"),
        ("ｶﾞｲﾄﾞ", "gaido"),  # half-width kana read as full-width
        ("LLM🚀", "llm-rocket"),
        # Chinese characters have no reading here (Mandarin would be wrong in
        # Japanese): the readable part stays and a hash tells the names apart.
        ("拡散モデル", "moderu-d3f7db2d"),
        ("GPT 日本語", "gpt-44d14a76"),
        ("自然言語処理", "fc05d420"),
    ],
)
def test_names_are_spelled_in_ascii_where_a_reading_exists(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert SLUG_RE.fullmatch(slug)


def test_readings_that_meet_are_told_apart_and_do_not_depend_on_order() -> None:
    names = ["Cafe", "Café", "CAFÉ", "ひらがな", "hiragana"]
    slugs = assign_slugs(names)
    assert slugs["Cafe"] == "cafe"  # spelled most closely: nothing dropped
    assert slugs["hiragana"] == "hiragana"
    assert slugs["ひらがな"].startswith("hiragana-")
    assert len(set(slugs.values())) == len(names)
    assert assign_slugs(reversed(names)) == slugs


def test_chosen_slugs_win_and_bad_ones_are_ignored() -> None:
    names = ["自然言語処理", "画像生成", "nlp", "Index", "A", "B"]
    chosen = {
        "自然言語処理": "nlp",  # taken from the tag actually called nlp
        "画像生成": "Image Generation",  # not a slug: ignored
        "Index": "index",  # reserved: ignored
        "A": "same",
        "B": "same",  # the name that sorts first keeps it
        "unused": "nothing",
    }
    slugs = assign_slugs(names, {"index"}, chosen)
    assert slugs["自然言語処理"] == "nlp"
    assert slugs["nlp"].startswith("nlp-")
    assert slugs["画像生成"] == slugify("画像生成")
    assert slugs["Index"].startswith("index-")
    assert (slugs["A"], slugs["B"]) == ("same", "b")
    assert "unused" not in slugs


NOTE = """\
:::{{paper-note}} {id}
:title: {title}
:authors: Hana Mori; Luis Ortega
:venue: {venue}
:date: 2024-05-0{id}
:tags: {tags}
:::
"""


def test_build_names_pages_by_reading_or_by_hand(make_app: MakeApp, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_papernotes"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        'papernotes_tag_slugs = {"自然言語処理": "nlp", "画像生成": "Bad Slug"}\n'
        'papernotes_venue_slugs = {"言語処理学会": "anlp"}\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Notes\n\n```{toctree}\n:glob:\n\n*\n```\n", encoding="utf-8")
    for number, (title, venue, tags) in enumerate(
        [
            ("日本語の要約", "言語処理学会'24", "自然言語処理, トランスフォーマー"),
            ("画像の生成", "CVPR'24", "画像生成, Équivariance"),
        ],
        start=1,
    ):
        text = NOTE.format(id=number, title=title, venue=venue, tags=tags)
        (src / f"{number}.md").write_text(text, encoding="utf-8")
    app = build(make_app, src)
    out = Path(app.outdir)
    for page in ("nlp", "toransufuoma", "equivariance", slugify("画像生成")):
        assert (out / "tags" / f"{page}.html").is_file(), page
    assert (out / "venues" / "anlp.html").is_file()
    note = BeautifulSoup((out / "1.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a.get_text(strip=True): a["href"] for a in note.select("article.pn-note a[href]")}
    assert hrefs["自然言語処理"] == "tags/nlp.html"
    assert hrefs["トランスフォーマー"] == "tags/toransufuoma.html"
    warnings = warnings_of(app)
    assert "papernotes_tag_slugs['画像生成'] = 'Bad Slug' must be" in warnings
    assert "[papernotes.config]" in warnings
    assert warnings.count("WARNING") == 1, warnings
