"""Live reload with the real sphinx-autobuild: one edit, one rebuild, then quiet.

Generated pages written into the source folder made sphinx-autobuild rebuild
forever (sphinx-tags #93, #116). Here the real server runs on a loopback
port on a small project; one note is edited; the test reads the server's
output to see exactly one rebuild, fetches the changed pages over HTTP, and
checks that nothing was written into the source folder and no further
rebuild follows. Everything is bounded in time and the server is always
stopped.
"""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from .corpus import write_corpus

pytestmark = [
    pytest.mark.hardening,
    pytest.mark.skipif(
        importlib.util.find_spec("sphinx_autobuild") is None,
        reason="sphinx-autobuild is not installed (pip install sphinx-autobuild, "
        "part of the test extras)",
    ),
]

ANSI = re.compile(r"\x1b\[[0-9;]*m")
STARTUP = 60.0  # seconds for the first build and the server to come up
REBUILD = 40.0  # seconds for the rebuild after the edit
QUIET = 6.0  # seconds with no rebuild that count as "no loop"


class Output:
    """The server's output lines, read by a thread so the test never blocks."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._lock = threading.Lock()
        assert process.stdout is not None
        stream = process.stdout
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            with self._lock:
                self.lines.append(ANSI.sub("", line.rstrip("\n")))

    def count(self, pattern: str) -> int:
        with self._lock:
            return sum(1 for line in self.lines if re.search(pattern, line))

    def text(self) -> str:
        with self._lock:
            return "\n".join(self.lines)


def wait_for(condition: Callable[[], object], timeout: float, what: str, output: Output) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}; server output:\n{output.text()[-4000:]}")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` with its modification time and size."""
    return {
        str(path.relative_to(root)): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_one_edit_rebuilds_once_and_then_stays_quiet(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src", 8)
    out = tmp_path / "out"
    note = src / "notes" / "3.md"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sphinx_autobuild",
            str(src),
            str(out),
            "--host",
            "127.0.0.1",
            "--port",
            "0",  # sphinx-autobuild picks a free port and prints it
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"},
        start_new_session=True,  # its sphinx-build children are stopped with it
    )
    output = Output(process)
    try:
        wait_for(lambda: output.count(r"Serving on http://"), STARTUP, "the first build", output)
        match = re.search(r"Serving on (http://127\.0\.0\.1:\d+)", output.text())
        assert match, output.text()
        base = match.group(1)
        wait_for(lambda: fetch(base + "/"), STARTUP, "the server to answer", output)
        page = fetch(base + "/notes/3.html")
        assert page is not None and "Paper number 3" in page

        # The file watcher starts with the server; give it a moment to be in place.
        time.sleep(1.0)
        before = tree(src)
        text = note.read_text(encoding="utf-8")
        text = text.replace(":title: Paper number 3", ":title: Live edited title")
        text = re.sub(r":tags: .*", ":tags: LiveTag, Transformer", text)
        note.write_text(text, encoding="utf-8")

        wait_for(lambda: output.count(r"Serving on http://") >= 2, REBUILD, "a rebuild", output)
        assert output.count(r"Rebuilding\.\.\.") == 1, output.text()

        page = fetch(base + "/notes/3.html")
        assert page is not None and "Live edited title" in page and "LiveTag" in page
        listing = fetch(base + "/lists.html")
        assert listing is not None and "Live edited title" in listing and "LiveTag" in listing
        tag_page = fetch(base + "/tags/livetag.html")
        assert tag_page is not None and "Live edited title" in tag_page

        time.sleep(QUIET)
        assert output.count(r"Rebuilding\.\.\.") == 1, "rebuilt again: a loop\n" + output.text()
        assert "Traceback" not in output.text()
        after = tree(src)
        changed = {
            name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
        }
        assert changed == {"notes/3.md"}, f"the build wrote into the source folder: {changed}"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
