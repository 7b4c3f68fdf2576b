"""Hypothesis strategies for hostile user text, shared by the hardening tests.

Option values in real projects are typed, pasted from PDFs and web pages,
or generated from issue trackers: they hold control characters, bidi marks,
markup of every kind and characters outside the Basic Multilingual Plane.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st

# Pieces that have broken (or could break) a parser, a renderer or an export.
FRAGMENTS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "</title>",
    "]]>",
    "<!--",
    "&amp;",
    "&",
    '"',
    "'",
    "`",
    "\\",
    "{",
    "}",
    "%",
    "#",
    " #",
    "_",
    "$",
    "~",
    "^",
    ":",
    ";",
    ",",
    ",,",
    "+",
    " and ",
    " AND ",
    "et al.",
    "others",
    "N_A",
    "n/a",
    "'25",
    "’24",
    "2024",
    "1999",
    "20",
    "ICLR",
    "NeurIPS",
    "arXiv",
    "Workshop",
    "{{ title }}",
    "{% if x %}",
    "{#",
    "**bold**",
    "*",
    "`code`",
    "{note}`1`",
    "{tag}`X`",
    ":role:`x`",
    "|sub|",
    "[link](javascript:alert(1))",
    "<https://example.org>",
    "https://example.org/a?b=c&d=<e>",
    "$$x$$",
    "\\textbf{x}",
    "@misc{",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\t",
    "\n",
    "\r",
    "\n  ",
    "\x85",
    "\u2028",
    "\u200b",
    "\u200f",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "é",
    "e\u0301",
    "ß",
    "İ",
    "Ⅻ",
    "²",
    "٣",
    "自然言語処理",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "😀",
    "👩‍💻",
    "index",
    "..",
    "../",
    "/",
)

# Any character a UTF-8 source file can hold (no lone surrogates).
_CHARACTERS = st.characters(codec="utf-8")
_POOL = FRAGMENTS + tuple("abcXYZ 019-'é")


def hostile_text(max_pieces: int = 6) -> st.SearchStrategy[str]:
    """Known-troublesome fragments glued together by random characters.

    Built from few draws on purpose: the CI profile runs 10,000 examples of
    every property, and generating the text is most of the cost.
    """
    return st.tuples(
        st.text(_CHARACTERS, max_size=4), st.lists(st.sampled_from(_POOL), max_size=max_pieces)
    ).map(lambda pair: pair[0].join(pair[1]) if pair[1] else pair[0])


def long_text() -> st.SearchStrategy[str]:
    """Very long values: a fragment repeated past every length limit."""
    return st.tuples(st.sampled_from((*FRAGMENTS, "word")), st.integers(50, 1500)).map(
        lambda pair: (pair[0] + " ") * pair[1]
    )


def any_text() -> st.SearchStrategy[str]:
    plain = st.text(_CHARACTERS, max_size=40)
    # Long values are slow to check and rarely interesting: one draw in five.
    return st.one_of(plain, hostile_text(), plain, hostile_text(), long_text())


def in_ci_profile() -> bool:
    """Whether the thorough ("ci") hypothesis profile is active (see conftest.py)."""
    return settings().max_examples >= 10_000
