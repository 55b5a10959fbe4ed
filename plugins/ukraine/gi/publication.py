"""What GI rules V.6.2 publishes of an application (digest §4.7, P1-P16), and what it never
publishes (¶18: a natural-person applicant's date of birth, identity document, RNOKPP,
UNZR, residence, phone, e-mail). The GraphQL object type, the export and search share it.

Only a published application (V.6.1) is an IP object at all; before publication its data
are in its case, which only UKRNOIVI's officials and the applicant's side read. Oppositions'
existence (their number, date and state) and decisions are published with the application
(V.7, V.10).
"""

from __future__ import annotations

from ipreg.schema.publication import Publication, PublicationTable

JURISDICTION = "ua_gi"

PUBLICATION = PublicationTable({
    "id": ("the application", True),
    "jurisdiction": ("ua_gi", True),
    "kind": ("geographical_indication", True),
    "kindName": ("its name", True),
    "name": ("V.6.2 ¶9 P8 claimed name", True),
    "description": ("II.4.6 S5 the geographical area", True),
    "registerNumber": ("V.6.2 ¶2 P1 application number", True),
    "status": ("V.10 the stage: published, decided, registered, withdrawn", True),
    "statusDate": ("V.10 date of the stage", True),
    "statusHistory": ("V.6, V.10 the stages", True),
    "version": ("record version", True),
    "updatedAt": ("record change time", True),
    "keywords": ("V.6.2 ¶10-12 P9-P11 transliteration and transcriptions", True),
    "keywordDetails": ("V.6.2 ¶10-12 P9-P11", True),
    "holders": ("V.6.2 ¶4 P3 applicants: name and correspondence address", True),
    "representatives": ("V.6.2 ¶5 P4 representative", True),
    "goods": ("V.6.2 ¶14 P13 product name (UKTZED codes)", True),
    "rightTerms": ("no term before registration", True),
    "applicationNumber": ("V.6.2 ¶2 P1", True),
    "filingDate": ("V.6.2 ¶3 P2", True),
    "applicantNames": ("V.6.2 ¶4 P3", True),
    "applicantAddresses": ("V.6.2 ¶4, ¶19 P3: the correspondence address", True),
    "representative": ("V.6.2 ¶5 P4", True),
    "correspondenceAddress": ("V.6.2 ¶6 P5", True),
    "internationalTreaty": ("V.6.2 ¶7 P6", True),
    "giKind": ("V.6.2 ¶8 P7", True),
    "claimedName": ("V.6.2 ¶9 P8", True),
    "transliteration": ("V.6.2 ¶10 P9", True),
    "transcriptionUk": ("V.6.2 ¶11 P10", True),
    "transcriptionLatin": ("V.6.2 ¶12 P11", True),
    "countryOfOrigin": ("V.6.2 ¶13 P12", True),
    "productName": ("V.6.2 ¶14 P13", True),
    "competentAuthority": ("V.6.2 ¶15 P14", True),
    "conformityBodies": ("V.6.2 ¶15 P14", True),
    "specification": ("V.6.2 ¶16 P15 (places in Ukraine, or V.5.6)", True),
    "singleDocument": ("V.6.2 ¶17 P16 (places abroad)", True),
    "publishedOn": ("V.6.1 publication in the Bulletin", True),
    "oppositions": ("V.7 oppositions' existence", True),
    "decision": ("V.10.5 the decision", True),
    "applicantDateOfBirth": ("V.6.2 ¶18 never published", False),
})

UA_GI = Publication(
    JURISDICTION, PUBLICATION,
    message="not published (GI rules V.6.2 ¶18): only UKRNOIVI's officials and the "
            "applicant's side may read it",
    owner_roles=("holder", "representative"))

#: Export columns: published items only (checked at start-up).
EXPORT_COLUMNS = (
    ("applicationNumber", "Номер заявки"), ("filingDate", "Дата подання"),
    ("claimedName", "Заявлене найменування"), ("transliteration", "Транслітерація"),
    ("giKind", "Вид"), ("productName", "Назва товару"),
    ("countryOfOrigin", "Країна походження"), ("applicantNames", "Заявник"),
    ("applicantAddresses", "Адреса для листування заявника"),
    ("description", "Географічне місце"), ("status", "Стадія"),
    ("publishedOn", "Дата публікації"), ("oppositions", "Заперечення"),
)
PUBLICATION.check_published([c for c, _ in EXPORT_COLUMNS], "the GI export")

__all__ = ["EXPORT_COLUMNS", "JURISDICTION", "PUBLICATION", "UA_GI"]
