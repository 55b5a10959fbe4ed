"""The contract every procedure of the register keeps (ipreg.testing.ProcedureContract):
from cases in every state, each transition attempted by each person of the cast and an
anonymous caller is either performed or refused with a coded error that changed nothing."""

from __future__ import annotations

from typing import Any

from ipreg.testing import ProcedureContract

A = "UAW.APPEAL."


class TestAppealContract(ProcedureContract):
    procedure = "UAW.APPEAL"

    async def scenes(self, driver: Any) -> list[int]:
        received = await driver.appeal(0)
        review = await driver.appeal(1)
        await driver.act(review.id, A + "REGISTER", driver.examiner)
        waiting = await driver.appeal(2)
        await driver.act(waiting.id, A + "REGISTER", driver.examiner)
        await driver.act(waiting.id, A + "REQUEST", driver.examiner,
                         {"kind": "INFORMATION", "items": ["x"]})
        concluded = await driver.concluded(3)
        listed = await driver.listed(4)
        return [received.id, review.id, waiting.id, concluded.id, listed.id]


class TestExclusionContract(ProcedureContract):
    procedure = "UAW.EXCLUSION"

    async def scenes(self, driver: Any) -> list[int]:
        from ipreg.core.model import Party

        listed = await driver.listed(5)
        async with driver.rt.sessionmaker() as session:
            party = Party(country="CY", name="Owner", party_type="legal")
            session.add(party)
            await session.commit()
        owner = driver.owner(party.id)
        received = await driver.exclusion(listed.object_id, owner)
        return [received.id]


class TestCourtContract(ProcedureContract):
    procedure = "UAW.COURT"

    async def scenes(self, driver: Any) -> list[int]:
        listed = await driver.listed(6)
        received = await driver.open("UAW.COURT", driver.ministry, {"decision": {
            "court": "Суд", "caseNumber": "1/1", "date": "2026-01-01",
            "inForceOn": "2026-02-01", "holdsNoGroundsForInclusion": True}},
            object_id=listed.object_id)
        return [received.id]


class TestCopyContract(ProcedureContract):
    procedure = "UAW.COPY"

    async def scenes(self, driver: Any) -> list[int]:
        concluded = await driver.concluded(7)
        asked = await driver.open("UAW.COPY", "stranger_owner",
                                  {"caseNumber": concluded.number},
                                  transition="UAW.COPY.REQUEST_OWNER")
        return [asked.id]
