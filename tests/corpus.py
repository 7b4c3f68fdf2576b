"""A seeded generator of note projects for incremental and parallel tests."""

from __future__ import annotations

import random
from pathlib import Path

CONF = """\
extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "corpus"
exclude_patterns = ["_build"]
"""

LISTINGS = """\
---
orphan: true
---
# Every listing

```{tag-index}
```

```{tag-index}
:sort: count
:min-count: 3
```

```{venue-list}
```

```{venue-list} ICLR
```

```{note-list}
:limit: 5
```

```{note-list}
:tags: Transformer
:format: table
:sort: title
```

```{note-list}
:any-tags: Diffusion, RL
:year: 2018-2022
:format: cards
```

```{note-list}
:pick:
:sort: id
```
"""

TAGS = ["Transformer", "Diffusion", "LanguageModel", "Vision", "RL", "Theory", "自然言語処理"]
VENUES = ["ICLR", "NeurIPS", "ICML", "CVPR", "ACL", "arXiv"]


def note_text(number: int, rng: random.Random, refs: list[int], title: str | None = None) -> str:
    tags = ", ".join(rng.sample(TAGS, k=rng.randint(1, 3)))
    venue = f"{rng.choice(VENUES)}'{rng.randint(15, 25)}"
    body = " ".join(f"See {{note}}`{ref}`." for ref in refs) or "No references."
    return (
        f":::{{paper-note}} {number}\n"
        f":title: {title or f'Paper number {number}'}\n"
        f":authors: Author{number} Alpha; Second Beta\n"
        f":venue: {venue}\n"
        f":date: 2025-{1 + number % 12:02d}-{1 + number % 28:02d}\n"
        f":tags: {tags}\n"
        f":arxiv: 2401.{number:05d}\n"
        f":summary: Summary of paper {number}.\n"
        + (":pick:\n" if number % 5 == 0 else "")
        + f"\n{body}\n:::\n"
    )


def write_corpus(root: Path, count: int, seed: int = 7) -> Path:
    """``count`` one-note pages with references between them, plus an index."""
    rng = random.Random(seed)
    (root / "notes").mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.md").write_text(
        "# Corpus\n\n```{toctree}\n:glob:\n\nnotes/*\n```\n\n"
        "Start at {note}`1`; tags {tag}`Transformer` and venues {venue}`ICLR`.\n",
        encoding="utf-8",
    )
    (root / "lists.md").write_text(LISTINGS, encoding="utf-8")
    for number in range(1, count + 1):
        earlier = list(range(1, number))
        refs = rng.sample(earlier, k=min(len(earlier), rng.randint(0, 2)))
        (root / "notes" / f"{number}.md").write_text(
            note_text(number, rng, refs), encoding="utf-8"
        )
    return root
