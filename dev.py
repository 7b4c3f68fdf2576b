#!/usr/bin/env python3
"""Developer entry point: ``python3 dev.py docs`` or ``python3 dev.py test``.

Needs only Python >= 3.11 with pip. Creates ``.venv`` beside this file on
first use (and refreshes it when ``pyproject.toml`` changes), installs the
package with its test extras, then builds the docs or runs the whole suite.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".papernotes-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
DOCS_OUT = ROOT / "docs" / "_build" / "html"


def run(*args: str | Path) -> None:
    print("+", " ".join(str(arg) for arg in args), flush=True)
    result = subprocess.run([str(arg) for arg in args], cwd=ROOT, check=False)
    if result.returncode:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """A virtualenv with the package (editable) and its test tools."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text().strip() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test]")
    STAMP.write_text(wanted + "\n")


def docs() -> None:
    ensure_venv()
    run(
        PYTHON,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-n",
        "-W",
        "--keep-going",
        "-q",
        ROOT / "docs",
        DOCS_OUT,
    )
    print(f"\nThe demo site is built: {DOCS_OUT / 'index.html'}")


def test(extra: list[str]) -> None:
    ensure_venv()
    run(PYTHON, "-m", "ruff", "check", "src", "tests", "benchmarks", "dev.py")
    run(PYTHON, "-m", "ruff", "format", "--check", "src", "tests", "benchmarks", "dev.py")
    run(PYTHON, "-m", "mypy")
    run(PYTHON, "-m", "pytest", *extra)


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "docs":
        docs()
    elif command == "test":
        test(sys.argv[2:])
    else:
        sys.exit("usage: python3 dev.py docs | test [pytest arguments]")


if __name__ == "__main__":
    main()
