"""The appeal for inclusion (Order 2945 II-III, digest §6.1) on the engine: every branch,
time limit and refusal, with roles, notices and the register it leaves."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from ipreg.core.errors import (
    BadUserInput,
    Forbidden,
    InvalidTransition,
    PreconditionFailed,
    TimeLimitExpired,
)
from ipreg.core.model import Decision, IPObject
from ipreg.plugins.ukraine.websites import samples
from ipreg.plugins.ukraine.websites.models import UaWebsite, UaWebsiteEpisode

A = "UAW.APPEAL."
APPEAL = "UAW.APPEAL"
Ua = Any


@pytest.mark.legal("Order 2945 II.1", "Order 2945 II.3", "Order 2945 III.1", "Order 2945 III.6",
                   "Order 2945 III.8", "Order 2945 III.9", "Order 2945 V.1", "T05", "T07",
                   "T08", "VR-W25", "Order 2945 I.2")
async def test_an_appeal_goes_from_filing_to_the_published_list(ua: Ua) -> None:
    case = await ua.appeal(10)                     # кіно-онлайн.test
    assert case.state == "received" and case.applicant_id == ua.holder
    assert {d.code for d in await ua.deadlines(case.id)} == {"T01", "T05"}
    t05 = await ua.deadline(case.id, "T05")
    assert t05.due_on == dt.date(2026, 4, 1)       # 30 calendar days, start the day after
    await ua.act(case.id, A + "REGISTER", ua.examiner)
    concluded = await ua.act(case.id, A + "CONCLUDE_PRESENT", ua.examiner,
                             {"findings": ua.findings()})
    assert concluded.data["conclusion"]["kind"] == "GROUNDS_PRESENT"
    assert (await ua.deadline(case.id, "T05")).status == "met"
    assert (await ua.deadline(case.id, "T07")).due_on == dt.date(2026, 3, 12)
    ua.advance(days=3)
    await ua.act(case.id, A + "SEND_TO_MINISTRY", ua.examiner)
    assert (await ua.deadline(case.id, "T08")).due_on == dt.date(2026, 4, 4)
    listed = await ua.act(case.id, A + "INCLUDE", ua.ministry,
                          {"wipoAlertUploadedOn": "2026-03-05"})
    assert listed.state == "closed_listed" and listed.data["listedAs"] == "UA-W-000001"
    async with ua.rt.sessionmaker() as session:
        site = await session.get(UaWebsite, case.object_id)
        obj = await session.get(IPObject, case.object_id)
        episodes = (await session.execute(select(UaWebsiteEpisode))).scalars().all()
    assert site is not None and obj is not None
    assert (site.status, site.domain, site.wipo_status) == ("LISTED", "кіно-онлайн.test",
                                                            "UPLOADED")
    assert site.domain_ascii is not None and site.domain_ascii.startswith("xn--")
    assert obj.published and obj.register_number == "UA-W-000001" and obj.status == "LISTED"
    assert [(e.kind, e.basis) for e in episodes] == [("inclusion", "UKRNOIVI_CONCLUSION")]
    kinds = [k for k, _, _ in await ua.notices(case.id)]
    assert A + "CONCLUSION" in kinds and A + "TO_MINISTRY" in kinds and A + "LISTED" in kinds


@pytest.mark.legal("Order 2945 III.2", "Order 2945 III.5", "T01", "T02", "VR-W17", "VR-W18",
                   "VR-W24")
async def test_a_request_restarts_the_review_and_its_answer_is_due_in_15_days(ua: Ua) -> None:
    """Digest §7 worked example: received 1 March, request 12 March, review due 11 April."""
    ua.at(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    case = await ua.appeal(1)
    await ua.act(case.id, A + "REGISTER", ua.examiner)
    assert (await ua.deadline(case.id, "T01")).due_on == dt.date(2026, 3, 16)
    ua.at(dt.datetime(2026, 3, 12, 9, tzinfo=dt.UTC))
    await ua.act(case.id, A + "REQUEST", ua.examiner,
                 {"kind": "DEFICIENCIES", "items": ["Додайте переклад договору"]})
    assert (await ua.deadline(case.id, "T01")).status == "met"
    assert (await ua.deadline(case.id, "T02")).due_on == dt.date(2026, 3, 27)
    running = [d for d in await ua.deadlines(case.id, "T05") if d.status == "running"]
    assert [d.due_on for d in running] == [dt.date(2026, 4, 11)]
    answered = await ua.act(case.id, A + "ANSWER", ua.representative,
                            {"documents": ["Переклад договору"]})
    assert answered.state == "under_review" and answered.data["requests"][0]["answeredOn"]
    # A second request, after T01: allowed, flagged, and T05 restarts again.
    ua.advance(days=10)
    late = await ua.act(case.id, A + "REQUEST", ua.examiner,
                        {"kind": "INFORMATION", "items": ["Докази порушень"]})
    assert late.data["requests"][1]["afterT01"] is True
    assert "Order 2945 III.2 ¶1; VR-W17" in [w["rule"] for w in late.data["warnings"]]
    ua.advance(days=16)
    with pytest.raises(TimeLimitExpired):
        await ua.act(case.id, A + "ANSWER", ua.representative, {"documents": ["пізно"]})
    assert [a["consequence"] for a in await ua.tick() if a.get("consequence")] == [
        A + "REQUEST_LAPSED"]
    lapsed = await ua.case(case.id)
    assert lapsed.state == "under_review" and lapsed.data["requestNotFulfilled"] is True


@pytest.mark.legal("Order 2945 III.7", "VR-W18")
async def test_an_unfulfilled_request_allows_only_a_negative_conclusion(ua: Ua) -> None:
    case = await ua.appeal(2)
    await ua.act(case.id, A + "REGISTER", ua.examiner)
    await ua.act(case.id, A + "REQUEST", ua.examiner, {"kind": "INFORMATION", "items": ["x"]})
    ua.advance(days=16)
    await ua.tick()
    with pytest.raises(PreconditionFailed, match="REQUEST_NOT_FULFILLED"):
        await ua.act(case.id, A + "CONCLUDE_PRESENT", ua.examiner,
                     {"findings": ua.findings()})
    with pytest.raises(PreconditionFailed, match="REQUEST_NOT_FULFILLED"):
        await ua.act(case.id, A + "CONCLUDE_ABSENT", ua.examiner,
                     {"findings": ua.findings(OTHER_NONCOMPLIANCE=True)})
    done = await ua.act(case.id, A + "CONCLUDE_ABSENT", ua.examiner,
                        {"findings": ua.findings(REQUEST_NOT_FULFILLED=True)})
    assert done.state == "concluded_grounds_absent"
    assert done.data["conclusion"]["negativeGrounds"] == ["REQUEST_NOT_FULFILLED"]


@pytest.mark.legal("Order 2945 III.7", "Order 2945 III.6", "VR-W20", "VR-W21",
                   "Order 2945 II.4")
@pytest.mark.parametrize("ground", ["EXCLUDED_PLATFORM_OR_MEDIA", "MORALITY_PUBLIC_ORDER",
                                    "AGGRESSOR_LINKED_OR_SANCTIONED", "OTHER_NONCOMPLIANCE"])
async def test_each_ground_of_iii7_gives_a_negative_conclusion_with_every_finding(
        ua: Ua, ground: str) -> None:
    case = await ua.appeal(3)
    await ua.act(case.id, A + "REGISTER", ua.examiner)
    with pytest.raises(PreconditionFailed, match=ground):
        await ua.act(case.id, A + "CONCLUDE_PRESENT", ua.examiner,
                     {"findings": ua.findings(**{ground: True})})
    with pytest.raises(BadUserInput, match="no finding on"):
        await ua.act(case.id, A + "CONCLUDE_ABSENT", ua.examiner,
                     {"findings": ua.findings(**{ground: True})[1:]})
    done = await ua.act(case.id, A + "CONCLUDE_ABSENT", ua.examiner,
                        {"findings": ua.findings(**{ground: True}), "reasons": "так"})
    assert done.data["conclusion"]["negativeGrounds"] == [ground]
    assert len(done.data["conclusion"]["findings"]) == 5
    async with ua.rt.sessionmaker() as session:
        decision = (await session.execute(select(Decision).where(
            Decision.case_id == case.id))).scalar_one()
    assert decision.outcome == "GROUNDS_ABSENT" and decision.grounds == ground
    assert decision.number is not None and decision.number.startswith("ВИСН-")


@pytest.mark.legal("Order 2945 III.7", "VR-W21")
async def test_registered_media_cannot_be_concluded_positively(ua: Ua) -> None:
    data = samples.appeal(4, ua.clock().date())
    data["websites"][0]["mediaRegistered"] = True
    data["websites"][0]["platformType"] = "ONLINE_MEDIA"
    case = await ua.open(APPEAL, ua.representative, {"appeal": data})
    await ua.act(case.id, A + "REGISTER", ua.examiner)
    with pytest.raises(PreconditionFailed, match="Law \"On Media\""):
        await ua.act(case.id, A + "CONCLUDE_PRESENT", ua.examiner,
                     {"findings": ua.findings()})


@pytest.mark.legal("Order 2945 III.4", "T04", "VR-W22")
async def test_the_owner_is_notified_and_explains_within_10_days(ua: Ua) -> None:
    case = await ua.appeal(5)
    await ua.act(case.id, A + "REGISTER", ua.examiner)
    noticed = await ua.act(case.id, A + "OWNER_NOTICE", ua.examiner, {"owner": {
        "name": "Site Owner 5 LLC", "email": "admin@muzyka-zaraz.test", "country": "CY"}})
    owner_party = noticed.data["ownerNotice"]["ownerPartyId"]
    assert (await ua.deadline(case.id, "T04")).due_on == dt.date(2026, 3, 12)
    assert (A + "OWNER_NOTICE", owner_party, "website_owner") in await ua.notices(case.id)
    with pytest.raises(PreconditionFailed, match="notified website owner"):
        await ua.act(case.id, A + "OWNER_EXPLANATIONS", "stranger_owner",
                     {"explanations": ["не мій сайт"]})
    with pytest.raises(PreconditionFailed, match="already decided"):
        await ua.act(case.id, A + "NO_OWNER_NOTICE", ua.examiner, {"reason": "UNIDENTIFIED"})
    done = await ua.act(case.id, A + "OWNER_EXPLANATIONS", ua.owner(owner_party),
                        {"explanations": ["Матеріали видалено"]})
    assert done.data["ownerNotice"]["explanationsOn"] == "2026-03-02"
    assert (await ua.deadline(case.id, "T04")).status == "met"


@pytest.mark.legal("Order 2945 III.4", "T04")
async def test_late_owner_explanations_are_refused_and_the_review_continues(ua: Ua) -> None:
    case = await ua.appeal(6)
    await ua.act(case.id, A + "REGISTER", ua.examiner)
    noticed = await ua.act(case.id, A + "OWNER_NOTICE", ua.examiner, {"owner": {
        "name": "Owner", "postalAddress": "Nicosia"}})
    ua.advance(days=11)
    await ua.tick()
    assert (await ua.deadline(case.id, "T04")).status == "expired"
    with pytest.raises(TimeLimitExpired):
        await ua.act(case.id, A + "OWNER_EXPLANATIONS",
                     ua.owner(noticed.data["ownerNotice"]["ownerPartyId"]),
                     {"explanations": ["пізно"]})
    assert (await ua.case(case.id)).state == "under_review"


@pytest.mark.legal("Order 2945 III.4", "Order 2945 III.6", "VR-W22")
@pytest.mark.parametrize(("reason", "basis"), [("UNIDENTIFIED", None),
                                               ("AGGRESSOR_LINK", "Реєстрант у РФ (.ru)")])
async def test_no_notice_is_sent_and_why_is_recorded(ua: Ua, reason: str,
                                                     basis: str | None) -> None:
    case = await ua.appeal(7)
    await ua.act(case.id, A + "REGISTER", ua.examiner)
    if reason == "AGGRESSOR_LINK":
        with pytest.raises(BadUserInput, match="A-13"):
            await ua.act(case.id, A + "NO_OWNER_NOTICE", ua.examiner, {"reason": reason})
    done = await ua.act(case.id, A + "NO_OWNER_NOTICE", ua.examiner,
                        {"reason": reason, "basis": basis})
    assert done.data["ownerNotice"]["status"] == f"NOT_SENT_{reason}"
    assert done.data["ownerNotice"]["basis"] == basis
    assert not [d for d in await ua.deadlines(case.id) if d.code == "T04"]


@pytest.mark.legal("Order 2945 III.3", "T03", "VR-W19", "VR-W01")
async def test_amendments_and_withdrawal_until_the_conclusion(ua: Ua) -> None:
    case = await ua.appeal(8)
    amended = await ua.act(case.id, A + "AMEND", ua.representative,
                           {"note": "Додаткові докази порушень"})
    assert amended.data["amendments"][0]["note"] == "Додаткові докази порушень"
    other = samples.appeal(8, ua.clock().date(), site="other-site.example")
    with pytest.raises(BadUserInput, match="VR-W01"):
        await ua.act(case.id, A + "AMEND", ua.representative, {"appeal": other})
    withdrawn = await ua.act(case.id, A + "WITHDRAW", ua.representative)
    assert withdrawn.state == "withdrawn" and withdrawn.data["documentsReturned"] is False
    assert all(d.status == "cancelled" for d in await ua.deadlines(case.id))
    concluded = await ua.concluded(9)
    for code in ("AMEND", "WITHDRAW"):
        with pytest.raises(InvalidTransition):
            await ua.act(concluded.id, A + code, ua.representative, {"note": "x"}
                         if code == "AMEND" else None)


@pytest.mark.legal("Order 2945 II.1", "VR-W02")
async def test_only_the_applicants_representative_files_and_acts(ua: Ua) -> None:
    with pytest.raises(Forbidden):
        await ua.open(APPEAL, ua.examiner, {"appeal": samples.appeal(0, ua.clock().date())})
    case = await ua.appeal(0)
    with pytest.raises(Forbidden):
        await ua.act(case.id, A + "WITHDRAW", "other_representative")
    with pytest.raises(Forbidden):
        await ua.act(case.id, A + "REGISTER", ua.representative)


@pytest.mark.legal("Order 2945 II.2.3", "VR-W23")
async def test_a_second_appeal_for_the_same_website_is_received_with_a_warning(ua: Ua) -> None:
    first = await ua.listed(11, site="muzyka-zaraz.test")
    second = await ua.open(APPEAL, "other_representative", {"appeal": samples.appeal(
        12, ua.clock().date(), site="https://www.MUZYKA-ZARAZ.test/page")})
    assert second.object_id == first.object_id
    assert "Order 2945 II.2.3 ¶4; VR-W23" in [w["rule"] for w in second.data["warnings"]]
    await ua.act(second.id, A + "REGISTER", ua.examiner)
    await ua.act(second.id, A + "CONCLUDE_PRESENT", ua.examiner,
                 {"findings": ua.findings()})
    await ua.act(second.id, A + "SEND_TO_MINISTRY", ua.examiner)
    await ua.act(second.id, A + "INCLUDE", ua.ministry)
    async with ua.rt.sessionmaker() as session:
        episodes = (await session.execute(select(UaWebsiteEpisode.case_id).where(
            UaWebsiteEpisode.object_id == first.object_id))).scalars().all()
        site = await session.get(UaWebsite, first.object_id)
    assert sorted(episodes) == sorted([first.id, second.id])
    assert site is not None and site.entry_number == "UA-W-000001"


@pytest.mark.legal("Order 2945 II.2.2", "T06", "VR-W16")
async def test_a_changed_hyperlink_is_flagged_for_the_examiner(ua: Ua) -> None:
    case = await ua.appeal(13)
    await ua.act(case.id, A + "REGISTER", ua.examiner)
    kept = case.data["appeal"]["works"][0]["evidenceLinks"][0]["sha256"]
    same = await ua.act(case.id, A + "LINK_CHECK", ua.examiner,
                        {"work": 0, "link": 0, "sha256": kept})
    assert same.data["linkChecks"][0]["unchanged"] is True
    changed = await ua.act(case.id, A + "LINK_CHECK", ua.examiner,
                           {"work": 0, "link": 0, "sha256": "0" * 64})
    assert changed.data["linkChecks"][1]["unchanged"] is False
    assert any("changed since filing" in w["message"] for w in changed.data["warnings"])


@pytest.mark.legal("Order 2945 V.2")
async def test_a_court_challenge_is_recorded_by_any_party(ua: Ua) -> None:
    case = await ua.appeal(14)
    done = await ua.act(case.id, A + "COURT", ua.representative, {"challenge": {
        "court": "Окружний адміністративний суд", "caseNumber": "640/123/26"}})
    assert done.data["inCourt"] is True and done.state == "received"


@pytest.mark.legal("VR-W24", "VR-W25", "T05")
async def test_the_officials_see_their_overdue_limits(ua: Ua) -> None:
    case = await ua.concluded(15)
    ua.advance(days=11)
    await ua.tick()
    t07 = await ua.deadline(case.id, "T07")
    assert t07.status == "expired"
    assert (case.id is not None)
    notices = await ua.notices(case.id)
    assert ("time_limit_overdue", None, "ukrnoivi_examiner") in notices
    await ua.act(case.id, A + "SEND_TO_MINISTRY", ua.examiner)
    assert (await ua.deadline(case.id, "T07")).status == "late"


@pytest.mark.legal("Order 2945 II.2.2", "Order 2945 II.2.3")
async def test_the_files_an_appeal_names_are_stored_evidence(ua: Ua) -> None:
    import io

    from ipreg.plugins.ukraine.websites.procedures.appeal import EVIDENCE

    data = samples.appeal(16, ua.clock().date())
    data["works"][0]["files"] = ["ab" * 32]
    with pytest.raises(BadUserInput) as refused:
        await ua.open(APPEAL, ua.representative, {"appeal": data})
    assert refused.value.details["problems"][0]["path"] == "appeal.works[0].files[0]"
    async with ua.rt.sessionmaker() as session:
        stored = await ua.rt.files.put_stream(
            session, io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
            original_name="licence.pdf", purpose=EVIDENCE)
        await session.commit()
    data["works"][0]["files"] = [stored.sha256]
    data["rightsEvidence"][0]["file"] = stored.sha256
    case = await ua.open(APPEAL, ua.representative, {"appeal": data})
    assert case.data["appeal"]["works"][0]["files"] == [stored.sha256]
