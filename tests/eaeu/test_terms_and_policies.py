"""Issue 15 items 4, 6 and 7: the formal check of right terms and images, the protection
terms of PRC.001/PRC.004, and the policy when an authorized body stays silent.

Each rule is a row of a table; the tests cite the points of the digest they prove.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from strawberry.relay import to_base64

from ipreg.core.errors import BadUserInput, PreconditionFailed
from ipreg.core.model import Decision, Document, Notification, ObjectDocument, StoredFile
from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES
from ipreg.plugins.eaeu.models import EaeuProtectionPeriod

PRC = "P.SP.01.PRC.001"
SECURITY = {"security": {"kind": "insurance_contract", "number": "СТР-9", "amount": "500000",
                         "currency": "RUB"}}
#: Stored images (R174 A1 T1 5.4): JPEG at 300 dpi, JPEG at 72 dpi, TIFF at 600 dpi.
SHARP, BLURRED, TIFF = "a" * 64, "b" * 64, "c" * 64


def problems(caught: pytest.ExceptionInfo[BadUserInput]) -> dict[str, tuple[str, str]]:
    """``path: (rule, code)`` of each problem of a ``BAD_USER_INPUT``."""
    return {p["path"]: (p.get("rule", ""), p.get("code", ""))
            for p in caught.value.details["problems"]}


async def store_images(eaeu: Any) -> None:
    async with eaeu.rt.sessionmaker() as session:
        session.add_all([
            StoredFile(sha256=SHARP, size=40_000, media_type="image/jpeg", dpi=300),
            StoredFile(sha256=BLURRED, size=40_000, media_type="image/jpeg", dpi=72),
            StoredFile(sha256=TIFF, size=90_000, media_type="image/tiff", dpi=600),
        ])
        await session.commit()


async def images_of(eaeu: Any, object_id: int) -> list[str | None]:
    async with eaeu.rt.sessionmaker() as session:
        rows = await session.execute(
            select(Document.file_sha256).join(ObjectDocument,
                                              ObjectDocument.document_id == Document.id)
            .where(ObjectDocument.object_id == object_id, ObjectDocument.role == "image")
            .order_by(ObjectDocument.position))
        return list(rows.scalars())


async def periods(eaeu: Any, object_id: int) -> list[tuple[dt.date, dt.date]]:
    async with eaeu.rt.sessionmaker() as session:
        rows = (await session.execute(select(EaeuProtectionPeriod).where(
            EaeuProtectionPeriod.object_id == object_id).order_by(EaeuProtectionPeriod.seq))
        ).scalars().all()
        return [(p.starts_on, p.ends_on) for p in rows]


async def decisions(eaeu: Any, case_id: int) -> list[tuple[str, str, str | None]]:
    async with eaeu.rt.sessionmaker() as session:
        rows = (await session.execute(select(Decision).where(Decision.case_id == case_id)
                                      .order_by(Decision.id))).scalars().all()
        return [(d.kind, d.outcome, d.grounds) for d in rows]


async def notice(eaeu: Any, case_id: int, kind: str) -> Notification:
    async with eaeu.rt.sessionmaker() as session:
        return (await session.execute(select(Notification).where(
            Notification.case_id == case_id, Notification.kind == kind))).scalar_one()


async def refused_by_decision(eaeu: Any, case_id: int, code: str, reasons: str
                              ) -> tuple[Any, Notification]:
    """The Commission refuses (``code``): its decision with the reasons as grounds, and the
    notice with the reasons to the applicant (R148 p.15)."""
    refused = await eaeu.act(case_id, code, eaeu.commission, {"reasons": reasons})
    assert refused.state == "refused" and refused.data["refusalReasons"] == reasons
    assert await decisions(eaeu, case_id) == [(code, "refused", reasons)]
    sent = await notice(eaeu, case_id, code)
    assert (sent.addressee_id, sent.addressee_role, sent.body) == (eaeu.holder, "applicant",
                                                                   reasons)
    assert sent.payload["reasons"] == reasons
    return refused, sent


async def received_not_grantable(eaeu: Any, object_id: int, requested_end: str, flag: str,
                                 why: str) -> Any:
    """A PRC.004 request the Commission may not grant as asked is received all the same
    (R174 p.11(1)), flagged ``flag``, notified to the Commission; GRANT says ``why`` and
    names the refusal."""
    request = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant,
                              {"requestedEnd": requested_end}, object_id=object_id)
    assert request.state == "under_consideration" and request.data[flag] is True
    assert ("P.SP.01.PRC.004.REQUEST", None, "commission_official") in await eaeu.notices(
        request.id)
    with pytest.raises(PreconditionFailed, match=rf"{why}.*PRC\.004\.REFUSE"):
        await eaeu.act(request.id, "P.SP.01.PRC.004.GRANT", eaeu.commission)
    return request


def terms_of(*countries: str) -> list[dict[str, Any]]:
    return [{"country": c, "expiresOn": "2035-12-31"} for c in countries]


# ---------------------------------------------------------------- item 4: the formal check


RIGHT_TERMS = [
    # (what, the countries of the right terms, refused?)
    ("every member state", MEMBER_STATE_CODES, False),
    ("one member state", ("KZ",), True),
    ("four of the five", ("AM", "BY", "KG", "RU"), True),
]


@pytest.mark.parametrize(("what", "countries", "refused"), RIGHT_TERMS,
                         ids=[r[0] for r in RIGHT_TERMS])
@pytest.mark.legal("R174 A1 T1 5.7", "P.SP.01.OPR.001", "P.SP.01.PRC.002", "P.SP.01.PRC.003")
async def test_the_right_terms_cover_every_member_state(eaeu: Any, what: str,
                                                        countries: tuple[str, ...],
                                                        refused: bool) -> None:
    """R174 A1 T1 5.7: the terms of the right "in each of the member states" (digest §4.1,
    §10.3): an application, an amendment request and a technical correction are refused
    at ``rightTerms`` when a member state has no term; nothing is stored."""
    _, ids = await eaeu.include()
    filings = [
        (lambda: eaeu.open(PRC, eaeu.applicant,
                           {"forms": [eaeu.form(1) | {"rightTerms": terms_of(*countries)}]}),
         "forms[0].rightTerms"),
        (lambda: eaeu.open("P.SP.01.PRC.002", eaeu.applicant,
                           {"changes": {"rightTerms": terms_of(*countries)}},
                           object_id=ids[0]), "changes.rightTerms"),
        (lambda: eaeu.open("P.SP.01.PRC.003", eaeu.commission,
                           {"changes": {"rightTerms": terms_of(*countries)},
                            "reason": "Сроки действия права"},
                           transition="P.SP.01.PRC.003.TECHNICAL", object_id=ids[0]),
         "changes.rightTerms"),
    ]
    for file, path in filings:
        if not refused:
            assert (await file()).id
            continue
        with pytest.raises(BadUserInput) as caught:
            await file()
        assert problems(caught)[path] == ("R174 A1 T1 5.7", "too_few"), what
        missing = [c for c in MEMBER_STATE_CODES if c not in countries]
        assert f"missing: {', '.join(missing)}" in str(caught.value)


IMAGES = [
    # (what, the image given, (rule, code) of the problem, or None: accepted)
    ("a JPEG at 300 dpi", SHARP, None),
    ("a TIFF at 600 dpi", TIFF, None),
    ("a JPEG at 72 dpi", BLURRED, ("R174 A1 T1 5.4", "file_low_resolution")),
    ("a file never uploaded", "d" * 64, ("", "invalid")),
]


@pytest.mark.parametrize(("what", "image", "problem"), IMAGES, ids=[r[0] for r in IMAGES])
@pytest.mark.legal("R174 A1 T1 5.4", "P.SP.01.OPR.001", "P.SP.01.PRC.002", "P.SP.01.PRC.003")
async def test_the_object_image_is_checked_when_filed_and_when_amended(
        eaeu: Any, what: str, image: str, problem: tuple[str, str] | None) -> None:
    """R174 A1 T1 5.4 (JPG or TIF, at least 300 dpi, at most 5 MB): the formal check
    (OPR.001), an amendment request (PRC.002) and a technical correction (PRC.003) check
    the object's images alike, at their path."""
    await store_images(eaeu)
    _, ids = await eaeu.include()
    attempts = [
        (lambda: eaeu.open(PRC, eaeu.applicant,
                           {"forms": [eaeu.form(1) | {"images": [SHARP, image]}]}),
         "forms[0].images[1]"),
        (lambda: eaeu.open("P.SP.01.PRC.002", eaeu.applicant,
                           {"changes": {"images": [SHARP, image]}}, object_id=ids[0]),
         "changes.images[1]"),
        (lambda: eaeu.open("P.SP.01.PRC.003", eaeu.commission,
                           {"changes": {"images": [SHARP, image]}, "reason": "Изображение"},
                           transition="P.SP.01.PRC.003.TECHNICAL", object_id=ids[0]),
         "changes.images[1]"),
    ]
    for attempt, path in attempts:
        if problem is None:
            assert (await attempt()).id
            continue
        with pytest.raises(BadUserInput) as caught:
            await attempt()
        assert problems(caught) == {path: problem}, what


@pytest.mark.legal("R174 A1 T1 5.4", "P.SP.01.PRC.002", "P.SP.01.PRC.003", "R174 A1 T1 8.1")
async def test_an_amendment_replaces_the_images_of_the_object(eaeu: Any) -> None:
    """PRC.002 → PRC.003: the images (T1 5.4) are among the items an amendment changes;
    the entry shows the new ones, and the change is named in the status record."""
    await store_images(eaeu)
    _, ids = await eaeu.include()
    assert await images_of(eaeu, ids[0]) == []
    request = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant,
                              {"changes": {"images": [TIFF, SHARP]}}, object_id=ids[0])
    await eaeu.act(request.id, "P.SP.01.PRC.002.APPROVE", eaeu.commission)
    assert await images_of(eaeu, ids[0]) == [TIFF, SHARP]
    correction = await eaeu.open("P.SP.01.PRC.003", eaeu.commission,
                                 {"changes": {"images": [SHARP]}, "reason": "Лишнее изображение"},
                                 transition="P.SP.01.PRC.003.TECHNICAL", object_id=ids[0])
    assert correction.data["changed"] == ["images"]
    assert await images_of(eaeu, ids[0]) == [SHARP]


OPEN = """mutation($object: ID, $act: EaeuOpeningActInput!) {
  eaeuOpenCase(objectId: $object, act: $act) { case { procedure state } } }"""


@pytest.mark.legal("R174 A1 T1 5.4", "P.SP.01.PRC.002")
async def test_images_are_a_typed_item_of_the_changes(eaeu: Any) -> None:
    """``EaeuChangesInput.images``: the ids of uploaded files (``File`` global ids), checked
    by T1 5.4 at their path like the other problems of the input."""
    await store_images(eaeu)
    _, ids = await eaeu.include()
    entry = to_base64("EaeuRegisterEntry", ids[0])

    def act(*shas: str) -> dict[str, Any]:
        return {"object": entry, "act": {"prc002Request": {"changes": {
            "images": [to_base64("File", sha) for sha in shas]}}}}

    bad = await eaeu.gql(OPEN, act(SHARP, BLURRED), eaeu.applicant)
    (error,) = bad["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert {(p["path"], p["rule"], p["code"]) for p in error["extensions"]["problems"]} == {
        ("changes.images[1]", "R174 A1 T1 5.4", "file_low_resolution")}
    done = await eaeu.data(OPEN, act(TIFF), eaeu.applicant)
    assert done["eaeuOpenCase"]["case"] == {"procedure": "P.SP.01.PRC.002",
                                            "state": "under_consideration"}


# ---------------------------------------------------------------- item 6: protection terms


@pytest.mark.legal("P.SP.01.PRC.004", "R174 p.11(1)", "R174 p.11(2)")
async def test_a_late_prolongation_is_refused_by_a_decision_with_its_notice(
        eaeu: Any, clock: Any, monkeypatch: Any) -> None:
    """PRC.004 (R148 p.15: "term prolonged ... or notice of refusal to the applicant"): a
    request after the running period lapsed (digest §10 F4, outside the seeds) is received;
    the Commission can only refuse it, by a decision with its notice and reasons."""
    _, ids = await eaeu.include()  # protected 2026-03-02 .. 2028-03-01
    clock.advance(days=800)  # 2028-05-11
    request = await received_not_grantable(eaeu, ids[0], "2030-03-01", "requestAfterPeriodEnd",
                                           "ended on 2028-03-01")
    assert request.data["periodEnd"] == "2028-03-01"
    reasons = "Обращение подано после истечения срока защиты 01.03.2028"
    refused, sent = await refused_by_decision(eaeu, request.id, "P.SP.01.PRC.004.REFUSE",
                                              reasons)
    assert refused.data["lateRequest"] is True
    assert sent.payload["requestAfterPeriodEnd"] is True
    assert await periods(eaeu, ids[0]) == [(dt.date(2026, 3, 2), dt.date(2028, 3, 1))]

    # The rule is configuration: with IPREG_EAEU_PROLONG_AFTER_END=1 a late request may
    # be granted.
    monkeypatch.setenv("IPREG_EAEU_PROLONG_AFTER_END", "1")
    again = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant,
                            {"requestedEnd": "2030-03-01"}, object_id=ids[0])
    granted = await eaeu.act(again.id, "P.SP.01.PRC.004.GRANT", eaeu.commission)
    assert granted.state == "prolonged"


@pytest.mark.legal("P.SP.01.PRC.002", "R174 p.11(1)")
async def test_a_refused_amendment_is_a_decision_with_its_notice(eaeu: Any) -> None:
    """PRC.002 (R148 p.15: "decision to amend ... or notice of refusal to the applicant"):
    the refusal is the Commission's decision with its reasons, notified to the applicant
    with the reasons, like the refusal to prolong; the request stays on the case."""
    _, ids = await eaeu.include()
    request = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant,
                              {"changes": {"name": "Красный Октябрь Classic"}},
                              object_id=ids[0])
    reasons = "Изменение обозначения не допускается"
    _, sent = await refused_by_decision(eaeu, request.id, "P.SP.01.PRC.002.REFUSE", reasons)
    assert sent.payload["objectId"] == ids[0]
    assert (await eaeu.case(request.id)).data.get("changes") == {
        "name": "Красный Октябрь Classic"}


@pytest.mark.legal("P.SP.01.PRC.004", "R174 p.11(1)", "R174 A1 T1 5.7.2")
async def test_a_prolongation_request_beyond_the_cap_is_received_and_decided(
        eaeu: Any, monkeypatch: Any) -> None:
    """With ``IPREG_EAEU_ENFORCE_PROTECTION_CAP`` (digest §10 F4/F10, outside the seeds) a
    request for more than the cap is a request all the same (R174 p.11(1)): received and
    flagged, and the Commission either refuses it by a decision with its notice or grants
    an end within the cap."""
    monkeypatch.setenv("IPREG_EAEU_ENFORCE_PROTECTION_CAP", "1")
    _, ids = await eaeu.include()  # protected 2026-03-02 .. 2028-03-01
    request = await received_not_grantable(eaeu, ids[0], "2031-03-01", "requestBeyondCap",
                                           "at most 2030-03-01")
    assert request.data["protectionCap"] == "2030-03-01"
    reasons = "Срок защиты продлевается не более чем на два года"
    refused, sent = await refused_by_decision(eaeu, request.id, "P.SP.01.PRC.004.REFUSE",
                                              reasons)
    assert refused.data["lateRequest"] is False
    assert sent.payload["requestBeyondCap"] is True
    assert await periods(eaeu, ids[0]) == [(dt.date(2026, 3, 2), dt.date(2028, 3, 1))]

    # Or the Commission grants an end within the cap.
    again = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant,
                            {"requestedEnd": "2031-03-01"}, object_id=ids[0])
    granted = await eaeu.act(again.id, "P.SP.01.PRC.004.GRANT", eaeu.commission,
                             {"end": "2030-03-01"})
    assert granted.state == "prolonged"
    assert await periods(eaeu, ids[0]) == [(dt.date(2026, 3, 2), dt.date(2028, 3, 1)),
                                           (dt.date(2028, 3, 2), dt.date(2030, 3, 1))]


FIRST_PERIOD = [
    # (what, cap on?, requested end in the form, protectionEnd of the decision,
    #  the first period's end or the refused path)
    ("19 years asked, cap off", False, "2045-03-01", None, dt.date(2045, 3, 1)),
    ("19 years asked, cap on: cut to two years", True, "2045-03-01", None,
     dt.date(2028, 3, 1)),
    ("19 years decided, cap on: refused", True, None, "2045-03-01", "protectionEnd"),
    ("two years decided, cap on", True, None, "2028-03-01", dt.date(2028, 3, 1)),
    ("nothing asked: two years", True, None, None, dt.date(2028, 3, 1)),
    ("the right ends first, cap on", True, "2028-03-01", None, dt.date(2027, 6, 30)),
]


@pytest.mark.parametrize(("what", "cap", "requested", "decided", "expected"), FIRST_PERIOD,
                         ids=[r[0] for r in FIRST_PERIOD])
@pytest.mark.legal("P.SP.01.OPR.021", "R174 A1 T1 5.9", "R174 A1 T1 5.9.2", "R174 A1 T1 5.7.2")
async def test_the_protection_cap_applies_to_the_first_period(
        eaeu: Any, monkeypatch: Any, what: str, cap: bool, requested: str | None,
        decided: str | None, expected: dt.date | str) -> None:
    """With ``IPREG_EAEU_ENFORCE_PROTECTION_CAP`` (digest §10 F4/F10, outside the seeds)
    the first protection period (OPR.021) is at most two years and never beyond the
    earliest expiry of the right (T1 5.7.2), like each prolongation."""
    if cap:
        monkeypatch.setenv("IPREG_EAEU_ENFORCE_PROTECTION_CAP", "1")
    form = eaeu.form(0)
    if requested:
        form["requestedProtectionEnd"] = requested
    if what.startswith("the right ends first"):
        form["rightTerms"][2]["expiresOn"] = "2027-06-30"
    case = await eaeu.open(PRC, eaeu.applicant, {"forms": [form]})
    objects = list(case.data["objects"])
    await eaeu.act(case.id, "P.SP.01.OPR.004", eaeu.commission)
    await eaeu.act(case.id, "P.SP.01.OPR.006", eaeu.commission)
    await eaeu.all_verify(case.id, objects)
    await eaeu.act(case.id, "P.SP.01.OPR.018", eaeu.commission)
    await eaeu.act(case.id, "P.SP.01.OPR.019.SECURITY", eaeu.applicant, SECURITY)
    decision = {"protectionEnd": decided} if decided else {}
    if isinstance(expected, str):
        with pytest.raises(BadUserInput) as caught:
            await eaeu.act(case.id, "P.SP.01.OPR.021", eaeu.commission, decision)
        assert problems(caught)[expected] == ("R174 A1 T1 5.9.2", "out_of_range")
        assert "2028-03-01" in str(caught.value)
        assert (await eaeu.case(case.id)).state == "inclusion_decision"
        return
    await eaeu.act(case.id, "P.SP.01.OPR.021", eaeu.commission, decision)
    assert await periods(eaeu, objects[0]) == [(dt.date(2026, 3, 2), expected)]


@pytest.mark.legal("P.SP.01.PRC.004", "R174 A1 T1 5.7.2")
async def test_a_prolongation_granted_with_an_end_beyond_the_cap_is_refused(
        eaeu: Any, clock: Any, monkeypatch: Any) -> None:
    """The cap binds the Commission's decision too: GRANT with ``end`` beyond two years
    after the current period is refused (digest §10 F4/F10)."""
    monkeypatch.setenv("IPREG_EAEU_ENFORCE_PROTECTION_CAP", "1")
    _, ids = await eaeu.include()
    request = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant,
                              {"requestedEnd": "2030-03-01"}, object_id=ids[0])
    with pytest.raises(PreconditionFailed, match="at most 2030-03-01"):
        await eaeu.act(request.id, "P.SP.01.PRC.004.GRANT", eaeu.commission,
                       {"end": "2031-03-01"})
    granted = await eaeu.act(request.id, "P.SP.01.PRC.004.GRANT", eaeu.commission)
    assert granted.state == "prolonged"


# ---------------------------------------------------------------- item 7: silence


SILENCE = [
    # (IPREG_EAEU_ON_CCA_SILENCE, OPR.017 refusal possible?, OPR.018 possible?)
    (None, True, True),  # default: the Commission's official decides
    ("await_decision", True, True),
    ("refuse", True, False),
    ("treat_as_possible", False, True),
]

CASE = """query($id: ID!) { eaeuCase(id: $id) {
  state data availableTransitions steps { transition toState }
} }"""


@pytest.mark.parametrize(("policy", "refusal", "possible"), SILENCE,
                         ids=[str(r[0]) for r in SILENCE])
@pytest.mark.legal("Regs item 25", "P.SP.01.OPR.016", "P.SP.01.OPR.017", "P.SP.01.OPR.018")
async def test_the_silence_policy_decides_and_is_recorded_on_the_case(
        eaeu: Any, clock: Any, monkeypatch: Any, policy: str | None, refusal: bool,
        possible: bool) -> None:
    """Regs item 25 expired with RU silent (digest §2.2.3 [Gap], no default in the seeds):
    by default the case waits for the Commission official's decision; ``refuse`` and
    ``treat_as_possible`` stay configuration. The policy in force when the term
    expired, with its legal reference, is recorded on the case and shown to officials."""
    if policy:
        monkeypatch.setenv("IPREG_EAEU_ON_CCA_SILENCE", policy)
    configured = (await eaeu.data("{ eaeuSilencePolicies { key inForce allows legalBasis } }"
                                  ))["eaeuSilencePolicies"]
    assert [p["key"] for p in configured if p["inForce"]] == [policy or "await_decision"]
    assert {p["key"]: p["allows"] for p in configured} == {
        "await_decision": ["P.SP.01.OPR.017", "P.SP.01.OPR.018"],
        "refuse": ["P.SP.01.OPR.017"], "treat_as_possible": ["P.SP.01.OPR.018"]}
    assert all("Regs item 25" in p["legalBasis"] for p in configured)
    case = await eaeu.open(PRC, eaeu.applicant, {"forms": [eaeu.form()]})
    objects = list(case.data["objects"])
    await eaeu.act(case.id, "P.SP.01.OPR.004", eaeu.commission)
    await eaeu.act(case.id, "P.SP.01.OPR.006", eaeu.commission)
    await eaeu.all_verify(case.id, objects, states=("AM", "BY", "KZ", "KG"))
    clock.advance(days=31)
    await eaeu.rt.procedures.tick()
    monkeypatch.setenv("IPREG_EAEU_ON_CCA_SILENCE", "refuse")  # changed after the expiry
    view = (await eaeu.data(CASE, {"id": to_base64("EaeuCase", case.id)},
                            eaeu.commission))["eaeuCase"]
    recorded = view["data"]["silencePolicy"]
    assert view["state"] == "review_term_expired" and view["steps"][-1]["transition"] == (
        "P.SP.01.OPR.016")
    assert recorded["policy"] == (policy or "await_decision")
    assert recorded["silentStates"] == ["RU"]
    assert "Regs item 25" in recorded["legalBasis"] and "PROVISIONAL" in recorded["source"]
    assert {"P.SP.01.OPR.017", "P.SP.01.OPR.018"} & set(view["availableTransitions"]) == {
        "P.SP.01.OPR.017", "P.SP.01.OPR.018"}  # offered; the guards decide

    for code, allowed in (("P.SP.01.OPR.018", possible), ("P.SP.01.OPR.017", refusal)):
        if not allowed:
            with pytest.raises(PreconditionFailed, match=f"policy '{recorded['policy']}'"):
                await eaeu.act(case.id, code, eaeu.commission)
    code = "P.SP.01.OPR.018" if possible else "P.SP.01.OPR.017"
    decided = await eaeu.act(case.id, code, eaeu.commission)
    assert decided.data["silencePolicy"]["decision"] == code
    assert decided.data["silencePolicy"]["policy"] == recorded["policy"]
    kind, outcome, grounds = (await decisions(eaeu, case.id))[-1]
    assert kind == "P.SP.01.OPR.016" and outcome == ("possible" if possible else "refused")
    assert grounds is not None and f"silence policy '{recorded['policy']}'" in grounds
    assert "RU" in grounds
