"""Both procedures through GraphQL with roles (digest §8.3): typed inputs, refusals with
stable codes that change nothing, the public list for anonymous callers, the personal
data read by officials audited."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from ipreg.core.model import AuditRecord
from ipreg.plugins.ukraine.websites import samples

Ua = Any

OPEN = """mutation($act: UaWebsiteOpeningActInput!, $website: ID) {
  uaWebsitesOpenCase(act: $act, websiteId: $website) {
    case { id number state procedure version data warnings { rule } availableTransitions
           website { id name } deadlines { code dueOn status } } } }"""
PERFORM = """mutation($case: ID!, $act: UaWebsiteActInput!) {
  uaWebsitesPerform(caseId: $case, act: $act) {
    case { id state conclusion deadlines { code status } } } }"""
LIST = """query($filter: UaWebsiteListFilter) { uaWebsitesList(filter: $filter) {
  totalCount csvUrl xlsxUrl wipoAlertCsvUrl
  nodes { id name entryNumber domain domainAscii listStatus includedOn excludedOn urls
          wipoAlert { status uploadedOn } episodes { kind basis conclusionNumber }
          platformType owner { name } statusHistory { status } } } }"""


def _error(answer: dict[str, Any]) -> dict[str, Any]:
    assert answer.get("errors"), answer
    return answer["errors"][0]


async def _file(ua: Ua, i: int, **kw: Any) -> dict[str, Any]:
    data = await ua.data(OPEN, {"act": {"appealFile": {"appeal": samples.appeal(
        i, ua.clock().date(), **kw)}}}, ua.representative)
    return data["uaWebsitesOpenCase"]["case"]


async def _perform(ua: Ua, case: str, act: dict[str, Any], who: Any) -> dict[str, Any]:
    data = await ua.data(PERFORM, {"case": case, "act": act}, who)
    return data["uaWebsitesPerform"]["case"]


@pytest.mark.legal("Order 2945 II.1", "Order 2945 III.9", "Order 2945 V.1", "T08")
async def test_an_appeal_through_graphql_reaches_the_public_list(ua: Ua) -> None:
    case = await _file(ua, 10)
    assert case["state"] == "received" and case["procedure"] == "UAW.APPEAL"
    assert "applicant" not in case["data"]["appeal"]       # persons' data never in `data`
    assert "appealWithdraw" not in case["availableTransitions"]
    assert "UAW.APPEAL.WITHDRAW" in case["availableTransitions"]
    for act in ({"appealRegister": True},
                {"appealConcludePresent": {"findings": ua.findings()}},
                {"appealSendToMinistry": True}):
        await _perform(ua, case["id"], act, ua.examiner)
    listed = await _perform(ua, case["id"], {"appealInclude": {
        "wipoAlertUploadedOn": ua.clock().date().isoformat()}}, ua.ministry)
    assert listed["state"] == "closed_listed"
    public = (await ua.data(LIST))["uaWebsitesList"]
    assert public["totalCount"] == 1
    node = public["nodes"][0]
    assert (node["domain"], node["listStatus"], node["entryNumber"]) == (
        "кіно-онлайн.test", "LISTED", "UA-W-000001")
    assert node["domainAscii"].startswith("xn--") and node["wipoAlert"]["status"] == "UPLOADED"
    assert (node["episodes"], node["platformType"], node["owner"], node["statusHistory"]) == (
        [], None, None, [])                                  # §8.2: bases not public
    official = (await ua.data(LIST, None, ua.ministry))["uaWebsitesList"]["nodes"][0]
    assert official["episodes"][0]["basis"] == "UKRNOIVI_CONCLUSION"
    assert official["platformType"] == "OTHER"


@pytest.mark.legal("Order 2945 II.1", "VR-W02")
async def test_refusals_carry_stable_codes_and_change_nothing(ua: Ua) -> None:
    act = {"act": {"appealFile": {"appeal": samples.appeal(0, ua.clock().date())}}}
    before = await ua.counts()
    assert _error(await ua.gql(OPEN, act))["extensions"]["code"] == "UNAUTHENTICATED"
    assert _error(await ua.gql(OPEN, act, ua.examiner))["extensions"]["code"] == "FORBIDDEN"
    bad = samples.appeal(0, ua.clock().date())
    bad["websites"][0]["ipAddress"] = "10.1.2.3"
    error = _error(await ua.gql(OPEN, {"act": {"appealFile": {"appeal": bad}}},
                                ua.representative))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert {"path": "websites[0].ipAddress", "rule": "Order 2945 II.2.1 ¶3; VR-W07"}.items() \
        <= error["extensions"]["problems"][0].items()
    assert await ua.counts() == before
    case = await _file(ua, 1)
    before = await ua.counts()
    refused = await ua.gql(PERFORM, {"case": case["id"], "act": {"appealConcludePresent": {
        "findings": ua.findings()}}}, ua.examiner)
    assert _error(refused)["extensions"]["code"] == "INVALID_TRANSITION"
    refused = await ua.gql(PERFORM, {"case": case["id"], "act": {"appealRegister": True}},
                           ua.representative)
    assert _error(refused)["extensions"]["code"] == "FORBIDDEN"
    assert await ua.counts() == before


@pytest.mark.legal("Order 2945 IV.1", "Order 2945 IV.6")
async def test_an_exclusion_through_graphql_with_the_owner_and_the_right_holder(
        ua: Ua) -> None:
    case = await ua.listed(3)
    website = (await ua.data(LIST))["uaWebsitesList"]["nodes"][0]["id"]
    from ipreg.core.model import Party

    async with ua.rt.sessionmaker() as session:
        party = Party(country="UA", name="Власник", party_type="legal")
        session.add(party)
        await session.commit()
    owner = ua.owner(party.id)
    opened = (await ua.data(OPEN, {"website": website, "act": {"exclusionFile": {
        "application": samples.exclusion(3, ua.clock().date())}}}, owner))[
        "uaWebsitesOpenCase"]["case"]
    assert opened["state"] == "received" and opened["website"]["id"] == website
    await _perform(ua, opened["id"], {"exclusionNotifyRightHolder": True}, ua.examiner)
    await _perform(ua, opened["id"], {"exclusionExplanations": {"explanations": ["ні"]}},
                   "representative")
    await _perform(ua, opened["id"], {"exclusionGrant": {"findings": ua.refusals(),
                                                         "grantedGrounds": ["REMEDIED"]}},
                   ua.examiner)
    await _perform(ua, opened["id"], {"exclusionSendToMinistry": True}, ua.examiner)
    done = await _perform(ua, opened["id"], {"exclusionExclude": {}}, ua.ministry)
    assert done["state"] == "closed_excluded"
    public = (await ua.data(LIST, {"filter": {"status": "EXCLUDED"}}))["uaWebsitesList"]
    assert [n["id"] for n in public["nodes"]] == [website] and case.object_id


async def test_an_officials_read_of_personal_data_is_audited(ua: Ua) -> None:
    case = await _file(ua, 4)
    query = "query($id: ID!) { node(id: $id) { ... on UaWebsiteCase { personalData } } }"

    async def audits() -> int:
        async with ua.rt.sessionmaker() as session:
            return int(await session.scalar(select(func.count()).select_from(
                AuditRecord).where(AuditRecord.action == "read_personal_data")) or 0)

    mine = (await ua.data(query, {"id": case["id"]}, ua.representative))["node"]
    assert mine["personalData"]["applicant"]["name"]
    assert await audits() == 0
    seen = (await ua.data(query, {"id": case["id"]}, ua.examiner))["node"]
    assert seen["personalData"]["representative"]["email"] == "attorney4@law.example"
    assert await audits() == 1
    assert (await ua.data(query, {"id": case["id"]}))["node"] is None
    assert (await ua.data(query, {"id": case["id"]}, "other_representative"))[
        "node"] is None


@pytest.mark.legal("Order 2945 III.9", "Order 2945 V.1")
async def test_the_ministry_records_wipo_alert_and_others_may_not(ua: Ua) -> None:
    await ua.listed(5)
    website = (await ua.data(LIST))["uaWebsitesList"]["nodes"][0]["id"]
    mutation = """mutation($w: ID!) { uaWebsitesRecordWipoAlert(websiteId: $w,
      status: "REMOVED", on: "2026-03-02") { wipoAlert { status removedOn } } }"""
    assert _error(await ua.gql(mutation, {"w": website}, ua.examiner))["extensions"][
        "code"] == "FORBIDDEN"
    done = await ua.data(mutation, {"w": website}, ua.ministry)
    assert done["uaWebsitesRecordWipoAlert"]["wipoAlert"] == {"status": "REMOVED",
                                                              "removedOn": "2026-03-02"}


OVERDUE = """{ overdueTimeLimits(jurisdiction: "ua_websites") { totalCount
  nodes { code legalBasis daysOverdue owedBy } } }"""


@pytest.mark.legal("T05", "T07", "T08", "VR-W24", "VR-W25")
async def test_officials_see_the_limits_they_owe_overdue_through_graphql(ua: Ua) -> None:
    """Digest §8.3 "Scheduler": T05 and T07 (UKRNOIVI) and T08 (the Ministry) have no
    stated consequence: each owing role sees its overdue limits, others are refused."""
    late_review = await _file(ua, 6)
    concluded = await ua.concluded(7)
    sent = await ua.concluded(8)
    await ua.act(sent.id, "UAW.APPEAL.SEND_TO_MINISTRY", ua.examiner)
    ua.advance(days=40)
    examiner = (await ua.data(OVERDUE, None, ua.examiner))["overdueTimeLimits"]["nodes"]
    assert sorted(n["code"] for n in examiner) == ["T01", "T05", "T07"]
    assert all(n["owedBy"] == ["ukrnoivi_examiner"] and n["daysOverdue"] > 0
               for n in examiner)
    ministry = (await ua.data(OVERDUE, None, ua.ministry))["overdueTimeLimits"]["nodes"]
    assert [(n["code"], n["owedBy"]) for n in ministry] == [("T08", ["ministry_officer"])]
    assert _error(await ua.gql(OVERDUE))["extensions"]["code"] == "UNAUTHENTICATED"
    assert _error(await ua.gql(OVERDUE, None, ua.representative))["extensions"]["code"] == \
        "FORBIDDEN"
    assert late_review["id"] and concluded.id
    async with ua.rt.sessionmaker() as session:
        acts = set((await session.execute(select(AuditRecord.action).where(
            AuditRecord.jurisdiction == "ua_websites"))).scalars())
    assert {"UAW.APPEAL.FILE", "UAW.APPEAL.CONCLUDE_PRESENT",
            "UAW.APPEAL.SEND_TO_MINISTRY"} <= acts           # every act is audited


async def test_an_officials_read_of_a_natural_owner_is_audited_and_hidden_from_others(
        ua: Ua) -> None:
    case = await ua.appeal(9)
    await ua.act(case.id, "UAW.APPEAL.REGISTER", ua.examiner)
    await ua.act(case.id, "UAW.APPEAL.OWNER_NOTICE", ua.examiner, {"owner": {
        "name": "Петренко Іван", "kind": "NATURAL", "email": "ivan@owner.example"}})
    await ua.act(case.id, "UAW.APPEAL.CONCLUDE_PRESENT", ua.examiner,
                 {"findings": ua.findings()})
    await ua.act(case.id, "UAW.APPEAL.SEND_TO_MINISTRY", ua.examiner)
    await ua.act(case.id, "UAW.APPEAL.INCLUDE", ua.ministry)
    query = "{ uaWebsitesList { nodes { owner { name partyType } } } }"
    assert (await ua.data(query))["uaWebsitesList"]["nodes"] == [{"owner": None}]
    seen = (await ua.data(query, None, ua.ministry))["uaWebsitesList"]["nodes"]
    assert seen == [{"owner": {"name": "Петренко Іван", "partyType": "natural"}}]
    async with ua.rt.sessionmaker() as session:
        audited = (await session.execute(select(AuditRecord.entity, AuditRecord.actor_subject)
                                         .where(AuditRecord.action == "read_personal_data"))
                   ).all()
    assert [tuple(a) for a in audited] == [("party", "user:ministry")]
