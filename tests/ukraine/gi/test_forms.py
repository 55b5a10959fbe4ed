"""Every automatic check of digest §8.1-8.2 (VR-nn) is a row of the rule table: a broken
application is refused with the path of the value and the rule (its VR id and the point of
the GI rules), and nothing is written; what the Rules leave to the examiner is a warning."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from ipreg.core.errors import BadUserInput
from ipreg.plugins.ukraine.gi import samples
from ipreg.plugins.ukraine.gi.forms import read_filing
from ipreg.plugins.ukraine.gi.forms.application import valid_number
from ipreg.plugins.ukraine.gi.forms.opposition import content_deficiencies, read_opposition
from ipreg.testing import edit as _set
from ipreg.testing import edits as _both

A0 = ["form", "applicants", 0]
NATURAL = {"personType": "natural", "surname": "Петренко", "givenName": "Олена",
           "birthDate": "1980-05-01",
           "identityDocument": {"type": "ID-картка", "number": "001234567",
                                "issuer": "4610", "issuedOn": "2018-01-01"},
           "residenceAddress": {"locality": "Верховина", "country": "UA"},
           "correspondenceAddress": "вул. Центральна, 1, Верховина", "phone": "+380 1",
           "email": "o@example.org", "countryCode": "UA"}
FOREIGN = {"personType": "legal", "fullName": "Tokaj Borászok Egyesülete",
           "seatAddress": {"street": "Fo", "building": "1", "locality": "Tokaj",
                           "country": "HU"},
           "correspondenceAddress": "Fo 1, Tokaj", "phone": "+36", "email": "t@example.org",
           "countryCode": "HU", "nameUk": "Асоціація", "addressUk": "Токай"}
REP = {"kind": "patent_attorney", "name": "Мельник Ірина", "registrationNumber": "123",
       "correspondenceAddress": "а/с 15, Київ", "phone": "+380", "email": "m@example.org",
       "inSection4": False}
POA = {"grantee": "Мельник Ірина", "grantor": "Асоціація", "body": "УКРНОІВІ",
       "acts": ["подання заявки"], "issuedOn": "2026-03-10"}

CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("no request", _set(["form"], KeyError), "form", "VR-01 (GI rules III.2.3 ¶1)"),
    ("no applicant", _set(["form", "applicants"], []), "form.applicants",
     "VR-01 (GI rules III.2.3 ¶1)"),
    ("e-application unsigned", _both(_set(["channel"], "electronic"),
                                    _set(["signedByAll"], True)), "signature",
     "VR-04 (GI rules II.3.11, III.1.2 ¶2, III.2.5)"),
    ("e-application signature not confirmed",
     lambda d: (d.update(samples.filing(0, channel="electronic")),
                d["signature"].update(verified=False)), "signature.verified",
     "VR-04 (GI rules II.3.11, III.1.2 ¶2, III.2.5)"),
    ("e-application of several applicants signed by one without PoAs",
     lambda d: (d.update(samples.filing(0, channel="electronic")), d.pop("signedByAll")),
     "othersPowersOfAttorney", "VR-04 (GI rules II.3.11, III.1.2 ¶2, III.2.5)"),
    ("specification description not in Ukrainian",
     _set(["specification", "description"], "Sheep cheese of the Carpathians"),
     "specification.description", "VR-11 (GI rules IV.3, II.2.1 ¶1)"),
    ("two GIs in one application", _set(["form", "claimedName"], "ГУЦУЛЬСЬКА БРИНДЗЯ; ВУРДА"),
     "form.claimedName", "VR-12 (GI rules II.2.1 ¶1, ¶4)"),
    ("kind not one of the two", _set(["form", "kind"], "trademark"), "form.kind",
     "VR-13 (GI rules II.3.3)"),
    ("kind differs in the specification",
     lambda d: d["specification"].update(kind="designation_of_origin" if d["form"]["kind"]
                                         == "geographical_indication" else
                                         "geographical_indication"),
     "specification.kind", "VR-13 (GI rules II.3.3, II.4.2, II.6.4)"),
    ("name not in capitals", _set(["form", "claimedName"], "Гуцульська бриндзя"),
     "form.claimedName", "VR-14 (GI rules II.3.7 ¶1)"),
    ("name differs in the single document",
     _set(["singleDocument", "claimedName"], "ГУЦУЛЬСЬКИЙ СИР"), "singleDocument.claimedName",
     "VR-15 (GI rules II.3.7 ¶1, II.6.4)"),
    ("Ukrainian name without transliteration", _set(["form", "transliteration"], KeyError),
     "form.transliteration", "VR-16 (GI rules II.3.7 ¶2)"),
    ("transliteration not CMU 55/2010",
     _set(["form", "transliteration"], "GUCULSKA BRYNDZA"), "form.transliteration",
     "VR-16 (GI rules II.3.7 ¶2)"),
    ("foreign name without Ukrainian transcription",
     lambda d: d["form"].update(claimedName="TOKAJI", transliteration=None),
     "form.transcriptionUk", "VR-17 (GI rules II.3.7 ¶3)"),
    ("Georgian-script name without Latin transcription",
     lambda d: d["form"].update(claimedName="ᲡᲐᲤᲔᲠᲐᲕᲘ", transliteration=None,
                                transcriptionUk="САПЕРАВІ"),
     "form.transcriptionLatin", "VR-18 (GI rules II.3.7 ¶3)"),
    ("place abroad without the original-script name",
     lambda d: d["form"].update(claimedName="TOKAJI", transliteration=None,
                                transcriptionUk="ТОКАЙ", countryOfOrigin="HU"),
     "form.originalScriptName", "VR-19 (GI rules II.3.7 ¶3)"),
    ("legal person without full name", _set([*A0, "fullName"], KeyError),
     "form.applicants[0].fullName", "VR-20 (GI rules II.3.4 ¶4)"),
    ("Ukrainian legal person without EDRPOU", _set([*A0, "edrpou"], KeyError),
     "form.applicants[0].edrpou", "VR-20 (GI rules II.3.4 ¶5)"),
    ("seat without its street", _set([*A0, "seatAddress", "street"], KeyError),
     "form.applicants[0].seatAddress.street", "VR-20 (GI rules II.3.4 ¶7)"),
    ("natural person without date of birth",
     _set(["form", "applicants", 0], {k: v for k, v in NATURAL.items() if k != "birthDate"}),
     "form.applicants[0].birthDate", "VR-21 (GI rules II.3.4 ¶9-14)"),
    ("natural person without identity document",
     _set(["form", "applicants", 0],
          {k: v for k, v in NATURAL.items() if k != "identityDocument"}),
     "form.applicants[0].identityDocument", "VR-21 (GI rules II.3.4 ¶9-14)"),
    ("natural person without residence",
     _set(["form", "applicants", 0],
          {k: v for k, v in NATURAL.items() if k != "residenceAddress"}),
     "form.applicants[0].residenceAddress", "VR-21 (GI rules II.3.4 ¶9-14)"),
    ("applicant without e-mail", _set([*A0, "email"], KeyError), "form.applicants[0].email",
     "VR-22 (GI rules II.3.4 ¶16)"),
    ("applicant without correspondence address", _set([*A0, "correspondenceAddress"], " "),
     "form.applicants[0].correspondenceAddress", "VR-22 (GI rules II.3.4 ¶16)"),
    ("country code not ISO 3166", _set([*A0, "countryCode"], "XX"),
     "form.applicants[0].countryCode", "VR-23 (GI rules II.3.4 ¶17)"),
    ("foreign name with diacritics",
     lambda d: d["form"].update(applicants=[FOREIGN, d["form"]["applicants"][1]]),
     "form.applicants[0].fullName", "VR-24 (GI rules II.3.4 ¶18)"),
    ("foreign applicant without Ukrainian rendering",
     lambda d: d["form"].update(applicants=[{**FOREIGN, "fullName": "Tokaj Association",
                                             "nameUk": None},
                                            d["form"]["applicants"][1]]),
     "form.applicants[0].nameUk", "VR-24 (GI rules II.3.4 ¶18)"),
    ("correspondence address abroad",
     _set(["form", "correspondence", "country"], "PL"), "form.correspondence.country",
     "VR-25 (GI rules II.3.6, IV.4 ¶1)"),
    ("correspondence address without addressee",
     _set(["form", "correspondence", "addressee"], KeyError),
     "form.correspondence.addressee", "VR-25 (GI rules II.3.6, IV.4 ¶1)"),
    ("foreign applicant without Ukrainian address or patent attorney",
     lambda d: (d["form"].update(applicants=[{**FOREIGN, "fullName": "Tokaj Association"},
                                             d["form"]["applicants"][1]]),
                d["form"].pop("correspondence")),
     "form.correspondence", "VR-26 (GI rules III.1.4)"),
    ("patent attorney without certificate number",
     _set(["form", "representative"], {**REP, "registrationNumber": None, "inSection4": True}),
     "form.representative.registrationNumber", "VR-27 (GI rules II.3.5)"),
    ("representative without e-mail",
     _set(["form", "representative"], {**REP, "email": None, "inSection4": True}),
     "form.representative.email", "VR-27 (GI rules II.3.5)"),
    ("representative outside section 4 without PoA", _set(["form", "representative"], REP),
     "form.representative.powerOfAttorney", "VR-28 (GI rules II.3.9 ¶5-6, III.1.7)"),
    ("PoA without its acts",
     _set(["form", "representative"], {**REP, "powerOfAttorney": {**POA, "acts": []}}),
     "form.representative.powerOfAttorney.acts", "VR-28 (GI rules III.1.7)"),
    ("PoA in English without translation",
     _set(["form", "representative"], {**REP, "powerOfAttorney": {**POA, "language": "en",
                                                                  "issuedOn": "2026-01-10"}}),
     "form.representative.powerOfAttorney.translationAttached",
     "VR-28 (GI rules III.1.7 ¶1)"),
    ("PoA attached but point 8.7 not marked",
     _set(["form", "representative"], {**REP, "powerOfAttorney": {**POA,
                                                                  "issuedOn": "2026-01-10"}}),
     "form.attachments.powerOfAttorney", "VR-28 (GI rules II.3.9 ¶5)"),
    ("PoA dated after the filing without approval",
     _both(_set(["form", "representative"], REP),
           _set(["form", "representative", "powerOfAttorney"], POA),
           _set(["form", "attachments", "powerOfAttorney"], True)),
     "form.representative.powerOfAttorney.approvalAttached",
     "VR-29 (GI rules III.1.9 ¶2-3)"),
    ("not signed by every applicant", lambda d: d["form"]["signatures"].pop(),
     "form.signatures", "VR-30 (GI rules III.1.5, II.3.10 ¶5)"),
    ("legal person's signatory without position",
     _set(["form", "signatures", 0, "position"], KeyError), "form.signatures[0].position",
     "VR-30 (GI rules II.3.10 ¶3)"),
    ("signature without date", _set(["form", "signatures", 0, "signedOn"], KeyError),
     "form.signatures[0].signedOn", "VR-30 (GI rules II.3.10, II.2.6)"),
    ("no competent authority", _set(["form", "competentAuthority"], KeyError),
     "form.competentAuthority", "VR-31 (GI rules II.3.8)"),
    ("specification S9 without the authority's address",
     _set(["specification", "competentAuthority", "address"], KeyError),
     "specification.competentAuthority.address", "VR-31 (GI rules II.4.10)"),
    ("single applicant without sole-producer information",
     lambda d: d["form"].update(applicants=d["form"]["applicants"][:1],
                                signatures=d["form"]["signatures"][:1]),
     "form.attachments.soleProducerInformation", "VR-32 (GI rules III.1.3 ¶2)"),
    ("continuation sheets without their heading",
     _set(["form", "attachments", "continuationSheets"], True),
     "form.attachments.continuationHeading", "VR-33 (GI rules II.3.1 ¶2-3)"),
    ("other document without its sheets",
     _set(["form", "attachments", "other"], [{"name": "Карта"}]),
     "form.attachments.other[0].sheets", "VR-33 (GI rules II.3.9 ¶7)"),
    ("specification without S1 kind", _set(["specification", "kind"], KeyError),
     "specification.kind", "VR-34 (GI rules II.4.2)"),
    ("specification without S2 name", _set(["specification", "claimedName"], KeyError),
     "specification.claimedName", "VR-34 (GI rules II.4.3)"),
    ("specification without S3 product", _set(["specification", "productName"], KeyError),
     "specification.productName", "VR-34 (GI rules II.4.4)"),
    ("specification without S4 description",
     _set(["specification", "description"], KeyError), "specification.description",
     "VR-34 (GI rules II.4.5)"),
    ("specification without S5 boundaries", _set(["specification", "boundaries"], KeyError),
     "specification.boundaries", "VR-34 (GI rules II.4.6)"),
    ("specification without S6 method", _set(["specification", "productionMethod"], KeyError),
     "specification.productionMethod", "VR-34 (GI rules II.4.7)"),
    ("specification without S7 link", _set(["specification", "link"], KeyError),
     "specification.link", "VR-34 (GI rules II.4.8)"),
    ("specification without S8 (\"немає\" is required)",
     _set(["specification", "labelling"], KeyError), "specification.labelling",
     "VR-34 (GI rules II.4.9)"),
    ("single document without D2", _set(["singleDocument", "claimedName"], KeyError),
     "singleDocument.claimedName", "VR-35 (GI rules II.6.3)"),
    ("single document without D4", _set(["singleDocument", "description"], KeyError),
     "singleDocument.description", "VR-35 (GI rules II.6.5)"),
    ("single document without D5", _set(["singleDocument", "productionMethod"], KeyError),
     "singleDocument.productionMethod", "VR-35 (GI rules II.6.6)"),
    ("single document without D6", _set(["singleDocument", "packagingLabelling"], KeyError),
     "singleDocument.packagingLabelling", "VR-35 (GI rules II.6.7)"),
    ("single document without D7", _set(["singleDocument", "boundaries"], KeyError),
     "singleDocument.boundaries", "VR-35 (GI rules II.6.8)"),
    ("single document without D8", _set(["singleDocument", "link"], KeyError),
     "singleDocument.link", "VR-35 (GI rules II.6.9)"),
    ("agri-food product outside the covered UKTZED groups",
     _set(["specification", "uktzedCodes"], ["8703"]), "specification.uktzedCodes[0]",
     "VR-36 (GI rules II.4.4 ¶2)"),
    ("spirit drink without a category",
     _set(["form", "regime"], "spirit_drink"), "specification.spiritCategory",
     "VR-37 (GI rules II.4.4 ¶3)"),
    ("outside feed without justification",
     lambda d: d["specification"].update(animalOrigin=True, externalFeedPercent=20),
     "specification.externalFeedJustification", "VR-38 (GI rules II.4.5 ¶12-13)"),
    ("designation of origin with raw materials from elsewhere, no control methods",
     lambda d: (d["form"].update(kind="designation_of_origin"),
                d["specification"].update(kind="designation_of_origin",
                                          rawMaterialsElsewhere=True,
                                          rawMaterialPlace="Закарпаття",
                                          rawMaterialConditions="Гірські пасовища"),
                d["singleDocument"].update(kind="designation_of_origin")),
     "specification.rawMaterialControl", "VR-39 (GI rules II.4.5 ¶11)"),
]


@pytest.mark.legal(param="rule")
@pytest.mark.parametrize(("what", "change", "path", "rule"), CASES,
                         ids=[c[0] for c in CASES])
def test_each_rule_of_section_8_is_refused_with_its_path_and_rule(
        what: str, change: Callable[[dict[str, Any]], None], path: str, rule: str) -> None:
    data = copy.deepcopy(samples.filing(0))
    change(data)
    with pytest.raises(BadUserInput) as error:
        read_filing(data, received_on=dt.date(2026, 3, 2))
    problems = error.value.details["problems"]
    assert any(p["path"] == path and p["rule"] == rule for p in problems), problems


@pytest.mark.legal("GI rules II.1.1", "GI rules II.1.3", "GI rules II.3.2", "GI rules II.4.13",
                   "GI rules II.6.2", "GI rules II.2.2")
def test_a_complete_application_has_no_problem_and_no_missing_document() -> None:
    """II.1.1, II.1.3: the request on the form of Appendix 1, the agreed specification
    (II.4.13) and the single document (II.6.2); section 1's reference (II.3.2) kept."""
    filing = read_filing(samples.filing(0), received_on=dt.date(2026, 3, 2))
    assert filing.missing == [] and filing.form["claimedName"] == "ГУЦУЛЬСЬКА БРИНДЗЯ"
    assert filing.form["applicantReference"] == "REF-2026-0000"
    assert filing.agreement == {"authority": samples.AUTHORITY["name"],
                                "agreedOn": "2026-01-15", "reference": "СП-100"}
    assert filing.form["transliteration"] == "HUTSULSKA BRYNDZIA"


@pytest.mark.legal("VR-03")
@pytest.mark.parametrize(("drop", "missing"), [
    ("singleDocument", ["singleDocument"]), ("specification", ["specification"]),
    ("agreement", ["agreement"])])
def test_a_missing_document_of_ii_1_1_is_named_for_the_filing_date_notice(
        drop: str, missing: list[str]) -> None:
    """VR-03 (GI rules II.1.1-1.2, V.3.1): what is missing is not an error but the ground of
    the V.3.2 notice."""
    data = samples.filing(1)
    data.pop(drop)
    assert read_filing(data).missing == missing


@pytest.mark.legal("VR-03", "GI rules II.5.1", "GI rules II.5.2", "GI rules II.1.2",
                   "GI rules II.2.2")
def test_a_foreign_applicant_files_foreign_protection_documents_instead() -> None:
    """II.1.2, II.5: foreign protection documents replace the specification, as certified
    copies, with the Ukrainian translation's date kept for II.2.2."""
    filing = read_filing(samples.foreign_filing(2))
    assert filing.missing == [] and filing.foreign_documents[0]["country"] == "HU"
    data = samples.foreign_filing(2)
    data.pop("foreignDocuments")
    assert read_filing(data).missing == ["foreignDocuments"]
    data = samples.foreign_filing(2)
    data["foreignDocuments"][0]["certifiedCopy"] = False
    with pytest.raises(BadUserInput, match=r"II\.3\.9"):
        read_filing(data)


@pytest.mark.legal("VR-02")
@pytest.mark.parametrize(("number", "year", "ok"), [
    ("i202600123", 2026, True), ("i202500123", 2026, False), ("I202600123", 2026, False),
    ("i2026123", 2026, False), ("i2026001234", 2026, False)])
def test_application_numbers_are_i_year_and_five_digits(number: str, year: int,
                                                        ok: bool) -> None:
    """VR-02 (GI rules III.2.3 ¶2-4)."""
    assert valid_number(number, year) is ok


@pytest.mark.legal("VR-35", "VR-40", "VR-07", "VR-10", "VR-25", "GI rules II.6.1")
def test_what_the_rules_leave_to_the_examiner_comes_back_as_warnings() -> None:
    """W rules: a single document over 2,500 words (VR-35), boundaries without coordinates
    or named territories (VR-40), no reference for the bank statement (VR-07), a late
    translation (VR-10), a PO box (VR-25)."""
    from ipreg.plugins.ukraine.gi.forms.foreign import translation_warnings

    data = samples.filing(3)
    data["singleDocument"]["link"] = "слово " * 2600
    data["specification"]["boundaries"] = "Навколо гори"
    data["form"].pop("applicantReference")
    data["form"]["correspondence"]["poBox"] = True
    warnings = read_filing(data).warnings
    assert any("VR-35" in w for w in warnings) and any("VR-40" in w for w in warnings)
    assert any("VR-07" in w for w in warnings) and any("VR-25" in w for w in warnings)
    docs = read_filing(samples.foreign_filing(1)).foreign_documents
    assert translation_warnings(docs, dt.date(2026, 2, 24)) == []
    assert "VR-10" in translation_warnings(docs, dt.date(2025, 12, 1))[0]


@pytest.mark.legal("VR-08", "VR-09")
def test_filing_late_after_the_agreement_is_a_warning(gi_calendar: Any) -> None:
    """VR-08/VR-09 (GI rules III.1.1 ¶3-4; A-05): 3 months (agri-food), 90 days (spirits)."""
    from ipreg.plugins.ukraine.gi.forms.agreement import window_warnings

    agreement = {"authority": "Мінагро", "agreedOn": "2026-01-15"}
    assert window_warnings(agreement, "agri_food", dt.date(2026, 4, 15), gi_calendar) == []
    assert "VR-08" in window_warnings(agreement, "agri_food", dt.date(2026, 4, 16),
                                      gi_calendar)[0]
    assert window_warnings(agreement, "spirit_drink", dt.date(2026, 4, 15), gi_calendar) == []
    assert "VR-09" in window_warnings(agreement, "spirit_drink", dt.date(2026, 4, 16),
                                      gi_calendar)[0]


@pytest.fixture
def gi_calendar() -> Any:
    from ipreg.plugins.ukraine.common.calendar import ukraine_calendar

    return ukraine_calendar("ua_gi")


def _opposition(**kw: Any) -> dict[str, Any]:
    data = {"applicationNumber": "i202600001", "applicationFilingDate": "2026-03-02",
            "channel": "electronic", "feePaidOn": "2026-05-01",
            "opponent": {"name": "ТОВ «Карпатські сири»", "personType": "legal",
                         "postalAddress": "вул. Січових Стрільців, 5, Івано-Франківськ"},
            "correspondence": {"addressee": "ТОВ «Карпатські сири»",
                               "postalAddress": "вул. Січових Стрільців, 5",
                               "country": "UA", "phone": "+380 342 00 00 00",
                               "email": "law@syry.example"},
            "claims": "Відмовити в реєстрації заявленого позначення",
            "circumstances": "Назва є родовою для розсільних сирів",
            "evidence": "Словники, стандарти", "legalProvisions": "ст. 8 Закону",
            "attachments": ["ДСТУ 4600:2006"], "evidenceAttached": True,
            "signature": {"signer": "Іван Коваль", "position": "Директор",
                          "signedOn": "2026-05-01"}}
    data.update(kw)
    return data


OPPOSITION_CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("no claims", {"claims": None}, "opposition.claims", "VO-04 (GI rules V.7.3 ¶6-8)"),
    ("no legal provisions", {"legalProvisions": " "}, "opposition.legalProvisions",
     "VO-04 (GI rules V.7.3 ¶6-8)"),
    ("no opponent address", {"opponent": {"name": "ТОВ"}}, "opposition.opponent.postalAddress",
     "VO-04 (GI rules V.7.3 ¶2)"),
    ("no correspondence e-mail", {"correspondence": {"addressee": "ТОВ", "postalAddress": "Київ",
                                                     "phone": "+380"}},
     "opposition.correspondence.email", "VO-04 (GI rules V.7.3 ¶4)"),
    ("not signed", {"signature": None}, "opposition.signature.signer",
     "VO-04 (GI rules V.7.3 ¶9)"),
    ("legal person's signatory without position",
     {"signature": {"signer": "Іван Коваль", "signedOn": "2026-05-01"}},
     "opposition.signature.position", "VO-05 (GI rules V.7.3 ¶10)"),
    ("representative without authority document",
     {"representative": {"name": "Мельник", "status": "патентний повірений"},
      "powerOfAttorneyAttached": True},
     "opposition.representative.authorityDocument", "VO-05 (GI rules V.7.3 ¶11)"),
    ("representative without PoA",
     {"representative": {"name": "Мельник", "status": "повірений",
                         "authorityDocument": "довіреність"}},
     "opposition.powerOfAttorneyAttached", "VO-06 (GI rules V.7.4)"),
    ("no evidence attached", {"evidenceAttached": False}, "opposition.evidenceAttached",
     "VO-06 (GI rules V.7.4)"),
    ("foreign attachments without translations", {"foreignLanguageAttachments": True},
     "opposition.translationsAttached", "VO-06 (GI rules V.7.4)"),
    ("paper opposition without its copy", {"channel": "paper_post"},
     "opposition.paperCopyAttached", "VO-06 (GI rules V.7.4)"),
    ("claims not in Ukrainian", {"claims": "Refuse the registration"}, "opposition.claims",
     "VO-03 (GI rules V.7.2)"),
]


@pytest.mark.legal(param="rule")
@pytest.mark.parametrize(("what", "change", "path", "rule"), OPPOSITION_CASES,
                         ids=[c[0] for c in OPPOSITION_CASES])
def test_each_content_rule_of_an_opposition_is_a_deficiency_with_its_path_and_rule(
        what: str, change: dict[str, Any], path: str, rule: str) -> None:
    """VO-03-VO-06 (GI rules V.7.3-7.4): what the preliminary review notifies (V.7.10)."""
    found = content_deficiencies(read_opposition(_opposition(**change)))
    assert any(p["path"] == path and p["rule"] == rule for p in found), found
    assert content_deficiencies(read_opposition(_opposition())) == []


@pytest.mark.legal("VO-03")
def test_an_opposition_in_another_language_or_without_the_application_is_refused() -> None:
    with pytest.raises(BadUserInput) as error:
        read_opposition(_opposition(language="en", applicationNumber=None))
    rules = {p["rule"] for p in error.value.details["problems"]}
    assert rules == {"VO-03 (GI rules V.7.2)", "VO-03 (GI rules V.7.3 ¶5)"}
