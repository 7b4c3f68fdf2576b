"""Quiet builds: what our dependencies would print on every build.

A default build of a project with this extension should print Sphinx's own
progress and nothing else. Two dependencies get in the way:

- sphinx-design appends its static folder to ``html_static_path`` at
  ``builder-inited``, after Sphinx has compared the configuration with the
  one saved by the last build. The saved one has the folder, the fresh one
  not yet, so every incremental build says "The configuration has changed
  (1 option: 'html_static_path')". Adding the folder already at
  ``config-inited`` and dropping sphinx-design's second copy afterwards makes
  both configurations the same.
- MyST-Parser prints its whole parser configuration at ``builder-inited``.
  That line is shown with ``-v`` only.
"""

from __future__ import annotations

import logging

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.logging import NAMESPACE, VERBOSE

# sphinx-design's own name for the folder it adds (read in its extension.py).
from sphinx_design.extension import STATIC_DIR as DESIGN_STATIC_DIR

MYST_LOGGER = f"{NAMESPACE}.myst_parser.sphinx_ext.main"


def add_design_static_path(app: Sphinx, config: Config) -> None:
    if str(DESIGN_STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(DESIGN_STATIC_DIR))


def drop_repeated_static_paths(app: Sphinx) -> None:
    """After sphinx-design's ``builder-inited``: each folder once, first place kept."""
    paths = app.config.html_static_path
    paths[:] = list(dict.fromkeys(paths))


class MystConfigIsVerbose(logging.Filter):
    """Lowers MyST's "myst vX: MdParserConfig(...)" line to the verbose level."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO and "myst v" in str(record.msg):
            record.levelno, record.levelname = VERBOSE, "VERBOSE"
        return True


def setup_quiet(app: Sphinx) -> None:
    app.connect("config-inited", add_design_static_path)
    app.connect("builder-inited", drop_repeated_static_paths, priority=900)
    myst_logger = logging.getLogger(MYST_LOGGER)
    if not any(isinstance(f, MystConfigIsVerbose) for f in myst_logger.filters):
        myst_logger.addFilter(MystConfigIsVerbose())
