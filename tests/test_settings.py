"""The typed settings: one frozen object per build, read from the checked values."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sphinx_papernotes.config import SETTINGS
from sphinx_papernotes.settings import Settings, settings

from .helpers import MakeApp, build, warnings_of

NOTE = """\
# Notes

:::{paper-note} 7
:title: A note under odd settings
:venue: MyConf 2024
:date: 2024-05-01
:::
"""


def test_settings_hold_the_checked_values_and_the_venue_table(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinx_papernotes']\n"
        "myst_enable_extensions = ['colon_fence']\n"
        "papernotes_feed_length = 'ten'\n"
        "papernotes_tag_pages = False\n"
        "papernotes_bibtex_venues = {'MyConf': {'type': 'article', 'name': 'My Journal'}}\n",
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text(NOTE, encoding="utf-8")
    app = build(make_app, srcdir)
    assert "papernotes_feed_length must be an integer" in warnings_of(app)
    chosen = settings(app.config)
    assert chosen is settings(app.config)  # built once, at config-inited
    assert chosen.feed_length == 30  # the wrong type gave way to the default
    assert chosen.tag_pages is False
    assert chosen.venue_table["MyConf"].full_name == "My Journal"
    with pytest.raises(dataclasses.FrozenInstanceError):
        chosen.tag_pages = True  # type: ignore[misc]
    bib = (Path(app.outdir) / "papernotes.bib").read_text(encoding="utf-8")
    assert "My Journal" in bib


def test_every_setting_is_a_field() -> None:
    fields = {field.name for field in dataclasses.fields(Settings)}
    assert {setting.name.removeprefix("papernotes_") for setting in SETTINGS} <= fields


def test_values_are_read_as_attributes_outside_the_declaring_modules() -> None:
    """Only config.py (which declares), settings.py (which reads once) and the
    export signature (which digests every declared value) read values by name."""
    src = Path(__file__).parents[1] / "src" / "sphinx_papernotes"
    allowed = {"config.py", "settings.py", "export_files.py"}
    by_name = [
        str(path.relative_to(src))
        for path in sorted(src.rglob("*.py"))
        if path.name not in allowed and "config.get(" in path.read_text(encoding="utf-8")
    ]
    assert by_name == []
