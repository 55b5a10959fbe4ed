"""Index settings and mappings: only ``keyword``, ``boolean`` and numbers.

Nothing here analyses text. The term fields hold ready terms (see
:mod:`.bodies`), the stored forms the scorer needs live in ``_source`` under
``stored`` (not indexed), and the term fields are left out of ``_source``:
they are derived from ``stored`` and a rebuild recomputes them from the
database anyway.
"""

from __future__ import annotations

from typing import Any

#: Bump when the mapping or the term rules change: indices with another value
#: must be rebuilt (:meth:`OpenSearchBackend.schema_is_current`).
SCHEMA_VERSION = 8

TERM_FIELDS = (
    *(f"{vis}_{kind}" for vis in ("pub", "prv") for kind in ("word", "value", "skel")),
    "name_word",
    "name_skel",
    "pub_filter",
    "prv_filter",
)

_TERM = {
    "type": "keyword",
    "index_options": "docs",
    "doc_values": False,
    "norms": False,
    # Longer terms are not indexed (Lucene's limit is 32 766 bytes); names are short.
    "ignore_above": 512,
}
_FACET = {"type": "keyword", "eager_global_ordinals": True}


def mappings() -> dict[str, Any]:
    return {
        "dynamic": "strict",
        "_meta": {"ipreg_schema": SCHEMA_VERSION},
        "_source": {"excludes": [*TERM_FIELDS, "fz"]},
        "properties": {
            "oid": {"type": "long"},
            "jurisdiction": _FACET,
            "kind": _FACET,
            "status": _FACET,
            "published": {"type": "boolean"},
            "deleted": {"type": "boolean"},
            "public": {"type": "keyword"},
            "stored": {"type": "object", "enabled": False},
            # Typo dictionary (skeleton documents, see bodies.py): the variants, and
            # the term read back from doc values (cheaper than each hit's ``_id``).
            "fz": dict(_TERM),
            "skel_term": {"type": "keyword", "index": False, "doc_values": True},
            **{name: dict(_TERM) for name in TERM_FIELDS},
        },
    }


def settings(*, shards: int, replicas: int | None, loading: bool) -> dict[str, Any]:
    """Index settings; ``loading``: tuned for a bulk load (no refresh, async translog)."""
    index: dict[str, Any] = {
        "number_of_shards": shards,
        "refresh_interval": "-1" if loading else "1s",
        "translog": {"durability": "async" if loading else "request"},
        # Candidates (at most 1,000 + 200) and facets: nothing needs a deeper window.
        "max_result_window": 10_000,
        # Candidates are taken in object id order: Lucene stops early.
        "sort": {"field": "oid", "order": "asc"},
    }
    if replicas is not None:
        index["number_of_replicas"] = replicas
    return {"index": index}


def serving_settings() -> dict[str, Any]:
    """What :func:`settings` with ``loading`` changes, back to serving values."""
    return {"index": {"refresh_interval": "1s", "translog": {"durability": "request"}}}
