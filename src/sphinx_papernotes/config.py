"""The ``papernotes_*`` configuration values, their defaults and what they rebuild."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .addresses import absolute
from .diagnostics import Subtype, warn
from .model.bibkeys import DEFAULT_FORMAT
from .model.venue_table import DEFAULT_VENUES, VenueKind


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
        "papernotes_bibtex_file",
        "papernotes.bib",
        "",
        (str, type(None)),
        "File name of the BibTeX export in the HTML output folder; None disables it.",
    ),
    Setting(
        "papernotes_bibtex_ascii",
        False,
        "html",
        (bool,),
        "Write the BibTeX export in ASCII with LaTeX accents (for 8-bit BibTeX).",
    ),
    Setting(
        "papernotes_bibtex_venues",
        {},
        "html",
        (dict,),
        "Venue name -> {'type': 'inproceedings'|'article'|'misc', 'name': full name}.",
    ),
    Setting(
        "papernotes_bibkey_format",
        DEFAULT_FORMAT,
        "html",
        (str,),
        "Pattern of generated BibTeX keys: {author}, {year}, {title}, {id}.",
    ),
    Setting(
        "papernotes_tag_slugs",
        {},
        "html",
        (dict,),
        "Tag name -> the slug of its page (a-z, 0-9, '-'), e.g. {'自然言語処理': 'nlp'}.",
    ),
    Setting(
        "papernotes_venue_slugs",
        {},
        "html",
        (dict,),
        "Venue name -> the slug of its page (a-z, 0-9, '-'), e.g. {'言語処理学会': 'anlp'}.",
    ),
    Setting(
        "papernotes_bibtex_note_link",
        True,
        "html",
        (bool,),
        "Link each BibTeX entry to its note's page (url, or note = Paper note: \\url{...}).",
    ),
    Setting(
        "papernotes_search",
        "sphinx",
        "html",
        (str,),
        "Search backend of HTML builds: 'sphinx' (built-in) or 'pagefind' (the pagefind extra).",
    ),
    Setting(
        "papernotes_llms",
        True,
        "",
        (bool,),
        "Write llms.txt, llms-full.txt and llms/tags/<slug>.md (HTML builders).",
    ),
    Setting(
        "papernotes_collections",
        {},
        "env",
        (dict,),
        "Name -> URL or local path of another site built with sphinx-papernotes.",
    ),
    Setting(
        "papernotes_collections_cache_days",
        7,
        "",
        (int, float),
        "How long a collection fetched from a URL is kept before it is fetched again.",
    ),
    Setting(
        "papernotes_note_graph",
        False,
        "env",
        (bool,),
        "Add the graph of its references and backlinks (depth 1) to every note that has any.",
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
    app.connect("config-inited", check_config)


def venue_table(config: Config) -> dict[str, VenueKind]:
    """The built-in venue table with ``papernotes_bibtex_venues`` on top.

    Malformed entries are skipped here and reported by :func:`check_config`.
    """
    table = dict(DEFAULT_VENUES)
    for name, value in get(config, "papernotes_bibtex_venues").items():
        kind = _venue_kind(value)
        if kind is not None:
            # The user's spelling replaces a built-in one that differs only in case.
            for builtin in [key for key in table if key.casefold() == str(name).casefold()]:
                del table[builtin]
            table[str(name)] = kind
    return table


def _venue_kind(value: Any) -> VenueKind | None:
    if not isinstance(value, dict):
        return None
    entry_type = value.get("type", "inproceedings")
    full_name = value.get("name", "")
    if entry_type not in ("inproceedings", "article", "misc") or not isinstance(full_name, str):
        return None
    if entry_type != "misc" and not full_name.strip():
        return None  # a booktitle or journal must be named
    return VenueKind(entry_type, full_name)


def check_config(app: Sphinx, config: Config) -> None:
    """Warn once about ``papernotes_bibtex_venues`` entries that cannot be used."""
    for name, value in get(config, "papernotes_bibtex_venues").items():
        if _venue_kind(value) is None:
            warn(
                Subtype.CONFIG,
                f"papernotes_bibtex_venues[{name!r}] must be a dict with 'type' "
                "(inproceedings, article or misc) and a non-empty 'name'; it is ignored",
            )


def get(config: Config, name: str) -> Any:
    """A typed accessor, so modules do not sprinkle ``getattr`` on config."""
    return getattr(config, name)


def bibtex_page_url(cfg: Config, address: str | None) -> str | None:
    """The note page's absolute address for its BibTeX entry, unless turned off."""
    if address is None or not get(cfg, "papernotes_bibtex_note_link"):
        return None
    return absolute(cfg, address)
