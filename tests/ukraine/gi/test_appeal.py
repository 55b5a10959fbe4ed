"""Appeal to the Appeals Chamber (GI rules Section VII; digest §6, transitions 36-38)."""

from __future__ import annotations

import pytest

from ipreg.core.errors import Forbidden

pytestmark = pytest.mark.legal("GI rules VII.3")


@pytest.mark.legal("GI rules VII.1", "GI rules V.1.4")
async def test_an_accepted_appeal_suspends_and_an_annulment_returns_to_a_new_examiner(gi):
    case = await gi.to_substantive(0)
    await gi.act(case.id, "UA.GI.T32", "examiner", {"conclusion": "Відмова"})
    with pytest.raises(Forbidden):
        await gi.act(case.id, "UA.GI.T36", "applicant", {"appellant": "applicant",
                                                         "notice": "№ 1"})
    case = await gi.act(case.id, "UA.GI.T36", "appeals", {"appellant": "applicant",
                                                          "notice": "Повідомлення № 15"})
    assert case.state == "appeal_suspended"
    examiner = case.data["examiner"]
    case = await gi.act(case.id, "UA.GI.T37", "appeals", {"decision": "Рішення № 15 "
                                                          "затверджено"})
    assert case.state == "substantive_examination" and case.data["examiner"] != examiner


@pytest.mark.legal("GI rules VII.2", "GI rules V.2.2")
async def test_a_dismissed_appeal_restores_the_decision_and_the_state_duty_limit_resumes(gi):
    case = await gi.to_substantive(0)
    await gi.act(case.id, "UA.GI.T31", "examiner", {"conclusion": "Позитивний"})
    gi.advance(days=20)
    case = await gi.act(case.id, "UA.GI.T36", "appeals", {"appellant": "opponent",
                                                          "notice": "№ 2"})
    assert (await gi.deadline(case.id, "state_duty")).status == "suspended"
    gi.advance(days=60)
    case = await gi.act(case.id, "UA.GI.T38", "appeals", {"decision": "Залишено в силі"})
    assert case.state == "decided_registration"
    deadline = await gi.deadline(case.id, "state_duty")
    assert deadline.status == "running" and deadline.history[-1]["action"] == "resumed"
    await gi.pay(case.id, "state_duty")
    await gi.pay(case.id, "publication")
    assert (await gi.act(case.id, "UA.GI.T34", "applicant")).state == "registered"


async def test_through_graphql_the_appeals_recorder_records_the_chamber(gi):
    case = await gi.to_substantive(0)
    await gi.act(case.id, "UA.GI.T32", "examiner", {"conclusion": "Відмова"})
    act = {"t36": {"appellant": "applicant", "notice": "№ 3"}}
    assert gi.code_of(await gi.perform(case.id, act, "examiner")) == "FORBIDDEN"
    answer = await gi.perform(case.id, act, "appeals")
    assert answer["data"]["uaGiPerform"]["application"]["state"] == "appeal_suspended"
    answer = await gi.perform(case.id, {"t38": {"decision": "Залишено в силі"}}, "appeals")
    assert answer["data"]["uaGiPerform"]["application"]["state"] == "decided_refusal"
