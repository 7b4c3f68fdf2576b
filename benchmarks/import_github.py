"""Time ``papernotes import github`` on a generated collection of N issues.

    python benchmarks/import_github.py --issues 5000 --runs 3

The issues are the round-trip fixture's shapes (``tests/data/github/
collection.py``: sectioned and older bodies, affiliations, comments,
pictures, posts, references), generated for N issues in the ``gh issue list
--json`` shape. Each run imports them into an empty folder (every note
written) and then again (every note unchanged); the medians are printed,
with the CPU time of the first import (steadier on a shared machine). On
a terminal the import draws its progress bar on stderr.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from sphinx_papernotes.importers.github import GithubOptions, import_github

ROOT = Path(__file__).resolve().parent.parent
COLLECTION = ROOT / "tests" / "data" / "github" / "collection.py"


def load_collection() -> ModuleType:
    spec = importlib.util.spec_from_file_location("collection_fixture", COLLECTION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    options = GithubOptions(drop_labels=("status:*",), pick_labels=("Admin'sPick",))
    first: list[float] = []
    first_cpu: list[float] = []
    again: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "issues.json"
        _, _, gh, _ = load_collection().collection(args.issues)
        source.write_text(json.dumps(gh, ensure_ascii=False), encoding="utf-8")
        for run in range(args.runs):
            out = Path(folder) / f"notes-{run}"
            start, start_cpu = time.perf_counter(), time.process_time()
            report = import_github(source, out, options=options)
            first.append(time.perf_counter() - start)
            first_cpu.append(time.process_time() - start_cpu)
            start = time.perf_counter()
            import_github(source, out, options=options)
            again.append(time.perf_counter() - start)
            if report.failed or len(report.imported) != args.issues:
                print(report.summary(), file=sys.stderr)
                return 1
    print(
        "| issues | first import (s) | its CPU time (s) | re-import, nothing changed (s) | runs |"
    )
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| {args.issues:,} | {statistics.median(first):.2f} | "
        f"{statistics.median(first_cpu):.2f} | {statistics.median(again):.2f} | {args.runs} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
