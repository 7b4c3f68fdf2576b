"""The ``papernotes_*`` configuration values, their defaults and what they rebuild."""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .addresses import absolute
from .diagnostics import Subtype, warn
from .model.bibkeys import DEFAULT_FORMAT
from .model.links import site_base
from .model.text import shorten
from .model.venue_table import DEFAULT_VENUES, VenueKind


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: str
    types: tuple[type, ...]
    help: str
    # Checks a value of the right type further: the value to use and what was wrong.
    check: Callable[[str, Any], tuple[Any, list[str]]] | None = None


# What the HTML builders write besides the exports: an export of the same
# name would overwrite it, or be overwritten (and ``objects.inv`` read back).
SPHINX_FILES = frozenset(
    {"objects.inv", "searchindex.js", ".buildinfo", "feed.xml", "llms.txt", "llms-full.txt"}
)
SPHINX_FOLDERS = frozenset(
    {"_static", "_sources", "_images", "_downloads", "tags", "venues", "_pagefind", "llms"}
)
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".js", ".inv")


def _string_mapping(name: str, value: Any) -> tuple[Any, list[str]]:
    """Aliases and slugs: string keys to string values; other entries are left out."""
    kept = {key: target for key, target in value.items() if isinstance(key, str)}
    kept = {key: target for key, target in kept.items() if isinstance(target, str)}
    problems = [
        f"{name}[{key!r}] = {target!r}: keys and values must be strings; the entry is ignored"
        for key, target in value.items()
        if key not in kept
    ]
    return kept, problems


def _venue_entries(name: str, value: Any) -> tuple[Any, list[str]]:
    kept = {
        key: entry
        for key, entry in value.items()
        if isinstance(key, str) and _venue_kind(entry) is not None
    }
    problems = [
        f"{name}[{key!r}] must be a dict with 'type' (inproceedings, article or misc) "
        "and a non-empty 'name'; it is ignored"
        for key in value
        if key not in kept
    ]
    return kept, problems


def _key_format(name: str, value: Any) -> tuple[Any, list[str]]:
    fields = dict.fromkeys(("author", "year", "title", "id"), "x")
    try:
        string.Formatter().vformat(value, (), fields)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return DEFAULT_FORMAT, [
            f"{name} = {value!r} is not a pattern of {{author}}, {{year}}, {{title}} and "
            f"{{id}}; the default {DEFAULT_FORMAT!r} is used"
        ]
    return value, []


def _export_name(name: str, value: Any) -> tuple[Any, list[str]]:
    """An export's file name: inside the output folder and clashing with nothing."""
    if value is None or value == "":
        return None, []  # the export is off
    path = PurePosixPath(value.replace("\\", "/"))
    reason = ""
    if not value.strip() or not value.isprintable():
        reason = "must be a file name of printable characters"
    elif path.is_absolute() or ".." in path.parts or value.endswith("/") or ":" in value:
        reason = "must be a file name inside the output folder"
    elif path.suffix.casefold() in PAGE_SUFFIXES or path.name.casefold() in SPHINX_FILES:
        reason = "would overwrite (or be overwritten by) a page or file Sphinx writes"
    elif path.parts[0].casefold() in SPHINX_FOLDERS:
        reason = f"is inside {path.parts[0]}/, which the build writes"
    if reason:
        return None, [f"{name} = {value!r} {reason}; the file is not written"]
    return value, []


SEARCH_BACKENDS = ("sphinx", "pagefind")


def _search_backend(name: str, value: Any) -> tuple[Any, list[str]]:
    if value in SEARCH_BACKENDS:
        return value, []
    return "sphinx", [
        f"{name} = {shorten(repr(value))} is not one of 'sphinx', 'pagefind'; "
        "the built-in search is used"
    ]


def _not_negative(name: str, value: Any) -> tuple[Any, list[str]]:
    default = next(setting.default for setting in SETTINGS if setting.name == name)
    if value >= 0:
        return value, []
    return default, [f"{name} = {value!r} must not be negative; the default {default!r} is used"]


SETTINGS = (
    Setting(
        "papernotes_tag_aliases",
        {},
        "env",
        (dict,),
        "Tag name -> the tag to file it under (exact match), e.g. {'LLM': 'LanguageModel'}.",
        _string_mapping,
    ),
    Setting(
        "papernotes_venue_aliases",
        {},
        "env",
        (dict,),
        "Venue name -> canonical name (case-insensitive; also applied to the first word).",
        _string_mapping,
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
        _export_name,
    ),
    Setting(
        "papernotes_bibtex_file",
        "papernotes.bib",
        "",
        (str, type(None)),
        "File name of the BibTeX export in the HTML output folder; None disables it.",
        _export_name,
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
        _venue_entries,
    ),
    Setting(
        "papernotes_bibkey_format",
        DEFAULT_FORMAT,
        "html",
        (str,),
        "Pattern of generated BibTeX keys: {author}, {year}, {title}, {id}.",
        _key_format,
    ),
    Setting(
        "papernotes_tag_slugs",
        {},
        "html",
        (dict,),
        "Tag name -> the slug of its page (a-z, 0-9, '-'), e.g. {'自然言語処理': 'nlp'}.",
        _string_mapping,
    ),
    Setting(
        "papernotes_venue_slugs",
        {},
        "html",
        (dict,),
        "Venue name -> the slug of its page (a-z, 0-9, '-'), e.g. {'言語処理学会': 'anlp'}.",
        _string_mapping,
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
        _search_backend,
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
        _not_negative,
    ),
    Setting(
        "papernotes_note_graph",
        False,
        "env",
        (bool,),
        "Add the graph of its references and backlinks (depth 1) to every note that has any.",
    ),
    Setting(
        "papernotes_latex_bibtex",
        False,
        "",
        (bool,),
        "Print each note's BibTeX block in LaTeX output too.",
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

    Malformed entries were reported and left out by :func:`check_config`.
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
    """Read every ``papernotes_*`` value once, before anything uses it.

    A value of the wrong type is a warning naming the option and the type it
    takes, and the default is used; a setting's own check then tidies a value
    of the right type. Later code can trust what it reads. Runs before Sphinx's
    own type check (priority 800), which so sees only good values.
    """
    for setting in SETTINGS:
        value = get(config, setting.name)
        if not _has_type(value, setting.types):
            warn(
                Subtype.CONFIG,
                f"{setting.name} must be {_type_names(setting.types)}, not "
                f"{type(value).__name__} ({shorten(repr(value))}); the default "
                f"{setting.default!r} is used",
            )
            value = setting.default
        elif setting.check is not None:
            value, problems = setting.check(setting.name, value)
            for problem in problems:
                warn(Subtype.CONFIG, problem)
        setattr(config, setting.name, value)
    json_name = get(config, "papernotes_json_file")
    bib_name = get(config, "papernotes_bibtex_file")
    if json_name and bib_name and json_name.casefold() == bib_name.casefold():
        warn(
            Subtype.CONFIG,
            f"papernotes_bibtex_file = {bib_name!r} is also papernotes_json_file; "
            "the BibTeX file is not written",
        )
        config.papernotes_bibtex_file = None
    base_url = config.html_baseurl
    if base_url and site_base(base_url) is None:
        warn(
            Subtype.CONFIG,
            f"html_baseurl = {shorten(repr(base_url))} is not an absolute http(s) URL; "
            "feed.xml is not written and the JSON and BibTeX exports give no absolute "
            "addresses",
        )


def _has_type(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False  # True is an int to Python, not to a user
    return isinstance(value, types)


_TYPE_NAMES = {
    dict: "a dict",
    bool: "True or False",
    int: "an integer",
    str: "a string",
    list: "a list",
    float: "a number",
    type(None): "None",
}


def _type_names(types: tuple[type, ...]) -> str:
    return " or ".join(_TYPE_NAMES.get(kind, kind.__name__) for kind in types)


def get(config: Config, name: str) -> Any:
    """A typed accessor, so modules do not sprinkle ``getattr`` on config."""
    return getattr(config, name)


def bibtex_page_url(cfg: Config, address: str | None) -> str | None:
    """The note page's absolute address for its BibTeX entry, unless turned off."""
    if address is None or not get(cfg, "papernotes_bibtex_note_link"):
        return None
    return absolute(cfg, address)
