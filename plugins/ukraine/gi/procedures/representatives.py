"""Single-act representatives (GI rules II.3.5 ¶4, III.1.7, III.1.8 ¶2, IV.5; digest §1.7
item 3, §3.6): their appointment (``UA.GI.REP``) and revocation (``UA.GI.REP.REVOKE``), and
the scope of their powers on every act of the applicant's side (:func:`single_act_scope`).

The routing of the office's documents about the act (to the representative's address in
Ukraine, a copy to the applicant, IV.5) is in :func:`ipreg.plugins.ukraine.gi.procedures.
common.outgoing`; the acts and their notices in :mod:`ipreg.plugins.ukraine.gi.representation`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from ipreg.core.errors import BadUserInput, Forbidden
from ipreg.core.procedures import InputField, Transition, TransitionContext
from ipreg.plugins.ukraine.gi import register
from ipreg.plugins.ukraine.gi.procedures.common import (
    APPLICANT,
    CLERK,
    SIGNATURE_ONLY_ACTS,
    application_document,
    incoming,
    json_input,
    later_document,
    received_today,
    refuse,
    transition,
)
from ipreg.plugins.ukraine.gi.procedures.examination import BEFORE_REGISTRATION
from ipreg.plugins.ukraine.gi.representation import (
    KEY,
    OUTSIDE_POA,
    POA_REVOKED,
    RECEIPT,
    SINGLE_ACT_REPRESENTATIVE,
    acting,
    addressee_key,
    covers,
    read_single_act_representative,
    representatives,
)

APPOINT = "UA.GI.REP"
REVOKE = "UA.GI.REP.REVOKE"
#: Where a single-act representative may be appointed and revoked: while the application
#: is open (restoration from ``deemed_withdrawn``, copies after a decision included).
OPEN = (*BEFORE_REGISTRATION, "submitted")


def acting_single_act_representative(ctx: TransitionContext) -> dict[str, Any] | None:
    """The single-act representative the caller is signed in as, if any (III.1.7 ¶12)."""
    return acting(ctx.principal, ctx.data)


async def single_act_scope(ctx: TransitionContext) -> None:
    """GI rules III.1.7 ¶5, ¶12, II.3.5 ¶4: a representative appointed for a single act
    performs only the acts its PoA names (FORBIDDEN, reason ``UA_GI_OUTSIDE_POA``); once
    UKRNOIVI received the revocation, none (III.1.8 ¶2; reason ``UA_GI_POA_REVOKED``). It
    records the receipt of the notices addressed to it (IV.9, IV.11 ¶2)."""
    rep = acting_single_act_representative(ctx)
    if rep is None:
        return
    who = f"{rep['name']} (single-act representative {rep['number']})"
    if rep.get("revokedOn"):
        raise Forbidden(f"{ctx.transition.code}: the PoA of {who} was revoked on "
                        f"{rep['revokedOn']} (GI rules III.1.8 ¶2)", reason=POA_REVOKED,
                        rule="GI rules III.1.8 ¶2")
    code = ctx.transition.code
    if code == RECEIPT:
        pending = (ctx.data.get("awaitingReceipt") or {}).get(str(ctx.input.get("item")))
        if pending and pending.get("addressee") == addressee_key(rep):
            return
    elif covers(rep, code, ctx.data):
        return
    raise Forbidden(f"{code}: {who} may perform only the acts its power of attorney names: "
                    f"{', '.join(a['kind'] for a in rep.get('acts') or [])} "
                    "(GI rules III.1.7 ¶5, ¶12)", reason=OUTSIDE_POA,
                    rule="GI rules III.1.7 ¶12")


async def appoint(ctx: TransitionContext) -> None:
    """GI rules II.3.5 ¶4, III.1.7, IV.5: the PoA of a representative for a single act is
    registered in the file; its powers run from UKRNOIVI's receipt."""
    items = await register.file_items(ctx.session, ctx.case.id)
    notices = {i.seq: i.transition for i in items if i.direction == "out"}
    reps = representatives(ctx.data)
    rep = read_single_act_representative(ctx.input.get("representative"),
                                         number=len(reps) + 1, notices=notices,
                                         received_on=received_today(ctx))
    ctx.put(**{KEY: [*reps, rep]})
    await incoming(ctx, "single_act_poa", f"Довіреність на вчинення окремої дії: "
                   f"{rep['name']} ({', '.join(a['kind'] for a in rep['acts'])}) (GI rules "
                   "III.1.7; IV.5)")


async def revoke(ctx: TransitionContext) -> None:
    """GI rules III.1.8 ¶2: the revocation takes effect on the day UKRNOIVI receives it."""
    number = ctx.input.get("representative")
    reps = representatives(ctx.data)
    found = [r for r in reps if r["number"] == number]
    if not found:
        raise BadUserInput(f"representative: no single-act representative {number} in this "
                           "file (GI rules III.1.8)", argument="representative",
                           rule="GI rules III.1.8")
    if found[0].get("revokedOn"):
        raise refuse(f"the PoA of single-act representative {number} was revoked on "
                     f"{found[0]['revokedOn']} (GI rules III.1.8 ¶2)",
                     rule="GI rules III.1.8 ¶2")
    found[0]["revokedOn"] = received_today(ctx).isoformat()
    ctx.put(**{KEY: reps})
    await incoming(ctx, "single_act_poa_revocation", "Повідомлення про скасування довіреності "
                   f"на вчинення окремої дії: {found[0]['name']} (GI rules III.1.8 ¶2)")


TRANSITIONS = [
    transition(APPOINT, "Representative for a single act appointed",
               "Призначено представника для вчинення окремої дії", OPEN, None,
               APPLICANT | CLERK, "GI rules II.3.5 ¶4, III.1.7, IV.5",
               **later_document({"inputs": (json_input(
                   "representative", "The representative, its address in Ukraine, the "
                   "PoA and the acts it covers (III.1.7, IV.5)", form=SINGLE_ACT_REPRESENTATIVE
               ),), "effects": (appoint,)})),
    transition(REVOKE, "Single-act representative's PoA revoked",
               "Довіреність представника для окремої дії скасовано", OPEN, None,
               APPLICANT | CLERK, "GI rules III.1.8 ¶2",
               **later_document({"inputs": (InputField(
                   "representative", "int", True, "The representative's number in "
                   "`singleActRepresentatives`"),), "effects": (revoke,)})),
]


def finish(transitions: Iterable[Transition]) -> list[Transition]:
    """The application's transitions with the acts of :data:`SIGNATURE_ONLY_ACTS` taking the
    signature (GI rules IV.7) and every act of the applicant's side held to a single-act
    representative's powers (:func:`single_act_scope`, first among the effects)."""
    out = []
    for t in transitions:
        if t.code in SIGNATURE_ONLY_ACTS and not any(i.name == "signature" for i in t.inputs):
            kw = application_document({"inputs": t.inputs, "effects": t.effects})
            t = dataclasses.replace(t, inputs=kw["inputs"], effects=kw["effects"])
        if "representative" in t.roles:
            t = dataclasses.replace(t, effects=(single_act_scope, *t.effects))
        out.append(t)
    return out


def contract(transitions: Iterable[Transition]) -> list[Transition]:
    """The transitions as the typed client contract shows them: the acts of
    :data:`SIGNATURE_ONLY_ACTS` keep their ``true`` (the signature comes through
    ``uaGiPerform(signature:)``), so clients of the paper files keep working."""
    return [dataclasses.replace(t, inputs=tuple(i for i in t.inputs if i.name != "signature"))
            if t.code in SIGNATURE_ONLY_ACTS else t for t in transitions]


__all__ = ["APPOINT", "REVOKE", "TRANSITIONS", "acting_single_act_representative", "contract",
           "finish", "single_act_scope"]
