"""Which lines of a Markdown text are code, HTML, rules or ordinary text.

The converters change ordinary text only, so they first ask markdown-it-py
(the parser MyST itself uses) where the code blocks, HTML blocks and
thematic breaks are, at any depth (in lists and quotes too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .html import only_images

# CommonMark with the GitHub tables and strikethrough that MyST also reads.
MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
# The same, for the block structure only: inline text is left unparsed (about
# half the time of a full parse, and the block rules never need it).
BLOCK_MARKDOWN = (
    MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).disable("inline")
)

# What code (fences, indented), HTML and thematic breaks need; text without
# any of it is all ordinary text, and need not be parsed.
_MAYBE_NOT_TEXT_RE = re.compile(
    r"[`~<]|^(?: {4}|[ ]{0,3}\t)|^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M
)

TEXT = "text"
CODE = "code"
HTML = "html"
RULE = "hr"


@dataclass
class Blocks:
    """``kinds[i]`` is the kind of line ``i``; fences and image-only HTML blocks by first line."""

    kinds: list[str]
    fences: dict[int, Token] = field(default_factory=dict)
    image_blocks: dict[int, tuple[int, list[dict[str, str]]]] = field(default_factory=dict)


def blocks_of(text: str) -> Blocks:
    """Classify the lines of ``text`` (split on ``\\n``); the result is the caller's to change."""
    found = _blocks_of(text)
    return Blocks(list(found.kinds), dict(found.fences), dict(found.image_blocks))


@lru_cache(maxsize=32)
def _blocks_of(text: str) -> Blocks:
    """Kept for a few texts: the link rules and the converter classify the same body."""
    blocks = Blocks([TEXT] * (text.count("\n") + 1))
    if _MAYBE_NOT_TEXT_RE.search(text) is None:  # no code, HTML or rule can be there
        return blocks
    for token in BLOCK_MARKDOWN.parse(text):
        if token.map is None:
            continue
        start, end = token.map
        if token.type in ("fence", "code_block"):
            blocks.kinds[start:end] = [CODE] * (end - start)
            if token.type == "fence":
                blocks.fences[start] = token
        elif token.type == "html_block":
            blocks.kinds[start:end] = [HTML] * (end - start)
            images = only_images(token.content) if token.level == 0 else None
            if images:
                blocks.image_blocks[start] = (end, images)
        elif token.type == "hr":
            blocks.kinds[start:end] = [RULE] * (end - start)
    return blocks
