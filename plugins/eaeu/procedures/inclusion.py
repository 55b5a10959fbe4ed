"""P.SP.01.PRC.001: inclusion of IP objects in the register (R148 p.24-50, table 6).

States follow digest §3.1 (the seeds define transactions, not states). Each
transaction P.SP.01.OPR.001-025 is a transition, or is performed inside one when
it is the automatic receipt of a message by the Commission's information system
(R174 p.24: interaction in real time):

==========  ==========================================================================
OPR.001     opening transition: the application is received, the check starts
OPR.002     refusal to consider, with reasons (defect ending consideration)
OPR.003     notification of missing documents; the applicant answers (OPR.004.SUBMIT)
            or the term expires (OPR.004.EXPIRED, system)
OPR.004     documents complete: the completeness decision is due
OPR.005     refusal to consider after the completeness decision
OPR.006     sending to the authorized body of each member state
OPR.007     a CCA accepts and processes the application (OPR.008 performed inside:
            the Commission receives and processes the acknowledgment)
OPR.009     withdrawal, at any time before the final decision; once transmitted, the
            Commission informs each CCA (OPR.010, performed inside)
OPR.011     a CCA confirms the withdrawal data (OPR.012 performed inside)
OPR.013     a CCA's verification result per IP object (OPR.014 performed inside: the
            Commission records it and notifies the CCA)
OPR.015     the CCA processes the Commission's notification
OPR.016     decision on the possibility: performed inside OPR.017 / OPR.018; the
            system transition OPR.016 marks the expiry of the Regs item 25 term
OPR.017     refusal of inclusion with the CCAs' refusals attached
OPR.018     notification that inclusion is possible; the security term starts
OPR.019     the security arrives in time (OPR.019.SECURITY) or its term expires
            (OPR.019.EXPIRED, system); the decision follows (OPR.020 / OPR.021)
OPR.020     refusal of inclusion
OPR.021     inclusion: decision, register number, publication; OPR.022 (notice to the
            applicant) and OPR.023 (notice to each CCA) are sent with it
OPR.024     a CCA confirms the inclusion notice (OPR.025 performed inside)
==========  ==========================================================================
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from ipreg.core.errors import BadUserInput
from ipreg.core.procedures import (
    InputField,
    Procedure,
    State,
    TransitionContext,
    build,
    notice,
)
from ipreg.core.services.documents import DocumentForm, create_document, write_documents
from ipreg.core.services.validation import (
    DUPLICATE,
    INVALID,
    REQUIRED,
    UNKNOWN_CODE,
    FieldReader,
    FieldSpec,
    FormSpec,
)
from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES
from ipreg.plugins.eaeu.forms import DOCUMENT, REGISTRATION_FORM, FormParser, parse_forms
from ipreg.plugins.eaeu.models import EaeuCaseObject, EaeuReviewResult
from ipreg.plugins.eaeu.numbering import next_decision_number
from ipreg.plugins.eaeu.procedures.common import (
    APPLICANT,
    CCA,
    COMMISSION,
    MEMBER_STATE,
    SYSTEM,
    acting_state,
    case_objects,
    confirmation,
    limit,
    messages,
    names,
    send_to_cca,
    send_to_ccas,
    to_commission,
    today_or,
    transition,
)
from ipreg.plugins.eaeu.store import (
    PartyStore,
    check_files,
    check_representation,
    declare_object,
    include,
    set_pre_register_status,
)
from ipreg.plugins.eaeu.terms import (
    SILENCE_POLICIES,
    SilencePolicy,
    on_cca_silence,
    strict_protection_cap,
)

PRC = "P.SP.01.PRC.001"

FORMAL_CHECK = "formal_check"
AWAITING_MISSING = "awaiting_missing_documents"
COMPLETENESS_DECISION = "completeness_decision"
CONSIDERATION_REFUSED = "consideration_refused"
MEMBER_STATE_REVIEW = "member_state_review"
REVIEW_TERM_EXPIRED = "review_term_expired"
AWAITING_SECURITY = "awaiting_security"
INCLUSION_DECISION = "inclusion_decision"
INCLUSION_REFUSED = "inclusion_refused"
INCLUDED = "included"
WITHDRAWN = "withdrawn"

BEFORE_TRANSMISSION = {FORMAL_CHECK, AWAITING_MISSING, COMPLETENESS_DECISION}
AFTER_TRANSMISSION = {MEMBER_STATE_REVIEW, REVIEW_TERM_EXPIRED, AWAITING_SECURITY,
                      INCLUSION_DECISION}


# ---------------------------------------------------------------- OPR.001: receipt


async def _check_forms(ctx: TransitionContext) -> str | None:
    """OPR.001: the registration forms are validated against R174 Appendix 1 on receipt."""
    parser = FormParser()
    forms = parse_forms(ctx.input.get("forms"))
    refs = [ref for form in forms for ref in form.files()]
    await check_files(ctx.session, refs, parser.problems)
    for i, form in enumerate(forms):
        await check_representation(ctx.session, parser.problems, f"forms[{i}]", form=form)
    parser.problems.raise_if_any()
    ctx.__dict__[_PARSED] = forms  # parsed once: the effect below stores them
    return None


_PARSED = "eaeu_parsed_forms"


async def _declare(ctx: TransitionContext) -> None:
    """OPR.001: register the application (T1 1) and store each declared object unpublished."""
    forms = ctx.__dict__.get(_PARSED) or parse_forms(ctx.input["forms"])
    # The applicant, and the party filing for it, found again take the data filed now
    # (R174 A1 table 2); other parties found again keep theirs.
    who = ctx.principal
    parties = PartyStore(ctx.session, refresh={p for p in (
        ctx.case.applicant_id, who.party_id, who.on_behalf_of) if p is not None}, now=ctx.now)
    ids = []
    for i, form in enumerate(forms):
        obj = await declare_object(
            ctx.session, form, parties=parties, application_number=ctx.case.number or "",
            application_date=ctx.today, applicant_id=ctx.case.applicant_id,
            case_id=ctx.case.id, now=ctx.now)
        # R174 p.10: the applicant is the right holder or its representative.
        own = {link.party_id for link in obj.parties if link.role in ("holder",
                                                                      "representative")}
        if ctx.case.applicant_id is not None and ctx.case.applicant_id not in own:
            raise BadUserInput(f"forms[{i}]: the applicant (party {ctx.case.applicant_id}) is "
                               "neither a right holder nor the representative of the object "
                               "(R174 p.10); refer to it with {\"partyId\": …}")
        ctx.session.add(EaeuCaseObject(case_id=ctx.case.id, object_id=obj.id, position=i))
        ids.append(obj.id)
    if ctx.case.object_id is None and len(ids) == 1:
        ctx.case.object_id = ids[0]
    ctx.put(objects=ids)


# ---------------------------------------------------------------- completeness


async def _refuse_consideration(ctx: TransitionContext) -> None:
    """OPR.002 / OPR.005: notice of refusal to consider (OPR.002 with its reasons)."""
    reasons = ctx.input.get("reasons")
    await ctx.decide(ctx.transition.code, "consideration_refused", grounds=reasons)
    await set_pre_register_status(ctx.session, await case_objects(ctx), "consideration_refused")
    ctx.notify(kind=ctx.transition.code, subject="Notice of refusal to consider the application",
               addressee_id=ctx.case.applicant_id, addressee_role="applicant",
               body=reasons or "", payload={"reasons": reasons})
    ctx.put(refusalReasons=reasons)


async def _request_missing(ctx: TransitionContext) -> None:
    """OPR.003: the missing documents and data are listed in the notification."""
    missing = [str(m) for m in ctx.input["missing"]]
    ctx.put(missing=missing)
    ctx.notify(kind="P.SP.01.OPR.003", subject="Notification: submit the missing documents "
               "and data", addressee_id=ctx.case.applicant_id, addressee_role="applicant",
               body="\n".join(missing), payload={"missing": missing})


async def _check_documents(ctx: TransitionContext) -> str | None:
    parser = FormParser()
    for i, item in enumerate(ctx.input.get("documents") or []):
        parser.document(item, f"documents[{i}]")
    parser.problems.raise_if_any()
    return None


async def _store_missing(ctx: TransitionContext) -> None:
    """Input of OPR.004 (R148 T10): the missing documents (table 3) are stored."""
    parser = FormParser()
    docs = [parser.document(item, f"documents[{i}]")
            for i, item in enumerate(ctx.input["documents"])]
    ids = await write_documents(ctx.session, [d for d in docs if d is not None])
    ctx.put(missingDocuments=ids, missingAnswered=ctx.now.isoformat())


async def _missing_expired(ctx: TransitionContext) -> None:
    ctx.put(missingDocumentsExpired=True)


# ---------------------------------------------------------------- transmission and review


async def _dispatch(ctx: TransitionContext) -> None:
    """OPR.006: the application and registration forms go to the CCA of each member state."""
    await ctx.decide("P.SP.01.OPR.004", "further_review")
    objects = await case_objects(ctx)
    await send_to_ccas(ctx, "application", f"Application {ctx.case.number} for consideration "
                       "(P.SP.01.OPR.006)", {"objects": objects},
                       transaction="P.SP.01.OPR.006")


async def _accepted(ctx: TransitionContext) -> None:
    """OPR.007 → OPR.008: the acknowledgment of acceptance is received and processed."""
    from ipreg.plugins.eaeu.procedures.common import confirm

    await confirm(ctx, "application", str(ctx.input["memberState"]).upper())


async def _accept_guard(ctx: TransitionContext) -> str | None:
    country = await acting_state(ctx)
    pending = [m for m in await messages(ctx, "application")
               if m.country == country and m.confirmed_at is None]
    return None if pending else f"{country} has already acknowledged the application"


async def _results(ctx: TransitionContext) -> dict[str, dict[int, str]]:
    rows = await ctx.session.execute(
        select(EaeuReviewResult).where(EaeuReviewResult.case_id == ctx.case.id))
    out: dict[str, dict[int, str]] = {c: {} for c in MEMBER_STATE_CODES}
    for row in rows.scalars():
        out.setdefault(row.country, {})[row.object_id] = row.result
    return out


async def _all_answered(ctx: TransitionContext) -> bool:
    objects = set(await case_objects(ctx))
    results = await _results(ctx)
    return all(set(results[c]) >= objects for c in MEMBER_STATE_CODES)


#: OPR.013: the result of the authorized body's verification of one IP object.
REVIEW_RESULT = FormSpec("reviewResult", "R174 p.12(4), R148 p.37: the verification result "
                         "of one declared IP object.", (
    FieldSpec("objectId", "node", "The declared IP object", required=True,
              node_types=("EaeuRegisterEntry",)),
    FieldSpec("result", description="`possible` or `refused`", rule="R174 p.12(4); R148 p.37",
              required=True, codes=("possible", "refused")),
    FieldSpec("grounds", description="Grounds of a refusal (required when refused)",
              rule="R148 p.37"),
))

#: OPR.019: the security of the applicant's obligation (Regs item 29).
SECURITY = FormSpec("security", "R148 p.43, Regs item 29: the security of the obligation "
                    "or a copy certified by the applicant.", (
    FieldSpec("kind", description="Kind of security, e.g. insurance_contract", rule="R148 p.43",
              required=True),
    FieldSpec("number", description="Number of the contract or document", rule="R148 p.43"),
    FieldSpec("date", "date", "Date of the contract or document", "R148 p.43"),
    FieldSpec("amount", description="Amount secured", rule="Regs item 29"),
    FieldSpec("currency", description="Currency of the amount (ISO 4217)",
              rule="Regs item 29"),
    FieldSpec("certifiedCopy", "bool", "A copy certified by the applicant", "R148 p.43"),
    FieldSpec("document", DOCUMENT, "The document (R174 A1 table 3)", "R148 p.43"),
))


def _review_results(ctx: TransitionContext, reader: FieldReader | None = None
                    ) -> list[tuple[int | None, dict[str, Any]]]:
    """The OPR.013 results as given, each with the database id of the object its
    ``objectId`` (the object's global ID) names (None, and a problem on ``reader``,
    when it names none)."""
    reader = reader or FieldReader()
    of = REVIEW_RESULT.field("objectId").node_types
    out: list[tuple[int | None, dict[str, Any]]] = []
    for where, item in reader.items(ctx.input, "results", ""):
        data = reader.mapping(item, where, REVIEW_RESULT)
        if data is not None:
            out.append((reader.node(data, "objectId", where, of, required=True), dict(data)))
    return out


async def _verification_guard(ctx: TransitionContext) -> str | None:
    """OPR.013: per IP object; only the state's own body; one result per state and object."""
    country = await acting_state(ctx)
    objects = set(await case_objects(ctx))
    done = (await _results(ctx))[country]
    reader = FieldReader()
    problems = reader.problems
    seen: set[int] = set()
    for i, (object_id, item) in enumerate(_review_results(ctx, reader)):
        where = f"results[{i}]"
        result = item.get("result")
        given = item.get("objectId")
        if object_id is None:
            pass
        elif object_id not in objects:
            problems.add(f"{where}.objectId", f"{given!r} is not declared in "
                         f"{ctx.case.number}", code=INVALID)
        elif object_id in done:
            problems.add(f"{where}.objectId", f"{country} has already answered for "
                         f"object {given}", code=DUPLICATE)
        elif object_id in seen:
            problems.add(f"{where}.objectId", f"{given!r} is given twice: one result per "
                         "object", code=DUPLICATE)
        if object_id is not None:
            seen.add(object_id)
        if result not in ("possible", "refused"):
            problems.add(f"{where}.result", "must be `possible` or `refused`",
                         rule="R174 p.12(4); R148 p.37", code=UNKNOWN_CODE)
        if result == "refused" and not str(item.get("grounds") or "").strip():
            problems.add(f"{where}.grounds", "a refusal states its grounds",
                         rule="R148 p.37", code=REQUIRED)
    reader.raise_if_any()
    return None


async def _record_results(ctx: TransitionContext) -> None:
    """OPR.013 → OPR.014: the Commission records each result and notifies the CCA.
    The case step records the input as given (objects by their global IDs); the
    results table keeps the database id of each object."""
    country = str(ctx.input["memberState"]).upper()
    for object_id, item in _review_results(ctx):
        assert object_id is not None  # the guard refused any other
        document_id = None
        if item["result"] == "refused":
            (document_id,) = await write_documents(ctx.session, [DocumentForm(
                country=country, kind_name="Отказ во включении ОИС в Единый реестр",
                name=f"Refusal of the authorized body of {country}",
                description=str(item.get("grounds")), date=ctx.today)])
        ctx.session.add(EaeuReviewResult(
            case_id=ctx.case.id, country=country, object_id=object_id,
            result=item["result"], grounds=item.get("grounds"), document_id=document_id,
            received_at=ctx.now))
    await ctx.session.flush()
    await send_to_cca(ctx, country, "result_notice", "The Commission received and processed "
                      "the verification result (P.SP.01.OPR.014)",
                      {"results": [{"objectId": r["objectId"], "result": r["result"]}
                                   for r in ctx.input["results"]]},
                      transaction="P.SP.01.OPR.014")
    if await _all_answered(ctx):
        ctx.notify(kind="P.SP.01.OPR.016", subject=f"All member states answered in "
                   f"{ctx.case.number}: decide on the possibility of inclusion",
                   addressee_id=None, addressee_role="commission_official")


async def _result_notice_guard(ctx: TransitionContext) -> str | None:
    country = await acting_state(ctx)
    pending = [m for m in await messages(ctx, "result_notice")
               if m.country == country and m.confirmed_at is None]
    return None if pending else f"no notification of the Commission to {country} to process"


async def _result_notice_processed(ctx: TransitionContext) -> None:
    from ipreg.plugins.eaeu.procedures.common import confirm

    await confirm(ctx, "result_notice", str(ctx.input["memberState"]).upper())


async def _review_expired(ctx: TransitionContext) -> None:
    """Regs item 25 term expired (digest §2.2.3 [Gap]): note which states stayed silent and
    the silence policy in force, which then governs the decision (OPR.017 / OPR.018)."""
    objects = set(await case_objects(ctx))
    results = await _results(ctx)
    silent = [c for c in MEMBER_STATE_CODES if not set(results[c]) >= objects]
    ctx.put(silentStates=silent, silencePolicy=on_cca_silence().as_record(silent))


def _silence_policy(ctx: TransitionContext) -> SilencePolicy:
    """The policy recorded when the term expired (the configured one for older cases)."""
    recorded = ctx.data.get("silencePolicy")
    key = recorded.get("policy") if isinstance(recorded, dict) else recorded
    return SILENCE_POLICIES.get(str(key), None) or on_cca_silence()


def _silence_allows(ctx: TransitionContext) -> str | None:
    """After the term, with silent states: ``None`` if the recorded policy lets the
    Commission take this decision, else why not."""
    policy = _silence_policy(ctx)
    if ctx.transition.code in policy.allows:
        return None
    return (f"silence of {', '.join(ctx.data.get('silentStates') or [])} after the Regs item "
            f"25 term: the policy {policy.key!r} does not allow {ctx.transition.code} "
            f"({policy.description}; {policy.legal_basis})")


def _silence_applied(ctx: TransitionContext) -> str | None:
    """Record on the case that the silence policy governed this decision; its grounds."""
    silent = list(ctx.data.get("silentStates") or [])  # noted only when the term expired
    if not silent:
        return None
    policy = _silence_policy(ctx)
    ctx.put(silencePolicy=policy.as_record(silent, decided_by=ctx.transition.code))
    return (f"no answer within the Regs item 25 term from {', '.join(silent)}; silence policy "
            f"{policy.key!r} ({policy.legal_basis})")


async def _refusal_guard(ctx: TransitionContext) -> str | None:
    """OPR.016 → OPR.017: a refusal from at least one state within the Regs item 25 term
    (or, after the term, silence under a policy allowing refusal); all results in, or the
    term over (digest §2.2.3: wait for all results or the term, whichever is first)."""
    results = await _results(ctx)
    refused = any(r == "refused" for per in results.values() for r in per.values())
    if ctx.case.state == MEMBER_STATE_REVIEW and not await _all_answered(ctx):
        return ("not every member state has answered and the Regs item 25 term is running "
                "(R148 p.40: the decision is taken on the results of all member states)")
    if refused:
        return None
    if ctx.case.state == REVIEW_TERM_EXPIRED and ctx.data.get("silentStates"):
        return _silence_allows(ctx)
    return "no authorized body refused inclusion: decide that inclusion is possible (OPR.018)"


async def _possibility_guard(ctx: TransitionContext) -> str | None:
    """OPR.016 → OPR.018: possibility notifications from the CCA of **each** member state
    for every object, within the Regs item 25 term (R148 p.42), or silence under a policy
    allowing it."""
    objects = set(await case_objects(ctx))
    results = await _results(ctx)
    if any(r == "refused" for per in results.values() for r in per.values()):
        return "an authorized body refused inclusion: only refusal is possible (OPR.017)"
    missing = [c for c in MEMBER_STATE_CODES if not set(results[c]) >= objects]
    if not missing:
        return None
    if ctx.case.state == REVIEW_TERM_EXPIRED and ctx.data.get("silentStates"):
        return _silence_allows(ctx)
    return f"no notification of possibility from {', '.join(missing)} (R148 p.42)"


async def _refuse_after_review(ctx: TransitionContext) -> None:
    """OPR.017: notice of refusal with the authorized bodies' refusals attached."""
    rows = (await ctx.session.execute(
        select(EaeuReviewResult).where(EaeuReviewResult.case_id == ctx.case.id,
                                       EaeuReviewResult.result == "refused")
        .order_by(EaeuReviewResult.id))).scalars().all()
    refusals = [{"memberState": r.country, "objectId": r.object_id, "grounds": r.grounds,
                 "documentId": r.document_id} for r in rows]
    silent = ctx.data.get("silentStates") or []
    silence = None if refusals else _silence_applied(ctx)
    grounds = "; ".join([*(f"{r['memberState']}: {r['grounds']}" for r in refusals),
                         *([silence] if silence else [])])
    await ctx.decide("P.SP.01.OPR.016", "refused", grounds=grounds)
    await set_pre_register_status(ctx.session, await case_objects(ctx), "refused")
    ctx.put(ccaRefusals=refusals)
    ctx.notify(kind="P.SP.01.OPR.017", subject="Notice of refusal to include the IP objects in "
               "the register", addressee_id=ctx.case.applicant_id, addressee_role="applicant",
               body=grounds, payload={"ccaRefusals": refusals, "silentStates": silent,
                                      "silencePolicy": ctx.data.get("silencePolicy")})


async def _possible(ctx: TransitionContext) -> None:
    """OPR.018: the Commission decided that inclusion is possible (decision OPR.016)."""
    await ctx.decide("P.SP.01.OPR.016", "possible", grounds=_silence_applied(ctx))


# ---------------------------------------------------------------- security and decision


async def _check_security(ctx: TransitionContext) -> str | None:
    security = ctx.input.get("security")
    if not isinstance(security, dict):
        raise BadUserInput("security: must be an object (R148 p.43)")
    parser = FormParser()
    parser.mapping(security, "security", SECURITY)
    if not str(security.get("kind") or "").strip():
        parser.problems.add("security.kind", "is required, e.g. insurance_contract")
    if security.get("document") is not None:
        parser.document(security["document"], "security.document")
    parser.problems.raise_if_any()
    return None


async def _store_security(ctx: TransitionContext) -> None:
    """OPR.019 input: the security or a copy certified by the applicant (R148 p.43)."""
    security = dict(ctx.input["security"])
    document_id = None
    if security.get("document") is not None:
        parser = FormParser()
        doc = parser.document(security["document"], "security.document")
        if doc is not None:
            document_id = (await create_document(ctx.session, doc)).id
    security.pop("document", None)
    ctx.put(security={**security, "documentId": document_id,
                       "receivedAt": ctx.now.isoformat()})


async def _security_expired(ctx: TransitionContext) -> None:
    ctx.put(securityMissing=True)


async def _inclusion_guard(ctx: TransitionContext) -> str | None:
    """OPR.019 → OPR.021: inclusion needs the security [Inference, digest §2.2.3]."""
    if not ctx.data.get("security"):
        return "no security was submitted within the Regs item 29 term: refuse (OPR.020)"
    return None


async def _refuse_inclusion(ctx: TransitionContext) -> None:
    """OPR.019 → OPR.020: notice of refusal of inclusion."""
    reasons = ctx.input.get("reasons") or (
        "no security submitted within the Regs item 29 term" if ctx.data.get("securityMissing")
        else None)
    await ctx.decide("P.SP.01.OPR.019", "refused", grounds=reasons)
    await set_pre_register_status(ctx.session, await case_objects(ctx), "refused")
    ctx.notify(kind="P.SP.01.OPR.020", subject="Notice of refusal to include the IP objects in "
               "the register", addressee_id=ctx.case.applicant_id, addressee_role="applicant",
               body=reasons or "", payload={"reasons": reasons})


async def _include(ctx: TransitionContext) -> None:
    """OPR.021: Decision on inclusion, register numbers (T1 5.1), first protection period
    (T1 5.9), status ``included`` (T1 8), publication; OPR.023 to each CCA."""
    decision_date = today_or(ctx, "decisionDate")
    decision = await ctx.decide("P.SP.01.OPR.021", "included", number=next_decision_number)
    assert decision.number is not None
    end = ctx.input.get("protectionEnd")
    included = []
    for object_id in await case_objects(ctx):
        obj = await include(ctx.session, object_id, decision_number=decision.number,
                            decision_date=decision_date, case_id=ctx.case.id, now=ctx.now,
                            protection_end=_date(end), enforce_cap=strict_protection_cap())
        included.append({"objectId": obj.id, "registrationNumber": obj.register_number})
    ctx.put(decision=decision.number, included=included)
    await send_to_ccas(ctx, "inclusion", f"Notification of inclusion ({ctx.case.number}, "
                       f"decision {decision.number}) (P.SP.01.OPR.023)", {"included": included},
                       transaction="P.SP.01.OPR.023")


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


# ---------------------------------------------------------------- withdrawal


async def _withdraw(ctx: TransitionContext) -> None:
    """OPR.009; after transmission also OPR.010: each CCA is informed of the withdrawal."""
    await set_pre_register_status(ctx.session, await case_objects(ctx), "withdrawn")
    transmitted = bool(await messages(ctx, "application"))
    ctx.put(withdrawnAfterTransmission=transmitted, withdrawalReason=ctx.input.get("reason"))
    if transmitted:
        await send_to_ccas(ctx, "withdrawal", f"Application {ctx.case.number} was withdrawn "
                           "(P.SP.01.OPR.010)", transaction="P.SP.01.OPR.010")


# ---------------------------------------------------------------- the procedure


def inclusion_procedure() -> Procedure:
    """P.SP.01.PRC.001 with the terms in force (:mod:`ipreg.plugins.eaeu.terms`)."""
    s = State
    states = [
        s(FORMAL_CHECK, names("Completeness and conformity check", "Проверка комплектности")),
        s(AWAITING_MISSING, names("Missing documents requested",
                                  "Запрошены недостающие документы")),
        s(COMPLETENESS_DECISION, names("Decision on completeness pending",
                                       "Решение по результатам проверки комплектности")),
        s(CONSIDERATION_REFUSED, names("Consideration refused", "Отказано в рассмотрении"),
          final=True),
        s(MEMBER_STATE_REVIEW, names("Verification by the member states",
                                     "Проверка уполномоченными органами")),
        s(REVIEW_TERM_EXPIRED, names("Verification term expired",
                                     "Срок проверки уполномоченными органами истек")),
        s(AWAITING_SECURITY, names("Inclusion possible, awaiting the security",
                                   "Включение возможно, ожидается обеспечение")),
        s(INCLUSION_DECISION, names("Decision on inclusion pending",
                                    "Решение о включении или об отказе")),
        s(INCLUSION_REFUSED, names("Inclusion refused", "Отказано во включении"), final=True),
        s(INCLUDED, names("Included in the register", "Включено в Единый реестр"), final=True),
        s(WITHDRAWN, names("Withdrawn", "Заявление отозвано"), final=True),
    ]
    t = transition
    transitions = [
        t("P.SP.01.OPR.001", "Receipt of the application and check of its compliance",
          "Прием заявления и проверка соответствия", set(), FORMAL_CHECK, APPLICANT,
          "R148 p.25-27, table 7; R174 p.11(1)",
          inputs=(InputField("forms", "list", description="Registration forms, one per IP "
                             "object (R174 Appendix 1 table 1)", form=REGISTRATION_FORM),),
          guard=_check_forms, effects=(_declare,),
          starts=("formalCheck", "refusalToConsiderNotice"),
          notices=(notice("P.SP.01.OPR.001", "Application received for consideration",
                          to_commission),)),
        t("P.SP.01.OPR.002", "Notice of refusal to consider (defect ending consideration)",
          "Уведомление об отказе в рассмотрении заявления", {FORMAL_CHECK},
          CONSIDERATION_REFUSED, COMMISSION, "R148 p.27, table 8; Regs item 9 ¶11, item 18 ¶4",
          inputs=(InputField("reasons", "string", description="Reasons (R148 table 8)"),),
          effects=(_refuse_consideration,), stops=("formalCheck", "refusalToConsiderNotice")),
        t("P.SP.01.OPR.003", "Notification that missing documents must be submitted",
          "Уведомление о представлении недостающих документов", {FORMAL_CHECK},
          AWAITING_MISSING, COMMISSION, "R148 p.28, table 9; Regs item 23",
          inputs=(InputField("missing", "list", description="The missing documents and data"),),
          effects=(_request_missing,), stops=("formalCheck", "refusalToConsiderNotice"),
          starts=("missingDocumentsAnswer",)),
        t("P.SP.01.OPR.004.SUBMIT", "Missing documents submitted in time",
          "Недостающие документы представлены в срок", {AWAITING_MISSING},
          COMPLETENESS_DECISION, APPLICANT, "R148 p.28-29, table 10; R174 p.11(1)",
          inputs=(InputField("documents", "list", description="Documents (R174 A1 table 3)",
                            form=DOCUMENT),),
          guard=_check_documents, effects=(_store_missing,), within=("missingDocumentsAnswer",),
          stops=("missingDocumentsAnswer",), starts=("completenessDecision", "dispatchToCcas"),
          notices=(notice("P.SP.01.OPR.004", "Missing documents received", to_commission),)),
        t("P.SP.01.OPR.004.EXPIRED", "Term for the missing documents expired",
          "Истек срок представления недостающих документов", {AWAITING_MISSING},
          COMPLETENESS_DECISION, SYSTEM, "R148 p.29 (decision also after the term expires)",
          effects=(_missing_expired,), starts=("completenessDecision", "dispatchToCcas"),
          notices=(notice("P.SP.01.OPR.004", "Term for the missing documents expired: decide",
                          to_commission),)),
        t("P.SP.01.OPR.004", "Documents complete: decision on the completeness check due",
          "Документы комплектны: решение по результатам проверки", {FORMAL_CHECK},
          COMPLETENESS_DECISION, COMMISSION, "R148 p.29, table 10",
          stops=("formalCheck", "refusalToConsiderNotice"),
          starts=("completenessDecision", "dispatchToCcas")),
        t("P.SP.01.OPR.005", "Notice of refusal to consider (completeness decision)",
          "Уведомление об отказе в рассмотрении заявления", {COMPLETENESS_DECISION},
          CONSIDERATION_REFUSED, COMMISSION, "R148 p.30, table 11; Regs item 23",
          inputs=(InputField("reasons", "string", required=False, description="Reasons"),),
          effects=(_refuse_consideration,), stops=("completenessDecision", "dispatchToCcas")),
        t("P.SP.01.OPR.006", "Sending the application to the authorized bodies",
          "Направление заявления в уполномоченные органы", {COMPLETENESS_DECISION},
          MEMBER_STATE_REVIEW, COMMISSION, "R148 p.31, table 12; R174 p.12(3); Regs item 24",
          effects=(_dispatch,), stops=("completenessDecision", "dispatchToCcas"),
          starts=("ccaVerification",)),
        t("P.SP.01.OPR.007", "Acceptance and processing of the application by the "
          "authorized body (and OPR.008, its receipt by the Commission)",
          "Прием и обработка заявления уполномоченным органом", {MEMBER_STATE_REVIEW,
                                                                 REVIEW_TERM_EXPIRED},
          None, CCA, "R148 p.32-33, tables 13-14", inputs=(MEMBER_STATE,),
          guard=_accept_guard, effects=(_accepted,)),
        t("P.SP.01.OPR.009", "Withdrawal of the application (with OPR.010 once transmitted)",
          "Отзыв заявления", BEFORE_TRANSMISSION | AFTER_TRANSMISSION, WITHDRAWN, APPLICANT,
          "R148 p.34-35, tables 15-16; R174 p.11(1), p.12(3)",
          inputs=(InputField("reason", "string", required=False, description="Why"),),
          effects=(_withdraw,),
          notices=(notice("P.SP.01.OPR.009", "The applicant withdrew the application",
                          to_commission),)),
        confirmation("P.SP.01.OPR.011", "Receipt of the withdrawal data by the authorized body "
                     "(and OPR.012, acceptance of its confirmation)",
                     "Получение сведений об отзыве заявления", "withdrawal", {WITHDRAWN},
                     "R148 p.36"),
        t("P.SP.01.OPR.013", "Verification by the authorized body, per IP object (and OPR.014,"
          " its receipt and processing by the Commission)",
          "Проверка уполномоченным органом по каждому ОИС", {MEMBER_STATE_REVIEW}, None, CCA,
          "R148 p.37-38; R174 p.12(4); Regs item 25",
          inputs=(MEMBER_STATE, InputField(
              "results", "list", description="The result for each declared IP object",
              form=REVIEW_RESULT)),
          guard=_verification_guard, effects=(_record_results,), within=("ccaVerification",)),
        confirmation("P.SP.01.OPR.015", "Processing of the Commission's notification by the "
                     "authorized body", "Обработка уведомления Комиссии", "result_notice",
                     {MEMBER_STATE_REVIEW, REVIEW_TERM_EXPIRED, AWAITING_SECURITY,
                      INCLUSION_DECISION, INCLUSION_REFUSED, INCLUDED, WITHDRAWN}, "R148 p.39"),
        t("P.SP.01.OPR.016", "Verification term expired (Regs item 25)",
          "Истек срок проверки (пункт 25 Регламента)", {MEMBER_STATE_REVIEW},
          REVIEW_TERM_EXPIRED, SYSTEM, "R148 p.40-42; Regs item 25; digest §2.2.3",
          effects=(_review_expired,),
          notices=(notice("P.SP.01.OPR.016", "The verification term expired: decide",
                          to_commission),)),
        t("P.SP.01.OPR.017", "Decision of refusal (OPR.016) and its notice with the "
          "authorized bodies' refusals", "Уведомление об отказе во включении",
          {MEMBER_STATE_REVIEW, REVIEW_TERM_EXPIRED}, INCLUSION_REFUSED, COMMISSION,
          "R148 p.40-41; R174 p.11(2)", guard=_refusal_guard,
          effects=(_refuse_after_review,), stops=("ccaVerification",)),
        t("P.SP.01.OPR.018", "Decision that inclusion is possible (OPR.016) and its "
          "notification", "Уведомление о возможности включения",
          {MEMBER_STATE_REVIEW, REVIEW_TERM_EXPIRED}, AWAITING_SECURITY, COMMISSION,
          "R148 p.40, p.42; R174 p.11(2)", guard=_possibility_guard, effects=(_possible,),
          stops=("ccaVerification",), starts=("securitySubmission",),
          notices=(notice("P.SP.01.OPR.018", "Inclusion in the register is possible: submit "
                          "the security"),)),
        t("P.SP.01.OPR.019.SECURITY", "Security submitted in time",
          "Обеспечение представлено в срок", {AWAITING_SECURITY}, INCLUSION_DECISION,
          APPLICANT, "R148 p.43; R174 p.11(1); Regs item 29",
          inputs=(InputField("security", "json", description="The security (Regs item 29)",
                             form=SECURITY),),
          guard=_check_security, effects=(_store_security,), within=("securitySubmission",),
          stops=("securitySubmission",),
          notices=(notice("P.SP.01.OPR.019", "Security received: decide on inclusion",
                          to_commission),)),
        t("P.SP.01.OPR.019.EXPIRED", "Term for the security expired",
          "Истек срок представления обеспечения", {AWAITING_SECURITY}, INCLUSION_DECISION,
          SYSTEM, "R148 p.43 (decision also after the term expires); Regs item 29",
          effects=(_security_expired,),
          notices=(notice("P.SP.01.OPR.019", "No security within the term: decide",
                          to_commission),)),
        t("P.SP.01.OPR.020", "Notice of refusal of inclusion (decision OPR.019)",
          "Уведомление об отказе во включении", {INCLUSION_DECISION}, INCLUSION_REFUSED,
          COMMISSION, "R148 p.43-44; R174 p.11(2)",
          inputs=(InputField("reasons", "string", required=False, description="Reasons"),),
          effects=(_refuse_inclusion,)),
        t("P.SP.01.OPR.021", "Inclusion in the register and publication (decision OPR.019; "
          "notices OPR.022 to the applicant and OPR.023 to each authorized body)",
          "Включение ОИС в Единый реестр и опубликование", {INCLUSION_DECISION}, INCLUDED,
          COMMISSION, "R148 p.45-47; R174 p.11(2), p.12(3), p.12(6)",
          inputs=(InputField("protectionEnd", "date", required=False,
                             description="End of the protection period (T1 5.9.2); default: "
                             "as requested, else two years capped by the right (§10 F4); with "
                             "IPREG_EAEU_ENFORCE_PROTECTION_CAP at most that cap"),
                  InputField("decisionDate", "date", required=False,
                             description="Date of the decision on inclusion; default today")),
          guard=_inclusion_guard, effects=(_include,),
          notices=(notice("P.SP.01.OPR.022", "Notification of inclusion in the register"),)),
        confirmation("P.SP.01.OPR.024", "Receipt of the inclusion notification by the "
                     "authorized body (and OPR.025, receipt of its confirmation)",
                     "Получение уведомления о включении", "inclusion", {INCLUDED},
                     "R148 p.48-49"),
    ]
    return build(
        PRC, "eaeu", names("Inclusion of IP objects in the unified register",
                           "Включение ОИС в Единый реестр"),
        states=states, transitions=transitions,
        time_limits=[
            limit("formalCheck"), limit("refusalToConsiderNotice"),
            limit("missingDocumentsAnswer", on_expiry="P.SP.01.OPR.004.EXPIRED"),
            limit("completenessDecision"), limit("dispatchToCcas"),
            limit("ccaVerification", on_expiry="P.SP.01.OPR.016"),
            limit("securitySubmission", on_expiry="P.SP.01.OPR.019.EXPIRED"),
        ],
        legal_basis="R148 p.24-50 and table 6; R174 p.11-13; digest §2.2, §3.1, §3.3",
    )
