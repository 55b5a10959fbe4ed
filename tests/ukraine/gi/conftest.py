"""Fixtures of the GI register tests: the cast of digest §7.6 and a driver with shortcuts.

The clock starts on Monday 2 March 2026, 10:00 in Kyiv (``ipreg_clock``). Examiners are
users of the deployment (the automated assignment of GI rules V.1.1 draws from them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipreg.core.auth import Grant, create_user
from ipreg.core.model import Case, Party
from ipreg.core.runtime import Runtime
from ipreg.plugins.ukraine.gi import samples
from ipreg.testing import Cast, Clock, ProcedureDriver, person

J = "ua_gi"
PERFORM = """mutation($caseId: ID!, $act: UaGiActInput!) {
  uaGiPerform(caseId: $caseId, act: $act) {
    application { id number state applicationNumber availableActs
                  deadlines { code dueOn status } }
    opposition { id number state applicationNumber }
  } }"""
FILE = """mutation($filing: UaGiFilingInput!) {
  uaGiFileApplication(filing: $filing) {
    application { id number state applicationNumber claimedName receivedOn
                  file { seq direction incomingNumber kind } } } }"""


def global_id(kind: str, database_id: int) -> str:
    from ipreg.core.services.validation import node_global_id

    return node_global_id(kind, database_id)




class Gi(ProcedureDriver):
    """Shortcuts through the GI procedures.

    ``"examiner"`` in :meth:`act` and :meth:`perform` is the examiner assigned to the case
    (GI rules V.1.2: only that one performs the examination acts); ``examiner_one`` and
    ``examiner_two`` name the two examiners themselves.
    """

    async def assigned(self, case_id: int) -> str:
        """The cast name of the examiner assigned to the application, or to the application an
        opposition case opposes (``examiner`` if none)."""
        from sqlalchemy import select

        from ipreg.plugins.ukraine.gi.models import UaGiApplication, UaGiOpposition

        async with self.runtime.sessionmaker() as session:
            opposed = await session.scalar(select(UaGiOpposition.application_case_id).where(
                UaGiOpposition.case_id == case_id))
            login = await session.scalar(select(UaGiApplication.examiner).where(
                UaGiApplication.case_id == (opposed or case_id)))
        return {"user:examiner.one": "examiner_one",
                "user:examiner.two": "examiner_two"}.get(login or "", "examiner")

    async def act(self, case_id: int, code: str, who: Any,
                  data: Any = None, **kw: Any) -> Case:
        if who == "examiner":
            who = await self.assigned(case_id)
        return await super().act(case_id, code, who, data, **kw)

    def filing(self, i: int = 0, **kw: Any) -> dict[str, Any]:
        return samples.filing(i, **kw)

    async def file(self, i: int = 0, who: str = "applicant", **kw: Any) -> Case:
        return await self.open("UA.GI.APP", who, {"filing": self.filing(i, **kw)},
                               transition="UA.GI.T01")

    async def pay(self, case_id: int, kind: str = "filing", paid_on: str | None = None,
                  amount: str = "1000") -> Case:
        return await self.act(case_id, "UA.GI.PAY", "applicant", {
            "kind": kind, "amount": amount,
            "paidOn": paid_on or self.clock().date().isoformat()})

    async def to_formal(self, i: int = 0) -> Case:
        case = await self.file(i)
        await self.act(case.id, "UA.GI.T05", "clerk")
        await self.pay(case.id)
        return await self.act(case.id, "UA.GI.T10", "examiner")

    async def file_electronic(self, i: int = 0) -> Case:
        """An electronic application (GI rules IV.6: its correspondence in the personal
        cabinet) past the technical check and registered (T02, T03, T05)."""
        case = await self.open("UA.GI.APP", "applicant",
                               {"filing": self.filing(i, channel="electronic")},
                               transition="UA.GI.T02")
        await self.act(case.id, "UA.GI.T03", "ics")
        return await self.act(case.id, "UA.GI.T05", "clerk")

    async def to_formal_electronic(self, i: int = 0) -> Case:
        """:meth:`file_electronic`, its fee paid, in the formal examination with its examiner
        assigned (V.1.1)."""
        case = await self.file_electronic(i)
        await self.pay(case.id)
        return await self.act(case.id, "UA.GI.T10", "examiner")

    async def to_published(self, i: int = 0) -> Case:
        case = await self.to_formal(i)
        return await self.act(case.id, "UA.GI.T15", "examiner")

    async def to_substantive(self, i: int = 0) -> Case:
        case = await self.to_published(i)
        self.advance(days=95)
        await self.tick()
        found = await self.case(case.id)
        assert found.state == "substantive_examination", found.state
        return found

    async def receipt(self, case_id: int, received: str, basis: str = "acknowledgment_of_delivery"
                      ) -> Case:
        """Record the receipt of the latest notice awaiting one."""
        day = dt.date.fromisoformat(received)
        if day > self.clock().date():
            self.at_kyiv(day, 12)
        case = await self.case(case_id)
        seq = max(int(k) for k in case.data["awaitingReceipt"])
        return await self.act(case_id, "UA.GI.RCPT", "clerk",
                              {"item": seq, "basis": basis, "receivedOn": received})

    async def perform(self, case_id: int, act: dict[str, Any], who: str,
                      kind: str = "UaGiApplicationCase") -> dict[str, Any]:
        """``uaGiPerform`` as ``who``: the answer (data and errors)."""
        if who == "examiner":
            who = await self.assigned(case_id)
        return await self.gql(PERFORM, {"caseId": global_id(kind, case_id), "act": act}, who)

    async def gql_file(self, filing: dict[str, Any], who: str = "applicant") -> dict[str, Any]:
        return await self.gql(FILE, {"filing": filing}, who)

    @staticmethod
    def code_of(answer: dict[str, Any]) -> str | None:
        """The ``extensions.code`` of the answer's first error, or None."""
        errors = answer.get("errors") or []
        return errors[0]["extensions"]["code"] if errors else None

    @staticmethod
    def global_id_of(case_id: int, kind: str = "UaGiApplicationCase") -> str:
        return global_id(kind, case_id)

    async def case_ids(self) -> list[int]:
        return await self.case_ids_of("UA.GI.APP")

    async def case_ids_of(self, procedure: str) -> list[int]:
        from sqlalchemy import select

        async with self.runtime.sessionmaker() as session:
            return list((await session.execute(select(Case.id).where(
                Case.procedure == procedure).order_by(Case.id))).scalars())

    def at_kyiv(self, day: dt.date, hour: int = 10) -> None:
        self.at(dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.timezone(
            dt.timedelta(hours=2))).astimezone(dt.UTC))


async def gi_cast(runtime: Runtime) -> Cast:
    async with runtime.sessionmaker() as session:
        applicant = Party(country="UA", name="Громадська спілка «Асоціація гуцульських "
                          "сироварів»")
        opponent = Party(country="UA", name="ТОВ «Карпатські сири»")
        other = Party(country="UA", name="ФГ «Полонина»")
        firm = Party(country="UA", name="Патентне бюро «Мельник і партнери»")
        session.add_all([applicant, opponent, other, firm])
        await session.flush()
        for login in ("examiner.one", "examiner.two"):
            await create_user(session, login, login, grants=[Grant("examiner", J)])
        await session.commit()
    return Cast(
        applicant=person("user:applicant", applicant.id, Grant("applicant", J, applicant.id)),
        representative=person("user:attorney", firm.id,
                              Grant("representative", J, applicant.id)),
        opponent=person("user:opponent", opponent.id, Grant("applicant", J, opponent.id)),
        other_opponent=person("user:other", other.id, Grant("applicant", J, other.id)),
        examiner=person("user:examiner.one", None, Grant("examiner", J)),
        examiner_one=person("user:examiner.one", None, Grant("examiner", J)),
        examiner_two=person("user:examiner.two", None, Grant("examiner", J)),
        head=person("user:head", None, Grant("ua_gi_head", J)),
        clerk=person("user:clerk", None, Grant("ua_gi_clerk", J)),
        ics=person("apikey:ics", None, Grant("ua_gi_ics", J), kind="api_key"),
        authority=person("user:authority", None, Grant("ua_gi_competent_authority", J)),
        appeals=person("user:appeals", None, Grant("ua_gi_appeals_recorder", J)),
        stranger=person("user:stranger", other.id, Grant("applicant", "eaeu", other.id)),
        applicant_party=applicant.id, opponent_party=opponent.id)


@pytest.fixture
async def ipreg_cast(ipreg_runtime: Runtime) -> Cast:
    return await gi_cast(ipreg_runtime)


@pytest.fixture
def gi(ipreg_runtime: Runtime, ipreg_clock: Clock, ipreg_cast: Cast) -> Gi:
    return Gi(ipreg_runtime, ipreg_clock, ipreg_cast)


@pytest.fixture
def ipreg_driver(gi: Gi) -> Gi:
    """The contract tests of ``ipreg.testing`` drive the GI cases with the same driver."""
    return gi
