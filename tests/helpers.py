"""Shared test helpers: build a project for real and read what a user sees."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import socketserver
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")

MakeApp = Callable[..., SphinxTestApp]


def copy_root(name: str, dest: Path) -> Path:
    """A private, editable copy of ``tests/roots/test-<name>``."""
    target = dest / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def build(
    make_app: MakeApp,
    srcdir: Path,
    builder: str = "html",
    parallel: int = 0,
    builddir: Path | None = None,
    **kwargs: Any,
) -> SphinxTestApp:
    """Run a real Sphinx build; status and warnings are kept on the app."""
    app = make_app(
        builder,
        srcdir=srcdir,
        builddir=builddir,
        status=StringIO(),
        warning=StringIO(),
        parallel=parallel,
        **kwargs,
    )
    try:
        app.build()
    finally:
        app.cleanup()  # so the next app in the same test starts from a clean registry
    return app


def warnings_of(app: SphinxTestApp) -> str:
    return _ANSI.sub("", app.warning.getvalue())  # type: ignore[attr-defined]


def has_located_warning(
    app: SphinxTestApp, filename: str, line: int, subtype: str, fragment: str
) -> bool:
    """Whether the build warned ``fragment`` at ``filename:line`` with ``papernotes.<subtype>``."""
    path = Path(app.srcdir) / filename
    pattern = (
        rf"^{re.escape(str(path))}:{line}: WARNING: .*{re.escape(fragment)}.*"
        rf"\[papernotes\.{subtype}\]$"
    )
    return re.search(pattern, warnings_of(app), re.MULTILINE) is not None


def status_of(app: SphinxTestApp) -> str:
    return _ANSI.sub("", app.status.getvalue())  # type: ignore[attr-defined]


def read_json(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((Path(app.outdir) / "papernotes.json").read_text(encoding="utf-8"))


def html_pages(outdir: Path) -> dict[str, str]:
    """Every HTML page of a build, by path relative to the output folder."""
    return {
        str(path.relative_to(outdir)): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*.html"))
        if "_static" not in path.parts
    }


def build_once(
    name: str, tmp_path_factory: Any, builder: str = "html", **kwargs: Any
) -> SphinxTestApp:
    """Build ``tests/roots/test-<name>`` once in a fresh folder (for module fixtures)."""
    return build_in(copy_root(name, tmp_path_factory.mktemp(name)), builder, **kwargs)


def build_in(srcdir: Path, builder: str = "html", **kwargs: Any) -> SphinxTestApp:
    """One build of the project in ``srcdir``, its output and warnings kept for reading."""
    app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def sphinx_bibtex(srcdir: Path, out: Path, doctrees: Path) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -b bibtex`` in a process of its own, as a user runs it."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "bibtex",
            "-q",
            "-d",
            str(doctrees),
            str(srcdir),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


class _Garbage(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.recv(65536)
        self.request.sendall(b"GARBAGE\r\n\r\n")


@contextlib.contextmanager
def garbage_server() -> Iterator[str]:
    """A loopback server that answers every request with a line that is not HTTP."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Garbage)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
