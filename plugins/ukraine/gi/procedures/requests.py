"""The applicant's own actions during the examination (GI rules V.2.4; Section VI; digest §5)
and the cross-cutting acts
on an application: payments (III.1.10), receipts of notices (IV.8-IV.9), extensions
(VI.2.1-2.4, transition 11), restorations (VI.2.5-2.9, transitions 40-41), corrections and
amendments (VI.3), copies of cited materials (VI.4), participation (VI.1), recusal (V.1),
sanctions findings (V.2.6, A-24) and revocation of a power of attorney (III.1.8).

A malformed extension or restoration request is ``BAD_USER_INPUT`` and changes nothing; a
well-formed one the Rules refuse (VI.2.4, VI.2.9) is registered in the file, refused with a
notice and recorded (``ua_gi_limit_request.outcome = refused``, the audit trail), and the
limit stays as it was. The good reasons of a restoration are the examiner's to recognise
(VI.2.8: ``UA.GI.T40.GRANT`` / ``UA.GI.T40.REFUSE``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from ipreg.core.audit import record_audit
from ipreg.core.errors import BadUserInput
from ipreg.core.procedures import InputField, TransitionContext, months, notice, to_applicant
from ipreg.plugins.ukraine.gi import register
from ipreg.plugins.ukraine.gi.correspondence import RECEIPT_BASES
from ipreg.plugins.ukraine.gi.fees import amount_conforms, correction_request_date, request_date
from ipreg.plugins.ukraine.gi.models import UaGiFee, UaGiLimitRequest
from ipreg.plugins.ukraine.gi.procedures.common import (
    APPLICANT,
    CLERK,
    EXAMINER,
    HEAD,
    SYSTEM,
    app_of,
    date_input,
    examiner_act,
    filed_on,
    in_time,
    incoming,
    input_date,
    json_input,
    later_document,
    oppositions,
    outgoing,
    read_receipt,
    recount_running,
    refuse,
    text_input,
    transition,
)
from ipreg.plugins.ukraine.gi.procedures.examination import BEFORE_REGISTRATION, EXAMINING, assign
from ipreg.plugins.ukraine.gi.representation import acting as single_act
from ipreg.plugins.ukraine.gi.terms import EXTENDABLE, RESTORABLE, TERMS

#: Where a restored application goes: the state the missed act leads to (VI.2.5: the act
#: is performed with the request, GI rules VI.2.6).
RESTORE_TO = {"fee_cure": "formal_examination", "formal_deficiencies": "formal_examination",
              "preliminary_reply": "substantive_examination", "state_duty": "registered"}
OPEN_STATES = (*BEFORE_REGISTRATION, "submitted")
AMENDMENT_TYPES = ("correction", "change_name_address", "change_correspondence",
                   "change_representative", "spec_minor", "spec_significant",
                   "spec_temporary_sps")


def _amount(ctx: TransitionContext, key: str = "feeAmount") -> Decimal | None:
    raw = ctx.input.get(key)
    if raw is None:
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation as exc:
        raise BadUserInput(f"{key}: {raw!r} is not an amount", argument=key) from exc


async def _fee(ctx: TransitionContext, kind: str, paid_on: dt.date | None,
               amount: Decimal | None) -> UaGiFee | None:
    if paid_on is None:
        return None
    fee = UaGiFee(case_id=ctx.case.id, kind=kind, amount=str(amount) if amount else None,
                  status="paid" if amount_conforms(kind, amount if amount is not None
                                                   else Decimal(0)) else "nonconforming",
                  paid_on=paid_on, credited_on=paid_on, reference=ctx.input.get("reference"),
                  note="", at=ctx.now)
    ctx.session.add(fee)
    await ctx.session.flush()
    return fee


# ---------------------------------------------------------------- payments (III.1.10)


async def pay(ctx: TransitionContext) -> None:
    """A payment with its dates (III.1.10 ¶6-7, A-26: paid and credited kept apart)."""
    kind = ctx.input["kind"]
    if kind not in ("filing", "state_duty", "publication", "correction"):
        raise BadUserInput(f"kind: {kind!r} is not a fee paid on its own (GI rules III.1.10)",
                           argument="kind")
    paid = input_date(ctx, "paidOn")
    amount = _amount(ctx, "amount")
    fee = UaGiFee(case_id=ctx.case.id, kind=kind, amount=str(amount) if amount else None,
                  status="paid" if amount_conforms(kind, amount) else "nonconforming",
                  paid_on=paid, credited_on=input_date(ctx, "creditedOn") or paid,
                  reference=ctx.input.get("reference"), note="", at=ctx.now)
    ctx.session.add(fee)
    await incoming(ctx, "payment", f"Оплата збору ({kind})")


# ---------------------------------------------------------------- receipts (IV.8-IV.9)


async def record_receipt(ctx: TransitionContext) -> None:
    """IV.8 ¶2, IV.9 (A-27, A-29): the receipt of a notice; the limits it started count
    again from that day (IV.11 ¶1-2)."""
    seq = str(ctx.input["item"])
    pending = dict(ctx.data.get("awaitingReceipt") or {})
    basis, received = read_receipt(ctx, pending)
    await recount_running(ctx, pending[seq]["limits"], received, f"GI rules IV.8-IV.9: "
                          f"received {received.isoformat()} ({basis})")
    pending.pop(seq)
    ctx.put(awaitingReceipt=pending)
    await register.file_item(ctx.session, ctx.case.id, direction="out", kind="receipt",
                             dated_on=ctx.today, channel=basis, transition=ctx.transition.code,
                             refers_to=int(seq), received_on=received, receipt_basis=basis,
                             summary=f"Одержано {received.isoformat()}", now=ctx.now)


# ---------------------------------------------------------------- extension (VI.2.1-2.4)


async def _granted_before(ctx: TransitionContext, kind: str, code: str) -> bool:
    return bool(await ctx.session.scalar(select(UaGiLimitRequest.id).where(
        UaGiLimitRequest.case_id == ctx.case.id, UaGiLimitRequest.kind == kind,
        UaGiLimitRequest.limit_code == code, UaGiLimitRequest.outcome == "granted")))


#: What a request's outcome is called in the file and the notices (VI.2.3-2.4, VI.2.8-2.9).
REQUEST_TEXT = {"extension": ("Клопотання про продовження строку", "Відмова у продовженні "
                              "строку"),
                "restoration": ("Клопотання про відновлення прав", "Відмова у відновленні "
                                "прав")}


def _outcome_is(outcome: str, kind: str) -> Any:
    """Addressees of a transition's notice sent only when the limit request it decided has
    ``outcome`` (the granted and the refused requests have different notices)."""
    def addressees(ctx: TransitionContext) -> list[tuple[int | None, str]]:
        last = ctx.data.get("lastLimitRequest") or {}
        return to_applicant(ctx) if (last.get("kind"), last.get("outcome")) == (
            kind, outcome) else []
    return addressees


def _remember(ctx: TransitionContext, row: UaGiLimitRequest, **items: Any) -> None:
    """The request's file items (the request registered, the notice sent) and outcome, in
    the case's data: ``limitRequests`` of the GraphQL case shows them."""
    known = dict(ctx.data.get("limitRequestItems") or {})
    known[str(row.id)] = {**known.get(str(row.id), {}), **items}
    ctx.put(limitRequestItems=known,
            lastLimitRequest={"id": row.id, "kind": row.kind, "limit": row.limit_code,
                              "outcome": row.outcome, **{k: v for k, v in items.items()
                                                         if k in ("refusal", "rule")}})


async def record_refusal(ctx: TransitionContext, row: UaGiLimitRequest, message: str,
                         rule: str, request_item: int | None = None) -> None:
    """A well-formed extension or restoration request the Rules refuse (GI rules VI.2.4,
    VI.2.9): the request stays registered in the file, the limit is not changed, the
    refusal is recorded (``outcome = refused``, the audit trail) and its notice sent (a file
    item and a notification). Bad input is not this: it is refused ``BAD_USER_INPUT`` and
    changes nothing."""
    row.outcome = "refused"
    row.basis = f"{rule}: refused"[:200]
    await ctx.session.flush()
    if request_item is None:
        request_item = (await incoming(ctx, f"{row.kind}_request",
                                       f"{REQUEST_TEXT[row.kind][0]} ({row.limit_code})")).seq
    notice = await outgoing(ctx, f"{row.kind}_refused",
                            f"{REQUEST_TEXT[row.kind][1]} ({row.limit_code}): {message}")
    _remember(ctx, row, request=request_item, notice=notice.seq, refusal=message, rule=rule)
    record_audit(ctx.session, principal=ctx.principal, action=f"ua_gi_{row.kind}_refused",
                 entity="case", entity_id=ctx.case.id,
                 after={"limit": row.limit_code, "request": row.id, "rule": rule,
                        "refusal": message, "noticeItem": notice.seq},
                 jurisdiction=ctx.case.jurisdiction, request_id=ctx.request_id)


async def extend(ctx: TransitionContext) -> None:
    """Transition 11 (VI.2.1-2.4, VQ-01): once per limit, before it expires, with the fee,
    by whole months up to six (A-21); the due date moves by the months from the original
    due date (digest §3.7, Inference).

    A malformed request (a limit the Rules do not make extendable or that the application
    has never had, months outside 1-6) is ``BAD_USER_INPUT`` and changes nothing. A
    well-formed request that does not meet the conditions (GI rules VI.2.4: late, the fee
    missing or non-compliant, the limit once extended already, VI.2.3) is refused and the
    refusal recorded with its notice (:func:`record_refusal`); the limit is unchanged."""
    code = ctx.input["limit"]
    rule = "VQ-01 (GI rules VI.2.1-2.4)"
    if code not in EXTENDABLE:
        raise BadUserInput(f"limit: {code!r} cannot be extended; one of "
                           f"{', '.join(sorted(EXTENDABLE))} ({rule})", argument="limit",
                           rule=rule)
    count = int(ctx.input.get("months") or TERMS["extension_max"].duration.amount)
    if not 1 <= count <= TERMS["extension_max"].duration.amount:
        raise BadUserInput(f"months: whole months 1-{TERMS['extension_max'].duration.amount} "
                           f"(A-21, {rule})", argument="months", rule=rule)
    deadlines = await ctx.deadlines(code)
    if not deadlines:
        raise BadUserInput(f"limit: the application has no limit {code!r} ({rule})",
                           argument="limit", rule=rule)
    paid_on = input_date(ctx, "feePaidOn")
    dated = request_date(filed_on(ctx), paid_on)
    fee = await _fee(ctx, "extension", paid_on, _amount(ctx))
    row = UaGiLimitRequest(case_id=ctx.case.id, kind="extension", limit_code=code,
                           request_date=dated or filed_on(ctx), months=count,
                           fee_id=fee.id if fee else None, outcome="filed", basis="",
                           at=ctx.now)
    ctx.session.add(row)
    running = [d for d in deadlines if d.status in ("running", "suspended")]
    refusal: tuple[str, str] | None = None
    if not running:
        last = deadlines[-1]
        refusal = ((f"the limit {code!r} ended on {last.due_on.isoformat()} ({last.status}): "
                    "an extension is requested before it expires"
                    if last.status == "expired" else f"the limit {code!r} is no longer "
                    f"running ({last.status})"), "GI rules VI.2.1, VI.2.4")
    elif await _granted_before(ctx, "extension", code):
        refusal = (f"the limit {code!r} was extended once already", "GI rules VI.2.3-2.4")
    elif dated is None:
        refusal = ("the extension fee is not paid", "GI rules VI.2.2, VI.2.4")
    elif dated > running[-1].due_on:
        refusal = (f"the request is dated {dated.isoformat()}, after the limit's last day "
                   f"{running[-1].due_on.isoformat()}", "GI rules VI.2.1-2.2, VI.2.4")
    elif fee is not None and fee.status != "paid":
        refusal = ("the extension fee does not comply with the Fee Procedure",
                   "GI rules VI.2.4")
    if refusal is not None:
        await record_refusal(ctx, row, *refusal)
        return
    assert dated is not None
    basis = f"GI rules VI.2.1-2.3: request dated {dated.isoformat()}"
    await ctx.extend_limit(code, months(count), basis)
    row.outcome, row.basis = "granted", basis
    await ctx.session.flush()
    request = await incoming(ctx, "extension_request",
                             f"Клопотання про продовження строку ({code})")
    notice = await outgoing(ctx, "extension_granted",
                            f"Строк продовжено на {count} міс. (VI.2.3)")
    _remember(ctx, row, request=request.seq, notice=notice.seq)


# ---------------------------------------------------------------- restoration (VI.2.5-2.9)


async def _restoration_window(ctx: TransitionContext) -> Any:
    rows = await ctx.deadlines("restoration_window")
    return rows[-1] if rows else None


async def request_restoration(ctx: TransitionContext) -> None:
    """Transition 40, the request (VI.2.5-2.7, VQ-02): within 6 months after the missed
    limit expired (the request's date, VI.2.7 ¶2), with the missed act, the good reasons
    and the fee. Without the reasons or the act it is malformed (``BAD_USER_INPUT``,
    VI.2.6). A request the Rules refuse outright (GI rules VI.2.9: a limit not restorable,
    A-08 the filing fee; a limit once extended; late; the fee missing or non-compliant) is
    refused and recorded with its notice; otherwise it awaits the examiner, who recognises
    the reasons as good (``UA.GI.T40.GRANT``, VI.2.8) or not (``UA.GI.T40.REFUSE``)."""
    if not (ctx.input.get("reasons") or "").strip() or not (ctx.input.get("act") or "").strip():
        raise BadUserInput("reasons, act: the good reasons and the missed act (GI rules "
                           "VI.2.6)", argument="reasons", rule="GI rules VI.2.6")
    if ctx.data.get("restorationRequest"):
        raise refuse("a restoration request awaits the examiner's decision (GI rules VI.2.8)",
                     rule="GI rules VI.2.8")
    lapsed = ctx.data.get("deemedWithdrawn") or {}
    code = str(lapsed.get("limit") or "")
    paid_on = input_date(ctx, "feePaidOn")
    dated = request_date(filed_on(ctx), paid_on)
    fee = await _fee(ctx, "restoration", paid_on, _amount(ctx))
    row = UaGiLimitRequest(case_id=ctx.case.id, kind="restoration", limit_code=code or "—",
                           request_date=dated or filed_on(ctx), reasons=ctx.input["reasons"],
                           fee_id=fee.id if fee else None, outcome="filed", basis="",
                           at=ctx.now)
    ctx.session.add(row)
    window = await _restoration_window(ctx)
    refusal: tuple[str, str] | None = None
    if code not in RESTORABLE:
        refusal = (f"the limit {code!r} cannot be restored (A-08)", "GI rules VI.2.5, VI.2.9")
    elif window is not None and (dated or filed_on(ctx)) > window.due_on:
        refusal = (f"the request is dated {(dated or filed_on(ctx)).isoformat()}, after the "
                   f"six months ending {window.due_on.isoformat()}", "GI rules VI.2.5, VI.2.9")
    elif await _granted_before(ctx, "extension", code):
        refusal = (f"the limit {code!r} was extended: no restoration", "GI rules VI.2.9")
    elif dated is None:
        refusal = ("the restoration fee is not paid", "GI rules VI.2.7, VI.2.9")
    elif fee is not None and fee.status != "paid":
        refusal = ("the restoration fee does not comply with the Fee Procedure",
                   "GI rules VI.2.8-2.9")
    elif ctx.case.state == "deemed_withdrawn_final":
        refusal = ("the withdrawal became final after the six months (A-30)",
                   "GI rules VI.2.5, VI.2.9")
    if refusal is not None:
        await record_refusal(ctx, row, *refusal)
        return
    assert dated is not None
    row.basis = f"GI rules VI.2.5-2.7: request dated {dated.isoformat()}"
    await ctx.session.flush()
    request = await incoming(ctx, "restoration_request",
                             f"Клопотання про відновлення прав ({code})")
    _remember(ctx, row, request=request.seq)
    ctx.put(restorationRequest={"id": row.id, "limit": code, "dated": dated.isoformat(),
                                "reasons": ctx.input["reasons"], "act": ctx.input["act"],
                                "requestItem": request.seq})


async def _pending_restoration(ctx: TransitionContext) -> UaGiLimitRequest:
    pending = ctx.data.get("restorationRequest") or {}
    row = await ctx.session.get(UaGiLimitRequest, int(pending.get("id") or 0))
    if row is None:
        raise refuse("no restoration request awaits a decision (GI rules VI.2.8)")
    return row


async def restoration_pending(ctx: TransitionContext) -> str | None:
    return None if ctx.data.get("restorationRequest") else (
        "no restoration request awaits a decision (GI rules VI.2.8)")


async def no_restoration_pending(ctx: TransitionContext) -> str | None:
    return ("a restoration request filed in time awaits the examiner's decision (GI rules "
            "VI.2.8)") if ctx.data.get("restorationRequest") else None


async def restore(ctx: TransitionContext) -> None:
    """Transition 40, granted (VI.2.8): the examiner recognised the reasons as good; the
    rights are restored and the application goes where the missed act, filed with the
    request (VI.2.6), leads."""
    row = await _pending_restoration(ctx)
    code = row.limit_code
    lapsed = ctx.data.get("deemedWithdrawn") or {}
    basis = f"GI rules VI.2.5-2.8: request dated {row.request_date.isoformat()}"
    await ctx.restore_limit(code, months(0), basis)
    target = RESTORE_TO.get(code) or lapsed.get("fromState") or "formal_examination"
    if code == "additional_materials":
        target = (ctx.data.get("additionalMaterials") or {}).get("state") or lapsed.get(
            "fromState") or "formal_examination"
        ctx.put(additionalMaterials=None)
    ctx.move_to(target)
    row.outcome, row.basis = "granted", basis
    await ctx.session.flush()
    ctx.put(deemedWithdrawn=None, restorationRequest=None,
            restored={"limit": code, "on": ctx.today.isoformat()})
    app = await app_of(ctx)
    await register.set_status(ctx.session, app, "registered" if target == "registered"
                              else "published" if app.object_id else "filed", ctx.today)
    notice = await outgoing(ctx, "restored", f"Права відновлено ({code}, VI.2.8)")
    _remember(ctx, row, notice=notice.seq)
    for opposition in await oppositions(ctx):
        if opposition.state == "on_hold":
            await ctx.perform(opposition.id, "UA.GI.O08.RESUME")


async def refuse_restoration(ctx: TransitionContext) -> None:
    """Transition 40, refused (VI.2.8-2.9): the examiner does not recognise the reasons as
    good; the refusal is recorded with its notice and the application stays deemed
    withdrawn; if the six months have run out meanwhile, the withdrawal is final (A-30) as
    it would have been without the request (transition 41)."""
    row = await _pending_restoration(ctx)
    pending = ctx.data.get("restorationRequest") or {}
    ctx.put(restorationRequest=None)
    await record_refusal(ctx, row, f"the reasons are not recognised as good: "
                         f"{ctx.input['reasons']}", "GI rules VI.2.8-2.9",
                         request_item=pending.get("requestItem"))
    window = await _restoration_window(ctx)
    if window is not None and window.status == "expired":
        ctx.move_to("deemed_withdrawn_final")
        await final_lapse(ctx)


async def final_lapse(ctx: TransitionContext) -> None:
    """Transition 41 (VI.2.5, A-30): six months without restoration: final; held
    oppositions are not accepted and their fees refunded (A-35)."""
    for opposition in await oppositions(ctx):
        if opposition.state in ("on_hold", "filed"):
            await ctx.perform(opposition.id, "UA.GI.O09")


# ---------------------------------------------------------------- amendments (VI.3)


async def file_amendment(ctx: TransitionContext) -> None:
    """VI.3.1-3.9 (VQ-03, VQ-04): a correction or amendment request (GI rules VI.3.4), free of fee
    for an obvious or technical error (GI rules VI.3.7) or a change the applicant could not prevent
    (GI rules VI.3.8)."""
    kind = ctx.input["type"]
    if kind not in AMENDMENT_TYPES:
        raise BadUserInput(f"type: one of {', '.join(AMENDMENT_TYPES)} (GI rules VI.3.1)",
                           argument="type")
    if ctx.data.get("aggressorLinked"):
        raise refuse("no amendment of an application of an aggressor-linked applicant "
                     "(VQ-03, GI rules V.2.7 ¶3)", rule="VQ-03 (GI rules V.2.7 ¶3)")
    spec_change = kind.startswith("spec_")
    if spec_change and ctx.case.state in ("decided_registration", "decided_refusal",
                                          "appeal_suspended"):
        raise refuse("changes to the specification only until the registration decision "
                     "(VQ-03, GI rules VI.3.5 ¶2; A-20)", rule="VQ-03 (GI rules VI.3.5 ¶2)")
    if not (ctx.input.get("supportingDocument") or "").strip():
        raise BadUserInput("supportingDocument: the document proving the change is lawful "
                           "(VQ-03, GI rules VI.3.9 ¶4)", argument="supportingDocument")
    changes = ctx.input.get("changes") or {}
    if kind == "spec_minor":
        touched = [k for k in ("essentialCharacteristics", "link", "name", "boundaries",
                               "tradeRestrictions") if changes.get(k)]
        if touched:
            raise BadUserInput("changes: a minor change does not touch "
                               + ", ".join(touched) + " (VQ-04, GI rules VI.3.2)",
                               argument="changes")
    if kind == "spec_significant" and not changes.get("agreement"):
        raise BadUserInput("changes.agreement: a significant change is agreed by the "
                           "competent authority (GI rules VI.3.3; A-19)", argument="changes")
    app = await app_of(ctx)
    new_codes = changes.get("uktzedCodes")
    old_codes = (app.specification or {}).get("uktzedCodes") or []
    if new_codes and old_codes and {c[:4] for c in new_codes} != {c[:4] for c in old_codes}:
        raise BadUserInput("changes.uktzedCodes: the product name changes only within one "
                           "UKTZED heading (VQ-03, GI rules VI.3.1 ¶10)", argument="changes")
    exempt = bool(ctx.input.get("obviousError")) or bool(ctx.input.get("notDependent"))
    dated = correction_request_date(ctx.today, input_date(ctx, "feePaidOn"), exempt)
    if dated is None:
        raise refuse("the correction fee is not paid and the error is neither obvious nor "
                     "technical (VQ-03, GI rules VI.3.6)", rule="VQ-03 (GI rules VI.3.6)")
    if not exempt:
        await _fee(ctx, "correction", input_date(ctx, "feePaidOn"), _amount(ctx))
    requests = list(ctx.data.get("amendments") or [])
    requests.append({"type": kind, "changes": changes, "dated": dated.isoformat(),
                     "status": "filed"})
    ctx.put(amendments=requests)
    await incoming(ctx, "amendment_request", f"Заява про внесення змін ({kind})")


async def _last_filed(ctx: TransitionContext) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    requests = list(ctx.data.get("amendments") or [])
    for item in reversed(requests):
        if item.get("status") == "filed":
            return requests, item
    raise refuse("no correction or amendment request awaits a decision (GI rules VI.3.11)")


async def pending_amendment(ctx: TransitionContext) -> str | None:
    return None if any(i.get("status") == "filed" for i in ctx.data.get("amendments") or []
                       ) else "no correction or amendment request awaits a decision"


async def grant_amendment(ctx: TransitionContext) -> None:
    """VI.3.11 ¶1: made within 1 month, the applicant notified; an amended agreed
    specification is published within 1 month (VI.3.3 ¶4)."""
    requests, item = await _last_filed(ctx)
    item["status"] = "granted"
    app = await app_of(ctx)
    changes = item.get("changes") or {}
    if item["type"] == "change_correspondence" and changes.get("correspondence"):
        app.form = {**app.form, "correspondence": changes["correspondence"]}
    if item["type"].startswith("spec_") and app.specification:
        app.specification = {**app.specification, **{
            k: v for k, v in changes.items() if k in app.specification}}
    ctx.put(amendments=requests)
    await outgoing(ctx, "amendment_made", f"Зміни внесено ({item['type']})")
    if item["type"].startswith("spec_"):
        ctx.put(amendedSpecificationPending=True)


async def refuse_amendment(ctx: TransitionContext) -> None:
    requests, item = await _last_filed(ctx)
    item["status"] = "refused"
    item["reasons"] = ctx.input["reasons"]
    ctx.put(amendments=requests)
    await outgoing(ctx, "amendment_refused", "Зміни не внесено (VI.3.12)")


async def amendment_deficient(ctx: TransitionContext) -> None:
    """VI.3.12: a notice of the request's deficiencies; cured within 2 months of receipt,
    else the request is not granted."""
    requests, item = await _last_filed(ctx)
    item["deficiencies"] = ctx.input["deficiencies"]
    ctx.put(amendments=requests)
    await outgoing(ctx, "amendment_deficiencies", "Недоліки заяви про внесення змін "
                   "(VI.3.12)", limits=("correction_cure",))


async def amendment_cured(ctx: TransitionContext) -> None:
    await in_time(ctx, "correction_cure")
    requests, item = await _last_filed(ctx)
    item["cured"] = ctx.input["reply"]
    ctx.put(amendments=requests)
    await incoming(ctx, "amendment_cure", "Усунення недоліків заяви (VI.3.12)")


async def amendment_lapsed(ctx: TransitionContext) -> None:
    """VI.3.12: not cured in time: not granted, notice."""
    requests, item = await _last_filed(ctx)
    item["status"] = "refused"
    item["reasons"] = "VI.3.12: deficiencies not cured in time"
    ctx.put(amendments=requests)
    await outgoing(ctx, "amendment_refused", "Зміни не внесено: недоліки не усунено (VI.3.12)")


async def publish_amended(ctx: TransitionContext) -> str | None:
    return None if ctx.data.get("amendedSpecificationPending") else (
        "no amended specification awaits publication (GI rules VI.3.3 ¶4)")


async def amended_published(ctx: TransitionContext) -> None:
    ctx.put(amendedSpecificationPending=None,
            amendedSpecificationPublishedOn=ctx.today.isoformat())


# ---------------------------------------------------------------- copies (VI.4), participation


async def copies_requested(ctx: TransitionContext) -> None:
    """VI.4.1; GI rules VI.4.2: the request does not stop the state duty limit."""
    await incoming(ctx, "copies_request", "Клопотання про копії протиставлених матеріалів")


async def copies_sent(ctx: TransitionContext) -> None:
    """VI.4.3; VII.1: receipt of the copies is an alternative start of the appeal period."""
    limits = [c for c in ("appeal_applicant",) if c in ctx.transition.starts]
    await outgoing(ctx, "copies", "Копії протиставлених матеріалів", limits=limits)


async def participation_requested(ctx: TransitionContext) -> None:
    """GI rules IV.1, VI.1.2, VI.1.6 (VQ-07): oral participation on the applicant's
    request, the issues and the video-conference preference; a representative holds a PoA
    issued by the applicant."""
    app = await app_of(ctx)
    if "representative" in ctx.principal.roles("ua_gi") and not (
            app.form.get("representative") or {}).get("powerOfAttorney") and not single_act(
                ctx.principal, ctx.data):       # a single-act PoA for the participation
        raise refuse("a representative takes part with a PoA issued by the applicant (VQ-07, "
                     "GI rules VI.1.6)", rule="VQ-07 (GI rules VI.1.6)")
    ctx.put(participation={"issues": ctx.input["issues"],
                           "video": bool(ctx.input.get("videoConference"))})
    await incoming(ctx, "participation_request", "Клопотання про участь")


async def participation_scheduled(ctx: TransitionContext) -> None:
    ctx.put(participation={**(ctx.data.get("participation") or {}),
                           "scheduledFor": ctx.input["at"]})
    await outgoing(ctx, "participation_scheduled", f"Призначено: {ctx.input['at']}")


async def participation_held(ctx: TransitionContext) -> None:
    """VI.1.4-1.5: held as scheduled, or the duly notified applicant did not appear without
    good reason and UKRNOIVI decided the issues itself; one who came without prior agreement
    may be refused (VI.1.4)."""
    outcome = ctx.input["outcome"]
    if outcome not in ("held", "no_show", "refused_unscheduled"):
        raise BadUserInput("outcome: held, no_show or refused_unscheduled (GI rules "
                           "VI.1.4-1.5)", argument="outcome")
    participation = dict(ctx.data.get("participation") or {})
    if outcome != "refused_unscheduled" and not participation.get("scheduledFor"):
        raise refuse("no participation was scheduled (GI rules VI.1.3)")
    ctx.put(participation={**participation, "outcome": outcome})


async def participation_pending(ctx: TransitionContext) -> str | None:
    p = ctx.data.get("participation") or {}
    return None if p and not p.get("scheduledFor") else "no participation request awaits"


# ---------------------------------------------------------------- recusal (V.1.3-1.9)


RECUSAL_GROUNDS = ("interest", "family", "relative", "re_examination")


async def recusal_requested(ctx: TransitionContext) -> None:
    """V.1.5-1.6 (VQ-08): written and reasoned, on a ground of V.1.3 (never disagreement
    with a notice, ¶5), before the applicant's next procedural act after learning of it
    (A-13)."""
    ground = ctx.input["ground"]
    if ground not in RECUSAL_GROUNDS:
        raise BadUserInput(f"ground: one of {', '.join(RECUSAL_GROUNDS)}; disagreement with a "
                           "notice or conclusion is not a ground (VQ-08, GI rules V.1.3 ¶5)",
                           argument="ground")
    learned = input_date(ctx, "learnedOn") or ctx.today
    for step in await ctx.steps():
        if step.actor_party_id is not None and step.actor_party_id == ctx.principal.party_id \
                and step.at.date() > learned and step.transition != "UA.GI.PAY":
            raise refuse("the applicant acted after learning of the ground (VQ-08, GI rules "
                         "V.1.6 ¶3; A-13)", rule="VQ-08 (GI rules V.1.6)")
    ctx.put(recusal={"by": "applicant", "ground": ground, "reasons": ctx.input["reasons"]})


async def self_recusal(ctx: TransitionContext) -> None:
    ctx.put(recusal={"by": "examiner", "ground": ctx.input["ground"],
                     "reasons": ctx.input["reasons"]})


async def recusal_pending(ctx: TransitionContext) -> str | None:
    return None if ctx.data.get("recusal") else "no recusal awaits a decision (V.1.8)"


async def decide_recusal(ctx: TransitionContext) -> None:
    """V.1.8-1.9: decided without delay; granted: another examiner (V.1.1 by A-12)."""
    recusal = ctx.data.get("recusal") or {}
    app = await app_of(ctx)
    if ctx.input.get("granted"):
        former = app.examiner
        chosen = await assign(ctx, exclude=(app.examiner,) if app.examiner else ())
        await outgoing(ctx, "recusal_granted", "Відвід задоволено; призначено іншого експерта")
        restart_stage(ctx, former, chosen)
        # GI rules V.1.6 ¶2: the new examiner's own 10 days for a self-recusal run from its
        # receipt of the application (the restart is more than a record: see restart_stage)
        await ctx.start_limit("self_recusal", TERMS["self_recusal"].duration,
                              f"GI rules V.1.6 ¶2, V.1.8: the new examiner {chosen}")
    else:
        await outgoing(ctx, "recusal_unfounded", "Відвід необґрунтований (GI rules V.1.9)")
    ctx.put(recusal=None, recusalDecisions=[*(ctx.data.get("recusalDecisions") or []),
                                            {**recusal, "granted": bool(
                                                ctx.input.get("granted"))}])


#: The stages of the examination (GI rules V.1.2) by the state the application is in.
STAGES = {"received": "filing_date", "awaiting_filing_fee": "filing_date",
          "fee_deficiency": "filing_date", "formal_examination": "formal",
          "formal_deficiencies": "formal", "spec_invited": "formal",
          "suspended_spec_agreement": "formal", "published": "formal",
          "substantive_examination": "substantive", "preliminary_refusal": "substantive"}


def restart_stage(ctx: TransitionContext, former: str | None, chosen: str) -> None:
    """GI rules V.1.2: when the examiner is replaced, the current stage restarts from its
    beginning with the new examiner, except after the reasoned preliminary conclusion (V.8.2)
    was sent: then the new examiner goes on from where the stage stands. The restart (or why
    there was none) is recorded in the case's ``stageRestarts``.

    What the restart does (digest §4.2): the new examiner takes the stage over from its
    first step (``stageStartedOn``), the examination acts of the application and of its
    oppositions become its alone (:func:`~.common.same_examiner`), and its own 10 days for a
    self-recusal (V.1.6 ¶2) start. It does not undo what the office already sent: the
    notices and the applicant's limits they started stay as they are, since the Rules void
    no act of the former examiner and the applicant would otherwise lose time it is owed;
    the new examiner may issue its own notices of the stage."""
    concluded = ctx.data.get("preliminaryGrounds") is not None
    entry = {"stage": STAGES.get(ctx.case.state, ctx.case.state), "state": ctx.case.state,
             "on": ctx.today.isoformat(), "formerExaminer": former, "examiner": chosen,
             "restarted": not concluded,
             "rule": "GI rules V.1.2" + (" (after the preliminary conclusion, V.8.2: no "
                                         "restart)" if concluded else "")}
    ctx.put(stageRestarts=[*(ctx.data.get("stageRestarts") or []), entry],
            stageStartedOn=(ctx.data.get("stageStartedOn") if concluded
                            else ctx.today.isoformat()))


# ---------------------------------------------------------------- later documents (IV.10)


async def register_document(ctx: TransitionContext) -> None:
    """III.2.7, IV.10 ¶1-2 (VR-47): a document received later is registered in the file when
    it carries the application number or, before the number is known, the applicant's
    reference, the claimed GI and the date the application was received."""
    app = await app_of(ctx)
    rule = "VR-47 (GI rules IV.10 ¶1-2)"
    number = (ctx.input.get("applicationNumber") or "").strip()
    if number:
        if number != app.number:
            raise BadUserInput(f"applicationNumber: {number!r} is not this application's "
                               f"number ({rule})", argument="applicationNumber")
    else:
        reference = (ctx.input.get("applicantReference") or "").strip()
        name = (ctx.input.get("claimedName") or "").strip()
        received = input_date(ctx, "applicationReceivedOn")
        if not (reference and reference == app.applicant_reference and name
                and name.casefold() == app.claimed_name.casefold() and received):
            raise BadUserInput("applicationNumber: without it, the applicant's reference, the "
                               "claimed GI and the date of receipt identify the application "
                               f"({rule})", argument="applicationNumber")
    await incoming(ctx, ctx.input["kind"], ctx.input.get("summary") or "")


# ---------------------------------------------------------------- sanctions, PoA


async def sanctions_finding(ctx: TransitionContext) -> None:
    """V.2.6 (A-24): the type of sanctions recorded; the examiner decides how to go on."""
    ctx.put(sanctions={"type": ctx.input["type"], "basis": ctx.input["basis"],
                       "on": ctx.today.isoformat()})
    await outgoing(ctx, "sanctions", "Повідомлення про застосування санкцій (V.2.6)")


async def revoke_poa(ctx: TransitionContext) -> None:
    """III.1.8 ¶2-4: effective when UKRNOIVI receives it; a new representative's notice
    without the applicant's request does not end the earlier powers."""
    if "representative" in ctx.principal.roles("ua_gi") and not ctx.input.get(
            "applicantRequest"):
        raise refuse("a new representative's notice needs the applicant's certified request "
                     "(GI rules III.1.8 ¶4)")
    app = await app_of(ctx)
    app.form = {**app.form, "representative": None}
    ctx.put(poaRevokedOn=ctx.today.isoformat())
    await incoming(ctx, "poa_revocation", "Повідомлення про скасування довіреності")


def _t(code: str, en: str, uk: str, source: Any, target: str | None, roles: Any, basis: str,
       **kw: Any) -> Any:
    return transition(f"UA.GI.{code}", en, uk, source if isinstance(
        source, tuple | list) else (source,), target, roles, basis, **examiner_act(
            roles, later_document(kw) if code in LATER_REQUESTS else kw))


#: The applicant's requests, later documents of GI rules IV.7: extension, restoration,
#: correction or amendment (and its cure), participation, recusal, revocation of a power of
#: attorney. (COPY keeps `true` in the client contract; its signature comes through
#: ``uaGiPerform(signature:)``: ``representatives.finish``.)
LATER_REQUESTS = frozenset({"T11", "T40", "AMD", "AMD.CURE", "PART", "REC", "POA"})


POSTED = date_input("postedOn", "Date of posting (Civil Code art. 255)")
FEE = (date_input("feePaidOn", "When the fee was paid (VI.2.2 ¶2, VI.2.7 ¶2)"),
       InputField("feeAmount", "string", False, "The amount paid (configured amounts, A-04)"))
DECIDED = ("decided_registration", "decided_refusal")

TRANSITIONS = [
    _t("PAY", "Fee payment recorded", "Оплату збору зареєстровано", OPEN_STATES, None,
       APPLICANT | CLERK, "GI rules III.1.10, V.4.1",
       inputs=(text_input("kind", "filing, state_duty, publication or correction"),
               InputField("amount", "string", False, "Amount paid, hryvnias"),
               date_input("paidOn", "Payment date", required=True),
               date_input("creditedOn", "Crediting to UKRNOIVI's account (III.1.10 ¶3)"),
               InputField("reference", "string", False, "Bank statement reference (III.1.10 "
                          "¶6-7)")),
       effects=(pay,)),
    _t("RCPT", "Receipt of a notice recorded", "Зафіксовано одержання повідомлення",
       (*OPEN_STATES, "decided_refusal"), None, CLERK | APPLICANT | SYSTEM,
       "GI rules IV.8-IV.9, IV.11 ¶2",
       inputs=(InputField("item", "int", True, "Sequence number of the notice in the file"),
               text_input("basis", f"One of {', '.join(RECEIPT_BASES)}"),
               date_input("receivedOn", "Date on the acknowledgment of delivery, the post "
                          "office's mark, or the cabinet confirmation")),
       effects=(record_receipt,)),
    _t("T11", "Time limit extension requested: granted, or refused and recorded",
       "Клопотання про продовження строку", OPEN_STATES, None, APPLICANT,
       "GI rules VI.2.1-2.4, III.1.10 ¶2",
       inputs=(text_input("limit", "The limit: " + ", ".join(sorted(EXTENDABLE))),
               InputField("months", "int", False, "Whole months 1-6 (A-21; default 6)"),
               *FEE, POSTED),
       effects=(extend,),
       notices=(notice("extension_granted", "Строк продовжено (VI.2.3)",
                       to=_outcome_is("granted", "extension")),
                notice("extension_refused", "Відмова у продовженні строку (VI.2.4)",
                       to=_outcome_is("refused", "extension")))),
    _t("T40", "Restoration of rights requested (refused and recorded when the Rules "
       "refuse it)", "Клопотання про відновлення прав",
       ("deemed_withdrawn", "deemed_withdrawn_final"), None, APPLICANT,
       "GI rules VI.2.5-2.7, VI.2.9",
       inputs=(text_input("reasons", "The good reasons for missing the limit (VI.2.6)"),
               text_input("act", "The missed act, answer or materials (VI.2.6)"),
               *FEE, POSTED),
       effects=(request_restoration,),
       notices=(notice("restoration_refused", "Відмова у відновленні прав (GI rules VI.2.9)",
                       to=_outcome_is("refused", "restoration")),)),
    _t("T40.GRANT", "Rights restored: the reasons recognised as good", "Права відновлено",
       "deemed_withdrawn", None, EXAMINER, "GI rules VI.2.8",
       guard=restoration_pending, effects=(restore,),
       stops=("restoration_window", *sorted(RESTORABLE)),
       notices=(notice("restored", "Права відновлено (GI rules VI.2.8)"),)),
    _t("T40.REFUSE", "Restoration refused: the reasons not recognised as good",
       "Відмова у відновленні прав", "deemed_withdrawn", None, EXAMINER,
       "GI rules VI.2.8-2.9",
       inputs=(text_input("reasons", "Why the reasons are not good (VI.2.8)"),),
       guard=restoration_pending, effects=(refuse_restoration,),
       notices=(notice("restoration_refused", "Відмова у відновленні прав (GI rules VI.2.9)"),
                )),
    _t("T41", "Six months without restoration: final (A-30)", "Відкликання остаточне",
       "deemed_withdrawn", "deemed_withdrawn_final", SYSTEM, "GI rules VI.2.5, V.7.13",
       inputs=(InputField("expiredLimit", required=False),), guard=no_restoration_pending,
       effects=(final_lapse,)),
    _t("AMD", "Correction or amendment requested", "Заява про виправлення чи зміни",
       (*EXAMINING, *DECIDED, "appeal_suspended"), None, APPLICANT, "GI rules VI.3.1-3.9",
       inputs=(text_input("type", ", ".join(AMENDMENT_TYPES)),
               json_input("changes", "What changes"),
               text_input("supportingDocument", "The document proving the change (VI.3.9 ¶4)"),
               InputField("obviousError", "bool", False, "An obvious or technical error "
                          "(VI.3.6-3.7: no fee)"),
               InputField("notDependent", "bool", False, "Circumstances the applicant could "
                          "not prevent (VI.3.6, VI.3.8: no fee)"), *FEE),
       effects=(file_amendment,), starts=("amendment_processing",)),
    _t("AMD.GRANT", "Correction or amendment made", "Зміни внесено",
       (*EXAMINING, *DECIDED, "appeal_suspended"), None, EXAMINER, "GI rules VI.3.11 ¶1",
       guard=pending_amendment, effects=(grant_amendment,), stops=("amendment_processing",),
       starts=("amended_spec_publication",)),
    _t("AMD.REFUSE", "Correction or amendment refused", "Зміни не внесено",
       (*EXAMINING, *DECIDED, "appeal_suspended"), None, EXAMINER, "GI rules VI.3.12",
       inputs=(text_input("reasons", "Why (VI.3.12)"),), guard=pending_amendment,
       effects=(refuse_amendment,), stops=("amendment_processing",)),
    _t("AMD.DEFICIENT", "Correction or amendment request: deficiencies notified",
       "Недоліки заяви про зміни", (*EXAMINING, *DECIDED, "appeal_suspended"), None,
       EXAMINER, "GI rules VI.3.12",
       inputs=(text_input("deficiencies", "What the request lacks (VI.3.12)"),),
       guard=pending_amendment, effects=(amendment_deficient,), starts=("correction_cure",)),
    _t("AMD.CURE", "Correction or amendment request cured", "Недоліки заяви усунено",
       (*EXAMINING, *DECIDED, "appeal_suspended"), None, APPLICANT, "GI rules VI.3.12",
       inputs=(text_input("reply", "The cure"), POSTED), guard=pending_amendment,
       effects=(amendment_cured,), within=("correction_cure",), stops=("correction_cure",)),
    _t("AMD.LAPSE", "Not cured: not granted", "Недоліки не усунено",
       (*EXAMINING, *DECIDED, "appeal_suspended"), None, SYSTEM, "GI rules VI.3.12",
       inputs=(InputField("expiredLimit", required=False),), guard=pending_amendment,
       effects=(amendment_lapsed,), stops=("amendment_processing",)),
    _t("AMD.PUBLISH", "Amended specification published", "Опубліковано змінену специфікацію",
       (*EXAMINING, *DECIDED, "appeal_suspended", "registered"), None, EXAMINER,
       "GI rules VI.3.3 ¶4", guard=publish_amended, effects=(amended_published,),
       stops=("amended_spec_publication",)),
    _t("COPY", "Copies of cited materials requested", "Клопотання про копії", DECIDED, None,
       APPLICANT, "GI rules VI.4.1; GI rules VI.4.4 (a late request is refused: VQ-05)",
       effects=(copies_requested,),
       within=("copies_request",), stops=("copies_request",), starts=("copies_send",)),
    _t("COPY.SENT", "Copies sent", "Копії надіслано", DECIDED, None, EXAMINER,
       "GI rules VI.4.3, VII.1", effects=(copies_sent,), stops=("copies_send",)),
    _t("PART", "Participation requested", "Клопотання про участь", EXAMINING, None,
       APPLICANT, "GI rules VI.1.1-1.2, VI.1.6",
       inputs=(text_input("issues", "The issues (VI.1.2)"),
               InputField("videoConference", "bool", False, "By video conference")),
       effects=(participation_requested,), starts=("participation_schedule",)),
    _t("PART.SCHEDULE", "Participation scheduled", "Призначено участь", EXAMINING, None,
       EXAMINER, "GI rules VI.1.3",
       inputs=(text_input("at", "Date, time and place or video link (VI.1.3)"),),
       guard=participation_pending, effects=(participation_scheduled,),
       stops=("participation_schedule",)),
    _t("PART.HELD", "Participation held, or not (no-show, unscheduled)", "Участь відбулася "
       "чи ні", EXAMINING, None, EXAMINER, "GI rules VI.1.4-1.5",
       inputs=(text_input("outcome", "held, no_show (GI rules VI.1.5: UKRNOIVI decides alone) or "
                          "refused_unscheduled (VI.1.4)"),),
       effects=(participation_held,)),
    _t("REC", "Recusal requested by the applicant", "Заява про відвід", EXAMINING, None,
       APPLICANT, "GI rules V.1.5-1.6",
       inputs=(text_input("ground", ", ".join(RECUSAL_GROUNDS) + " (V.1.3)"),
               text_input("reasons", "The reasons, in writing (V.1.6)"),
               date_input("learnedOn", "When the applicant learned of the ground (A-13)")),
       effects=(recusal_requested,)),
    _t("REC.SELF", "Examiner's self-recusal", "Самовідвід", EXAMINING, None, EXAMINER,
       "GI rules V.1.5-1.6",
       inputs=(text_input("ground", ", ".join(RECUSAL_GROUNDS)),
               text_input("reasons", "The reasons")),
       effects=(self_recusal,), within=("self_recusal",), stops=("self_recusal",)),
    _t("REC.DECIDE", "Recusal decided", "Рішення щодо відводу", EXAMINING, None, HEAD,
       "GI rules V.1.8-1.9",
       inputs=(InputField("granted", "bool", True, "Granted (another examiner) or "
                          "unfounded"),),
       guard=recusal_pending, effects=(decide_recusal,)),
    _t("DOC", "Later document registered in the file", "Документ зареєстровано у справі",
       (*OPEN_STATES, "decided_refusal"), None, CLERK, "GI rules III.2.7, IV.10",
       inputs=(text_input("kind", "What the document is"),
               InputField("summary", "string", False, "Summary"),
               InputField("applicationNumber", "string", False, "The number it cites"),
               InputField("applicantReference", "string", False, "Form section 1 reference "
                          "(IV.10 ¶2)"),
               InputField("claimedName", "string", False, "The claimed GI (IV.10 ¶2)"),
               date_input("applicationReceivedOn", "When UKRNOIVI received the application, "
                          "as the sender believes (IV.10 ¶2)")),
       effects=(register_document,)),
    _t("SANCT", "Sanctions finding recorded", "Застосування санкцій", EXAMINING, None,
       EXAMINER, "GI rules V.2.6",
       inputs=(text_input("type", "Type of the sanctions (A-24)"),
               text_input("basis", "The NSDC decision and Presidential decree")),
       effects=(sanctions_finding,)),
    _t("POA", "Power of attorney revoked", "Довіреність скасовано", OPEN_STATES, None,
       APPLICANT, "GI rules III.1.8",
       inputs=(InputField("applicantRequest", "bool", False, "The applicant's certified "
                          "request (III.1.8 ¶4)"),),
       effects=(revoke_poa,)),
]

__all__ = ["AMENDMENT_TYPES", "RESTORE_TO", "TRANSITIONS"]
