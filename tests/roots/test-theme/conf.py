extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "Theme notes"
exclude_patterns = ["_build"]
html_theme = "papernotes"
html_baseurl = "https://notes.example.org/"
