"""GI rules V.1.2: a stage begun by one examiner is finished by the same examiner; when the
head replaces the examiner (recusal granted, V.1.8) the stage restarts from its beginning,
except after the reasoned preliminary conclusion (V.8.2) was sent."""

from __future__ import annotations

import pytest

from ipreg.core.errors import Forbidden
from ipreg.plugins.ukraine.gi.procedures.common import NOT_ASSIGNED


def _other(assigned: str) -> str:
    return "examiner_two" if assigned == "examiner_one" else "examiner_one"


@pytest.mark.legal("GI rules V.1.2")
async def test_only_the_assigned_examiner_performs_the_examination_acts(gi) -> None:
    case = await gi.file(0)
    await gi.act(case.id, "UA.GI.T05", "clerk")
    await gi.pay(case.id)
    assigned = await gi.assigned(case.id)
    assert assigned in ("examiner_one", "examiner_two")
    before = await gi.case(case.id)
    with pytest.raises(Forbidden, match=r"V\.1\.2") as refused:
        await gi.act(case.id, "UA.GI.T10", _other(assigned))
    assert refused.value.details["reason"] == NOT_ASSIGNED
    after = await gi.case(case.id)
    assert (after.state, after.version, after.data) == (before.state, before.version,
                                                        before.data)       # nothing changed
    answer = await gi.perform(case.id, {"t10": True}, _other(assigned))
    assert gi.code_of(answer) == "FORBIDDEN", answer
    assert answer["errors"][0]["extensions"]["reason"] == NOT_ASSIGNED
    case = await gi.act(case.id, "UA.GI.T10", assigned)
    assert case.state == "formal_examination"
    # a self-recusal (V.1.5) is the assigned examiner's own act as well
    with pytest.raises(Forbidden):
        await gi.act(case.id, "UA.GI.REC.SELF", _other(assigned),
                     {"ground": "interest", "reasons": "—"})


@pytest.mark.legal("GI rules V.1.2", "GI rules V.1.8")
async def test_a_replaced_examiner_s_stage_restarts_from_its_beginning(gi) -> None:
    case = await gi.to_formal(0)
    first = await gi.assigned(case.id)
    await gi.act(case.id, "UA.GI.REC", "applicant", {"ground": "family", "reasons": "Родич"})
    gi.advance(days=3)
    case = await gi.act(case.id, "UA.GI.REC.DECIDE", "head", {"granted": True})
    second = await gi.assigned(case.id)
    assert second == _other(first)
    [restart] = case.data["stageRestarts"]
    assert restart["restarted"] is True and restart["stage"] == "formal"
    assert restart["formerExaminer"] != restart["examiner"] == case.data["examiner"]
    assert case.data["stageStartedOn"] == restart["on"] == gi.clock().date().isoformat()
    with pytest.raises(Forbidden):                       # the former examiner is out
        await gi.act(case.id, "UA.GI.T15", first)
    case = await gi.act(case.id, "UA.GI.T15", second)
    assert case.state == "published"


@pytest.mark.legal("GI rules V.1.2", "GI rules V.8.2")
async def test_no_restart_after_the_preliminary_conclusion_was_sent(gi) -> None:
    case = await gi.to_substantive(0)
    case = await gi.act(case.id, "UA.GI.T28", "examiner", {"grounds": "V.8.3: описова назва"})
    first = await gi.assigned(case.id)
    await gi.act(case.id, "UA.GI.REC", "applicant", {"ground": "interest", "reasons": "Інтерес"})
    case = await gi.act(case.id, "UA.GI.REC.DECIDE", "head", {"granted": True})
    [restart] = case.data["stageRestarts"]
    assert restart["restarted"] is False and restart["stage"] == "substantive"
    assert "V.8.2" in restart["rule"]
    assert case.state == "preliminary_refusal"
    assert case.data.get("stageStartedOn") is None
    assert await gi.assigned(case.id) == _other(first)


async def _opposition(gi):
    from tests.ukraine.gi.test_opposition import opposition, published

    case, filed = await published(gi)
    opp = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(case, filed)},
                        transition="UA.GI.T26")
    return case, opp


@pytest.mark.legal("GI rules V.1.2", "GI rules V.7.6", "GI rules V.8.7")
async def test_the_opposition_acts_are_the_assigned_examiner_s_too(gi) -> None:
    """V.1.2: the preliminary review of an opposition (V.7.6), the consultations (V.7.11) and
    its consideration (V.8.7) belong to the examination of the application it opposes: another
    examiner is FORBIDDEN (reason UA_GI_NOT_ASSIGNED_EXAMINER) and nothing changes, by the
    engine and through GraphQL."""
    case, opp = await _opposition(gi)
    assigned = await gi.assigned(case.id)
    assert await gi.assigned(opp.id) == assigned
    before = await gi.snapshot(opp.id)
    with pytest.raises(Forbidden, match=r"V\.1\.2") as refused:
        await gi.act(opp.id, "UA.GI.O02", _other(assigned))
    assert refused.value.details["reason"] == NOT_ASSIGNED
    answer = await gi.perform(opp.id, {"o02": True}, _other(assigned), "UaGiOppositionCase")
    assert gi.code_of(answer) == "FORBIDDEN", answer
    assert answer["errors"][0]["extensions"]["reason"] == NOT_ASSIGNED
    assert await gi.snapshot(opp.id) == before                          # nothing changed
    await gi.act(opp.id, "UA.GI.O02", assigned)
    with pytest.raises(Forbidden):
        await gi.act(opp.id, "UA.GI.O10", _other(assigned))
    opp = await gi.act(opp.id, "UA.GI.O10", assigned)
    assert opp.state == "consultations"


@pytest.mark.legal("GI rules V.1.2", "GI rules V.1.8", "GI rules V.1.6")
async def test_after_a_recusal_the_new_examiner_takes_the_oppositions_over(gi) -> None:
    """V.1.2, V.1.8: the restart (digest §4.2) hands the application's oppositions to the new
    examiner and starts its own 10 days for a self-recusal (V.1.6 ¶2); the notices already
    sent and the applicant's limits stay as they are."""
    case, opp = await _opposition(gi)
    first = await gi.assigned(case.id)
    await gi.act(case.id, "UA.GI.REC", "applicant", {"ground": "family", "reasons": "Родич"})
    gi.advance(days=20)
    opposition_period = (await gi.deadline(case.id, "opposition_period")).due_on
    case = await gi.act(case.id, "UA.GI.REC.DECIDE", "head", {"granted": True})
    second = await gi.assigned(case.id)
    assert second == _other(first) == await gi.assigned(opp.id)
    self_recusal = [d for d in await gi.deadlines(case.id, "self_recusal")]
    assert self_recusal[-1].status == "running"
    assert self_recusal[-1].starts_on == gi.clock().date()
    assert (await gi.deadline(case.id, "opposition_period")).due_on == opposition_period
    with pytest.raises(Forbidden):
        await gi.act(opp.id, "UA.GI.O02", first)
    assert (await gi.act(opp.id, "UA.GI.O02", second)).state == "accepted"
    await gi.act(case.id, "UA.GI.REC.SELF", second, {"ground": "interest", "reasons": "—"})
