"""The ``papernotes_*`` values as one typed, frozen object, built once per build.

:mod:`.config` declares the values and checks them at ``config-inited`` (a
wrong type is a warning naming the option, and the default is used). Right
after, :func:`build_settings` reads the checked values into
:class:`Settings`, with the venue table worked out once instead of once per
note. Code reads ``settings(config).tag_pages``, with a type, instead of a
value by its name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import config as declared
from .model.venue_table import VenueKind

# Not pickled with the configuration (Sphinx leaves out names starting with
# "_"), so a build never reads the settings of another.
ATTRIBUTE = "_papernotes_settings"
# After config.check_config (default priority), before Sphinx's type check (800).
AFTER_CHECKS = 600


@dataclass(frozen=True)
class Settings:
    """Every ``papernotes_<name>`` value, as ``<name>``; see docs/reference/configuration.md."""

    tag_aliases: Mapping[str, str]
    venue_aliases: Mapping[str, str]
    tag_pages: bool
    venue_pages: bool
    feed_length: int
    orphan_notes: bool
    json_file: str | None
    bibtex_file: str | None
    bibtex_ascii: bool
    bibtex_venues: Mapping[str, Any]
    bibkey_format: str
    tag_slugs: Mapping[str, str]
    venue_slugs: Mapping[str, str]
    bibtex_note_link: bool
    search: str
    llms: bool
    collections: Mapping[str, Any]
    collections_cache_days: float
    note_graph: bool
    latex_bibtex: bool
    # The built-in venue table with papernotes_bibtex_venues on top.
    venue_table: Mapping[str, VenueKind]


def _read(cfg: Config) -> Settings:
    def value(name: str) -> Any:
        return declared.get(cfg, f"papernotes_{name}")

    return Settings(
        tag_aliases=value("tag_aliases"),
        venue_aliases=value("venue_aliases"),
        tag_pages=bool(value("tag_pages")),
        venue_pages=bool(value("venue_pages")),
        feed_length=int(value("feed_length")),
        orphan_notes=bool(value("orphan_notes")),
        json_file=value("json_file"),
        bibtex_file=value("bibtex_file"),
        bibtex_ascii=bool(value("bibtex_ascii")),
        bibtex_venues=value("bibtex_venues"),
        bibkey_format=str(value("bibkey_format")),
        tag_slugs=value("tag_slugs"),
        venue_slugs=value("venue_slugs"),
        bibtex_note_link=bool(value("bibtex_note_link")),
        search=str(value("search")),
        llms=bool(value("llms")),
        collections=value("collections"),
        collections_cache_days=value("collections_cache_days"),
        note_graph=bool(value("note_graph")),
        latex_bibtex=bool(value("latex_bibtex")),
        venue_table=declared.venue_table(cfg),
    )


def build_settings(app: Sphinx, cfg: Config) -> None:
    """``config-inited``: the checked values, read once for the whole build."""
    setattr(cfg, ATTRIBUTE, _read(cfg))


def settings(cfg: Config) -> Settings:
    """This build's settings (read now if ``config-inited`` has not run)."""
    found = cfg.__dict__.get(ATTRIBUTE)
    if not isinstance(found, Settings):
        found = _read(cfg)
        setattr(cfg, ATTRIBUTE, found)
    return found


def setup_settings(app: Sphinx) -> None:
    app.connect("config-inited", build_settings, priority=AFTER_CHECKS)
