"""Registration forms: the JSON form of R174 Appendix 1 table 1, parsed and validated.

One parser serves the application (P.SP.01.OPR.001), the amendment and turnover
procedures, the importer (``ipreg import eaeu``) and the demo. Every problem is
reported with its path (``goods[0].turnover[1].parties[0].roles[0]``) and the
legal point it breaks; nothing is stored while any problem remains. The JSON
form is documented in ``docs/eaeu-import.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ipreg.core.checks import MAX_DATABASE_ID
from ipreg.core.errors import BadUserInput
from ipreg.core.services.documents import DocumentForm
from ipreg.core.services.parties import (
    AddressForm,
    ContactForm,
    EmployeeForm,
    IdentityDocumentForm,
    PartyForm,
)
from ipreg.core.services.validation import (
    DUPLICATE,
    REQUIRED,
    UNKNOWN_CODE,
    FieldReader,
    FileRef,
    join_path,
)
from ipreg.core.services.validation import Problems as Problems  # re-exported
from ipreg.plugins.eaeu.codes import (
    ADDRESS_KINDS,
    CONTACT_CHANNELS,
    MEMBER_STATE_CODES,
    NICE_CLASSES,
    ROUTE_POINT_KINDS,
    TURNOVER_ROLES,
    kind_code,
)

LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
KPP = re.compile(r"^\d{4}[0-9A-Z]{2}\d{3}$")


# ---------------------------------------------------------------- the parsed form

# Tables 2-6 (parties: PartyForm, AddressForm, ContactForm, EmployeeForm,
# IdentityDocumentForm) and table 3 (DocumentForm) are the core's forms
# (ipreg.core.services.parties, ipreg.core.services.documents); KPP (T2 5) is
# ``PartyForm.tax_registration_reason_code``.


@dataclass
class RoutePointForm:
    """R174 A1 table 8 item 1."""

    seq: int
    country: str
    name: str
    locode: str | None = None
    departure_transport_mode: str | None = None
    point_kind: str | None = None


@dataclass
class BorderCrossingForm:
    """R174 A1 T1 6.4.3.2."""

    checkpoint_name: str
    checkpoint_code: str | None = None


@dataclass
class CustomsPlaceForm:
    """R174 A1 table 9."""

    country: str | None = None
    customs_code: str | None = None
    customs_name: str | None = None
    control_zone: str | None = None
    goods_location: AddressForm | None = None


@dataclass
class LogisticsForm:
    """R174 A1 T1 6.4.3."""

    routes: list[list[RoutePointForm]]
    border_crossings: list[BorderCrossingForm]
    customs_places: list[CustomsPlaceForm]


@dataclass
class TransportFeatureForm:
    """R174 A1 table 10 item 6."""

    package_kind: str | None = None
    units_per_package: int | None = None
    identification_means: str | None = None
    images: list[FileRef] = field(default_factory=list)


@dataclass
class FeatureForm:
    """R174 A1 table 10."""

    brand_model: str | None = None
    characteristics: str | None = None
    identification_means: list[str] = field(default_factory=list)
    images: list[FileRef] = field(default_factory=list)
    media: list[FileRef] = field(default_factory=list)
    transport: list[TransportFeatureForm] = field(default_factory=list)


@dataclass
class TurnoverPartyForm:
    party: PartyForm
    roles: list[str]


@dataclass
class TurnoverForm:
    """R174 A1 T1 6.4."""

    legality: int
    parties: list[TurnoverPartyForm]
    logistics: list[LogisticsForm]
    features: list[FeatureForm]
    accompanying_documents: str | None = None


@dataclass
class NiceForm:
    number: int
    name: str | None = None


@dataclass
class GoodsForm:
    """R174 A1 T1 6 with 6.1-6.5."""

    description: str
    cn_fea_codes: list[str]
    nice_classes: list[NiceForm] = field(default_factory=list)
    turnover: list[TurnoverForm] = field(default_factory=list)
    exemption_circumstances: str | None = None


@dataclass
class KeywordForm:
    value: str
    transliteration: str | None = None


@dataclass
class RightTermForm:
    """R174 A1 T1 5.7."""

    country: str
    expires_on: dt.date | None = None
    term_defined: bool | None = None


@dataclass
class PeriodForm:
    """R174 A1 T1 5.9."""

    start: dt.date
    end: dt.date
    granted_on: dt.date | None = None
    basis_number: str | None = None
    basis_date: dt.date | None = None


@dataclass
class StatusForm:
    """R174 A1 T1 8."""

    status: str
    date: dt.date
    basis_number: str | None = None
    basis_date: dt.date | None = None


@dataclass
class RegisterForm:
    """What an imported entry already has in the register (T1 1, 5.1, 5.9, 8)."""

    sequence_number: str
    decision_number: str
    inclusion_date: dt.date
    application_number: str
    application_date: dt.date
    protection_periods: list[PeriodForm]
    status_history: list[StatusForm]


@dataclass
class ObjectForm:
    """One registration form: the data of R174 A1 table 1 for one IP object."""

    kind: str
    name: str
    description: str
    right_holders: list[PartyForm]
    right_holder_count: int
    title_documents: list[DocumentForm]
    right_terms: list[RightTermForm]
    goods: list[GoodsForm]
    representative: PartyForm | None = None
    powers_of_attorney: list[DocumentForm] = field(default_factory=list)
    authorized_persons: list[PartyForm] = field(default_factory=list)
    keywords: list[KeywordForm] = field(default_factory=list)
    images: list[FileRef] = field(default_factory=list)
    registration_form_number: str | None = None
    requested_protection_end: dt.date | None = None
    register: RegisterForm | None = None

    def files(self) -> list[tuple[FileRef, str]]:
        """Every file the form refers to, with its role, for the store to check."""
        out = [(f, "object_image") for f in self.images]
        for goods in self.goods:
            out += turnover_files(goods.turnover)
        return out


def turnover_files(turnover: Sequence[TurnoverForm]) -> list[tuple[FileRef, str]]:
    out: list[tuple[FileRef, str]] = []
    for t in turnover:
        for feature in t.features:
            out += [(f, "goods_image") for f in feature.images]
            out += [(f, "goods_media") for f in feature.media]
            for tr in feature.transport:
                out += [(f, "transport_image") for f in tr.images]
    return out


# ---------------------------------------------------------------- the parser
# The generic reader (text, dates, numbers, codes, countries, lists, files) and
# Problems are the core's (ipreg.core.services.validation); FileRef and Problems are
# re-exported here for the register's writer.


class FormParser(FieldReader):
    """Parses the JSON form of the register's data, collecting every problem.

    The core :class:`~ipreg.core.services.validation.FieldReader` with the formats
    R174 cites (dates: R174 A1 p.2; countries: P.CLS.001) and the forms of tables 1-10.
    """

    date_format = "a date YYYY-MM-DD"
    date_rule = "R174 A1 p.2, GOST ISO 8601-2001"
    country_format = "a code of the classifier of countries of the world"
    country_rule = "P.CLS.001, ISO 3166-1 alpha-2"
    numbers_as_text = True

    def country(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False,
                member_state: bool = False, rule: str = "") -> str | None:
        """A country code of P.CLS.001; with ``member_state``, of an EAEU member state."""
        code = super().country(data, key, path, required=required, rule=rule)
        if code is not None and member_state and code not in MEMBER_STATE_CODES:
            self.problems.add(join_path(path, key), f"{code} is not a member state of the EAEU "
                              f"({', '.join(MEMBER_STATE_CODES)})", rule=rule, code=UNKNOWN_CODE)
            return None
        return code

    # ------------------------------------------------------------ tables 2-6

    def address(self, value: Any, path: str) -> AddressForm | None:
        """R174 A1 table 5: every item 0..1."""
        data = self.mapping(value, path)
        if data is None:
            return None
        kind = self.code(data, "kind", path, ADDRESS_KINDS, what="an address kind 1, 2 or 3",
                         limit=2, rule="R174 A1 T5 1")
        return AddressForm(
            kind=kind, country=self.country(data, "country", path),
            territory_code=self.text(data, "territoryCode", path, limit=32),
            region=self.text(data, "region", path), district=self.text(data, "district", path),
            city=self.text(data, "city", path), settlement=self.text(data, "settlement", path),
            street=self.text(data, "street", path),
            building=self.text(data, "building", path, limit=64),
            premises=self.text(data, "premises", path, limit=64),
            postal_code=self.text(data, "postalCode", path, limit=16),
            po_box=self.text(data, "poBox", path, limit=32))

    def contact(self, value: Any, path: str) -> ContactForm | None:
        """R174 A1 table 6: channel (0..1), its name (0..1), identifiers (0..*)."""
        data = self.mapping(value, path)
        if data is None:
            return None
        channel = self.code(data, "channel", path, CONTACT_CHANNELS, limit=2,
                            rule="R174 A1 T6 1")
        values = self.strings(data, "values", path, rule="R174 A1 T6 3")
        return ContactForm(channel, self.text(data, "channelName", path), values)

    def employee(self, value: Any, path: str) -> EmployeeForm | None:
        data = self.mapping(value, path)
        if data is None:
            return None
        surname = self.text(data, "surname", path, required=True, rule="R174 A1 T2 9")
        if surname is None:
            return None
        return EmployeeForm(surname, self.text(data, "firstName", path),
                            self.text(data, "patronymic", path),
                            self.text(data, "position", path),
                            self.text(data, "phone", path, limit=64),
                            self.text(data, "email", path, limit=255))

    def identity_document(self, value: Any, path: str) -> IdentityDocumentForm | None:
        """R174 A1 table 4: country (1), number (1), the rest 0..1."""
        data = self.mapping(value, path)
        if data is None:
            return None
        country = self.country(data, "country", path, required=True, rule="R174 A1 T4 1")
        number = self.text(data, "number", path, required=True, limit=64, rule="R174 A1 T4 5")
        if country is None or number is None:
            return None
        return IdentityDocumentForm(
            country, number, self.text(data, "kindCode", path, limit=16),
            self.text(data, "kindName", path), self.text(data, "series", path, limit=32),
            self.date(data, "date", path), self.text(data, "issuerId", path, limit=64),
            self.text(data, "issuerName", path))

    def party(self, value: Any, path: str) -> PartyForm | None:
        """R174 A1 table 2 (or ``{"partyId": n}`` for a party already stored)."""
        data = self.mapping(value, path)
        if data is None:
            return None
        if data.get("partyId") is not None:
            pid = self.integer(data, "partyId", path, minimum=1, maximum=MAX_DATABASE_ID)
            return PartyForm(party_id=pid) if pid else None
        party_type = data.get("partyType") or "legal"
        if party_type not in ("legal", "natural"):
            self.problems.add(join_path(path, "partyType"), "must be `legal` or `natural`",
                              code=UNKNOWN_CODE)
        country = self.country(data, "country", path, required=True, rule="R174 A1 T2 1")
        name = self.text(data, "name", path, required=True, rule="R174 A1 T2 2")
        short = self.text(data, "shortName", path, required=True, rule="R174 A1 T2 3")
        kpp = self.text(data, "kpp", path, limit=9)
        if kpp is not None:
            if country is not None and country != "RU":
                self.problems.add(join_path(path, "kpp"), "a tax registration reason code "
                                  "(KPP) exists only for subjects registered in the Russian "
                                  "Federation", rule="R174 A1 T2 5")
            elif not KPP.match(kpp):
                self.problems.add(join_path(path, "kpp"), f"{kpp!r} is not a KPP of 9 "
                                  "characters")
        identity = None
        if data.get("identityDocument") is not None:
            identity = self.identity_document(data["identityDocument"],
                                              join_path(path, "identityDocument"))
        addresses = self.each(data, "addresses", path, self.address, minimum=1,
                              rule="R174 A1 T2 7")
        contacts = self.each(data, "contacts", path, self.contact, minimum=1,
                             rule="R174 A1 T2 8")
        # R174 A1 T2 9 is 1..* "for legal entities" (digest §4.2 [Ambiguous]): required only
        # for legal entities, impossible for individuals.
        employees = self.each(data, "employees", path, self.employee,
                              minimum=1 if party_type == "legal" else 0, rule="R174 A1 T2 9")
        if party_type == "natural" and employees:
            self.problems.add(join_path(path, "employees"), "employees are given only for "
                              "legal entities", rule="R174 A1 T2 9")
        return PartyForm(
            party_id=None, party_type=str(party_type), country=country or "", name=name or "",
            short_name=short or "", taxpayer_id=self.text(data, "taxpayerId", path, limit=64),
            tax_registration_reason_code=kpp, identity_document=identity, addresses=addresses,
            contacts=contacts, employees=employees)

    def document(self, value: Any, path: str) -> DocumentForm | None:
        """R174 A1 table 3: every item 0..1."""
        data = self.mapping(value, path)
        if data is None:
            return None
        doc = DocumentForm(
            country=self.country(data, "country", path),
            kind_code=self.text(data, "kindCode", path, limit=32),
            kind_name=self.text(data, "kindName", path), name=self.text(data, "name", path),
            series=self.text(data, "series", path, limit=64),
            number=self.text(data, "number", path, limit=128),
            date=self.date(data, "date", path), expires_on=self.date(data, "expiresOn", path),
            validity=self.text(data, "validity", path, limit=64),
            issuer_id=self.text(data, "issuerId", path, limit=64),
            issuer_name=self.text(data, "issuerName", path),
            description=self.text(data, "description", path, limit=20000),
            sheet_count=self.integer(data, "sheetCount", path, minimum=1, maximum=100000))
        if data.get("file") is not None:
            ref = self.file(data["file"], join_path(path, "file"))
            doc.file = ref.sha256 if ref else None
        if not any(getattr(doc, f) for f in ("kind_code", "kind_name", "name", "number",
                                             "description", "file")):
            self.problems.add(path, "a document needs at least its kind, name, number, "
                              "description or a scan", rule="R174 A1 T3", code=REQUIRED)
        return doc

    # ------------------------------------------------------------ turnover, tables 7-10

    def route_point(self, value: Any, path: str) -> RoutePointForm | None:
        """R174 A1 table 8 item 1."""
        data = self.mapping(value, path)
        if data is None:
            return None
        seq = self.integer(data, "seq", path, required=True, minimum=1, maximum=10000,
                           rule="R174 A1 T8 1.1")
        country = self.country(data, "country", path, required=True, rule="R174 A1 T8 1.2")
        name = self.text(data, "name", path, required=True, rule="R174 A1 T8 1.4")
        locode = self.text(data, "locode", path, limit=8)
        if locode is not None:
            locode = locode.replace(" ", "").upper()
            if not LOCODE.match(locode):
                self.problems.add(join_path(path, "locode"), f"{locode!r} is not a UN/LOCODE",
                                  rule="R174 A1 T8 1.3")
        mode = self.text(data, "departureTransportMode", path, limit=4)
        if mode is not None and not mode.isdigit():
            self.problems.add(join_path(path, "departureTransportMode"), "must be a code of "
                              "the classifier of modes of transport",
                              rule="P.CLS.015, R174 A1 T8 1.5", code=UNKNOWN_CODE)
        kind = self.code(data, "pointKind", path, ROUTE_POINT_KINDS, what="a point flag 1-4",
                         limit=1, rule="R174 A1 T8 1.6")
        if seq is None or country is None or name is None:
            return None
        return RoutePointForm(seq, country, name, locode, mode, kind)

    def route(self, value: Any, path: str) -> list[RoutePointForm] | None:
        data = self.mapping(value, path)
        if data is None:
            return None
        points = self.each(data, "points", path, self.route_point, minimum=1,
                           rule="R174 A1 T8 1")
        seqs = [p.seq for p in points]
        if len(seqs) != len(set(seqs)):
            self.problems.add(join_path(path, "points"), "sequence numbers of route points "
                              "must be unique", rule="R174 A1 T8 1.1", code=DUPLICATE)
        return sorted(points, key=lambda p: p.seq)

    def crossing(self, value: Any, path: str) -> BorderCrossingForm | None:
        data = self.mapping(value, path)
        if data is None:
            return None
        name = self.text(data, "checkpointName", path, required=True,
                         rule="R174 A1 T1 6.4.3.2.2")
        if name is None:
            return None
        return BorderCrossingForm(name, self.text(data, "checkpointCode", path, limit=32))

    def customs_place(self, value: Any, path: str) -> CustomsPlaceForm | None:
        """R174 A1 table 9: every item 0..1."""
        data = self.mapping(value, path)
        if data is None:
            return None
        location = None
        if data.get("goodsLocation") is not None:
            location = self.address(data["goodsLocation"], join_path(path, "goodsLocation"))
        return CustomsPlaceForm(self.country(data, "country", path),
                                self.text(data, "customsCode", path, limit=16),
                                self.text(data, "customsName", path),
                                self.text(data, "controlZone", path, limit=64), location)

    def logistics(self, value: Any, path: str) -> LogisticsForm | None:
        """R174 A1 T1 6.4.3: routes, border crossings and customs places, each 1..*."""
        data = self.mapping(value, path)
        if data is None:
            return None
        return LogisticsForm(
            self.each(data, "routes", path, self.route, minimum=1, rule="R174 A1 T1 6.4.3.1"),
            self.each(data, "borderCrossings", path, self.crossing, minimum=1,
                      rule="R174 A1 T1 6.4.3.2"),
            self.each(data, "customsPlaces", path, self.customs_place, minimum=1,
                      rule="R174 A1 T1 6.4.3.3"))

    def transport_feature(self, value: Any, path: str) -> TransportFeatureForm | None:
        """R174 A1 table 10 item 6."""
        data = self.mapping(value, path)
        if data is None:
            return None
        return TransportFeatureForm(
            self.text(data, "packageKind", path, limit=8),
            self.integer(data, "unitsPerPackage", path, minimum=0, maximum=10**9),
            self.text(data, "identificationMeans", path),
            self.each(data, "images", path, self.file))

    def feature(self, value: Any, path: str) -> FeatureForm | None:
        """R174 A1 table 10."""
        data = self.mapping(value, path)
        if data is None:
            return None
        means = self.strings(data, "identificationMeans", path, rule="R174 A1 T10 3")
        return FeatureForm(
            self.text(data, "brandModel", path), self.text(data, "characteristics", path,
                                                           limit=20000),
            means, self.each(data, "images", path, self.file),
            self.each(data, "media", path, self.file),
            self.each(data, "transport", path, self.transport_feature))

    def turnover(self, value: Any, path: str) -> TurnoverForm | None:
        """R174 A1 T1 6.4 with the role rule of table 7."""
        data = self.mapping(value, path)
        if data is None:
            return None
        legality = self.integer(data, "legality", path, required=True, minimum=0, maximum=1,
                                rule="R174 A1 T1 6.4.1")
        parties: list[TurnoverPartyForm] = []
        for item_path, item in self.items(data, "parties", path, minimum=1,
                                          rule="R174 A1 T1 6.4.2"):
            entry = self.mapping(item, item_path)
            if entry is None:
                continue
            party = self.party(entry.get("party"), join_path(item_path, "party"))
            roles: list[str] = []
            for role_path, role in self.items(entry, "roles", item_path, minimum=1,
                                              rule="R174 A1 T1 6.4.2.2"):
                code = str(role) if isinstance(role, str | int) else ""
                if code not in TURNOVER_ROLES:
                    self.problems.add(role_path, f"{role!r} is not a role code of R174 A1 "
                                      f"table 7 ({', '.join(TURNOVER_ROLES)})",
                                      rule="R174 A1 table 7", code=UNKNOWN_CODE)
                    continue
                # R174 A1 table 7: role 30 (licensee) only in turnover of original goods.
                if legality is not None and legality not in TURNOVER_ROLES[code][1]:
                    self.problems.add(role_path, f"role {code} ({TURNOVER_ROLES[code][0]['en']})"
                                      " is allowed only with legality flag 1, original goods",
                                      rule="R174 A1 table 7")
                    continue
                roles.append(code)
            if party is not None and roles:
                parties.append(TurnoverPartyForm(party, roles))
        logistics = self.each(data, "logistics", path, self.logistics, minimum=1,
                              rule="R174 A1 T1 6.4.3")
        features = self.each(data, "features", path, self.feature, minimum=1,
                             rule="R174 A1 T1 6.4.4")
        if legality is None:
            return None
        return TurnoverForm(legality, parties, logistics, features,
                            self.text(data, "accompanyingDocuments", path, limit=20000))

    def turnover_list(self, data: Mapping[str, Any], path: str) -> list[TurnoverForm]:
        """R174 A1 T1 6.4: 1..2, one per value of the legality flag."""
        found = self.each(data, "turnover", path, self.turnover, minimum=1, maximum=2,
                          rule="R174 A1 T1 6.4 (1..2)")
        flags = [t.legality for t in found]
        if len(flags) != len(set(flags)):
            self.problems.add(join_path(path, "turnover"), "one turnover block per legality "
                              "flag", rule="R174 A1 T1 6.4, 6.4.1", code=DUPLICATE)
        return found

    # ------------------------------------------------------------ table 1

    def goods(self, value: Any, path: str, kind: str | None) -> GoodsForm | None:
        """R174 A1 T1 6."""
        data = self.mapping(value, path)
        if data is None:
            return None
        description = self.text(data, "description", path, required=True, limit=20000,
                                rule="R174 A1 T1 6.1")
        codes = []
        for item_path, item in self.items(data, "cnFeaCodes", path, minimum=1,
                                          rule="R174 A1 T1 6.2"):
            code = str(item).replace(" ", "") if isinstance(item, str | int) else ""
            if not code.isdigit() or not 6 <= len(code) <= 10:
                self.problems.add(item_path, f"{item!r} is not a CN FEA EAEU code of at least "
                                  "the first 6 digits", rule="R174 A1 T1 6.2",
                                  code=UNKNOWN_CODE)
            else:
                codes.append(code)
        nice: list[NiceForm] = []
        for item_path, item in self.items(data, "niceClasses", path):
            entry = item if isinstance(item, Mapping) else {"": item}
            number = self.integer(entry, "number" if isinstance(item, Mapping) else "",
                                  item_path, required=True, minimum=1, maximum=45,
                                  rule="R174 A1 T1 6.3.1")
            if number is not None:
                name = self.text(entry, "name", item_path) or NICE_CLASSES[number]["ru"]
                nice.append(NiceForm(number, name))
        if nice and kind is not None and kind != "ТЗ":
            self.problems.add(join_path(path, "niceClasses"), "Nice classes are given for "
                              "trademarks only", rule="R174 A1 T1 6.3")
        turnover = self.turnover_list(data, path)
        if description is None:
            return None
        return GoodsForm(description, codes, nice, turnover,
                         self.text(data, "exemptionCircumstances", path, limit=20000))

    def keyword(self, value: Any, path: str) -> KeywordForm | None:
        entry = value if isinstance(value, Mapping) else {"value": value}
        text = self.text(entry, "value", path, required=True, rule="R174 A1 T1 5.3")
        if text is None:
            return None
        return KeywordForm(text, self.text(entry, "transliteration", path))

    def right_term(self, value: Any, path: str, kind: str | None) -> RightTermForm | None:
        data = self.mapping(value, path)
        if data is None:
            return None
        country = self.country(data, "country", path, required=True, member_state=True,
                               rule="R174 A1 T1 5.7.1")
        defined = self.boolean(data, "termDefined", path, digits=True)
        if defined is not None and kind is not None and kind != "АП":
            self.problems.add(join_path(path, "termDefined"), "the defined-term flag is given "
                              "for copyright objects (АП) only", rule="R174 A1 T1 5.7.3")
        if country is None:
            return None
        return RightTermForm(country, self.date(data, "expiresOn", path), defined)

    def period(self, value: Any, path: str) -> PeriodForm | None:
        data = self.mapping(value, path)
        if data is None:
            return None
        start = self.date(data, "start", path, required=True, rule="R174 A1 T1 5.9.1")
        end = self.date(data, "end", path, required=True, rule="R174 A1 T1 5.9.2")
        if start and end and end < start:
            self.problems.add(path, "the period ends before it starts", rule="R174 A1 T1 5.9")
            return None
        if start is None or end is None:
            return None
        return PeriodForm(start, end, self.date(data, "grantedOn", path),
                          self.text(data, "basisNumber", path, limit=64),
                          self.date(data, "basisDate", path))

    def status(self, value: Any, path: str) -> StatusForm | None:
        from ipreg.plugins.eaeu.codes import REGISTER_STATUSES

        data = self.mapping(value, path)
        if data is None:
            return None
        status = self.text(data, "status", path, required=True, rule="R174 A1 T1 8.1")
        if status is not None and status not in REGISTER_STATUSES:
            self.problems.add(join_path(path, "status"), f"{status!r} is not a status of R174 "
                              f"A1 T1 8.1 ({', '.join(REGISTER_STATUSES)})",
                              rule="R174 A1 T1 8.1", code=UNKNOWN_CODE)
            status = None
        date = self.date(data, "date", path, required=True, rule="R174 A1 T1 8.2")
        if status is None or date is None:
            return None
        return StatusForm(status, date, self.text(data, "basisNumber", path, limit=64),
                          self.date(data, "basisDate", path))

    def register(self, value: Any, path: str) -> RegisterForm | None:
        """The register data of an entry already included (import)."""
        data = self.mapping(value, path)
        if data is None:
            return None
        seq = self.text(data, "sequenceNumber", path, required=True, limit=5,
                        rule="R174 A1 T1 5.1.1")
        if seq is not None and not (seq.isdigit() and len(seq) == 5):
            self.problems.add(join_path(path, "sequenceNumber"), f"{seq!r} is not five digits "
                              "with leading zeros", rule="R174 A1 T1 5.1.1")
        decision = self.text(data, "decisionNumber", path, required=True, limit=4,
                             rule="R174 A1 T1 5.1.3")
        if decision is not None and not (decision.isdigit() and len(decision) == 4):
            self.problems.add(join_path(path, "decisionNumber"), f"{decision!r} is not four "
                              "digits with leading zeros", rule="R174 A1 T1 5.1.3")
        included = self.date(data, "inclusionDate", path, required=True,
                             rule="R174 A1 T1 5.1.4")
        app_number = self.text(data, "applicationNumber", path, required=True, limit=32,
                               rule="R174 A1 T1 1")
        app_date = self.date(data, "applicationDate", path, required=True, rule="R174 A1 T1 1")
        periods = self.each(data, "protectionPeriods", path, self.period, minimum=1,
                            rule="R174 A1 T1 5.9")
        history = self.each(data, "statusHistory", path, self.status, minimum=1,
                            rule="R174 A1 T1 8")
        if history and history[0].status != "included":
            self.problems.add(join_path(path, "statusHistory"), "the history starts with "
                              "`included`", rule="R174 A1 T1 8.1")
        if history and any(b.date < a.date for a, b in itertools.pairwise(history)):
            self.problems.add(join_path(path, "statusHistory"), "statuses must be in date order")
        if any(v is None for v in (seq, decision, included, app_number, app_date)):
            return None
        assert seq and decision and included and app_number and app_date
        return RegisterForm(seq, decision, included, app_number, app_date, periods, history)

    def object_form(self, value: Any, path: str = "", *, with_register: bool = False
                    ) -> ObjectForm | None:
        """One registration form (R174 A1 table 1)."""
        data = self.mapping(value, path or "form")
        if data is None:
            return None
        raw_kind = self.text(data, "kind", path, required=True, limit=32,
                             rule="R174 A1 T1 5.1.2")
        kind = kind_code(raw_kind) if raw_kind else None
        if raw_kind and kind is None:
            self.problems.add(join_path(path, "kind"), f"{raw_kind!r} is not АП, СП or ТЗ",
                              rule="R174 A1 T1 5.1.2", code=UNKNOWN_CODE)
        name = self.text(data, "name", path, required=True, rule="R174 A1 T1 5.2")
        description = self.text(data, "description", path, required=True, limit=20000,
                                rule="R174 A1 T1 5.5")
        holders = self.each(data, "rightHolders", path, self.party, minimum=1,
                            rule="R174 A1 T1 3")
        count = self.integer(data, "rightHolderCount", path, minimum=1, maximum=10000,
                             rule="R174 A1 T1 2")
        if count is not None and count != len(holders):
            self.problems.add(join_path(path, "rightHolderCount"), f"is {count} but "
                              f"{len(holders)} right holders are given", rule="R174 A1 T1 2, 3")
        representative = None
        if data.get("representative") is not None:
            representative = self.party(data["representative"], join_path(path, "representative"))
            # R174 p.10 [Ambiguous, digest §1.2]: a representative has its permanent location
            # (is registered) in a member state.
            if representative and representative.country and (
                    representative.country not in MEMBER_STATE_CODES):
                self.problems.add(join_path(path, "representative.country"), "a "
                                  "representative must be registered in a member state",
                                  rule="R174 p.10")
        poas = self.each(data, "powersOfAttorney", path, self.document, rule="R174 A1 T1 4.1")
        if poas and data.get("representative") is None:
            self.problems.add(join_path(path, "powersOfAttorney"), "powers of attorney belong "
                              "to a representative", rule="R174 A1 T1 4.1")
        terms = self.each(data, "rightTerms", path, lambda v, p: self.right_term(v, p, kind),
                          minimum=1, rule="R174 A1 T1 5.7")
        countries = [t.country for t in terms]
        if len(countries) != len(set(countries)):
            self.problems.add(join_path(path, "rightTerms"), "one term per member state",
                              rule="R174 A1 T1 5.7", code=DUPLICATE)
        form = ObjectForm(
            kind=kind or "ТЗ", name=name or "", description=description or "",
            right_holders=holders, right_holder_count=count or len(holders),
            title_documents=self.each(data, "titleDocuments", path, self.document, minimum=1,
                                      rule="R174 A1 T1 5.6"),
            right_terms=terms,
            goods=self.each(data, "goods", path, lambda v, p: self.goods(v, p, kind),
                            minimum=1, rule="R174 A1 T1 6"),
            representative=representative, powers_of_attorney=poas,
            authorized_persons=self.each(data, "authorizedPersons", path, self.party,
                                         rule="R174 A1 T1 7"),
            keywords=self.each(data, "keywords", path, self.keyword, rule="R174 A1 T1 5.3"),
            images=self.each(data, "images", path, self.file, rule="R174 A1 T1 5.4"),
            registration_form_number=self.text(data, "registrationFormNumber", path, limit=64),
            requested_protection_end=self.date(data, "requestedProtectionEnd", path))
        if with_register:
            form.register = self.register(data.get("register"), join_path(path, "register"))
        return form


def parse_forms(values: Any, *, with_register: bool = False, path: str = "forms"
                ) -> list[ObjectForm]:
    """Parse a list of registration forms; raise every problem at once."""
    parser = FormParser()
    if not isinstance(values, list) or not values:
        raise BadUserInput(f"{path}: at least one registration form is required (R174 A1 T1 5.8)")
    forms = []
    for i, value in enumerate(values):
        form = parser.object_form(value, f"{path}[{i}]", with_register=with_register)
        if form is not None:
            forms.append(form)
    parser.problems.raise_if_any()
    return forms


def parse_form(value: Any, *, with_register: bool = False, path: str = "") -> ObjectForm:
    parser = FormParser()
    form = parser.object_form(value, path, with_register=with_register)
    parser.problems.raise_if_any()
    assert form is not None
    return form
