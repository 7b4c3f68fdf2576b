"""The result type shared by every field parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """A parsed value plus the problems found on the way.

    Parsers never raise on user input: a bad part is dropped and described in
    ``problems`` so the caller can warn and keep the rest of the note.
    """

    value: T
    problems: tuple[str, ...] = field(default=())
