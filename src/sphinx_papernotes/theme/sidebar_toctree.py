"""The sidebar's table of contents, drawn once per build.

Sphinx's ``toctree()`` resolves the root document's toctrees again for every
page: with notes in a toctree that makes the build quadratic (measured in
docs/large-collections.md). At depth 1 the tree is the same on every page
except for which entry is current, so it is rendered once per build with its
links relative to the output root; each page joins in its way back to the
root and marks its own entry and its ancestors. Long lists are cut after
``navigation_max_entries`` entries with a link to the root page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.environment.adapters.toctree import global_toctree_for_doc

from ..translation import _

CACHE_ATTRIBUTE = "_papernotes_navigation_cache"
CACHEABLE_BUILDERS = frozenset({"html", "dirhtml"})
# A name no document has, at the top of the output folder, so every link of
# the tree comes out relative to the root (dirhtml's "index" is the root itself).
_FROM_DOC = {"html": "_papernotes_navigation_", "dirhtml": "index"}
_HREF_RE = re.compile(r'href="([^"]*)"')
_ABSOLUTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


@dataclass(frozen=True)
class NavigationOptions:
    depth: int = 1
    includehidden: bool = False
    max_entries: int = 25


class Navigation:
    """The tree's HTML cut at each relative link, plus what each page needs to mark."""

    def __init__(self, html: str, parents: dict[str, str], builder: Builder) -> None:
        self.texts: list[str] = []
        self.links: list[str] = []
        last = 0
        for match in _HREF_RE.finditer(html):
            href = match.group(1)
            if _ABSOLUTE_RE.match(href):
                continue
            self.texts.append(html[last : match.start()] + 'href="')
            self.links.append(href)
            last = match.end() - 1  # keep the closing quote in the next text
        self.texts.append(html[last:])
        self.parents = parents
        self.builder = builder

    def current(self, pagename: str) -> set[str]:
        """The root-relative URIs of the page and of the documents that include it."""
        uris: set[str] = set()
        seen: set[str] = set()
        name: str | None = pagename
        while name is not None and name not in seen:
            seen.add(name)
            uris.add(self.builder.get_target_uri(name))
            name = self.parents.get(name)
        return uris

    def render(self, content_root: str, pagename: str) -> str:
        marked = self.current(pagename)
        own = self.builder.get_target_uri(pagename)
        out = [self.texts[0]]
        for href, text in zip(self.links, self.texts[1:], strict=True):
            out.append(content_root + href)
            uri, _hash, anchor = href.partition("#")
            if uri in marked and not anchor:
                # ``text`` starts with the closing quote of the href
                state = "page" if uri == own else "true"
                out.append(f'" aria-current="{state}' + text)
            else:
                out.append(text)
        return "".join(out)


# Sphinx writes a toctree's caption as <p class="caption" role="heading">
# without the aria-level that a heading role requires (axe: aria-required-attr).
_CAPTION = '<p class="caption" role="heading">'
_CAPTION_WITH_LEVEL = '<p class="caption" role="heading" aria-level="2">'


def caption_levels(html: str) -> str:
    """Toctree captions with the heading level screen readers need."""
    return html.replace(_CAPTION, _CAPTION_WITH_LEVEL) if _CAPTION in html else html


def _parents(env: Any) -> dict[str, str]:
    """Child document -> the first document whose toctree includes it."""
    parents: dict[str, str] = {}
    for parent, children in sorted(env.toctree_includes.items()):
        for child in children:
            parents.setdefault(child, parent)
    return parents


def _cut(tree: nodes.Element, max_entries: int, more_uri: str) -> None:
    """Keep the first ``max_entries`` entries of each top-level list."""
    if max_entries <= 0:
        return
    for bullets in list(tree.findall(nodes.bullet_list)):
        if isinstance(bullets.parent, nodes.list_item):
            continue
        items = [child for child in bullets.children if isinstance(child, nodes.list_item)]
        if len(items) <= max_entries:
            continue
        for item in items[max_entries:]:
            bullets.remove(item)
        label = _("%d more…") % (len(items) - max_entries)
        link = nodes.reference("", label, internal=True, refuri=more_uri)
        bullets += nodes.list_item(
            "", addnodes.compact_paragraph("", "", link), classes=["toctree-l1", "pn-nav-more"]
        )


def cached_navigation(builder: Builder, options: NavigationOptions) -> Navigation | None:
    """The tree of this build, or ``None`` where each page must draw its own."""
    if builder.name not in CACHEABLE_BUILDERS or options.depth != 1:
        return None
    cached: Any = getattr(builder, CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] == options:
        return cached[1]  # type: ignore[no-any-return]
    env = builder.env
    tree = global_toctree_for_doc(
        env,
        _FROM_DOC[builder.name],
        builder,
        tags=builder.tags,
        collapse=True,
        maxdepth=1,
        titles_only=True,
        includehidden=options.includehidden,
    )
    html = ""
    if tree is not None:
        _cut(tree, options.max_entries, builder.get_target_uri(builder.config.root_doc))
        html = caption_levels(builder.render_partial(tree)["fragment"])  # type: ignore[attr-defined]
    navigation = Navigation(html, _parents(env), builder)
    # A new build has a new builder: the cache never outlives the build.
    setattr(builder, CACHE_ATTRIBUTE, (options, navigation))
    return navigation
