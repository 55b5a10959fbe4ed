"""UAC.SUS: a border measure, from a register hit on a declaration to its outcome.

CC Art. 397 (customs control of goods containing IP objects): a customs officer finds
that goods declared for clearance carry an object registered in the customs register
(a register hit: the entry in force, the declared UKTZED code under one of the entry's
goods codes) and opens the case (UAC.SUS.01). CC Art. 399: the head of the customs
authority suspends the clearance for up to 10 working days (UAC.SUS.02), notifying the
right holder and the declarant the same day, and may extend it once by up to 10
working days (UAC.SUS.06). Order 281 p.12: goods are original, and released, when the
declarant is an operator the right holder authorised in the register (UAC.SUS.03) or
when the right holder says so (UAC.SUS.04). Otherwise the holder answers (UAC.SUS.05)
and the goods are destroyed with the consent of the declarant (UAC.SUS.07) or under the
small-consignment procedure (UAC.SUS.08), go to court (UAC.SUS.09), or are released
(UAC.SUS.10); when the suspension's limit ends with nothing done the goods are released
by the engine (UAC.SUS.11). Each step is a standard, audited record (Seed 000 goal 3).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.errors import NotFound, PreconditionFailed
from ipreg.core.procedures import (
    InputField,
    State,
    TransitionContext,
    build,
    notice,
)
from ipreg.core.services.parties import PartyStore
from ipreg.core.services.validation import Problems
from ipreg.plugins.ukraine.common.codes import heading_of
from ipreg.plugins.ukraine.customs.codes import IN_FORCE, JURISDICTION
from ipreg.plugins.ukraine.customs.forms import (
    DECLARATION,
    HIT_RULE,
    OPERATOR_RULE,
    parse_declaration,
)
from ipreg.plugins.ukraine.customs.models import (
    UaCustomsGoods,
    UaCustomsOperator,
    UaCustomsRecordal,
    UaCustomsRight,
    UaCustomsSuspension,
)
from ipreg.plugins.ukraine.customs.procedures.common import (
    HEAD,
    HEADS,
    HOLDER_SIDE,
    OFFICER,
    OFFICERS,
    SYSTEM,
    limit,
    names,
    to_role,
    transition,
)
from ipreg.plugins.ukraine.customs.terms import TERMS

CODE = "UAC.SUS"
REASONS = InputField("reasons", "string", description="The reasons, as notified.")
DECLARANT = "declarant"


def to_declarant_and_holder(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    """CC Art. 399: the right holder and the declarant, notified the same day."""
    return [(ctx.case.applicant_id, "applicant"),
            (int(ctx.data["declarantId"]), DECLARANT)]


def to_declarant(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    return [(int(ctx.data["declarantId"]), DECLARANT)]


async def suspension_of(ctx: TransitionContext) -> UaCustomsSuspension:
    row = (await ctx.session.execute(select(UaCustomsSuspension).where(
        UaCustomsSuspension.case_id == ctx.case.id))).scalar_one()
    return row


async def entry_in_force(session: AsyncSession, number: str
                         ) -> tuple[UaCustomsRight, UaCustomsRecordal]:
    """The register entry ``number``, which must be in force (CC Art. 397)."""
    found = (await session.execute(
        select(UaCustomsRight, UaCustomsRecordal)
        .join(UaCustomsRecordal, UaCustomsRecordal.id == UaCustomsRight.recordal_id)
        .where(UaCustomsRight.register_number == number))).first()
    if found is None:
        raise NotFound(f"registerNumber: no entry {number!r} in the customs register "
                       f"({HIT_RULE})", field="registerNumber")
    right, recordal = found
    if right.status != IN_FORCE:
        raise PreconditionFailed(f"the entry {number} is {right.status}, not in force: "
                                 f"customs act on entries in force only ({HIT_RULE})")
    return right, recordal


def is_hit(declared: str, codes: list[str]) -> bool:
    """A register hit: the declared UKTZED code falls under a code of the entry's goods
    (or names a subheading of one), compared at least on the heading."""
    return any(declared.startswith(c) or c.startswith(declared)
               or heading_of(c) == heading_of(declared) for c in codes)


async def _open(ctx: TransitionContext) -> None:
    """UAC.SUS.01: the officer records the declaration that hit an entry.

    Seed 000 identification: the register identifies a registered object in goods."""
    declaration = parse_declaration(ctx.input.get("declaration"), ctx.today)
    declarant, code = declaration.declarant, declaration.uktzed
    right, recordal = await entry_in_force(ctx.session, str(ctx.input["registerNumber"]))
    codes = [c for row in (await ctx.session.execute(select(UaCustomsGoods.uktzed).where(
        UaCustomsGoods.right_id == right.id))).scalars() for c in row]
    if not is_hit(code, codes):
        problems = Problems()
        problems.add("declaration.uktzed", f"{code} is not under the goods of entry "
                     f"{right.register_number} ({', '.join(codes)}): not a register hit",
                     rule=HIT_RULE)
        problems.raise_if_any()
    party = (await PartyStore(ctx.session, now=ctx.now).resolve([declarant.party_form()]))[0]
    ctx.case.applicant_id = recordal.applicant_id
    ctx.case.object_id = right.object_id
    identifier = declarant.identifier or ""
    authorised = (await ctx.session.execute(select(UaCustomsOperator.kind).where(
        UaCustomsOperator.recordal_id == recordal.id,
        UaCustomsOperator.identifier == identifier))).scalars().first()
    ctx.session.add(UaCustomsSuspension(
        case_id=ctx.case.id, recordal_id=recordal.id, right_id=right.id,
        declaration=declaration.reference, declaration_date=declaration.date,
        declarant_id=party.id, declarant_identifier=identifier,
        customs_post=declaration.customs_post, officer=ctx.principal.describe(),
        goods=declaration.goods, uktzed=code, quantity=declaration.quantity,
        small_consignment=declaration.small_consignment, opened_at=ctx.now))
    small = declaration.small_consignment
    ctx.put(declaration=declaration.reference, declarantId=party.id,
            registerNumber=right.register_number, recordalId=recordal.id,
            authorisedOperator=authorised, smallConsignment=small)


async def _outcome(ctx: TransitionContext, outcome: str) -> None:
    row = await suspension_of(ctx)
    row.outcome = outcome
    await ctx.decide(ctx.transition.code, outcome, grounds=ctx.input.get("reasons")
                     or ctx.input.get("statement"))
    ctx.put(outcome=outcome)


async def _suspend(ctx: TransitionContext) -> None:
    """UAC.SUS.02 (CC Art. 399): the head's decision; both notified today."""
    await ctx.decide(ctx.transition.code, "suspended")
    ctx.put(suspendedOn=ctx.today.isoformat())


async def _release_authorised(ctx: TransitionContext) -> None:
    """Order 281 p.12: the declarant is an operator the right holder authorised."""
    if not ctx.data.get("authorisedOperator"):
        row = await suspension_of(ctx)
        problems = Problems()
        problems.add("declarant", f"{row.declarant_identifier!r} is not an authorised "
                     f"operator of the recordal of entry {ctx.data.get('registerNumber')}: "
                     "unknown operator", rule=OPERATOR_RULE, code="unknown_code")
        problems.raise_if_any()
    await _outcome(ctx, "released_original")


async def _confirm_original(ctx: TransitionContext) -> None:
    await _outcome(ctx, "released_original")


async def _answer(ctx: TransitionContext) -> None:
    ctx.put(answer=str(ctx.input["statement"]), answeredOn=ctx.today.isoformat())


async def _extend(ctx: TransitionContext) -> None:
    """CC Art. 399: once, by up to 10 working days."""
    if ctx.data.get("extended"):
        raise PreconditionFailed("UAC.SUS.06: the suspension was extended once already "
                                 "(CC Art. 399)")
    term = TERMS["suspensionExtension"]
    deadline = await ctx.extend_limit("suspension", term.duration, "CC Art. 399")
    await ctx.decide(ctx.transition.code, "extended", grounds=str(ctx.input["reasons"]))
    ctx.put(extended=True, suspendedUntil=deadline.due_on.isoformat())


async def _destroy_consent(ctx: TransitionContext) -> None:
    if ctx.input.get("declarantConsent") is not True:
        raise PreconditionFailed("UAC.SUS.07: destruction under the consent procedure needs "
                                 "the declarant's consent (CC Art. 399)")
    await _outcome(ctx, "destroyed_consent")


async def _destroy_small(ctx: TransitionContext) -> None:
    if not ctx.data.get("smallConsignment"):
        raise PreconditionFailed("UAC.SUS.08: the declaration is not a small consignment "
                                 "(CC Art. 399)")
    if ctx.input.get("declarantObjected") is not False:
        raise PreconditionFailed("UAC.SUS.08: the declarant objected to destruction: the "
                                 "small-consignment procedure does not apply (CC Art. 399)")
    await _outcome(ctx, "destroyed_small_consignment")


async def _court(ctx: TransitionContext) -> None:
    ctx.put(courtCase=str(ctx.input["courtCase"]))
    await _outcome(ctx, "court")


async def _release(ctx: TransitionContext) -> None:
    await _outcome(ctx, "released")


async def _lapse(ctx: TransitionContext) -> None:
    """UAC.SUS.11: the limit ended with nothing done; the goods are released."""
    await _outcome(ctx, "released_time_limit")


OPEN = {"suspended", "answered"}

SUSPENSION = build(
    CODE, JURISDICTION, names("Suspension of customs clearance",
                              "Призупинення митного оформлення"),
    legal_basis="CC Art. 399",
    states=[
        State("detected", names("Register hit, awaiting the head's decision",
                                "Виявлено, очікує рішення керівника")),
        State("suspended", names("Clearance suspended", "Оформлення призупинено")),
        State("answered", names("Right holder answered: infringing",
                                "Правовласник підтвердив порушення")),
        State("released_original", names("Released as original", "Випущено як оригінал"),
              final=True),
        State("destroyed", names("Destroyed", "Знищено"), final=True),
        State("court", names("Before the court", "Передано до суду"), final=True),
        State("released", names("Released", "Випущено"), final=True),
    ],
    time_limits=[limit("suspension", on_expiry="UAC.SUS.11")],
    transitions=[
        transition("UAC.SUS.01", "Record a register hit on a declaration",
                   "Зафіксувати збіг із реєстром", set(), "detected", OFFICERS,
                   "CC Art. 397",
                   inputs=(InputField("registerNumber", "string",
                                      description="The entry the declared goods hit."),
                           InputField("declaration", "json", form=DECLARATION,
                                      description="The declaration.")),
                   effects=(_open,),
                   notices=(notice("UAC.SUS.01", "A register hit to decide on",
                                   to=to_role(HEAD)),)),
        transition("UAC.SUS.02", "Suspend the clearance", "Призупинити оформлення",
                   {"detected"}, "suspended", HEADS, "CC Art. 399", effects=(_suspend,),
                   starts=("suspension",),
                   notices=(notice("UAC.SUS.02", "Customs clearance suspended",
                                   to=to_declarant_and_holder),)),
        transition("UAC.SUS.03", "Release as original: authorised operator",
                   "Випустити як оригінал: уповноважений суб'єкт",
                   {"detected", "suspended"}, "released_original", OFFICERS,
                   "Order 281 p.12", effects=(_release_authorised,),
                   notices=(notice("UAC.SUS.03", "Goods released as original",
                                   to=to_declarant_and_holder),)),
        transition("UAC.SUS.04", "The right holder confirms the goods are original",
                   "Правовласник підтверджує оригінальність", {"suspended"},
                   "released_original", HOLDER_SIDE, "Order 281 p.12",
                   effects=(_confirm_original,), within=("suspension",),
                   stops=("suspension",),
                   notices=(notice("UAC.SUS.04", "Goods released as original",
                                   to=to_declarant),
                            notice("UAC.SUS.04", "Goods released as original",
                                   to=to_role(OFFICER)))),
        transition("UAC.SUS.05", "The right holder answers: infringing",
                   "Правовласник підтверджує порушення", {"suspended"}, "answered",
                   HOLDER_SIDE, "CC Art. 399",
                   inputs=(InputField("statement", "string",
                                      description="Why the goods infringe."),),
                   effects=(_answer,), within=("suspension",),
                   notices=(notice("UAC.SUS.05", "The right holder answered",
                                   to=to_role(OFFICER)),
                            notice("UAC.SUS.05", "The right holder says the goods infringe",
                                   to=to_declarant))),
        transition("UAC.SUS.06", "Extend the suspension by 10 working days",
                   "Продовжити призупинення", OPEN, None, HEADS, "CC Art. 399",
                   inputs=(REASONS,), effects=(_extend,), within=("suspension",),
                   notices=(notice("UAC.SUS.06", "The suspension is extended",
                                   to=to_declarant_and_holder),)),
        transition("UAC.SUS.07", "Destroy with the declarant's consent",
                   "Знищити за згодою декларанта", {"answered"}, "destroyed", OFFICERS,
                   "CC Art. 399 destruction",
                   inputs=(InputField("declarantConsent", "bool",
                                      description="The declarant consented in writing."),),
                   effects=(_destroy_consent,), stops=("suspension",),
                   notices=(notice("UAC.SUS.07", "Goods destroyed",
                                   to=to_declarant_and_holder),)),
        transition("UAC.SUS.08", "Destroy under the small-consignment procedure",
                   "Знищити як малу партію", {"answered"}, "destroyed", OFFICERS,
                   "CC Art. 399 small consignment",
                   inputs=(InputField("declarantObjected", "bool",
                                      description="Did the declarant object?"),),
                   effects=(_destroy_small,), stops=("suspension",),
                   notices=(notice("UAC.SUS.08", "Goods destroyed",
                                   to=to_declarant_and_holder),)),
        transition("UAC.SUS.09", "The right holder went to court", "Звернення до суду",
                   {"answered"}, "court", HOLDER_SIDE, "CC Art. 399",
                   inputs=(InputField("courtCase", "string",
                                      description="The court and case number."),),
                   effects=(_court,), within=("suspension",), stops=("suspension",),
                   notices=(notice("UAC.SUS.09", "The goods are before the court",
                                   to=to_declarant),
                            notice("UAC.SUS.09", "The goods are before the court",
                                   to=to_role(OFFICER)))),
        transition("UAC.SUS.10", "Release the goods", "Випустити товари",
                   {"detected", "suspended", "answered"}, "released", OFFICERS,
                   "CC Art. 399", inputs=(REASONS,), effects=(_release,),
                   stops=("suspension",),
                   notices=(notice("UAC.SUS.10", "Goods released",
                                   to=to_declarant_and_holder),)),
        transition("UAC.SUS.11", "The suspension ends: goods released",
                   "Строк призупинення закінчився", OPEN, "released", SYSTEM,
                   "CC Art. 399", effects=(_lapse,),
                   notices=(notice("UAC.SUS.11", "The suspension ended: goods released",
                                   to=to_declarant_and_holder),)),
    ],
)

__all__ = ["CODE", "SUSPENSION", "entry_in_force", "is_hit"]
