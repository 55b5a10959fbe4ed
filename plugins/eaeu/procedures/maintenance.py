"""P.SP.01.PRC.002-007: maintaining the register (R148 p.15, table 2; digest §2.3, §3.4).

The seed has only the summaries of these procedures (the detailed descriptions
of R148 section VIII are cut off, digest §9.3 item 16); their steps are the
[Proposal] machines of digest §3.4, built like PRC.001. Every change of the
register is notified to the applicant and to the authorized body of each member
state (R174 p.12(3)), which confirms it like the inclusion notice (digest §3.3
[Proposal]). None of their terms is in the seeds: the ``amendment``,
``prolongation``, ``exclusion`` and ``exclusionEvidence`` limits are monitoring
terms of the Commission (R174 p.18(2)) with provisional values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from ipreg.core.auth import SYSTEM as SYSTEM_PRINCIPAL
from ipreg.core.errors import BadUserInput
from ipreg.core.model import IPObject
from ipreg.core.procedures import (
    InputField,
    Procedure,
    State,
    TransitionContext,
    build,
    notice,
)
from ipreg.core.services.validation import UNKNOWN_FIELD, FieldSpec, FormSpec
from ipreg.plugins.eaeu.forms import (
    DOCUMENT,
    FORM_FIELDS,
    TURNOVER,
    FormParser,
    Problems,
    turnover_files,
)
from ipreg.plugins.eaeu.models import EaeuEntry, EaeuProtectionPeriod
from ipreg.plugins.eaeu.numbering import next_decision_number
from ipreg.plugins.eaeu.procedures.common import (
    APPLICANT,
    CCA,
    COMMISSION,
    SYSTEM,
    confirmation,
    limit,
    names,
    refuse_with_notice,
    require_own_entry_in_force,
    send_to_ccas,
    to_commission,
    transition,
)
from ipreg.plugins.eaeu.store import (
    PartyStore,
    apply_changes,
    change_status,
    check_files,
    check_representation,
    load_entry,
    prolong,
    protection_cap,
    replace_turnover,
)
from ipreg.plugins.eaeu.terms import (
    prolongation_requires_running_period,
    strict_protection_cap,
)

AMENDMENT_REQUEST = "P.SP.01.PRC.002"
AMENDMENT = "P.SP.01.PRC.003"
PROLONGATION = "P.SP.01.PRC.004"
EXCLUSION_ON_REQUEST = "P.SP.01.PRC.005"
EXCLUSION_EX_OFFICIO = "P.SP.01.PRC.006"
TURNOVER_CHANGE = "P.SP.01.PRC.007"

#: Keys of the registration form an amendment may change (R174 A1 table 1).
CHANGEABLE = ("name", "description", "registrationFormNumber", "keywords", "images",
              "rightTerms", "rightHolders", "representative", "powersOfAttorney",
              "authorizedPersons", "titleDocuments", "goods")

#: The changed items of an entry: the fields of the registration form an amendment may
#: change, each optional (PRC.002, PRC.003).
CHANGES = FormSpec("changes", "The changed items of the registration form (R174 Appendix 1 "
                   "table 1): give only what changes.",
                   tuple(replace(f, required=False) for f in FORM_FIELDS
                         if f.name in CHANGEABLE))

#: PRC.007: new turnover data of one goods item.
TURNOVER_CHANGE_ITEM = FormSpec("turnoverChange", "New turnover data of one goods item "
                                "(R174 A1 T1 6.4).", (
    FieldSpec("goods", "int", "Position of the goods item in the entry (0 the first)",
              required=True, minimum=0),
    FieldSpec("turnover", TURNOVER, "Turnover, one per legality flag", "R174 A1 T1 6.4",
              required=True, many=True, min_items=1, max_items=2),
))


# ---------------------------------------------------------------- parsing changes


def parse_changes(value: Any, kind: str, problems: Problems | None = None) -> dict[str, Any]:
    """The changed items of an entry, parsed like the registration form (R174 A1 table 1)."""
    parser = FormParser(problems)
    if not isinstance(value, dict) or not value:
        raise BadUserInput(f"changes: an object with at least one of {', '.join(CHANGEABLE)}")
    out: dict[str, Any] = {}
    for key in value:
        if key not in CHANGES.names():
            parser.problems.add(f"changes.{key}", f"cannot be changed; one of "
                                f"{', '.join(CHANGEABLE)}", code=UNKNOWN_FIELD)
    path = "changes"
    if "name" in value:
        out["name"] = parser.text(value, "name", path, required=True, rule="R174 A1 T1 5.2")
    if "description" in value:
        out["description"] = parser.text(value, "description", path, required=True,
                                         limit=20000, rule="R174 A1 T1 5.5")
    if "registrationFormNumber" in value:
        out["registrationFormNumber"] = parser.text(value, "registrationFormNumber", path,
                                                    limit=64)
    if "keywords" in value:
        out["keywords"] = parser.each(value, "keywords", path, parser.keyword)
    if "rightTerms" in value:
        out["rightTerms"] = parser.right_terms(value, path, kind)
    if "images" in value:
        out["images"] = parser.each(value, "images", path, parser.file, rule="R174 A1 T1 5.4")
    if "rightHolders" in value:
        out["rightHolders"] = parser.each(value, "rightHolders", path, parser.party, minimum=1,
                                          rule="R174 A1 T1 3")
    if "representative" in value:
        out["representative"] = (None if value["representative"] is None else parser.party(
            value["representative"], f"{path}.representative"))
    if "authorizedPersons" in value:
        out["authorizedPersons"] = parser.each(value, "authorizedPersons", path, parser.party)
    for key, minimum in (("titleDocuments", 1), ("powersOfAttorney", 0)):
        if key in value:
            out[key] = parser.each(value, key, path, parser.document, minimum=minimum)
    if "goods" in value:
        out["goods"] = parser.each(value, "goods", path, lambda v, p: parser.goods(v, p, kind),
                                   minimum=1, rule="R174 A1 T1 6")
    parser.problems.raise_if_any()
    return out


async def _entry_kind(ctx: TransitionContext) -> str:
    entry = await ctx.session.get(EaeuEntry, ctx.case.object_id)
    if entry is None:
        raise BadUserInput("name the register entry (objectId)")
    return entry.kind_code


async def _changes_guard(ctx: TransitionContext) -> str | None:
    reason = await require_own_entry_in_force(ctx)
    if reason:
        return reason
    await _check_changes(ctx, await _entry_kind(ctx))
    return None


async def _check_changes(ctx: TransitionContext, kind: str) -> dict[str, Any]:
    """The checks an application gets, on the entry as the changes would make it: the
    form's items (:func:`parse_changes`), files — the object's images by R174 A1 T1 5.4
    (JPG or TIF, at least 300 dpi, at most 5 MB) —, the representative (R174 p.10,
    A1 T1 4.1, :func:`check_representation`)."""
    problems = Problems()
    changes = parse_changes(ctx.input.get("changes"), kind, problems)
    refs = [(ref, "object_image") for ref in changes.get("images", [])]
    refs += [ref for g in changes.get("goods", []) for ref in turnover_files(g.turnover)]
    await check_files(ctx.session, refs, problems)
    assert ctx.case.object_id is not None
    await check_representation(ctx.session, problems, "changes",
                               object_id=ctx.case.object_id, changes=changes)
    problems.raise_if_any()
    return changes


async def _adopt_applicant(ctx: TransitionContext) -> None:
    """Cases opened by the Commission or the system concern the entry's applicant."""
    if ctx.case.applicant_id is None and ctx.case.object_id is not None:
        entry = await ctx.session.get(EaeuEntry, ctx.case.object_id)
        if entry is not None:
            ctx.case.applicant_id = entry.applicant_id


def _notify_applicant(kind: str, subject: str) -> Any:
    async def effect(ctx: TransitionContext) -> None:
        ctx.notify(kind=kind, subject=subject, addressee_id=ctx.case.applicant_id,
                   addressee_role="applicant", body=str(ctx.input.get("reasons") or ""),
                   payload={"objectId": ctx.case.object_id})

    return effect


# ---------------------------------------------------------------- PRC.002 and PRC.003


async def _approve(ctx: TransitionContext) -> None:
    """PRC.002 → PRC.003: the decision to amend opens the amendment of the register."""
    ctx.put(approved=ctx.now.isoformat())
    await ctx.engine.open_case(
        ctx.session, AMENDMENT, SYSTEM_PRINCIPAL,
        {"changes": ctx.input.get("changes") or ctx.data.get("changes") or {},
         "requestCase": ctx.case.number},
        transition=f"{AMENDMENT}.ON_DECISION", object_id=ctx.case.object_id,
        applicant_id=ctx.case.applicant_id)


async def _refuse_amendment(ctx: TransitionContext) -> None:
    """PRC.002 refusal (R148 p.15): the Commission's decision, and its notice with the
    reasons to the applicant."""
    await refuse_with_notice(ctx, "Notification of refusal to amend the register")


async def _remember_changes(ctx: TransitionContext) -> None:
    ctx.put(changes=ctx.input["changes"])


async def _amend(ctx: TransitionContext) -> None:
    """PRC.003: change or supplement the data; status ``changed`` (T1 8.1) with the decision
    as its basis (T1 8.3); notify the applicant and each authorized body (R174 p.12(3))."""
    await _adopt_applicant(ctx)
    assert ctx.case.object_id is not None
    # Checked again on the entry as it is now (another amendment may have come first).
    changes = await _check_changes(ctx, await _entry_kind(ctx))
    # The parties named take the table 2 data the decision approved (R174 A1 table 2);
    # what they were before is kept in the case (``partyChanges``).
    parties = PartyStore(ctx.session, refresh=True, now=ctx.now)
    changed = await apply_changes(ctx.session, ctx.case.object_id, changes, parties,
                                  now=ctx.now)
    if parties.changes:
        ctx.put(partyChanges=[c.to_json() for c in parties.changes])
    decision = await ctx.decide(ctx.transition.code, "changed", number=next_decision_number,
                            grounds=ctx.input.get("reason") or ctx.input.get("requestCase"))
    obj = await change_status(ctx.session, ctx.case.object_id, "changed", date=ctx.today,
                              basis_number=decision.number, basis_date=ctx.today, now=ctx.now,
                              note=", ".join(changed))
    ctx.put(changed=changed, decision=decision.number)
    ctx.notify(kind=AMENDMENT, subject=f"Notification of amendment of the register "
               f"({obj.register_number})", addressee_id=ctx.case.applicant_id,
               addressee_role="applicant", payload={"changed": changed})
    await send_to_ccas(ctx, "amendment", f"Register entry {obj.register_number} changed",
                       {"objectId": obj.id, "changed": changed})


async def _technical_guard(ctx: TransitionContext) -> str | None:
    entry = await ctx.session.get(EaeuEntry, ctx.case.object_id) if ctx.case.object_id else None
    if entry is None or entry.sequence_number is None:
        return "name the register entry (objectId)"
    await _check_changes(ctx, entry.kind_code)
    return None


def amendment_request_procedure() -> Procedure:
    """P.SP.01.PRC.002: consideration of the applicant's request to amend (R148 p.15)."""
    t = transition
    return build(
        AMENDMENT_REQUEST, "eaeu", names("Consideration of a request to amend the register",
                                         "Рассмотрение обращения о внесении изменений"),
        states=[
            State("under_consideration", names("Under consideration", "На рассмотрении")),
            State("approved", names("Amendment decided (PRC.003)", "Принято решение о внесении "
                                    "изменений"), final=True),
            State("refused", names("Amendment refused", "Отказано во внесении изменений"),
                  final=True),
        ],
        transitions=[
            t(f"{AMENDMENT_REQUEST}.REQUEST", "Request to amend the register",
              "Обращение о внесении изменений", set(), "under_consideration", APPLICANT,
              "R174 p.11(1); R148 p.15",
              inputs=(InputField("changes", "json", description="The changed items of the "
                                 "registration form (R174 Appendix 1 table 1)",
                                 form=CHANGES),),
              guard=_changes_guard, effects=(_remember_changes,), starts=("amendment",),
              notices=(notice(f"{AMENDMENT_REQUEST}.REQUEST", "Request to amend the register",
                              to_commission),)),
            t(f"{AMENDMENT_REQUEST}.APPROVE", "Decision to amend (opens PRC.003)",
              "Решение о внесении изменений", {"under_consideration"}, "approved", COMMISSION,
              "R148 p.15", effects=(_approve,), stops=("amendment",)),
            t(f"{AMENDMENT_REQUEST}.REFUSE", "Refusal to amend",
              "Отказ во внесении изменений", {"under_consideration"}, "refused", COMMISSION,
              "R148 p.15",
              inputs=(InputField("reasons", "string", description="Reasons of the refusal"),),
              effects=(_refuse_amendment,), stops=("amendment",)),
        ],
        time_limits=[limit("amendment")],
        legal_basis="R148 p.15, table 2; R174 p.11; digest §2.3, §3.4",
    )


def amendment_procedure() -> Procedure:
    """P.SP.01.PRC.003: amendment of the register, on a PRC.002 decision or as a technical
    correction detected by the Commission (R148 p.15)."""
    t = transition
    changes = InputField("changes", "json", description="The changed items of the "
                         "registration form (R174 Appendix 1 table 1)", form=CHANGES)
    return build(
        AMENDMENT, "eaeu", names("Amendment of the register", "Внесение изменений в Единый "
                                 "реестр"),
        states=[State("amended", names("Register amended", "Изменения внесены"), final=True)],
        transitions=[
            t(f"{AMENDMENT}.ON_DECISION", "Amendment on the decision of PRC.002",
              "Внесение изменений по решению", set(), "amended", SYSTEM, "R148 p.15",
              inputs=(changes, InputField("requestCase", "string", required=False,
                                          description="The PRC.002 case")),
              effects=(_amend,)),
            t(f"{AMENDMENT}.TECHNICAL", "Correction of a technical nature",
              "Исправление технического характера", set(), "amended", COMMISSION,
              "R148 p.15 (corrections of a technical nature detected by the Commission)",
              inputs=(changes, InputField("reason", "string", description="What was wrong")),
              guard=_technical_guard, effects=(_amend,)),
            confirmation(f"{AMENDMENT}.ACK", "The authorized body confirms the amendment "
                         "notice", "Подтверждение получения уведомления", "amendment",
                         {"amended"}, "R174 p.12(3); digest §3.3 [Proposal]"),
        ],
        legal_basis="R148 p.15, table 2; R174 p.12(3); digest §2.3",
    )


# ---------------------------------------------------------------- PRC.004


async def _last_period(ctx: TransitionContext) -> EaeuProtectionPeriod | None:
    rows = await ctx.session.execute(
        select(EaeuProtectionPeriod).where(EaeuProtectionPeriod.object_id == ctx.case.object_id)
        .order_by(EaeuProtectionPeriod.seq.desc()).limit(1))
    return rows.scalar_one_or_none()


async def _prolongation_guard(ctx: TransitionContext) -> str | None:
    """PRC.004 request: an entry in force of the applicant and a new end after the current
    one. A request after the running period lapsed, or (with the cap on) beyond the cap, is
    received: it is for the Commission's decision (:func:`_grant_guard`)."""
    reason = await require_own_entry_in_force(ctx)
    if reason:
        return reason
    last = await _last_period(ctx)
    if last is None:
        return "the entry has no protection period to prolong"
    end = dt.date.fromisoformat(str(ctx.input.get("requestedEnd") or ctx.input.get("end")))
    if end <= last.ends_on:
        return f"the requested end {end} is not after the current end {last.ends_on}"
    return None


async def _cap(ctx: TransitionContext, last: EaeuProtectionPeriod) -> dt.date | None:
    """With ``IPREG_EAEU_ENFORCE_PROTECTION_CAP``: the furthest end of a new period, two
    years and never beyond the right (digest §10 F4/F10, outside the seeds; R174 A1 T1
    5.7.2); ``None`` without the cap."""
    if not strict_protection_cap():
        return None
    obj = await ctx.session.get(IPObject, ctx.case.object_id)
    assert obj is not None
    await ctx.session.refresh(obj, ["right_terms"])
    return protection_cap(last.ends_on + dt.timedelta(days=1),
                          (t.expires_on for t in obj.right_terms))


async def _beyond_cap(ctx: TransitionContext, last: EaeuProtectionPeriod, end: dt.date
                      ) -> str | None:
    """Why ``end`` may not be granted with the cap on, or ``None``."""
    cap = await _cap(ctx, last)
    if cap is not None and end > cap:
        return (f"a prolongation reaches at most {cap}: two years, never beyond the right "
                "(digest §10 F4/F10, outside the seeds): grant an end within it, or refuse "
                f"({PROLONGATION}.REFUSE)")
    return None


async def _remember_request(ctx: TransitionContext) -> None:
    """The request, and the end of the period it asks to prolong: a request received after
    that day is late (digest §10 F4), one beyond the cap (with it on) asks too much; the
    Commission decides on both."""
    last = await _last_period(ctx)
    assert last is not None
    requested = dt.date.fromisoformat(str(ctx.input["requestedEnd"]))
    late = ctx.today > last.ends_on
    ctx.put(requestedEnd=requested.isoformat(), requestedOn=ctx.today.isoformat(),
            periodEnd=last.ends_on.isoformat(), requestAfterPeriodEnd=late)
    cap = await _cap(ctx, last)
    if cap is not None:
        ctx.put(protectionCap=cap.isoformat(), requestBeyondCap=requested > cap)


def _late(ctx: TransitionContext) -> str | None:
    """The ground of refusal of a late request, when the rule is on (digest §10 F4)."""
    if not (ctx.data.get("requestAfterPeriodEnd") and prolongation_requires_running_period()):
        return None
    return (f"the protection period ended on {ctx.data['periodEnd']}, before the request of "
            f"{ctx.data['requestedOn']}: a prolongation is requested before the running "
            "period lapses (digest §10 F4, outside the seeds; IPREG_EAEU_PROLONG_AFTER_END)")


async def _prolong(ctx: TransitionContext) -> None:
    """PRC.004: a new protection period (T1 5.9 1..*), status ``prolonged`` (T1 8.1)."""
    assert ctx.case.object_id is not None
    end = dt.date.fromisoformat(str(ctx.input.get("end") or ctx.data["requestedEnd"]))
    decision = await ctx.decide(f"{PROLONGATION}.GRANT", "prolonged", number=next_decision_number)
    assert decision.number is not None
    obj = await prolong(ctx.session, ctx.case.object_id, new_end=end,
                        decision_number=decision.number, decision_date=ctx.today,
                        case_id=ctx.case.id, now=ctx.now)
    ctx.put(decision=decision.number, newEnd=end.isoformat())
    ctx.notify(kind=f"{PROLONGATION}.GRANT", subject=f"Notification of prolongation of the "
               f"protection term ({obj.register_number}) until {end}",
               addressee_id=ctx.case.applicant_id, addressee_role="applicant",
               payload={"end": end.isoformat()})
    await send_to_ccas(ctx, "prolongation", f"Protection term of {obj.register_number} "
                       f"prolonged until {end}", {"objectId": obj.id, "end": end.isoformat()})


async def _grant_guard(ctx: TransitionContext) -> str | None:
    """A late request (digest §10 F4) or an end beyond the cap can only be refused."""
    late = _late(ctx)
    if late:
        return f"{late}: refuse it ({PROLONGATION}.REFUSE)"
    last = await _last_period(ctx)
    if last is None:
        return "the entry has no protection period to prolong"
    end = dt.date.fromisoformat(str(ctx.input.get("end") or ctx.data["requestedEnd"]))
    if end <= last.ends_on:
        return f"the new end {end} is not after the current end {last.ends_on}"
    return await _beyond_cap(ctx, last, end)


async def _refuse_prolongation(ctx: TransitionContext) -> None:
    """PRC.004 refusal (R148 p.15): the Commission's decision, and its notice with the
    reasons to the applicant (digest §2.3 ``ProlongationRefusalNotice``)."""
    await refuse_with_notice(
        ctx, "Notice of refusal to prolong the protection term",
        {"periodEnd": ctx.data.get("periodEnd"),
         "requestAfterPeriodEnd": bool(ctx.data.get("requestAfterPeriodEnd")),
         "requestBeyondCap": bool(ctx.data.get("requestBeyondCap"))},
        lateRequest=bool(_late(ctx)))


def prolongation_procedure() -> Procedure:
    """P.SP.01.PRC.004: prolongation of the protection term (R148 p.15; R174 p.11(1))."""
    t = transition
    return build(
        PROLONGATION, "eaeu", names("Prolongation of the protection term",
                                    "Продление срока защиты"),
        states=[
            State("under_consideration", names("Under consideration", "На рассмотрении")),
            State("prolonged", names("Term prolonged", "Срок защиты продлен"), final=True),
            State("refused", names("Prolongation refused", "Отказано в продлении"),
                  final=True),
        ],
        transitions=[
            t(f"{PROLONGATION}.REQUEST", "Request to prolong the protection term",
              "Обращение о продлении срока защиты", set(), "under_consideration", APPLICANT,
              "R174 p.11(1); R148 p.15",
              inputs=(InputField("requestedEnd", "date", description="The end of protection "
                                 "asked for (T1 5.9.2 of the new period)"),),
              guard=_prolongation_guard, effects=(_remember_request,), starts=("prolongation",),
              notices=(notice(f"{PROLONGATION}.REQUEST", "Request to prolong the protection "
                              "term", to_commission),)),
            t(f"{PROLONGATION}.GRANT", "Prolongation of the protection term",
              "Продление срока защиты", {"under_consideration"}, "prolonged", COMMISSION,
              "R148 p.15; R174 p.11(2), p.12(3)",
              inputs=(InputField("end", "date", required=False, description="End of the new "
                                 "period; default: as requested"),),
              guard=_grant_guard, effects=(_prolong,), stops=("prolongation",)),
            t(f"{PROLONGATION}.REFUSE", "Refusal to prolong", "Отказ в продлении срока защиты",
              {"under_consideration"}, "refused", COMMISSION, "R148 p.15",
              inputs=(InputField("reasons", "string", description="Reasons of the refusal"),),
              effects=(_refuse_prolongation,), stops=("prolongation",)),
            confirmation(f"{PROLONGATION}.ACK", "The authorized body confirms the prolongation "
                         "notice", "Подтверждение получения уведомления", "prolongation",
                         {"prolonged"}, "R174 p.12(3); digest §3.3 [Proposal]"),
        ],
        time_limits=[limit("prolongation")],
        legal_basis="R148 p.15, table 2; digest §2.3, §3.2 R4-R5, §10 F4",
    )


# ---------------------------------------------------------------- PRC.005 and PRC.006


async def _exclude(ctx: TransitionContext) -> None:
    """Status ``excluded`` (T1 8.1) with the decision (8.3); unpublished; notices N8 and to
    each authorized body (R174 p.11(2), p.12(3))."""
    await _adopt_applicant(ctx)
    assert ctx.case.object_id is not None
    decision = await ctx.decide(ctx.transition.code, "excluded", number=next_decision_number,
                            grounds=ctx.input.get("grounds") or ctx.data.get("grounds"))
    obj = await change_status(ctx.session, ctx.case.object_id, "excluded", date=ctx.today,
                              basis_number=decision.number, basis_date=ctx.today, now=ctx.now)
    ctx.put(decision=decision.number)
    ctx.notify(kind=ctx.transition.code, subject=f"Notification of exclusion of "
               f"{obj.register_number} from the register", addressee_id=ctx.case.applicant_id,
               addressee_role="applicant")
    await send_to_ccas(ctx, "exclusion", f"{obj.register_number} excluded from the register",
                       {"objectId": obj.id})


def exclusion_on_request_procedure() -> Procedure:
    """P.SP.01.PRC.005: exclusion on the applicant's request (no refusal is named)."""
    t = transition
    return build(
        EXCLUSION_ON_REQUEST, "eaeu", names("Exclusion of IP objects on the applicant's request",
                                            "Исключение ОИС по обращению заявителя"),
        states=[
            State("under_consideration", names("Under consideration", "На рассмотрении")),
            State("excluded", names("Excluded", "Исключен"), final=True),
        ],
        transitions=[
            t(f"{EXCLUSION_ON_REQUEST}.REQUEST", "Request to exclude the IP object",
              "Обращение об исключении ОИС", set(), "under_consideration", APPLICANT,
              "R174 p.11(1); R148 p.15",
              inputs=(InputField("reason", "string", required=False, description="Why"),),
              guard=require_own_entry_in_force, starts=("exclusion",),
              notices=(notice(f"{EXCLUSION_ON_REQUEST}.REQUEST", "Request to exclude",
                              to_commission),)),
            t(f"{EXCLUSION_ON_REQUEST}.EXCLUDE", "Exclusion of the IP object",
              "Исключение ОИС из Единого реестра", {"under_consideration"}, "excluded",
              COMMISSION, "R148 p.15; R174 p.11(2), p.12(3)", effects=(_exclude,),
              stops=("exclusion",)),
            confirmation(f"{EXCLUSION_ON_REQUEST}.ACK", "The authorized body confirms the "
                         "exclusion notice", "Подтверждение получения уведомления",
                         "exclusion", {"excluded"}, "R174 p.12(3); digest §3.3 [Proposal]"),
        ],
        time_limits=[limit("exclusion")],
        legal_basis="R148 p.15, table 2; digest §2.3, §3.2 R6",
    )


async def _open_ex_officio(ctx: TransitionContext) -> None:
    await _adopt_applicant(ctx)
    ctx.put(grounds=ctx.input["grounds"])


async def _evidence(ctx: TransitionContext) -> None:
    parser = FormParser()
    docs = [parser.document(item, f"documents[{i}]")
            for i, item in enumerate(ctx.input.get("documents") or [])]
    parser.problems.raise_if_any()
    from ipreg.core.services.documents import write_documents

    ids = await write_documents(ctx.session, [d for d in docs if d is not None])
    ctx.put(evidence=ids, evidenceNote=ctx.input.get("note"))


async def _in_force_guard(ctx: TransitionContext) -> str | None:
    return await require_own_entry_in_force(ctx)


def exclusion_ex_officio_procedure() -> Procedure:
    """P.SP.01.PRC.006: exclusion on grounds not connected with a request (Regs item 46)."""
    t = transition
    decidable = {"opened", "evidence_received", "evidence_term_expired"}
    return build(
        EXCLUSION_EX_OFFICIO, "eaeu", names(
            "Exclusion on grounds not connected with a request of the applicant",
            "Исключение ОИС по основаниям, не связанным с обращением заявителя"),
        states=[
            State("opened", names("Ground for exclusion examined", "Рассматривается основание")),
            State("awaiting_evidence", names("Documents requested from the applicant",
                                             "Запрошены документы у заявителя")),
            State("evidence_received", names("Documents received", "Документы получены")),
            State("evidence_term_expired", names("Term for documents expired",
                                                 "Истек срок представления документов")),
            State("excluded", names("Excluded", "Исключен"), final=True),
            State("dismissed", names("Remains in the register unchanged",
                                     "Остается в реестре без изменений"), final=True),
        ],
        transitions=[
            t(f"{EXCLUSION_EX_OFFICIO}.OPEN", "A ground for exclusion arose (Regs item 46)",
              "Возникло основание для исключения", set(), "opened", COMMISSION,
              "R148 p.15; Regs item 46",
              inputs=(InputField("grounds", "string", description="The ground of Regs item 46 "
                                 "and what shows it"),),
              guard=_in_force_guard, effects=(_open_ex_officio,)),
            t(f"{EXCLUSION_EX_OFFICIO}.REQUEST_EVIDENCE", "Request to submit documents "
              "confirming the grounds for exclusion", "Запрос о представлении документов",
              {"opened"}, "awaiting_evidence", COMMISSION, "R174 p.11(2) (N7)",
              starts=("exclusionEvidence",),
              notices=(notice(f"{EXCLUSION_EX_OFFICIO}.REQUEST_EVIDENCE", "Request to submit "
                              "documents confirming the information that is a ground for "
                              "exclusion"),)),
            t(f"{EXCLUSION_EX_OFFICIO}.SUBMIT_EVIDENCE", "Documents submitted",
              "Документы представлены", {"awaiting_evidence"}, "evidence_received", APPLICANT,
              "R174 p.11(1)",
              inputs=(InputField("documents", "list", required=False,
                                 description="Documents (R174 A1 table 3)", form=DOCUMENT),
                      InputField("note", "string", required=False, description="Explanation")),
              effects=(_evidence,), within=("exclusionEvidence",), stops=("exclusionEvidence",),
              notices=(notice(f"{EXCLUSION_EX_OFFICIO}.SUBMIT_EVIDENCE", "Documents received",
                              to_commission),)),
            t(f"{EXCLUSION_EX_OFFICIO}.EVIDENCE_EXPIRED", "Term for the documents expired",
              "Истек срок представления документов", {"awaiting_evidence"},
              "evidence_term_expired", SYSTEM, "R174 p.11(2)",
              notices=(notice(f"{EXCLUSION_EX_OFFICIO}.EVIDENCE_EXPIRED", "No documents within "
                              "the term: decide", to_commission),)),
            t(f"{EXCLUSION_EX_OFFICIO}.EXCLUDE", "Exclusion of the IP object",
              "Исключение ОИС из Единого реестра", decidable, "excluded", COMMISSION,
              "R148 p.15; Regs item 46", effects=(_exclude,), stops=("exclusionEvidence",)),
            t(f"{EXCLUSION_EX_OFFICIO}.DISMISS", "The IP object remains in the register "
              "unchanged", "ОИС остается в реестре без изменений", decidable, "dismissed",
              COMMISSION, "R148 p.15",
              inputs=(InputField("reasons", "string", required=False, description="Why"),),
              effects=(_notify_applicant(f"{EXCLUSION_EX_OFFICIO}.DISMISS",
                                         "The IP object remains in the register"),),
              stops=("exclusionEvidence",)),
            confirmation(f"{EXCLUSION_EX_OFFICIO}.ACK", "The authorized body confirms the "
                         "exclusion notice", "Подтверждение получения уведомления",
                         "exclusion", {"excluded"}, "R174 p.12(3); digest §3.3 [Proposal]"),
        ],
        time_limits=[limit("exclusionEvidence",
                           on_expiry=f"{EXCLUSION_EX_OFFICIO}.EVIDENCE_EXPIRED")],
        legal_basis="R148 p.15, table 2; R174 p.11(2); digest §2.3, §3.2 R7-R8",
    )


# ---------------------------------------------------------------- PRC.007


def parse_turnover_changes(value: Any, problems: Problems | None = None
                           ) -> list[tuple[int, list[Any]]]:
    """``[{goods: <position>, turnover: [...]}]``: new turnover data per goods item."""
    parser = FormParser(problems)
    if not isinstance(value, list) or not value:
        raise BadUserInput("goods: a list of {goods: position, turnover: [...]} (R174 A1 T1 6.4)")
    out = []
    for i, item in enumerate(value):
        path = f"goods[{i}]"
        if parser.mapping(item, path, TURNOVER_CHANGE_ITEM) is None:
            continue
        position = parser.integer(item, "goods", path, required=True, minimum=0,
                                  maximum=10000)
        turnover = parser.turnover_list(item, path)
        if position is not None:
            out.append((position, turnover))
    parser.problems.raise_if_any()
    return out


async def _turnover_guard(ctx: TransitionContext) -> str | None:
    reason = await require_own_entry_in_force(ctx)
    if reason:
        return reason
    problems = Problems()
    changes = parse_turnover_changes(ctx.input.get("goods"), problems)
    refs = [ref for _, forms in changes for ref in turnover_files(forms)]
    await check_files(ctx.session, refs, problems)
    problems.raise_if_any()
    return None


async def _change_turnover(ctx: TransitionContext) -> None:
    """PRC.007 (Regs item 45; R174 p.11(3)): the applicant's own change, applied at once;
    notified to the Commission, the applicant and the authorized bodies (R148 p.15)."""
    assert ctx.case.object_id is not None
    changes = parse_turnover_changes(ctx.input["goods"])
    await replace_turnover(ctx.session, ctx.case.object_id, changes, ctx.now)
    obj, _ = await load_entry(ctx.session, ctx.case.object_id)
    positions = [p for p, _ in changes]
    ctx.put(goods=positions)
    ctx.notify(kind=TURNOVER_CHANGE, subject=f"Turnover data of {obj.register_number} changed",
               addressee_id=ctx.case.applicant_id, addressee_role="applicant",
               payload={"goods": positions})
    await send_to_ccas(ctx, "turnover", f"Turnover data of {obj.register_number} changed",
                       {"objectId": obj.id, "goods": positions})


def turnover_change_procedure() -> Procedure:
    """P.SP.01.PRC.007: change (addition) of the goods-turnover data (R148 p.15)."""
    t = transition
    return build(
        TURNOVER_CHANGE, "eaeu", names("Change of the goods-turnover data",
                                       "Изменение сведений, относящихся к обороту товаров"),
        states=[State("applied", names("Applied", "Изменения внесены"), final=True)],
        transitions=[
            t(f"{TURNOVER_CHANGE}.CHANGE", "The applicant changes the turnover data",
              "Изменение сведений об обороте товаров", set(), "applied", APPLICANT,
              "R174 p.11(3), p.18(1); R148 p.15; Regs item 45",
              inputs=(InputField("goods", "list", description="New turnover data per goods "
                                 "item (R174 A1 T1 6.4)", form=TURNOVER_CHANGE_ITEM),),
              guard=_turnover_guard, effects=(_change_turnover,),
              notices=(notice(TURNOVER_CHANGE, "Turnover data changed", to_commission),)),
            confirmation(f"{TURNOVER_CHANGE}.ACK", "The authorized body confirms the change "
                         "notice", "Подтверждение получения уведомления", "turnover",
                         {"applied"}, "R148 p.15; digest §3.3 [Proposal]"),
        ],
        legal_basis="R148 p.15, table 2; R174 p.11(3); digest §2.3, §3.2 R9",
    )


def maintenance_procedures() -> list[Procedure]:
    return [amendment_request_procedure(), amendment_procedure(), prolongation_procedure(),
            exclusion_on_request_procedure(), exclusion_ex_officio_procedure(),
            turnover_change_procedure()]


__all__ = ["CCA", "maintenance_procedures", "parse_changes", "parse_turnover_changes"]
