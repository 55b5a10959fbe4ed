"""Code lists of the customs register: object kinds, statuses, roles of representatives
and operators, and the AFA codes of Regulation (EU) No 608/2013 Art. 6(3) with the ones
Ukraine uses (digest §2.1, §2.2)."""

from __future__ import annotations

from ipreg.core.extension import Code, CodeList

JURISDICTION = "ua_customs"
PLUGIN = "ukraine_customs"

#: Objects the customs register protects (Customs Code Art. 398 as amended in November
#: 2019: utility models removed, semiconductor topographies added; digest §2.1).
KINDS: dict[str, tuple[str, str]] = {
    "trademark": ("Торговельна марка", "Trademark"),
    "copyright_object": ("Об'єкт авторського права", "Copyright object"),
    "related_rights_object": ("Об'єкт суміжних прав", "Related-rights object"),
    "invention": ("Винахід", "Invention"),
    "industrial_design": ("Промисловий зразок", "Industrial design"),
    "geographical_indication": ("Географічне зазначення", "Geographical indication"),
    "plant_variety": ("Сорт рослин", "Plant variety"),
    "semiconductor_topography": ("Топографія інтегральної мікросхеми",
                                 "Semiconductor topography"),
}
#: Kinds the core does not declare: this plugin does (``ipreg_register_object_kinds``).
NEW_KINDS = ("invention", "industrial_design", "plant_variety", "semiconductor_topography")
#: Not protected at the border since November 2019 (digest §2.1).
UTILITY_MODEL = "utility_model"

#: How the right was registered: national (UKRNOIVI) or international (Madrid, Hague).
ORIGINS = ("national", "international")

#: Statuses of a recordal and of its register entries (digest §2.3).
STATUSES = ("applied", "registered", "refused", "expired", "revoked")
IN_FORCE = "registered"

#: AFA box 3 (Reg. 608/2013 Art. 6(3)(b)) statuses Ukraine accepts: the right holder
#: (Order 282: only the owner registers, digest §2.1) and, for a GI, an operator
#: entitled to use it.
APPLICANT_STATUSES = ("right_holder", "gi_operator")
#: The other AFA box 3 statuses: persons Ukraine lists as authorised persons or
#: representatives, never as applicants.
EU_ONLY_APPLICANT_STATUSES = ("collective_rights_body", "professional_defence_body",
                              "exclusive_licensee")

#: Representatives by role: AFA box 4 (submitting, Art. 6(3)(d)), boxes 7-8 (legal and
#: technical matters, Art. 6(3)(k)), and the Ukrainian roles for product identification
#: and assistance in IP protection (digest §2.1, interty.com).
REPRESENTATIVE_ROLES = ("submitting", "legal", "technical", "product_identification",
                        "ip_protection")
#: Authorised operators (digest §2.1 "manufacturers, importers/exporters"; AFA box 17).
OPERATOR_KINDS = ("importer", "exporter", "manufacturer", "distributor")
#: Of these, the official importers who may appeal a customs value or classification
#: decision (seed 000, expected strategic result).
OFFICIAL_IMPORTER_KINDS = ("importer", "distributor")

#: AFA box 5 right types (Art. 6(3)(e)) -> the Ukrainian kind and origin they map to.
AFA_RIGHT_TYPES: dict[str, tuple[str, str]] = {
    "NTM": ("trademark", "national"),
    "ITM": ("trademark", "international"),
    "ND": ("industrial_design", "national"),
    "ICD": ("industrial_design", "international"),
    "NCPR": ("copyright_object", "national"),
    "NPT": ("invention", "national"),
    "NTSP": ("semiconductor_topography", "national"),
    "NGI": ("geographical_indication", "national"),
    "NPVR": ("plant_variety", "national"),
}
#: AFA box 5 codes Ukraine does not use, with why (digest §2.1, §2.2).
AFA_UNUSED_RIGHT_TYPES: dict[str, str] = {
    "EUTM": "a European Union trade mark has no effect in Ukraine",
    "CDR": "a Community design has no effect in Ukraine",
    "CPVR": "a Community plant variety right has no effect in Ukraine",
    "UPT": "a unitary patent has no effect in Ukraine",
    "NUM": "utility models are not protected at the border since November 2019",
    "NTN": "trade names are not objects of the customs register",
    "SPCM": "supplementary protection certificates are not objects of the customs register",
    "SPCP": "supplementary protection certificates are not objects of the customs register",
    "CGIP": "a Union geographical indication is recorded here only as a national one (NGI)",
    "CGIW": "a Union geographical indication is recorded here only as a national one (NGI)",
    "CGIA": "a Union geographical indication is recorded here only as a national one (NGI)",
    "CGIS": "a Union geographical indication is recorded here only as a national one (NGI)",
}


def kind_afa_code(kind: str, origin: str) -> str:
    """The AFA box 5 code of a Ukrainian right (both related rights and copyright are
    NCPR: the AFA's "national copyright or related right")."""
    if kind == "related_rights_object":
        return "NCPR"
    for code, (k, o) in AFA_RIGHT_TYPES.items():
        if k == kind and o == origin:
            return code
    for code, (k, _) in AFA_RIGHT_TYPES.items():
        if k == kind:
            return code
    raise KeyError(kind)


def code_lists() -> list[CodeList]:
    return [
        CodeList("ua_customs_kinds", {"en": "Objects of the Ukrainian customs register",
                                      "uk": "Об'єкти митного реєстру"},
                 [Code(k, {"uk": uk, "en": en}) for k, (uk, en) in KINDS.items()],
                 source="Customs Code of Ukraine Art. 398"),
        CodeList("ua_customs_statuses", {"en": "Statuses of a customs register entry",
                                         "uk": "Статуси запису митного реєстру"},
                 [Code(s, {"en": s}) for s in STATUSES], source="Order 282"),
        CodeList("ua_customs_representative_roles",
                 {"en": "Roles of a right holder's representatives"},
                 [Code(r, {"en": r.replace("_", " ")}) for r in REPRESENTATIVE_ROLES],
                 source="Reg. 608/2013 Art. 6(3)(d), (k); Order 282"),
        CodeList("ua_customs_operator_kinds", {"en": "Kinds of authorised operators"},
                 [Code(r, {"en": r}) for r in OPERATOR_KINDS], source="Order 281 p.12"),
    ]
