"""A sample procedure declared by a test plugin: an application examined by an examiner.

It uses every feature of the engine: an opening transition, roles on both sides,
required input, a guard, effects, notices, a limit counted in working days, a
limit counted from a notice deemed received, an expiry consequence, suspension
and resumption.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg import hookimpl
from ipreg.core.extension import Jurisdiction
from ipreg.core.model import Decision
from ipreg.core.procedures import (
    SYSTEM_ROLE,
    InputField,
    Notice,
    State,
    TimeLimit,
    Transition,
    TransitionContext,
    WorkCalendar,
    build,
    days,
    notice,
    to_applicant,
    working_days,
)

#: A calendar of the test's own (an official one: ``country_calendar("UA", ...)``): its
#: days off, and a working Saturday (a transfer).
CALENDAR = WorkCalendar(
    "testland",
    timezone="Europe/Kyiv",
    holidays=frozenset({dt.date(2026, 1, 1), dt.date(2026, 1, 7), dt.date(2026, 3, 9)}),
    working_weekend_days=frozenset({dt.date(2026, 1, 10)}),
)


def _needs_decision_number(ctx: TransitionContext) -> str | None:
    if not str(ctx.input.get("decisionNumber", "")).isdigit():
        return "a decision number is digits only"
    return None


async def _extend_cure(ctx: TransitionContext) -> None:
    await ctx.extend_limit("T.L.cure", days(int(ctx.input["days"])), ctx.input["basis"])


async def _restore_cure(ctx: TransitionContext) -> None:
    await ctx.restore_limit("T.L.cure", days(15), ctx.input["basis"])


async def _remember_decision(ctx: TransitionContext) -> None:
    ctx.put(decision=ctx.input["decisionNumber"])
    await ctx.decide("grant", "granted", number=_next_decision_number)


async def _next_decision_number(session: AsyncSession) -> str:
    """The sample register numbers its decisions S-1, S-2, ... (Sample rules 6.1)."""
    count = await session.scalar(select(func.count()).select_from(Decision))
    return f"S-{int(count or 0) + 1}"


async def _record_refusal(ctx: TransitionContext) -> None:
    await ctx.decide("refusal", "refused", grounds=ctx.input["grounds"])


def t(code: str, source: set[str], target: str | None, roles: set[str], **kw: Any) -> Transition:
    return Transition(code, {"en": code}, frozenset(source), target, frozenset(roles), **kw)


PROCEDURE = build(
    "TEST.PRC.001",
    "testland",
    {"en": "Sample application"},
    states=[
        State("filed", {"en": "Filed"}),
        State("incomplete", {"en": "Documents requested"}),
        State("suspended", {"en": "Examination suspended"}),
        State("granted", {"en": "Granted"}, final=True),
        State("refused", {"en": "Refused"}, final=True),
        State("withdrawn", {"en": "Withdrawn"}, final=True),
        State("deemed_withdrawn", {"en": "Deemed withdrawn"}),
    ],
    transitions=[
        t("T.001", set(), "filed", {"applicant", "representative"},
          inputs=(InputField("name"),), starts=("T.L.review",),
          notices=(notice("receipt", "Application received"),)),
        t("T.002", {"filed"}, "incomplete", {"examiner"}, suspends=("T.L.review",),
          inputs=(InputField("missing", "list"),), starts=("T.L.cure",),
          notices=(Notice("documents_requested", "Submit the missing documents", to_applicant),)),
        t("T.003", {"incomplete"}, "filed", {"applicant", "representative"},
          within=("T.L.cure",), stops=("T.L.cure",), resumes=("T.L.review",),
          inputs=(InputField("documents", "list"),)),
        t("T.004", {"filed"}, "granted", {"examiner"}, within=("T.L.review",),
          inputs=(InputField("decisionNumber"),), guard=_needs_decision_number,
          effects=(_remember_decision,), stops=("T.L.review",),
          notices=(notice("decision", "Application granted"),)),
        t("T.005", {"filed"}, "refused", {"examiner"}, inputs=(InputField("grounds"),),
          effects=(_record_refusal,)),
        t("T.006", {"incomplete"}, "deemed_withdrawn", {SYSTEM_ROLE},
          notices=(notice("deemed_withdrawn", "Application deemed withdrawn"),)),
        t("T.007", {"filed", "incomplete"}, "withdrawn", {"applicant", "representative"}),
        t("T.008", {"filed"}, "suspended", {"examiner"}, suspends=("T.L.review",)),
        t("T.009", {"suspended"}, "filed", {"examiner"}, resumes=("T.L.review",)),
        t("T.010", {"incomplete"}, None, {"examiner"}, within=("T.L.cure",),
          inputs=(InputField("days", "int"), InputField("basis")), effects=(_extend_cure,)),
        t("T.011", {"deemed_withdrawn"}, "incomplete", {"examiner"},
          inputs=(InputField("basis"),), effects=(_restore_cure,)),
    ],
    time_limits=[
        TimeLimit("T.L.review", {"en": "Examination"}, working_days(10),
                  legal_basis="Sample rules 4.1"),
        TimeLimit("T.L.cure", {"en": "Missing documents"}, days(30),
                  legal_basis="Sample rules 5.2", deemed_received_after_days=5,
                  on_expiry="T.006"),
    ],
)


class SamplePlugin:
    @hookimpl
    def ipreg_register_jurisdictions(self) -> list[Jurisdiction]:
        return [Jurisdiction("testland", {"en": "Testland"}, plugin="sample")]

    @hookimpl
    def ipreg_register_procedures(self) -> list[Any]:
        return [PROCEDURE]

    @hookimpl
    def ipreg_register_calendars(self) -> list[Any]:
        return [CALENDAR]


plugin = SamplePlugin()
