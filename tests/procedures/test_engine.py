"""The engine runs a declared procedure strictly: states, roles, input, guards, limits."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from support import Cast, Clock

from ipreg.core import feed
from ipreg.core.auth import ANONYMOUS
from ipreg.core.errors import (
    BadUserInput,
    Conflict,
    Forbidden,
    InvalidTransition,
    IpregError,
    PreconditionFailed,
    TimeLimitExpired,
    Unauthenticated,
)
from ipreg.core.model import Case, CaseDeadline, CaseStep, ChangeEvent, Decision, Notification
from ipreg.core.runtime import Runtime

PRC = "TEST.PRC.001"


async def open_case(rt: Runtime, cast: Cast) -> int:
    async with rt.sessionmaker() as session:
        case, _ = await rt.procedures.open_case(session, PRC, cast.applicant, {"name": "Sunny"})
        await session.commit()
        return case.id


async def perform(rt: Runtime, case_id: int, code: str, who: Any, data: Any = None,
                  **kw: Any) -> Case:
    async with rt.sessionmaker() as session:
        case, _ = await rt.procedures.perform(session, case_id, code, who, data, **kw)
        await session.commit()
        return case


async def counts(rt: Runtime) -> dict[str, int]:
    async with rt.sessionmaker() as session:
        out = {}
        for name, model in (("steps", CaseStep), ("events", ChangeEvent),
                            ("notices", Notification), ("deadlines", CaseDeadline)):
            out[name] = (await session.execute(select(func.count()).select_from(model))).scalar()
        return out


async def deadline(rt: Runtime, case_id: int, code: str) -> CaseDeadline:
    async with rt.sessionmaker() as session:
        rows = await rt.procedures.deadlines(session, case_id, code)
        return rows[-1]


async def test_filing_opens_a_case_with_its_history_limit_event_and_notice(
        rt: Runtime, cast: Cast) -> None:
    case_id = await open_case(rt, cast)
    async with rt.sessionmaker() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        assert (case.state, case.applicant_id) == ("filed", cast.applicant_party)
        assert case.number == f"TESTLAND-2026-{case_id:06d}"
        steps = (await session.execute(select(CaseStep))).scalars().all()
        assert [(s.transition, s.from_state, s.to_state, s.actor) for s in steps] == [
            ("T.001", None, "filed", "user:applicant")]
        events = await feed.read_after(session, 0)
        assert sorted((e.entity, e.operation) for e in events) == [
            ("case", "create"), ("notification", "create")]
        assert next(e for e in events if e.entity == "case").payload["state"] == "filed"
        notices = (await session.execute(select(Notification))).scalars().all()
        assert [(n.kind, n.addressee_id, n.status) for n in notices] == [
            ("receipt", cast.applicant_party, "pending")]
    # Sample rules 4.1: 10 working days from Monday 2 March 2026; Monday 9 March is a holiday
    review = await deadline(rt, case_id, "T.L.review")
    assert review.due_on == dt.date(2026, 3, 17)
    assert review.legal_basis == "Sample rules 4.1"


@pytest.mark.parametrize(("who", "code", "data", "error"), [
    ("applicant", "T.003", {"documents": ["a"]}, InvalidTransition),  # wrong state
    ("applicant", "T.004", {"decisionNumber": "7"}, Forbidden),       # wrong role
    ("other_applicant", "T.007", None, Forbidden),                    # not their case
    ("foreign_examiner", "T.005", {"grounds": "x"}, Forbidden),       # other jurisdiction
    ("anonymous", "T.005", {"grounds": "x"}, Unauthenticated),
    ("examiner", "T.005", None, BadUserInput),                        # missing input
    ("examiner", "T.005", {"grounds": "x", "extra": 1}, BadUserInput),  # unknown input
    ("examiner", "T.004", {"decisionNumber": "A-7"}, PreconditionFailed),  # guard
    ("examiner", "T.999", None, BadUserInput),                        # no such transition
])
async def test_an_illegal_transition_is_refused_and_changes_nothing(
        rt: Runtime, cast: Cast, who: str, code: str, data: Any,
        error: type[IpregError]) -> None:
    case_id = await open_case(rt, cast)
    before = await counts(rt)
    principal = ANONYMOUS if who == "anonymous" else getattr(cast, who)
    with pytest.raises(error):
        await perform(rt, case_id, code, principal, data)
    assert await counts(rt) == before
    async with rt.sessionmaker() as session:
        case = await session.get(Case, case_id)
        assert case is not None and case.state == "filed" and case.version == 1


async def test_a_missed_limit_is_refused_and_its_consequence_applied_once_by_tick(
        rt: Runtime, cast: Cast, clock: Clock) -> None:
    case_id = await open_case(rt, cast)
    await perform(rt, case_id, "T.002", cast.examiner, {"missing": ["power of attorney"]})
    cure = await deadline(rt, case_id, "T.L.cure")
    # Sample rules 5.2: the request is deemed received 5 days after dispatch (7 March),
    # 30 days from then end on Monday 6 April 2026.
    assert (cure.starts_on, cure.due_on) == (dt.date(2026, 3, 7), dt.date(2026, 4, 6))
    assert await rt.procedures.tick() == []

    clock.now = dt.datetime(2026, 4, 6, 20, 59, tzinfo=dt.UTC)  # 23:59 in Kyiv: still in time
    assert await rt.procedures.tick() == []
    clock.now = dt.datetime(2026, 4, 6, 21, 0, tzinfo=dt.UTC)  # midnight: expired
    with pytest.raises(TimeLimitExpired):
        await perform(rt, case_id, "T.003", cast.applicant, {"documents": ["poa.pdf"]})

    applied = await rt.procedures.tick()
    assert [(a["limit"], a["consequence"]) for a in applied] == [("T.L.cure", "T.006")]
    assert await rt.procedures.tick() == []  # twice changes nothing
    async with rt.sessionmaker() as session:
        case = await session.get(Case, case_id)
        assert case is not None and case.state == "deemed_withdrawn"
        steps = (await session.execute(select(CaseStep.transition, CaseStep.actor)
                                       .where(CaseStep.case_id == case_id)
                                       .order_by(CaseStep.seq))).all()
        assert [tuple(s) for s in steps] == [("T.001", "user:applicant"),
                                             ("T.002", "user:examiner"), ("T.006", "system")]
        statuses = {d.code: d.status for d in await rt.procedures.deadlines(session, case_id)}
        assert statuses == {"T.L.review": "suspended", "T.L.cure": "expired"}


async def test_an_act_in_time_stops_the_clock(rt: Runtime, cast: Cast, clock: Clock) -> None:
    case_id = await open_case(rt, cast)
    await perform(rt, case_id, "T.002", cast.examiner, {"missing": ["poa"]})
    clock.advance(days=20)
    await perform(rt, case_id, "T.003", cast.applicant, {"documents": ["poa.pdf"]})
    assert (await deadline(rt, case_id, "T.L.cure")).status == "met"
    clock.advance(days=60)
    assert await rt.procedures.tick() != []  # only the review limit, which has no consequence
    async with rt.sessionmaker() as session:
        case = await session.get(Case, case_id)
        assert case is not None and case.state == "filed"


async def test_suspension_keeps_the_remaining_days(rt: Runtime, cast: Cast,
                                                   clock: Clock) -> None:
    case_id = await open_case(rt, cast)
    assert (await deadline(rt, case_id, "T.L.review")).due_on == dt.date(2026, 3, 17)
    clock.advance(days=2)  # Wednesday 4 March: 13 days left
    await perform(rt, case_id, "T.008", cast.examiner)
    suspended = await deadline(rt, case_id, "T.L.review")
    assert (suspended.status, suspended.remaining_days) == ("suspended", 13)
    clock.advance(days=30)  # Friday 3 April
    await perform(rt, case_id, "T.009", cast.examiner)
    resumed = await deadline(rt, case_id, "T.L.review")
    assert resumed.status == "running"
    assert resumed.due_on == dt.date(2026, 4, 16)
    assert resumed.history[-1]["action"] == "resumed"


async def test_concurrent_transitions_one_wins_the_other_gets_conflict(
        rt: Runtime, cast: Cast) -> None:
    case_id = await open_case(rt, cast)
    async with rt.sessionmaker() as first, rt.sessionmaker() as second:
        await rt.procedures.perform(first, case_id, "T.005", cast.examiner, {"grounds": "a"})
        await first.commit()
        with pytest.raises(Conflict):
            await rt.procedures.perform(second, case_id, "T.004", cast.examiner,
                                        {"decisionNumber": "12"}, expected_version=1)
    steps = await counts(rt)
    assert steps["steps"] == 2


async def test_racing_transitions_without_expected_versions_apply_once(
        rt: Runtime, cast: Cast, backend: str) -> None:
    case_id = await open_case(rt, cast)

    async def attempt(code: str, data: dict[str, Any]) -> str:
        try:
            await perform(rt, case_id, code, cast.examiner, data)
            return "ok"
        except (Conflict, InvalidTransition) as error:
            return error.code

    results = await asyncio.gather(attempt("T.005", {"grounds": "a"}),
                                   attempt("T.004", {"decisionNumber": "1"}))
    assert sorted(results)[-1] == "ok" and results.count("ok") == 1
    assert (await counts(rt))["steps"] == 2


async def test_a_retried_request_with_its_idempotency_key_returns_the_first_result(
        rt: Runtime, cast: Cast) -> None:
    async with rt.sessionmaker() as session:
        first, replayed = await rt.procedures.open_case(
            session, PRC, cast.applicant, {"name": "Sunny"}, idempotency_key="k-1")
        await session.commit()
    assert not replayed
    async with rt.sessionmaker() as session:
        again, replayed = await rt.procedures.open_case(
            session, PRC, cast.applicant, {"name": "Sunny"}, idempotency_key="k-1")
        await session.commit()
    assert replayed and again.id == first.id
    assert (await counts(rt))["steps"] == 1
    async with rt.sessionmaker() as session:
        with pytest.raises(BadUserInput, match="different request"):
            await rt.procedures.open_case(session, PRC, cast.applicant, {"name": "Other"},
                                          idempotency_key="k-1")


async def test_guards_effects_and_notices_of_a_decision(rt: Runtime, cast: Cast) -> None:
    case_id = await open_case(rt, cast)
    case = await perform(rt, case_id, "T.004", cast.examiner, {"decisionNumber": "0042"})
    assert case.state == "granted" and case.data["decision"] == "0042"
    async with rt.sessionmaker() as session:
        kinds = (await session.execute(select(Notification.kind).order_by(Notification.id)))
        assert list(kinds.scalars()) == ["receipt", "decision"]


async def test_a_running_limit_can_be_extended_with_its_basis(rt: Runtime, cast: Cast) -> None:
    case_id = await open_case(rt, cast)
    await perform(rt, case_id, "T.002", cast.examiner, {"missing": ["poa"]})
    assert (await deadline(rt, case_id, "T.L.cure")).due_on == dt.date(2026, 4, 6)
    await perform(rt, case_id, "T.010", cast.examiner, {"days": 14, "basis": "Rules 5.3"})
    extended = await deadline(rt, case_id, "T.L.cure")
    assert extended.due_on == dt.date(2026, 4, 20) and extended.status == "running"
    assert extended.history[-1] | {"at": None} == {
        "action": "extended", "at": None, "from": "2026-04-06", "to": "2026-04-20",
        "by": "14 calendar days", "basis": "Rules 5.3"}


async def test_a_missed_limit_can_be_restored(rt: Runtime, cast: Cast, clock: Clock) -> None:
    case_id = await open_case(rt, cast)
    await perform(rt, case_id, "T.002", cast.examiner, {"missing": ["poa"]})
    clock.now = dt.datetime(2026, 4, 10, 8, 0, tzinfo=dt.UTC)
    await rt.procedures.tick()
    case = await perform(rt, case_id, "T.011", cast.examiner, {"basis": "restoration request"})
    assert case.state == "incomplete"
    restored = await deadline(rt, case_id, "T.L.cure")
    assert (restored.status, restored.due_on) == ("running", dt.date(2026, 4, 27))
    await perform(rt, case_id, "T.003", cast.applicant, {"documents": ["poa.pdf"]})
    assert (await deadline(rt, case_id, "T.L.cure")).status == "met"


async def test_effects_record_decisions_numbered_by_the_registers_own_numbering(
        rt: Runtime, cast: Cast) -> None:
    """TransitionContext.decide: dated in the jurisdiction's calendar; numbered by the
    function the register passes (Sample rules 6.1), else without a number."""
    granted = await open_case(rt, cast)
    await perform(rt, granted, "T.004", cast.examiner, {"decisionNumber": "0042"})
    refused = await open_case(rt, cast)
    await perform(rt, refused, "T.005", cast.examiner, {"grounds": "not distinctive"})
    async with rt.sessionmaker() as session:
        rows = (await session.execute(select(Decision).order_by(Decision.id))).scalars().all()
    assert [(d.case_id, d.kind, d.outcome, d.number, d.grounds, d.date) for d in rows] == [
        (granted, "grant", "granted", "S-1", None, dt.date(2026, 3, 2)),
        (refused, "refusal", "refused", None, "not distinctive", dt.date(2026, 3, 2))]
