"""Every ``papernotes_*`` value is read once, checked, and a bad one never crashes a build.

A value of the wrong type is a ``papernotes.config`` warning naming the option
and the type it takes, and the default is used; export names that would
overwrite other output, and a base URL that is not absolute http(s), are refused.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_papernotes.config import SETTINGS
from sphinx_papernotes.model.links import site_base

from .helpers import MakeApp, build, warnings_of

NOTE = """\
# Notes

:::{paper-note} 7
:title: A note that must survive any configuration
:authors: Ada Lovelace
:venue: ICLR 2024
:tags: LLM, Vision
:date: 2024-05-01
:arxiv: 2411.19722
:summary: Short.
:::
"""

# Each case: conf.py lines, and (option, fragment of the warning) expected.
CASES = {
    "mappings-as-lists-and-strings": (
        [
            "papernotes_tag_aliases = ['LLM']",
            "papernotes_venue_aliases = 'ICLR'",
            'papernotes_feed_length = "10"',
            "papernotes_json_file = 3",
            "papernotes_bibtex_file = True",
            "papernotes_bibtex_venues = None",
            "papernotes_bibkey_format = None",
            'papernotes_tag_pages = "yes"',
        ],
        [
            ("papernotes_tag_aliases", "must be a dict, not list"),
            ("papernotes_venue_aliases", "must be a dict, not str"),
            ("papernotes_feed_length", "must be an integer, not str"),
            ("papernotes_json_file", "must be a string or None, not int"),
            ("papernotes_bibtex_file", "must be a string or None, not bool"),
            ("papernotes_bibtex_venues", "must be a dict, not NoneType"),
            ("papernotes_bibkey_format", "must be a string, not NoneType"),
            ("papernotes_tag_pages", "must be True or False, not str"),
        ],
    ),
    "none-numbers-and-bad-entries": (
        [
            "papernotes_tag_aliases = None",
            "papernotes_venue_aliases = {1: 'x', 'NIPS': 2, 'ICLR 2024': 'ICLR'}",
            "papernotes_feed_length = True",
            "papernotes_json_file = 'data\\x00.json'",
            "papernotes_bibtex_file = ['a.bib']",
            "papernotes_bibtex_venues = []",
            "papernotes_bibkey_format = 3",
        ],
        [
            ("papernotes_tag_aliases", "must be a dict, not NoneType"),
            ("papernotes_venue_aliases[1]", "keys and values must be strings"),
            ("papernotes_venue_aliases['NIPS']", "keys and values must be strings"),
            ("papernotes_feed_length", "must be an integer, not bool"),
            ("papernotes_json_file", "must be a file name of printable characters"),
            ("papernotes_bibtex_file", "must be a string or None, not list"),
            ("papernotes_bibtex_venues", "must be a dict, not list"),
            ("papernotes_bibkey_format", "must be a string, not int"),
        ],
    ),
    "numbers-and-broken-patterns": (
        [
            "papernotes_tag_aliases = 5",
            "papernotes_venue_aliases = ['NIPS']",
            "papernotes_bibtex_venues = {'ICLR': 'a string', 3: {'type': 'misc'}}",
            "papernotes_bibkey_format = '{author'",
            "papernotes_json_file = 'objects.inv'",
        ],
        [
            ("papernotes_tag_aliases", "must be a dict, not int"),
            ("papernotes_venue_aliases", "must be a dict, not list"),
            ("papernotes_bibtex_venues['ICLR']", "must be a dict with 'type'"),
            ("papernotes_bibtex_venues[3]", "must be a dict with 'type'"),
            ("papernotes_bibkey_format", "is not a pattern of {author}"),
            ("papernotes_json_file", "would overwrite (or be overwritten by)"),
        ],
    ),
    "aliases-with-non-string-values": (
        ["papernotes_tag_aliases = {'LLM': 3, 'Vision': None, 4: 'x'}"],
        [
            ("papernotes_tag_aliases['LLM']", "keys and values must be strings"),
            ("papernotes_tag_aliases['Vision']", "keys and values must be strings"),
            ("papernotes_tag_aliases[4]", "keys and values must be strings"),
        ],
    ),
    "slugs-with-non-string-entries": (
        [
            "papernotes_tag_slugs = {3: 'c', 'A': 'x', 'LLM': None}",
            "papernotes_venue_slugs = {'ICLR': 5, 7: 'x'}",
        ],
        [
            ("papernotes_tag_slugs[3]", "keys and values must be strings"),
            ("papernotes_tag_slugs['LLM']", "keys and values must be strings"),
            ("papernotes_venue_slugs['ICLR']", "keys and values must be strings"),
            ("papernotes_venue_slugs[7]", "keys and values must be strings"),
        ],
    ),
}


def write_project(root: Path, lines: list[str]) -> Path:
    root.mkdir()
    conf = [
        'extensions = ["myst_parser", "sphinx_papernotes"]',
        'myst_enable_extensions = ["colon_fence"]',
        'html_baseurl = "https://notes.example.org/"',
        *lines,
    ]
    (root / "conf.py").write_text("\n".join(conf) + "\n", encoding="utf-8")
    (root / "index.md").write_text(NOTE, encoding="utf-8")
    return root


@pytest.mark.parametrize("case", list(CASES))
def test_wrong_values_warn_by_name_and_the_note_is_built(
    make_app: MakeApp, tmp_path: Path, case: str
) -> None:
    lines, expected = CASES[case]
    app = build(make_app, write_project(tmp_path / "src", lines))
    warnings = warnings_of(app)
    assert "Traceback" not in warnings and "Exception" not in warnings, warnings
    for option, fragment in expected:
        pattern = (
            rf"WARNING: {re.escape(option)}(?=[\s\[]).*{re.escape(fragment)}"
            r".*\[papernotes\.config\]"
        )
        assert re.search(pattern, warnings), (option, warnings)
    # Only our warning: Sphinx's own type check sees the default, not the bad value.
    assert "has type" not in warnings, warnings
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "A note that must survive any configuration" in page
    assert 'id="note-7"' in page


def test_wrong_types_fall_back_to_the_defaults(make_app: MakeApp, tmp_path: Path) -> None:
    lines, _ = CASES["mappings-as-lists-and-strings"]
    app = build(make_app, write_project(tmp_path / "src", lines))
    outdir = Path(app.outdir)
    # papernotes_json_file = 3 and papernotes_bibtex_file = True: the default names.
    assert "A note that must survive" in (outdir / "papernotes.json").read_text(encoding="utf-8")
    assert "@inproceedings{" in (outdir / "papernotes.bib").read_text(encoding="utf-8")
    # papernotes_feed_length = "10": the default length, so the feed is written.
    assert "<entry>" in (outdir / "feed.xml").read_text(encoding="utf-8")
    # papernotes_tag_pages = "yes": the default (True).
    assert (outdir / "tags" / "index.html").is_file()
    for setting in SETTINGS:
        assert app.config[setting.name] == setting.default


def test_aliases_keep_their_good_entries(make_app: MakeApp, tmp_path: Path) -> None:
    lines, _ = CASES["none-numbers-and-bad-entries"]
    app = build(make_app, write_project(tmp_path / "src", lines))
    assert app.config.papernotes_venue_aliases == {"ICLR 2024": "ICLR"}
    # The export name with a NUL byte is refused: no JSON, but the rest is written.
    assert not list(Path(app.outdir).glob("data*"))
    assert (Path(app.outdir) / "papernotes.bib").is_file()


CLASHES = [
    ("papernotes_json_file", "index.html"),
    ("papernotes_json_file", "searchindex.js"),
    ("papernotes_json_file", "objects.inv"),
    ("papernotes_json_file", "_static/papernotes.json"),
    ("papernotes_json_file", "../outside.json"),
    ("papernotes_json_file", "/tmp/absolute.json"),
    ("papernotes_bibtex_file", "tags/index.html"),
    ("papernotes_bibtex_file", "venues/all.bib"),
    ("papernotes_bibtex_file", "feed.xml"),
    ("papernotes_bibtex_file", "Genindex.HTML"),
    ("papernotes_json_file", "llms.txt"),
    ("papernotes_bibtex_file", "LLMS-full.txt"),
    ("papernotes_json_file", "llms"),
    ("papernotes_bibtex_file", "llms/tags/x.md"),
]


def test_export_names_that_clash_with_other_output_are_refused(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """Sphinx's own files are left as Sphinx wrote them, and each clash is named."""
    for number, (option, name) in enumerate(CLASHES):
        root = write_project(tmp_path / f"src{number}", [f"{option} = {name!r}"])
        app = build(make_app, root)
        warnings = warnings_of(app)
        assert re.search(
            rf"WARNING: {option} = {re.escape(repr(name))} .*the file is not written"
            r".*\[papernotes\.config\]",
            warnings,
        ), (name, warnings)
        assert "Traceback" not in warnings
        outdir = Path(app.outdir)
        index = (outdir / "index.html").read_text(encoding="utf-8")
        assert index.lstrip().lower().startswith("<!doctype html>")
        assert (outdir / "searchindex.js").read_text(encoding="utf-8").startswith("Search.")
        assert (outdir / "objects.inv").read_bytes().startswith(b"# Sphinx inventory")
        for llms in ("llms.txt", "llms-full.txt"):
            assert (outdir / llms).read_text(encoding="utf-8").startswith("# "), llms
        assert not (tmp_path / "outside.json").exists()
        assert not Path("/tmp/absolute.json").exists()


def test_the_bibtex_file_may_not_share_the_json_files_name(
    make_app: MakeApp, tmp_path: Path
) -> None:
    root = write_project(tmp_path / "src", ["papernotes_bibtex_file = 'papernotes.json'"])
    app = build(make_app, root)
    assert "papernotes_bibtex_file = 'papernotes.json' is also papernotes_json_file" in (
        warnings_of(app)
    )
    data = (Path(app.outdir) / "papernotes.json").read_text(encoding="utf-8")
    assert data.startswith('{"schema"')


def test_search_and_cache_days_are_checked_with_the_others(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """At config-inited, for every builder (here: text, which has no search)."""
    lines = ["papernotes_search = 'lunr'", "papernotes_collections_cache_days = -1"]
    app = build(make_app, write_project(tmp_path / "src", lines), "text")
    warnings = warnings_of(app)
    assert (
        "papernotes_search = 'lunr' is not one of 'sphinx', 'pagefind'; the built-in search "
        "is used [papernotes.config]"
    ) in warnings
    assert (
        "papernotes_collections_cache_days = -1 must not be negative; the default 7 is used"
    ) in warnings
    assert app.config.papernotes_search == "sphinx"
    assert app.config.papernotes_collections_cache_days == 7


def test_an_empty_export_name_turns_the_export_off(make_app: MakeApp, tmp_path: Path) -> None:
    lines = ["papernotes_json_file = ''", "papernotes_bibtex_file = ''"]
    app = build(make_app, write_project(tmp_path / "src", lines))
    assert warnings_of(app) == ""
    outdir = Path(app.outdir)
    assert not (outdir / "papernotes.json").exists() and not (outdir / "papernotes.bib").exists()
    assert (outdir / "llms.txt").is_file()


BAD_BASES = ["javascript:alert(1)//", "file:///etc/", "//ex.org/", "https://", "ftp://ex.org/"]


@pytest.mark.parametrize("base", BAD_BASES)
def test_site_base_takes_only_absolute_http_urls(base: str) -> None:
    assert site_base(base) is None


def test_site_base_adds_one_slash() -> None:
    assert site_base("https://ex.org/notes") == "https://ex.org/notes/"
    assert site_base("http://ex.org/notes//") == "http://ex.org/notes/"


def test_a_bad_base_url_reaches_no_export(make_app: MakeApp, tmp_path: Path) -> None:
    """One check for every export: feed, .bib, the page's BibTeX block and the JSON."""
    for number, base in enumerate(BAD_BASES[:3]):
        root = write_project(tmp_path / f"src{number}", [f"html_baseurl = {base!r}"])
        app = build(make_app, root)
        warnings = warnings_of(app)
        assert f"html_baseurl = {base!r} is not an absolute http(s) URL" in warnings, warnings
        outdir = Path(app.outdir)
        assert not (outdir / "feed.xml").exists()
        exports = "\n".join(
            (outdir / name).read_text(encoding="utf-8")
            for name in ("papernotes.bib", "papernotes.json")
        )
        assert base not in exports
        # The page's BibTeX block (Sphinx's own canonical link is not ours).
        page = (outdir / "index.html").read_text(encoding="utf-8")
        assert f"url = {{{base}" not in page and "Paper note: " + base not in page
