"""The ``note-graph`` directive: the web of ``{note}`` references around notes.

Like a listing, the directive only records what to draw (a :class:`Listing`
with a :class:`GraphSpec`) and leaves a placeholder. When the page is written
the graph is computed from every note of the project and handed, as dot code,
to Sphinx's own ``sphinx.ext.graphviz``: SVG (or PNG with an image map) whose
nodes link to their notes in HTML, PDF in LaTeX. Where ``dot`` cannot be run,
and in builders without pictures, the references are a plain list.
"""

from __future__ import annotations

import colorsys
import hashlib
import html
import posixpath
import shutil
from dataclasses import replace
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.ext.graphviz import GraphvizError, graphviz, html_visit_graphviz, render_dot
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from .addresses import SITE_BUILDERS, note_address
from .diagnostics import Subtype, warn
from .directive_options import text_options
from .domain import get_domain, resolved_listing
from .listing_nodes import Links, no_notes
from .listings import NoteListDirective
from .model import Note
from .model.chips import tag_hue
from .model.graph import (
    DEFAULT_MAX_NODES,
    DEPTHS,
    LABELS,
    Graph,
    GraphSpec,
    build_graph,
    node_label,
    tooltip,
)
from .model.listing import GRAPH, Listing
from .model.selection import DEFAULT_SORT, parse_choice, parse_count
from .model.text import shorten
from .nodes import add_placeholder, note_backlinks, note_block
from .settings import settings
from .translation import _

FILTERS = ("tags", "any-tags", "venue", "year", "pick")
# Builders that draw pictures; the others get the list of references.
PICTURE_FORMATS = frozenset({"html", "latex"})
_HUE_DEGREES = (0, 30, 48, 90, 130, 165, 190, 215, 245, 275, 305, 335)  # as papernotes.css
_LEFT_OUT_NAMED = 10


class graph_placeholder(nodes.General, nodes.Element):
    """Where a graph goes; holds its :class:`Listing`, replaced at write time."""


class note_graph(graphviz):
    """Sphinx's graphviz node; in HTML its SVG also carries its text alternative.

    Other builders draw it with ``sphinx.ext.graphviz``'s own visitors (Sphinx
    looks visitors up along the node's classes).
    """


def visit_note_graph_html(self: HTML5Translator, node: note_graph) -> None:
    """As ``sphinx.ext.graphviz`` writes SVG, plus ``role="img"`` and a label.

    Sphinx's ``<object>`` has only fallback content, which screen readers and
    accessibility checkers do not see while the picture shows.
    """
    description = str(node["alt"])
    if self.builder.config.graphviz_output_format != "svg":
        node["alt"] = html.escape(description)  # Sphinx writes it unescaped
        html_visit_graphviz(self, node)  # PNG and its image map; raises SkipNode
    try:
        fname, _outfn = render_dot(self, node["code"], node["options"], "svg")
    except GraphvizError as exc:
        warn(Subtype.GRAPH, f"note-graph: dot failed: {shorten(str(exc), 300)}", node)
        raise nodes.SkipNode from exc
    if fname is None:
        raise nodes.SkipNode  # dot could not be started; Sphinx has said so
    label = html.escape(description, quote=True)
    self.body.append(
        f'<div class="graphviz"><object data="{html.escape(fname.as_posix(), quote=True)}" '
        f'type="image/svg+xml" class="graphviz pn-graph-svg" role="img" aria-label="{label}" '
        # A dark page would paint a light-scheme SVG document on an opaque
        # white canvas; the same scheme on both sides keeps it transparent.
        'style="color-scheme: light">'
        f"<p>{html.escape(description)}</p></object></div>\n"
    )
    raise nodes.SkipNode


class NoteGraphDirective(NoteListDirective):
    """``note-graph``: around ``:note:`` (``:depth: 1|2``), a ``:tag:``, a venue or a filter."""

    known: ClassVar[tuple[str, ...]] = ("note", "depth", "tag", "label", "max-nodes", *FILTERS)
    option_spec: ClassVar[dict[str, Any]] = text_options(known)  # type: ignore[assignment]
    placeholder = graph_placeholder

    def listing(self) -> Listing:
        query = replace(self.query(), sort=DEFAULT_SORT, limit=None)
        query = replace(query, tags=query.tags + self.tags("tag"))
        centre = self.text("note")
        depth = self.checked(
            "depth", parse_choice("depth", self.options.get("depth"), DEPTHS, "1")
        )
        if "depth" in self.options and centre is None:
            self.problem(":depth: counts steps from a :note:; give one", "depth")
        label = self.checked(
            "label", parse_choice("label", self.options.get("label"), LABELS, "short")
        )
        cap = self.checked("max-nodes", parse_count("max-nodes", self.options.get("max-nodes")))
        if cap == 0:
            self.problem(f"max-nodes must be at least 1; using {DEFAULT_MAX_NODES}", "max-nodes")
        spec = GraphSpec(centre, int(depth), label, cap or DEFAULT_MAX_NODES)
        return Listing(GRAPH, query=query, picture=spec)


def add_note_graphs(app: Sphinx, doctree: nodes.document) -> None:
    """``papernotes_note_graph``: a depth-1 graph at the end of every note.

    Whether a note has references or backlinks is known only once every page
    is read; a graph with the note alone is dropped when the page is written.
    """
    if not settings(app.config).note_graph:
        return
    domain = get_domain(app.env)
    by_key = {note.key: note for note in domain.notes_in(app.env.docname)}
    for block in doctree.findall(note_block):
        note = by_key.get(block.get("pn_key", ""))
        if note is None:
            continue
        listing = Listing(GRAPH, picture=GraphSpec(note.id))
        domain.add_listing(app.env.docname, listing)
        # Right after "Referenced by", before the links to the next notes.
        after = [i for i, child in enumerate(block.children) if isinstance(child, note_backlinks)]
        block.insert(
            after[0] + 1 if after else len(block),
            graph_placeholder("", listing=listing, pn_auto=True, pn_key=note.key),
        )


def fill_graphs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(graph_placeholder))
    if not placeholders:
        return
    domain = get_domain(app.env)
    links = Links(app.builder, docname, domain.collection)
    for placeholder in placeholders:
        listing = resolved_listing(placeholder["listing"], domain, placeholder, "note-graph")
        spec = listing.picture
        assert isinstance(spec, GraphSpec)
        if spec.centre is not None and spec.centre not in domain.collection.by_id:
            warn(Subtype.REF, f"note-graph: no note has id {shorten(spec.centre)!r}", placeholder)
        graph = build_graph(spec, listing.query, domain.collection)
        centre = graph.centre
        if placeholder.get("pn_auto") and (
            len(graph.notes) < 2 or centre is None or centre.key != placeholder["pn_key"]
        ):
            placeholder.parent.remove(placeholder)
            continue
        if graph.left_out:
            named = ", ".join(note.id for note in graph.left_out[:_LEFT_OUT_NAMED])
            more = ", …" if len(graph.left_out) > _LEFT_OUT_NAMED else ""
            warn(
                Subtype.GRAPH,
                f"note-graph shows {len(graph.notes)} of "
                f"{len(graph.notes) + len(graph.left_out)} notes (max-nodes {spec.max_nodes}); "
                f"left out: notes {named}{more} and {graph.edges_left_out} references",
                placeholder,
            )
        placeholder.replace_self(render_graph(graph, spec, links, placeholder))


def render_graph(
    graph: Graph, spec: GraphSpec, links: Links, where: nodes.Element
) -> nodes.Element:
    """The picture (or the list of references) and a caption saying what it shows."""
    container = nodes.container(classes=["pn-graph", "no-search"])
    if not graph.notes:
        container += no_notes()
        return container
    builder = links.builder
    caption = describe(graph)
    if builder.format in PICTURE_FORMATS and dot_available(builder):
        node = note_graph()
        node["code"] = dot_code(graph, spec, links, urls=builder.format == "html")
        node["options"] = {"docname": links.fromdocname}
        node["alt"] = caption
        container += node
    else:
        if builder.format in PICTURE_FORMATS:
            warn(
                Subtype.GRAPH,
                f"note-graph: Graphviz's dot ({builder.config.graphviz_dot!r}, the "
                "graphviz_dot setting) cannot be run; the references are shown as a list",
                where,
            )
        container += edge_list(graph, links)
    container += nodes.paragraph("", caption, classes=["pn-graph-caption"])
    return container


def dot_available(builder: Builder) -> bool:
    return shutil.which(str(builder.config.graphviz_dot or "")) is not None


def describe(graph: Graph) -> str:
    """The caption, also the text alternative of the picture."""
    if graph.centre is not None:
        text = _("References around %(title)s: %(notes)s notes, %(edges)s references.") % {
            "title": f"“{graph.centre.display_title}”",
            "notes": len(graph.notes),
            "edges": len(graph.edges),
        }
    else:
        text = _("References between %(notes)s notes: %(edges)s references.") % {
            "notes": len(graph.notes),
            "edges": len(graph.edges),
        }
    if graph.left_out:
        text += " " + _("%(count)s more notes are left out.") % {"count": len(graph.left_out)}
    return text


def edge_list(graph: Graph, links: Links) -> nodes.bullet_list:
    """Each reference as "citing → cited", then the notes without any."""
    by_key = {note.key: note for note in graph.notes}
    items = nodes.bullet_list(classes=["pn-graph-edges"])
    linked: set[str] = set()
    for citing, cited in graph.edges:
        linked.update((citing, cited))
        line = nodes.paragraph("")
        line += links.note(by_key[citing], nodes.inline("", by_key[citing].display_title))
        line += nodes.Text(" → ")
        line += links.note(by_key[cited], nodes.inline("", by_key[cited].display_title))
        items += nodes.list_item("", line)
    for note in graph.notes:
        if note.key not in linked:
            line = nodes.paragraph("", "", links.note(note, nodes.inline("", note.display_title)))
            items += nodes.list_item("", line)
    return items


def dot_code(graph: Graph, spec: GraphSpec, links: Links, urls: bool) -> str:
    """The graph in the dot language; every value quoted and escaped."""
    names = {note.key: f"n{index}" for index, note in enumerate(graph.notes)}
    lines = [
        '  graph [rankdir=TB, nodesep=0.25, ranksep=0.45, bgcolor="transparent",'
        ' fontname="sans-serif"];',
        '  node [shape=box, style="rounded,filled", fontname="sans-serif", fontsize=11,'
        ' margin="0.12,0.06", target="_top"];',
        '  edge [color="#8a8f98", arrowsize=0.7];',
    ]
    for note in graph.notes:
        fill, border, text = _colours(note)
        attrs = {
            "label": node_label(note, spec.label),
            "tooltip": tooltip(note),
            "fillcolor": fill,
            "color": border,
            "fontcolor": text,
        }
        if note is graph.centre:
            attrs["penwidth"] = "2.5"
        href = _href(links, note) if urls else None
        if href:
            attrs["URL"] = href
        body = ", ".join(f"{key}={_quote(value)}" for key, value in attrs.items())
        lines.append(f"  {names[note.key]} [{body}];")
    lines.extend(f"  {names[citing]} -> {names[cited]};" for citing, cited in graph.edges)
    body = "\n".join(lines)
    # The graph's name is the id of its PNG image map: one per graph on a page.
    name = "papernotes_" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]
    return f"digraph {name} {{\n{body}\n}}\n"


def _quote(value: str) -> str:
    """A dot string that shows ``value`` as it is, whatever Graphviz version reads it.

    Graphviz reads ``&…;`` as entities, and backslash sequences (``\\N``,
    ``\\G``…) differently in labels and tooltips from one version to the next;
    so ``&`` and ``"`` go in as entities and a backslash as the look-alike
    "∖" (the page's own text keeps the real one). Line breaks become ``\\n``.
    """
    text = "".join(char for char in value if char == "\n" or char >= " ")
    text = text.replace("&", "&amp;").replace('"', "&quot;").replace("\\", "∖")
    return '"' + text.replace("\n", "\\n") + '"'


def _colours(note: Note) -> tuple[str, str, str]:
    """Fill, border and text colour: the first tag's chip colours, grey without tags."""
    if not note.tags:
        return "#f1f2f4", "#9aa1a9", "#1f2328"
    hue = _HUE_DEGREES[tag_hue(note.tags[0])] / 360
    return _hsl(hue, 0.75, 0.92), _hsl(hue, 0.40, 0.55), _hsl(hue, 0.65, 0.22)


def _hsl(hue: float, saturation: float, lightness: float) -> str:
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return "#{:02x}{:02x}{:02x}".format(*(round(part * 255) for part in (red, green, blue)))


def _href(links: Links, note: Note) -> str | None:
    """The note's address relative to the page being written (as graphviz expects)."""
    builder = links.builder
    try:
        here = builder.get_target_uri(links.fromdocname).partition("#")[0]
        if builder.name in SITE_BUILDERS:
            address = note_address(builder, note)
        else:  # epub: its own file suffix
            address = f"{builder.get_target_uri(note.docname)}#{note.anchor}"
    except NoUri:
        return None
    page, _sep, anchor = address.partition("#")
    return f"{relative_uri(here, page) or posixpath.basename(page)}#{anchor}"


def setup_graph(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.add_directive("note-graph", NoteGraphDirective)
    add_placeholder(app, graph_placeholder)
    app.add_node(note_graph, html=(visit_note_graph_html, None))
    app.connect("doctree-read", add_note_graphs)
    app.connect("doctree-resolved", fill_graphs)
