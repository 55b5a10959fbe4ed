"""GraphQL types of the GI register: the published application (an ``IPObject``, GI rules
V.6.2, digest §4.7), the application and opposition cases (``RegisterCase``), and their
file, fees and limit requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay

from ipreg.plugins.ukraine.gi.graphql.case_fields import (
    UaGiAttachedDocument,
    UaGiDocumentSignature,
    UaGiOfficeSignature,
    UaGiSingleActRepresentative,
    attached_documents,
    document_signatures,
    office_signatures,
    single_act_representatives,
)
from ipreg.plugins.ukraine.gi.graphql.loaders import (
    ApplicationByCaseLoader,
    ApplicationByObjectLoader,
    DocumentsByCaseLoader,
    FeesLoader,
    FileItemsLoader,
    LimitRequestsLoader,
    OppositionByCaseLoader,
    OppositionsByApplicationLoader,
)
from ipreg.plugins.ukraine.gi.graphql.sources import (
    UaGiNameDetermination,
    UaGiSourceHit,
    case_determinations,
    case_hits,
)
from ipreg.plugins.ukraine.gi.publication import JURISDICTION, UA_GI
from ipreg.plugins.ukraine.gi.representation import acting, covers
from ipreg.schema.context import Context
from ipreg.schema.types.cases import CaseByIdLoader, RegisterCase
from ipreg.schema.types.ipobject import IPObject
from ipreg.schema.types.variants import variant

Info = strawberry.Info[Context, Any]


def can_read_case(info: Info, applicant_id: int | None) -> bool:
    """UKRNOIVI's officials, and the case's own applicant side (an opponent on its
    opposition)."""
    viewer = info.context.viewer
    return UA_GI.is_official(viewer) or UA_GI.acts_for(viewer, [applicant_id])


@strawberry.type(name="UaGiNamedAddress", description="A name and an address (GI rules "
                 "II.3.8, II.4.10: the competent authority, conformity assessment bodies).")
class UaGiNamedAddress:
    name: str = strawberry.field(description="Name.")
    address: str = strawberry.field(description="Address.")
    powers: str | None = strawberry.field(description="Powers regarding the product (II.4.10).")

    @classmethod
    def of(cls, data: Any) -> UaGiNamedAddress | None:
        if not isinstance(data, dict) or not data.get("name"):
            return None
        return cls(name=data["name"], address=data.get("address") or "",
                   powers=data.get("powers"))


@strawberry.type(name="UaGiRepresentative", description="The representative as published "
                 "(GI rules V.6.2 ¶5, P4): name and a patent attorney's registration number.")
class UaGiRepresentative:
    name: str = strawberry.field(description="Surname, name, patronymic or full name.")
    registration_number: str | None = strawberry.field(
        description="Registration number of the patent attorney's certificate (II.3.5 ¶2).")


@strawberry.type(name="UaGiSpecification", description="The product specification as "
                 "published (GI rules V.6.2 ¶16, P15; sections S1-S9 of II.4).")
class UaGiSpecification:
    product_name: str | None = strawberry.field(description="S3 product name (II.4.4).")
    uktzed_codes: list[str] = strawberry.field(description="S3 UKTZED codes (II.4.4 ¶2).")
    description: str | None = strawberry.field(description="S4 product description (II.4.5).")
    boundaries: str | None = strawberry.field(description="S5 boundaries of the area "
                                              "(II.4.6).")
    production_method: str | None = strawberry.field(description="S6 production method "
                                                     "(II.4.7).")
    link: str | None = strawberry.field(description="S7 the link (II.4.8).")
    labelling: str | None = strawberry.field(description="S8 labelling rules (II.4.9).")


@strawberry.type(name="UaGiSingleDocument", description="The single document as published "
                 "(GI rules V.6.2 ¶17, P16; sections D1-D8 of II.6).")
class UaGiSingleDocument:
    product_name: str | None = strawberry.field(description="D3 product name (II.6.3 ¶4).")
    description: str | None = strawberry.field(description="D4 product description (II.6.5).")
    production_method: str | None = strawberry.field(description="D5 production method "
                                                     "(II.6.6).")
    packaging_labelling: str | None = strawberry.field(description="D6 packaging and "
                                                       "labelling (II.6.7).")
    boundaries: str | None = strawberry.field(description="D7 boundaries (II.6.8).")
    link: str | None = strawberry.field(description="D8 the link (II.6.9).")


@strawberry.type(name="UaGiPublishedOpposition", description="An opposition's existence as "
                 "published with the application (GI rules V.7): its number, date and stage; "
                 "its content is the parties'.")
class UaGiPublishedOpposition:
    number: str | None = strawberry.field(description="Number of the opposition case.")
    dated_on: dt.date = strawberry.field(description="Date of the opposition (V.7.5 ¶5).")
    state: str = strawberry.field(description="Stage of the opposition (digest §7.3).")


@strawberry.type(name="UaGiDecision", description="UKRNOIVI's decision on the application "
                 "(GI rules V.10.5).")
class UaGiDecision:
    outcome: str = strawberry.field(description="`registration` or `refusal`.")
    date: dt.date = strawberry.field(description="Date of the decision.")


def _published_oppositions(rows: list[Any]) -> list[UaGiPublishedOpposition]:
    return [UaGiPublishedOpposition(number=r.number, dated_on=r.dated_on, state=r.state)
            for r in rows]


@strawberry.type(name="UaGiApplication", description="A published application for "
                 "registration of a geographical indication (GI rules V.6; digest §4.7): the "
                 "items V.6.2 publishes, P1-P16; what ¶18 never publishes is not here.")
class UaGiApplication(IPObject):
    async def _row(self, info: Info) -> Any:
        return await info.context.loaders.get(ApplicationByObjectLoader).load(self.id)

    @strawberry.field(description="P1 application number: `i` + year + five digits "
                      "(V.6.2 ¶2; III.2.3).")
    async def application_number(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.number if row else None

    @strawberry.field(description="P2 filing date (V.6.2 ¶3; V.3).")
    async def filing_date(self, info: Info) -> dt.date | None:
        row = await self._row(info)
        return row.filing_date if row else None

    @strawberry.field(description="P3 applicants' names (V.6.2 ¶4).")
    async def applicant_names(self, info: Info) -> list[str]:
        row = await self._row(info)
        return [a.get("fullName") or " ".join(filter(None, (
            a.get("surname"), a.get("givenName"), a.get("patronymic"))))
            for a in (row.form.get("applicants") or [])] if row else []

    @strawberry.field(description="P3 applicants' addresses: the correspondence address of "
                      "points 3.1/3.2 (V.6.2 ¶4, ¶19).")
    async def applicant_addresses(self, info: Info) -> list[str]:
        row = await self._row(info)
        return [a.get("correspondenceAddress") or "" for a in
                (row.form.get("applicants") or [])] if row else []

    @strawberry.field(description="P4 representative (V.6.2 ¶5).")
    async def representative(self, info: Info) -> UaGiRepresentative | None:
        row = await self._row(info)
        rep = (row.form.get("representative") if row else None) or None
        return UaGiRepresentative(name=rep["name"], registration_number=rep.get(
            "registrationNumber")) if rep else None

    @strawberry.field(description="P5 correspondence address: addressee and postal address "
                      "(V.6.2 ¶6; form section 5).")
    async def correspondence_address(self, info: Info) -> str | None:
        row = await self._row(info)
        c = (row.form.get("correspondence") if row else None) or None
        return f"{c.get('addressee')}, {c.get('postalAddress')}" if c else None

    @strawberry.field(description="P6 international treaty of the claim, if any (V.6.2 ¶7).")
    async def international_treaty(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.form.get("internationalTreaty") if row else None

    @strawberry.field(description="P7 kind: `geographical_indication` or "
                      "`designation_of_origin` (V.6.2 ¶8).")
    async def gi_kind(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.kind if row else None

    @strawberry.field(description="P8 claimed name (V.6.2 ¶9).")
    async def claimed_name(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.claimed_name if row else None

    @strawberry.field(description="P9 Latin transliteration, if any (V.6.2 ¶10).")
    async def transliteration(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.form.get("transliteration") if row else None

    @strawberry.field(description="P10 transcription in Ukrainian letters (V.6.2 ¶11).")
    async def transcription_uk(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.form.get("transcriptionUk") if row else None

    @strawberry.field(description="P11 transcription in Latin letters (V.6.2 ¶12).")
    async def transcription_latin(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.form.get("transcriptionLatin") if row else None

    @strawberry.field(description="P12 country of origin (V.6.2 ¶13).")
    async def country_of_origin(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.country_of_origin if row else None

    @strawberry.field(description="P13 product name (V.6.2 ¶14).")
    async def product_name(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.product_name if row else None

    @strawberry.field(description="P14 the competent authority (V.6.2 ¶15).")
    async def competent_authority(self, info: Info) -> UaGiNamedAddress | None:
        row = await self._row(info)
        return UaGiNamedAddress.of(row.form.get("competentAuthority")) if row else None

    @strawberry.field(description="P14 conformity assessment bodies (V.6.2 ¶15).")
    async def conformity_bodies(self, info: Info) -> list[UaGiNamedAddress]:
        row = await self._row(info)
        found = [UaGiNamedAddress.of(b) for b in (row.form.get("conformityBodies") or [])] \
            if row else []
        return [b for b in found if b is not None]

    @strawberry.field(description="P15 the specification (V.6.2 ¶16): for places in "
                      "Ukraine, or abroad in V.5.6 cases; null otherwise.")
    async def specification(self, info: Info) -> UaGiSpecification | None:
        row = await self._row(info)
        spec = row.specification if row else None
        if not spec:
            return None
        return UaGiSpecification(
            product_name=spec.get("productName"), uktzed_codes=spec.get("uktzedCodes") or [],
            description=spec.get("description"), boundaries=spec.get("boundaries"),
            production_method=spec.get("productionMethod"), link=spec.get("link"),
            labelling=spec.get("labelling"))

    @strawberry.field(description="P16 the single document (V.6.2 ¶17): for places abroad; "
                      "null for places in Ukraine.")
    async def single_document(self, info: Info) -> UaGiSingleDocument | None:
        row = await self._row(info)
        doc = row.single_document if row and not row.place_in_ukraine else None
        if not doc:
            return None
        return UaGiSingleDocument(
            product_name=doc.get("productName"), description=doc.get("description"),
            production_method=doc.get("productionMethod"),
            packaging_labelling=doc.get("packagingLabelling"),
            boundaries=doc.get("boundaries"), link=doc.get("link"))

    @strawberry.field(description="Date of publication in the Bulletin (V.6.1); the "
                      "3-month opposition period runs from it (V.7.1).")
    async def published_on(self, info: Info) -> dt.date | None:
        row = await self._row(info)
        return row.published_on if row else None

    @strawberry.field(description="Oppositions filed against it: their existence and stage "
                      "(V.7).")
    async def oppositions(self, info: Info) -> list[UaGiPublishedOpposition]:
        row = await self._row(info)
        if row is None:
            return []
        rows = await info.context.loaders.get(OppositionsByApplicationLoader).load(row.case_id)
        return _published_oppositions(rows)

    @strawberry.field(description="UKRNOIVI's decision, once taken (V.10.5).")
    async def decision(self, info: Info) -> UaGiDecision | None:
        row = await self._row(info)
        if row is None:
            return None
        case = await info.context.loaders.get(CaseByIdLoader).load(row.case_id)
        decision = (case.data or {}).get("decision") if case is not None else None
        if not decision:
            return None
        return UaGiDecision(outcome=decision["outcome"],
                            date=dt.date.fromisoformat(decision["date"]))


@strawberry.type(name="UaGiFileItem", description="A document of the application's file "
                 "(GI rules III.2.1-2.7, digest §3.4): incoming with its number and date of "
                 "receipt, outgoing notices with their channel and receipt (IV.8-IV.9).")
class UaGiFileItem:
    seq: int = strawberry.field(description="Order in the file.")
    direction: str = strawberry.field(description="`in` (received) or `out` (sent).")
    incoming_number: str | None = strawberry.field(description="Incoming number (III.2.1).")
    kind: str = strawberry.field(description="What the document is.")
    dated_on: dt.date = strawberry.field(description="Date of receipt or sending.")
    channel: str = strawberry.field(description="Channel (IV.6-IV.8) or receipt basis.")
    transition: str | None = strawberry.field(description="The act that registered it.")
    summary: str = strawberry.field(description="Summary.")
    refers_to: int | None = strawberry.field(
        description="For a receipt, or a copy to the applicant (IV.5): the notice's `seq`.")
    received_on: dt.date | None = strawberry.field(
        description="For a receipt: the day the notice counts as received (IV.8-IV.9).")

    @classmethod
    def from_row(cls, r: Any) -> UaGiFileItem:
        return cls(seq=r.seq, direction=r.direction, incoming_number=r.incoming_number,
                   kind=r.kind, dated_on=r.dated_on, channel=r.channel,
                   transition=r.transition, summary=r.summary, refers_to=r.refers_to,
                   received_on=r.received_on)


@strawberry.type(name="UaGiFee", description="A fee and its payment (GI rules III.1.10, V.4, "
                 "V.7.5, VI.2.2, VI.2.7, VI.3.6; digest §3.2). Amounts are configuration "
                 "(IPREG_UA_GI_FEES): the Fee Procedure's appendix is not in the seed (A-04).")
class UaGiFee:
    kind: str = strawberry.field(description="filing, extension, restoration, opposition, "
                                 "correction, state_duty or publication.")
    amount: str | None = strawberry.field(description="Amount paid (hryvnias).")
    status: str = strawberry.field(description="paid, nonconforming, disregarded (V.4.4), "
                                   "refunded or exempt.")
    paid_on: dt.date | None = strawberry.field(description="Payment date.")
    credited_on: dt.date | None = strawberry.field(
        description="Crediting to UKRNOIVI's account (III.1.10 ¶3; A-26).")
    refunded_on: dt.date | None = strawberry.field(description="Refund date, if refunded.")

    @classmethod
    def from_row(cls, r: Any) -> UaGiFee:
        return cls(kind=r.kind, amount=r.amount, status=r.status, paid_on=r.paid_on,
                   credited_on=r.credited_on, refunded_on=r.refunded_on)


@strawberry.type(name="UaGiLimitRequest", description="An extension (GI rules VI.2.1-2.4) or "
                 "restoration (VI.2.5-2.9) of a time limit, with its date and basis.")
class UaGiLimitRequest:
    kind: str = strawberry.field(description="`extension` or `restoration`.")
    limit_code: str = strawberry.field(description="The limit (`uaGiTerms` key).")
    request_date: dt.date = strawberry.field(description="Date of the request (VI.2.2 ¶2, "
                                             "VI.2.7 ¶2).")
    months: int | None = strawberry.field(description="Months of an extension (A-21).")
    outcome: str = strawberry.field(description="`granted`; `refused` (GI rules VI.2.4, "
                                    "VI.2.9: the request registered, the limit unchanged, a "
                                    "notice of refusal sent); `filed` (a restoration awaiting "
                                    "the examiner's decision on the reasons, VI.2.8).")
    basis: str = strawberry.field(description="Its legal basis, as in the limit's history.")
    refusal: str | None = strawberry.field(
        default=None, description="Why it was refused, with `refusalRule` the point of the "
        "Rules (VI.2.3-2.4, VI.2.5-2.9); null unless refused.")
    refusal_rule: str | None = strawberry.field(
        default=None, description="The point of the Rules the refusal rests on.")
    request_item: int | None = strawberry.field(
        default=None, description="`seq` of the request in the file (`file`).")
    notice_item: int | None = strawberry.field(
        default=None, description="`seq` in the file of the notice that the request was "
        "granted or refused (VI.2.3, VI.2.4, VI.2.8-2.9); null while it awaits a decision.")


@variant(name="UaGiApplicationCase", description="An application's proceedings (procedure "
         "UA.GI.APP, digest §7.1-7.2): for UKRNOIVI's officials and the applicant's side.")
class UaGiApplicationCase(relay.Node, RegisterCase):
    id: relay.NodeID[int]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[UaGiApplicationCase | None]:
        """``node(id:)``: the GI applications the caller may read."""
        rows = await info.context.loaders.get(CaseByIdLoader).load_many(
            [int(i) if i.isdigit() else -1 for i in node_ids])
        return [cls.from_row(r) if r is not None and r.procedure == "UA.GI.APP"
                and can_read_case(info, r.applicant_id) else None for r in rows]

    async def _row(self, info: Info) -> Any:
        return await info.context.loaders.get(ApplicationByCaseLoader).load(self.id)

    @strawberry.field(description="Application number (III.2.3); null before registration of "
                      "an e-application (III.2.5).")
    async def application_number(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.number if row else None

    @strawberry.field(description="Claimed name (form section 6).")
    async def claimed_name(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.claimed_name if row else None

    @strawberry.field(description="Date of receipt (III.2.1, III.2.5, III.1.11).")
    async def received_on(self, info: Info) -> dt.date | None:
        row = await self._row(info)
        return row.received_on if row else None

    @strawberry.field(description="Filing date once established (V.3).")
    async def filing_date(self, info: Info) -> dt.date | None:
        row = await self._row(info)
        return row.filing_date if row else None

    @strawberry.field(description="The examiner assigned (V.1.1).")
    async def examiner(self, info: Info) -> str | None:
        row = await self._row(info)
        return row.examiner if row else None

    @strawberry.field(description="What the lookups found for the examiner (severity L of "
                      "digest §8.2): sanctions lists (VR-42), public order (VR-44), homonyms "
                      "(VR-45, at the examination of the name), generic names (VR-46).")
    def lookups(self) -> list[str]:
        data = self.data if isinstance(self.data, dict) else {}
        return [*(data.get("lookups") or []), *(data.get("homonyms") or [])]

    @strawberry.field(description="VR-46 (GI rules V.8.4-8.5): what the claimed name met in "
                      "the official sources when the examination of the name began (T27).")
    def name_source_hits(self) -> list[UaGiSourceHit]:
        return case_hits(self.data)

    @strawberry.field(description="The examiner's determinations on generic (V.8.4) and "
                      "plant variety or breed names (V.8.5), with their sources (acts v84, "
                      "v85).")
    def name_determinations(self) -> list[UaGiNameDetermination]:
        return case_determinations(self.data)

    @strawberry.field(description="The file: every registered document, oldest first "
                      "(III.2.2).")
    async def file(self, info: Info) -> list[UaGiFileItem]:
        rows = await info.context.loaders.get(FileItemsLoader).load(self.id)
        return [UaGiFileItem.from_row(r) for r in rows]

    @strawberry.field(description="Fees and payments (§3.2).")
    async def fees(self, info: Info) -> list[UaGiFee]:
        return [UaGiFee.from_row(r) for r in await info.context.loaders.get(FeesLoader)
                .load(self.id)]

    @strawberry.field(description="Extensions and restorations of its limits (VI.2), granted, "
                      "refused (with the notice of refusal) or awaiting a decision.")
    async def limit_requests(self, info: Info) -> list[UaGiLimitRequest]:
        rows = await info.context.loaders.get(LimitRequestsLoader).load(self.id)
        data = self.data if isinstance(self.data, dict) else {}
        items = data.get("limitRequestItems") or {}
        return [UaGiLimitRequest(kind=r.kind, limit_code=r.limit_code,
                                 request_date=r.request_date, months=r.months,
                                 outcome=r.outcome, basis=r.basis,
                                 refusal=items.get(str(r.id), {}).get("refusal"),
                                 refusal_rule=items.get(str(r.id), {}).get("rule"),
                                 request_item=items.get(str(r.id), {}).get("request"),
                                 notice_item=items.get(str(r.id), {}).get("notice"))
                for r in rows]

    @strawberry.field(description="Oppositions against it (V.7).")
    async def oppositions(self, info: Info) -> list[UaGiPublishedOpposition]:
        rows = await info.context.loaders.get(OppositionsByApplicationLoader).load(self.id)
        return _published_oppositions(rows)

    @strawberry.field(description="The acts the caller may perform now (their codes). A "
                      "single-act representative is offered only the acts its power of "
                      "attorney covers, and none once revoked (GI rules III.1.7 ¶12, III.1.8 "
                      "¶2): what the act's scope check would not refuse.")
    def available_acts(self, info: Info) -> list[str]:
        data = self.data if isinstance(self.data, dict) else {}
        rep = acting(info.context.viewer, data)
        return [t.code for t in self.performable(info)
                if rep is None or "representative" not in t.roles
                or covers(rep, t.code, data)]

    @strawberry.field(description="The documents attached as uploaded PDFs (GI rules "
                      "II.2.3-2.5), oldest first, each with its file, pages, VR-41 warnings "
                      "and the incoming document it came with; only those whose file the "
                      "caller may download (UKRNOIVI's officials, the side that uploaded "
                      "it).")
    async def documents(self, info: Info) -> list[UaGiAttachedDocument]:
        rows = await info.context.loaders.get(DocumentsByCaseLoader).load(self.id)
        if not rows:
            return []
        items = await info.context.loaders.get(FileItemsLoader).load(self.id)
        data = self.data if isinstance(self.data, dict) else {}
        return await attached_documents(info, rows, items, data)

    @strawberry.field(description="Representatives appointed for a single act (GI rules "
                      "II.3.5 ¶4, III.1.7, IV.5), active and revoked (III.1.8 ¶2), in the "
                      "order appointed.")
    def single_act_representatives(self) -> list[UaGiSingleActRepresentative]:
        return single_act_representatives(self.data)

    @strawberry.field(description="The signature records of UKRNOIVI's e-documents this "
                      "case sent to a personal cabinet (GI rules IV.7 ¶3), oldest first.")
    def office_signatures(self) -> list[UaGiOfficeSignature]:
        return office_signatures(self.id, self.data)

    @strawberry.field(description="The QES data of the documents the applicant's side filed "
                      "electronically after the application (GI rules IV.7 ¶1), oldest "
                      "first.")
    def document_signatures(self) -> list[UaGiDocumentSignature]:
        return document_signatures(self.data)


@variant(name="UaGiOppositionCase", description="An opposition's proceedings (procedure "
         "UA.GI.OPP, digest §7.3): for UKRNOIVI's officials and the opponent.")
class UaGiOppositionCase(relay.Node, RegisterCase):
    id: relay.NodeID[int]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[UaGiOppositionCase | None]:
        rows = await info.context.loaders.get(CaseByIdLoader).load_many(
            [int(i) if i.isdigit() else -1 for i in node_ids])
        return [cls.from_row(r) if r is not None and r.procedure == "UA.GI.OPP"
                and can_read_case(info, r.applicant_id) else None for r in rows]

    @strawberry.field(description="The opposed application's number (V.7.3 ¶5).")
    def application_number(self) -> str | None:
        value = self.data.get("application") if isinstance(self.data, dict) else None
        return str(value) if value else None

    @strawberry.field(description="Date of the opposition (V.7.5 ¶5).")
    async def dated_on(self, info: Info) -> dt.date | None:
        row = await info.context.loaders.get(OppositionByCaseLoader).load(self.id)
        return row.dated_on if row else None

    @strawberry.field(description="The opponent (V.7.3 ¶2).")
    async def opponent_name(self, info: Info) -> str | None:
        row = await info.context.loaders.get(OppositionByCaseLoader).load(self.id)
        return row.opponent_name if row else None

    @strawberry.field(description="Its fee and refund (V.7.5, V.7.9-7.13).")
    async def fees(self, info: Info) -> list[UaGiFee]:
        return [UaGiFee.from_row(r) for r in await info.context.loaders.get(FeesLoader)
                .load(self.id)]

    @strawberry.field(description="The acts the caller may perform now (their codes).")
    def available_acts(self, info: Info) -> list[str]:
        return [t.code for t in self.performable(info)]

    @strawberry.field(description="The signature records of UKRNOIVI's e-documents this "
                      "opposition's acts sent to a personal cabinet (GI rules IV.7 ¶3), the "
                      "opposed application's file included (`inThisFile` false), oldest "
                      "first.")
    def office_signatures(self) -> list[UaGiOfficeSignature]:
        return office_signatures(self.id, self.data)


__all__ = ["JURISDICTION", "UaGiApplication", "UaGiApplicationCase", "UaGiFee",
           "UaGiFileItem", "UaGiOppositionCase", "can_read_case"]
