"""Where the bytes of a build go: two built outputs, part by part.

Takes the output folders of the papernotes and the plain MyST flavour of one
corpus (built by ``run.py`` or by hand: ``python -m sphinx -b html SRC OUT``)
and prints, as a Markdown table, the bytes of each part of the site beside
plain MyST's, without the doctrees (what ``run.py`` counts as the output):

    python benchmarks/output_size.py OUT_PAPERNOTES OUT_PLAIN
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

# Parts of the output, in the order of the table: a top-level folder or file.
PARTS = (
    ("note pages", "notes"),
    ("page sources (`_sources/`)", "_sources"),
    ("front page", "index.html"),
    ("`searchindex.js`", "searchindex.js"),
    ("static files (`_static/`)", "_static"),
    ("tag pages (`tags/`)", "tags"),
    ("venue pages (`venues/`)", "venues"),
    ("`papernotes.json`", "papernotes.json"),
    ("`papernotes.bib`", "papernotes.bib"),
    ("`llms-full.txt`", "llms-full.txt"),
    ("`llms/tags/*.md` (each note once per tag)", "llms"),
)


def size(path: Path) -> int:
    """Bytes of a file, or of every file under a folder; 0 when absent."""
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _dirs, names in os.walk(path):
        total += sum((Path(root) / name).stat().st_size for name in names)
    return total


def parts(out: Path) -> dict[str, int]:
    """Bytes per part, and the rest of the output (doctrees left out) as ``other``."""
    result = {label: size(out / name) for label, name in PARTS}
    whole = size(out) - size(out / ".doctrees")
    result["other files"] = whole - sum(result.values())
    return result


def table(papernotes: dict[str, int], plain: dict[str, int]) -> str:
    mb = 1_000_000
    total_p, total_q = sum(papernotes.values()), sum(plain.values())
    lines = [
        "| part | papernotes (MB) | plain MyST (MB) | share of the papernotes output |",
        "|---|---:|---:|---:|",
    ]
    for label, value in papernotes.items():
        lines.append(
            f"| {label} | {value / mb:.1f} | {plain.get(label, 0) / mb:.1f} "
            f"| {value / total_p:.0%} |"
        )
    lines.append(
        f"| **all** | **{total_p / mb:.1f}** | **{total_q / mb:.1f}** "
        f"| **{total_p / total_q:.2f}× plain** |"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("papernotes", type=Path)
    parser.add_argument("plain", type=Path)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args(argv)
    text = table(parts(args.papernotes), parts(args.plain))
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
