"""The recordal form, mapped onto the EU application for action (Reg. 608/2013 Art. 6(3)
items a-k), and the forms of a suspension (a declaration hit) and of an official
importer's appeal, read with the core :class:`FieldReader`: every problem at once, each
with its path, the point it breaks and a stable code.

Box by box (docs/ukraine-customs.md has the whole mapping):

* ``applicant`` — AFA box 1, Art. 6(3)(a); ``applicantStatus`` — box 3, (b);
  ``entitlementDocuments`` — (c); ``representatives`` with role ``submitting`` — box 4,
  (d); roles ``legal``/``technical`` — boxes 7-8, (k); ``product_identification`` and
  ``ip_protection`` — the Ukrainian roles (Order 282);
* ``rights`` — box 5, (e); several objects in one application (Order 282 contents); a
  utility model is refused (Order 282 kinds); Nice classes only for trademarks and only
  those of the registration (Order 282 Nice);
* ``rights[].goods`` — boxes 12-19, (g) and (h): description, UKTZED codes, photos of
  original products, packaging, how to tell originals from fakes, samples;
* ``operators`` and ``counterfeits`` — (i), information for risk analysis: authorised
  operators (Order 281 p.12) and known counterfeits with their routes, additional
  sources of information for customs (Seed 000 goal 4);
* ``restrictedHandling`` — (j), Art. 31(5);
* ``termMonths`` — Order 282 term: at most one year (Reg. 608/2013 Art. 11(1) alike).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.extension import FilePurpose
from ipreg.core.files import purpose_problems
from ipreg.core.model import StoredFile
from ipreg.core.refdata import country_codes
from ipreg.core.services.parties import AddressForm, ContactForm, PartyForm
from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FileRef, FormSpec, Problems, join_path
from ipreg.plugins.ukraine.common.codes import UKTZED_RULE, uktzed_problem
from ipreg.plugins.ukraine.common.identifiers import UkrainianIdentifierReader
from ipreg.plugins.ukraine.customs.codes import (
    APPLICANT_STATUSES,
    EU_ONLY_APPLICANT_STATUSES,
    KINDS,
    OPERATOR_KINDS,
    ORIGINS,
    REPRESENTATIVE_ROLES,
    UTILITY_MODEL,
)
from ipreg.plugins.ukraine.customs.terms import MAX_TERM_MONTHS

A = "608/2013 Art. 6(3)"
RULE_A = "608/2013 Art. 6(3)(a)"    # AFA box 1: the applicant
RULE_B = "608/2013 Art. 6(3)(b)"    # box 3: its status
RULE_C = "608/2013 Art. 6(3)(c)"    # documents proving the entitlement
RULE_D = "608/2013 Art. 6(3)(d)"    # box 4: the representative submitting it
RULE_E = "608/2013 Art. 6(3)(e)"    # box 5: the IP rights
RULE_F = "608/2013 Art. 6(3)(f)"    # box 6: Member States (a Union application)
RULE_G = "608/2013 Art. 6(3)(g)"    # boxes 12-19: the authentic goods
RULE_H = "608/2013 Art. 6(3)(h)"    # boxes 12-19: how to identify them
RULE_I = "608/2013 Art. 6(3)(i)"    # risk analysis: operators, counterfeits
RULE_J = "608/2013 Art. 6(3)(j)"    # restricted handling (Art. 31(5))
RULE_K = "608/2013 Art. 6(3)(k)"    # boxes 7-8: legal and technical representatives
KINDS_RULE = "Order 282 kinds"
NICE_RULE = "Order 282 Nice"
CONTENTS_RULE = "Order 282 contents"
TERM_RULE = "Order 282 term"
APPLICANT_RULE = "Order 282 applicant"
OPERATOR_RULE = "Order 281 p.12"
LAPSE_RULE = "608/2013 Art. 11(3)"
SUSPENSION_RULE = "CC Art. 399"
HIT_RULE = "CC Art. 397"
APPEAL_RULE = "Seed 000 ESR"

#: Art. 6(3)(j): the items that may be marked for restricted handling.
RESTRICTED_ITEMS = ("g", "h", "i")
PARTY_TYPES = ("legal", "natural")

MB = 1024 * 1024
#: Order 282 (digest §2.1): photos of original products and images of the objects.
IMAGE = FilePurpose("ukraine_customs_image", frozenset({"image/jpeg", "image/png", "image/tiff"}),
                    5 * MB, "an image: JPEG, PNG or TIFF, at most 5 MB (Order 282 contents)",
                    CONTENTS_RULE)

PARTY = FormSpec("party", f"A person of the recordal ({RULE_A}: name, address, EORI, TIN, "
                 "national registration number, phone, e-mail, website).", (
    F("name", description="Name", rule=RULE_A, required=True),
    F("partyType", description="legal or natural", rule=RULE_A, codes=PARTY_TYPES),
    F("country", "country", "Country (ISO 3166-1 alpha-2)", RULE_A, required=True),
    F("edrpou", description="EDRPOU code (a Ukrainian legal entity)", rule=RULE_A),
    F("rnokpp", description="RNOKPP (a Ukrainian natural person)", rule=RULE_A),
    F("taxpayerId", description="Foreign taxpayer identification number (TIN)", rule=RULE_A),
    F("eori", description="EORI number", rule=RULE_A),
    F("address", description="Address", rule=RULE_A, required=True),
    F("email", description="E-mail", rule=RULE_A),
    F("phone", description="Telephone", rule=RULE_A),
    F("website", description="Website", rule=RULE_A),
))
DOCUMENT = FormSpec("entitlementDocument", f"A document proving the entitlement to apply "
                    f"({RULE_C}).", (
    F("title", description="What the document is", rule=RULE_C, required=True),
    F("number", description="Its number", rule=RULE_C),
    F("date", "date", "Its date", RULE_C),
))
REPRESENTATIVE = FormSpec("representative", f"A representative in a role ({RULE_D}, "
                          f"{RULE_K}, Order 282).", (
    F("role", description="submitting (box 4), legal, technical (boxes 7-8), "
      "product_identification, ip_protection", rule=RULE_K, required=True,
      codes=REPRESENTATIVE_ROLES),
    F("party", PARTY, "The representative", RULE_K, required=True),
    F("authority", description="Proof of the authority to act (power of attorney)",
      rule=RULE_D),
))
GOODS = FormSpec("goods", f"Goods of one right: authentic goods and how to identify them "
                 f"({RULE_G}, {RULE_H}; AFA boxes 12-19).", (
    F("description", description="Description of the goods", rule=RULE_G, required=True),
    F("uktzed", description="UKTZED codes of the goods", rule=CONTENTS_RULE, required=True,
      many=True, min_items=1),
    F("niceClasses", "int", "Nice classes of the goods (trademarks only; classes of the "
      "registration)", NICE_RULE, many=True),
    F("photos", "file", "Photos of the original product", CONTENTS_RULE, required=True,
      many=True, min_items=1),
    F("packaging", description="Packaging of the original goods", rule=RULE_G),
    F("identification", description="How to tell originals from fakes", rule=RULE_H,
      required=True),
    F("samples", "bool", "Samples of originals or fakes can be submitted", CONTENTS_RULE),
))
RIGHT = FormSpec("right", f"An IP right to be enforced ({RULE_E}; AFA box 5).", (
    F("kind", description="Kind of object (Customs Code Art. 398; not utility models)",
      rule=KINDS_RULE, required=True, codes=tuple(KINDS)),
    F("origin", description="national or international registration", rule=RULE_E,
      codes=ORIGINS),
    F("registrationNumber", description="Number of the registration (or of the deposit, "
      "for copyright)", rule=RULE_E, required=True),
    F("name", description="Name of the object", rule=RULE_E, required=True),
    F("registeredOn", "date", "Date of the registration", RULE_E),
    F("expiresOn", "date", "Expiry of the right", LAPSE_RULE),
    F("niceClasses", "int", "Nice classes of the registration (trademarks)", NICE_RULE,
      many=True),
    F("representation", "file", "Image of the object", CONTENTS_RULE),
    F("goods", GOODS, "Goods the recordal covers for this right", RULE_G, required=True,
      many=True, min_items=1),
))
OPERATOR = FormSpec("operator", f"An authorised operator: importer, exporter, manufacturer "
                    f"or distributor ({OPERATOR_RULE}; {RULE_I}).", (
    F("kind", description="importer, exporter, manufacturer or distributor",
      rule=OPERATOR_RULE, required=True, codes=OPERATOR_KINDS),
    F("party", PARTY, "The operator, with the identifier its declarations carry",
      OPERATOR_RULE, required=True),
))
COUNTERFEIT = FormSpec("counterfeit", f"A counterfeit known to the right holder ({RULE_I}).", (
    F("description", description="What was found and how it differs", rule=RULE_I,
      required=True),
    F("originCountry", "country", "Country of origin", RULE_I),
    F("route", "country", "Countries of the route, in order", RULE_I, many=True),
    F("detectedOn", "date", "When it was detected", RULE_I),
))
RECORDAL = FormSpec("recordal", "An application to register IP objects in the customs "
                    "register (Order 282), box by box an EU application for action "
                    f"({A} a-k).", (
    F("applicant", PARTY, "The applicant (AFA box 1)", RULE_A, required=True),
    F("applicantStatus", description="right_holder, or gi_operator for geographical "
      "indications (AFA box 3)", rule=RULE_B, required=True),
    F("entitlementDocuments", DOCUMENT, "Documents proving the entitlement", RULE_C,
      required=True, many=True, min_items=1),
    F("representatives", REPRESENTATIVE, "Representatives by role", RULE_K, many=True),
    F("rights", RIGHT, "The IP rights (several objects in one application)", RULE_E,
      required=True, many=True, min_items=1),
    F("operators", OPERATOR, "Authorised operators", OPERATOR_RULE, many=True),
    F("counterfeits", COUNTERFEIT, "Known counterfeits and their routes", RULE_I, many=True),
    F("restrictedHandling", description="Items g, h, i marked for restricted handling",
      rule=RULE_J, many=True, codes=RESTRICTED_ITEMS),
    F("termMonths", "int", "Term requested, in months (at most 12)", TERM_RULE,
      required=True, minimum=1, maximum=MAX_TERM_MONTHS),
))
#: The parts of a recordal an amendment may replace (Order 282 amendment).
AMENDMENT = FormSpec("amendment", "Parts of a registered recordal to replace: each given "
                     "list replaces the registered one.", (
    F("representatives", REPRESENTATIVE, "Representatives by role", RULE_K, many=True),
    F("operators", OPERATOR, "Authorised operators", OPERATOR_RULE, many=True),
    F("counterfeits", COUNTERFEIT, "Known counterfeits and their routes", RULE_I, many=True),
    F("restrictedHandling", description="Items g, h, i marked for restricted handling",
      rule=RULE_J, many=True, codes=RESTRICTED_ITEMS),
))
DECLARATION = FormSpec("declaration", "The customs declaration whose goods hit a register "
                       f"entry ({HIT_RULE}).", (
    F("reference", description="Number of the customs declaration", rule=HIT_RULE,
      required=True),
    F("date", "date", "Date of the declaration", HIT_RULE, required=True),
    F("declarant", PARTY, "The declarant", SUSPENSION_RULE, required=True),
    F("customsPost", description="The customs post", rule=HIT_RULE, required=True),
    F("goods", description="Description of the declared goods", rule=HIT_RULE,
      required=True),
    F("uktzed", description="UKTZED code of the declared goods", rule=HIT_RULE,
      required=True),
    F("quantity", "int", "Number of items", HIT_RULE, required=True, minimum=1),
    F("smallConsignment", "bool", "A small consignment (CC Art. 399 small-consignment "
      "procedure)", SUSPENSION_RULE),
))
APPEAL = FormSpec("appeal", "An official importer's appeal against a customs decision on "
                  "the customs value or classification of goods another imported "
                  f"({APPEAL_RULE}).", (
    F("decision", description="Number of the customs decision appealed", rule=APPEAL_RULE,
      required=True),
    F("decisionKind", description="customs_value or classification", rule=APPEAL_RULE,
      required=True, codes=("customs_value", "classification")),
    F("decisionDate", "date", "Date of the decision", APPEAL_RULE, required=True),
    F("importerName", description="The importer that is not an official importer",
      rule=APPEAL_RULE, required=True),
    F("importerIdentifier", description="Its identifier (EDRPOU, RNOKPP or EORI)",
      rule=APPEAL_RULE, required=True),
    F("grounds", description="Grounds of the appeal", rule=APPEAL_RULE, required=True),
))


# ---------------------------------------------------------------- the parsed recordal


def _drop_none(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != [] and v is not False}


@dataclass(frozen=True)
class PartyData:
    """A person of a recordal (AFA box 1 shape)."""

    name: str
    country: str
    address: str
    party_type: str = "legal"
    edrpou: str | None = None
    rnokpp: str | None = None
    taxpayer_id: str | None = None
    eori: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None

    @property
    def identifier(self) -> str | None:
        """What a declaration names the person by: EDRPOU, RNOKPP, TIN or EORI."""
        return self.edrpou or self.rnokpp or self.taxpayer_id or self.eori

    def to_form(self) -> dict[str, Any]:
        return _drop_none({"name": self.name, "partyType": self.party_type,
                           "country": self.country, "edrpou": self.edrpou,
                           "rnokpp": self.rnokpp, "taxpayerId": self.taxpayer_id,
                           "eori": self.eori, "address": self.address, "email": self.email,
                           "phone": self.phone, "website": self.website})

    def party_form(self) -> PartyForm:
        """The core party (found again by country and identifier)."""
        contacts = [ContactForm(channel=c, values=[v]) for c, v in (
            ("EM", self.email), ("TE", self.phone), ("WEB", self.website)) if v]
        return PartyForm(party_type=self.party_type, country=self.country, name=self.name,
                         short_name=None, taxpayer_id=self.identifier,
                         addresses=[AddressForm(kind="1", country=self.country,
                                                street=self.address)],
                         contacts=contacts)


@dataclass(frozen=True)
class DocumentData:
    title: str
    number: str | None = None
    date: dt.date | None = None

    def to_form(self) -> dict[str, Any]:
        return _drop_none({"title": self.title, "number": self.number,
                           "date": self.date.isoformat() if self.date else None})


@dataclass(frozen=True)
class RepresentativeData:
    role: str
    party: PartyData
    authority: str | None = None

    def to_form(self) -> dict[str, Any]:
        return _drop_none({"role": self.role, "party": self.party.to_form(),
                           "authority": self.authority})


@dataclass(frozen=True)
class GoodsItem:
    description: str
    uktzed: tuple[str, ...]
    identification: str
    photos: tuple[str, ...]
    nice_classes: tuple[int, ...] = ()
    packaging: str | None = None
    samples: bool = False

    def to_form(self) -> dict[str, Any]:
        return _drop_none({"description": self.description, "uktzed": list(self.uktzed),
                           "niceClasses": list(self.nice_classes), "photos": list(self.photos),
                           "packaging": self.packaging, "identification": self.identification,
                           "samples": self.samples})


@dataclass(frozen=True)
class RightData:
    kind: str
    registration_number: str
    name: str
    goods: tuple[GoodsItem, ...]
    origin: str = "national"
    registered_on: dt.date | None = None
    expires_on: dt.date | None = None
    nice_classes: tuple[int, ...] = ()
    representation: str | None = None

    def to_form(self) -> dict[str, Any]:
        return _drop_none({
            "kind": self.kind, "origin": self.origin,
            "registrationNumber": self.registration_number, "name": self.name,
            "registeredOn": self.registered_on.isoformat() if self.registered_on else None,
            "expiresOn": self.expires_on.isoformat() if self.expires_on else None,
            "niceClasses": list(self.nice_classes), "representation": self.representation,
            "goods": [g.to_form() for g in self.goods]})


@dataclass(frozen=True)
class OperatorData:
    kind: str
    party: PartyData

    def to_form(self) -> dict[str, Any]:
        return {"kind": self.kind, "party": self.party.to_form()}


@dataclass(frozen=True)
class CounterfeitData:
    description: str
    origin_country: str | None = None
    route: tuple[str, ...] = ()
    detected_on: dt.date | None = None

    def to_form(self) -> dict[str, Any]:
        return _drop_none({"description": self.description,
                           "originCountry": self.origin_country, "route": list(self.route),
                           "detectedOn": self.detected_on.isoformat()
                           if self.detected_on else None})


@dataclass(frozen=True)
class Recordal:
    """A recordal as read from its form: what the register stores and COPIS exchanges."""

    applicant: PartyData
    applicant_status: str
    entitlement: tuple[DocumentData, ...]
    rights: tuple[RightData, ...]
    term_months: int
    representatives: tuple[RepresentativeData, ...] = ()
    operators: tuple[OperatorData, ...] = ()
    counterfeits: tuple[CounterfeitData, ...] = ()
    restricted: tuple[str, ...] = ()

    def to_form(self) -> dict[str, Any]:
        return _drop_none({
            "applicant": self.applicant.to_form(), "applicantStatus": self.applicant_status,
            "entitlementDocuments": [d.to_form() for d in self.entitlement],
            "representatives": [r.to_form() for r in self.representatives],
            "rights": [r.to_form() for r in self.rights],
            "operators": [o.to_form() for o in self.operators],
            "counterfeits": [c.to_form() for c in self.counterfeits],
            "restrictedHandling": list(self.restricted), "termMonths": self.term_months})

    def files(self) -> list[tuple[str, str]]:
        """(sha256, path) of every image the form names."""
        out = []
        for i, right in enumerate(self.rights):
            if right.representation:
                out.append((right.representation, f"rights[{i}].representation"))
            for j, goods in enumerate(right.goods):
                out += [(sha, f"rights[{i}].goods[{j}].photos[{k}]")
                        for k, sha in enumerate(goods.photos)]
        return out


# ---------------------------------------------------------------- the reader


class RecordalReader(UkrainianIdentifierReader):
    """Reads the forms of the customs register; ``today`` dates the lapse check."""

    date_rule = RULE_A
    country_rule = RULE_A

    def __init__(self, today: dt.date, problems: Problems | None = None) -> None:
        super().__init__(problems)
        self.today = today

    # ------------------------------------------------------------ parts

    def party(self, value: Any, path: str, rule: str = RULE_A) -> PartyData | None:
        before = len(self.problems.found)
        data = self.mapping(value, path, PARTY)
        if data is None:
            return None
        name = self.text(data, "name", path, required=True, limit=1000, rule=rule)
        party_type = self.code(data, "partyType", path, PARTY_TYPES, rule=rule) or "legal"
        country = self.country(data, "country", path, required=True, rule=rule)
        edrpou = self.edrpou(data, "edrpou", path)
        rnokpp = self.rnokpp(data, "rnokpp", path)
        taxpayer = self.text(data, "taxpayerId", path, limit=32, rule=rule)
        eori = self.text(data, "eori", path, limit=17, rule=rule)
        address = self.text(data, "address", path, required=True, limit=1000, rule=rule)
        email = self.text(data, "email", path, limit=320, rule=rule)
        if email is not None and "@" not in email:
            self.problems.add(join_path(path, "email"), f"{email!r} is not an e-mail "
                              "address", rule=rule)
        phone = self.text(data, "phone", path, limit=40, rule=rule)
        website = self.text(data, "website", path, limit=500, rule=rule)
        if country == "UA" and party_type == "legal" and edrpou is None and \
                data.get("edrpou") is None:
            self.problems.add(join_path(path, "edrpou"), "a Ukrainian legal entity is named "
                              "by its EDRPOU code", rule=rule, code="required")
        if len(self.problems.found) > before:
            return None
        assert name and country and address
        return PartyData(name, country, address, party_type, edrpou, rnokpp, taxpayer, eori,
                         email, phone, website)

    def document(self, value: Any, path: str) -> DocumentData | None:
        data = self.mapping(value, path, DOCUMENT)
        if data is None:
            return None
        title = self.text(data, "title", path, required=True, limit=500, rule=RULE_C)
        number = self.text(data, "number", path, limit=100, rule=RULE_C)
        day = self.date(data, "date", path, rule=RULE_C)
        return DocumentData(title, number, day) if title else None

    def representative(self, value: Any, path: str) -> RepresentativeData | None:
        data = self.mapping(value, path, REPRESENTATIVE)
        if data is None:
            return None
        role = self.code(data, "role", path, REPRESENTATIVE_ROLES, required=True, rule=RULE_K)
        party = self.party(data.get("party"), join_path(path, "party"), RULE_K) \
            if data.get("party") is not None else self._missing(path, "party", RULE_K)
        authority = self.text(data, "authority", path, limit=1000, rule=RULE_D)
        if role == "submitting" and authority is None:
            self.problems.add(join_path(path, "authority"), "the representative submitting "
                              "the application proves its authority to act", rule=RULE_D,
                              code="required")
            return None
        return RepresentativeData(role, party, authority) if role and party else None

    def _missing(self, path: str, key: str, rule: str) -> Any:
        """Report ``path.key`` missing; ``None``."""
        self.problems.add(join_path(path, key), "is required", rule=rule, code="required")
        return None

    def _ints(self, data: Mapping[str, Any], key: str, path: str, rule: str,
              lo: int, hi: int) -> list[int]:
        out = []
        for where, item in self.items(data, key, path, rule=rule):
            if isinstance(item, bool) or not isinstance(item, int) or not lo <= item <= hi:
                self.problems.add(where, f"{item!r} is not a class {lo}-{hi}", rule=rule,
                                  code="out_of_range")
                continue
            out.append(item)
        return out

    def _files(self, data: Mapping[str, Any], key: str, path: str, rule: str,
               minimum: int = 0) -> list[str]:
        out = []
        for where, item in self.items(data, key, path, minimum=minimum, rule=rule):
            ref = self.file(item, where)
            if ref is not None:
                out.append(ref.sha256)
        return out

    def goods(self, value: Any, path: str, right_kind: str | None,
              right_classes: Sequence[int]) -> GoodsItem | None:
        before = len(self.problems.found)
        data = self.mapping(value, path, GOODS)
        if data is None:
            return None
        description = self.text(data, "description", path, required=True, rule=RULE_G)
        codes = self.strings(data, "uktzed", path, rule=CONTENTS_RULE)
        if not codes:
            self.problems.add(join_path(path, "uktzed"), "needs at least 1 UKTZED code",
                              rule=CONTENTS_RULE, code="too_few")
        for i, code in enumerate(codes):
            problem = uktzed_problem(code)
            if problem:
                self.problems.add(f"{join_path(path, 'uktzed')}[{i}]", f"{problem} "
                                  f"({UKTZED_RULE})", rule=CONTENTS_RULE, code="unknown_code")
        classes = self._ints(data, "niceClasses", path, NICE_RULE, 1, 45)
        if classes and right_kind not in (None, "trademark"):
            self.problems.add(join_path(path, "niceClasses"), "Nice classes are given for "
                              "trademarks only", rule=NICE_RULE)
        elif right_kind == "trademark":
            outside = sorted(set(classes) - set(right_classes))
            if outside:
                self.problems.add(join_path(path, "niceClasses"), f"classes {outside} are "
                                  "not classes of the registration: a trademark is recorded "
                                  "only for the goods of its registration", rule=NICE_RULE)
        photos = self._files(data, "photos", path, CONTENTS_RULE, minimum=1)
        packaging = self.text(data, "packaging", path, rule=RULE_G)
        identification = self.text(data, "identification", path, required=True, rule=RULE_H)
        samples = self.boolean(data, "samples", path) or False
        if len(self.problems.found) > before:
            return None
        assert description and identification
        return GoodsItem(description, tuple(codes), identification, tuple(photos),
                         tuple(classes), packaging, samples)

    def right(self, value: Any, path: str) -> RightData | None:
        before = len(self.problems.found)
        data = self.mapping(value, path, RIGHT)
        if data is None:
            return None
        kind = self.text(data, "kind", path, required=True, limit=64, rule=KINDS_RULE)
        if kind == UTILITY_MODEL:
            self.problems.add(join_path(path, "kind"), "utility models are not protected at "
                              "the border (Customs Code Art. 398 as amended in 2019)",
                              rule=KINDS_RULE, code="unknown_code")
            kind = None
        elif kind is not None and kind not in KINDS:
            self.problems.add(join_path(path, "kind"), f"{kind!r} is not one of "
                              f"{', '.join(KINDS)}", rule=KINDS_RULE, code="unknown_code")
            kind = None
        origin = self.code(data, "origin", path, ORIGINS, rule=RULE_E) or "national"
        number = self.text(data, "registrationNumber", path, required=True, limit=64,
                           rule=RULE_E)
        name = self.text(data, "name", path, required=True, limit=1000, rule=RULE_E)
        registered = self.date(data, "registeredOn", path, rule=RULE_E)
        expires = self.date(data, "expiresOn", path, rule=LAPSE_RULE)
        if expires is not None and expires < self.today:
            self.problems.add(join_path(path, "expiresOn"), f"the right lapsed on {expires}: "
                              "customs do not act on a lapsed right", rule=LAPSE_RULE)
        classes = self._ints(data, "niceClasses", path, NICE_RULE, 1, 45)
        if classes and kind not in (None, "trademark"):
            self.problems.add(join_path(path, "niceClasses"), "Nice classes are given for "
                              "trademarks only", rule=NICE_RULE)
        if kind == "trademark" and not classes:
            self.problems.add(join_path(path, "niceClasses"), "a trademark names the Nice "
                              "classes of its registration", rule=NICE_RULE, code="required")
        representation = None
        if data.get("representation") is not None:
            ref = self.file(data.get("representation"), join_path(path, "representation"))
            representation = ref.sha256 if ref else None
        goods = self.each(data, "goods", path,
                          lambda v, p: self.goods(v, p, kind, classes), minimum=1, rule=RULE_G)
        if len(self.problems.found) > before:
            return None
        assert kind and number and name
        return RightData(kind, number, name, tuple(goods), origin, registered, expires,
                         tuple(classes), representation)

    def operator(self, value: Any, path: str) -> OperatorData | None:
        data = self.mapping(value, path, OPERATOR)
        if data is None:
            return None
        kind = self.code(data, "kind", path, OPERATOR_KINDS, required=True, rule=OPERATOR_RULE)
        party = self.party(data.get("party"), join_path(path, "party"), OPERATOR_RULE) \
            if data.get("party") is not None else self._missing(path, "party", OPERATOR_RULE)
        if party is not None and party.identifier is None:
            self.problems.add(join_path(path, "party"), "an authorised operator is known by "
                              "the identifier its declarations carry (EDRPOU, RNOKPP, TIN or "
                              "EORI)", rule=OPERATOR_RULE, code="required")
            return None
        return OperatorData(kind, party) if kind and party else None

    def counterfeit(self, value: Any, path: str) -> CounterfeitData | None:
        data = self.mapping(value, path, COUNTERFEIT)
        if data is None:
            return None
        description = self.text(data, "description", path, required=True, rule=RULE_I)
        origin = self.country(data, "originCountry", path, rule=RULE_I)
        route: list[str] = []
        for where, item in self.items(data, "route", path, rule=RULE_I):
            country = item.upper() if isinstance(item, str) else ""
            if country not in country_codes():
                self.problems.add(where, f"{item!r} is not a country of the route",
                                  rule=RULE_I, code="unknown_code")
            else:
                route.append(country)
        detected = self.date(data, "detectedOn", path, rule=RULE_I)
        return CounterfeitData(description, origin, tuple(route), detected) \
            if description else None

    def restricted(self, data: Mapping[str, Any], path: str) -> list[str]:
        out = []
        for where, item in self.items(data, "restrictedHandling", path, rule=RULE_J):
            if item not in RESTRICTED_ITEMS:
                self.problems.add(where, f"{item!r} is not one of g, h, i: only the data of "
                                  "Art. 6(3)(g)-(i) may be restricted", rule=RULE_J,
                                  code="unknown_code")
            elif item not in out:
                out.append(item)
        return out

    def operators(self, data: Mapping[str, Any], path: str) -> list[OperatorData]:
        found = self.each(data, "operators", path, self.operator, rule=OPERATOR_RULE)
        seen: set[tuple[str | None, str]] = set()
        for i, op in enumerate(found):
            key = (op.party.identifier, op.kind)
            if key in seen:
                self.problems.add(f"{join_path(path, 'operators')}[{i}]", "the same operator "
                                  "is named twice in the same role", rule=OPERATOR_RULE,
                                  code="duplicate")
            seen.add(key)
        return found

    # ------------------------------------------------------------ forms

    def recordal(self, value: Any) -> Recordal | None:
        data = self.mapping(value, "", RECORDAL)
        if data is None:
            return None
        applicant = self.party(data.get("applicant"), "applicant") \
            if data.get("applicant") is not None else self._missing("", "applicant", RULE_A)
        status = self.text(data, "applicantStatus", "", required=True, limit=32, rule=RULE_B)
        if status in EU_ONLY_APPLICANT_STATUSES:
            self.problems.add("applicantStatus", f"{status!r}: only the owner registers an "
                              "object in the customs register; licensees, collective and "
                              "defence bodies are named as representatives or authorised "
                              "persons", rule=APPLICANT_RULE, code="unknown_code")
            status = None
        elif status is not None and status not in APPLICANT_STATUSES:
            self.problems.add("applicantStatus", f"{status!r} is not one of "
                              f"{', '.join(APPLICANT_STATUSES)}", rule=RULE_B,
                              code="unknown_code")
            status = None
        documents = self.each(data, "entitlementDocuments", "", self.document, minimum=1,
                              rule=RULE_C)
        representatives = sorted(
            self.each(data, "representatives", "", self.representative, rule=RULE_K),
            key=lambda r: REPRESENTATIVE_ROLES.index(r.role))
        rights = self.each(data, "rights", "", self.right, minimum=1, rule=RULE_E)
        numbers = [(r.kind, r.registration_number) for r in rights]
        if len(set(numbers)) != len(numbers):
            self.problems.add("rights", "the same right is named twice", rule=RULE_E,
                              code="duplicate")
        if status == "gi_operator" and any(r.kind != "geographical_indication"
                                           for r in rights):
            self.problems.add("applicantStatus", "an operator entitled to use a geographical "
                              "indication applies for geographical indications only",
                              rule=RULE_B)
        operators = self.operators(data, "")
        counterfeits = self.each(data, "counterfeits", "", self.counterfeit, rule=RULE_I)
        restricted = self.restricted(data, "")
        months = self.integer(data, "termMonths", "", required=True, rule=TERM_RULE)
        if months is not None and not 1 <= months <= MAX_TERM_MONTHS:
            self.problems.add("termMonths", f"{months} months: the term is at most one year "
                              f"({MAX_TERM_MONTHS} months) from registration", rule=TERM_RULE,
                              code="out_of_range")
            months = None
        if self.problems.found:
            return None
        assert applicant and status and months
        return Recordal(applicant, status, tuple(documents), tuple(rights), months,
                        tuple(representatives), tuple(operators), tuple(counterfeits),
                        tuple(restricted))


@dataclass(frozen=True)
class Declaration:
    """The declaration whose goods hit an entry (CC Art. 397)."""

    reference: str
    date: dt.date
    declarant: PartyData
    customs_post: str
    goods: str
    uktzed: str
    quantity: int
    small_consignment: bool = False


@dataclass(frozen=True)
class AppealData:
    """An official importer's appeal (Seed 000 ESR)."""

    decision: str
    decision_kind: str
    decision_date: dt.date
    importer_name: str
    importer_identifier: str
    grounds: str


def parse_declaration(value: Any, today: dt.date) -> Declaration:
    """The declaration of a register hit, or ``BadUserInput`` listing every problem."""
    reader = RecordalReader(today)
    path = "declaration"
    data = reader.mapping(value, path, DECLARATION)
    if data is None:
        reader.raise_if_any()
        raise AssertionError("unreachable")
    reference = reader.text(data, "reference", path, required=True, limit=64, rule=HIT_RULE)
    day = reader.date(data, "date", path, required=True, rule=HIT_RULE)
    if day is not None and day > today:
        reader.problems.add("declaration.date", f"{day} is after today: a declaration is "
                            "lodged before its goods are checked", rule=HIT_RULE)
    declarant = reader.party(data.get("declarant"), "declaration.declarant") \
        if data.get("declarant") is not None else reader._missing(
            path, "declarant", SUSPENSION_RULE)
    if declarant is not None and declarant.identifier is None:
        reader.problems.add("declaration.declarant", "a declarant is named by its "
                            "identifier (EDRPOU, RNOKPP, TIN or EORI)",
                            rule=SUSPENSION_RULE, code="required")
    post = reader.text(data, "customsPost", path, required=True, limit=200, rule=HIT_RULE)
    goods = reader.text(data, "goods", path, required=True, rule=HIT_RULE)
    code = reader.text(data, "uktzed", path, required=True, limit=10, rule=HIT_RULE)
    if code is not None and uktzed_problem(code):
        reader.problems.add("declaration.uktzed", f"{uktzed_problem(code)} ({UKTZED_RULE})",
                            rule=HIT_RULE, code="unknown_code")
    quantity = reader.integer(data, "quantity", path, required=True, minimum=1,
                              rule=HIT_RULE)
    small = reader.boolean(data, "smallConsignment", path) or False
    reader.raise_if_any()
    assert reference and day and declarant and post and goods and code and quantity
    return Declaration(reference, day, declarant, post, goods, code, quantity, small)


def parse_appeal(value: Any, today: dt.date) -> AppealData:
    """An official importer's appeal, or ``BadUserInput`` listing every problem."""
    reader = RecordalReader(today)
    path = "appeal"
    data = reader.mapping(value, path, APPEAL)
    if data is None:
        reader.raise_if_any()
        raise AssertionError("unreachable")
    decision = reader.text(data, "decision", path, required=True, limit=64, rule=APPEAL_RULE)
    kind = reader.code(data, "decisionKind", path, ("customs_value", "classification"),
                       required=True, rule=APPEAL_RULE)
    day = reader.date(data, "decisionDate", path, required=True, rule=APPEAL_RULE)
    if day is not None and day > today:
        reader.problems.add("appeal.decisionDate", "a decision appealed is already taken",
                            rule=APPEAL_RULE)
    importer = reader.text(data, "importerName", path, required=True, limit=1000,
                           rule=APPEAL_RULE)
    identifier = reader.text(data, "importerIdentifier", path, required=True, limit=32,
                             rule=APPEAL_RULE)
    grounds = reader.text(data, "grounds", path, required=True, rule=APPEAL_RULE)
    reader.raise_if_any()
    assert decision and kind and day and importer and identifier and grounds
    return AppealData(decision, kind, day, importer, identifier, grounds)


@dataclass
class Amendment:
    """The parts an amendment replaces (``None``: kept)."""

    representatives: list[RepresentativeData] | None = None
    operators: list[OperatorData] | None = None
    counterfeits: list[CounterfeitData] | None = None
    restricted: list[str] | None = None
    given: list[str] = field(default_factory=list)


def parse_recordal(value: Any, today: dt.date) -> Recordal:
    """The recordal of a form, or ``BadUserInput`` listing every problem."""
    reader = RecordalReader(today)
    recordal = reader.recordal(value)
    reader.raise_if_any()
    assert recordal is not None
    return recordal


def parse_amendment(value: Any, today: dt.date) -> Amendment:
    reader = RecordalReader(today)
    data = reader.mapping(value, "changes", AMENDMENT)
    out = Amendment()
    if data is not None:
        if "representatives" in data:
            out.representatives = reader.each(data, "representatives", "changes",
                                              reader.representative, rule=RULE_K)
        if "operators" in data:
            out.operators = reader.operators(data, "changes")
        if "counterfeits" in data:
            out.counterfeits = reader.each(data, "counterfeits", "changes",
                                           reader.counterfeit, rule=RULE_I)
        if "restrictedHandling" in data:
            out.restricted = reader.restricted(data, "changes")
        out.given = [k for k in data if k in AMENDMENT.names()]
        if not out.given:
            reader.problems.add("changes", "name at least one part to change", rule=RULE_K,
                                code="required")
    reader.raise_if_any()
    return out


async def check_images(session: AsyncSession, refs: Sequence[tuple[str, str]],
                       problems: Problems) -> None:
    """Every image a form names is stored and is an image (:data:`IMAGE`)."""
    if not refs:
        return
    rows = await session.execute(select(StoredFile).where(
        StoredFile.sha256.in_({sha for sha, _ in refs})))
    stored = {row.sha256: row for row in rows.scalars()}
    for sha, path in refs:
        row = stored.get(sha)
        if row is None:
            problems.add(path, f"no stored file {sha[:12]}…: upload it first (uploadFile, "
                         f"purpose {IMAGE.code})", rule=CONTENTS_RULE, code="not_a_file")
            continue
        for code, message in purpose_problems(row, IMAGE):
            problems.add(path, message, rule=IMAGE.legal_point, code=code)


__all__ = [
    "AMENDMENT",
    "APPEAL",
    "DECLARATION",
    "IMAGE",
    "PARTY",
    "RECORDAL",
    "Amendment",
    "AppealData",
    "CounterfeitData",
    "Declaration",
    "DocumentData",
    "FileRef",
    "GoodsItem",
    "OperatorData",
    "PartyData",
    "Recordal",
    "RecordalReader",
    "RepresentativeData",
    "RightData",
    "check_images",
    "parse_amendment",
    "parse_appeal",
    "parse_declaration",
    "parse_recordal",
]
