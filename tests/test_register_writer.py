"""The register writer: one writer of the core object tables, one shape of ``ip_object`` event.

An object written one at a time (the procedures), in a batch (the importers) or
copied into a replica under its source ids gives the same event payload, and
that payload is :func:`snapshot` of the object as the database then holds it.
Every committed change has its event; a transaction that fails leaves nothing.
Parties carry all of the register data composition table 2; numbering and the
cursors of feed followers are the core's.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from support import DatabaseFactory

from ipreg.core import feed
from ipreg.core.config import Settings
from ipreg.core.errors import BadUserInput, Conflict
from ipreg.core.model import (
    Address,
    ChangeEvent,
    Contact,
    Document,
    Employee,
    IdentityDocument,
    IPObject,
    Party,
    PartyVersion,
)
from ipreg.core.runtime import Runtime
from ipreg.core.services.documents import DocumentForm
from ipreg.core.services.inputs import RightTermInput
from ipreg.core.services.numbering import (
    current_value,
    fixed_width,
    next_value,
    raise_counter,
)
from ipreg.core.services.objects import (
    FULL_LOAD,
    DocumentRole,
    GoodsData,
    KeywordData,
    NewObject,
    NiceClassData,
    ObjectChanges,
    ObjectWriter,
    PartyRole,
    StatusData,
    create_object,
    load_object,
    set_status,
    snapshot,
    update_object,
)
from ipreg.core.services.parties import (
    AddressForm,
    ContactForm,
    EmployeeForm,
    IdentityDocumentForm,
    PartyForm,
    PartyStore,
    differing,
    items_as_of,
    stored_items,
)
from ipreg.core.services.replica import collect_objects, replace_objects


def holder(name: str = "ТОО «Рахат»", taxpayer_id: str | None = "940340000157") -> PartyForm:
    """A legal entity with every part of table 2."""
    return PartyForm(
        party_type="legal", country="KZ", name=name, short_name="Рахат",
        taxpayer_id=taxpayer_id, tax_registration_reason_code=None,
        addresses=[AddressForm(kind="1", country="KZ", city="Алматы", street="ул. Зенкова",
                               building="7", postal_code="050010")],
        contacts=[ContactForm(channel="EM", channel_name="email",
                              values=["info@rakhat.kz", "office@rakhat.kz"]),
                  ContactForm(channel="TE", values=["+7 727 000 00 00"])],
        employees=[EmployeeForm("Иванов", "Иван", "Иванович", "директор", "+7 727 1",
                                "ivanov@rakhat.kz")])


def person() -> PartyForm:
    return PartyForm(party_type="natural", country="AM", name="Арам Петросян",
                     short_name="А. Петросян",
                     identity_document=IdentityDocumentForm("AM", "AN0123456", "01", "Паспорт",
                                                            None, dt.date(2020, 5, 1)))


def new(number: str, **overrides: Any) -> NewObject:
    """An object with every part: keywords with transliterations, three roles, documents,
    goods with codes and named Nice classes, right terms (not in country order), history."""
    data = NewObject(
        jurisdiction="eaeu", kind="trademark", name=f"Рахат {number}", status="included",
        register_number=number, description="Шоколад",
        keywords=[KeywordData("Рахат", "Rakhat"), KeywordData("Шоколад")],
        parties=[PartyRole(holder(), "holder"), PartyRole(person(), "authorized_person"),
                 PartyRole(holder(), "holder")],
        goods=[GoodsData("Шоколад", ["1806320000"], [NiceClassData(30, "Кондитерские")],
                         "cn_fea_eaeu"),
               GoodsData("Какао", ["1805000000", "1806100000"],
                         [NiceClassData(43), NiceClassData(30)], "cn_fea_eaeu")],
        right_terms=[RightTermInput("RU", dt.date(2031, 1, 1)),
                     RightTermInput("AM", dt.date(2030, 6, 1), dt.date(2020, 6, 1), True)],
        documents=[DocumentRole("title_document", DocumentForm(
                       country="KZ", kind_name="Свидетельство", number="123",
                       date=dt.date(2020, 6, 1))),
                   DocumentRole("power_of_attorney", DocumentForm(name="Доверенность")),
                   DocumentRole("title_document", DocumentForm(number="124"))],
        status_history=[StatusData("filed", dt.date(2024, 1, 10)),
                        StatusData("included", dt.date(2024, 3, 1), "0001",
                                   dt.date(2024, 3, 1))])
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def anonymous(payload: dict[str, Any]) -> dict[str, Any]:
    """A payload without the ids the database chose."""
    return {**payload, "id": None,
            "parties": [{**p, "id": None} for p in payload["parties"]]}


async def events(runtime: Runtime, entity: str = "ip_object") -> list[ChangeEvent]:
    async with runtime.sessionmaker() as session:
        return [e for e in await feed.read_after(session, 0, limit=10_000)
                if e.entity == entity]


async def truth(runtime: Runtime, object_id: int) -> dict[str, Any]:
    """:func:`snapshot` of the object as the database holds it."""
    async with runtime.sessionmaker() as session:
        obj = await load_object(session, object_id)
        ids = [link.party_id for link in obj.parties]
        parties = {p.id: p for p in (await session.execute(
            select(Party).where(Party.id.in_(ids)))).scalars()}
        return snapshot(obj, parties)


async def count(runtime: Runtime, model: Any) -> int:
    async with runtime.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


# ---------------------------------------------------------------- one event shape


async def test_single_bulk_and_replica_write_the_same_event(
        runtime: Runtime, databases: DatabaseFactory) -> None:
    async with runtime.sessionmaker() as session:
        single = await create_object(session, new("00001/TZ/0001"))
        await session.commit()
    async with runtime.sessionmaker() as session:
        (bulk,) = await ObjectWriter(session).write([new("00002/TZ/0002")])
        await session.commit()
    created = await events(runtime)
    assert [(e.entity_id, e.operation, e.version) for e in created] == [
        (single.id, "create", 1), (bulk.id, "create", 1)]
    for event in created:
        assert event.payload == await truth(runtime, event.entity_id)
    assert anonymous(created[0].payload) == {
        **anonymous(created[1].payload), "name": "Рахат 00001/TZ/0001",
        "registerNumber": "00001/TZ/0001"}
    payload = created[1].payload
    assert payload["keywords"] == ["Рахат", "Шоколад"]
    assert [(p["role"], p["name"]) for p in payload["parties"]] == [
        ("holder", "ТОО «Рахат»"), ("authorized_person", "Арам Петросян")]  # holder once
    assert [t["country"] for t in payload["rightTerms"]] == ["AM", "RU"]
    assert payload["goods"][1] == {"description": "Какао", "niceClasses": [30, 43],
                                   "hsCodes": ["1805000000", "1806100000"]}
    assert payload["statusDate"] == "2024-03-01"

    # A replica: the source's rows under the source's ids, and an event of the same shape.
    replica = Runtime.create(Settings.from_env(database_url=databases.migrated(), plugins=None))
    try:
        async with runtime.sessionmaker() as source:
            async def fetch(stmt: Any) -> Sequence[Any]:
                return (await source.execute(stmt)).all()

            tables = await collect_objects(fetch, [single.id, bulk.id])
            without_single = await collect_objects(fetch, [bulk.id])
        async with replica.sessionmaker() as session:
            done = await replace_objects(session, [single.id, bulk.id], [], tables)
            await session.commit()
        assert done.written == [single.id, bulk.id] and done.versions == {single.id: 1,
                                                                          bulk.id: 1}
        copied = await events(replica)
        assert [e.payload for e in copied] == [e.payload for e in created]
        assert [(e.operation, e.version) for e in copied] == [("update", 1), ("update", 1)]
        assert await count(replica, Contact) == await count(runtime, Contact) == 3
        # Again, with one object gone at the source: a delete event, the rest unchanged.
        async with replica.sessionmaker() as session:
            again = await replace_objects(session, [single.id, bulk.id], [single.id],
                                          without_single)
            await session.commit()
        assert again.removed == {single.id: 2}
        last = (await events(replica))[-2:]
        assert [(e.entity_id, e.operation) for e in last] == [(bulk.id, "update"),
                                                              (single.id, "delete")]
        assert await count(replica, IPObject) == 1
    finally:
        await replica.close()


async def test_rich_parties_are_written_whole_and_found_again(runtime: Runtime) -> None:
    """EAEU table 2 with tables 4, 5, 6 and item 9; a party is found again by country and
    taxpayer identifier, or an individual's identity document (``match="name"``: by
    country and name); ``party_id`` names a stored one."""
    async with runtime.sessionmaker() as session:
        store = PartyStore(session)
        first, second, same_tax, by_name = await store.resolve([
            holder(), person(), holder("Rakhat JSC"), person()])
        assert first == same_tax and second == by_name and first != second
        assert first.name == "ТОО «Рахат»"
        await session.commit()
    async with runtime.sessionmaker() as session:
        again = PartyStore(session)  # a new batch finds them in the database
        assert (await again.ref(holder("Другое имя"))).id == first.id
        assert (await again.ref(PartyForm(party_id=second.id))).id == second.id
        with pytest.raises(BadUserInput, match="party 999 does not exist"):
            await again.ref(PartyForm(party_id=999))
        by_name_only = PartyStore(session, match="name")
        assert (await by_name_only.ref(holder("Другое имя"))).id not in (first.id, second.id)
        await session.rollback()
    assert await count(runtime, Party) == 2
    assert await count(runtime, Address) == 1
    assert await count(runtime, Contact) == 3  # one row per identifier (table 6 item 3)
    assert await count(runtime, Employee) == 1
    assert await count(runtime, IdentityDocument) == 1
    async with runtime.sessionmaker() as session:
        document = await session.scalar(select(IdentityDocument))
        assert document is not None and document.number == "AN0123456"
        assert document.party_id == second.id


async def test_a_party_is_a_person_never_found_by_its_name(runtime: Runtime) -> None:
    """Two individuals of one name and country without a taxpayer id are two parties;
    the identity document finds an individual again; a legal entity without a taxpayer
    id is a new party on each filing (one form object resolved twice: one party)."""
    def nameless() -> PartyForm:
        return PartyForm(party_type="natural", country="AM", name="Арам Петросян")

    async with runtime.sessionmaker() as session:
        store = PartyStore(session)
        one, two, known, again = await store.resolve([nameless(), nameless(), person(),
                                                      person()])
        assert (await store.ref(form := nameless())) == (await store.ref(form))
        assert len({one.id, two.id, known.id}) == 3 and again == known
        later = PartyStore(session)
        assert (await later.ref(person())).id == known.id
        assert (await later.ref(holder(taxpayer_id=None))).id != (
            await later.ref(holder(taxpayer_id=None))).id
        await session.commit()


async def test_a_refreshing_store_gives_a_party_the_data_of_its_filing(
    runtime: Runtime,
) -> None:
    """``refresh=True``: a party found again takes every table 2 item of its form, keeps
    its id, and what it was before is in ``changes``; every object linking it gets an
    ``update`` event with the new name (``touch_linked``); one filing giving one person
    twice with different data is refused; ``refresh`` a set of ids: only those."""
    async with runtime.sessionmaker() as session:
        first = await create_object(session, new("00001/ТЗ/0001"))
        second = await create_object(session, new("00002/ТЗ/0001"))
        await session.commit()
        holder_id = next(link.party_id for link in first.parties if link.role == "holder")
    renamed = holder("АО «Рахат»")
    renamed.contacts = [ContactForm(channel="EM", values=["new@rakhat.kz"])]
    async with runtime.sessionmaker() as session:
        assert await differing(session, [(holder_id, renamed)]) == [holder_id]
        untouched = PartyStore(session, refresh={12345})
        assert (await untouched.ref(renamed)).id == holder_id and not untouched.changes
        store = PartyStore(session, refresh=True)
        obj = await load_object(session, first.id)
        await update_object(session, obj, ObjectChanges(parties={"holder": [renamed]}), store)
        (change,) = store.changes
        assert (change.party_id, change.before["name"], change.after["name"]) == (
            holder_id, "ТОО «Рахат»", "АО «Рахат»")
        assert change.after["contacts"] == [{"channel": "EM", "channel_name": None,
                                             "value": "new@rakhat.kz"}]
        assert await differing(session, [(holder_id, renamed)]) == []
        with pytest.raises(BadUserInput, match="given twice with different data"):
            await store.resolve([holder("Третье имя")])
        await session.commit()
    async with runtime.sessionmaker() as session:
        stored = (await stored_items(session, [holder_id]))[holder_id]
        party = await session.get(Party, holder_id)
        assert party is not None and party.version == 2
        (kept,) = (await session.execute(select(PartyVersion))).scalars().all()
        assert (kept.party_id, kept.version, kept.items) == (holder_id, 1, change.before)
        assert items_as_of([kept], kept.valid_to - dt.timedelta(days=1)) == change.before
        assert items_as_of([kept], kept.valid_to + dt.timedelta(seconds=1)) is None
    assert stored["name"] == "АО «Рахат»" and len(stored["contacts"]) == 1
    last = {e.entity_id: e.payload for e in await events(runtime)}
    for object_id in (first.id, second.id):
        names = {p["name"] for p in last[object_id]["parties"] if p["role"] == "holder"}
        assert names == {"АО «Рахат»"}


# ---------------------------------------------------------------- events and transactions


async def test_each_committed_change_has_one_event(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        created = await create_object(session, new("00001/TZ/0001"))
        await session.commit()
    object_id = created.id
    async with runtime.sessionmaker() as session:
        obj = await load_object(session, object_id)
        await update_object(session, obj, ObjectChanges(
            name="Рахат Голд", description=None, published=False,
            keywords=[KeywordData("Голд")],
            right_terms=[RightTermInput("KZ", dt.date(2032, 1, 1))],
            parties={"holder": [holder(), person()], "authorized_person": []},
            documents={"title_document": [DocumentForm(number="999")]},
            goods=[GoodsData("Конфеты", ["1806900000"])]))
        await session.commit()
    async with runtime.sessionmaker() as session:
        obj = await load_object(session, object_id)
        await set_status(session, obj, "prolonged", dt.date(2026, 4, 1), "0002", note="PRC.004")
        await session.commit()
    async with runtime.sessionmaker() as session:  # a change rolled back: no event
        obj = await load_object(session, object_id)
        await set_status(session, obj, "excluded", dt.date(2026, 5, 1))
        await session.rollback()
    changes = await events(runtime)
    assert [(e.operation, e.version) for e in changes] == [
        ("create", 1), ("update", 2), ("update", 3)]
    assert changes[-1].payload == await truth(runtime, object_id)
    updated = changes[1].payload
    assert (updated["name"], updated["description"], updated["published"]) == (
        "Рахат Голд", None, False)
    assert [(p["role"], p["name"]) for p in updated["parties"]] == [
        ("holder", "ТОО «Рахат»"), ("holder", "Арам Петросян")]
    assert updated["goods"] == [{"description": "Конфеты", "hsCodes": ["1806900000"],
                                 "niceClasses": []}]
    assert changes[-1].payload["status"] == "prolonged"
    async with runtime.sessionmaker() as session:
        obj = await load_object(session, object_id)
        await session.refresh(obj, ["documents"])
        roles = sorted((d.role, d.position) for d in obj.documents)
        assert roles == [("power_of_attorney", 0), ("title_document", 0)]
        assert obj.status_history[-1].note == "PRC.004"


async def test_a_failed_bulk_write_leaves_nothing(runtime: Runtime) -> None:
    """All or nothing: the second batch takes a register number already used."""
    async with runtime.sessionmaker() as session:
        writer = ObjectWriter(session)
        await writer.write([new(f"{i:05d}/TZ/0001") for i in range(1, 4)])
        with pytest.raises(IntegrityError):
            await writer.write([new("00004/TZ/0001"), new("00002/TZ/0001")])
        await session.rollback()
    for model in (IPObject, Party, Document, Contact, ChangeEvent):
        assert await count(runtime, model) == 0, model


async def test_bulk_writers_at_once_take_different_ids(runtime: Runtime) -> None:
    """Ids come from the database (a sequence, or SQLite's one writer): writers running
    together never collide, and every object keeps its own parts."""

    async def write(first: int) -> list[int]:
        async with runtime.sessionmaker() as session:
            written = await ObjectWriter(session).write(
                [new(f"{i:05d}/TZ/0001", name=f"N{i}") for i in range(first, first + 20)])
            await asyncio.sleep(0.01)
            await session.commit()
            return [w.id for w in written]

    one, two = await asyncio.gather(write(1), write(100))
    assert len(set(one) | set(two)) == 40
    for object_id in (one[0], two[-1]):
        assert (await truth(runtime, object_id))["goods"][0]["hsCodes"] == ["1806320000"]
    async with runtime.sessionmaker() as session:
        rows = await session.execute(select(IPObject).where(IPObject.id.in_([one[3], two[3]]))
                                     .options(*FULL_LOAD))
        assert sorted(o.name for o in rows.scalars()) == ["N103", "N4"]


# ---------------------------------------------------------------- numbering, cursors


async def test_numbering_gives_consecutive_values_and_takes_back_rolled_back_ones(
        runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        assert [await next_value(session, "ua_gi", "application") for _ in range(3)] == [1, 2, 3]
        assert await next_value(session, "ua_customs", "application") == 1  # per scope
        await session.commit()
    async with runtime.sessionmaker() as session:
        assert await next_value(session, "ua_gi", "application") == 4
        await session.rollback()
    async with runtime.sessionmaker() as session:
        await raise_counter(session, "ua_gi", "application", 41)
        await raise_counter(session, "ua_gi", "application", 7)  # never lowers it
        assert await next_value(session, "ua_gi", "application") == 42
        assert await current_value(session, "ua_gi", "list") == 0
        await session.commit()
    assert fixed_width(42, 5) == "00042"
    with pytest.raises(Conflict, match="does not fit the 4 digits of R1"):
        fixed_width(10_000, 4, "decision number", "R1")


async def test_a_feed_cursor_only_moves_forward(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        assert await feed.read_cursor(session, "copis:recordals") == 0
        await feed.advance_cursor(session, "copis:recordals", 12)
        await feed.advance_cursor(session, "copis:recordals", 5)
        await session.commit()
    async with runtime.sessionmaker() as session:
        assert await feed.read_cursor(session, "copis:recordals", lock=True) == 12
        assert await feed.cursors_started(session, ["copis:recordals", "other"]) == 1
        await feed.advance_cursor(session, "copis:recordals", 13)
        await session.rollback()
    async with runtime.sessionmaker() as session:
        assert await feed.read_cursor(session, "copis:recordals") == 12
