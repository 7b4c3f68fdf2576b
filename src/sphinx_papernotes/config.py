"""The ``papernotes_*`` configuration values, their defaults and what they rebuild."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .model.bibkeys import DEFAULT_FORMAT


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: str
    types: tuple[type, ...]
    help: str


SETTINGS = (
    Setting(
        "papernotes_tag_aliases",
        {},
        "env",
        (dict,),
        "Tag name -> the tag to file it under (exact match), e.g. {'LLM': 'LanguageModel'}.",
    ),
    Setting(
        "papernotes_venue_aliases",
        {},
        "env",
        (dict,),
        "Venue name -> canonical name (case-insensitive; also applied to the first word).",
    ),
    Setting(
        "papernotes_tag_pages",
        True,
        "html",
        (bool,),
        "Write tags/index and one page per tag (html and dirhtml builders).",
    ),
    Setting(
        "papernotes_venue_pages",
        True,
        "html",
        (bool,),
        "Write venues/index and one page per venue (html and dirhtml builders).",
    ),
    Setting(
        "papernotes_feed_length",
        30,
        "",
        (int,),
        "Number of most recent notes (by date) in feed.xml.",
    ),
    Setting(
        "papernotes_orphan_notes",
        True,
        "env",
        (bool,),
        "Pages holding notes need not be in a toctree (no 'not included' warning).",
    ),
    Setting(
        "papernotes_json_file",
        "papernotes.json",
        "",
        (str, type(None)),
        "File name of the JSON export in the HTML output folder; None disables it.",
    ),
    Setting(
        "papernotes_bibkey_format",
        DEFAULT_FORMAT,
        "html",
        (str,),
        "Pattern of generated BibTeX keys: {author}, {year}, {title}, {id}.",
    ),
)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,  # type: ignore[arg-type]
            types=setting.types,
            description=setting.help,
        )


def get(config: Config, name: str) -> Any:
    """A typed accessor, so modules do not sprinkle ``getattr`` on config."""
    return getattr(config, name)
