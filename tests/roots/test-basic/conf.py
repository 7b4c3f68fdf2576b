extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "basic"
exclude_patterns = ["_build"]
