"""What a ``note-chart`` and a ``note-graph`` add to the build of a large collection.

    python benchmarks/pictures.py --notes 5000 --runs 3 --markdown docs/benchmarks/pictures.md

Builds the benchmark corpus once, then runs incremental builds that each
change one extra page: plain text (the baseline), the same text with a chart
of every note per month, and with a depth-2 graph around the most-cited note.
Runs cycle through the three pages, so each build reads one changed page.

Two figures per page: the whole incremental build (which on a shared machine
varies by more than a picture costs), and the time spent inside the picture
code itself, measured in the build process: computing the picture from every
note and keeping its freshness digest, drawing it (matplotlib, including its
import, or Graphviz's ``dot``) and writing it. The second is what a picture
adds to any build, clean or incremental. The table shows medians.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from run import build, environment

from corpus import generate_notes, write_corpus

PAGE = "---\norphan: true\n---\n# Pictures\n\nA page to time: {what}.\n\n{directive}"
CHART = "```{note-chart}\n:by: month\n```\n"
GRAPH = "```{{note-graph}}\n:note: {note}\n:depth: 2\n```\n"

# One ``sphinx-build`` in a process of its own, with a stopwatch around every
# function of the package that draws or digests a picture.
TIMED_BUILD = """
import json, sys, time
from sphinx_papernotes import chart, freshness, graph
spent = {"picture": 0.0, "import": 0.0}
def timed(function, key="picture"):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - start
    return wrapper
graph.fill_graphs = timed(graph.fill_graphs)
graph.visit_note_graph_html = timed(graph.visit_note_graph_html)
chart.fill_charts = timed(chart.fill_charts)
chart.matplotlib = timed(chart.matplotlib, "import")  # inside fill_charts
freshness.listing_digest = timed(freshness.listing_digest)
from sphinx.cmd.build import build_main
start = time.perf_counter()
code = build_main(["-b", "html", "-q", sys.argv[2], sys.argv[3]])
result = {"code": code, "seconds": time.perf_counter() - start, **spent}
open(sys.argv[1], "w").write(json.dumps(result))
"""


def timed_build(src: Path, out: Path) -> dict[str, Any]:
    report = out.parent / "timed-build.json"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", TIMED_BUILD, str(report), str(src), str(out)],
        check=True,
        cwd=src,
    )
    result: dict[str, Any] = json.loads(report.read_text())
    result["process_seconds"] = time.perf_counter() - started
    return result


def most_cited(count: int, seed: int) -> tuple[int, int]:
    """The id of the note most often referenced, and how many notes reference it."""
    cited: Counter[int] = Counter()
    for note in generate_notes(count, seed):
        refs = {
            int(seg[1])
            for paragraph in note.paragraphs
            for seg in paragraph
            if isinstance(seg, tuple) and seg[0] == "ref"
        }
        cited.update(refs)
    note_id, times = cited.most_common(1)[0]
    return note_id, times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None, help="raw numbers as JSON")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the build already in --workdir (no clean build)"
    )
    args = parser.parse_args(argv)

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="pn-pictures-"))
    src, out = workdir / "src", workdir / "out"
    reuse = args.reuse and (out / "index.html").is_file()
    if not reuse:  # rewriting the notes would make every one of them "changed"
        write_corpus(src, args.notes, "papernotes", seed=args.seed)
    centre, citing = most_cited(args.notes, args.seed)
    pages = {
        "plain page": PAGE.format(what="no picture", directive=""),
        "chart": PAGE.format(what="a chart", directive=CHART),
        "graph": PAGE.format(what="a graph", directive=GRAPH.format(note=centre)),
    }
    extra = src / "pictures.md"
    clean: dict[str, Any] = {"seconds": None}
    if not reuse:
        extra.write_text(pages["plain page"], encoding="utf-8")
        print(f"clean build of {args.notes} notes in {workdir} …", file=sys.stderr)
        clean = build(src, out)
        if clean["returncode"] != 0:
            print("\n".join(clean.get("stderr_tail", [])), file=sys.stderr)
            return 1
    times: dict[str, list[dict[str, Any]]] = {name: [] for name in pages}
    caption = chart = None
    for run in range(args.runs):
        for name, text in pages.items():
            # A distinct comment each time, so the page is read again even when
            # the same variant follows itself.
            extra.write_text(f"{text}\n<!-- run {run} -->\n", encoding="utf-8")
            result = timed_build(src, out)
            if result["code"] != 0:
                return 1
            times[name].append(result)
            print(
                f"run {run + 1} {name}: build {result['process_seconds']:.2f} s, "
                f"in picture code {result['picture']:.3f} s "
                f"(importing matplotlib {result['import']:.3f} s)",
                file=sys.stderr,
            )
            if name == "graph":
                html = (out / "pictures.html").read_text(encoding="utf-8")
                caption = re.search(r'<p class="pn-graph-caption">([^<]*)</p>', html)
            if name == "chart":
                html = (out / "pictures.html").read_text(encoding="utf-8")
                chart = re.search(r'data-pn-chart="([^"]*)"', html)
    bars = len(json.loads(chart.group(1).replace("&quot;", '"'))["categories"]) if chart else 0
    base = statistics.median(result["process_seconds"] for result in times["plain page"])
    rows = [
        "| page changed | incremental build | against the plain page | in the picture code "
        "| of which importing matplotlib |",
        "|---|---|---|---|---|",
    ]
    for name, results in times.items():
        whole = statistics.median(result["process_seconds"] for result in results)
        inside = statistics.median(result["picture"] for result in results)
        imported = statistics.median(result["import"] for result in results)
        difference = "—" if name == "plain page" else f"{whole - base:+.2f} s"
        rows.append(
            f"| {name} | {whole:.2f} s | {difference} | {inside:.2f} s | {imported:.2f} s |"
        )
    env = environment()
    clean_text = f"clean build {clean['seconds']:.0f} s; " if clean["seconds"] else ""
    text = "\n".join(
        [
            *rows,
            "",
            f"{args.notes} notes (benchmark corpus, seed {args.seed}); {clean_text}"
            f"{args.runs} runs of each page, medians. The chart counts every note per "
            f"month ({bars} bars). The graph is drawn around note {centre}, the most "
            f"cited (by {citing} notes): "
            f"{caption.group(1) if caption else '(no caption found)'}",
            "",
            f"Python {env['python']}, Sphinx {env['sphinx']}, {env['cpu_count']} cores.",
        ]
    )
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    if args.out:
        args.out.write_text(json.dumps({"runs": times, "clean": clean}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
