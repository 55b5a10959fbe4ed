"""UAC.APL: an official importer's appeal against a customs decision on the customs
value or classification of goods imported by an entity without that status.

Seed 000 (the expected strategic result, digest §1.1): official importers — holding an
exclusive right to import certain goods, or a franchise from the manufacturer or an
official distributor — can appeal such decisions. Here an official importer is an
authorised operator (importer or distributor) of a recordal in force (UAC.APL.01,
refused for anyone else and for an importer that is itself authorised); the head of
the customs authority takes it under review (UAC.APL.02) and decides, upholding or
dismissing it with grounds (UAC.APL.03, UAC.APL.04), which are recorded and notified.
The seed gives no time limit: the review term is configuration, provisional
(``appealReview``), owed by the head of the customs authority.
"""

from __future__ import annotations

from sqlalchemy import select

from ipreg.core.errors import PreconditionFailed
from ipreg.core.procedures import InputField, State, TransitionContext, build, notice
from ipreg.core.services.validation import Problems
from ipreg.plugins.ukraine.customs.codes import JURISDICTION, OFFICIAL_IMPORTER_KINDS
from ipreg.plugins.ukraine.customs.forms import APPEAL, APPEAL_RULE, parse_appeal
from ipreg.plugins.ukraine.customs.models import UaCustomsAppeal, UaCustomsOperator
from ipreg.plugins.ukraine.customs.procedures.common import (
    HEAD,
    HEADS,
    OFFICERS,
    OPERATOR,
    OPERATORS,
    limit,
    names,
    to_role,
    transition,
)
from ipreg.plugins.ukraine.customs.procedures.suspension import entry_in_force

CODE = "UAC.APL"
GROUNDS = InputField("grounds", "string", description="The grounds of the decision.")


def to_appellant(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    return [(ctx.case.applicant_id, OPERATOR)]


async def _file(ctx: TransitionContext) -> None:
    """UAC.APL.01: only an official importer of a recordal in force, against a decision
    on goods an entity without that status imported (Seed 000 ESR)."""
    appeal = parse_appeal(ctx.input.get("appeal"), ctx.today)
    identifier = appeal.importer_identifier
    _, recordal = await entry_in_force(ctx.session, str(ctx.input["registerNumber"]))
    operators = list((await ctx.session.execute(select(UaCustomsOperator).where(
        UaCustomsOperator.recordal_id == recordal.id))).scalars())
    mine = ctx.principal.organisations(OPERATOR) | (
        {ctx.principal.party_id} if ctx.principal.party_id else set())
    appellant = next((o for o in operators if o.party_id in mine
                      and o.kind in OFFICIAL_IMPORTER_KINDS), None)
    if appellant is None:
        raise PreconditionFailed(
            "UAC.APL.01: you are not an official importer (an authorised importer or "
            "distributor) of the recordal of entry " + str(ctx.input["registerNumber"])
            + f" ({APPEAL_RULE})")
    if any(o.identifier == identifier for o in operators):
        problems = Problems()
        problems.add("appeal.importerIdentifier", f"{identifier} is an authorised operator "
                     "of this recordal: the appeal is against goods imported by an entity "
                     "without that status", rule=APPEAL_RULE)
        problems.raise_if_any()
    ctx.case.applicant_id = appellant.party_id
    ctx.session.add(UaCustomsAppeal(
        case_id=ctx.case.id, recordal_id=recordal.id, operator_id=appellant.id,
        decision=appeal.decision, decision_kind=appeal.decision_kind,
        decision_date=appeal.decision_date, importer_name=appeal.importer_name,
        importer_identifier=identifier, grounds=appeal.grounds))
    ctx.put(recordalId=recordal.id, decision=appeal.decision, decisionKind=appeal.decision_kind)


async def _decide(ctx: TransitionContext, outcome: str) -> None:
    grounds = str(ctx.input["grounds"])
    row = (await ctx.session.execute(select(UaCustomsAppeal).where(
        UaCustomsAppeal.case_id == ctx.case.id))).scalar_one()
    row.outcome = outcome
    row.decision_grounds = grounds
    await ctx.decide(ctx.transition.code, outcome, grounds=grounds)
    ctx.notify(kind=ctx.transition.code, subject=f"Your appeal is {outcome}",
               addressee_id=ctx.case.applicant_id, addressee_role=OPERATOR, body=grounds,
               payload={"outcome": outcome, "grounds": grounds})
    ctx.put(outcome=outcome, decisionGrounds=grounds)


async def _uphold(ctx: TransitionContext) -> None:
    await _decide(ctx, "upheld")


async def _dismiss(ctx: TransitionContext) -> None:
    await _decide(ctx, "dismissed")


async def _review(ctx: TransitionContext) -> None:
    if ctx.case.applicant_id is None:
        raise PreconditionFailed("UAC.APL.02: the appeal has no appellant")
    ctx.put(reviewer=ctx.principal.describe())


APPEAL_PROCEDURE = build(
    CODE, JURISDICTION, names("Official importer's appeal", "Скарга офіційного імпортера"),
    legal_basis="Seed 000 ESR",
    states=[
        State("filed", names("Filed", "Подано")),
        State("under_review", names("Under review", "На розгляді")),
        State("upheld", names("Upheld", "Задоволено"), final=True),
        State("dismissed", names("Dismissed", "Відхилено"), final=True),
    ],
    time_limits=[limit("appealReview", owed_by=HEADS)],
    transitions=[
        transition("UAC.APL.01", "File an appeal", "Подати скаргу", set(), "filed", OPERATORS,
                   "Seed 000 ESR",
                   inputs=(InputField("registerNumber", "string",
                                      description="An entry of the recordal whose official "
                                      "importer you are."),
                           InputField("appeal", "json", form=APPEAL,
                                      description="The appeal.")),
                   effects=(_file,), starts=("appealReview",),
                   notices=(notice("UAC.APL.01", "An official importer's appeal to review",
                                   to=to_role(HEAD)),)),
        transition("UAC.APL.02", "Take under review", "Прийняти до розгляду", {"filed"},
                   "under_review", HEADS | OFFICERS, "Seed 000 ESR", effects=(_review,)),
        transition("UAC.APL.03", "Uphold, with grounds", "Задовольнити", {"under_review"},
                   "upheld", HEADS, "Seed 000 ESR", inputs=(GROUNDS,), effects=(_uphold,),
                   stops=("appealReview",)),
        transition("UAC.APL.04", "Dismiss, with grounds", "Відхилити", {"under_review"},
                   "dismissed", HEADS, "Seed 000 ESR", inputs=(GROUNDS,),
                   effects=(_dismiss,), stops=("appealReview",)),
    ],
)

__all__ = ["APPEAL_PROCEDURE", "CODE", "to_appellant"]
