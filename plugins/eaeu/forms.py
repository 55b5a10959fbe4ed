"""Registration forms: the JSON form of R174 Appendix 1 table 1, parsed and validated.

One parser serves the application (P.SP.01.OPR.001), the amendment and turnover
procedures, the importer (``ipreg import eaeu``) and the demo. Every problem is
reported with its path (``goods[0].turnover[1].parties[0].roles[0]``) and the
legal point it breaks; nothing is stored while any problem remains.

The shape of each form is declared once (``ADDRESS`` … ``REGISTRATION_FORM``,
``ENTRY``: :class:`~ipreg.core.services.validation.FormSpec`): the JSON Schema of
import files (``docs/eaeu-import.schema.json``, :func:`import_schema`) and the GraphQL
input types (``EaeuRegistrationFormInput`` …) are generated from it, and the parser
refuses a key it does not declare; the parser does what a type cannot (code lists,
patterns, multiplicities, cross-field rules).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

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
    TOO_FEW,
    UNKNOWN_CODE,
    FieldReader,
    FieldSpec,
    FileRef,
    FormSpec,
    join_path,
    json_schema,
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


# ---------------------------------------------------------------- the declared forms
# One declaration of each form of R174 Appendix 1: the JSON Schema of ``ipreg import
# eaeu`` files (docs/eaeu-import.schema.json, :func:`import_schema`) and the GraphQL
# input types (EaeuRegistrationFormInput…, plugins/eaeu/graphql/mutation.py) are
# generated from it; the parser below reads the same shape and refuses a key it does
# not declare.

F = FieldSpec


def _codes(codes: Iterable[str | int]) -> tuple[str | int, ...]:
    return tuple(codes)


ADDRESS = FormSpec("address", "R174 A1 table 5: an address (every item 0..1).", (
    F("kind", description="Kind of address: 1 registration, 2 actual, 3 postal",
      rule="R174 A1 T5 1", codes=_codes(ADDRESS_KINDS)),
    F("country", "country", "Country (P.CLS.001)", "R174 A1 T5 2"),
    F("territoryCode", description="Code of the territory", rule="R174 A1 T5 3"),
    F("region", description="Region", rule="R174 A1 T5 4"),
    F("district", description="District", rule="R174 A1 T5 5"),
    F("city", description="City", rule="R174 A1 T5 6"),
    F("settlement", description="Settlement", rule="R174 A1 T5 7"),
    F("street", description="Street", rule="R174 A1 T5 8"),
    F("building", description="Building", rule="R174 A1 T5 9"),
    F("premises", description="Premises", rule="R174 A1 T5 10"),
    F("postalCode", description="Postal code", rule="R174 A1 T5 11"),
    F("poBox", description="Post office box", rule="R174 A1 T5 12"),
))

CONTACT = FormSpec("contact", "R174 A1 table 6: a means of communication.", (
    F("channel", description="Kind of channel", rule="R174 A1 T6 1",
      codes=_codes(CONTACT_CHANNELS)),
    F("channelName", description="Name of the channel", rule="R174 A1 T6 2"),
    F("values", description="Identifiers (numbers, addresses), 0..*", rule="R174 A1 T6 3",
      many=True),
))

EMPLOYEE = FormSpec("employee", "R174 A1 table 2 item 9: an employee of a legal entity.", (
    F("surname", description="Surname", rule="R174 A1 T2 9", required=True),
    F("firstName", description="First name", rule="R174 A1 T2 9"),
    F("patronymic", description="Patronymic", rule="R174 A1 T2 9"),
    F("position", description="Position", rule="R174 A1 T2 9"),
    F("phone", description="Telephone", rule="R174 A1 T2 9"),
    F("email", description="E-mail", rule="R174 A1 T2 9"),
))

IDENTITY_DOCUMENT = FormSpec("identityDocument", "R174 A1 table 4: an identity document.", (
    F("country", "country", "Issuing country", "R174 A1 T4 1", required=True),
    F("kindCode", description="Code of the kind of document", rule="R174 A1 T4 2"),
    F("kindName", description="Name of the kind of document", rule="R174 A1 T4 3"),
    F("series", description="Series", rule="R174 A1 T4 4"),
    F("number", description="Number", rule="R174 A1 T4 5", required=True),
    F("date", "date", "Date of issue", "R174 A1 T4 6"),
    F("issuerId", description="Identifier of the issuing authority", rule="R174 A1 T4 7"),
    F("issuerName", description="Name of the issuing authority", rule="R174 A1 T4 8"),
))

PARTY_REQUIRED = ("country", "name", "shortName", "addresses", "contacts")
PARTY = FormSpec(
    "party", "R174 A1 table 2: a subject (legal entity or individual), or `partyId` alone "
    "for a party already stored.", (
        F("partyId", "node", "A party already stored (then nothing else is given)",
          node_types=("Party",)),
        F("partyType", description="`legal` (default) or `natural`", codes=("legal", "natural")),
        F("country", "country", "Country of registration or residence", "R174 A1 T2 1"),
        F("name", description="Full name", rule="R174 A1 T2 2"),
        F("shortName", description="Short name", rule="R174 A1 T2 3"),
        F("taxpayerId", description="Taxpayer identifier", rule="R174 A1 T2 4"),
        F("kpp", description="Tax registration reason code (KPP), Russia only",
          rule="R174 A1 T2 5", pattern=KPP.pattern),
        F("identityDocument", IDENTITY_DOCUMENT, "Identity document of an individual",
          "R174 A1 T2 6"),
        F("addresses", ADDRESS, "Addresses", "R174 A1 T2 7", many=True, min_items=1),
        F("contacts", CONTACT, "Means of communication", "R174 A1 T2 8", many=True,
          min_items=1),
        F("employees", EMPLOYEE, "Employees (1..* for legal entities, none for individuals)",
          "R174 A1 T2 9", many=True),
    ),
    json={"oneOf": [{"required": ["partyId"]}, {"required": list(PARTY_REQUIRED)}]})

DOCUMENT = FormSpec("document", "R174 A1 table 3: a document (every item 0..1; at least its "
                    "kind, name, number, description or a scan).", (
    F("country", "country", "Issuing country", "R174 A1 T3 1"),
    F("kindCode", description="Code of the kind of document", rule="R174 A1 T3 2"),
    F("kindName", description="Name of the kind of document", rule="R174 A1 T3 3"),
    F("name", description="Name of the document", rule="R174 A1 T3 4"),
    F("series", description="Series", rule="R174 A1 T3 5"),
    F("number", description="Number", rule="R174 A1 T3 6"),
    F("date", "date", "Date", "R174 A1 T3 7"),
    F("expiresOn", "date", "Valid until", "R174 A1 T3 8"),
    F("validity", description="Term of validity", rule="R174 A1 T3 9"),
    F("issuerId", description="Identifier of the issuing authority", rule="R174 A1 T3 10"),
    F("issuerName", description="Name of the issuing authority", rule="R174 A1 T3 11"),
    F("description", description="Description", rule="R174 A1 T3 12"),
    F("sheetCount", "int", "Number of sheets", "R174 A1 T3 13", minimum=1),
    F("file", "file", "The scan: sha256 of a stored file", "R174 A1 T3"),
))

ROUTE_POINT = FormSpec("routePoint", "R174 A1 table 8 item 1: a point of a route.", (
    F("seq", "int", "Sequence number", "R174 A1 T8 1.1", required=True, minimum=1),
    F("country", "country", "Country", "R174 A1 T8 1.2", required=True),
    F("locode", description="UN/LOCODE", rule="R174 A1 T8 1.3"),
    F("name", description="Name of the point", rule="R174 A1 T8 1.4", required=True),
    F("departureTransportMode", description="Mode of transport of departure (P.CLS.015)",
      rule="R174 A1 T8 1.5", pattern=r"^\d+$"),
    F("pointKind", description="Kind of point", rule="R174 A1 T8 1.6",
      codes=_codes(ROUTE_POINT_KINDS)),
))

ROUTE = FormSpec("route", "R174 A1 table 8: a route of the goods.", (
    F("points", ROUTE_POINT, "The points in order", "R174 A1 T8 1", required=True, many=True,
      min_items=1),
))

BORDER_CROSSING = FormSpec("borderCrossing", "R174 A1 T1 6.4.3.2: a border crossing point.", (
    F("checkpointCode", description="Code of the checkpoint", rule="R174 A1 T1 6.4.3.2.1"),
    F("checkpointName", description="Name of the checkpoint", rule="R174 A1 T1 6.4.3.2.2",
      required=True),
))

CUSTOMS_PLACE = FormSpec("customsPlace", "R174 A1 table 9: a place of customs clearance "
                         "(every item 0..1).", (
    F("country", "country", "Country", "R174 A1 T9 1"),
    F("customsCode", description="Code of the customs authority", rule="R174 A1 T9 2"),
    F("customsName", description="Name of the customs authority", rule="R174 A1 T9 3"),
    F("controlZone", description="Customs control zone", rule="R174 A1 T9 4"),
    F("goodsLocation", ADDRESS, "Where the goods are", "R174 A1 T9 5"),
))

LOGISTICS = FormSpec("logistics", "R174 A1 T1 6.4.3: how the goods move.", (
    F("routes", ROUTE, "Routes", "R174 A1 T1 6.4.3.1", required=True, many=True, min_items=1),
    F("borderCrossings", BORDER_CROSSING, "Border crossing points", "R174 A1 T1 6.4.3.2",
      required=True, many=True, min_items=1),
    F("customsPlaces", CUSTOMS_PLACE, "Places of customs clearance", "R174 A1 T1 6.4.3.3",
      required=True, many=True, min_items=1),
))

TRANSPORT_FEATURE = FormSpec("transportFeature", "R174 A1 table 10 item 6: the transport "
                             "packaging.", (
    F("packageKind", description="Kind of package", rule="R174 A1 T10 6.1"),
    F("unitsPerPackage", "int", "Units per package", "R174 A1 T10 6.2", minimum=0),
    F("identificationMeans", description="Means of identification", rule="R174 A1 T10 6.3"),
    F("images", "file", "Images: sha256 of stored files", "R174 A1 T10 6.4", many=True),
))

FEATURE = FormSpec("feature", "R174 A1 table 10: features of original goods.", (
    F("brandModel", description="Brand or model", rule="R174 A1 T10 1"),
    F("characteristics", description="Characteristics", rule="R174 A1 T10 2"),
    F("identificationMeans", description="Means of identification", rule="R174 A1 T10 3",
      many=True),
    F("images", "file", "Images: JPEG, ≤ 1.5 MB each, ≤ 50 MB in total; sha256 of stored "
      "files", "R174 A1 T10 4", many=True),
    F("media", "file", "Media: MP3, MP4 or AVI, ≤ 50 MB in total; sha256 of stored files",
      "R174 A1 T10 5", many=True),
    F("transport", TRANSPORT_FEATURE, "Transport packaging", "R174 A1 T10 6", many=True),
))

TURNOVER_PARTY = FormSpec("turnoverParty", "R174 A1 T1 6.4.2: a person in the turnover of "
                          "the goods with its roles.", (
    F("party", PARTY, "The person", "R174 A1 T1 6.4.2.1", required=True),
    F("roles", description="Roles (table 7); 30 only with legality 1", rule="R174 A1 T1 6.4.2.2",
      required=True, many=True, min_items=1, codes=_codes(TURNOVER_ROLES)),
))

TURNOVER = FormSpec("turnover", "R174 A1 T1 6.4: the turnover of the goods for one legality "
                    "flag.", (
    F("legality", "int", "1 original goods, 0 goods showing signs of infringement",
      "R174 A1 T1 6.4.1", required=True, codes=(0, 1)),
    F("parties", TURNOVER_PARTY, "Persons in the turnover", "R174 A1 T1 6.4.2", required=True,
      many=True, min_items=1),
    F("logistics", LOGISTICS, "Logistics", "R174 A1 T1 6.4.3", required=True, many=True,
      min_items=1),
    F("features", FEATURE, "Features of the goods", "R174 A1 T1 6.4.4", required=True,
      many=True, min_items=1),
    F("accompanyingDocuments", description="Accompanying documents", rule="R174 A1 T1 6.4.5"),
))

NICE = FormSpec("niceClass", "R174 A1 T1 6.3: a class of the Nice classification.", (
    F("number", "int", "Class number", "R174 A1 T1 6.3.1", required=True, minimum=1,
      maximum=45),
    F("name", description="Heading (default: the class's Russian heading)",
      rule="R174 A1 T1 6.3.2"),
))

GOODS = FormSpec("goods", "R174 A1 T1 6: goods the IP object is protected for.", (
    F("description", description="Description of the goods", rule="R174 A1 T1 6.1",
      required=True),
    F("cnFeaCodes", description="CN FEA EAEU codes, at least the first 6 digits",
      rule="R174 A1 T1 6.2", required=True, many=True, min_items=1, pattern=r"^\d{6,10}$"),
    F("niceClasses", NICE, "Nice classes (trademarks only)", "R174 A1 T1 6.3", many=True,
      shorthand="number"),
    F("turnover", TURNOVER, "Turnover, one per legality flag", "R174 A1 T1 6.4",
      required=True, many=True, min_items=1, max_items=2),
    F("exemptionCircumstances", description="Circumstances of exemption",
      rule="R174 A1 T1 6.5"),
))

KEYWORD = FormSpec("keyword", "R174 A1 T1 5.3: a word designation.", (
    F("value", description="The word", rule="R174 A1 T1 5.3", required=True),
    F("transliteration", description="Its transliteration", rule="R174 A1 T1 5.3"),
))

RIGHT_TERM = FormSpec("rightTerm", "R174 A1 T1 5.7: the term of the right in one member "
                      "state.", (
    F("country", description="The member state", rule="R174 A1 T1 5.7.1", required=True,
      codes=MEMBER_STATE_CODES),
    F("expiresOn", "date", "End of the right's term", "R174 A1 T1 5.7.2"),
    F("termDefined", "bool", "The term is defined (copyright objects АП only; 1/0 in files)",
      "R174 A1 T1 5.7.3", json={"type": ["boolean", "integer"]}),
))

PERIOD = FormSpec("protectionPeriod", "R174 A1 T1 5.9: a period of protection.", (
    F("start", "date", "Start", "R174 A1 T1 5.9.1", required=True),
    F("end", "date", "End", "R174 A1 T1 5.9.2", required=True),
    F("grantedOn", "date", "Date the period was granted", "R174 A1 T1 5.9"),
    F("basisNumber", description="Number of the decision", rule="R174 A1 T1 5.9"),
    F("basisDate", "date", "Date of the decision", "R174 A1 T1 5.9"),
))

STATUS = FormSpec("status", "R174 A1 T1 8: a status of the entry.", (
    F("status", description="Status", rule="R174 A1 T1 8.1", required=True,
      codes=("included", "changed", "prolonged", "excluded")),
    F("date", "date", "Date of the status", "R174 A1 T1 8.2", required=True),
    F("basisNumber", description="Number of the decision", rule="R174 A1 T1 8.3"),
    F("basisDate", "date", "Date of the decision", "R174 A1 T1 8.3"),
))

REGISTER = FormSpec("register", "What an imported entry already has in the register (import "
                    "only): R174 A1 T1 1, 5.1, 5.9, 8.", (
    F("sequenceNumber", description="Register number: five digits", rule="R174 A1 T1 5.1.1",
      required=True, pattern=r"^\d{5}$"),
    F("decisionNumber", description="Number of the inclusion decision: four digits",
      rule="R174 A1 T1 5.1.3", required=True, pattern=r"^\d{4}$"),
    F("inclusionDate", "date", "Date of inclusion", "R174 A1 T1 5.1.4", required=True),
    F("applicationNumber", description="Number of the application", rule="R174 A1 T1 1",
      required=True),
    F("applicationDate", "date", "Date of the application", "R174 A1 T1 1", required=True),
    F("protectionPeriods", PERIOD, "Periods of protection", "R174 A1 T1 5.9", required=True,
      many=True, min_items=1),
    F("statusHistory", STATUS, "Statuses in date order, starting with `included`",
      "R174 A1 T1 8", required=True, many=True, min_items=1),
))

FORM_FIELDS: tuple[FieldSpec, ...] = (
    F("kind", description="Kind of IP object: АП copyright, СП related rights, ТЗ trademark "
      "(Latin AP/SP/TZ and the core kinds are accepted)", rule="R174 A1 T1 5.1.2",
      required=True, codes=("АП", "СП", "ТЗ", "AP", "SP", "TZ", "copyright_object",
                            "related_rights_object", "trademark")),
    F("name", description="Name of the IP object", rule="R174 A1 T1 5.2", required=True),
    F("description", description="Description of the IP object", rule="R174 A1 T1 5.5",
      required=True),
    F("registrationFormNumber", description="Number of the registration form",
      rule="R174 A1 T1 5.8"),
    F("rightHolderCount", "int", "Number of right holders (= the right holders given)",
      "R174 A1 T1 2", minimum=1),
    F("rightHolders", PARTY, "Right holders", "R174 A1 T1 3", required=True, many=True,
      min_items=1),
    F("representative", PARTY, "Representative, registered in a member state (R174 p.10)",
      "R174 A1 T1 4"),
    F("powersOfAttorney", DOCUMENT, "Powers of attorney of the representative",
      "R174 A1 T1 4.1", many=True),
    F("keywords", KEYWORD, "Word designations", "R174 A1 T1 5.3", many=True,
      shorthand="value"),
    F("images", "file", "Images: JPEG or TIFF, ≥ 300 dpi, ≤ 5 MB; stored files",
      "R174 A1 T1 5.4", many=True),
    F("titleDocuments", DOCUMENT, "Documents of title", "R174 A1 T1 5.6", required=True,
      many=True, min_items=1),
    F("rightTerms", RIGHT_TERM, "Terms of the right, one per member state", "R174 A1 T1 5.7",
      required=True, many=True, min_items=1),
    F("requestedProtectionEnd", "date", "End of the protection period asked for",
      "R174 A1 T1 5.9.2"),
    F("goods", GOODS, "Goods", "R174 A1 T1 6", required=True, many=True, min_items=1),
    F("authorizedPersons", PARTY, "Persons authorized by the right holder", "R174 A1 T1 7",
      many=True),
)

#: A registration form of an application (P.SP.01.OPR.001): R174 A1 table 1.
REGISTRATION_FORM = FormSpec("registrationForm", "A registration form: R174 Appendix 1 "
                             "table 1 for one IP object.", FORM_FIELDS)

#: An imported entry: the registration form with its register data.
ENTRY = FormSpec("entry", "An entry of the register: its registration form (R174 Appendix 1 "
                 "table 1) with its register data.",
                 (*FORM_FIELDS, F("register", REGISTER, "The register data", "R174 A1 T1 5.1",
                                  required=True)))

IMPORT_FORMAT = "ipreg-eaeu-import/1"

IMPORT_FILE = FormSpec(
    "importFile", "Entries of the EAEU unified customs register of IP objects (R174 Appendix "
    "1, tables 1-10) for `ipreg import eaeu FILE`. Field names follow digest §4; each "
    "description cites its Appendix 1 item. The same form (without `register`) is the "
    "registration form of an application (P.SP.01.OPR.001, GraphQL "
    "`EaeuRegistrationFormInput`).", (
        F("format", description="Version of this format", required=True,
          json={"const": IMPORT_FORMAT}),
        F("source", description="Where the entries come from (free text)"),
        F("entries", ENTRY, "The entries, each a registration form with its register data",
          required=True, many=True, min_items=1),
    ))


def import_schema() -> dict[str, Any]:
    """The JSON Schema of ``ipreg import eaeu`` files (``docs/eaeu-import.schema.json``),
    generated from the declared forms."""
    return json_schema(IMPORT_FILE, schema_id="https://ipreg.example/schemas/"
                       "eaeu-import.schema.json", title="ipreg EAEU register import")


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
        data = self.mapping(value, path, ADDRESS)
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
        data = self.mapping(value, path, CONTACT)
        if data is None:
            return None
        channel = self.code(data, "channel", path, CONTACT_CHANNELS, limit=2,
                            rule="R174 A1 T6 1")
        values = self.strings(data, "values", path, rule="R174 A1 T6 3")
        return ContactForm(channel, self.text(data, "channelName", path), values)

    def employee(self, value: Any, path: str) -> EmployeeForm | None:
        data = self.mapping(value, path, EMPLOYEE)
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
        data = self.mapping(value, path, IDENTITY_DOCUMENT)
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
        """R174 A1 table 2 (or ``{"partyId": <the Party's global id>}`` for a party
        already stored)."""
        data = self.mapping(value, path, PARTY)
        if data is None:
            return None
        if data.get("partyId") is not None:
            pid = self.node(data, "partyId", path, PARTY.field("partyId").node_types)
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
        data = self.mapping(value, path, DOCUMENT)
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
            sheet_count=self.integer(data, "sheetCount", path, minimum=1, maximum=100000,
                                     rule="R174 A1 T3 13"))
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
        data = self.mapping(value, path, ROUTE_POINT)
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
        data = self.mapping(value, path, ROUTE)
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
        data = self.mapping(value, path, BORDER_CROSSING)
        if data is None:
            return None
        name = self.text(data, "checkpointName", path, required=True,
                         rule="R174 A1 T1 6.4.3.2.2")
        if name is None:
            return None
        return BorderCrossingForm(name, self.text(data, "checkpointCode", path, limit=32))

    def customs_place(self, value: Any, path: str) -> CustomsPlaceForm | None:
        """R174 A1 table 9: every item 0..1."""
        data = self.mapping(value, path, CUSTOMS_PLACE)
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
        data = self.mapping(value, path, LOGISTICS)
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
        data = self.mapping(value, path, TRANSPORT_FEATURE)
        if data is None:
            return None
        return TransportFeatureForm(
            self.text(data, "packageKind", path, limit=8),
            self.integer(data, "unitsPerPackage", path, minimum=0, maximum=10**9,
                         rule="R174 A1 T10 6.2"),
            self.text(data, "identificationMeans", path),
            self.each(data, "images", path, self.file))

    def feature(self, value: Any, path: str) -> FeatureForm | None:
        """R174 A1 table 10."""
        data = self.mapping(value, path, FEATURE)
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
        data = self.mapping(value, path, TURNOVER)
        if data is None:
            return None
        legality = self.integer(data, "legality", path, required=True, minimum=0, maximum=1,
                                rule="R174 A1 T1 6.4.1")
        parties: list[TurnoverPartyForm] = []
        for item_path, item in self.items(data, "parties", path, minimum=1,
                                          rule="R174 A1 T1 6.4.2"):
            entry = self.mapping(item, item_path, TURNOVER_PARTY)
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
        data = self.mapping(value, path, GOODS)
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
            if isinstance(item, Mapping):
                self.mapping(item, item_path, NICE)
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
        if isinstance(value, Mapping):
            self.mapping(value, path, KEYWORD)
        text = self.text(entry, "value", path, required=True, rule="R174 A1 T1 5.3")
        if text is None:
            return None
        return KeywordForm(text, self.text(entry, "transliteration", path))

    def right_term(self, value: Any, path: str, kind: str | None) -> RightTermForm | None:
        data = self.mapping(value, path, RIGHT_TERM)
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

    def right_terms(self, data: Mapping[str, Any], path: str, kind: str | None, *,
                    every_state: bool = True) -> list[RightTermForm]:
        """T1 5.7: one term per member state, and (``every_state``: an application or an
        amendment) a term for **each** member state (digest §4.1, §10.3 [Inference])."""
        terms = self.each(data, "rightTerms", path, lambda v, p: self.right_term(v, p, kind),
                          minimum=1, rule="R174 A1 T1 5.7")
        where = join_path(path, "rightTerms")
        countries = [t.country for t in terms]
        if len(countries) != len(set(countries)):
            self.problems.add(where, "one term per member state", rule="R174 A1 T1 5.7",
                              code=DUPLICATE)
        given = data.get("rightTerms")
        missing = [c for c in MEMBER_STATE_CODES if c not in countries]
        if every_state and terms and isinstance(given, list) and len(terms) == len(given) \
                and missing:
            self.problems.add(where, "the terms of the right cover every member state; "
                              f"missing: {', '.join(missing)}", rule="R174 A1 T1 5.7",
                              code=TOO_FEW)
        return terms

    def period(self, value: Any, path: str) -> PeriodForm | None:
        data = self.mapping(value, path, PERIOD)
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

        data = self.mapping(value, path, STATUS)
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
        data = self.mapping(value, path, REGISTER)
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
        data = self.mapping(value, path or "form", ENTRY if with_register else REGISTRATION_FORM)
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
        poas = self.each(data, "powersOfAttorney", path, self.document, rule="R174 A1 T1 4.1")
        representation_problems(
            self.problems, path, has_representative=data.get("representative") is not None,
            country=representative.country if representative and representative.party_id is None
            else None, powers_of_attorney=len(poas))
        terms = self.right_terms(data, path, kind, every_state=not with_register)
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


def representation_problems(problems: Problems, path: str, *, has_representative: bool,
                            country: str | None, powers_of_attorney: int) -> None:
    """The representative's checks, one rule for applications and amendments (and for a
    representative named by ``partyId``, whose ``country`` its caller looks up,
    :func:`ipreg.plugins.eaeu.store.party_country`): R174 p.10 [Ambiguous, digest §1.2],
    a representative has its permanent location (is registered) in a member state;
    R174 A1 T1 4.1, powers of attorney belong to a representative."""
    if has_representative and country and country not in MEMBER_STATE_CODES:
        problems.add(join_path(path, "representative.country"), "a representative must be "
                     "registered in a member state", rule="R174 p.10")
    if powers_of_attorney and not has_representative:
        problems.add(join_path(path, "powersOfAttorney"), "powers of attorney belong to a "
                     "representative", rule="R174 A1 T1 4.1")


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
