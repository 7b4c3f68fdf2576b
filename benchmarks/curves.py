"""The scaling curves of a benchmark run as a small SVG chart.

Usage::

    python benchmarks/curves.py benchmarks/results.json docs/benchmarks/scaling.svg

Reads the JSON that ``run.py`` writes and draws, for every measured series,
the clean build time per note (milliseconds) against the number of notes. A
flat line means the build grows linearly with the collection; a rising one
means some step grows faster than the notes it handles.

Plain SVG written by hand (a few lines and labels): no plotting library is
needed to regenerate the docs.
"""

from __future__ import annotations

import argparse
import json
import sys
from html import escape
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 800, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 280, 30, 60
COLOURS = ("#2f6db5", "#8a8a8a", "#d62728", "#15803d", "#7e22ce", "#e6a100")


def series(results: dict[str, Any]) -> dict[str, dict[int, float]]:
    """Label -> {notes: ms per note} for every clean-build series in ``results``."""
    found: dict[str, dict[int, float]] = {}

    def add(label: str, n: int, seconds: float | None) -> None:
        if seconds:
            found.setdefault(label, {})[n] = 1000 * seconds / n

    for size, flavours in results.get("sizes", {}).items():
        n = int(size)
        add("papernotes, alabaster", n, flavours["papernotes"]["median"]["clean"]["seconds"])
        add("plain MyST, alabaster", n, flavours["plain"]["median"]["clean"]["seconds"])
        j2 = flavours["papernotes"]["median"].get("clean_j2", {}).get("seconds")
        add("papernotes, alabaster, -j 2", n, j2)
    for size, themes in results.get("themes", {}).items():
        for theme, data in themes.items():
            add(f"papernotes, theme {theme}", int(size), data["median"]["seconds"])
    return {label: points for label, points in found.items() if len(points) >= 2}


def svg(curves: dict[str, dict[int, float]], title: str) -> str:
    sizes = sorted({n for points in curves.values() for n in points})
    top_value = max(value for points in curves.values() for value in points.values()) * 1.15
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(n: int) -> float:
        span = sizes[-1] - sizes[0] or 1
        return LEFT + plot_w * (n - sizes[0]) / span

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top_value)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12" '
        'role="img">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="18" font-size="13" fill="#222">{escape(title)}</text>',
    ]
    step = _tick_step(top_value)
    tick = 0.0
    while tick <= top_value:
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#e5e5e5"/>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="#444">'
            f"{tick:g}</text>"
        )
        tick += step
    for n in sizes:
        parts.append(
            f'<text x="{x(n):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" fill="#444">'
            f"{n:,}</text>"
        )
    parts += [
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#888"/>',
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
        'stroke="#888"/>',
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 15}" text-anchor="middle" fill="#222">'
        "notes in the collection</text>",
        f'<text x="16" y="{TOP + plot_h / 2}" text-anchor="middle" fill="#222" '
        f'transform="rotate(-90 16 {TOP + plot_h / 2})">clean build, ms per note</text>',
    ]
    for index, (label, points) in enumerate(curves.items()):
        colour = COLOURS[index % len(COLOURS)]
        line = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in sorted(points.items()))
        dash = ' stroke-dasharray="6 4"' if "plain" in label else ""
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
        )
        for n, value in sorted(points.items()):
            parts.append(f'<circle cx="{x(n):.1f}" cy="{y(value):.1f}" r="3" fill="{colour}"/>')
        legend_y = TOP + 10 + 20 * index
        parts.append(
            f'<line x1="{WIDTH - RIGHT + 15}" x2="{WIDTH - RIGHT + 40}" y1="{legend_y}" '
            f'y2="{legend_y}" stroke="{colour}" stroke-width="2"{dash}/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT + 46}" y="{legend_y + 4}" fill="#222">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _tick_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        if top / step <= 8:
            return float(step)
    return top / 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("results", type=Path, help="the JSON file run.py wrote")
    parser.add_argument("svg", type=Path, help="where to write the chart")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text(encoding="utf-8"))
    curves = series(results)
    if not curves:
        parser.error("the results hold no series with two or more sizes")
    args.svg.parent.mkdir(parents=True, exist_ok=True)
    args.svg.write_text(svg(curves, "Clean build time per note"), encoding="utf-8")
    print(f"wrote {args.svg} ({len(curves)} series)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
