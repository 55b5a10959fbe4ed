"""Typed fields of the GI cases for what a client could read only through the case's raw
``data``: the attached documents (GI rules II.2.3-2.5, VR-41), the single-act
representatives (II.3.5 ¶4, III.1.7, III.1.8 ¶2, IV.5) and the office's signature records
(IV.7 ¶3).

Who sees them: the case types are read only by UKRNOIVI's officials and the case's own
side (:func:`~ipreg.plugins.ukraine.gi.graphql.types.can_read_case`), so the personal data
of a representative's appointment is never shown to anyone else; an attached document is
listed only to whoever may download its file (:func:`ipreg.core.publication.file_access`,
the rule of ``GET /files/{sha256}``: UKRNOIVI's officials and the uploader's side).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import strawberry

from ipreg.core.publication import file_access
from ipreg.plugins.ukraine.gi.office_signature import KEY as SIGNATURES
from ipreg.plugins.ukraine.gi.representation import representatives
from ipreg.schema.context import Context
from ipreg.schema.types.documents import File
from ipreg.schema.types.variants import variant

Info = strawberry.Info[Context, Any]
#: The acts that file an application: its documents came with the application itself.
FILING = ("UA.GI.T01", "UA.GI.T02")


@variant(name="UaGiFile", description="A stored file of a GI application: an attached "
         "document's PDF (GI rules II.2.3). Download it at `url`.")
class UaGiFile(File):
    pass


@strawberry.type(name="UaGiAttachedDocument", description="A document of the application "
                 "attached as an uploaded PDF (GI rules II.2.3-2.5; digest §2.2 G4-G6): listed "
                 "only to whoever may download its file (UKRNOIVI's officials, the side that "
                 "uploaded it).")
class UaGiAttachedDocument:
    kind: str = strawberry.field(description="What the document is (GI rules II.1.1): "
                                 "request, specification, single_document, agreement, map, "
                                 "power_of_attorney, reply, additional_materials, other ...")
    title: str | None = strawberry.field(description="Its title, e.g. for `other` (II.3.9 "
                                         "¶7).")
    file: UaGiFile | None = strawberry.field(description="The stored PDF, with its download "
                                             "`url`.")
    pages: int | None = strawberry.field(description="Its number of pages.")
    warnings: list[str] = strawberry.field(
        description="VR-41 (GI rules II.2.4-2.5): how its pages break the paper format, each "
        "naming the file's path, the pages and the point; empty when none.")
    transition: str = strawberry.field(description="The act it was filed with (`UA.GI.T01` "
                                       "the filing, `UA.GI.T24` additional materials ...).")
    received_on: dt.date = strawberry.field(description="The day it came.")
    incoming_item: int | None = strawberry.field(
        description="`seq` in the file (`file`) of the incoming document it came with (the "
        "application for the filing's documents, III.2.1); null while an e-application "
        "awaits its registration (III.2.5).")


async def attached_documents(info: Info, rows: list[Any], items: list[Any],
                             data: Mapping[str, Any]) -> list[UaGiAttachedDocument]:
    """The ``ua_gi_document`` rows of a case (with their files' columns) the caller may
    download, with their warnings from the case's ``documents`` (same order)."""
    kept = list(data.get("documents") or [])
    context = info.context
    allowed: dict[str, bool] = {}
    async with context.runtime.sessionmaker() as session:
        for sha256 in {r.file_sha256 for r in rows}:
            allowed[sha256] = await file_access(session, context.runtime.registry,
                                                context.viewer, sha256) is not None
    incoming = [i for i in items if i.direction == "in"]
    out = []
    for index, row in enumerate(rows):
        if not allowed.get(row.file_sha256):
            continue
        entry = kept[index] if index < len(kept) and kept[index].get("file") == \
            row.file_sha256 else {}
        out.append(UaGiAttachedDocument(
            kind=row.kind, title=row.title, file=UaGiFile.from_row(row), pages=row.pages,
            warnings=list(entry.get("warnings") or []), transition=row.transition,
            received_on=row.received_on, incoming_item=_incoming(row, incoming)))
    return out


def _incoming(row: Any, incoming: list[Any]) -> int | None:
    """The incoming item registered by the same act (same transition, same instant); for
    the filing's documents, the application."""
    for item in incoming:
        if item.transition == row.transition and item.at == row.at:
            return int(item.seq)
    if row.transition in FILING:
        for item in incoming:
            if item.kind == "application":
                return int(item.seq)
    return None


@strawberry.type(name="UaGiPowerOfAttorney", description="The power of attorney of a "
                 "single-act representative (GI rules III.1.7; VR-28).")
class UaGiPowerOfAttorney:
    grantee: str | None = strawberry.field(description="To whom it is issued (III.1.7 ¶5).")
    grantor: str | None = strawberry.field(description="Who is represented (III.1.7 ¶5).")
    body: str | None = strawberry.field(description="The body before which (UKRNOIVI).")
    acts: list[str] = strawberry.field(description="The clearly defined acts, as the PoA "
                                       "words them (III.1.7 ¶5).")
    issued_on: dt.date | None = strawberry.field(description="Date of issue.")
    may_withdraw: bool = strawberry.field(description="The right to withdraw the application "
                                          "is stated expressly (III.1.7 ¶11, VI.5.2).")
    language: str = strawberry.field(description="Its language (a translation is attached "
                                     "when not `uk`, III.1.7 ¶1).")


@strawberry.type(name="UaGiSingleAct", description="One act a single-act representative "
                 "performs (GI rules III.1.7 ¶5, ¶12).")
class UaGiSingleAct:
    kind: str = strawberry.field(description="extension, restoration, amendment, copies, "
                                 "withdrawal, participation or reply.")
    notice: int | None = strawberry.field(description="For a reply: `seq` in the file of the "
                                          "notice it answers.")
    notice_transition: str | None = strawberry.field(description="For a reply: the act that "
                                                     "sent that notice.")


@strawberry.type(name="UaGiSingleActRepresentative", description="A representative appointed "
                 "for a single act, not named in section 4 of the form (GI rules II.3.5 ¶4, "
                 "III.1.7, IV.5): the office writes to it about its act (IV.5) and it "
                 "performs only the acts its PoA names (III.1.7 ¶12). Personal data: only "
                 "UKRNOIVI's officials and the applicant's side read the case.")
class UaGiSingleActRepresentative:
    number: int = strawberry.field(description="Its number in the file (the "
                                   "`representative` of `UA.GI.REP.REVOKE`).")
    kind: str = strawberry.field(description="patent_attorney or other (III.1.6).")
    name: str = strawberry.field(description="Name or full name.")
    registration_number: str | None = strawberry.field(
        description="A patent attorney's certificate number (II.3.5 ¶2).")
    postal_address: str = strawberry.field(description="Its address in Ukraine, where the "
                                           "correspondence on the act goes (IV.5).")
    country: str = strawberry.field(description="Country of the address: UA (IV.5).")
    phone: str | None = strawberry.field(description="Telephone.")
    email: str | None = strawberry.field(description="E-mail.")
    account: str | None = strawberry.field(
        description="Its sign-in subject: its acts on the application are held to the PoA's "
        "acts (III.1.7 ¶12).")
    power_of_attorney: UaGiPowerOfAttorney = strawberry.field(description="Its PoA "
                                                              "(III.1.7).")
    acts: list[UaGiSingleAct] = strawberry.field(description="The acts it performs.")
    state: str = strawberry.field(description="`active`, or `revoked` once UKRNOIVI received "
                                  "the revocation (III.1.8 ¶2).")
    appointed_on: dt.date = strawberry.field(description="The day UKRNOIVI received the PoA.")
    revoked_on: dt.date | None = strawberry.field(description="The day UKRNOIVI received the "
                                                  "revocation (III.1.8 ¶2); null if active.")


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def single_act_representatives(data: Any) -> list[UaGiSingleActRepresentative]:
    """The case's ``singleActRepresentatives``, in the order appointed."""
    out = []
    for r in representatives(data if isinstance(data, dict) else {}):
        poa = r.get("powerOfAttorney") or {}
        out.append(UaGiSingleActRepresentative(
            number=r["number"], kind=r["kind"], name=r["name"],
            registration_number=r.get("registrationNumber"),
            postal_address=r.get("postalAddress") or "", country=r.get("country") or "UA",
            phone=r.get("phone"), email=r.get("email"), account=r.get("account"),
            power_of_attorney=UaGiPowerOfAttorney(
                grantee=poa.get("grantee"), grantor=poa.get("grantor"), body=poa.get("body"),
                acts=list(poa.get("acts") or []), issued_on=_day(poa.get("issuedOn")),
                may_withdraw=bool(poa.get("mayWithdraw")),
                language=poa.get("language") or "uk"),
            acts=[UaGiSingleAct(kind=a["kind"], notice=a.get("notice"),
                                notice_transition=a.get("noticeTransition"))
                  for a in r.get("acts") or []],
            state="revoked" if r.get("revokedOn") else "active",
            appointed_on=dt.date.fromisoformat(r["appointedOn"]),
            revoked_on=_day(r.get("revokedOn"))))
    return out


@strawberry.type(name="UaGiOfficeSignature", description="The record of the signature of "
                 "one of UKRNOIVI's e-documents sent to a personal cabinet (GI rules IV.7 ¶3): "
                 "the official who signed it, when, and the digest of the notice as the file "
                 "records it. The QES/AdES-QC itself is applied and checked by UKRNOIVI's "
                 "signing service.")
class UaGiOfficeSignature:
    seq: int = strawberry.field(description="`seq` of the notice in the file it was sent to.")
    kind: str = strawberry.field(description="What the notice is.")
    in_this_file: bool = strawberry.field(
        description="Is the notice in this case's file? False for a notice an opposition's "
        "act sent into the opposed application's file.")
    official: str = strawberry.field(description="The signing official's sign-in subject "
                                     "(`system` for the ICS's own automatic act).")
    role: str = strawberry.field(description="Its role: examiner, ua_gi_head, ua_gi_clerk, "
                                 "ua_gi_ics or ua_gi_appeals_recorder.")
    signed_at: dt.datetime = strawberry.field(description="When it was signed (UTC).")
    content_sha256: str = strawberry.field(description="SHA-256 of the notice as recorded "
                                           "(case number, seq, kind, date, channel, summary).")
    signature: str = strawberry.field(description="What the signature is.")


def office_signatures(case_id: int, data: Any) -> list[UaGiOfficeSignature]:
    """The case's ``officeSignatures``, oldest first."""
    records = (data if isinstance(data, dict) else {}).get(SIGNATURES) or []
    return [UaGiOfficeSignature(
        seq=r["seq"], kind=r["kind"], in_this_file=r.get("caseId") == case_id,
        official=r["official"], role=r["role"],
        signed_at=dt.datetime.fromisoformat(r["signedAt"]),
        content_sha256=r["contentSha256"], signature=r.get("signature") or "")
        for r in records]


@strawberry.type(name="UaGiDocumentSignature", description="The qualified electronic "
                 "signature (QES or AdES-QC) of a document the applicant's side filed "
                 "electronically after the application (GI rules IV.7 ¶1), as the signature "
                 "service reported it. The signer's RNOKPP/EDRPOU are kept but not shown "
                 "(personal data).")
class UaGiDocumentSignature:
    transition: str = strawberry.field(description="The act that filed the document.")
    on: dt.date = strawberry.field(description="The day it was filed.")
    signer: str = strawberry.field(description="The signer's name as in the certificate.")
    provider: str = strawberry.field(description="The qualified trust service provider that "
                                     "issued the certificate.")
    certificate_serial: str = strawberry.field(description="Serial number of the "
                                               "certificate (hex).")
    signed_at: dt.datetime = strawberry.field(description="Time of signing.")
    format: str = strawberry.field(description="Signature format (e.g. CAdES-X-Long).")
    content_sha256: str = strawberry.field(description="SHA-256 of the signed content.")
    verified: bool = strawberry.field(description="The signature service found it valid "
                                      "(the register does not verify CAdES itself).")


def document_signatures(data: Any) -> list[UaGiDocumentSignature]:
    """The case's ``documentSignatures`` (GI rules IV.7 ¶1), oldest first."""
    records = (data if isinstance(data, dict) else {}).get("documentSignatures") or []
    return [UaGiDocumentSignature(
        transition=r["transition"], on=dt.date.fromisoformat(r["on"]), signer=r["signer"],
        provider=r["provider"], certificate_serial=r["certificateSerial"],
        signed_at=dt.datetime.fromisoformat(r["signedAt"]), format=r["format"],
        content_sha256=r["contentSha256"], verified=bool(r["verified"]))
        for r in records]


__all__ = ["UaGiAttachedDocument", "UaGiDocumentSignature", "UaGiFile", "UaGiOfficeSignature",
           "UaGiSingleActRepresentative", "attached_documents", "document_signatures",
           "office_signatures", "single_act_representatives"]
