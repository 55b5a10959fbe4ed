"""Delivery of UKRNOIVI's e-documents: paper copies on request (GI rules IV.7 ¶2) and a
rejected delivery sent again, on paper when the addressee has no reliable QES means
(GI rules IV.9 ¶3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipreg.core.errors import BadUserInput, Forbidden, PreconditionFailed
from ipreg.plugins.ukraine.gi import register

D = dt.date
SIGNED = {"signer": "Петренко Олена", "provider": "КНЕДП ІДД ДПС",
          "certificateSerial": "5E984D526F82F38F040000005B5E3A00B1E4E400",
          "signedAt": "2026-03-20T10:00:00+02:00", "format": "CAdES-X-Long",
          "contentSha256": "b" * 64, "verified": True}


async def deficient_electronic(gi) -> tuple[Any, int]:
    """An electronic application (IV.6: its correspondence in the personal cabinet) with a
    deficiency notice (T16) in its cabinet: the case and the notice's place in the file."""
    case = await gi.to_formal_electronic(0)
    case = await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Не заповнено розділ 5"}]})
    seq = max(int(k) for k in case.data["awaitingReceipt"])
    return case, seq


async def file_of(gi, case_id: int) -> dict[int, Any]:
    async with gi.runtime.sessionmaker() as session:
        return {i.seq: i for i in await register.file_items(session, case_id)}


@pytest.mark.legal("GI rules IV.7")
async def test_a_paper_copy_on_request_leaves_the_period_to_the_cabinet(gi) -> None:
    """IV.7 ¶2: notices reach an e-applicant only in its cabinet; on a separate (signed,
    IV.7 ¶1) request a paper copy goes to its address in Ukraine, and the period keeps
    counting from the cabinet."""
    case, seq = await deficient_electronic(gi)
    due = (await gi.deadline(case.id, "formal_deficiencies")).due_on
    assert (await file_of(gi, case.id))[seq].channel == "personal_cabinet"
    with pytest.raises(BadUserInput, match="signature"):     # an electronic request: QES
        await gi.act(case.id, "UA.GI.PAPER", "applicant", {"item": seq,
                                                           "channel": "electronic"})
    await gi.act(case.id, "UA.GI.PAPER", "applicant", {
        "item": seq, "channel": "electronic", "signature": SIGNED})
    case = await gi.act(case.id, "UA.GI.PAPER.SENT", "clerk", {"item": seq})
    files = await file_of(gi, case.id)
    request = next(i for i in files.values() if i.kind == "paper_copy_request")
    copy = next(i for i in files.values() if i.kind == "paper_copy")
    assert request.direction == "in" and request.incoming_number
    assert (copy.channel, copy.refers_to) == ("registered_mail_ar", seq)
    assert (await gi.deadline(case.id, "formal_deficiencies")).due_on == due
    assert case.data["paperCopiesSent"] == [seq] and not case.data["paperCopiesRequested"]


@pytest.mark.legal("GI rules IV.7")
@pytest.mark.parametrize(("who", "code", "data", "error", "says"), [
    ("applicant", "UA.GI.PAPER", {"item": 999}, BadUserInput, "item: 999 is no document"),
    ("applicant", "UA.GI.PAPER", {"item": 1}, BadUserInput, "item: 1 is no document"),
    ("clerk", "UA.GI.PAPER.SENT", {"item": "notice"}, BadUserInput, "no paper copy"),
    ("clerk", "UA.GI.DLV.RESEND", {"item": "notice", "fixed": "x"}, BadUserInput,
     "no rejected delivery"),
    ("clerk", "UA.GI.DLV.REJECTED", {"item": 1, "cause": "x"}, BadUserInput,
     "item: 1 is no document"),
])
async def test_delivery_requests_the_rules_refuse_change_nothing(
        gi, who: str, code: str, data: dict[str, Any], error: type, says: str) -> None:
    case, seq = await deficient_electronic(gi)
    data = {k: (seq if v == "notice" else v) for k, v in data.items()}
    before = await gi.counts()
    with pytest.raises(error) as refused:
        await gi.act(case.id, code, who, data)
    assert says in str(refused.value) and "GI rules IV." in str(refused.value)
    assert await gi.counts() == before


@pytest.mark.legal("GI rules IV.7")
async def test_a_paper_application_has_its_documents_on_paper_already(gi) -> None:
    case = await gi.to_formal(0)
    case = await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Розділ 5"}]})
    seq = max(int(k) for k in case.data["awaitingReceipt"])
    before = await gi.counts()
    with pytest.raises(PreconditionFailed, match="on paper already"):
        await gi.act(case.id, "UA.GI.PAPER", "applicant", {"item": seq})
    assert await gi.counts() == before


@pytest.mark.legal("GI rules IV.9", "GI rules IV.11")
async def test_a_rejected_delivery_goes_again_on_paper_and_the_period_follows_it(gi) -> None:
    """IV.9 ¶3: the addressee reports it could not receive the notice and has no reliable
    QES means; UKRNOIVI sends it again on paper, and the period counts from that document's
    receipt (deemed, then the acknowledgment's date)."""
    case, seq = await deficient_electronic(gi)
    first_due = (await gi.deadline(case.id, "formal_deficiencies")).due_on
    with pytest.raises(Forbidden):                        # the applicant does not record it
        await gi.act(case.id, "UA.GI.DLV.REJECTED", "applicant", {"item": seq, "cause": "x"})
    gi.advance(days=10)
    await gi.act(case.id, "UA.GI.DLV.REJECTED", "clerk", {
        "item": seq, "cause": "Сертифікат КЕП заявника скасовано", "noQesMeans": True})
    with pytest.raises(PreconditionFailed, match="recorded already"):
        await gi.act(case.id, "UA.GI.DLV.REJECTED", "clerk", {"item": seq, "cause": "x"})
    case = await gi.act(case.id, "UA.GI.DLV.RESEND", "clerk", {
        "item": seq, "fixed": "Надіслано на папері (немає засобів КЕП)"})
    files = await file_of(gi, case.id)
    again = next(i for i in files.values() if i.kind == "resent")
    assert (again.channel, again.refers_to) == ("registered_mail_ar", seq)
    assert list(case.data["awaitingReceipt"]) == [str(again.seq)]
    deadline = await gi.deadline(case.id, "formal_deficiencies")
    # sent again 12.03.2026, deemed received 13.04.2026 (IV.9 ¶2), + 2 months = Saturday
    # 13.06.2026 → Monday 15.06.2026; the first notice's period ended 03.06.2026
    assert (first_due, deadline.due_on) == (D(2026, 6, 3), D(2026, 6, 15))
    assert "IV.9 ¶3" in deadline.history[-1]["basis"]
    received = gi.clock().date() + dt.timedelta(days=5)
    await gi.receipt(case.id, received.isoformat())
    deadline = await gi.deadline(case.id, "formal_deficiencies")
    # received 17.03.2026 + 2 months = Sunday 17.05.2026 → Monday 18.05.2026 (IV.11)
    assert (received, deadline.due_on) == (D(2026, 3, 17), D(2026, 5, 18))
    assert deadline.history[-1]["action"] == "recounted"
    assert not case.data["deliveryRejections"]


@pytest.mark.legal("GI rules IV.9", "GI rules IV.7")
async def test_a_rejected_delivery_goes_again_to_the_cabinet_signed(gi) -> None:
    case, seq = await deficient_electronic(gi)
    await gi.act(case.id, "UA.GI.DLV.REJECTED", "clerk", {"item": seq,
                                                          "cause": "Кабінет недоступний"})
    case = await gi.act(case.id, "UA.GI.DLV.RESEND", "clerk", {
        "item": seq, "fixed": "Відновлено доступ до кабінету"})
    again = next(i for i in (await file_of(gi, case.id)).values() if i.kind == "resent")
    assert again.channel == "personal_cabinet"
    signed = [s for s in case.data["officeSignatures"] if s["seq"] == again.seq]
    assert [s["role"] for s in signed] == ["ua_gi_clerk"]


@pytest.mark.legal("GI rules IV.7", "GI rules IV.9")
async def test_through_graphql_by_role(gi) -> None:
    """``uaGiPerform``: the applicant requests the copy, the clerk sends it and records a
    rejected delivery; neither does the other's act."""
    case, seq = await deficient_electronic(gi)
    request = {"paper": {"item": seq, "channel": "electronic", "signature": SIGNED}}
    assert gi.code_of(await gi.perform(case.id, request, "clerk")) == "FORBIDDEN"
    answer = await gi.perform(case.id, request, "applicant")
    assert answer.get("errors") is None, answer
    sent = {"paperSent": {"item": seq}}
    assert gi.code_of(await gi.perform(case.id, sent, "applicant")) == "FORBIDDEN"
    assert (await gi.perform(case.id, sent, "clerk")).get("errors") is None
    rejected = {"dlvRejected": {"item": seq, "cause": "x", "noQesMeans": True}}
    assert gi.code_of(await gi.perform(case.id, rejected, "applicant")) == "FORBIDDEN"
    answer = await gi.perform(case.id, {"dlvResend": {"item": seq, "fixed": "x"}}, "clerk")
    assert gi.code_of(answer) == "BAD_USER_INPUT"
    assert "no rejected delivery" in answer["errors"][0]["message"]
