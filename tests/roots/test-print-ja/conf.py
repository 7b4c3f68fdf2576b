extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "論文メモ"
language = "ja"
latex_documents = [("index", "ronbun.tex", "論文メモ", "テスター", "manual")]
exclude_patterns = ["_build"]
version = "1.0"
copyright = "2026, Tester"
