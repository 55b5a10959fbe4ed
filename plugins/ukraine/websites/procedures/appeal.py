"""The appeal for inclusion (digest §6.1, Order 2945 II-III): UAW.APPEAL.

A1 filing (II.1-II.3) → A2 registration (III.1) → A3 requests (III.2, T01; the review
T05 restarts on the day a request is sent, III.5 ¶1) → A4 answer (T02) or A5 its
lapse (III.7 ¶2) → A8/A9 the owner notice or why none (III.4) → A9b the owner's
explanations (T04) → A10/A11 the conclusion with a finding on every III.7 ground
(III.6-III.7, T05) → A12 the copy to the Ministry (III.8, T07) → A13 inclusion,
publication and WIPO ALERT (III.9, T08). A6 amendments and A7 withdrawal until the
conclusion (III.3, T03); A15 a court challenge (V.2) at any time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from ipreg.core.errors import BadUserInput, PreconditionFailed
from ipreg.core.extension import FilePurpose
from ipreg.core.files import purpose_problems
from ipreg.core.model import Case, StoredFile
from ipreg.core.procedures import InputField, Procedure, State, TransitionContext, build, notice
from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec
from ipreg.plugins.ukraine.websites import register
from ipreg.plugins.ukraine.websites.forms import APPEAL, WebsiteFormReader, read_appeal
from ipreg.plugins.ukraine.websites.models import UaWebsite
from ipreg.plugins.ukraine.websites.procedures.common import (
    APPEAL_NEGATIVE_GROUNDS,
    EXAMINER,
    MINISTRY,
    OWNER,
    REPRESENTATIVE,
    SYSTEM,
    acts_for,
    conclusion_number,
    findings,
    iso,
    names,
    new_person,
    to_role,
    transition,
)
from ipreg.plugins.ukraine.websites.terms import limit

CODE = "UAW.APPEAL"
P = "UAW.APPEAL."
BEFORE_CONCLUSION = {"received", "under_review", "awaiting_representative"}
REVIEWING = {"under_review", "awaiting_representative"}
CONCLUDED = {"concluded_grounds_absent", "concluded_grounds_present", "sent_to_ministry",
             "closed_listed"}

FINDING = FormSpec("finding", "The examiner's finding on one ground (Order 2945 III.7, IV.5).", (
    F("ground", description="The ground", rule="Order 2945 III.7", required=True),
    F("found", "bool", "Whether the ground is present", "Order 2945 III.7", required=True),
    F("note", description="What the finding rests on", rule="Order 2945 III.7"),
))
OWNER_DATA = FormSpec("ownerContact", "The owner's current contact data UKRNOIVI identified "
                      "(Order 2945 III.4 ¶1).", (
    F("name", description="Name of the owner", rule="Order 2945 III.4 ¶1", required=True),
    F("kind", description="NATURAL or LEGAL", rule="Order 2945 III.4 ¶1"),
    F("country", "country", "Country", "Order 2945 III.4 ¶1"),
    F("email", description="E-mail", rule="Order 2945 III.4 ¶1"),
    F("postalAddress", description="Postal address", rule="Order 2945 III.4 ¶1"),
))
COURT = FormSpec("courtChallenge", "A challenge in court (Order 2945 V.2).", (
    F("court", description="The court", rule="Order 2945 V.2", required=True),
    F("caseNumber", description="The court's case number", rule="Order 2945 V.2",
      required=True),
    F("filedOn", "date", "When the claim was filed", "Order 2945 V.2"),
    F("subject", description="The act or inaction challenged", rule="Order 2945 V.2"),
))


def _reader(ctx: TransitionContext) -> WebsiteFormReader:
    return WebsiteFormReader(ctx.today)


#: II.2.2 ¶1-2: the files of an appeal. The seed's list of accepted formats is missing
#: (A-02): common document, image, audio, video and archive formats, at most 50 MB each.
EVIDENCE = FilePurpose(
    "ua_websites_evidence",
    frozenset({"application/pdf", "image/jpeg", "image/png", "image/tiff", "image/gif",
               "image/webp", "text/plain", "text/html", "audio/mpeg", "video/mp4",
               "application/zip", "application/vnd.openxmlformats-officedocument."
               "wordprocessingml.document", "application/msword",
               "application/vnd.oasis.opendocument.text"}),
    50 * 1024 * 1024,
    "PDF, JPEG, PNG, TIFF, GIF, WebP, text, HTML, MP3, MP4, ZIP, DOC(X) or ODT, at most 50 MB "
    "(Order 2945 II.2.2; A-02: the seed's list of formats is missing)",
    "Order 2945 II.2.2")


def _file_refs(form: dict[str, Any]) -> list[tuple[str, str]]:
    """(sha256, path) of every file an appeal names."""
    refs: list[tuple[str, str]] = []
    for w, work in enumerate(form["works"]):
        refs += [(sha, f"appeal.works[{w}].files[{k}]") for k, sha in enumerate(work["files"])]
    for r, item in enumerate(form["rightsEvidence"]):
        for key in ("file", "translationFile"):
            if item.get(key):
                refs.append((item[key], f"appeal.rightsEvidence[{r}].{key}"))
    authority = (form.get("representative") or {}).get("authorityDocument") or {}
    if authority.get("file"):
        refs.append((authority["file"], "appeal.representative.authorityDocument.file"))
    return refs


async def check_files(ctx: TransitionContext, form: dict[str, Any]) -> None:
    """II.2.2 ¶2, II.2.3, II.2.5: every file the appeal names is stored (uploaded first
    with ``uploadFile(purpose: "ua_websites_evidence")``) and fits :data:`EVIDENCE`."""
    refs = _file_refs(form)
    if not refs:
        return
    rows = (await ctx.session.execute(select(StoredFile).where(
        StoredFile.sha256.in_({sha for sha, _ in refs})))).scalars()
    stored = {row.sha256: row for row in rows}
    reader = _reader(ctx)
    for sha, path in refs:
        row = stored.get(sha)
        if row is None:
            reader.problems.add(path, f"no stored file {sha[:12]}…: upload it first",
                                rule="Order 2945 II.2.2", code="not_a_file")
            continue
        for code, message in purpose_problems(row, EVIDENCE):
            reader.problems.add(path, message, rule=EVIDENCE.legal_point, code=code)
    reader.raise_if_any()


async def file(ctx: TransitionContext) -> None:
    """A1 (II.1-II.3; VR-W01-VR-W16): the appeal is read whole; its website is found by
    its key or added unpublished; VR-W23 (A-24) warns of a listed website or another open
    appeal, it does not refuse (co-owners file independently, II.2.3 ¶4)."""
    form, warnings = read_appeal(ctx.input.get("appeal"), ctx.today)
    await check_files(ctx, form)
    site, _new = await register.find_or_create(ctx.session, form["website"], ctx.now)
    ctx.case.object_id = site.object_id
    open_appeals = (await ctx.session.execute(select(Case.number).where(
        Case.procedure == CODE, Case.object_id == site.object_id, Case.closed_at.is_(None),
        Case.id != ctx.case.id))).scalars().all()
    if site.status in ("LISTED", "EXCLUSION_PENDING"):
        warnings.append({"path": "websites[0]", "rule": "Order 2945 II.2.3 ¶4; VR-W23",
                         "message": f"the website is already listed ({site.entry_number}): "
                         "the appeal adds an inclusion basis (A-24)"})
    if open_appeals:
        warnings.append({"path": "websites[0]", "rule": "Order 2945 II.2.3 ¶4; VR-W23",
                         "message": f"other open appeals name this website: "
                         f"{', '.join(open_appeals)}"})
    ctx.put(appeal=form, warnings=warnings, receivedOn=ctx.today.isoformat(),
            requests=[], amendments=[], ownerNotice={"status": "PENDING"},
            requestNotFulfilled=False, courtChallenges=[],
            linkChecks=[], reviewDueFrom=ctx.today.isoformat())


async def request(ctx: TransitionContext) -> None:
    """A3 (III.2 ¶1-3; III.5 ¶1; VR-W17, VR-W24): a request to the representative's
    e-mail; T05 restarts from its sending (max(received, last request) + 30 d, A-15); a
    request after T01 is allowed and flagged (A-11)."""
    received = dt.date.fromisoformat(ctx.data["receivedOn"])
    late = (ctx.today - received).days > 15
    item = {"sentOn": ctx.today.isoformat(), "kind": ctx.input["kind"],
            "items": ctx.input["items"], "afterT01": late, "answeredOn": None}
    if ctx.input["kind"] not in ("DEFICIENCIES", "INFORMATION"):
        raise BadUserInput("kind: DEFICIENCIES or INFORMATION (Order 2945 III.2 ¶2-3)")
    warnings = list(ctx.data.get("warnings", []))
    if late:
        warnings.append({"path": "requests", "rule": "Order 2945 III.2 ¶1; VR-W17",
                         "message": "a request sent more than 15 days after receipt (A-11)"})
    ctx.put(requests=[*ctx.data["requests"], item], warnings=warnings,
            reviewDueFrom=max(ctx.today, received).isoformat())
    representative = ctx.data["appeal"]["representative"]
    ctx.notify(kind=f"{P}REQUEST", subject="Запит УКРНОІВІ щодо звернення (III.2)",
               addressee_id=ctx.case.applicant_id, addressee_role="representative",
               channel="inbox", body="; ".join(ctx.input["items"]),
               payload={"email": representative["email"], "kind": ctx.input["kind"]})


async def answer(ctx: TransitionContext) -> None:
    """A4 (III.2 ¶4; VR-W18): the representative answers within T02."""
    requests = list(ctx.data["requests"])
    requests[-1] = {**requests[-1], "answeredOn": ctx.today.isoformat(),
                    "answer": ctx.input["documents"]}
    ctx.put(requests=requests)


async def lapse(ctx: TransitionContext) -> None:
    """A5 (III.7 ¶2; VR-W18): T02 expired unanswered: REQUEST_NOT_FULFILLED, and only a
    conclusion that there are no grounds remains."""
    ctx.put(requestNotFulfilled=True)


async def amend(ctx: TransitionContext) -> None:
    """A6 (III.3 ¶1; VR-W19; T03): an amendment or supplement before the conclusion; a new
    appeal form replaces the old one for the same website (A-12: T05 is not restarted)."""
    entry: dict[str, Any] = {"on": ctx.today.isoformat(), "note": ctx.input.get("note")}
    if ctx.input.get("appeal") is not None:
        received = dt.date.fromisoformat(ctx.data["receivedOn"])
        form, _warnings = read_appeal(ctx.input["appeal"], ctx.today)
        if form["website"]["key"] != ctx.data["appeal"]["website"]["key"]:
            raise BadUserInput("appeal.websites: an amendment keeps the appeal's website; "
                               "another website is another appeal (Order 2945 II.1; VR-W01)")
        form["receivedOn"] = received.isoformat()
        entry["replaced"] = True
        ctx.put(appeal=form)
    elif not ctx.input.get("note"):
        raise BadUserInput("note: say what the amendment adds, or give the amended appeal "
                           "(Order 2945 III.3 ¶1)")
    ctx.put(amendments=[*ctx.data["amendments"], entry])


async def withdraw(ctx: TransitionContext) -> None:
    """A7 (III.3 ¶2; T03): the review stops; the documents are not returned."""
    ctx.put(withdrawnOn=ctx.today.isoformat(), documentsReturned=False)


def _no_open_notice(ctx: TransitionContext) -> str | None:
    status = ctx.data.get("ownerNotice", {}).get("status")
    if status not in (None, "PENDING"):
        return f"the owner notice is already decided ({status})"
    return None


async def owner_notice(ctx: TransitionContext) -> None:
    """A8 (III.4 ¶1-2, ¶4; VR-W22): the owner's current contact data identified, no sign
    of links to the aggressor state: the notice with a copy of the appeal; T04 runs."""
    reader = _reader(ctx)
    data = reader.mapping(ctx.input.get("owner"), "owner", OWNER_DATA) or {}
    name = reader.text(data, "name", "owner", required=True, rule="Order 2945 III.4 ¶1")
    email = reader.email(data, "email", "owner", required=False, rule="Order 2945 III.4 ¶1")
    postal = reader.text(data, "postalAddress", "owner", limit=1000)
    if not (email or postal):
        reader.problems.add("owner", "a notice needs the owner's e-mail or postal address; "
                            "without them record UNIDENTIFIED (UAW.APPEAL.NO_OWNER_NOTICE)",
                            rule="Order 2945 III.4 ¶3; VR-W22")
    reader.raise_if_any()
    assert name is not None
    person = {"name": name, "email": email, "kind": data.get("kind"),
              "country": reader.country(data, "country", "owner")}
    party_id = await new_person(ctx, person)
    site = await ctx.session.get(UaWebsite, ctx.case.object_id)
    assert site is not None
    site.owner_party_id = party_id
    ctx.put(ownerNotice={"status": "SENT", "sentOn": ctx.today.isoformat(),
                         "ownerPartyId": party_id, "email": email, "postalAddress": postal,
                         "copyOfAppeal": True, "explanationsOn": None})
    ctx.notify(kind=f"{P}OWNER_NOTICE", subject="Повідомлення власнику вебсайту (III.4)",
               addressee_id=party_id, addressee_role="website_owner",
               payload={"email": email, "explanationsWithinDays": 10,
                        "attachments": "copy of the appeal and its materials (III.4 ¶4)"})


async def no_owner_notice(ctx: TransitionContext) -> None:
    """A9 (III.4 ¶2-3; VR-W22; A-13): no notice, and why: the owner could not be
    identified, or its data show signs of links to the aggressor state (with the basis)."""
    reason = ctx.input["reason"]
    if reason not in ("UNIDENTIFIED", "AGGRESSOR_LINK"):
        raise BadUserInput("reason: UNIDENTIFIED (III.4 ¶3) or AGGRESSOR_LINK (III.4 ¶2)")
    basis = (ctx.input.get("basis") or "").strip()
    if reason == "AGGRESSOR_LINK" and not basis:
        raise BadUserInput("basis: the signs of links to the aggressor state are recorded "
                           "with what they rest on (Order 2945 III.4 ¶2; A-13)")
    ctx.put(ownerNotice={"status": f"NOT_SENT_{reason}", "decidedOn": ctx.today.isoformat(),
                         "basis": basis or None},
            ownerAggressorLink=reason == "AGGRESSOR_LINK")


def owner_guard(ctx: TransitionContext) -> str | None:
    notice_data = ctx.data.get("ownerNotice", {})
    if notice_data.get("status") != "SENT":
        return "no notice was sent to the website owner (III.4)"
    if notice_data.get("explanationsOn"):
        return "the owner's explanations are already on file"
    if not acts_for(ctx, "website_owner", notice_data.get("ownerPartyId")):
        return "only the notified website owner (or its representative) explains (III.4 ¶5)"
    return None


async def owner_explanations(ctx: TransitionContext) -> None:
    """A9b (III.4 ¶5; T04): the owner's explanations, documents and materials."""
    ctx.put(ownerNotice={**ctx.data["ownerNotice"], "explanationsOn": ctx.today.isoformat(),
                         "explanations": ctx.input["explanations"]})


async def _conclude(ctx: TransitionContext, outcome: str) -> None:
    found = findings(ctx, APPEAL_NEGATIVE_GROUNDS, "Order 2945 III.7")
    by = {f["ground"]: f for f in found}
    site = await ctx.session.get(UaWebsite, ctx.case.object_id)
    assert site is not None
    if ctx.data.get("requestNotFulfilled") and not by["REQUEST_NOT_FULFILLED"]["found"]:
        raise PreconditionFailed("the representative did not fulfil a request (T02 lapsed): "
                                 "REQUEST_NOT_FULFILLED is found (Order 2945 III.7 ¶2)")
    if site.media_registered and not by["EXCLUDED_PLATFORM_OR_MEDIA"]["found"]:
        raise PreconditionFailed("the website is media registered under the Law \"On Media\": "
                                 "EXCLUDED_PLATFORM_OR_MEDIA is found (Order 2945 III.7 ¶3)")
    negatives = [f["ground"] for f in found if f["found"]]
    if outcome == "GROUNDS_PRESENT" and negatives:
        raise PreconditionFailed(f"grounds for a negative conclusion are found: "
                                 f"{', '.join(negatives)} (Order 2945 III.7)")
    if outcome == "GROUNDS_ABSENT" and not negatives:
        raise PreconditionFailed("a conclusion that there are no grounds names at least one "
                                 "ground of III.7 found")
    decision = await ctx.decide("conclusion", outcome, number=conclusion_number,
                                grounds=", ".join(negatives) or None)
    channel = ctx.data["appeal"]["channel"]
    ctx.put(conclusion={"number": decision.number, "kind": outcome,
                        "adoptedOn": ctx.today.isoformat(), "findings": found,
                        "negativeGrounds": negatives, "reasons": ctx.input.get("reasons"),
                        "copyToRepresentativeOn": ctx.today.isoformat(),
                        "copyForm": "PAPER" if channel == "PAPER" else "ELECTRONIC"})
    ctx.notify(kind=f"{P}CONCLUSION", subject=f"Висновок УКРНОІВІ {decision.number} (III.6)",
               addressee_id=ctx.case.applicant_id, addressee_role="representative",
               channel="inbox", body=outcome,
               payload={"conclusion": decision.number, "outcome": outcome,
                        "negativeGrounds": negatives, "form": channel})


async def conclude_absent(ctx: TransitionContext) -> None:
    """A10 (III.6 ¶2-3; III.7 ¶1-6): no grounds; a finding on every III.7 ground."""
    await _conclude(ctx, "GROUNDS_ABSENT")


async def conclude_present(ctx: TransitionContext) -> None:
    """A11 (III.6 ¶1, ¶3): grounds present; none of III.7 found."""
    await _conclude(ctx, "GROUNDS_PRESENT")


async def send_to_ministry(ctx: TransitionContext) -> None:
    """A12 (III.8; T07): the electronic copy of the conclusion to the Ministry; the
    original and the materials stay at UKRNOIVI."""
    ctx.put(conclusion={**ctx.data["conclusion"], "sentToMinistryOn": ctx.today.isoformat(),
                        "originalKeptBy": "UKRNOIVI"})


async def include(ctx: TransitionContext) -> None:
    """A13 (III.9; V.1; T08): the Ministry enters, publishes and places on WIPO ALERT."""
    conclusion = ctx.data["conclusion"]
    published = _date(ctx, "publishedOn") or ctx.today
    wipo = _date(ctx, "wipoAlertUploadedOn")
    assert ctx.case.object_id is not None
    row = await register.include(
        ctx.session, ctx.case.object_id, on=ctx.today, published_on=published,
        wipo_uploaded_on=wipo, conclusion_number=conclusion["number"],
        conclusion_date=dt.date.fromisoformat(conclusion["adoptedOn"]),
        received_on=dt.date.fromisoformat(conclusion["sentToMinistryOn"]),
        case_id=ctx.case.id, now=ctx.now)
    ctx.put(listedAs=row.entry_number, includedOn=ctx.today.isoformat())


def _date(ctx: TransitionContext, key: str) -> dt.date | None:
    value = ctx.input.get(key)
    if value in (None, ""):
        return None
    day = dt.date.fromisoformat(str(value))
    if day > ctx.today:
        raise BadUserInput(f"{key}: {day.isoformat()} is in the future")
    return day


async def court(ctx: TransitionContext) -> None:
    """A15 (V.2): a court challenge of UKRNOIVI's or the Ministry's act or inaction:
    recorded (overlay IN_COURT), nothing else changes."""
    reader = _reader(ctx)
    data = reader.mapping(ctx.input.get("challenge"), "challenge", COURT) or {}
    item = {"court": reader.text(data, "court", "challenge", required=True,
                                 rule="Order 2945 V.2"),
            "caseNumber": reader.text(data, "caseNumber", "challenge", required=True,
                                      rule="Order 2945 V.2"),
            "filedOn": iso(reader.date(data, "filedOn", "challenge")),
            "subject": reader.text(data, "subject", "challenge"),
            "recordedOn": ctx.today.isoformat(), "by": ctx.principal.describe()}
    reader.raise_if_any()
    ctx.put(courtChallenges=[*ctx.data.get("courtChallenges", []), item], inCourt=True)


async def link_check(ctx: TransitionContext) -> None:
    """T06 (II.2.2 ¶3; VR-W16; A-26): the examiner re-checks a hyperlink's content
    against its SHA-256 at filing; a change is a warning, the examiner decides."""
    work, link = int(ctx.input["work"]), int(ctx.input["link"])
    try:
        kept = ctx.data["appeal"]["works"][work]["evidenceLinks"][link]
    except (IndexError, KeyError):
        raise BadUserInput(f"work/link: the appeal has no link {work}/{link}") from None
    now_sha = str(ctx.input["sha256"]).lower()
    changed = now_sha != kept["sha256"]
    ctx.put(linkChecks=[*ctx.data.get("linkChecks", []), {
        "work": work, "link": link, "on": ctx.today.isoformat(), "sha256": now_sha,
        "unchanged": not changed}])
    if changed:
        ctx.put(warnings=[*ctx.data.get("warnings", []), {
            "path": f"works[{work}].evidenceLinks[{link}]", "rule": "Order 2945 II.2.2 ¶3; VR-W16",
            "message": "the content at the hyperlink changed since filing (A-26)"}])


NEW_REPRESENTATIVE = FormSpec("representativeOfRecord", "The right holder's representative "
                              "of record from now on (Order 2945 IV.3 ¶1).", (
    F("name", description="Name", rule="Order 2945 IV.3 ¶1", required=True),
    F("email", description="E-mail the notices of IV.3 go to", rule="Order 2945 IV.3 ¶1",
      required=True),
))


async def change_representative(ctx: TransitionContext) -> None:
    """IV.3 ¶1: the right holder names another representative of record (also after the
    appeal is closed): the owner's applications are then notified to that one."""
    reader = _reader(ctx)
    data = reader.mapping(ctx.input.get("representative"), "representative",
                          NEW_REPRESENTATIVE) or {}
    name = reader.text(data, "name", "representative", required=True, limit=500,
                       rule="Order 2945 IV.3 ¶1")
    email = reader.email(data, "email", "representative", required=True,
                         rule="Order 2945 IV.3 ¶1")
    reader.raise_if_any()
    ctx.put(representativeOfRecord={"name": name, "email": email,
                                    "since": ctx.today.isoformat()})


def appeal_procedure() -> Procedure:
    """§6.1 on the engine, with the terms in force (terms.py)."""
    examiner = notice(f"{P}RECEIVED", "Нове звернення про включення вебсайту",
                      to=to_role("ukrnoivi_examiner"))
    t = transition
    return build(
        CODE, "ua_websites",
        names("Appeal for inclusion of a website in the national list",
              "Звернення про включення вебсайту до національного переліку"),
        legal_basis="Order 2945 II-III",
        states=[
            State("received", names("Received", "Надійшло")),
            State("under_review", names("Under review", "Розгляд")),
            State("awaiting_representative", names("Awaiting the representative",
                                                   "Очікування відповіді представника")),
            State("withdrawn", names("Withdrawn", "Відкликано"), final=True),
            State("concluded_grounds_absent", names("No grounds for inclusion",
                                                    "Висновок про відсутність підстав"),
                  final=True),
            State("concluded_grounds_present", names("Grounds for inclusion",
                                                     "Висновок про наявність підстав")),
            State("sent_to_ministry", names("Sent to the Ministry", "Надіслано Мінекономіки")),
            State("closed_listed", names("Listed", "Включено до переліку"), final=True),
        ],
        time_limits=[limit("T01"), limit("T02", on_expiry=f"{P}REQUEST_LAPSED"),
                     limit("T04"), limit("T05"), limit("T07"), limit("T08")],
        transitions=[
            t(f"{P}FILE", "File an appeal", "Подати звернення", set(), "received",
              REPRESENTATIVE, "Order 2945 II.1; II.2; II.3; A1",
              inputs=(InputField("appeal", "json", description="The appeal (II.2)",
                                 form=APPEAL),),
              effects=(file,), starts=("T01", "T05"), notices=(examiner,)),
            t(f"{P}REGISTER", "Register", "Зареєструвати", {"received"}, "under_review",
              EXAMINER, "Order 2945 III.1; A2"),
            t(f"{P}REQUEST", "Send a request", "Надіслати запит", {"under_review"},
              "awaiting_representative", EXAMINER, "Order 2945 III.2; III.5 ¶1; A3",
              inputs=(InputField("kind", description="DEFICIENCIES or INFORMATION"),
                      InputField("items", "list", description="What is to be remedied or "
                                 "provided")),
              effects=(request,), stops=("T01",), starts=("T02", "T05")),
            t(f"{P}ANSWER", "Answer the request", "Відповісти на запит",
              {"awaiting_representative"}, "under_review", REPRESENTATIVE,
              "Order 2945 III.2 ¶4; A4",
              inputs=(InputField("documents", "list", description="What is provided"),),
              effects=(answer,), within=("T02",), stops=("T02",)),
            t(f"{P}REQUEST_LAPSED", "Request not fulfilled", "Запит не виконано",
              {"awaiting_representative"}, "under_review", SYSTEM,
              "Order 2945 III.7 ¶2; A5", effects=(lapse,)),
            t(f"{P}AMEND", "Amend or supplement", "Внести зміни чи доповнення",
              BEFORE_CONCLUSION, None, REPRESENTATIVE, "Order 2945 III.3 ¶1; T03; A6",
              inputs=(InputField("appeal", "json", required=False,
                                 description="The amended appeal", form=APPEAL),
                      InputField("note", required=False, description="What is added")),
              effects=(amend,)),
            t(f"{P}WITHDRAW", "Withdraw", "Відкликати", BEFORE_CONCLUSION, "withdrawn",
              REPRESENTATIVE, "Order 2945 III.3 ¶2; T03; A7", effects=(withdraw,),
              notices=(notice(f"{P}WITHDRAWN", "Розгляд звернення припинено (III.3 ¶2)"),)),
            t(f"{P}OWNER_NOTICE", "Notify the website owner", "Повідомити власника вебсайту",
              REVIEWING, None, EXAMINER, "Order 2945 III.4 ¶1-2, ¶4; A8",
              inputs=(InputField("owner", "json", description="The owner's identified "
                                 "contact data", form=OWNER_DATA),),
              guard=_no_open_notice, effects=(owner_notice,), starts=("T04",)),
            t(f"{P}NO_OWNER_NOTICE", "Record why no notice", "Зафіксувати причину",
              REVIEWING, None, EXAMINER, "Order 2945 III.4 ¶2-3; A9",
              inputs=(InputField("reason", description="UNIDENTIFIED or AGGRESSOR_LINK"),
                      InputField("basis", required=False,
                                 description="What the finding rests on")),
              guard=_no_open_notice, effects=(no_owner_notice,)),
            t(f"{P}OWNER_EXPLANATIONS", "Explain as the website owner",
              "Надати пояснення власника", REVIEWING, None, OWNER,
              "Order 2945 III.4 ¶5; A9b",
              inputs=(InputField("explanations", "list", description="Explanations, "
                                 "documents and materials"),),
              guard=owner_guard, effects=(owner_explanations,), within=("T04",),
              stops=("T04",)),
            t(f"{P}LINK_CHECK", "Re-check a hyperlink", "Перевірити гіперпосилання",
              REVIEWING, None, EXAMINER, "Order 2945 II.2.2 ¶3; T06",
              inputs=(InputField("work", "int", description="Position of the work"),
                      InputField("link", "int", description="Position of its link"),
                      InputField("sha256", description="SHA-256 of the content now")),
              effects=(link_check,)),
            t(f"{P}CONCLUDE_ABSENT", "Conclude: no grounds", "Висновок про відсутність підстав",
              {"under_review"}, "concluded_grounds_absent", EXAMINER,
              "Order 2945 III.6; III.7; A10",
              inputs=(InputField("findings", "list", description="A finding on each III.7 "
                                 "ground", form=FINDING),
                      InputField("reasons", required=False, description="Reasons")),
              effects=(conclude_absent,), stops=("T01", "T05", "T04", "T02")),
            t(f"{P}CONCLUDE_PRESENT", "Conclude: grounds present",
              "Висновок про наявність підстав", {"under_review"},
              "concluded_grounds_present", EXAMINER, "Order 2945 III.6; A11",
              inputs=(InputField("findings", "list", description="A finding on each III.7 "
                                 "ground (none found)", form=FINDING),
                      InputField("reasons", required=False, description="Reasons")),
              effects=(conclude_present,), stops=("T01", "T05", "T04"), starts=("T07",)),
            t(f"{P}SEND_TO_MINISTRY", "Send to the Ministry", "Надіслати до Мінекономіки",
              {"concluded_grounds_present"}, "sent_to_ministry", EXAMINER,
              "Order 2945 III.8; A12", effects=(send_to_ministry,), stops=("T07",),
              starts=("T08",),
              notices=(notice(f"{P}TO_MINISTRY", "Висновок УКРНОІВІ для включення (III.8)",
                              to=to_role("ministry_officer")),)),
            t(f"{P}INCLUDE", "Include, publish, place on WIPO ALERT",
              "Включити, оприлюднити, розмістити у WIPO ALERT", {"sent_to_ministry"},
              "closed_listed", MINISTRY, "Order 2945 III.9; V.1; A13",
              inputs=(InputField("publishedOn", "date", required=False,
                                 description="Published on the Ministry's website"),
                      InputField("wipoAlertUploadedOn", "date", required=False,
                                 description="Placed on WIPO ALERT")),
              effects=(include,), stops=("T08",),
              notices=(notice(f"{P}LISTED", "Вебсайт включено до переліку (III.9)"),)),
            t(f"{P}CHANGE_REPRESENTATIVE", "Change the representative of record",
              "Змінити представника", BEFORE_CONCLUSION | CONCLUDED | {"withdrawn"}, None,
              frozenset({"applicant"}), "Order 2945 IV.3 ¶1",
              inputs=(InputField("representative", "json", description="The new "
                                 "representative of record", form=NEW_REPRESENTATIVE),),
              effects=(change_representative,)),
            t(f"{P}COURT", "Record a court challenge", "Зафіксувати оскарження",
              BEFORE_CONCLUSION | CONCLUDED | {"withdrawn"}, None,
              REPRESENTATIVE | EXAMINER | MINISTRY | OWNER, "Order 2945 V.2; A15",
              inputs=(InputField("challenge", "json", description="The court challenge",
                                 form=COURT),),
              effects=(court,)),
        ],
    )


__all__ = ["CODE", "appeal_procedure"]
