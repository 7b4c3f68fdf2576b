"""The ``paper-note`` directive: source text -> a :class:`Note` plus its nodes.

Every option is read as plain text and checked here, not by docutils, so a
bad value never drops the note: it becomes a located warning and the note is
kept without that field.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .diagnostics import Subtype, warn
from .directive_options import OptionBlock, read_option_block
from .domain import get_domain
from .inline_markup import without_messages
from .model import (
    LINK_KINDS,
    Note,
    Parsed,
    apply_tag_aliases,
    apply_venue_alias,
    parse_authors,
    parse_date,
    parse_id,
    parse_link,
    parse_tags,
    parse_venue,
    parse_year,
)
from .model.bib_entries import entry_options
from .model.bibkeys import EXPLICIT_KEY_RE
from .model.selection import parse_flag
from .model.slugs import text_hash
from .model.text import clean_text, shorten
from .nodes import (
    note_backlinks,
    note_bibtex,
    note_block,
    note_header,
    note_neighbours,
    note_part,
)
from .settings import settings

MAX_TITLE_LENGTH = 1000
MYST_FENCES = ("```", ":::", "~~~")
# An HTML tag, not an autolink such as <https://example.org> in a plain field.
_HTML_TAG_RE = re.compile(r"<(?![A-Za-z][\w+.-]*:)\s*/?\s*[A-Za-z!][^>]*>")

KNOWN_OPTIONS = (
    "title",
    "authors",
    "venue",
    "year",
    "date",
    "tags",
    *LINK_KINDS,
    "summary",
    "pick",
    "bibkey",
    "from-bib",
)


class PaperNoteDirective(SphinxDirective):
    """``:::{paper-note} <id>`` with the SPEC's options and a MyST body.

    The parsers hand over the whole block as content (no arguments, no
    option spec): the id, the options and the body are read here, the same
    way for MyST and reST, so no option mistake can drop the note.
    """

    has_content = True
    required_arguments = 0
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        source, source_line = self.get_source_info()
        self.source = _absolute_source(source)
        location = f"{self.source}:{source_line}"
        domain = get_domain(self.env)
        docname = self.env.docname
        in_doc = domain.notes_in(docname)

        argument, given, where, line_number = self._read_block()
        lines = {name: where(index) for name, index in given.lines.items()}

        def problem(subtype: Subtype, message: str, option: str | None = None) -> None:
            warn(subtype, f"note {note_id!r}: {message}", lines.get(option or "", location))

        note_id: str | None = None
        parsed_id = parse_id(argument)
        if parsed_id.value is None:
            note_id = f"auto-{text_hash(docname)}-{len(in_doc) + 1}"
            for message in parsed_id.problems:
                warn(Subtype.ID, f"{message}; listed as {note_id!r}", location)
        else:
            note_id = parsed_id.value
        same = sum(1 for other in in_doc if other.id == note_id)
        anchor = f"note-{note_id}" + (f"-{same + 1}" if same else "")

        for index, message in given.problems:
            warn(Subtype.OPTION, f"note {note_id!r}: {message}", where(index))
        for name in given.options:
            if name not in KNOWN_OPTIONS:
                problem(
                    Subtype.OPTION,
                    f"unknown option {shorten(name)!r} (known: {', '.join(KNOWN_OPTIONS)})",
                    name,
                )
        options: dict[str, str | None] = {
            name: value for name, value in given.options.items() if name in KNOWN_OPTIONS
        }
        from_bib = clean_text(options.get("from-bib") or "") or None
        if from_bib:
            for message in self._fill_from_bib(from_bib, options):
                problem(Subtype.BIB, message, "from-bib")
        # The summary is parsed; inline_markup checks what it holds.
        for name in ("title", "authors", "venue", "tags"):
            if _HTML_TAG_RE.search(options.get(name) or ""):
                problem(
                    Subtype.FIELD, f"{name} holds HTML markup; it is shown as plain text", name
                )

        title = clean_text(options.get("title") or "")
        if len(title) > MAX_TITLE_LENGTH:
            problem(
                Subtype.FIELD,
                f"title is {len(title)} characters long; shortened to {MAX_TITLE_LENGTH}",
                "title",
            )
            title = title[: MAX_TITLE_LENGTH - 1] + "…"

        authors = parse_authors(options.get("authors"))
        venue = parse_venue(options.get("venue"))
        year = parse_year(options.get("year"))
        date = parse_date(options.get("date"))
        tags = parse_tags(options.get("tags")) if "tags" in options else None
        fields: dict[str, Parsed[Any] | None] = {
            "authors": authors,
            "venue": venue,
            "year": year,
            "date": date,
            "tags": tags,
        }
        for name, parsed in fields.items():
            for message in parsed.problems if parsed else ():
                problem(Subtype.FIELD, message, name)

        links: list[tuple[str, str]] = []
        for kind in LINK_KINDS:
            link = parse_link(kind, options.get(kind))
            for message in link.problems:
                problem(Subtype.LINK, message, kind)
            if link.value:
                links.append((kind, link.value))

        pick = False
        if "pick" in options:
            parsed_pick = parse_flag("pick", options.get("pick"))
            for message in parsed_pick.problems:
                problem(Subtype.FIELD, message, "pick")
            pick = bool(parsed_pick.value)

        bibkey = clean_text(options.get("bibkey") or "") or None
        if bibkey and not EXPLICIT_KEY_RE.fullmatch(bibkey):
            problem(
                Subtype.FIELD,
                f"bibkey {shorten(bibkey)!r} may hold only ASCII letters, digits, '_', ':', "
                "'.' and '-'; a key is generated instead",
                "bibkey",
            )
            bibkey = None

        venue_name = venue.value.name
        if venue_name:
            venue_name = apply_venue_alias(venue_name, settings(self.config).venue_aliases)
        tag_values = apply_tag_aliases(
            tags.value if tags else (), settings(self.config).tag_aliases
        )

        summary_nodes: list[nodes.Node] = []
        summary_text = clean_text(options.get("summary") or "")
        if summary_text:
            summary_line = line_number(given.lines.get("summary", 0))
            inline, _messages = self.state.inline_text(summary_text, summary_line)
            summary_nodes = without_messages(inline)
        summary_plain = clean_text("".join(node.astext() for node in summary_nodes))

        note = Note(
            id=note_id,
            docname=docname,
            lineno=source_line or self.lineno,
            anchor=anchor,
            title=title,
            authors=authors.value,
            venue=venue_name,
            year=year.value if year.value is not None else venue.value.year,
            date=date.value,
            tags=tag_values,
            links=tuple(links),
            summary=summary_plain,
            pick=pick,
            bibkey=bibkey,
            from_bib=from_bib,
            source=self.source,
        )
        domain.add_note(note)

        return [self._note_nodes(note, anchor, summary_nodes, lines.get("summary", location))]

    def _note_nodes(
        self, note: Note, anchor: str, summary_nodes: list[nodes.Node], summary_where: Any
    ) -> note_block:
        """The note's block: its summary and body, and leaf nodes drawn at write time."""
        block = note_block(
            "", ids=[anchor], classes=["pn-note"] + (["pn-pick"] if note.pick else [])
        )
        self.set_source_info(block)
        block["pn_key"] = note.key
        self._claim_anchor(block, anchor, note.id)
        # Text for the search indexer only; every writer skips it (see nodes).
        words = [note.title, note.authors.full(), note.venue_label, *note.tags]
        head = note_header("", *(nodes.Text(word) for word in words if word), pn_key=note.key)
        block += head
        if summary_nodes:
            paragraph = nodes.paragraph("", "", *summary_nodes)
            # settle_notes applies inline_markup.enforce once the
            # document's substitutions and links are resolved.
            block += note_part("", paragraph, classes=["pn-summary"], pn_where=summary_where)
        if self.content:
            body = note_part("", classes=["pn-body"])
            self.state.nested_parse(self.content, self.content_offset, body)
            block += body
        block += note_bibtex("", pn_key=note.key, classes=["no-search"])
        block += note_backlinks("", pn_key=note.key, classes=["no-search"])
        block += note_neighbours("", pn_key=note.key, classes=["no-search"])
        # Every node made here is located, so Sphinx need not patch them up one by one.
        for node in block.findall(nodes.Element):
            if node.source is None:
                self.set_source_info(node)
        return block

    def _fill_from_bib(self, key: str, options: dict[str, str | None]) -> list[str]:
        """Fields of the BibTeX entry ``key`` that the directive does not give."""
        sources = get_domain(self.env).bib_sources
        if sources is None or not sources.files:
            return [
                f"from-bib {shorten(key)!r} needs the project's .bib files: load "
                "sphinxcontrib.bibtex and set bibtex_bibfiles"
            ]
        for path in sources.files:
            self.env.note_dependency(str(path))
        entry, problems = sources.find(key)
        if entry is None:
            return [
                *problems,
                f"from-bib {shorten(key)!r}: no entry with that key in bibtex_bibfiles",
            ]
        table = settings(self.config).venue_table
        for name, value in entry_options(entry, table).items():
            if not options.get(name):
                options[name] = value
        return problems

    def _claim_anchor(self, block: nodes.Element, anchor: str, note_id: str) -> None:
        """Make ``anchor`` the note's alone on the page.

        A heading "Note 1" or a label ``(note-1)=`` would get the same HTML id
        as note 1, and a ``{note}`` link could land on it. The note keeps the
        id: an earlier holder gets a fresh one (a label is warned about, since
        its author chose it); a later one gets a fresh one from docutils,
        which now knows the id is taken.
        """
        document = self.state.document
        holder = document.ids.get(anchor)
        document.ids[anchor] = block
        if holder is None or holder is block:
            return
        holder["ids"].remove(anchor)
        document.set_id(holder)
        if isinstance(holder, nodes.target) or anchor in holder.get("names", ()):
            warn(
                Subtype.ANCHOR,
                f"the label {anchor!r} is also the anchor of note {note_id!r}; the note "
                f"keeps it and the label's target becomes {holder['ids'][0]!r}",
                holder,
            )

    def _read_block(
        self,
    ) -> tuple[str | None, OptionBlock, Callable[[int], str], Callable[[int], int]]:
        """The id, the options, and for each option line its ``file:line``
        and the line number docutils' reporter takes.

        Both parsers put the text after the directive name (the id) on the
        first content line. reST content lines know their file and line
        (included files too). MyST splits its content with ``splitlines()``,
        which also breaks at U+001C-U+001E, U+2028 and the like inside a
        value, so its options are read from the raw text, split at "\n"
        only as MyST counts lines, and the body starts after the content
        lines those raw lines became.
        """
        # MyST's directive state; its module is loaded whenever MyST parses (and
        # importing it for this check alone would slow every no-op build).
        mocking = sys.modules.get("myst_parser.mocking")
        myst = mocking is not None and isinstance(self.state, mocking.MockState)
        head, _, rest = self.block_text.partition("\n")
        if not myst:
            head = head.partition("::")[2]
        elif head.lstrip().startswith(MYST_FENCES):
            head = head.partition("}")[2]
        # else MyST < 5.2, whose block text starts with the text after the name
        content = self.content
        skip = 1 if content and head.strip() else 0
        argument = content[0].strip() if skip else ""
        if myst:
            raw = rest.split("\n")
            # Without an id, MyST drops a blank line right after the opening one.
            start = 0 if skip or not raw or raw[0].strip() else 1
            block = read_option_block(raw[start:], KNOWN_OPTIONS, unquote=True, strict_end=False)
            used = raw[start : start + block.body_start]
            taken = skip + sum(len(line.splitlines()) or 1 for line in used)
            first = self.lineno + 1 + start

            def line_number(index: int) -> int:
                return first + index

            def where(index: int) -> str:
                return f"{self.source}:{first + index}"

        else:
            block = read_option_block(
                list(content[skip:]), KNOWN_OPTIONS, unquote=False, strict_end=True
            )
            taken = skip + block.body_start
            offset = self.content_offset + skip

            def line_number(index: int) -> int:
                return offset + index + 1

            def where(index: int) -> str:
                info = content.info(min(index + skip, len(content) - 1)) if content else None
                if not info or info[1] is None:
                    return f"{self.source}:{self.lineno}"
                return f"{_absolute_source(str(info[0]))}:{info[1] + 1}"

        self.content = content[taken:]
        self.content_offset += taken
        return argument or None, block, where, line_number


def _absolute_source(source: str) -> str:
    """docutils names an included file relative to the working directory."""
    return os.path.abspath(source) if source else source


def setup_note_directive(app: Sphinx) -> None:
    app.add_directive("paper-note", PaperNoteDirective)
