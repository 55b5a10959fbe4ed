"""What the GI procedures share: roles, the transition builder, notices that are file
items with their receipt (GI rules IV.8-IV.9, IV.11), and the application's row.

Roles (digest §7.6): ``applicant``/``representative`` (the core's: the applicant's party;
an opponent files and acts on its own opposition case with the same grant for its own
party, GI rules V.7.1: "any person"), ``examiner`` (the core's, granted in ``ua_gi``),
``ua_gi_head`` (head of the GI examination unit: recusal, V.1.8; decisions, V.10.5),
``ua_gi_clerk`` (registration of paper documents, III.2.1), ``ua_gi_ics`` (UKRNOIVI's
e-filing system: the technical check, III.2.5-2.6), ``ua_gi_competent_authority``
(records its agreement of a specification, II.4.13, V.5.6), ``ua_gi_appeals_recorder``
(records the Appeals Chamber's notices, VII.3), and ``system`` for expired limits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from ipreg.core.errors import BadUserInput, Forbidden, PreconditionFailed, TimeLimitExpired
from ipreg.core.extension import Role
from ipreg.core.model import Case
from ipreg.core.procedures import (
    SYSTEM_ROLE,
    InputField,
    TimeLimit,
    TransitionContext,
)
from ipreg.plugins.ukraine.common.acts import names, transition
from ipreg.plugins.ukraine.gi import register
from ipreg.plugins.ukraine.gi.correspondence import (
    CABINET,
    RECEIPT_BASES,
    REGISTERED_MAIL,
    channel_for,
    copy_address,
    deemed_cabinet_receipt,
    receipt_on,
)
from ipreg.plugins.ukraine.gi.models import UaGiApplication, UaGiFileItem, UaGiOpposition
from ipreg.plugins.ukraine.gi.office_signature import sign as office_sign
from ipreg.plugins.ukraine.gi.representation import addressee_for as single_act_addressee
from ipreg.plugins.ukraine.gi.representation import addressee_key as single_act_key
from ipreg.plugins.ukraine.gi.terms import TERMS, receipt_day

JURISDICTION = "ua_gi"
APPLICATION = "UA.GI.APP"
OPPOSITION = "UA.GI.OPP"
APPLICANT = frozenset({"applicant", "representative"})
EXAMINER = frozenset({"examiner"})
HEAD = frozenset({"ua_gi_head"})
CLERK = frozenset({"ua_gi_clerk"})
ICS = frozenset({"ua_gi_ics"})
AUTHORITY = frozenset({"ua_gi_competent_authority"})
APPEALS = frozenset({"ua_gi_appeals_recorder"})
SYSTEM = frozenset({SYSTEM_ROLE})

ROLES = [
    Role("ua_gi_head", {"en": "Head of UKRNOIVI's GI examination unit",
                        "uk": "Керівник підрозділу експертизи географічних зазначень"},
         official=True),
    Role("ua_gi_clerk", {"en": "UKRNOIVI intake clerk (registration of documents)",
                         "uk": "Працівник УКРНОІВІ з реєстрації документів"}, official=True),
    Role("ua_gi_ics", {"en": "UKRNOIVI's e-filing system (ICS)",
                       "uk": "ІКС УКРНОІВІ"}, official=True),
    Role("ua_gi_competent_authority", {
        "en": "Competent authority that agrees product specifications",
        "uk": "Спеціально уповноважений орган"}),
    Role("ua_gi_appeals_recorder", {
        "en": "Official recording the Appeals Chamber's notices and decisions",
        "uk": "Посадова особа, що реєструє повідомлення Апеляційної палати"}, official=True),
]

#: The limits UKRNOIVI itself owes (digest §7.5 "office duty"; monitored, A-36).
OFFICE_TERMS = frozenset({"filing_date_notice", "self_recusal", "participation_schedule",
                          "amendment_processing", "amended_spec_publication", "copies_send"})


def limit(key: str, *, on_expiry: str | None = None) -> TimeLimit:
    """The configured term ``key`` (:mod:`ipreg.plugins.ukraine.gi.terms`) as a limit;
    the office's own terms are owed by its examiners."""
    return TERMS.limit(key, on_expiry=on_expiry,
                       owed_by=EXAMINER if key in OFFICE_TERMS else ())


def text_input(name: str, description: str, required: bool = True) -> InputField:
    return InputField(name, "string", required, description)


def date_input(name: str, description: str, required: bool = False) -> InputField:
    return InputField(name, "date", required, description)


def json_input(name: str, description: str, required: bool = True, form: Any = None
               ) -> InputField:
    return InputField(name, "json", required, description, form)


async def app_of(ctx: TransitionContext) -> UaGiApplication:
    return await register.application(ctx.session, ctx.case.id)


def received_today(ctx: TransitionContext) -> dt.date:
    """The day UKRNOIVI receives what the caller files now (IV.11 ¶3-4; III.1.11)."""
    return receipt_day(ctx.now, ctx.calendar)


def input_date(ctx: TransitionContext, key: str) -> dt.date | None:
    raw = ctx.input.get(key)
    if raw is None:
        return None
    try:
        day = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
    except ValueError as exc:
        raise BadUserInput(f"{key}: {raw!r} is not a date", argument=key) from exc
    if day > ctx.today:
        raise BadUserInput(f"{key}: {day.isoformat()} is in the future", argument=key)
    return day


def filed_on(ctx: TransitionContext) -> dt.date:
    """The date of a document the applicant files now: the posting date of a paper document
    handed to the post (Civil Code art. 255, given as ``postedOn``), else the day UKRNOIVI
    receives it (IV.11 ¶3-4)."""
    return input_date(ctx, "postedOn") or received_today(ctx)


async def in_time(ctx: TransitionContext, code: str) -> None:
    """The document is dated within the running limit ``code`` (an electronic document
    received after the end of UKRNOIVI's working day counts the next working day, IV.11
    ¶3-4, so it may be late although the day has not ended)."""
    day = filed_on(ctx)
    for deadline in await ctx.deadlines(code):
        if deadline.status == "running" and day > deadline.due_on:
            raise TimeLimitExpired(
                f"{ctx.transition.code}: received {day.isoformat()}, after the last day "
                f"{deadline.due_on.isoformat()} ({code}, {deadline.legal_basis}; GI rules "
                "IV.11 ¶3-4)", limit=code, dueOn=deadline.due_on.isoformat())


async def incoming(ctx: TransitionContext, kind: str, summary: str = "") -> UaGiFileItem:
    """Register an incoming document in the file (GI rules III.2.1, III.2.7)."""
    app = await app_of(ctx)
    return await register.file_item(ctx.session, ctx.case.id, direction="in", kind=kind,
                             dated_on=received_today(ctx),
                             channel="electronic" if app.channel == "electronic" else "paper",
                             transition=ctx.transition.code, summary=summary, now=ctx.now)


async def outgoing(ctx: TransitionContext, kind: str, summary: str = "",
                   limits: Iterable[str] = (), case_id: int | None = None) -> UaGiFileItem:
    """Send a notice: a file item with its channel (IV.6-IV.8); the limits it starts count
    from its receipt, provisionally the deemed receipt in the personal cabinet (IV.9 ¶2,
    the first day after one month from sending) until the actual receipt is recorded
    (``UA.GI.RCPT``: IV.8 ¶2, IV.9 ¶1, A-29), from the representative's receipt where there
    is one (IV.11 ¶2). A notice about an act of a single-act representative goes to its
    address in Ukraine, with a copy to the application's correspondence address or the
    personal cabinet (IV.5: also a reply's own notices and the extension of its period, and
    an opposition's copy to the applicant, :func:`~ipreg.plugins.ukraine.gi.representation.
    addressee_for`); an e-document to a personal cabinet is signed by the official
    (IV.7, :mod:`ipreg.plugins.ukraine.gi.office_signature`)."""
    target = case_id if case_id is not None else ctx.case.id
    app = await ctx.session.get(UaGiApplication, target)
    channel = channel_for(app.channel, app.form) if app else "registered_mail_ar"
    representative = (app.form.get("representative") or {}) if app else {}
    single = single_act_addressee(await _case_data(ctx, target), ctx.transition.code,
                                  extended=ctx.input.get("limit"),
                                  starts=lambda code: _starts(ctx, code))
    addressee = "representative" if representative else "applicant"
    copy_channel = channel
    if single:
        channel = REGISTERED_MAIL
        addressee = single_act_key(single)
        summary = (f"{summary} → {single.get('name')}, {single.get('postalAddress')} "
                   "(GI rules IV.5; IV.11 ¶2)")
    elif representative and case_id is None:
        summary = f"{summary} → {representative.get('name')} (IV.2; IV.11 ¶2)"
    item = await register.file_item(ctx.session, target, direction="out", kind=kind,
                                    dated_on=ctx.today, channel=channel,
                                    transition=ctx.transition.code, summary=summary,
                                    now=ctx.now)
    sent = [item]
    if single and app:
        sent.append(await register.file_item(
            ctx.session, target, direction="out", kind="copy", dated_on=ctx.today,
            channel=copy_channel, transition=ctx.transition.code, refers_to=item.seq,
            summary=f"Копія документа {item.seq} ({kind}) заявнику → "
            f"{copy_address(app.channel, app.form)} (GI rules IV.5)", now=ctx.now))
    for one in sent:
        if one.channel == CABINET:
            number = (await ctx.session.get(Case, target) or ctx.case).number
            await office_sign(ctx, one, examiner=app.examiner if app else None,
                              case_number=number)
    await_receipt(ctx, item, limits, addressee)
    return item


async def _case_data(ctx: TransitionContext, case_id: int) -> dict[str, Any]:
    """The data of the case whose file a notice goes to: this case's, or the opposed
    application's when an opposition's act writes to its applicant (IV.5 applies there
    too: the single-act representatives are the application's)."""
    if case_id == ctx.case.id:
        return ctx.data
    case = await ctx.session.get(Case, case_id)
    return dict(case.data or {}) if case is not None else {}


def _starts(ctx: TransitionContext, code: str) -> tuple[str, ...]:
    """The limits transition ``code`` of this procedure starts."""
    found = ctx.procedure.transitions.get(code)
    return tuple(found.starts) if found is not None else ()


def await_receipt(ctx: TransitionContext, item: UaGiFileItem, limits: Iterable[str],
                  addressee: str) -> None:
    """The limits among ``limits`` that the transition starts count from the receipt of the
    notice ``item`` by ``addressee``: provisionally from the deemed receipt (IV.9 ¶2), the
    notice awaiting its actual receipt in the case's ``awaitingReceipt``."""
    codes = [c for c in limits if c in ctx.transition.starts]
    if codes:
        for code in codes:
            ctx.count_from(code, deemed_cabinet_receipt(ctx.today))
        pending = dict(ctx.data.get("awaitingReceipt") or {})
        pending[str(item.seq)] = {"limits": codes, "sentOn": ctx.today.isoformat(),
                                  "addressee": addressee}
        ctx.put(awaitingReceipt=pending)


async def recount_running(ctx: TransitionContext, limits: Iterable[str], day: dt.date,
                          basis: str) -> None:
    """Count each of ``limits`` still running (or suspended) again from ``day``, with
    ``basis`` in its history (IV.11 ¶1-2: a notice's periods run from its receipt)."""
    for code in limits:
        if any(d.status in ("running", "suspended") for d in await ctx.deadlines(code)):
            await ctx.recount_limit(code, day, basis)


def read_receipt(ctx: TransitionContext, pending: dict[str, Any]) -> tuple[str, dt.date]:
    """The input of an act recording the receipt of notice ``item`` (one of ``pending``, the
    notices awaiting a receipt): how it was received and the day it counts as received
    (GI rules IV.8 ¶2, IV.9; A-27, A-29). Malformed input is ``BAD_USER_INPUT``."""
    seq = str(ctx.input["item"])
    if seq not in pending:
        raise BadUserInput(f"item: notice {seq} of this file awaits no receipt",
                           argument="item")
    basis = ctx.input["basis"]
    if basis not in RECEIPT_BASES:
        raise BadUserInput(f"basis: one of {', '.join(RECEIPT_BASES)}", argument="basis")
    if basis == "cabinet_confirmation" and not ctx.input.get("receivedOn"):
        day: dt.date | None = ctx.today
    else:
        day = input_date(ctx, "receivedOn") if basis != "cabinet_deemed" else None
    sent = dt.date.fromisoformat(pending[seq]["sentOn"])
    try:
        return basis, receipt_on(basis, sent_on=sent, dated_on=day)
    except ValueError as exc:
        raise BadUserInput(f"receivedOn: {exc} (GI rules IV.8-IV.9)",
                           argument="receivedOn") from exc


async def oppositions(ctx: TransitionContext, application_case_id: int | None = None
                      ) -> list[Case]:
    """The opposition cases against an application (GI rules V.7)."""
    target = application_case_id if application_case_id is not None else ctx.case.id
    rows = await ctx.session.execute(
        select(Case).join(UaGiOpposition, UaGiOpposition.case_id == Case.id)
        .where(UaGiOpposition.application_case_id == target).order_by(Case.id))
    return list(rows.scalars())


async def to_opponents(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    """V.10.6 ¶2, V.7.14 ¶2: a copy to every opponent whose opposition was accepted."""
    return [(c.applicant_id, "opponent") for c in await oppositions(ctx)
            if c.state not in ("deemed_not_filed", "not_accepted", "not_considered", "filed",
                               "deficient", "on_hold")]


def to_examiners(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    return [(None, "examiner")]


#: The ``extensions.reason`` of an examination act by an examiner other than the assigned one.
NOT_ASSIGNED = "UA_GI_NOT_ASSIGNED_EXAMINER"


async def same_examiner(ctx: TransitionContext) -> None:
    """GI rules V.1.2: a stage begun by one examiner is finished by the same examiner, so the
    examiner's acts on an application are the assigned examiner's alone (FORBIDDEN, reason
    ``UA_GI_NOT_ASSIGNED_EXAMINER``). Before an assignment (V.1.1) any examiner may act; a
    principal acting under another role the transition allows (the head, the system) is not
    held to it."""
    await assigned_examiner_only(ctx, await app_of(ctx))


async def assigned_examiner_only(ctx: TransitionContext, app: UaGiApplication | None) -> None:
    """:func:`same_examiner` for the application ``app`` (an opposition's acts are held to
    the examiner of the application they oppose)."""
    principal = ctx.principal
    if principal.kind == "system" or not principal.has_role("examiner", JURISDICTION):
        return
    if any(principal.has_role(role, JURISDICTION) for role in ctx.transition.roles
           if role != "examiner"):
        return
    if app is not None and app.examiner and principal.subject != app.examiner:
        raise Forbidden(f"{ctx.transition.code}: only the assigned examiner {app.examiner} "
                        "performs the examination acts of this application (GI rules V.1.2)",
                        reason=NOT_ASSIGNED, rule="GI rules V.1.2")


def examiner_act(roles: Iterable[str], kw: dict[str, Any]) -> dict[str, Any]:
    """``kw`` of an application transition, with :func:`same_examiner` first among its
    effects when an examiner performs it (GI rules V.1.2)."""
    if "examiner" in set(roles):
        kw = {**kw, "effects": (same_examiner, *kw.get("effects", ()))}
    return kw


#: GI rules IV.7: the applicant's later documents (materials, replies, requests) filed
#: electronically carry the QES data (as the application does, VR-04); paper ones none.
DOCUMENT_RULE = "GI rules IV.7"
DOCUMENT_CHANNELS = ("paper", "electronic")


def _later_document_inputs() -> tuple[InputField, ...]:
    from ipreg.plugins.ukraine.common.signature import SIGNATURE
    from ipreg.plugins.ukraine.gi.documents import LATER_INPUT

    return (InputField("channel", "string", False, "How the document is filed: paper "
                       "(default) or electronic (GI rules IV.7)"),
            InputField("signature", "json", False, "The QES data of an electronic document "
                       "(GI rules IV.7); none for paper", SIGNATURE), LATER_INPUT)


async def document_signature(ctx: TransitionContext) -> None:
    """GI rules IV.7: an electronic later document without valid QES data is refused with
    the field's path (``signature``, ``signature.verified``...); a paper one needs none. The
    signature read is kept in the case's ``documentSignatures``."""
    channel = ctx.input.get("channel") or "paper"
    if channel not in DOCUMENT_CHANNELS:
        raise BadUserInput(f"channel: one of {', '.join(DOCUMENT_CHANNELS)} ({DOCUMENT_RULE})",
                           argument="channel", rule=DOCUMENT_RULE)
    if channel == "paper":
        return
    _read_signature(ctx, "an electronic document is signed with a QES or AdES-QC")


def _read_signature(ctx: TransitionContext, missing: str) -> None:
    from ipreg.plugins.ukraine.common.signature import SignatureReader

    reader = SignatureReader()
    if ctx.input.get("signature") is None:
        reader.problems.add("signature", missing, rule=DOCUMENT_RULE, code="required")
        reader.raise_if_any()
    signature = reader.signature(ctx.input["signature"], "signature", rule=DOCUMENT_RULE)
    reader.raise_if_any()
    assert signature is not None
    ctx.put(documentSignatures=[*(ctx.data.get("documentSignatures") or []), {
        "transition": ctx.transition.code, "on": ctx.today.isoformat(),
        **signature.as_dict()}])


async def application_document_signature(ctx: TransitionContext) -> None:
    """GI rules IV.6-IV.7 for the acts whose client contract has no input (the withdrawal
    T39, the copies request COPY): the document of an electronic application is an
    electronic one, so its QES data (``signature``) is required, refused with the field's
    path otherwise; on a paper application a signature given is read and kept likewise,
    none is needed."""
    app = await app_of(ctx)
    if ctx.input.get("signature") is None and app.channel != "electronic":
        return
    _read_signature(ctx, "the document of an electronic application is signed with a QES or "
                    "AdES-QC")


#: The acts that take the signature without an input of their own in the client contract
#: (``uaGiPerform(signature: ...)``): their typed act stays ``true``.
SIGNATURE_ONLY_ACTS = frozenset({"UA.GI.T39", "UA.GI.COPY"})


def application_document(kw: dict[str, Any]) -> dict[str, Any]:
    """``kw`` of :data:`SIGNATURE_ONLY_ACTS`: the optional ``signature`` input and
    :func:`application_document_signature` first among the effects (GI rules IV.7)."""
    from ipreg.plugins.ukraine.common.signature import SIGNATURE

    return {**kw, "inputs": (*kw.get("inputs", ()), InputField(
        "signature", "json", False, "The QES data of the document (required when the "
        "application is electronic, GI rules IV.6-IV.7)", SIGNATURE)),
        "effects": (application_document_signature, *kw.get("effects", ()))}


def later_document(kw: dict[str, Any]) -> dict[str, Any]:
    """``kw`` of a transition by which the applicant files a later document: the channel,
    signature and files inputs, :func:`document_signature` first among the effects (GI rules
    IV.7) and the files' check (II.2.3-2.5, :func:`~ipreg.plugins.ukraine.gi.documents.
    attached_documents`) next."""
    from ipreg.plugins.ukraine.gi.documents import attached_documents

    return {**kw, "inputs": (*kw.get("inputs", ()), *_later_document_inputs()),
            "effects": (document_signature, attached_documents, *kw.get("effects", ()))}


def refuse(message: str, **details: Any) -> PreconditionFailed:
    return PreconditionFailed(message, **details)


__all__ = ["APPEALS", "APPLICANT", "APPLICATION", "AUTHORITY", "CLERK", "DOCUMENT_RULE",
           "EXAMINER", "HEAD", "ICS", "JURISDICTION", "NOT_ASSIGNED", "OPPOSITION", "ROLES",
           "SIGNATURE_ONLY_ACTS", "SYSTEM", "app_of", "application_document",
           "assigned_examiner_only", "await_receipt", "date_input", "document_signature",
           "examiner_act", "filed_on", "in_time", "incoming", "input_date", "json_input",
           "later_document", "limit", "names", "oppositions", "outgoing", "read_receipt",
           "received_today", "recount_running", "refuse", "same_examiner", "text_input",
           "to_examiners",
           "to_opponents", "transition"]
