"""Appeal of UKRNOIVI's decision to the Appeals Chamber (GI rules Section VII; digest §6;
transitions 36-38 and 42). The Appeals Chamber's procedure is outside the Rules: an
official records its notices (``ua_gi_appeals_recorder``)."""

from __future__ import annotations

from typing import Any

from ipreg.core.procedures import InputField, TransitionContext, notice
from ipreg.plugins.ukraine.gi import register
from ipreg.plugins.ukraine.gi.procedures.common import (
    APPEALS,
    SYSTEM,
    app_of,
    outgoing,
    text_input,
    transition,
)
from ipreg.plugins.ukraine.gi.procedures.examination import assign

APPELLANTS = ("applicant", "opponent")


async def appeal_accepted(ctx: TransitionContext) -> None:
    """T36 (VII.3): proceedings and the art. 14 limit are suspended until the Chamber's
    decision is approved."""
    steps = await ctx.steps()
    appellant = ctx.input["appellant"]
    if appellant not in APPELLANTS:
        from ipreg.core.errors import BadUserInput

        raise BadUserInput(f"appellant: one of {', '.join(APPELLANTS)} (GI rules VII.1-VII.2)",
                           argument="appellant")
    ctx.put(appeal={"appellant": appellant, "notice": ctx.input["notice"],
                    "acceptedOn": ctx.today.isoformat(),
                    "decidedState": steps[-1].to_state if steps else None})
    app = await app_of(ctx)
    await register.file_item(ctx.session, ctx.case.id, direction="in", kind="appeal_notice",
                             dated_on=ctx.today, channel="paper", transition=ctx.transition.code,
                             summary="Повідомлення Апеляційної палати про прийняття "
                             "апеляції", now=ctx.now)
    await register.set_status(ctx.session, app, "appeal_pending", ctx.today)


async def decision_annulled(ctx: TransitionContext) -> None:
    """T37 (VII.3; V.1.4): the decision annulled and the application returned: examined
    again by another examiner."""
    app = await app_of(ctx)
    await assign(ctx, exclude=(app.examiner,) if app.examiner else ())
    ctx.put(appeal={**(ctx.data.get("appeal") or {}), "outcome": "annulled",
                    "decidedOn": ctx.today.isoformat()}, decision=None)
    await register.set_status(ctx.session, app, "under_examination", ctx.today)
    await outgoing(ctx, "appeal_annulled", "Рішення скасовано, заявку повернуто на експертизу")


async def decision_stands(ctx: TransitionContext) -> None:
    """T38 (VII.3): the decision stands; the art. 14 limit resumes."""
    appeal = ctx.data.get("appeal") or {}
    state = appeal.get("decidedState") or "decided_refusal"
    ctx.move_to(state)
    ctx.put(appeal={**appeal, "outcome": "upheld", "decidedOn": ctx.today.isoformat()})
    app = await app_of(ctx)
    await register.set_status(ctx.session, app, "registration_decided"
                              if state == "decided_registration" else "refused", ctx.today)
    await outgoing(ctx, "appeal_dismissed", "Рішення залишено в силі")


async def refusal_final(ctx: TransitionContext) -> None:
    """T42 (VII.1-VII.2, A-30): the appeal period passed without an appeal."""
    app = await app_of(ctx)
    await register.set_status(ctx.session, app, "refused_final", ctx.today)


def _t(code: str, en: str, uk: str, source: Any, target: str | None, roles: Any, basis: str,
       **kw: Any) -> Any:
    return transition(f"UA.GI.{code}", en, uk, source if isinstance(
        source, tuple | list) else (source,), target, roles, basis, **kw)


TRANSITIONS = [
    _t("T36", "Appeal accepted by the Appeals Chamber: suspended", "Апеляцію прийнято",
       ("decided_registration", "decided_refusal"), "appeal_suspended", APPEALS,
       "GI rules VII.1-VII.3",
       inputs=(text_input("appellant", "applicant or opponent"),
               text_input("notice", "The Appeals Chamber's notice (number and date)")),
       effects=(appeal_accepted,), suspends=("state_duty",),
       stops=("appeal_applicant", "copies_request"),
       notices=(notice("appeal_accepted", "Провадження зупинено (VII.3)"),)),
    _t("T37", "Decision annulled, application returned", "Рішення скасовано",
       "appeal_suspended", "substantive_examination", APPEALS, "GI rules VII.3, V.1.4",
       inputs=(text_input("decision", "The approved decision of the Appeals Chamber"),),
       effects=(decision_annulled,), stops=("state_duty",),
       notices=(notice("appeal_annulled", "Рішення скасовано (VII.3)"),)),
    _t("T38", "Decision stands", "Рішення залишено в силі", "appeal_suspended", None, APPEALS,
       "GI rules VII.3",
       inputs=(text_input("decision", "The approved decision of the Appeals Chamber"),),
       effects=(decision_stands,), resumes=("state_duty",),
       notices=(notice("appeal_dismissed", "Рішення залишено в силі (VII.3)"),)),
    _t("T42", "Appeal period over: refusal final (A-30)", "Відмова остаточна",
       "decided_refusal", "refusal_final", SYSTEM, "GI rules VII.1-VII.2",
       inputs=(InputField("expiredLimit", required=False),), effects=(refusal_final,)),
]

__all__ = ["TRANSITIONS"]
