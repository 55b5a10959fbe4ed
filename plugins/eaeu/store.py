"""Writing the register: declared and imported entries, inclusion, status changes, turnover data.

Procedure effects, the importer and the demo call these functions; each writes
in the caller's session (the caller commits). The IP objects, their parties and
documents, and their ``ip_object`` events are written by the core
(:mod:`ipreg.core.services.objects`, ``parties``, ``documents``); this module
says what changes and writes the register's own rows (:mod:`ipreg.plugins.eaeu.entries`)
and events (``eaeu_entry`` for PRC.009, ``eaeu_turnover`` for PRC.010).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.errors import BadUserInput, NotFound
from ipreg.core.extension import FilePurpose
from ipreg.core.feed import record_change
from ipreg.core.files import purpose_problems
from ipreg.core.model import IPObject, StoredFile
from ipreg.core.procedures import add_months
from ipreg.core.services.objects import (
    ObjectChanges,
    ObjectWriter,
    StatusData,
    create_objects,
    load_object,
    update_object,
)
from ipreg.core.services.parties import PartyForm, PartyStore, new_party, write_parties
from ipreg.core.services.validation import OUT_OF_RANGE
from ipreg.plugins.eaeu.codes import MEMBER_STATES
from ipreg.plugins.eaeu.entries import (
    AUTHORIZED_PERSON,
    CN_FEA_SCHEME,
    HOLDER,
    IMAGE,
    JURISDICTION,
    POWER_OF_ATTORNEY,
    REPRESENTATIVE,
    TITLE_DOCUMENT,
    Declaration,
    Stored,
    auto_transliteration,
    entry_snapshot,
    goods,
    image_document,
    keywords,
    new_object,
    right_terms,
    write_entries,
    write_goods_details,
    write_turnover,
)
from ipreg.plugins.eaeu.forms import FileRef, ObjectForm, Problems, TurnoverForm
from ipreg.plugins.eaeu.models import (
    EaeuEntry,
    EaeuMemberStateAuthority,
    EaeuProtectionPeriod,
    EaeuTurnover,
)
from ipreg.plugins.eaeu.numbering import display_number, next_sequence_number
from ipreg.plugins.eaeu.terms import MAX_PROTECTION_MONTHS

MB = 1024 * 1024
#: R174 A1 T1 5.4 and table 10 items 4, 5, 6.4: accepted media types, sizes and (T1 5.4)
#: resolution, by the role of a file in a form; ``uploadFile(purpose:)`` takes the codes.
FILE_RULES: dict[str, FilePurpose] = {
    "object_image": FilePurpose(
        "eaeu_object_image", frozenset({"image/jpeg", "image/tiff"}), 5 * MB,
        "JPG (JPEG) or TIF (TIFF), at least 300 dpi, at most 5 MB (R174 A1 T1 5.4)",
        "R174 A1 T1 5.4", min_dpi=300),
    "goods_image": FilePurpose(
        "eaeu_goods_image", frozenset({"image/jpeg"}), int(1.5 * MB),
        "JPEG, at most 1.5 MB each (R174 A1 T10 4)", "R174 A1 T10 4"),
    "transport_image": FilePurpose(
        "eaeu_transport_image", frozenset({"image/jpeg"}), int(1.5 * MB),
        "JPEG, at most 1.5 MB each (R174 A1 T10 6.4)", "R174 A1 T10 6.4"),
    "goods_media": FilePurpose(
        "eaeu_goods_media", frozenset({"audio/mpeg", "video/mp4", "video/x-msvideo"}), 50 * MB,
        "MP3, MP4 or AVI (R174 A1 T10 5)", "R174 A1 T10 5"),
}
#: R174 A1 table 10 items 4, 5 and 6.4: at most 50 MB in total (per item, digest §4.10).
TOTAL_LIMIT = 50 * MB


# ---------------------------------------------------------------- member-state authorities


async def authorities(session: AsyncSession) -> dict[str, int]:
    """Party id of the central customs authority of each member state, created on first use."""
    rows = (await session.execute(select(EaeuMemberStateAuthority))).scalars().all()
    found = {row.country: row.authority_party_id for row in rows}
    missing = [state for state in MEMBER_STATES if state.country not in found]
    ids = await write_parties(session, [
        PartyForm(party_type="legal", country=state.country, name=state.authority["ru"],
                  short_name=state.authority_short) for state in missing])
    for state, party_id in zip(missing, ids, strict=True):
        session.add(EaeuMemberStateAuthority(country=state.country, authority_party_id=party_id))
        found[state.country] = party_id
    await session.flush()
    return found


# ---------------------------------------------------------------- files


async def check_files(session: AsyncSession, refs: Sequence[tuple[FileRef, str]],
                      problems: Problems) -> None:
    """Check that referenced files are stored and fit R174 A1 T1 5.4 (type, size, at least
    300 dpi) and table 10, by the rules ``uploadFile`` checked them against."""
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
        purpose = FILE_RULES[role]
        for code, message in purpose_problems(row, purpose):
            problems.add(ref.path, message, rule=purpose.legal_point, code=code)
        if role != "object_image":
            totals[ref.path.rsplit("[", 1)[0]] += row.size
    for item, total in totals.items():
        if total > TOTAL_LIMIT:
            problems.add(item, f"files total {total} bytes, more than 50 MB "
                               "(R174 A1 T10 4, 5, 6.4)")


# ---------------------------------------------------------------- declaring and importing


async def declare_object(session: AsyncSession, form: ObjectForm, *, parties: PartyStore,
                         application_number: str, application_date: dt.date,
                         applicant_id: int | None, case_id: int | None,
                         now: dt.datetime | None = None) -> IPObject:
    """Store a declared IP object with every item of its registration form (not published)."""
    return (await declare_objects(session, [Declaration(
        form, application_number, application_date, applicant_id, case_id, now)], parties))[0]


async def declare_objects(session: AsyncSession, items: Sequence[Declaration],
                          parties: PartyStore) -> list[IPObject]:
    """Store forms one by one (the procedures): the core's objects, ready to change.

    A form with ``register`` data becomes an entry with its numbers (T1 5.1),
    protection periods (5.9) and status history (8); otherwise the object is
    declared in an application and not published.
    """
    objects_of = [new_object(item.form) for item in items]
    objects = await create_objects(session, objects_of, parties)
    await session.flush()
    await write_entries(session, items, [
        Stored(obj.id, [g.id for g in obj.goods], [(link.party_id, link.role)
                                                   for link in obj.parties], data)
        for obj, data in zip(objects, objects_of, strict=True)], parties)
    return objects


#: Entries written per batch by :func:`import_entries`.
IMPORT_BATCH = 500


async def import_entries(session: AsyncSession, items: Sequence[Declaration]
                         ) -> list[tuple[int, int]]:
    """Write many forms a batch at a time (the importer, the demo): (object id, first
    right holder's party id) of each. The same rows and events as :func:`declare_objects`."""
    parties = PartyStore(session)
    writer = ObjectWriter(session, parties)
    out: list[tuple[int, int]] = []
    for start in range(0, len(items), IMPORT_BATCH):
        batch = items[start:start + IMPORT_BATCH]
        objects_of = [new_object(item.form, item.now) for item in batch]
        written = await writer.write(objects_of)
        await write_entries(session, batch, [
            Stored(w.id, w.goods_ids, [(ref.id, role) for ref, role in w.parties], data)
            for w, data in zip(written, objects_of, strict=True)], parties)
        out += [(w.id, w.parties[0][0].id) for w in written]
    return out


# ---------------------------------------------------------------- register events


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


def first_period_end(obj: IPObject, entry: EaeuEntry, start: dt.date,
                     protection_end: dt.date | None, *, enforce_cap: bool) -> dt.date:
    """End of the first protection period (T1 5.9.2): the decision's ``protection_end``,
    else the end the applicant asked for, else two years capped by the right.

    With ``enforce_cap`` (``IPREG_EAEU_ENFORCE_PROTECTION_CAP``, digest §10 F4/F10,
    outside the seeds) the first period obeys the cap of a prolongation: an end beyond
    it given by the decision is refused (``protectionEnd``), one asked for in the
    form is cut to the cap.
    """
    cap = protection_cap(start, (t.expires_on for t in obj.right_terms))
    if protection_end is not None:
        if enforce_cap and protection_end > cap:
            problems = Problems()
            problems.add("protectionEnd", f"{protection_end} is after {cap}, the longest "
                         "first period (two years, never beyond the right: digest §10 F4/F10, "
                         "outside the seeds)", rule="R174 A1 T1 5.9.2", code=OUT_OF_RANGE)
            problems.raise_if_any()
        return protection_end
    requested = entry.requested_protection_end
    if requested is None:
        return cap
    return min(requested, cap) if enforce_cap else requested


async def include(session: AsyncSession, object_id: int, *, decision_number: str,
                  decision_date: dt.date, case_id: int, now: dt.datetime,
                  protection_end: dt.date | None = None, enforce_cap: bool = False
                  ) -> IPObject:
    """P.SP.01.OPR.021: include a declared object, give it its number, publish it.

    R174 A1 T1 5.1.1 (next record number of the one sequence), 5.1.2-5.1.4, 5.9 (first
    protection period, :func:`first_period_end`), 8 (status ``included`` with the
    decision as basis, 8.3).
    """
    obj, entry = await load_entry(session, object_id)
    entry.sequence_number = await next_sequence_number(session)
    entry.decision_number = decision_number
    entry.inclusion_date = decision_date
    entry.valid_from = now
    entry.record_updated_at = now
    end = first_period_end(obj, entry, decision_date, protection_end, enforce_cap=enforce_cap)
    if end < decision_date:
        raise BadUserInput(f"the protection period would end on {end}, before inclusion on "
                           f"{decision_date} (R174 A1 T1 5.9)")
    period = EaeuProtectionPeriod(object_id=obj.id, seq=1, starts_on=decision_date, ends_on=end,
                                  granted_on=decision_date, basis_number=decision_number,
                                  basis_date=decision_date, case_id=case_id)
    session.add(period)
    await update_object(session, obj, ObjectChanges(
        register_number=display_number(entry.sequence_number, entry.kind_code, decision_number),
        published=True,
        status_record=StatusData("included", decision_date, decision_number, decision_date)))
    _record_entry(session, obj, entry, [period], "included")
    return obj


async def change_status(session: AsyncSession, object_id: int, status: str, *,
                        date: dt.date, basis_number: str | None, basis_date: dt.date | None,
                        now: dt.datetime, note: str | None = None) -> IPObject:
    """Append a T1 8 status record with its basis (8.3) and publish or unpublish the entry."""
    obj, entry = await load_entry(session, object_id)
    entry.record_updated_at = now
    if status == "excluded":
        entry.valid_to = now
    await update_object(session, obj, ObjectChanges(
        published=False if status == "excluded" else None,
        status_record=StatusData(status, date, basis_number, basis_date, note)))
    _record_entry(session, obj, entry, await _periods(session, object_id), status)
    return obj


async def set_pre_register_status(session: AsyncSession, object_ids: Iterable[int],
                                  status: str) -> None:
    """Mark declared objects refused, not considered or withdrawn (no T1 8 record)."""
    for object_id in object_ids:
        obj = await load_object(session, object_id)
        if obj.status == "application":
            await update_object(session, obj, ObjectChanges(status=status))


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
    by_position = {g.position: g for g in obj.goods}
    items = []
    for position, forms in changes:
        goods_row = by_position.get(position)
        if goods_row is None:
            raise BadUserInput(f"goods[{position}]: the entry has no goods item {position}")
        await session.execute(delete(EaeuTurnover).where(EaeuTurnover.goods_id == goods_row.id))
        items.append((object_id, goods_row.id, forms))
    await write_turnover(session, items, PartyStore(session))
    await turnover_changed(session, obj, entry, [position for position, _ in changes], now,
                           "turnover")


async def turnover_changed(session: AsyncSession, obj: IPObject, entry: EaeuEntry,
                           positions: Sequence[int], now: dt.datetime, change: str) -> None:
    """Every committed change of turnover data (T1 6.4 with tables 7-10: the goods items,
    their turnover parties, routes, legality) moves the turnover time-stamp
    (P.SP.01.PRC.008) and writes an ``eaeu_turnover`` event (P.SP.01.PRC.010), in the
    transaction of the change: PRC.007 (``change`` ``turnover``) and amendments or
    technical corrections of PRC.003 (``changed``)."""
    entry.turnover_updated_at = now
    entry.record_updated_at = now
    await session.flush()
    record_change(session, "eaeu_turnover", obj, "update",
                  {"objectId": obj.id, "registrationNumber": obj.register_number,
                   "goods": list(positions), "change": change, "at": now.isoformat()},
                  jurisdiction=JURISDICTION)


#: Keys of the registration form that name parties, with their roles (T1 3, 4, 7).
PARTY_KEYS = {"rightHolders": HOLDER, "representative": REPRESENTATIVE,
              "authorizedPersons": AUTHORIZED_PERSON}
#: Keys that name documents, with their roles (T1 5.6, 4.1).
DOCUMENT_KEYS = {"titleDocuments": TITLE_DOCUMENT, "powersOfAttorney": POWER_OF_ATTORNEY}


async def apply_changes(session: AsyncSession, object_id: int, changes: dict[str, Any],
                        parties: PartyStore, *, now: dt.datetime | None = None) -> list[str]:
    """P.SP.01.PRC.003: change or supplement the data of an entry; returns what changed.

    ``changes`` holds parsed values of the registration form (see
    :func:`ipreg.plugins.eaeu.forms.FormParser.object_form`) for the keys present. New
    goods bring new turnover data: the turnover feed (PRC.010) and time-stamp (PRC.008)
    move with them (:func:`turnover_changed`), at ``now``.
    """
    obj, entry = await load_entry(session, object_id)
    changed: list[str] = []
    update = ObjectChanges(parties={}, documents={})
    if "name" in changes:
        update.name = changes["name"]
        changed.append("name")
    if "description" in changes:
        update.description = changes["description"]
        changed.append("description")
    if "registrationFormNumber" in changes:
        entry.registration_form_number = changes["registrationFormNumber"]
        changed.append("registrationFormNumber")
    if "keywords" in changes:
        update.keywords = keywords(changes["keywords"])
        changed.append("keywords")
    if "rightTerms" in changes:
        update.right_terms = right_terms(changes["rightTerms"])
        changed.append("rightTerms")
    for key, role in PARTY_KEYS.items():
        if key in changes:
            value = changes[key]
            assert update.parties is not None
            update.parties[role] = [] if value is None else (
                value if isinstance(value, list) else [value])
            changed.append(key)
    for key, role in DOCUMENT_KEYS.items():
        if key in changes:
            assert update.documents is not None
            update.documents[role] = list(changes[key])
            changed.append(key)
    if "images" in changes:
        assert update.documents is not None
        update.documents[IMAGE] = [image_document(ref) for ref in changes["images"]]
        changed.append("images")
    if "goods" in changes:
        update.goods = goods(changes["goods"])
        changed.append("goods")
    await update_object(session, obj, update, parties)
    if "rightHolders" in changes:
        entry.right_holder_count = sum(1 for link in obj.parties if link.role == HOLDER)
    if "goods" in changes:
        await write_goods_details(session, [(obj.id, [g.id for g in obj.goods],
                                             changes["goods"])], parties)
        await turnover_changed(session, obj, entry, range(len(changes["goods"])),
                               now or dt.datetime.now(dt.UTC), "changed")
    return changed


__all__ = [
    "AUTHORIZED_PERSON",
    "CN_FEA_SCHEME",
    "HOLDER",
    "IMAGE",
    "REPRESENTATIVE",
    "Declaration",
    "PartyStore",
    "apply_changes",
    "authorities",
    "auto_transliteration",
    "change_status",
    "check_files",
    "declare_object",
    "declare_objects",
    "entry_snapshot",
    "first_period_end",
    "import_entries",
    "include",
    "load_entry",
    "new_party",
    "prolong",
    "protection_cap",
    "replace_turnover",
    "turnover_changed",
]
