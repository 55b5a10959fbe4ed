"""GraphQL types of the EAEU register: ``EaeuRegisterEntry`` and the items of Appendix 1.

Field-level visibility follows :mod:`ipreg.plugins.eaeu.graphql.visibility`:
published items for everyone, the rest only for officials of ``eaeu`` and the
entry's own right holders and representative. Unpublished list fields are empty
and unpublished fields null (``status``, ``version`` and ``updatedAt`` of the
``IPObject`` interface are nullable for this reason: a FORBIDDEN error on a
non-null field would null the parent, and with it a whole public answer).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Annotated, Any

import strawberry
from strawberry import relay

from ipreg.core.extension import localized
from ipreg.core.refdata import countries
from ipreg.plugins.eaeu.codes import KIND_CODES, LEGALITY, TURNOVER_ROLES
from ipreg.plugins.eaeu.graphql.loaders import (
    CasesByObjectLoader,
    EntryByObjectLoader,
    GoodsByObjectLoader,
    PartyAsOfLoader,
    PeriodsByObjectLoader,
    TurnoverByObjectLoader,
)
from ipreg.plugins.eaeu.graphql.visibility import EAEU, sees_private
from ipreg.plugins.eaeu.numbering import RegistrationNumber
from ipreg.schema.context import Context
from ipreg.schema.loaders import PartyDetails
from ipreg.schema.types.documents import Document, File
from ipreg.schema.types.ids import global_id
from ipreg.schema.types.ipobject import IPObject
from ipreg.schema.types.parties import Address, Contact, Employee, IdentityDocument
from ipreg.schema.types.values import KeywordValue, RightTerm, StatusRecord
from ipreg.schema.types.variants import variant

Info = strawberry.Info[Context, Any]


# ---------------------------------------------------------------- tables 2-6


@variant(name="EaeuAddress", description="An address (R174 Appendix 1 table 5).", fields={
    "kind": "T5 1: 1 registration, 2 actual, 3 postal (code list `eaeu_address_kinds`).",
    "country": "T5 2: country (ISO 3166-1 alpha-2).",
    "territory_code": "T5 3: administrative-territorial unit code.",
    "region": "T5 4: region.",
    "district": "T5 5: district.",
    "city": "T5 6: city.",
    "settlement": "T5 7: settlement.",
    "street": "T5 8: street.",
    "building": "T5 9: house number.",
    "premises": "T5 10: premises (office, flat).",
    "postal_code": "T5 11: postal code.",
    "po_box": "T5 12: post-office box.",
})
class EaeuAddress(Address):
    pass


@variant(name="EaeuContact", description="Contact details (R174 Appendix 1 table 6).", fields={
    "channel": "T6 1: AO, EM, FX, TE, TG or TL (code list `eaeu_contact_channels`).",
    "channel_name": "T6 2: name of the channel.",
    "value": "T6 3: the identifier (number, address, ...).",
})
class EaeuContact(Contact):
    pass


@variant(name="EaeuEmployee",
         description="An employee of a legal entity (R174 Appendix 1 table 2 item 9).")
class EaeuEmployee(Employee):
    pass


@variant(name="EaeuIdentityDocument", description="An identity document (R174 Appendix 1 "
         "table 4).", fields={
    "country": "T4 1: issuing country.",
    "kind_code": "T4 2: kind code (P.CLS.051).",
    "kind_name": "T4 3: kind name.",
    "series": "T4 4: series.",
    "number": "T4 5: number.",
    "date": "T4 6: date of issue.",
    "issuer_id": "T4 7: issuing authority identifier.",
    "issuer_name": "T4 8: issuing authority name.",
})
class EaeuIdentityDocument(IdentityDocument):
    pass


@strawberry.type(description="A person in the register (R174 Appendix 1 table 2). Of right "
                 "holders and representatives only the name, short name, country and kind are "
                 "published; the other items only for officials and the entry's own parties.")
class EaeuParty:
    party_id: relay.GlobalID = strawberry.field(
        description="The global ID of the party (its `Party` node): what a registration "
        "form's `partyId` takes to name a party already stored.")
    party_type: str = strawberry.field(description="`legal` (entity) or `natural` (person).")
    country: str = strawberry.field(description="T2 1: country of registration.")
    name: str = strawberry.field(description="T2 2: full name, or surname, name, patronymic.")
    short_name: str | None = strawberry.field(description="T2 3: short name.")
    _id: strawberry.Private[int]
    _taxpayer_id: strawberry.Private[str | None]
    _kpp: strawberry.Private[str | None]
    _full: strawberry.Private[bool]

    #: Its table 2 items as they were on an ``asOf`` day (``party_version``), if others.
    _items: strawberry.Private[dict[str, Any] | None] = None

    @classmethod
    def from_row(cls, row: Any, full: bool, items: dict[str, Any] | None = None) -> EaeuParty:
        data = SimpleNamespace(**items) if items else row
        return cls(party_id=global_id("Party", row.id), _id=row.id, party_type=data.party_type,
                   country=data.country, name=data.name, short_name=data.short_name,
                   _taxpayer_id=data.taxpayer_id, _kpp=data.tax_registration_reason_code,
                   _full=full, _items=items)

    @strawberry.field(description="T2 1: name of the country in the requested language.")
    def country_name(self, info: Info, lang: str | None = None) -> str:
        entry = countries().get(self.country)
        return entry.name(info.context.language(lang)) if entry else self.country

    @strawberry.field(description="T2 4: taxpayer identifier (not published).")
    def taxpayer_id(self) -> str | None:
        return self._taxpayer_id if self._full else None

    @strawberry.field(description="T2 5: tax registration reason code, Russia only (not "
                      "published).")
    def kpp(self) -> str | None:
        return self._kpp if self._full else None

    async def _details(self, info: Info) -> PartyDetails | None:
        if not self._full:
            return None
        items = self._items
        if items is not None:
            def rows(key: str) -> list[Any]:
                return [SimpleNamespace(**r) for r in items[key]]

            identity = items["identity_document"]
            if identity and isinstance(identity.get("date"), str):
                identity = {**identity, "date": dt.date.fromisoformat(identity["date"])}
            return PartyDetails(rows("addresses"), rows("contacts"), rows("employees"),
                                SimpleNamespace(**identity) if identity else None)
        details: PartyDetails = await info.context.loaders.party_details.load(self._id)
        return details

    @strawberry.field(description="T2 6, table 4: identity document (not published).")
    async def identity_document(self, info: Info) -> EaeuIdentityDocument | None:
        details = await self._details(info)
        row = details.identity if details else None
        return EaeuIdentityDocument.from_row(row) if row is not None else None

    @strawberry.field(description="T2 7, table 5: addresses (not published).")
    async def addresses(self, info: Info) -> list[EaeuAddress]:
        details = await self._details(info)
        return [EaeuAddress.from_row(r) for r in details.addresses] if details else []

    @strawberry.field(description="T2 8, table 6: contact details (not published).")
    async def contacts(self, info: Info) -> list[EaeuContact]:
        details = await self._details(info)
        return [EaeuContact.from_row(r) for r in details.contacts] if details else []

    @strawberry.field(description="T2 9: employees of a legal entity (not published).")
    async def employees(self, info: Info) -> list[EaeuEmployee]:
        details = await self._details(info)
        return [EaeuEmployee.from_row(r) for r in details.employees] if details else []


@variant(name="EaeuFile", description="A stored file: an image, a scan, audio or video.")
class EaeuFile(File):
    pass


@variant(name="EaeuDocument", description="A document (R174 Appendix 1 table 3).", fields={
    "country": "T3 1: country.",
    "kind_code": "T3 2: kind code (P.CLS.027).",
    "kind_name": "T3 3: kind name.",
    "name": "T3 4: name of the document.",
    "series": "T3 5: series.",
    "number": "T3 6: number.",
    "date": "T3 7: date.",
    "expires_on": "T3 8: expiry date.",
    "validity": "T3 9: validity duration.",
    "issuer_id": "T3 10: issuing authority identifier.",
    "issuer_name": "T3 11: issuing authority name.",
    "description": "T3 12: description.",
    "sheet_count": "T3 13: number of sheets.",
})
class EaeuDocument(Document):
    file: EaeuFile | None = strawberry.field(description="The scan, if stored.")
    file_type = EaeuFile


# ---------------------------------------------------------------- table 1 values


@strawberry.type(description="The registration number (R174 Appendix 1 table 1 item 5.1).")
class EaeuRegistrationNumber:
    display: str = strawberry.field(description="NNNNN/TZ/NNNN: the display form (Latin kind).")
    cyrillic: str = strawberry.field(description="NNNNN/ТЗ/NNNN: with the kind as the law "
                                     "writes it.")
    sequence_number: str = strawberry.field(description="5.1.1: record number, five digits, "
                                            "one sequence for every kind.")
    kind: str = strawberry.field(description="5.1.2: АП, СП or ТЗ.")
    kind_latin: str = strawberry.field(description="5.1.2 in Latin letters: AP, SP or TZ.")
    decision_number: str = strawberry.field(description="5.1.3: number of the inclusion "
                                            "decision, four digits.")
    inclusion_date: dt.date = strawberry.field(description="5.1.4: date of inclusion.")


@strawberry.type(description="Registration of the application (R174 Appendix 1 T1 item 1).")
class EaeuApplicationDetails:
    number: str = strawberry.field(description="Number of the application.")
    date: dt.date = strawberry.field(description="Date of its registration.")


@strawberry.type(description="A protection period (R174 Appendix 1 T1 item 5.9).")
class EaeuProtectionPeriod:
    start: dt.date = strawberry.field(description="5.9.1: first day.")
    end: dt.date = strawberry.field(description="5.9.2: last day.")


@strawberry.type(description="Technical characteristics of the record (R174 A1 T1 item 9).")
class EaeuRecordMeta:
    valid_from: dt.datetime | None = strawberry.field(description="Start of validity of the "
                                                      "record (inclusion).")
    valid_to: dt.datetime | None = strawberry.field(description="End of validity (exclusion).")
    updated_at: dt.datetime = strawberry.field(description="Last update of the record.")
    turnover_updated_at: dt.datetime | None = strawberry.field(
        description="Last change of its goods-turnover data (PRC.007, PRC.008).")


@strawberry.type(description="A Nice class of the goods (R174 Appendix 1 T1 item 6.3).")
class EaeuNiceClass:
    number: int = strawberry.field(description="6.3.1: class number (1-45).")
    name: str | None = strawberry.field(description="6.3.2: class name.")


# ---------------------------------------------------------------- T1 6.4, tables 7-10


@strawberry.type(description="A person in the turnover with its roles (R174 A1 T1 6.4.2).")
class EaeuTurnoverParty:
    party: EaeuParty = strawberry.field(description="6.4.2.1: the person (table 2).")
    roles: list[str] = strawberry.field(description="6.4.2.2: role codes of table 7.")

    @strawberry.field(description="Names of the roles in the requested language.")
    def role_names(self, info: Info, lang: str | None = None) -> list[str]:
        language = info.context.language(lang)
        return [localized(TURNOVER_ROLES[r][0], language, r) if r in TURNOVER_ROLES else r
                for r in self.roles]


@strawberry.type(description="A point of a route (R174 Appendix 1 table 8 item 1).")
class EaeuRoutePoint:
    seq: int = strawberry.field(description="1.1: sequence number.")
    country: str = strawberry.field(description="1.2: country.")
    locode: str | None = strawberry.field(description="1.3: UN/LOCODE.")
    name: str = strawberry.field(description="1.4: name (port, airport, station, ...).")
    departure_transport_mode: str | None = strawberry.field(
        description="1.5: mode of transport on departure (P.CLS.015).")
    point_kind: str | None = strawberry.field(
        description="1.6: 1 transhipment, 2 storage, 3 border crossing, 4 customs place.")


@strawberry.type(description="A route of movement (R174 Appendix 1 T1 6.4.3.1, table 8).")
class EaeuRoute:
    points: list[EaeuRoutePoint] = strawberry.field(description="Its points, in order.")


@strawberry.type(description="A place of crossing the customs border (R174 A1 T1 6.4.3.2).")
class EaeuBorderCrossing:
    checkpoint_code: str | None = strawberry.field(description="6.4.3.2.1: checkpoint code.")
    checkpoint_name: str = strawberry.field(description="6.4.3.2.2: checkpoint name.")


@strawberry.type(description="A place of customs operations and control (R174 A1 table 9).")
class EaeuCustomsPlace:
    country: str | None = strawberry.field(description="T9 1: country.")
    customs_code: str | None = strawberry.field(description="T9 2: customs authority code "
                                                "(P.CLS.025).")
    customs_name: str | None = strawberry.field(description="T9 3: customs authority name.")
    control_zone: str | None = strawberry.field(description="T9 4: customs control zone.")
    goods_location: EaeuAddress | None = strawberry.field(
        description="T9 5: address where the goods are (table 5).")


@strawberry.type(description="Logistics operations (R174 Appendix 1 T1 item 6.4.3).")
class EaeuLogistics:
    routes: list[EaeuRoute] = strawberry.field(description="6.4.3.1: routes.")
    border_crossings: list[EaeuBorderCrossing] = strawberry.field(
        description="6.4.3.2: places of crossing the customs border of the Union.")
    customs_places: list[EaeuCustomsPlace] = strawberry.field(
        description="6.4.3.3: places of customs operations and customs control.")


@strawberry.type(description="Features of the transport of the goods (R174 A1 T10 item 6).")
class EaeuTransportFeature:
    package_kind: str | None = strawberry.field(description="6.1: package kind (P.CLS.018).")
    units_per_package: int | None = strawberry.field(description="6.2: units per package.")
    identification_means: str | None = strawberry.field(
        description="6.3: identification means of the transport packaging.")
    images: list[EaeuFile] = strawberry.field(description="6.4: images (JPEG).")


@strawberry.type(description="Features of the goods and their transport (R174 A1 table 10).")
class EaeuGoodsFeature:
    brand_model: str | None = strawberry.field(description="T10 1: type, brand, model.")
    characteristics: str | None = strawberry.field(description="T10 2: features and "
                                                   "characteristics.")
    identification_means: list[str] = strawberry.field(description="T10 3: identification "
                                                       "means of the goods or packaging.")
    images: list[EaeuFile] = strawberry.field(description="T10 4: images (JPEG, ≤ 1.5 MB).")
    media: list[EaeuFile] = strawberry.field(description="T10 5: audio or video (MP3, MP4, AVI).")
    transport: list[EaeuTransportFeature] = strawberry.field(description="T10 6: transport.")


@strawberry.type(description="Goods-turnover data (R174 Appendix 1 T1 item 6.4); not "
                 "published.")
class EaeuTurnover:
    legality: int = strawberry.field(description="6.4.1: 1 original goods, 0 goods showing "
                                     "signs of infringement.")
    parties: list[EaeuTurnoverParty] = strawberry.field(description="6.4.2: persons involved.")
    logistics: list[EaeuLogistics] = strawberry.field(description="6.4.3: logistics.")
    features: list[EaeuGoodsFeature] = strawberry.field(description="6.4.4: features.")
    accompanying_documents: str | None = strawberry.field(
        description="6.4.5: accompanying documents.")

    @strawberry.field(description="Name of the legality flag in the requested language.")
    def legality_name(self, info: Info, lang: str | None = None) -> str:
        return localized(LEGALITY[str(self.legality)], info.context.language(lang),
                         str(self.legality))


async def _turnover(info: Info, tree: dict[str, Any]) -> EaeuTurnover:
    party_rows = await info.context.loaders.party_by_id.load_many(
        [p.party_id for p in tree["parties"]])
    t = tree["row"]
    return EaeuTurnover(
        legality=t.legality,
        parties=[EaeuTurnoverParty(party=EaeuParty.from_row(row, True), roles=list(p.roles))
                 for p, row in zip(tree["parties"], party_rows, strict=True) if row is not None],
        logistics=[EaeuLogistics(
            routes=[EaeuRoute(points=[EaeuRoutePoint(
                seq=p.seq, country=p.country, locode=p.locode, name=p.name,
                departure_transport_mode=p.departure_transport_mode, point_kind=p.point_kind)
                for p in points]) for points in lg["routes"]],
            border_crossings=[EaeuBorderCrossing(checkpoint_code=c.checkpoint_code,
                                                 checkpoint_name=c.checkpoint_name)
                              for c in lg["crossings"]],
            customs_places=[EaeuCustomsPlace(
                country=c.country, customs_code=c.customs_code, customs_name=c.customs_name,
                control_zone=c.control_zone,
                goods_location=EaeuAddress.from_row(c, "location_") if c.has_location else None)
                for c in lg["places"]],
        ) for lg in tree["logistics"]],
        features=[EaeuGoodsFeature(
            brand_model=f["row"].brand_model, characteristics=f["row"].characteristics,
            identification_means=list(f["row"].identification_means or []),
            images=EaeuFile.from_rows([x for x in f["files"] if x.role == "image"]),
            media=EaeuFile.from_rows([x for x in f["files"] if x.role == "media"]),
            transport=[EaeuTransportFeature(
                package_kind=tr.package_kind, units_per_package=tr.units_per_package,
                identification_means=tr.identification_means, images=EaeuFile.from_rows(images))
                for tr, images in f["transport"]],
        ) for f in tree["features"]],
        accompanying_documents=t.accompanying_documents,
    )


@strawberry.type(description="Goods the right extends to (R174 Appendix 1 T1 item 6).")
class EaeuGoods:
    position: int = strawberry.field(description="Order of the goods item (0 first); PRC.007 "
                                     "names goods items by it.")
    description: str = strawberry.field(description="6.1: description, incl. trade name.")
    cn_fea_codes: list[str] = strawberry.field(description="6.2: CN FEA EAEU codes (≥ 6 "
                                               "digits).")
    nice_classes: list[EaeuNiceClass] = strawberry.field(description="6.3: Nice classes "
                                                         "(trademarks).")
    _object_id: strawberry.Private[int]
    _goods_id: strawberry.Private[int]
    _exemption: strawberry.Private[str | None]
    _private: strawberry.Private[bool]

    @strawberry.field(description="6.4: goods-turnover data (not published).")
    async def turnover(self, info: Info) -> list[EaeuTurnover]:
        if not self._private:
            return []
        trees = await info.context.loaders.get(TurnoverByObjectLoader).load(self._object_id)
        return [await _turnover(info, t) for t in trees if t["row"].goods_id == self._goods_id]

    @strawberry.field(description="6.5: circumstances in which movement of the goods is not "
                      "an infringement (not published).")
    def exemption_circumstances(self) -> str | None:
        return self._exemption if self._private else None


# ---------------------------------------------------------------- the entry


def _number(entry: Any) -> EaeuRegistrationNumber | None:
    if entry is None or not entry.sequence_number or not entry.decision_number:
        return None
    number = RegistrationNumber(entry.sequence_number, entry.kind_code, entry.decision_number)
    return EaeuRegistrationNumber(
        display=number.display, cyrillic=number.cyrillic, sequence_number=number.sequence_number,
        kind=number.kind, kind_latin=KIND_CODES[number.kind][0],
        decision_number=number.decision_number, inclusion_date=entry.inclusion_date)


@strawberry.type(description="An IP object of the EAEU unified customs register of IP objects "
                 "(R174 Appendix 1 table 1). Anonymous callers see the items Appendix 1 "
                 "publishes; the other items are for officials of `eaeu` and the entry's own "
                 "right holders and representative.")
class EaeuRegisterEntry(IPObject):
    status: str | None = EAEU.private_field(
        "8.1: current status (`included`, `changed`, `prolonged`, `excluded`; code list "
        "`eaeu_statuses`; not published: null for others).", silent=True)
    status_date: dt.date | None = EAEU.private_field(
        "8.2: date of the current status (not published: null for others).", silent=True)
    version: int | None = EAEU.private_field(
        "Grows with each committed change (T1 9, not published: null for others).",
        silent=True)
    updated_at: dt.datetime | None = EAEU.private_field(
        "When it last changed, UTC (T1 9, not published: null for others).", silent=True)
    #: The register "as of" a day (``eaeuEntries(asOf:)``): history and periods up to it.
    _as_of: strawberry.Private[dt.date | None] = None

    async def _private(self, info: Info) -> bool:
        return await sees_private(info, self.id)

    async def _entry(self, info: Info) -> Any:
        return await info.context.loaders.get(EntryByObjectLoader).load(self.id)

    # ------------------------------------------------ inherited items, with visibility

    @strawberry.field(description="5.3: keywords (not published).")
    async def keywords(self, info: Info) -> list[str]:
        rows = await info.context.loaders.keywords.load(self.id)
        return [r.value for r in rows] if await self._private(info) else []

    @strawberry.field(description="5.3: keywords with their transliterations (not published).")
    async def keyword_details(self, info: Info) -> list[KeywordValue]:
        rows = await info.context.loaders.keywords.load(self.id)
        if not await self._private(info):
            return []
        return [KeywordValue(value=r.value, transliteration=r.transliteration) for r in rows]

    @strawberry.field(description="8: status history, oldest first, each with its basis "
                      "decision (8.3); not published.")
    async def status_history(self, info: Info) -> list[StatusRecord]:
        rows = await info.context.loaders.status_history.load(self.id)
        if not await self._private(info):
            return []
        return [StatusRecord(status=r.status, date=r.date, basis_number=r.basis_number,
                             basis_date=r.basis_date)
                for r in rows if self._as_of is None or r.date <= self._as_of]

    @strawberry.field(description="5.7: terms of validity of the right in each member state "
                      "(not published).")
    async def right_terms(self, info: Info) -> list[RightTerm]:
        rows = await info.context.loaders.right_terms.load(self.id)
        if not await self._private(info):
            return []
        return [RightTerm(country=r.country, starts_on=r.starts_on, expires_on=r.expires_on,
                          term_defined=r.term_defined) for r in rows]

    # ------------------------------------------------ published items

    @strawberry.field(description="5.1: registration number (null before inclusion).")
    async def registration_number(self, info: Info) -> EaeuRegistrationNumber | None:
        return _number(await self._entry(info))

    async def _eaeu_parties(self, info: Info, role: str) -> list[EaeuParty]:
        rows = [r for r in await info.context.loaders.parties.load(self.id) if r.role == role]
        private = await self._private(info)
        if self._as_of is None:
            return [EaeuParty.from_row(r, private) for r in rows]
        # The register as of a day: each party's table 2 data of that day.
        then = await info.context.loaders.get(PartyAsOfLoader).load_many(
            [(r.id, self._as_of) for r in rows])
        return [EaeuParty.from_row(r, private, items) for r, items in zip(rows, then,
                                                                         strict=True)]

    @strawberry.field(description="3: right holders (table 2; published: name, short name, "
                      "country).")
    async def right_holders(self, info: Info) -> list[EaeuParty]:
        return await self._eaeu_parties(info, "holder")

    @strawberry.field(description="4: representative of the right holders (table 2; published: "
                      "name, short name, country).")
    async def representative(self, info: Info) -> EaeuParty | None:
        found = await self._eaeu_parties(info, "representative")
        return found[0] if found else None

    async def _documents(self, info: Info, role: str) -> list[Any]:
        rows = await info.context.loaders.documents.load(self.id)
        return [r for r in rows if r.role == role]

    @strawberry.field(description="5.4: images of the IP object (JPEG or TIFF).")
    async def images(self, info: Info) -> list[EaeuFile]:
        return EaeuFile.from_rows(await self._documents(info, "image"))

    async def _periods(self, info: Info) -> list[EaeuProtectionPeriod]:
        rows = await info.context.loaders.get(PeriodsByObjectLoader).load(self.id)
        return [EaeuProtectionPeriod(start=r.starts_on, end=r.ends_on) for r in rows
                if self._as_of is None or r.granted_on <= self._as_of]

    @strawberry.field(description="5.9: protection periods (prolongations add one).")
    async def protection_periods(self, info: Info) -> list[EaeuProtectionPeriod]:
        return await self._periods(info)

    @strawberry.field(description="Does a protection period (5.9) cover the day (default "
                      "today, or the `asOf` day of the register)?")
    async def protection_active(
        self, info: Info,
        on: Annotated[dt.date | None, strawberry.argument(description="The day.")] = None,
    ) -> bool:
        day = on or self._as_of or info.context.runtime.clock().date()
        periods = await self._periods(info)
        return any(p.start <= day <= p.end for p in periods)

    @strawberry.field(description="6: goods with CN FEA codes and Nice classes (published); "
                      "their turnover data (6.4) and exemption circumstances (6.5) are not.")
    async def eaeu_goods(self, info: Info) -> list[EaeuGoods]:
        rows = await info.context.loaders.get(GoodsByObjectLoader).load(self.id)
        private = await self._private(info)
        return [EaeuGoods(position=g["position"], description=g["description"],
                          cn_fea_codes=list(g["codes"]),
                          nice_classes=[EaeuNiceClass(number=n, name=name)
                                        for n, name in g["nice"]],
                          _object_id=self.id, _goods_id=g["id"], _exemption=g["exemption"],
                          _private=private) for g in rows]

    # ------------------------------------------------ unpublished items

    @strawberry.field(description="1: registration of the application (not published).")
    async def application(self, info: Info) -> EaeuApplicationDetails | None:
        entry = await self._entry(info)
        if entry is None or not await self._private(info):
            return None
        return EaeuApplicationDetails(number=entry.application_number,
                                      date=entry.application_date)

    @strawberry.field(description="2: number of right holders (not published).")
    async def right_holder_count(self, info: Info) -> int | None:
        entry = await self._entry(info)
        return entry.right_holder_count if entry and await self._private(info) else None

    @strawberry.field(description="4.1: powers of attorney of the representative (table 3; "
                      "not published).")
    async def powers_of_attorney(self, info: Info) -> list[EaeuDocument]:
        rows = await self._documents(info, "power_of_attorney")
        return [EaeuDocument.from_row(r) for r in rows] if await self._private(info) else []

    @strawberry.field(description="5.6: documents confirming the right (table 3; not "
                      "published).")
    async def title_documents(self, info: Info) -> list[EaeuDocument]:
        rows = await self._documents(info, "title_document")
        return [EaeuDocument.from_row(r) for r in rows] if await self._private(info) else []

    @strawberry.field(description="5.8: number of the registration form (not published).")
    async def registration_form_number(self, info: Info) -> str | None:
        entry = await self._entry(info)
        return entry.registration_form_number if entry and await self._private(info) else None

    @strawberry.field(description="7: persons authorized to contact the customs authorities "
                      "(table 2; not published).")
    async def authorized_persons(self, info: Info) -> list[EaeuParty]:
        if not await self._private(info):
            return []
        return await self._eaeu_parties(info, "authorized_person")

    @strawberry.field(description="9: technical characteristics of the record (not published).")
    async def record_meta(self, info: Info) -> EaeuRecordMeta | None:
        entry = await self._entry(info)
        if entry is None or not await self._private(info):
            return None
        return EaeuRecordMeta(valid_from=entry.valid_from, valid_to=entry.valid_to,
                              updated_at=entry.record_updated_at,
                              turnover_updated_at=entry.turnover_updated_at)

    @strawberry.field(description="Cases of the EAEU procedures concerning the object (its "
                      "application and later requests); not published.")
    async def cases(self, info: Info) -> list[EaeuCase]:
        if not await self._private(info):
            return []
        rows = await info.context.loaders.get(CasesByObjectLoader).load(self.id)
        return [EaeuCase.from_row(r) for r in rows]


from ipreg.plugins.eaeu.graphql.cases import EaeuCase  # noqa: E402  (cycle: cases use entries)

__all__ = ["EaeuCase", "EaeuParty", "EaeuRegisterEntry"]
