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
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.logging import NAMESPACE, VERBOSE

MYST_LOGGER = f"{NAMESPACE}.myst_parser.sphinx_ext.main"


def design_static_dir(app: Sphinx) -> str:
    """The folder sphinx-design adds, as it writes it (read in its extension.py):
    its package's ``static`` folder, or in older versions one it makes in the output."""
    from sphinx_design import extension

    folder = getattr(extension, "STATIC_DIR", None)
    if folder is None:
        folder = (Path(app.outdir) / "_sphinx_design_static").absolute()
    return str(folder)


def add_design_static_path(app: Sphinx, config: Config) -> None:
    folder = design_static_dir(app)
    if folder not in config.html_static_path:
        config.html_static_path.append(folder)


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
