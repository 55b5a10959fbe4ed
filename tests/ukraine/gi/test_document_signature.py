"""GI rules IV.7: a later electronic document (additional materials, replies, requests)
carries the QES data, read as the application's is (VR-04); without valid signature data it
is refused with the field's path and nothing changes; a paper document needs none."""

from __future__ import annotations

from typing import Any

import pytest

from ipreg.core.errors import BadUserInput

SIGNED = {"signer": "Петренко Олена", "provider": "КНЕДП ІДД ДПС",
          "certificateSerial": "5E984D526F82F38F040000005B5E3A00B1E4E400",
          "signedAt": "2026-03-20T10:00:00+02:00", "format": "CAdES-X-Long",
          "contentSha256": "b" * 64, "verified": True}

#: (channel, signature, the refused field's path or None when accepted)
ROWS: list[tuple[str | None, dict[str, Any] | None, str | None]] = [
    (None, None, None),                                           # paper by default
    ("paper", None, None),
    ("electronic", SIGNED, None),
    ("electronic", None, "signature"),
    ("electronic", {**SIGNED, "verified": False}, "signature.verified"),
    ("electronic", {**SIGNED, "contentSha256": "xyz"}, "signature.contentSha256"),
    ("electronic", {k: v for k, v in SIGNED.items() if k != "signer"}, "signature.signer"),
    ("fax", None, "channel"),
]


@pytest.mark.legal("GI rules IV.7")
@pytest.mark.parametrize(("channel", "signature", "refused"), ROWS)
async def test_an_electronic_later_document_carries_valid_qes_data(
        gi, channel: str | None, signature: dict[str, Any] | None, refused: str | None) -> None:
    case = await gi.to_formal(0)
    await gi.act(case.id, "UA.GI.T23", "examiner", {"reasons": "Сумнів щодо меж місця"})
    data: dict[str, Any] = {"materials": "Карта меж географічного місця"}
    if channel is not None:
        data["channel"] = channel
    if signature is not None:
        data["signature"] = signature
    before = await gi.case(case.id)
    if refused is None:
        after = await gi.act(case.id, "UA.GI.T24", "applicant", data)
        assert after.data["additionalMaterials"] is None
        kept = after.data.get("documentSignatures") or []
        if channel == "electronic":
            assert [(s["transition"], s["signer"], s["verified"]) for s in kept] == [
                ("UA.GI.T24", "Петренко Олена", True)]
        else:
            assert kept == []
        return
    with pytest.raises(BadUserInput) as error:
        await gi.act(case.id, "UA.GI.T24", "applicant", data)
    assert refused in str(error.value) and "GI rules IV.7" in str(error.value)
    after = await gi.case(case.id)
    assert (after.version, after.data) == (before.version, before.data)     # nothing changed


@pytest.mark.legal("GI rules IV.7")
async def test_through_graphql_the_reply_s_signature_path_is_named(gi) -> None:
    case = await gi.to_formal(0)
    await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Не заповнено розділ 5"}]})
    answer = await gi.perform(case.id, {"t17": {"reply": "Виправлено",
                                                "channel": "electronic"}}, "applicant")
    assert gi.code_of(answer) == "BAD_USER_INPUT"
    assert "signature" in answer["errors"][0]["message"]
    answer = await gi.perform(case.id, {"t17": {"reply": "Виправлено", "channel": "electronic",
                                                "signature": SIGNED}}, "applicant")
    assert answer["data"]["uaGiPerform"]["application"]["state"] == "formal_examination"
    signatures = await gi.data("""query($id: ID!) { node(id: $id) {
      ... on UaGiApplicationCase { documentSignatures {
        transition on signer provider certificateSerial format contentSha256 verified } } } }""",
                               {"id": gi.global_id_of(case.id)}, "applicant")
    [kept] = signatures["node"]["documentSignatures"]
    assert kept == {"transition": "UA.GI.T17", "on": gi.clock().date().isoformat(),
                    "signer": SIGNED["signer"], "provider": SIGNED["provider"],
                    "certificateSerial": SIGNED["certificateSerial"],
                    "format": SIGNED["format"], "contentSha256": SIGNED["contentSha256"],
                    "verified": True}


@pytest.mark.legal("GI rules IV.7")
@pytest.mark.parametrize(("code", "data"), [
    ("UA.GI.REC", {"ground": "family", "reasons": "Родич"}),
])
async def test_an_electronic_request_is_signed_too(gi, code: str, data: dict[str, Any]) -> None:
    """The applicant's requests (here the recusal request, V.1.5) are later documents too."""
    case = await gi.to_formal(0)
    before = await gi.case(case.id)
    with pytest.raises(BadUserInput, match="signature"):
        await gi.act(case.id, code, "applicant", {**data, "channel": "electronic"})
    assert (await gi.case(case.id)).version == before.version
    after = await gi.act(case.id, code, "applicant", {**data, "channel": "electronic",
                                                       "signature": SIGNED})
    assert [s["transition"] for s in after.data["documentSignatures"]] == [code]
