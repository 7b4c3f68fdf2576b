"""The ``papernotes`` command: ``new``, ``import github`` and ``import bibtex``.

The GitHub fixture (``tests/data/github``) is written for this project: 45
invented issues of a reading-notes repository in the REST API's shape, in
three pages back to back (one issue repeated across two pages, as happens
when issues change during pagination), with two pull requests, Japanese and
English notes, labels with ``/``, quotes and commas, cross references,
images, code, and comments by the owner and by others. Imported notes are
built for real and checked through ``papernotes.json``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import redirect_stdout
from importlib.metadata import entry_points
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_papernotes.cli import main
from sphinx_papernotes.importers.files import read_header, write_generated
from sphinx_papernotes.importers.markdown import Context, convert
from sphinx_papernotes.importers.myst import fence_for, option_value, render_note
from sphinx_papernotes.importers.progress import ProgressBar
from sphinx_papernotes.importers.summary import split_summary
from sphinx_papernotes.importers.titles import parse_issue_title

from .helpers import build_in, read_json, warnings_of

DATA = Path(__file__).parent / "data" / "github"
ISSUES = DATA / "issues.json"
COMMENTS = DATA / "comments.json"
REPO = "https://github.com/hoshino-lab/reading-notes"
GITHUB_OPTIONS = [
    "--drop-label",
    "status:*",
    "--drop-label",
    "Good First Issue",  # matching ignores case
    "--venue-label",
    "ICML2024=ICML 2024",
]
# Notes whose issue title gives no author or no year: their BibTeX entry lacks a
# required field, which the extension reports as papernotes.bibtex.
WITHOUT_AUTHOR_OR_YEAR = {"1009", "1010", "1011", "1016", "1019", "1021", "1045"}


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def make_project(root: Path, conf_extra: str = "") -> Path:
    """A Sphinx project whose index lists every note under ``notes/``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_papernotes"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        'project = "imported"\n'
        'exclude_patterns = ["_build"]\n' + conf_extra,
        encoding="utf-8",
    )
    (root / "index.md").write_text(
        "# Imported notes\n\n```{toctree}\n:glob:\n\nnotes/*\n```\n", encoding="utf-8"
    )
    return root


def build_project(srcdir: Path, outdir: Path | None = None) -> SphinxTestApp:
    return build_in(srcdir, builddir=outdir)


def notes_by_id(app: SphinxTestApp) -> dict[str, dict[str, Any]]:
    return {note["id"]: note for note in read_json(app)["notes"]}


def body_of(path: Path) -> str:
    """A note file without its import header."""
    header = read_header(path.read_bytes())
    assert header is not None, path
    return header[2].decode("utf-8")


# --- the round trip --------------------------------------------------------------------------


def note(
    title: str,
    authors: list[str],
    venue: str | None,
    year: int | None,
    date: str,
    tags: list[str],
    links: dict[str, str] | None = None,
    references: list[str] | None = None,
    truncated: bool | None = None,
) -> dict[str, Any]:
    return {
        "title": title,
        "authors": authors,
        # ``Name+`` in the title: a truncated list (the common case).
        "authors_truncated": bool(authors) if truncated is None else truncated,
        "venue": venue,
        "year": year,
        "date": date,
        "tags": tags,
        "links": links or {},
        "references": references or [],
    }


ARXIV = "https://arxiv.org/abs/"
OPENREVIEW = "https://openreview.net/forum?id="
EXPECTED: dict[str, dict[str, Any]] = {
    "1001": note(
        "Tiny Recursive Reasoners",
        ["Mei Sato"],
        "ICLR",
        2025,
        "2024-10-15",
        ["Reasoning", "SmallModel"],  # "status: read" dropped
        {"arxiv": ARXIV + "2410.04871"},
        ["1003", "1010", "1004"],  # the body, then the owner's later comment
    ),
    "1003": note(
        "Learning, Fast and Slow: Two-Speed Optimizers",
        ["Jonas Berg"],
        "NeurIPS",
        2024,
        "2024-05-02",
        ["Optimization"],
        {"openreview": OPENREVIEW + "Xy12AbCdEf"},
    ),
    "1004": note(
        "日本語の長文要約における事実性評価",
        ["山田花子"],
        "NLP",
        2024,
        "2024-03-20",
        ["自然言語処理", "Summarization"],
        {"arxiv": ARXIV + "2403.01234"},
        ["1001", "1020"],
    ),
    "1005": note(
        "Sparse Attention Without Tears",
        ["Priya Nair"],
        "arXiv",
        2024,
        "2024-06-30",
        ["Transformer", "Efficiency"],
        {"arxiv": ARXIV + "2406.05555v2"},
        ["1001"],  # a bare URL of an issue of the same repository
    ),
    "1006": note(
        "Robust Retrieval under Drift",
        ["Omar Haddad"],
        None,  # N_A
        2023,  # from "2023.11"
        "2023-11-05",
        ["Retrieval", "InformationRetrieval/Dense"],
    ),
    "1007": note(
        "Small Data, Big Claims",
        ["Lena Fischer"],
        "NeurIPS Workshop",
        2023,
        "2023-12-12",
        ["Evaluation", "Admin'sPick"],
    ),
    "1008": note(
        "Calibrated Critics",
        ["Tom Reyes"],
        "ICML",
        2024,
        "2024-07-21",
        ["ReinforcementLearning"],
        truncated=False,
    ),
    "1009": note(
        "Why do small models forget?",
        [],
        None,
        None,
        "2024-08-01",
        ["Question"],  # "good first issue" dropped
        references=["1001"],  # #2000 is no note: a link to GitHub
    ),
    "1010": note("強化学習の報酬設計についてのメモ", [], None, None, "2024-02-11", ["強化学習"]),
    "1011": note("Only a title with no pattern", [], None, None, "2024-04-01", []),
    "1012": note("Lowercase prefix works too", ["Ana Silva"], "ACL", 2024, "2024-04-02", ["NLP"]),
    "1013": note('"Quoted" Title Matters', ["Ben Cole"], "EMNLP", 2023, "2023-10-02", ["NLP"]),
    "1014": note(
        "C# for Science: a #1 Guide",
        ["Rui Costa"],
        "ICSE",
        2022,
        "2022-06-01",
        ["SoftwareEngineering"],
    ),
    "1015": note(
        "'Single-quoted start' isn't rare",
        ["Eva Novak"],
        "CVPR",
        2024,
        "2024-06-10",
        ["ComputerVision"],
    ),
    "1016": note("Spaces around the title", [], None, None, "2024-06-11", []),
    "1017": note(
        "Scaling Laws for Tiny Vision Models",
        ["Jo Park"],
        "ICLR",
        2025,
        "2025-01-20",
        ["ComputerVision", "ScalingLaw"],
        references=["1018"],
    ),
    "1018": note(
        "Vision–Language Alignment (VLA)",
        ["Sara Ito"],
        "CVPR",
        2024,
        "2024-07-01",
        ["VisionLanguage", "ComputerVision"],
    ),
    "1019": note(
        "2024 in review, AI notes",
        [],
        None,
        None,
        "2024-12-31",
        ["Survey"],
        references=["1001", "1003", "1017"],
    ),
    "1020": note(
        "拡散モデルによる音声合成",
        ["鈴木一郎"],
        "INTERSPEECH",
        2024,
        "2024-06-25",
        ["音声", "DiffusionModel"],
    ),
    "1021": note(
        "Notes on scaling data mixtures",
        [],
        "ICML",  # from the label ICML2024, mapped with --venue-label
        2024,
        "2024-07-30",
        ["DataCuration"],
    ),
    "1022": note(
        "Memory-Efficient Fine-Tuning",
        ["Hana Kim"],
        "EMNLP",
        2024,
        "2024-09-09",
        ["PEFT(Adaptor/LoRA)", "Efficiency"],
    ),
    "1023": note(
        "Reward Models Are Rankers",
        ["Ivan Petrov"],
        "ICLR",
        2024,
        "2024-01-15",
        ["ReinforcementLearning", "Alignment"],
        references=["1008"],
    ),
    "1024": note(
        "Token Merging Revisited",
        ["Lucas Moreau"],
        "ECCV",
        2024,
        "2024-09-30",
        ["ComputerVision", "Efficiency"],
    ),
    "1025": note(
        "少数事例での固有表現抽出",
        ["田中誠"],
        "NLP",
        2025,
        "2025-03-03",
        ["自然言語処理", "NER"],
        references=["1004"],
    ),
    "1026": note(
        "Grounded Captioning at Scale",
        ["Nia Brooks"],
        "CVPR",
        2025,
        "2025-03-10",
        ["Vision Language", "Dataset"],  # the label "Vision, Language"
    ),
    "1027": note(
        "Planning with Language Models",
        ["Kofi Mensah"],
        "CoRL",
        2024,
        "2024-11-11",
        ["Robotics", "Planning"],
        {"openreview": OPENREVIEW + "Pl4nN3r_1"},
    ),
    "1028": note(
        "Speculative Decoding for Speech",
        ["Aiko Mori"],
        "ICASSP",
        2025,
        "2025-02-02",
        ["音声", "Efficiency"],
    ),
    "1029": note(
        "Contrastive Pretraining for Tables",
        ["Diego Ruiz"],
        "KDD",
        2024,
        "2024-08-20",
        ["TabularData"],
    ),
    "1031": note(
        "Evaluating Long-Context Recall",
        ["Grace Hall"],
        "COLM",
        2024,
        "2024-10-01",
        ["LongContext", "Evaluation"],
    ),
    "1032": note(
        "画像と言語の対応付けの評価",
        ["佐藤健"],
        "NLP",
        2024,
        "2024-03-21",
        ["VisionLanguage", "自然言語処理"],
        references=["1018"],
    ),
    "1033": note(
        "Self-Play Fine-Tuning",
        ["Yuto Abe"],
        "ICML",
        2024,
        "2024-07-25",
        ["Alignment"],
        references=["1023"],
    ),
    "1034": note(
        "Graph Transformers at Scale",
        ["Ilse Berg"],
        "NeurIPS",
        2024,
        "2024-12-05",
        ["GraphNeuralNetwork", "Transformer"],
    ),
    "1035": note(
        "Quantisation Without Calibration Data",
        ["Ravi Iyer"],
        "arXiv",
        2025,
        "2025-01-12",
        ["Efficiency", "Quantization"],
        {"arxiv": ARXIV + "2501.00042"},
    ),
    "1036": note(
        "Multilingual Instruction Tuning",
        ["Zeynep Kaya"],
        "ACL",
        2024,
        "2024-08-12",
        ["NLP", "Multilingual"],
    ),
    "1037": note(
        "Diffusion Policies for Manipulation",
        ["Chen Wei"],
        "RSS",
        2024,
        "2024-07-07",
        ["Robotics", "DiffusionModel"],
    ),
    "1038": note(
        "Federated Learning with Noisy Clients",
        ["Maria Lopez"],
        "AISTATS",
        2024,
        "2024-05-05",
        ["FederatedLearning"],
    ),
    "1039": note(
        "Code Models Know Types", ["Sam Ortiz"], "ICLR", 2024, "2024-02-02", ["Code"]
    ),  # `#1039` in code is no reference
    "1040": note(
        "対話システムの安全性評価",
        ["高橋美咲"],
        "NLP",
        2025,
        "2025-03-12",
        ["対話", "Safety"],
    ),
    "1041": note(
        "World Models from Video",
        ["Elif Demir"],
        "ICLR",
        2025,
        "2025-01-25",
        ["WorldModel", "Robotics"],
        references=["1037"],
    ),
    "1042": note(
        "Efficient Attention Survey",
        ["Noah Green"],
        "TPAMI",
        2024,
        "2024-11-20",
        ["Survey", "Transformer"],
    ),
    "1043": note(
        "Mixture of Depths",
        ["Ola Nowak"],
        "arXiv",
        2024,
        "2024-04-05",
        ["Transformer", "Efficiency"],
        {"arxiv": ARXIV + "2404.02258"},
    ),
    "1044": note(
        "Benchmarks Leak",
        ["Ama Owusu"],
        "NeurIPS Datasets and Benchmarks",
        2024,
        "2024-12-10",
        ["Evaluation", "Dataset"],
    ),
    "1045": note(
        "Reading list for the spring seminar",
        [],
        None,
        None,
        "2025-03-20",
        ["Seminar"],
        references=["1001", "1017", "1041"],
    ),
}


@pytest.fixture(scope="module")
def round_trip(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, str, SphinxTestApp]]:
    """Import the fixture once into a project, and build it."""
    project = make_project(
        tmp_path_factory.mktemp("round-trip") / "src",
        # What docs/cli.md recommends for a collection with notes that lack
        # an author or a year; test_round_trip_other_warnings shows that these
        # are the only warnings.
        'suppress_warnings = ["papernotes.bibtex"]\n',
    )
    stdout = StringIO()
    with redirect_stdout(stdout):
        code = main(
            [
                *("import", "github", str(ISSUES), "--comments", str(COMMENTS)),
                *("--out", str(project / "notes"), *GITHUB_OPTIONS),
            ]
        )
    assert code == 0, stdout.getvalue()
    yield project, stdout.getvalue(), build_project(project)


def test_round_trip_summary(round_trip: tuple[Path, str, SphinxTestApp]) -> None:
    project, summary, _ = round_trip
    assert summary.splitlines()[0] == "Imported 43, updated 0, unchanged 0, skipped 3."
    assert "  #1002: pull request" in summary
    assert "  #1030: pull request" in summary
    assert re.search(r"#1032 \(issues\.json page 3 item 1\): repeats issues\.json page 2", summary)
    assert "#1011: the title does not follow" in summary
    assert "#1012: empty body" in summary
    assert "#1026: label 'Vision, Language' holds a comma" in summary
    assert "#1022: code block in 'json' shown as plain text" in summary
    assert "2 comments by others than the issue's author left out, on 2 issues" in summary
    assert "1 comment on issues not imported" in summary
    assert sorted(path.stem for path in (project / "notes").iterdir()) == sorted(EXPECTED)


def test_round_trip_builds_without_warnings(round_trip: tuple[Path, str, SphinxTestApp]) -> None:
    assert warnings_of(round_trip[2]) == ""


def test_round_trip_other_warnings(
    round_trip: tuple[Path, str, SphinxTestApp], tmp_path: Path
) -> None:
    """Without suppress_warnings, the only warnings are the BibTeX fields titles cannot give."""
    project = make_project(tmp_path / "src")
    shutil.copytree(round_trip[0] / "notes", project / "notes")
    app = build_project(project)
    lines = warnings_of(app).splitlines()
    assert all(line.endswith("[papernotes.bibtex]") for line in lines), lines
    warned = {re.search(r"note '(\d+)'", line).group(1) for line in lines}  # type: ignore[union-attr]
    assert warned == WITHOUT_AUTHOR_OR_YEAR


def test_round_trip_json(round_trip: tuple[Path, str, SphinxTestApp]) -> None:
    notes = notes_by_id(round_trip[2])
    assert sorted(notes) == sorted(EXPECTED)
    for note_id, expected in EXPECTED.items():
        got = {name: notes[note_id][name] for name in expected}
        assert got == expected, note_id
    assert notes["1001"]["docname"] == "notes/1001"
    assert notes["1001"]["referenced_by"] == ["1004", "1005", "1009", "1019", "1045"]


def test_round_trip_summaries(round_trip: tuple[Path, str, SphinxTestApp]) -> None:
    """The first paragraph is the summary when it reads like one (docs/cli.md)."""
    notes = notes_by_id(round_trip[2])
    assert notes["1001"]["summary"] == (
        "A two-layer network that refines its own answer by calling itself, and matches much "
        "larger models on grid puzzles."
    )
    assert notes["1004"]["summary"].startswith("長い文書の要約について")
    assert notes["1005"]["summary"] == ""  # "See the figure:" is no sentence
    assert notes["1008"]["summary"] == ""  # holds a footnote
    assert notes["1010"]["summary"] == ""  # starts with a quote
    assert notes["1011"]["summary"] == ""  # "Just a title." is too short
    assert notes["1027"]["summary"] == ""  # holds a URL
    body = body_of(round_trip[0] / "notes" / "1001.md")
    assert body.count("A two-layer network") == 1  # moved to :summary:, not copied


def test_round_trip_bodies(round_trip: tuple[Path, str, SphinxTestApp]) -> None:
    project, _, app = round_trip
    notes = project / "notes"
    first = body_of(notes / "1001.md")
    assert "# the core loop; #1003 here is code, not a reference" in first
    assert "2410.04871" not in first.split(":arxiv: 2410.04871", 1)[1]  # the link line is gone
    older, newer = first.index("Comment, 2024-10-16"), first.index("Comment, 2024-10-20")
    assert older < newer  # the owner's comments in date order, whatever the input order
    assert "Thanks for the summary" not in first  # another user's comment
    reading = body_of(notes / "1009.md")
    assert f"[#2000]({REPO}/issues/2000)" in reading
    assert f"[the PR]({REPO}/pull/1002)" in reading
    assert f"[below]({REPO}/issues/1009#issuecomment-1)" in reading
    colons = body_of(notes / "1022.md")
    assert "\\:::\nThe line above is three colons, and \\{note}`x` is text here." in colons
    assert "```text\ngraph TD; A-->B\n```" in colons
    assert "~~~text\n" in colons
    rewards = body_of(notes / "1023.md")
    assert "cheap.[^c1-1]" in rewards and "[^c1-1]: Table 1." in rewards
    assert "reading bot" not in rewards

    page = BeautifulSoup(
        (Path(app.outdir) / "notes" / "1001.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert [rubric.get_text() for rubric in page.select(".pn-body .rubric")] == [
        "What I liked",
        "Comment, 2024-10-16",
        "Comment, 2024-10-20",
    ]
    assert "papernotes-import" not in page.get_text()  # the header is an invisible comment
    speech = (Path(app.outdir) / "notes" / "1020.html").read_text(encoding="utf-8")
    assert 'src="https://github.com/user-attachments/assets/0f0e-aa11"' in speech
    assert 'alt="図1: 生成手順"' in speech and "width: 640px" in speech
    optimizers = (Path(app.outdir) / "notes" / "1003.html").read_text(encoding="utf-8")
    assert 'src="https://github.com/user-attachments/assets/9c1d2e3f-loss"' in optimizers
    drift = (Path(app.outdir) / "notes" / "1006.html").read_text(encoding="utf-8")
    assert "% of drifted queries" in drift  # a % line is text, not a MyST comment


def test_reimport_is_idempotent(
    round_trip: tuple[Path, str, SphinxTestApp], tmp_path: Path
) -> None:
    notes = tmp_path / "notes"
    shutil.copytree(round_trip[0] / "notes", notes)
    before = {path.name: path.read_bytes() for path in notes.iterdir()}
    for path in notes.iterdir():
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    code = main(
        [
            *("import", "github", str(ISSUES), "--comments", str(COMMENTS)),
            *("--out", str(notes), *GITHUB_OPTIONS),
        ]
    )
    assert code == 0
    assert {path.name: path.read_bytes() for path in notes.iterdir()} == before
    assert {path.stat().st_mtime_ns for path in notes.iterdir()} == {1_000_000_000_000_000_000}


def edited_issues(tmp_path: Path, number: int, **changes: Any) -> Path:
    """The fixture with one issue changed, as a single JSON array."""
    decoder = json.JSONDecoder()
    text = ISSUES.read_text(encoding="utf-8")
    issues: list[dict[str, Any]] = []
    position = 0
    while position < len(text.rstrip()):
        page, position = decoder.raw_decode(text, position)
        issues += page
        while position < len(text) and text[position].isspace():
            position += 1
    for issue in issues:
        if issue["number"] == number:
            issue.update(changes)
    path = tmp_path / "issues.json"
    path.write_text(json.dumps(issues), encoding="utf-8")
    return path


def test_changed_issue_updates_its_note(
    round_trip: tuple[Path, str, SphinxTestApp],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    notes = tmp_path / "notes"
    shutil.copytree(round_trip[0] / "notes", notes)
    issues = edited_issues(
        tmp_path, 1003, title="[Paper Note] Two-Speed Optimizers, J. Berg+, ICLR'25"
    )
    code, out, _ = run(
        capsys, "import", "github", issues, "--comments", COMMENTS, "--out", notes, *GITHUB_OPTIONS
    )
    assert code == 0
    assert out.splitlines()[0] == "Imported 0, updated 1, unchanged 42, skipped 3."
    text = body_of(notes / "1003.md")
    assert ":title: Two-Speed Optimizers\n:authors: J. Berg+\n:venue: ICLR'25\n" in text


def test_hand_edited_note_is_kept_unless_forced(
    round_trip: tuple[Path, str, SphinxTestApp],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    notes = tmp_path / "notes"
    shutil.copytree(round_trip[0] / "notes", notes)
    edited = notes / "1004.md"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nMy own addition.\n", encoding="utf-8"
    )
    mine = notes / "1005.md"
    mine.write_text(":::{paper-note} 1005\n:title: Written by me\n:::\n", encoding="utf-8")
    issues = edited_issues(tmp_path, 1004, body="A new body.")
    args = ["import", "github", issues, "--comments", COMMENTS, "--out", notes, *GITHUB_OPTIONS]

    code, out, _ = run(capsys, *args)
    assert code == 0  # keeping someone's work is not an error; it is listed
    assert (
        f"#1004: {edited} was edited by hand since it was imported; kept (--force overwrites it)"
        in out
    )
    assert f"#1005: {mine} exists and was not written by an import; kept" in out
    assert "My own addition." in edited.read_text(encoding="utf-8")
    assert mine.read_text(encoding="utf-8").startswith(
        ":::{paper-note} 1005\n:title: Written by me"
    )

    code, out, _ = run(capsys, *args, "--force")
    assert code == 0
    assert out.splitlines()[0] == "Imported 0, updated 2, unchanged 41, skipped 3."
    assert "My own addition." not in edited.read_text(encoding="utf-8")
    assert "A new body." in body_of(edited)
    assert ":title: Sparse Attention Without Tears" in body_of(mine)


def test_all_comments_and_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "notes"
    code, out, _ = run(
        capsys,
        "import",
        "github",
        ISSUES,
        "--comments",
        COMMENTS,
        "--out",
        out_dir,
        "--state",
        "closed",
        "--all-comments",
    )
    assert code == 0
    closed = {"1003", "1005", "1013", "1023", "1037"}
    assert sorted(path.stem for path in out_dir.iterdir()) == sorted(closed)
    assert "#1001: open (--state closed)" in out
    rewards = body_of(out_dir / "1023.md")
    assert "Comment by readbot[bot], 2024-01-17" in rewards
    # #1008 was not imported and has no note in the folder: a link to GitHub.
    assert f"[#1008]({REPO}/issues/1008)" in rewards

    code, out, _ = run(capsys, "import", "github", ISSUES, "--out", out_dir, "--state", "open")
    assert code == 0
    assert "#1003: closed (--state open)" in out
    # Notes already in the folder count as notes: #1023 now becomes a reference.
    assert "{note}`1023`" in body_of(out_dir / "1033.md")


# --- bad input -------------------------------------------------------------------------------


def issue(
    number: int | str | None, title: str | None = "A title", **fields: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": number,
        "title": title,
        "body": "Some text.",
        "labels": [],
        "state": "open",
        "created_at": "2024-05-01T10:00:00Z",
        "updated_at": "2024-05-01T10:00:00Z",
        "html_url": f"{REPO}/issues/{number}",
        "user": {"login": "hoshino-m"},
    }
    data.update(fields)
    return data


def test_malformed_json_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "issues.json"
    good = json.dumps([issue(1, "Kept from the first page")])
    path.write_text(good + '\n[{"number": 2,\n  "title": "x",, }]\n', encoding="utf-8")
    code, out, _ = run(capsys, "import", "github", path, "--out", tmp_path / "notes")
    assert code == 1
    assert f"{path}:3:16: invalid JSON: Expecting property name enclosed in double quotes" in out
    assert (tmp_path / "notes" / "1.md").exists()  # the pages before the error are imported


def test_every_bad_item_is_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big_body = ("A long paragraph of notes about the paper, repeated. " * 20 + "\n\n") * 1000
    assert len(big_body.encode()) > 1_000_000
    items = [
        issue(None),
        "not an issue",
        issue("²"),
        issue(3, title=""),
        issue(4, body=None),
        issue(5, body=""),
        issue(6, body=big_body),
        issue(7, title="Plain, but, with, commas"),
        issue(
            8,
            labels=[
                {"name": "Vision/Language"},
                {"name": '"Quoted" label'},
                {"name": "It's fine"},
                {"name": "x" * 120},
            ],
        ),
        issue(9, title="First version", updated_at="2024-05-01T10:00:00Z"),
        issue(9, title="Second version", updated_at="2024-06-01T10:00:00Z"),
        issue("10", title="Number as text"),
        issue(11, title="Why <think> tokens matter"),
        issue(
            12,
            title="Hostile markup",
            body='<script>alert("x")</script>\n\nAn <img src=x onerror="alert(1)"> and '
            "[a link](javascript:alert(2)) and [a phone](tel:123).",
        ),
        issue(13, created_at=None),
        issue(14, created_at="yesterday"),
    ]
    comments = [
        {
            "issue_url": f"{REPO}/issues/4",
            "body": "Owner's comment.",
            "user": {"login": "hoshino-m"},
        },
        {"body": "No issue_url"},
        [1, 2],
    ]
    issues_path = tmp_path / "issues.json"
    issues_path.write_text(json.dumps(items), encoding="utf-8")
    comments_path = tmp_path / "comments.json"
    comments_path.write_text(json.dumps(comments), encoding="utf-8")
    notes = tmp_path / "src" / "notes"
    code, out, _ = run(
        capsys, "import", "github", issues_path, "--comments", comments_path, "--out", notes
    )
    assert code == 1
    assert out.splitlines()[0] == "Imported 11, updated 0, unchanged 0, skipped 7 (7 with errors)."
    for line in (
        "issues.json page 1 item 1: no issue number (field 'number') [error]",
        "issues.json page 1 item 2: not an issue (a JSON str, expected an object) [error]",
        "issues.json page 1 item 3: no issue number (field 'number') [error]",
        "issues.json page 1 item 4: issue #3 has no title [error]",
        "#9 (issues.json page 1 item 10): issue number also at issues.json page 1 item 11 with "
        "other content; kept that one (updated last) [error]",
        "comments.json page 1 item 2: comment without an issue_url naming its issue [error]",
        "comments.json page 1 item 3: not a comment (expected a JSON object) [error]",
        "#4: empty body",
        "#5: empty body; the note has its fields only",
        "#8: label 'xxxxxxxx",
        "#11: the title looks like HTML markup; the build will warn and show it as text",
        "#12: HTML that could run script or restyle the page shown as text; link with an "
        "unusable address shown as text",
        "#14: created_at 'yesterday' is not a date; no date",
    ):
        assert line in out, line
    assert (notes / "6.md").stat().st_size > 1_000_000
    assert ":title: Plain, but, with, commas\n" in body_of(notes / "7.md")
    assert ":title: Second version\n" in body_of(notes / "9.md")
    assert ':tags: Vision/Language, "Quoted" label, It\'s fine\n' in body_of(notes / "8.md")
    assert "Owner's comment." in body_of(notes / "4.md")

    (notes / "11.md").unlink()  # the build warns about its title, as the summary said
    project = make_project(notes.parent, 'suppress_warnings = ["papernotes.bibtex"]\n')
    app = build_project(project)
    assert warnings_of(app) == ""
    built = notes_by_id(app)
    assert sorted(built, key=int) == ["4", "5", "6", "7", "8", "9", "10", "12", "13", "14"]
    assert built["13"]["date"] is None and built["14"]["date"] is None
    page = (Path(app.outdir) / "notes" / "12.html").read_text(encoding="utf-8")
    hostile = BeautifulSoup(page, "html.parser").select_one(".pn-body")
    assert hostile is not None
    assert hostile.find_all("script") == [] and hostile.find_all("img") == []
    assert hostile.find_all("a") == []  # neither javascript: nor tel: became a link
    assert '<script>alert("x")</script>' in hostile.get_text().replace("“", '"').replace("”", '"')


def test_input_shapes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Pages back to back, an array of pages, a lone object, a search result."""
    shapes = {
        "pages": json.dumps([issue(1)]) + json.dumps([issue(2)]),
        "slurped": json.dumps([[issue(1)], [issue(2)]]),
        "object": json.dumps(issue(1)) + "\n" + json.dumps(issue(2)),
        "search": json.dumps({"total_count": 2, "items": [issue(1), issue(2)]}),
    }
    for name, text in shapes.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text, encoding="utf-8")
        code, out, _ = run(capsys, "import", "github", path, "--out", tmp_path / name)
        assert code == 0, (name, out)
        assert sorted(p.name for p in (tmp_path / name).iterdir()) == ["1.md", "2.md"], name


def test_fence_is_longer_than_any_colon_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "Before.\n\n```\n::::\n:::::: not a fence in code\n```\n\nAfter the code block.\n"
    path = tmp_path / "issues.json"
    path.write_text(json.dumps([issue(1, "Colons", body=body)]), encoding="utf-8")
    notes = tmp_path / "src" / "notes"
    assert run(capsys, "import", "github", path, "--out", notes)[0] == 0
    text = body_of(notes / "1.md")
    assert text.startswith(":::::::{paper-note} 1\n") and text.endswith("\n:::::::\n")
    app = build_project(make_project(notes.parent, 'suppress_warnings = ["papernotes.bibtex"]\n'))
    assert warnings_of(app) == ""
    page = (Path(app.outdir) / "notes" / "1.html").read_text(encoding="utf-8")
    text = BeautifulSoup(page, "html.parser").get_text()
    assert "After the code block." in text and ":::::: not a fence in code" in text


# --- exit codes and help ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["import"],
        ["frobnicate"],
        ["import", "github", "issues.json"],  # no --out
        ["import", "github", "missing.json", "--out", "notes"],
        ["import", "github", "issues.json", "--out", "notes", "--state", "merged"],
        ["import", "github", "issues.json", "--out", "notes", "--venue-label", "no-equals"],
        ["import", "github", "issues.json", "--out", "notes", "--venue-label", "A=2025"],
        ["import", "bibtex", "missing.bib", "--out", "notes"],
        ["new", "--id", "not valid"],
        ["new", "--arxiv", "not-an-id"],
        ["new", "--date", "2024-13-01"],
        ["new", "--tags", "a,,b"],
        ["new", "--authors", "<img src=x>"],
        ["new", "--venue", "<b>ICLR</b>'24"],
        ["new", "--tags", "a,<b>x</b>,"],
        ["new", "--title", "A <script>x()</script> title"],
    ],
)
def test_bad_usage_exits_2(
    args: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "issues.json").write_text("[]", encoding="utf-8")
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert "usage: papernotes" in err
    assert not (tmp_path / "notes").exists()
    assert list(tmp_path.glob("*.md")) == []


@pytest.mark.parametrize(
    "args",
    [[], ["new"], ["import"], ["import", "github"], ["import", "bibtex"]],
)
def test_help_of_every_command(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *args, "--help")
    assert code == 0
    assert out.startswith("usage: papernotes" + "".join(f" {arg}" for arg in args))
    for option in {
        (): ["new", "import", "--version"],
        ("new",): ["--id", "--title", "--authors", "--venue", "--tags", "--arxiv", "--dir"],
        ("import",): ["github", "bibtex"],
        ("import", "github"): [
            "--comments",
            "--out",
            "--state",
            "--drop-label",
            "--venue-label",
            "--all-comments",
            "--force",
        ],
        ("import", "bibtex"): ["--out", "--no-from-bib", "--force"],
    }[tuple(args)]:
        assert option in out


def test_console_script() -> None:
    (script,) = entry_points(group="console_scripts", name="papernotes")
    assert script.value == "sphinx_papernotes.cli:main"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_papernotes.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("papernotes ")


# --- import bibtex ---------------------------------------------------------------------------

BIB = r"""
@string{iclr = "International Conference on Learning Representations"}

@inproceedings{tschannen2025jetformer,
  title     = {{JetFormer}: An Autoregressive Generative Model of Raw Images and Text},
  author    = {Tschannen, Michael and Pinto, Andr{\'e} Susano and others},
  booktitle = iclr,
  year      = {2025},
  eprint    = {2411.19722},
  archivePrefix = {arXiv},
}

@article{Kingma:2014,
  title   = {Adam: A Method for Stochastic Optimization},
  author  = {Kingma, Diederik P. and Ba, Jimmy},
  journal = {Journal of Machine Learning Research},
  year    = 2014,
  doi     = {10.48550/arXiv.1412.6980},
  keywords = {Optimization, Deep Learning},
}

@misc{dinh2017,
  title  = {Density estimation using {Real NVP}},
  author = {Dinh, Laurent and Sohl-Dickstein, Jascha and Bengio, Samy},
  year   = {2017},
  url    = {https://openreview.net/forum?id=HkpbnH9lx},
}
"""

BROKEN = r"""
@article{broken,
  title = {An unbalanced {brace,
  author = {Nobody},
}

@misc{dinh2017,
  title = {Second entry with the same key},
}

@misc{fine2020,
  title  = {Still Imported},
  author = {Doe, Jane},
  year   = {2020},
}
"""


def bib_project(root: Path, from_bib: bool = True) -> Path:
    extra = (
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_papernotes"]\n'
        'bibtex_bibfiles = ["refs.bib"]\n'
        if from_bib
        else ""
    )
    project = make_project(root, extra)
    (project / "refs.bib").write_text(BIB, encoding="utf-8")
    return project


def test_import_bibtex_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = bib_project(tmp_path / "src")
    notes = project / "notes"
    code, out, _ = run(capsys, "import", "bibtex", project / "refs.bib", "--out", notes)
    assert code == 0
    assert out.splitlines()[0] == "Imported 3, updated 0, unchanged 0, skipped 0."
    assert "refs.bib:13 (Kingma:2014): written as note 'Kingma-2014' (Kingma-2014.md)" in out
    assert body_of(notes / "Kingma-2014.md") == (
        ":::{paper-note} Kingma-2014\n"
        ":from-bib: Kingma:2014\n"
        ":title: Adam: A Method for Stochastic Optimization\n"
        ":authors: Diederik P. Kingma; Jimmy Ba\n"
        ":venue: JMLR\n"
        ":year: 2014\n"
        ":tags: Optimization, Deep Learning\n"
        ":doi: 10.48550/arXiv.1412.6980\n"
        ":bibkey: Kingma:2014\n"
        ":::\n"
    )
    app = build_project(project)
    assert warnings_of(app) == ""
    notes_json = notes_by_id(app)
    jet = notes_json["tschannen2025jetformer"]
    assert jet["title"] == "JetFormer: An Autoregressive Generative Model of Raw Images and Text"
    assert jet["authors"] == ["Michael Tschannen", "André Susano Pinto"]
    assert jet["authors_truncated"] is True
    assert (jet["venue"], jet["year"]) == ("ICLR", 2025)
    assert jet["links"] == {"arxiv": "https://arxiv.org/abs/2411.19722"}
    assert jet["bibkey"] == "tschannen2025jetformer"
    adam = notes_json["Kingma-2014"]
    assert (adam["venue"], adam["year"], adam["bibkey"]) == ("JMLR", 2014, "Kingma:2014")
    assert adam["links"] == {"doi": "https://doi.org/10.48550/arXiv.1412.6980"}
    flow = notes_json["dinh2017"]
    assert flow["title"] == "Density estimation using Real NVP"
    assert flow["links"] == {"url": "https://openreview.net/forum?id=HkpbnH9lx"}

    mtimes = {path: path.stat().st_mtime_ns for path in notes.iterdir()}
    code, out, _ = run(capsys, "import", "bibtex", project / "refs.bib", "--out", notes)
    assert (code, out.splitlines()[0]) == (0, "Imported 0, updated 0, unchanged 3, skipped 0.")
    assert {path: path.stat().st_mtime_ns for path in notes.iterdir()} == mtimes

    adam_path = notes / "Kingma-2014.md"
    adam_path.write_text(adam_path.read_text(encoding="utf-8") + "\nMy notes.\n", encoding="utf-8")
    (project / "refs.bib").write_text(
        BIB.replace("year    = 2014", "year = 2015"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "import", "bibtex", project / "refs.bib", "--out", notes)
    assert code == 0 and "was edited by hand since it was imported" in out
    assert "My notes." in adam_path.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "import", "bibtex", project / "refs.bib", "--out", notes, "--force")
    assert code == 0 and out.splitlines()[0] == "Imported 0, updated 1, unchanged 2, skipped 0."
    assert ":year: 2015\n" in body_of(adam_path)


def test_import_bibtex_without_from_bib(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = bib_project(tmp_path / "src", from_bib=False)
    code, _, _ = run(
        capsys,
        "import",
        "bibtex",
        project / "refs.bib",
        "--out",
        project / "notes",
        "--no-from-bib",
    )
    assert code == 0
    assert ":from-bib:" not in body_of(project / "notes" / "dinh2017.md")
    app = build_project(project)
    assert warnings_of(app) == ""
    assert notes_by_id(app)["dinh2017"]["year"] == 2017


def test_import_bibtex_broken_entries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB + BROKEN, encoding="utf-8")
    notes = tmp_path / "notes"
    code, out, _ = run(capsys, "import", "bibtex", bib, "--out", notes)
    assert code == 1
    assert out.splitlines()[0] == "Imported 4, updated 0, unchanged 0, skipped 2 (2 with errors)."
    assert re.search(r"refs\.bib:\d+ \(broken\): cannot parse the entry: .*premature end", out)
    assert re.search(r"refs\.bib:\d+ \(dinh2017\): cannot parse the entry: repeated", out)
    assert sorted(path.stem for path in notes.iterdir()) == [
        "Kingma-2014",
        "dinh2017",
        "fine2020",
        "tschannen2025jetformer",
    ]


# --- new -------------------------------------------------------------------------------------


def test_new_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The hand-written notes 7 and 41 and the untitled draft have no author.
    project = make_project(tmp_path / "src", 'suppress_warnings = ["papernotes.bibtex"]\n')
    notes = project / "notes"
    notes.mkdir()
    (notes / "7.md").write_text(":::{paper-note} 7\n:title: Seven\n:::\n", encoding="utf-8")
    (notes / "other.md").write_text(
        ":::{paper-note} 41\n:title: Forty-one\n:::\n", encoding="utf-8"
    )
    code, out, _ = run(
        capsys,
        "new",
        "--dir",
        notes,
        "--title",
        "JetFormer: An Autoregressive Generative Model of Raw Images and Text",
        "--authors",
        "Michael Tschannen; André Susano Pinto+",
        "--venue",
        "ICLR'25",
        "--tags",
        "ComputerVision, NormalizingFlow",
        "--arxiv",
        "2411.19722",
        "--offline",
        "--date",
        "2025-08-17",
    )
    assert code == 0
    assert out == f"{notes / '42.md'}\n"  # after the largest number in use
    text = (notes / "42.md").read_text(encoding="utf-8")
    assert ":::{paper-note} 42\n:title: JetFormer: An Autoregressive" in text
    assert read_header(text.encode()) is None  # a note of one's own: no import header

    code, _, err = run(capsys, "new", "--dir", notes, "--id", "42", "--title", "Again")
    assert code == 1 and "exists; nothing written" in err
    code, _, err = run(capsys, "new", "--dir", notes, "--id", "41")
    assert code == 1 and f"note id 41 is already used by {notes / 'other.md'}" in err
    code, out, _ = run(capsys, "new", "--dir", notes, "--id", "draft-1", "--date", "2025-01-02")
    assert code == 0 and out.strip().endswith("draft-1.md")

    app = build_project(project)
    assert warnings_of(app) == "", text
    built = notes_by_id(app)
    assert built["42"]["authors"] == ["Michael Tschannen", "André Susano Pinto"]
    assert built["42"]["authors_truncated"] is True
    assert (built["42"]["venue"], built["42"]["year"], built["42"]["date"]) == (
        "ICLR",
        2025,
        "2025-08-17",
    )
    assert built["42"]["links"] == {"arxiv": "https://arxiv.org/abs/2411.19722"}
    assert built["draft-1"]["title"] == "Untitled"


def test_new_in_empty_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "new", "--title", "First")[0] == 0
    assert run(capsys, "new", "--title", "Second")[0] == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["1.md", "2.md"]


# --- the parts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "[Paper Note] JetFormer: Raw Images and Text, Michael Tschannen+, ICLR'25, 2024.11",
            ("JetFormer: Raw Images and Text", "Michael Tschannen+", "ICLR'25", None, True),
        ),
        ("A, B, C, Ann Lee+, NeurIPS 2024", ("A, B, C", "Ann Lee+", "NeurIPS 2024", None, True)),
        ("T, Ann Lee+, N_A, 2023.05", ("T", "Ann Lee+", None, "2023", True)),
        # The title keeps its own commas as written (full-width ones too).
        (
            "深度学习，新方法,a,b, Ann Lee+, ACL'24",
            ("深度学习，新方法,a,b", "Ann Lee+", "ACL'24", None, True),
        ),
        ("T, Ann Lee+, arXiv'23, 2023.05", ("T", "Ann Lee+", "arXiv'23", None, True)),
        ("【Paper Note】 T, 山田+, NLP'24", ("T", "山田+", "NLP'24", None, True)),
        ("Plain title", ("Plain title", None, None, None, False)),
        # A venue and no author (tests/test_import_rules.py has the other shapes).
        (
            "Deep Learning, NeurIPS 2020 tutorial",
            ("Deep Learning", None, "NeurIPS 2020 tutorial", None, True),
        ),
        ("T, Lee 2, ICLR'25", ("T, Lee 2", None, "ICLR'25", None, True)),  # no digits in names
        ("Bar, Baz, 2020", ("Bar", None, "Baz", "2020", True)),  # a name-less venue and a year
    ],
)
def test_issue_titles(title: str, expected: tuple[Any, ...]) -> None:
    parsed = parse_issue_title(title)
    assert (parsed.title, parsed.authors, parsed.venue, parsed.year, parsed.matched) == expected


@pytest.mark.parametrize(
    ("value", "written", "altered"),
    [
        ("Plain: value", "Plain: value", False),
        ('"Quoted" start', "'\"Quoted\" start'", False),
        ("'Single' start", "\"'Single' start\"", False),
        ("C# and a #1 hit", "'C# and a #1 hit'", False),
        ("| pipe", "'| pipe'", False),
        ("two\nlines", "two lines", False),
        ("'both' \"kinds\"", "'’both’ \"kinds\"'", True),
    ],
)
def test_option_values(value: str, written: str, altered: bool) -> None:
    assert option_value(value) == (written, altered)


def test_fences() -> None:
    assert fence_for("no colons") == ":::"
    assert fence_for("a\n:::\nb") == "::::"
    assert fence_for("  ::::::{note}\n") == ":::::::"
    text, _ = render_note("1", [("title", "T"), ("authors", "")], "::::\nbody")
    assert text == ":::::{paper-note} 1\n:title: T\n\n::::\nbody\n:::::\n"


CONTEXT = Context(page_url=f"{REPO}/issues/5", repo_url=REPO, known_ids=frozenset({"12", "13"}))


@pytest.mark.parametrize(
    ("markdown", "myst"),
    [
        ("See #12 and #99.", f"See {{note}}`12` and [#99]({REPO}/issues/99)."),
        (
            "`#12` in code, &#123; entity, C#12, repo#12",
            "`#12` in code, &#123; entity, C#12, repo#12",
        ),
        ("[#12 in a link](https://example.com/#12)", "[#12 in a link](https://example.com/#12)"),
        ("https://example.com/a#12.", "<https://example.com/a#12>."),
        (f"{REPO}/issues/13, again", "{note}`13`, again"),
        ("<a href='#12'>#13</a>", "<a href='#12'>{note}`13`</a>"),
        ("```\n#12\n```", "```\n#12\n```"),
        ("    #12 indented code", "    #12 indented code"),
        ("{note}`x` and {tag}`y`", "\\{note}`x` and \\{tag}`y`"),
        ("% percent\n+++\n(x)=\n:::", "\\% percent\n\\+++\n\\(x)=\n\\:::"),
        ("a\n\n---\n\nb", "a\n\nb"),
        ("![img](pics/a.png)", f"![img]({REPO}/issues/pics/a.png)"),
        ("[ref]: ../pull/3", f"[ref]: {REPO}/pull/3"),
        (
            "Text[^1] and [^2]\n\n[^1]: one\n[^3]: three",
            "Text[^p1] and \\[^2]\n\n[^p1]: one\n\\[^3]: three",
        ),
        ("```{warning}\nx\n```", "```text\nx\n```"),
        ("```python\nprint(1)\n```", "```python\nprint(1)\n```"),
        ('<img src="a.png" width="50%">', f":::{{image}} {REPO}/issues/a.png\n:width: 50%\n:::"),
        ("<script>x()</script>", "&lt;script>x()&lt;/script>"),
        ("<b>bold</b> <i onclick='x()'>i</i>", "<b>bold</b> &lt;i onclick='x()'>i</i>"),
        ("[call](tel:123) [mail](mailto:a@b.org)", "call (tel:123) [mail](mailto:a@b.org)"),
        ('<img src="javascript:x()">', '&lt;img src="javascript:x()">'),
    ],
)
def test_markdown_to_myst(markdown: str, myst: str) -> None:
    context = CONTEXT
    if "[^" in markdown:
        context = Context(CONTEXT.page_url, CONTEXT.repo_url, CONTEXT.known_ids, "p")
    assert convert(markdown, context).text == myst


@pytest.mark.parametrize(
    ("body", "summary"),
    [
        ("A one-sentence summary of the paper.\n\nMore.", "A one-sentence summary of the paper."),
        ("Spans\ntwo lines of text here.", "Spans two lines of text here."),
        ("日本語の要約もこのように文で終わる。", "日本語の要約もこのように文で終わる。"),
        ("Too short.", None),
        ("Key points of the paper:\n\n- one", None),
        ("## A heading first\n\nThen a paragraph that is long enough.", None),
        ("Has an image ![x](https://e.org/x.png) in it, sadly.", None),
        ("Has a link <https://example.com> that is an autolink.", None),
        ("x" * 601 + ".", None),
    ],
)
def test_summary_rule(body: str, summary: str | None) -> None:
    found, rest = split_summary(body)
    assert found == summary
    if summary is None:
        assert rest == body


def test_hand_edit_detection(tmp_path: Path) -> None:
    path = tmp_path / "1.md"
    assert write_generated(path, "test 1", "first\n").outcome.value == "created"
    assert path.read_text(encoding="utf-8").startswith("<!-- papernotes-import: test 1, sha256 ")
    assert write_generated(path, "test 1", "first\n").outcome.value == "unchanged"
    assert write_generated(path, "test 1", "second\n").outcome.value == "updated"
    path.write_text(path.read_text(encoding="utf-8") + "edit\n", encoding="utf-8")
    assert write_generated(path, "test 1", "third\n").outcome.value == "kept-edited"
    assert write_generated(path, "test 1", "third\n", force=True).outcome.value == "updated"
    assert body_of(path) == "third\n"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    terminal = Terminal()
    with ProgressBar(4, "Importing", terminal) as bar:
        for _ in range(4):
            bar.advance()
    assert "Importing [" in terminal.getvalue() and "] 4/4" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r")  # the line is cleared at the end
    pipe = StringIO()
    with ProgressBar(4, "Importing", pipe) as bar:
        bar.advance(4)
    assert pipe.getvalue() == ""


def test_new_ignores_files_named_with_non_ascii_digits(tmp_path: Path) -> None:
    (tmp_path / "².md").write_text("# not a note\n")
    (tmp_path / "7.md").write_text(":::{paper-note} 7\n:title: Seven\n:::\n")
    assert main(["new", "--dir", str(tmp_path), "--title", "Next"]) == 0
    assert (tmp_path / "8.md").is_file()
