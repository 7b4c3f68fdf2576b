"""BibTeX keys: generated from author, year and title, deterministic and unique."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Iterator

from .authors import surname
from .ids import id_sort_key
from .note import Note

DEFAULT_FORMAT = "{author}{year}{title}"
EXPLICIT_KEY_RE = re.compile(r"[A-Za-z0-9_:.-]+")
# Words skipped when taking the first significant word of a title.
STOP_WORDS = frozenset(
    (
        "a an the on of in for to and with towards toward via from is are at by "
        "do does can we what when how why"
    ).split()
)
_NON_KEY_RE = re.compile(r"[^a-z0-9]+")
_NON_FORMATTED_KEY_RE = re.compile(r"[^a-z0-9_:-]+")


def ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (accents transliterated)."""
    if not text.isascii():  # ASCII is its own decomposition (most names: every build)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_KEY_RE.sub("", text.lower())


def first_title_word(title: str) -> str:
    """The first word of the title that is not a stop word (``jetformer``)."""
    for word in re.split(r"[\s:;,.!?/()\[\]{}\"'-]+", title):
        folded = ascii_word(word)
        if folded and folded not in STOP_WORDS:
            return folded
    return ""


def generate_key(note: Note, fmt: str = DEFAULT_FORMAT) -> str:
    """Fill ``fmt`` from the note; fall back to ``note<id>`` when nothing is left."""
    fields = {
        "author": ascii_word(surname(note.authors.names[0])) if note.authors.names else "",
        "year": str(note.year) if note.year else "",
        "title": first_title_word(note.title),
        "id": ascii_word(note.id),
    }
    if not (fields["author"] or fields["year"] or fields["title"]):
        return f"note{fields['id']}"
    fields["author"] = fields["author"] or "anon"
    if fmt == DEFAULT_FORMAT:  # str.format's parser, spared for every note of a build
        key = fields["author"] + fields["year"] + fields["title"]
    else:
        try:
            key = string.Formatter().vformat(fmt, (), fields)
        except (KeyError, IndexError, ValueError):
            key = DEFAULT_FORMAT.format(**fields)
    key = _NON_FORMATTED_KEY_RE.sub("", key.lower())
    return key or f"note{fields['id']}"


def assign_bibkeys(
    notes: Iterable[Note], fmt: str = DEFAULT_FORMAT
) -> tuple[dict[str, str], list[tuple[Note, Note]]]:
    """A unique key per note (by :attr:`Note.key`) and the explicit-key clashes.

    Explicit ``:bibkey:`` values are kept. Generated keys that clash, with each
    other or with an explicit key, get ``a``, ``b``, ... in id order. Keys are
    compared ignoring case, as BibTeX does.
    """
    ordered = sorted(notes, key=lambda n: (id_sort_key(n.id), n.docname, n.lineno))
    keys: dict[str, str] = {}
    taken: dict[str, Note] = {}
    clashes: list[tuple[Note, Note]] = []
    for note in ordered:
        if note.bibkey:
            folded = note.bibkey.lower()
            if folded in taken:
                clashes.append((taken[folded], note))
                continue
            taken[folded] = note
            keys[note.key] = note.bibkey
    generated: dict[str, list[Note]] = {}
    for note in ordered:
        if note.key not in keys:
            generated.setdefault(generate_key(note, fmt), []).append(note)
    for base, group in generated.items():
        if len(group) == 1 and base not in taken:
            keys[group[0].key] = base
            taken[base] = group[0]
            continue
        suffixes = _suffixes()
        for note in group:
            key = base + next(suffixes)
            while key in taken:
                key = base + next(suffixes)
            keys[note.key] = key
            taken[key] = note
    return keys, clashes


def _suffixes() -> Iterator[str]:
    """``a`` .. ``z``, then ``aa``, ``ab``, ..."""
    letters = string.ascii_lowercase
    yield from letters
    size = 2
    while True:
        for index in range(len(letters) ** size):
            word = ""
            for _ in range(size):
                index, rest = divmod(index, len(letters))
                word = letters[rest] + word
            yield word
        size += 1
