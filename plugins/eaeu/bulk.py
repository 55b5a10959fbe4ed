"""Writing many entries at once: the importer and the demo.

The ORM writes one statement per row on SQLite here (its batched ``INSERT …
RETURNING`` needs a sentinel column the core tables do not have), which makes
thousands of entries slow. This writer assigns the primary keys itself and
inserts each table with one ``executemany``, in the caller's transaction. It
writes exactly what :func:`ipreg.plugins.eaeu.store.declare_objects` writes
(``tests/eaeu/test_import.py`` compares the two) and records the same change
events. Run it with no other writer on the same tables (the importer and the
demo do); on PostgreSQL the id sequences are moved past the ids it used.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db import utcnow
from ipreg.core.feed import record_change
from ipreg.core.model import (
    Address,
    Contact,
    Document,
    Employee,
    Goods,
    GoodsCode,
    IdentityDocument,
    IPObject,
    Keyword,
    NiceClass,
    ObjectDocument,
    ObjectParty,
    Party,
    RightTerm,
    StatusRecord,
)
from ipreg.plugins.eaeu.codes import KIND_CODES
from ipreg.plugins.eaeu.forms import DocumentForm, GoodsForm, PartyForm, TurnoverForm
from ipreg.plugins.eaeu.models import (
    EaeuBorderCrossing,
    EaeuCustomsPlace,
    EaeuEntry,
    EaeuFeatureFile,
    EaeuGoodsDetail,
    EaeuGoodsFeature,
    EaeuLogistics,
    EaeuProtectionPeriod,
    EaeuRoute,
    EaeuRoutePoint,
    EaeuTransportFeature,
    EaeuTurnover,
    EaeuTurnoverParty,
)
from ipreg.plugins.eaeu.numbering import display_number
from ipreg.plugins.eaeu.store import (
    AUTHORIZED_PERSON,
    CN_FEA_SCHEME,
    HOLDER,
    IMAGE,
    JURISDICTION,
    POWER_OF_ATTORNEY,
    REPRESENTATIVE,
    TITLE_DOCUMENT,
    Declaration,
    auto_transliteration,
    entry_snapshot,
)

#: Tables in the order their rows are inserted (foreign keys first).
ORDER: tuple[type[Any], ...] = (
    Party, Address, Contact, Employee, IdentityDocument, Document, IPObject, Keyword,
    ObjectParty, Goods, GoodsCode, NiceClass, RightTerm, ObjectDocument, StatusRecord,
    EaeuEntry, EaeuProtectionPeriod, EaeuGoodsDetail, EaeuTurnover, EaeuTurnoverParty,
    EaeuLogistics, EaeuRoute, EaeuRoutePoint, EaeuBorderCrossing, EaeuCustomsPlace,
    EaeuGoodsFeature, EaeuTransportFeature, EaeuFeatureFile,
)


class BulkWriter:
    """Collects rows with pre-assigned ids, then inserts each table in one statement."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.rows: dict[type[Any], list[dict[str, Any]]] = defaultdict(list)
        self.next_id: dict[type[Any], int] = {}
        self.parties: dict[tuple[str, ...], int] = {}
        self.now = utcnow()

    async def start(self) -> BulkWriter:
        for model in ORDER:
            if "id" in model.__table__.c:
                top = (await self.session.execute(select(func.max(model.__table__.c.id))))
                self.next_id[model] = int(top.scalar() or 0) + 1
        return self

    def add(self, model: type[Any], **values: Any) -> int:
        if model in self.next_id:
            values["id"] = self.next_id[model]
            self.next_id[model] += 1
        self.rows[model].append(values)
        return int(values.get("id", 0))

    # ------------------------------------------------------------ parties, documents

    async def party(self, form: PartyForm) -> int:
        if form.party_id is not None:
            return form.party_id
        key = ("tax", form.country, form.taxpayer_id or "") if form.taxpayer_id else (
            "name", form.country, form.name)
        if key in self.parties:
            return self.parties[key]
        stmt = select(Party.id).where(Party.country == form.country)
        stmt = (stmt.where(Party.taxpayer_id == form.taxpayer_id) if form.taxpayer_id
                else stmt.where(Party.name == form.name))
        found = (await self.session.execute(stmt.order_by(Party.id).limit(1))).scalar()
        if found is None:
            found = self._new_party(form)
        self.parties[key] = int(found)
        return int(found)

    def _new_party(self, form: PartyForm) -> int:
        """R174 A1 table 2 with tables 4, 5, 6 and item 9 (as ``store.new_party``)."""
        pid = self.add(Party, party_type=form.party_type, country=form.country, name=form.name,
                       short_name=form.short_name, taxpayer_id=form.taxpayer_id,
                       tax_registration_reason_code=form.kpp, version=1, created_at=self.now,
                       updated_at=self.now)
        for i, a in enumerate(form.addresses):
            self.add(Address, party_id=pid, position=i, **vars(a))
        position = 0
        for contact in form.contacts:
            for value in contact.values or [""]:
                self.add(Contact, party_id=pid, position=position, channel=contact.channel,
                         channel_name=contact.channel_name, value=value)
                position += 1
        for i, e in enumerate(form.employees):
            self.add(Employee, party_id=pid, position=i, surname=e.surname,
                     first_name=e.first_name, patronymic=e.patronymic, job_title=e.position,
                     phone=e.phone, email=e.email)
        doc = form.identity_document
        if doc is not None:
            self.add(IdentityDocument, party_id=pid, **vars(doc))
        return pid

    def document(self, form: DocumentForm | None = None, *, image: str | None = None) -> int:
        if form is None:
            return self.add(Document, kind_name="Изображение ОИС",
                            name="Image of the IP object (R174 A1 T1 5.4)", file_sha256=image,
                            created_at=self.now, **dict.fromkeys(
                                ("country", "kind_code", "series", "number", "date",
                                 "expires_on", "validity", "issuer_id", "issuer_name",
                                 "description", "sheet_count")))
        values = vars(form).copy()
        values["file_sha256"] = values.pop("file")
        return self.add(Document, created_at=self.now, **values)

    # ------------------------------------------------------------ goods and turnover

    async def goods(self, object_id: int, forms: Sequence[GoodsForm]) -> None:
        for i, g in enumerate(forms):
            gid = self.add(Goods, object_id=object_id, position=i, description=g.description)
            for code in g.cn_fea_codes:
                self.add(GoodsCode, goods_id=gid, scheme=CN_FEA_SCHEME, code=code)
            for nice in g.nice_classes:
                self.add(NiceClass, goods_id=gid, number=nice.number, name=nice.name)
            if g.exemption_circumstances:
                self.add(EaeuGoodsDetail, goods_id=gid, object_id=object_id,
                         exemption_circumstances=g.exemption_circumstances)
            await self.turnover(object_id, gid, g.turnover)

    async def turnover(self, object_id: int, goods_id: int, forms: Sequence[TurnoverForm]
                       ) -> None:
        """R174 A1 T1 6.4 with tables 7-10 (as ``store.turnover_rows``)."""
        for t in forms:
            tid = self.add(EaeuTurnover, object_id=object_id, goods_id=goods_id,
                           legality=t.legality, accompanying_documents=t.accompanying_documents)
            for i, p in enumerate(t.parties):
                self.add(EaeuTurnoverParty, turnover_id=tid, position=i,
                         party_id=await self.party(p.party), roles=list(p.roles))
            for i, lg in enumerate(t.logistics):
                lid = self.add(EaeuLogistics, turnover_id=tid, position=i)
                for j, route in enumerate(lg.routes):
                    rid = self.add(EaeuRoute, logistics_id=lid, position=j)
                    for p in route:
                        self.add(EaeuRoutePoint, route_id=rid, **vars(p))
                for j, c in enumerate(lg.border_crossings):
                    self.add(EaeuBorderCrossing, logistics_id=lid, position=j,
                             checkpoint_code=c.checkpoint_code,
                             checkpoint_name=c.checkpoint_name)
                for j, place in enumerate(lg.customs_places):
                    loc = place.goods_location
                    location = {f"location_{k}": v for k, v in vars(loc).items()} if loc else {
                        f"location_{k}": None for k in (
                            "kind", "country", "territory_code", "region", "district", "city",
                            "settlement", "street", "building", "premises", "postal_code",
                            "po_box")}
                    self.add(EaeuCustomsPlace, logistics_id=lid, position=j,
                             country=place.country, customs_code=place.customs_code,
                             customs_name=place.customs_name, control_zone=place.control_zone,
                             has_location=loc is not None, **location)
            for i, f in enumerate(t.features):
                fid = self.add(EaeuGoodsFeature, turnover_id=tid, position=i,
                               brand_model=f.brand_model, characteristics=f.characteristics,
                               identification_means=list(f.identification_means))
                for j, ref in enumerate(f.images):
                    self._file(fid, None, "image", j, ref.sha256)
                for j, ref in enumerate(f.media):
                    self._file(fid, None, "media", j, ref.sha256)
                for j, tr in enumerate(f.transport):
                    trid = self.add(EaeuTransportFeature, feature_id=fid, position=j,
                                    package_kind=tr.package_kind,
                                    units_per_package=tr.units_per_package,
                                    identification_means=tr.identification_means)
                    for k, ref in enumerate(tr.images):
                        self._file(fid, trid, "transport_image", k, ref.sha256)

    def _file(self, feature: int, transport: int | None, role: str, position: int,
              sha: str) -> None:
        self.add(EaeuFeatureFile, feature_id=feature, transport_id=transport, role=role,
                 position=position, file_sha256=sha)

    # ------------------------------------------------------------ entries

    async def declare(self, item: Declaration) -> tuple[int, int]:
        """Rows of one form (as ``store.declare_objects``); returns (object id, first holder)."""
        form, reg = item.form, item.form.register
        links = [(await self.party(p), HOLDER) for p in form.right_holders]
        if form.representative is not None:
            links.append((await self.party(form.representative), REPRESENTATIVE))
        links += [(await self.party(p), AUTHORIZED_PERSON) for p in form.authorized_persons]
        status, published, number, history = "application", False, None, []
        if reg is not None:
            history = reg.status_history
            status = history[-1].status
            published = status != "excluded"
            number = display_number(reg.sequence_number, form.kind, reg.decision_number)
        now = item.now or self.now
        oid = self.add(IPObject, jurisdiction=JURISDICTION, kind=KIND_CODES[form.kind][1],
                       name=form.name, description=form.description, register_number=number,
                       status=status, status_date=history[-1].date if history else None,
                       published=published, version=1, created_at=now, updated_at=now)
        for i, k in enumerate(form.keywords):
            self.add(Keyword, object_id=oid, position=i, value=k.value,
                     transliteration=k.transliteration or auto_transliteration(k.value))
        seen: set[tuple[int, str]] = set()
        for party, role in links:
            if (party, role) not in seen:
                self.add(ObjectParty, object_id=oid, party_id=party, role=role,
                         position=len(seen))
                seen.add((party, role))
        await self.goods(oid, form.goods)
        for t in form.right_terms:
            self.add(RightTerm, object_id=oid, country=t.country, starts_on=None,
                     expires_on=t.expires_on, term_defined=t.term_defined)
        counters: dict[str, int] = defaultdict(int)
        docs = [*((TITLE_DOCUMENT, d) for d in form.title_documents),
                *((POWER_OF_ATTORNEY, d) for d in form.powers_of_attorney)]
        for role, doc in docs:
            self.add(ObjectDocument, object_id=oid, document_id=self.document(doc), role=role,
                     position=counters[role])
            counters[role] += 1
        for i, ref in enumerate(form.images):
            self.add(ObjectDocument, object_id=oid, document_id=self.document(image=ref.sha256),
                     role=IMAGE, position=i)
        for s in history:
            self.add(StatusRecord, object_id=oid, status=s.status, date=s.date,
                     basis_number=s.basis_number, basis_date=s.basis_date, note=None,
                     recorded_at=now)
        applicant = item.applicant_id
        if applicant is None and reg is not None:
            reps = [p for p, role in links if role == REPRESENTATIVE]
            applicant = (reps or [links[0][0]])[0]
        entry = dict(
            object_id=oid, application_number=item.application_number,
            application_date=item.application_date, right_holder_count=form.right_holder_count,
            applicant_id=applicant, kind_code=form.kind,
            registration_form_number=form.registration_form_number,
            requested_protection_end=form.requested_protection_end,
            inclusion_case_id=item.case_id, record_updated_at=now, turnover_updated_at=None,
            sequence_number=reg.sequence_number if reg else None,
            decision_number=reg.decision_number if reg else None,
            inclusion_date=reg.inclusion_date if reg else None,
            valid_from=dt.datetime.combine(reg.inclusion_date, dt.time(), tzinfo=dt.UTC)
            if reg else None,
            valid_to=dt.datetime.combine(history[-1].date, dt.time(), tzinfo=dt.UTC)
            if reg and status == "excluded" else None)
        self.add(EaeuEntry, **entry)
        periods = []
        for i, p in enumerate(reg.protection_periods if reg else []):
            periods.append(EaeuProtectionPeriod(
                object_id=oid, seq=i + 1, starts_on=p.start, ends_on=p.end,
                granted_on=p.granted_on or (reg.inclusion_date if i == 0 and reg else p.start),
                basis_number=p.basis_number, basis_date=p.basis_date))
            self.add(EaeuProtectionPeriod, object_id=oid, seq=i + 1, starts_on=p.start,
                     ends_on=p.end, granted_on=periods[-1].granted_on,
                     basis_number=p.basis_number, basis_date=p.basis_date, case_id=None)
        payload = {"id": oid, "version": 1, "jurisdiction": JURISDICTION,
                   "kind": KIND_CODES[form.kind][1], "name": form.name,
                   "description": form.description, "registerNumber": number,
                   "status": status, "published": published,
                   "statusDate": history[-1].date.isoformat() if history else None}
        record_change(self.session, "ip_object", None, "create", payload,
                      jurisdiction=JURISDICTION, entity_id=oid, version=1)
        if reg is not None:
            shadow_obj = IPObject(id=oid, register_number=number, status=status, name=form.name,
                                  status_date=history[-1].date)
            shadow = EaeuEntry(**entry)
            record_change(self.session, "eaeu_entry", None, "update",
                          entry_snapshot(shadow_obj, shadow, periods, "included"),
                          jurisdiction=JURISDICTION, entity_id=oid, version=1)
        return oid, links[0][0]

    async def write(self) -> None:
        """Insert everything collected, one statement per table; fix PostgreSQL sequences."""
        for model in ORDER:
            rows = self.rows.pop(model, [])
            if not rows:
                continue
            table: Table = model.__table__
            keys = set().union(*rows)
            await self.session.execute(insert(table), [{k: r.get(k) for k in keys}
                                                       for r in rows])
            if self.session.get_bind().dialect.name == "postgresql" and "id" in table.c:
                await self.session.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f"(SELECT max(id) FROM \"{table.name}\"))"))


async def import_entries(session: AsyncSession, items: Sequence[Declaration]
                         ) -> list[tuple[int, int]]:
    """Write many forms with :class:`BulkWriter`: (object id, first holder id) of each."""
    writer = await BulkWriter(session).start()
    out = [await writer.declare(item) for item in items]
    await writer.write()
    return out
