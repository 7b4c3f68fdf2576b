"""Sphinx configuration of the sphinx-papernotes documentation (the demo site)."""

from __future__ import annotations

import os
import shutil

import sphinx_papernotes

project = "sphinx-papernotes"
author = "sphinx-papernotes developers"
copyright = "2026, sphinx-papernotes developers"  # noqa: A001
version = release = sphinx_papernotes.__version__

extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence", "deflist"]
exclude_patterns = ["_build", "benchmarks"]  # benchmarks/ holds tables included by performance.md

# The site uses the papernotes theme; the suite (and `tox -e docs-furo` etc.)
# also builds it under other themes through this variable.
html_theme = os.environ.get("PAPERNOTES_DOCS_THEME", "papernotes")
html_title = "sphinx-papernotes"
# Read by the PyData theme only (its default, "", makes its script log an error).
html_context = {"default_mode": "auto"}
html_baseurl = "https://sphinx-papernotes.readthedocs.io/en/latest/"

papernotes_venue_aliases = {"NIPS": "NeurIPS"}
papernotes_tag_aliases = {"LLM": "Large Language Model"}
# The page of a tag in Chinese characters gets a readable name (see the slugs section).
papernotes_tag_slugs = {"自然言語処理": "nlp"}

# Pictures (docs/pictures.md): graphs as SVG whose nodes link to their notes,
# and the depth-1 graph on every example note that cites or is cited.
graphviz_output_format = "svg"
papernotes_note_graph = True
# The PDF (`make latexpdf`): some example notes are in Japanese, which pdflatex
# cannot typeset; LuaLaTeX with LuaTeX-ja can (Debian: texlive-luatex and
# texlive-lang-japanese), with the TeX Gyre fonts (tex-gyre) for Latin text.
latex_engine = "lualatex"
latex_elements = {
    "fontpkg": "\\setmainfont{TeX Gyre Termes}\n\\setsansfont{TeX Gyre Heros}\n"
    "\\setmonofont{TeX Gyre Cursor}\n",
    # LuaTeX-ja, with quotes and dashes (its range 2) set as Latin, not Japanese.
    "preamble": "\\usepackage{luatexja}\n\\ltjsetparameter{jacharrange={-2}}\n",
}
latex_use_xindy = False  # makeindex (in texlive-base) rather than the xindy package

# Without Graphviz (a system package: `apt install graphviz`) the graphs are
# shown as lists of references; the docs still build, saying so once.
if shutil.which("dot") is None:
    suppress_warnings = ["papernotes.graph"]
    print("note: Graphviz's dot is not installed; the docs show note graphs as lists")
