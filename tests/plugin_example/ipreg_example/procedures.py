"""EX.REQ: a holder asks for a note on an object; the registrar decides within the term.

Uses only ``ipreg.core.procedures``: states, transitions with roles and legal bases,
a time limit from the register's :data:`~ipreg_example.terms.TERMS`, a decision
numbered by the register, and notices to the applicant.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.model import Decision
from ipreg.core.procedures import (
    SYSTEM_ROLE,
    InputField,
    Procedure,
    State,
    Transition,
    TransitionContext,
    build,
    notice,
)
from ipreg_example.terms import TERMS

REQUEST = "EX.REQ"
APPLICANT = frozenset({"applicant", "representative"})
REGISTRAR = frozenset({"example_registrar"})


async def next_number(session: AsyncSession) -> str:
    """Example rules 4: notes are numbered N-1, N-2, ..."""
    count = await session.scalar(select(func.count()).select_from(Decision)
                                 .where(Decision.kind == "note", Decision.number.is_not(None)))
    return f"N-{int(count or 0) + 1}"


async def _approve(ctx: TransitionContext) -> None:
    decision = await ctx.decide("note", "approved", number=next_number)
    ctx.put(note=ctx.data["requested"], noteNumber=decision.number)


async def _remember(ctx: TransitionContext) -> None:
    ctx.put(requested=ctx.input["note"])


async def _refuse(ctx: TransitionContext) -> None:
    await ctx.decide("note", "refused", grounds=ctx.input["grounds"])


def _t(code: str, name: str, source: set[str], target: str, roles: frozenset[str],
       basis: str, **kw: Any) -> Transition:
    return Transition(code, {"en": name}, frozenset(source), target, roles,
                      legal_basis=basis, **kw)


def request_procedure() -> Procedure:
    return build(
        REQUEST, "example", {"en": "Request for a note"},
        states=[State("requested", {"en": "Requested"}),
                State("approved", {"en": "Note approved"}, final=True),
                State("refused", {"en": "Refused"}, final=True),
                State("lapsed", {"en": "Lapsed"}, final=True)],
        transitions=[
            _t("EX.001", "Request a note", set(), "requested", APPLICANT, "Example rules 2",
               inputs=(InputField("note"),), effects=(_remember,), starts=("review",),
               notices=(notice("EX.001", "Request received"),)),
            _t("EX.002", "Approve", {"requested"}, "approved", REGISTRAR, "Example rules 3.2",
               within=("review",), stops=("review",), effects=(_approve,),
               notices=(notice("EX.002", "Note approved"),)),
            _t("EX.003", "Refuse", {"requested"}, "refused", REGISTRAR, "Example rules 3.3",
               inputs=(InputField("grounds"),), stops=("review",), effects=(_refuse,),
               notices=(notice("EX.003", "Note refused"),)),
            _t("EX.004", "Lapse", {"requested"}, "lapsed", frozenset({SYSTEM_ROLE}),
               "Example rules 3.4", notices=(notice("EX.004", "Request lapsed"),)),
        ],
        time_limits=[TERMS.limit("review", on_expiry="EX.004")],
    )
