"""The rule that picks a note's summary from the start of an issue body."""

from __future__ import annotations

import re
import unicodedata

from .blocks import MARKDOWN

MIN_WIDTH = 20
MAX_WIDTH = 600
_SENTENCE_END_RE = re.compile(r"[.!?。！？][\"'”’)\]」』]*$")


def split_summary(body: str) -> tuple[str | None, str]:
    """The summary taken from the start of a converted body, and the rest of the body.

    The first paragraph is the summary when all of these hold: it is the
    first thing in the body (not a heading, list, quote, table, code, image
    or HTML); it holds no image, raw HTML, autolink, footnote or hard line
    break; it is 20 to 600 columns wide (a CJK character takes two); and it
    ends like a sentence (``.``, ``!``, ``?``, ``。``, ``！``, ``？``, perhaps
    followed by a closing bracket or quote). Otherwise there is no summary.
    """
    tokens = MARKDOWN.parse(body)
    if len(tokens) < 3 or tokens[0].type != "paragraph_open" or tokens[0].map is None:
        return None, body
    if any(
        child.type in ("image", "html_inline", "hardbreak")
        or (child.type == "link_open" and child.markup == "autolink")
        for child in tokens[1].children or ()
    ):
        return None, body
    lines = body.split("\n")
    start, end = tokens[0].map
    summary = " ".join(line.strip() for line in lines[start:end])
    if not MIN_WIDTH <= width(summary) <= MAX_WIDTH or "[^" in summary or "<" in summary:
        return None, body
    if not _SENTENCE_END_RE.search(summary):
        return None, body
    return summary, "\n".join(lines[end:]).strip("\n")


def width(text: str) -> int:
    """Columns on a terminal: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
