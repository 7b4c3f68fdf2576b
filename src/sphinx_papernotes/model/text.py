"""Cleaning of free text from directive options."""

from __future__ import annotations

import re
import unicodedata

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACE_RE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """NFC-normalise, drop control characters and fold white space.

    Control characters are invisible in HTML and make XML (the feed) invalid,
    so they never reach a note; folding keeps multi-line option values tidy.
    """
    # Normalised after the control characters go: "e<NUL><combining acute>"
    # would otherwise keep a decomposed "é" that differs from the typed one.
    text = unicodedata.normalize("NFC", _CONTROL_RE.sub("", text))
    return _SPACE_RE.sub(" ", text).strip()


def shorten(text: str, limit: int = 60) -> str:
    """Cut a long value for a warning message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
