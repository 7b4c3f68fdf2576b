"""The message catalogues: every label is translated, the .mo files are compiled.

Run this file as a script to compile every ``.po`` into its ``.mo``:
``python tests/test_translation.py``.
"""

from __future__ import annotations

import gettext
import io
import re
import sys
from pathlib import Path

import pytest
from babel.messages import mofile, pofile

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "sphinx_papernotes"
LOCALE = PACKAGE / "locale"
THEME = PACKAGE / "theme" / "papernotes"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/sphinx_papernotes.po"))

_STRING = r"""\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)"""
# ``_("...")`` in Python (not ``obj._("...")`` or ``foo_("...")``), ``pn_('...')`` in templates.
PY_CALL = re.compile(r"(?<![\w.])_" + _STRING)
TEMPLATE_CALL = re.compile(r"(?<![\w.])pn_" + _STRING)


def compile_catalogue(po_path: Path) -> bytes:
    """The ``.mo`` that babel (a dependency of Sphinx) compiles from ``po_path``."""
    with po_path.open("rb") as handle:
        catalogue = pofile.read_po(handle, locale=po_path.parent.parent.name)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


def messages(mo: bytes) -> dict[object, str]:
    """The translations of a compiled catalogue, without its header."""
    table = gettext.GNUTranslations(io.BytesIO(mo))._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in table.items() if key != ""}


def labels_in_code() -> dict[str, str]:
    """Every label the package and the theme templates pass to a translation call."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for match in PY_CALL.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1) or match.group(2), str(path.relative_to(PACKAGE)))
    for path in sorted(THEME.rglob("*.html")):
        for match in TEMPLATE_CALL.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1) or match.group(2), str(path.relative_to(PACKAGE)))
    return found


def test_there_is_a_japanese_catalogue() -> None:
    assert LOCALE / "ja" / "LC_MESSAGES" / "sphinx_papernotes.po" in CATALOGUES


def test_labels_are_found_in_code() -> None:
    labels = labels_in_code()
    # the extension's, the theme's Python and the theme's templates
    assert {"Referenced by:", "Recent notes", "Skip to content", "Copy"} <= set(labels)


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_committed_mo_matches_the_po(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.is_file(), f"compile it: python {Path(__file__).name}"
    assert messages(mo_path.read_bytes()) == messages(compile_catalogue(po_path)), (
        f"{mo_path} is out of date: python tests/{Path(__file__).name}"
    )


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_every_label_is_translated(po_path: Path) -> None:
    with po_path.open("rb") as handle:
        catalogue = pofile.read_po(handle)
    translated = {message.id for message in catalogue if message.id and message.string}
    missing = {
        label: where for label, where in labels_in_code().items() if label not in translated
    }
    assert missing == {}, f"add these labels to {po_path.name}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_placeholders_survive_translation(po_path: Path) -> None:
    with po_path.open("rb") as handle:
        catalogue = pofile.read_po(handle)
    placeholder = re.compile(r"%(?:\(\w+\))?s")
    for message in catalogue:
        if message.id and message.string:
            assert sorted(placeholder.findall(str(message.id))) == sorted(
                placeholder.findall(str(message.string))
            ), message.id


def main() -> None:
    for po_path in CATALOGUES:
        mo_path = po_path.with_suffix(".mo")
        mo_path.write_bytes(compile_catalogue(po_path))
        print(f"wrote {mo_path}")


if __name__ == "__main__":
    sys.exit(main())
