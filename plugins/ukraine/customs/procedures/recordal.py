"""UAC.REC: a recordal, from its electronic filing to the end of its registration.

CC Art. 398 and Order 282 (digest §2.1): the right holder files electronically
(Order 282 electronic) an application naming several objects; the register official
registers it (each object an entry with its number, the term at most one year, Order
282 term) or refuses it with reasons; the holder asks for amendments and extensions
(Order 282 extension), which the official grants or refuses; the term ends by itself
(expiry, UAC.REC.11, applied by the engine when the ``term`` limit expires); an entry
whose right lapsed is revoked (608/2013 Art. 11(3)). Registration is free of official
charges (Order 282 no fee): no act asks for a payment or a deposit. An EU application
for action imported through COPIS opens the same procedure (UAC.REC.13).
"""

from __future__ import annotations

from ipreg.core.errors import BadUserInput, PreconditionFailed
from ipreg.core.procedures import (
    InputField,
    State,
    TransitionContext,
    build,
    days,
    notice,
)
from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec, Problems
from ipreg.plugins.ukraine.customs import register
from ipreg.plugins.ukraine.customs.codes import JURISDICTION
from ipreg.plugins.ukraine.customs.forms import (
    AMENDMENT,
    RECORDAL,
    TERM_RULE,
    check_images,
    parse_amendment,
    parse_recordal,
)
from ipreg.plugins.ukraine.customs.procedures.common import (
    HOLDER_SIDE,
    REGISTRAR,
    REGISTRARS,
    SYSTEM,
    limit,
    names,
    to_holder,
    to_role,
    transition,
)
from ipreg.plugins.ukraine.customs.terms import MAX_TERM_MONTHS

CODE = "UAC.REC"
#: 608/2013 Art. 12: an extension request this many working days or fewer before the
#: term ends may be refused (Ukraine's own cut-off was not found: the EU one, flagged).
LATE_EXTENSION_WORKING_DAYS = 30
REASONS = InputField("reasons", "string", description="The reasons, as notified.")
RECORDAL_INPUT = InputField("recordal", "json", form=RECORDAL,
                            description="The recordal (Order 282; AFA boxes, Reg. 608/2013 "
                            "Art. 6(3) a-k).")
EXTENSION = FormSpec("extension", "A request to extend the registration (Order 282 "
                     "extension).", (
    F("termMonths", "int", "Months requested (at most 12)", "Order 282 extension",
      required=True, minimum=1, maximum=MAX_TERM_MONTHS),
))


async def _file(ctx: TransitionContext, source: str = "filing") -> None:
    """UAC.REC.01: the filing is read, its images checked, the recordal stored."""
    recordal = parse_recordal(ctx.input.get("recordal"), ctx.today)
    problems = Problems()
    await check_images(ctx.session, recordal.files(), problems)
    problems.raise_if_any()
    acting = {ctx.case.applicant_id} if ctx.case.applicant_id is not None else set()
    row = await register.file_recordal(ctx.session, recordal, case_id=ctx.case.id,
                                       today=ctx.today, now=ctx.now, source=source,
                                       acting_for=acting)
    if ctx.case.applicant_id is None:
        ctx.case.applicant_id = row.applicant_id
    elif row.applicant_id != ctx.case.applicant_id:
        raise PreconditionFailed(
            "UAC.REC.01: the applicant of the form is not the party you act for: only the "
            "owner registers its objects (Order 282 applicant)")
    ids = await register.object_ids(ctx.session, row)
    ctx.case.object_id = ids[0]
    ctx.put(recordalId=row.id, objects=ids, termMonths=recordal.term_months,
            filedOn=ctx.today.isoformat(), source=source)


async def _import(ctx: TransitionContext) -> None:
    await _file(ctx, "afa")
    ctx.put(afaReference=ctx.input.get("afaReference"))


async def _register(ctx: TransitionContext) -> None:
    """UAC.REC.03 (CC Art. 398): numbers, publication, and the term limit to its end."""
    row = await register.recordal_of_case(ctx.session, ctx.case.id)
    decision = await ctx.decide("UAC.REC.03", "registered")
    rights = await register.register(ctx.session, row, today=ctx.today, now=ctx.now,
                                     case_id=ctx.case.id, decision=decision.number)
    assert row.valid_until is not None
    await ctx.start_limit("term", days((row.valid_until - ctx.today).days), "Order 282 term")
    ctx.put(registeredOn=ctx.today.isoformat(), validUntil=row.valid_until.isoformat(),
            registerNumbers=[r.register_number for r in rights])


async def _refuse(ctx: TransitionContext) -> None:
    row = await register.recordal_of_case(ctx.session, ctx.case.id)
    reasons = str(ctx.input["reasons"])
    await ctx.decide(ctx.transition.code, "refused", grounds=reasons)
    await register.refuse(ctx.session, row, reasons, today=ctx.today, now=ctx.now,
                          case_id=ctx.case.id)
    ctx.put(refusalReasons=reasons)


async def _request_amendment(ctx: TransitionContext) -> None:
    parse_amendment(ctx.input.get("changes"), ctx.today)
    ctx.put(pendingAmendment=ctx.input["changes"])


async def _approve_amendment(ctx: TransitionContext) -> None:
    row = await register.recordal_of_case(ctx.session, ctx.case.id)
    changes = parse_amendment(ctx.data.get("pendingAmendment"), ctx.today)
    await ctx.decide(ctx.transition.code, "amended")
    await register.amend(ctx.session, row, changes, today=ctx.today, now=ctx.now,
                         case_id=ctx.case.id)
    ctx.put(pendingAmendment=None, amendedOn=ctx.today.isoformat())


async def _reject(ctx: TransitionContext) -> None:
    reasons = str(ctx.input["reasons"])
    await ctx.decide(ctx.transition.code, "refused", grounds=reasons)
    ctx.put(pendingAmendment=None, pendingExtension=None, lastRefusal=reasons)


async def _request_extension(ctx: TransitionContext) -> None:
    months = ctx.input.get("termMonths")
    if not isinstance(months, int) or isinstance(months, bool) or \
            not 1 <= months <= MAX_TERM_MONTHS:
        raise BadUserInput(f"termMonths: {months!r} months: an extension is at most one year "
                           f"({MAX_TERM_MONTHS} months) (Order 282 extension; {TERM_RULE})",
                           field="termMonths", rule="Order 282 extension")
    row = await register.recordal_of_case(ctx.session, ctx.case.id)
    assert row.valid_until is not None
    left = ctx.calendar.count_working_days(ctx.today, row.valid_until)
    # 608/2013 Art. 12: a request received less than 30 working days before the term
    # ends may be refused: flagged for the official's decision, not refused here.
    late = left < LATE_EXTENSION_WORKING_DAYS
    ctx.put(pendingExtension=months, extensionRequestLate=late,
            workingDaysLeft=left)


async def _extend(ctx: TransitionContext) -> None:
    """UAC.REC.09: the new term follows the old one; the term limit moves with it."""
    row = await register.recordal_of_case(ctx.session, ctx.case.id)
    months = int(ctx.data["pendingExtension"])
    await ctx.decide(ctx.transition.code, "extended")
    end = await register.extend(ctx.session, row, months, today=ctx.today, now=ctx.now,
                                case_id=ctx.case.id)
    await ctx.start_limit("term", days((end - ctx.today).days), "Order 282 extension")
    ctx.put(pendingExtension=None, validUntil=end.isoformat())


async def _expire(ctx: TransitionContext) -> None:
    row = await register.recordal_of_case(ctx.session, ctx.case.id)
    await register.expire(ctx.session, row, today=ctx.today, now=ctx.now, case_id=ctx.case.id)


async def _revoke(ctx: TransitionContext) -> None:
    """608/2013 Art. 11(3): revoke the entries of lapsed rights; the recordal is revoked
    (a final state) once none remains in force."""
    row = await register.recordal_of_case(ctx.session, ctx.case.id)
    numbers = [str(n) for n in ctx.input.get("registerNumbers") or []]
    reasons = str(ctx.input["reasons"])
    revoked = await register.revoke(ctx.session, row, numbers, reasons, today=ctx.today,
                                    now=ctx.now, case_id=ctx.case.id)
    if not revoked:
        raise PreconditionFailed("UAC.REC.12: no right of this recordal has lapsed; name the "
                                 "entries (registerNumbers) whose right lapsed "
                                 "(608/2013 Art. 11(3))")
    await ctx.decide(ctx.transition.code, "revoked", grounds=reasons)
    if row.status == "revoked":
        ctx.case.state = "revoked"
    ctx.put(revoked=[*ctx.data.get("revoked", []), *[r.register_number for r in revoked]])


IN_FORCE = {"registered", "amendment_requested", "extension_requested"}

RECORDAL_PROCEDURE = build(
    CODE, JURISDICTION, names("Recordal in the customs register of IP objects",
                              "Реєстрація в митному реєстрі ОПІВ"),
    legal_basis="CC Art. 398",
    states=[
        State("filed", names("Filed, under examination", "Подано, на розгляді")),
        State("registered", names("Registered", "Зареєстровано")),
        State("refused", names("Refused", "Відмовлено"), final=True),
        State("amendment_requested", names("Amendment requested", "Подано зміни")),
        State("extension_requested", names("Extension requested", "Подано заяву про "
                                                                   "продовження")),
        State("expired", names("Expired", "Строк закінчився"), final=True),
        State("revoked", names("Revoked", "Скасовано"), final=True),
    ],
    time_limits=[
        limit("examination", owed_by=REGISTRARS),
        limit("amendmentDecision", owed_by=REGISTRARS),
        limit("extensionDecision", owed_by=REGISTRARS),
        limit("term", on_expiry="UAC.REC.11", calendar_end=True),
    ],
    transitions=[
        transition("UAC.REC.01", "File a recordal", "Подати заяву", set(), "filed",
                   HOLDER_SIDE, "Order 282 electronic", inputs=(RECORDAL_INPUT,),
                   effects=(_file,), starts=("examination",),
                   notices=(notice("UAC.REC.01", "Your recordal application was received"),
                            notice("UAC.REC.01", "A recordal application to examine",
                                   to=to_role(REGISTRAR)))),
        transition("UAC.REC.13", "Import an EU application for action",
                   "Імпортувати заяву ЄС", set(), "filed", REGISTRARS, "Seed 000 COPIS",
                   inputs=(RECORDAL_INPUT, InputField(
                       "afaReference", "string", required=False,
                       description="The AFA's number in COPIS.")),
                   effects=(_import,), starts=("examination",),
                   notices=(notice("UAC.REC.13", "Your application for action was received "
                                   "as a recordal", to=to_holder),)),
        transition("UAC.REC.03", "Register", "Зареєструвати", {"filed"}, "registered",
                   REGISTRARS, "CC Art. 398", effects=(_register,), stops=("examination",),
                   notices=(notice("UAC.REC.03", "Your objects are registered in the "
                                   "customs register", to=to_holder),)),
        transition("UAC.REC.04", "Refuse, with reasons", "Відмовити з обґрунтуванням",
                   {"filed"}, "refused", REGISTRARS, "Order 282 refusal", inputs=(REASONS,),
                   effects=(_refuse,), stops=("examination",),
                   notices=(notice("UAC.REC.04", "Your recordal application is refused",
                                   to=to_holder),)),
        transition("UAC.REC.05", "Request an amendment", "Подати зміни", {"registered"},
                   "amendment_requested", HOLDER_SIDE, "Order 282 amendment",
                   inputs=(InputField("changes", "json", form=AMENDMENT,
                                      description="The parts to replace."),),
                   effects=(_request_amendment,), starts=("amendmentDecision",),
                   notices=(notice("UAC.REC.05", "An amendment to decide",
                                   to=to_role(REGISTRAR)),)),
        transition("UAC.REC.06", "Approve the amendment", "Внести зміни",
                   {"amendment_requested"}, "registered", REGISTRARS, "Order 282 amendment",
                   effects=(_approve_amendment,), stops=("amendmentDecision",),
                   notices=(notice("UAC.REC.06", "Your amendment is registered",
                                   to=to_holder),)),
        transition("UAC.REC.07", "Refuse the amendment", "Відмовити у змінах",
                   {"amendment_requested"}, "registered", REGISTRARS, "Order 282 amendment",
                   inputs=(REASONS,), effects=(_reject,), stops=("amendmentDecision",),
                   notices=(notice("UAC.REC.07", "Your amendment is refused",
                                   to=to_holder),)),
        transition("UAC.REC.08", "Request an extension", "Подати заяву про продовження",
                   {"registered"}, "extension_requested", HOLDER_SIDE, "Order 282 extension",
                   inputs=(InputField("termMonths", "int", description="Months requested "
                                      "(at most 12)."),),
                   effects=(_request_extension,), starts=("extensionDecision",),
                   notices=(notice("UAC.REC.08", "An extension to decide",
                                   to=to_role(REGISTRAR)),)),
        transition("UAC.REC.09", "Extend the term", "Продовжити строк",
                   {"extension_requested"}, "registered", REGISTRARS, "Order 282 extension",
                   effects=(_extend,), stops=("extensionDecision",),
                   notices=(notice("UAC.REC.09", "The term of your registration is extended",
                                   to=to_holder),)),
        transition("UAC.REC.10", "Refuse the extension", "Відмовити у продовженні",
                   {"extension_requested"}, "registered", REGISTRARS, "Order 282 extension",
                   inputs=(REASONS,), effects=(_reject,), stops=("extensionDecision",),
                   notices=(notice("UAC.REC.10", "Your extension request is refused",
                                   to=to_holder),)),
        transition("UAC.REC.11", "The term ends", "Закінчення строку", IN_FORCE, "expired",
                   SYSTEM, "Order 282 term", effects=(_expire,),
                   notices=(notice("UAC.REC.11", "Your registration in the customs register "
                                   "has expired", to=to_holder),)),
        transition("UAC.REC.12", "Revoke the entries of lapsed rights",
                   "Скасувати записи щодо припинених прав", IN_FORCE, None, REGISTRARS,
                   "608/2013 Art. 11(3)",
                   inputs=(REASONS, InputField("registerNumbers", "list", required=False,
                                               description="The entries whose right lapsed "
                                               "(default: every right past its expiry).")),
                   effects=(_revoke,),
                   notices=(notice("UAC.REC.12", "Entries of your recordal are revoked",
                                   to=to_holder),)),
    ],
)

RECORDAL = RECORDAL_PROCEDURE

__all__ = ["CODE", "EXTENSION", "RECORDAL"]
