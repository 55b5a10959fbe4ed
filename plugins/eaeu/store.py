"""Writing the register: declared objects, inclusion, status changes, turnover data.

Procedure effects, the importer and the demo call these functions; each writes
in the caller's session (the caller commits) and records the change events of
the core (``ip_object``) and of the register (``eaeu_entry`` for PRC.009,
``eaeu_turnover`` for PRC.010).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db import utcnow
from ipreg.core.errors import BadUserInput, NotFound
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
    StoredFile,
)
from ipreg.core.procedures import add_months
from ipreg.core.services.objects import load_object, set_status, snapshot, touch
from ipreg.plugins.eaeu.codes import KIND_CODES, MEMBER_STATES
from ipreg.plugins.eaeu.forms import (
    AddressForm,
    DocumentForm,
    FileRef,
    GoodsForm,
    ObjectForm,
    PartyForm,
    Problems,
    TurnoverForm,
)
from ipreg.plugins.eaeu.models import (
    EaeuBorderCrossing,
    EaeuCustomsPlace,
    EaeuEntry,
    EaeuFeatureFile,
    EaeuGoodsDetail,
    EaeuGoodsFeature,
    EaeuLogistics,
    EaeuMemberStateAuthority,
    EaeuProtectionPeriod,
    EaeuRoute,
    EaeuRoutePoint,
    EaeuTransportFeature,
    EaeuTurnover,
    EaeuTurnoverParty,
)
from ipreg.plugins.eaeu.numbering import display_number, next_sequence_number
from ipreg.plugins.eaeu.terms import MAX_PROTECTION_MONTHS

JURISDICTION = "eaeu"
#: ObjectParty roles: T1 3, 4 and 7.
HOLDER, REPRESENTATIVE, AUTHORIZED_PERSON = "holder", "representative", "authorized_person"
#: ObjectDocument roles: T1 5.6, 4.1 and 5.4.
TITLE_DOCUMENT, POWER_OF_ATTORNEY, IMAGE = "title_document", "power_of_attorney", "image"
CN_FEA_SCHEME = "cn_fea_eaeu"

MB = 1024 * 1024
#: R174 A1 T1 5.4 and table 10 items 4, 5, 6.4: accepted media types and sizes.
FILE_RULES: dict[str, tuple[frozenset[str], int, str]] = {
    "object_image": (frozenset({"image/jpeg", "image/tiff"}), 5 * MB,
                     "JPG (JPEG) or TIF (TIFF), at most 5 MB (R174 A1 T1 5.4)"),
    "goods_image": (frozenset({"image/jpeg"}), int(1.5 * MB),
                    "JPEG, at most 1.5 MB each (R174 A1 T10 4)"),
    "transport_image": (frozenset({"image/jpeg"}), int(1.5 * MB),
                        "JPEG, at most 1.5 MB each (R174 A1 T10 6.4)"),
    "goods_media": (frozenset({"audio/mpeg", "video/mp4", "video/x-msvideo"}), 50 * MB,
                    "MP3, MP4 or AVI (R174 A1 T10 5)"),
}
#: R174 A1 table 10 items 4, 5 and 6.4: at most 50 MB in total (per item, digest §4.10).
TOTAL_LIMIT = 50 * MB


# ---------------------------------------------------------------- member-state authorities


async def authorities(session: AsyncSession) -> dict[str, int]:
    """Party id of the central customs authority of each member state, created on first use."""
    rows = (await session.execute(select(EaeuMemberStateAuthority))).scalars().all()
    found = {row.country: row.authority_party_id for row in rows}
    for state in MEMBER_STATES:
        if state.country in found:
            continue
        party = Party(party_type="legal", country=state.country, name=state.authority["ru"],
                      short_name=state.authority_short)
        session.add(party)
        await session.flush()
        session.add(EaeuMemberStateAuthority(country=state.country, authority_party_id=party.id))
        found[state.country] = party.id
    await session.flush()
    return found


# ---------------------------------------------------------------- files


async def check_files(session: AsyncSession, refs: Sequence[tuple[FileRef, str]],
                      problems: Problems) -> None:
    """Check that referenced files are stored and fit R174 A1 T1 5.4 and table 10."""
    if not refs:
        return
    shas = {ref.sha256 for ref, _ in refs}
    rows = (await session.execute(select(StoredFile).where(StoredFile.sha256.in_(shas))))
    stored = {row.sha256: row for row in rows.scalars()}
    totals: dict[str, int] = defaultdict(int)
    for ref, role in refs:
        row = stored.get(ref.sha256)
        if row is None:
            problems.add(ref.path, f"no stored file {ref.sha256[:12]}…: upload it first")
            continue
        types, limit, rule = FILE_RULES[role]
        if row.media_type not in types:
            problems.add(ref.path, f"is {row.media_type}; expected {rule}")
        elif row.size > limit:
            problems.add(ref.path, f"has {row.size} bytes; expected {rule}")
        if role != "object_image":
            totals[ref.path.rsplit("[", 1)[0]] += row.size
    for item, total in totals.items():
        if total > TOTAL_LIMIT:
            problems.add(item, f"files total {total} bytes, more than 50 MB "
                               "(R174 A1 T10 4, 5, 6.4)")


# ---------------------------------------------------------------- parties and documents


class PartyStore:
    """Finds or creates the parties of forms (table 2), remembering them for a batch.

    A form with ``partyId`` names a stored party; otherwise a party with the same
    country and taxpayer identifier, or the same country and name, is reused, and
    a new one is created with its addresses, contacts, employees and identity document.
    """

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.known: dict[tuple[str, ...], Party] = {}

    async def get(self, form: PartyForm) -> Party:
        if form.party_id is not None:
            party = await self.session.get(Party, form.party_id)
            if party is None:
                raise BadUserInput(f"party {form.party_id} does not exist")
            return party
        key = ("tax", form.country, form.taxpayer_id) if form.taxpayer_id else (
            "name", form.country, form.name)
        if key in self.known:
            return self.known[key]
        stmt = select(Party).where(Party.country == form.country)
        stmt = (stmt.where(Party.taxpayer_id == form.taxpayer_id) if form.taxpayer_id
                else stmt.where(Party.name == form.name))
        party = (await self.session.execute(stmt.order_by(Party.id).limit(1))).scalar_one_or_none()
        if party is None:
            party = new_party(form)
            self.session.add(party)
        self.known[key] = party
        return party


def _address(form: AddressForm, position: int) -> Address:
    return Address(position=position, kind=form.kind, country=form.country,
                   territory_code=form.territory_code, region=form.region,
                   district=form.district, city=form.city, settlement=form.settlement,
                   street=form.street, building=form.building, premises=form.premises,
                   postal_code=form.postal_code, po_box=form.po_box)


def new_party(form: PartyForm) -> Party:
    """A party of R174 A1 table 2 with tables 4, 5 and 6 and the employees of item 9."""
    contacts: list[Contact] = []
    for contact in form.contacts:
        # T6 3 is 0..* identifiers per contact; the core keeps one per row.
        for value in contact.values or [""]:
            contacts.append(Contact(position=len(contacts), channel=contact.channel,
                                    channel_name=contact.channel_name, value=value))
    identity = form.identity_document
    return Party(
        party_type=form.party_type, country=form.country, name=form.name,
        short_name=form.short_name, taxpayer_id=form.taxpayer_id,
        tax_registration_reason_code=form.kpp,
        identity_document=IdentityDocument(
            country=identity.country, kind_code=identity.kind_code,
            kind_name=identity.kind_name, series=identity.series, number=identity.number,
            date=identity.date, issuer_id=identity.issuer_id, issuer_name=identity.issuer_name,
        ) if identity else None,
        addresses=[_address(a, i) for i, a in enumerate(form.addresses)],
        contacts=contacts,
        employees=[Employee(position=i, surname=e.surname, first_name=e.first_name,
                            patronymic=e.patronymic, job_title=e.position, phone=e.phone,
                            email=e.email) for i, e in enumerate(form.employees)],
    )


def new_document(form: DocumentForm) -> Document:
    """A document of R174 A1 table 3."""
    return Document(country=form.country, kind_code=form.kind_code, kind_name=form.kind_name,
                    name=form.name, series=form.series, number=form.number, date=form.date,
                    expires_on=form.expires_on, validity=form.validity,
                    issuer_id=form.issuer_id, issuer_name=form.issuer_name,
                    description=form.description, sheet_count=form.sheet_count,
                    file_sha256=form.file)


async def _documents(session: AsyncSession, items: Iterable[tuple[str, Document]]
                     ) -> list[ObjectDocument]:
    pairs = list(items)
    session.add_all(doc for _, doc in pairs)
    await session.flush()
    links = []
    counters: dict[str, int] = defaultdict(int)
    for role, doc in pairs:
        links.append(ObjectDocument(document_id=doc.id, role=role, position=counters[role]))
        counters[role] += 1
    return links


def _image_document(ref: FileRef) -> Document:
    return Document(kind_name="Изображение ОИС", name="Image of the IP object (R174 A1 T1 5.4)",
                    file_sha256=ref.sha256)


def auto_transliteration(value: str) -> str | None:
    """A Latin transliteration of a keyword (R174 A1 T1 5.3 asks for one)."""
    from ipreg.search.translit import romanisations

    forms = romanisations(value)
    for latin in forms.values():
        if latin and latin != value:
            return latin
    return None


# ---------------------------------------------------------------- turnover (T1 6.4)


async def turnover_rows(forms: Sequence[TurnoverForm], object_id: int, goods_id: int,
                        parties: PartyStore) -> list[EaeuTurnover]:
    """The rows of R174 A1 T1 6.4 (tables 7-10) for one goods item."""
    out = []
    for t in forms:
        turnover = EaeuTurnover(object_id=object_id, goods_id=goods_id, legality=t.legality,
                                accompanying_documents=t.accompanying_documents)
        turnover.parties = [
            EaeuTurnoverParty(position=i, party=await parties.get(p.party), roles=list(p.roles))
            for i, p in enumerate(t.parties)
        ]
        turnover.logistics = []
        for i, lg in enumerate(t.logistics):
            logistics = EaeuLogistics(position=i)
            logistics.routes = [
                EaeuRoute(position=j, points=[
                    EaeuRoutePoint(seq=p.seq, country=p.country, locode=p.locode, name=p.name,
                                   departure_transport_mode=p.departure_transport_mode,
                                   point_kind=p.point_kind) for p in route])
                for j, route in enumerate(lg.routes)
            ]
            logistics.border_crossings = [
                EaeuBorderCrossing(position=j, checkpoint_code=c.checkpoint_code,
                                   checkpoint_name=c.checkpoint_name)
                for j, c in enumerate(lg.border_crossings)
            ]
            places = []
            for j, place in enumerate(lg.customs_places):
                loc = place.goods_location
                places.append(EaeuCustomsPlace(
                    position=j, country=place.country, customs_code=place.customs_code,
                    customs_name=place.customs_name, control_zone=place.control_zone,
                    has_location=loc is not None,
                    **({f"location_{k}": v for k, v in vars(loc).items()} if loc else {})))
            logistics.customs_places = places
            turnover.logistics.append(logistics)
        turnover.features = []
        for i, f in enumerate(t.features):
            feature = EaeuGoodsFeature(position=i, brand_model=f.brand_model,
                                       characteristics=f.characteristics,
                                       identification_means=list(f.identification_means))
            files = [EaeuFeatureFile(role="image", position=j, file_sha256=ref.sha256)
                     for j, ref in enumerate(f.images)]
            files += [EaeuFeatureFile(role="media", position=j, file_sha256=ref.sha256)
                      for j, ref in enumerate(f.media)]
            feature.transport = []
            for j, tr in enumerate(f.transport):
                transport = EaeuTransportFeature(
                    position=j, package_kind=tr.package_kind,
                    units_per_package=tr.units_per_package,
                    identification_means=tr.identification_means)
                images = [EaeuFeatureFile(role="transport_image", position=k,
                                          file_sha256=ref.sha256)
                          for k, ref in enumerate(tr.images)]
                transport.files = images
                files += images
                feature.transport.append(transport)
            feature.files = files
            turnover.features.append(feature)
        out.append(turnover)
    return out


# ---------------------------------------------------------------- declaring and importing


def _goods_rows(goods: Sequence[GoodsForm]) -> list[Goods]:
    return [
        Goods(position=i, description=g.description,
              codes=[GoodsCode(scheme=CN_FEA_SCHEME, code=c) for c in g.cn_fea_codes],
              nice_classes=[NiceClass(number=n.number, name=n.name) for n in g.nice_classes])
        for i, g in enumerate(goods)
    ]


async def _write_goods_details(session: AsyncSession, obj: IPObject, goods: Sequence[GoodsForm],
                               parties: PartyStore) -> None:
    for row, form in zip(obj.goods, goods, strict=True):
        if form.exemption_circumstances:
            session.add(EaeuGoodsDetail(goods_id=row.id, object_id=obj.id,
                                        exemption_circumstances=form.exemption_circumstances))
        session.add_all(await turnover_rows(form.turnover, obj.id, row.id, parties))


@dataclass
class Declaration:
    """One form to store, with the registration of its application (T1 1)."""

    form: ObjectForm
    application_number: str
    application_date: dt.date
    applicant_id: int | None = None
    case_id: int | None = None
    now: dt.datetime | None = None


async def declare_object(session: AsyncSession, form: ObjectForm, *, parties: PartyStore,
                         application_number: str, application_date: dt.date,
                         applicant_id: int | None, case_id: int | None,
                         now: dt.datetime | None = None) -> IPObject:
    """Store a declared IP object with every item of its registration form (not published)."""
    return (await declare_objects(session, [Declaration(
        form, application_number, application_date, applicant_id, case_id, now)], parties))[0]


async def declare_objects(session: AsyncSession, items: Sequence[Declaration],
                          parties: PartyStore) -> list[IPObject]:
    """Store several forms in three flushes (documents, objects, the EAEU rows).

    A form with ``register`` data (the importer, the demo) becomes an entry with its
    numbers (T1 5.1), protection periods (5.9) and status history (8); otherwise the
    object is declared in an application and not published.
    """
    prepared = []
    all_docs: list[tuple[str, Document]] = []
    for item in items:
        form = item.form
        links: list[tuple[Party, str]] = [(await parties.get(p), HOLDER)
                                          for p in form.right_holders]
        if form.representative is not None:
            links.append((await parties.get(form.representative), REPRESENTATIVE))
        links += [(await parties.get(p), AUTHORIZED_PERSON) for p in form.authorized_persons]
        session.add_all(party for party, _ in links)
        docs = [*((TITLE_DOCUMENT, new_document(d)) for d in form.title_documents),
                *((POWER_OF_ATTORNEY, new_document(d)) for d in form.powers_of_attorney),
                *((IMAGE, _image_document(ref)) for ref in form.images)]
        all_docs += docs
        prepared.append((item, links, docs))
    session.add_all(doc for _, doc in all_docs)
    await session.flush()
    objects = []
    for item, links, docs in prepared:
        objects.append(_new_object(item.form, links, docs))
    session.add_all(objects)
    await session.flush()
    for (item, links, _), obj in zip(prepared, objects, strict=True):
        await _entry_rows(session, item, links, obj, parties)
    return objects


def _new_object(form: ObjectForm, links: Sequence[tuple[Party, str]],
                docs: Sequence[tuple[str, Document]]) -> IPObject:
    status = "application"
    history: list[StatusRecord] = []
    published = False
    register_number = None
    reg = form.register
    if reg is not None:
        history = [StatusRecord(status=s.status, date=s.date, basis_number=s.basis_number,
                                basis_date=s.basis_date) for s in reg.status_history]
        status = reg.status_history[-1].status
        published = status != "excluded"
        register_number = display_number(reg.sequence_number, form.kind, reg.decision_number)
    seen: set[tuple[int, str]] = set()
    object_parties: list[ObjectParty] = []
    for party, role in links:
        if (id(party), role) in seen:
            continue
        seen.add((id(party), role))
        object_parties.append(ObjectParty(party=party, role=role, position=len(object_parties)))
    counters: dict[str, int] = defaultdict(int)
    documents = []
    for role, doc in docs:
        documents.append(ObjectDocument(document_id=doc.id, role=role, position=counters[role]))
        counters[role] += 1
    return IPObject(
        jurisdiction=JURISDICTION, kind=KIND_CODES[form.kind][1], name=form.name,
        description=form.description, register_number=register_number, status=status,
        status_date=history[-1].date if history else None, published=published,
        keywords=[Keyword(position=i, value=k.value,
                          transliteration=k.transliteration or auto_transliteration(k.value))
                  for i, k in enumerate(form.keywords)],
        parties=object_parties,
        goods=_goods_rows(form.goods),
        right_terms=[RightTerm(country=t.country, expires_on=t.expires_on,
                               term_defined=t.term_defined) for t in form.right_terms],
        documents=documents,
        status_history=history,
    )


async def _entry_rows(session: AsyncSession, item: Declaration,
                      links: Sequence[tuple[Party, str]], obj: IPObject,
                      parties: PartyStore) -> None:
    form, reg = item.form, item.form.register
    applicant_id = item.applicant_id
    if applicant_id is None and reg is not None:
        # An imported entry names no applicant: it was the representative, else the
        # (first) right holder (R174 p.10).
        filed_by = [p for p, role in links if role == REPRESENTATIVE] or [links[0][0]]
        applicant_id = filed_by[0].id
    entry = EaeuEntry(
        object_id=obj.id, application_number=item.application_number,
        application_date=item.application_date, right_holder_count=form.right_holder_count,
        applicant_id=applicant_id, kind_code=form.kind,
        registration_form_number=form.registration_form_number,
        requested_protection_end=form.requested_protection_end, inclusion_case_id=item.case_id,
        record_updated_at=item.now or utcnow())
    session.add(entry)
    periods: list[EaeuProtectionPeriod] = []
    if reg is not None:
        entry.sequence_number = reg.sequence_number
        entry.decision_number = reg.decision_number
        entry.inclusion_date = reg.inclusion_date
        entry.valid_from = dt.datetime.combine(reg.inclusion_date, dt.time(), tzinfo=dt.UTC)
        if obj.status == "excluded":
            entry.valid_to = dt.datetime.combine(reg.status_history[-1].date, dt.time(),
                                                 tzinfo=dt.UTC)
        periods = [EaeuProtectionPeriod(
            object_id=obj.id, seq=i + 1, starts_on=p.start, ends_on=p.end,
            granted_on=p.granted_on or (reg.inclusion_date if i == 0 else p.start),
            basis_number=p.basis_number, basis_date=p.basis_date)
            for i, p in enumerate(reg.protection_periods)]
        session.add_all(periods)
    await _write_goods_details(session, obj, form.goods, parties)
    party_map = {party.id: party for party, _ in links}
    record_change(session, "ip_object", obj, "create", lambda: snapshot(obj, party_map),
                  jurisdiction=JURISDICTION)
    if reg is not None:
        _record_entry(session, obj, entry, periods, "included")


# ---------------------------------------------------------------- register events


def entry_snapshot(obj: IPObject, entry: EaeuEntry, periods: Sequence[EaeuProtectionPeriod],
                   change: str) -> dict[str, Any]:
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


def _record_entry(session: AsyncSession, obj: IPObject, entry: EaeuEntry,
                  periods: Sequence[EaeuProtectionPeriod], change: str) -> None:
    record_change(session, "eaeu_entry", obj, "update",
                  lambda: entry_snapshot(obj, entry, periods, change), jurisdiction=JURISDICTION)


async def _periods(session: AsyncSession, object_id: int) -> list[EaeuProtectionPeriod]:
    rows = await session.execute(select(EaeuProtectionPeriod)
                                 .where(EaeuProtectionPeriod.object_id == object_id)
                                 .order_by(EaeuProtectionPeriod.seq))
    return list(rows.scalars())


async def load_entry(session: AsyncSession, object_id: int) -> tuple[IPObject, EaeuEntry]:
    obj = await load_object(session, object_id)
    entry = await session.get(EaeuEntry, object_id)
    if entry is None or obj.jurisdiction != JURISDICTION:
        raise NotFound(f"IP object {object_id} is not an object of the EAEU register")
    return obj, entry


def protection_cap(start: dt.date, right_expiries: Iterable[dt.date | None]) -> dt.date:
    """The longest end of a protection period starting on ``start``.

    Outside the seeds (digest §10 F4, F10): at most two years, and never beyond the
    earliest expiry of the right in a member state (T1 5.7.2).
    """
    cap = add_months(start, MAX_PROTECTION_MONTHS) - dt.timedelta(days=1)
    expiries = [e for e in right_expiries if e is not None]
    return min([cap, *expiries])


async def include(session: AsyncSession, object_id: int, *, decision_number: str,
                  decision_date: dt.date, case_id: int, now: dt.datetime,
                  protection_end: dt.date | None = None) -> IPObject:
    """P.SP.01.OPR.021: include a declared object, give it its number, publish it.

    R174 A1 T1 5.1.1 (next record number of the one sequence), 5.1.2-5.1.4, 5.9 (first
    protection period), 8 (status ``included`` with the decision as basis, 8.3).
    """
    obj, entry = await load_entry(session, object_id)
    entry.sequence_number = await next_sequence_number(session)
    entry.decision_number = decision_number
    entry.inclusion_date = decision_date
    entry.valid_from = now
    entry.record_updated_at = now
    end = protection_end or entry.requested_protection_end or protection_cap(
        decision_date, (t.expires_on for t in obj.right_terms))
    if end < decision_date:
        raise BadUserInput(f"the protection period would end on {end}, before inclusion on "
                           f"{decision_date} (R174 A1 T1 5.9)")
    period = EaeuProtectionPeriod(object_id=obj.id, seq=1, starts_on=decision_date, ends_on=end,
                                  granted_on=decision_date, basis_number=decision_number,
                                  basis_date=decision_date, case_id=case_id)
    session.add(period)
    obj.register_number = display_number(entry.sequence_number, entry.kind_code,
                                         decision_number)
    obj.published = True
    await set_status(session, obj, "included", decision_date, decision_number, decision_date)
    _record_entry(session, obj, entry, [period], "included")
    return obj


async def change_status(session: AsyncSession, object_id: int, status: str, *,
                        date: dt.date, basis_number: str | None, basis_date: dt.date | None,
                        now: dt.datetime, note: str | None = None) -> IPObject:
    """Append a T1 8 status record with its basis (8.3) and publish or unpublish the entry."""
    obj, entry = await load_entry(session, object_id)
    entry.record_updated_at = now
    if status == "excluded":
        obj.published = False
        entry.valid_to = now
    await set_status(session, obj, status, date, basis_number, basis_date, note)
    _record_entry(session, obj, entry, await _periods(session, object_id), status)
    return obj


async def set_pre_register_status(session: AsyncSession, object_ids: Iterable[int],
                                  status: str) -> None:
    """Mark declared objects refused, not considered or withdrawn (no T1 8 record)."""
    for object_id in object_ids:
        obj = await load_object(session, object_id)
        if obj.status == "application":
            obj.status = status
            await touch(session, obj)


async def prolong(session: AsyncSession, object_id: int, *, new_end: dt.date,
                  decision_number: str, decision_date: dt.date, case_id: int,
                  now: dt.datetime) -> IPObject:
    """P.SP.01.PRC.004: append a protection period (T1 5.9 is 1..*) and status ``prolonged``."""
    periods = await _periods(session, object_id)
    last = periods[-1]
    start = last.ends_on + dt.timedelta(days=1)
    session.add(EaeuProtectionPeriod(object_id=object_id, seq=last.seq + 1, starts_on=start,
                                     ends_on=new_end, granted_on=decision_date,
                                     basis_number=decision_number, basis_date=decision_date,
                                     case_id=case_id))
    await session.flush()
    return await change_status(session, object_id, "prolonged", date=decision_date,
                               basis_number=decision_number, basis_date=decision_date, now=now)


async def replace_turnover(session: AsyncSession, object_id: int,
                           changes: Sequence[tuple[int, Sequence[TurnoverForm]]],
                           now: dt.datetime) -> None:
    """P.SP.01.PRC.007: replace the turnover data (T1 6.4) of goods items, by position.

    No status record is written (digest §3.2 R9 [Proposal]); the change goes to the
    turnover change feed (PRC.010) and the turnover time-stamp (PRC.008).
    """
    obj, entry = await load_entry(session, object_id)
    parties = PartyStore(session)
    by_position = {g.position: g for g in obj.goods}
    for position, forms in changes:
        goods = by_position.get(position)
        if goods is None:
            raise BadUserInput(f"goods[{position}]: the entry has no goods item {position}")
        await session.execute(delete(EaeuTurnover).where(EaeuTurnover.goods_id == goods.id))
        session.add_all(await turnover_rows(forms, object_id, goods.id, parties))
    entry.turnover_updated_at = now
    entry.record_updated_at = now
    await session.flush()
    record_change(session, "eaeu_turnover", obj, "update",
                  {"objectId": object_id, "registrationNumber": obj.register_number,
                   "goods": [position for position, _ in changes], "at": now.isoformat()},
                  jurisdiction=JURISDICTION)


async def apply_changes(session: AsyncSession, object_id: int, changes: dict[str, Any],
                        parties: PartyStore) -> list[str]:
    """P.SP.01.PRC.003: change or supplement the data of an entry; returns what changed.

    ``changes`` holds parsed values of the registration form (see
    :func:`ipreg.plugins.eaeu.forms.FormParser.object_form`) for the keys present.
    """
    obj, entry = await load_entry(session, object_id)
    changed: list[str] = []
    for key in ("name", "description"):
        if key in changes:
            setattr(obj, key, changes[key])
            changed.append(key)
    if "registrationFormNumber" in changes:
        entry.registration_form_number = changes["registrationFormNumber"]
        changed.append("registrationFormNumber")
    if "keywords" in changes:
        obj.keywords = [Keyword(position=i, value=k.value, transliteration=k.transliteration
                                or auto_transliteration(k.value))
                        for i, k in enumerate(changes["keywords"])]
        changed.append("keywords")
    if "rightTerms" in changes:
        obj.right_terms = [RightTerm(country=t.country, expires_on=t.expires_on,
                                     term_defined=t.term_defined)
                           for t in changes["rightTerms"]]
        changed.append("rightTerms")
    roles = {"rightHolders": HOLDER, "representative": REPRESENTATIVE,
             "authorizedPersons": AUTHORIZED_PERSON}
    for key, role in roles.items():
        if key not in changes:
            continue
        value = changes[key]
        forms = [] if value is None else (value if isinstance(value, list) else [value])
        kept = [link for link in obj.parties if link.role != role]
        # A party linked before in this role keeps its link: deleting it and adding
        # an equal one would collide on (object, party, role) inside one flush.
        current = {link.party_id: link for link in obj.parties if link.role == role}
        new_links: list[ObjectParty] = []
        for form in forms:
            party = await parties.get(form)
            if party.id is not None and any(link.party_id == party.id for link in new_links):
                continue  # the same party named twice: one link
            link = current.pop(party.id, None) if party.id is not None else None
            new_links.append(link or ObjectParty(party=party, role=role))
        obj.parties = kept + new_links
        for i, link in enumerate(obj.parties):
            link.position = i
        if key == "rightHolders":
            entry.right_holder_count = len(new_links)
        changed.append(key)
    docs = {"titleDocuments": TITLE_DOCUMENT, "powersOfAttorney": POWER_OF_ATTORNEY}
    if any(key in changes for key in docs):
        await session.refresh(obj, attribute_names=["documents"])
    for key, role in docs.items():
        if key not in changes:
            continue
        kept_docs = [d for d in obj.documents if d.role != role]
        new_docs = await _documents(session, [(role, new_document(d)) for d in changes[key]])
        obj.documents = kept_docs + new_docs
        changed.append(key)
    if "goods" in changes:
        obj.goods = []
        await session.flush()
        obj.goods = _goods_rows(changes["goods"])
        await session.flush()
        await _write_goods_details(session, obj, changes["goods"], parties)
        changed.append("goods")
    await touch(session, obj)
    return changed


__all__ = [
    "AUTHORIZED_PERSON",
    "HOLDER",
    "REPRESENTATIVE",
    "PartyStore",
    "apply_changes",
    "authorities",
    "change_status",
    "check_files",
    "declare_object",
    "declare_objects",
    "entry_snapshot",
    "include",
    "load_entry",
    "prolong",
    "protection_cap",
    "replace_turnover",
]
