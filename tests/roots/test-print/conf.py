extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "Print handbook"
latex_documents = [("index", "handbook.tex", "Print handbook", "Tester", "manual")]
man_pages = [("index", "handbook", "Print handbook", ["Tester"], 1)]
texinfo_documents = [
    ("index", "handbook", "Print handbook", "Tester", "handbook", "Notes", "Misc")
]
epub_basename = "handbook"
exclude_patterns = ["_build"]
version = "1.0"
copyright = "2026, Tester"
