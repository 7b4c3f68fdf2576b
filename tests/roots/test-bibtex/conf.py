extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "bibtex"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://notes.example.org/"
suppress_warnings = ["papernotes.field"]
