"""New entries of the register: a registration form as a core IP object, and the own rows.

The core writes the IP object of a form (:mod:`ipreg.core.services.objects`:
parties of table 2, documents of table 3, keywords, goods, right terms, status
history, and its ``ip_object`` event); :func:`new_object` says what that object
is. This module writes what R174 Appendix 1 has beyond it — T1 1 (application),
2 (number of right holders), 5.1 (record and decision numbers), 5.8, 5.9
(protection periods), 6.4 (turnover data, tables 7-10) and 6.5 — table by table,
a batch of entries in a few statements (:mod:`ipreg.core.db.bulk`), and the
``eaeu_entry`` event of an entry already in the register. The procedures (one
form at a time) and the importer and demo (thousands) use the same functions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db import utcnow
from ipreg.core.db.bulk import insert_ids, insert_rows, table_of
from ipreg.core.feed import record_change
from ipreg.core.services.documents import DocumentForm
from ipreg.core.services.inputs import RightTermInput
from ipreg.core.services.objects import (
    DocumentRole,
    GoodsData,
    KeywordData,
    NewObject,
    NiceClassData,
    PartyRole,
    StatusData,
)
from ipreg.core.services.parties import PartyStore
from ipreg.plugins.eaeu import models
from ipreg.plugins.eaeu.codes import KIND_CODES
from ipreg.plugins.eaeu.forms import (
    FileRef,
    GoodsForm,
    ObjectForm,
    RegisterForm,
    TurnoverForm,
)
from ipreg.plugins.eaeu.numbering import display_number

JURISDICTION = "eaeu"
#: Party roles towards the object: T1 3, 4 and 7.
HOLDER, REPRESENTATIVE, AUTHORIZED_PERSON = "holder", "representative", "authorized_person"
#: Document roles towards the object: T1 5.6, 4.1 and 5.4.
TITLE_DOCUMENT, POWER_OF_ATTORNEY, IMAGE = "title_document", "power_of_attorney", "image"
#: The commodity code scheme of T1 6.1 (CN FEA of the EAEU).
CN_FEA_SCHEME = "cn_fea_eaeu"
#: The address items of table 5, as the columns of a customs place's goods location.
LOCATION_ITEMS = ("kind", "country", "territory_code", "region", "district", "city",
                  "settlement", "street", "building", "premises", "postal_code", "po_box")


@dataclass
class Declaration:
    """One form to store, with the registration of its application (T1 1)."""

    form: ObjectForm
    application_number: str
    application_date: dt.date
    applicant_id: int | None = None
    case_id: int | None = None
    now: dt.datetime | None = None


def auto_transliteration(value: str) -> str | None:
    """A Latin transliteration of a keyword (R174 A1 T1 5.3 asks for one)."""
    from ipreg.search.translit import romanisations

    forms = romanisations(value)
    for latin in forms.values():
        if latin and latin != value:
            return latin
    return None


def image_document(ref: FileRef) -> DocumentForm:
    """The document of an image of the object (T1 5.4)."""
    return DocumentForm(kind_name="Изображение ОИС",
                        name="Image of the IP object (R174 A1 T1 5.4)", file=ref.sha256)


def keywords(form: ObjectForm | Sequence[Any]) -> list[KeywordData]:
    """T1 5.3 with the transliteration, filled in when not filed."""
    items = form.keywords if isinstance(form, ObjectForm) else form
    return [KeywordData(k.value, k.transliteration or auto_transliteration(k.value))
            for k in items]


def goods(forms: Sequence[GoodsForm]) -> list[GoodsData]:
    """T1 6, 6.1-6.3 as core goods (the turnover data 6.4 is the register's own)."""
    return [GoodsData(g.description, list(g.cn_fea_codes),
                      [NiceClassData(n.number, n.name) for n in g.nice_classes], CN_FEA_SCHEME)
            for g in forms]


def right_terms(form: ObjectForm | Sequence[Any]) -> list[RightTermInput]:
    """T1 5.7 per member state."""
    items = form.right_terms if isinstance(form, ObjectForm) else form
    return [RightTermInput(t.country, t.expires_on, None, t.term_defined) for t in items]


def new_object(form: ObjectForm, now: dt.datetime | None = None) -> NewObject:
    """The core IP object of a registration form.

    With ``register`` data (an import) it is in the register: its number (T1 5.1),
    status history (8) and status; published unless excluded. Otherwise it is
    declared in an application: status ``application``, not published.
    """
    reg = form.register
    history = [StatusData(s.status, s.date, s.basis_number, s.basis_date)
               for s in reg.status_history] if reg else []
    status = history[-1].status if history else "application"
    parties = [PartyRole(p, HOLDER) for p in form.right_holders]
    if form.representative is not None:
        parties.append(PartyRole(form.representative, REPRESENTATIVE))
    parties += [PartyRole(p, AUTHORIZED_PERSON) for p in form.authorized_persons]
    return NewObject(
        jurisdiction=JURISDICTION, kind=KIND_CODES[form.kind][1], name=form.name,
        description=form.description, status=status, published=bool(reg) and
        status != "excluded",
        register_number=display_number(reg.sequence_number, form.kind,
                                       reg.decision_number) if reg else None,
        keywords=keywords(form), parties=parties, goods=goods(form.goods),
        right_terms=right_terms(form),
        documents=[*(DocumentRole(TITLE_DOCUMENT, d) for d in form.title_documents),
                   *(DocumentRole(POWER_OF_ATTORNEY, d) for d in form.powers_of_attorney),
                   *(DocumentRole(IMAGE, image_document(ref)) for ref in form.images)],
        status_history=history, now=now)


# ---------------------------------------------------------------- the register's rows


class ObjectHead(Protocol):
    """What an ``eaeu_entry`` event says of the IP object."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def register_number(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def status_date(self) -> dt.date | None: ...


@dataclass(frozen=True)
class Stored:
    """A form's IP object as the core wrote it: its id, the ids of its goods in order,
    its party links (party id, role) in order, and what it is."""

    id: int
    goods_ids: Sequence[int]
    links: Sequence[tuple[int, str]]
    obj: NewObject

    @property
    def name(self) -> str:
        return self.obj.name

    @property
    def register_number(self) -> str | None:
        return self.obj.register_number

    @property
    def status(self) -> str:
        return self.obj.status

    @property
    def status_date(self) -> dt.date | None:
        history = self.obj.status_history
        return self.obj.status_date or (history[-1].date if history else None)


def entry_snapshot(obj: ObjectHead, entry: models.EaeuEntry,
                   periods: Sequence[models.EaeuProtectionPeriod], change: str
                   ) -> dict[str, Any]:
    """The payload of an ``eaeu_entry`` change event (PRC.009)."""
    return {
        "objectId": obj.id,
        "change": change,
        "registrationNumber": obj.register_number,
        "sequenceNumber": entry.sequence_number,
        "kind": entry.kind_code,
        "decisionNumber": entry.decision_number,
        "inclusionDate": entry.inclusion_date.isoformat() if entry.inclusion_date else None,
        "status": obj.status,
        "statusDate": obj.status_date.isoformat() if obj.status_date else None,
        "name": obj.name,
        "protectionPeriods": [{"start": p.starts_on.isoformat(), "end": p.ends_on.isoformat()}
                              for p in sorted(periods, key=lambda p: p.seq)],
    }


def _entry_row(item: Declaration, stored: Stored, now: dt.datetime) -> dict[str, Any]:
    form, reg = item.form, item.form.register
    applicant_id = item.applicant_id
    if applicant_id is None and reg is not None:
        # An imported entry names no applicant: it was the representative, else the
        # (first) right holder (R174 p.10).
        filed_by = [p for p, role in stored.links if role == REPRESENTATIVE]
        applicant_id = (filed_by or [stored.links[0][0]])[0]
    return dict(
        object_id=stored.id, application_number=item.application_number,
        application_date=item.application_date, right_holder_count=form.right_holder_count,
        applicant_id=applicant_id, kind_code=form.kind,
        registration_form_number=form.registration_form_number,
        requested_protection_end=form.requested_protection_end,
        inclusion_case_id=item.case_id, record_updated_at=now, turnover_updated_at=None,
        sequence_number=reg.sequence_number if reg else None,
        decision_number=reg.decision_number if reg else None,
        inclusion_date=reg.inclusion_date if reg else None,
        valid_from=dt.datetime.combine(reg.inclusion_date, dt.time(), tzinfo=dt.UTC)
        if reg else None,
        valid_to=dt.datetime.combine(reg.status_history[-1].date, dt.time(), tzinfo=dt.UTC)
        if reg and stored.status == "excluded" else None)


def _period_rows(item: Declaration, object_id: int) -> list[dict[str, Any]]:
    reg = item.form.register
    if reg is None:
        return []
    return [dict(object_id=object_id, seq=i + 1, starts_on=p.start, ends_on=p.end,
                 granted_on=p.granted_on or (reg.inclusion_date if i == 0 else p.start),
                 basis_number=p.basis_number, basis_date=p.basis_date, case_id=None)
            for i, p in enumerate(reg.protection_periods)]


async def write_entries(session: AsyncSession, items: Sequence[Declaration],
                        stored: Sequence[Stored], parties: PartyStore) -> None:
    """The register's rows of new entries whose IP objects the core wrote (``stored``,
    in the order of ``items``), and the ``eaeu_entry`` event of each registered one."""
    moment = utcnow()
    entries, periods = [], []
    for item, obj in zip(items, stored, strict=True):
        entries.append(_entry_row(item, obj, item.now or moment))
        periods.append(_period_rows(item, obj.id))
    await insert_rows(session, table_of(models.EaeuEntry), entries)
    await insert_rows(session, table_of(models.EaeuProtectionPeriod),
                      [p for ps in periods for p in ps])
    await write_goods_details(session, [(obj.id, obj.goods_ids, item.form.goods)
                                        for item, obj in zip(items, stored, strict=True)],
                              parties)
    for item, obj, entry, own in zip(items, stored, entries, periods, strict=True):
        reg = item.form.register
        if reg is not None:
            shadow = [models.EaeuProtectionPeriod(**p) for p in own]
            status, date = legal_state(reg)
            record_change(session, "eaeu_entry", None, "update", entry_snapshot(
                obj, models.EaeuEntry(**entry), shadow, status),
                jurisdiction=JURISDICTION, entity_id=obj.id, version=1,
                committed_at=dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC))


def legal_state(reg: RegisterForm) -> tuple[str, dt.date]:
    """The change an imported entry's event stands for and its legal date: the last record
    of its status history (T1 8.1, 8.2), else its inclusion (T1 5.1.4).

    The event of an entry that came with its history carries that date as ``committedAt``,
    not the time of the load: the authorized bodies' copies had it from that day
    (P.SP.01.PRC.009 "changes since", R174 p.12(9)).
    """
    if reg.status_history:
        last = max(reg.status_history, key=lambda s: s.date)
        return last.status, last.date
    return "included", reg.inclusion_date


async def write_goods_details(
        session: AsyncSession,
        items: Sequence[tuple[int, Sequence[int], Sequence[GoodsForm]]],
        parties: PartyStore) -> None:
    """T1 6.5 and 6.4 of goods items: (object id, goods ids, their forms) each."""
    details = []
    turnover = []
    for object_id, goods_ids, forms in items:
        for goods_id, form in zip(goods_ids, forms, strict=True):
            if form.exemption_circumstances:
                details.append({"goods_id": goods_id, "object_id": object_id,
                                "exemption_circumstances": form.exemption_circumstances})
            turnover.append((object_id, goods_id, form.turnover))
    await insert_rows(session, table_of(models.EaeuGoodsDetail), details)
    await write_turnover(session, turnover, parties)


async def write_turnover(session: AsyncSession,
                         items: Sequence[tuple[int, int, Sequence[TurnoverForm]]],
                         parties: PartyStore) -> None:
    """T1 6.4 with tables 7-10 of goods items: (object id, goods id, turnover forms) each.

    Parents first, each table in one or two statements: turnover, logistics, routes,
    features and transport features take ids; the rest refers to them.
    """
    flat = [(object_id, goods_id, t) for object_id, goods_id, forms in items for t in forms]
    if not flat:
        return
    refs = iter(await parties.resolve([p.party for _, _, t in flat for p in t.parties]))
    turnover_ids = await insert_ids(session, table_of(models.EaeuTurnover), [
        {"object_id": object_id, "goods_id": goods_id, "legality": t.legality,
         "accompanying_documents": t.accompanying_documents} for object_id, goods_id, t in flat])
    rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    logistics: list[tuple[int, int, Any]] = []
    features: list[tuple[int, int, Any]] = []
    for turnover_id, (_, _, t) in zip(turnover_ids, flat, strict=True):
        rows[models.EaeuTurnoverParty] += [
            {"turnover_id": turnover_id, "position": i, "party_id": next(refs).id,
             "roles": list(p.roles)} for i, p in enumerate(t.parties)]
        logistics += [(turnover_id, i, lg) for i, lg in enumerate(t.logistics)]
        features += [(turnover_id, i, f) for i, f in enumerate(t.features)]
    logistics_ids = await insert_ids(session, table_of(models.EaeuLogistics), [
        {"turnover_id": turnover_id, "position": i} for turnover_id, i, _ in logistics])
    routes: list[tuple[int, int, Any]] = []
    for logistics_id, (_, _, lg) in zip(logistics_ids, logistics, strict=True):
        routes += [(logistics_id, j, route) for j, route in enumerate(lg.routes)]
        rows[models.EaeuBorderCrossing] += [
            {"logistics_id": logistics_id, "position": j, "checkpoint_code": c.checkpoint_code,
             "checkpoint_name": c.checkpoint_name} for j, c in enumerate(lg.border_crossings)]
        for j, place in enumerate(lg.customs_places):
            loc = place.goods_location
            rows[models.EaeuCustomsPlace].append({
                "logistics_id": logistics_id, "position": j, "country": place.country,
                "customs_code": place.customs_code, "customs_name": place.customs_name,
                "control_zone": place.control_zone, "has_location": loc is not None,
                **{f"location_{k}": getattr(loc, k) if loc else None for k in LOCATION_ITEMS}})
    route_ids = await insert_ids(session, table_of(models.EaeuRoute), [
        {"logistics_id": logistics_id, "position": j} for logistics_id, j, _ in routes])
    for route_id, (_, _, route) in zip(route_ids, routes, strict=True):
        rows[models.EaeuRoutePoint] += [{"route_id": route_id, **vars(p)} for p in route]
    feature_ids = await insert_ids(session, table_of(models.EaeuGoodsFeature), [
        {"turnover_id": turnover_id, "position": i, "brand_model": f.brand_model,
         "characteristics": f.characteristics,
         "identification_means": list(f.identification_means)}
        for turnover_id, i, f in features])
    transports: list[tuple[int, int, Any]] = []
    for feature_id, (_, _, f) in zip(feature_ids, features, strict=True):
        for role, refs_of_role in (("image", f.images), ("media", f.media)):
            rows[models.EaeuFeatureFile] += [_file(feature_id, None, role, j, ref)
                                      for j, ref in enumerate(refs_of_role)]
        transports += [(feature_id, j, tr) for j, tr in enumerate(f.transport)]
    transport_ids = await insert_ids(session, table_of(models.EaeuTransportFeature), [
        {"feature_id": feature_id, "position": j, "package_kind": tr.package_kind,
         "units_per_package": tr.units_per_package,
         "identification_means": tr.identification_means} for feature_id, j, tr in transports])
    for transport_id, (feature_id, _, tr) in zip(transport_ids, transports, strict=True):
        rows[models.EaeuFeatureFile] += [
            _file(feature_id, transport_id, "transport_image", k, ref)
            for k, ref in enumerate(tr.images)]
    for leaf in (models.EaeuTurnoverParty, models.EaeuRoutePoint, models.EaeuBorderCrossing,
                 models.EaeuCustomsPlace, models.EaeuFeatureFile):
        await insert_rows(session, table_of(leaf), rows.pop(leaf, []))


def _file(feature_id: int, transport_id: int | None, role: str, position: int,
          ref: FileRef) -> dict[str, Any]:
    return {"feature_id": feature_id, "transport_id": transport_id, "role": role,
            "position": position, "file_sha256": ref.sha256}


__all__ = [
    "AUTHORIZED_PERSON",
    "CN_FEA_SCHEME",
    "HOLDER",
    "IMAGE",
    "JURISDICTION",
    "POWER_OF_ATTORNEY",
    "REPRESENTATIVE",
    "TITLE_DOCUMENT",
    "Declaration",
    "ObjectHead",
    "Stored",
    "auto_transliteration",
    "entry_snapshot",
    "goods",
    "image_document",
    "keywords",
    "legal_state",
    "new_object",
    "right_terms",
    "write_entries",
    "write_goods_details",
    "write_turnover",
]
