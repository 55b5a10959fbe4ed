"""The outbox: notifications commit with the transaction that writes them, and receipts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from ipreg.core import feed
from ipreg.core.auth import ANONYMOUS, Grant, Principal
from ipreg.core.errors import Conflict, Forbidden, NotFound, Unauthenticated
from ipreg.core.model import ChangeEvent, Notification
from ipreg.core.notify import Dispatcher, DispatchSettings, InboxChannel, confirm_receipt, enqueue
from ipreg.core.runtime import Runtime


async def _events(runtime: Runtime, entity_id: int) -> list[ChangeEvent]:
    async with runtime.sessionmaker() as session:
        return [e for e in await feed.read_after(session, 0, 10_000) if e.entity_id == entity_id]


async def test_a_notification_and_its_event_commit_with_the_transaction(
    runtime: Runtime, make_party: Any
) -> None:
    party = await make_party()
    async with runtime.sessionmaker() as session:
        n = enqueue(
            session,
            kind="decision_notice",
            subject="Рішення про включення",
            body="Об'єкт включено до реєстру.",
            addressee_id=party,
            addressee_role="applicant",
            payload={"decision": "D-1"},
        )
        await session.commit()
    async with runtime.sessionmaker() as session:
        row = await session.get(Notification, n.id)
        assert row is not None
        assert (row.status, row.channel, row.attempts, row.version) == ("pending", "inbox", 0, 1)
        assert row.payload == {"decision": "D-1"}
    [event] = await _events(runtime, n.id)
    assert (event.entity, event.operation, event.version) == ("notification", "create", 1)
    assert event.payload["status"] == "pending"
    assert event.payload["subject"] == "Рішення про включення"
    assert event.payload["addresseeId"] == party


async def test_a_rolled_back_transaction_leaves_no_notification(
    runtime: Runtime, make_party: Any
) -> None:
    party = await make_party()
    async with runtime.sessionmaker() as session:
        enqueue(session, kind="k", subject="s", body="b", addressee_id=party,
                addressee_role="applicant")
        await session.flush()
        await session.rollback()
    async with runtime.sessionmaker() as session:
        count = await session.scalar(select(func.count()).select_from(Notification))
        assert count == 0
        assert await feed.head(session) == 0


async def test_not_before_delays_the_first_attempt(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    party = await make_party()
    async with runtime.sessionmaker() as session:
        n = enqueue(session, kind="reminder", subject="s", body="b", addressee_id=party,
                    addressee_role="applicant", not_before=clock.now + dt.timedelta(hours=1))
        await session.commit()
    dispatcher = Dispatcher(runtime, [InboxChannel()], clock=clock, settings=DispatchSettings())
    assert (await dispatcher.run_once()).claimed == 0
    clock.advance(3600)
    report = await dispatcher.run_once()
    assert (report.claimed, report.sent) == (1, 1)
    async with runtime.sessionmaker() as session:
        row = await session.get(Notification, n.id)
        assert row is not None and row.sent_at == clock.now


async def _delivered(runtime: Runtime, clock: Any, addressee: int) -> int:
    async with runtime.sessionmaker() as session:
        n = enqueue(session, kind="decision_notice", subject="s", body="b",
                    addressee_id=addressee, addressee_role="applicant")
        await session.commit()
    await Dispatcher(runtime, [InboxChannel()], clock=clock).run_once()
    return n.id


async def test_only_the_addressee_confirms_receipt(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    applicant = await make_party("Заявник")
    stranger = await make_party("Сторонній")
    nid = await _delivered(runtime, clock, applicant)
    for principal, error in [
        (ANONYMOUS, Unauthenticated),
        (Principal(kind="user", subject="s", party_id=stranger), Forbidden),
        (Principal(kind="user", subject="r", grants=frozenset({Grant("representative", None,
                                                                     stranger)})), Forbidden),
    ]:
        async with runtime.sessionmaker() as session:
            with pytest.raises(error):
                await confirm_receipt(session, nid, principal)
    async with runtime.sessionmaker() as session:
        with pytest.raises(NotFound):
            await confirm_receipt(session, nid + 1000, Principal(kind="user", party_id=applicant))

    moment = clock.advance(60)
    async with runtime.sessionmaker() as session:
        row = await confirm_receipt(
            session, nid, Principal(kind="user", subject="a", party_id=applicant), now=moment
        )
        await session.commit()
    assert (row.received_at, row.confirmed_at) == (moment, moment)

    # Again, by a representative of the applicant (a grant for that organisation): unchanged.
    async with runtime.sessionmaker() as session:
        again = await confirm_receipt(
            session, nid,
            Principal(kind="user", subject="r", grants=frozenset({Grant("representative", None,
                                                                       applicant)})),
            now=clock.advance(60),
        )
        await session.commit()
    assert again.confirmed_at == moment

    events = await _events(runtime, nid)
    assert [e.payload["status"] for e in events] == ["pending", "sending", "sent", "sent"]
    assert events[-1].payload["confirmedAt"] == moment.isoformat()
    assert [e.version for e in events] == [1, 2, 3, 4]


async def test_an_undelivered_notification_cannot_be_confirmed(
    runtime: Runtime, make_party: Any
) -> None:
    party = await make_party()
    async with runtime.sessionmaker() as session:
        n = enqueue(session, kind="k", subject="s", body="b", addressee_id=party,
                    addressee_role="applicant")
        await session.commit()
    async with runtime.sessionmaker() as session:
        with pytest.raises(Conflict):
            await confirm_receipt(session, n.id, Principal(kind="user", party_id=party))
