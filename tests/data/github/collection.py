"""Write the round-trip fixture: 160 invented paper-note issues, and what each must become.

The round-trip test (``tests/test_import_collection.py``) writes these files
into a temporary folder; run ``python tests/data/github/collection.py DIR`` to
look at them. Deterministically, it writes:

- ``collection-rest.json`` and ``collection-rest-comments.json``: the REST
  API's shape (issues with a few pull requests, comments apart);
- ``collection-gh.json``: the same issues as ``gh issue list --json
  number,title,body,labels,createdAt,comments,url,author,state`` writes them;
- ``collection-expected.json``: what every note must hold after import.

Every title, name, body and comment is made up for this project, in the
shapes real collections use (see issue 13). The expected values are written
by hand next to each input in the tables below; nothing here calls the
importer. A title case appears four times with a different title ending,
body shape and comments, so every body shape meets every title shape.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
REPO = "https://github.com/aoki-lab/paper-notes"
API = "https://api.github.com/repos/aoki-lab/paper-notes"
OWNER = "aoki-reads"
OTHER = "drive-by-reader"
ISSUE_COUNT = 160

# title core, the rest of the title, then what it must give: the title's first author as
# written (None: no author), whether that list is cut short, the author's full name (as a
# body lists it), venue name, year, affiliation and notes kept in the body.
TITLES: list[tuple[str, str, str | None, bool, str, str | None, int | None, str, str]] = [
    ("Quiet Tokens for Long-Context Retrieval", "Haruka Ito+, arXiv'25, 2025.11",
     "Haruka Ito", True, "Haruka Ito", "arXiv", 2025, "", ""),
    ("Prompted Graph Learners", "Wen Zhao+, N_A, AAAI'24",
     "Wen Zhao", True, "Wen Zhao", "AAAI", 2024, "", ""),
    ("Knowledge Tracing with Sparse Attention", "Baek+, RiverEd, AAAI'22",
     "Baek", True, "Min-jun Baek", "AAAI", 2022, "RiverEd", ""),
    ("Contrastive Reranking at Scale", "Nora Quist+, Google Research, ICLR'23",
     "Nora Quist", True, "Nora Quist", "ICLR", 2023, "Google Research", ""),
    ("Multilingual Retrievers Distilled", "Chen+, Microsoft_Peking University, ACL'24",
     "Chen", True, "Lin Chen", "ACL", 2024, "Microsoft/Peking University", ""),
    ("A Note on Calibrated Ranking", "Maria Alvarez, ICML'21",
     "Maria Alvarez", False, "Maria Alvarez", "ICML", 2021, "", ""),
    ("Unified Audio Models for Speech, Music, Sound, and Talking Head", "AAAI'24",
     None, False, "", "AAAI", 2024, "", ""),
    ("How We Serve Embeddings Cheaply", "Sam Okafor+, 2024.03",
     "Sam Okafor", True, "Sam Okafor", None, 2024, "", ""),
    ("Neighbourhood Models for Ratings", "Kovacs+, Handbook of Recommender Systems, 2011.09",
     "Kovacs", True, "Eva Kovacs", "Handbook of Recommender Systems", 2011, "", ""),
    ("Parsing with Shallow Trees", "Ueda+, ACL23",
     "Ueda", True, "Sora Ueda", "ACL", 2023, "", ""),
    ("Early Statistical Taggers", "Marsh+, COLING-ACL'98",
     "Marsh", True, "Owen Marsh", "COLING-ACL", 1998, "", ""),
    ("Passage Scoring for Library Search", "Brandt+, ACL-SIGIR'93",
     "Brandt", True, "Ilse Brandt", "ACL-SIGIR", 1993, "", ""),
    ("Label Smoothing for Rankers", "Kim+, AAAI'18, ",
     "Kim", True, "Jae Kim", "AAAI", 2018, "", ""),
    ("Evaluating Long-Form Answers", "Tutorial at ACL 2025",
     None, False, "", "ACL Tutorial", 2025, "", ""),
    ("Sparse Additive Rankers", "Lindqvist+, JMLR, Vol.13, 2012.02",
     "Lindqvist", True, "Per Lindqvist", "JMLR", 2012, "", "Vol.13"),
    ("Click Prediction Challenge Write-up", "Kaggle, 2014",
     None, False, "", "Kaggle", 2014, "", ""),
    ("A Survey of Survey Papers", "2020", None, False, "", None, 2020, "", ""),
    ("Neighbour Models for Implicit Feedback", "Kapur et al. （with Lindgren）, RecSys'19",
     "Kapur", True, "Ravi Kapur", "RecSys", 2019, "", "with Lindgren"),
    ("Sparse Linear Item Models", "Pranav+ （with T. Okabe）, ICDM'11",
     "Pranav", True, "Pranav Rao", "ICDM", 2011, "", "with T. Okabe"),
    ("音声合成のための韻律制御", "Kenta Mori （Example Audio Corporation）, ICASSP'22",
     "Kenta Mori", False, "Kenta Mori", "ICASSP", 2022, "", "Example Audio Corporation"),
    ("Abstractive Summaries with Coverage", "Pauls+(with Sorel), ICLR'18",
     "Pauls", True, "Abe Pauls", "ICLR", 2018, "", "with Sorel"),
    ("Generative Flows on Graphs", "Lu+ (Tremblay group), NeurIPS'19",
     "Lu", True, "Yan Lu", "NeurIPS", 2019, "", "Tremblay group"),
    ("大規模言語モデルによる推薦の再考", "Daiki Sato+, RecSys'24, 2024.08",
     "Daiki Sato", True, "Daiki Sato", "RecSys", 2024, "", ""),
    ("日本語指示データセットの構築", "山本健太, 言語処理学会'24",
     "山本健太", False, "山本健太", "言語処理学会", 2024, "", ""),
    ("Mixture of Adapters for Rankers", "Oyelaran+, EMNLP'23 Findings",
     "Oyelaran", True, "Tolu Oyelaran", "EMNLP Findings", 2023, "", ""),
    ("Retrieval, Reasoning, and Rewriting in One Pass", "Ibsen+, NeurIPS'24",
     "Ibsen", True, "Kari Ibsen", "NeurIPS", 2024, "", ""),
    ("Offline Evaluation of Bandit Recommenders", "Marco Ruiz+, WSDM'20, 2019.12",
     "Marco Ruiz", True, "Marco Ruiz", "WSDM", 2020, "", ""),
    ("Diffusion Priors for Item Embeddings", "Tanaka+, N_A, arXiv'24, 2024.05",
     "Tanaka", True, "Rin Tanaka", "arXiv", 2024, "", ""),
    ("Scaling Laws for Sequential Recommenders", "Lee+, NAVER, arXiv'23",
     "Lee", True, "Soo Lee", "arXiv", 2023, "NAVER", ""),
    ("Why Rankers Forget", "Ana Costa+, 2023.07",
     "Ana Costa", True, "Ana Costa", None, 2023, "", ""),
    ("Temporal Graphs in Practice", "Odum+, KDD'21",
     "Odum", True, "Grace Odum", "KDD", 2021, "", ""),
    ("ニュース推薦におけるユーザ表現", "Aoi Kato+, N_A, WWW'23",
     "Aoi Kato", True, "Aoi Kato", "WWW", 2023, "", ""),
    ("Instruction Tuning for Query Rewriting", "Farah+, SIGIR'24",
     "Farah", True, "Lina Farah", "SIGIR", 2024, "", ""),
    ("Large Batch Training of Two-Tower Models", "Hollis+, CIKM'22",
     "Hollis", True, "Dean Hollis", "CIKM", 2022, "", ""),
    ("Test-Time Scaling for Rerankers", "Greta Holm+, ICLR'26, 2025.10",
     "Greta Holm", True, "Greta Holm", "ICLR", 2026, "", ""),
    ("Self-Play Fine-Tuning for Dialogue", "Nakamura+, ACL'25 Workshop",
     "Nakamura", True, "Yuto Nakamura", "ACL Workshop", 2025, "", ""),
    ("Matrix Sketching for Streams", "Okonkwo+, Journal of Streaming Data, 2016.04",
     "Okonkwo", True, "Ada Okonkwo", "Journal of Streaming Data", 2016, "", ""),
    ("Personalised Re-Ranking with Transformers", "Wei+, Alibaba Group, RecSys'19",
     "Wei", True, "Hao Wei", "RecSys", 2019, "Alibaba Group", ""),
    ("An Honest Look at Benchmarks", "Ridley Park, NeurIPS'22 Datasets and Benchmarks",
     "Ridley Park", False, "Ridley Park", "NeurIPS Datasets and Benchmarks", 2022, "", ""),
    ("Reading Notes on Sampling", "Tomas Berg+, Technical Report, 2018.06",
     "Tomas Berg", True, "Tomas Berg", "Technical Report", 2018, "", ""),
]  # fmt: skip

# The four endings a title core gets (none of them looks like a name).
ENDINGS = ["", ": a second look", " revisited", "（続編）"]
LABELS = [
    ["RecommenderSystems", "Evaluation"],
    ["LanguageModel", "自然言語処理"],
    ["PEFT(Adaptor/LoRA)"],
    ["Test-Time Scaling", "Reasoning"],
    ["GraphNeuralNetwork"],
    ["Dataset", "Japanese"],
    [],
]
PICK_LABELS = ["Admin'sPick", "Selected Papers/Blogs"]
DROPPED_LABEL = "status: read"
ABSTRACT = (
    "We study how a ranking model behaves when its training data drifts, and propose a "
    "cheap correction that needs no extra labels."
)
TRANSLATION = (
    "学習データが変化したときのランキングモデルの振る舞いを調べ、追加ラベルなしの補正を提案する。"
)
SUMMARY_POINTS = ["The correction is one extra loss term.", "It helps most on sparse users."]
SUMMARY_JA = ["本研究は推薦モデルの較正を扱う。", "小さなデータでも効果がある。"]
BODY_SUMMARY_JA = "この論文は、長い入力を扱う検索モデルを小さな計算量で学習する方法を示している。"
BODY_SUMMARY_EN = (
    "The authors compare three ways of sampling negatives and find that the simplest one "
    "works best."
)


def issue_numbers(count: int = ISSUE_COUNT) -> list[int]:
    """Issue numbers: multiples of 17 are missing, multiples of 25 are pull requests."""
    numbers: list[int] = []
    number = 0
    while len(numbers) < count:
        number += 1
        if number % 17 and number % 25:
            numbers.append(number)
    return numbers


def body_of(variant: int, n: int, full: str, ref: int | None) -> tuple[str, dict[str, Any]]:
    """An issue body of one of eight shapes, and what it must give."""
    arxiv = f"{2300 + n % 90:04d}.{10000 + n:05d}"
    coauthors = [full or "Noa Fields", "Bea Lindahl", "Kofi Mensah"]
    if variant == 0:  # newer notes: sections, with Authors
        body = (
            f"# URL\n- https://arxiv.org/abs/{arxiv}\n\n# Authors\n"
            + "".join(f"  - {name}\n" for name in coauthors)
            + f"\n# Abstract\n{ABSTRACT}\n\n# Translation (by gpt-4o-mini)\n{TRANSLATION}\n\n"
            "# Summary (by gpt-4o-mini)\n" + "".join(f"- {p}\n" for p in SUMMARY_POINTS)
        )
        return body, {
            "authors": coauthors,
            "summary": " ".join(SUMMARY_POINTS),
            "links": {"arxiv": f"https://arxiv.org/abs/{arxiv}"},
            # The list summary is a field, and also kept in the body as written.
            "collapsed": ["Abstract", "Translation (by gpt-4o-mini)", "Summary (by gpt-4o-mini)"],
            "text": [ABSTRACT, TRANSLATION],
        }
    if variant == 1:  # newer notes: Affiliations, an empty Translation
        forum = f"Xq{n:04d}_rv"
        body = (
            f"# URL\n- https://openreview.net/forum?id={forum}\n\n# Affiliations\n"
            f"  - {coauthors[0]}, N/A\n  - {coauthors[1]}, Kyoto Institute of Informatics\n\n"
            f"# Abstract\n{ABSTRACT}\n\n# Translation (by gpt-4o-mini)\n\n"
            "# Summary (by gpt-4o-mini)\n" + "\n".join(SUMMARY_JA) + "\n"
        )
        return body, {
            "authors": coauthors[:2],
            "summary": "".join(SUMMARY_JA),  # Japanese lines join without a space
            "links": {"openreview": f"https://openreview.net/forum?id={forum}"},
            "collapsed": ["Abstract"],
            "text": [ABSTRACT, f"{coauthors[1]}: Kyoto Institute of Informatics"],
        }
    if variant == 2:  # older notes: the body is just a URL
        url = f"https://aclanthology.org/2023.findings-{n}/"
        return url + "\n", {"links": {"url": url}}
    if variant == 3:  # a project page, a Japanese summary, a reference in the body
        url = f"https://lab{n}.example.io/project/"
        body = f"pj page: {url}\n\n{BODY_SUMMARY_JA}\n\n- 学習が速い\n- 実装が短い\n"
        expected: dict[str, Any] = {
            "links": {"url": url},
            "summary": BODY_SUMMARY_JA,
            "text": ["学習が速い"],
        }
        if ref is not None:
            body += f"\n関連論文は#{ref}を参照。\n"  # glued to Japanese, as written
            expected["references"] = [str(ref)]
        return body, expected
    if variant == 4:  # older notes: a line of authors, a DOI
        doi = f"10.1145/3583780.{3610000 + n}"
        body = f"{', '.join(coauthors)}\n\nhttps://doi.org/{doi}\n\n{BODY_SUMMARY_EN}\n"
        taken = coauthors if full else []
        return body, {
            "authors": taken,
            "links": {"doi": f"https://doi.org/{doi}"},
            "summary": "" if not full else BODY_SUMMARY_EN,
            "text": [] if full else [", ".join(coauthors)],
        }
    if variant == 5:  # a PDF, key points
        pdf = f"https://papers.example.org/{2000 + n % 25}/file/{n:04x}-Paper.pdf"
        body = f"PDF: {pdf}\n\nKey points:\n\n- fewer parameters\n- same accuracy\n"
        return body, {"links": {"pdf": pdf}, "text": ["fewer parameters"]}
    if variant == 6:  # an arXiv PDF, a code repository, a picture
        code = f"https://github.com/example-org/tinyrec-{n}"
        picture = f"https://github.com/user-attachments/assets/{n:08x}-fig"
        body = (
            f"https://arxiv.org/pdf/{arxiv}.pdf\n{code}\n\n"
            f"See the figure below for the architecture\n\n![image]({picture})\n"
        )
        return body, {
            "links": {"arxiv": f"https://arxiv.org/abs/{arxiv}", "code": code},
            "html": [f'src="{picture}"'],
        }
    return "", {}  # an empty body


def comments_of(
    index: int, n: int, ref: int | None, created: str
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Comments on an issue (owner's and others'), and what they must give."""
    comments: list[dict[str, Any]] = []
    expected: dict[str, Any] = {"references": [], "text": [], "html": [], "absent": []}
    day = created[:10]
    if index % 3 == 0 and ref is not None:
        missing = 17 * (1 + index % 9)
        picture = f"https://github.com/user-attachments/assets/c{n:07x}-plot"
        comments.append(
            {
                "author": OWNER,
                "body": f"Follow-up: compare with #{ref} and #{missing}.\r\n\r\n"
                f"![image]({picture})",
            }
        )
        expected["references"].append(str(ref))
        expected["html"] += [f'href="{REPO}/issues/{missing}"', f'src="{picture}"']
    if index % 5 == 0:
        post = f"https://x.com/notes_fan{n % 10}/status/17{n:017d}?s=46&t=Zq{n}Xw"
        comments.append({"author": OWNER, "body": f"Thread by the authors:\n{post}"})
        expected["text"].append(f"@notes_fan{n % 10} on X")
        expected["html"].append(f'href="{post.replace("&", "&amp;")}"')
    if index % 7 == 0:
        comments.append(
            {
                "author": OWNER,
                "body": f"解説記事: https://blog.example.com/posts/{n}がわかりやすい。",
            }
        )
        expected["html"].append(f'href="https://blog.example.com/posts/{n}"')
        expected["text"].append("がわかりやすい。")
    if index % 4 == 1:
        comments.append({"author": OTHER, "body": f"Thanks for sharing note {n}, very useful!"})
        expected["absent"].append(f"Thanks for sharing note {n}")
    for order, comment in enumerate(comments):
        comment["created_at"] = f"{day}T{10 + order:02d}:30:00Z"
    expected["rubrics"] = [f"Comment, {day}" for comment in comments if comment["author"] == OWNER]
    return comments, expected


def collection(
    count: int = ISSUE_COUNT,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """REST issues, REST comments, gh items, and the expected notes by id.

    ``count`` other than 160 is for the import benchmark (5,000 issues).
    """
    rest: list[dict[str, Any]] = []
    rest_comments: list[dict[str, Any]] = []
    gh: list[dict[str, Any]] = []
    expected: dict[str, Any] = {}
    numbers = issue_numbers(count)
    comment_id = 900000
    for index, n in enumerate(numbers):
        case = TITLES[index % len(TITLES)]
        core, tail, author, truncated, full, venue, year, affiliation, note = case
        ending = ENDINGS[(index // len(TITLES)) % len(ENDINGS)]
        prefix = "[Paper Note] " if index % 2 else ""
        title = f"{prefix}{core}{ending}, {tail}"
        variant = (index + index // len(TITLES)) % 8
        ref = numbers[index - 1] if index else None
        body, from_body = body_of(variant, n, full, ref)
        created = (
            f"{2017 + index % 10}-{1 + index % 12:02d}-{1 + index % 28:02d}"
            f"T03:{index % 60:02d}:00Z"
        )
        comments, from_comments = comments_of(index, n, ref, created)
        tags = LABELS[index % len(LABELS)]
        pick = index % 9 == 4
        labels = [*tags, DROPPED_LABEL] + ([PICK_LABELS[index % 2]] if pick else [])
        authors = from_body.get("authors") or ([author] if author else [])
        text = [*from_body.get("text", []), *from_comments["text"]]
        if affiliation:
            text.append(f"Affiliation: {affiliation}")
        if note:
            text.append(f"From the title: {note}")
        expected[str(n)] = {
            "title": core + ending,
            "first_author": authors[0] if authors else None,
            "authors_truncated": truncated
            if "authors" not in from_body or not from_body["authors"]
            else False,
            "authors": authors,
            "venue": venue,
            "year": year,
            "date": created[:10],
            "tags": tags,
            "summary": from_body.get("summary", ""),
            "links": from_body.get("links", {}),
            "references": sorted(
                set(from_body.get("references", []) + from_comments["references"])
            ),
            "pick": pick,
            "collapsed": from_body.get("collapsed", []),
            "rubrics": from_comments["rubrics"],
            "text": text,
            "html": [*from_body.get("html", []), *from_comments["html"]],
            "absent": from_comments["absent"],
        }
        url = f"{REPO}/issues/{n}"
        rest.append(
            {
                "url": f"{API}/issues/{n}",
                "html_url": url,
                "number": n,
                "title": title,
                "user": {"login": OWNER, "type": "User"},
                "labels": [{"name": label, "color": "ededed"} for label in labels],
                "state": "closed" if index % 6 == 5 else "open",
                "comments": len(comments),
                "created_at": created,
                "updated_at": created,
                "author_association": "OWNER",
                "body": body.replace("\n", "\r\n") if index % 2 else body,
            }
        )
        embedded = []
        for comment in comments:
            comment_id += 1
            link = f"{url}#issuecomment-{comment_id}"
            rest_comments.append(
                {
                    "html_url": link,
                    "issue_url": f"{API}/issues/{n}",
                    "user": {"login": comment["author"]},
                    "created_at": comment["created_at"],
                    "body": comment["body"],
                }
            )
            embedded.append(
                {
                    "author": {"login": comment["author"]},
                    "authorAssociation": "OWNER" if comment["author"] == OWNER else "NONE",
                    "body": comment["body"],
                    "createdAt": comment["created_at"],
                    "id": f"IC_kw{comment_id}",
                    "url": link,
                }
            )
        gh.append(
            {
                "author": {"login": OWNER, "name": "Aoki", "is_bot": False},
                "body": rest[-1]["body"],
                "comments": embedded,
                "createdAt": created,
                "labels": [
                    {"id": f"LA_{label}", "name": label, "description": "", "color": "ededed"}
                    for label in labels
                ],
                "number": n,
                "state": rest[-1]["state"].upper(),
                "title": title,
                "url": url,
            }
        )
    for n in range(25, numbers[-1], 25):  # pull requests, in the REST listing only
        rest.append(
            {
                "html_url": f"{REPO}/pull/{n}",
                "number": n,
                "title": f"Fix a typo in note template {n}",
                "user": {"login": OWNER},
                "labels": [],
                "state": "closed",
                "created_at": "2023-01-01T00:00:00Z",
                "updated_at": "2023-01-01T00:00:00Z",
                "body": "",
                "pull_request": {"url": f"{API}/pulls/{n}"},
            }
        )
    rest.sort(key=lambda item: -item["number"])  # the API lists the newest first
    return rest, rest_comments, gh, expected


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def files() -> dict[str, str]:
    """File name -> content of every fixture file."""
    rest, rest_comments, gh, expected = collection()
    return {
        "collection-rest.json": dump(rest),
        "collection-rest-comments.json": dump(rest_comments),
        "collection-gh.json": dump(gh),
        "collection-expected.json": dump(expected),
    }


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files().items():
        (folder / name).write_text(content, encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
