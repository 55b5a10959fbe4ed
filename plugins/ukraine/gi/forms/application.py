"""The request for registration of a GI (заява, Appendix 1; GI rules II.3; digest §2.3)
and the whole filing it heads (II.1): applicants (section 3), representative (4),
correspondence address (5), claimed name (6), competent authority (7), attachments (8),
signatures (9), with the specification, single document, foreign protection documents
and agreement. :func:`read_filing` reports every problem of §8.1-8.2 at once; what the
Rules leave to the examiner comes back as warnings (W rules)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec, join_path
from ipreg.plugins.ukraine.common.signature import SIGNATURE
from ipreg.plugins.ukraine.gi.documents import DOCUMENT, read_documents
from ipreg.plugins.ukraine.gi.forms.agreement import AGREEMENT, read_agreement
from ipreg.plugins.ukraine.gi.forms.common import (
    ADDRESS,
    KINDS,
    NAMED_ADDRESS,
    REGIMES,
    GiReader,
    has_diacritics,
    looks_ukrainian,
    script_of,
)
from ipreg.plugins.ukraine.gi.forms.foreign import FOREIGN_DOCUMENT, read_foreign_documents
from ipreg.plugins.ukraine.gi.forms.single_document import (
    SINGLE_DOCUMENT,
    read_single_document,
    single_document_warnings,
)
from ipreg.plugins.ukraine.gi.forms.specification import (
    SPECIFICATION,
    read_specification,
    specification_warnings,
)
from ipreg.plugins.ukraine.gi.regimes import (
    REGIME_BY_CATEGORY_ENV,
    SPIRIT_PROVISIONS,
    SPIRITS_FROM_ENV,
    SPIRITS_RULE,
    regime_of,
    spirits_from,
    spirits_in_force,
)
from ipreg.search import translit

CHANNELS = ("paper_direct", "paper_post", "electronic")
PERSON_TYPES = ("legal", "natural")
REPRESENTATIVE_KINDS = ("patent_attorney", "other")
NUMBER = re.compile(r"^i[0-9]{4}[0-9]{5}$")

IDENTITY = FormSpec("identityDocument", "An identity document (GI rules II.3.4 ¶11; "
                    "confidential, ¶15).", (
    F("type", description="Kind of document (passport, ID card, ...)", rule="GI rules II.3.4 ¶11",
      required=True),
    F("series", description="Series, if any", rule="GI rules II.3.4 ¶11"),
    F("number", description="Number", rule="GI rules II.3.4 ¶11", required=True),
    F("issuer", description="Issuing authority", rule="GI rules II.3.4 ¶11", required=True),
    F("issuedOn", "date", "Date of issue", "GI rules II.3.4 ¶11", required=True),
))

APPLICANT = FormSpec("applicant", "An applicant (form section 3; GI rules II.3.4).", (
    F("personType", description="legal (point 3.1) or natural (point 3.2)",
      rule="GI rules II.3.4", required=True, codes=PERSON_TYPES),
    F("fullName", description="3.1 full name of a legal person", rule="GI rules II.3.4 ¶4"),
    F("edrpou", description="3.1 EDRPOU code (Ukrainian legal persons, A-38)",
      rule="GI rules II.3.4 ¶5"),
    F("foreignRegistrationNumber", description="3.1 registration number in a foreign state "
      "(non-residents)", rule="GI rules II.3.4 ¶6"),
    F("seatAddress", ADDRESS, "3.1 seat", "GI rules II.3.4 ¶7"),
    F("surname", description="3.2 surname", rule="GI rules II.3.4 ¶9"),
    F("givenName", description="3.2 given name", rule="GI rules II.3.4 ¶9"),
    F("patronymic", description="3.2 patronymic, if any", rule="GI rules II.3.4 ¶9"),
    F("birthDate", "date", "3.2 date of birth (confidential)", "GI rules II.3.4 ¶10"),
    F("identityDocument", IDENTITY, "3.2 identity document (confidential)",
      "GI rules II.3.4 ¶11"),
    F("rnokpp", description="3.2 RNOKPP, if any (confidential)", rule="GI rules II.3.4 ¶12"),
    F("unzr", description="3.2 UNZR, if any (confidential)", rule="GI rules II.3.4 ¶13"),
    F("residenceAddress", ADDRESS, "3.2 declared or registered residence (confidential)",
      "GI rules II.3.4 ¶14"),
    F("correspondenceAddress", description="Correspondence address (published, V.6.2 ¶19)",
      rule="GI rules II.3.4 ¶16", required=True),
    F("phone", description="Telephone", rule="GI rules II.3.4 ¶16", required=True),
    F("email", description="E-mail", rule="GI rules II.3.4 ¶16", required=True),
    F("countryCode", "country", "State of the seat or residence", "GI rules II.3.4 ¶17",
      required=True),
    F("nameUk", description="A foreign applicant's name in Ukrainian letters",
      rule="GI rules II.3.4 ¶18"),
    F("addressUk", description="A foreign applicant's address in Ukrainian letters",
      rule="GI rules II.3.4 ¶18"),
))

POWER_OF_ATTORNEY = FormSpec("powerOfAttorney", "A power of attorney (GI rules III.1.7).", (
    F("grantee", description="To whom it is issued", rule="GI rules III.1.7", required=True),
    F("grantor", description="Who is represented", rule="GI rules III.1.7", required=True),
    F("body", description="Before which body (UKRNOIVI)", rule="GI rules III.1.7",
      required=True),
    F("acts", description="The legal acts the representative performs", rule="GI rules III.1.7",
      required=True, many=True, min_items=1),
    F("issuedOn", "date", "Date of issue", "GI rules III.1.7", required=True),
    F("mayWithdraw", "bool", "The right to withdraw the application, expressly",
      "GI rules III.1.7 ¶11"),
    F("language", description="Language (a translation if not Ukrainian)",
      rule="GI rules III.1.7 ¶1"),
    F("translationAttached", "bool", "Ukrainian translation attached", "GI rules III.1.7 ¶1"),
    F("approvalAttached", "bool", "The applicant's approval of the filing (PoA dated after the "
      "filing date)", "GI rules III.1.9 ¶2"),
))

REPRESENTATIVE = FormSpec("representative", "The representative (form section 4; GI rules "
                          "II.3.5).", (
    F("kind", description="patent_attorney or other", rule="GI rules II.3.5", required=True,
      codes=REPRESENTATIVE_KINDS),
    F("name", description="Name or full name", rule="GI rules II.3.5 ¶1", required=True),
    F("registrationNumber", description="Patent attorney's certificate number",
      rule="GI rules II.3.5 ¶2"),
    F("correspondenceAddress", description="Correspondence address", rule="GI rules II.3.5 ¶3",
      required=True),
    F("phone", description="Telephone", rule="GI rules II.3.5 ¶3", required=True),
    F("email", description="E-mail", rule="GI rules II.3.5 ¶3", required=True),
    F("inSection4", "bool", "Named in section 4 of the form signed by the applicant (no PoA "
      "needed, II.3.9 ¶6)", "GI rules II.3.9 ¶6"),
    F("powerOfAttorney", POWER_OF_ATTORNEY, "The power of attorney", "GI rules III.1.7"),
))

CORRESPONDENCE = FormSpec("correspondence", "The correspondence address (form section 5; GI "
                          "rules II.3.6; IV.4).", (
    F("addressee", description="Addressee", rule="GI rules II.3.6", required=True),
    F("postalAddress", description="Postal address", rule="GI rules II.3.6", required=True),
    F("country", "country", "Country of the address (UA, A-40)", "GI rules IV.4 ¶1",
      required=True),
    F("poBox", "bool", "A post-office box (the addressee holds it)", "GI rules II.3.6"),
))

OTHER_DOCUMENT = FormSpec("otherDocument", "Another document (point 8.8).", (
    F("name", description="Name of the document", rule="GI rules II.3.9 ¶7", required=True),
    F("sheets", "int", "Number of sheets", "GI rules II.3.9 ¶7", required=True, minimum=1),
))

ATTACHMENTS = FormSpec("attachments", "The list of attached documents (form section 8; GI "
                       "rules II.3.9).", (
    F("continuationSheets", "bool", "8.1 continuation sheets of section 3", "GI rules II.3.1 ¶2"),
    F("continuationHeading", description="Their heading «Продовження пункту... розділу 3»",
      rule="GI rules II.3.1 ¶3"),
    F("powerOfAttorney", "bool", "8.7 the representative's authority", "GI rules II.3.9 ¶5"),
    F("soleProducerInformation", "bool", "Official information on the sole producer",
      "GI rules III.1.3 ¶2"),
    F("paymentDocument", "bool", "A paper payment document", "GI rules II.3.9 ¶4"),
    F("other", OTHER_DOCUMENT, "8.8 other documents", "GI rules II.3.9 ¶7", many=True),
))

SIGNATURE_SHEET = FormSpec("signatureLine", "A signature (form section 9; GI rules II.3.10).", (
    F("signer", description="Surname and given name of the signatory", rule="GI rules II.3.10",
      required=True),
    F("applicant", "int", "Which applicant signs (index in applicants); none: the "
      "representative", "GI rules II.3.10 ¶5", minimum=0),
    F("position", description="Full title of the position (legal person)",
      rule="GI rules II.3.10 ¶3"),
    F("signedOn", "date", "Date of signing", "GI rules II.3.10 ¶1", required=True),
))

FORM = FormSpec("applicationForm", "The request for registration of a GI on the form of "
                "Appendix 1 (GI rules II.1.3, II.3).", (
    F("applicantReference", description="Section 1: the applicant's own reference",
      rule="GI rules II.3.2"),
    F("kind", description="Section 2: kind of GI", rule="GI rules II.3.3", required=True,
      codes=KINDS),
    F("regime", description="general, agri_food or spirit_drink (digest §1.4). A "
      "productCategory of IPREG_UA_GI_REGIME_BY_CATEGORY must claim the regime it maps to "
      "(A-22: by default wine and aromatised_wine are general, spirit_drink spirit_drink). "
      "spirit_drink is refused (rule Order p.4 / A-34) before IPREG_UA_GI_SPIRITS_FROM, the "
      "entry into force of Law 2800-IX: unset by default, so not in force", rule="GI rules "
      "II.2.1", required=True, codes=REGIMES),
    F("productCategory", description="The product category deciding the regime (A-22): "
      "lower-case, e.g. wine, aromatised_wine, spirit_drink, cheese; a category of "
      "IPREG_UA_GI_REGIME_BY_CATEGORY checks the regime", rule="A-22 (GI rules II.4.4)"),
    F("applicants", APPLICANT, "Section 3: applicants", "GI rules II.3.4", required=True,
      many=True, min_items=1),
    F("representative", REPRESENTATIVE, "Section 4: representative", "GI rules II.3.5"),
    F("correspondence", CORRESPONDENCE, "Section 5: correspondence address",
      "GI rules II.3.6"),
    F("claimedName", description="Section 6: the claimed name, in capitals; alternatives of "
      "one product's name separated by «/»", rule="GI rules II.3.7 ¶1", required=True),
    F("transliteration", description="Section 6: Latin transliteration (CMU res. 55/2010)",
      rule="GI rules II.3.7 ¶2"),
    F("originalScriptName", description="Section 6: the name in the alphabet of the country "
      "of origin", rule="GI rules II.3.7 ¶3"),
    F("transcriptionUk", description="Section 6: transcription in Ukrainian letters",
      rule="GI rules II.3.7 ¶3"),
    F("transcriptionLatin", description="Section 6: transcription in Latin letters",
      rule="GI rules II.3.7 ¶3"),
    F("countryOfOrigin", "country", "Country of origin (V.6.2 ¶13)", "GI rules V.6.2 ¶13",
      required=True),
    F("internationalTreaty", description="The international treaty on which protection is "
      "claimed (A-37)", rule="GI rules V.6.2 ¶7"),
    F("competentAuthority", NAMED_ADDRESS, "Section 7: the competent authority",
      "GI rules II.3.8", required=True),
    F("conformityBodies", NAMED_ADDRESS, "Section 7: conformity assessment bodies",
      "GI rules II.3.8", many=True),
    F("attachments", ATTACHMENTS, "Section 8: attached documents", "GI rules II.3.9"),
    F("signatures", SIGNATURE_SHEET, "Section 9: signatures", "GI rules II.3.10", many=True),
))

APPLICATION = FormSpec("filing", "An application (GI rules II.1): the request, the "
                       "specification or foreign protection documents, the single document, "
                       "the agreement, and an electronic filing's signature.", (
    F("channel", description="paper_direct, paper_post or electronic (III.1)",
      rule="GI rules III.1.1", required=True, codes=CHANNELS),
    F("form", FORM, "The request (Appendix 1)", "GI rules II.1.1", required=True),
    F("specification", SPECIFICATION, "The agreed product specification (Appendix 2)",
      "GI rules II.1.1"),
    F("singleDocument", SINGLE_DOCUMENT, "The single document (Appendix 3)", "GI rules II.1.1"),
    F("foreignDocuments", FOREIGN_DOCUMENT, "Foreign protection documents instead of the "
      "specification", "GI rules II.1.2", many=True),
    F("agreement", AGREEMENT, "The competent authority's agreement", "GI rules II.4.13"),
    F("signature", SIGNATURE, "An electronic filing's qualified signature", "GI rules III.1.2"),
    F("signedByAll", "bool", "Electronic filing: signed by every applicant (else the "
      "representative or one applicant with the others' PoAs)", "GI rules II.3.11"),
    F("othersPowersOfAttorney", "bool", "Electronic filing signed by one applicant: the "
      "others' PoAs attached", "GI rules II.3.11"),
    F("documents", DOCUMENT, "The documents as uploaded PDF files by kind (GI rules "
      "II.2.3-2.5: refused if they cannot be copied or kept; their paper format is checked "
      "as warnings, VR-41)", "GI rules II.2.3", many=True),
))


@dataclass
class Filing:
    """A read application: its parts, the documents missing for a filing date (VR-03) and
    the examiner's warnings."""

    channel: str
    form: dict[str, Any]
    specification: dict[str, Any] | None
    single_document: dict[str, Any] | None
    foreign_documents: list[dict[str, Any]]
    agreement: dict[str, Any] | None
    signature: dict[str, Any] | None
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: The attached files by kind (GI rules II.2.3; checked against the store on filing).
    documents: list[dict[str, Any]] = field(default_factory=list)

    @property
    def foreign_applicant(self) -> bool:
        return any(a.get("countryCode") != "UA" for a in self.form.get("applicants", []))

    @property
    def place_in_ukraine(self) -> bool:
        return self.form.get("countryOfOrigin") == "UA"

    def applicant_name(self) -> str:
        names = [a.get("fullName") or " ".join(filter(None, (a.get("surname"),
                                                              a.get("givenName"))))
                 for a in self.form.get("applicants", [])]
        return "; ".join(n for n in names if n)


def valid_number(number: str, year: int) -> bool:
    """VR-02 (GI rules III.2.3 ¶2-4): ``i`` + the filing year + five digits."""
    return bool(NUMBER.match(number)) and number[1:5] == str(year)


def _claimed_name(reader: GiReader, data: Mapping[str, Any], place_abroad: bool) -> None:
    name = reader.text(data, "claimedName", "form", required=True, limit=500,
                       rule="GI rules II.3.7 ¶1")
    if name is None:
        return
    if any(sep in name for sep in (";", "\n", " і ", " та ", ",")):
        reader.problems.add("form.claimedName", "one GI only; several names of one product "
                            "are separated by «/»", rule="VR-12 (GI rules II.2.1 ¶1, ¶4)")
    if name != name.upper():
        reader.problems.add("form.claimedName", "must be in capital letters",
                            rule="VR-14 (GI rules II.3.7 ¶1)")
    script = script_of(name)
    ukrainian = looks_ukrainian(name)
    given = reader.text(data, "transliteration", "form", limit=500)
    if ukrainian:
        expected = "/".join(translit.romanise(part.strip(), "uk-kmu-2010")
                            for part in name.split("/"))
        if given is None:
            reader.problems.add("form.transliteration", "a Ukrainian name needs its Latin "
                                "transliteration", rule="VR-16 (GI rules II.3.7 ¶2)",
                                code="required")
        elif given.upper().replace(" / ", "/") != expected.upper():
            reader.problems.add("form.transliteration", f"is not the CMU res. 55/2010 "
                                f"transliteration {expected!r}",
                                rule="VR-16 (GI rules II.3.7 ¶2)")
    elif not reader.text(data, "transcriptionUk", "form", limit=500):
        reader.problems.add("form.transcriptionUk", "a name not in Ukrainian needs its "
                            "transcription in Ukrainian letters",
                            rule="VR-17 (GI rules II.3.7 ¶3)", code="required")
    if script == "other" and not reader.text(data, "transcriptionLatin", "form", limit=500):
        reader.problems.add("form.transcriptionLatin", "a name in an alphabet other than "
                            "Cyrillic or Latin needs its transcription in Latin letters",
                            rule="VR-18 (GI rules II.3.7 ¶3)", code="required")
    if place_abroad and not reader.text(data, "originalScriptName", "form", limit=500):
        reader.problems.add("form.originalScriptName", "a place in a foreign state: the name "
                            "in the alphabet of the country of origin",
                            rule="VR-19 (GI rules II.3.7 ¶3)", code="required")


def _applicant(reader: GiReader, value: Any, where: str) -> dict[str, Any] | None:
    data = reader.mapping(value, where, APPLICANT)
    if data is None:
        return None
    kind = reader.code(data, "personType", where, PERSON_TYPES, required=True,
                       rule="GI rules II.3.4")
    country = reader.country(data, "countryCode", where, required=True,
                             rule="VR-23 (GI rules II.3.4 ¶17)")
    out: dict[str, Any] = {"personType": kind, "countryCode": country}
    if kind == "legal":
        out["fullName"] = reader.text(data, "fullName", where, required=True, limit=500,
                                      rule="VR-20 (GI rules II.3.4 ¶4)")
        out["edrpou"] = reader.edrpou(data, "edrpou", where, required=country == "UA",
                                      rule="VR-20 (GI rules II.3.4 ¶5)")
        out["foreignRegistrationNumber"] = reader.text(data, "foreignRegistrationNumber",
                                                       where, limit=100)
        out["seatAddress"] = reader.address(data, "seatAddress", where, required=True,
                                            rule="VR-20 (GI rules II.3.4 ¶7)")
        name = out["fullName"]
    elif kind == "natural":
        rule = "VR-21 (GI rules II.3.4 ¶9-14)"
        out["surname"] = reader.text(data, "surname", where, required=True, limit=200,
                                     rule=rule)
        out["givenName"] = reader.text(data, "givenName", where, required=True, limit=200,
                                       rule=rule)
        out["patronymic"] = reader.text(data, "patronymic", where, limit=200)
        birth = reader.date(data, "birthDate", where, required=True, rule=rule)
        out["birthDate"] = birth.isoformat() if birth else None
        ident = data.get("identityDocument")
        if ident is None:
            reader.problems.add(join_path(where, "identityDocument"), "is required", rule=rule,
                                code="required")
        else:
            idw = join_path(where, "identityDocument")
            found = reader.mapping(ident, idw, IDENTITY)
            if found is not None:
                issued = reader.date(found, "issuedOn", idw, required=True, rule=rule)
                out["identityDocument"] = {
                    "type": reader.text(found, "type", idw, required=True, limit=100,
                                        rule=rule),
                    "series": reader.text(found, "series", idw, limit=20),
                    "number": reader.text(found, "number", idw, required=True, limit=50,
                                          rule=rule),
                    "issuer": reader.text(found, "issuer", idw, required=True, limit=300,
                                          rule=rule),
                    "issuedOn": issued.isoformat() if issued else None}
        out["rnokpp"] = reader.rnokpp(data, "rnokpp", where)
        out["unzr"] = reader.text(data, "unzr", where, limit=14)
        if out["unzr"] and not re.fullmatch(r"\d{8}-\d{5}", out["unzr"]):
            reader.problems.add(join_path(where, "unzr"), "is not YYYYMMDD-NNNNN", rule=rule)
        out["residenceAddress"] = reader.address(data, "residenceAddress", where,
                                                 required=True, rule=rule,
                                                 components=("locality",))
        name = " ".join(filter(None, (out["surname"], out["givenName"])))
    else:
        name = None
    for key in ("correspondenceAddress", "phone", "email"):
        out[key] = reader.text(data, key, where, required=True, limit=500,
                               rule="VR-22 (GI rules II.3.4 ¶16)")
    if out.get("email") and "@" not in out["email"]:
        reader.problems.add(join_path(where, "email"), "is not an e-mail address",
                            rule="VR-22 (GI rules II.3.4 ¶16)")
    if country and country != "UA":
        rule = "VR-24 (GI rules II.3.4 ¶18)"
        if name and (script_of(name) not in ("latin", "cyrillic") or has_diacritics(name)):
            reader.problems.add(join_path(where, "fullName" if kind == "legal" else "surname"),
                                "a foreign applicant's name in Latin or Cyrillic letters "
                                "without diacritics", rule=rule)
        for key in ("nameUk", "addressUk"):
            out[key] = reader.text(data, key, where, required=True, limit=1000, rule=rule)
    return out


def _representative(reader: GiReader, value: Any, filed_on: dt.date | None
                    ) -> dict[str, Any] | None:
    where = "form.representative"
    data = reader.mapping(value, where, REPRESENTATIVE)
    if data is None:
        return None
    rule = "VR-27 (GI rules II.3.5)"
    out: dict[str, Any] = {
        "kind": reader.code(data, "kind", where, REPRESENTATIVE_KINDS, required=True,
                            rule=rule),
        "name": reader.text(data, "name", where, required=True, limit=500, rule=rule),
        "inSection4": reader.boolean(data, "inSection4", where, default=True)}
    for key in ("correspondenceAddress", "phone", "email"):
        out[key] = reader.text(data, key, where, required=True, limit=500, rule=rule)
    out["registrationNumber"] = reader.text(data, "registrationNumber", where, limit=20)
    if out["kind"] == "patent_attorney" and not out["registrationNumber"]:
        reader.problems.add(f"{where}.registrationNumber", "a patent attorney's certificate "
                            "number", rule=rule, code="required")
    poa = data.get("powerOfAttorney")
    if poa is None:
        if not out["inSection4"]:
            reader.problems.add(f"{where}.powerOfAttorney", "a representative not named in "
                                "section 4 of a form signed by the applicant needs a power of "
                                "attorney", rule="VR-28 (GI rules II.3.9 ¶5-6, III.1.7)",
                                code="required")
        return out
    pw = f"{where}.powerOfAttorney"
    found = reader.mapping(poa, pw, POWER_OF_ATTORNEY)
    if found is None:
        return out
    rule = "VR-28 (GI rules III.1.7)"
    issued = reader.date(found, "issuedOn", pw, required=True, rule=rule)
    out["powerOfAttorney"] = {
        "grantee": reader.text(found, "grantee", pw, required=True, limit=500, rule=rule),
        "grantor": reader.text(found, "grantor", pw, required=True, limit=500, rule=rule),
        "body": reader.text(found, "body", pw, required=True, limit=500, rule=rule),
        "acts": reader.strings(found, "acts", pw, rule=rule),
        "issuedOn": issued.isoformat() if issued else None,
        "mayWithdraw": reader.boolean(found, "mayWithdraw", pw, default=False),
        "language": reader.text(found, "language", pw, limit=8) or "uk"}
    if not out["powerOfAttorney"]["acts"]:
        reader.problems.add(f"{pw}.acts", "the acts the representative performs", rule=rule,
                            code="required")
    if out["powerOfAttorney"]["language"] != "uk" and not reader.boolean(
            found, "translationAttached", pw, default=False):
        reader.problems.add(f"{pw}.translationAttached", "a PoA not in Ukrainian needs its "
                            "translation", rule="VR-28 (GI rules III.1.7 ¶1)", code="required")
    if issued and filed_on and issued > filed_on and not reader.boolean(
            found, "approvalAttached", pw, default=False):
        reader.problems.add(f"{pw}.approvalAttached", "a PoA dated after the filing date needs "
                            "the applicant's approval of the filing",
                            rule="VR-29 (GI rules III.1.9 ¶2-3)", code="required")
    return out


def read_filing(payload: Any, *, received_on: dt.date | None = None) -> Filing:
    """Read an application; raises ``BadUserInput`` listing every problem (digest §8.1-8.2)
    with its path and rule; an electronic application has the same parts (GI rules II.1.4).
    ``received_on``: the day UKRNOIVI received it (for VR-29)."""
    reader = GiReader()
    top = reader.mapping(payload, "filing", APPLICATION) or {}
    channel = reader.code(top, "channel", "", CHANNELS, required=True,
                          rule="GI rules III.1.1") or "paper_direct"
    data = reader.mapping(top.get("form"), "form", FORM) if top.get("form") is not None else None
    if data is None:
        reader.problems.add("form", "the request with at least one applicant's data and "
                            "address", rule="VR-01 (GI rules III.2.3 ¶1)", code="required")
        reader.raise_if_any()
        raise AssertionError("unreachable")
    kind = reader.code(data, "kind", "form", KINDS, required=True,
                       rule="VR-13 (GI rules II.3.3)")
    regime = reader.code(data, "regime", "form", REGIMES, required=True,
                         rule="GI rules II.2.1") or "general"
    category = _regime_rules(reader, data, regime, received_on)
    applicants = reader.each(data, "applicants", "form", lambda v, p: _applicant(reader, v, p),
                             minimum=1, rule="VR-01 (GI rules III.2.3 ¶1)")
    origin = reader.country(data, "countryOfOrigin", "form", required=True,
                            rule="GI rules V.6.2 ¶13")
    place_abroad = origin is not None and origin != "UA"
    _claimed_name(reader, data, place_abroad)
    representative = (_representative(reader, data["representative"], received_on)
                      if data.get("representative") is not None else None)
    correspondence = None
    if data.get("correspondence") is not None:
        cw = "form.correspondence"
        found = reader.mapping(data["correspondence"], cw, CORRESPONDENCE)
        if found is not None:
            rule = "VR-25 (GI rules II.3.6, IV.4 ¶1)"
            correspondence = {
                "addressee": reader.text(found, "addressee", cw, required=True, limit=500,
                                         rule=rule),
                "postalAddress": reader.text(found, "postalAddress", cw, required=True,
                                             limit=1000, rule=rule),
                "country": reader.country(found, "country", cw, required=True, rule=rule),
                "poBox": reader.boolean(found, "poBox", cw, default=False)}
            if correspondence["country"] and correspondence["country"] != "UA":
                reader.problems.add(f"{cw}.country", "the correspondence address is in Ukraine "
                                    "(A-40)", rule=rule)
    foreign_applicants = [a for a in applicants if a.get("countryCode") not in (None, "UA")]
    if foreign_applicants and not (correspondence and correspondence.get("country") == "UA") \
            and not (representative and representative.get("kind") == "patent_attorney"):
        reader.problems.add("form.correspondence", "a foreign applicant gives a correspondence "
                            "address in Ukraine or acts through a patent attorney",
                            rule="VR-26 (GI rules III.1.4)", code="required")
    authority = reader.named(data, "competentAuthority", "form", required=True,
                             rule="VR-31 (GI rules II.3.8)")
    bodies = reader.each(data, "conformityBodies", "form",
                         lambda v, p: reader.named_value(v, p, required=True,
                                                         rule="VR-31 (GI rules II.3.8)"))
    attachments = _attachments(reader, data.get("attachments"), len(applicants),
                               representative)
    signatures = _signatures(reader, data, applicants, representative, channel)
    form: dict[str, Any] = {
        "applicantReference": reader.text(data, "applicantReference", "form", limit=100),
        "kind": kind, "regime": regime, "productCategory": category,
        "applicants": applicants,
        "representative": representative, "correspondence": correspondence,
        "claimedName": data.get("claimedName"),
        "transliteration": data.get("transliteration"),
        "originalScriptName": data.get("originalScriptName"),
        "transcriptionUk": data.get("transcriptionUk"),
        "transcriptionLatin": data.get("transcriptionLatin"),
        "countryOfOrigin": origin,
        "internationalTreaty": reader.text(data, "internationalTreaty", "form", limit=500),
        "competentAuthority": authority, "conformityBodies": bodies,
        "attachments": attachments, "signatures": signatures}
    spec = (read_specification(reader, top["specification"], "specification", regime=regime,
                               kind=kind)
            if top.get("specification") is not None else None)
    if spec is not None and spec.get("spiritCategory") and received_on is not None \
            and not spirits_in_force(received_on):
        reader.problems.add("specification.spiritCategory", "a spirit drink category (GI "
                            "rules II.4.4 ¶3) is not in force before the Spirits GI Law "
                            "(IPREG_UA_GI_SPIRITS_FROM)", rule=SPIRITS_RULE,
                            code="not_in_force")
    single = (read_single_document(reader, top["singleDocument"], "singleDocument")
              if top.get("singleDocument") is not None else None)
    foreign = read_foreign_documents(reader, top, "foreignDocuments", "")
    agreement = (read_agreement(reader, top["agreement"], "agreement")
                 if top.get("agreement") is not None else None)
    signature = None
    if channel == "electronic":
        signature = _qualified_signature(reader, top, applicants, representative)
    _consistency(reader, kind, data.get("claimedName"), spec, single, foreign)
    documents = read_documents(reader, top, "documents", "")
    reader.raise_if_any()
    filing = Filing(channel, form, spec, single, foreign, agreement, signature,
                    documents=documents)
    filing.missing = missing_documents(filing)
    if spec is not None:
        filing.warnings += specification_warnings(spec)
    if single is not None:
        filing.warnings += single_document_warnings(single)
    if correspondence and correspondence.get("poBox"):
        filing.warnings.append("form.correspondence: a PO box: the addressee must be the box "
                               "holder (VR-25 W, GI rules II.3.6)")
    if not form["applicantReference"] and not (attachments or {}).get("paymentDocument"):
        filing.warnings.append("form.applicantReference: without it the fee's bank statement "
                               "may not identify the application (VR-07, GI rules III.1.10 "
                               "¶6-7)")
    return filing


def _regime_rules(reader: GiReader, data: Mapping[str, Any], regime: str,
                  received_on: dt.date | None) -> str | None:
    """Order p.4 / A-34 and A-22 (:mod:`ipreg.plugins.ukraine.gi.regimes`): before the
    spirit-drink provisions are in force on the day of receipt the regime spirit_drink is
    refused; a product category of the configured table claims the regime it maps to.
    Returns the product category."""
    category = reader.text(data, "productCategory", "form", limit=64,
                           rule="A-22 (GI rules II.4.4)")
    category = category.lower() if category else None
    if regime == "spirit_drink" and received_on is not None \
            and not spirits_in_force(received_on):
        start = spirits_from()
        reader.problems.add("form.regime", "the spirit-drink provisions (GI rules "
                            + ", ".join(p.removeprefix("GI rules ") for p in SPIRIT_PROVISIONS)
                            + ") take effect with the Spirits GI Law No. 2800-IX: "
                            + (f"from {start.isoformat()}" if start else "not in force")
                            + f" ({SPIRITS_FROM_ENV})", rule=SPIRITS_RULE,
                            code="not_in_force")
    elif category is not None:
        governing = regime_of(category, received_on)
        if governing is not None and governing != regime:
            reader.problems.add("form.regime", f"a {category} application is under the "
                                f"{governing} regime ({REGIME_BY_CATEGORY_ENV})",
                                rule="A-22 (digest §1.4)")
    return category


def _attachments(reader: GiReader, value: Any, applicants: int,
                 representative: dict[str, Any] | None) -> dict[str, Any]:
    if value is None:
        value = {}
    where = "form.attachments"
    data = reader.mapping(value, where, ATTACHMENTS) or {}
    out = {key: reader.boolean(data, key, where, default=False)
           for key in ("continuationSheets", "powerOfAttorney", "soleProducerInformation",
                       "paymentDocument")}
    heading = reader.text(data, "continuationHeading", where, limit=200)
    if out["continuationSheets"] and not (heading and heading.startswith("Продовження пункту")
                                          and "розділу 3" in heading):
        reader.problems.add(f"{where}.continuationHeading", "continuation sheets are headed "
                            "«Продовження пункту... розділу 3»",
                            rule="VR-33 (GI rules II.3.1 ¶2-3)")
    out["other"] = reader.each(data, "other", where, lambda v, p: _other(reader, v, p))
    if applicants == 1 and not out["soleProducerInformation"]:
        reader.problems.add(f"{where}.soleProducerInformation", "a single applicant attaches "
                            "official information proving it is the only producer",
                            rule="VR-32 (GI rules III.1.3 ¶2)", code="required")
    if representative and representative.get("powerOfAttorney") and not out["powerOfAttorney"]:
        reader.problems.add(f"{where}.powerOfAttorney", "point 8.7 is marked when a PoA is "
                            "attached", rule="VR-28 (GI rules II.3.9 ¶5)")
    return out


def _other(reader: GiReader, value: Any, where: str) -> dict[str, Any] | None:
    data = reader.mapping(value, where, OTHER_DOCUMENT)
    if data is None:
        return None
    name = reader.text(data, "name", where, required=True, limit=300,
                       rule="VR-33 (GI rules II.3.9 ¶7)")
    sheets = reader.integer(data, "sheets", where, required=True, minimum=1,
                            rule="VR-33 (GI rules II.3.9 ¶7)")
    return {"name": name, "sheets": sheets} if name and sheets else None


def _signatures(reader: GiReader, data: Mapping[str, Any], applicants: list[dict[str, Any]],
                representative: dict[str, Any] | None, channel: str) -> list[dict[str, Any]]:
    rule = "VR-30 (GI rules II.3.10, II.2.6)"
    lines: list[dict[str, Any]] = []
    for where, value in reader.items(data, "signatures", "form",
                                     minimum=0 if channel == "electronic" else 1, rule=rule):
        found = reader.mapping(value, where, SIGNATURE_SHEET)
        if found is None:
            continue
        signed = reader.date(found, "signedOn", where, required=True, rule=rule)
        index = reader.integer(found, "applicant", where, minimum=0)
        line = {"signer": reader.text(found, "signer", where, required=True, limit=300,
                                      rule=rule),
                "applicant": index, "position": reader.text(found, "position", where,
                                                            limit=300),
                "signedOn": signed.isoformat() if signed else None}
        if index is not None and index < len(applicants) and \
                applicants[index].get("personType") == "legal" and not line["position"]:
            reader.problems.add(f"{where}.position", "a legal person's signatory gives the "
                                "title of the position", rule="VR-30 (GI rules II.3.10 ¶3)",
                                code="required")
        lines.append(line)
    if channel != "electronic" and lines:
        by_representative = any(line["applicant"] is None for line in lines)
        signed = {line["applicant"] for line in lines if line["applicant"] is not None}
        if not (by_representative and representative) and signed != set(range(len(applicants))):
            reader.problems.add("form.signatures", "signed by every applicant or by their "
                                "common representative",
                                rule="VR-30 (GI rules III.1.5, II.3.10 ¶5)")
    return lines


def _qualified_signature(reader: GiReader, top: Mapping[str, Any],
                         applicants: list[dict[str, Any]],
                         representative: dict[str, Any] | None) -> dict[str, Any] | None:
    from ipreg.plugins.ukraine.common.signature import SignatureReader

    rule = "VR-04 (GI rules II.3.11, III.1.2 ¶2, III.2.5)"
    if top.get("signature") is None:
        reader.problems.add("signature", "an electronic application is signed with a QES or "
                            "AdES-QC", rule=rule, code="required")
        return None
    signature = SignatureReader(reader.problems).signature(top["signature"], "signature",
                                                           rule=rule)
    if signature is None:
        return None
    if len(applicants) > 1 and not representative and not reader.boolean(
            top, "signedByAll", "", default=False) and not reader.boolean(
            top, "othersPowersOfAttorney", "", default=False):
        reader.problems.add("othersPowersOfAttorney", "signed by all applicants, the "
                            "representative, or one applicant with the others' PoAs", rule=rule,
                            code="required")
    return signature.as_dict()


def _consistency(reader: GiReader, kind: str | None, name: str | None,
                 spec: dict[str, Any] | None, single: dict[str, Any] | None,
                 foreign: list[dict[str, Any]]) -> None:
    """VR-13, VR-15: the kind and the claimed name are the same in the form, the
    specification and the single document."""
    for where, part in (("specification", spec), ("singleDocument", single)):
        if not part:
            continue
        if kind and part.get("kind") and part["kind"] != kind:
            reader.problems.add(f"{where}.kind", f"differs from the form's kind {kind!r}",
                                rule="VR-13 (GI rules II.3.3, II.4.2, II.6.4)")
        other = part.get("claimedName")
        if name and other and other.casefold() != name.casefold():
            reader.problems.add(f"{where}.claimedName", "differs from the form's claimed name",
                                rule="VR-15 (GI rules II.3.7 ¶1, II.6.4)")


def missing_documents(filing: Filing) -> list[str]:
    """VR-03 (GI rules II.1.1-1.2, V.3.1): what is missing for a filing date: the single
    document, and the agreed specification or, for foreign applicants, the foreign
    protection documents."""
    missing = []
    if filing.single_document is None:
        missing.append("singleDocument")
    if filing.foreign_applicant and not filing.place_in_ukraine:
        if not filing.foreign_documents and filing.specification is None:
            missing.append("foreignDocuments")
    elif filing.specification is None:
        missing.append("specification")
    elif filing.agreement is None:
        missing.append("agreement")
    return missing


__all__ = ["APPLICANT", "APPLICATION", "ATTACHMENTS", "CHANNELS", "CORRESPONDENCE", "FORM",
           "POWER_OF_ATTORNEY", "REPRESENTATIVE", "Filing", "missing_documents", "read_filing",
           "valid_number"]
