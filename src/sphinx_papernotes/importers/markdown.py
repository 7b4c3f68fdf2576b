"""GitHub-flavoured Markdown to the body of a MyST note.

Most of what people write in GitHub issues is already valid MyST, and stays
as written: paragraphs, lists, quotes, tables, code, Markdown images and raw
HTML. What changes:

- ``#1234`` becomes ``{note}`1234``` when note 1234 exists (imported now or
  already in the output folder), else a link to the issue on GitHub, as
  GitHub shows it. Nothing changes inside code, URLs, links or HTML;
- a bare URL becomes an autolink (GitHub links them, MyST does not), and a
  URL of an issue of the same repository that is a note becomes a note
  reference; it ends before Japanese or Chinese text glued to it, and the
  address of a post on X/Twitter becomes a link labelled ``@user on X``;
- relative links and image paths are made absolute against the issue's page
  (they point into GitHub, not into the Sphinx project); a link to any other
  scheme than http(s), mailto or ftp is shown as text;
- HTML that could run script or restyle the site (``<script>``, ``on…=``,
  ``style=``, ``javascript:``) is shown as text: GitHub drops it when it
  renders an issue, a static site would serve it;
- MyST syntax that GitHub shows as text stays text: a role-like
  ``{name}`` before a code span, and lines starting with ``%`` (a MyST
  comment), ``(label)=`` (a target), ``+++`` (a block break) or ``:::`` (a
  fence) are escaped;
- things that would make ``sphinx-build -W`` fail are defused: a thematic
  break (``---``) becomes a blank line (docutils allows no transition inside
  a directive), a code block whose language Pygments does not know or
  cannot lex is marked ``text``, a footnote reference without a definition
  and a definition nobody references are kept as text;
- an HTML block holding only ``<img>`` tags (GitHub's drag-and-drop) becomes
  ``{image}`` directives, so the image is in every output format.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from .blocks import CODE, HTML, RULE, TEXT, blocks_of
from .code import checked_fence
from .html import defuse_html, image_directives
from .paper_links import is_link_only
from .posts import post_label

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Inline constructs whose text must not change (a link's destination may be made absolute).
_INLINE_RE = re.compile(
    r"(?P<escape>\\[\s\S])"
    r"|(?P<code>(?P<ticks>`+)(?!`)[\s\S]*?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<link>(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\(\s*(?P<dest><[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)"
    r"(?P<title>\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\))"
    r"|(?P<autolink><(?:https?|ftp|mailto):[^<>\s]*>)"
    r"|(?P<html><!--[\s\S]*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    # A bare URL ends before Japanese or Chinese text glued to it (as GitHub shows it).
    r"|(?P<url>(?<![\w/@.])https?://[^\s<>`\"\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+)"
)
# ASCII word characters only, as GitHub: ``#12を参照`` and ``参照#12`` are references.
_ISSUE_REF_RE = re.compile(r"(?<![A-Za-z0-9_&#/\\])#(\d+)(?![A-Za-z0-9_])")
_ROLE_BEFORE_CODE_RE = re.compile(r"(?<!\\)\{[A-Za-z][\w.+:-]*\}$")
_FOOTNOTE_REF_RE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\](?!:)")
_LINE_PREFIX = r"^(?P<prefix>[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)"
_FOOTNOTE_DEF_RE = re.compile(_LINE_PREFIX + r"\[\^(?P<label>[^\]\s]+)\]:")
_LINK_DEF_RE = re.compile(
    r"^(?P<lead>[ \t]{0,3}\[(?!\^)[^\]]+\]:[ \t]*)(?P<dest><[^<>]*>|\S+)(?P<rest>.*)$"
)
_MYST_LINE_RE = re.compile(_LINE_PREFIX + r"(?P<mark>%|\(.*\)=[ \t]*$|\+\+\+|:{3,})")
_RULE_PREFIX_RE = re.compile(r"^[ \t]*(?:>[ \t]?)*")
_TRAILING_PUNCTUATION = ".,:;!?\"'*_~"
# Addresses MyST links to (others it takes for documents of the project).
LINK_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})
_SCHEME_RE = re.compile(r"<?([A-Za-z][A-Za-z0-9+.-]*):")
_DROPPED = "dropped"
_UNSAFE_HTML = "HTML that could run script or restyle the page shown as text"


@dataclass(frozen=True)
class Context:
    """What a conversion needs to know about where the text came from."""

    page_url: str | None = None  # the issue or comment: relative links resolve against it
    repo_url: str | None = None  # ``https://github.com/owner/repo``
    known_ids: frozenset[str] = frozenset()  # notes ``#1234`` may refer to
    footnote_prefix: str = ""  # keeps footnote labels of several texts apart


@dataclass
class Converted:
    """A MyST body, the notes it refers to, and what was changed on the way."""

    text: str
    references: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


def normalise(text: str | None) -> str:
    """``\\n`` line ends, no control characters, no trailing blank lines."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text).strip("\n")


def convert(text: str, context: Context, drop_lines_with: Collection[str] = ()) -> Converted:
    """GitHub Markdown to MyST, as described in the module docstring.

    A line outside code that holds nothing but one of the URLs in
    ``drop_lines_with`` (perhaps as a link, after a short label such as
    ``arXiv:`` or a list marker) is left out: that link became a field.
    """
    lines = text.split("\n")
    blocks = blocks_of(text)
    kinds = blocks.kinds
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and drop_lines_with and is_link_only(line, drop_lines_with):
            kinds[index] = _DROPPED
    footnotes = _Footnotes.collect(lines, kinds, context.footnote_prefix)
    result = Converted("")
    out: list[str] = []
    index = 0
    while index < len(lines):
        kind = kinds[index]
        end = index + 1
        if kind in (TEXT, HTML) and index not in blocks.image_blocks:
            while end < len(lines) and kinds[end] == kind and end not in blocks.image_blocks:
                end += 1
        run = lines[index:end]
        if kind == TEXT:
            out.extend(_convert_lines(run, context, footnotes, result))
        elif kind == HTML and index in blocks.image_blocks:
            end, images = blocks.image_blocks[index]
            out.extend(_pictures(images, lines[index:end], context, result))
        elif kind == HTML:
            html, unsafe = defuse_html("\n".join(run))
            if unsafe:
                result.changes.append(_UNSAFE_HTML)
            out.extend(html.split("\n"))
        elif kind in (RULE, _DROPPED):
            # Left out (docutils allows no transition in a directive; the link
            # became a field), keeping the blocks around it apart.
            prefix = _RULE_PREFIX_RE.match(run[0]) if kind == RULE else None
            blank = prefix.group(0).rstrip() if prefix else ""
            if out and out[-1].strip() != blank:
                out.append(blank)
            elif end < len(lines) and lines[end].strip() == blank:
                end += 1  # one blank line is enough
        elif kind == CODE and index in blocks.fences:
            fence = blocks.fences[index]
            line, language = checked_fence(run[0], fence.info, fence.content)
            if language:
                result.changes.append(f"code block in {language!r} shown as plain text")
            out.append(line)
        else:
            out.extend(run)
        index = end
    result.text = "\n".join(out).strip("\n")
    return result


def _pictures(
    images: list[dict[str, str]], block: list[str], context: Context, result: Converted
) -> list[str]:
    """An HTML block of ``<img>`` tags as image directives, when every address is a web one."""
    resolved = [{**image, "src": _absolute(image["src"], context)} for image in images]
    if all(_scheme(image["src"]) in ("http", "https") for image in resolved):
        return image_directives(resolved)
    html, unsafe = defuse_html("\n".join(block))
    if unsafe:
        result.changes.append(_UNSAFE_HTML)
    return html.split("\n")


# --- text lines ---------------------------------------------------------------------------


@dataclass
class _Footnotes:
    """Footnote labels defined and referenced in one text, and how to rename them."""

    defined: set[str]
    referenced: set[str]
    prefix: str

    @classmethod
    def collect(cls, lines: list[str], kinds: list[str], prefix: str) -> _Footnotes:
        defined: set[str] = set()
        referenced: set[str] = set()
        for line, kind in zip(lines, kinds, strict=True):
            if kind != TEXT:
                continue
            match = _FOOTNOTE_DEF_RE.match(line)
            if match:
                defined.add(match.group("label"))
                line = line[match.end() :]
            for is_text, part, _ in _segments(line):
                if is_text:
                    referenced.update(_FOOTNOTE_REF_RE.findall(part))
        return cls(defined, referenced, prefix)

    def reference(self, label: str) -> str:
        if label in self.defined:
            return f"[^{self.prefix}{label}]"
        return f"\\[^{label}]"

    def definition(self, label: str) -> str:
        if label in self.referenced:
            return f"[^{self.prefix}{label}]:"
        return f"\\[^{label}]:"


def _convert_lines(
    lines: list[str], context: Context, footnotes: _Footnotes, result: Converted
) -> list[str]:
    """Convert a run of text lines, paragraph by paragraph (code spans never cross one)."""
    out: list[str] = []
    paragraph: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            paragraph.append(line)
            continue
        if paragraph:
            out.extend(_convert_paragraph(paragraph, context, footnotes, result).split("\n"))
            paragraph = []
        out.append(line)
    return out[:-1]


def _convert_paragraph(
    lines: list[str], context: Context, footnotes: _Footnotes, result: Converted
) -> str:
    kept: list[str] = []
    for line in lines:
        definition = _LINK_DEF_RE.match(line)
        if definition:
            dest = _absolute(definition.group("dest"), context)
            kept.append(f"\x00{definition.group('lead')}{dest}{definition.group('rest')}")
            continue
        footnote = _FOOTNOTE_DEF_RE.match(line)
        if footnote:
            label = footnote.group("label")
            line = footnote.group("prefix") + footnotes.definition(label) + line[footnote.end() :]
        else:
            mark = _MYST_LINE_RE.match(line)
            if mark:
                line = f"{mark.group('prefix')}\\{line[mark.end('prefix') :]}"
        kept.append(line)
    text = "\n".join(kept)
    pieces: list[str] = []
    segments = list(_segments(text))
    for position, (is_text, part, match) in enumerate(segments):
        if is_text:
            part = _convert_plain(part, context, footnotes, result)
            following = segments[position + 1][2] if position + 1 < len(segments) else None
            if following is not None and following.group("code"):
                part = _ROLE_BEFORE_CODE_RE.sub(lambda m: "\\" + m.group(0), part)
            pieces.append(part)
        else:
            pieces.append(part if match is None else _convert_protected(match, context, result))
    return "".join(pieces).replace("\x00", "")


def _segments(text: str) -> Iterator[tuple[bool, str, re.Match[str] | None]]:
    """``(True, text, None)`` for plain text and ``(False, text, match)`` for protected parts.

    Link reference definitions were marked with a NUL at the start of their
    line by the caller: the whole line is protected.
    """
    position = 0
    for line_match in re.finditer(r"\x00[^\n]*", text):
        yield from _inline_segments(text[position : line_match.start()])
        yield False, line_match.group(0), None
        position = line_match.end()
    yield from _inline_segments(text[position:])


def _inline_segments(text: str) -> Iterator[tuple[bool, str, re.Match[str] | None]]:
    position = 0
    for match in _INLINE_RE.finditer(text):
        if match.start() > position:
            yield True, text[position : match.start()], None
        yield False, match.group(0), match
        position = match.end()
    if position < len(text):
        yield True, text[position:], None


def _convert_plain(text: str, context: Context, footnotes: _Footnotes, result: Converted) -> str:
    text = _FOOTNOTE_REF_RE.sub(lambda m: footnotes.reference(m.group(1)), text)
    return _ISSUE_REF_RE.sub(
        lambda m: _issue_reference(m.group(1), f"#{m.group(1)}", context, result), text
    )


def _convert_protected(match: re.Match[str], context: Context, result: Converted) -> str:
    if match.group("link"):
        dest = match.group("dest")
        new_dest = _absolute(dest, context)
        if _scheme(new_dest) not in LINK_SCHEMES:
            # MyST would look for a document of that name (and warn), and a
            # browser might run it: keep the text and show the address.
            result.changes.append("link with an unusable address shown as text")
            return f"{match.group('text')} ({escape_text(new_dest)})"
        if new_dest == dest:
            return match.group(0)
        start, end = match.span("dest")
        offset = match.start()
        whole = match.group(0)
        return whole[: start - offset] + new_dest + whole[end - offset :]
    if match.group("html"):
        html, unsafe = defuse_html(match.group(0))
        if unsafe:
            result.changes.append(_UNSAFE_HTML)
        return html
    if match.group("url"):
        url, trailer = _trim_url(match.group("url"))
        issue = _same_repo_issue(url, context)
        if issue is not None and issue in context.known_ids:
            return _issue_reference(issue, url, context, result) + trailer
        label = post_label(url)
        if label is not None:
            return f"[{label}]({url}){trailer}"
        return f"<{url}>{trailer}" if url else trailer
    return match.group(0)


def _issue_reference(number: str, original: str, context: Context, result: Converted) -> str:
    if number in context.known_ids:
        result.references.append(number)
        return f"{{note}}`{number}`"
    if context.repo_url:
        return f"[#{number}]({context.repo_url}/issues/{number})"
    return original


def _same_repo_issue(url: str, context: Context) -> str | None:
    if not context.repo_url:
        return None
    match = re.fullmatch(re.escape(context.repo_url) + r"/issues/(\d+)/?", url)
    return match.group(1) if match else None


def _trim_url(url: str) -> tuple[str, str]:
    """GitHub's rule for bare URLs: trailing punctuation and an unbalanced ``)`` are left out."""
    end = len(url)
    while end:
        last = url[end - 1]
        if last in _TRAILING_PUNCTUATION or (
            last == ")" and url[:end].count("(") < url[:end].count(")")
        ):
            end -= 1
            continue
        break
    if urlsplit(url[:end]).netloc == "":
        return "", url
    return url[:end], url[end:]


def _absolute(dest: str, context: Context) -> str:
    """A relative link destination made absolute against the page it was written on."""
    bare = dest[1:-1] if dest.startswith("<") and dest.endswith(">") else dest
    if not bare or not context.page_url:
        return dest
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", bare):
        return dest
    absolute = urljoin(context.page_url, bare)
    return f"<{absolute}>" if dest.startswith("<") else absolute


def _scheme(address: str) -> str | None:
    match = _SCHEME_RE.match(address)
    return match.group(1).lower() if match else None


def escape_text(text: str) -> str:
    """Text that Markdown shows as written (backslash before ASCII punctuation)."""
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~])", r"\\\1", text)
