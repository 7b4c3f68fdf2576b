"""The ``papernotes`` domain: where every note of a project lives between builds.

Only plain picklable records are stored (:class:`Note`, :class:`Reference`),
per document, so ``clear_doc`` and ``merge_domaindata`` keep incremental and
parallel builds exact. Everything derived (backlinks, counts, keys) is a
:class:`Collection` computed from them once per build, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole

from .addresses import note_uri
from .diagnostics import Subtype, warn
from .model import Collection, Note, Reference, apply_tag_aliases, apply_venue_alias
from .model.listing import Listing
from .page_addresses import page_uri
from .settings import settings
from .translation import _

if TYPE_CHECKING:
    from .model.bib_entries import BibSources

DOMAIN = "papernotes"


class PaperNotesRole(XRefRole):
    """``{note}``, ``{tag}`` and ``{venue}``, with or without the domain prefix."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.name = f"{DOMAIN}:{self.name.rpartition(':')[2]}"
        return super().run()


@dataclass
class Pending:
    """Facts taken before reading that page freshness needs after it."""

    added: set[str] = field(default_factory=set)
    old_titles: dict[str, str] = field(default_factory=dict)
    neighbours: set[str] = field(default_factory=set)
    # Whether this build reads or removes any document: if not, no note
    # changed, and nothing shown elsewhere can have changed either.
    touched: bool = True
    # What each document read again or removed held before: if it holds the
    # same notes and references after reading, nothing shown elsewhere changed.
    before: dict[str, Held] = field(default_factory=dict)


@dataclass(frozen=True)
class Held:
    """A document's notes, references and listings at one moment."""

    notes: tuple[Note, ...]
    refs: tuple[Reference, ...]
    listings: tuple[Listing, ...]

    def shows_same_as(self, other: Held) -> bool:
        """Whether pages other than the document's own see no difference.

        They see the notes and the references between them (by kind, target
        and source, in source order); not where a reference sits, nor the
        document's own listings.
        """
        return self.notes == other.notes and _ref_order(self.refs) == _ref_order(other.refs)


def _ref_order(refs: Iterable[Reference]) -> list[tuple[str, str, str | None]]:
    ordered = sorted(refs, key=lambda ref: (ref.lineno, ref.kind, ref.target))
    return [(ref.kind, ref.target, ref.source) for ref in ordered]


class PaperNotesDomain(Domain):
    """Notes by document, the references between them, and the last build's view."""

    name = DOMAIN
    label = "Paper notes"
    object_types = {"note": ObjType(_("note"), "note")}  # noqa: RUF012
    roles = {  # noqa: RUF012
        "note": PaperNotesRole(innernodeclass=nodes.inline, warn_dangling=True),
        "tag": PaperNotesRole(innernodeclass=nodes.inline, warn_dangling=True),
        "venue": PaperNotesRole(innernodeclass=nodes.inline, warn_dangling=True),
    }
    initial_data = {  # noqa: RUF012
        "notes": {},  # docname -> [Note] in source order
        "refs": {},  # docname -> [Reference]
        "listings": {},  # docname -> [Listing] in page order
        "snapshot": {},  # what the last build showed, for env-get-updated
        "state": "",  # changes whenever a build reads or removes a document
    }
    data_version = 4  # 3: Note.source; 4: Note.key stored

    _collection: Collection | None = None
    _left_out: Set[str] = frozenset()

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # What this build learnt before reading (see freshness); never pickled.
        self.pending = Pending()
        # Whether this build read or removed a document (set by freshness).
        self.notes_changed = True
        # The data's state before this build, and the documents this build
        # read again when none of their notes changed (set by freshness): an
        # export made at that state need only look at those documents again.
        self.previous_state = ""
        self.reread: frozenset[str] | None = None
        # The project's .bib files for :from-bib: (see from_bib); never pickled.
        self.bib_sources: BibSources | None = None

    # -- storage --------------------------------------------------------------

    @property
    def notes(self) -> dict[str, list[Note]]:
        return cast(dict[str, list[Note]], self.data["notes"])

    @property
    def refs(self) -> dict[str, list[Reference]]:
        return cast(dict[str, list[Reference]], self.data["refs"])

    @property
    def listings(self) -> dict[str, list[Listing]]:
        return cast(dict[str, list[Listing]], self.data["listings"])

    def add_listing(self, docname: str, listing: Listing) -> None:
        self.listings.setdefault(docname, []).append(listing)

    @property
    def state(self) -> str:
        return str(self.data.get("state", ""))

    @property
    def snapshot(self) -> dict[str, str]:
        return cast(dict[str, str], self.data["snapshot"])

    def notes_in(self, docname: str) -> list[Note]:
        return self.notes.get(docname, [])

    def add_note(self, note: Note) -> None:
        self.notes.setdefault(note.docname, []).append(note)
        self._collection = None

    def set_notes(self, docname: str, notes: list[Note]) -> None:
        self.notes[docname] = notes
        self._collection = None

    def set_refs(self, docname: str, refs: list[Reference]) -> None:
        self.refs[docname] = refs
        self._collection = None

    def held(self, docname: str) -> Held:
        return Held(
            tuple(self.notes.get(docname, ())),
            tuple(self.refs.get(docname, ())),
            tuple(self.listings.get(docname, ())),
        )

    def clear_doc(self, docname: str) -> None:
        self.pending.before.setdefault(docname, self.held(docname))
        self.notes.pop(docname, None)
        self.refs.pop(docname, None)
        self.listings.pop(docname, None)
        self._collection = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["notes"]:
                self.notes[docname] = otherdata["notes"][docname]
            if docname in otherdata["refs"]:
                self.refs[docname] = otherdata["refs"][docname]
            if docname in otherdata["listings"]:
                self.listings[docname] = otherdata["listings"][docname]
        self._collection = None

    # -- derived view -----------------------------------------------------------

    @property
    def collection(self) -> Collection:
        """Every note and reference, computed once per change of the data."""
        if self._collection is None:
            notes = [note for notes in self.notes.values() for note in notes]
            shown = [note for note in notes if self._rendered(note)]
            # Notes this builder leaves out (``only``): references to them
            # are plain text, as for a builder without tag pages.
            self._left_out = {note.id for note in notes} - {note.id for note in shown}
            self._collection = Collection(
                shown,
                (ref for refs in self.refs.values() for ref in refs),
                bibkey_format=settings(self.env.config).bibkey_format,
                chosen_tag_slugs=settings(self.env.config).tag_slugs,
                chosen_venue_slugs=settings(self.env.config).venue_slugs,
            )
        return self._collection

    def _rendered(self, note: Note) -> bool:
        """Whether this build's builder renders the note (``only`` directives)."""
        if not note.only:
            return True
        tags = getattr(self.env, "_tags", None)
        try:
            return tags is None or bool(tags.eval_condition(note.only))
        except Exception:  # Sphinx keeps the content of a broken condition (and warns)
            return True

    def canonical_tag(self, name: str) -> str:
        """The tag a ``{tag}`` target means: aliases applied, then case ignored."""
        aliases = settings(self.env.config).tag_aliases
        return _existing(apply_tag_aliases((name,), aliases)[0], self.collection.tag_counts)

    def canonical_venue(self, name: str) -> str:
        """The venue a ``{venue}`` target means: aliases applied, then case ignored."""
        aliases = settings(self.env.config).venue_aliases
        return _existing(apply_venue_alias(name, aliases), self.collection.venue_counts)

    # -- Sphinx API ---------------------------------------------------------------

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        by_id = self.collection.by_id
        for note in self.collection.notes:
            if by_id.get(note.id) is note:
                yield (note.id, note.display_title, "note", note.docname, note.anchor, 1)

    def get_full_qualified_name(self, node: Element) -> str | None:
        return cast(str | None, node.get("reftarget"))

    def has_target(self, kind: str, target: str) -> bool:
        """Whether ``{note}``, ``{tag}`` or ``{venue}`` names something that exists."""
        if kind == "note":
            return target in self.collection.by_id or target in self._left_out
        if kind == "tag":
            return self.canonical_tag(target) in self.collection.tag_counts
        if kind == "venue":
            return self.canonical_venue(target) in self.collection.venue_counts
        return False

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        if not self.has_target(typ, target):
            return None  # intersphinx may know it; else warn_missing_reference
        if typ == "note":
            note = self.collection.by_id.get(target)
            if note is None:
                return None  # left out by this builder: plain text, no warning
            if not node.get("refexplicit"):
                contnode = nodes.inline("", note.display_title, classes=contnode["classes"])
            return _note_ref(builder, fromdocname, note, contnode)
        name = self.canonical_tag(target) if typ == "tag" else self.canonical_venue(target)
        uri = page_uri(builder, fromdocname, typ, name, self.collection)
        if uri is None:
            return None  # this builder has no page for it: plain text, no warning
        ref = nodes.reference("", "", contnode, internal=True, refuri=uri)
        ref["classes"].append(f"pn-{typ}-ref")
        return ref

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        note = self.collection.by_id.get(target)
        if note is None:
            return []
        ref = _note_ref(builder, fromdocname, note, contnode)
        return [(f"{DOMAIN}:note", ref)]


def _note_ref(
    builder: Builder, fromdocname: str, note: Note, contnode: Element
) -> nodes.reference:
    """A reference to the note at its address for this builder (see addresses)."""
    uri = note_uri(builder, fromdocname, note)
    if uri is None:  # text and man, or a page this builder leaves out: just the text
        return nodes.reference("", "", contnode, internal=True)
    ref = nodes.reference("", "", contnode, internal=True, refuri=uri, reftitle=note.citation())
    ref["classes"].append("pn-note-ref")
    return ref


def _existing(name: str, known: Mapping[str, object]) -> str:
    """``name`` itself if known, else the one known name equal to it ignoring case."""
    if name in known:
        return name
    folded = name.casefold()
    matches = [candidate for candidate in known if candidate.casefold() == folded]
    return matches[0] if len(matches) == 1 else name


existing_name = _existing


def resolved_listing(
    listing: Listing,
    domain: PaperNotesDomain,
    where: Element,
    label: str,
    data: Collection | None = None,
) -> Listing:
    """:func:`resolve_names`, with a ``papernotes.ref`` warning at ``where`` for
    each filter name no note has; ``label`` names the directive in it."""
    listing, unknown = resolve_names(listing, domain, data)
    for name in unknown:
        warn(Subtype.REF, f"{label} filter names {name}, which no note has", where)
    return listing


def resolve_names(
    listing: Listing, domain: PaperNotesDomain, data: Collection | None = None
) -> tuple[Listing, list[str]]:
    """The listing with tags and venues spelled as the notes spell them.

    Like the ``{tag}`` and ``{venue}`` roles, a filter name matches ignoring
    case when only one name fits. Also returns the names no note has.
    ``data`` is the collection listed when it is not this project's.
    """
    collection = data if data is not None else domain.collection
    unknown: list[str] = []
    if data is None:
        canonical_tag, canonical_venue = domain.canonical_tag, domain.canonical_venue
    else:  # the directive applied the aliases already

        def canonical_tag(name: str) -> str:
            return existing_name(name, data.tag_counts)

        def canonical_venue(name: str) -> str:
            return existing_name(name, data.venue_counts)

    def tag(name: str) -> str:
        found = canonical_tag(name)
        if found not in collection.tag_counts:
            unknown.append(f"tag {name!r}")
        return found

    query = listing.query
    venue = query.venue
    if venue is not None:
        venue = canonical_venue(venue)
        if venue not in collection.venue_counts:
            unknown.append(f"venue {query.venue!r}")
    query = replace(
        query,
        tags=tuple(tag(name) for name in query.tags),
        any_tags=tuple(tag(name) for name in query.any_tags),
        venue=venue,
    )
    return replace(listing, query=query), unknown


def warn_missing_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """Our own located ``papernotes.ref`` warning instead of Sphinx's generic one."""
    if domain is None or domain.name != DOMAIN:
        return None
    kind, target = node["reftype"], node["reftarget"]
    if cast(PaperNotesDomain, domain).has_target(kind, target):
        return True  # it exists; this builder just has no page to link to
    what = {"note": "note", "tag": "tag", "venue": "venue"}.get(kind, kind)
    detail = " in a note reference" if kind == "note" else ": no note has it"
    warn(Subtype.REF, f"unknown {what} {target!r}{detail}", node)
    return True


def get_domain(env: BuildEnvironment) -> PaperNotesDomain:
    return cast(PaperNotesDomain, env.domains[DOMAIN])


def all_documents(domain: PaperNotesDomain) -> Iterable[str]:
    return set(domain.notes) | set(domain.refs)


def setup_domain(app: Sphinx) -> None:
    """The domain, plus ``{note}``, ``{tag}`` and ``{venue}`` without a prefix."""
    app.add_domain(PaperNotesDomain)
    for name in ("note", "tag", "venue"):
        app.add_role(name, PaperNotesRole(innernodeclass=nodes.inline, warn_dangling=True))
    app.connect("warn-missing-reference", warn_missing_reference)
