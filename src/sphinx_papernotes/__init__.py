"""A Sphinx extension and theme for paper notes: tags, venues, backlinks, BibTeX."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the command line and the model need no Sphinx at import time
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register every feature; each module owns its own ``setup_*``."""
    from .bibtex_builder import setup_bibtex_builder
    from .chart import setup_chart
    from .checks import setup_checks
    from .comments import setup_comments
    from .config import setup_config
    from .domain import setup_domain
    from .export_files import setup_exports
    from .freshness import setup_freshness
    from .from_bib import setup_from_bib
    from .graph import setup_graph
    from .listings import setup_listings
    from .llms_files import setup_llms
    from .nodes import setup_nodes
    from .note_bibtex import setup_note_bibtex
    from .note_directive import setup_note_directive
    from .orphan_pages import setup_orphan_pages
    from .other_collections import setup_collections
    from .pagefind_index import setup_pagefind
    from .pages import setup_pages
    from .quiet import setup_quiet
    from .search_filters import setup_search_filters
    from .search_index import setup_search_index
    from .settings import setup_settings
    from .settle_notes import setup_settle_notes
    from .static import setup_static
    from .translation import setup_translation

    # Features in the order of the build events they mainly handle (see
    # docs/design.md). Handlers of one event run in the order registered here.
    app.setup_extension("sphinx_design")  # the badges, cards and grids notes are drawn with
    # config-inited
    setup_config(app)  # checks every papernotes_* value once, naming the option
    setup_settings(app)  # ...then reads them into one typed, frozen object
    setup_static(app)  # the extension's stylesheet, under any theme
    setup_quiet(app)  # silences what dependencies print on every build
    # builder-inited
    setup_translation(app)  # message catalog, and the labels the page script shows
    setup_from_bib(app)  # finds the project's .bib files for :from-bib:
    setup_collections(app)  # loads other collections; resolves and refreshes their notes
    setup_pagefind(app)  # hooks Pagefind in when this build uses it
    # env-get-outdated, env-before-read-docs, env-get-updated: around reading
    setup_freshness(app)  # which already-read pages show changed data
    # reading: directives, roles and doctree-read
    setup_domain(app)  # per-document records, the {note} {tag} {venue} roles
    setup_nodes(app)  # the note's nodes and the writers that draw them
    setup_note_directive(app)  # paper-note
    setup_listings(app)  # tag-index, venue-list, note-list (filled at doctree-resolved)
    setup_settle_notes(app)  # doctree-read: titles, summaries, references
    setup_orphan_pages(app)  # doctree-read: pages of notes need no toctree entry
    setup_comments(app)  # doctree-read: each note's body as Markdown
    setup_graph(app)  # note-graph (filled at doctree-resolved), graphs on note pages
    setup_chart(app)  # note-chart (filled at doctree-resolved)
    # env-check-consistency
    setup_checks(app)  # duplicate ids and BibTeX keys across the project
    # writing: pages and their context
    setup_note_bibtex(app)  # the copy button of each note's BibTeX block
    setup_pages(app)  # tag and venue pages (html-collect-pages); their slugs checked
    setup_search_index(app)  # one built-in search result per note
    # build-finished
    setup_exports(app)  # papernotes.json, papernotes.bib, feed.xml (and the feed link)
    setup_bibtex_builder(app)  # -b bibtex: only papernotes.bib
    setup_llms(app)  # llms.txt, llms-full.txt, llms/tags/*.md
    setup_search_filters(app)  # the filter values of both searches
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
