"""docs/getting-started.md works as written: its commands and files, in an empty folder.

The page marks what a reader types: every ``console`` block holds commands
after a ``$`` prompt, and every file to create is a ``{code-block}`` whose
``:caption:`` is its path. This test reads them back out of the page (with
markdown-it, MyST's own parser), writes the files and runs the commands in
order. Installing is the one step it does not repeat: the package under test
is already importable, so the guide's ``sphinx-build`` runs with this
interpreter (``python -m sphinx``), and with ``-W``.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from .conftest import DOCS

GUIDE = DOCS / "getting-started.md"
# Steps the test does not repeat: installing from the index, a clone or a wheel.
NOT_RUN = ("pip", "git")


@dataclass(frozen=True)
class Step:
    """A command to run (``command``) or a file to write (``path`` and ``text``)."""

    command: tuple[str, ...] = ()
    path: str = ""
    text: str = ""


def _directive_options(content: str) -> tuple[dict[str, str], str]:
    """The ``:name: value`` lines that open a MyST directive, and the body after them."""
    lines = content.splitlines(keepends=True)
    options: dict[str, str] = {}
    while lines and lines[0].startswith(":") and not lines[0].startswith(":::"):
        name, _, value = lines.pop(0)[1:].partition(":")
        options[name] = value.strip()
    return options, "".join(lines)


def guide_steps(text: str) -> list[Step]:
    """The guide's commands and files, in the order a reader meets them."""
    steps: list[Step] = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence":
            continue
        info = token.info.split()
        if info == ["console"]:
            for line in token.content.splitlines():
                assert line.startswith("$ "), f"a console line without a prompt: {line!r}"
                steps.append(Step(command=tuple(shlex.split(line[2:]))))
        elif info[:1] == ["{code-block}"]:
            options, body = _directive_options(token.content)
            if "caption" in options:
                steps.append(Step(path=options["caption"], text=body))
    return steps


def run_step(step: Step, folder: Path) -> subprocess.CompletedProcess[str] | None:
    if step.path:
        target = folder / step.path
        assert target.parent.is_dir(), f"{step.path}: the guide never made its folder"
        target.write_text(step.text, encoding="utf-8")
        return None
    program, *args = step.command
    if program in NOT_RUN:
        return None
    if program == "mkdir":
        assert args[0] == "-p"
        for name in args[1:]:
            (folder / name).mkdir(parents=True, exist_ok=True)
        return None
    assert program == "sphinx-build", f"the test does not know how to run {program!r}"
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *args, "-W"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def followed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Step], list[str]]:
    """An empty folder after every step of the guide; the builds' error output."""
    folder = tmp_path_factory.mktemp("getting-started")
    steps = guide_steps(GUIDE.read_text(encoding="utf-8"))
    errors = []
    for step in steps:
        result = run_step(step, folder)
        if result is not None:
            assert result.returncode == 0, result.stderr
            errors.append(result.stderr)
    return folder, steps, errors


def test_guide_marks_its_files_and_commands(
    followed: tuple[Path, list[Step], list[str]],
) -> None:
    _, steps, _ = followed
    files = [step.path for step in steps if step.path]
    assert files == [
        "docs/conf.py",
        "docs/index.md",
        "docs/notes/2432.md",
        "docs/notes/index.md",
        "docs/notes/1834.md",
    ]
    commands = [step.command for step in steps if step.command]
    assert ("pip", "install", "./sphinx-papernotes") in commands  # from a clone
    assert any(c[:2] == ("pip", "install") and c[-1].endswith(".whl") for c in commands)
    assert commands[-1] == ("sphinx-build", "-b", "html", "docs", "docs/_build/html")


def test_guide_builds_with_w_and_says_nothing(
    followed: tuple[Path, list[Step], list[str]],
) -> None:
    _, _, errors = followed
    assert errors == [""]


def test_guide_site_has_both_notes_linked_both_ways(
    followed: tuple[Path, list[Step], list[str]],
) -> None:
    folder, _, _ = followed
    html = folder / "docs" / "_build" / "html"

    def page(name: str) -> BeautifulSoup:
        return BeautifulSoup((html / name).read_text(encoding="utf-8"), "html.parser")

    assert page("index.html").find("a", href="notes/index.html") is not None
    jetformer = page("notes/2432.html")
    assert jetformer.h1 is not None
    assert "JetFormer" in jetformer.h1.get_text()
    # The note the guide's second file cites lists it under "Referenced by".
    assert jetformer.find("a", href="1834.html#note-1834") is not None
    realnvp = page("notes/1834.html")
    cites = [a.get_text() for a in realnvp.select("a[href='2432.html#note-2432']")]
    assert cites[:2] == [
        "JetFormer: An Autoregressive Generative Model of Raw Images and Text",
        "the JetFormer note",
    ]
    data = json.loads((html / "papernotes.json").read_text(encoding="utf-8"))
    assert sorted(note["id"] for note in data["notes"]) == ["1834", "2432"]
    assert (html / "tags" / "normalizingflow.html").is_file()
    assert (html / "papernotes.bib").is_file()
