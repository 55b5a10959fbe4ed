"""Validated inputs for creating and changing IP objects and parties.

Plain dataclasses shared by GraphQL mutations, importers and plugins;
:func:`parse_object` builds them from JSON-like dicts and reports every problem
with its path (``holders[0].country``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ipreg.core.checks import date_problem, text_problem
from ipreg.core.errors import BadUserInput
from ipreg.core.refdata import country_codes


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


class _Errors:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(f"{path}: {message}")

    def raise_if_any(self, prefix: str = "") -> None:
        if self.items:
            head = f"{prefix}: " if prefix else ""
            raise BadUserInput(head + "; ".join(self.items), errors=self.items)


def _text(
    data: Mapping[str, Any],
    key: str,
    path: str,
    errors: _Errors,
    *,
    required: bool = True,
    limit: int = 4000,
) -> str | None:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.add(f"{path}{key}", "is required")
        return None
    if not isinstance(value, str):
        errors.add(f"{path}{key}", "must be a string")
        return None
    if len(value) > limit:
        errors.add(f"{path}{key}", f"is longer than {limit} characters")
        return None
    problem = text_problem(value)
    if problem:
        errors.add(f"{path}{key}", problem)
        return None
    return value.strip()


def _country(
    data: Mapping[str, Any], key: str, path: str, errors: _Errors, required: bool = True
) -> str | None:
    value = _text(data, key, path, errors, required=required, limit=2)
    if value is None:
        return None
    if value.upper() not in country_codes():
        errors.add(f"{path}{key}", f"{value!r} is not an ISO 3166-1 alpha-2 country code")
        return None
    return value.upper()


def _date(value: Any, path: str, errors: _Errors) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            errors.add(path, f"{value!r} is not a date in the form YYYY-MM-DD")
            return None
    problem = date_problem(day)
    if problem:
        errors.add(path, problem)
        return None
    return day


def _list(data: Mapping[str, Any], key: str, path: str, errors: _Errors) -> Sequence[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        errors.add(f"{path}{key}", "must be a list")
        return []
    return value


def parse_party(data: Any, path: str, errors: _Errors) -> PartyInput | None:
    if not isinstance(data, Mapping):
        errors.add(path, "must be an object")
        return None
    p = f"{path}."
    name = _text(data, "name", p, errors)
    country = _country(data, "country", p, errors)
    party_type = data.get("partyType") or data.get("party_type") or "legal"
    if party_type not in ("legal", "natural"):
        errors.add(f"{p}partyType", "must be 'legal' or 'natural'")
    if name is None or country is None:
        return None
    return PartyInput(
        name=name,
        country=country,
        party_type=party_type,
        short_name=_text(data, "shortName", p, errors, required=False),
        taxpayer_id=_text(data, "taxpayerId", p, errors, required=False, limit=64),
    )


def parse_object(
    data: Any, known_kinds: set[str] | None = None, known_jurisdictions: set[str] | None = None
) -> ObjectInput:
    """Validate one IP object in the documented JSON form (see ``docs/import.md``)."""
    errors = _Errors()
    if not isinstance(data, Mapping):
        raise BadUserInput("an IP object must be a JSON object")
    jurisdiction = _text(data, "jurisdiction", "", errors, limit=32)
    if jurisdiction and known_jurisdictions is not None and jurisdiction not in known_jurisdictions:
        errors.add("jurisdiction", f"{jurisdiction!r} is not a jurisdiction of an installed plugin")
    kind = _text(data, "kind", "", errors, limit=48)
    if kind and known_kinds is not None and kind not in known_kinds:
        errors.add("kind", f"{kind!r} is not a known kind of IP object")
    name = _text(data, "name", "", errors)
    status = _text(data, "status", "", errors, limit=48)
    keywords: list[str] = []
    for i, kw in enumerate(_list(data, "keywords", "", errors)):
        if not isinstance(kw, str) or not kw.strip():
            errors.add(f"keywords[{i}]", "must be a non-empty string")
        elif text_problem(kw):
            errors.add(f"keywords[{i}]", text_problem(kw) or "")
        else:
            keywords.append(kw.strip())
    holders = [
        parse_party(h, f"holders[{i}]", errors)
        for i, h in enumerate(_list(data, "holders", "", errors))
    ]
    reps = [
        parse_party(h, f"representatives[{i}]", errors)
        for i, h in enumerate(_list(data, "representatives", "", errors))
    ]
    goods: list[GoodsInput] = []
    for i, g in enumerate(_list(data, "goods", "", errors)):
        if not isinstance(g, Mapping):
            errors.add(f"goods[{i}]", "must be an object")
            continue
        desc = _text(g, "description", f"goods[{i}].", errors)
        codes = [str(c) for c in g.get("hsCodes") or []]
        for j, code in enumerate(codes):
            if not code.isdigit() or not 4 <= len(code) <= 10:
                errors.add(f"goods[{i}].hsCodes[{j}]", f"{code!r} is not an HS code of 4-10 digits")
        classes = []
        for j, cls in enumerate(g.get("niceClasses") or []):
            if not isinstance(cls, int) or not 1 <= cls <= 45:
                errors.add(f"goods[{i}].niceClasses[{j}]", "must be a Nice class from 1 to 45")
            else:
                classes.append(cls)
        if desc:
            goods.append(GoodsInput(desc, codes, classes))
    history: list[StatusInput] = []
    for i, s in enumerate(_list(data, "statusHistory", "", errors)):
        if not isinstance(s, Mapping):
            errors.add(f"statusHistory[{i}]", "must be an object")
            continue
        st = _text(s, "status", f"statusHistory[{i}].", errors, limit=48)
        date = _date(s.get("date"), f"statusHistory[{i}].date", errors)
        if date is None and s.get("date") is None:
            errors.add(f"statusHistory[{i}].date", "is required")
        if st and date:
            history.append(
                StatusInput(
                    st,
                    date,
                    _text(s, "basisNumber", f"statusHistory[{i}].", errors, required=False,
                          limit=64),
                    _date(s.get("basisDate"), f"statusHistory[{i}].basisDate", errors),
                )
            )
    terms: list[RightTermInput] = []
    for i, t in enumerate(_list(data, "rightTerms", "", errors)):
        if not isinstance(t, Mapping):
            errors.add(f"rightTerms[{i}]", "must be an object")
            continue
        c = _country(t, "country", f"rightTerms[{i}].", errors)
        if c:
            terms.append(
                RightTermInput(
                    c,
                    _date(t.get("expiresOn"), f"rightTerms[{i}].expiresOn", errors),
                    _date(t.get("startsOn"), f"rightTerms[{i}].startsOn", errors),
                    t.get("termDefined"),
                )
            )
    register_number = _text(data, "registerNumber", "", errors, required=False, limit=64)
    description = _text(data, "description", "", errors, required=False, limit=20000)
    published = data.get("published", True)
    if not isinstance(published, bool):
        errors.add("published", "must be true or false")
    errors.raise_if_any()
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
        holders=[h for h in holders if h],
        representatives=[r for r in reps if r],
        goods=goods,
        right_terms=terms,
        status_history=history,
    )
