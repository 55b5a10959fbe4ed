"""Oppositions (GI rules V.7; digest §4.8, §7.3 O1-O17): each its own case of the
procedure ``UA.GI.OPP``, opened by the opponent (any person, V.7.1) against a published
application, and the applicant's acts on it (reply, consultations' extension and completion
notice, V.7.11-7.12), performed on the application's case.

A-15: consultations end with their (possibly extended) period; the completion notice
without agreement is due within a month of that end, and without it the opposition goes to
consideration (``UA.GI.O13.LAPSE``). A-35: an opposition held while the application may
still be restored is reviewed again on restoration (``UA.GI.O08.RESUME``) or not accepted,
with its fee refunded, when restoration is no longer possible (O9).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from ipreg.core.errors import BadUserInput
from ipreg.core.model import Case
from ipreg.core.procedures import (
    InputField,
    State,
    TransitionContext,
    build,
    months,
    notice,
)
from ipreg.plugins.ukraine.gi import register
from ipreg.plugins.ukraine.gi.correspondence import (
    CABINET,
    RECEIPT_BASES,
    REGISTERED_MAIL,
    deemed_cabinet_receipt,
)
from ipreg.plugins.ukraine.gi.fees import amount_conforms, request_date
from ipreg.plugins.ukraine.gi.forms.opposition import (
    OPPOSITION,
    content_deficiencies,
    read_opposition,
)
from ipreg.plugins.ukraine.gi.models import (
    UaGiApplication,
    UaGiFee,
    UaGiFileItem,
    UaGiOpposition,
)
from ipreg.plugins.ukraine.gi.office_signature import sign as office_sign
from ipreg.plugins.ukraine.gi.procedures.common import (
    APPLICANT,
    CLERK,
    EXAMINER,
    JURISDICTION,
    SYSTEM,
    assigned_examiner_only,
    await_receipt,
    json_input,
    limit,
    names,
    oppositions,
    outgoing,
    read_receipt,
    received_today,
    refuse,
    text_input,
    transition,
)

CODE = "UA.GI.OPP"
STATES = [
    State("filed", names("Filed", "Подано")),
    State("accepted", names("Accepted for consideration", "Прийнято до розгляду")),
    State("deemed_not_filed", names("Deemed not filed", "Вважається неподаним"), final=True),
    State("deficient", names("Deficiencies notified", "Недоліки"), ),
    State("not_considered", names("Not considered", "Не розглядається"), final=True),
    State("on_hold", names("Held without consideration", "Залишено без розгляду до")),
    State("not_accepted", names("Not accepted", "Не прийнято"), final=True),
    State("consultations", names("Consultations", "Консультації")),
    State("consultations_ended", names("Consultation period ended (A-15)",
                                       "Строк консультацій закінчився")),
    State("consultations_closed_agreed", names("Consultations closed: agreement",
                                               "Консультації завершено: згода")),
    State("consultations_closed_no_agreement", names("Consultations closed: no agreement",
                                                     "Консультації завершено: згоди немає")),
    State("upheld", names("Upheld", "Визнано обґрунтованим")),
    State("dismissed", names("Dismissed", "Визнано необґрунтованим")),
    State("decision_sent", names("Copy of the decision sent; the opponent's appeal period "
                                 "runs", "Надіслано копію рішення")),
    State("closed", names("Closed after the opponent's appeal period",
                          "Завершено після строку оскарження"), final=True),
    State("withdrawn", names("Withdrawn by the opponent", "Відкликано"), final=True),
    State("moot", names("Moot: application withdrawn", "Заявку відкликано"), final=True),
]
BEFORE_DECISION = ("filed", "accepted", "deficient", "on_hold", "consultations",
                   "consultations_ended", "consultations_closed_agreed",
                   "consultations_closed_no_agreement", "upheld", "dismissed")


async def _row(ctx: TransitionContext) -> UaGiOpposition:
    row = await ctx.session.get(UaGiOpposition, ctx.case.id)
    assert row is not None
    return row


async def _application(ctx: TransitionContext) -> Case:
    row = await _row(ctx)
    case = await ctx.session.get(Case, row.application_case_id)
    assert case is not None
    return case


async def to_application_applicant(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    return [((await _application(ctx)).applicant_id, "applicant")]


async def to_both(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    return [(ctx.case.applicant_id, "opponent"), *await to_application_applicant(ctx)]


def to_opponent(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    return [(ctx.case.applicant_id, "opponent")]


async def file_opposition(ctx: TransitionContext) -> None:
    """O1 (V.7.1-7.5): registered against a published application named by its number and
    filing date (VO-03); its date is the posting, delivery or sending if the fee was paid by
    then, else the payment date (V.7.5 ¶5, A-16)."""
    data = read_opposition(ctx.input.get("opposition"))
    app = await register.by_number(ctx.session, data["applicationNumber"])
    if app is None or app.filing_date != data["applicationFilingDate"] or app.published_on \
            is None:
        raise BadUserInput("opposition.applicationNumber: no published application with this "
                           "number and filing date (VO-03, GI rules V.7.3 ¶5)",
                           argument="opposition.applicationNumber")
    if data["postedOn"] is not None and data["postedOn"] > ctx.today:
        raise BadUserInput("opposition.postedOn: in the future", argument="opposition.postedOn")
    sent = data["postedOn"] or received_today(ctx)
    dated = request_date(sent, data["feePaidOn"])
    opponent = (data.get("opponent") or {}).get("name") or "—"
    ctx.session.add(UaGiOpposition(case_id=ctx.case.id, application_case_id=app.case_id,
                                   opponent_name=opponent, dated_on=dated or sent,
                                   content=_jsonable(data)))
    if data["feePaidOn"] is not None:
        amount = data.get("feeAmount")
        ctx.session.add(UaGiFee(
            case_id=ctx.case.id, kind="opposition", amount=amount,
            status="paid" if amount_conforms("opposition", _decimal(amount)) else
            "nonconforming", paid_on=data["feePaidOn"], credited_on=data["feePaidOn"],
            note="", at=ctx.now))
    ctx.put(application=app.number, applicationCaseId=app.case_id,
            dated=(dated or sent).isoformat(), feePaid=data["feePaidOn"] is not None,
            deficiencies=content_deficiencies(data))
    await register.file_item(ctx.session, app.case_id, direction="in", kind="opposition",
                             dated_on=ctx.today, channel=data["channel"],
                             transition=ctx.transition.code,
                             summary=f"Заперечення {ctx.case.number}: {opponent}",
                             now=ctx.now)


def _decimal(value: Any) -> Any:
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(str(value)) if value is not None else Decimal(0)
    except InvalidOperation:
        return None


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}


async def _fee_ok(ctx: TransitionContext) -> bool:
    rows = (await ctx.session.execute(select(UaGiFee).where(
        UaGiFee.case_id == ctx.case.id, UaGiFee.kind == "opposition"))).scalars().all()
    return any(r.status == "paid" for r in rows)


async def _late(ctx: TransitionContext) -> bool:
    application = await _application(ctx)
    dated = dt.date.fromisoformat(ctx.data["dated"])
    for deadline in await ctx.engine.deadlines(ctx.session, application.id,
                                               "opposition_period"):
        return dated > deadline.due_on
    return False


async def acceptable(ctx: TransitionContext) -> str | None:
    """V.7.6-7.7 (VO-01, VO-02, VO-04-VO-07)."""
    if not await _fee_ok(ctx):
        return "the opposition fee is not paid or does not comply (VO-02, GI rules V.7.8)"
    if await _late(ctx):
        return "filed after the opposition period (VO-01, GI rules V.7.9)"
    application = await _application(ctx)
    if application.state in ("withdrawn", "deemed_withdrawn", "deemed_withdrawn_final"):
        return "the application is withdrawn or deemed withdrawn (VO-07, GI rules V.7.13)"
    problems = ctx.data.get("deficiencies") or []
    if problems:
        return "deficiencies: " + "; ".join(f"{p['path']}: {p['message']} ({p['rule']})"
                                            for p in problems)
    return None


async def to_opponent_file(ctx: TransitionContext, kind: str, summary: str,
                           limits: tuple[str, ...] = ()) -> UaGiFileItem:
    """A notice to the opponent: an outgoing item of the opposed application's file (digest
    §3.4), sent by the opponent's own channel (its personal cabinet when it filed
    electronically, GI rules IV.6-IV.7; otherwise registered mail with acknowledgment of
    delivery, IV.8 ¶1). The limits it starts count from the opponent's receipt,
    provisionally the deemed receipt of IV.9 ¶2 (A-27) until the receipt is recorded
    (``UA.GI.O.RCPT``, as ``UA.GI.RCPT`` for the applicant)."""
    row = await _row(ctx)
    channel = CABINET if (row.content or {}).get("channel") == "electronic" else \
        REGISTERED_MAIL
    item = await register.file_item(ctx.session, row.application_case_id, direction="out",
                                    kind=kind, dated_on=ctx.today, channel=channel,
                                    transition=ctx.transition.code,
                                    summary=f"{summary} → {row.opponent_name}", now=ctx.now)
    if channel == CABINET:              # GI rules IV.7 ¶3: signed by the official
        app = await ctx.session.get(UaGiApplication, row.application_case_id)
        opposed = await ctx.session.get(Case, row.application_case_id)
        await office_sign(ctx, item, examiner=app.examiner if app else None,
                          case_number=opposed.number if opposed else ctx.case.number)
    await_receipt(ctx, item, limits, "opponent")
    return item


def file_notice(kind: str, text: str) -> Any:
    """An effect: the notice to the opponent as an outgoing item of the application's file
    (digest §3.4: every outgoing notice is a file item)."""
    async def effect(ctx: TransitionContext) -> None:
        await to_opponent_file(ctx, kind, f"{text}: {ctx.case.number}")
    return effect


async def fee_missing(ctx: TransitionContext) -> str | None:
    return None if not await _fee_ok(ctx) else "the opposition fee is paid (GI rules V.7.8)"


async def late(ctx: TransitionContext) -> str | None:
    return None if await _late(ctx) else "filed within the opposition period (GI rules V.7.1)"


async def has_deficiencies(ctx: TransitionContext) -> str | None:
    return None if ctx.data.get("deficiencies") else "no deficiencies (GI rules V.7.10)"


async def refund(ctx: TransitionContext) -> None:
    """V.7.9, V.7.10 ¶2, V.7.13 ¶2: the opposition fee is refunded."""
    for fee in (await ctx.session.execute(select(UaGiFee).where(
            UaGiFee.case_id == ctx.case.id, UaGiFee.kind == "opposition"))).scalars():
        if fee.status == "paid":
            fee.status = "refunded"
            fee.refunded_on = ctx.today
            fee.note = f"refunded ({ctx.transition.legal_basis})"


async def notify_deficiencies(ctx: TransitionContext) -> None:
    """O5 (V.7.10 ¶1): the opponent cures within 2 months of its receipt of the notice."""
    await to_opponent_file(ctx, "opposition_deficiencies", "Недоліки заперечення (V.7.10)",
                           limits=("opposition_cure",))


async def cure(ctx: TransitionContext) -> None:
    """O6 (V.7.10 ¶2): cured in time: deemed filed on its original date."""
    data = read_opposition(ctx.input.get("opposition"))
    problems = content_deficiencies(data)
    if problems:
        lines = [f"{p['path']}: {p['message']} ({p['rule']})" for p in problems]
        raise BadUserInput("; ".join(lines), errors=lines, problems=problems)
    row = await _row(ctx)
    row.content = _jsonable(data)
    ctx.put(deficiencies=[])


async def application_restorable(ctx: TransitionContext) -> str | None:
    application = await _application(ctx)
    if application.state != "deemed_withdrawn":
        return "the application is not deemed withdrawn with restoration possible (V.7.13 ¶1)"
    return None


async def application_back(ctx: TransitionContext) -> str | None:
    application = await _application(ctx)
    if application.state in ("withdrawn", "deemed_withdrawn", "deemed_withdrawn_final",
                             "deemed_not_filed"):
        return "the application is still withdrawn (GI rules V.7.13)"
    return None


async def application_gone(ctx: TransitionContext) -> str | None:
    application = await _application(ctx)
    if application.state in ("withdrawn", "deemed_withdrawn_final", "deemed_not_filed"):
        return None
    return "the application may still be restored or is pending (GI rules V.7.13 ¶2)"


async def consultations_start(ctx: TransitionContext) -> None:
    """O10 (V.7.11 ¶1-6): copy to the applicant by registered mail, consultations proposed
    to both; the reply and the consultations count from receipt."""
    to_applicant = await outgoing(ctx, "opposition_copy", "Копія заперечення та пропозиція "
                                  "консультацій (V.7.11)",
                                  limits=("opposition_reply", "consultations"),
                                  case_id=ctx.data["applicationCaseId"])
    to_opponent = await to_opponent_file(ctx, "consultations_proposed", "Пропозиція "
                                         "консультацій (V.7.11 ¶3)", limits=("consultations",))
    ctx.put(consultationNotices=[to_applicant.seq, to_opponent.seq])


async def record_receipt(ctx: TransitionContext) -> None:
    """GI rules IV.8 ¶2, IV.9 (A-27, A-29) for the notices of an opposition: the receipt by
    the opponent (the deficiencies of V.7.10, the consultations' proposal of V.7.11 ¶3, the
    copy of the decision of V.10.6 ¶2) or by the applicant (the copy of the opposition,
    V.7.11 ¶1), recorded as the applicant's receipts are (``UA.GI.RCPT``); each limit the
    notice started counts again from it (IV.11 ¶1-2). The consultations count from the later
    of the two parties' receipts of their notices (V.7.11 ¶6), a party's unrecorded receipt
    being its deemed one; an extension already granted (V.7.11 ¶8) is kept. The addressee
    itself confirms only its own notices; the clerk records any."""
    seq = str(ctx.input["item"])
    pending = dict(ctx.data.get("awaitingReceipt") or {})
    basis, received = read_receipt(ctx, pending)
    entry = pending[seq]
    if not (ctx.principal.kind == "system" or ctx.principal.has_role("ua_gi_clerk",
                                                                     JURISDICTION)) \
            and entry.get("addressee") != "opponent":
        raise BadUserInput(f"item: notice {seq} is addressed to the applicant, not to the "
                           "opponent (GI rules IV.9)", argument="item")
    rule = f"GI rules IV.8-IV.9: received {received.isoformat()} ({basis}"
    receipts = {**(ctx.data.get("noticeReceipts") or {}), seq: received.isoformat()}
    for code in entry["limits"]:
        if not any(d.status in ("running", "suspended") for d in await ctx.deadlines(code)):
            continue
        if code == "consultations":
            starts = [dt.date.fromisoformat(receipts[str(s)]) if str(s) in receipts
                      else deemed_cabinet_receipt(dt.date.fromisoformat(entry["sentOn"]))
                      for s in ctx.data.get("consultationNotices") or [int(seq)]]
            await ctx.recount_limit(code, max(starts), f"{rule}; the later receipt of the "
                                    "parties, GI rules V.7.11 ¶6)")
            extended = ctx.data.get("consultationsExtended")
            if extended:
                await ctx.extend_limit(code, months(int(extended)), "GI rules V.7.11 ¶8: the "
                                       "applicant's extension, kept")
        else:
            await ctx.recount_limit(code, received, f"{rule})")
    pending.pop(seq)
    ctx.put(awaitingReceipt=pending, noticeReceipts=receipts)
    await register.file_item(ctx.session, ctx.data["applicationCaseId"], direction="out",
                             kind="receipt", dated_on=ctx.today, channel=basis,
                             transition=ctx.transition.code, refers_to=int(seq),
                             received_on=received, receipt_basis=basis,
                             summary=f"Одержано {received.isoformat()} "
                             f"({entry.get('addressee')}, {ctx.case.number})", now=ctx.now)


async def not_extended(ctx: TransitionContext) -> str | None:
    return "the consultations were extended once already (V.7.11 ¶8)" if ctx.data.get(
        "consultationsExtended") else None


async def extend_consultations(ctx: TransitionContext) -> None:
    """O11 (V.7.11 ¶8, VQ-09): by at most 3 months on the applicant's request before they
    end (no fee is stated)."""
    from ipreg.plugins.ukraine.gi.terms import TERMS

    by = TERMS["consultations_extension"].duration
    count = int(ctx.input.get("months") or by.amount)
    if not 1 <= count <= by.amount:
        raise BadUserInput(f"months: 1-{by.amount} (VQ-09, GI rules V.7.11 ¶8)",
                           argument="months")
    await ctx.extend_limit("consultations", months(count),
                           "GI rules V.7.11 ¶8: the applicant's request")
    ctx.put(consultationsExtended=count)


async def consultations_over(ctx: TransitionContext) -> None:
    """A-15: the completion notice is due within 1 month of the (extended) end."""
    for deadline in await ctx.deadlines("consultations"):
        ctx.count_from("completion_notice", deadline.due_on)


async def completion(ctx: TransitionContext) -> None:
    ctx.put(completion={"agreement": ctx.transition.target == "consultations_closed_agreed",
                        "notice": ctx.input.get("notice"), "letters": ctx.input.get("letters"),
                        "changesNeeded": ctx.input.get("changesNeeded")})


async def reply(ctx: TransitionContext) -> None:
    ctx.put(reply={"kind": ctx.input.get("kind"), "text": ctx.input.get("text")})


async def application_examining(ctx: TransitionContext) -> str | None:
    application = await _application(ctx)
    return None if application.state in ("substantive_examination", "preliminary_refusal") \
        else "considered in the examination of the name (GI rules V.8.7)"


async def consider(ctx: TransitionContext) -> None:
    ctx.put(consideration={"outcome": ctx.transition.target, "reasons": ctx.input["reasons"]})


async def before_decision(ctx: TransitionContext) -> str | None:
    application = await _application(ctx)
    return None if application.state not in ("decided_registration", "decided_refusal",
                                              "appeal_suspended", "registered",
                                              "refusal_final") else (
        "withdrawn only before UKRNOIVI's decision (GI rules V.7.14 ¶3)")


async def decision_copy(ctx: TransitionContext) -> None:
    """O17 (V.10.6 ¶2, VII.2): the opponent's appeal runs from its receipt of the copy."""
    await to_opponent_file(ctx, "decision_copy", "Копія рішення (V.10.6 ¶2)",
                           limits=("appeal_opponent",))


async def same_examiner(ctx: TransitionContext) -> None:
    """GI rules V.1.2: the examiner's acts on an opposition (its preliminary review, V.7.6,
    the consultations, V.7.11, its consideration in the examination of the name, V.8.7) are
    part of the examination of the application it opposes, so they are the act of that
    application's assigned examiner alone (``FORBIDDEN``, reason
    ``UA_GI_NOT_ASSIGNED_EXAMINER``); the panel's findings (V.7.11 ¶7) are recorded by
    it. After a recusal the new examiner takes the oppositions over with the application."""
    row = await _row(ctx)
    await assigned_examiner_only(ctx, await ctx.session.get(UaGiApplication,
                                                            row.application_case_id))


def _t(code: str, en: str, uk: str, source: Any, target: str | None, roles: Any, basis: str,
       **kw: Any) -> Any:
    if "examiner" in set(roles):
        kw = {**kw, "effects": (same_examiner, *kw.get("effects", ()))}
    return transition(f"UA.GI.{code}", en, uk, source if isinstance(
        source, tuple | list) else (source,), target, roles, basis, **kw)


OPPONENT = APPLICANT
RECEIPT_INPUTS = (InputField("item", "int", True, "Sequence number of the notice in the "
                             "application's file"),
                  text_input("basis", f"One of {', '.join(RECEIPT_BASES)}"),
                  InputField("receivedOn", "date", False, "Date on the acknowledgment of "
                             "delivery, the post office's mark, or the cabinet confirmation"))
TRANSITIONS = [
    _t("T26", "Opposition filed", "Подано заперечення", (), "filed", OPPONENT,
       "GI rules V.7.1-7.5",
       inputs=(InputField("opposition", "json", True, "The opposition (V.7.3-7.5)",
                          OPPOSITION),),
       effects=(file_opposition,)),
    _t("O02", "Accepted for consideration", "Прийнято до розгляду", "filed", "accepted",
       EXAMINER, "GI rules V.7.6-7.7", guard=acceptable,
       effects=(file_notice("opposition_accepted", "Заперечення прийнято (GI rules V.7.7)"),),
       notices=(notice("opposition_accepted", "Заперечення прийнято (V.7.7)", to=to_opponent),)),
    _t("O03", "Fee missing: deemed not filed", "Збір не сплачено", "filed",
       "deemed_not_filed", EXAMINER, "GI rules V.7.8", guard=fee_missing,
       effects=(file_notice("opposition_not_filed", "Вважається неподаним (V.7.8)"),),
       notices=(notice("opposition_not_filed", "Вважається неподаним (V.7.8)",
                       to=to_opponent),)),
    _t("O04", "Late: deemed not filed, fee refunded", "Подано з пропуском строку", "filed",
       "deemed_not_filed", EXAMINER, "GI rules V.7.9", guard=late,
       effects=(refund, file_notice("opposition_late", "Подано з пропуском строку (V.7.9)")),
       notices=(notice("opposition_late", "Вважається неподаним, збір повертається (V.7.9)",
                       to=to_opponent),)),
    _t("O05", "Deficiencies notified", "Повідомлено про недоліки", "filed", "deficient",
       EXAMINER, "GI rules V.7.10 ¶1", guard=has_deficiencies, effects=(notify_deficiencies,),
       starts=("opposition_cure",),
       notices=(notice("opposition_deficiencies", "Недоліки заперечення (V.7.10)",
                       to=to_opponent),)),
    _t("O06", "Deficiencies cured: accepted", "Недоліки усунено", "deficient", "accepted",
       OPPONENT, "GI rules V.7.10 ¶2",
       inputs=(InputField("opposition", "json", True, "The corrected opposition",
                          OPPOSITION),),
       effects=(cure,), within=("opposition_cure",), stops=("opposition_cure",)),
    _t("O07", "Not cured: not considered, fee refunded", "Не розглядається", "deficient",
       "not_considered", SYSTEM, "GI rules V.7.10 ¶2",
       inputs=(InputField("expiredLimit", required=False),),
       effects=(refund, file_notice("opposition_not_considered", "Не розглядається "
                                    "(V.7.10 ¶2)")),
       notices=(notice("opposition_not_considered", "Не розглядається (V.7.10 ¶2)",
                       to=to_opponent),)),
    _t("O08", "Held: application withdrawn, restoration possible", "Залишено без розгляду",
       "filed", "on_hold", EXAMINER | SYSTEM, "GI rules V.7.13 ¶1",
       guard=application_restorable,
       effects=(file_notice("opposition_on_hold", "Залишено без розгляду (V.7.13 ¶1)"),),
       notices=(notice("opposition_on_hold", "Залишено без розгляду (V.7.13 ¶1)",
                       to=to_opponent),)),
    _t("O08.RESUME", "Application restored: review resumes (A-35)", "Розгляд поновлено",
       "on_hold", "filed", EXAMINER | SYSTEM, "GI rules V.7.13 ¶1", guard=application_back),
    _t("O09", "Not accepted: application withdrawn for good, fee refunded", "Не прийнято",
       ("filed", "on_hold"), "not_accepted", EXAMINER | SYSTEM, "GI rules V.7.13 ¶2",
       guard=application_gone,
       effects=(refund, file_notice("opposition_not_accepted", "Не прийнято (V.7.13 ¶2)")),
       notices=(notice("opposition_not_accepted", "Не прийнято, збір повертається "
                       "(V.7.13 ¶2)", to=to_opponent),)),
    _t("O10", "Copy to the applicant, consultations proposed", "Консультації", "accepted",
       "consultations", EXAMINER | SYSTEM, "GI rules V.7.11 ¶1-7",
       effects=(consultations_start,), starts=("opposition_reply", "consultations"),
       notices=(notice("opposition_copy", "Копія заперечення (V.7.11 ¶1)",
                       to=to_application_applicant),
                notice("consultations_proposed", "Пропозиція консультацій (V.7.11 ¶3)",
                       to=to_both))),
    _t("O10.REPLY", "Applicant's reply recorded", "Відповідь заявника", "consultations", None,
       SYSTEM, "GI rules V.7.11 ¶2",
       inputs=(text_input("kind", "refute, amend or withdraw (V.7.11 ¶2)"),
               text_input("text", "The reasoned reply")),
       effects=(reply,), within=("opposition_reply",), stops=("opposition_reply",)),
    _t("O11", "Consultations extended", "Консультації продовжено", "consultations", None,
       SYSTEM, "GI rules V.7.11 ¶8",
       inputs=(InputField("months", "int", False, "1-3 months"),),
       guard=not_extended, effects=(extend_consultations,), within=("consultations",)),
    _t("O12", "Completion notice: agreement", "Консультації завершено: згода",
       ("consultations", "consultations_ended"), "consultations_closed_agreed", SYSTEM,
       "GI rules V.7.12 ¶5-8",
       inputs=(text_input("notice", "The completion notice (V.7.12 ¶6)"),
               text_input("letters", "The parties' letters confirming the agreement (¶7)"),
               InputField("changesNeeded", "bool", False, "Changes needed (VI.3)")),
       effects=(completion,), stops=("consultations", "completion_notice")),
    _t("O13", "Completion notice: no agreement", "Консультації завершено: згоди немає",
       ("consultations", "consultations_ended"), "consultations_closed_no_agreement", SYSTEM,
       "GI rules V.7.12 ¶9",
       inputs=(text_input("notice", "The completion notice (V.7.12 ¶9)"),
               InputField("letters", "string", False, ""),
               InputField("changesNeeded", "bool", False, "")),
       effects=(completion,), stops=("consultations", "completion_notice")),
    _t("O13.END", "Consultation period ended (A-15)", "Строк консультацій закінчився",
       "consultations", "consultations_ended", SYSTEM, "GI rules V.7.11 ¶3, V.7.12 ¶9",
       inputs=(InputField("expiredLimit", required=False),), effects=(consultations_over,),
       starts=("completion_notice",)),
    _t("O13.LAPSE", "No completion notice: to consideration (A-15)",
       "Повідомлення не надійшло", "consultations_ended", "consultations_closed_no_agreement",
       SYSTEM, "GI rules V.7.12 ¶9", inputs=(InputField("expiredLimit", required=False),)),
    _t("O14.UPHOLD", "Upheld by the panel", "Визнано обґрунтованим",
       ("consultations_closed_agreed", "consultations_closed_no_agreement"), "upheld",
       EXAMINER, "GI rules V.8.7; GI rules V.10.4",
       inputs=(text_input("reasons", "The facts and evidence (V.10.4)"),),
       guard=application_examining, effects=(consider,)),
    _t("O14.DISMISS", "Dismissed by the panel", "Визнано необґрунтованим",
       ("consultations_closed_agreed", "consultations_closed_no_agreement"), "dismissed",
       EXAMINER, "GI rules V.8.7, V.10.4",
       inputs=(text_input("reasons", "Why not taken into account (V.10.4)"),),
       guard=application_examining, effects=(consider,)),
    _t("O15", "Withdrawn by the opponent (no refund)", "Відкликано", BEFORE_DECISION,
       "withdrawn", OPPONENT, "GI rules V.7.14 ¶3", guard=before_decision),
    _t("O16", "Moot: the application withdrawn", "Заявку відкликано", BEFORE_DECISION,
       "moot", SYSTEM, "GI rules V.7.14 ¶2",
       effects=(file_notice("application_withdrawn", "Заявку відкликано (V.7.14 ¶2)"),),
       notices=(notice("application_withdrawn", "Заявку відкликано (V.7.14 ¶2)",
                       to=to_opponent),)),
    _t("O17", "Copy of the decision sent", "Надіслано копію рішення", ("upheld", "dismissed"),
       "decision_sent", SYSTEM, "GI rules V.10.6 ¶2, VII.2", effects=(decision_copy,),
       starts=("appeal_opponent",)),
    _t("O.RCPT", "Receipt of a notice of the opposition recorded",
       "Зафіксовано одержання повідомлення щодо заперечення", (*BEFORE_DECISION,
                                                              "decision_sent"), None,
       OPPONENT | CLERK | SYSTEM, "GI rules IV.8-IV.9, IV.11, V.7.11 ¶6",
       inputs=RECEIPT_INPUTS, effects=(record_receipt,)),
    _t("O17.CLOSE", "Opponent's appeal period over", "Строк оскарження минув", "decision_sent",
       "closed", SYSTEM, "GI rules VII.2",
       inputs=(InputField("expiredLimit", required=False),)),
]


def procedure() -> Any:
    return build(CODE, JURISDICTION, names("Opposition to a GI application",
                                           "Заперечення проти заявки"),
                 states=STATES, transitions=TRANSITIONS,
                 time_limits=[limit("opposition_cure", on_expiry="UA.GI.O07"),
                              limit("opposition_reply"),
                              limit("consultations", on_expiry="UA.GI.O13.END"),
                              limit("completion_notice", on_expiry="UA.GI.O13.LAPSE"),
                              limit("appeal_opponent", on_expiry="UA.GI.O17.CLOSE")],
                 legal_basis="GI rules V.7")


# ---------------------------------------------------------------- the applicant's acts


async def _opposition(ctx: TransitionContext) -> Case:
    number = ctx.input["opposition"]
    for case in await oppositions(ctx):
        if case.number == number:
            return case
    raise BadUserInput(f"opposition: {number!r} is no opposition to this application",
                       argument="opposition")


def _relay(code: str, keys: tuple[str, ...]) -> Any:
    async def effect(ctx: TransitionContext) -> None:
        case = await _opposition(ctx)
        if case.state == "consultations_ended" and code == "UA.GI.O11":
            raise refuse("the consultations have ended (VQ-09, GI rules V.7.11 ¶8)")
        await ctx.perform(case.id, code, {k: ctx.input[k] for k in keys if k in ctx.input})
    return effect


async def applicant_receipt(ctx: TransitionContext) -> None:
    """The applicant's receipt of a notice of an opposition case (the copy of the opposition
    and the consultations' proposal, V.7.11 ¶1, ¶3), recorded on the application's case by
    the applicant (its cabinet confirmation) or the clerk: ``UA.GI.O.RCPT`` of the
    opposition."""
    case = await _opposition(ctx)
    entry = ((case.data or {}).get("awaitingReceipt") or {}).get(str(ctx.input["item"]))
    if entry is not None and entry.get("addressee") == "opponent":
        raise BadUserInput(f"item: notice {ctx.input['item']} is addressed to the opponent "
                           "(GI rules IV.9)", argument="item")
    await ctx.perform(case.id, "UA.GI.O.RCPT", {k: ctx.input[k] for k in (
        "item", "basis", "receivedOn") if ctx.input.get(k) is not None})


OPPOSITION_NUMBER = text_input("opposition", "Number of the opposition case")
APPLICATION_TRANSITIONS = [
    transition("UA.GI.OPP.RCPT", "Receipt of an opposition's notice by the applicant "
               "recorded", "Зафіксовано одержання заявником повідомлення щодо заперечення",
               ("published", "substantive_examination", "preliminary_refusal"), None,
               APPLICANT | CLERK, "GI rules IV.8-IV.9, IV.11 ¶2, V.7.11",
               inputs=(OPPOSITION_NUMBER, *RECEIPT_INPUTS), effects=(applicant_receipt,)),
    transition("UA.GI.OPP.REPLY", "Reply to an opposition", "Відповідь на заперечення",
               ("published", "substantive_examination"), None, APPLICANT,
               "GI rules V.7.11 ¶2",
               inputs=(OPPOSITION_NUMBER, text_input("kind", "refute, amend or withdraw"),
                       text_input("text", "The reasoned reply")),
               effects=(_relay("UA.GI.O10.REPLY", ("kind", "text")),)),
    transition("UA.GI.OPP.EXTEND", "Consultations extension requested",
               "Клопотання про продовження консультацій",
               ("published", "substantive_examination"), None, APPLICANT,
               "GI rules V.7.11 ¶8",
               inputs=(OPPOSITION_NUMBER, InputField("months", "int", False, "1-3")),
               effects=(_relay("UA.GI.O11", ("months",)),)),
    transition("UA.GI.OPP.AGREED", "Completion notice: agreement reached",
               "Повідомлення про завершення консультацій (згода)",
               ("published", "substantive_examination"), None, APPLICANT,
               "GI rules V.7.12 ¶5-8",
               inputs=(OPPOSITION_NUMBER, text_input("notice", "The notice"),
                       text_input("letters", "The parties' letters"),
                       InputField("changesNeeded", "bool", False, "Changes under VI.3")),
               effects=(_relay("UA.GI.O12", ("notice", "letters", "changesNeeded")),)),
    transition("UA.GI.OPP.NO_AGREEMENT", "Completion notice: no agreement",
               "Повідомлення про завершення консультацій (згоди немає)",
               ("published", "substantive_examination"), None, APPLICANT,
               "GI rules V.7.12 ¶9",
               inputs=(OPPOSITION_NUMBER, text_input("notice", "The notice")),
               effects=(_relay("UA.GI.O13", ("notice",)),)),
]


__all__ = ["APPLICATION_TRANSITIONS", "CODE", "TRANSITIONS", "json_input", "procedure"]
