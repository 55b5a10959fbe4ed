"""Delivery of UKRNOIVI's electronic documents (GI rules IV.7 ¶2, IV.9 ¶3; digest §3.6).

* Paper copies on request (IV.7 ¶2): the applicant of an electronic application receives
  notices, conclusions and decisions *exclusively* in its personal cabinet; on a separate
  request (``UA.GI.PAPER``) UKRNOIVI sends a paper copy of one of them to the application's
  address in Ukraine (``UA.GI.PAPER.SENT``). The copy is a copy: the periods the document
  started keep counting from its receipt in the cabinet.
* A rejected delivery (IV.9 ¶3): the addressee reports that it could not receive an
  e-document (``UA.GI.DLV.REJECTED``, recorded by the clerk: a report by any means, since
  the addressee may have no reliable QES means to file it electronically); UKRNOIVI fixes
  the cause and sends the document again (``UA.GI.DLV.RESEND``), to the cabinet, or, when
  the addressee has no reliable QES/AdES-QC means, on paper to its address in Ukraine. The
  periods the document started then count from the receipt of the document sent again
  (its receipt recorded with ``UA.GI.RCPT``; until then the deemed receipt, IV.9 ¶2).
"""

from __future__ import annotations

from typing import Any

from ipreg.core.errors import BadUserInput
from ipreg.core.procedures import InputField, TransitionContext
from ipreg.plugins.ukraine.gi import register
from ipreg.plugins.ukraine.gi.correspondence import (
    CABINET,
    REGISTERED_MAIL,
    copy_address,
    deemed_cabinet_receipt,
)
from ipreg.plugins.ukraine.gi.models import UaGiFileItem
from ipreg.plugins.ukraine.gi.office_signature import sign as office_sign
from ipreg.plugins.ukraine.gi.procedures.common import (
    APPLICANT,
    CLERK,
    app_of,
    incoming,
    later_document,
    recount_running,
    refuse,
    text_input,
    transition,
)
from ipreg.plugins.ukraine.gi.procedures.requests import OPEN_STATES

PAPER_RULE = "GI rules IV.7 ¶2"
RESEND_RULE = "GI rules IV.9 ¶3"
#: The states in which the application is still before UKRNOIVI (a final state closes the
#: case: its file takes no more documents).
STATES = OPEN_STATES


def _item_input(description: str) -> InputField:
    return InputField("item", "int", True, description)


async def _cabinet_notice(ctx: TransitionContext, rule: str) -> UaGiFileItem:
    """The outgoing document ``item`` sent to the personal cabinet, or a refusal naming the
    field (BAD_USER_INPUT: nothing changes)."""
    seq = ctx.input.get("item")
    items = {i.seq: i for i in await register.file_items(ctx.session, ctx.case.id)}
    item = items.get(int(seq)) if isinstance(seq, int) else None
    if item is None or item.direction != "out" or item.kind in ("receipt", "copy"):
        raise BadUserInput(f"item: {seq!r} is no document UKRNOIVI sent in this file ({rule})",
                           argument="item", rule=rule)
    if item.channel != CABINET:
        raise BadUserInput(f"item: document {seq} was sent by {item.channel}, not to the "
                           f"personal cabinet ({rule})", argument="item", rule=rule)
    return item


async def _send(ctx: TransitionContext, original: UaGiFileItem, *, kind: str, channel: str,
                summary: str) -> UaGiFileItem:
    item = await register.file_item(ctx.session, ctx.case.id, direction="out", kind=kind,
                                    dated_on=ctx.today, channel=channel,
                                    transition=ctx.transition.code, refers_to=original.seq,
                                    summary=summary, now=ctx.now)
    if channel == CABINET:          # IV.7 ¶3: the official signs what goes to the cabinet
        app = await app_of(ctx)
        await office_sign(ctx, item, examiner=app.examiner, case_number=ctx.case.number)
    return item


async def paper_copy_requested(ctx: TransitionContext) -> None:
    """IV.7 ¶2: the request is registered in the file; the document must be one UKRNOIVI
    sent to the personal cabinet of this electronic application."""
    app = await app_of(ctx)
    if app.channel != "electronic":
        raise refuse("paper copies on request are for the documents of an electronic "
                     f"application; this one's correspondence is on paper already ({PAPER_RULE})",
                     rule=PAPER_RULE)
    original = await _cabinet_notice(ctx, PAPER_RULE)
    pending = [int(s) for s in ctx.data.get("paperCopiesRequested") or []]
    if original.seq in pending:
        raise refuse(f"a paper copy of document {original.seq} is requested already "
                     f"({PAPER_RULE})", rule=PAPER_RULE)
    ctx.put(paperCopiesRequested=[*pending, original.seq])
    await incoming(ctx, "paper_copy_request",
                   f"Клопотання про паперову копію документа {original.seq} ({PAPER_RULE})")


async def paper_copy_sent(ctx: TransitionContext) -> None:
    """IV.7 ¶2: the paper copy of a requested document, by registered mail to the
    application's address in Ukraine; the periods keep counting from the e-document's
    receipt in the cabinet."""
    pending = [int(s) for s in ctx.data.get("paperCopiesRequested") or []]
    seq = ctx.input.get("item")
    if seq not in pending:
        raise BadUserInput(f"item: no paper copy of document {seq!r} is requested "
                           f"({PAPER_RULE})", argument="item", rule=PAPER_RULE)
    original = await _cabinet_notice(ctx, PAPER_RULE)
    app = await app_of(ctx)
    await _send(ctx, original, kind="paper_copy", channel=REGISTERED_MAIL,
                summary=f"Паперова копія документа {original.seq} ({original.kind}) → "
                f"{copy_address('paper', app.form)}; строки — від одержання в кабінеті "
                f"({PAPER_RULE})")
    ctx.put(paperCopiesRequested=[s for s in pending if s != original.seq],
            paperCopiesSent=[*(ctx.data.get("paperCopiesSent") or []), original.seq])


async def delivery_rejected(ctx: TransitionContext) -> None:
    """IV.9 ¶3: the addressee's report that it could not receive an e-document, with the
    cause and whether it has reliable QES/AdES-QC means; registered in the file."""
    original = await _cabinet_notice(ctx, RESEND_RULE)
    rejections = dict(ctx.data.get("deliveryRejections") or {})
    if str(original.seq) in rejections:
        raise refuse(f"the rejection of document {original.seq} is recorded already and "
                     f"awaits its sending again ({RESEND_RULE})", rule=RESEND_RULE)
    rejections[str(original.seq)] = {
        "reportedOn": ctx.today.isoformat(), "cause": ctx.input["cause"],
        "noQesMeans": bool(ctx.input.get("noQesMeans"))}
    ctx.put(deliveryRejections=rejections)
    await incoming(ctx, "delivery_rejection",
                   f"Повідомлення про відмову в отриманні документа {original.seq}: "
                   f"{ctx.input['cause']} ({RESEND_RULE})")


async def resent(ctx: TransitionContext) -> None:
    """IV.9 ¶3: the cause fixed, the document sent again: to the cabinet, or on paper to the
    address in Ukraine when the addressee has no reliable QES means. A receipt the original
    awaited (the periods it started) now awaits the document sent again, counted
    provisionally from its deemed receipt (IV.9 ¶2)."""
    rejections = dict(ctx.data.get("deliveryRejections") or {})
    seq = ctx.input.get("item")
    rejection = rejections.get(str(seq))
    if rejection is None:
        raise BadUserInput(f"item: no rejected delivery of document {seq!r} is recorded "
                           f"({RESEND_RULE})", argument="item", rule=RESEND_RULE)
    original = await _cabinet_notice(ctx, RESEND_RULE)
    app = await app_of(ctx)
    paper = bool(rejection.get("noQesMeans"))
    channel = REGISTERED_MAIL if paper else CABINET
    where = copy_address("paper", app.form) if paper else "особистий кабінет"
    item = await _send(ctx, original, kind="resent", channel=channel,
                       summary=f"Повторно надіслано документ {original.seq} ({original.kind})"
                       f" → {where}; усунуто: {ctx.input['fixed']} ({RESEND_RULE})")
    pending = dict(ctx.data.get("awaitingReceipt") or {})
    awaited = pending.pop(str(original.seq), None)
    if awaited is not None:
        await recount_running(ctx, awaited["limits"], deemed_cabinet_receipt(ctx.today),
                              f"{RESEND_RULE}: sent again {ctx.today.isoformat()} as "
                              f"document {item.seq}, deemed receipt (IV.9 ¶2)")
        pending[str(item.seq)] = {**awaited, "sentOn": ctx.today.isoformat(),
                                  "resendOf": original.seq}
    rejections.pop(str(original.seq))
    ctx.put(awaitingReceipt=pending, deliveryRejections=rejections,
            resent=[*(ctx.data.get("resent") or []),
                    {"item": original.seq, "as": item.seq, "channel": channel,
                     "on": ctx.today.isoformat(), "fixed": ctx.input["fixed"]}])


def _t(code: str, en: str, uk: str, roles: Any, basis: str, **kw: Any) -> Any:
    return transition(f"UA.GI.{code}", en, uk, STATES, None, roles, basis, **kw)


TRANSITIONS = [
    _t("PAPER", "Paper copy of an e-document requested", "Клопотання про паперову копію",
       APPLICANT, PAPER_RULE, **later_document({
           "inputs": (_item_input("Sequence number in the file of the document sent to the "
                                  "personal cabinet"),),
           "effects": (paper_copy_requested,)})),
    _t("PAPER.SENT", "Paper copy sent", "Паперову копію надіслано", CLERK, PAPER_RULE,
       inputs=(_item_input("The document whose paper copy was requested"),),
       effects=(paper_copy_sent,)),
    _t("DLV.REJECTED", "Rejected delivery of an e-document reported",
       "Повідомлення про відмову в отриманні", CLERK, RESEND_RULE,
       inputs=(_item_input("The document the addressee could not receive"),
               text_input("cause", "The cause the addressee reports"),
               InputField("noQesMeans", "bool", False, "The addressee has no reliable QES or "
                          "AdES-QC means: the document goes again on paper (IV.9 ¶3)")),
       effects=(delivery_rejected,)),
    _t("DLV.RESEND", "E-document sent again", "Документ надіслано повторно", CLERK,
       RESEND_RULE,
       inputs=(_item_input("The document whose delivery was rejected"),
               text_input("fixed", "What UKRNOIVI fixed (IV.9 ¶3)")),
       effects=(resent,)),
]

__all__ = ["TRANSITIONS"]
