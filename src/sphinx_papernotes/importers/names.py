"""Rules that tell a person's name from an affiliation or a piece of a title.

Issue titles and bodies name authors without saying so: ``Hikari Otsuka+``,
``Yuki Ono （Sony Corporation）``, ``Kapoor et al.``. These small rules are
shared by the title rule (:mod:`.titles`) and the body rules
(:mod:`.sections`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.text import clean_text

MAX_NAME_WORDS = 5
# ``Name+``, ``Name et al.``: a list cut short.
_TRUNCATED_RE = re.compile(r"\s*(?:\+|\bet\s+al\.?)$", re.IGNORECASE)
# A bracketed note after a name, full-width or ASCII: ``（with Konstan）``, ``(Bengio group)``.
_NOTE_RE = re.compile(r"\s*[（(]([^（()）]*)[)）]\s*$")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_IDEOGRAPHS_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,5}")
# Lower-case words a name may hold inside it (``Vincent van Gogh``), never first.
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "le"})
# Words that make a piece an organisation rather than a person.
_ORGANISATION_WORDS = frozenset(
    word.casefold()
    for word in (
        "University Univ. Institute Institut Research Lab Labs Laboratory Laboratories Inc Inc. "
        "Corp Corp. Corporation Company Co. Ltd Ltd. LLC GmbH College School Center Centre "
        "Foundation Group Team AI Google Microsoft Meta DeepMind OpenAI Anthropic NVIDIA Amazon "
        "Apple IBM Baidu Alibaba Tencent ByteDance Huawei Samsung Sony NTT RIKEN NAVER LINE "
        "CyberAgent Preferred Salesforce Adobe Intel"
    ).split()
)


@dataclass(frozen=True)
class NamePiece:
    """A name as written in a title: the name, whether ``+``/``et al.`` cut it, a note."""

    name: str
    truncated: bool
    note: str | None


def split_note(text: str) -> tuple[str, str | None]:
    """``Pandy+ （with G. Karypis）`` -> ``("Pandy+", "with G. Karypis")``."""
    value = clean_text(text)
    match = _NOTE_RE.search(value)
    if match is None or match.start() == 0:
        return value, None
    return value[: match.start()].strip(), clean_text(match.group(1)) or None


def is_organisation(text: str) -> bool:
    """``Google Research``, ``Microsoft_Peking University``, ``RiiiD Inc.``."""
    words = re.split(r"[\s_/]+", clean_text(text))
    return "_" in text or any(word.casefold() in _ORGANISATION_WORDS for word in words)


def looks_like_name(text: str, alone: bool = False) -> bool:
    """A person's name: no digits, a few words each starting with a capital (or CJK).

    ``alone`` is for a name with no ``+`` after it: then a single Latin word
    (``Language``, ``RiiiD``) is not taken for a name, since titles and
    affiliations are full of them, nor is anything that names an
    organisation.
    """
    value = clean_text(text)
    if not value or any(ch.isdigit() for ch in value) or len(value) > 80:
        return False
    if any(ch in value for ch in ",;:!?()[]{}<>\"“”'’/\\|@#"):
        # An apostrophe in a name (O'Neil) is rare; in a venue (ACL'23) common.
        return False
    if _CJK_RE.search(value):
        if alone:  # 山田太郎, 李明: a few ideographs, no kana (言語モデル is no name)
            return _IDEOGRAPHS_RE.fullmatch(value.replace(" ", "")) is not None
        return len(value.split()) <= 2
    words = value.split()
    if len(words) > MAX_NAME_WORDS or not words[0][:1].isupper():
        return False
    for word in words[1:]:
        if not (word[:1].isupper() or word in _PARTICLES or word[:1] == "-"):
            return False
    return not (alone and (len(words) < 2 or is_organisation(value)))


def read_name(text: str, alone_allowed: bool = True) -> NamePiece | None:
    """The name in one comma-separated piece of a title, or ``None`` if it is none.

    ``Hikari Otsuka+`` and ``Kapoor et al.`` are cut-short lists; a name with
    no mark is only taken when ``alone_allowed`` and it looks like a full
    name (:func:`looks_like_name` with ``alone``).
    """
    value, note = split_note(text)
    match = _TRUNCATED_RE.search(value)
    if match is not None:
        name = value[: match.start()].strip()
        if name and looks_like_name(name):
            return NamePiece(name, True, note)
        return None
    if alone_allowed and looks_like_name(value, alone=True):
        return NamePiece(value, False, note)
    return None
