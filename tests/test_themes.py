"""Notes, listings and generated pages under the themes people use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import copy_root


@pytest.mark.parametrize(
    "theme", ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme", "papernotes"]
)
def test_generated_pages_use_the_theme_layout(tmp_path: Path, theme: str) -> None:
    # A process of its own: some themes change shared defaults of Sphinx's config
    # (pydata-sphinx-theme appends to templates_path), which would leak into
    # later builds of this test process.
    srcdir = copy_root("listings", tmp_path)
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-D", f"html_theme={theme}", str(srcdir), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line and "papernotes." not in line]
    assert warnings == []
    for name in ("tags/x.html", "venues/iclr.html", "tags/index.html", "notes.html"):
        html = BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser")
        # the theme's own frame: a search form pointing at the site's search page
        form = html.select_one("form[action$='search.html']")
        assert form is not None, (theme, name)
        assert html.select_one("link[href*='papernotes.css']") is not None, (theme, name)
    tag_page = BeautifulSoup((out / "tags/x.html").read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in tag_page.select(".pn-entry-title a")] == [
        "Epsilon",
        "Beta",
        "Alpha",
    ]
    assert tag_page.find("h1") is not None
