"""Validated inputs for creating and changing IP objects and parties.

Plain dataclasses shared by GraphQL mutations, importers and plugins;
:func:`parse_object` builds them from JSON-like dicts with the core's field reader
(:mod:`ipreg.core.services.validation`) and reports every problem with its path
(``holders[0].country``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ipreg.core.errors import BadUserInput
from ipreg.core.services.validation import OUT_OF_RANGE, UNKNOWN_CODE, FieldReader, join_path


@dataclass
class PartyInput:
    name: str
    country: str
    party_type: str = "legal"
    short_name: str | None = None
    taxpayer_id: str | None = None


@dataclass
class GoodsInput:
    description: str
    hs_codes: list[str] = field(default_factory=list)
    nice_classes: list[int] = field(default_factory=list)


@dataclass
class StatusInput:
    status: str
    date: dt.date
    basis_number: str | None = None
    basis_date: dt.date | None = None


@dataclass
class RightTermInput:
    country: str
    expires_on: dt.date | None = None
    starts_on: dt.date | None = None
    term_defined: bool | None = None


@dataclass
class ObjectInput:
    jurisdiction: str
    kind: str
    name: str
    status: str
    register_number: str | None = None
    description: str | None = None
    published: bool = True
    keywords: list[str] = field(default_factory=list)
    holders: list[PartyInput] = field(default_factory=list)
    representatives: list[PartyInput] = field(default_factory=list)
    goods: list[GoodsInput] = field(default_factory=list)
    right_terms: list[RightTermInput] = field(default_factory=list)
    status_history: list[StatusInput] = field(default_factory=list)


def parse_party(reader: FieldReader, data: Any, path: str) -> PartyInput | None:
    """A holder or representative: ``{"name", "country"}``, optional ``partyType``,
    ``shortName``, ``taxpayerId``."""
    party = reader.mapping(data, path)
    if party is None:
        return None
    name = reader.text(party, "name", path, required=True)
    country = reader.country(party, "country", path, required=True)
    party_type = party.get("partyType") or party.get("party_type") or "legal"
    if party_type not in ("legal", "natural"):
        reader.problems.add(join_path(path, "partyType"), "must be 'legal' or 'natural'",
                            code=UNKNOWN_CODE)
    if name is None or country is None:
        return None
    return PartyInput(
        name=name,
        country=country,
        party_type=party_type,
        short_name=reader.text(party, "shortName", path),
        taxpayer_id=reader.text(party, "taxpayerId", path, limit=64),
    )


def _goods(reader: FieldReader, data: Any, path: str) -> GoodsInput | None:
    goods = reader.mapping(data, path)
    if goods is None:
        return None
    desc = reader.text(goods, "description", path, required=True)
    codes = []
    for where, code in reader.items(goods, "hsCodes", path):
        codes.append(str(code))
        if not str(code).isdigit() or not 4 <= len(str(code)) <= 10:
            reader.problems.add(where, f"{str(code)!r} is not an HS code of 4-10 digits",
                                code=UNKNOWN_CODE)
    classes = []
    for where, cls in reader.items(goods, "niceClasses", path):
        if not isinstance(cls, int) or not 1 <= cls <= 45:
            reader.problems.add(where, "must be a Nice class from 1 to 45", code=OUT_OF_RANGE)
        else:
            classes.append(cls)
    return GoodsInput(desc, codes, classes) if desc else None


def _status(reader: FieldReader, data: Any, path: str) -> StatusInput | None:
    entry = reader.mapping(data, path)
    if entry is None:
        return None
    status = reader.text(entry, "status", path, required=True, limit=48)
    date = reader.date(entry, "date", path, required=True)
    if not (status and date):
        return None
    return StatusInput(status, date, reader.text(entry, "basisNumber", path, limit=64),
                       reader.date(entry, "basisDate", path))


def _right_term(reader: FieldReader, data: Any, path: str) -> RightTermInput | None:
    entry = reader.mapping(data, path)
    if entry is None:
        return None
    country = reader.country(entry, "country", path, required=True)
    if not country:
        return None
    return RightTermInput(country, reader.date(entry, "expiresOn", path),
                          reader.date(entry, "startsOn", path), entry.get("termDefined"))


def parse_object(
    data: Any, known_kinds: set[str] | None = None, known_jurisdictions: set[str] | None = None
) -> ObjectInput:
    """Validate one IP object in the documented JSON form (see ``docs/import.md``)."""
    if not isinstance(data, Mapping):
        raise BadUserInput("an IP object must be a JSON object")
    reader = FieldReader()
    if known_jurisdictions is None:
        jurisdiction = reader.text(data, "jurisdiction", "", required=True, limit=32)
    else:
        jurisdiction = reader.code(data, "jurisdiction", "", known_jurisdictions, required=True,
                                   limit=32, what="a jurisdiction of an installed plugin")
    if known_kinds is None:
        kind = reader.text(data, "kind", "", required=True, limit=48)
    else:
        kind = reader.code(data, "kind", "", known_kinds, required=True, limit=48,
                           what="a known kind of IP object")
    name = reader.text(data, "name", "", required=True)
    status = reader.text(data, "status", "", required=True, limit=48)
    keywords = reader.strings(data, "keywords", "")
    holders = reader.each(data, "holders", "", lambda v, p: parse_party(reader, v, p))
    reps = reader.each(data, "representatives", "", lambda v, p: parse_party(reader, v, p))
    goods = reader.each(data, "goods", "", lambda v, p: _goods(reader, v, p))
    history = reader.each(data, "statusHistory", "", lambda v, p: _status(reader, v, p))
    terms = reader.each(data, "rightTerms", "", lambda v, p: _right_term(reader, v, p))
    register_number = reader.text(data, "registerNumber", "", limit=64)
    description = reader.text(data, "description", "", limit=20000)
    published = reader.boolean(data, "published", "", default=True)
    reader.raise_if_any()
    assert jurisdiction and kind and name and status
    return ObjectInput(
        jurisdiction=jurisdiction,
        kind=kind,
        name=name,
        status=status,
        register_number=register_number,
        description=description,
        published=bool(published),
        keywords=keywords,
        holders=holders,
        representatives=reps,
        goods=goods,
        right_terms=terms,
        status_history=history,
    )
