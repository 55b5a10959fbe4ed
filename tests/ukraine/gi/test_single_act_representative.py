"""GI rules IV.5 (digest §1.7 item 3, §3.6): a representative appointed for a single act
(II.3.5 ¶4: not in section 4 of the form) acts under a PoA naming the clearly defined acts
(III.1.7 ¶5), different representatives for different acts (¶12); it performs those acts
and no other (FORBIDDEN, reason ``UA_GI_OUTSIDE_POA``), the withdrawal only with the right
stated expressly (III.1.7 ¶11, VI.5.2); UKRNOIVI's documents about the act go to its
address in Ukraine, with a copy to the application's correspondence address or the
applicant's personal cabinet, and the periods they set run from the representative's
receipt (IV.11 ¶2); a revocation takes effect when UKRNOIVI receives it (III.1.8 ¶2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipreg.core.auth import Grant
from ipreg.core.errors import BadUserInput, Forbidden, PreconditionFailed
from ipreg.plugins.ukraine.gi.representation import OUTSIDE_POA, POA_REVOKED
from ipreg.testing import person

J = "ua_gi"
CASE = """query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase {
  state data file { seq direction kind channel summary refersTo } } } }"""
PERFORM = """mutation($caseId: ID!, $act: UaGiActInput!) {
  uaGiPerform(caseId: $caseId, act: $act) { application { state version } } }"""


def agent(name: str, account: str, *kinds: dict[str, Any], may_withdraw: bool = False,
          **extra: Any) -> dict[str, Any]:
    """A patent attorney appointed for ``kinds`` of acts by a PoA of the applicant."""
    return {"kind": "patent_attorney", "name": name, "registrationNumber": "412",
            "postalAddress": "вул. Хрещатик, 10, м. Київ, 01001", "country": "UA",
            "email": "attorney@example.ua", "account": account,
            "powerOfAttorney": {
                "grantee": name, "grantor": "ГС «Асоціація гуцульських сироварів»",
                "body": "УКРНОІВІ", "acts": ["Дії, визначені в довіреності"],
                "issuedOn": "2026-03-01", "mayWithdraw": may_withdraw},
            "acts": list(kinds), **extra}


KOVALENKO = agent("Коваленко Ірина Петрівна", "user:kovalenko", {"kind": "amendment"})


@pytest.fixture
def gi(gi):
    """The cast with two attorneys signed in, each with the representative's grant for the
    applicant (what it may do on the application is the PoA's, III.1.7 ¶12)."""
    firm = gi.cast.representative.party_id
    gi.cast.add(
        kovalenko=person("user:kovalenko", firm, Grant("representative", J,
                                                       gi.cast.applicant_party)),
        shevchenko=person("user:shevchenko", firm, Grant("representative", J,
                                                         gi.cast.applicant_party)))
    return gi


async def _view(gi, case_id: int) -> dict[str, Any]:
    return (await gi.data(CASE, {"id": gi.global_id_of(case_id)}, "applicant"))["node"]


BASE_AMENDMENT = {"type": "correction", "changes": {"address": "вул. Нова, 1"},
                  "supportingDocument": "Витяг з ЄДР", "obviousError": True}


@pytest.mark.legal("GI rules IV.5", "GI rules III.1.7", "GI rules II.3.5", "GI rules IV.11",
                   "GI rules III.1.8", "GI rules IV.2")
async def test_a_single_act_representative_acts_and_is_written_to_for_its_act_only(gi) -> None:
    case = await gi.to_formal(0)
    answer = await gi.perform(case.id, {"rep": {"representative": KOVALENKO}}, "applicant")
    assert answer.get("errors") is None, answer
    view = await _view(gi, case.id)
    [rep] = view["data"]["singleActRepresentatives"]
    assert (rep["number"], rep["acts"], rep["appointedOn"]) == (1, [{"kind": "amendment"}],
                                                               "2026-03-02")
    assert view["file"][-1]["kind"] == "single_act_poa"

    # III.1.7 ¶5, ¶12: outside the PoA's acts: refused with a stable reason, nothing changed
    before = await gi.case(case.id)
    answer = await gi.gql(PERFORM, {"caseId": gi.global_id_of(case.id), "act": {"t11": {
        "limit": "formal_deficiencies", "feePaidOn": "2026-03-02"}}}, "kovalenko")
    assert gi.code_of(answer) == "FORBIDDEN"
    assert answer["errors"][0]["extensions"]["reason"] == OUTSIDE_POA
    assert (await gi.case(case.id)).version == before.version
    # its act: the amendment request
    answer = await gi.perform(case.id, {"amd": BASE_AMENDMENT}, "kovalenko")
    assert answer.get("errors") is None, answer

    # IV.5: the office's document about the act goes to the representative's address in
    # Ukraine, a copy to the application's correspondence address
    await gi.act(case.id, "UA.GI.AMD.DEFICIENT", "examiner", {"deficiencies": "Підпис"})
    view = await _view(gi, case.id)
    notice, copy = view["file"][-2:]
    assert (notice["kind"], notice["channel"]) == ("amendment_deficiencies",
                                                   "registered_mail_ar")
    assert "Коваленко Ірина Петрівна, вул. Хрещатик, 10" in notice["summary"]
    assert (copy["kind"], copy["refersTo"]) == ("copy", notice["seq"])
    assert gi.filing(0)["form"]["correspondence"]["postalAddress"] in copy["summary"]
    pending = view["data"]["awaitingReceipt"][str(notice["seq"])]
    assert pending["addressee"] == "single_act_representative:1"

    # IV.11 ¶2: the cure period runs from the representative's receipt (Thu 12.03.2026:
    # two months end Tue 12.05.2026); the representative records the receipt itself
    gi.at_kyiv(dt.date(2026, 3, 12), 12)
    await gi.act(case.id, "UA.GI.RCPT", "kovalenko", {
        "item": notice["seq"], "basis": "acknowledgment_of_delivery",
        "receivedOn": "2026-03-12"})
    assert (await gi.deadline(case.id, "correction_cure")).due_on == dt.date(2026, 5, 12)
    await gi.act(case.id, "UA.GI.AMD.CURE", "kovalenko", {"reply": "Підписано"})

    # III.1.8 ¶2: revoked on the day UKRNOIVI receives the notice; no act after it, and the
    # office writes to the applicant again
    gi.at_kyiv(dt.date(2026, 3, 16), 11)
    answer = await gi.perform(case.id, {"repRevoke": {"representative": 1}}, "applicant")
    assert answer.get("errors") is None, answer
    case = await gi.case(case.id)
    assert case.data["singleActRepresentatives"][0]["revokedOn"] == "2026-03-16"
    with pytest.raises(Forbidden) as refused:
        await gi.act(case.id, "UA.GI.AMD", "kovalenko", BASE_AMENDMENT)
    assert refused.value.details["reason"] == POA_REVOKED
    await gi.act(case.id, "UA.GI.AMD.GRANT", "examiner")
    last = (await _view(gi, case.id))["file"][-1]
    assert last["kind"] == "amendment_made" and "Коваленко" not in last["summary"]


@pytest.mark.legal("GI rules III.1.7", "GI rules VI.5.2", "VQ-06", "GI rules IV.5")
async def test_different_representatives_for_different_acts(gi) -> None:
    """III.1.7 ¶12: one attorney replies to the deficiency notice, another withdraws with
    the right stated expressly (¶11); each only its own act."""
    case = await gi.to_formal(0)
    case = await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Не заповнено розділ 5"}]})
    items = (await _view(gi, case.id))["file"]
    deficiency = next(i for i in items if i["kind"] == "formal_deficiencies")
    await gi.act(case.id, "UA.GI.REP", "clerk", {"representative": agent(
        "Шевченко Олег", "user:shevchenko", {"kind": "reply", "notice": deficiency["seq"]})})
    await gi.act(case.id, "UA.GI.REP", "applicant", {"representative": agent(
        "Коваленко Ірина Петрівна", "user:kovalenko", {"kind": "withdrawal"},
        may_withdraw=True)})
    with pytest.raises(Forbidden, match=r"III\.1\.7"):
        await gi.act(case.id, "UA.GI.T39", "shevchenko")
    with pytest.raises(Forbidden, match=r"III\.1\.7"):
        await gi.act(case.id, "UA.GI.T17", "kovalenko", {"reply": "Виправлено"})
    case = await gi.act(case.id, "UA.GI.T17", "shevchenko", {"reply": "Виправлено"})
    assert case.state == "formal_examination"
    case = await gi.act(case.id, "UA.GI.T39", "kovalenko")
    assert case.state == "withdrawn"


#: (the appointment's change, the refused field's path)
REFUSALS: list[tuple[str, dict[str, Any], str]] = [
    ("address abroad", {"country": "PL"}, "representative.country"),
    ("no PoA", {"powerOfAttorney": None}, "representative.powerOfAttorney"),
    ("PoA without its acts", {"powerOfAttorney": {**KOVALENKO["powerOfAttorney"], "acts": []}},
     "representative.powerOfAttorney.acts"),
    ("no act", {"acts": []}, "representative.acts"),
    ("unknown act", {"acts": [{"kind": "appeal"}]}, "representative.acts[0].kind"),
    ("withdrawal without the express right", {"acts": [{"kind": "withdrawal"}]},
     "representative.powerOfAttorney.mayWithdraw"),
    ("reply without its notice", {"acts": [{"kind": "reply"}]},
     "representative.acts[0].notice"),
    ("reply to a document not answered", {"acts": [{"kind": "reply", "notice": 1}]},
     "representative.acts[0].notice"),
    ("notice on another act", {"acts": [{"kind": "extension", "notice": 1}]},
     "representative.acts[0].notice"),
    ("patent attorney without certificate", {"registrationNumber": None},
     "representative.registrationNumber"),
]


@pytest.mark.legal("GI rules III.1.7", "GI rules IV.5", "VQ-06", "VR-28")
@pytest.mark.parametrize(("case_name", "change", "path"), REFUSALS,
                         ids=[r[0] for r in REFUSALS])
async def test_an_appointment_the_rules_refuse_changes_nothing(
        gi, case_name: str, change: dict[str, Any], path: str) -> None:
    case = await gi.to_formal(0)
    before = await gi.case(case.id)
    with pytest.raises(BadUserInput) as refused:
        await gi.act(case.id, "UA.GI.REP", "applicant",
                     {"representative": {**KOVALENKO, **change}})
    assert path in str(refused.value), str(refused.value)
    after = await gi.case(case.id)
    assert (after.version, after.data) == (before.version, before.data)


@pytest.mark.legal("GI rules III.1.8")
async def test_a_revocation_names_an_appointment_of_the_file(gi) -> None:
    case = await gi.to_formal(0)
    with pytest.raises(BadUserInput, match="representative"):
        await gi.act(case.id, "UA.GI.REP.REVOKE", "applicant", {"representative": 1})
    await gi.act(case.id, "UA.GI.REP", "applicant", {"representative": KOVALENKO})
    await gi.act(case.id, "UA.GI.REP.REVOKE", "applicant", {"representative": 1})
    before = await gi.case(case.id)
    with pytest.raises(PreconditionFailed, match=r"III\.1\.8 ¶2"):
        await gi.act(case.id, "UA.GI.REP.REVOKE", "applicant", {"representative": 1})
    assert (await gi.case(case.id)).version == before.version
    # the single-act representative cannot appoint or revoke: not its act
    await gi.act(case.id, "UA.GI.REP", "applicant", {"representative": KOVALENKO})
    with pytest.raises(Forbidden, match=r"III\.1\.7"):
        await gi.act(case.id, "UA.GI.REP", "kovalenko", {"representative": agent(
            "Шевченко Олег", "user:shevchenko", {"kind": "copies"})})


@pytest.mark.legal("GI rules IV.5", "GI rules VI.1.6", "VQ-07", "GI rules IV.7")
async def test_a_hearing_representative_of_an_electronic_application(gi) -> None:
    """VI.1.6: a representative takes part with a PoA of the applicant: the single-act PoA
    for the participation is one; the schedule goes to its address in Ukraine, the copy to
    the applicant's personal cabinet (IV.5, IV.6), signed by the official (IV.7)."""
    case = await gi.to_formal_electronic(0)
    with pytest.raises(PreconditionFailed, match="VQ-07"):
        await gi.act(case.id, "UA.GI.PART", "kovalenko", {"issues": "Межі"})
    await gi.act(case.id, "UA.GI.REP", "applicant", {"representative": agent(
        "Коваленко Ірина Петрівна", "user:kovalenko", {"kind": "participation"})})
    await gi.act(case.id, "UA.GI.PART", "kovalenko", {"issues": "Межі місця"})
    case = await gi.act(case.id, "UA.GI.PART.SCHEDULE", "examiner",
                        {"at": "2026-03-20 10:00, відеоконференція"})
    notice, copy = (await _view(gi, case.id))["file"][-2:]
    assert (notice["kind"], notice["channel"]) == ("participation_scheduled",
                                                   "registered_mail_ar")
    assert "Коваленко" in notice["summary"]
    assert (copy["kind"], copy["channel"], copy["refersTo"]) == (
        "copy", "personal_cabinet", notice["seq"])
    assert "особистий кабінет" in copy["summary"]
    signed = case.data["officeSignatures"][-1]
    assert (signed["seq"], signed["role"]) == (copy["seq"], "examiner")
