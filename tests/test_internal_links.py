"""Every internal link of every built test root lands on a file and an anchor that exist.

Listings, role references, backlinks, previous/next, tag chips and venue
badges all emit ``href``s; a link to a page that was not written, or to an
``#id`` that is not on the page, is a broken promise the HTML validator
does not catch. External ``http(s)``/``mailto`` links are not followed.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from .helpers import ROOTS, build_once

TEST_ROOTS = sorted(path.name.removeprefix("test-") for path in ROOTS.glob("test-*"))
BUILDERS = ["html", "dirhtml", "singlehtml"]
# Sphinx's own links that singlehtml keeps though it writes no such page.
SPHINX_PAGES = {"genindex.html", "search.html", "py-modindex.html"}


def broken_links(outdir: Path, ignore: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """``page -> href`` for each internal link whose file or anchor is missing."""
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            found = {str(tag["id"]) for tag in soup.find_all(id=True)}
            found |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
            ids[path] = found
        return ids[path]

    broken = []
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.parts:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link"], href=True):
            href = str(tag["href"])
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or parts.path in ignore:
                continue  # external (http, https, mailto, ...), not ours to check
            if parts.fragment.startswith("document-") and "#" in parts.fragment:
                # Sphinx's own local table of contents in singlehtml links a
                # section of another document as "#document-x#section": not ours.
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path))
            if target.is_dir():
                target = target / "index.html"
            if not target.resolve().is_file():
                broken.append(f"{page.relative_to(outdir)} -> {href} (no such file)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in anchors(target.resolve()):
                broken.append(f"{page.relative_to(outdir)} -> {href} (no such anchor)")
    return broken


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("root", TEST_ROOTS)
def test_every_internal_href_resolves(
    root: str, builder: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    app = build_once(root, tmp_path_factory, builder)
    ignore = SPHINX_PAGES if builder == "singlehtml" else frozenset()
    assert broken_links(Path(app.outdir), ignore) == []
