"""GI rules IV.7 (with IV.6): the withdrawal (T39) and the copies request (COPY) of an
electronic application are electronic documents: their QES data comes with
``uaGiPerform(signature:)`` (the acts stay ``true`` for the clients of paper files), and
without valid data they are refused with the field's path and nothing changes.

UKRNOIVI's own e-documents to a personal cabinet are signed by the official: the register
records the official and the digest of the notice as recorded (``officeSignatures``), and
refuses to send one no official can sign (reason ``UA_GI_UNSIGNED_NOTICE``)."""

from __future__ import annotations

from typing import Any

import pytest

from ipreg.core.errors import BadUserInput, PreconditionFailed
from ipreg.plugins.ukraine.gi import register
from ipreg.plugins.ukraine.gi.models import UaGiApplication
from ipreg.plugins.ukraine.gi.office_signature import UNSIGNED, content_sha256

SIGNED = {"signer": "Петренко Олена", "provider": "КНЕДП ІДД ДПС",
          "certificateSerial": "5E984D526F82F38F040000005B5E3A00B1E4E400",
          "signedAt": "2026-03-20T10:00:00+02:00", "format": "CAdES-X-Long",
          "contentSha256": "b" * 64, "verified": True}
PERFORM = """mutation($caseId: ID!, $act: UaGiActInput!, $signature: UaGiSignatureInput) {
  uaGiPerform(caseId: $caseId, act: $act, signature: $signature) {
    application { state } } }"""


async def electronic(gi, i: int = 0) -> Any:
    """An electronic application (IV.6: its correspondence in the personal cabinet) in the
    formal examination, its examiner assigned (V.1.1)."""
    return await gi.to_formal_electronic(i)


async def perform(gi, case_id: int, act: dict[str, Any], signature: Any = None
                  ) -> dict[str, Any]:
    return await gi.gql(PERFORM, {"caseId": gi.global_id_of(case_id), "act": act,
                                  "signature": signature}, "applicant")


@pytest.mark.legal("GI rules IV.7", "GI rules IV.6", "GI rules VI.5.1")
async def test_the_withdrawal_of_an_electronic_application_is_signed(gi) -> None:
    case = await electronic(gi)
    before = await gi.case(case.id)
    for signature, path in ((None, "signature"),
                            ({**SIGNED, "verified": False}, "signature.verified"),
                            ({**SIGNED, "contentSha256": "xyz"}, "signature.contentSha256")):
        answer = await perform(gi, case.id, {"t39": True}, signature)
        assert gi.code_of(answer) == "BAD_USER_INPUT", answer
        message = answer["errors"][0]["message"]
        assert path in message and "GI rules IV.7" in message, message
        after = await gi.case(case.id)
        assert (after.version, after.data) == (before.version, before.data)
    # another act takes its signature in its own input
    answer = await perform(gi, case.id, {"t16": {"deficiencies": []}}, SIGNED)
    assert gi.code_of(answer) == "BAD_USER_INPUT" and "signature" in str(answer["errors"])
    answer = await perform(gi, case.id, {"t39": True}, SIGNED)
    assert answer["data"]["uaGiPerform"]["application"]["state"] == "withdrawn"
    kept = (await gi.case(case.id)).data["documentSignatures"]
    assert [(s["transition"], s["signer"]) for s in kept] == [("UA.GI.T39", "Петренко Олена")]


@pytest.mark.legal("GI rules IV.7")
async def test_a_paper_application_is_withdrawn_with_true_as_before(gi) -> None:
    case = await gi.to_formal(0)
    answer = await perform(gi, case.id, {"t39": True})
    assert answer["data"]["uaGiPerform"]["application"]["state"] == "withdrawn"
    assert "documentSignatures" not in (await gi.case(case.id)).data


@pytest.mark.legal("GI rules IV.7", "GI rules VI.4.1")
async def test_the_copies_request_of_an_electronic_application_is_signed(gi) -> None:
    case = await electronic(gi)
    await gi.act(case.id, "UA.GI.T15", "examiner")
    gi.advance(days=95)
    await gi.tick()
    await gi.act(case.id, "UA.GI.T32", "examiner", {"conclusion": "Відмова"})
    before = await gi.case(case.id)
    with pytest.raises(BadUserInput, match="signature"):
        await gi.act(case.id, "UA.GI.COPY", "applicant")
    assert (await gi.case(case.id)).version == before.version
    answer = await perform(gi, case.id, {"copy": True}, SIGNED)
    assert answer.get("errors") is None, answer
    kept = (await gi.case(case.id)).data["documentSignatures"]
    assert kept[-1]["transition"] == "UA.GI.COPY"


async def _file(gi, case_id: int) -> list[Any]:
    async with gi.rt.sessionmaker() as session:
        return await register.file_items(session, case_id)


async def _examiner(gi, case_id: int) -> str | None:
    async with gi.rt.sessionmaker() as session:
        app = await session.get(UaGiApplication, case_id)
        assert app is not None
        return app.examiner


@pytest.mark.legal("GI rules IV.7", "GI rules IV.6")
async def test_the_office_s_e_documents_carry_the_signing_official(gi) -> None:
    """The official performing the act signs; a consequence the office draws itself is
    signed by the assigned examiner (V.1.1-1.2); the record binds the notice as filed."""
    case = await electronic(gi)
    examiner = await _examiner(gi, case.id)
    items = {i.seq: i for i in await _file(gi, case.id)}
    # the ICS's acknowledgment (III.2.5), the clerk's assignment notice, the examiner's
    # filing date notice (V.3.2 ¶1)
    assert [(s["kind"], s["role"]) for s in case.data["officeSignatures"]] == [
        ("acknowledgment", "ua_gi_ics"), ("examiner_assigned", "ua_gi_clerk"),
        ("filing_date", "examiner")]
    signed = case.data["officeSignatures"][-1]
    item = items[signed["seq"]]
    assert (item.kind, item.channel) == ("filing_date", "personal_cabinet")
    assert (signed["official"], signed["role"]) == (examiner, "examiner")
    assert signed["contentSha256"] == content_sha256(case.number, item)
    await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Не заповнено розділ 5"}]})
    gi.advance(days=100)
    await gi.tick()
    case = await gi.case(case.id)
    assert case.state == "deemed_withdrawn"
    last = case.data["officeSignatures"][-1]
    assert (last["kind"], last["official"]) == ("deemed_withdrawn", examiner)
    # a paper file's notices go by mail: nothing to sign in a cabinet
    paper = await gi.to_formal(1)
    assert "officeSignatures" not in paper.data


@pytest.mark.legal("GI rules IV.7")
async def test_a_notice_no_official_can_sign_is_not_sent(gi) -> None:
    """Before an examiner is assigned (V.1.1), the extension the applicant asks for would
    send the grant to the cabinet with no official to sign it: refused, nothing changed."""
    case = await gi.open("UA.GI.APP", "applicant",
                         {"filing": gi.filing(0, channel="electronic")},
                         transition="UA.GI.T02")
    await gi.act(case.id, "UA.GI.T03", "ics")
    case = await gi.act(case.id, "UA.GI.T09", "examiner_one")   # not assigned (V.1.1)
    assert case.data["officeSignatures"][-1]["official"] == "user:examiner.one"
    before, filed = await gi.case(case.id), len(await _file(gi, case.id))
    with pytest.raises(PreconditionFailed) as refused:
        await gi.act(case.id, "UA.GI.T11", "applicant", {
            "limit": "filing_fee", "months": 1, "feePaidOn": "2026-03-02"})
    assert refused.value.details["reason"] == UNSIGNED
    after = await gi.case(case.id)
    assert (after.version, after.data) == (before.version, before.data)
    assert len(await _file(gi, case.id)) == filed


@pytest.mark.legal("GI rules IV.7", "GI rules III.2.5")
async def test_the_ics_own_acknowledgment_is_sealed_by_the_ics(gi) -> None:
    """The technical check passed by the engine itself (no person, no examiner yet): the
    acknowledgment is the ICS's own e-document."""
    from ipreg.core.auth.principal import SYSTEM

    case = await gi.open("UA.GI.APP", "applicant",
                         {"filing": gi.filing(0, channel="electronic")},
                         transition="UA.GI.T02")
    case = await gi.act(case.id, "UA.GI.T03", SYSTEM)
    assert [(s["kind"], s["official"], s["role"]) for s in case.data["officeSignatures"]] == [
        ("acknowledgment", "system", "ua_gi_ics")]
