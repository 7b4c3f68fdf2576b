"""What inline markup a note's summary may hold: one rule for MyST and reST.

A summary is one paragraph of inline text: emphasis, literals, roles such
as ``{note}``, and links to ``http``/``https`` addresses. It may not hold raw
HTML (a MyST ``<b>`` or a reST substitution defined with ``raw:: html``), a
link to any other scheme (``javascript:``, ``data:``, ``file:``, relative
paths), images, or the text of docutils' error messages. The rule is applied
once the document is read, after docutils has resolved substitutions and
named links, so nothing reaches a page, a listing or an export by a detour.
The other fields (title, authors, venue, tags) are plain text and never parsed.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from docutils import nodes

SAFE_SCHEMES = frozenset({"http", "https"})


def without_messages(parsed: Iterable[nodes.Node]) -> list[nodes.Node]:
    """The parsed summary without docutils' error nodes.

    docutils has reported each error already (with file and line); the
    message itself (an absolute path, "Unknown interpreted text role") is not
    part of the summary, and a ``problematic`` node links to a message that
    is not on the page. Both become the text as the user wrote it.
    """
    kept: list[nodes.Node] = []
    for node in parsed:
        if isinstance(node, nodes.system_message):
            continue
        if isinstance(node, nodes.problematic):
            kept.append(nodes.Text(node.astext()))
            continue
        if isinstance(node, nodes.Element):
            _replace_problematic(node)
        kept.append(node)
    return kept


def enforce(container: nodes.Element) -> list[str]:
    """Make a summary follow the rule in place; what was changed, for a warning."""
    problems: list[str] = []
    _replace_problematic(container)
    for message in list(container.findall(nodes.system_message)):
        message.parent.remove(message)
    raws = list(container.findall(nodes.raw))
    for raw in raws:
        _swap(raw, nodes.Text(raw.astext()))
    if raws:
        problems.append("summary holds HTML markup; it is shown as plain text")
    for image in list(container.findall(nodes.image)):
        _swap(image, nodes.Text(str(image.get("alt", ""))))
        problems.append("summary holds an image; only its alt text is kept")
    for ref in list(container.findall(nodes.reference)):
        uri = ref.get("refuri")
        if uri is not None and not safe_uri(str(uri)):
            _swap(ref, nodes.inline("", "", *ref.children))
            problems.append(f"summary link {str(uri)[:60]!r} is not an http(s) URL; shown as text")
    # The targets of links like `text <uri>`_ carry the address too.
    for target in list(container.findall(nodes.target)):
        if target.get("refuri") is not None and not safe_uri(str(target["refuri"])):
            target.parent.remove(target)
    return problems


def safe_uri(uri: str) -> bool:
    """An absolute http(s) address, or a fragment on the same page."""
    if uri.startswith("#"):
        return True
    try:
        parts = urlsplit(uri.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)


def _replace_problematic(element: nodes.Element) -> None:
    for node in list(element.findall(nodes.problematic)):
        _swap(node, nodes.Text(node.astext()))


def _swap(old: nodes.Node, new: nodes.Node) -> None:
    """Replace ``old`` (ids and all: nothing may link to what is gone)."""
    assert old.parent is not None
    old.parent.replace(old, new)
