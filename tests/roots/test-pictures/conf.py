extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "pictures"
exclude_patterns = ["_build"]
graphviz_output_format = "svg"
papernotes_note_graph = True
