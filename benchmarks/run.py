"""Build-time benchmark: sphinx-papernotes against plain MyST on the same text.

Usage::

    python benchmarks/run.py --sizes 500 2000 --runs 3 --out benchmarks/results.json
    python benchmarks/run.py --sizes 200 --runs 1 --jobs     # also a ``-j 2`` clean build

For each size and each flavour (see ``corpus.py``) and each run, a fresh
corpus is written into a temporary folder and ``python -m sphinx -b html -q``
is timed (``time.perf_counter`` around ``subprocess.run``) for:

``clean``     full build into a fresh output folder (doctrees in ``OUT/.doctrees``)
``noop``      the same command again, nothing changed
``edit_body`` after appending a sentence to one note's body
``edit_tags`` after adding a tag to another note's tags
``clean_j2``  (``--jobs``) full build with ``-j 2`` into a fresh output folder
``export``    export only, from scratch: ``-b bibtex`` (plain: ``-b dummy``,
              which reads every page and writes nothing, the floor of any build)

With ``--themes``, the papernotes corpus is also built clean with each named
theme (notes kept out of the toctree) for the scaling curves.

Peak RSS: every build runs under ``/usr/bin/time -v -o FILE`` when GNU time is
there, else under a tiny Python wrapper process that runs sphinx as its child
and reports ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` (a fresh process
per build, so no delta across runs is needed). Both report the largest
resident set of any single process of the build (for ``-j 2``: the main
process or one worker, not their sum).

The median over runs is printed as a Markdown table and every raw number is
written to the JSON file. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import FLAVOURS, THEMES, Flavour, edit_body, edit_tags, write_corpus

TIMEOUT = 1800  # seconds, for every subprocess
GNU_TIME = Path("/usr/bin/time")
STEPS = ("clean", "noop", "edit_body", "edit_tags", "clean_j2", "export")
STEP_LABELS = {
    "clean": "clean build",
    "noop": "no-op rebuild",
    "edit_body": "edit one body",
    "edit_tags": "edit one note's tags",
    "clean_j2": "clean build -j 2",
    "export": "export only: -b bibtex (plain: -b dummy)",
}
EXPORT_BUILDER = {"papernotes": "bibtex", "plain": "dummy"}

# Runs sphinx as its child and prints the child's peak RSS (KiB on Linux) on
# the last line of a file, so the measurement never mixes with sphinx output.
_RSS_WRAPPER = """\
import resource, subprocess, sys
rc = subprocess.run(sys.argv[2:]).returncode
with open(sys.argv[1], "w") as f:
    f.write(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
sys.exit(rc)
"""


def _gnu_time_works() -> bool:
    if not GNU_TIME.exists():
        return False
    try:
        with tempfile.NamedTemporaryFile() as report:
            subprocess.run(
                [str(GNU_TIME), "-v", "-o", report.name, "true"],
                check=True,
                capture_output=True,
                timeout=30,
            )
            return "Maximum resident set size" in Path(report.name).read_text()
    except (OSError, subprocess.SubprocessError):
        return False


RSS_METHOD = "gnu-time" if _gnu_time_works() else "python-wrapper"
_MAXRSS_RE = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")


def tree_size(path: Path, *, exclude: str | None = None) -> tuple[int, int]:
    """Total bytes and file count under ``path``, skipping a top-level folder ``exclude``."""
    total = files = 0
    for root, dirs, names in os.walk(path):
        if exclude and Path(root) == path and exclude in dirs:
            dirs.remove(exclude)
        for name in names:
            total += (Path(root) / name).stat().st_size
            files += 1
    return total, files


def note_nodes(doctrees: Path, n: int, sample: int = 100) -> float | None:
    """Median number of doctree nodes of a note page, over ``sample`` notes.

    Counted in the doctrees Sphinx stores after reading: what every later
    transform, the reference resolver and the writer walk, and what a serial
    build keeps in memory until the page is written. (The extension's leaf
    nodes are drawn by the writer and add no nodes when the page is resolved.)
    """
    counts = []
    for index in range(1, n + 1, max(1, n // sample)):
        try:
            tree = pickle.loads((doctrees / "notes" / f"{index}.doctree").read_bytes())
        except (OSError, pickle.UnpicklingError, AttributeError, ImportError):
            continue
        counts.append(sum(1 for _ in tree.findall()))
    return median(counts)


def snapshot(path: Path) -> dict[str, int]:
    """``{relative path: mtime_ns}`` of every file under ``path``."""
    result: dict[str, int] = {}
    if not path.exists():
        return result
    for root, _dirs, names in os.walk(path):
        for name in names:
            full = Path(root) / name
            result[str(full.relative_to(path))] = full.stat().st_mtime_ns
    return result


def changed_files(before: dict[str, int], after: dict[str, int]) -> dict[str, Any]:
    """How many output files and doctrees a build wrote (new or touched)."""
    changed = [p for p, mtime in after.items() if before.get(p) != mtime]
    doctrees = [p for p in changed if p.startswith(".doctrees" + os.sep)]
    pages = [p for p in changed if p.endswith(".html") and not p.startswith(".doctrees")]
    return {
        "written_files": len(changed) - len(doctrees),
        "written_html": len(pages),
        "written_doctrees": sum(1 for p in doctrees if p.endswith(".doctree")),
        "written_html_sample": sorted(pages)[:20],
    }


def build(
    src: Path, out: Path, *, jobs: int | None = None, builder: str = "html"
) -> dict[str, Any]:
    """One ``sphinx -b BUILDER -q`` run: wall time, peak RSS, return code, warnings."""
    sphinx = [sys.executable, "-m", "sphinx", "-b", builder, "-q"]
    if jobs:
        sphinx += ["-j", str(jobs)]
    sphinx += [str(src), str(out)]
    with tempfile.NamedTemporaryFile(prefix="pn-rss-", suffix=".txt", delete=False) as f:
        report = Path(f.name)
    if RSS_METHOD == "gnu-time":
        command = [str(GNU_TIME), "-v", "-o", str(report), *sphinx]
    else:
        command = [sys.executable, "-c", _RSS_WRAPPER, str(report), *sphinx]
    before = snapshot(out)
    start = time.perf_counter()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=src)
        seconds = time.perf_counter() - start
        returncode, stderr = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired as exc:
        seconds = time.perf_counter() - start
        returncode = None
        stderr = (
            (exc.stderr or b"").decode("utf-8", "replace")
            if isinstance(exc.stderr, bytes)
            else (exc.stderr or "")
        )
        stderr += f"\n[benchmark] timed out after {TIMEOUT} s"
    rss_kib: int | None = None
    try:
        text = report.read_text()
        if RSS_METHOD == "gnu-time":
            match = _MAXRSS_RE.search(text)
            rss_kib = int(match.group(1)) if match else None
            # GNU time prints "Command exited with non-zero status N" to the report.
        else:
            rss_kib = int(text.split()[-1]) if text.strip() else None
    except (OSError, ValueError):
        pass
    finally:
        report.unlink(missing_ok=True)
    warnings = [
        line
        for line in stderr.splitlines()
        if "WARNING" in line or "ERROR" in line or "CRITICAL" in line
    ]
    result: dict[str, Any] = {
        "seconds": seconds,
        "returncode": returncode,
        "peak_rss_kib": rss_kib,
        "warnings": len(warnings),
        "stderr_head": stderr.splitlines()[:20],
    }
    if returncode != 0:  # keep the traceback (Sphinx prints it last)
        result["stderr_tail"] = stderr.splitlines()[-60:]
    result.update(changed_files(before, snapshot(out)))
    return result


def run_once(
    workdir: Path, n: int, flavour: Flavour, *, seed: int, tags: int, jobs: bool
) -> dict[str, Any]:
    """Every step for one size, flavour and run, on a freshly written corpus."""
    src = workdir / f"src-{flavour}-{n}"
    out = workdir / f"out-{flavour}-{n}"
    for folder in (src, out):
        if folder.exists():
            shutil.rmtree(folder)
    write_corpus(src, n, flavour, seed=seed, tags=tags)
    steps: dict[str, Any] = {}

    steps["clean"] = build(src, out)
    html_bytes, html_files = tree_size(out, exclude=".doctrees")
    doctree_bytes, _ = tree_size(out / ".doctrees") if (out / ".doctrees").exists() else (0, 0)
    steps["clean"].update(
        out_bytes=html_bytes,
        out_files=html_files,
        doctree_bytes=doctree_bytes,
        note_nodes=note_nodes(out / ".doctrees", n),
    )
    steps["noop"] = build(src, out)
    # Two different notes in the middle of the corpus, so neither is the
    # first or last page of the toctree.
    edit_body(src / "notes" / f"{n // 2}.md", flavour)
    steps["edit_body"] = build(src, out)
    edit_tags(src / "notes" / f"{n // 2 + 1}.md", flavour)
    steps["edit_tags"] = build(src, out)
    if jobs:
        out_j2 = workdir / f"out-j2-{flavour}-{n}"
        if out_j2.exists():
            shutil.rmtree(out_j2)
        write_corpus(src, n, flavour, seed=seed, tags=tags)  # undo the edits
        steps["clean_j2"] = build(src, out_j2, jobs=2)
        shutil.rmtree(out_j2)
    out_export = workdir / f"out-export-{flavour}-{n}"
    if out_export.exists():
        shutil.rmtree(out_export)
    write_corpus(src, n, flavour, seed=seed, tags=tags)  # undo the edits
    steps["export"] = build(src, out_export, builder=EXPORT_BUILDER[flavour])
    shutil.rmtree(out_export)
    shutil.rmtree(out)
    shutil.rmtree(src)
    return steps


def run_theme(workdir: Path, n: int, theme: str, *, seed: int, tags: int) -> dict[str, Any]:
    """A clean papernotes build with ``theme``, the notes out of the toctree."""
    src = workdir / f"src-theme-{theme}-{n}"
    out = workdir / f"out-theme-{theme}-{n}"
    for folder in (src, out):
        if folder.exists():
            shutil.rmtree(folder)
    write_corpus(src, n, "papernotes", seed=seed, tags=tags, theme=theme)
    result = build(src, out)
    shutil.rmtree(out)
    shutil.rmtree(src)
    return result


def median(values: list[float | int | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def summarise(raw: list[dict[str, Any]]) -> dict[str, Any]:
    """Median of every numeric field over the runs, per step."""
    summary: dict[str, Any] = {}
    for step in STEPS:
        runs = [r[step] for r in raw if step in r]
        if not runs:
            continue
        fields = [
            k for k, v in runs[0].items() if isinstance(v, (int, float)) and k != "returncode"
        ]
        summary[step] = {field: median([r.get(field) for r in runs]) for field in fields}
        summary[step]["failed_runs"] = sum(1 for r in runs if r["returncode"] != 0)
    return summary


def _fmt_s(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _fmt_ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or not b else f"{a / b:.2f}"


def _fmt_ms(value: float | None, n: int) -> str:
    return "—" if value is None else f"{1000 * value / n:.1f}"


def _fmt_count(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _fmt_mib(kib: float | None) -> str:
    return "—" if kib is None else f"{kib / 1024:.0f}"


def markdown_table(results: dict[str, Any]) -> str:
    """Time table (median seconds) and a resources table, per size."""
    lines = [
        "| notes | step | papernotes (s) | plain (s) | ratio "
        "| papernotes ms/note | plain ms/note |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for size, per_flavour in results["sizes"].items():
        n = int(size)
        pn, pl = per_flavour["papernotes"]["median"], per_flavour["plain"]["median"]
        for step in STEPS:
            if step not in pn or step not in pl:
                continue
            a, b = pn[step]["seconds"], pl[step]["seconds"]
            failed = pn[step]["failed_runs"] + pl[step]["failed_runs"]
            label = STEP_LABELS[step] + (f" ({failed} failed)" if failed else "")
            lines.append(
                f"| {n} | {label} | {_fmt_s(a)} | {_fmt_s(b)} | {_fmt_ratio(a, b)} "
                f"| {_fmt_ms(a, n)} | {_fmt_ms(b, n)} |"
            )
    lines += [
        "",
        "| notes | flavour | peak RSS clean (MiB) | output (MB, no doctrees) | output files "
        "| doctrees (MB) | nodes per note page | warnings (clean) "
        "| HTML pages written: no-op / body / tags |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for size, per_flavour in results["sizes"].items():
        for flavour in FLAVOURS:
            med = per_flavour[flavour]["median"]
            clean = med["clean"]
            written = " / ".join(
                "—"
                if med.get(s, {}).get("written_html") is None
                else f"{med[s]['written_html']:.0f}"
                for s in ("noop", "edit_body", "edit_tags")
            )
            lines.append(
                f"| {size} | {flavour} | {_fmt_mib(clean.get('peak_rss_kib'))} "
                f"| {clean['out_bytes'] / 1e6:.1f} | {clean['out_files']:.0f} "
                f"| {clean['doctree_bytes'] / 1e6:.1f} | {_fmt_count(clean.get('note_nodes'))} "
                f"| {clean['warnings']:.0f} | {written} |"
            )
    lines += ["", targets_table(results)]
    if results.get("themes"):
        lines += ["", theme_table(results)]
    return "\n".join(lines)


# The targets of the performance issue, as ratios to plain MyST at the
# largest size measured (DESIGN.md / docs/performance.md).
TARGETS = (
    ("clean build", "clean", "seconds", 1.15),
    ("rebuild after one body edit", "edit_body", "seconds", 1.2),
    ("no-op rebuild", "noop", "seconds", 1.2),
    ("peak memory (RSS), clean build", "clean", "peak_rss_kib", 1.2),
    ("nodes per note page", "clean", "note_nodes", 1.3),
    ("output size (without doctrees)", "clean", "out_bytes", 2.0),
)


def targets_table(results: dict[str, Any]) -> str:
    """Each target against what was measured at the largest size."""
    size = max(results["sizes"], key=int)
    pn = results["sizes"][size]["papernotes"]["median"]
    pl = results["sizes"][size]["plain"]["median"]
    lines = [
        f"| target at {int(size):,} notes | goal | measured | met |",
        "|---|---:|---:|:-:|",
    ]
    for label, step, field, goal in TARGETS:
        a, b = pn.get(step, {}).get(field), pl.get(step, {}).get(field)
        if a is None or not b:
            continue
        ratio = a / b
        lines.append(
            f"| {label} | ≤ {goal:.2f}× | {ratio:.2f}× | {'yes' if ratio <= goal else 'no'} |"
        )
    serial, parallel = pn.get("clean", {}).get("seconds"), pn.get("clean_j2", {}).get("seconds")
    if serial and parallel:
        lines.append(
            f"| `-j 2` faster than `-j 1` (papernotes) | < {serial:.1f} s "
            f"| {parallel:.1f} s | {'yes' if parallel < serial else 'no'} |"
        )
    return "\n".join(lines)


def theme_table(results: dict[str, Any]) -> str:
    """Clean build time per note for each theme and size (the scaling curves)."""
    themes = results["settings"]["themes"]
    lines = [
        "| notes | "
        + " | ".join(f"{theme} (s)" for theme in themes)
        + " | "
        + " | ".join(f"{theme} ms/note" for theme in themes)
        + " |",
        "|---:|" + "---:|" * (2 * len(themes)),
    ]
    for size, per_theme in results["themes"].items():
        n = int(size)
        seconds = [per_theme[theme]["median"]["seconds"] for theme in themes]
        lines.append(
            f"| {n} | "
            + " | ".join(_fmt_s(value) for value in seconds)
            + " | "
            + " | ".join(_fmt_ms(value, n) for value in seconds)
            + " |"
        )
    return "\n".join(lines)


def source_fingerprint() -> dict[str, Any]:
    """Commit and a hash of ``src/`` as it is on disk, to spot edits made during a run."""
    repo = Path(__file__).resolve().parent.parent
    digest = hashlib.sha1()
    for path in sorted((repo / "src").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(repo)).encode())
            digest.update(path.read_bytes())
    info: dict[str, Any] = {"src_sha1": digest.hexdigest()}
    try:
        info["git_commit"] = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
        info["git_src_dirty"] = bool(
            subprocess.run(
                ["git", "-C", str(repo), "status", "--porcelain", "--", "src"],
                capture_output=True,
                text=True,
                timeout=30,
            ).stdout.strip()
        )
    except (OSError, subprocess.SubprocessError):
        pass
    return info


def compile_bytecode() -> bool:
    """Compile the extension's bytecode, as ``pip install`` does for a wheel.

    A clone installed in editable mode compiles each module on first import,
    and where ``PYTHONDONTWRITEBYTECODE`` is set (as on the development
    machine) it does so on every build: 0.1 s a build that no installed copy
    pays, and a tenth of a no-op build. Sphinx and MyST are installed wheels
    and already have theirs.
    """
    import compileall

    import sphinx_papernotes

    return compileall.compile_dir(Path(sphinx_papernotes.__file__).parent, quiet=1)


def environment() -> dict[str, Any]:
    """The machine and versions, recorded with every result; compiles the
    extension's bytecode first (see :func:`compile_bytecode`)."""
    info: dict[str, Any] = {
        "bytecode_compiled": compile_bytecode(),
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "cpu_count": os.cpu_count(),
        "rss_method": RSS_METHOD,
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    for module in ("sphinx", "myst_parser", "docutils", "sphinx_papernotes"):
        try:
            info[module] = __import__(module).__version__
        except Exception as exc:
            info[module] = f"unavailable: {exc}"
    info["source_at_start"] = source_fingerprint()
    return info


def machine_note(env: dict[str, Any], args: argparse.Namespace) -> str:
    """A line saying where and how the figures were measured."""
    return (
        f"Measured {env['timestamp'][:10]} on {env['platform']}, {env['cpu_count']} cores; "
        f"Python {env['python']}, Sphinx {env['sphinx']}, MyST-Parser {env['myst_parser']}; "
        f"runs per figure (median): {runs_text(args)}; seed {args.seed}, {args.tags} tags.\n\n"
    )


def report(label: str, steps: dict[str, Any], started: float) -> None:
    """One line per run on stderr, and the first warnings of any failed step."""
    times = ", ".join(f"{step}={value['seconds']:.2f}s" for step, value in steps.items())
    print(f"{label}: {times} ({time.perf_counter() - started:.0f} s total)", file=sys.stderr)
    for step, value in steps.items():
        if value["returncode"] != 0 or value["warnings"]:
            print(
                f"  {step}: returncode {value['returncode']}, {value['warnings']} warning lines",
                file=sys.stderr,
            )
            for line in value["stderr_head"][:5]:
                print(f"    {line}", file=sys.stderr)


def save(path: Path, results: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def runs_text(args: argparse.Namespace) -> str:
    per_size = ", ".join(f"{runs} at {n}" for n, runs in zip(args.sizes, args.runs, strict=True))
    themes = f"; themes {args.theme_runs} at each size" if args.themes else ""
    return per_size + themes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument(
        "--runs", type=int, nargs="+", default=[3], help="runs, for all sizes or one per size"
    )
    parser.add_argument("--theme-runs", type=int, default=1, help="runs per theme and size")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results.json"))
    parser.add_argument("--jobs", action="store_true", help="also time a clean build with -j 2")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tags", type=int, default=600)
    parser.add_argument(
        "--themes",
        nargs="*",
        default=[],
        choices=THEMES,
        help="also time clean papernotes builds with these themes (notes out of the toctree)",
    )
    parser.add_argument(
        "--workdir", type=Path, help="where to write corpora (default: a temp dir)"
    )
    parser.add_argument(
        "--markdown",
        type=Path,
        help="also write the table and the machine to this Markdown file "
        "(docs/benchmarks/build.md is included by the docs' performance page)",
    )
    args = parser.parse_args(argv)
    if len(args.runs) == 1:
        args.runs = args.runs * len(args.sizes)
    if len(args.runs) != len(args.sizes):
        parser.error("give one --runs value, or one per size")
    if any(n < 2 for n in args.sizes) or min(args.runs) < 1 or args.theme_runs < 1:
        parser.error("sizes must be >= 2 and runs >= 1")

    results: dict[str, Any] = {
        "environment": environment(),
        "settings": {
            "sizes": args.sizes,
            "runs": args.runs,
            "theme_runs": args.theme_runs,
            "jobs": args.jobs,
            "themes": args.themes,
            "seed": args.seed,
            "tags": args.tags,
            "timeout_s": TIMEOUT,
        },
        "sizes": {},
    }
    print(f"# sphinx-papernotes build benchmark (RSS via {RSS_METHOD})", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="papernotes-bench-", dir=args.workdir) as tmp:
        workdir = Path(tmp)
        for n, runs_here in zip(args.sizes, args.runs, strict=True):
            raw: dict[str, list[dict[str, Any]]] = {flavour: [] for flavour in FLAVOURS}
            # Flavours alternate within each run, so a slow spell of the
            # machine touches both sides of a ratio alike.
            for run in range(runs_here):
                for flavour in FLAVOURS:
                    started = time.perf_counter()
                    steps = run_once(
                        workdir, n, flavour, seed=args.seed, tags=args.tags, jobs=args.jobs
                    )
                    raw[flavour].append(steps)
                    report(f"n={n} {flavour} run {run + 1}/{runs_here}", steps, started)
            results["sizes"][str(n)] = {
                flavour: {"runs": runs, "median": summarise(runs)} for flavour, runs in raw.items()
            }
            save(args.out, results)  # after every size, so a long run keeps what it measured
        if args.themes:
            results["themes"] = {}
        for n in args.sizes if args.themes else []:
            per_theme: dict[str, Any] = {}
            for theme in args.themes:
                runs = []
                for run in range(args.theme_runs):
                    started = time.perf_counter()
                    result = run_theme(workdir, n, theme, seed=args.seed, tags=args.tags)
                    runs.append(result)
                    report(
                        f"n={n} theme {theme} run {run + 1}/{args.theme_runs}",
                        {"clean": result},
                        started,
                    )
                per_theme[theme] = {
                    "runs": runs,
                    "median": summarise([{"clean": r} for r in runs])["clean"],
                }
            results["themes"][str(n)] = per_theme
            save(args.out, results)

    results["source_at_end"] = source_fingerprint()
    if (
        results["source_at_end"]["src_sha1"]
        != results["environment"]["source_at_start"]["src_sha1"]
    ):
        print(
            "WARNING: src/ changed while the benchmark ran; the numbers mix two versions",
            file=sys.stderr,
        )
    table = markdown_table(results)
    results["table_markdown"] = table
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(machine_note(results["environment"], args) + table + "\n")
    print(f"\nraw numbers: {args.out}", file=sys.stderr)
    failed = any(
        step["failed_runs"]
        for per_flavour in results["sizes"].values()
        for data in per_flavour.values()
        for step in data["median"].values()
    ) or any(
        data["median"]["failed_runs"]
        for per_theme in results.get("themes", {}).values()
        for data in per_theme.values()
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
