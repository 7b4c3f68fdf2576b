"""The template of ``papernotes new``: a note with the fields given, ready to edit."""

from __future__ import annotations

from dataclasses import dataclass

from .myst import render_note

TEMPLATE = """\
% Written by `papernotes new`. More fields: :openreview:, :doi:, :url:, :code:,
% :pdf:, :summary: (one paragraph, shown on listings), :pick: (a flag), :bibkey:.
% Cite another note in the body with {{note}}`ID`. Lines starting with % are comments.
{note}"""

PLACEHOLDER_BODY = "Your notes on the paper."
UNTITLED = "Untitled"


@dataclass(frozen=True)
class NewNote:
    """The fields ``papernotes new`` was given (already checked)."""

    note_id: str
    date: str
    title: str = ""
    authors: str = ""
    venue: str = ""
    tags: str = ""
    arxiv: str = ""


def render_new_note(note: NewNote) -> tuple[str, list[str]]:
    """The text of the new note file, and the fields whose value had to change."""
    fields = [
        ("title", note.title or UNTITLED),
        ("authors", note.authors),
        ("venue", note.venue),
        ("date", note.date),
        ("tags", note.tags),
        ("arxiv", note.arxiv),
    ]
    text, altered = render_note(note.note_id, fields, PLACEHOLDER_BODY)
    return TEMPLATE.format(note=text), altered
