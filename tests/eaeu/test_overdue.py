"""The Commission's own time limits: the officials' overdue list and the notice when one passes.

R174 p.18(2): the officer's account monitors and controls the time limits; R148 p.22:
Commission officials answer for timeliness. Each of the Commission's terms (digest §3.5:
the formal check and its refusal notice, the completeness decision, the dispatch to the
authorized bodies, the consideration of amendment, prolongation and exclusion requests) is
driven to the point where the Commission must act, the clock is moved past its last day and
the tick runs (``ipreg tick``): the case is in ``overdueTimeLimits`` with the term's legal
reference, due date and days overdue, the officials got one notification (not another on
the next tick), the audit trail has the expiry, and a term met in time is nowhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from ipreg.core.model import AuditRecord, Notification
from ipreg.core.notify import Dispatcher, InboxChannel
from ipreg.core.procedures.engine import OVERDUE_NOTICE

PRC = "P.SP.01.PRC.001"

OVERDUE = """
query Overdue($dueWithin: Int, $first: Int, $after: String, $last: Int, $before: String) {
  overdueTimeLimits(jurisdiction: "eaeu", dueWithin: $dueWithin, first: $first, after: $after,
                    last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node {
      code name(lang: "en") status legalBasis dueOn dueAt daysOverdue owedBy
      case { id number procedure state }
    } }
  }
}"""

INBOX = """{ inbox(first: 100) { edges { node { kind subject caseId addresseeRole status } } } }"""


async def overdue(eaeu: Any, viewer: Any = None, **variables: Any) -> list[dict[str, Any]]:
    data = await eaeu.data(OVERDUE, variables, viewer or eaeu.commission)
    return [edge["node"] for edge in data["overdueTimeLimits"]["edges"]]


def listed(items: list[dict[str, Any]], case: Any, code: str) -> list[dict[str, Any]]:
    return [i for i in items if i["case"]["number"] == case.number and i["code"] == code]


async def overdue_notices(eaeu: Any, case_id: int, code: str) -> list[Notification]:
    async with eaeu.rt.sessionmaker() as session:
        rows = (await session.execute(select(Notification).where(
            Notification.case_id == case_id, Notification.kind == OVERDUE_NOTICE)
            .order_by(Notification.id))).scalars().all()
    return [n for n in rows if n.payload.get("limit") == code]


async def expiries(eaeu: Any, case_id: int, code: str) -> list[AuditRecord]:
    async with eaeu.rt.sessionmaker() as session:
        rows = (await session.execute(select(AuditRecord).where(
            AuditRecord.entity == "case", AuditRecord.entity_id == str(case_id),
            AuditRecord.action == "time_limit_expired"))).scalars().all()
    return [r for r in rows if code in repr(r.diff)]


# ---------------------------------------------------------------- the Commission's terms


async def submitted(eaeu: Any) -> Any:
    return await eaeu.open(PRC, eaeu.applicant, {"forms": [eaeu.form()]})


async def completeness(eaeu: Any) -> Any:
    case = await submitted(eaeu)
    return await eaeu.act(case.id, "P.SP.01.OPR.004", eaeu.commission)


async def entry(eaeu: Any) -> int:
    if not hasattr(eaeu, "entry_id"):
        _, ids = await eaeu.include()
        eaeu.entry_id = int(ids[0])
    return int(eaeu.entry_id)


async def amendment(eaeu: Any) -> Any:
    return await eaeu.open("P.SP.01.PRC.002", eaeu.applicant, {"changes": {
        "description": "Комбинированное обозначение в цвете"}}, object_id=await entry(eaeu))


async def prolongation(eaeu: Any) -> Any:
    return await eaeu.open("P.SP.01.PRC.004", eaeu.applicant, {"requestedEnd": "2030-03-01"},
                           object_id=await entry(eaeu))


async def exclusion(eaeu: Any) -> Any:
    _, ids = await eaeu.include()  # each request its own entry: excluding one ends it
    return await eaeu.open("P.SP.01.PRC.005", eaeu.applicant, {"reason": "Не используется"},
                           object_id=int(ids[0]))


def act(code: str, data: dict[str, Any] | None = None) -> Callable[[Any, Any], Awaitable[Any]]:
    async def perform(eaeu: Any, case: Any) -> Any:
        return await eaeu.act(case.id, code, eaeu.commission, data)
    return perform


@dataclass(frozen=True)
class Term:
    """One of the Commission's terms: how a case comes to owe it, and the act that meets it."""

    code: str
    legal_basis: str
    drive: Callable[[Any], Awaitable[Any]]
    meet: Callable[[Any, Any], Awaitable[Any]]


REASONS = {"reasons": "Не соответствует требованиям"}
TERMS = {
    "formalCheck": Term("formalCheck", "Regs item 23", submitted, act("P.SP.01.OPR.004")),
    "refusalToConsiderNotice": Term(
        "refusalToConsiderNotice", "Regs item 9 paragraph 11, item 18 paragraph 4", submitted,
        act("P.SP.01.OPR.002", REASONS)),
    "completenessDecision": Term("completenessDecision", "Regs item 23", completeness,
                                 act("P.SP.01.OPR.005")),
    "dispatchToCcas": Term("dispatchToCcas", "Regs item 24", completeness,
                           act("P.SP.01.OPR.006")),
    "amendment": Term("amendment", "Regs (item not cited in the seeds)", amendment,
                      act("P.SP.01.PRC.002.REFUSE", REASONS)),
    "prolongation": Term("prolongation", "Regs (item not cited in the seeds)", prolongation,
                         act("P.SP.01.PRC.004.REFUSE", REASONS)),
    "exclusion": Term("exclusion", "Regs (item not cited in the seeds)", exclusion,
                      act("P.SP.01.PRC.005.EXCLUDE")),
}


@pytest.mark.parametrize("term", [
    pytest.param(TERMS["formalCheck"], id="formalCheck",
                 marks=pytest.mark.legal("R174 p.18(2)", "Regs item 23", "P.SP.01.OPR.001")),
    pytest.param(TERMS["refusalToConsiderNotice"], id="refusalToConsiderNotice",
                 marks=pytest.mark.legal("R174 p.18(2)", "Regs item 9 ¶11", "Regs item 18 ¶4",
                                         "P.SP.01.OPR.002")),
    pytest.param(TERMS["completenessDecision"], id="completenessDecision",
                 marks=pytest.mark.legal("R174 p.18(2)", "Regs item 23", "P.SP.01.OPR.004")),
    pytest.param(TERMS["dispatchToCcas"], id="dispatchToCcas",
                 marks=pytest.mark.legal("R174 p.18(2)", "Regs item 24", "P.SP.01.OPR.006")),
    pytest.param(TERMS["amendment"], id="amendment",
                 marks=pytest.mark.legal("R174 p.18(2)", "P.SP.01.PRC.002")),
    pytest.param(TERMS["prolongation"], id="prolongation",
                 marks=pytest.mark.legal("R174 p.18(2)", "P.SP.01.PRC.004")),
    pytest.param(TERMS["exclusion"], id="exclusion",
                 marks=pytest.mark.legal("R174 p.18(2)", "P.SP.01.PRC.005")),
])
async def test_a_passed_commission_term_is_listed_notified_once_and_audited(
        eaeu: Any, term: Term) -> None:
    met = await term.drive(eaeu)
    late = await term.drive(eaeu)
    await term.meet(eaeu, met)
    deadline = await eaeu.deadline(late.id, term.code)
    assert (deadline.status, deadline.legal_basis) == ("running", term.legal_basis)
    assert (await eaeu.deadline(met.id, term.code)).status == "met"

    # Before its last day: only in the look-ahead, with the days left.
    assert listed(await overdue(eaeu), late, term.code) == []
    days_left = (deadline.due_on - eaeu.clock.now.date()).days
    [soon] = listed(await overdue(eaeu, dueWithin=days_left + 1), late, term.code)
    assert soon["status"] == "running" and soon["daysOverdue"] < 0
    assert listed(await overdue(eaeu, dueWithin=366), met, term.code) == []

    # Its time is up (the end of its last day in Moscow): listed even before the tick.
    eaeu.at(deadline.due_at)
    [item] = listed(await overdue(eaeu), late, term.code)
    assert item["status"] == "running" and item["daysOverdue"] == 1

    applied = await eaeu.tick()
    assert {"case": late.number, "limit": term.code, "consequence": None,
            "notified": ["commission_official"]} in applied
    assert all((a["case"], a["limit"]) != (met.number, term.code) for a in applied)
    [item] = listed(await overdue(eaeu), late, term.code)
    assert item == {
        "code": term.code, "name": item["name"], "status": "expired",
        "legalBasis": term.legal_basis, "dueOn": deadline.due_on.isoformat(),
        "dueAt": item["dueAt"], "daysOverdue": 1, "owedBy": ["commission_official"],
        "case": {"id": item["case"]["id"], "number": late.number, "procedure": late.procedure,
                 "state": (await eaeu.case(late.id)).state}}
    assert dt.datetime.fromisoformat(item["dueAt"]) == deadline.due_at
    assert item["name"] and item["name"] != term.code
    assert listed(await overdue(eaeu, dueWithin=366), met, term.code) == []

    # The officials are notified once, through their inbox, and the expiry is audited.
    [notice] = await overdue_notices(eaeu, late.id, term.code)
    assert (notice.addressee_id, notice.addressee_role) == (None, "commission_official")
    assert notice.payload["dueOn"] == deadline.due_on.isoformat()
    assert await overdue_notices(eaeu, met.id, term.code) == []
    report = await Dispatcher(eaeu.rt, [InboxChannel()], clock=eaeu.clock).run_once()
    assert report.failed == 0
    inbox = (await eaeu.data(INBOX, viewer=eaeu.commission))["inbox"]["edges"]
    mine = [e["node"] for e in inbox if e["node"]["kind"] == OVERDUE_NOTICE
            and e["node"]["caseId"] == item["case"]["id"]]
    assert mine and all((n["status"], n["addresseeRole"]) == ("sent", "commission_official")
                        for n in mine)
    assert any(late.number in n["subject"] for n in mine)
    assert [n.status for n in await overdue_notices(eaeu, late.id, term.code)] == ["sent"]
    assert len(await expiries(eaeu, late.id, term.code)) == 1
    assert await expiries(eaeu, met.id, term.code) == []

    eaeu.advance(days=3)
    assert [a for a in await eaeu.tick() if a["limit"] == term.code] == []
    assert len(await overdue_notices(eaeu, late.id, term.code)) == 1
    assert len(await expiries(eaeu, late.id, term.code)) == 1
    [item] = listed(await overdue(eaeu), late, term.code)
    assert item["daysOverdue"] == 4

    # Acting late is on the record as late, and the case leaves the list.
    await term.meet(eaeu, late)
    stopped = await eaeu.deadline(late.id, term.code)
    assert stopped.status == "late"
    assert stopped.history[-1]["action"] == "performed late"
    assert listed(await overdue(eaeu, dueWithin=366), late, term.code) == []


# ---------------------------------------------------------------- who may read it, and pages


async def refusal(eaeu: Any, viewer: Any, **variables: Any) -> dict[str, Any]:
    answer = await eaeu.gql(OVERDUE, variables, viewer)
    assert answer["data"] is None, answer
    extensions: dict[str, Any] = answer["errors"][0]["extensions"]
    return extensions


@pytest.mark.legal("R174 p.18(2)")
async def test_only_the_commissions_officials_read_the_overdue_list_and_its_notices(
        eaeu: Any, anonymous: Any) -> None:
    case = await submitted(eaeu)
    assert (await refusal(eaeu, anonymous))["code"] == "UNAUTHENTICATED"
    assert (await refusal(eaeu, eaeu.applicant))["code"] == "FORBIDDEN"
    assert (await refusal(eaeu, eaeu.ccas["KZ"]))["code"] == "FORBIDDEN"
    for bad in (-1, 367):
        problem = await refusal(eaeu, eaeu.commission, dueWithin=bad)
        assert (problem["code"], problem["argument"]) == ("BAD_USER_INPUT", "dueWithin")
    problem = await refusal(eaeu, eaeu.commission, first=2, last=2)
    assert (problem["code"], problem["argument"]) == ("BAD_USER_INPUT", "last")
    answer = await eaeu.gql('{ overdueTimeLimits(jurisdiction: "xx") { totalCount } }', None,
                            eaeu.commission)
    assert answer["errors"][0]["extensions"]["argument"] == "jurisdiction"

    eaeu.at((await eaeu.deadline(case.id, "formalCheck")).due_at)
    await eaeu.tick()
    await Dispatcher(eaeu.rt, [InboxChannel()], clock=eaeu.clock).run_once()
    for outsider in (eaeu.applicant, eaeu.representative, eaeu.ccas["KZ"]):
        inbox = (await eaeu.data(INBOX, viewer=outsider))["inbox"]["edges"]
        assert [e for e in inbox if e["node"]["kind"] == OVERDUE_NOTICE] == []
    inbox = (await eaeu.data(INBOX, viewer=eaeu.commission))["inbox"]["edges"]
    assert sorted(e["node"]["subject"] for e in inbox if e["node"]["kind"] == OVERDUE_NOTICE) == [
        f"Time limit passed in case {case.number}: {name}" for name in (
            "Completeness and conformity check of the application",
            "Notice of refusal to consider the application")]


@pytest.mark.legal("R174 p.18(2)", "Regs item 23")
async def test_the_overdue_list_pages_most_overdue_first(eaeu: Any) -> None:
    cases = []
    for _ in range(4):
        cases.append(await submitted(eaeu))
        eaeu.advance(days=1)
    eaeu.at((await eaeu.deadline(cases[-1].id, "formalCheck")).due_at)
    await eaeu.tick()
    items = await overdue(eaeu, first=100)
    assert [(i["case"]["number"], i["code"]) for i in items] == [
        (c.number, code) for c in cases for code in ("formalCheck", "refusalToConsiderNotice")]
    assert [i["daysOverdue"] for i in items] == sorted(
        (i["daysOverdue"] for i in items), reverse=True)

    async def page(**variables: Any) -> dict[str, Any]:
        data = await eaeu.data(OVERDUE, variables, eaeu.commission)
        connection: dict[str, Any] = data["overdueTimeLimits"]
        return connection

    first = await page(first=3)
    assert first["totalCount"] == 8
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    second = await page(first=3, after=first["pageInfo"]["endCursor"])
    third = await page(first=3, after=second["pageInfo"]["endCursor"])
    assert not third["pageInfo"]["hasNextPage"]
    walked = [e["node"] for p in (first, second, third) for e in p["edges"]]
    assert walked == items
    back = await page(last=2, before=third["pageInfo"]["startCursor"])
    assert [e["node"] for e in back["edges"]] == items[4:6]
    assert back["pageInfo"]["hasPreviousPage"] and back["pageInfo"]["hasNextPage"]
    tail = await page(last=2)
    assert [e["node"] for e in tail["edges"]] == items[6:]
