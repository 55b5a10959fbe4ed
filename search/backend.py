"""The contract between the search service and its backends.

Two backends implement :class:`SearchBackend`: the embedded one (the default:
no server) and OpenSearch (``IPREG_OPENSEARCH_URL`` set). Both receive the same
:class:`IndexDocument` values, whose match forms were computed once in Python by
:mod:`ipreg.search.translit`, and both answer a :class:`SearchQuery` with the
same :class:`SearchResult`, so that the two give the same results.
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
    #: Which searchable fields anonymous callers may match on.
    public_fields: frozenset[str] = frozenset({"name", "registerNumber", "holders"})


@dataclass(frozen=True)
class SearchFilter:
    jurisdictions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchQuery:
    text: str
    filter: SearchFilter = SearchFilter()
    first: int = 20
    offset: int = 0
    #: Jurisdictions where the caller may see unpublished objects and fields.
    official_in: frozenset[str] = frozenset()
    #: True: the caller sees every jurisdiction's unpublished data (system, admin).
    official_everywhere: bool = False


@dataclass(frozen=True)
class Match:
    """How a hit matched: which field, which form, and through what."""

    field: str
    #: ``exact``, ``folded``, a standard id (``uk-kmu-2010``), ``reading``,
    #: ``homoglyph``, ``loose``, ``umlaut``, ``prefix`` or ``fuzzy``.
    matched_as: str
    form: str
    distance: int = 0


@dataclass(frozen=True)
class Hit:
    object_id: int
    score: float
    matches: tuple[Match, ...]
    highlights: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: tuple[Hit, ...]
    #: facet name (``jurisdiction``, ``kind``, ``status``) -> value -> count
    facets: Mapping[str, Mapping[str, int]]


class SearchBackend(Protocol):
    """What the search service needs from a backend."""

    name: str

    async def prepare(self) -> None:
        """Create the index (or tables) if missing. Idempotent."""

    async def upsert(self, documents: Sequence[IndexDocument]) -> None:
        """Write documents; a stored newer version is never replaced by an older one."""

    async def delete(self, versions: Mapping[int, int]) -> None:
        """Remove objects (id -> the version of the deletion), again only forwards."""

    async def search(self, query: SearchQuery) -> SearchResult: ...

    async def stored_versions(self, ids: Sequence[int]) -> Mapping[int, int]:
        """The versions the index holds for these ids (for consistency checks)."""

    async def rebuild(self, documents: AsyncIterator[Sequence[IndexDocument]]) -> int:
        """Build a complete new index from batches and switch to it with no window
        where searches fail; returns the number of documents."""

    async def health(self) -> None:
        """Raise if the backend cannot serve."""

    async def close(self) -> None: ...
