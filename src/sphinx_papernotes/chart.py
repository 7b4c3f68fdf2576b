"""The ``note-chart`` directive: how many notes per year, month, venue or tag.

Like a listing, the directive records what to count and leaves a placeholder,
filled when the page is written. The bars are drawn at build time by
matplotlib (the optional ``charts`` extra): an SVG inside the HTML page, whose
text and axes take the page's text colour (so the dark scheme reads), a PDF
for LaTeX. Every chart also says its numbers in words, and text builders (or a
build without matplotlib) show them as a table.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import io
import json
import math
import posixpath
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

from .diagnostics import Subtype, warn
from .directive_options import text_options
from .domain import get_domain, resolved_listing
from .listing_nodes import no_notes
from .listings import NoteListDirective
from .model.chart import BY, DEFAULT_TOP, ChartData, ChartSpec, chart_data
from .model.listing import CHART, Listing, notes_of
from .model.selection import DEFAULT_SORT, parse_choice, parse_count
from .nodes import add_placeholder
from .translation import _

FILTERS = ("tags", "any-tags", "venue", "year", "pick")
# Text and axes are drawn in this colour, then given the page's own (currentColor).
_INK = "#010203"
# Bar colours that read on a light and on a dark page alike.
PALETTE = (
    "#4c8bd6", "#e58a2b", "#3fa66b", "#d45a5a", "#8f6bd1",
    "#2ea3a8", "#c9a227", "#d46aa8", "#7d8a99", "#5aa0e0",
)  # fmt: skip
_MAX_TICKS = 24
_LABEL_CHARS = 24
_IMAGE_PREFIX = "papernotes-chart"


class chart_placeholder(nodes.General, nodes.Element):
    """Where a chart goes; holds its :class:`Listing`, replaced at write time."""


class NoteChartDirective(NoteListDirective):
    """``note-chart``: ``:by: year|month|venue|tag`` over the ``note-list`` filters."""

    known: ClassVar[tuple[str, ...]] = ("by", "top", *FILTERS)
    option_spec: ClassVar[dict[str, Any]] = text_options(known)  # type: ignore[assignment]
    placeholder = chart_placeholder

    def listing(self) -> Listing:
        query = replace(self.query(), sort=DEFAULT_SORT, limit=None)
        by = self.checked("by", parse_choice("by", self.options.get("by"), BY, "year"))
        top = self.checked("top", parse_count("top", self.options.get("top")))
        if top is not None and by not in ("venue", "tag"):
            self.problem(
                ":top: keeps the largest venue or tag bars; use it with :by: venue or tag", "top"
            )
        if top == 0:
            self.problem(f"top must be at least 1; using {DEFAULT_TOP}", "top")
        return Listing(CHART, query=query, picture=ChartSpec(by, top or DEFAULT_TOP))


def fill_charts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(chart_placeholder))
    if not placeholders:
        return
    domain = get_domain(app.env)
    for placeholder in placeholders:
        listing = resolved_listing(placeholder["listing"], domain, placeholder, "note-chart")
        spec = listing.picture
        assert isinstance(spec, ChartSpec)
        data = chart_data(spec, notes_of(listing, domain.collection))
        if data.cut:
            unit = "years" if data.by == "year" else "months"
            warn(
                Subtype.CHART,
                f"note-chart :by: {data.by}: the axis is cut to the {len(data.categories)} "
                f"most recent {unit} ({data.categories[0]} to {data.categories[-1]}); "
                f"{data.cut} older {'note is' if data.cut == 1 else 'notes are'} left out",
                placeholder,
            )
        placeholder.replace_self(render_chart(data, app.builder, placeholder))


def render_chart(data: ChartData, builder: Builder, where: nodes.Element) -> nodes.Element:
    """The picture with its title and description, or a table of the numbers."""
    container = nodes.container(classes=["pn-chart", "no-search"])
    if not data.categories:
        container += no_notes()
        return container
    title, description = chart_title(data), describe(data)
    plotting = None
    if builder.format in ("html", "latex"):
        plotting = matplotlib()
        if plotting is None:
            warn(
                Subtype.CHART,
                "note-chart: matplotlib is not installed (pip install "
                "'sphinx-papernotes[charts]'); the numbers are shown as a table",
                where,
            )
    if plotting is not None and builder.format == "html":
        svg = draw(data, "svg").decode("utf-8")
        container += nodes.raw("", figure_html(data, svg, title, description), format="html")
        return container
    container += nodes.paragraph("", "", nodes.strong("", title), classes=["pn-chart-title"])
    if plotting is not None:
        name = write_pdf(data, builder)
        container += nodes.raw(
            "",
            f"\\begin{{center}}\\sphinxincludegraphics[width=0.9\\linewidth]{{{name}}}"
            "\\end{center}\n",
            format="latex",
        )
    else:
        container += table(data)
    container += nodes.paragraph("", description, classes=["pn-chart-description"])
    return container


def matplotlib() -> ModuleType | None:
    """``matplotlib.figure``, or ``None`` without the ``charts`` extra."""
    try:
        importlib.import_module("matplotlib")
        return importlib.import_module("matplotlib.figure")
    except ImportError:
        return None


def chart_title(data: ChartData) -> str:
    titles = {
        "year": _("Notes per year"),
        "month": _("Notes per month"),
        "venue": _("Notes per venue and year"),
        "tag": _("Notes per tag"),
    }
    return titles[data.by]


def category_label(data: ChartData) -> str:
    return {"year": _("Year"), "month": _("Month"), "venue": _("Venue"), "tag": _("Tag")}[data.by]


def describe(data: ChartData) -> str:
    """Every number of the chart in one sentence, for readers who cannot see it."""
    parts = []
    stacked = len(data.series) > 1
    for index, (category, total) in enumerate(zip(data.categories, data.totals(), strict=True)):
        text = f"{category}: {total}"
        if stacked:
            split = [f"{name}: {counts[index]}" for name, counts in data.series if counts[index]]
            text += f" ({', '.join(split)})"
        parts.append(text)
    sentence = f"{'; '.join(parts)}."
    if data.left_out:
        sentence += " " + _("%(count)s of %(total)s notes are in no bar.") % {
            "count": data.left_out,
            "total": data.notes,
        }
    return sentence


def table(data: ChartData) -> nodes.table:
    """The numbers as rows: one per bar, a column per stacked part."""
    stacked = len(data.series) > 1
    headers = [category_label(data)]
    headers += [name for name, _counts in data.series] + [_("Total")] if stacked else [_("Notes")]
    result = nodes.table(classes=["pn-chart-table"])
    group = nodes.tgroup(cols=len(headers))
    result += group
    for _header in headers:
        group += nodes.colspec(colwidth=10)
    head = nodes.thead()
    head += _row(headers)
    group += head
    body = nodes.tbody()
    for index, (category, total) in enumerate(zip(data.categories, data.totals(), strict=True)):
        cells = [category]
        if stacked:
            cells += [str(counts[index]) for _name, counts in data.series]
        body += _row([*cells, str(total)])
    group += body
    return result


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", nodes.paragraph("", cell))
    return row


def draw(data: ChartData, fmt: str) -> bytes:
    """The bar chart as SVG or PDF bytes; the same bytes for the same data."""
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    settings: dict[str, Any] = {
        "svg.hashsalt": "sphinx-papernotes",
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "font.size": 9,
        "text.color": _INK,
        "axes.edgecolor": _INK,
        "axes.labelcolor": _INK,
        "xtick.color": _INK,
        "ytick.color": _INK,
    }
    count = len(data.categories)
    labels = [shorten_label(category) for category in data.categories]
    step = max(1, math.ceil(count / _MAX_TICKS))
    rotated = data.by in ("month", "venue", "tag") or count > 12
    legend_columns = math.ceil(len(data.series) / 12) if len(data.series) > 1 else 0
    # Margins in inches, worked out from the labels rather than by a layout
    # engine (which draws the figure twice): a third of the drawing time.
    longest = max((len(label) for label in labels[::step]), default=1)
    bottom_margin = 0.35 + (0.055 * longest if rotated else 0.12)
    right_margin = 0.2 + 0.75 * legend_columns
    width = min(10.0, max(4.5, 1.2 + 0.32 * count)) + right_margin
    height = 2.4 + bottom_margin
    with mpl.rc_context(cast(Any, settings)):
        figure = Figure(figsize=(width, height))
        figure.subplots_adjust(
            left=0.6 / width,
            right=1 - right_margin / width,
            bottom=bottom_margin / height,
            top=1 - 0.15 / height,
        )
        axes = figure.add_subplot()
        positions = list(range(count))
        bottom = [0] * count
        colours = _colours(len(data.series))
        for index, (name, counts) in enumerate(data.series):
            axes.bar(
                positions,
                counts,
                bottom=bottom,
                color=colours[index],
                label=name,
                width=0.75,
            )
            bottom = [low + high for low, high in zip(bottom, counts, strict=True)]
        ticks = positions[::step]
        axes.set_xticks(ticks, [labels[tick] for tick in ticks])
        if rotated:
            for label in axes.get_xticklabels():
                label.set_rotation(45)
                label.set_horizontalalignment("right")
                label.set_rotation_mode("anchor")
        axes.set_xlim(-0.6, count - 0.4)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel(_("Notes"))
        axes.spines[["top", "right"]].set_visible(False)
        if legend_columns:
            axes.legend(
                frameon=False,
                fontsize=7,
                ncols=legend_columns,
                loc="upper left",
                bbox_to_anchor=(1.01, 1.0),
            )
        buffer = io.BytesIO()
        metadata: dict[str, Any] = (
            {"Date": None} if fmt == "svg" else {"CreationDate": None, "ModDate": None}
        )
        figure.savefig(buffer, format=fmt, transparent=True, metadata=metadata)
    return buffer.getvalue()


def _colours(count: int) -> list[str]:
    """The palette, or for many stacked years an even walk along a colour scale
    (its darkest end left out, which a dark page would swallow)."""
    if count <= len(PALETTE):
        return list(PALETTE[:count])
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    scale = colormaps["viridis"]
    return [to_hex(scale(0.3 + 0.65 * index / (count - 1))) for index in range(count)]


def shorten_label(text: str) -> str:
    """A bar's label, short enough for the axis (the table and the words keep it whole)."""
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def figure_html(data: ChartData, svg: str, title: str, description: str) -> str:
    """The SVG inline (so it takes the page's colours), its data and its words."""
    svg = svg[svg.index("<svg") :].replace(_INK, "currentColor")
    label = html.escape(f"{title}: {description}", quote=True)
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-label="{label}" style="max-width: 100%; height: auto" ', 1
    )
    numbers = {
        "by": data.by,
        "categories": list(data.categories),
        "series": {name: list(counts) for name, counts in data.series},
        "notes": data.notes,
        "left_out": data.left_out,
    }
    attribute = html.escape(json.dumps(numbers, ensure_ascii=False), quote=True)
    return (
        f'<figure class="pn-chart-figure" data-pn-chart="{attribute}">\n{svg}\n'
        f'<figcaption><strong class="pn-chart-title">{html.escape(title)}</strong> '
        f'<span class="pn-chart-description">{html.escape(description)}</span>'
        "</figcaption>\n</figure>\n"
    )


def write_pdf(data: ChartData, builder: Builder) -> str:
    """The chart as a PDF in the output's image folder; its name for LaTeX."""
    digest = hashlib.sha1(repr(data).encode("utf-8")).hexdigest()[:16]
    name = f"{_IMAGE_PREFIX}-{digest}.pdf"
    path = Path(builder.outdir, builder.imagedir, name)
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(draw(data, "pdf"))
    return posixpath.join(builder.imgpath, name) if builder.imgpath else name


def setup_chart(app: Sphinx) -> None:
    app.add_directive("note-chart", NoteChartDirective)
    add_placeholder(app, chart_placeholder)
    app.connect("doctree-resolved", fill_charts)
