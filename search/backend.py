"""The contract between the search service and its backends.

Two backends implement :class:`SearchBackend`: the embedded one (the default:
no server) and OpenSearch (``IPREG_OPENSEARCH_URL`` set). Both receive the same
:class:`IndexDocument` values, whose match forms were computed once in Python by
:mod:`ipreg.search.translit`, and both answer a :class:`SearchQuery` with the
same :class:`SearchResult`, so that the two give the same results.

How (the rules live in :mod:`ipreg.search.matching`, shared by both):

* indexing: ``matching.stored_forms(doc)`` computes a document's match forms
  once; store that JSON with the document and index the terms of
  ``matching.index_terms(stored)`` per field (words, compacts, skeletons);
* searching: ``matching.plan_query(query.text)`` gives the query words and
  what each may match through (token, prefix, phonetic, fuzzy: the *matching
  set* is defined in the ``matching`` docstring); a backend retrieves
  candidates of the matching set the caller may see, counts the whole set
  (``total``, ``facets``), and orders its candidates with
  ``matching.rank(plan, candidates, query.offset, query.first)`` — the same
  scorer in both backends, so the same candidates give the same page;
* visibility: ``matching.visible_fields(query, jurisdiction, published,
  public_fields)`` says which fields of a document a caller may match (an
  unpublished object: none, unless the caller is an official of its
  jurisdiction); a term of an invisible field must neither retrieve nor count
  the document; ``query.hidden(facet)`` names the jurisdictions whose documents
  a filter on that facet does not match and the facet does not count (their
  publication rule withholds it from the caller: the EAEU status);
* query forms: ``query.field_forms`` (a plugin field's ``query_forms``) match
  the field's values by ``matching.exact_key`` (indexed with the value terms),
  OR'd with the text matching, within the caller's visible fields and the filter;
  those documents are the first bucket of candidates (with a name hit, then
  without);
* candidates: at least ``max(matching.CANDIDATES, offset + first)`` of the
  matching set, best retrieval tier first (token hits, then prefix/phonetic,
  then typos; name-field hits first within a tier); ``offset + first`` is at
  most ``matching.MAX_WINDOW``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class IndexDocument:
    """One IP object as search sees it, rebuilt from the database at ``version``."""

    id: int
    version: int
    jurisdiction: str
    kind: str
    status: str
    published: bool
    name: str
    register_number: str | None
    keywords: tuple[str, ...] = ()
    holders: tuple[str, ...] = ()
    holder_countries: tuple[str, ...] = ()
    nice_classes: tuple[int, ...] = ()
    hs_codes: tuple[str, ...] = ()
    #: Fields contributed by plugins (``ipreg_register_search_fields``): name -> strings.
    extra: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # ``keywords`` holds each keyword and, after it, its stored transliteration
    # (EAEU field 5.3) when it has one: both are searched as ``keywords``.
    #: Which searchable fields anonymous callers may match on.
    public_fields: frozenset[str] = frozenset({"name", "registerNumber", "holders"})


@dataclass(frozen=True)
class SearchFilter:
    """Restricts the matching set; an empty tuple does not restrict. Values of one
    dimension are alternatives (OR), dimensions all apply (AND)."""

    jurisdictions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    #: Filters on searchable fields (a plugin's, or ``registerNumber``,
    #: ``keywords``): ``(field, (value, ...))`` pairs. A document passes a pair
    #: when one of its values of that field *that the caller may see* equals one
    #: of the values as a whole, folded and without spaces, in any of its forms
    #: (``Kyiv`` passes ``Київ``): the field's value terms
    #: (``matching.filter_terms``). Holders have no value terms: no filter.
    fields: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class SearchQuery:
    """One search: hits ``[offset, offset + first)`` of the ranked matching set."""

    text: str
    filter: SearchFilter = SearchFilter()
    first: int = 20
    offset: int = 0
    #: Jurisdictions where the caller may see unpublished objects and fields.
    official_in: frozenset[str] = frozenset()
    #: True: the caller sees every jurisdiction's unpublished data (system, admin).
    official_everywhere: bool = False
    #: Facets (``kind``, ``status``) the caller may not read in some jurisdictions
    #: (their publication rule withholds the field): facet -> those jurisdictions.
    #: A filter on the facet does not match their documents, and the facet does
    #: not count them (``total`` and the other facets still do).
    withheld: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Forms of ``text`` matched exactly against one field each (plugin fields
    #: with ``SearchField.query_forms``): ``(field, (form, ...))`` pairs. A
    #: document also matches when one of its values of such a field *that the
    #: caller may see* has the value term (``matching.filter_terms``) of a form;
    #: those documents are the first candidates, and the scorer reports the hit
    #: as ``queryForm`` (:data:`ipreg.search.matching.QUERY_FORM`).
    field_forms: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def hidden(self, facet: str) -> frozenset[str]:
        """The jurisdictions whose documents ``facet`` neither filters nor counts."""
        return self.withheld.get(facet, frozenset())


@dataclass(frozen=True)
class Match:
    """How a hit matched: which field, which form, and through what."""

    field: str
    #: ``exact``, ``folded``, a standard id (``uk-kmu-2010``), ``reading``,
    #: ``homoglyph``, ``loose``, ``umlaut``, ``phonetic`` (equal phonetic
    #: skeletons: ``Yuriy`` for ``Yurii``), ``prefix`` or ``fuzzy``.
    matched_as: str
    #: The stored form that matched (folded; for words that matched in
    #: different fields: those query words).
    form: str
    #: ``fuzzy``: edits between the skeletons of the query word and the stored word.
    distance: int = 0


@dataclass(frozen=True)
class Hit:
    """One ranked object: its score, how it matched (best field first) and the
    matched values with the matching words in ``<em>``...``</em>``."""

    object_id: int
    score: float
    matches: tuple[Match, ...]
    highlights: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    """``total`` and ``facets`` count the whole matching set the caller may see,
    after the filter (each facet counts the filtered set; values with no
    object are left out)."""

    total: int
    hits: tuple[Hit, ...]
    #: facet name (``jurisdiction``, ``kind``, ``status``) -> value -> count
    facets: Mapping[str, Mapping[str, int]]
    #: True when ``total`` (and the facets) are a lower bound, not exact
    #: (a backend that stops counting a very common word); the embedded
    #: backend always counts exactly.
    total_is_lower_bound: bool = False


class SearchBackend(Protocol):
    """What the search service needs from a backend.

    Optional: a ``cursor_name`` attribute names the indexer's ``feed_cursor``
    row when the index is not shared by every replica (the embedded backend:
    one per file and host); without it the cursor is ``search-indexer``.
    """

    name: str

    async def prepare(self) -> None:
        """Create the index (or tables) if missing. Idempotent."""

    async def upsert(self, documents: Sequence[IndexDocument]) -> None:
        """Write documents; a stored newer version is never replaced by an older one."""

    async def delete(self, versions: Mapping[int, int]) -> None:
        """Remove objects (id -> the version of the deletion), again only forwards:
        a stored version newer than the deletion's stays. Keep a tombstone with
        the version, so that a late older upsert does not bring the object back."""

    async def search(self, query: SearchQuery) -> SearchResult: ...

    async def stored_versions(self, ids: Sequence[int]) -> Mapping[int, int]:
        """The versions the index holds for these ids (for consistency checks)."""

    async def rebuild(self, documents: AsyncIterator[Sequence[IndexDocument]]) -> int:
        """Build a complete new index from batches and switch to it with no window
        where searches fail; returns the number of documents.

        Writes that arrive meanwhile may go to the old index only: the search
        service replays the change feed from before the rebuild once it is
        switched (idempotent by version)."""

    async def health(self) -> None:
        """Raise if the backend cannot serve."""

    async def close(self) -> None: ...
