"""The documentation (the demo site) builds cleanly with -n -W."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from .conftest import DOCS, DOCS_THEMES, DocsBuild, dev
from .helpers import sphinx_bibtex


def test_docs_build_nitpicky_without_warnings(docs_site: Callable[[str], DocsBuild]) -> None:
    built = docs_site("papernotes")
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    data = json.loads((built.html / "papernotes.json").read_text(encoding="utf-8"))
    notes = data["notes"]
    assert len(notes) >= 12
    # The example collection exercises backlinks: every note is cited somewhere.
    cited = [note for note in notes if note["referenced_by"]]
    assert len(cited) >= 11
    # Toctree captions (in the content and the sidebar) are headings with a level.
    home = BeautifulSoup((built.html / "index.html").read_text(encoding="utf-8"), "html.parser")
    captions = home.select('[role="heading"]')
    assert len(captions) >= 2
    assert all(caption.get("aria-level") == "2" for caption in captions)


# What each theme writes into every page, to be sure it was the one used.
THEME_MARKS = {
    "papernotes": "header.pn-header",
    "alabaster": "link[href*='alabaster.css']",
    "furo": "link[href*='furo.css']",
    "pydata_sphinx_theme": "link[href*='pydata-sphinx-theme.css']",
    "sphinx_rtd_theme": "div.wy-grid-for-nav",
}


@pytest.mark.parametrize("theme", DOCS_THEMES)
def test_docs_build_under_every_theme(docs_site: Callable[[str], DocsBuild], theme: str) -> None:
    """The demo builds with -n -W under each theme, and the notes keep their look."""
    built = docs_site(theme)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    for name in ("index.html", "notes/101.html", "tags/index.html", "venues/index.html"):
        page = BeautifulSoup((built.html / name).read_text(encoding="utf-8"), "html.parser")
        assert page.select_one(THEME_MARKS[theme]) is not None, (theme, name)
        assert page.select_one("link[href*='papernotes.css']") is not None, (theme, name)
    text = (built.html / "notes/101.html").read_text(encoding="utf-8")
    note = BeautifulSoup(text, "html.parser")
    article = note.select_one("article.pn-note")
    assert article is not None
    assert article.select(".pn-tag"), theme
    assert article.select_one("details.pn-bibtex button.pn-copy") is not None


@pytest.mark.skipif(
    shutil.which("bibtex") is None or shutil.which("biber") is None,
    reason="bibtex or biber is not installed (apt-get install texlive-base biber)",
)
def test_docs_bib_passes_bibtex_and_biber(tmp_path: Path) -> None:
    """The demo's own papernotes.bib: no warning from either real tool."""
    out = tmp_path / "bib"
    result = sphinx_bibtex(DOCS, out, tmp_path / "d")
    assert result.returncode == 0, result.stderr
    (out / "t.aux").write_text("\\citation{*}\n\\bibdata{papernotes}\n\\bibstyle{plain}\n")
    bibtex = subprocess.run(["bibtex", "t"], cwd=out, capture_output=True, text=True, check=False)
    assert bibtex.returncode == 0, bibtex.stdout
    assert "Warning" not in (out / "t.blg").read_text()
    biber = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "papernotes.bib"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert biber.returncode == 0
    assert not [line for line in biber.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]


def test_readme_and_theme_page_show_the_committed_screenshots() -> None:
    """The pictures the README and the theme page show are the ones
    ``python3 dev.py screenshots`` keeps, and every one of them is committed."""
    import re

    folder = DOCS / "images" / "screenshots"
    kept = {f"{name}.png" for name in dev.CHOSEN_SCREENSHOTS}
    assert {path.name for path in folder.glob("*.png")} == kept
    for path in folder.glob("*.png"):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r'src="docs/images/screenshots/([^"]+)"', readme))
    assert shown and shown <= kept
    theme_page = (DOCS / "theme.md").read_text(encoding="utf-8")
    assert set(re.findall(r"images/screenshots/([\w.-]+\.png)", theme_page)) == kept


def test_configuration_overview_names_every_setting() -> None:
    """The conf.py block at the top of the configuration reference shows every
    setting (and no other), and each has its own entry below it."""
    import ast

    from sphinx_papernotes.config import SETTINGS

    page = (DOCS / "reference" / "configuration.md").read_text(encoding="utf-8")
    block = page.split("```python\n", 1)[1].split("```", 1)[0]
    shown = {
        target.id: ast.literal_eval(node.value)
        for node in ast.parse(block).body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.startswith("papernotes_")
    }
    assert sorted(shown) == sorted(setting.name for setting in SETTINGS)
    for setting in SETTINGS:
        assert f":::{{confval}} {setting.name}\n" in page, setting.name


def test_docs_pdf_shows_the_demo_graphs_and_charts(tmp_path: Path) -> None:
    """`make latexpdf` of the demo: LuaLaTeX (the notes hold Japanese), every
    reference resolved, the reference graphs and charts drawn as PDF pictures."""
    for tool in ("latexmk", "make", "lualatex", "kpsewhich"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (.ci/run installs latexmk and TeX Live)")
    for package in ("luatexja.sty", "luatex85.sty"):
        found = subprocess.run(["kpsewhich", package], capture_output=True, text=True)
        if not found.stdout.strip():
            pytest.skip(f"{package} is not installed (texlive-lang-japanese, texlive-luatex)")
    out = tmp_path / "latex"
    built = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "latex", "-n", "-W", "-q", str(DOCS), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    tex = (out / "sphinx-papernotes.tex").read_text(encoding="utf-8")
    assert re.search(r"\\sphinxincludegraphics\[[^]]*\]\{graphviz-[0-9a-f]+\.pdf\}", tex)
    assert re.search(r"\\sphinxincludegraphics\[[^]]*\]\{papernotes-chart-[0-9a-f]+\.pdf\}", tex)
    made = subprocess.run(
        ["make", "all-pdf", "LATEXMKOPTS=-silent -interaction=nonstopmode"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    log = (out / "sphinx-papernotes.log").read_text("utf-8", errors="replace")
    assert made.returncode == 0, made.stdout[-3000:] + log[-3000:]
    assert "undefined" not in re.sub(r"Kanji font shape .* undefined", "", log)
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(out / "sphinx-papernotes.pdf").pages
    )
    assert "Notes per year" in text


def test_every_docs_page_is_written_as_its_own_page(docs_site: Callable[[str], DocsBuild]) -> None:
    """No page is overwritten by one of Sphinx's own (a ``search.md`` page
    would be: Sphinx writes its search page over it)."""
    built = docs_site("papernotes")
    for source in sorted(DOCS.glob("*.md")):
        lines = source.read_text(encoding="utf-8").splitlines()
        if not any(line.startswith("# ") for line in lines):
            continue  # a page whose text comes from an included file (changelog)
        start = next(i for i, line in enumerate(lines) if line.startswith("# "))
        # The first words of the page's first paragraph after its title.
        words = next(
            (line.split()[:3] for line in lines[start + 1 :] if re.match(r"[A-Za-z]", line)),
            [],
        )
        page = BeautifulSoup(
            (built.html / f"{source.stem}.html").read_text(encoding="utf-8"), "html.parser"
        )
        text = " ".join(page.get_text().split())
        assert " ".join(words) in text, source.name
