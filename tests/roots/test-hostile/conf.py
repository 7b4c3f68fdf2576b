extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "hostile"
html_baseurl = "https://hostile.example.org/"
exclude_patterns = ["_build", "parts"]
