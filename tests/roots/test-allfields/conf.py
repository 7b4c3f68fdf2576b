extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "allfields"
latex_documents = [("index", "allfields.tex", "All fields", "Tester", "manual")]
man_pages = [("index", "allfields", "All fields", ["Tester"], 1)]
exclude_patterns = ["_build"]
version = "1.0"
copyright = "2026, Tester"
