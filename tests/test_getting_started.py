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
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

import sphinx_papernotes

from .conftest import DOCS

GUIDE = DOCS / "getting-started.md"
# Steps the test does not repeat: installing from the index, a clone or a wheel.
NOT_RUN = ("pip", "git")
# The builds run in another folder: they import the package this test imports.
ENV = os.environ | {"PYTHONPATH": str(Path(sphinx_papernotes.__file__).parents[1])}


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
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )


@dataclass(frozen=True)
class Followed:
    folder: Path
    steps: list[Step]
    builds: list[subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def followed(tmp_path_factory: pytest.TempPathFactory) -> Followed:
    """An empty folder after every step of the guide, and what its builds printed."""
    folder = tmp_path_factory.mktemp("getting-started")
    steps = guide_steps(GUIDE.read_text(encoding="utf-8"))
    builds = []
    for step in steps:
        result = run_step(step, folder)
        if result is not None:
            assert result.returncode == 0, result.stderr
            builds.append(result)
    return Followed(folder, steps, builds)


def test_guide_marks_its_files_and_commands(followed: Followed) -> None:
    steps = followed.steps
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


def test_guide_builds_with_w_and_warns_nothing(followed: Followed) -> None:
    assert [build.stderr for build in followed.builds] == [""]


# What we or our dependencies would print in a build's normal output: our
# notices, MyST-Parser's configuration, a configuration that seems changed.
NOTICES = ("papernotes:", "myst v", "configuration has changed", "WARNING")


def notices(output: str) -> list[str]:
    # Sphinx colours its output when the environment says the terminal can.
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    return [line for line in plain.splitlines() if any(word in line for word in NOTICES)]


def test_default_build_and_no_op_rebuild_print_nothing_of_ours(followed: Followed) -> None:
    """Sphinx's progress only; the feed notice and MyST's settings with -v."""
    (first,) = followed.builds
    build = [sys.executable, "-m", "sphinx", "-b", "html", "docs", "docs/_build/html", "-W"]
    again = subprocess.run(
        build, cwd=followed.folder, env=ENV, capture_output=True, text=True, check=False
    )
    assert again.returncode == 0, again.stderr
    assert "0 added, 0 changed, 0 removed" in again.stdout
    assert "no targets are out of date" in again.stdout
    assert [notices(first.stdout), notices(again.stdout), again.stderr] == [[], [], ""]
    # Verbose mode, in a fresh output folder, says what the default build leaves out.
    verbose = [*build[:5], "-v", "docs", str(followed.folder / "verbose")]
    loud = subprocess.run(
        verbose, cwd=followed.folder, env=ENV, capture_output=True, text=True, check=False
    )
    assert loud.returncode == 0, loud.stderr
    said = notices(loud.stdout)
    assert any("feed.xml is not written because html_baseurl is not set" in line for line in said)
    assert any(line.startswith("myst v") for line in said)


def test_guide_site_has_both_notes_linked_both_ways(followed: Followed) -> None:
    html = followed.folder / "docs" / "_build" / "html"

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
