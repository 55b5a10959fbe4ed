"""What the EAEU procedures share: roles, time limits, guards, messages to the CCAs.

Roles (digest §6.6): ``applicant``/``representative`` (grant organisation = the
applicant party), ``commission_official`` (jurisdiction ``eaeu``),
``authorized_body`` (jurisdiction ``eaeu``, organisation = the party that is the
member state's central customs authority; the state acted for is an input of
the transition and the guard checks it against the principal's organisation),
and ``system`` for the consequences of expired time limits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from ipreg.core.errors import BadUserInput, PreconditionFailed
from ipreg.core.model import ObjectParty
from ipreg.core.procedures import (
    SYSTEM_ROLE,
    InputField,
    TimeLimit,
    Transition,
    TransitionContext,
)
from ipreg.plugins.eaeu.codes import IN_FORCE_STATUSES, MEMBER_STATE_CODES
from ipreg.plugins.eaeu.models import (
    EaeuCaseObject,
    EaeuCcaMessage,
    EaeuEntry,
    EaeuMemberStateAuthority,
)
from ipreg.plugins.eaeu.store import AUTHORIZED_PERSON, HOLDER, REPRESENTATIVE, authorities
from ipreg.plugins.eaeu.terms import TERMS

JURISDICTION = "eaeu"
APPLICANT = frozenset({"applicant", "representative"})
COMMISSION = frozenset({"commission_official"})
CCA = frozenset({"authorized_body"})
SYSTEM = frozenset({SYSTEM_ROLE})

#: The terms the Commission itself must meet (digest §3.5): the formal check and its
#: refusal notice (Regs item 23, item 9 ¶11, item 18 ¶4), the completeness decision (Regs
#: item 23), the dispatch to the CCAs (Regs item 24), and the consideration of amendment,
#: prolongation and exclusion requests (P.SP.01.PRC.002-005).
COMMISSION_TERMS = frozenset({"formalCheck", "refusalToConsiderNotice", "completenessDecision",
                              "dispatchToCcas", "amendment", "prolongation", "exclusion"})

MEMBER_STATE = InputField(
    "memberState", "string",
    description="Member state whose authorized body (central customs authority) acts: "
    f"{', '.join(MEMBER_STATE_CODES)}")


def names(en: str, ru: str) -> dict[str, str]:
    return {"en": en, "ru": ru}


def transition(code: str, en: str, ru: str, source: set[str], target: str | None,
               roles: frozenset[str], basis: str, **kw: Any) -> Transition:
    return Transition(code, names(en, ru), frozenset(source), target, roles,
                      legal_basis=basis, **kw)


def limit(key: str, *, on_expiry: str | None = None) -> TimeLimit:
    """The configured term ``key`` (see :mod:`ipreg.plugins.eaeu.terms`) as a time limit.

    The Commission's own terms (:data:`COMMISSION_TERMS`) are owed by its officials: they
    are in the officials' overdue list (``overdueTimeLimits``) once their time is up, and
    their expiry notifies the officials (R174 p.18(2): the officer's account monitors the
    time limits; R148 p.22: responsibility for timeliness)."""
    owed = COMMISSION if key in COMMISSION_TERMS else ()
    return TERMS.limit(key, on_expiry=on_expiry, owed_by=owed)


# ---------------------------------------------------------------- addressees


def to_commission(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    return [(None, "commission_official")]


# ---------------------------------------------------------------- data of a case


async def case_objects(ctx: TransitionContext) -> list[int]:
    """The objects declared in a PRC.001 case, or the entry of a PRC.002-007 case."""
    rows = await ctx.session.execute(
        select(EaeuCaseObject.object_id).where(EaeuCaseObject.case_id == ctx.case.id)
        .order_by(EaeuCaseObject.position))
    ids = list(rows.scalars())
    if not ids and ctx.case.object_id is not None:
        ids = [ctx.case.object_id]
    return ids


# ---------------------------------------------------------------- the authorized bodies


async def authority_of(ctx: TransitionContext, country: str) -> int | None:
    return (await ctx.session.execute(
        select(EaeuMemberStateAuthority.authority_party_id)
        .where(EaeuMemberStateAuthority.country == country))).scalar_one_or_none()


async def acting_state(ctx: TransitionContext) -> str:
    """The member state of an ``authorized_body`` act, checked against the principal.

    Only the central customs authority of that state may act for it: the
    principal's ``authorized_body`` grant must name that authority's party as its
    organisation (or the principal acts as that party).
    """
    country = str(ctx.input.get("memberState") or "").upper()
    if country not in MEMBER_STATE_CODES:
        raise BadUserInput(f"memberState: {country!r} is not a member state "
                           f"({', '.join(MEMBER_STATE_CODES)})")
    if ctx.principal.is_system:
        return country
    authority = await authority_of(ctx, country)
    principal = ctx.principal
    if authority is None or not (authority in principal.organisations("authorized_body")
                                 or principal.party_id == authority):
        raise PreconditionFailed(
            f"{ctx.transition.code}: only the authorized body of {country} may act for "
            f"{country} (R148 P.SP.01.ACT.001)")
    return country


async def send_to_ccas(ctx: TransitionContext, kind: str, subject: str,
                       payload: Mapping[str, Any] | None = None, *,
                       transaction: str | None = None) -> None:
    """Send a message of ``kind`` to the authorized body of **each** member state."""
    for country in MEMBER_STATE_CODES:
        await send_to_cca(ctx, country, kind, subject, payload, transaction=transaction)


async def send_to_cca(ctx: TransitionContext, country: str, kind: str, subject: str,
                      payload: Mapping[str, Any] | None = None, *,
                      transaction: str | None = None) -> None:
    """Send a message to one authorized body: a row to confirm, and its notification."""
    found = await authorities(ctx.session)
    code = transaction or ctx.transition.code
    ctx.session.add(EaeuCcaMessage(case_id=ctx.case.id, country=country, kind=kind,
                                   transaction=code, sent_at=ctx.now))
    ctx.notify(kind=code, subject=subject, addressee_id=found[country],
               addressee_role="authorized_body",
               payload={"memberState": country, "messageKind": kind, **(payload or {})})


async def messages(ctx: TransitionContext, kind: str) -> list[EaeuCcaMessage]:
    rows = await ctx.session.execute(
        select(EaeuCcaMessage).where(EaeuCcaMessage.case_id == ctx.case.id,
                                     EaeuCcaMessage.kind == kind).order_by(EaeuCcaMessage.id))
    return list(rows.scalars())


async def confirm(ctx: TransitionContext, kind: str, country: str) -> EaeuCcaMessage:
    """Record the authorized body's confirmation of the oldest unconfirmed message."""
    for message in await messages(ctx, kind):
        if message.country == country and message.confirmed_at is None:
            message.confirmed_at = ctx.now
            message.confirmed_by = ctx.transition.code
            return message
    raise PreconditionFailed(f"{ctx.transition.code}: no unconfirmed {kind} message to {country} "
                             "in this case")


def confirmation(code: str, en: str, ru: str, kind: str, source: set[str], basis: str
                 ) -> Transition:
    """An authorized body confirms a message (R148 p.36, p.39, p.48; digest §3.3)."""

    async def guard(ctx: TransitionContext) -> str | None:
        country = await acting_state(ctx)
        pending = [m for m in await messages(ctx, kind)
                   if m.country == country and m.confirmed_at is None]
        return None if pending else f"no unconfirmed {kind} message to {country}"

    async def effect(ctx: TransitionContext) -> None:
        await confirm(ctx, kind, str(ctx.input["memberState"]).upper())

    return transition(code, en, ru, source, None, CCA, basis, inputs=(MEMBER_STATE,),
                      guard=guard, effects=(effect,))


# ---------------------------------------------------------------- refusals


async def refuse_with_notice(ctx: TransitionContext, subject: str,
                             payload: Mapping[str, Any] | None = None, **data: Any) -> str:
    """The Commission refuses a request (R148 p.15: "... or notice of refusal to the
    applicant"): its decision with the reasons (input ``reasons``) as grounds, the reasons
    kept on the case (``refusalReasons`` and ``data``), and the notice to the applicant with
    the reasons (body and payload, with ``payload``). Returns the reasons."""
    reasons = str(ctx.input["reasons"])
    await ctx.decide(ctx.transition.code, "refused", grounds=reasons)
    ctx.put(refusalReasons=reasons, **data)
    ctx.notify(kind=ctx.transition.code, subject=subject, addressee_id=ctx.case.applicant_id,
               addressee_role="applicant", body=reasons,
               payload={"objectId": ctx.case.object_id, "reasons": reasons, **(payload or {})})
    return reasons


# ---------------------------------------------------------------- entries and their parties


async def entry_party_ids(ctx: TransitionContext, object_id: int) -> set[int]:
    rows = await ctx.session.execute(
        select(ObjectParty.party_id).where(
            ObjectParty.object_id == object_id,
            ObjectParty.role.in_((HOLDER, REPRESENTATIVE))))
    return set(rows.scalars())


async def require_own_entry_in_force(ctx: TransitionContext) -> str | None:
    """Guard of the applicant's requests: an entry in force whose holder or representative
    the applicant is (R174 p.10, p.11(1))."""
    from ipreg.core.model import IPObject

    object_id = ctx.case.object_id
    if object_id is None:
        return "name the register entry (objectId)"
    entry = await ctx.session.get(EaeuEntry, object_id)
    obj = await ctx.session.get(IPObject, object_id)
    if entry is None or obj is None or entry.sequence_number is None:
        return f"IP object {object_id} is not an entry of the EAEU register"
    if obj.status not in IN_FORCE_STATUSES:
        return f"the entry {obj.register_number} is {obj.status}, not in force"
    if ctx.principal.is_system or COMMISSION & ctx.principal.roles(JURISDICTION):
        return None
    if ctx.case.applicant_id not in await entry_party_ids(ctx, object_id):
        return ("the applicant is neither a right holder nor the representative of "
                f"{obj.register_number} (R174 p.10)")
    return None


def today_or(ctx: TransitionContext, key: str) -> dt.date:
    value = ctx.input.get(key)
    return dt.date.fromisoformat(str(value)) if value else ctx.today


__all__ = [
    "APPLICANT",
    "AUTHORIZED_PERSON",
    "CCA",
    "COMMISSION",
    "COMMISSION_TERMS",
    "MEMBER_STATE",
    "SYSTEM",
    "acting_state",
    "case_objects",
    "confirm",
    "confirmation",
    "limit",
    "messages",
    "refuse_with_notice",
    "send_to_cca",
    "send_to_ccas",
    "transition",
]
