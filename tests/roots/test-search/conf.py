extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "検索のテスト"
language = "ja"
exclude_patterns = ["_build"]
html_theme = "papernotes"
