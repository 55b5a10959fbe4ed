"""GI rules IV.5 (digest §1.7 item 3, §3.6): "correspondence on that act goes to that
representative's address in Ukraine, with copies ... to the application's correspondence
address or the applicant's personal cabinet". Beyond the acts whose notices are declared
per kind: a reply's representative receives the documents about the reply (the notice its
reply act sends, V.9.4; the extension of the answered notice's period, T11), not the later
acts of the stage; a representative for the applicant's acts in an opposition (V.7.11-7.12)
receives the copy of the opposition the opposition's act sends into the application's
file, and the periods it sets run from its receipt (IV.11 ¶2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipreg.core.auth import Grant
from ipreg.core.errors import Forbidden
from ipreg.plugins.ukraine.gi import register
from ipreg.plugins.ukraine.gi.representation import OUTSIDE_POA
from ipreg.testing import person
from tests.ukraine.gi.test_opposition import opposition, published
from tests.ukraine.gi.test_single_act_representative import agent

J = "ua_gi"
ACTS = """query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase { availableActs } } }"""


@pytest.fixture
def gi(gi):
    firm = gi.cast.representative.party_id
    gi.cast.add(shevchenko=person("user:shevchenko", firm, Grant(
        "representative", J, gi.cast.applicant_party)))
    return gi


async def items(gi: Any, case_id: int) -> list[Any]:
    async with gi.rt.sessionmaker() as session:
        return list(await register.file_items(session, case_id))


def written_to_representative(notice: Any, copy: Any, name: str) -> None:
    """IV.5: the notice by registered mail to the representative's address, its copy to the
    applicant's correspondence address."""
    assert notice.channel == "registered_mail_ar" and name in notice.summary, notice.summary
    assert "GI rules IV.5" in notice.summary
    assert (copy.kind, copy.refers_to) == ("copy", notice.seq)


SHEVCHENKO = "Шевченко Олег"


@pytest.mark.legal("GI rules IV.5", "GI rules III.1.7", "GI rules VI.2.1")
async def test_the_extension_of_a_replys_period_goes_to_the_replys_representative(
        gi: Any) -> None:
    case = await gi.to_formal(0)
    await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Не заповнено розділ 5"}]})
    deficiency = next(i for i in await items(gi, case.id) if i.kind == "formal_deficiencies")
    await gi.act(case.id, "UA.GI.REP", "clerk", {"representative": agent(
        SHEVCHENKO, "user:shevchenko", {"kind": "reply", "notice": deficiency.seq})})
    # the applicant extends the period of the reply (VI.2.1): the notice is about the reply
    await gi.act(case.id, "UA.GI.T11", "applicant", {"limit": "formal_deficiencies",
                                                     "feePaidOn": "2026-03-02"})
    notice, copy = (await items(gi, case.id))[-2:]
    assert notice.kind == "extension_granted" and notice.transition == "UA.GI.T11"
    written_to_representative(notice, copy, SHEVCHENKO)
    # the reply's representative replies; the next stage's notice is the applicant's
    await gi.act(case.id, "UA.GI.T17", "shevchenko", {"reply": "Виправлено"})
    await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Не підписано"}]})
    last = (await items(gi, case.id))[-1]
    assert last.kind == "formal_deficiencies" and SHEVCHENKO not in last.summary


@pytest.mark.legal("GI rules IV.5", "GI rules V.9.4")
async def test_the_notice_a_reply_sends_goes_to_the_replys_representative(gi: Any) -> None:
    case = await gi.to_formal(0)
    await gi.act(case.id, "UA.GI.T23", "examiner", {"reasons": "Сумнів щодо меж"})
    request = [i for i in await items(gi, case.id) if i.kind == "additional_materials"][-1]
    await gi.act(case.id, "UA.GI.REP", "applicant", {"representative": agent(
        SHEVCHENKO, "user:shevchenko", {"kind": "reply", "notice": request.seq})})
    await gi.act(case.id, "UA.GI.T24", "shevchenko", {
        "materials": "Карта меж", "disregarded": ["Новий спосіб виробництва"]})
    notice, copy = (await items(gi, case.id))[-2:]
    assert notice.kind == "materials_disregarded"
    written_to_representative(notice, copy, SHEVCHENKO)


@pytest.mark.legal("GI rules IV.5", "GI rules V.7.11", "GI rules IV.11", "GI rules III.1.7")
async def test_the_copy_of_an_opposition_goes_to_the_opposition_representative(
        gi: Any) -> None:
    """The applicant appoints a representative for its acts in the opposition (V.7.11-7.12):
    the copy of the opposition (O10) goes to it, the reply period runs from its receipt,
    and it replies; the application's other acts stay outside its PoA."""
    case, filed = await published(gi)
    opp = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(case, filed)},
                        transition="UA.GI.T26")
    await gi.act(opp.id, "UA.GI.O02", "examiner")
    await gi.act(case.id, "UA.GI.REP", "applicant", {"representative": agent(
        SHEVCHENKO, "user:shevchenko", {"kind": "opposition"})})
    offered = (await gi.data(ACTS, {"id": gi.global_id_of(case.id)}, "shevchenko"))[
        "node"]["availableActs"]
    assert "UA.GI.OPP.REPLY" in offered and "UA.GI.T11" not in offered
    await gi.act(opp.id, "UA.GI.O10", "examiner")
    notice = next(i for i in await items(gi, case.id) if i.kind == "opposition_copy")
    copy = next(i for i in await items(gi, case.id) if i.refers_to == notice.seq
                and i.kind == "copy")
    written_to_representative(notice, copy, SHEVCHENKO)
    pending = (await gi.case(opp.id)).data["awaitingReceipt"][str(notice.seq)]
    assert pending["addressee"] == "single_act_representative:1"
    # IV.11 ¶2: the reply period runs from the representative's receipt, recorded by it
    received = notice.dated_on + dt.timedelta(days=5)
    gi.at_kyiv(received, 12)
    await gi.act(case.id, "UA.GI.OPP.RCPT", "shevchenko", {
        "opposition": opp.number, "item": notice.seq, "basis": "acknowledgment_of_delivery",
        "receivedOn": received.isoformat()})
    reply_limit = await gi.deadline(opp.id, "opposition_reply")
    assert reply_limit.starts_on >= received
    await gi.act(case.id, "UA.GI.OPP.REPLY", "shevchenko", {
        "opposition": opp.number, "kind": "refute", "text": "Назва не є родовою"})
    with pytest.raises(Forbidden) as refused:
        await gi.act(case.id, "UA.GI.T11", "shevchenko", {"limit": "formal_deficiencies"})
    assert refused.value.details["reason"] == OUTSIDE_POA


@pytest.mark.legal("GI rules IV.5", "GI rules V.7.11", "GI rules III.1.7")
async def test_a_reply_to_the_copy_of_an_opposition(gi: Any) -> None:
    """III.1.7 ¶5: a representative appointed to reply to the opposition's copy (the notice
    of the file) files the reply (V.7.11 ¶2) and nothing else of the opposition."""
    case, filed = await published(gi)
    opp = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(case, filed)},
                        transition="UA.GI.T26")
    await gi.act(opp.id, "UA.GI.O02", "examiner")
    await gi.act(opp.id, "UA.GI.O10", "examiner")
    notice = next(i for i in await items(gi, case.id) if i.kind == "opposition_copy")
    await gi.act(case.id, "UA.GI.REP", "applicant", {"representative": agent(
        SHEVCHENKO, "user:shevchenko", {"kind": "reply", "notice": notice.seq})})
    with pytest.raises(Forbidden):
        await gi.act(case.id, "UA.GI.OPP.EXTEND", "shevchenko", {"opposition": opp.number,
                                                                 "months": 1})
    await gi.act(case.id, "UA.GI.OPP.REPLY", "shevchenko", {
        "opposition": opp.number, "kind": "refute", "text": "Назва не є родовою"})
    assert (await gi.case(opp.id)).data["reply"] == {"kind": "refute",
                                                     "text": "Назва не є родовою"}
