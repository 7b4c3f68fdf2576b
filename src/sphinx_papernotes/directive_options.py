"""Option handling shared by every directive of the package.

docutils and MyST drop a whole directive (or an option) with their own error
when an option name is unknown or a value does not convert. We want the
content kept and a located ``papernotes`` warning instead, so every option is
taken as text and checked by the directive itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from docutils.parsers.rst import directives

OPTION_LINE_RE = re.compile(r":([A-Za-z][\w-]*):(?:\s+(.*))?$")


class AnyOptionSpec(dict[str, Callable[[str | None], Any]]):
    """An option spec that accepts every name as plain text."""

    def __missing__(self, key: str) -> Callable[[str | None], Any]:
        return directives.unchanged


def text_options(names: Iterable[str]) -> AnyOptionSpec:
    return AnyOptionSpec(dict.fromkeys(names, directives.unchanged))


def option_lines(block_text: str, lineno: int) -> dict[str, int]:
    """The source line of each option, so a warning points at the field."""
    lines: dict[str, int] = {}
    # "\n" only, as MyST and docutils count lines (not U+2028, U+0085, ...).
    for offset, line in enumerate(block_text.split("\n")[1:], start=1):
        match = OPTION_LINE_RE.match(line.strip())
        if match:
            lines.setdefault(match.group(1), lineno + offset)
        elif line.strip() and not line[:1].isspace():
            break
    return lines
