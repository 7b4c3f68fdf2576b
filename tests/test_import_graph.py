"""The package's import graph: no cycle, no import from a later build phase into
an earlier one, and a theme that uses only the extension's documented API
(see ``docs/design.md``). Read from the source with :mod:`ast`, not by importing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
ROOT_PACKAGE = "sphinx_papernotes"

# Modules of the read phase (directives and doctree-read handlers) and of the
# write phase (writers, generated pages, export files, search output).
READ_PHASE = {
    "note_directive",
    "settle_notes",
    "from_bib",
    "nodes",
    "domain",
    "comments",
    "orphan_pages",
    "checks",
    "freshness",
}
WRITE_PHASE = {
    "note_html",
    "note_print",
    "note_view",
    "note_bibtex",
    "pages",
    "export_files",
    "export_cache",
    "llms_files",
    "bibtex_builder",
    "search_index",
    "search_filters",
    "pagefind_index",
}
# What the theme may use of the extension: its context API (docs/design.md).
THEME_API = {"domain", "translation", "addresses", "page_addresses"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / ROOT_PACKAGE).rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _statements(body: list[ast.stmt], local: bool) -> list[ast.stmt]:
    """Every statement, entering ``if TYPE_CHECKING`` blocks; function bodies only
    with ``local``."""
    out: list[ast.stmt] = []
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not local:
            continue
        out.append(node)
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(node, name, None)
            if isinstance(inner, list):
                out.extend(_statements(inner, local))
        for handler in getattr(node, "handlers", []):
            out.extend(_statements(handler.body, local))
    return out


def imports_of(name: str, local: bool = False) -> set[str]:
    """The package's modules that ``name`` imports."""
    path = MODULES[name]
    base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in _statements(ast.parse(path.read_text(encoding="utf-8")).body, local):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                start = base[: len(base) - (node.level - 1)]
                module = ".".join(start + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            submodules = [
                f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in MODULES
            ]
            # ``from . import config`` imports the submodule; ``from . import x``
            # of a name defined in the package imports the package itself.
            if len(submodules) < len(node.names) and module in MODULES:
                found.add(module)
            found.update(submodules)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
    found.discard(name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_graph_is_read() -> None:
    assert f"{ROOT_PACKAGE}.domain" in imports_of(f"{ROOT_PACKAGE}.freshness")
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


def test_no_import_cycle_at_module_level() -> None:
    graph = {name: imports_of(name) for name in MODULES}
    assert cycles(graph) == []


def test_no_import_cycle_counting_imports_inside_functions() -> None:
    # The package itself is the entry point: ``setup()`` imports every feature
    # when Sphinx calls it, and modules take ``__version__`` from it.
    graph = {
        name: imports_of(name, local=True) - {ROOT_PACKAGE}
        for name in MODULES
        if name != ROOT_PACKAGE
    }
    assert cycles(graph) == []


@pytest.mark.parametrize("module", sorted(READ_PHASE))
def test_read_phase_does_not_import_the_write_phase(module: str) -> None:
    later = {f"{ROOT_PACKAGE}.{name}" for name in WRITE_PHASE}
    assert imports_of(f"{ROOT_PACKAGE}.{module}") & later == set()


def test_the_theme_uses_only_the_context_api() -> None:
    allowed = {f"{ROOT_PACKAGE}.{name}" for name in THEME_API}
    for name in MODULES:
        if not name.startswith(f"{ROOT_PACKAGE}.theme"):
            continue
        for imported in imports_of(name, local=True):
            inside = imported.startswith((f"{ROOT_PACKAGE}.theme", f"{ROOT_PACKAGE}.model"))
            assert inside or imported in allowed, f"{name} imports {imported}"
