"""What an audit record's hash covers, and how it is computed.

``hash = sha256(prev_hash || canonical_json(hashed_content(record)))`` where
``prev_hash`` is the 64 lowercase hex digits of the previous record's hash
(:data:`GENESIS_HASH` for the first record) taken as ASCII bytes, and the
canonical JSON is UTF-8 with sorted keys, no whitespace, no NaN/Infinity.

:func:`hashed_content` is the one definition of the hashed fields. Values are
made unambiguous before they are stored (:func:`jsonable`): timestamps are UTC
ISO 8601 strings with microseconds and ``Z``; floats and decimals become their
shortest decimal string, so that no database's number type can change them on
the way back; mapping keys become strings; sets become sorted lists.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import enum
import hashlib
import json
import math
import uuid
from collections.abc import Mapping
from typing import Any

from ipreg.core.model.audit import GENESIS_HASH

__all__ = [
    "GENESIS_HASH",
    "HASHED_FIELDS",
    "canonical_json",
    "chain_hash",
    "diff_of",
    "format_timestamp",
    "hashed_content",
    "jsonable",
]

#: The columns of ``audit_record`` that :func:`hashed_content` covers (all but
#: ``prev_hash`` and ``hash`` themselves, which enter the hash as the chain link
#: and as its result).
HASHED_FIELDS = (
    "seq",
    "at",
    "action",
    "entity",
    "entity_id",
    "jurisdiction",
    "actor_subject",
    "actor_kind",
    "actor_party_id",
    "actor_on_behalf_of",
    "actor_roles",
    "diff",
    "request_id",
    "note",
)


def format_timestamp(value: dt.datetime) -> str:
    """``2026-11-23T10:15:00.123456Z``: UTC, always with microseconds."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given where a UTC timestamp is required")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def hashed_content(record: Any) -> dict[str, Any]:
    """The content of a record that its hash covers.

    ``record`` is anything with the attributes of :data:`HASHED_FIELDS`: the ORM
    object being written, or a row read back by ``ipreg audit verify``.
    """
    return {
        "seq": int(record.seq),
        "at": format_timestamp(record.at),
        "action": record.action,
        "entity": record.entity,
        "entity_id": record.entity_id,
        "jurisdiction": record.jurisdiction,
        "actor": {
            "subject": record.actor_subject,
            "kind": record.actor_kind,
            "party_id": record.actor_party_id,
            "on_behalf_of": record.actor_on_behalf_of,
            "roles": list(record.actor_roles or []),
        },
        "diff": record.diff,
        "request_id": record.request_id,
        "note": record.note,
    }


def canonical_json(value: Any) -> bytes:
    """UTF-8 JSON with sorted keys and no insignificant whitespace."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def chain_hash(prev_hash: str, record: Any) -> str:
    """``sha256(prev_hash || canonical JSON of the record's hashed content)``, hex."""
    digest = hashlib.sha256(prev_hash.encode("ascii"))
    digest.update(canonical_json(hashed_content(record)))
    return digest.hexdigest()


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON that reads back from any database exactly as written."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        if "\x00" in value:  # PostgreSQL's JSONB refuses it: fail here, not at commit
            raise ValueError("a NUL character cannot be recorded in the audit trail")
        return value
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be recorded in the audit trail")
        return repr(value)
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError(f"{value!r} cannot be recorded in the audit trail")
        return str(value)
    if isinstance(value, dt.datetime):
        return format_timestamp(value) if value.tzinfo is not None else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {jsonable(str(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        items = [jsonable(v) for v in value]
        return sorted(items, key=canonical_json)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    raise TypeError(f"{type(value).__name__} cannot be recorded in the audit trail")


def diff_of(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> dict[str, dict[str, Any]]:
    """The keys whose values differ, each as ``{"before": ..., "after": ...}``.

    A key missing on one side counts as ``null`` there; a creation (``before``
    is None) lists every key of ``after``, a deletion every key of ``before``.
    """
    old = jsonable(dict(before or {}))
    new = jsonable(dict(after or {}))
    changed: dict[str, dict[str, Any]] = {}
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        if key in old and key in new and canonical_json(was) == canonical_json(now):
            continue
        if was is None and now is None:
            continue
        changed[key] = {"before": was, "after": now}
    return changed
