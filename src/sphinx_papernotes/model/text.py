"""Cleaning of free text from directive options."""

from __future__ import annotations

import re
import unicodedata

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Invisible format characters (Unicode category Cf): bidi embeddings,
# overrides and isolates (U+202A-202E, U+2066-2069) that reorder what a
# reader sees, zero-width space, word joiner, BOM, soft hyphen, invisible
# operators and the tag characters that can hide text. The zero-width
# non-joiner and joiner (U+200C, U+200D) stay: scripts and emoji need them.
_INVISIBLE_RE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b"
    "\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_SPACE_RE = re.compile(r"\s+")
# An HTML tag, not an autolink such as <https://example.org> in a plain field.
HTML_TAG_RE = re.compile(r"<(?![A-Za-z][\w+.-]*:)\s*/?\s*[A-Za-z!][^>]*>")


def holds_html(text: str) -> bool:
    """Whether a plain field holds an HTML tag (shown as text, so it is refused or warned)."""
    return HTML_TAG_RE.search(text) is not None


def clean_text(text: str) -> str:
    """NFC-normalise, drop control and invisible characters, fold white space.

    Control characters are invisible in HTML and make XML (the feed) invalid,
    and bidi overrides or zero-width characters make a field read differently
    from what it holds, so none reach a note; folding keeps multi-line option
    values tidy.
    """
    # Normalised after the control characters go: "e<NUL><combining acute>"
    # would otherwise keep a decomposed "é" that differs from the typed one.
    text = unicodedata.normalize("NFC", _INVISIBLE_RE.sub("", _CONTROL_RE.sub("", text)))
    return _SPACE_RE.sub(" ", text).strip()


def shorten(text: str, limit: int = 60) -> str:
    """Cut a long value for a warning message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
