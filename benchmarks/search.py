"""What a first search costs, built-in search against Pagefind, and what Pagefind adds to a build.

Writes the papernotes corpus twice (``papernotes_search = "sphinx"`` and
``"pagefind"``, papernotes theme), times a clean build of each, times
Pagefind's indexing of the second output on its own, then serves both
outputs on 127.0.0.1 and lets Chromium (Playwright) run the same one-word
query on each search page, adding up every byte the search loads after the
page itself: ``searchindex.js`` and the pages Sphinx fetches for its result
excerpts, or Pagefind's scripts, entry file, index chunks and fragments.

    python benchmarks/search.py --notes 5000 --markdown docs/benchmarks/search.md
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gzip
import http.server
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import build, environment

from corpus import write_corpus

CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def query_word(src: Path) -> str:
    """A title word of note 1 (five letters or more): a query with results."""
    text = (src / "notes" / "1.md").read_text(encoding="utf-8")
    title = re.search(r"^:title: (.*)$", text, re.MULTILINE)
    words = re.findall(r"[A-Za-z]{5,}", title.group(1) if title else "")
    return words[0] if words else "model"


def index_seconds(out: Path, runs: int = 3) -> list[float]:
    """Pagefind's indexing of a built site alone (what the build adds), ``runs`` times."""
    from sphinx_papernotes.pagefind_index import OUTPUT, write_index

    pages = [*sorted(out.glob("notes/*.html")), out / "index.html"]
    seconds = []
    for _ in range(runs):
        # As in a clean build, no index is there yet (removing the last one's
        # thousands of files is not what indexing costs).
        shutil.rmtree(out / OUTPUT, ignore_errors=True)
        start = time.perf_counter()
        asyncio.run(write_index(out, pages))
        seconds.append(time.perf_counter() - start)
    return seconds


def first_search(base: str, backend: str, query: str) -> dict[str, Any]:
    """Bytes loaded by the search page after its HTML, split into index and the rest."""
    from playwright.sync_api import sync_playwright

    loaded: list[tuple[str, int]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.on("response", lambda r: loaded.append((r.url, len(r.body()))) if r.ok else None)
        page.goto(f"{base}/{backend}/search.html?q={query}", wait_until="load")
        if backend == "sphinx":
            page.wait_for_function(
                "() => Search.title && Search.title.innerText === "
                "Documentation.gettext('Search Results')"
            )
        else:
            page.wait_for_selector(".pagefind-ui__result-link")
        page.wait_for_load_state("networkidle")
        results = page.locator("#search-results li, .pagefind-ui__result").count()
        browser.close()
    search_page = f"{base}/{backend}/search.html?q={query}"
    files = [(url, size) for url, size in loaded if url != search_page]
    if backend == "sphinx":
        index = [(u, s) for u, s in files if u.endswith("/searchindex.js")]
        search = [(u, s) for u, s in files if "/notes/" in u or "search" in u.rsplit("/", 1)[-1]]
        search += [(u, s) for u, s in files if u.endswith("/language_data.js")]
    else:
        index = [(u, s) for u, s in files if re.search(r"/_pagefind/(index|fragment)/|\.pf_", u)]
        search = [(u, s) for u, s in files if "/_pagefind/" in u]
    return {
        "query": query,
        "results_shown": results,
        "index_bytes": sum(s for _u, s in index),
        "index_files": len(index),
        "search_bytes": sum(s for _u, s in search),
        "search_files": len(search),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/search-results.json"))
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="pn-search-", dir=args.workdir))
    result: dict[str, Any] = {"notes": args.notes, "environment": environment()}
    for backend in ("sphinx", "pagefind"):
        src = work / f"src-{backend}"
        write_corpus(src, args.notes, "papernotes", theme="papernotes")
        with (src / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"papernotes_search = {backend!r}\n")
        print(f"[search] clean build, {backend} ...", file=sys.stderr, flush=True)
        built = build(src, work / "site" / backend)
        if built["returncode"] != 0:
            print("\n".join(built.get("stderr_tail", [])), file=sys.stderr)
            return 1
        result[f"clean_{backend}_s"] = built["seconds"]
    out = work / "site"
    result["searchindex_js_bytes"] = (out / "sphinx" / "searchindex.js").stat().st_size
    result["searchindex_js_gzip_bytes"] = len(
        gzip.compress((out / "sphinx" / "searchindex.js").read_bytes())
    )
    print("[search] Pagefind indexing alone ...", file=sys.stderr, flush=True)
    result["pagefind_index_runs_s"] = index_seconds(out / "pagefind")
    result["pagefind_index_s"] = statistics.median(result["pagefind_index_runs_s"])
    query = query_word(work / "src-sphinx")
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for backend in ("sphinx", "pagefind"):
            result[f"first_search_{backend}"] = first_search(base, backend, query)
    finally:
        server.shutdown()
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    table = markdown(result)
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")
    return 0


def markdown(r: dict[str, Any]) -> str:
    sphinx, pagefind = r["first_search_sphinx"], r["first_search_pagefind"]
    kib = 1024

    def k(n: int) -> str:
        return f"{n / kib:,.0f} KiB"

    ratio = pagefind["index_bytes"] / r["searchindex_js_bytes"]
    whole = pagefind["search_bytes"] / r["searchindex_js_bytes"]
    added = r["pagefind_index_s"] / r["clean_sphinx_s"]
    net = r["clean_pagefind_s"] / r["clean_sphinx_s"] - 1
    return (
        f"First search at {r['notes']:,} notes, query `{sphinx['query']}`:\n\n"
        "| | built-in | Pagefind |\n|---|---|---|\n"
        f"| index loaded | {k(sphinx['index_bytes'])} (`searchindex.js`; "
        f"{k(r['searchindex_js_gzip_bytes'])} gzipped) | {k(pagefind['index_bytes'])} "
        f"({pagefind['index_files']} files: metadata, index chunk, fragments) |\n"
        f"| everything the search loads | {k(sphinx['search_bytes'])} "
        f"({sphinx['search_files']} files, with the pages fetched for excerpts) | "
        f"{k(pagefind['search_bytes'])} ({pagefind['search_files']} files, with "
        "Pagefind's scripts and WebAssembly) |\n"
        f"| results shown | {sphinx['results_shown']} | {pagefind['results_shown']} |\n\n"
        f"Pagefind's index files for the query weigh {ratio:.1%} of `searchindex.js`; "
        f"with its scripts and WebAssembly, {whole:.1%}.\n\n"
        "| clean build | seconds |\n|---|---|\n"
        f"| built-in search | {r['clean_sphinx_s']:.0f} |\n"
        f"| Pagefind (without Sphinx's index, which its search page does not read) | "
        f"{r['clean_pagefind_s']:.0f} ({net:+.1%}) |\n"
        f"| Pagefind's indexing alone (median of three) | {r['pagefind_index_s']:.1f} "
        f"({added:.1%} of the built-in clean build) |\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
