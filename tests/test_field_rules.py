"""The pure rules behind the hostile-notes build: option blocks, text cleaning, tags, URIs."""

from __future__ import annotations

import pytest

from sphinx_papernotes.directive_options import read_option_block
from sphinx_papernotes.inline_markup import safe_uri
from sphinx_papernotes.model.tags import (
    ENTRY_TAGS,
    MAX_TAGS_PER_NOTE,
    apply_tag_aliases,
    entry_tags,
    parse_tags,
)
from sphinx_papernotes.model.text import clean_text

KNOWN = ("title", "authors", "tags", "year")


def test_a_repeated_option_keeps_the_first_value_and_says_where() -> None:
    block = read_option_block(
        [":title: One", ":title: Two", ":year: 2020"], KNOWN, unquote=False, strict_end=True
    )
    assert block.options == {"title": "One", "year": "2020"}
    assert block.problems == [(1, "option 'title' is given twice; the first value is kept")]
    assert block.lines == {"title": 0, "year": 2}


def test_a_glued_known_option_is_read_and_later_options_are_kept() -> None:
    block = read_option_block(
        [":authors:A B", ":year: 2020", "", "body"], KNOWN, unquote=True, strict_end=False
    )
    assert block.options == {"authors": "A B", "year": "2020"}
    assert block.problems[0][0] == 0
    assert block.body_start == 2


def test_a_body_line_with_a_role_is_not_taken_for_a_glued_option() -> None:
    block = read_option_block(
        [":title: T", ":math:`x` is the body"], KNOWN, unquote=False, strict_end=False
    )
    assert block.options == {"title": "T"}
    assert block.body_start == 1 and block.problems == []


def test_body_right_after_options_is_a_problem_only_when_strict() -> None:
    lines = [":title: T", "Body text"]
    strict = read_option_block(lines, KNOWN, unquote=False, strict_end=True)
    assert strict.body_start == 1 and strict.problems[0][0] == 1
    assert read_option_block(lines, KNOWN, unquote=False, strict_end=False).problems == []


def test_continuation_lines_join_the_value() -> None:
    block = read_option_block(
        [":title: A long", "   title here", ":year: 2020"], KNOWN, unquote=False, strict_end=True
    )
    assert block.options["title"] == "A long title here"


def test_yaml_blocks_take_flow_lists_and_keep_quoted_brackets() -> None:
    block = read_option_block(
        ["---", "tags: [a, 'b c', \"d\"]", "title: '[Re] A study'", "---", "Body"],
        KNOWN,
        unquote=True,
        strict_end=False,
    )
    assert block.options == {"tags": "a, b c, d", "title": "[Re] A study"}
    assert block.lines == {"tags": 1, "title": 2}
    assert block.body_start == 4


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("evil\u202etxt.exe", "eviltxt.exe"),
        ("a\u2066b\u2069c", "abc"),
        ("zero\u200bwidth", "zerowidth"),
        ("\ufeffBOM", "BOM"),
        ("soft\u00adhyphen", "softhyphen"),
        ("tag\U000e0041chars", "tagchars"),
        ("family \U0001f468\u200d\U0001f469\u200d\U0001f467", "family 👨\u200d👩\u200d👧"),
        ("می\u200cخواهم", "می\u200cخواهم"),  # the non-joiner Persian needs stays
    ],
)
def test_invisible_characters_go_but_joiners_stay(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_many_tags_are_kept_warned_about_and_shown_in_part() -> None:
    parsed = parse_tags(", ".join(f"t{n}" for n in range(MAX_TAGS_PER_NOTE + 1)))
    assert len(parsed.value) == MAX_TAGS_PER_NOTE + 1
    assert any("more than" in problem for problem in parsed.problems)
    shown, hidden = entry_tags(parsed.value)
    assert len(shown) == ENTRY_TAGS and hidden == MAX_TAGS_PER_NOTE + 1 - ENTRY_TAGS
    assert parse_tags("a, b").problems == ()


def test_20000_tags_parse_and_alias_in_one_pass() -> None:
    """Sets, not list scans: a quadratic pass over 20,000 tags takes minutes."""
    text = ", ".join(f"tag{n}" for n in range(20_000))
    tags = apply_tag_aliases(parse_tags(text).value, {"tag1": "tag2"})
    assert len(tags) == 19_999 and tags[:3] == ("tag0", "tag2", "tag3")


@pytest.mark.parametrize(
    ("uri", "safe"),
    [
        ("https://example.org/x", True),
        ("http://example.org", True),
        ("#note-1", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("//example.org/x", False),
        ("relative/page.html", False),
        ("https://", False),
    ],
)
def test_only_http_links_are_safe(uri: str, safe: bool) -> None:
    assert safe_uri(uri) is safe
