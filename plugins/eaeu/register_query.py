"""P.SP.01.PRC.012: the register's filters and sort orders, one definition for the
GraphQL query ``eaeuEntries`` and the streamed exports (``/eaeu/export.csv``,
``/eaeu/export.xlsx``, ``ipreg eaeu export``), so a result set on screen and its
export are the same entries in the same order.

The seeds name search "with filtering on selected parameters" and "unloading to
external files" without listing the parameters (digest §6.3 [Gap]); the filters
follow the digest's proposal and the issue: kind, name, keyword, right holder,
its country, representative, CN FEA code, Nice class, status, inclusion and
expiry dates, the register number, and the register on a date (``asOf``).

Text filters match a part of the value, case-insensitively in every script and on
both databases (``мишка`` finds ``Мишка``, ``елка`` finds ``Ёлка``: the core's
``contains_folded``); cross-script and typo-tolerant matching is the core
``search`` field. Keywords (T1 5.3) and the status (T1 8)
are not published: their filters only find entries whose items the caller may
read (an anonymous caller gets none), so a filter never reveals them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import String, and_, exists, false, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from ipreg.core.auth import Principal
from ipreg.core.db import contains_folded, like_pattern
from ipreg.core.errors import BadUserInput
from ipreg.core.model import Goods, GoodsCode, Keyword, NiceClass, ObjectParty, Party, StatusRecord
from ipreg.core.model import IPObject as ObjectRow
from ipreg.plugins.eaeu.codes import KIND_CODES, kind_code
from ipreg.plugins.eaeu.graphql.visibility import EAEU, is_official
from ipreg.plugins.eaeu.models import EaeuEntry, EaeuProtectionPeriod
from ipreg.schema.exports import QueryParameters


class EntrySort(enum.Enum):
    """Sort orders of the register (each ends with the record number, so it is total)."""

    REGISTRATION_NUMBER = "registrationNumber"
    NAME = "name"
    INCLUSION_DATE = "inclusionDate"
    EXPIRY_DATE = "expiryDate"


@dataclass(frozen=True)
class EntryFilter:
    """What a caller asks of the register; every given item must hold."""

    registration_number: str | None = None
    kind: str | None = None
    name: str | None = None
    keyword: str | None = None
    holder: str | None = None
    holder_country: str | None = None
    representative: str | None = None
    cn_fea: str | None = None
    nice_class: int | None = None
    status: str | None = None
    included_from: dt.date | None = None
    included_to: dt.date | None = None
    expires_from: dt.date | None = None
    expires_to: dt.date | None = None
    protected_on: dt.date | None = None
    as_of: dt.date | None = None

    def merged(self, **values: Any) -> EntryFilter:
        """This filter with the given items set (``None`` values are ignored)."""
        given = {k: v for k, v in values.items() if v is not None}
        return EntryFilter(**{**{f.name: getattr(self, f.name) for f in fields(self)}, **given})


def _has_party(role: str, *condition: Any) -> Any:
    return exists().where(ObjectParty.object_id == ObjectRow.id, ObjectParty.role == role,
                          ObjectParty.party_id == Party.id, *condition)


#: The end of the last protection period (T1 5.9.2): when measures stop.
EXPIRY = (select(func.max(EaeuProtectionPeriod.ends_on))
          .where(EaeuProtectionPeriod.object_id == ObjectRow.id)
          .correlate(ObjectRow).scalar_subquery())


@dataclass
class EntryQuery:
    """The SQL of a filter: ``conditions`` to AND, the ``asOf`` status columns."""

    conditions: list[Any]
    status: Any
    status_date: Any


def build(entry_filter: EntryFilter, *, visible: ColumnElement[bool] | None,
          private_readable: ColumnElement[bool] | None) -> EntryQuery:
    """The conditions of ``entry_filter`` for a caller who sees the entries where
    ``visible`` holds (None: all) and reads the non-published items of those where
    ``private_readable`` holds (None: all)."""
    f = entry_filter
    conditions: list[Any] = [EaeuEntry.sequence_number.is_not(None)]
    if visible is not None:
        conditions.append(visible)
    if f.registration_number:
        text = f.registration_number.strip()
        code = None
        parts = text.replace("\\", "/").split("/")
        if len(parts) >= 2 and parts[1]:
            code = kind_code(parts[1])
        if code is not None:  # stored as displayed: 00042/TZ/0007 (Latin kind code)
            parts[1] = KIND_CODES[code][0]
            text = "/".join(parts)
        conditions.append(ObjectRow.register_number.like(like_pattern(text), escape="\\"))
    if f.kind is not None:
        code = kind_code(f.kind)
        if code is None:
            raise BadUserInput(f"kind: {f.kind!r} is not a kind of the EAEU register (TZ, AP, "
                               "SP or ТЗ, АП, СП; R174 A1 T1 5.1.2)", argument="kind")
        conditions.append(EaeuEntry.kind_code == code)
    if f.name:
        conditions.append(contains_folded(ObjectRow.name, f.name))
    if f.keyword:
        matches = exists().where(Keyword.object_id == ObjectRow.id, or_(
            contains_folded(Keyword.value, f.keyword),
            contains_folded(Keyword.transliteration, f.keyword)))
        # T1 5.3 is not published: only where the caller may read it.
        conditions.append(matches if private_readable is None
                          else and_(matches, private_readable))
    if f.holder:
        conditions.append(_has_party("holder", contains_folded(Party.name, f.holder)))
    if f.holder_country:
        country = f.holder_country.strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise BadUserInput(f"holderCountry: {f.holder_country!r} is not a two-letter "
                               "country code", argument="holderCountry")
        conditions.append(_has_party("holder", Party.country == country))
    if f.representative:
        conditions.append(_has_party(
            "representative", contains_folded(Party.name, f.representative)))
    if f.cn_fea:
        code_text = f.cn_fea.replace(" ", "")
        if not code_text.isdigit():
            raise BadUserInput(f"cnFea: {f.cn_fea!r} is not the start of a CN FEA EAEU code "
                               "(digits)", argument="cnFea")
        conditions.append(exists().where(
            Goods.object_id == ObjectRow.id, GoodsCode.goods_id == Goods.id,
            GoodsCode.code.startswith(code_text)))
    if f.nice_class is not None:
        if not 1 <= f.nice_class <= 45:
            raise BadUserInput(f"niceClass: {f.nice_class} is not a Nice class (1-45)",
                               argument="niceClass")
        conditions.append(exists().where(
            Goods.object_id == ObjectRow.id, NiceClass.goods_id == Goods.id,
            NiceClass.number == f.nice_class))
    for low, high, column, what, argument in (
        (f.included_from, f.included_to, EaeuEntry.inclusion_date, "inclusion", "includedTo"),
        (f.expires_from, f.expires_to, EXPIRY, "expiry", "expiresTo"),
    ):
        if low is not None and high is not None and low > high:
            raise BadUserInput(f"{argument}: the {what} date range ends before it starts "
                               f"({low} > {high})", argument=argument)
        if low is not None:
            conditions.append(column >= low)
        if high is not None:
            conditions.append(column <= high)
    if f.protected_on is not None:
        conditions.append(exists().where(
            EaeuProtectionPeriod.object_id == ObjectRow.id,
            EaeuProtectionPeriod.starts_on <= f.protected_on,
            EaeuProtectionPeriod.ends_on >= f.protected_on))
    status_col: Any = literal(None, String)
    date_col: Any = literal(None)
    if f.as_of is not None:
        latest = (select(StatusRecord.id).where(StatusRecord.object_id == ObjectRow.id,
                                                StatusRecord.date <= f.as_of)
                  .order_by(StatusRecord.date.desc(), StatusRecord.id.desc()).limit(1)
                  .correlate(ObjectRow).scalar_subquery())
        status_col = select(StatusRecord.status).where(StatusRecord.id == latest) \
            .scalar_subquery()
        date_col = select(StatusRecord.date).where(StatusRecord.id == latest).scalar_subquery()
        conditions += [EaeuEntry.inclusion_date <= f.as_of, status_col.is_not(None),
                       status_col != "excluded"]
    if f.status:
        # T1 8 (status) is not published: only where the caller may read it.
        matches = (status_col if f.as_of is not None else ObjectRow.status) == f.status
        conditions.append(matches if private_readable is None
                          else and_(matches, private_readable))
    return EntryQuery(conditions, status_col, date_col)


def order_by(sort: EntrySort, descending: bool = False) -> list[Any]:
    """ORDER BY of a sort: its key (entries without one last), then the record number."""
    key: Any = {
        EntrySort.REGISTRATION_NUMBER: None,
        EntrySort.NAME: ObjectRow.name,
        EntrySort.INCLUSION_DATE: EaeuEntry.inclusion_date,
        EntrySort.EXPIRY_DATE: EXPIRY,
    }[sort]
    number = EaeuEntry.sequence_number.desc() if descending else EaeuEntry.sequence_number
    if key is None:
        return [number]
    return [key.is_(None), key.desc() if descending else key, number]


def caller_parties(viewer: Principal) -> set[int]:
    """The parties a caller acts as: itself, whom it acts for, the organisations of
    its applicant-side grants in the register."""
    return EAEU.parties_of(viewer)


def caller_scope(viewer: Principal) -> tuple[ColumnElement[bool] | None,
                                             ColumnElement[bool] | None]:
    """``(visible, private_readable)`` of :func:`build` for a caller: officials see
    and read everything; others see published entries and their own (as right
    holder, representative or applicant) and read the non-published items of
    their own only (R174 A1 publication flags, digest §4.12)."""
    if is_official(viewer):
        return None, None
    parties = caller_parties(viewer)
    if not parties:
        return ObjectRow.published.is_(True), false()
    own = or_(
        exists().where(ObjectParty.object_id == ObjectRow.id,
                       ObjectParty.role.in_(("holder", "representative")),
                       ObjectParty.party_id.in_(parties)),
        EaeuEntry.applicant_id.in_(parties))
    return or_(ObjectRow.published.is_(True), own), own


# ---------------------------------------------------------------- query strings (HTTP)

#: The filter as query-string parameters (the GraphQL input's field names), with ``sort``
#: (an ``EntrySort`` value) and ``descending`` (``true``/``false``).
PARAMETERS = QueryParameters(
    EntryFilter,
    names={
        "registrationNumber": "registration_number", "kind": "kind", "name": "name",
        "keyword": "keyword", "holder": "holder", "holderCountry": "holder_country",
        "representative": "representative", "cnFea": "cn_fea", "niceClass": "nice_class",
        "status": "status", "includedFrom": "included_from", "includedTo": "included_to",
        "expiresFrom": "expires_from", "expiresTo": "expires_to",
        "protectedOn": "protected_on", "asOf": "as_of",
    },
    sort=EntrySort, default_sort=EntrySort.REGISTRATION_NUMBER,
    described={"nice_class": "a Nice class (1-45)"},
)


def to_parameters(entry_filter: EntryFilter, sort: EntrySort, descending: bool) -> dict[str, str]:
    """The query-string parameters of a filter, sort and direction (inverse of
    :func:`from_parameters`)."""
    return PARAMETERS.to_parameters(entry_filter, sort, descending)


def from_parameters(params: Mapping[str, str]) -> tuple[EntryFilter, EntrySort, bool]:
    """A filter, sort and direction from query-string parameters (the GraphQL names;
    ``sort`` is an ``EntrySort`` value, ``descending`` is ``true``/``false``).

    Every value is checked here, before anything is read (``kind=XX``, ``cnFea=abc``,
    a range that ends before it starts): ``BAD_USER_INPUT`` naming the parameter, so
    an export answers 400 instead of failing once its body has started."""
    entry_filter, sort, descending = PARAMETERS.from_parameters(params)
    build(entry_filter, visible=None, private_readable=None)
    return entry_filter, sort, descending


__all__ = ["EXPIRY", "PARAMETERS", "EntryFilter", "EntryQuery", "EntrySort", "build",
           "caller_scope", "from_parameters", "order_by", "to_parameters"]
