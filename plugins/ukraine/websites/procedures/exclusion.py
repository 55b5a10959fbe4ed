"""The owner's application for exclusion (digest §6.2, Order 2945 IV): UAW.EXCLUSION;
the exclusion on a court decision (IV.6): UAW.COURT; copies of conclusions on request
(III.6 ¶4, IV.4 ¶4): UAW.COPY.

X1 filing (IV.1-IV.2) → X2 refusal to consider (IV.4 ¶2, the REMEDIED ground barred
after two exclusions within three calendar years, T18) or X3 the notice to the right
holder (IV.3 ¶1, T11) → X4 its explanations (T12) or their lapse → X5 granted / X6
refused (IV.4-IV.5, T13), with a finding on every IV.5 ground → the copy to the owner
(IV.4 ¶3, T14) → the granting conclusion to the Ministry (IV.4 ¶5, T16) → X7 the
exclusion (IV.6, T17).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from ipreg.core.errors import BadUserInput, PreconditionFailed
from ipreg.core.model import Case, Decision
from ipreg.core.procedures import InputField, Procedure, State, TransitionContext, build, notice
from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec
from ipreg.plugins.ukraine.websites import register
from ipreg.plugins.ukraine.websites.forms import EXCLUSION, WebsiteFormReader, read_exclusion
from ipreg.plugins.ukraine.websites.models import UaWebsite, UaWebsiteEpisode
from ipreg.plugins.ukraine.websites.procedures.appeal import CODE as APPEAL_CODE
from ipreg.plugins.ukraine.websites.procedures.appeal import COURT, FINDING
from ipreg.plugins.ukraine.websites.procedures.appeal import court as record_court
from ipreg.plugins.ukraine.websites.procedures.common import (
    EXAMINER,
    EXCLUSION_REFUSAL_GROUNDS,
    MINISTRY,
    OWNER,
    RIGHT_HOLDER,
    SYSTEM,
    acting_party,
    acts_for,
    conclusion_number,
    findings,
    names,
    new_person,
    to_role,
    transition,
)
from ipreg.plugins.ukraine.websites.terms import limit

CODE = "UAW.EXCLUSION"
P = "UAW.EXCLUSION."
COURT_CODE = "UAW.COURT"
COPY_CODE = "UAW.COPY"

DECISION = FormSpec("courtDecision", "A court decision in force establishing that there "
                    "were no grounds for inclusion (Order 2945 IV.6; VR-X13).", (
    F("court", description="The court", rule="Order 2945 IV.6", required=True),
    F("caseNumber", description="The court's case number", rule="Order 2945 IV.6",
      required=True),
    F("date", "date", "Date of the decision", "Order 2945 IV.6", required=True),
    F("inForceOn", "date", "Date it entered into legal force", "Order 2945 IV.6",
      required=True),
    F("holdsNoGroundsForInclusion", "bool", "It establishes that there were no grounds to "
      "include the website", "Order 2945 IV.6", required=True),
))


async def _last_inclusion(ctx: TransitionContext, object_id: int) -> tuple[Case | None, Any]:
    episode = (await ctx.session.execute(
        select(UaWebsiteEpisode).where(UaWebsiteEpisode.object_id == object_id,
                                       UaWebsiteEpisode.kind == "inclusion")
        .order_by(UaWebsiteEpisode.on.desc(), UaWebsiteEpisode.id.desc()).limit(1))
    ).scalar_one_or_none()
    case = await ctx.session.get(Case, episode.case_id) if episode and episode.case_id else None
    return case, episode


async def file(ctx: TransitionContext) -> None:
    """X1 (IV.1-IV.2; VR-X01-VR-X06, VR-X08): the owner of a listed website applies; the
    right holder and its representative of record come from the last inclusion's appeal."""
    site = await register.listed(ctx.session, ctx.case.object_id)
    if site.status != "LISTED":
        raise PreconditionFailed("the website is already being excluded (Order 2945 IV.1 ¶1; "
                                 "VR-X01)")
    form = read_exclusion(ctx.input.get("application"), ctx.today)
    appeal_case, episode = await _last_inclusion(ctx, site.object_id)
    appeal = (appeal_case.data or {}).get("appeal", {}) if appeal_case else {}
    warnings: list[dict[str, str]] = []
    titles = {w["title"].casefold() for w in appeal.get("works", [])}
    for i, work in enumerate(form["works"]):
        if titles and work["title"].casefold() not in titles:
            warnings.append({"path": f"works[{i}].title", "rule": "Order 2945 IV.2 ¶2; VR-X04",
                             "message": f"{work['title']!r} is not a work of the appeal"})
    appeal_filed = appeal.get("receivedOn")
    reader = WebsiteFormReader(ctx.today)
    for i, ground in enumerate(form["grounds"]):
        if ground["ground"] == "OWNER_HELD_RIGHTS":
            if not ground["evidenceDate"]:
                reader.problems.add(f"application.grounds[{i}].evidenceDate",
                                    "OWNER_HELD_RIGHTS: the evidence shows the rights held on "
                                    "the appeal's filing date", rule="Order 2945 IV.1 ¶4; VR-X08",
                                    code="required")
            elif appeal_filed and ground["evidenceDate"] > appeal_filed:
                reader.problems.add(f"application.grounds[{i}].evidenceDate",
                                    f"evidence of {ground['evidenceDate']} does not cover the "
                                    f"appeal's filing date {appeal_filed} (T19)",
                                    rule="Order 2945 IV.1 ¶4; VR-X08")
    reader.raise_if_any()
    owner_party = acting_party(ctx, "website_owner")
    if site.owner_party_id is None:
        site.owner_party_id = owner_party or await new_person(ctx, form["owner"])
    ctx.case.applicant_id = owner_party or site.owner_party_id
    ctx.put(application=form, warnings=warnings, receivedOn=ctx.today.isoformat(),
            rightHolderPartyId=appeal_case.applicant_id if appeal_case else None,
            appealCase=appeal_case.number if appeal_case else None,
            appealConclusion=episode.conclusion_number if episode else None,
            representativeEmail=((appeal_case.data or {}).get("representativeOfRecord") or
                                 appeal.get("representative") or {}).get("email")
            if appeal_case else None,
            rightHolderEmail=(appeal.get("applicant") or {}).get("email"),
            entryNumber=site.entry_number)


async def _barred(ctx: TransitionContext) -> int | None:
    grounds = {g["ground"] for g in ctx.data["application"]["grounds"]}
    if "REMEDIED" not in grounds:
        return None
    count = await register.remedied_exclusions(ctx.session, ctx.case.object_id or 0,
                                               ctx.today)
    return count if count >= 2 else None


async def bar_applies(ctx: TransitionContext) -> str | None:
    if await _barred(ctx) is None:
        return ("the REMEDIED ground is not barred: the website was not excluded twice on it "
                "within three calendar years (Order 2945 IV.4 ¶2; VR-X07)")
    return None


async def bar_does_not_apply(ctx: TransitionContext) -> str | None:
    count = await _barred(ctx)
    if count is not None:
        return (f"the website was excluded {count} times on REMEDIED within three calendar "
                "years: the application is not considered (Order 2945 IV.4 ¶2; VR-X07)")
    return None


async def not_consider(ctx: TransitionContext) -> None:
    """X2 (IV.4 ¶2; VR-X07; T18): refusal to consider."""
    count = await _barred(ctx)
    decision = await ctx.decide("exclusion_conclusion", "NOT_CONSIDERED",
                                number=conclusion_number,
                                grounds=f"REMEDIED: {count} exclusions within three calendar "
                                "years (IV.4 ¶2)")
    ctx.put(conclusion={"number": decision.number, "kind": "NOT_CONSIDERED",
                        "adoptedOn": ctx.today.isoformat(), "earlierExclusions": count})


async def notify_right_holder(ctx: TransitionContext) -> None:
    """X3 (IV.3 ¶1; T11; VR-X11): notice of receipt with copies to the e-mails of the
    right holder and of its representative of record."""
    holder = ctx.data.get("rightHolderPartyId")
    ctx.put(rightHolderNotice={"sentOn": ctx.today.isoformat(),
                               "emails": [e for e in (ctx.data.get("rightHolderEmail"),
                                                      ctx.data.get("representativeEmail")) if e],
                               "copies": True})
    ctx.notify(kind=f"{P}NOTICE", subject="Заява власника про виключення вебсайту (IV.3)",
               addressee_id=holder, addressee_role="right_holder",
               payload={"emails": ctx.data["rightHolderNotice"]["emails"],
                        "explanationsWithinDays": 10})


def right_holder_guard(ctx: TransitionContext) -> str | None:
    if not acts_for(ctx, "right_holder", ctx.data.get("rightHolderPartyId")):
        return "only the right holder of the appeal or its representative of record acts " \
            "(Order 2945 IV.3)"
    return None


async def explanations(ctx: TransitionContext) -> None:
    """X4 (IV.3 ¶2; T12): the right holder's explanations."""
    ctx.put(rightHolderExplanations={"on": ctx.today.isoformat(),
                                     "items": ctx.input["explanations"]})


async def _conclude(ctx: TransitionContext, outcome: str) -> None:
    found = findings(ctx, EXCLUSION_REFUSAL_GROUNDS, "Order 2945 IV.5")
    refusals = [f["ground"] for f in found if f["found"]]
    if outcome == "GRANTED" and refusals:
        raise PreconditionFailed(f"grounds for refusal are found: {', '.join(refusals)} "
                                 "(Order 2945 IV.5)")
    if outcome == "REFUSED" and not refusals:
        raise PreconditionFailed("a refusal names at least one ground of IV.5 found")
    granted: list[str] = []
    if outcome == "GRANTED":
        applied = [g["ground"] for g in ctx.data["application"]["grounds"]]
        granted = list(ctx.input.get("grantedGrounds") or [])
        if not granted or set(granted) - set(applied):
            raise BadUserInput(f"grantedGrounds: the proven grounds among those applied for: "
                               f"{', '.join(applied)} (Order 2945 IV.1)")
    decision = await ctx.decide("exclusion_conclusion", outcome, number=conclusion_number,
                                grounds=", ".join(refusals or granted))
    ctx.put(conclusion={"number": decision.number, "kind": outcome,
                        "adoptedOn": ctx.today.isoformat(), "findings": found,
                        "refusalGrounds": refusals, "grantedGrounds": granted,
                        "reasons": ctx.input.get("reasons")})


async def grant(ctx: TransitionContext) -> None:
    """X5 (IV.4 ¶1, ¶3, ¶5): the application is granted on the grounds proven."""
    await _conclude(ctx, "GRANTED")


async def refuse(ctx: TransitionContext) -> None:
    """X6 (IV.4 ¶3; IV.5 ¶1-4): refused, a finding on every IV.5 ground."""
    await _conclude(ctx, "REFUSED")


async def copy_to_owner(ctx: TransitionContext) -> None:
    """IV.4 ¶3 (T14): the copy of the conclusion to the owner (or its representative)."""
    application = ctx.data["application"]
    to = (application.get("representative") or {}).get("email") or application["owner"]["email"]
    ctx.put(conclusion={**ctx.data["conclusion"], "copyToOwnerOn": ctx.today.isoformat(),
                        "copyTo": to})
    ctx.notify(kind=f"{P}COPY_TO_OWNER",
               subject=f"Висновок {ctx.data['conclusion']['number']} (IV.4 ¶3)",
               addressee_id=ctx.case.applicant_id, addressee_role="website_owner",
               payload={"email": to, "outcome": ctx.data["conclusion"]["kind"]})


async def send_to_ministry(ctx: TransitionContext) -> None:
    """IV.4 ¶5 (T16; L3): the granting conclusion to the Ministry; the entry is pending."""
    assert ctx.case.object_id is not None
    await register.mark_pending(ctx.session, ctx.case.object_id, ctx.now)
    ctx.put(conclusion={**ctx.data["conclusion"], "sentToMinistryOn": ctx.today.isoformat()})


async def exclude(ctx: TransitionContext) -> None:
    """X7 (IV.6; V.1; T17; L5; VR-X13): the Ministry excludes the website on the granting
    conclusion, from its website and WIPO ALERT."""
    conclusion = ctx.data["conclusion"]
    assert ctx.case.object_id is not None
    await register.exclude(
        ctx.session, ctx.case.object_id, on=ctx.today, basis="UKRNOIVI_CONCLUSION",
        conclusion_number=conclusion["number"],
        conclusion_date=dt.date.fromisoformat(conclusion["adoptedOn"]),
        received_on=dt.date.fromisoformat(conclusion["sentToMinistryOn"]),
        case_id=ctx.case.id, grounds=conclusion["grantedGrounds"], court=None,
        wipo_removed_on=_wipo(ctx), now=ctx.now)
    ctx.put(excludedOn=ctx.today.isoformat())


def _wipo(ctx: TransitionContext) -> dt.date | None:
    value = ctx.input.get("wipoAlertRemovedOn")
    return dt.date.fromisoformat(str(value)) if value else None


def exclusion_procedure() -> Procedure:
    """§6.2 on the engine, with the terms in force (terms.py)."""
    t = transition
    return build(
        CODE, "ua_websites",
        names("Application for exclusion of a website from the national list",
              "Заява про виключення вебсайту з національного переліку"),
        legal_basis="Order 2945 IV",
        states=[
            State("received", names("Received", "Надійшла")),
            State("not_considered", names("Not considered", "Відмовлено у розгляді"),
                  final=True),
            State("awaiting_applicant", names("Awaiting the right holder",
                                              "Очікування пояснень заявника")),
            State("under_review", names("Under review", "Розгляд")),
            State("granted", names("Granted", "Висновок про задоволення")),
            State("refused", names("Refused", "Висновок про відмову")),
            State("closed_refused", names("Refused, copy sent", "Відмовлено"), final=True),
            State("sent_to_ministry", names("Sent to the Ministry", "Надіслано Мінекономіки")),
            State("closed_excluded", names("Excluded", "Виключено"), final=True),
        ],
        time_limits=[limit("T11"), limit("T12", on_expiry=f"{P}EXPLANATIONS_LAPSED"),
                     limit("T13"), limit("T14"), limit("T16"), limit("T17")],
        transitions=[
            t(f"{P}FILE", "Apply for exclusion", "Подати заяву", set(), "received", OWNER,
              "Order 2945 IV.1; IV.2; X1",
              inputs=(InputField("application", "json", description="The application",
                                 form=EXCLUSION),),
              effects=(file,), starts=("T11", "T13"),
              notices=(notice(f"{P}RECEIVED", "Нова заява про виключення",
                              to=to_role("ukrnoivi_examiner")),)),
            t(f"{P}NOT_CONSIDER", "Refuse to consider", "Відмовити у розгляді", {"received"},
              "not_considered", EXAMINER, "Order 2945 IV.4 ¶2; T18; X2", guard=bar_applies,
              effects=(not_consider,), stops=("T11", "T13"),
              notices=(notice(f"{P}NOT_CONSIDERED", "Відмова у розгляді заяви (IV.4 ¶2)",
                              to=lambda ctx: [(ctx.case.applicant_id, "website_owner")]),)),
            t(f"{P}NOTIFY_RIGHT_HOLDER", "Notify the right holder", "Повідомити заявника",
              {"received"}, "awaiting_applicant", EXAMINER, "Order 2945 IV.3 ¶1; X3",
              guard=bar_does_not_apply, effects=(notify_right_holder,), stops=("T11",),
              starts=("T12",)),
            t(f"{P}EXPLANATIONS", "Explain as the right holder", "Надати пояснення",
              {"awaiting_applicant"}, "under_review", RIGHT_HOLDER, "Order 2945 IV.3 ¶2; X4",
              inputs=(InputField("explanations", "list", description="Explanations, "
                                 "documents and materials"),),
              guard=right_holder_guard, effects=(explanations,), within=("T12",),
              stops=("T12",)),
            t(f"{P}EXPLANATIONS_LAPSED", "No explanations", "Пояснень не надано",
              {"awaiting_applicant"}, "under_review", SYSTEM, "Order 2945 IV.3 ¶2; X4"),
            t(f"{P}GRANT", "Conclude: grant", "Висновок про задоволення", {"under_review"},
              "granted", EXAMINER, "Order 2945 IV.4 ¶1; IV.4 ¶3; X5",
              inputs=(InputField("findings", "list", description="A finding on each IV.5 "
                                 "ground (none found)", form=FINDING),
                      InputField("grantedGrounds", "list", description="The grounds proven"),
                      InputField("reasons", required=False, description="Reasons")),
              effects=(grant,), stops=("T13",), starts=("T14", "T16")),
            t(f"{P}REFUSE", "Conclude: refuse", "Висновок про відмову", {"under_review"},
              "refused", EXAMINER, "Order 2945 IV.4 ¶3; IV.5; X6",
              inputs=(InputField("findings", "list", description="A finding on each IV.5 "
                                 "ground", form=FINDING),
                      InputField("reasons", required=False, description="Reasons")),
              effects=(refuse,), stops=("T13",), starts=("T14",)),
            t(f"{P}COPY_REFUSAL_TO_OWNER", "Send the refusal to the owner",
              "Надіслати висновок власнику", {"refused"}, "closed_refused", EXAMINER,
              "Order 2945 IV.4 ¶3", effects=(copy_to_owner,), stops=("T14",)),
            t(f"{P}COPY_TO_OWNER", "Send the conclusion to the owner",
              "Надіслати висновок власнику", {"granted", "sent_to_ministry"}, None, EXAMINER,
              "Order 2945 IV.4 ¶3", effects=(copy_to_owner,), stops=("T14",)),
            t(f"{P}SEND_TO_MINISTRY", "Send to the Ministry", "Надіслати до Мінекономіки",
              {"granted"}, "sent_to_ministry", EXAMINER, "Order 2945 IV.4 ¶5; X5",
              effects=(send_to_ministry,), stops=("T16",), starts=("T17",),
              notices=(notice(f"{P}TO_MINISTRY", "Висновок про виключення (IV.4 ¶5)",
                              to=to_role("ministry_officer")),)),
            t(f"{P}EXCLUDE", "Exclude from the list", "Виключити з переліку",
              {"sent_to_ministry"}, "closed_excluded", MINISTRY, "Order 2945 IV.6; V.1; X7",
              inputs=(InputField("wipoAlertRemovedOn", "date", required=False,
                                 description="Removed from WIPO ALERT"),),
              effects=(exclude,), stops=("T17",),
              notices=(notice(f"{P}EXCLUDED", "Вебсайт виключено з переліку (IV.6)",
                              to=lambda ctx: [(ctx.case.applicant_id, "website_owner")]),)),
            t(f"{P}COURT", "Record a court challenge", "Зафіксувати оскарження",
              {"received", "not_considered", "awaiting_applicant", "under_review", "granted",
               "refused", "closed_refused", "sent_to_ministry", "closed_excluded"}, None,
              OWNER | RIGHT_HOLDER | EXAMINER | MINISTRY, "Order 2945 V.2; X9",
              inputs=(InputField("challenge", "json", description="The court challenge",
                                 form=COURT),),
              effects=(record_court,)),
        ],
    )


# ---------------------------------------------------------------- IV.6: a court decision


async def court_receive(ctx: TransitionContext) -> None:
    """IV.6 (L4; VR-X13): a court decision in force that there were no grounds."""
    reader = WebsiteFormReader(ctx.today)
    data = reader.mapping(ctx.input.get("decision"), "decision", DECISION) or {}
    decided = reader.date(data, "date", "decision", required=True, rule="Order 2945 IV.6")
    in_force = reader.date(data, "inForceOn", "decision", required=True,
                           rule="Order 2945 IV.6; VR-X13")
    holds = reader.boolean(data, "holdsNoGroundsForInclusion", "decision")
    if holds is not True:
        reader.problems.add("decision.holdsNoGroundsForInclusion", "only a decision "
                            "establishing there were no grounds for inclusion excludes",
                            rule="Order 2945 IV.6; VR-X13")
    if in_force is not None and in_force > ctx.today:
        reader.problems.add("decision.inForceOn", "the decision is not yet in force",
                            rule="Order 2945 IV.6; VR-X13")
    court = reader.text(data, "court", "decision", required=True, rule="Order 2945 IV.6")
    number = reader.text(data, "caseNumber", "decision", required=True, rule="Order 2945 IV.6")
    reader.raise_if_any()
    assert ctx.case.object_id is not None
    await register.mark_pending(ctx.session, ctx.case.object_id, ctx.now)
    ctx.put(decision={"court": court, "caseNumber": number,
                      "date": decided.isoformat() if decided else None,
                      "inForceOn": in_force.isoformat() if in_force else None,
                      "holdsNoGroundsForInclusion": True},
            receivedOn=ctx.today.isoformat())


async def court_exclude(ctx: TransitionContext) -> None:
    """IV.6 (L5; T17): the Ministry excludes the website on the court decision."""
    decision = ctx.data["decision"]
    assert ctx.case.object_id is not None
    await register.exclude(
        ctx.session, ctx.case.object_id, on=ctx.today, basis="COURT_DECISION",
        conclusion_number=None, conclusion_date=None,
        received_on=dt.date.fromisoformat(ctx.data["receivedOn"]), case_id=ctx.case.id,
        grounds=[], court=decision, wipo_removed_on=_wipo(ctx), now=ctx.now)
    ctx.put(excludedOn=ctx.today.isoformat())


def court_procedure() -> Procedure:
    t = transition
    return build(
        COURT_CODE, "ua_websites",
        names("Exclusion on a court decision", "Виключення на підставі судового рішення"),
        legal_basis="Order 2945 IV.6",
        states=[State("received", names("Decision received", "Рішення суду отримано")),
                State("excluded", names("Excluded", "Виключено"), final=True)],
        time_limits=[limit("T17")],
        transitions=[
            t(f"{COURT_CODE}.RECEIVE", "Receive a court decision", "Отримати рішення суду",
              set(), "received", MINISTRY, "Order 2945 IV.6",
              inputs=(InputField("decision", "json", description="The court decision",
                                 form=DECISION),),
              guard=_listed_guard, effects=(court_receive,), starts=("T17",)),
            t(f"{COURT_CODE}.EXCLUDE", "Exclude from the list", "Виключити з переліку",
              {"received"}, "excluded", MINISTRY, "Order 2945 IV.6; V.1",
              inputs=(InputField("wipoAlertRemovedOn", "date", required=False,
                                 description="Removed from WIPO ALERT"),),
              effects=(court_exclude,), stops=("T17",)),
        ],
    )


async def _listed_guard(ctx: TransitionContext) -> str | None:
    site = await ctx.session.get(UaWebsite, ctx.case.object_id) \
        if ctx.case.object_id is not None else None
    if site is None or site.status != "LISTED":
        return "name a listed website (objectId) (Order 2945 IV.6; VR-X13)"
    return None


# ---------------------------------------------------------------- copies on request

COPY_KINDS = {"APPEAL_CONCLUSION_TO_OWNER": ("website_owner", "Order 2945 III.6 ¶4"),
              "EXCLUSION_CONCLUSION_TO_REPRESENTATIVE": ("right_holder", "Order 2945 IV.4 ¶4")}


async def copy_request(ctx: TransitionContext) -> None:
    """A14 (III.6 ¶4; T10: no period) and X8 (IV.4 ¶4; T15): a copy of a conclusion,
    free of charge, on the request of the owner or of the right holder's representative."""
    kind = ("APPEAL_CONCLUSION_TO_OWNER" if ctx.transition.code.endswith("OWNER")
            else "EXCLUSION_CONCLUSION_TO_REPRESENTATIVE")
    role, rule = COPY_KINDS[kind]
    case = (await ctx.session.execute(select(Case).where(
        Case.number == ctx.input["caseNumber"], Case.jurisdiction == "ua_websites"))
    ).scalar_one_or_none()
    wanted = APPEAL_CODE if kind == "APPEAL_CONCLUSION_TO_OWNER" else CODE
    if case is None or case.procedure != wanted:
        raise BadUserInput(f"caseNumber: no {wanted} case {ctx.input['caseNumber']!r}")
    data = case.data or {}
    conclusion = data.get("conclusion")
    if not conclusion:
        raise PreconditionFailed(f"{case.number} has no conclusion yet ({rule})")
    if role == "website_owner":
        if data.get("ownerAggressorLink"):
            raise PreconditionFailed("the owner's data show signs of links to the aggressor "
                                     "state: no copy (Order 2945 III.6 ¶4)")
        site = await ctx.session.get(UaWebsite, case.object_id)
        owner = site.owner_party_id if site else None
        if owner is not None and not acts_for(ctx, role, owner):
            raise PreconditionFailed("only the website's owner asks for this copy "
                                     "(Order 2945 III.6 ¶4)")
    elif not acts_for(ctx, role, data.get("rightHolderPartyId")):
        raise PreconditionFailed("only the right holder's representative of the appeal asks "
                                 "(Order 2945 IV.4 ¶4)")
    number = (await ctx.session.execute(select(Decision.number).where(
        Decision.case_id == case.id).order_by(Decision.id.desc()).limit(1))).scalar()
    ctx.case.object_id = case.object_id
    ctx.case.applicant_id = acting_party(ctx, role)
    ctx.put(kind=kind, ofCase=case.number, conclusion=number or conclusion["number"],
            requestedOn=ctx.today.isoformat(), freeOfCharge=True)


async def copy_send(ctx: TransitionContext) -> None:
    ctx.put(sentOn=ctx.today.isoformat())
    role = COPY_KINDS[ctx.data["kind"]][0]
    ctx.notify(kind=f"{COPY_CODE}.SENT", subject=f"Копія висновку {ctx.data['conclusion']}",
               addressee_id=ctx.case.applicant_id, addressee_role=role,
               payload={"ofCase": ctx.data["ofCase"]})


def copy_procedure() -> Procedure:
    t = transition
    return build(
        COPY_CODE, "ua_websites",
        names("Copy of a conclusion on request", "Копія висновку на запит"),
        legal_basis="Order 2945 III.6 ¶4; IV.4 ¶4",
        states=[State("requested", names("Requested", "Запитано")),
                State("sent", names("Sent", "Надіслано"), final=True)],
        time_limits=[limit("T15")],
        transitions=[
            t(f"{COPY_CODE}.REQUEST_OWNER", "Ask for a copy (owner)", "Запитати копію",
              set(), "requested", OWNER, "Order 2945 III.6 ¶4; T10; A14",
              inputs=(InputField("caseNumber", description="The appeal of the conclusion"),),
              effects=(copy_request,)),
            t(f"{COPY_CODE}.PETITION_REPRESENTATIVE", "Petition for a copy (representative)",
              "Клопотання про копію", set(), "requested", RIGHT_HOLDER,
              "Order 2945 IV.4 ¶4; X8",
              inputs=(InputField("caseNumber", description="The exclusion case"),),
              effects=(copy_request,), starts=("T15",)),
            t(f"{COPY_CODE}.SEND", "Send the copy", "Надіслати копію", {"requested"}, "sent",
              EXAMINER, "Order 2945 III.6 ¶4; IV.4 ¶4", effects=(copy_send,),
              stops=("T15",)),
        ],
    )


__all__ = ["CODE", "COPY_CODE", "COURT_CODE", "copy_procedure", "court_procedure",
           "exclusion_procedure"]
