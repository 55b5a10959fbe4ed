"""GraphQL search: ``search(text, filter, first, after)``, merged into ``Query``.

The logic lives in :mod:`ipreg.search` (matching, backends, the service); this
module maps it to types. Nodes come through the request's DataLoaders and
:func:`~ipreg.schema.types.ipobject.object_from_row`, so a hit the caller may
not see (the index lags the database by a moment) is simply left out.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry import relay

from ipreg.core.errors import BadUserInput
from ipreg.core.publication import filter_scope
from ipreg.schema.context import Context
from ipreg.schema.types.connection import decode_cursor, encode_cursor, page_info, page_sizes
from ipreg.schema.types.ipobject import IPObject, object_from_row
from ipreg.search.backend import SearchFilter as FilterValue
from ipreg.search.backend import SearchResult
from ipreg.search.documents import PUBLIC_CORE_FIELDS
from ipreg.search.matching import MAX_WINDOW
from ipreg.search.service import SearchService

Info = strawberry.Info[Context, Any]
CURSOR_KIND = "search"


@strawberry.input(description="Restricts a search to objects with one of these values of a field.")
class SearchFieldFilter:
    field: str = strawberry.field(
        description="A searchable field: a plugin's field, `registerNumber` or `keywords`."
    )
    values: list[str] = strawberry.field(
        description="Accepted values, compared whole, folded and without spaces, in any "
        "script (`Kyiv` matches `Київ`)."
    )


@strawberry.input(description="Restricts a search; values of one list are alternatives.")
class SearchFilter:
    jurisdictions: list[str] | None = strawberry.field(
        default=None, description="Only these registers (jurisdiction codes)."
    )
    kinds: list[str] | None = strawberry.field(
        default=None, description="Only these kinds of object (code list `object_kinds`)."
    )
    statuses: list[str] | None = strawberry.field(
        default=None,
        description="Only objects whose current status is one of these. Where a register "
        "does not publish the status (EAEU: R174 Appendix 1 table 1 item 8), only its "
        "officials may filter on it: for others its objects never match, and with only "
        "such registers in scope the filter is FORBIDDEN.",
    )
    fields: list[SearchFieldFilter] | None = strawberry.field(
        default=None,
        description="Only objects passing every one of these field filters (plugins' fields; "
        "a field the caller may not see filters everything out).",
    )

    def value(self) -> FilterValue:
        return FilterValue(
            jurisdictions=tuple(self.jurisdictions or ()),
            kinds=tuple(self.kinds or ()),
            statuses=tuple(self.statuses or ()),
            fields=tuple((f.field, tuple(f.values)) for f in self.fields or ()),
        )


@strawberry.type(description="How a search hit matched: which field, through which form.")
class SearchMatch:
    field: str = strawberry.field(
        description="The field that matched: `name`, `registerNumber`, `keywords`, `holders` "
        "or a plugin's field."
    )
    matched_as: str = strawberry.field(
        description="What matched: `exact` (as typed), `folded` (case, diacritics, "
        "punctuation, spacing), a transliteration standard (`uk-kmu-2010`, "
        "`ru-icao-9303`...), `reading` (the Cyrillic reading of a Latin name), "
        "`homoglyph`, `loose`, `umlaut`, `phonetic`, `prefix`, `fuzzy`, or `queryForm` "
        "(a form the plugin field derives from the search text, such as a URL's host or "
        "its parent domain, equal to the field's value)."
    )
    form: str = strawberry.field(description="The stored form that matched (folded); for "
                                 "`queryForm`, the form of the search text that matched.")
    distance: int = strawberry.field(
        description="For `fuzzy`: the number of edits (typos); otherwise 0."
    )


@strawberry.type(description="How many objects of the matching set have one value.")
class SearchFacetCount:
    value: str = strawberry.field(description="The value (a jurisdiction, kind or status code).")
    count: int = strawberry.field(description="Objects with that value.")


@strawberry.type(description="Counts of the matching set by jurisdiction, kind and status.")
class SearchFacets:
    jurisdiction: list[SearchFacetCount] = strawberry.field(
        description="Objects per jurisdiction, most first."
    )
    kind: list[SearchFacetCount] = strawberry.field(description="Objects per kind, most first.")
    status: list[SearchFacetCount] = strawberry.field(
        description="Objects per current status, most first; objects of a register that "
        "does not publish the status (EAEU) are counted for its officials only."
    )


@strawberry.type(description="One search hit: the object, its score and how it matched.")
class SearchEdge:
    cursor: str = strawberry.field(description="Pass as `after` to get the hits after this one.")
    score: float = strawberry.field(
        description="Relevance (higher is better; hits are ordered by it, then by id)."
    )
    highlights: list[str] = strawberry.field(
        description="The matched values with the matching words in `<em>`...`</em>`."
    )
    matched_as: list[SearchMatch] = strawberry.field(
        description="How the object matched, best field first."
    )
    node: IPObject = strawberry.field(description="The object.")


@strawberry.type(description="A page of search hits with counts over all of them.")
class SearchConnection:
    total_count: int = strawberry.field(
        description="Objects matching the search and filter that the caller may see."
    )
    total_count_is_lower_bound: bool = strawberry.field(
        description="True when `totalCount` and the facets are a lower bound, not exact."
    )
    facets: SearchFacets = strawberry.field(
        description="The matching objects counted by jurisdiction, kind and status."
    )
    edges: list[SearchEdge] = strawberry.field(description="The hits of this page, best first.")
    page_info: relay.PageInfo = strawberry.field(description="Where this page is in the hits.")


def _public_fields(info: Info) -> frozenset[str]:
    """The searchable fields anonymous callers may match (matches elsewhere show
    non-public data: keywords, a plugin's private field)."""
    fields = info.context.runtime.registry.search_fields
    return PUBLIC_CORE_FIELDS | {name for name, f in fields.items() if f.public}


def _facets(result: SearchResult) -> SearchFacets:
    def counts(name: str) -> list[SearchFacetCount]:
        values = result.facets.get(name, {})
        ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
        return [SearchFacetCount(value=v, count=c) for v, c in ordered]

    return SearchFacets(
        jurisdiction=counts("jurisdiction"), kind=counts("kind"), status=counts("status")
    )


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Search IP objects by name, register number, keywords and holders, "
        "across scripts (transliteration both ways), with typos and prefixes. Anonymous "
        "callers find published objects through published fields only."
    )
    async def search(
        self,
        info: Info,
        text: Annotated[
            str, strawberry.argument(description="What the user typed (any script).")
        ],
        filter: Annotated[
            SearchFilter | None, strawberry.argument(description="Restrict the hits.")
        ] = None,
        first: Annotated[
            int | None, strawberry.argument(description="Page size (default 20, at most 100).")
        ] = None,
        after: Annotated[
            str | None,
            strawberry.argument(description="Cursor of the last hit of the previous page."),
        ] = None,
        last: Annotated[
            int | None,
            strawberry.argument(description="Backward: page size (at most 100); without "
                                "`before`, the last hits of the first 10 000."),
        ] = None,
        before: Annotated[
            str | None,
            strawberry.argument(description="Backward: cursor of the first hit of the next "
                                "page."),
        ] = None,
    ) -> SearchConnection:
        if filter is not None:  # the owning plugins' publication rules
            for argument, values, field in (
                ("filter.kinds", filter.kinds, "kind"),
                ("filter.statuses", filter.statuses, "status"),
            ):
                if values:
                    filter_scope(info.context.runtime.registry, info.context.viewer, field,
                                 argument, filter.jurisdictions or None)
        first, last = page_sizes(info.context.runtime.settings, first, last)
        lower = decode_cursor(CURSOR_KIND, after) + 1 if after else 0
        upper = decode_cursor(CURSOR_KIND, before, "before") if before else None
        service = SearchService.of(info.context.runtime)
        if last is not None:
            if upper is None:  # from the end of the hits: count them first
                counted = await service.search(
                    text, info.context.viewer, filter=filter.value() if filter else None,
                    first=0, offset=0)
                upper = min(counted.total, MAX_WINDOW)
            offset = max(lower, upper - last)
            first = max(0, upper - offset)
        else:
            assert first is not None
            offset = lower
            if upper is not None:
                first = max(0, min(first, upper - offset))
        if offset < 0 or offset + first > MAX_WINDOW:
            raise BadUserInput(
                f"search pages reach the first {MAX_WINDOW} hits: refine the search or filter"
            )
        result = await service.search(
            text,
            info.context.viewer,
            filter=filter.value() if filter else None,
            first=first,
            offset=offset,
        )
        rows = await info.context.loaders.object_by_id.load_many(
            [hit.object_id for hit in result.hits]
        )
        public = _public_fields(info)
        # Reads of non-public data by officials are audited (see schema.app).
        reads = getattr(info.context, "unpublished_reads", None)
        edges = []
        for position, (hit, row) in enumerate(zip(result.hits, rows, strict=True), offset):
            node = object_from_row(info.context, row) if row is not None else None
            if node is None:
                continue
            if reads is not None and any(m.field not in public for m in hit.matches):
                reads.add(("ip_object", hit.object_id))
            edges.append(
                SearchEdge(
                    cursor=encode_cursor(CURSOR_KIND, position),
                    score=hit.score,
                    highlights=list(hit.highlights),
                    matched_as=[
                        SearchMatch(
                            field=m.field, matched_as=m.matched_as, form=m.form,
                            distance=m.distance,
                        )
                        for m in hit.matches
                    ],
                    node=node,
                )
            )
        end = offset + len(result.hits)
        return SearchConnection(
            total_count=result.total,
            total_count_is_lower_bound=result.total_is_lower_bound,
            facets=_facets(result),
            edges=edges,
            page_info=page_info([e.cursor for e in edges],
                                has_next=before is not None or end < min(result.total,
                                                                         MAX_WINDOW),
                                has_previous=offset > lower if last is not None
                                else offset > 0),
        )


__all__ = ["SearchConnection", "SearchEdge", "SearchFilter", "SearchQuery"]
