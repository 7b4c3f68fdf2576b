extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "listings"
exclude_patterns = ["_build"]
papernotes_venue_aliases = {"NIPS": "NeurIPS"}
papernotes_tag_aliases = {"Ex": "X"}
html_baseurl = "https://notes.example.org/"
suppress_warnings = ["papernotes.bibtex"]  # Zeta has no authors or year on purpose
