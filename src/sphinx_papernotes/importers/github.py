"""GitHub issues (the REST API's JSON, or ``gh issue list --json``) to one MyST note per issue.

The input is what ``GET /repos/{owner}/{repo}/issues`` returns: one JSON
array, several arrays back to back (``gh api --paginate``), or an array of
arrays (``gh api --paginate --slurp``). Comments, optionally, come from
``GET /repos/{owner}/{repo}/issues/comments`` in the same shapes. The
output of ``gh issue list --json number,title,body,labels,createdAt,
comments,url,author,state`` is read too: it names the same things
differently (``createdAt``, ``url``, ``author``, ``OPEN``) and embeds the
comments.

Each issue becomes ``DIR/<number>.md``. How every field is found is
documented in ``docs/cli.md``; the rules live in :mod:`.titles` (the title),
:mod:`.sections` (the body's sections), :mod:`.paper_links` (link fields),
:mod:`.summary` (the summary of older bodies) and :mod:`.markdown` (the body).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..model.links import LINK_KINDS
from ..model.tags import MAX_TAG_LENGTH
from ..model.text import clean_text, shorten
from .files import write_generated
from .json_pages import load_json_values
from .markdown import Context, convert, escape_text, normalise
from .myst import fence_for, render_note
from .paper_links import PaperLink, paper_links
from .progress import ProgressBar
from .report import Report
from .scan import note_ids_in
from .sections import author_line, read_sections
from .summary import split_summary
from .titles import parse_issue_title

STATES = ("open", "closed", "all")
_REPO_RE = re.compile(r"^(https?://[^/\s]+/[^/\s]+/[^/\s]+)/(?:issues|pull)/\d+")
_ISSUE_URL_RE = re.compile(r"/issues/(\d+)/?$")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")
_HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")


@dataclass(frozen=True)
class GithubOptions:
    """The choices of ``papernotes import github``."""

    state: str = "all"
    drop_labels: tuple[str, ...] = ()  # patterns (``fnmatch``), case ignored
    venue_labels: tuple[tuple[str, str], ...] = ()  # (label, venue)
    all_comments: bool = False  # ``--all-authors``: comments by everyone
    force: bool = False
    pick_labels: tuple[str, ...] = ()  # labels that mark a pick (case ignored)


@dataclass(frozen=True)
class Comment:
    number: int
    body: str
    created_at: str
    author: str | None
    html_url: str | None
    order: int


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str
    labels: tuple[str, ...]
    created_at: str | None
    updated_at: str
    html_url: str | None
    author: str | None
    where: str
    raw: Any = field(compare=False, repr=False)
    comments: tuple[Comment, ...] | None = None  # embedded (``gh issue list --json``)


def _login(value: Any) -> str | None:
    login = value.get("login") if isinstance(value, dict) else None
    return login if isinstance(login, str) else None


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value > 0:
        return value
    text = value.strip() if isinstance(value, str) else ""
    if text.isascii() and text.isdecimal() and int(text) > 0:
        return int(text)
    return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _labels(value: Any) -> tuple[str, ...]:
    names: list[str] = []
    for label in value if isinstance(value, list) else ():
        name = label.get("name") if isinstance(label, dict) else label
        if isinstance(name, str) and clean_text(name):
            names.append(name)
    return tuple(names)


def is_gh_cli_item(raw: dict[str, Any]) -> bool:
    """True for an item written by ``gh issue list --json`` rather than the REST API."""
    return "html_url" not in raw and (
        "createdAt" in raw or "author" in raw or isinstance(raw.get("comments"), list)
    )


def _embedded_comments(number: int, value: Any) -> tuple[Comment, ...]:
    """The ``comments`` array of a ``gh issue list --json`` item, oldest first."""
    found = [
        Comment(
            number=number,
            body=_text(item.get("body")),
            created_at=_text(item.get("createdAt")),
            author=_login(item.get("author")),
            html_url=_text(item.get("url")) or None,
            order=order,
        )
        for order, item in enumerate(value if isinstance(value, list) else ())
        if isinstance(item, dict)
    ]
    return tuple(sorted(found, key=lambda comment: (comment.created_at, comment.order)))


def read_issue(where: str, raw: Any) -> Issue | str:
    """An :class:`Issue` from either shape, or why the item cannot be one."""
    if not isinstance(raw, dict):
        return f"not an issue (a JSON {type(raw).__name__}, expected an object)"
    number = _number(raw.get("number"))
    if number is None:
        return "no issue number (field 'number')"
    title = clean_text(_text(raw.get("title")))
    if not title:
        return f"issue #{number} has no title"
    if is_gh_cli_item(raw):
        return Issue(
            number=number,
            title=title,
            body=_text(raw.get("body")),
            labels=_labels(raw.get("labels")),
            created_at=_text(raw.get("createdAt")) or None,
            updated_at=_text(raw.get("updatedAt")),
            html_url=_text(raw.get("url")) or None,
            author=_login(raw.get("author")),
            where=where,
            raw=raw,
            comments=_embedded_comments(number, raw.get("comments")),
        )
    return Issue(
        number=number,
        title=title,
        body=_text(raw.get("body")),
        labels=_labels(raw.get("labels")),
        created_at=_text(raw.get("created_at")) or None,
        updated_at=_text(raw.get("updated_at")),
        html_url=_text(raw.get("html_url")) or None,
        author=_login(raw.get("user")),
        where=where,
        raw=raw,
    )


def iso_date(timestamp: str | None) -> str | None:
    """``2024-03-05T23:10:00Z`` -> ``2024-03-05`` (the date in UTC)."""
    if not timestamp:
        return None
    try:
        moment = dt.datetime.fromisoformat(timestamp.strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.date().isoformat()


@dataclass
class _Labels:
    """Labels sorted into tags and a venue, by the user's options."""

    tags: list[str]
    venue: str | None
    notices: list[str]
    pick: bool = False


def sort_labels(labels: Sequence[str], options: GithubOptions) -> _Labels:
    venues = {clean_text(label).casefold(): venue for label, venue in options.venue_labels}
    patterns = [clean_text(pattern).casefold() for pattern in options.drop_labels]
    picks = {clean_text(label).casefold() for label in options.pick_labels}
    tags: list[str] = []
    venue: str | None = None
    notices: list[str] = []
    pick = False
    for label in labels:
        name = clean_text(label)
        folded = name.casefold()
        if any(fnmatch.fnmatchcase(folded, pattern) for pattern in patterns):
            continue
        if folded in picks:
            pick = True
            continue
        if folded in venues:
            if venue is None:
                venue = venues[folded]
            else:
                notices.append(f"label {name!r} names a second venue; kept {venue!r}")
            continue
        if "," in name:
            tag = clean_text(name.replace(",", " "))
            notices.append(f"label {name!r} holds a comma (tags are comma-separated); tag {tag!r}")
            name = tag
        if len(name) > MAX_TAG_LENGTH:
            notices.append(
                f"label {shorten(name)!r} is longer than {MAX_TAG_LENGTH} characters; left out"
            )
            continue
        if name and name not in tags:
            tags.append(name)
    return _Labels(tags, venue, notices, pick)


def choose_links(links: Sequence[PaperLink]) -> tuple[dict[str, str], list[str]]:
    """The first link of each kind as the field's value, and the URLs of every copy of it.

    arXiv, OpenReview and DOI fields take the id; the others the URL. Lines
    holding nothing but one of the returned URLs leave the body (the note
    shows the link already).
    """
    chosen: dict[str, PaperLink] = {}
    for link in links:
        chosen.setdefault(link.kind, link)
    dropped = [link.url for link in links if link.ident == chosen[link.kind].ident]
    values = {
        kind: chosen[kind].ident if kind in ("arxiv", "openreview", "doi") else chosen[kind].url
        for kind in LINK_KINDS
        if kind in chosen
    }
    return values, dropped


def summary_field(text: str) -> str | None:
    """A converted summary section as one line for ``:summary:``; ``None`` if it holds HTML.

    Autolinks (``<https://…>``) become ``[https://…](https://…)``: the field
    refuses anything that looks like a tag.
    """
    line = _AUTOLINK_RE.sub(lambda m: f"[{m.group(1)}]({m.group(1)})", " ".join(text.split()))
    return None if _HTML_RE.search(line) else line


def title_details(affiliation: str | None, notes: Sequence[str]) -> str:
    """What the title said beyond its fields, as a short list at the top of the body."""
    lines = [f"- Affiliation: {affiliation}"] if affiliation else []
    lines += [f"- From the title: {note}" for note in notes]
    return "\n".join(lines)


def collapsed(heading: str, text: str) -> str:
    """A section shown folded (a sphinx-design dropdown), as Abstract and Translation are."""
    fence = fence_for(text)
    return f"{fence}{{dropdown}} {escape_text(heading)}\n{text}\n{fence}"


def render_issue(
    issue: Issue,
    comments: Sequence[Comment],
    options: GithubOptions,
    known_ids: frozenset[str],
) -> tuple[str, list[str], int]:
    """The note text of one issue, notices about it, and how many comments were left out."""
    notices: list[str] = []
    parsed = parse_issue_title(issue.title)
    if parsed.had_prefix and not parsed.matched:
        notices.append(
            "the title does not follow 'Title, FirstAuthor+, Venue'YY'; kept as written"
        )
    labels = sort_labels(issue.labels, options)
    notices += labels.notices
    repo = _REPO_RE.match(issue.html_url or "")
    context = Context(
        page_url=issue.html_url,
        repo_url=repo.group(1) if repo else None,
        known_ids=known_ids,
    )

    body = normalise(issue.body)
    sections = read_sections(body)
    authors = sections.authors
    rest = sections.body
    if not authors:
        authors, rest = author_line(rest, parsed.first_author)
    # The body's links first; a title that names a paper URL gives one as well.
    links, dropped = choose_links([*paper_links(rest), *paper_links(issue.title)])
    converted = convert(rest, context, dropped)
    changes = list(converted.changes)
    summary: str | None = None
    if sections.summary:
        converted_summary = convert(sections.summary, context)
        changes += converted_summary.changes
        summary = summary_field(converted_summary.text)
        as_written = (sections.summary_heading, sections.summary_source)
        if summary is None and as_written not in sections.collapsed:
            # Raw HTML, which a field shows as text: the section as written, in the body.
            sections.collapsed.insert(0, as_written)
        rest = converted.text
    else:
        summary, rest = split_summary(converted.text)

    parts: list[str] = []
    details = title_details(parsed.affiliation, parsed.notes)
    if sections.author_notes:
        details += "\n" if details else ""
        details += "\n".join(f"- {name}: {note}" for name, note in sections.author_notes)
    if sections.affiliations:
        details += "\n" if details else ""
        details += "\n".join(f"- {name}: {place}" for name, place in sections.affiliations)
    if details:
        details_text = convert(details, context)
        changes += details_text.changes
        parts.append(details_text.text)
    for number, (heading, content) in enumerate(sections.collapsed, start=1):
        section_context = Context(
            page_url=context.page_url,
            repo_url=context.repo_url,
            known_ids=known_ids,
            footnote_prefix=f"s{number}-",
        )
        section = convert(content, section_context)
        changes += section.changes
        parts.append(collapsed(heading, section.text))
    if rest:
        parts.append(rest)
    left_out = 0
    kept = 0
    for comment in comments:
        by_author = issue.author is not None and comment.author == issue.author
        if not by_author and not options.all_comments:
            left_out += 1
            continue
        text = normalise(comment.body)
        if not text.strip():
            continue
        kept += 1
        comment_context = Context(
            page_url=comment.html_url or issue.html_url,
            repo_url=context.repo_url,
            known_ids=known_ids,
            footnote_prefix=f"c{kept}-",
        )
        converted_comment = convert(text, comment_context)
        changes += converted_comment.changes
        when = iso_date(comment.created_at) or "undated"
        heading = (
            f"Comment, {when}"
            if by_author
            else f"Comment by {comment.author or 'unknown'}, {when}"
        )
        parts.append(f":::{{rubric}} {heading}\n:::\n\n{converted_comment.text}")
    if not body.strip():
        notices.append("empty body; the note has its fields only" if not parts else "empty body")
    if changes:
        notices.append("; ".join(sorted(set(changes))))

    venue = parsed.venue or labels.venue
    date = iso_date(issue.created_at)
    if issue.created_at and date is None:
        notices.append(f"created_at {shorten(issue.created_at)!r} is not a date; no date")
    fields = [
        ("title", parsed.title),
        ("authors", "; ".join(authors) if authors else parsed.authors or ""),
        ("venue", venue or ""),
        ("year", parsed.year or ""),
        ("date", date or ""),
        ("tags", ", ".join(labels.tags)),
        *((kind, links.get(kind, "")) for kind in LINK_KINDS),
        ("summary", summary or ""),
        ("pick", "yes" if labels.pick else ""),
    ]
    for name, value in fields:
        if name in ("title", "authors", "tags") and _HTML_RE.search(value):
            notices.append(
                f"the {name} looks like HTML markup; the build will warn and show it as text"
            )
    text, altered = render_note(str(issue.number), fields, "\n\n".join(parts))
    for name in altered:
        notices.append(f"the {name} needed quoting and holds both quote kinds; its ' became ’")
    return text, notices, left_out


def read_comments(path: Path, report: Report) -> dict[int, list[Comment]]:
    """Comments by issue number, oldest first; bad items are reported and skipped."""
    items, errors = load_json_values(path)
    report.errors += errors
    by_issue: dict[int, list[Comment]] = {}
    for order, (where, raw) in enumerate(items):
        if not isinstance(raw, dict):
            report.skip(where, "not a comment (expected a JSON object)", error=True)
            continue
        match = _ISSUE_URL_RE.search(_text(raw.get("issue_url")))
        if match is None:
            report.skip(where, "comment without an issue_url naming its issue", error=True)
            continue
        comment = Comment(
            number=int(match.group(1)),
            body=_text(raw.get("body")),
            created_at=_text(raw.get("created_at")),
            author=_login(raw.get("user")),
            html_url=_text(raw.get("html_url")) or None,
            order=order,
        )
        by_issue.setdefault(comment.number, []).append(comment)
    for comments in by_issue.values():
        comments.sort(key=lambda comment: (comment.created_at, comment.order))
    return by_issue


def select_issues(
    items: list[tuple[str, Any]], options: GithubOptions, report: Report
) -> list[Issue]:
    """The issues to import: pull requests, other states, bad items and duplicates skipped."""
    chosen: dict[int, Issue] = {}
    for where, raw in items:
        issue = read_issue(where, raw)
        if isinstance(issue, str):
            report.skip(where, issue, error=True)
            continue
        item = f"#{issue.number}"
        if isinstance(raw, dict) and raw.get("pull_request"):
            report.skip(item, "pull request")
            continue
        state = _text(raw.get("state")).lower()
        if options.state != "all" and state != options.state:
            report.skip(item, f"{state or 'no state'} (--state {options.state})")
            continue
        previous = chosen.get(issue.number)
        if previous is None:
            chosen[issue.number] = issue
        elif previous.raw == issue.raw:
            report.skip(f"{item} ({where})", f"repeats {previous.where} exactly")
        else:
            newer, older = (
                (issue, previous) if issue.updated_at > previous.updated_at else (previous, issue)
            )
            chosen[issue.number] = newer
            report.skip(
                f"{item} ({older.where})",
                f"issue number also at {newer.where} with other content; kept that one "
                "(updated last)",
                error=True,
            )
    return [chosen[number] for number in sorted(chosen)]


def merged_comments(issue: Issue, from_file: Sequence[Comment]) -> list[Comment]:
    """Embedded comments and those of ``--comments``, each once, oldest first."""
    merged: dict[tuple[str, str], Comment] = {}
    for comment in [*(issue.comments or ()), *from_file]:
        key = (
            (comment.html_url or "", "")
            if comment.html_url
            else (comment.created_at, comment.body)
        )
        merged.setdefault(key, comment)
    return sorted(merged.values(), key=lambda comment: comment.created_at)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def import_github(
    issues_path: Path,
    out: Path,
    comments_path: Path | None = None,
    options: GithubOptions | None = None,
    progress_stream: TextIO | None = None,
) -> Report:
    """Import GitHub issues into ``out`` and say what happened."""
    options = options or GithubOptions()
    report = Report()
    items, errors = load_json_values(issues_path)
    report.errors += errors
    issues = select_issues(items, options, report)
    comments = read_comments(comments_path, report) if comments_path else {}

    out.mkdir(parents=True, exist_ok=True)
    existing = note_ids_in(out)
    known = frozenset({str(issue.number) for issue in issues} | set(existing))
    imported_numbers = {issue.number for issue in issues}
    orphans = sum(
        len(found) for number, found in comments.items() if number not in imported_numbers
    )
    left_out_total = 0
    left_out_issues = 0
    with ProgressBar(len(issues), "Importing issues", progress_stream) as bar:
        for issue in issues:
            item = f"#{issue.number}"
            path = out / f"{issue.number}.md"
            holder = existing.get(str(issue.number))
            if holder is not None and holder.resolve() != path.resolve():
                report.skip(
                    item, f"note id {issue.number} is already used by {holder}", error=True
                )
                bar.advance()
                continue
            text, notices, left_out = render_issue(
                issue, merged_comments(issue, comments.get(issue.number, [])), options, known
            )
            report.notices += [f"{item}: {notice}" for notice in notices]
            if left_out:
                left_out_total += left_out
                left_out_issues += 1
            try:
                written = write_generated(
                    path, f"github issue {issue.number}", text, options.force
                )
            except OSError as error:
                report.skip(item, f"cannot write {path}: {error.strerror or error}", error=True)
            else:
                report.record(item, written)
            bar.advance()
    if left_out_total:
        report.notices.append(
            f"{plural(left_out_total, 'comment')} by others than the issue's author left out, "
            f"on {plural(left_out_issues, 'issue')} (--all-authors keeps them)"
        )
    if orphans:
        report.notices.append(
            f"{plural(orphans, 'comment')} on issues not imported (pull requests, other "
            "states, skipped or absent issues) left out"
        )
    return report
