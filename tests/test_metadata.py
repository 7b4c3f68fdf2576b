"""Package metadata: the project links and the changelog they point to."""

from __future__ import annotations

import re
import tomllib

import sphinx_papernotes

from .conftest import DOCS

ROOT = DOCS.parent


def test_project_urls_name_docs_source_issues_and_changelog() -> None:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert set(urls) == {"Documentation", "Source", "Issues", "Changelog"}
    assert all(url.startswith("https://") for url in urls.values())
    assert urls["Issues"] == urls["Source"] + "/issues"
    # The changelog link is the docs page that includes CHANGELOG.md.
    assert urls["Changelog"].endswith("/changelog.html")
    assert "../CHANGELOG.md" in (DOCS / "changelog.md").read_text(encoding="utf-8")


def test_changelog_starts_with_the_current_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\S+)", text, flags=re.MULTILINE)
    assert versions[0] == sphinx_papernotes.__version__


def test_getting_started_clones_the_source_repository() -> None:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    guide = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    assert f"$ git clone {urls['Source']}.git\n" in guide
