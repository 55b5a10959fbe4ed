"""The contract every register's procedures keep (``ipreg.testing.ProcedureContract``): from
each scene, every act attempted by every cast member and an anonymous caller is performed or
refused with a coded error that changed nothing; anonymous callers perform nothing."""

from __future__ import annotations

from ipreg.testing import ProcedureContract


async def _scenes(gi) -> list[int]:
    formal = await gi.to_formal(1)
    deficient = await gi.to_formal(2)
    await gi.act(deficient.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Розділ 5"}]})
    received = await gi.file(0)
    return [received.id, formal.id, deficient.id]


class TestApplicationContract(ProcedureContract):
    procedure = "UA.GI.APP"

    async def scenes(self, driver):
        return await _scenes(driver)


class TestOppositionContract(ProcedureContract):
    procedure = "UA.GI.OPP"

    async def scenes(self, gi):
        case = await gi.to_published(0)
        data = (await gi.case(case.id)).data
        opposition = {"applicationNumber": data["applicationNumber"],
                      "applicationFilingDate": data["filingDate"], "channel": "electronic",
                      "feePaidOn": "2026-03-02", "opponent": {"name": "ТОВ «Сири»"}}
        filed = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition},
                              transition="UA.GI.T26")
        talking = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition},
                                transition="UA.GI.T26")
        await gi.act(talking.id, "UA.GI.O05", "examiner")
        return [filed.id, talking.id]
