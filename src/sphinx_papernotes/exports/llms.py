"""``llms.txt``, ``llms-full.txt`` and ``llms/tags/<slug>.md``: the collection as Markdown.

The llms.txt convention (https://llmstxt.org) is one Markdown file at a
site's root with a title, a one-line summary in a quote, and lists of links
to Markdown files an AI agent can read instead of the HTML pages. Here it
links one file per tag and one file with every note.

Every value from a note is written as text, never as Markdown or HTML: the
characters CommonMark gives a meaning to inside a line are backslash-escaped,
a line that would start a block (``#``, ``-``, ``>``, ``1.``) is escaped at
its start, and only ``http(s)`` addresses (or addresses inside the site)
become links. A note's comment comes as Markdown already made safe by
:mod:`sphinx_papernotes.comments`; references to other notes inside it are
placeholders, written here as the cited note's title and address.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from ..model import Collection, Note
from ..model.markdown import escape_block_start, escape_markdown

LLMS_FILE = "llms.txt"
FULL_FILE = "llms-full.txt"
TAG_FOLDER = "llms/tags"

# A reference to another note inside a comment: REF_OPEN target REF_SEP text REF_CLOSE.
REF_OPEN, REF_SEP, REF_CLOSE = "\ue000", "\ue001", "\ue002"
# Marks an address relative to the output root, until the file holding it is known.
ROOT = "\ue003"
_REF_RE = re.compile(f"{REF_OPEN}([^{REF_SEP}]*){REF_SEP}([^{REF_CLOSE}]*){REF_CLOSE}")


MARKERS: dict[int, None] = dict.fromkeys(map(ord, (REF_OPEN, REF_SEP, REF_CLOSE, ROOT)))


def escape_inline(text: str) -> str:
    """``text`` as literal Markdown inside a line (whitespace folded to spaces)."""
    value = escape_markdown(text)
    return value.translate(MARKERS)


def escape_line(text: str) -> str:
    """Like :func:`escape_inline`, and safe at the start of a line too."""
    return escape_block_start(escape_inline(text))


def link_target(url: str) -> str:
    """An address as a Markdown link destination: no space, ``<``, ``>`` or parenthesis."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def link(text: str, url: str) -> str:
    return f"[{escape_inline(text)}]({link_target(url)})"


def is_web_address(url: str) -> bool:
    return url.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Target:
    """What a reference inside a comment is written as: a title and an address."""

    title: str
    url: str | None


Resolver = Callable[[str], Target | None]


@dataclass(frozen=True)
class Site:
    """What the files need from the build: names, addresses and comments.

    ``urls`` maps :attr:`Note.key` to the note's address (absolute under
    ``html_baseurl``, else relative to the output root); ``comments`` maps it
    to the note's comment as safe Markdown with reference placeholders;
    ``resolve`` turns a reference target into the cited note's title and address.
    """

    project: str
    urls: Mapping[str, str]
    comments: Mapping[str, str]
    resolve: Resolver
    base_url: str = ""


def site_address(site: Site, path: str) -> str:
    """A file of the site: absolute under ``html_baseurl``, else relative to the root."""
    if site.base_url:
        base = site.base_url if site.base_url.endswith("/") else site.base_url + "/"
        return base + path
    return path


def tag_file(slug: str) -> str:
    return f"{TAG_FOLDER}/{slug}.md"


def llms_index(collection: Collection, site: Site) -> str:
    """``llms.txt``: title, summary, and the links to the Markdown files."""
    count = len(collection.notes)
    tags = collection.tag_counts
    lines = [
        f"# {escape_inline(site.project) or 'Paper notes'}",
        "",
        f"> Notes on {count} {_plural(count, 'paper')}, filed under {len(tags)} "
        f"{_plural(len(tags), 'tag')}: each note gives the paper's title, authors, venue "
        "and year, links, a one-paragraph summary and the note writer's comments.",
        "",
        "Each file below is plain Markdown. References between notes are written as the "
        "cited note's title, linking to its page.",
        "",
        "## Notes",
        "",
        f"- {link('Every note', site_address(site, FULL_FILE))}: all {count} "
        f"{_plural(count, 'note')} in id order",
        "",
        "## Tags",
        "",
    ]
    slugs = collection.tag_slugs
    for tag, tag_count in tags.items():
        address = site_address(site, tag_file(slugs[tag]))
        lines.append(f"- {link(tag, address)}: {tag_count} {_plural(tag_count, 'note')}")
    if not tags:
        lines.append("No note has a tag yet.")
    return "\n".join(lines) + "\n"


def render_notes(collection: Collection, site: Site) -> dict[str, str]:
    """Note key -> its section, rendered once for every file that shows it."""
    return {note.key: note_markdown(note, site) for note in collection.notes}


def llms_full(
    collection: Collection, site: Site, rendered: Mapping[str, str] | None = None
) -> str:
    """``llms-full.txt``: every note in id order."""
    return "".join(llms_full_chunks(collection, site, rendered))


def llms_full_chunks(
    collection: Collection, site: Site, rendered: Mapping[str, str] | None = None
) -> Iterator[str]:
    """:func:`llms_full` in pieces, for writing without holding the whole file."""
    sections = rendered if rendered is not None else render_notes(collection, site)
    title = f"{escape_inline(site.project) or 'Paper notes'}: every note"
    return _chunks(title, collection.notes, sections, "")


@dataclass(frozen=True)
class TagFile:
    """One ``llms/tags/<slug>.md``: where it goes, its title and its notes."""

    path: str
    title: str
    notes: tuple[Note, ...]


UP_FROM_TAGS = "../" * (TAG_FOLDER.count("/") + 1)


def tag_files(collection: Collection) -> list[TagFile]:
    return [
        TagFile(
            tag_file(slug),
            f"Notes tagged {escape_inline(tag)}",
            tuple(collection.notes_with_tag(tag)),
        )
        for tag, slug in collection.tag_slugs.items()
    ]


def tag_documents(
    collection: Collection, site: Site, rendered: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Path under the output root -> text: ``llms/tags/<slug>.md``, the notes of one tag."""
    sections = rendered if rendered is not None else render_notes(collection, site)
    return {file.path: tag_document(file, sections) for file in tag_files(collection)}


def tag_document(file: TagFile, sections: Mapping[str, str]) -> str:
    return "".join(_chunks(file.title, file.notes, sections, UP_FROM_TAGS))


def _chunks(
    title: str, notes: Iterable[Note], sections: Mapping[str, str], up: str
) -> Iterator[str]:
    """The file's text, a section at a time; ``up`` leads from its folder to the
    output root (a section never holds part of a root marker of another)."""
    yield f"# {title}\n".replace(ROOT, up)
    for note in notes:
        yield "\n" + sections[note.key].replace(ROOT, up)


def _address(url: str) -> str:
    """A link destination; one relative to the output root is marked for :func:`_chunks`."""
    target = link_target(url)
    return target if is_web_address(url) or url.startswith("/") else ROOT + target


def note_markdown(note: Note, site: Site) -> str:
    """One note as a Markdown section: fields as a list, then summary and comment."""
    lines = [f"## {escape_inline(note.display_title)}", ""]
    fields: list[tuple[str, str]] = [("Id", escape_inline(note.id))]
    if note.authors.names or note.authors.truncated:
        fields.append(("Authors", escape_inline(note.authors.full())))
    if note.venue_label:
        fields.append(("Venue", escape_inline(note.venue_label)))
    if note.date:
        fields.append(("Date", escape_inline(note.date)))
    if note.tags:
        fields.append(("Tags", ", ".join(escape_inline(tag) for tag in note.tags)))
    url = site.urls.get(note.key)
    if url is not None:
        fields.append(("Page", f"[note page]({_address(url)})"))
    web = [link(kind, address) for kind, address in note.links if is_web_address(address)]
    if web:
        fields.append(("Links", ", ".join(web)))
    if note.pick:
        fields.append(("Pick", "yes"))
    lines.extend(f"- {name}: {value}" for name, value in fields)
    if note.summary:
        lines += ["", f"Summary: {escape_inline(note.summary)}"]
    comment = site.comments.get(note.key, "").strip("\n")
    if comment:
        lines += ["", "### Comment", "", resolve_references(comment, site.resolve)]
    return "\n".join(lines) + "\n"


def referenced(comment: str) -> list[str]:
    """The targets of the references inside a comment, in order."""
    return [match.group(1) for match in _REF_RE.finditer(comment)]


def resolve_references(comment: str, resolve: Resolver) -> str:
    """Write each placeholder as the cited note's title linking to its address."""

    def replace(match: re.Match[str]) -> str:
        target, text = match.group(1), match.group(2)
        found = resolve(target)
        if found is None:
            return text or escape_inline(target)
        label = text or escape_inline(found.title)
        return f"[{label}]({_address(found.url)})" if found.url else label

    return _REF_RE.sub(replace, comment)


def _plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"
