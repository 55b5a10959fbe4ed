"""GraphQL types of the customs register: the entry (an ``IPObject``), the recordal,
the cases (``RegisterCase``) with their suspension or appeal, and the weekly list.

What the law publishes is :mod:`ipreg.plugins.ukraine.customs.publication`; the rest
is for officials of ``ua_customs`` and the recordal's own parties (the owner and its
representatives, and for an appeal the appellant).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from ipreg.plugins.ukraine.customs.graphql.loaders import (
    AppealByCaseLoader,
    CounterfeitsLoader,
    EventsLoader,
    OperatorsLoader,
    RecordalByCaseLoader,
    RecordalLoader,
    RepresentativesLoader,
    RightByObjectLoader,
    RightsByRecordalLoader,
    SuspensionByCaseLoader,
)
from ipreg.plugins.ukraine.customs.publication import JURISDICTION, UA_CUSTOMS
from ipreg.schema.context import Context
from ipreg.schema.types.cases import (
    CaseByIdLoader,
    CaseHistoryStep,
    Deadline,
    RegisterCase,
)
from ipreg.schema.types.ids import global_id
from ipreg.schema.types.ipobject import IPObject, object_fields
from ipreg.schema.types.parties import Party
from ipreg.schema.types.values import Goods, KeywordValue, RightTerm, StatusRecord
from ipreg.schema.types.variants import variant

Info = strawberry.Info[Context, Any]
ENTRY_TYPE = "UaCustomsEntry"


def is_official(viewer: Any) -> bool:
    return bool(UA_CUSTOMS.is_official(viewer))


async def owner_details(info: Info, party_id: int) -> UaCustomsOwnerDetails | None:
    party = await info.context.loaders.party_by_id.load(party_id)
    if party is None:
        return None
    details = await info.context.loaders.party_details.load(party_id)
    address = ", ".join(x for a in details.addresses for x in (a.street, a.city) if x)
    return UaCustomsOwnerDetails(name=party.name, country=party.country,
                                 address=address or None, identifier=party.taxpayer_id)


@strawberry.type(description="Register weekly list: the owner and the owner's details (an "
                 "extract shows the owner's name, address and identifier).")
class UaCustomsOwnerDetails:
    name: str = strawberry.field(description="Register weekly list: owner.")
    country: str = strawberry.field(description="Register weekly list: owner's country.")
    address: str | None = strawberry.field(description="Register weekly list: owner's "
                                           "address.")
    identifier: str | None = strawberry.field(description="Register weekly list: owner's "
                                              "identifier (EDRPOU, RNOKPP or foreign TIN).")


@strawberry.type(name=ENTRY_TYPE, description="An entry of the customs register of IP "
                 "objects (CC Art. 398): one IP right of a recordal. Anonymous callers see "
                 "what the weekly list publishes: number, name, dates, owner and details.")
class UaCustomsEntry(IPObject):
    description: str | None = UA_CUSTOMS.private_field(
        "The right's registration (not in the weekly list: null for others).", silent=True)
    status: str | None = UA_CUSTOMS.private_field(
        "applied, registered, refused, expired or revoked (not published: null for "
        "others).", silent=True)
    status_date: dt.date | None = UA_CUSTOMS.private_field(
        "Date of the status (not published: null for others).", silent=True)
    version: int | None = UA_CUSTOMS.private_field(
        "Grows with each change (not published: null for others).", silent=True)
    updated_at: dt.datetime | None = UA_CUSTOMS.private_field(
        "When it last changed (not published: null for others).", silent=True)

    async def _private(self, info: Info) -> bool:
        return await UA_CUSTOMS.sees_private(info, self.id)

    async def _right(self, info: Info) -> Any:
        return await info.context.loaders.get(RightByObjectLoader).load(self.id)

    async def _recordal(self, info: Info) -> Any:
        right = await self._right(info)
        return None if right is None else await info.context.loaders.get(
            RecordalLoader).load(right.recordal_id)

    @strawberry.field(description="Register weekly list: registration date.")
    async def registered_on(self, info: Info) -> dt.date | None:
        recordal = await self._recordal(info)
        return None if recordal is None else recordal.registered_on

    @strawberry.field(description="Register weekly list: expiry date (Order 282 term).")
    async def valid_until(self, info: Info) -> dt.date | None:
        recordal = await self._recordal(info)
        return None if recordal is None else recordal.valid_until

    @strawberry.field(description="Register weekly list: the owner's details.")
    async def owner_details(self, info: Info) -> UaCustomsOwnerDetails | None:
        recordal = await self._recordal(info)
        return None if recordal is None else await owner_details(info, recordal.applicant_id)

    @strawberry.field(description="Keywords (not published: empty for others).")
    async def keywords(self, info: Info) -> list[str]:
        if not await self._private(info):
            return []
        return [r.value for r in await info.context.loaders.keywords.load(self.id)]

    @strawberry.field(description="Keywords (not published: empty for others).")
    async def keyword_details(self, info: Info) -> list[KeywordValue]:
        if not await self._private(info):
            return []
        rows = await info.context.loaders.keywords.load(self.id)
        return [KeywordValue(value=r.value, transliteration=r.transliteration) for r in rows]

    @strawberry.field(description="Representatives (not in the weekly list: empty for "
                      "others).")
    async def representatives(self, info: Info) -> list[Party]:
        if not await self._private(info):
            return []
        return await self._parties(info, "representative")

    @strawberry.field(description="Goods with their UKTZED codes (customs data, not "
                      "published: empty for others).")
    async def goods(self, info: Info) -> list[Goods]:
        if not await self._private(info):
            return []
        return [Goods(description=g["description"], hs_codes=g["codes"],
                      nice_classes=g["classes"])
                for g in await info.context.loaders.goods.load(self.id)]

    @strawberry.field(description="Status history (not published: empty for others).")
    async def status_history(self, info: Info) -> list[StatusRecord]:
        if not await self._private(info):
            return []
        return [StatusRecord(status=r.status, date=r.date, basis_number=r.basis_number,
                             basis_date=r.basis_date)
                for r in await info.context.loaders.status_history.load(self.id)]

    @strawberry.field(description="The registration's term in Ukraine (published as "
                      "`validUntil`; empty for others).")
    async def right_terms(self, info: Info) -> list[RightTerm]:
        if not await self._private(info):
            return []
        return [RightTerm(country=r.country, starts_on=r.starts_on, expires_on=r.expires_on,
                          term_defined=r.term_defined)
                for r in await info.context.loaders.right_terms.load(self.id)]

    @strawberry.field(description="The recordal of the entry (customs data, not published: "
                      "null for others).")
    async def recordal(self, info: Info) -> UaCustomsRecordal | None:
        if not await self._private(info):
            return None
        row = await self._recordal(info)
        return None if row is None else UaCustomsRecordal.from_row(row)


@strawberry.type(description="A representative of the applicant in a role (AFA boxes 4, "
                 "7, 8; Order 282).")
class UaCustomsRepresentative:
    role: str = strawberry.field(description="submitting, legal, technical, "
                                 "product_identification or ip_protection.")
    party_id: relay.GlobalID = strawberry.field(description="Global ID of the `Party`.")
    authority: str | None = strawberry.field(description="Proof of the authority to act.")


@strawberry.type(description="An authorised operator (Order 281 p.12): its goods are "
                 "original.")
class UaCustomsOperator:
    kind: str = strawberry.field(description="importer, exporter, manufacturer or "
                                 "distributor.")
    party_id: relay.GlobalID = strawberry.field(description="Global ID of the `Party`.")
    identifier: str = strawberry.field(description="EDRPOU, RNOKPP, TIN or EORI.")


@strawberry.type(description="A counterfeit known to the right holder (608/2013 Art. "
                 "6(3)(i)).")
class UaCustomsCounterfeit:
    description: str = strawberry.field(description="What was found.")
    origin_country: str | None = strawberry.field(description="Country of origin.")
    route: list[str] = strawberry.field(description="Countries of the route.")
    detected_on: dt.date | None = strawberry.field(description="When detected.")


@strawberry.type(description="A step of the history of a register entry.")
class UaCustomsEntryEvent:
    day: dt.date = strawberry.field(description="Day of the step.")
    action: str = strawberry.field(description="registered, refused, amended, extended, "
                                   "expired or revoked.")
    valid_until: dt.date | None = strawberry.field(description="The term after the step.")
    note: str | None = strawberry.field(description="Reasons or what changed.")


@strawberry.type(description="A recordal: the application to register IP objects in the "
                 "customs register (Order 282) and its registration. Officials of "
                 "`ua_customs` and the owner's side only.")
class UaCustomsRecordal(relay.Node):
    id: relay.NodeID[int]
    status: str = strawberry.field(description="applied, registered, refused, expired or "
                                   "revoked.")
    applicant_status: str = strawberry.field(description="AFA box 3 (Art. 6(3)(b)).")
    requested_months: int = strawberry.field(description="Order 282 term requested.")
    registered_on: dt.date | None = strawberry.field(description="Registration date.")
    valid_until: dt.date | None = strawberry.field(description="End of the term.")
    restricted_handling: list[str] = strawberry.field(description="Art. 6(3)(j): items g, "
                                                      "h, i marked restricted.")
    source: str = strawberry.field(description="filing, or afa (an imported EU application "
                                   "for action).")
    form: JSON = strawberry.field(description="The recordal in force, as its form (the "
                                  "standard record, goal 3).")
    refusal_reasons: str | None = strawberry.field(description="Reasons of a refusal.")
    applicant_id: relay.GlobalID = strawberry.field(description="Global ID of the applicant "
                                                    "`Party`.")
    _case_id: strawberry.Private[int | None]
    _applicant: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: Any) -> UaCustomsRecordal:
        return cls(id=row.id, status=row.status, applicant_status=row.applicant_status,
                   requested_months=row.requested_months, registered_on=row.registered_on,
                   valid_until=row.valid_until, restricted_handling=list(row.restricted or []),
                   source=row.source, form=row.form, refusal_reasons=row.refusal_reasons,
                   applicant_id=global_id("Party", row.applicant_id), _case_id=row.case_id,
                   _applicant=row.applicant_id)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[UaCustomsRecordal | None]:
        rows = await info.context.loaders.get(RecordalLoader).load_many(
            [int(i) if i.isdigit() else -1 for i in node_ids])
        return [cls.from_row(r) if r is not None and can_read(info, r.applicant_id) else None
                for r in rows]

    @strawberry.field(description="Its register entries, one per IP right (AFA box 5).")
    async def entries(self, info: Info) -> list[UaCustomsEntry]:
        rights = await info.context.loaders.get(RightsByRecordalLoader).load(self.id)
        rows = await info.context.loaders.object_by_id.load_many([r.object_id for r in rights])
        return [UaCustomsEntry(**object_fields(r)) for r in rows if r is not None]

    @strawberry.field(description="Representatives by role.")
    async def representatives(self, info: Info) -> list[UaCustomsRepresentative]:
        rows = await info.context.loaders.get(RepresentativesLoader).load(self.id)
        return [UaCustomsRepresentative(role=r.role, party_id=global_id("Party", r.party_id),
                                        authority=r.authority) for r in rows]

    @strawberry.field(description="Authorised operators (Order 281 p.12).")
    async def operators(self, info: Info) -> list[UaCustomsOperator]:
        rows = await info.context.loaders.get(OperatorsLoader).load(self.id)
        return [UaCustomsOperator(kind=r.kind, party_id=global_id("Party", r.party_id),
                                  identifier=r.identifier) for r in rows]

    @strawberry.field(description="Known counterfeits and their routes.")
    async def counterfeits(self, info: Info) -> list[UaCustomsCounterfeit]:
        rows = await info.context.loaders.get(CounterfeitsLoader).load(self.id)
        return [UaCustomsCounterfeit(description=r.description,
                                     origin_country=r.origin_country, route=list(r.route),
                                     detected_on=r.detected_on) for r in rows]

    @strawberry.field(description="History of the registration, oldest first.")
    async def history(self, info: Info) -> list[UaCustomsEntryEvent]:
        rows = await info.context.loaders.get(EventsLoader).load(self.id)
        return [UaCustomsEntryEvent(day=r.day, action=r.action, valid_until=r.valid_until,
                                    note=r.note) for r in rows]

    @strawberry.field(description="Global ID of its recordal case (a `UaCustomsCase`).")
    def case_id(self) -> relay.GlobalID | None:
        return None if self._case_id is None else global_id("UaCustomsCase", self._case_id)


def can_read(info: Info, *parties: int | None) -> bool:
    """Officials of ``ua_customs`` and the parties themselves."""
    viewer = info.context.viewer
    return is_official(viewer) or UA_CUSTOMS.acts_for(viewer, parties) or bool(
        viewer.party_id and viewer.party_id in parties) or bool(
        viewer.organisations("ua_customs_operator") & set(parties))


@variant(name="UaCustomsCaseStep", description="One act of a customs register case: a "
         "standard, audited record (Seed 000 goal 3).", fields={
             "transition": "The act's code, e.g. `UAC.SUS.02`.",
             "roles": "The actor's roles in `ua_customs`."})
class UaCustomsCaseStep(CaseHistoryStep):
    pass


@variant(name="UaCustomsDeadline", description="A time limit of a customs register case "
         "(see `uaCustomsTerms`).", fields={"code": "Key of the term."})
class UaCustomsDeadline(Deadline):
    pass


@strawberry.type(description="A suspension of customs clearance (CC Art. 399).")
class UaCustomsSuspension:
    declaration: str = strawberry.field(description="Number of the declaration.")
    declaration_date: dt.date = strawberry.field(description="Its date.")
    declarant_id: relay.GlobalID = strawberry.field(description="Global ID of the declarant "
                                                    "`Party`.")
    declarant_identifier: str = strawberry.field(description="The declarant's identifier.")
    customs_post: str = strawberry.field(description="The customs post.")
    officer: str = strawberry.field(description="The officer who recorded the hit.")
    goods: str = strawberry.field(description="The declared goods.")
    uktzed: str = strawberry.field(description="Their UKTZED code.")
    quantity: int = strawberry.field(description="Number of items.")
    small_consignment: bool = strawberry.field(description="A small consignment.")
    outcome: str | None = strawberry.field(description="released_original, "
                                           "destroyed_consent, destroyed_small_consignment, "
                                           "court, released or released_time_limit.")


@strawberry.type(description="An official importer's appeal (Seed 000 ESR).")
class UaCustomsAppeal:
    decision: str = strawberry.field(description="The customs decision appealed.")
    decision_kind: str = strawberry.field(description="customs_value or classification.")
    decision_date: dt.date = strawberry.field(description="Its date.")
    importer_name: str = strawberry.field(description="The importer without official "
                                          "status.")
    importer_identifier: str = strawberry.field(description="Its identifier.")
    grounds: str = strawberry.field(description="Grounds of the appeal.")
    outcome: str | None = strawberry.field(description="upheld or dismissed.")
    decision_grounds: str | None = strawberry.field(description="Grounds of the decision.")


@variant(name="UaCustomsCase", description="A case of the customs register: a recordal "
         "(UAC.REC), a suspension (UAC.SUS) or an official importer's appeal (UAC.APL).",
         fields={"procedure": "UAC.REC, UAC.SUS or UAC.APL.",
                 "version": "Grows with each act; pass it back as `expectedVersion`."})
class UaCustomsCase(relay.Node, RegisterCase):
    """Global ID ``UaCustomsCase:<case id>`` (``Case:<id>`` in the core's ``cases``)."""

    id: relay.NodeID[int]
    deadline_type = UaCustomsDeadline

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[UaCustomsCase | None]:
        rows = await info.context.loaders.get(CaseByIdLoader).load_many(
            [int(i) if i.isdigit() else -1 for i in node_ids])
        return [cls.from_row(r) if r is not None and r.jurisdiction == JURISDICTION
                and can_read(info, r.applicant_id) else None for r in rows]

    @strawberry.field(description="Every act performed, oldest first.")
    async def steps(self, info: Info) -> list[UaCustomsCaseStep]:
        return [UaCustomsCaseStep.from_row(r) for r in await self.load_steps(info)]

    @strawberry.field(description="Its time limits.")
    async def deadlines(self, info: Info) -> list[UaCustomsDeadline]:
        return await self.load_deadlines(info)

    @strawberry.field(description="Codes of the acts the caller may perform now.")
    def available_transitions(self, info: Info) -> list[str]:
        return [t.code for t in self.performable(info)]

    @strawberry.field(description="The recordal of a UAC.REC case.")
    async def recordal(self, info: Info) -> UaCustomsRecordal | None:
        row = await info.context.loaders.get(RecordalByCaseLoader).load(self.id)
        return None if row is None else UaCustomsRecordal.from_row(row)

    @strawberry.field(description="The suspension of a UAC.SUS case.")
    async def suspension(self, info: Info) -> UaCustomsSuspension | None:
        r = await info.context.loaders.get(SuspensionByCaseLoader).load(self.id)
        if r is None:
            return None
        return UaCustomsSuspension(
            declaration=r.declaration, declaration_date=r.declaration_date,
            declarant_id=global_id("Party", r.declarant_id),
            declarant_identifier=r.declarant_identifier, customs_post=r.customs_post,
            officer=r.officer, goods=r.goods, uktzed=r.uktzed, quantity=r.quantity,
            small_consignment=r.small_consignment, outcome=r.outcome)

    @strawberry.field(description="The appeal of a UAC.APL case.")
    async def appeal(self, info: Info) -> UaCustomsAppeal | None:
        r = await info.context.loaders.get(AppealByCaseLoader).load(self.id)
        if r is None:
            return None
        return UaCustomsAppeal(
            decision=r.decision, decision_kind=r.decision_kind, decision_date=r.decision_date,
            importer_name=r.importer_name, importer_identifier=r.importer_identifier,
            grounds=r.grounds, outcome=r.outcome, decision_grounds=r.decision_grounds)


@strawberry.type(description="An entry of the public weekly list (digest §2.1): exactly "
                 "number, object name, registration and expiry dates, owner and owner's "
                 "details.")
class UaCustomsPublicEntry:
    number: str = strawberry.field(description="Register weekly list: number.")
    object_name: str = strawberry.field(description="Register weekly list: name of the "
                                        "object.")
    registered_on: dt.date = strawberry.field(description="Register weekly list: "
                                              "registration date.")
    valid_until: dt.date = strawberry.field(description="Register weekly list: expiry date.")
    owner: str = strawberry.field(description="Register weekly list: owner.")
    owner_details: str = strawberry.field(description="Register weekly list: owner's "
                                          "details (country, address, identifier).")


__all__ = ["ENTRY_TYPE", "UaCustomsCase", "UaCustomsEntry", "UaCustomsPublicEntry",
           "UaCustomsRecordal", "can_read", "is_official"]
