"""Code blocks: keep a language only when Sphinx can highlight the code in it.

Sphinx warns (``misc.highlighting_failure``) when Pygments does not know a
code block's language (``mermaid``) or cannot lex its code (broken JSON), so
``-W`` would fail on ordinary issue text. Such blocks are marked ``text``.
"""

from __future__ import annotations

import re

# Pygments ships no type information (and types-Pygments is not a test dependency).
from pygments.filters import ErrorToken  # type: ignore[import-untyped]
from pygments.lexer import Lexer  # type: ignore[import-untyped]
from pygments.lexers import (  # type: ignore[import-untyped]
    PythonConsoleLexer,
    PythonLexer,
    get_lexer_by_name,
)
from pygments.util import ClassNotFound  # type: ignore[import-untyped]

# The names Sphinx itself maps to the Python lexers.
PYTHON_NAMES = frozenset({"py", "python", "py3", "python3"})
_FENCE_OPEN_RE = re.compile(
    r"^(?P<lead>[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:`{3,}|~{3,}))"
    r"(?P<info>.*)$"
)


def highlights(language: str, code: str) -> bool:
    """True when Sphinx will highlight ``code`` as ``language`` without a warning."""
    if language.startswith("{"):  # a MyST directive, not a language
        return False
    lexer: Lexer
    if language.lower() in PYTHON_NAMES:
        lexer = PythonConsoleLexer() if code.startswith(">>>") else PythonLexer()
    else:
        try:
            lexer = get_lexer_by_name(language)
        except ClassNotFound:
            return False
    lexer.add_filter("raiseonerror")
    try:
        for _ in lexer.get_tokens(code):
            pass
    except ErrorToken:
        return False
    except Exception:  # a lexer that fails in its own way fails in Sphinx too
        return False
    return True


def checked_fence(line: str, info: str, code: str) -> tuple[str, str | None]:
    """The opening line of a fence, marked ``text`` when its language would warn.

    Returns the line and the language that was replaced, if any.
    """
    language = info.split(maxsplit=1)[0] if info.strip() else ""
    if not language or highlights(language, code):
        return line, None
    match = _FENCE_OPEN_RE.match(line)
    if match is None:
        return line, None
    return f"{match.group('lead')}text", language
