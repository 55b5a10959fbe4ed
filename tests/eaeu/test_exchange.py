"""Exchange with the authorized bodies (R174 p.12(9), p.13(3)-(4); R148 p.18: PRC.008-010).

Every committed change of turnover data reaches the turnover feed and time-stamp,
whoever makes it (issue 15 item 3); the changes are offered after a position and
since a date-time, imported history with its legal dates; each body confirms what
it processed, and officials see which body has not synchronised for more than a day
(issue 15 item 9).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from ipreg.core.model import Case
from ipreg.plugins.eaeu.models import EaeuEntry
from ipreg.plugins.eaeu.samples import turnover

TIMES = "{ eaeuUpdateTimes { turnoverPosition turnoverUpdatedAt } }"
TURNOVER_CHANGES = """query($after: Int!) { eaeuTurnoverChanges(after: $after) {
  changes { position objectId data } } }"""


async def _amend_on_request(eaeu: Any, object_id: int, changes: dict[str, Any]) -> Case:
    request = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant, {"changes": changes},
                              object_id=object_id)
    await eaeu.act(request.id, "P.SP.01.PRC.002.APPROVE", eaeu.commission)
    async with eaeu.rt.sessionmaker() as session:
        return (await session.execute(select(Case).where(
            Case.procedure == "P.SP.01.PRC.003"))).scalar_one()


async def _correct(eaeu: Any, object_id: int, changes: dict[str, Any]) -> Case:
    case: Case = await eaeu.open("P.SP.01.PRC.003", eaeu.commission, {
        "changes": changes, "reason": "Опечатка в сведениях об обороте"},
        transition="P.SP.01.PRC.003.TECHNICAL", object_id=object_id)
    return case


@pytest.mark.legal("P.SP.01.PRC.008", "P.SP.01.PRC.010")
@pytest.mark.parametrize("amend", [
    pytest.param(_amend_on_request, id="amendment", marks=pytest.mark.legal(
        "P.SP.01.PRC.002", "P.SP.01.PRC.003")),
    pytest.param(_correct, id="technical-correction", marks=pytest.mark.legal(
        "P.SP.01.PRC.003")),
])
async def test_turnover_changed_by_an_amendment_reaches_the_turnover_feed(
        eaeu: Any, amend: Any) -> None:
    """A new consignee, route and legality flag given by an amendment (PRC.002/003) or a
    technical correction are turnover changes: the authorized body following PRC.008 sees
    the turnover time move and PRC.010 brings the entry, in the transaction of the change."""
    _, (object_id,) = await eaeu.include(0)
    cca = eaeu.ccas["KZ"]
    before = (await eaeu.data(TIMES, {}, cca))["eaeuUpdateTimes"]
    assert before == {"turnoverPosition": 0, "turnoverUpdatedAt": None}
    new_goods = [{"description": "Шоколад", "cnFeaCodes": ["1806320000"], "niceClasses": [30],
                  "turnover": [turnover(1, eaeu.rng, "Новый грузополучатель"),
                               turnover(0, eaeu.rng, "Подделка")]}]
    eaeu.advance(hours=5)
    case = await amend(eaeu, object_id, {"goods": new_goods})
    assert case.state == "amended"
    after = (await eaeu.data(TIMES, {}, cca))["eaeuUpdateTimes"]
    assert after["turnoverPosition"] > 0 and after["turnoverUpdatedAt"] is not None
    changes = (await eaeu.data(TURNOVER_CHANGES, {"after": 0}, cca))[
        "eaeuTurnoverChanges"]["changes"]
    assert [(c["data"]["objectId"], c["data"]["goods"], c["data"]["change"])
            for c in changes] == [(object_id, [0], "changed")]
    assert changes[0]["position"] == after["turnoverPosition"]
    async with eaeu.rt.sessionmaker() as session:
        entry = await session.get(EaeuEntry, object_id)
        assert entry is not None and entry.turnover_updated_at == eaeu.clock.now


@pytest.mark.legal("P.SP.01.PRC.003", "P.SP.01.PRC.010")
async def test_an_amendment_without_goods_writes_no_turnover_change(eaeu: Any) -> None:
    _, (object_id,) = await eaeu.include(0)
    await _correct(eaeu, object_id, {"name": "КРАСНЫЙ ОКТЯБРЬ"})
    changes = (await eaeu.data(TURNOVER_CHANGES, {"after": 0}, eaeu.ccas["AM"]))[
        "eaeuTurnoverChanges"]["changes"]
    assert changes == []
