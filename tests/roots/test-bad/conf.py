extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "bad"
exclude_patterns = ["_build"]
# These notes are about bad fields, not about citations; it also shows that
# one warning subtype can be silenced.
suppress_warnings = ["papernotes.bibtex"]
