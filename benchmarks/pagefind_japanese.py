"""What indexing Japanese character by character costs Pagefind, at 5,000 notes.

Takes the Pagefind site that ``benchmarks/search.py`` built (its work folder
is kept: ``<tmp>/pn-search-*/site/pagefind``), copies its note pages twice
with ``lang="ja"`` (as ``language = "ja"`` writes them), and indexes one copy
as Pagefind cuts Japanese by itself and the other with every Japanese
character set apart (``papernotes_search = "pagefind"`` under ``ja``, see
``pagefind_index.split_japanese``). Then Chromium runs Japanese queries on
each, Pagefind's way and as the papernotes search page asks them (the
characters as one exact phrase), adding up the bytes of the index chunks
and fragments the search loads (the scripts and WebAssembly, the same for
any site, are counted apart).

    python benchmarks/pagefind_japanese.py /tmp/pn-search-XXXX/site/pagefind
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import json
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import environment

from sphinx_papernotes.pagefind_index import write_index

CHROMIUM = "/usr/bin/chromium"
# A compound the corpus's summaries hold, a tag, a word and a phrase of the comments.
QUERIES = ("微調整", "事前学習", "自然言語処理", "の性能")
CHUNKS = re.compile(r"/_pagefind/(index|fragment|filter)/|\.pf_")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def copy_site(source: Path, target: Path) -> list[Path]:
    """The note pages and the home page of ``source`` in ``target``, in Japanese."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "notes").mkdir(parents=True)
    pages = []
    for page in [*sorted(source.glob("notes/*.html")), source / "index.html"]:
        text = page.read_text(encoding="utf-8").replace('<html lang="en"', '<html lang="ja"', 1)
        copy = target / page.relative_to(source)
        copy.write_text(text, encoding="utf-8")
        pages.append(copy)
    return pages


def phrase(query: str) -> str:
    """A query of Japanese only, as the papernotes search page asks it."""
    return '"' + " ".join(query) + '"'


def first_search(base: str, variant: str, term: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    loaded: list[tuple[str, int]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto(f"{base}/{variant}/index.html", wait_until="load")
        page.on("response", lambda r: loaded.append((r.url, len(r.body()))) if r.ok else None)
        found = page.evaluate(
            """async ([term, variant]) => {
                const pagefind = await import(`/${variant}/_pagefind/pagefind.js`);
                await pagefind.options({ baseUrl: `/${variant}/` });
                const search = await pagefind.search(term);
                await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
                return search.results.length;
            }""",
            [term, variant],
        )
        page.wait_for_load_state("networkidle")
        browser.close()
    return {
        "term": term,
        "results": found,
        "index_bytes": sum(size for url, size in loaded if CHUNKS.search(url)),
        "pagefind_bytes": sum(size for url, size in loaded if "/_pagefind/" in url),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path, help="the site/pagefind folder of search.py")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/pagefind-japanese.json"))
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="pn-pagefind-ja-", dir=args.workdir))
    result: dict[str, Any] = {"environment": environment()}
    for variant in ("dictionary", "characters"):
        pages = copy_site(args.site, work / variant)
        print(f"[pagefind-ja] indexing {len(pages)} pages, {variant} ...", file=sys.stderr)
        start = time.perf_counter()
        asyncio.run(write_index(work / variant, pages, split=variant == "characters"))
        result[f"index_s_{variant}"] = round(time.perf_counter() - start, 1)
        files = [path for path in (work / variant / "_pagefind").rglob("*") if path.is_file()]
        result[f"index_bytes_{variant}"] = sum(path.stat().st_size for path in files)
    handler = functools.partial(_Quiet, directory=str(work))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        result["searches"] = {
            query: {
                "dictionary": first_search(base, "dictionary", query),
                "characters": first_search(base, "characters", phrase(query)),
            }
            for query in QUERIES
        }
    finally:
        server.shutdown()
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result["searches"], ensure_ascii=False, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
