"""The contributors' design page names every module, so it stays a true map."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "sphinx_papernotes"


def test_every_module_is_named_on_the_design_page() -> None:
    page = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    modules = sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py"))
    assert modules, "no modules found under src/"
    missing = [name for name in modules if f"`{name}`" not in page]
    assert not missing, f"docs/design.md does not name: {missing}"


def test_the_readme_links_the_design_page() -> None:
    assert "docs/design.md" in (ROOT / "README.md").read_text(encoding="utf-8")
