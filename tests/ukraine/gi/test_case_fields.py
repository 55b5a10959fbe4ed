"""Typed fields of the GI application case for what a client read only in the case's raw
``data``, through GraphQL, role by role: the attached documents (GI rules II.2.3-2.5,
VR-41) to whoever may download their files; the single-act representatives (II.3.5 ¶4,
III.1.7, III.1.8 ¶2, IV.5) and the office's signature records (IV.7 ¶3) to UKRNOIVI's
officials and the applicant's side, nobody else; ``availableActs`` offering a single-act
representative only what its PoA covers (III.1.7 ¶12), as the scope check decides."""

from __future__ import annotations

from typing import Any

import pytest
from pdf_samples import make_pdf

from ipreg.core.auth import Grant
from ipreg.core.errors import Forbidden
from ipreg.plugins.ukraine.gi.representation import OUTSIDE_POA, POA_REVOKED
from ipreg.testing import person
from tests.ukraine.gi.test_single_act_representative import BASE_AMENDMENT, KOVALENKO, agent

J = "ua_gi"
FILE = """mutation($filing: UaGiFilingInput!) {
  uaGiFileApplication(filing: $filing) { application { id } } }"""
DOCUMENTS = """query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase {
  file { seq direction kind }
  documents { kind title pages warnings transition receivedOn incomingItem
              file { id sha256 mediaType size name url } } } } }"""
FILE_NODE = """query($id: ID!) { node(id: $id) { ... on UaGiFile { sha256 } } }"""
REPRESENTATIVES = """query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase {
  singleActRepresentatives { number kind name registrationNumber postalAddress country
    phone email account state appointedOn revokedOn
    powerOfAttorney { grantee grantor body acts issuedOn mayWithdraw language }
    acts { kind notice noticeTransition } } } } }"""
SIGNATURES = """query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase {
  data file { seq channel kind }
  officeSignatures { seq kind inThisFile official role signedAt contentSha256 signature }
} } }"""

#: The transitions of the act ``amendment`` (VI.3).
AMENDMENT = {"UA.GI.AMD", "UA.GI.AMD.CURE"}
ACTS = """query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase { availableActs } } }"""


@pytest.fixture
def gi(gi):
    firm = gi.cast.representative.party_id
    gi.cast.add(kovalenko=person("user:kovalenko", firm, Grant(
        "representative", J, gi.cast.applicant_party)))
    return gi


async def node(gi: Any, query: str, case_id: int, who: str | None) -> Any:
    variables = {"id": gi.global_id_of(case_id)}
    if who is None:
        return (await gi.data(query, variables))["node"]
    return (await gi.data(query, variables, who))["node"]


@pytest.mark.legal("GI rules II.2.3", "VR-41", "GI rules II.2.4", "GI rules III.2.1")
async def test_attached_documents_are_typed_for_those_who_may_download_them(gi: Any) -> None:
    """The applicant uploads a 10 pt specification and files with it: the examiner and the
    applicant read it typed (kind, the file with its download url, pages, its VR-41
    warnings, the application it came with); the opponent and the anonymous do not read
    the case at all."""
    uploaded = (await gi.upload(make_pdf(size=10), "specification.pdf", "ua_gi_document",
                                "applicant"))["data"]["uploadFile"]
    filing = gi.filing(0)
    filing["documents"] = [{"kind": "specification", "file": uploaded["id"],
                            "title": "Специфікація"}]
    await gi.data(FILE, {"filing": filing}, "applicant")
    [case_id] = await gi.case_ids()
    case = await gi.case(case_id)
    for who in ("applicant", "examiner_two"):
        view = await node(gi, DOCUMENTS, case_id, who)
        [document] = view["documents"]
        application = next(i for i in view["file"] if i["kind"] == "application")
        assert (document["kind"], document["title"], document["pages"],
                document["transition"], document["incomingItem"]) == (
            "specification", "Специфікація", 3, "UA.GI.T01", application["seq"])
        assert document["file"]["sha256"] == uploaded["sha256"]
        assert document["file"]["url"] == f"/files/{uploaded['sha256']}"
        assert (document["file"]["name"], document["file"]["mediaType"]) == (
            "specification.pdf", "application/pdf")
        assert document["warnings"] == case.data["documents"][0]["warnings"]
        assert document["warnings"] and all(w in case.data["warnings"]
                                            for w in document["warnings"])
        assert any("10 pt" in w for w in document["warnings"])
        assert (await gi.get(document["file"]["url"], viewer=who)).status_code == 200
        found = await gi.data(FILE_NODE, {"id": document["file"]["id"]}, who)
        assert found["node"] == {"sha256": uploaded["sha256"]}
    for who in ("opponent", "stranger", None):
        assert await node(gi, DOCUMENTS, case_id, who) is None
        variables = {"id": document["file"]["id"]}
        found = await (gi.data(FILE_NODE, variables, who) if who else
                       gi.data(FILE_NODE, variables))
        assert found["node"] is None


@pytest.mark.legal("GI rules II.2.3", "GI rules V.9.2", "VR-41")
async def test_a_document_is_listed_only_to_whoever_may_download_its_file(gi: Any) -> None:
    """A file the applicant's side did not upload (stored by the office: no upload of
    theirs) is UKRNOIVI's to download: the examiner sees the document, the applicant does
    not (its ``GET /files`` is 404 too). A later document's (T24) comes with its own
    incoming item and its own warnings."""
    async with gi.runtime.sessionmaker() as session:
        row = await gi.runtime.files.put(session, make_pdf(numbers="none"),
                                         original_name="note.pdf")
        await session.commit()
        sha256 = str(row.sha256)
    case = await gi.to_formal(0)
    await gi.act(case.id, "UA.GI.T23", "examiner", {"reasons": "Сумнів щодо меж"})
    await gi.act(case.id, "UA.GI.T24", "applicant", {
        "materials": "Пояснення", "files": [{"kind": "additional_materials", "file": sha256}]})
    view = await node(gi, DOCUMENTS, case.id, "examiner_two")
    [document] = view["documents"]
    item = next(i for i in view["file"] if i["kind"] == "additional_materials"
                and i["direction"] == "in")
    assert (document["transition"], document["incomingItem"]) == ("UA.GI.T24", item["seq"])
    assert document["warnings"] == [
        "UA.GI.T24 files[0].file (additional_materials, «note.pdf»), pages 2-3: shows no page "
        "number in Arabic numerals (the second and following pages are numbered) (VR-41 W, "
        "GI rules II.2.5)"]
    assert (await node(gi, DOCUMENTS, case.id, "applicant"))["documents"] == []
    assert (await gi.get(f"/files/{sha256}", viewer="applicant")).status_code == 404


@pytest.mark.legal("GI rules IV.5", "GI rules III.1.7", "GI rules III.1.8", "VR-28")
async def test_single_act_representatives_are_typed_for_the_office_and_the_applicant(
        gi: Any) -> None:
    case = await gi.to_formal(0)
    await gi.act(case.id, "UA.GI.REP", "applicant", {"representative": KOVALENKO})
    await gi.act(case.id, "UA.GI.REP", "applicant", {"representative": agent(
        "Шевченко Олег", "user:shevchenko", {"kind": "withdrawal"}, may_withdraw=True)})
    await gi.act(case.id, "UA.GI.REP.REVOKE", "applicant", {"representative": 2})
    kept = (await gi.case(case.id)).data["singleActRepresentatives"]
    for who in ("examiner_two", "applicant", "kovalenko"):
        first, second = (await node(gi, REPRESENTATIVES, case.id, who))[
            "singleActRepresentatives"]
        assert (first["number"], first["name"], first["kind"], first["state"],
                first["revokedOn"]) == (1, KOVALENKO["name"], "patent_attorney", "active", None)
        assert (first["postalAddress"], first["country"], first["email"], first["account"],
                first["registrationNumber"]) == (
            KOVALENKO["postalAddress"], "UA", KOVALENKO["email"], "user:kovalenko", "412")
        assert first["acts"] == [{"kind": "amendment", "notice": None,
                                  "noticeTransition": None}]
        assert first["powerOfAttorney"] == {
            **{k: KOVALENKO["powerOfAttorney"][k] for k in (
                "grantee", "grantor", "body", "acts", "issuedOn")},
            "mayWithdraw": False, "language": "uk"}
        assert first["appointedOn"] == kept[0]["appointedOn"]
        assert (second["state"], second["revokedOn"]) == ("revoked", kept[1]["revokedOn"])
        assert second["powerOfAttorney"]["mayWithdraw"] is True
    for who in ("opponent", "stranger", None):
        assert await node(gi, REPRESENTATIVES, case.id, who) is None


@pytest.mark.legal("GI rules IV.7")
async def test_office_signatures_are_typed(gi: Any) -> None:
    """IV.7 ¶3: the notices an electronic application's acts send to the personal cabinet
    are signed by the official; the records read typed, each naming its notice."""
    case = await gi.file_electronic(0)
    for who in ("examiner_two", "applicant"):
        view = await node(gi, SIGNATURES, case.id, who)
        records = view["data"]["officeSignatures"]
        assert records, "an electronic application's notices are signed"
        signed = view["officeSignatures"]
        assert [(s["seq"], s["kind"], s["official"], s["role"], s["contentSha256"],
                 s["signature"]) for s in signed] == [
            (r["seq"], r["kind"], r["official"], r["role"], r["contentSha256"],
             r["signature"]) for r in records]
        assert all(s["inThisFile"] for s in signed)
        cabinet = {i["seq"] for i in view["file"] if i["channel"] == "personal_cabinet"}
        assert {s["seq"] for s in signed} == cabinet
    for who in ("opponent", None):
        assert await node(gi, SIGNATURES, case.id, who) is None


@pytest.mark.legal("GI rules III.1.7", "GI rules III.1.8", "GI rules IV.5")
async def test_available_acts_of_a_single_act_representative_are_those_its_poa_covers(
        gi: Any) -> None:
    """III.1.7 ¶12: the amendment-only representative is offered the amendment, not the
    applicant's other acts (the extension T11, the withdrawal, the appointment) which the
    scope check refuses (UA_GI_OUTSIDE_POA); the receipt of the notice addressed to it once
    there is one; nothing once its PoA is revoked (III.1.8 ¶2). The applicant and its
    general representative keep the whole list."""
    case = await gi.to_formal(0)
    await gi.act(case.id, "UA.GI.REP", "applicant", {"representative": KOVALENKO})
    applicant = (await node(gi, ACTS, case.id, "applicant"))["availableActs"]
    assert (await node(gi, ACTS, case.id, "representative"))["availableActs"] == applicant
    offered = (await node(gi, ACTS, case.id, "kovalenko"))["availableActs"]
    assert "UA.GI.AMD" in offered
    assert set(offered) == set(applicant) & AMENDMENT
    assert {"UA.GI.T11", "UA.GI.T39", "UA.GI.REP", "UA.GI.AMD"} <= set(applicant)
    answer = await gi.gql("""mutation($caseId: ID!, $act: UaGiActInput!) {
      uaGiPerform(caseId: $caseId, act: $act) { application { state } } }""",
                          {"caseId": gi.global_id_of(case.id), "act": {"t11": {
                              "limit": "formal_deficiencies", "feePaidOn": "2026-03-02"}}},
                          "kovalenko")
    assert answer["errors"][0]["extensions"]["reason"] == OUTSIDE_POA
    await gi.act(case.id, "UA.GI.AMD", "kovalenko", BASE_AMENDMENT)
    await gi.act(case.id, "UA.GI.AMD.DEFICIENT", "examiner", {"deficiencies": "Підпис"})
    offered = (await node(gi, ACTS, case.id, "kovalenko"))["availableActs"]
    applicant = (await node(gi, ACTS, case.id, "applicant"))["availableActs"]
    assert set(offered) == (set(applicant) & AMENDMENT) | {"UA.GI.RCPT"}
    assert "UA.GI.RCPT" in offered and "UA.GI.T11" not in offered
    await gi.act(case.id, "UA.GI.REP.REVOKE", "applicant", {"representative": 1})
    assert (await node(gi, ACTS, case.id, "kovalenko"))["availableActs"] == []
    with pytest.raises(Forbidden) as refused:
        await gi.act(case.id, "UA.GI.AMD.CURE", "kovalenko", {"reply": "Підписано"})
    assert refused.value.details["reason"] == POA_REVOKED
