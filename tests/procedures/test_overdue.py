"""Time limits the authority owes (``TimeLimit.owed_by``), for any register: the overdue
list ``overdueTimeLimits``, the notice to the owing officials when one passes (once), and
an act after the time was up recorded as ``late``."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import pytest
from sample_procedure import plugin as sample_plugin
from sqlalchemy import select

from ipreg import hookimpl
from ipreg.core.model import Notification
from ipreg.core.notify import Dispatcher, InboxChannel
from ipreg.core.procedures import InputField, State, TimeLimit, Transition, build, days
from ipreg.core.procedures.engine import OVERDUE_NOTICE
from ipreg.testing import ProcedureDriver


def t(code: str, source: set[str], target: str | None, roles: set[str], **kw: Any) -> Transition:
    return Transition(code, {"en": code}, frozenset(source), target, frozenset(roles), **kw)


OWED = build(
    "OWE.PRC.001", "testland", {"en": "A request the office must decide"},
    states=[State("requested", {"en": "Requested"}),
            State("decided", {"en": "Decided"}, final=True)],
    transitions=[
        t("OWE.001", set(), "requested", {"applicant"}, starts=("OWE.L.decide", "OWE.L.fee")),
        t("OWE.002", {"requested"}, None, {"applicant"}, stops=("OWE.L.fee",)),
        t("OWE.003", {"requested"}, "decided", {"examiner"},
          inputs=(InputField("outcome"),), stops=("OWE.L.decide",)),
    ],
    time_limits=[
        TimeLimit("OWE.L.decide", {"en": "Decision on the request"}, days(5),
                  legal_basis="Office rules 7", owed_by=frozenset({"examiner"})),
        TimeLimit("OWE.L.fee", {"en": "Payment of the fee"}, days(5),
                  legal_basis="Office rules 8"),
    ],
)


class OwedPlugin:
    @hookimpl
    def ipreg_register_procedures(self) -> list[Any]:
        return [OWED]


@pytest.fixture
def ipreg_extra_plugins() -> list[tuple[str, Any]]:
    return [("sample", sample_plugin), ("owed", OwedPlugin())]


QUERY = """query($dueWithin: Int) {
  overdueTimeLimits(jurisdiction: "testland", dueWithin: $dueWithin) {
    totalCount
    edges { node { code status legalBasis dueOn daysOverdue owedBy case { number } } }
  }
}"""


def test_the_engine_owes_no_time_limit() -> None:
    with pytest.raises(ValueError, match="the engine owes no time limit"):
        build("X", "testland", {"en": "X"}, states=[State("a", {"en": "A"})],
              transitions=[t("X.1", set(), "a", {"applicant"}, starts=("X.L",))],
              time_limits=[TimeLimit("X.L", {"en": "X"}, days(1), legal_basis="-",
                                     owed_by=frozenset({"system"}))])


async def test_a_limit_the_office_owes_is_listed_notified_once_and_late_when_acted_on_after(
        driver: ProcedureDriver) -> None:
    declared = await driver.data('{ procedures(jurisdiction: "testland") { code '
                                 'timeLimits { code owedBy } } }')
    assert {(p["code"], tl["code"]): tl["owedBy"] for p in declared["procedures"]
            for tl in p["timeLimits"]} == {
        ("TEST.PRC.001", "T.L.review"): [], ("TEST.PRC.001", "T.L.cure"): [],
        ("OWE.PRC.001", "OWE.L.decide"): ["examiner"], ("OWE.PRC.001", "OWE.L.fee"): []}
    owed = await driver.open("OWE.PRC.001", "applicant")
    met = await driver.open("OWE.PRC.001", "applicant")
    await driver.act(met.id, "OWE.003", "examiner", {"outcome": "granted"})
    due = await driver.deadline(owed.id, "OWE.L.decide")
    # 5 days from Monday 2 March: Saturday 7, moved past the weekend and the holiday of
    # Monday 9 March to Tuesday 10 March in the sample calendar.
    assert due.due_on.isoformat() == "2026-03-10"
    assert (await driver.data(QUERY, {"dueWithin": 7}, "examiner"))[
        "overdueTimeLimits"]["totalCount"] == 0
    soon = (await driver.data(QUERY, {"dueWithin": 8}, "examiner"))["overdueTimeLimits"]
    # The fee is the applicant's to pay, not the office's: never in the list.
    assert [(e["node"]["case"]["number"], e["node"]["code"]) for e in soon["edges"]] == [
        (owed.number, "OWE.L.decide")]
    assert soon["edges"][0]["node"]["daysOverdue"] == -8

    driver.at(due.due_at)
    applied = await driver.tick()
    assert {"case": owed.number, "limit": "OWE.L.decide", "consequence": None,
            "notified": ["examiner"]} in applied
    assert {"case": owed.number, "limit": "OWE.L.fee", "consequence": None} in applied
    listed = (await driver.data(QUERY, None, "examiner"))["overdueTimeLimits"]
    assert [e["node"] for e in listed["edges"]] == [{
        "code": "OWE.L.decide", "status": "expired", "legalBasis": "Office rules 7",
        "dueOn": due.due_on.isoformat(), "daysOverdue": 1, "owedBy": ["examiner"],
        "case": {"number": owed.number}}]
    assert [n for n in await driver.notices(owed.id) if n[0] == OVERDUE_NOTICE] == [
        (OVERDUE_NOTICE, None, "examiner")]
    await Dispatcher(driver.rt, [InboxChannel()], clock=driver.clock).run_once()
    inbox = """{ inbox { edges { node { id kind subject status } } } }"""
    [notice] = [e["node"] for e in (await driver.data(inbox, None, "examiner"))["inbox"]["edges"]
                if e["node"]["kind"] == OVERDUE_NOTICE]
    assert notice["status"] == "sent" and owed.number in notice["subject"]
    for outsider in ("foreign_examiner", "applicant"):
        edges = (await driver.data(inbox, None, outsider))["inbox"]["edges"]
        assert all(e["node"]["kind"] != OVERDUE_NOTICE for e in edges)
    confirm = """mutation($id: ID!) { confirmNotificationReceipt(id: $id) { confirmedAt } }"""
    refused = await driver.gql(confirm, {"id": notice["id"]}, "foreign_examiner")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    confirmed = await driver.data(confirm, {"id": notice["id"]}, "examiner")
    assert confirmed["confirmNotificationReceipt"]["confirmedAt"]

    driver.advance(days=2)
    assert await driver.tick() == []
    assert len([n for n in await driver.notices(owed.id) if n[0] == OVERDUE_NOTICE]) == 1
    for outsider, code in (("foreign_examiner", "FORBIDDEN"), ("applicant", "FORBIDDEN"),
                           ("anonymous", "UNAUTHENTICATED")):
        answer = await driver.gql(QUERY, None, outsider)
        assert answer["errors"][0]["extensions"]["code"] == code

    await driver.act(owed.id, "OWE.003", "examiner", {"outcome": "refused"})
    late = await driver.deadline(owed.id, "OWE.L.decide")
    assert late.status == "late" and late.history[-1]["transition"] == "OWE.003"
    assert (await driver.deadline(met.id, "OWE.L.decide")).status == "met"
    assert (await driver.data(QUERY, {"dueWithin": 366}, "examiner"))[
        "overdueTimeLimits"]["totalCount"] == 0


async def test_a_serving_app_ticks_and_delivers_the_overdue_notice_in_the_background(
        driver: ProcedureDriver, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's tick (every IPREG_TICK_INTERVAL seconds) expires the limit and its
    dispatcher delivers the notice: no `ipreg tick` needed, and still one notice."""
    from ipreg.schema.app import create_app

    owed = await driver.open("OWE.PRC.001", "applicant")
    driver.at((await driver.deadline(owed.id, "OWE.L.decide")).due_at)
    monkeypatch.setenv("IPREG_NOTIFY_INTERVAL", "0.05")
    driver.rt.settings = replace(driver.rt.settings, tick_interval=1)
    app = create_app(driver.rt)
    sent: list[Notification] = []
    async with app.router.lifespan_context(app):
        for _ in range(250):
            async with driver.rt.sessionmaker() as session:
                sent = list((await session.execute(select(Notification).where(
                    Notification.kind == OVERDUE_NOTICE))).scalars())
            if sent and all(n.status == "sent" for n in sent):
                await asyncio.sleep(1.5)  # another tick or two: nothing more
                break
            await asyncio.sleep(0.02)
    async with driver.rt.sessionmaker() as session:
        sent = list((await session.execute(select(Notification).where(
            Notification.kind == OVERDUE_NOTICE))).scalars())
    assert [(n.case_id, n.addressee_role, n.status) for n in sent] == [
        (owed.id, "examiner", "sent")]
    assert (await driver.deadline(owed.id, "OWE.L.decide")).status == "expired"
