"""The application from filing to decision (GI rules III.1-III.2, V.1-V.10; digest §7.1-7.2,
transitions 1-35 and 39; the additional-materials overlay 23-25). Electronic applications
go through the same transitions once received (GI rules V.2.5).

Appendix A choices (each the digest's suggestion): A-09 an uncured fee deficiency is deemed
withdrawn (``UA.GI.T14.LAPSE``); A-10 a missing replacement specification goes the formal
deficiency path (T22); A-11 no reply to the preliminary conclusion is deemed withdrawn
(T30); A-14 no substantive conclusion before the opposition period and every accepted
opposition's reply and consultations end (T27's guard); A-24 a sanctions finding is
recorded and the examiner decides (``UA.GI.SANCT``); A-31 documents below the numbering
minimum get no application (T01 refuses them).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import func, select

from ipreg.core.errors import BadUserInput
from ipreg.core.model import AppUser, Case, UserGrant
from ipreg.core.procedures import InputField, TransitionContext, notice
from ipreg.plugins.ukraine.gi import lookups, register
from ipreg.plugins.ukraine.gi.documents import check_documents, keep
from ipreg.plugins.ukraine.gi.fees import prepayment_valid
from ipreg.plugins.ukraine.gi.forms import APPLICATION as FILING_FORM
from ipreg.plugins.ukraine.gi.forms import read_filing
from ipreg.plugins.ukraine.gi.forms.agreement import window_warnings
from ipreg.plugins.ukraine.gi.forms.application import missing_documents
from ipreg.plugins.ukraine.gi.forms.foreign import translation_warnings
from ipreg.plugins.ukraine.gi.models import UaGiApplication
from ipreg.plugins.ukraine.gi.procedures.common import (
    APPLICANT,
    CLERK,
    EXAMINER,
    HEAD,
    ICS,
    SYSTEM,
    app_of,
    date_input,
    examiner_act,
    in_time,
    incoming,
    input_date,
    json_input,
    later_document,
    oppositions,
    outgoing,
    received_today,
    refuse,
    text_input,
    to_opponents,
    transition,
)
from ipreg.plugins.ukraine.gi.procedures.determination import (
    CITE,
    cite_determinations,
    find_in_sources,
)
from ipreg.plugins.ukraine.gi.representation import acting as single_act

#: The states in which the examination runs (the overlay of T23 may sit on any).
EXAMINING = ("received", "awaiting_filing_fee", "fee_deficiency", "formal_examination",
             "formal_deficiencies", "spec_invited", "suspended_spec_agreement", "published",
             "substantive_examination", "preliminary_refusal")
#: Before a decision (T33) and before registration (T39, VI.5.1).
BEFORE_DECISION = ("submitted", *EXAMINING)
BEFORE_REGISTRATION = (*EXAMINING, "awaiting_filing_materials", "decided_registration",
                       "decided_refusal", "appeal_suspended", "deemed_withdrawn")
#: Where additional materials may be requested: the examination, and after a registration
#: decision for an amendment request (GI rules VI.3.10 → V.9).
OVERLAID = (*EXAMINING, "decided_registration")
#: Opposition states that hold the substantive examination back (A-14).
OPEN_OPPOSITION = ("filed", "deficient", "accepted", "consultations", "consultations_ended",
                   "on_hold")

#: V.5.2 ¶2-6: entitlement (art. 9, III.1.3), documents (chapters II.2, II.4-II.6, e.g. a
#: specification with conditions that let one producer monopolise production, GI rules II.4.11), the
#: form (II.3), the power of attorney (III.1.7).
DEFICIENCY_GROUNDS = ("entitlement", "documents", "form", "power_of_attorney")


# ---------------------------------------------------------------- filing (III.1-III.2)


async def _file(ctx: TransitionContext, electronic: bool) -> None:
    """T01/T02: read the application (every §8.1-8.2 rule), keep it, and for a paper
    application register it at once (III.2.1-2.4)."""
    received = input_date(ctx, "receivedOn") or ctx.today
    filing = read_filing(ctx.input.get("filing"), received_on=received)
    if electronic != (filing.channel == "electronic"):
        raise BadUserInput("filing.channel: "
                           + ("an electronic application is filed through the ICS (GI rules "
                              "III.1.2)" if electronic else "a paper application is delivered "
                              "directly or by post (GI rules III.1.1)"),
                           argument="filing.channel")
    attached = await check_documents(ctx, filing.documents)
    spec = filing.specification or {}
    single = filing.single_document or {}
    app = UaGiApplication(
        case_id=ctx.case.id, kind=filing.form["kind"], regime=filing.form["regime"],
        channel=filing.channel, claimed_name=filing.form["claimedName"],
        product_name=spec.get("productName") or single.get("productName"),
        country_of_origin=filing.form["countryOfOrigin"],
        place_in_ukraine=filing.place_in_ukraine, applicant_name=filing.applicant_name(),
        applicant_reference=filing.form.get("applicantReference"), form=filing.form,
        specification=filing.specification, single_document=filing.single_document,
        foreign_documents=filing.foreign_documents or None, agreement=filing.agreement,
        signature=filing.signature, former_examiners=[])
    ctx.session.add(app)
    await ctx.session.flush()
    warnings = list(filing.warnings)
    warnings += window_warnings(filing.agreement, filing.form["regime"], received,
                                ctx.calendar)
    ctx.put(warnings=warnings, submittedAt=ctx.now.isoformat(),
            lookups=lookups.at_filing(filing.form))
    await keep(ctx, filing.documents, attached)
    if not electronic:
        await _register(ctx, app, received)


async def _register(ctx: TransitionContext, app: UaGiApplication, received: dt.date) -> None:
    """III.2.1-2.4: incoming number and date, the application number (``i`` + year + five
    digits, III.2.3), the acknowledgment of receipt sent without delay (GI rules III.2.4)."""
    app.received_on = received
    app.number = await register.next_number(ctx.session, received.year)
    await register.file_item(ctx.session, ctx.case.id, direction="in", kind="application",
                             dated_on=received, channel=app.channel,
                             transition=ctx.transition.code,
                             summary=f"Заявка {app.number}: {app.claimed_name}", now=ctx.now)
    await outgoing(ctx, "acknowledgment", f"Повідомлення про одержання документів заявки "
                   f"{app.number} ({received.isoformat()})")
    ctx.put(applicationNumber=app.number)


async def file_paper(ctx: TransitionContext) -> None:
    await _file(ctx, electronic=False)


async def file_electronic(ctx: TransitionContext) -> None:
    await _file(ctx, electronic=True)


async def technical_check_passed(ctx: TransitionContext) -> None:
    """T03 (III.2.5, III.1.11): received when the check passes; a non-working day's
    application is received on the first following working day."""
    app = await app_of(ctx)
    await _register(ctx, app, ctx.calendar.next_working_day(ctx.today))


async def technical_check_failed(ctx: TransitionContext) -> None:
    """T04 (III.2.6): checking stops, the rejection notice gives the reasons."""
    ctx.put(rejection=ctx.input["reasons"])


# ---------------------------------------------------------------- assignment (V.1.1)


async def examiners(ctx: TransitionContext) -> list[str]:
    rows = await ctx.session.execute(
        select(AppUser.login).join(UserGrant, UserGrant.user_id == AppUser.id)
        .where(UserGrant.role == "examiner", AppUser.active.is_(True),
               (UserGrant.jurisdiction == "ua_gi") | UserGrant.jurisdiction.is_(None))
        .order_by(AppUser.login))
    return [f"user:{login}" for login in dict.fromkeys(rows.scalars())]


async def assign(ctx: TransitionContext, *, exclude: tuple[str, ...] = ()) -> str:
    """V.1.1: automated assignment, random among the examiners with the least load of open
    applications (equal load); V.1.4: never one who examined the application before."""
    app = await app_of(ctx)
    pool = [e for e in await examiners(ctx) if e not in (*exclude, *app.former_examiners)]
    if not pool:
        raise refuse("no examiner of ua_gi is available to assign (GI rules V.1.1)")
    load = dict((await ctx.session.execute(
        select(UaGiApplication.examiner, func.count())
        .join(Case, Case.id == UaGiApplication.case_id)
        .where(Case.closed_at.is_(None), UaGiApplication.examiner.is_not(None))
        .group_by(UaGiApplication.examiner))).all())
    least = min(load.get(e, 0) for e in pool)
    chosen = random.Random(ctx.case.id).choice([e for e in pool if load.get(e, 0) == least])
    if app.examiner:
        app.former_examiners = [*app.former_examiners, app.examiner]
    app.examiner = chosen
    ctx.put(examiner=chosen)
    return chosen


async def chronological(ctx: TransitionContext) -> str | None:
    """V.1.1: assignment in chronological order of receipt."""
    app = await app_of(ctx)
    if app.examiner:
        return "an examiner is already assigned (GI rules V.1.1)"
    earlier = await ctx.session.scalar(
        select(func.count()).select_from(UaGiApplication)
        .join(Case, Case.id == UaGiApplication.case_id)
        .where(UaGiApplication.examiner.is_(None), Case.state == "received",
               UaGiApplication.received_on.is_not(None),
               (UaGiApplication.received_on < app.received_on)
               | ((UaGiApplication.received_on == app.received_on)
                  & (UaGiApplication.case_id < app.case_id))))
    if earlier:
        return "an application received earlier waits for its examiner (GI rules V.1.1)"
    return None


async def assign_effect(ctx: TransitionContext) -> None:
    chosen = await assign(ctx)
    await outgoing(ctx, "examiner_assigned", f"Призначено експерта {chosen}")


# ---------------------------------------------------------------- filing date and fees


async def _filing_fee_state(ctx: TransitionContext) -> str:
    """``paid`` (compliant, and a prepayment within its window), ``nonconforming``,
    ``prepaid_late`` or ``unpaid`` (V.4.1-4.4)."""
    app = await app_of(ctx)
    fees = [f for f in await register.fees(ctx.session, ctx.case.id, "filing")
            if f.status != "disregarded"]
    if not fees:
        return "unpaid"
    fee = fees[-1]
    if fee.status == "nonconforming":
        return "nonconforming"
    received = app.received_on or ctx.today
    paid = fee.credited_on or fee.paid_on
    if paid is not None and paid < received and not prepayment_valid(
            paid, received, ctx.data.get("feeAmountChangedOn")
            and dt.date.fromisoformat(ctx.data["feeAmountChangedOn"])):
        return "prepaid_late"
    return "paid"


async def complete_and_unpaid(ctx: TransitionContext) -> str | None:
    app = await app_of(ctx)
    if _missing(app):
        return f"documents missing for a filing date: {', '.join(_missing(app))} (GI rules V.3.2)"
    state = await _filing_fee_state(ctx)
    if state == "paid":
        return "the filing fee is paid: establish the filing date with T10 (GI rules V.4.1)"
    if state != "unpaid":
        return f"the filing fee is {state}: T13 or T14 (GI rules V.4.4)"
    return None


def _missing(app: UaGiApplication) -> list[str]:
    from ipreg.plugins.ukraine.gi.forms.application import Filing

    return missing_documents(Filing(app.channel, app.form, app.specification,
                                    app.single_document, app.foreign_documents or [],
                                    app.agreement, app.signature))


async def incomplete(ctx: TransitionContext) -> str | None:
    app = await app_of(ctx)
    return None if _missing(app) else "the II.1.1/II.1.2 set is complete (GI rules V.3.1)"


async def request_materials(ctx: TransitionContext) -> None:
    """T06 (V.3.2 ¶2): notice, immediately, of what is missing; 2 months from its receipt."""
    app = await app_of(ctx)
    missing = _missing(app)
    ctx.put(missingMaterials=missing)
    await outgoing(ctx, "missing_materials", "Повідомлення про відсутні матеріали: "
                   + ", ".join(missing), limits=("filing_materials",))


async def supply_materials(ctx: TransitionContext) -> None:
    """T07 (V.3.2 ¶3): the last missing item; the filing date is the day it is received."""
    await in_time(ctx, "filing_materials")
    app = await app_of(ctx)
    supplied = read_filing({"channel": app.channel, "form": _raw_form(app),
                            **_parts(app), **(ctx.input.get("documents") or {})})
    app.specification = supplied.specification
    app.single_document = supplied.single_document
    app.foreign_documents = supplied.foreign_documents or None
    app.agreement = supplied.agreement
    if supplied.missing:
        raise BadUserInput("documents: still missing " + ", ".join(supplied.missing)
                           + " (VR-03, GI rules V.3.2)", argument="documents")
    app.filing_date = received_today(ctx)
    await incoming(ctx, "filing_materials", "Відсутні матеріали заявки")
    ctx.put(filingDate=app.filing_date.isoformat() if app.filing_date else None)


def _raw_form(app: UaGiApplication) -> dict[str, Any]:
    """The stored request back in its input shape (for re-reading with new parts)."""
    form = {k: v for k, v in app.form.items() if v not in (None, [], {})}
    for applicant in form.get("applicants", []):
        for key in [k for k, v in applicant.items() if v is None]:
            applicant.pop(key)
    if form.get("representative"):
        rep = {k: v for k, v in form["representative"].items() if v is not None}
        if rep.get("powerOfAttorney"):
            rep["powerOfAttorney"] = {k: v for k, v in rep["powerOfAttorney"].items()
                                      if v is not None}
        form["representative"] = rep
    if form.get("correspondence"):
        form["correspondence"] = {k: v for k, v in form["correspondence"].items()
                                  if v is not None}
    if form.get("attachments"):
        form["attachments"] = {k: v for k, v in form["attachments"].items() if v}
    if form.get("signatures"):
        form["signatures"] = [{k: v for k, v in s.items() if v is not None}
                              for s in form["signatures"]]
    return form


def _parts(app: UaGiApplication) -> dict[str, Any]:
    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v not in (None, [], False)}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    out: dict[str, Any] = {}
    for key, value in (("specification", app.specification),
                       ("singleDocument", app.single_document),
                       ("foreignDocuments", app.foreign_documents),
                       ("agreement", app.agreement), ("signature", app.signature)):
        if value:
            out[key] = clean(value)
    if app.channel == "electronic":
        out["signedByAll"] = True
    return out


async def fee_paid_guard(ctx: TransitionContext) -> str | None:
    state = await _filing_fee_state(ctx)
    if state != "paid":
        return f"the filing fee is {state} (GI rules V.4.1)"
    app = await app_of(ctx)
    if _missing(app):
        return "documents missing for a filing date (GI rules V.3.1)"
    return None


async def unpaid_after_materials(ctx: TransitionContext) -> str | None:
    return None if await _filing_fee_state(ctx) != "paid" else (
        "the filing fee is paid: T07.PAID (GI rules V.3.2 ¶1)")


async def paid_after_materials(ctx: TransitionContext) -> str | None:
    return None if await _filing_fee_state(ctx) == "paid" else (
        "the filing fee is not paid: T07 (GI rules V.4.2)")


async def set_filing_date(ctx: TransitionContext) -> None:
    """V.3.1: the filing date is the day UKRNOIVI received the request (set complete)."""
    app = await app_of(ctx)
    if app.filing_date is None:
        app.filing_date = app.received_on
    ctx.put(filingDate=app.filing_date.isoformat() if app.filing_date else None)
    if ctx.transition.starts and "filing_fee" in ctx.transition.starts and app.filing_date:
        ctx.count_from("filing_fee", app.filing_date)


async def fee_notice(ctx: TransitionContext) -> None:
    """T09 (V.4.2): the notice states the need to pay and the amount."""
    from ipreg.plugins.ukraine.gi.fees import NOT_IN_SEED, amounts

    amount = amounts()["filing"]
    await outgoing(ctx, "filing_fee_due", "Повідомлення про необхідність сплати збору за "
                   "подання заявки: " + (f"{amount} грн" if amount is not None else NOT_IN_SEED))


async def filing_date_notice(ctx: TransitionContext) -> None:
    """T10 (V.3.2 ¶1): the notice of the established filing date, within 1 month of the
    fee payment."""
    app = await app_of(ctx)
    if app.filing_date is None:
        app.filing_date = app.received_on
    translations = translation_warnings(app.foreign_documents or [], app.filing_date)
    if translations:
        ctx.put(warnings=[*ctx.data.get("warnings", []), *translations])
    await outgoing(ctx, "filing_date", "Повідомлення про встановлення дати подання заявки: "
                   f"{app.filing_date.isoformat() if app.filing_date else ''}")


async def prepaid_late(ctx: TransitionContext) -> str | None:
    return None if await _filing_fee_state(ctx) == "prepaid_late" else (
        "no prepaid fee outside its window (GI rules V.4.4 ¶1)")


async def disregard_prepayment(ctx: TransitionContext) -> None:
    """T13 (V.4.4 ¶1): the prepaid fee is disregarded and refunded, the applicant told at
    once; the filing fee is then due as if unpaid (Inference)."""
    for fee in await register.fees(ctx.session, ctx.case.id, "filing"):
        if fee.status == "paid":
            fee.status = "disregarded"
            fee.refunded_on = ctx.today
            fee.note = "V.4.4 ¶1: outside the prepayment window; refunded or re-credited"
    app = await app_of(ctx)
    if app.filing_date is None:
        app.filing_date = app.received_on
    if app.filing_date:
        ctx.count_from("filing_fee", app.filing_date)
    await outgoing(ctx, "prepayment_disregarded", "Збір не враховано, повертається (V.4.4)")


async def nonconforming(ctx: TransitionContext) -> str | None:
    return None if await _filing_fee_state(ctx) == "nonconforming" else (
        "no non-compliant filing fee (GI rules V.4.4 ¶2)")


async def fee_deficiency_notice(ctx: TransitionContext) -> None:
    app = await app_of(ctx)
    if app.filing_date is None:
        app.filing_date = app.received_on
    await outgoing(ctx, "fee_deficiency", "Повідомлення про невідповідність сплаченого збору",
                   limits=("fee_cure",))


async def fee_cured(ctx: TransitionContext) -> str | None:
    return None if await _filing_fee_state(ctx) == "paid" else (
        "the fee still does not comply (GI rules V.4.4 ¶2)")


# ---------------------------------------------------------------- formal examination


async def formal_ok(ctx: TransitionContext) -> str | None:
    if ctx.data.get("additionalMaterials"):
        return "additional materials are awaited (GI rules V.9)"
    if await _filing_fee_state(ctx) != "paid":
        return "the paid filing fee must comply (GI rules V.6.1)"
    return None


async def publish(ctx: TransitionContext) -> None:
    """T15 (V.5.1, V.6): notice of compliance and publication of the application data and
    the specification (or the foreign document's information) in the Bulletin; the 3-month
    opposition period runs from the publication (V.7.1)."""
    app = await app_of(ctx)
    await register.publish(ctx.session, app, ctx.today)
    ctx.count_from("opposition_period", ctx.today)
    await outgoing(ctx, "formal_compliance", "Повідомлення про відповідність заявки "
                   "формальним вимогам; публікація відомостей про заявку")
    ctx.put(publishedOn=ctx.today.isoformat())


async def deficiency_notice(ctx: TransitionContext) -> None:
    """T16 (V.5.2-5.3): the notice lists every deficiency with its ground."""
    items = ctx.input.get("deficiencies") or []
    problems = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or item.get("ground") not in DEFICIENCY_GROUNDS or not (
                item.get("text") or "").strip():
            problems.append(f"deficiencies[{i}]: a ground of {', '.join(DEFICIENCY_GROUNDS)} "
                            "and its reasons (GI rules V.5.2 ¶2-6; GI rules V.5.3)")
    if problems:
        raise BadUserInput("; ".join(problems), errors=problems, argument="deficiencies")
    ctx.put(deficiencies=items)
    await outgoing(ctx, "formal_deficiencies", f"Повідомлення про недоліки ({len(items)})",
                   limits=("formal_deficiencies",))


async def reply_deficiencies(ctx: TransitionContext) -> None:
    await in_time(ctx, "formal_deficiencies")
    await incoming(ctx, "deficiency_reply", str(ctx.input.get("reply", ""))[:500])


async def has_foreign_documents(ctx: TransitionContext) -> str | None:
    app = await app_of(ctx)
    return None if app.foreign_documents else "no foreign protection documents (GI rules V.5.6)"


async def invite_specification(ctx: TransitionContext) -> None:
    await outgoing(ctx, "specification_invitation", "Пропозиція подати погоджену "
                   "специфікацію (V.5.6)", limits=("spec_request_copy",))


async def request_copy_filed(ctx: TransitionContext) -> None:
    await in_time(ctx, "spec_request_copy")
    await incoming(ctx, "authority_request_copy", "Копія запиту до спеціально уповноваженого "
                   "органу")


async def agreed_specification(ctx: TransitionContext) -> None:
    """T21 (V.5.6 ¶2-3): the authority's agreement and the agreed specification."""
    from ipreg.plugins.ukraine.gi.forms.agreement import read_agreement
    from ipreg.plugins.ukraine.gi.forms.common import GiReader
    from ipreg.plugins.ukraine.gi.forms.specification import read_specification

    app = await app_of(ctx)
    reader = GiReader()
    agreement = read_agreement(reader, ctx.input.get("agreement"), "agreement")
    spec = read_specification(reader, ctx.input.get("specification"), "specification",
                              regime=app.regime, kind=app.kind)
    reader.raise_if_any()
    app.agreement, app.specification = agreement, spec
    await incoming(ctx, "agreed_specification", "Погоджена специфікація")


async def replacement_missing(ctx: TransitionContext) -> None:
    """T22 (V.5.6 ¶3, A-10): no replacement document: the formal deficiency path."""
    ctx.put(deficiencies=[{"ground": "documents", "text": "не подано документ, що замінює "
                           "специфікацію (V.5.6 ¶3)"}])
    await outgoing(ctx, "formal_deficiencies", "Повідомлення: не подано погоджену "
                   "специфікацію", limits=("formal_deficiencies",))


# ---------------------------------------------------------------- additional materials


async def no_overlay(ctx: TransitionContext) -> str | None:
    return "additional materials are already awaited" if ctx.data.get(
        "additionalMaterials") else None


async def overlay(ctx: TransitionContext) -> str | None:
    return None if ctx.data.get("additionalMaterials") else (
        "no additional materials were requested (GI rules V.9)")


async def request_additional(ctx: TransitionContext) -> None:
    """T23 (GI rules V.9.1): a reasoned request on top of any examination state."""
    ctx.put(additionalMaterials={"requestedOn": ctx.today.isoformat(),
                                 "reasons": ctx.input["reasons"], "state": ctx.case.state})
    await outgoing(ctx, "additional_materials", "Запит додаткових матеріалів",
                   limits=("additional_materials",))


async def file_additional(ctx: TransitionContext) -> None:
    """T24 (GI rules V.9.4): the materials; parts that change the claimed GI, the product, its main
    characteristics, the link, the place or the use are disregarded and the applicant told."""
    await in_time(ctx, "additional_materials")
    disregarded = ctx.input.get("disregarded") or []
    ctx.put(additionalMaterials=None, disregardedMaterials=disregarded)
    await incoming(ctx, "additional_materials", "Додаткові матеріали")
    if disregarded:
        await outgoing(ctx, "materials_disregarded", "Частини матеріалів не враховано (V.9.4)")


# ---------------------------------------------------------------- substantive examination


async def oppositions_settled(ctx: TransitionContext) -> str | None:
    """A-14: no conclusion while the opposition period runs or an accepted opposition's
    reply and consultation periods run."""
    for deadline in await ctx.deadlines("opposition_period"):
        if deadline.status == "running" and ctx.today <= deadline.due_on:
            return f"the opposition period runs until {deadline.due_on.isoformat()} (V.7.1)"
    open_ = [c.number for c in await oppositions(ctx) if c.state in OPEN_OPPOSITION]
    if open_:
        return f"oppositions still open: {', '.join(open_)} (A-14, GI rules V.7.11-7.12)"
    return None


async def find_homonyms(ctx: TransitionContext) -> None:
    """VR-45 (V.8.3, VI.5.5): the homonyms the examination of the name weighs."""
    ctx.put(homonyms=await lookups.homonyms(ctx.session, await app_of(ctx)))


async def all_oppositions_decided(ctx: TransitionContext) -> str | None:
    reason = await oppositions_settled(ctx)
    if reason:
        return reason
    pending = [c.number for c in await oppositions(ctx)
               if c.state in ("consultations_closed_agreed", "consultations_closed_no_agreement")]
    if pending:
        return f"oppositions not yet considered: {', '.join(pending)} (GI rules V.8.7)"
    return None


async def preliminary_conclusion(ctx: TransitionContext) -> None:
    """T28 (V.8.2): every ground with its references; reply within 2 months of receipt."""
    ctx.put(preliminaryGrounds=ctx.input["grounds"])
    await outgoing(ctx, "preliminary_conclusion", "Попередній висновок експертизи",
                   limits=("preliminary_reply",))


async def preliminary_reply(ctx: TransitionContext) -> None:
    await in_time(ctx, "preliminary_reply")
    await incoming(ctx, "preliminary_reply", "Відповідь на попередній висновок")


async def _decide(ctx: TransitionContext, outcome: str, status: str) -> None:
    """GI rules V.10.1, V.2.3, V.10.5-10.6: the reasoned conclusion and UKRNOIVI's decision
    on it, sent to the applicant together, a copy to every opponent at the same time
    (O17)."""
    app = await app_of(ctx)
    decision = await ctx.decide("registration" if outcome == "registration" else "refusal",
                                outcome, grounds=ctx.input.get("conclusion"))
    ctx.put(decision={"outcome": outcome, "date": decision.date.isoformat(),
                      "conclusion": ctx.input.get("conclusion")})
    await register.set_status(ctx.session, app, status, ctx.today)
    limits = [c for c in ("state_duty", "copies_request", "appeal_applicant")
              if c in ctx.transition.starts]
    await outgoing(ctx, "decision", f"Рішення ({outcome}) з висновком експертизи",
                   limits=limits)
    for opposition in await oppositions(ctx):
        if opposition.state in ("upheld", "dismissed"):
            await ctx.perform(opposition.id, "UA.GI.O17")


async def decide_registration(ctx: TransitionContext) -> None:
    await _decide(ctx, "registration", "registration_decided")


async def decide_refusal(ctx: TransitionContext) -> None:
    await _decide(ctx, "refusal", "refused")


async def aggressor_refusal(ctx: TransitionContext) -> None:
    """T33 (V.2.7): an applicant linked to the aggressor state: refusal; no amendment of the
    application is granted afterwards."""
    ctx.put(aggressorLinked=ctx.input["finding"])
    await _decide(ctx, "refusal", "refused")


async def duty_and_fee_paid(ctx: TransitionContext) -> str | None:
    """V.2.2 ¶3, art. 14 part 1: the state duty and the publication fee are both paid."""
    fees = await register.fees(ctx.session, ctx.case.id)
    missing = [k for k in ("state_duty", "publication")
               if not any(f.kind == k and f.status == "paid" for f in fees)]
    if missing:
        return (f"not paid: {', '.join(missing)} (GI rules V.2.2 ¶3; art. 14 part 1 of the "
                "Law)")
    return None


async def registered(ctx: TransitionContext) -> None:
    """T34 (V.2.2 ¶3, art. 14): the state duty document and publication fee in time; the
    registration in the State Register follows (outside the Rules)."""
    await in_time(ctx, "state_duty")
    app = await app_of(ctx)
    await incoming(ctx, "state_duty_document", "Документ про сплату державного мита та збору")
    await register.set_status(ctx.session, app, "registered", ctx.today)


async def lapse(ctx: TransitionContext) -> None:
    """V.2.2 ¶2-3 (T40): the notice of deemed withdrawal; it takes effect the day after the
    missed limit's last day; oppositions are then held (V.7.13 ¶1)."""
    from ipreg.plugins.ukraine.gi.terms import effective_after

    expired = ctx.input.get("expiredLimit")
    due = None
    for deadline in await ctx.deadlines(expired) if expired else []:
        due = deadline.due_on
    steps = await ctx.steps()
    ctx.put(deemedWithdrawn={
        "limit": expired, "fromState": steps[-1].to_state if steps else None,
        "effectiveOn": effective_after(due).isoformat() if due else ctx.today.isoformat()})
    app = await app_of(ctx)
    await register.set_status(ctx.session, app, "deemed_withdrawn", ctx.today)
    await outgoing(ctx, "deemed_withdrawn", "Заявка вважається відкликаною")


async def not_filed(ctx: TransitionContext) -> None:
    await outgoing(ctx, "deemed_not_filed", "Заявка вважається неподаною (V.3.2 ¶3)")


async def withdraw(ctx: TransitionContext) -> None:
    """T39 (VI.5): withdrawal dated by UKRNOIVI's receipt (GI rules VI.5.3), before registration; a
    representative needs the power expressly (VI.5.2); oppositions become moot and their
    opponents are told (V.7.14 ¶2)."""
    app = await app_of(ctx)
    rep = app.form.get("representative") or {}
    if ctx.principal.roles("ua_gi") & {"representative"} and not (
            rep.get("powerOfAttorney") or {}).get("mayWithdraw") and not single_act(
                ctx.principal, ctx.data):      # its PoA's express right: checked on appointment
        raise refuse("a representative withdraws only with the power expressly stated in "
                     "the PoA (VQ-06, GI rules VI.5.2, III.1.7 ¶11)")
    ctx.put(withdrawnOn=ctx.today.isoformat())
    await incoming(ctx, "withdrawal", "Заява про відкликання заявки")
    await register.set_status(ctx.session, app, "withdrawn", ctx.today)
    from ipreg.plugins.ukraine.gi.procedures.opposition import BEFORE_DECISION as PENDING

    for opposition in await oppositions(ctx):
        if opposition.state in PENDING:        # a decided opposition keeps its appeal period
            await ctx.perform(opposition.id, "UA.GI.O16")


def _t(code: str, en: str, uk: str, source: Any, target: str | None, roles: Any, basis: str,
       **kw: Any) -> Any:
    return transition(f"UA.GI.{code}", en, uk, source if isinstance(source, tuple | list | set
                                                                     | frozenset) else (source,),
                      target, roles, basis, **examiner_act(roles, later_document(kw) if code in
                                                           LATER_DOCUMENTS else kw))


#: The applicant's later documents (GI rules IV.7): missing materials, the reply to the
#: deficiencies, the copy of the request to the authority, additional materials, the reply to
#: the preliminary conclusion. (The withdrawal, T39, keeps `true` in the client contract; its
#: signature comes through ``uaGiPerform(signature:)``: ``representatives.finish``.)
LATER_DOCUMENTS = frozenset({"T07", "T07.PAID", "T17", "T20", "T24", "T29"})


FILING = InputField("filing", "json", True, "The application (GI rules II.1)", FILING_FORM)
#: V.2.2 ¶2: the notice of a deemed withdrawal, stating its circumstances.
DEEMED_WITHDRAWN = notice("deemed_withdrawn", "Заявка вважається відкликаною (V.2.2)")

TRANSITIONS = [
    _t("T01", "Paper application received and registered", "Подано заявку на папері", (),
       "received", APPLICANT | CLERK, "GI rules III.1.1, III.2.1-2.4",
       inputs=(FILING, date_input("receivedOn", "Date of receipt stamped (III.2.1); today by "
                                  "default")),
       effects=(file_paper,), notices=(notice("acknowledgment", "Заявку одержано (III.2.4)"),)),
    _t("T02", "Electronic application filed through the ICS", "Подано електронну заявку", (),
       "submitted", APPLICANT, "GI rules III.1.2, II.3.11", inputs=(FILING,),
       effects=(file_electronic,)),
    _t("T03", "Technical check and signature passed", "Технічну перевірку пройдено",
       "submitted", "received", ICS | SYSTEM, "GI rules III.2.5, III.1.11",
       effects=(technical_check_passed,),
       notices=(notice("acknowledgment", "Електронну заявку одержано (III.2.5)"),)),
    _t("T04", "Technical check failed: rejected", "Технічну перевірку не пройдено",
       "submitted", "rejected_technical", ICS | SYSTEM, "GI rules III.2.6",
       inputs=(text_input("reasons", "Reasons for the rejection (III.2.6)"),),
       effects=(technical_check_failed,),
       notices=(notice("technical_rejection", "Електронну заявку відхилено (III.2.6)"),)),
    _t("T05", "Examiner assigned automatically", "Призначено експерта", "received", None,
       SYSTEM | CLERK | HEAD, "GI rules V.1.1", guard=chronological, effects=(assign_effect,),
       starts=("self_recusal",)),
    _t("T06", "Missing filing materials requested", "Запит відсутніх матеріалів", "received",
       "awaiting_filing_materials", EXAMINER, "GI rules V.3.2 ¶2", guard=incomplete,
       effects=(request_materials,), starts=("filing_materials",),
       notices=(notice("missing_materials", "Відсутні матеріали заявки (V.3.2)"),)),
    _t("T07", "Missing materials filed, fee due", "Подано відсутні матеріали",
       "awaiting_filing_materials", "awaiting_filing_fee", APPLICANT, "GI rules V.3.2 ¶3",
       inputs=(json_input("documents", "The missing parts: specification, singleDocument, "
                          "foreignDocuments, agreement"),
               date_input("postedOn", "Date of posting (Civil Code art. 255)")),
       guard=unpaid_after_materials, effects=(supply_materials, set_filing_date),
       within=("filing_materials",), stops=("filing_materials",), starts=("filing_fee",)),
    _t("T07.PAID", "Missing materials filed, fee paid", "Подано відсутні матеріали (збір "
       "сплачено)", "awaiting_filing_materials", "formal_examination", APPLICANT,
       "GI rules V.3.2 ¶3, V.3.2 ¶1",
       inputs=(json_input("documents", "The missing parts"),
               date_input("postedOn", "Date of posting (Civil Code art. 255)")),
       guard=paid_after_materials, effects=(supply_materials, filing_date_notice),
       within=("filing_materials",), stops=("filing_materials",)),
    _t("T08", "Deemed not filed", "Заявка вважається неподаною", "awaiting_filing_materials",
       "deemed_not_filed", SYSTEM, "GI rules V.3.2 ¶3",
       inputs=(InputField("expiredLimit", required=False),), effects=(not_filed,),
       notices=(notice("deemed_not_filed", "Заявка вважається неподаною (V.3.2 ¶3)"),)),
    _t("T09", "Filing date set, filing fee due", "Встановлено дату подання; збір не сплачено",
       "received", "awaiting_filing_fee", EXAMINER, "GI rules V.3.1, V.4.2, III.1.10 ¶2",
       guard=complete_and_unpaid, effects=(set_filing_date, fee_notice),
       starts=("filing_fee",),
       notices=(notice("filing_fee_due", "Сплатіть збір за подання заявки (V.4.2)"),)),
    _t("T10", "Compliant fee: filing date notice, formal examination",
       "Збір сплачено: повідомлення про дату подання", ("received", "awaiting_filing_fee"),
       "formal_examination", EXAMINER, "GI rules V.3.2 ¶1, V.4.1", guard=fee_paid_guard,
       effects=(set_filing_date, filing_date_notice), stops=("filing_fee",),
       notices=(notice("filing_date", "Встановлено дату подання заявки (V.3.2 ¶1)"),)),
    _t("T12", "Filing fee not paid: deemed withdrawn", "Збір не сплачено: вважається "
       "відкликаною", "awaiting_filing_fee", "deemed_withdrawn", SYSTEM,
       "GI rules V.4.3, V.2.2 ¶3", inputs=(InputField("expiredLimit", required=False),),
       effects=(lapse,), starts=("restoration_window",),
       notices=(DEEMED_WITHDRAWN,)),
    _t("T13", "Prepaid fee outside its window: disregarded", "Передоплату не враховано",
       ("received", "awaiting_filing_fee"), "awaiting_filing_fee", EXAMINER,
       "GI rules V.4.4 ¶1, III.1.10 ¶3-5", guard=prepaid_late,
       effects=(disregard_prepayment,), starts=("filing_fee",),
       notices=(notice("prepayment_disregarded", "Збір не враховано (V.4.4 ¶1)"),)),
    _t("T14", "Non-compliant fee: cure requested", "Невідповідність сплаченого збору",
       ("received", "awaiting_filing_fee"), "fee_deficiency", EXAMINER, "GI rules V.4.4 ¶2",
       guard=nonconforming, effects=(fee_deficiency_notice,), stops=("filing_fee",),
       starts=("fee_cure",)),
    _t("T14.CURE", "Fee deficiency cured", "Невідповідність збору усунено", "fee_deficiency",
       "formal_examination", EXAMINER, "GI rules V.4.4 ¶2", guard=fee_cured,
       effects=(set_filing_date, filing_date_notice), within=("fee_cure",),
       stops=("fee_cure",)),
    _t("T14.LAPSE", "Fee deficiency not cured: deemed withdrawn (A-09)",
       "Невідповідність не усунено", "fee_deficiency", "deemed_withdrawn", SYSTEM,
       "GI rules V.4.4 ¶2, V.4.3", inputs=(InputField("expiredLimit", required=False),),
       effects=(lapse,), starts=("restoration_window",),
       notices=(DEEMED_WITHDRAWN,)),
    _t("T15", "Formal requirements met: published", "Відповідає формальним вимогам; "
       "публікація", "formal_examination", "published", EXAMINER, "GI rules V.5.1, V.6.1",
       guard=formal_ok, effects=(publish,), starts=("opposition_period",),
       notices=(notice("formal_compliance", "Заявка відповідає формальним вимогам (V.5.1)"),)),
    _t("T16", "Deficiency notice", "Повідомлення про недоліки", "formal_examination",
       "formal_deficiencies", EXAMINER, "GI rules V.5.2-5.4",
       inputs=(InputField("deficiencies", "json", True, "Every deficiency: {ground, text}; "
                          f"grounds {', '.join(DEFICIENCY_GROUNDS)} (V.5.2 ¶2-6)"),),
       effects=(deficiency_notice,), starts=("formal_deficiencies",),
       notices=(notice("formal_deficiencies", "Недоліки заявки (V.5.3)"),)),
    _t("T17", "Deficiencies cured", "Недоліки усунено", "formal_deficiencies",
       "formal_examination", APPLICANT, "GI rules V.5.4",
       inputs=(text_input("reply", "The reply curing the deficiencies"),
               date_input("postedOn", "Date of posting (Civil Code art. 255)")),
       effects=(reply_deficiencies,), within=("formal_deficiencies",),
       stops=("formal_deficiencies",)),
    _t("T18", "Deficiencies not cured: deemed withdrawn", "Недоліки не усунено",
       "formal_deficiencies", "deemed_withdrawn", SYSTEM, "GI rules V.5.4, V.2.2",
       inputs=(InputField("expiredLimit", required=False),), effects=(lapse,),
       starts=("restoration_window",), notices=(DEEMED_WITHDRAWN,)),
    _t("T19", "Foreign documents fail GI rules II.5.2: agreed specification invited",
       "Запропоновано подати погоджену специфікацію", "formal_examination", "spec_invited",
       EXAMINER, "GI rules V.5.6 ¶1-2, II.1.2 ¶3", guard=has_foreign_documents,
       effects=(invite_specification,), starts=("spec_request_copy",)),
    _t("T20", "Copy of the request to the competent authority filed: suspended",
       "Подано копію запиту: зупинення", "spec_invited", "suspended_spec_agreement",
       APPLICANT, "GI rules V.5.6 ¶2",
       inputs=(date_input("postedOn", "Date of posting (Civil Code art. 255)"),),
       effects=(request_copy_filed,), within=("spec_request_copy",),
       stops=("spec_request_copy",), starts=("spec_agreement",)),
    _t("T21", "Agreed specification filed: examination resumes",
       "Подано погоджену специфікацію", "suspended_spec_agreement", "formal_examination",
       APPLICANT | frozenset({"ua_gi_competent_authority"}), "GI rules V.5.6 ¶2-3",
       inputs=(json_input("agreement", "The authority's agreement (§2.7)"),
               json_input("specification", "The agreed specification (S1-S9)")),
       effects=(agreed_specification,), stops=("spec_agreement",)),
    _t("T22", "Replacement document not filed: formal deficiency (A-10)",
       "Не подано документ, що замінює специфікацію",
       ("spec_invited", "suspended_spec_agreement"), "formal_deficiencies",
       SYSTEM | EXAMINER, "GI rules V.5.6 ¶3",
       inputs=(InputField("expiredLimit", required=False),), effects=(replacement_missing,),
       stops=("spec_request_copy", "spec_agreement"), starts=("formal_deficiencies",)),
    _t("T23", "Additional materials requested", "Запит додаткових матеріалів", OVERLAID,
       None, EXAMINER, "GI rules V.5.5, V.9.1-9.2, VI.3.10 (on an amendment request)",
       inputs=(text_input("reasons", "Reasoned request: objective circumstances and legal "
                          "provisions (V.9.1)"),),
       guard=no_overlay, effects=(request_additional,), starts=("additional_materials",)),
    _t("T24", "Additional materials filed", "Подано додаткові матеріали", OVERLAID, None,
       APPLICANT, "GI rules V.9.2, V.9.4",
       inputs=(text_input("materials", "The materials"),
               InputField("disregarded", "list", False, "Parts going beyond the application "
                          "(V.9.4), set by the examiner's review"),
               date_input("postedOn", "Date of posting (Civil Code art. 255)")),
       guard=overlay, effects=(file_additional,), within=("additional_materials",),
       stops=("additional_materials",)),
    _t("T25", "Additional materials not filed: deemed withdrawn",
       "Додаткові матеріали не подано", OVERLAID, "deemed_withdrawn", SYSTEM,
       "GI rules V.9.3", inputs=(InputField("expiredLimit", required=False),),
       effects=(lapse,), starts=("restoration_window",),
       notices=(DEEMED_WITHDRAWN,)),
    _t("T27", "Opposition period over: examination of the name", "Експертиза назви",
       "published", "substantive_examination", SYSTEM | EXAMINER, "GI rules V.2.1; GI rules V.8.1",
       inputs=(InputField("expiredLimit", required=False),), guard=oppositions_settled,
       effects=(find_homonyms, find_in_sources)),
    _t("T28", "Preliminary conclusion (preliminary refusal)", "Попередній висновок",
       "substantive_examination", "preliminary_refusal", EXAMINER, "GI rules V.8.2",
       inputs=(text_input("grounds", "All grounds with references (V.8.2 ¶1-2)"), CITE),
       guard=all_oppositions_decided, effects=(cite_determinations, preliminary_conclusion),
       starts=("preliminary_reply",),
       notices=(notice("preliminary_conclusion", "Попередній висновок експертизи (V.8.2)"),)),
    _t("T29", "Reasoned reply to the preliminary conclusion", "Відповідь на попередній "
       "висновок", "preliminary_refusal", "substantive_examination", APPLICANT,
       "GI rules V.8.2 ¶4-5",
       inputs=(text_input("reply", "The reasoned reply"),
               date_input("postedOn", "Date of posting (Civil Code art. 255)")),
       effects=(preliminary_reply,), within=("preliminary_reply",),
       stops=("preliminary_reply",)),
    _t("T30", "No reply: deemed withdrawn (A-11)", "Відповіді немає: вважається відкликаною",
       "preliminary_refusal", "deemed_withdrawn", SYSTEM, "GI rules V.2.2 ¶3, VI.2.5",
       inputs=(InputField("expiredLimit", required=False),), effects=(lapse,),
       starts=("restoration_window",), notices=(DEEMED_WITHDRAWN,)),
    _t("T31", "Positive conclusion: decision to register", "Рішення про реєстрацію",
       "substantive_examination", "decided_registration", EXAMINER | HEAD,
       "GI rules V.10.2, V.10.5-10.6",
       inputs=(text_input("conclusion", "The examination conclusion with the bibliographic "
                          "data (V.10.2)"),),
       guard=all_oppositions_decided, effects=(decide_registration,),
       starts=("state_duty", "copies_request"),
       notices=(notice("decision", "Рішення про реєстрацію з висновком (V.10.6)"),
                notice("decision_copy", "Копія рішення (V.10.6 ¶2)", to=to_opponents))),
    _t("T32", "Negative conclusion: decision to refuse", "Рішення про відмову",
       "substantive_examination", "decided_refusal", EXAMINER | HEAD,
       "GI rules V.10.3-10.6",
       inputs=(text_input("conclusion", "The reasoned negative conclusion with its sources "
                          "(V.10.3)"), CITE),
       guard=all_oppositions_decided, effects=(cite_determinations, decide_refusal),
       starts=("copies_request", "appeal_applicant"),
       notices=(notice("decision", "Рішення про відмову з висновком (V.10.6)"),
                notice("decision_copy", "Копія рішення (V.10.6 ¶2)", to=to_opponents))),
    _t("T33", "Applicant linked to the aggressor state: refusal", "Відмова (V.2.7)",
       BEFORE_DECISION, "decided_refusal", EXAMINER | HEAD, "GI rules V.2.7",
       inputs=(text_input("finding", "The finding under CMU res. 187/2022 (VR-43)"),),
       effects=(aggressor_refusal,), starts=("copies_request", "appeal_applicant"),
       notices=(notice("decision", "Рішення про відмову (V.2.7)"),)),
    _t("T34", "State duty document and publication fee received: registered",
       "Зареєстровано", "decided_registration", "registered", APPLICANT,
       "GI rules V.2.2 ¶3, VI.2.1, VI.3.11 ¶2",
       inputs=(date_input("postedOn", "Date of posting (Civil Code art. 255)"),),
       guard=duty_and_fee_paid, effects=(registered,), within=("state_duty",),
       stops=("state_duty",)),
    _t("T35", "State duty limit expired: deemed withdrawn", "Мито не сплачено",
       "decided_registration", "deemed_withdrawn", SYSTEM, "GI rules V.2.2 ¶3",
       inputs=(InputField("expiredLimit", required=False),), effects=(lapse,),
       starts=("restoration_window",), notices=(DEEMED_WITHDRAWN,)),
    _t("T39", "Withdrawn by the applicant", "Заявку відкликано", BEFORE_REGISTRATION,
       "withdrawn", APPLICANT, "GI rules VI.5.1-5.4, V.7.14 ¶2", effects=(withdraw,),
       notices=(notice("withdrawn", "Заявку відкликано (GI rules VI.5.4)"),
                notice("application_withdrawn", "Заявку відкликано (V.7.14 ¶2)",
                       to=to_opponents))),
]

__all__ = ["BEFORE_DECISION", "BEFORE_REGISTRATION", "EXAMINING", "TRANSITIONS", "assign",
           "examiners"]
