"""The warnings catalogue (docs/reference/warnings.md) matches what the code can emit.

Every subtype of :class:`Subtype` has a section with an example, the
documented set equals the enum, every subtype is emitted somewhere in the
package, and nothing is emitted outside the enum.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import sphinx_papernotes
from sphinx_papernotes.diagnostics import WARNING_TYPE, Subtype

DOCS = Path(__file__).parents[1] / "docs" / "reference" / "warnings.md"
PACKAGE = Path(sphinx_papernotes.__file__).parent
HEADING = re.compile(r"^### `papernotes\.([a-z_]+)`$", re.MULTILINE)


def sections() -> dict[str, str]:
    """Subtype -> the text of its section, up to the next heading."""
    text = DOCS.read_text(encoding="utf-8")
    matches = list(HEADING.finditer(text))
    result = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        chapter = text.find("\n## ", match.end())  # the next "##" section ends it too
        if chapter != -1:
            end = min(end, chapter)
        result[match.group(1)] = text[match.end() : end]
    return result


def emitted() -> dict[str, list[str]]:
    """``Subtype.X`` member names used in the package, with where."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "diagnostics.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "Subtype"
            ):
                found.setdefault(node.attr, []).append(f"{path.name}:{node.lineno}")
    return found


def test_every_subtype_is_documented_and_nothing_else() -> None:
    documented = list(sections())
    assert len(documented) == len(set(documented)), "a subtype has two sections"
    assert set(documented) == {subtype.value for subtype in Subtype}


@pytest.mark.parametrize("subtype", list(Subtype), ids=lambda s: s.value)
def test_each_section_shows_an_example_warning(subtype: Subtype) -> None:
    """A ``text`` block with a warning line ending in ``[papernotes.<subtype>]``."""
    section = sections()[subtype.value]
    blocks = re.findall(r"```text\n(.*?)```", section, re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines()]
    examples = [line for line in lines if line.endswith(f"[{WARNING_TYPE}.{subtype.value}]")]
    assert examples, f"no example warning for papernotes.{subtype.value}"
    assert all("WARNING: " in line for line in examples), examples


def test_every_subtype_is_emitted_and_only_those() -> None:
    """Scanning the source: each member is used by some warning, and no use names
    a member the enum lacks (which would fail only when that warning fires)."""
    used = emitted()
    members = {subtype.name for subtype in Subtype}
    assert set(used) - members == set(), {name: used[name] for name in set(used) - members}
    assert members - set(used) == set(), "documented but never emitted"


def test_warnings_go_through_the_one_helper() -> None:
    """No module logs a ``papernotes`` warning with a hand-written subtype string."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "diagnostics.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"subtype\s*=\s*['\"]", text), path
        assert not re.search(r"type\s*=\s*['\"]papernotes['\"]", text), path
