"""The ``paper-note`` directive: source text -> a :class:`Note` plus its nodes.

Every option is read as plain text and checked here, not by docutils, so a
bad value never drops the note: it becomes a located warning and the note is
kept without that field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import config
from .diagnostics import Subtype, warn
from .directive_options import OPTION_LINE_RE, option_lines, text_options
from .domain import get_domain
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
from .navigation import neighbours_placeholder
from .nodes import backlinks_placeholder, note_block, note_title
from .note_bibtex import bibtex_placeholder
from .theme.chips import chip_classes
from .translation import _

MAX_TITLE_LENGTH = 1000
MYST_FENCES = ("```", ":::", "~~~")
_HTML_TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")

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
    """``:::{paper-note} <id>`` with the SPEC's options and a MyST body."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = text_options(KNOWN_OPTIONS)  # type: ignore[assignment]

    def run(self) -> list[nodes.Node]:
        self._read_myst_options()
        location = self.get_location()
        domain = get_domain(self.env)
        docname = self.env.docname
        in_doc = domain.notes_in(docname)

        lines = option_lines(self.block_text, self.lineno)

        def problem(subtype: Subtype, message: str, option: str | None = None) -> None:
            where = location
            if option in lines:
                where = f"{self.get_source_info()[0]}:{lines[option]}"
            warn(subtype, f"note {note_id!r}: {message}", where)

        note_id: str | None = None
        parsed_id = parse_id(self.arguments[0] if self.arguments else None)
        if parsed_id.value is None:
            note_id = f"auto-{text_hash(docname)}-{len(in_doc) + 1}"
            for message in parsed_id.problems:
                warn(Subtype.ID, f"{message}; listed as {note_id!r}", location)
        else:
            note_id = parsed_id.value
        same = sum(1 for other in in_doc if other.id == note_id)
        anchor = f"note-{note_id}" + (f"-{same + 1}" if same else "")

        for name in self.options:
            if name not in KNOWN_OPTIONS:
                problem(
                    Subtype.OPTION,
                    f"unknown option {shorten(name)!r} (known: {', '.join(KNOWN_OPTIONS)})",
                    name,
                )
        options: dict[str, str | None] = {
            name: value for name, value in self.options.items() if name in KNOWN_OPTIONS
        }
        from_bib = clean_text(options.get("from-bib") or "") or None
        if from_bib:
            for message in self._fill_from_bib(from_bib, options):
                problem(Subtype.BIB, message, "from-bib")
        for name in ("title", "authors", "venue", "tags", "summary"):
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
            venue_name = apply_venue_alias(
                venue_name, config.get(self.config, "papernotes_venue_aliases")
            )
        tag_values = apply_tag_aliases(
            tags.value if tags else (), config.get(self.config, "papernotes_tag_aliases")
        )

        block = note_block("", ids=[anchor], classes=["pn-note"] + (["pn-pick"] if pick else []))
        self.set_source_info(block)
        block["pn_key"] = f"{docname}#{anchor}"
        block += self._title_node(title, pick)

        summary_nodes: list[nodes.Node] = []
        summary_text = clean_text(options.get("summary") or "")
        if summary_text:
            summary_nodes, messages = self.state.inline_text(summary_text, self.lineno)
            summary_nodes = [_without_raw(node) for node in summary_nodes]
            summary_nodes.extend(messages)
        summary_plain = clean_text("".join(node.astext() for node in summary_nodes))

        note = Note(
            id=note_id,
            docname=docname,
            lineno=self.lineno,
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
        )
        domain.add_note(note)

        block += self._meta_nodes(note)
        if summary_nodes:
            paragraph = nodes.paragraph("", "", *summary_nodes)
            block += nodes.container("", paragraph, classes=["pn-summary"])
        if self.content:
            body = nodes.container("", classes=["pn-body"])
            self.state.nested_parse(self.content, self.content_offset, body)
            block += body
        block += bibtex_placeholder("", pn_key=note.key)
        block += backlinks_placeholder("", pn_id=note.id)
        block += neighbours_placeholder("", pn_key=note.key)
        return [block]

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
        table = config.venue_table(self.config)
        for name, value in entry_options(entry, table).items():
            if not options.get(name):
                options[name] = value
        return problems

    def _read_myst_options(self) -> None:
        """In MyST, take the option values exactly as written.

        MyST reads option values as YAML-like scalars: `` #`` starts a comment
        that is dropped, a value that starts with an unclosed quote makes it
        drop every option, and an indented line ends the option block (the
        rest, later options included, goes to the body). The raw lines are in
        the directive's text, so we read them ourselves: ``:name: value``
        lines, and indented lines that continue the value before them, up to
        the first blank or other line. A value wholly inside matching quotes
        loses them, as in MyST. reST option blocks already work this way.
        """
        if not self.block_text.lstrip().startswith(MYST_FENCES):
            return
        raw: dict[str, str] = {}
        last: str | None = None
        # Lines end at "\n" only, as in MyST: splitlines() would also break at
        # U+2028, U+0085 or a form feed inside a value and drop every later option.
        for line in self.block_text.split("\n")[1:]:
            match = None if line[:1].isspace() else OPTION_LINE_RE.match(line.rstrip())
            if match:
                last = match.group(1)
                raw[last] = (match.group(2) or "").strip()
            elif line.strip() and line[:1].isspace() and last is not None:
                raw[last] = f"{raw[last]} {line.strip()}".strip()
            else:
                break
        if not raw:
            return  # a YAML ("---") option block, which MyST reads well
        self.options = {name: _unquote(value) for name, value in raw.items()}
        taken = 0
        if self.content and self.content[0][:1].isspace():
            for line in self.content:
                if not line.strip() or not (
                    line[:1].isspace() or OPTION_LINE_RE.match(line.rstrip())
                ):
                    break
                taken += 1
        self.content = self.content[taken:]
        self.content_offset += taken

    def _title_node(self, title: str, pick: bool) -> note_title:
        # Fields are data, shown as written: no smart quotes.
        node = note_title("", title, support_smartquotes=False)
        if pick:
            node += nodes.inline("", " ★", classes=["pn-pick-mark"], title=_("Pick"))
        return node

    def _meta_nodes(self, note: Note) -> nodes.field_list:
        fields = nodes.field_list(classes=["pn-meta"], support_smartquotes=False)
        if note.authors.names:
            fields += _field(_("Authors"), nodes.Text(note.authors.full()), "pn-authors")
        if note.venue or note.year:
            badge = nodes.inline(
                "", "", classes=["pn-venue", "sd-badge", "sd-bg-info", "sd-bg-text-info"]
            )
            if note.venue:
                badge += _xref("venue", note.venue, note.venue)
            if note.year:
                badge += nodes.Text(f" {note.year}" if note.venue else str(note.year))
            label = _("Venue") if note.venue else _("Year")
            fields += _field(label, badge, "pn-venue-field")
        if note.date:
            fields += _field(_("Date"), nodes.Text(note.date), "pn-date")
        if note.tags:
            tag_list = nodes.bullet_list(classes=["pn-tags"])
            for tag in note.tags:
                chip = _xref("tag", tag, tag)
                chip["classes"] += [
                    "pn-tag",
                    "sd-badge",
                    "sd-outline-secondary",
                    "sd-text-secondary",
                    *chip_classes(tag),
                ]
                tag_list += nodes.list_item("", nodes.paragraph("", "", chip))
            fields += _field(_("Tags"), tag_list, "pn-tags-field")
        if note.links:
            link_list = nodes.bullet_list(classes=["pn-links"])
            for kind, url in note.links:
                ref = nodes.reference("", LINK_LABELS.get(kind, kind), refuri=url)
                ref["classes"] += ["pn-link", f"pn-link-{kind}"]
                link_list += nodes.list_item("", nodes.paragraph("", "", ref))
            fields += _field(_("Links"), link_list, "pn-links-field")
        return fields


LINK_LABELS = {
    "arxiv": "arXiv",
    "openreview": "OpenReview",
    "doi": "DOI",
    "url": "Web",
    "code": "Code",
    "pdf": "PDF",
}


def _field(label: str, body: nodes.Node, css: str) -> nodes.field:
    content = body if isinstance(body, nodes.Body) else nodes.paragraph("", "", body)
    return nodes.field(
        "", nodes.field_name("", label), nodes.field_body("", content), classes=[css]
    )


def _xref(kind: str, target: str, text: str) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "",
        nodes.inline("", text),
        refdomain="papernotes",
        reftype=kind,
        reftarget=target,
        refexplicit=True,
        refwarn=True,
        pn_implicit=True,
    )
    return ref


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _without_raw(node: nodes.Node) -> nodes.Node:
    """Summaries are text: raw HTML from MyST becomes visible, escaped text."""
    if isinstance(node, nodes.raw):
        return nodes.Text(node.astext())
    if isinstance(node, nodes.Element):
        for raw in list(node.findall(nodes.raw)):
            raw.replace_self(nodes.Text(raw.astext()))
    return node


def setup_note_directive(app: Sphinx) -> None:
    app.add_directive("paper-note", PaperNoteDirective)
