"""What OpenSearch indexes: the bodies of objects, of typo-dictionary entries and of tombstones.

OpenSearch never analyses text here: every indexed value is a ready
``keyword`` term from :func:`~ipreg.search.matching.index_terms`, so OpenSearch
finds the same *matching set* as the embedded backend (the queries:
:mod:`.queries`; the mapping: :mod:`.mapping`).

Term fields (``keyword``; ``*_word``: word terms, ``*_value``: value terms,
``*_skel``: skeleton terms):

``pub_word`` / ``pub_value`` / ``pub_skel``
    terms of the fields anonymous callers may match (``public_fields``);
``prv_word`` / ``prv_value`` / ``prv_skel``
    terms of the other fields, matched only for officials of the object's
    jurisdiction (or everywhere);
``pub_filter`` / ``prv_filter``
    the value terms again, each prefixed with its field's name, for the filters
    on fields (``SearchFilter.fields``), which apply to the fields the caller
    may see;
``name_word`` / ``name_skel``
    the ``name`` field's terms again, words and values together (they are in
    ``pub_*`` or ``prv_*`` too), only to put documents hit in their name first
    among candidates, as the embedded backend does.

The typo dictionary (why, and how a query uses it: :mod:`.queries`): every Latin
skeleton term of 3 to 24 letters gets a *skeleton document* (``_id``
``s:<term>``, keyword field ``fz``: its entries, :func:`ipreg.search.typos.entries`),
written once (``create``) beside the objects. Skeleton documents have no
``deleted`` field, so every object query (which filters ``deleted: false``)
skips them; they are never deleted (a term no object has any more matches
nothing), and a rebuild starts afresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import orjson

from ipreg.search import matching, typos
from ipreg.search.backend import IndexDocument

#: Term fields per visibility, and the name field's copies (``name_word``: its word
#: *and* value terms).
WORD = {"pub": "pub_word", "prv": "prv_word", "name": "name_word"}
VALUE = {"pub": "pub_value", "prv": "prv_value"}
SKEL = {"pub": "pub_skel", "prv": "prv_skel", "name": "name_skel"}
#: Field filters (``SearchFilter.fields``): each value term tagged with its field.
FILTER = {"pub": "pub_filter", "prv": "prv_filter"}
FILTER_TAG = "\x1f"


class _Value(NamedTuple):
    """One value's stored forms and its terms (as :func:`matching.index_terms` gives
    them: ``test_document_body_is_the_reference_one`` checks it)."""

    forms: tuple[tuple[str, ...], ...]
    words: set[str]
    values: set[str]
    skeletons: set[str]


_NO_SKELETONS = frozenset({matching.REGISTER_NUMBER})


@lru_cache(maxsize=1 << 17)
def _value(field_name: str, text: str) -> _Value | None:
    value_forms = tuple(tuple(form) for form in matching.value_forms(field_name, text))
    if not value_forms:
        return None
    words: set[str] = set()
    values: set[str] = set()
    skeletons: set[str] = set()
    compacts = field_name not in matching.NO_COMPACT_FIELDS
    skeletal = field_name not in _NO_SKELETONS
    for _label, form, skel in value_forms:
        split = form.split(" ")
        words.update(split)
        if skeletal:
            skeletons.update((skel or form).split(" "))
        if compacts:
            values.add("".join(split))
    if compacts and field_name not in matching.CORE_FIELDS and (
            key := matching.exact_key(text)):
        values.add(key)
    return _Value(value_forms, words, values, skeletons)


def _values(doc: IndexDocument) -> list[tuple[str, str, _Value]]:
    return [
        (field_name, text, value)
        for field_name, text in matching.searchable_values(doc)
        if (value := _value(field_name, text)) is not None
    ]


def stored_forms(doc: IndexDocument) -> matching.StoredForms:
    """:func:`ipreg.search.matching.stored_forms`, with the forms of each value cached:
    holders' names and common words repeat across thousands of objects, and their
    transliteration is most of the indexing CPU. ``test_stored_forms_are_the_shared_ones``
    checks it gives the same as the shared function."""
    if matching.STORED_VERSION != 1:  # a format this copy does not know: the original
        return matching.stored_forms(doc)
    values = [[field_name, text, value.forms] for field_name, text, value in _values(doc)]
    return {"v": matching.STORED_VERSION, "values": values}


def document_body(doc: IndexDocument) -> dict[str, Any]:
    """The ``_source`` of one live document: filters, term fields and stored forms.

    The terms of each value are cached with its forms (:func:`_value`): what
    :func:`matching.index_terms` gives per field is the union of its values' terms.
    """
    if matching.STORED_VERSION != 1:  # a format this copy does not know: the reference
        return _document_body(doc)
    public = doc.public_fields
    values = []
    terms: dict[str, set[str]] = {}
    for field_name, text, value in _values(doc):
        values.append([field_name, text, value.forms])
        vis = "pub" if field_name in public else "prv"
        for name, found in (
            (WORD[vis], value.words),
            (VALUE[vis], value.values),
            (SKEL[vis], value.skeletons),
        ):
            if found:
                terms.setdefault(name, set()).update(found)
        if value.values:
            terms.setdefault(FILTER[vis], set()).update(
                [field_name + FILTER_TAG + v for v in value.values]
            )
        if field_name == matching.NAME:
            terms.setdefault(WORD["name"], set()).update(value.words, value.values)
            terms.setdefault(SKEL["name"], set()).update(value.skeletons)
    body = _envelope(doc, public, {"v": matching.STORED_VERSION, "values": values})
    body.update({name: sorted(found) for name, found in terms.items() if found})
    return body


def _envelope(doc: IndexDocument, public: Any, stored: dict[str, Any]) -> dict[str, Any]:
    """The fields of an object's source besides its terms."""
    return {
        "oid": doc.id,
        "jurisdiction": doc.jurisdiction,
        "kind": doc.kind,
        "status": doc.status,
        "published": doc.published,
        "public": sorted(public),
        "deleted": False,
        "stored": stored,
    }


def _document_body(doc: IndexDocument) -> dict[str, Any]:
    """:func:`document_body` from :func:`matching.value_forms` and
    :func:`matching.index_terms`, uncached (the reference it must equal)."""
    stored = {
        "v": matching.STORED_VERSION,
        "values": [
            [field_name, text, forms]
            for field_name, text in matching.searchable_values(doc)
            if (forms := matching.value_forms(field_name, text))
        ],
    }
    public = doc.public_fields
    terms: dict[str, set[str]] = {}
    for field_name, field_terms in matching.index_terms(stored).items():
        vis = "pub" if field_name in public else "prv"
        terms.setdefault(WORD[vis], set()).update(field_terms.words)
        terms.setdefault(VALUE[vis], set()).update(field_terms.values)
        terms.setdefault(SKEL[vis], set()).update(field_terms.skeletons)
        terms.setdefault(FILTER[vis], set()).update(
            field_name + FILTER_TAG + value for value in field_terms.values
        )
        if field_name == matching.NAME:
            terms[WORD["name"]] = field_terms.words | field_terms.values
            terms[SKEL["name"]] = set(field_terms.skeletons)
    body = _envelope(doc, public, stored)
    body.update({name: sorted(values) for name, values in terms.items() if values})
    return body


#: ``_id`` prefix of skeleton documents (object ids are numbers).
SKELETON_ID = "s:"


def typo_terms(body: Mapping[str, Any]) -> list[str]:
    """The skeleton terms of a document body that get typo-dictionary entries."""
    found: set[str] = set()
    for name in (SKEL["pub"], SKEL["prv"]):
        found.update(filter(typos.has_entries, body.get(name, ())))
    return sorted(found)


def skeleton_body(term: str) -> dict[str, Any]:
    """The typo-dictionary document of one skeleton term: its entries
    (:func:`ipreg.search.typos.entries`)."""
    return {"fz": sorted(typos.entries(term)), "skel_term": term}


@lru_cache(maxsize=1 << 17)
def skeleton_source(term: str) -> bytes:
    """:func:`skeleton_body` as JSON, cached: a bulk-building process meets the same
    frequent terms in every chunk (only the new ones are sent)."""
    return orjson.dumps(skeleton_body(term))


def tombstone_body(object_id: int) -> dict[str, Any]:
    """What stays of a deleted object: its id (and version), so older writes are refused."""
    return {"oid": object_id, "deleted": True}
