# One note whose tags land on every chip hue (pn-hue-0 .. pn-hue-11), so the
# browser tests see each colour, with and without a count, in both schemes.
extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "Every tag colour"
exclude_patterns = ["_build"]
html_theme = "papernotes"
