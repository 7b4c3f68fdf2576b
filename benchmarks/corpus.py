"""A seeded corpus generator for the build benchmarks.

``write_corpus(root, n, flavour, seed)`` writes a complete Sphinx project
(``conf.py``, ``index.md`` and ``notes/1.md`` .. ``notes/<n>.md``) into
``root``. The two flavours hold the *same* text:

- ``"papernotes"``: every file is one ``:::{paper-note}`` directive with its
  options, the body referencing other notes with ``{note}`<id>```;
- ``"plain"``: no extension, a ``# title`` heading, the metadata as an
  ordinary Markdown list, the summary paragraph and the body, where every
  reference is a relative Markdown link ``[<id>](<id>.md)``.

The notes are drawn once from ``random.Random(seed)`` (never from ``set``
iteration or anything else that depends on ``PYTHONHASHSEED``), then rendered
per flavour, so a given seed gives the same bytes on every run and both
flavours differ only in markup.

Run as a script to inspect a corpus::

    python benchmarks/corpus.py /tmp/corpus --n 200 --flavour papernotes
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

Flavour = Literal["papernotes", "plain"]
FLAVOURS: tuple[Flavour, ...] = ("papernotes", "plain")

# --------------------------------------------------------------------------
# conf.py and index.md
# --------------------------------------------------------------------------

# A sidebar without the global toctree (DESIGN.md, "Navigation at scale"):
# alabaster's default sidebar renders the whole toctree into every page and
# makes the build quadratic in the number of notes, for both flavours.
_COMMON_CONF = """\
project = "papernotes-benchmark"
author = "benchmark"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
html_theme = "alabaster"
html_sidebars = {"**": ["searchbox.html"]}
"""

# Themes for the scaling curves (``run.py --themes``). Their sidebars draw the
# global toctree, so those corpora keep the notes out of it (``INDEX_LISTING``).
THEMES = ("alabaster", "papernotes", "furo", "pydata_sphinx_theme")

CONF = {
    "papernotes": (
        '"""Benchmark corpus, flavour papernotes (generated)."""\n\n'
        'extensions = ["myst_parser", "sphinx_papernotes"]\n'
        + _COMMON_CONF
        + "suppress_warnings = []\n"
    ),
    "plain": (
        '"""Benchmark corpus, flavour plain (generated)."""\n\n'
        'extensions = ["myst_parser"]\n' + _COMMON_CONF
    ),
}

# Without a toctree of the notes: the front page lists the latest notes and
# the generated tag and venue pages reach the rest (the notes are orphans,
# which ``papernotes_orphan_notes`` allows). Only for the papernotes flavour.
INDEX_LISTING = """\
# Paper notes

A generated benchmark corpus of {n} notes.

```{{note-list}}
:sort: -date
:limit: 20
```
"""

# The same toctree in both flavours so the comparison is fair.
INDEX = """\
# Paper notes

A generated benchmark corpus of {n} notes.

```{{toctree}}
:glob:
:maxdepth: 1

notes/*
```
"""

# --------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------

VENUES = [
    "ICLR", "NeurIPS", "ICML", "CVPR", "ACL", "EMNLP", "NAACL", "AAAI",
    "IJCAI", "KDD", "ECCV", "ICCV", "TMLR", "JMLR", "arXiv",
]  # fmt: skip
# A few workshop variants, drawn less often than the main venues.
WORKSHOP_VENUES = ["NeurIPS", "ICML", "ICLR", "CVPR"]
YEARS = range(2015, 2026)
DATE_START = date(2023, 1, 1)
DATE_END = date(2025, 12, 31)

FIRST_NAMES = [
    "Michael", "André", "Alexander", "Ashish", "Noam", "Niki", "Jakob", "Llion",
    "Aidan", "Łukasz", "Illia", "Yann", "Geoffrey", "Yoshua", "Fei-Fei", "Kaiming",
    "Ross", "Piotr", "Jian", "Xiangyu", "Shaoqing", "Diederik", "Jimmy", "Tomas",
    "Ilya", "Oriol", "Quoc", "Jeff", "Sanjay", "Chelsea", "Pieter", "Sergey",
    "Percy", "Christopher", "Dan", "Emily", "Timnit", "Margaret", "Sara", "Hugo",
    "Colin", "Adam", "Nicholas", "Jared", "Dario", "Tom", "Alec", "Jong Wook",
    "Hyung Won", "Jason", "Denny", "Xuezhi", "Takeshi", "Yuki", "Haruka", "Kenji",
    "Sakura", "Daichi", "Mei", "Wei", "Li", "Zhang", "José", "María",
    "Søren", "Björn", "Zoë", "Chloé", "Ahmed", "Fatima", "Priya", "Arjun",
]  # fmt: skip
LAST_NAMES = [
    "Tschannen", "Pinto", "Kolesnikov", "Vaswani", "Shazeer", "Parmar", "Uszkoreit",
    "Jones", "Gomez", "Kaiser", "Polosukhin", "LeCun", "Hinton", "Bengio", "Li",
    "He", "Girshick", "Dollár", "Sun", "Zhang", "Ren", "Kingma", "Ba", "Mikolov",
    "Sutskever", "Vinyals", "Le", "Dean", "Ghemawat", "Finn", "Abbeel", "Levine",
    "Liang", "Manning", "Jurafsky", "Bender", "Gebru", "Mitchell", "Hooker",
    "Touvron", "Raffel", "Roberts", "Carlini", "Kaplan", "Amodei", "Brown",
    "Radford", "Kim", "Chung", "Wei", "Zhou", "Wang", "Suzuki", "Tanaka",
    "Yamada", "Sato", "Watanabe", "Ito", "Nakamura", "Kobayashi", "Müller",
    "Schmidt", "García", "Fernández", "Kowalski", "Nowak", "Øvergaard", "Åberg",
    "Khan", "Patel", "Gupta", "Singh",
]  # fmt: skip
KANJI_NAMES = ["山田 太郎", "鈴木 花子", "佐藤 健", "田中 美咲", "高橋 翔", "渡辺 直人"]

# CamelCase tag pieces: AREA + FACET gives 40 x 24 = 960 candidate tags.
TAG_AREAS = [
    "Language", "Vision", "Speech", "Audio", "Video", "Graph", "Tabular", "Code",
    "Math", "Robot", "Agent", "Retrieval", "Dialogue", "Translation", "Summarization",
    "Reasoning", "Diffusion", "Flow", "Transformer", "Attention", "Memory", "Token",
    "Embedding", "Contrastive", "Adversarial", "Federated", "Causal", "Bayesian",
    "Sparse", "Quantized", "Distilled", "MultiModal", "Medical", "Legal", "Molecule",
    "Protein", "Climate", "Recommendation", "Search", "Planning",
]  # fmt: skip
TAG_FACETS = [
    "Model", "Learning", "Benchmark", "Dataset", "Evaluation", "Alignment",
    "Pretraining", "FineTuning", "Scaling", "Efficiency", "Robustness", "Safety",
    "Theory", "Generation", "Understanding", "Compression", "Inference", "Training",
    "Architecture", "Representation", "Optimization", "Interpretability", "Survey",
    "Analysis",
]  # fmt: skip
# The forms SPEC.md allows in a tag: spaces, parentheses, '/', "'", '-' and
# any Unicode letter. These are placed among the most frequent tags.
SPECIAL_TAGS = [
    "LLM", "RLHF", "PEFT(Adaptor/LoRA)", "Admin'sPick", "Test-Time Scaling",
    "In-Context Learning", "Chain-of-Thought", "Mixture of Experts", "Vision-Language",
    "Self-Supervised", "Text-to-Image", "Long Context", "自然言語処理", "画像認識",
    "強化学習", "音声認識", "生成モデル", "グラフニューラルネットワーク",
    "Data Augmentation", "Knowledge Distillation", "Zero-Shot", "Few-Shot",
    "Open-Vocabulary", "State Space Model",
]  # fmt: skip

TITLE_NAMES = [
    "JetFormer", "FlowNet", "TokenMix", "DeepSeek", "Orca", "Phoenix", "Atlas",
    "Mirage", "Pegasus", "Nimbus", "Quasar", "Helix", "Aurora", "Vortex", "Zephyr",
    "Lumen", "Cortex", "Prism", "Nova", "Sirius",
]  # fmt: skip
TITLE_ADJECTIVES = [
    "Scalable", "Efficient", "Robust", "Simple", "Unified", "Sparse", "Adaptive",
    "Hierarchical", "Self-Supervised", "Causal", "Autoregressive", "Contrastive",
    "Multilingual", "Lightweight", "Provable", "Differentiable", "Generalist",
]  # fmt: skip
TITLE_NOUNS = [
    "Transformers", "Diffusion Models", "Language Models", "Vision Encoders",
    "Normalizing Flows", "Graph Networks", "Retrievers", "Reward Models",
    "Mixture-of-Experts", "State Space Models", "Policies", "Tokenizers",
    "Optimizers", "Agents", "Autoencoders",
]  # fmt: skip
TITLE_TASKS = [
    "Image Generation", "Machine Translation", "Code Synthesis", "Long-Context Reasoning",
    "Question Answering", "Speech Recognition", "Video Understanding", "Protein Design",
    "Instruction Following", "Open-Domain Dialogue", "Mathematical Reasoning",
    "Object Detection", "Semantic Segmentation", "Text-to-Image Synthesis",
    "Tabular Prediction", "Robot Manipulation", "Document Retrieval",
]  # fmt: skip

EN_SUBJECTS = [
    "The authors", "This paper", "The proposed method", "The model", "The approach",
    "A simple baseline", "The new objective", "Their analysis",
]  # fmt: skip
EN_VERBS = [
    "improves", "simplifies", "scales", "stabilises", "revisits", "unifies",
    "explains", "accelerates", "compresses", "evaluates",
]  # fmt: skip
EN_OBJECTS = [
    "pretraining of large language models", "attention over long sequences",
    "the training of diffusion models", "retrieval for open-domain questions",
    "reward modelling from human preferences", "tokenization of raw images",
    "fine-tuning with low-rank adapters", "evaluation on public benchmarks",
    "inference on a single GPU", "alignment with human feedback",
]  # fmt: skip
EN_TAILS = [
    "with fewer parameters", "without extra labels", "at a fraction of the cost",
    "on several benchmarks", "across model sizes", "with a single change to the loss",
    "while keeping the architecture unchanged", "in both English and Japanese",
]  # fmt: skip

JA_SUBJECTS = [
    "本論文は", "著者らは", "提案手法は", "このモデルは", "この研究は", "実験では",
]  # fmt: skip
JA_OBJECTS = [
    "大規模言語モデルの事前学習", "長い系列に対する注意機構", "拡散モデルの学習",
    "画像のトークン化", "人間のフィードバックによる整合", "低ランク適応による微調整",
    "検索拡張生成", "音声と言語の統合", "推論時の計算量", "評価用のベンチマーク",
]  # fmt: skip
JA_PREDICATES = [
    "を大幅に効率化する手法を提案している。", "の性能を少ないパラメータで改善した。",
    "を単純な構成で実現できることを示した。", "について詳細な分析を行っている。",
    "の安定性を高める新しい目的関数を導入した。", "を複数のベンチマークで評価した。",
    "がなぜうまく動くのかを理論的に説明している。",
]  # fmt: skip
JA_COMMENTS = [
    "個人的にはとても面白いと感じた。", "実装が公開されているので試してみたい。",
    "先行研究との比較がやや弱い。", "次に読むべき論文の候補。", "図がわかりやすい。",
    "再現実験をしてみる価値がある。",
]  # fmt: skip

LINK_HOSTS = [
    "https://github.com/example-org/{slug}",
    "https://openreview.net/forum?id={token}",
    "https://huggingface.co/papers/{arxiv}",
    "https://paperswithcode.com/paper/{slug}",
    "https://blog.example.org/posts/{slug}",
    "https://www.semanticscholar.org/search?q={slug}",
]  # fmt: skip

EDIT_SENTENCE = "An extra sentence appended by the benchmark to force a re-read. 追記。"
EDIT_TAG = "BenchmarkEditedTag"

# --------------------------------------------------------------------------
# The notes
# --------------------------------------------------------------------------


# A piece of a body paragraph: text, ``("link", text, url)`` or ``("ref", id)``.
Segment = str | tuple[str, str, str] | tuple[str, int]


@dataclass(frozen=True)
class NoteData:
    """One generated note, independent of the flavour it is written in."""

    id: int
    title: str
    authors: list[str]
    truncated: bool
    venue: str
    date: str
    tags: list[str]
    arxiv: str
    summary: str
    # Paragraphs as lists of segments: ``str`` is text, ``("link", text, url)``
    # an external link and ``("ref", id)`` a reference to another note.
    paragraphs: list[list[Segment]]


def tag_vocabulary(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct tags, most frequent first (rank order for the Zipf draw)."""
    combos = [a + f for a, f in itertools.product(TAG_AREAS, TAG_FACETS)]
    rng.shuffle(combos)
    # Special forms spread among the 100 most frequent ranks.
    vocabulary = combos[: max(0, count - len(SPECIAL_TAGS))]
    for position, special in enumerate(SPECIAL_TAGS[:count]):
        vocabulary.insert(min(len(vocabulary), position * 4 + 1), special)
    if len(vocabulary) < count:  # more tags asked for than combos: number them
        vocabulary += [f"Topic{i}" for i in range(count - len(vocabulary))]
    return vocabulary[:count]


class _ZipfSampler:
    """Draws distinct items with probability ~ 1 / rank**s."""

    def __init__(self, items: list[str], s: float = 1.0) -> None:
        self.items = items
        weights = [1.0 / (rank**s) for rank in range(1, len(items) + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def sample(self, rng: random.Random, k: int) -> list[str]:
        k = min(k, len(self.items))
        chosen: list[str] = []
        total = self.cumulative[-1]
        while len(chosen) < k:
            index = bisect.bisect_left(self.cumulative, rng.random() * total)
            item = self.items[min(index, len(self.items) - 1)]
            if item not in chosen:
                chosen.append(item)
        return chosen


def _venue_string(rng: random.Random, year: int) -> str:
    workshop = rng.random() < 0.08
    name = rng.choice(WORKSHOP_VENUES) if workshop else rng.choice(VENUES)
    form = rng.randrange(3)
    if form == 0:
        text = f"{name}'{year % 100:02d}"
    elif form == 1:
        text = f"{name} {year}"
    else:
        text = f"{name}{year}"
    return f"{text} Workshop" if workshop else text


def _author(rng: random.Random) -> str:
    if rng.random() < 0.04:
        return rng.choice(KANJI_NAMES)
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _title(rng: random.Random) -> str:
    core = (
        f"{rng.choice(TITLE_ADJECTIVES)} {rng.choice(TITLE_NOUNS)} for {rng.choice(TITLE_TASKS)}"
    )
    if rng.random() < 0.4:
        return f"{rng.choice(TITLE_NAMES)}: {core}"
    return core


def _english_sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(EN_SUBJECTS)} {rng.choice(EN_VERBS)} "
        f"{rng.choice(EN_OBJECTS)} {rng.choice(EN_TAILS)}."
    )


def _japanese_sentence(rng: random.Random) -> str:
    return f"{rng.choice(JA_SUBJECTS)}{rng.choice(JA_OBJECTS)}{rng.choice(JA_PREDICATES)}"


def _summary(rng: random.Random, target: int = 300) -> str:
    """About ``target`` characters, English and Japanese sentences mixed."""
    sentences: list[str] = [_english_sentence(rng), _japanese_sentence(rng)]
    while sum(len(s) + 1 for s in sentences) < target - 20:
        sentences.append(_japanese_sentence(rng) if rng.random() < 0.5 else _english_sentence(rng))
    return " ".join(sentences)


def _slug(text: str) -> str:
    return "-".join(
        "".join(c if c.isascii() and c.isalnum() else " " for c in text).lower().split()
    )


def _paragraphs(
    rng: random.Random, note_id: int, n: int, title: str, arxiv: str
) -> list[list[Segment]]:
    count = rng.randint(2, 4)
    paragraphs: list[list[Segment]] = [[] for _ in range(count)]
    for paragraph in paragraphs:
        for _ in range(rng.randint(2, 3)):
            sentence = _japanese_sentence(rng) if rng.random() < 0.35 else _english_sentence(rng)
            paragraph.append(sentence)
        if rng.random() < 0.4:
            paragraph.append(rng.choice(JA_COMMENTS))
    # A couple of external https links.
    for _ in range(2):
        url = rng.choice(LINK_HOSTS).format(
            slug=_slug(title), token=f"{rng.getrandbits(40):010x}", arxiv=arxiv
        )
        where = rng.choice(paragraphs)
        where.insert(
            rng.randint(0, len(where)),
            ("link", rng.choice(["code", "project page", "discussion", "コード"]), url),
        )
    # 1-3 references to other existing notes.
    k = min(rng.randint(1, 3), n - 1)
    refs: list[int] = []
    while len(refs) < k:
        target = rng.randint(1, n)
        if target != note_id and target not in refs:
            refs.append(target)
    for target in refs:
        where = rng.choice(paragraphs)
        where.insert(rng.randint(0, len(where)), ("ref", target))
    return paragraphs


def generate_notes(n: int, seed: int = 0, tags: int = 600) -> list[NoteData]:
    """The notes of a corpus of size ``n``; the same list for a given seed."""
    rng = random.Random(seed)
    sampler = _ZipfSampler(tag_vocabulary(tags, rng))
    days = (DATE_END - DATE_START).days
    notes: list[NoteData] = []
    for note_id in range(1, n + 1):
        written = DATE_START + timedelta(days=rng.randint(0, days))
        year = rng.randint(YEARS.start, min(YEARS.stop - 1, written.year))
        arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 29999):05d}"
        authors = [_author(rng) for _ in range(rng.randint(3, 6))]
        title = _title(rng)
        notes.append(
            NoteData(
                id=note_id,
                title=title,
                authors=authors,
                truncated=rng.random() < 0.25,
                venue=_venue_string(rng, year),
                date=written.isoformat(),
                tags=sampler.sample(rng, rng.randint(3, 8)),
                arxiv=arxiv,
                summary=_summary(rng),
                paragraphs=_paragraphs(rng, note_id, n, title, arxiv),
            )
        )
    return notes


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


def _authors_text(note: NoteData) -> str:
    return "; ".join(note.authors) + ("+" if note.truncated else "")


def _body(note: NoteData, flavour: Flavour) -> str:
    rendered: list[str] = []
    for paragraph in note.paragraphs:
        parts: list[str] = []
        for segment in paragraph:
            if isinstance(segment, str):
                parts.append(segment)
            elif len(segment) == 3:  # ("link", text, url)
                parts.append(f"See the [{segment[1]}]({segment[2]}).")
            elif flavour == "papernotes":
                parts.append(f"Compare with {{note}}`{segment[1]}`.")
            else:
                parts.append(f"Compare with [{segment[1]}]({segment[1]}.md).")
        rendered.append(" ".join(parts))
    return "\n\n".join(rendered)


def render_note(note: NoteData, flavour: Flavour) -> str:
    """The text of ``notes/<id>.md`` in the given flavour."""
    body = _body(note, flavour)
    tags = ", ".join(note.tags)
    if flavour == "papernotes":
        return (
            f":::{{paper-note}} {note.id}\n"
            f":title: {note.title}\n"
            f":authors: {_authors_text(note)}\n"
            f":venue: {note.venue}\n"
            f":date: {note.date}\n"
            f":tags: {tags}\n"
            f":arxiv: {note.arxiv}\n"
            f":summary: {note.summary}\n"
            f"\n{body}\n:::\n"
        )
    if flavour == "plain":
        return (
            f"# {note.title}\n\n"
            f"- Authors: {_authors_text(note)}\n"
            f"- Venue: {note.venue}\n"
            f"- Date: {note.date}\n"
            f"- Tags: {tags}\n"
            f"- arXiv: [{note.arxiv}](https://arxiv.org/abs/{note.arxiv})\n"
            f"\n{note.summary}\n"
            f"\n{body}\n"
        )
    raise ValueError(f"unknown flavour {flavour!r}")


def write_corpus(
    root: Path, n: int, flavour: Flavour, seed: int = 0, tags: int = 600, theme: str = "alabaster"
) -> Path:
    """Write a project of ``n`` notes in ``flavour`` into ``root`` (created or emptied of notes).

    Same ``n``, ``seed`` and ``tags`` give the same bytes on every run, and
    both flavours carry the same text. A ``theme`` other than alabaster (with
    its toctree-free sidebar) keeps the notes out of the toctree; papernotes
    flavour only.
    """
    if flavour not in FLAVOURS:
        raise ValueError(f"unknown flavour {flavour!r}; expected one of {FLAVOURS}")
    if theme not in THEMES or (theme != "alabaster" and flavour != "papernotes"):
        raise ValueError(f"theme {theme!r} needs the papernotes flavour; themes: {THEMES}")
    if n < 2:
        raise ValueError("a corpus needs at least 2 notes (notes reference each other)")
    root = Path(root)
    notes_dir = root / "notes"
    if notes_dir.exists():
        shutil.rmtree(notes_dir)
    notes_dir.mkdir(parents=True)
    conf, index = CONF[flavour], INDEX
    if theme != "alabaster":
        conf = conf.replace('html_theme = "alabaster"', f"html_theme = {theme!r}")
        conf = conf.replace('html_sidebars = {"**": ["searchbox.html"]}\n', "")
        index = INDEX_LISTING
    (root / "conf.py").write_text(conf, encoding="utf-8", newline="\n")
    (root / "index.md").write_text(index.format(n=n), encoding="utf-8", newline="\n")
    for note in generate_notes(n, seed=seed, tags=tags):
        (notes_dir / f"{note.id}.md").write_text(
            render_note(note, flavour), encoding="utf-8", newline="\n"
        )
    return root


# --------------------------------------------------------------------------
# Edits used by the incremental measurements
# --------------------------------------------------------------------------


def edit_body(path: Path, flavour: Flavour) -> None:
    """Append a sentence to the note's body (inside the directive for papernotes)."""
    text = path.read_text(encoding="utf-8")
    if flavour == "papernotes":
        head, closing, _ = text.rpartition(":::\n")
        if not closing:
            raise ValueError(f"{path}: no closing ':::' fence")
        text = f"{head}\n{EDIT_SENTENCE}\n{closing}"
    else:
        text = f"{text}\n{EDIT_SENTENCE}\n"
    path.write_text(text, encoding="utf-8", newline="\n")


def edit_tags(path: Path, flavour: Flavour) -> None:
    """Add one tag to the note's tags (the ``:tags:`` option or the Tags list item)."""
    prefix = ":tags: " if flavour == "papernotes" else "- Tags: "
    lines = path.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if line.startswith(prefix):
            lines[index] = f"{line}, {EDIT_TAG}"
            break
    else:
        raise ValueError(f"{path}: no line starting with {prefix!r}")
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("root", type=Path)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--flavour", choices=FLAVOURS, default="papernotes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tags", type=int, default=600)
    parser.add_argument("--theme", choices=THEMES, default="alabaster")
    args = parser.parse_args()
    write_corpus(args.root, args.n, args.flavour, seed=args.seed, tags=args.tags, theme=args.theme)
    print(f"wrote {args.n} {args.flavour} notes to {args.root}")


if __name__ == "__main__":
    main()
