extensions = ["sphinx_papernotes"]
project = "rst"
exclude_patterns = ["_build"]
