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
    from .collector import setup_collector
    from .comments import setup_comments
    from .config import setup_config
    from .domain import setup_domain
    from .export_files import setup_exports
    from .freshness import setup_freshness
    from .from_bib import setup_from_bib
    from .graph import setup_graph
    from .listings import setup_listings
    from .llms_files import setup_llms
    from .navigation import setup_navigation
    from .nodes import setup_nodes
    from .note_bibtex import setup_note_bibtex
    from .note_directive import setup_note_directive
    from .other_collections import setup_collections
    from .pagefind_index import setup_pagefind
    from .pages import setup_pages
    from .quiet import setup_quiet
    from .search_filters import setup_search_filters
    from .search_index import setup_search_index
    from .static import setup_static
    from .translation import setup_translation

    app.setup_extension("sphinx_design")
    setup_config(app)
    setup_translation(app)
    setup_domain(app)
    setup_nodes(app)
    setup_note_directive(app)
    setup_collector(app)
    setup_from_bib(app)
    setup_freshness(app)
    setup_note_bibtex(app)
    setup_listings(app)
    setup_navigation(app)
    setup_checks(app)
    setup_exports(app)
    setup_bibtex_builder(app)
    setup_pages(app)
    setup_static(app)
    setup_quiet(app)
    setup_search_index(app)
    setup_pagefind(app)
    setup_comments(app)
    setup_llms(app)
    setup_collections(app)
    setup_graph(app)
    setup_chart(app)
    setup_search_filters(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
