"""Writing MyST that reads back exactly as written.

Two things can go wrong when text from elsewhere lands in a note file:

- an option value that MyST's option parser reads as something else: a
  value starting with a quote, ``|`` or ``>`` is YAML syntax, and `` #``
  starts a comment (MyST warns about both);
- a line in the body that closes the note's fence early (a ``:::`` line).

:func:`option_value` quotes the first kind so that both MyST and the
``paper-note`` directive (which strips one pair of matching outer quotes)
read the original text, and :func:`fence_for` makes the note's fence longer
than any colon run in the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model.text import clean_text

_QUOTE_NEEDED_START = ("'", '"', "|", ">", "#")
_COMMENT_RE = re.compile(r"\s#")
_LEADING_COLONS_RE = re.compile(r"^\s*(:+)", re.MULTILINE)
MIN_FENCE = 3


def option_value(text: str) -> tuple[str, bool]:
    """The text to write after ``:name:``, and whether it had to change.

    The value is folded to one line first (an option value never spans
    lines in what we write). It is quoted when MyST would otherwise misread
    it: single quotes when it holds none, else double quotes when it holds
    no ``"`` or backslash. A value that needs quoting and holds all of them
    cannot be written exactly; its straight apostrophes become typographic
    ones (the only case where the value changes).
    """
    value = clean_text(text)
    if not value or not (value.startswith(_QUOTE_NEEDED_START) or _COMMENT_RE.search(value)):
        return value, False
    if "'" not in value:
        return f"'{value}'", False
    if '"' not in value and "\\" not in value:
        return f'"{value}"', False
    return "'" + value.replace("'", "’") + "'", True


def fence_for(body: str) -> str:
    """A colon fence longer than any run of colons that starts a line of ``body``."""
    longest = max((len(match.group(1)) for match in _LEADING_COLONS_RE.finditer(body)), default=0)
    return ":" * max(MIN_FENCE, longest + 1)


def render_note(
    note_id: str, options: Iterable[tuple[str, str]], body: str = ""
) -> tuple[str, list[str]]:
    """A ``paper-note`` directive as MyST text, and the options whose value changed.

    ``options`` are ``(name, value)`` pairs in the order to write them;
    empty values are left out. ``body`` is MyST text placed after a blank
    line; the fence is chosen so that nothing in it can end the note early.
    """
    changed: list[str] = []
    lines: list[str] = []
    for name, raw in options:
        value, altered = option_value(raw)
        if not value:
            continue
        if altered:
            changed.append(name)
        lines.append(f":{name}: {value}")
    body = body.strip("\n")
    fence = fence_for(body)
    text = f"{fence}{{paper-note}} {note_id}\n" + "".join(f"{line}\n" for line in lines)
    if body:
        text += f"\n{body}\n"
    text += f"{fence}\n"
    return text, changed
