"""What a venue name means in BibTeX: an entry type and a full name.

Short names as notes write them (``ICLR``) map to the entry type BibTeX
styles expect and the full title they print. Projects extend or override the
table with ``papernotes_bibtex_venues``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

INPROCEEDINGS = "inproceedings"
ARTICLE = "article"
MISC = "misc"


@dataclass(frozen=True)
class VenueKind:
    """An entry type and the full venue title (booktitle or journal)."""

    entry_type: str
    full_name: str


_CONFERENCES = {
    "AAAI": "AAAI Conference on Artificial Intelligence",
    "ACL": "Annual Meeting of the Association for Computational Linguistics",
    "AISTATS": "International Conference on Artificial Intelligence and Statistics",
    "COLING": "International Conference on Computational Linguistics",
    "COLM": "Conference on Language Modeling",
    "CoRL": "Conference on Robot Learning",
    "CVPR": "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
    "EACL": "Conference of the European Chapter of the Association for Computational Linguistics",
    "ECCV": "European Conference on Computer Vision",
    "EMNLP": "Conference on Empirical Methods in Natural Language Processing",
    "ICASSP": "IEEE International Conference on Acoustics, Speech and Signal Processing",
    "ICCV": "IEEE/CVF International Conference on Computer Vision",
    "ICLR": "International Conference on Learning Representations",
    "ICML": "International Conference on Machine Learning",
    "ICRA": "IEEE International Conference on Robotics and Automation",
    "IJCAI": "International Joint Conference on Artificial Intelligence",
    "INTERSPEECH": "Annual Conference of the International Speech Communication Association",
    "KDD": "ACM SIGKDD Conference on Knowledge Discovery and Data Mining",
    "NAACL": (
        "Conference of the North American Chapter of the Association for Computational Linguistics"
    ),
    "NeurIPS": "Advances in Neural Information Processing Systems",
    "NIPS": "Advances in Neural Information Processing Systems",
    "RSS": "Robotics: Science and Systems",
    "SIGIR": (
        "International ACM SIGIR Conference on Research and Development in Information Retrieval"
    ),
    "UAI": "Conference on Uncertainty in Artificial Intelligence",
    "WACV": "IEEE/CVF Winter Conference on Applications of Computer Vision",
    "WWW": "ACM Web Conference",
}

_JOURNALS = {
    "JMLR": "Journal of Machine Learning Research",
    "TMLR": "Transactions on Machine Learning Research",
    "TACL": "Transactions of the Association for Computational Linguistics",
    "TPAMI": "IEEE Transactions on Pattern Analysis and Machine Intelligence",
    "IJCV": "International Journal of Computer Vision",
    "Nature": "Nature",
    "Science": "Science",
    "PNAS": "Proceedings of the National Academy of Sciences",
}

DEFAULT_VENUES: dict[str, VenueKind] = {
    **{name: VenueKind(INPROCEEDINGS, full) for name, full in _CONFERENCES.items()},
    **{name: VenueKind(ARTICLE, full) for name, full in _JOURNALS.items()},
}

ARXIV = "arxiv"


def venue_kind(venue: str | None, table: Mapping[str, VenueKind]) -> VenueKind:
    """The entry type for a venue; unknown venues and workshops are ``misc``.

    ``arXiv`` is ``misc`` with an ``eprint``; a workshop (``NeurIPS
    Workshop``) is not its main conference, so it is ``misc`` too.
    """
    if not venue:
        return VenueKind(MISC, "")
    if venue in table:
        return table[venue]
    wanted = venue.casefold()
    for name, kind in table.items():
        if name.casefold() == wanted:
            return kind
    return VenueKind(MISC, venue)


def venue_for_full_name(full_name: str, table: Mapping[str, VenueKind]) -> str:
    """The short venue name of a booktitle or journal (for ``from-bib``)."""
    wanted = full_name.casefold().strip()
    for name, kind in table.items():
        if kind.full_name.casefold() == wanted:
            return name
    return full_name
