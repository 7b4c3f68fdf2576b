#!/usr/bin/env python3
"""Developer entry point: ``python3 dev.py docs``, ``test`` or ``screenshots``.

Needs only Python >= 3.11 with pip. Creates ``.venv`` beside this file on
first use (and refreshes it when ``pyproject.toml`` changes), installs the
package with the extra the command needs, then builds the docs or runs the
whole suite. ``docs`` installs only the small ``docs`` extra; ``test`` and
``screenshots`` install ``test``, which includes it, so a venv made for the
tests builds the docs without installing anything.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".papernotes-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
DOCS_OUT = ROOT / "docs" / "_build" / "html"
SCREENSHOTS = ROOT / "docs" / "images" / "screenshots"
# The screenshots the README and docs/theme.md show, out of those the browser
# tests take (tests/test_browser.py): page-scheme-width, or theme-<name>.
CHOSEN_SCREENSHOTS = (
    "home-light-1280",
    "note-light-1280",
    "note-dark-1280",
    "tag-dark-1280",
    "venue-light-1280",
    "search-light-1280",
    "note-light-390",
    "home-dark-390",
    "note-ja-light-1280",
    "theme-alabaster",
    "theme-furo",
    "theme-pydata_sphinx_theme",
    "theme-sphinx_rtd_theme",
)


def run(*args: str | Path) -> None:
    print("+", " ".join(str(arg) for arg in args), flush=True)
    result = subprocess.run([str(arg) for arg in args], cwd=ROOT, check=False)
    if result.returncode:
        sys.exit(result.returncode)


# Each extra, with the extras it includes (pyproject.toml: test needs docs).
EXTRAS = {"docs": {"docs"}, "test": {"docs", "test"}}


def ensure_venv(extra: str) -> None:
    """A virtualenv with the package (editable) and at least ``extra``."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and PYTHON.exists():
        done_digest, _, done_extra = STAMP.read_text().strip().partition(" ")
        if done_digest == digest and extra in EXTRAS.get(done_extra, set()):
            return
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", f".[{extra}]")
    STAMP.write_text(f"{digest} {extra}\n")


def docs_command(python: str | Path, out: Path, *extra: str) -> list[str]:
    """The docs build: nitpicky, every warning an error (the suite builds the same way)."""
    return [str(python), "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q",
            *extra, str(ROOT / "docs"), str(out)]  # fmt: skip


def docs() -> None:
    ensure_venv("docs")
    run(*docs_command(PYTHON, DOCS_OUT))
    print(f"\nThe demo site is built: {DOCS_OUT / 'index.html'}")


def test(extra: list[str]) -> None:
    ensure_venv("test")
    run(PYTHON, "-m", "ruff", "check", "src", "tests", "benchmarks", "dev.py")
    run(PYTHON, "-m", "ruff", "format", "--check", "src", "tests", "benchmarks", "dev.py")
    run(PYTHON, "-m", "mypy")
    run(PYTHON, "-m", "pytest", *extra)


def screenshots() -> None:
    """Photograph the docs with the browser tests and keep the chosen pictures."""
    ensure_venv("test")
    with tempfile.TemporaryDirectory(prefix="papernotes-shots-") as folder:
        env = os.environ | {"PAPERNOTES_SCREENSHOTS": folder}
        command = [str(PYTHON), "-m", "pytest", "-q", "-rs", "tests/test_browser.py"]
        print("+", " ".join(command), flush=True)
        if subprocess.run([*command, "-k", "photographed"], cwd=ROOT, env=env).returncode:
            sys.exit("the browser tests failed; no screenshot was changed")
        missing = [
            name for name in CHOSEN_SCREENSHOTS if not (Path(folder) / f"{name}.png").is_file()
        ]
        if missing:
            sys.exit(f"no screenshot {missing[0]}.png: are Playwright and chromium installed?")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for name in CHOSEN_SCREENSHOTS:
            shutil.copyfile(Path(folder) / f"{name}.png", SCREENSHOTS / f"{name}.png")
    print(f"\n{len(CHOSEN_SCREENSHOTS)} screenshots copied to {SCREENSHOTS}")


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "docs":
        docs()
    elif command == "test":
        test(sys.argv[2:])
    elif command == "screenshots":
        screenshots()
    else:
        sys.exit("usage: python3 dev.py docs | test [pytest arguments] | screenshots")


if __name__ == "__main__":
    main()
