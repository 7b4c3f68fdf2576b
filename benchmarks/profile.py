"""Where a clean build spends its time, with and without the extension.

Usage::

    pip install py-spy
    python benchmarks/profile.py --n 2000 --markdown docs/benchmarks/profile.md
    python benchmarks/profile.py --n 2000 --steps noop edit_body \
        --markdown docs/benchmarks/profile-incremental.md

``--steps`` picks what is profiled, in this order on the same output folder:
``clean`` (the default), ``noop`` (the same build again) and ``edit_body``
(after appending a sentence to one note's body). Without ``clean``, the
clean build still runs first, unprofiled.

Writes the corpus of ``corpus.py`` in both flavours, builds each once under
the sampling profiler py-spy (``py-spy record --format raw``, 100 samples a
second, no change to the code being measured) and sorts every sample into
the phase of the build it was taken in: the innermost of the frames listed in
``PHASES`` that is on the sampled stack. The table gives seconds per phase
for both flavours and the difference, which is what the extension costs.

Sampling adds a little overhead to both flavours alike; the phase shares are
what matter, not the absolute seconds.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import FLAVOURS, Flavour, edit_body, write_corpus

RATE = 100  # samples per second

# (phase, a piece of a frame name as py-spy prints it, and a piece of a frame
# that must be further out on the same stack, or None). When several phases
# match one stack, the innermost frame wins.
PHASES: tuple[tuple[str, str, str | None], ...] = (
    ("read: parse Markdown (MyST)", "MystParser.parse (", None),
    ("read: paper-note directive", "PaperNoteDirective.run (", None),
    ("read: docutils/Sphinx transforms", "SphinxTransformer.apply_transforms (", "Builder.read ("),
    ("read: doctree-read handlers", "EventManager.emit (", "Builder.read ("),
    ("read: pickle doctrees", "write_doctree (", None),
    ("write: resolve references, post-transforms", "get_and_resolve_doctree (", None),
    ("write: draw notes (header, BibTeX, backlinks, prev/next)", "note_html.py", None),
    ("write: translate doctree to HTML", "Node.walkabout (", "HTMLBuilder.write_doc ("),
    ("write: page context (titles, local toc)", "get_doc_context (", None),
    ("write: search index", "IndexBuilder.feed (", None),
    ("write: page template", "handle_page (", "_write_docname ("),
    ("finish: tag and venue pages", "gen_pages_from_extensions (", None),
    ("finish: search index file", "dump_search_index (", None),
    ("finish: exports (.bib, .json, feed)", "write_exports (", None),
    # Wherever they run (read or write): sphinx-design's transforms walk
    # every doctree, though notes use only its CSS.
    ("sphinx-design transforms (read and write)", "sphinx_design/", None),
)
PHASES += (
    # What incremental builds spend their time on besides the above.
    ("start-up: load extensions", "Sphinx.setup_extension (", None),
    ("start-up: load the environment", "Sphinx._init_env (", None),
    ("freshness: compare what every page shows", "changed_documents (", None),
)
OTHER = "start-up, environment, other"
STEPS = ("clean", "noop", "edit_body")
STEP_TITLES = {
    "clean": "Clean build",
    "noop": "No-op rebuild",
    "edit_body": "Rebuild after editing one note's body",
}


def phase_of(frames: list[str]) -> str:
    """The phase of one sampled stack (outermost frame first)."""
    found = OTHER
    for depth, frame in enumerate(frames):
        for phase, marker, within in PHASES:
            if marker in frame and (
                within is None or any(within in outer for outer in frames[:depth])
            ):
                found = phase
    return found


def sphinx_command(src: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)]


def profile(src: Path, out: Path, raw: Path) -> Counter[str]:
    """Build ``src`` once under py-spy; seconds per phase."""
    command = [
        "py-spy",
        "record",
        "--rate",
        str(RATE),
        "--format",
        "raw",
        "--output",
        str(raw),
        "--",
        *sphinx_command(src, out),
    ]
    subprocess.run(command, check=True, capture_output=True, text=True)
    seconds: Counter[str] = Counter()
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack:
            seconds[phase_of(stack.split(";"))] += int(count) / RATE
    return seconds


def markdown(n: int, step: str, results: dict[Flavour, Counter[str]]) -> str:
    pn, pl = results["papernotes"], results["plain"]
    phases = dict.fromkeys(phase for phase, _, _ in PHASES)  # in order, once each
    names = [name for name in phases if pn[name] or pl[name]]
    names.append(OTHER)
    lines = [
        f"{STEP_TITLES[step]} of {n} notes, sampled with py-spy at {RATE} Hz "
        "(`benchmarks/profile.py`).",
        "",
        "| phase | papernotes (s) | plain (s) | extra (s) | share of the extra |",
        "|---|---:|---:|---:|---:|",
    ]
    extra_total = sum(pn.values()) - sum(pl.values())
    for name in names:
        extra = pn[name] - pl[name]
        share = f"{100 * extra / extra_total:.0f} %" if extra_total > 0 else "—"
        lines.append(f"| {name} | {pn[name]:.1f} | {pl[name]:.1f} | {extra:+.1f} | {share} |")
    lines.append(
        f"| **total** | **{sum(pn.values()):.1f}** | **{sum(pl.values()):.1f}** "
        f"| **{extra_total:+.1f}** | 100 % |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tags", type=int, default=600)
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=["clean"])
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    parser.add_argument("--keep", type=Path, help="keep the raw py-spy stacks in this folder")
    args = parser.parse_args(argv)
    if shutil.which("py-spy") is None:
        parser.error("py-spy is not installed (pip install py-spy)")
    steps = [step for step in STEPS if step in args.steps]
    results: dict[str, dict[Flavour, Counter[str]]] = {step: {} for step in steps}
    with tempfile.TemporaryDirectory(prefix="papernotes-profile-") as tmp:
        for flavour in FLAVOURS:
            src = write_corpus(Path(tmp) / flavour, args.n, flavour, args.seed, args.tags)
            out = Path(tmp) / f"out-{flavour}"
            if "clean" not in steps:
                subprocess.run(sphinx_command(src, out), check=True, capture_output=True)
            for step in steps:
                if step == "edit_body":
                    edit_body(src / "notes" / f"{args.n // 2}.md", flavour)
                raw = (args.keep or Path(tmp)) / f"{flavour}-{args.n}-{step}.txt"
                raw.parent.mkdir(parents=True, exist_ok=True)
                results[step][flavour] = profile(src, out, raw)
                sampled = sum(results[step][flavour].values())
                print(f"{flavour} {step}: {sampled:.1f} s sampled", file=sys.stderr)
    tables = "\n\n".join(markdown(args.n, step, results[step]) for step in steps)
    print(tables)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(tables + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
