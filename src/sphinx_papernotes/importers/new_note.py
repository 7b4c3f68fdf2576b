"""The template of ``papernotes new``: a note with the fields given, ready to edit."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.markdown import MYST_EXTRA, markdown_paragraph
from .myst import render_note

TEMPLATE = """\
% Written by `papernotes new`. More fields: :openreview:, :doi:, :url:, :code:,
% :pdf:, :summary: (one paragraph, shown on listings), :pick: (a flag), :bibkey:.
% Cite another note in the body with {{note}}`ID`. Lines starting with % are comments.
{note}"""

PLACEHOLDER_BODY = "Your notes on the paper."
UNTITLED = "Untitled"
ABSTRACT_TITLE = "Abstract"


@dataclass(frozen=True)
class NewNote:
    """The fields ``papernotes new`` was given or fetched (already checked)."""

    note_id: str
    date: str
    title: str = ""
    authors: str = ""
    venue: str = ""
    tags: str = ""
    arxiv: str = ""
    year: str = ""
    doi: str = ""
    openreview: str = ""
    abstract: str = ""


def abstract_section(abstract: str) -> str:
    """A paper's abstract as a collapsed ``{dropdown}`` (sphinx-design) in a note's body.

    The abstract is plain text from elsewhere: each paragraph is escaped so
    that MyST shows exactly its characters (no markup, roles, math or HTML).
    The note's own fence is chosen longer than this one by :func:`render_note`.
    """
    paragraphs = [markdown_paragraph(part, MYST_EXTRA) for part in abstract.split("\n\n")]
    text = "\n\n".join(part for part in paragraphs if part)
    if not text:
        return ""
    return f":::{{dropdown}} {ABSTRACT_TITLE}\n{text}\n:::"


def render_new_note(note: NewNote) -> tuple[str, list[str]]:
    """The text of the new note file, and the fields whose value had to change."""
    fields = [
        ("title", note.title or UNTITLED),
        ("authors", note.authors),
        ("venue", note.venue),
        ("year", note.year),
        ("date", note.date),
        ("tags", note.tags),
        ("arxiv", note.arxiv),
        ("doi", note.doi),
        ("openreview", note.openreview),
    ]
    body = "\n\n".join(
        part for part in (abstract_section(note.abstract), PLACEHOLDER_BODY) if part
    )
    text, altered = render_note(note.note_id, fields, body)
    return TEMPLATE.format(note=text), altered
