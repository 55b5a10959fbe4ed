"""The engine runs a declared procedure strictly: states, roles, input, guards, limits."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from ipreg.core import feed
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
from ipreg.core.model import Case, CaseStep, Decision, Notification
from ipreg.core.runtime import Runtime
from ipreg.testing import Cast, ProcedureContract, ProcedureDriver

PRC = "TEST.PRC.001"


async def open_case(driver: ProcedureDriver) -> int:
    """A sample application, filed by the applicant: where every test starts."""
    return (await driver.open(PRC, "applicant", {"name": "Sunny"})).id


@pytest.mark.hook("ipreg_register_procedures")
@pytest.mark.hook("ipreg_register_calendars")
async def test_filing_opens_a_case_with_its_history_limit_event_and_notice(
        rt: Runtime, cast: Cast, driver: ProcedureDriver) -> None:
    case_id = await open_case(driver)
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
    review = await driver.deadline(case_id, "T.L.review")
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
        driver: ProcedureDriver, who: str, code: str, data: Any,
        error: type[IpregError]) -> None:
    case_id = await open_case(driver)
    before = await driver.counts()
    with pytest.raises(error):
        await driver.act(case_id, code, who, data)
    assert await driver.counts() == before
    case = await driver.case(case_id)
    assert case.state == "filed" and case.version == 1


async def test_a_missed_limit_is_refused_and_its_consequence_applied_once_by_tick(
        driver: ProcedureDriver) -> None:
    case_id = await open_case(driver)
    await driver.act(case_id, "T.002", "examiner", {"missing": ["power of attorney"]})
    cure = await driver.deadline(case_id, "T.L.cure")
    # Sample rules 5.2: the request is deemed received 5 days after dispatch (7 March),
    # 30 days from then end on Monday 6 April 2026.
    assert (cure.starts_on, cure.due_on) == (dt.date(2026, 3, 7), dt.date(2026, 4, 6))
    assert await driver.tick() == []

    driver.at(dt.datetime(2026, 4, 6, 20, 59, tzinfo=dt.UTC))  # 23:59 in Kyiv: still in time
    assert await driver.tick() == []
    driver.at(dt.datetime(2026, 4, 6, 21, 0, tzinfo=dt.UTC))  # midnight: expired
    with pytest.raises(TimeLimitExpired):
        await driver.act(case_id, "T.003", "applicant", {"documents": ["poa.pdf"]})

    applied = await driver.tick()
    assert [(a["limit"], a["consequence"]) for a in applied] == [("T.L.cure", "T.006")]
    assert await driver.tick() == []  # twice changes nothing
    assert (await driver.case(case_id)).state == "deemed_withdrawn"
    assert [(t, actor) for t, _, _, actor in await driver.steps(case_id)] == [
        ("T.001", "user:applicant"), ("T.002", "user:examiner"), ("T.006", "system")]
    statuses = {d.code: d.status for d in await driver.deadlines(case_id)}
    assert statuses == {"T.L.review": "suspended", "T.L.cure": "expired"}


async def test_an_act_in_time_stops_the_clock(driver: ProcedureDriver) -> None:
    case_id = await open_case(driver)
    await driver.act(case_id, "T.002", "examiner", {"missing": ["poa"]})
    driver.advance(days=20)
    await driver.act(case_id, "T.003", "applicant", {"documents": ["poa.pdf"]})
    assert (await driver.deadline(case_id, "T.L.cure")).status == "met"
    driver.advance(days=60)
    assert await driver.tick() != []  # only the review limit, which has no consequence
    assert (await driver.case(case_id)).state == "filed"


async def test_suspension_keeps_the_remaining_days(driver: ProcedureDriver) -> None:
    case_id = await open_case(driver)
    assert (await driver.deadline(case_id, "T.L.review")).due_on == dt.date(2026, 3, 17)
    driver.advance(days=2)  # Wednesday 4 March: 13 days left
    await driver.act(case_id, "T.008", "examiner")
    suspended = await driver.deadline(case_id, "T.L.review")
    assert (suspended.status, suspended.remaining_days) == ("suspended", 13)
    driver.advance(days=30)  # Friday 3 April
    await driver.act(case_id, "T.009", "examiner")
    resumed = await driver.deadline(case_id, "T.L.review")
    assert resumed.status == "running"
    assert resumed.due_on == dt.date(2026, 4, 16)
    assert resumed.history[-1]["action"] == "resumed"


async def test_concurrent_transitions_one_wins_the_other_gets_conflict(
        rt: Runtime, cast: Cast, driver: ProcedureDriver) -> None:
    case_id = await open_case(driver)
    async with rt.sessionmaker() as first, rt.sessionmaker() as second:
        await rt.procedures.perform(first, case_id, "T.005", cast.examiner, {"grounds": "a"})
        await first.commit()
        with pytest.raises(Conflict):
            await rt.procedures.perform(second, case_id, "T.004", cast.examiner,
                                        {"decisionNumber": "12"}, expected_version=1)
    assert (await driver.counts())["case_step"] == 2


async def test_racing_transitions_without_expected_versions_apply_once(
        driver: ProcedureDriver, backend: str) -> None:
    case_id = await open_case(driver)

    async def attempt(code: str, data: dict[str, Any]) -> str:
        try:
            await driver.act(case_id, code, "examiner", data)
            return "ok"
        except (Conflict, InvalidTransition) as error:
            return error.code

    results = await asyncio.gather(attempt("T.005", {"grounds": "a"}),
                                   attempt("T.004", {"decisionNumber": "1"}))
    assert sorted(results)[-1] == "ok" and results.count("ok") == 1
    assert (await driver.counts())["case_step"] == 2


async def test_a_retried_request_with_its_idempotency_key_returns_the_first_result(
        rt: Runtime, cast: Cast, driver: ProcedureDriver) -> None:
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
    assert (await driver.counts())["case_step"] == 1
    async with rt.sessionmaker() as session:
        with pytest.raises(BadUserInput, match="different request"):
            await rt.procedures.open_case(session, PRC, cast.applicant, {"name": "Other"},
                                          idempotency_key="k-1")


async def test_guards_effects_and_notices_of_a_decision(driver: ProcedureDriver) -> None:
    case_id = await open_case(driver)
    case = await driver.act(case_id, "T.004", "examiner", {"decisionNumber": "0042"})
    assert case.state == "granted" and case.data["decision"] == "0042"
    assert [kind for kind, _, _ in await driver.notices(case_id)] == ["receipt", "decision"]


async def test_a_running_limit_can_be_extended_with_its_basis(driver: ProcedureDriver) -> None:
    case_id = await open_case(driver)
    await driver.act(case_id, "T.002", "examiner", {"missing": ["poa"]})
    assert (await driver.deadline(case_id, "T.L.cure")).due_on == dt.date(2026, 4, 6)
    await driver.act(case_id, "T.010", "examiner", {"days": 14, "basis": "Rules 5.3"})
    extended = await driver.deadline(case_id, "T.L.cure")
    assert extended.due_on == dt.date(2026, 4, 20) and extended.status == "running"
    assert extended.history[-1] | {"at": None} == {
        "action": "extended", "at": None, "from": "2026-04-06", "to": "2026-04-20",
        "by": "14 calendar days", "basis": "Rules 5.3"}


async def test_a_missed_limit_can_be_restored(driver: ProcedureDriver) -> None:
    case_id = await open_case(driver)
    await driver.act(case_id, "T.002", "examiner", {"missing": ["poa"]})
    driver.at(dt.datetime(2026, 4, 10, 8, 0, tzinfo=dt.UTC))
    await driver.tick()
    case = await driver.act(case_id, "T.011", "examiner", {"basis": "restoration request"})
    assert case.state == "incomplete"
    restored = await driver.deadline(case_id, "T.L.cure")
    assert (restored.status, restored.due_on) == ("running", dt.date(2026, 4, 27))
    await driver.act(case_id, "T.003", "applicant", {"documents": ["poa.pdf"]})
    assert (await driver.deadline(case_id, "T.L.cure")).status == "met"


async def test_effects_record_decisions_numbered_by_the_registers_own_numbering(
        rt: Runtime, driver: ProcedureDriver) -> None:
    """TransitionContext.decide: dated in the jurisdiction's calendar; numbered by the
    function the register passes (Sample rules 6.1), else without a number."""
    granted = await open_case(driver)
    await driver.act(granted, "T.004", "examiner", {"decisionNumber": "0042"})
    refused = await open_case(driver)
    await driver.act(refused, "T.005", "examiner", {"grounds": "not distinctive"})
    async with rt.sessionmaker() as session:
        rows = (await session.execute(select(Decision).order_by(Decision.id))).scalars().all()
    assert [(d.case_id, d.kind, d.outcome, d.number, d.grounds, d.date) for d in rows] == [
        (granted, "grant", "granted", "S-1", None, dt.date(2026, 3, 2)),
        (refused, "refusal", "refused", None, "not distinctive", dt.date(2026, 3, 2))]


class TestTheSampleProcedureContract(ProcedureContract):
    """The contract tests of ipreg.testing, run on the sample procedure from each state."""

    procedure = PRC
    inputs = {"T.001": {"name": "Sunny"}, "T.004": {"decisionNumber": "7"}}

    async def scenes(self, driver: ProcedureDriver) -> list[int]:
        filed = await open_case(driver)
        incomplete = await open_case(driver)
        await driver.act(incomplete, "T.002", "examiner", {"missing": ["poa"]})
        suspended = await open_case(driver)
        await driver.act(suspended, "T.008", "examiner")
        granted = await open_case(driver)
        await driver.act(granted, "T.004", "examiner", {"decisionNumber": "1"})
        return [filed, incomplete, suspended, granted]
