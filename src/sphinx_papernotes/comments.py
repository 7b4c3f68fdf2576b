"""Each note's comment (its body) as plain Markdown, for ``llms-full.txt``.

Taken from the doctree when a document is read, not from the source: by then
MyST or reST has been parsed, so the text is what readers see, whatever the
source syntax. Paragraphs, lists, quotes, code and math keep their shape;
emphasis, code and web links keep their Markdown form; anything else is its
text. A ``{note}`` reference becomes a placeholder (see
:mod:`sphinx_papernotes.exports.llms`) written at export time as the cited
note's title and address, so it follows the cited note when that changes.

Kept per document on the environment (``papernotes_comments``) with the
usual purge and merge, as ``sphinx.ext.todo`` keeps its entries: plain
strings, nothing derived.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from typing import cast

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import DOMAIN
from .exports.llms import (
    MARKERS,
    REF_CLOSE,
    REF_OPEN,
    REF_SEP,
    escape_inline,
    escape_line,
    is_web_address,
    link_target,
)
from .model.markdown import escape_block_start
from .nodes import note_block

BODY_CLASS = "pn-body"
_BACKTICKS_RE = re.compile(r"`+")
_SPACES_RE = re.compile(r"  +")
# After settle_notes has settled the document's notes.
AFTER_COLLECTOR = 600

Comments = dict[str, dict[str, str]]  # docname -> note key -> Markdown


def stored(env: BuildEnvironment) -> Comments:
    if not hasattr(env, "papernotes_comments"):
        env.papernotes_comments = {}  # type: ignore[attr-defined]
    return cast(Comments, env.papernotes_comments)  # type: ignore[attr-defined]


def all_comments(env: BuildEnvironment) -> dict[str, str]:
    """Note key -> comment, for every note of the project."""
    return {key: text for found in stored(env).values() for key, text in found.items()}


def collect_comments(app: Sphinx, doctree: nodes.document) -> None:
    found: dict[str, str] = {}
    for block in doctree.findall(note_block):
        key = block.get("pn_key")
        bodies = [
            child
            for child in block.children
            if isinstance(child, nodes.container) and BODY_CLASS in child["classes"]
        ]
        text = "\n\n".join(blocks_markdown(body.children) for body in bodies).strip("\n")
        if key and text:
            found[key] = text
    comments = stored(app.env)
    if found:
        comments[app.env.docname] = found
    else:
        comments.pop(app.env.docname, None)


def blocks_markdown(children: list[nodes.Node]) -> str:
    """Body elements as Markdown blocks separated by blank lines."""
    return "\n\n".join(block for child in children for block in _blocks(child) if block.strip())


def _blocks(node: nodes.Node) -> Iterator[str]:
    if isinstance(node, (nodes.paragraph, nodes.rubric)):
        text = escape_block_start(inline_markdown(node))
        yield f"**{text}**" if isinstance(node, nodes.rubric) and text else text
    elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        ordered = isinstance(node, nodes.enumerated_list)
        items = []
        for number, item in enumerate(node.children, start=1):
            marker = f"{number}. " if ordered else "- "
            body = blocks_markdown(item.children) if isinstance(item, nodes.Element) else ""
            items.append(marker + _indent(body, " " * len(marker)))
        yield "\n".join(items)
    elif isinstance(node, nodes.block_quote):
        inner = blocks_markdown(node.children)
        yield "\n".join(f"> {line}".rstrip() for line in inner.splitlines())
    elif isinstance(node, nodes.literal_block):
        code = node.astext().rstrip("\n").translate(MARKERS)
        longest = max((len(run) for run in _BACKTICKS_RE.findall(code)), default=0)
        fence = "`" * max(3, longest + 1)
        language = str(node.get("language", ""))
        info = language if re.fullmatch(r"[A-Za-z0-9_+-]+", language) else ""
        yield f"{fence}{info}\n{code}\n{fence}"
    elif isinstance(node, nodes.math_block):
        yield f"$$\n{node.astext().translate(MARKERS).replace('$$', '$ $')}\n$$"
    elif isinstance(node, (nodes.image, nodes.raw, nodes.comment, nodes.target)):
        return  # nothing to read; raw HTML is never passed on
    elif isinstance(node, nodes.figure):
        caption = next(iter(node.findall(nodes.caption)), None)
        if caption is not None:
            yield escape_block_start(f"Figure: {inline_markdown(caption)}")
    elif isinstance(node, (nodes.Sequential, nodes.container, nodes.section, nodes.topic)) or (
        isinstance(node, nodes.Element) and any(isinstance(c, nodes.Body) for c in node.children)
    ):
        yield blocks_markdown(node.children)
    elif isinstance(node, nodes.Element):
        yield escape_line(node.astext())


def _indent(text: str, prefix: str) -> str:
    lines = text.splitlines() or [""]
    return "\n".join([lines[0], *(prefix + line if line else "" for line in lines[1:])])


def inline_markdown(node: nodes.Element) -> str:
    """The inline content of one element as one line of safe Markdown."""
    return _SPACES_RE.sub(" ", "".join(_inline(child) for child in node.children)).strip()


def _inline(node: nodes.Node) -> str:
    if isinstance(node, nodes.Text):
        raw = node.astext()
        lead = " " if raw[:1].isspace() else ""
        trail = " " if raw[-1:].isspace() else ""
        return f"{lead}{escape_inline(raw)}{trail}" if raw.strip() else " "
    if isinstance(node, addnodes.pending_xref):
        text = escape_inline(node.astext())
        if node.get("refdomain") == DOMAIN and node.get("reftype") == "note":
            explicit = text if node.get("refexplicit") else ""
            target = str(node["reftarget"]).translate(MARKERS)
            return f"{REF_OPEN}{target}{REF_SEP}{explicit}{REF_CLOSE}"
        return text
    if isinstance(node, nodes.literal):
        return _code_span(node.astext())
    if isinstance(node, nodes.math):
        return _code_span(node.astext())
    if isinstance(node, (nodes.image, nodes.raw, nodes.footnote_reference, nodes.target)):
        return ""
    if isinstance(node, nodes.Element):
        inner = inline_markdown(node)
        if isinstance(node, nodes.reference):
            url = str(node.get("refuri", ""))
            if is_web_address(url) and inner:
                return f"[{inner}]({link_target(url)})"
            return inner
        if isinstance(node, nodes.strong) and inner:
            return f"**{inner}**"
        if isinstance(node, nodes.emphasis) and inner:
            return f"*{inner}*"
        return inner
    return ""


def _code_span(code: str) -> str:
    code = " ".join(code.translate(MARKERS).split())
    longest = max((len(run) for run in _BACKTICKS_RE.findall(code)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{ticks}{pad}{code}{pad}{ticks}" if code else ""


def purge_comments(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    stored(env).pop(docname, None)


def merge_comments(
    app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
) -> None:
    mine, theirs = stored(env), stored(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def setup_comments(app: Sphinx) -> None:
    app.connect("doctree-read", collect_comments, priority=AFTER_COLLECTOR)
    app.connect("env-purge-doc", purge_comments)
    app.connect("env-merge-info", merge_comments)
