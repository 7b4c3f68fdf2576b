"""Plain text written into Markdown (or MyST) so that it reads back as itself.

CommonMark lets a backslash escape any ASCII punctuation, so text stays text
when every character with a meaning inside a line is escaped, and a line's
first characters are escaped when they would open a block (a heading, list,
quote, fence or thematic break). MyST adds roles (``{name}`` before a code
span: the backtick is escaped), comments (``%``), targets (``(name)=``),
colon fences (``:::``) and, when enabled, ``$`` math: :data:`MYST_EXTRA`.
"""

from __future__ import annotations

import re
from functools import cache

from .text import clean_text

# Emphasis, code, links, raw HTML and autolinks, entities, strikethrough,
# table cells, and the escape itself.
_INLINE = "\\`*_[]<>&~|"
MYST_EXTRA = "${}"
_BLOCK_START_RE = re.compile(r"^([#>+=\-:%(]|\d{1,9}(?=[.)]))")


@cache
def _table(extra: str) -> dict[int, str]:
    return {ord(ch): f"\\{ch}" for ch in _INLINE + extra}


def escape_markdown(text: str, extra: str = "") -> str:
    """``text`` with white space folded, every special character escaped."""
    return clean_text(text).translate(_table(extra))


def escape_block_start(markdown: str) -> str:
    """Inline Markdown that opens a line: escape a block marker at its start."""

    def escaped(match: re.Match[str]) -> str:
        marker = match.group(1)
        return f"{marker}\\" if marker[0].isdigit() else f"\\{marker}"

    return _BLOCK_START_RE.sub(escaped, markdown, count=1)


def markdown_paragraph(text: str, extra: str = "") -> str:
    """``text`` as one Markdown paragraph that shows exactly its characters."""
    return escape_block_start(escape_markdown(text, extra))
