"""Option handling shared by every directive of the package.

docutils and MyST drop a whole directive (or an option) with their own error
when an option name is unknown or a value does not convert. We want the
content kept and a located ``papernotes`` warning instead, so every option is
taken as text and checked by the directive itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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


# ``:authors:A B``: a known option name with no space after it (a typo).
_GLUED_OPTION_RE = re.compile(r":([A-Za-z][\w-]*):(\S.*)$")
YAML_FENCE = "---"


@dataclass
class OptionBlock:
    """A directive's options, their lines and where its body starts.

    Line numbers are indexes into the lines given, so the caller can turn
    them into file and line for either parser.
    """

    options: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)
    body_start: int = 0


def read_option_block(
    lines: list[str], known: Iterable[str], *, unquote: bool, strict_end: bool
) -> OptionBlock:
    """Options from the top of a directive's lines, never failing.

    docutils drops a whole directive for a repeated option, a ``:name:value``
    line or body text right after the options, and MyST drops every option
    after a bad one; both miscount lines. Here a repeated option keeps the
    first value, a glued known option is read as if spaced, the body starts
    at the first line that is not an option, and each is a problem at its
    line. ``---`` blocks are read with MyST's own option tokenizer.
    ``strict_end`` (reST) makes body text right after the options a problem.
    """
    block = OptionBlock()
    if lines and lines[0].strip() == YAML_FENCE:
        return _read_yaml_block(lines, block)
    names = set(known)
    last: str | None = None
    for index, line in enumerate(lines):
        stripped = line.rstrip()
        match = None if line[:1].isspace() else OPTION_LINE_RE.match(stripped)
        glued = None if match or line[:1].isspace() else _GLUED_OPTION_RE.match(stripped)
        if glued and glued.group(1) not in names:
            glued = None
        if match or glued:
            name, value = (match or glued).group(1, 2)  # type: ignore[union-attr]
            if glued:
                message = f"option ':{name}:' needs a space after it; read as ':{name}: {value}'"
                block.problems.append((index, message))
            if name in block.options:
                block.problems.append(
                    (index, f"option {name!r} is given twice; the first value is kept")
                )
                last = None
                continue
            block.options[name] = (value or "").strip()
            block.lines[name] = index
            last = name
        elif stripped and line[:1].isspace() and last is not None:
            block.options[last] = f"{block.options[last]} {stripped.strip()}".strip()
        elif stripped and line[:1].isspace() and index > 0:
            continue  # the continuation of a repeated option
        else:
            if stripped and strict_end and index > 0:
                block.problems.append(
                    (index, "no blank line between the options and the body; the body starts here")
                )
            block.body_start = index
            break
    else:
        block.body_start = len(lines)
    if unquote:
        block.options = {name: _unquote(value) for name, value in block.options.items()}
    return block


def _read_yaml_block(lines: list[str], block: OptionBlock) -> OptionBlock:
    from myst_parser.parsers.options import TokenizeError, options_to_tokens

    end = next(
        (index for index, line in enumerate(lines[1:], 1) if line.strip() == YAML_FENCE),
        len(lines),
    )
    block.body_start = min(end + 1, len(lines))
    try:
        tokens, _state = options_to_tokens("\n".join(lines[1:end]))
    except TokenizeError as error:
        line = 1 + (error.problem_mark.line if error.problem_mark else 0)
        block.problems.append((line, f"the option block cannot be read: {error.problem}"))
        return block
    for key, value in tokens:
        index = 1 + key.start.line
        if key.value in block.options:
            block.problems.append(
                (index, f"option {key.value!r} is given twice; the first value is kept")
            )
            continue
        text = value.value if value is not None else ""
        if value is not None and value.style is None:
            text = _flow_list(text)
        block.options[key.value] = text
        block.lines[key.value] = index
    return block


def _flow_list(text: str) -> str:
    """``[a, "b c"]`` (a YAML list) -> ``a, b c``: the comma-separated form."""
    stripped = text.strip()
    if not (stripped.startswith("[") and stripped.endswith("]")):
        return text
    return ", ".join(_unquote(item.strip()) for item in stripped[1:-1].split(","))


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
