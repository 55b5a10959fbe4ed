"""The owner's application for exclusion (Order 2945 IV, digest §6.2), the exclusion on a
court decision (IV.6) and copies of conclusions on request (III.6 ¶4, IV.4 ¶4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from ipreg.core.errors import BadUserInput, Forbidden, PreconditionFailed, TimeLimitExpired
from ipreg.core.model import IPObject
from ipreg.plugins.ukraine.websites import samples
from ipreg.plugins.ukraine.websites.models import UaWebsite, UaWebsiteEpisode

X = "UAW.EXCLUSION."
EXCLUSION = "UAW.EXCLUSION"
Ua = Any


async def _listed(ua: Ua, i: int = 0) -> tuple[int, Any]:
    case = await ua.listed(i)
    owner_party = await _owner_party(ua)
    return case.object_id, ua.owner(owner_party)


async def _owner_party(ua: Ua) -> int:
    from ipreg.core.model import Party

    async with ua.rt.sessionmaker() as session:
        party = Party(country="CY", name="Site Owner Ltd", party_type="legal")
        session.add(party)
        await session.commit()
        return party.id


async def _site(ua: Ua, object_id: int) -> UaWebsite:
    async with ua.rt.sessionmaker() as session:
        site = await session.get(UaWebsite, object_id)
        assert site is not None
        return site


@pytest.mark.legal("Order 2945 IV.1", "Order 2945 IV.2", "Order 2945 IV.3", "Order 2945 IV.4",
                   "Order 2945 IV.6", "Order 2945 V.1", "T11", "T12", "T13", "T14", "T16",
                   "T17", "VR-X11", "VR-X12", "VR-X13", "T20")
async def test_a_granted_application_excludes_the_website(ua: Ua) -> None:
    object_id, owner = await _listed(ua, 0)
    case = await ua.exclusion(object_id, owner)
    assert case.state == "received" and case.applicant_id == owner.party_id
    assert case.data["rightHolderPartyId"] == ua.holder
    assert (await ua.deadline(case.id, "T11")).due_on == dt.date(2026, 3, 7)
    assert (await ua.deadline(case.id, "T13")).due_on == dt.date(2026, 4, 1)
    notified = await ua.act(case.id, X + "NOTIFY_RIGHT_HOLDER", ua.examiner)
    assert notified.data["rightHolderNotice"]["emails"] == ["rights0@holder.example",
                                                            "attorney0@law.example"]
    assert (X + "NOTICE", ua.holder, "right_holder") in await ua.notices(case.id)
    assert (await ua.deadline(case.id, "T12")).due_on == dt.date(2026, 3, 12)
    with pytest.raises(PreconditionFailed, match="representative of record"):
        await ua.act(case.id, X + "EXPLANATIONS", "other_representative",
                     {"explanations": ["x"]})
    await ua.act(case.id, X + "EXPLANATIONS", "representative",
                 {"explanations": ["Порушення тривають"]})
    with pytest.raises(BadUserInput, match="grantedGrounds"):
        await ua.act(case.id, X + "GRANT", ua.examiner,
                     {"findings": ua.refusals(), "grantedGrounds": ["OWNER_HELD_RIGHTS"]})
    granted = await ua.act(case.id, X + "GRANT", ua.examiner,
                           {"findings": ua.refusals(), "grantedGrounds": ["REMEDIED"]})
    assert granted.data["conclusion"]["kind"] == "GRANTED"
    assert {d.code: d.due_on for d in await ua.deadlines(case.id)
            if d.status == "running"} == {"T14": dt.date(2026, 3, 12),
                                          "T16": dt.date(2026, 3, 12)}
    await ua.act(case.id, X + "COPY_TO_OWNER", ua.examiner)
    await ua.act(case.id, X + "SEND_TO_MINISTRY", ua.examiner)
    assert (await _site(ua, object_id)).status == "EXCLUSION_PENDING"
    assert (await ua.deadline(case.id, "T17")).due_on == dt.date(2026, 4, 1)
    done = await ua.act(case.id, X + "EXCLUDE", ua.ministry,
                        {"wipoAlertRemovedOn": "2026-03-02"})
    assert done.state == "closed_excluded"
    site = await _site(ua, object_id)
    assert (site.status, site.excluded_on, site.wipo_status) == (
        "EXCLUDED", dt.date(2026, 3, 2), "REMOVED")
    async with ua.rt.sessionmaker() as session:
        obj = await session.get(IPObject, object_id)
        episode = (await session.execute(select(UaWebsiteEpisode).where(
            UaWebsiteEpisode.kind == "exclusion"))).scalar_one()
    assert obj is not None and obj.status == "EXCLUDED" and obj.published
    assert (episode.basis, episode.grounds) == ("UKRNOIVI_CONCLUSION", "REMEDIED")


@pytest.mark.legal("Order 2945 IV.5", "Order 2945 IV.4", "T14", "VR-X10")
@pytest.mark.parametrize("ground", ["GROUNDS_NOT_PROVEN", "MORALITY_PUBLIC_ORDER",
                                    "AGGRESSOR_LINKED_OR_SANCTIONED"])
async def test_each_ground_of_iv5_refuses_and_the_owner_gets_the_copy(ua: Ua,
                                                                      ground: str) -> None:
    object_id, owner = await _listed(ua, 1)
    case = await ua.exclusion(object_id, owner, ground="APPEAL_DATA_INACCURATE")
    await ua.act(case.id, X + "NOTIFY_RIGHT_HOLDER", ua.examiner)
    ua.advance(days=11)
    assert [a.get("consequence") for a in await ua.tick()] == [X + "EXPLANATIONS_LAPSED"]
    assert (await ua.case(case.id)).state == "under_review"
    with pytest.raises(PreconditionFailed, match=ground):
        await ua.act(case.id, X + "GRANT", ua.examiner,
                     {"findings": ua.refusals(**{ground: True}),
                      "grantedGrounds": ["APPEAL_DATA_INACCURATE"]})
    refused = await ua.act(case.id, X + "REFUSE", ua.examiner,
                           {"findings": ua.refusals(**{ground: True})})
    assert refused.state == "refused" and refused.data["conclusion"]["refusalGrounds"] == [
        ground]
    closed = await ua.act(case.id, X + "COPY_REFUSAL_TO_OWNER", ua.examiner)
    assert closed.state == "closed_refused"
    assert (await ua.deadline(case.id, "T14")).status == "met"
    assert (await _site(ua, object_id)).status == "LISTED"


@pytest.mark.legal("Order 2945 IV.4", "T18", "VR-X07")
async def test_remedied_is_not_considered_after_two_exclusions_in_three_calendar_years(
        ua: Ua) -> None:
    object_id, owner = await _listed(ua, 2)
    for year in (2026, 2027):
        ua.at(dt.datetime(year, 3, 2, 9, tzinfo=dt.UTC))
        if year > 2026:
            again = await ua.open("UAW.APPEAL", ua.representative, {"appeal": samples.appeal(
                2, ua.clock().date())})
            await ua.act(again.id, "UAW.APPEAL.REGISTER", ua.examiner)
            await ua.act(again.id, "UAW.APPEAL.CONCLUDE_PRESENT", ua.examiner,
                         {"findings": ua.findings()})
            await ua.act(again.id, "UAW.APPEAL.SEND_TO_MINISTRY", ua.examiner)
            await ua.act(again.id, "UAW.APPEAL.INCLUDE", ua.ministry)
        first = await ua.exclusion(object_id, owner)
        with pytest.raises(PreconditionFailed, match="not barred"):
            await ua.act(first.id, X + "NOT_CONSIDER", ua.examiner)
        await ua.act(first.id, X + "NOTIFY_RIGHT_HOLDER", ua.examiner)
        await ua.act(first.id, X + "EXPLANATIONS", "representative", {"explanations": ["x"]})
        await ua.act(first.id, X + "GRANT", ua.examiner,
                     {"findings": ua.refusals(), "grantedGrounds": ["REMEDIED"]})
        await ua.act(first.id, X + "SEND_TO_MINISTRY", ua.examiner)
        await ua.act(first.id, X + "EXCLUDE", ua.ministry)
    ua.at(dt.datetime(2028, 6, 1, 9, tzinfo=dt.UTC))
    third = await ua.open("UAW.APPEAL", ua.representative, {"appeal": samples.appeal(
        2, ua.clock().date())})
    for code, who, data in (("REGISTER", ua.examiner, None),
                            ("CONCLUDE_PRESENT", ua.examiner, {"findings": ua.findings()}),
                            ("SEND_TO_MINISTRY", ua.examiner, None),
                            ("INCLUDE", ua.ministry, None)):
        await ua.act(third.id, "UAW.APPEAL." + code, who, data)
    barred = await ua.exclusion(object_id, owner)
    with pytest.raises(PreconditionFailed, match="not considered"):
        await ua.act(barred.id, X + "NOTIFY_RIGHT_HOLDER", ua.examiner)
    done = await ua.act(barred.id, X + "NOT_CONSIDER", ua.examiner)
    assert done.state == "not_considered" and done.data["conclusion"]["earlierExclusions"] == 2
    # Another ground is always considered (IV.4 ¶2 bars REMEDIED only).
    other = await ua.exclusion(object_id, owner, ground="OWNER_HELD_RIGHTS")
    assert other.state == "received"


@pytest.mark.legal("Order 2945 IV.4", "T18")
async def test_the_bar_window_is_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipreg.core.errors import ConfigurationError
    from ipreg.plugins.ukraine.websites.register import bar_window

    day = dt.date(2028, 6, 1)
    assert bar_window(day) == (dt.date(2026, 1, 1), day)
    assert bar_window(day, {"IPREG_UA_WEBSITES_BAR_WINDOW": "rolling"}) == (
        dt.date(2025, 6, 1), day)
    with pytest.raises(ConfigurationError):
        bar_window(day, {"IPREG_UA_WEBSITES_BAR_WINDOW": "decade"})


@pytest.mark.legal("Order 2945 IV.1", "VR-X01", "T19", "VR-X08", "VR-X04")
async def test_only_a_listed_website_and_evidence_covering_the_appeal_date(ua: Ua) -> None:
    appeal = await ua.appeal(3)
    owner = ua.owner(await _owner_party(ua))
    with pytest.raises(PreconditionFailed, match="VR-X01"):
        await ua.exclusion(appeal.object_id, owner)
    object_id, owner = await _listed(ua, 4)
    late = samples.exclusion(4, ua.clock().date(), ground="OWNER_HELD_RIGHTS")
    ua.advance(days=5)
    late["grounds"][0]["evidenceDate"] = ua.clock().date().isoformat()
    with pytest.raises(BadUserInput, match="VR-X08"):
        await ua.open(EXCLUSION, owner, {"application": late}, object_id=object_id)
    data = samples.exclusion(4, ua.clock().date())
    data["works"][0]["title"] = "Інший твір"
    case = await ua.open(EXCLUSION, owner, {"application": data}, object_id=object_id)
    assert "Order 2945 IV.2 ¶2; VR-X04" in [w["rule"] for w in case.data["warnings"]]


@pytest.mark.legal("Order 2945 IV.6", "Order 2945 V.2", "T17", "VR-X13")
async def test_a_court_decision_in_force_excludes_the_website(ua: Ua) -> None:
    object_id, _owner = await _listed(ua, 5)
    decision = {"court": "Господарський суд м. Києва", "caseNumber": "910/555/26",
                "date": "2026-02-01", "inForceOn": "2026-03-01",
                "holdsNoGroundsForInclusion": True}
    for bad, match in (({"holdsNoGroundsForInclusion": False}, "VR-X13"),
                       ({"inForceOn": "2026-04-01"}, "not yet in force")):
        with pytest.raises(BadUserInput, match=match):
            await ua.open("UAW.COURT", ua.ministry, {"decision": {**decision, **bad}},
                          object_id=object_id)
    case = await ua.open("UAW.COURT", ua.ministry, {"decision": decision},
                         object_id=object_id)
    assert (await _site(ua, object_id)).status == "EXCLUSION_PENDING"
    ua.advance(days=31)
    await ua.tick()
    assert (await ua.deadline(case.id, "T17")).status == "expired"
    await ua.act(case.id, "UAW.COURT.EXCLUDE", ua.ministry)
    assert (await ua.deadline(case.id, "T17")).status == "late"
    site = await _site(ua, object_id)
    assert site.status == "EXCLUDED"
    async with ua.rt.sessionmaker() as session:
        episode = (await session.execute(select(UaWebsiteEpisode).where(
            UaWebsiteEpisode.kind == "exclusion"))).scalar_one()
    assert episode.basis == "COURT_DECISION" and episode.court["caseNumber"] == "910/555/26"


@pytest.mark.legal("Order 2945 IV.4", "T15", "Order 2945 III.6", "T10")
async def test_copies_of_conclusions_on_request(ua: Ua) -> None:
    object_id, owner = await _listed(ua, 6)
    case = await ua.exclusion(object_id, owner, ground="APPEAL_DATA_INACCURATE")
    await ua.act(case.id, X + "NOTIFY_RIGHT_HOLDER", ua.examiner)
    await ua.act(case.id, X + "EXPLANATIONS", "representative", {"explanations": ["x"]})
    await ua.act(case.id, X + "REFUSE", ua.examiner,
                 {"findings": ua.refusals(GROUNDS_NOT_PROVEN=True)})
    with pytest.raises(PreconditionFailed, match=r"IV\.4 ¶4"):
        await ua.open("UAW.COPY", "other_representative", {"caseNumber": case.number},
                      transition="UAW.COPY.PETITION_REPRESENTATIVE")
    petition = await ua.open("UAW.COPY", "representative", {"caseNumber": case.number},
                             transition="UAW.COPY.PETITION_REPRESENTATIVE")
    assert (await ua.deadline(petition.id, "T15")).due_on == dt.date(2026, 3, 12)
    sent = await ua.act(petition.id, "UAW.COPY.SEND", ua.examiner)
    assert sent.state == "sent" and sent.data["freeOfCharge"] is True
    # III.6 ¶4: the owner asks for the appeal's conclusion; no period (T10).
    appeal = await ua.concluded(7)
    asked = await ua.open("UAW.COPY", owner, {"caseNumber": appeal.number},
                          transition="UAW.COPY.REQUEST_OWNER")
    assert not await ua.deadlines(asked.id)


@pytest.mark.legal("Order 2945 III.6")
async def test_no_copy_for_an_owner_linked_to_the_aggressor_state(ua: Ua) -> None:
    case = await ua.appeal(8)
    await ua.act(case.id, "UAW.APPEAL.REGISTER", ua.examiner)
    await ua.act(case.id, "UAW.APPEAL.NO_OWNER_NOTICE", ua.examiner,
                 {"reason": "AGGRESSOR_LINK", "basis": "Адреса реєстранта: м. Москва"})
    await ua.act(case.id, "UAW.APPEAL.CONCLUDE_PRESENT", ua.examiner,
                 {"findings": ua.findings()})
    with pytest.raises(PreconditionFailed, match="aggressor"):
        await ua.open("UAW.COPY", "stranger_owner", {"caseNumber": case.number},
                      transition="UAW.COPY.REQUEST_OWNER")


async def test_t12_bars_late_explanations(ua: Ua) -> None:
    object_id, owner = await _listed(ua, 9)
    case = await ua.exclusion(object_id, owner)
    await ua.act(case.id, X + "NOTIFY_RIGHT_HOLDER", ua.examiner)
    ua.advance(days=11)
    with pytest.raises(TimeLimitExpired):
        await ua.act(case.id, X + "EXPLANATIONS", "representative", {"explanations": ["x"]})
    async with ua.rt.sessionmaker() as session:
        assert (await session.execute(select(UaWebsite.status))).scalars().all() == ["LISTED"]


@pytest.mark.legal("Order 2945 IV.3")
async def test_the_right_holder_changes_its_representative_of_record(ua: Ua) -> None:
    appeal = await ua.listed(11)
    with pytest.raises(Forbidden, match=r"may be performed by: applicant"):
        await ua.act(appeal.id, "UAW.APPEAL.CHANGE_REPRESENTATIVE", "other_representative",
                     {"representative": {"name": "Інший", "email": "x@law.example"}})
    changed = await ua.act(appeal.id, "UAW.APPEAL.CHANGE_REPRESENTATIVE", "right_holder",
                           {"representative": {"name": "Бондар Марія",
                                               "email": "bondar@ip.example"}})
    assert changed.data["representativeOfRecord"]["email"] == "bondar@ip.example"
    owner = ua.owner(await _owner_party(ua))
    case = await ua.exclusion(appeal.object_id, owner)
    notified = await ua.act(case.id, X + "NOTIFY_RIGHT_HOLDER", ua.examiner)
    assert "bondar@ip.example" in notified.data["rightHolderNotice"]["emails"]


@pytest.mark.legal("Order 2945 V.2")
async def test_a_court_challenge_of_a_refusal_is_recorded(ua: Ua) -> None:
    object_id, owner = await _listed(ua, 12)
    case = await ua.exclusion(object_id, owner)
    await ua.act(case.id, X + "NOTIFY_RIGHT_HOLDER", ua.examiner)
    await ua.act(case.id, X + "EXPLANATIONS", "representative", {"explanations": ["x"]})
    await ua.act(case.id, X + "REFUSE", ua.examiner,
                 {"findings": ua.refusals(GROUNDS_NOT_PROVEN=True)})
    closed = await ua.act(case.id, X + "COPY_REFUSAL_TO_OWNER", ua.examiner)
    challenged = await ua.act(closed.id, X + "COURT", owner, {"challenge": {
        "court": "Окружний адміністративний суд", "caseNumber": "640/9/26",
        "subject": "Висновок про відмову"}})
    assert challenged.data["inCourt"] is True and challenged.state == "closed_refused"
