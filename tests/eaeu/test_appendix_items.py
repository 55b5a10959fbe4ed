"""Every item of R174 Appendix 1 tables 2-10 (and the items of table 1 no other test reads
back), one row each: filed, read back by an official, and seen by an anonymous caller.

One application carries every row's value (the value is put into the registration form
at the row's path): it is filed through the typed mutation ``eaeuSubmitApplication``
(P.SP.01.OPR.001), driven through P.SP.01.PRC.001 to inclusion (OPR.021), and the entry is
read with ``eaeuEntry`` by the Commission's official and by an anonymous caller, once per
database backend. Each row then checks its item: the official reads the value filed, and
the anonymous caller reads the published value, or, for an item Appendix 1 does not publish
("Признак публикации", digest §4.12), null or an empty list at a field
:data:`~ipreg.plugins.eaeu.graphql.visibility.PUBLICATION` classifies as not published.

A second table files forms that break the multiplicity and code rules of the same items
through the same mutation: each is refused with the path of the value and the rule.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from typing import Any

import pytest
import pytest_asyncio
from strawberry.relay import from_base64, to_base64

from ipreg.core.config import Settings
from ipreg.core.model import StoredFile
from ipreg.core.runtime import Runtime
from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES, NICE_CLASSES
from ipreg.plugins.eaeu.graphql.visibility import PUBLICATION
from ipreg.plugins.eaeu.samples import party_id
from ipreg.testing import Clock
from ipreg.testing.databases import DatabaseFactory, postgres_url

# ---------------------------------------------------------------- the files of the form

#: sha256 -> (media type, size, dpi): stored before the form refers to them.
OBJECT_IMAGE = "a1" * 32
GOODS_IMAGE = "b2" * 32
GOODS_VIDEO = "c3" * 32
PACKAGE_IMAGE = "d4" * 32
#: How a form refers to a stored file through GraphQL: the global id of its ``File``.
FILE_IDS = {sha256: to_base64("File", sha256) for sha256 in (OBJECT_IMAGE, GOODS_IMAGE,
                                                              GOODS_VIDEO, PACKAGE_IMAGE)}
FILES = {OBJECT_IMAGE: ("image/jpeg", 900_000, 300), GOODS_IMAGE: ("image/jpeg", 400_000, 96),
         GOODS_VIDEO: ("video/mp4", 9_000_000, None), PACKAGE_IMAGE: ("image/jpeg", 300_000, 72)}

# ---------------------------------------------------------------- the rows

#: An anonymous caller reads the same value as the official (the item is published) ...
PUBLISHED = "published"
#: ... or null / an empty list at a field Appendix 1 does not publish.
WITHHELD = "withheld"
#: The official reads back exactly the value filed.
SAME = object()

H = "rightHolders.1."        # a legal entity registered in Russia: tables 2, 5, 6
N = "rightHolders.2."        # an individual: table 2 item 6 with table 4
TD = "titleDocuments.0."     # table 3 (T1 5.6)
TF = "goods.0.turnover.0."   # T1 6.4 in the form ...
TR = "eaeuGoods.0.turnover.0."  # ... and as read
LF, LR = TF + "logistics.0.", TR + "logistics.0."
PF, PR = LF + "routes.0.points.0.", LR + "routes.0.points.0."
CF, CR = LF + "customsPlaces.0.", LR + "customsPlaces.0."
FF, FR = TF + "features.0.", TR + "features.0."
KF, KR = FF + "transport.0.", FR + "transport.0."

REPRESENTATIVE = {
    "partyType": "legal", "country": "KZ", "name": "Товарищество с ограниченной "
    "ответственностью «Патентный поверенный Сарыарка»", "shortName": "ТОО «Сарыарка Патент»",
    "taxpayerId": "150940011223",
    "addresses": [{"kind": "1", "country": "KZ", "city": "Астана", "street": "пр. Кабанбай "
                   "батыра", "building": "11"}],
    "contacts": [{"channel": "EM", "values": ["office@saryarka-patent.example"]}],
    "employees": [{"surname": "Жумабаева", "firstName": "Айгерим", "position": "Патентный "
                   "поверенный"}]}
AUTHORIZED_PERSON = {
    "partyType": "natural", "country": "RU", "name": "Соколов Игорь Петрович",
    "shortName": "Соколов И. П.",
    "addresses": [{"kind": "3", "country": "RU", "city": "Москва", "poBox": "а/я 204"}],
    "contacts": [{"channel": "TE", "values": ["+7 916 555-01-02"]}]}
SECOND_TRADER = {
    "party": {"partyType": "legal", "country": "CN", "name": "Shenzhen Hualong Confectionery "
              "Manufacturing Co., Ltd.", "shortName": "Hualong Confectionery",
              "addresses": [{"kind": "1", "country": "CN", "city": "Shenzhen"}],
              "contacts": [{"channel": "EM", "values": ["export@hualong.example"]}],
              "employees": [{"surname": "Wang", "firstName": "Li", "position": "Export "
                             "manager"}]},
    "roles": ["60"]}

#: (what, point, path in the form, value filed, path read, value read, anonymous). A point
#: may name the classifier its code comes from too (the row proves the code is carried).
ROWS: list[tuple[str, str, str, Any, str, Any, str]] = [
    # ---- table 1 items no other test reads back
    ("representative", "R174 A1 T1 4", "representative", REPRESENTATIVE,
     "representative.shortName", "ТОО «Сарыарка Патент»", PUBLISHED),
    ("representative's taxpayer id", "R174 A1 T1 4", "representative.taxpayerId",
     "150940011223", "representative.taxpayerId", SAME, WITHHELD),
    ("power of attorney", "R174 A1 T1 4.1", "powersOfAttorney",
     [{"kindName": "Доверенность", "number": "77 АГ 1234567", "date": "2025-11-20",
       "expiresOn": "2028-11-19"}],
     "powersOfAttorney.*.number", ["77 АГ 1234567"], WITHHELD),
    ("expiry of the right", "R174 A1 T1 5.7.2", "rightTerms.4.expiresOn", "2033-08-14",
     "rightTerms.4.expiresOn", SAME, WITHHELD),
    ("registration form number", "R174 A1 T1 5.8", "registrationFormNumber", "РФ-2026/0117",
     "registrationFormNumber", SAME, WITHHELD),
    ("CN FEA codes of the goods", "R174 A1 T1 6.2, P.CLS.003", "goods.0.cnFeaCodes",
     ["180690", "1704909900"], "eaeuGoods.0.cnFeaCodes", SAME, PUBLISHED),
    ("goods description", "R174 A1 T1 6.1", "goods.0.description",
     "Конфеты шоколадные в коробках", "eaeuGoods.0.description", SAME, PUBLISHED),
    ("Nice class name", "R174 A1 T1 6.3.2", "goods.0.niceClasses.0.name",
     "Кондитерские изделия шоколадные", "eaeuGoods.0.niceClasses.0.name", SAME, PUBLISHED),
    ("Nice class heading of the classification", "P.CLS.037", "goods.0.niceClasses.1",
     {"number": 35}, "eaeuGoods.0.niceClasses.1.name", NICE_CLASSES[35]["ru"], PUBLISHED),
    ("persons in the turnover", "R174 A1 T1 6.4.2", TF + "parties.1", SECOND_TRADER,
     TR + "parties.*.party.shortName", ["Восток Импорт-Трейд", "Hualong Confectionery"],
     WITHHELD),
    ("person in the turnover", "R174 A1 T1 6.4.2.1", TF + "parties.0.party.shortName",
     "Восток Импорт-Трейд", TR + "parties.0.party.shortName", SAME, WITHHELD),
    ("its role codes", "R174 A1 T1 6.4.2.2", TF + "parties.0.roles", ["10", "20", "30"],
     TR + "parties.0.roles", SAME, WITHHELD),
    ("routes", "R174 A1 T1 6.4.3.1", LF + "routes.1",
     {"points": [{"seq": 1, "country": "KZ", "name": "Хоргос"}]},
     LR + "routes.1.points.*.name", ["Хоргос"], WITHHELD),
    ("checkpoint code", "R174 A1 T1 6.4.3.2.1", LF + "borderCrossings.0.checkpointCode",
     "10702030", LR + "borderCrossings.0.checkpointCode", SAME, WITHHELD),
    ("places of customs operations", "R174 A1 T1 6.4.3.3", LF + "customsPlaces.1",
     {"country": "KZ", "customsName": "ДГД по г. Алматы"}, LR + "customsPlaces.*.country",
     ["RU", "KZ"], WITHHELD),
    ("accompanying documents", "R174 A1 T1 6.4.5", TF + "accompanyingDocuments",
     "Инвойс № 45/2026, упаковочный лист, сертификат СТ-1", TR + "accompanyingDocuments",
     SAME, WITHHELD),
    ("exemption circumstances", "R174 A1 T1 6.5", "goods.0.exemptionCircumstances",
     "Ввоз лицензиатом по договору № 12-Л не является нарушением",
     "eaeuGoods.0.exemptionCircumstances", SAME, WITHHELD),
    ("authorized person", "R174 A1 T1 7", "authorizedPersons", [AUTHORIZED_PERSON],
     "authorizedPersons.*.name", ["Соколов Игорь Петрович"], WITHHELD),
    # ---- table 2: a subject
    ("country of the subject", "R174 A1 T2 1", H + "country", "RU", H + "country", SAME,
     PUBLISHED),
    ("name of the subject", "R174 A1 T2 2", H + "name",
     "Общество с ограниченной ответственностью «Кондитерская фабрика „Северная звезда“»",
     H + "name", SAME, PUBLISHED),
    ("short name of the subject", "R174 A1 T2 3", H + "shortName", "ООО «Северная звезда»",
     H + "shortName", SAME, PUBLISHED),
    ("taxpayer id", "R174 A1 T2 4", H + "taxpayerId", "7814567890", H + "taxpayerId", SAME,
     WITHHELD),
    ("KPP", "R174 A1 T2 5", H + "kpp", "781401001", H + "kpp", SAME, WITHHELD),
    ("identity document", "R174 A1 T2 6", N + "identityDocument",
     {"country": "KZ", "number": "045678912"}, N + "identityDocument.number", "045678912",
     WITHHELD),
    ("addresses", "R174 A1 T2 7", H + "addresses.1",
     {"kind": "3", "country": "RU", "city": "Санкт-Петербург", "poBox": "а/я 88"},
     H + "addresses.*.kind", ["1", "3"], WITHHELD),
    ("contact details", "R174 A1 T2 8", N + "contacts.1",
     {"channel": "EM", "values": ["a.nurlanovna@mail.example"]}, N + "contacts.*.channel",
     ["TE", "EM"], WITHHELD),
    ("employee", "R174 A1 T2 9", H + "employees.0",
     {"surname": "Петрова", "firstName": "Мария", "patronymic": "Ивановна",
      "position": "Начальник юридического отдела", "phone": "+7 812 600-10-20",
      "email": "petrova@sev-zvezda.example"}, H + "employees.0", SAME, WITHHELD),
    # ---- table 3: a document (the title document, T1 5.6)
    ("document country", "R174 A1 T3 1", TD + "country", "RU", TD + "country", SAME,
     WITHHELD),
    ("document kind code", "R174 A1 T3 2, P.CLS.027", TD + "kindCode", "01", TD + "kindCode", SAME,
     WITHHELD),
    ("document kind name", "R174 A1 T3 3", TD + "kindName", "Свидетельство на товарный знак",
     TD + "kindName", SAME, WITHHELD),
    ("document name", "R174 A1 T3 4", TD + "name", "Свидетельство на товарный знак (знак "
     "обслуживания) «Северная звезда»", TD + "name", SAME, WITHHELD),
    ("document series", "R174 A1 T3 5", TD + "series", "ТЗ", TD + "series", SAME, WITHHELD),
    ("document number", "R174 A1 T3 6", TD + "number", "812345", TD + "number", SAME,
     WITHHELD),
    ("document date", "R174 A1 T3 7", TD + "date", "2019-04-11", TD + "date", SAME, WITHHELD),
    ("document expiry", "R174 A1 T3 8", TD + "expiresOn", "2029-03-05", TD + "expiresOn",
     SAME, WITHHELD),
    ("document validity", "R174 A1 T3 9", TD + "validity", "10 лет", TD + "validity", SAME,
     WITHHELD),
    ("document issuer id", "R174 A1 T3 10", TD + "issuerId", "1027739137225",
     TD + "issuerId", SAME, WITHHELD),
    ("document issuer name", "R174 A1 T3 11", TD + "issuerName", "Федеральная служба по "
     "интеллектуальной собственности", TD + "issuerName", SAME, WITHHELD),
    ("document description", "R174 A1 T3 12", TD + "description", "Свидетельство с "
     "приложением перечня товаров классов 30 и 35", TD + "description", SAME, WITHHELD),
    ("document sheets", "R174 A1 T3 13", TD + "sheetCount", 4, TD + "sheetCount", SAME,
     WITHHELD),
    # ---- table 4: the identity document of the individual
    ("identity document country", "R174 A1 T4 1", N + "identityDocument.country", "KZ",
     N + "identityDocument.country", SAME, WITHHELD),
    ("identity document kind code", "R174 A1 T4 2, P.CLS.051",
     N + "identityDocument.kindCode", "02", N + "identityDocument.kindCode", SAME, WITHHELD),
    ("identity document kind name", "R174 A1 T4 3", N + "identityDocument.kindName",
     "Удостоверение личности гражданина Республики Казахстан",
     N + "identityDocument.kindName", SAME, WITHHELD),
    ("identity document series", "R174 A1 T4 4", N + "identityDocument.series", "УЛ",
     N + "identityDocument.series", SAME, WITHHELD),
    ("identity document number", "R174 A1 T4 5", N + "identityDocument.number", "045678912",
     N + "identityDocument.number", SAME, WITHHELD),
    ("identity document date", "R174 A1 T4 6", N + "identityDocument.date", "2019-06-14",
     N + "identityDocument.date", SAME, WITHHELD),
    ("identity document issuer id", "R174 A1 T4 7", N + "identityDocument.issuerId",
     "KZ-MVD-02", N + "identityDocument.issuerId", SAME, WITHHELD),
    ("identity document issuer name", "R174 A1 T4 8", N + "identityDocument.issuerName",
     "Министерство внутренних дел Республики Казахстан", N + "identityDocument.issuerName",
     SAME, WITHHELD),
    # ---- table 5: an address (of the legal entity)
    ("address kind", "R174 A1 T5 1", H + "addresses.0.kind", "1", H + "addresses.0.kind",
     SAME, WITHHELD),
    ("address country", "R174 A1 T5 2", H + "addresses.0.country", "RU",
     H + "addresses.0.country", SAME, WITHHELD),
    ("territory code", "R174 A1 T5 3", H + "addresses.0.territoryCode", "46641000",
     H + "addresses.0.territoryCode", SAME, WITHHELD),
    ("region", "R174 A1 T5 4", H + "addresses.0.region", "Московская область",
     H + "addresses.0.region", SAME, WITHHELD),
    ("district", "R174 A1 T5 5", H + "addresses.0.district", "Одинцовский городской округ",
     H + "addresses.0.district", SAME, WITHHELD),
    ("city", "R174 A1 T5 6", H + "addresses.0.city", "Одинцово", H + "addresses.0.city",
     SAME, WITHHELD),
    ("settlement", "R174 A1 T5 7", H + "addresses.0.settlement", "дер. Немчиновка",
     H + "addresses.0.settlement", SAME, WITHHELD),
    ("street", "R174 A1 T5 8", H + "addresses.0.street", "Советская ул.",
     H + "addresses.0.street", SAME, WITHHELD),
    ("house number", "R174 A1 T5 9", H + "addresses.0.building", "12, корп. 2",
     H + "addresses.0.building", SAME, WITHHELD),
    ("premises", "R174 A1 T5 10", H + "addresses.0.premises", "оф. 305",
     H + "addresses.0.premises", SAME, WITHHELD),
    ("postal code", "R174 A1 T5 11", H + "addresses.0.postalCode", "143085",
     H + "addresses.0.postalCode", SAME, WITHHELD),
    ("PO box", "R174 A1 T5 12", H + "addresses.0.poBox", "а/я 17", H + "addresses.0.poBox",
     SAME, WITHHELD),
    # ---- table 6: contact details (one identifier a row when read)
    ("contact channel", "R174 A1 T6 1", H + "contacts.0.channel", "TE",
     H + "contacts.0.channel", SAME, WITHHELD),
    ("contact channel name", "R174 A1 T6 2", H + "contacts.0.channelName", "Телефон",
     H + "contacts.0.channelName", SAME, WITHHELD),
    ("contact identifiers", "R174 A1 T6 3", H + "contacts.0.values",
     ["+7 495 600-10-20", "+7 495 600-10-21"], H + "contacts.*.value", SAME, WITHHELD),
    # ---- table 7: roles in the turnover (all six codes, 30 with legality 1)
    ("role codes", "R174 A1 T7", TF + "parties.1.roles", ["50", "60", "90"],
     TR + "parties.*.roles", [["10", "20", "30"], ["50", "60", "90"]], WITHHELD),
    # ---- table 8: a route
    ("route points", "R174 A1 T8 1", LF + "routes.0.points.1",
     {"seq": 2, "country": "RU", "name": "Владивосток", "pointKind": "3"},
     LR + "routes.0.points.*.name", ["Шанхай", "Владивосток"], WITHHELD),
    ("route points in the order of their numbers", "R174 A1 T8 1.1", LF + "routes.2",
     {"points": [{"seq": 2, "country": "BY", "name": "Минск"},
                 {"seq": 1, "country": "BY", "name": "Брест"}]},
     LR + "routes.2.points.*.name", ["Брест", "Минск"], WITHHELD),
    ("route point country", "R174 A1 T8 1.2", PF + "country", "CN", PR + "country", SAME,
     WITHHELD),
    ("route point UN/LOCODE", "R174 A1 T8 1.3", PF + "locode", "CNSHA", PR + "locode", SAME,
     WITHHELD),
    ("route point name", "R174 A1 T8 1.4", PF + "name", "Шанхай", PR + "name", SAME,
     WITHHELD),
    ("mode of transport on departure", "R174 A1 T8 1.5, P.CLS.015",
     PF + "departureTransportMode", "10", PR + "departureTransportMode", SAME, WITHHELD),
    ("route point flag", "R174 A1 T8 1.6", PF + "pointKind", "1", PR + "pointKind", SAME,
     WITHHELD),
    # ---- table 9: a place of customs operations and control
    ("customs place country", "R174 A1 T9 1", CF + "country", "RU", CR + "country", SAME,
     WITHHELD),
    ("customs authority code", "R174 A1 T9 2, P.CLS.025", CF + "customsCode", "10702000",
     CR + "customsCode", SAME, WITHHELD),
    ("customs authority name", "R174 A1 T9 3", CF + "customsName", "Владивостокская таможня",
     CR + "customsName", SAME, WITHHELD),
    ("customs control zone", "R174 A1 T9 4", CF + "controlZone", "ЗТК-25/0042",
     CR + "controlZone", SAME, WITHHELD),
    ("where the goods are", "R174 A1 T9 5", CF + "goodsLocation",
     {"kind": "2", "country": "RU", "city": "Владивосток", "street": "ул. Стрельникова",
      "building": "9"}, CR + "goodsLocation", SAME, WITHHELD),
    # ---- table 10: features of the goods and of their transport
    ("brand, model", "R174 A1 T10 1", FF + "brandModel", "Северная звезда «Ассорти» 250 г",
     FR + "brandModel", SAME, WITHHELD),
    ("features of the goods", "R174 A1 T10 2", FF + "characteristics",
     "Коробка с тиснением фольгой, голограмма на торце", FR + "characteristics", SAME,
     WITHHELD),
    ("identification means of the goods", "R174 A1 T10 3", FF + "identificationMeans",
     ["штрихкод EAN-13 4607001234567", "голограмма"], FR + "identificationMeans", SAME,
     WITHHELD),
    ("images of the goods", "R174 A1 T10 4", FF + "images", [FILE_IDS[GOODS_IMAGE]],
     FR + "images.*.sha256", [GOODS_IMAGE], WITHHELD),
    ("audio or video of the goods", "R174 A1 T10 5", FF + "media", [FILE_IDS[GOODS_VIDEO]],
     FR + "media.*.sha256", [GOODS_VIDEO], WITHHELD),
    ("transport features", "R174 A1 T10 6", FF + "transport.1",
     {"packageKind": "PX", "unitsPerPackage": 40}, FR + "transport.*.packageKind",
     ["CT", "PX"], WITHHELD),
    ("package kind", "R174 A1 T10 6.1, P.CLS.018", KF + "packageKind", "CT",
     KR + "packageKind", SAME, WITHHELD),
    ("units per package", "R174 A1 T10 6.2", KF + "unitsPerPackage", 24,
     KR + "unitsPerPackage", SAME, WITHHELD),
    ("identification means of the package", "R174 A1 T10 6.3", KF + "identificationMeans",
     "транспортная маркировка с логотипом", KR + "identificationMeans", SAME, WITHHELD),
    ("images of the package", "R174 A1 T10 6.4", KF + "images", [FILE_IDS[PACKAGE_IMAGE]],
     KR + "images.*.sha256", [PACKAGE_IMAGE], WITHHELD),
]


def base_form(holder: int) -> dict[str, Any]:
    """A trademark's registration form with every container the rows fill: the applicant
    (a right holder stored already), a legal entity and an individual as further right
    holders, one goods item with one turnover block (legality 1)."""
    return {
        "kind": "ТЗ", "name": "Северная звезда", "description": "Словесное обозначение "
        "«Северная звезда»", "rightHolderCount": 3, "images": [FILE_IDS[OBJECT_IMAGE]],
        "keywords": [{"value": "Северная звезда"}],
        "rightHolders": [
            {"partyId": party_id(holder)},
            {"partyType": "legal", "country": "RU", "name": "-", "shortName": "-",
             "addresses": [{}], "contacts": [{}], "employees": [{"surname": "-"}]},
            {"partyType": "natural", "country": "KZ", "name": "Нурланова Айжан",
             "shortName": "Нурланова А.", "addresses": [{"kind": "1", "country": "KZ",
                                                         "city": "Алматы"}],
             "contacts": [{"channel": "TE", "values": ["+7 701 555 12 34"]}]}],
        "titleDocuments": [{}],
        "rightTerms": [{"country": c, "expiresOn": "2034-12-31"} for c in MEMBER_STATE_CODES],
        "goods": [{
            "description": "-", "cnFeaCodes": ["180690"], "niceClasses": [{"number": 30}],
            "turnover": [{
                "legality": 1,
                "parties": [{"party": {
                    "partyType": "legal", "country": "RU", "name": "Общество с ограниченной "
                    "ответственностью «Восток Импорт-Трейд»", "shortName": "-",
                    "addresses": [{"kind": "1", "country": "RU", "city": "Владивосток"}],
                    "contacts": [{"channel": "EM", "values": ["info@vostok-import.example"]}],
                    "employees": [{"surname": "Ким"}]}, "roles": ["20"]}],
                "logistics": [{"routes": [{"points": [{"seq": 1, "country": "CN",
                                                       "name": "-"}]}],
                               "borderCrossings": [{"checkpointName": "Морской пункт пропуска "
                                                    "Владивосток"}],
                               "customsPlaces": [{}]}],
                "features": [{"transport": [{}]}]}]}],
    }


def put(form: dict[str, Any], path: str, value: Any) -> None:
    """Set ``path`` (``a.0.b``; an index one past the end appends) to a copy of ``value``."""
    *parents, last = path.split(".")
    target: Any = form
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    if last.isdigit() and int(last) == len(target):
        target.append(copy.deepcopy(value))
    else:
        target[int(last) if last.isdigit() else last] = copy.deepcopy(value)


def filed_form(holder: int) -> dict[str, Any]:
    form = base_form(holder)
    for _what, _point, path, value, *_ in ROWS:
        put(form, path, value)
    return form


# ---------------------------------------------------------------- reading

PARTY = ("partyId partyType country name shortName taxpayerId kpp "
         "identityDocument { country kindCode kindName series number date issuerId issuerName } "
         "addresses { kind country territoryCode region district city settlement street "
         "building premises postalCode poBox } contacts { channel channelName value } "
         "employees { surname firstName patronymic position phone email }")
DOCUMENT = ("country kindCode kindName name series number date expiresOn validity issuerId "
            "issuerName description sheetCount")
ADDRESS = ("kind country territoryCode region district city settlement street building premises "
           "postalCode poBox")
FILE = "sha256 mediaType"
#: Every item of the entry (tables 1-10), as ``eaeuEntry`` answers it.
ENTRY = f"""query($n: String!) {{ eaeuEntry(registrationNumber: $n) {{
  name registrationFormNumber rightHolderCount images {{ {FILE} }}
  rightHolders {{ {PARTY} }} representative {{ {PARTY} }} authorizedPersons {{ {PARTY} }}
  powersOfAttorney {{ {DOCUMENT} }} titleDocuments {{ {DOCUMENT} }}
  rightTerms {{ country expiresOn termDefined }}
  eaeuGoods {{ position description cnFeaCodes niceClasses {{ number name }}
    exemptionCircumstances
    turnover {{ legality accompanyingDocuments parties {{ party {{ {PARTY} }} roles }}
      logistics {{ routes {{ points {{ seq country locode name departureTransportMode
                                       pointKind }} }}
                   borderCrossings {{ checkpointCode checkpointName }}
                   customsPlaces {{ country customsCode customsName controlZone
                                    goodsLocation {{ {ADDRESS} }} }} }}
      features {{ brandModel characteristics identificationMeans images {{ {FILE} }}
                  media {{ {FILE} }}
                  transport {{ packageKind unitsPerPackage identificationMeans
                               images {{ {FILE} }} }} }} }} }}
}} }}"""
SUBMIT = """mutation($forms: [EaeuRegistrationFormInput!]!) {
  eaeuSubmitApplication(forms: $forms) { case { id state } } }"""

#: A step of a path that is not there (an index past the end of a list).
ABSENT = object()


def at(value: Any, path: str) -> Any:
    """The value at ``path`` of an answer: ``a.0.b``; ``*`` maps the rest over a list."""
    keys = path.split(".")
    for i, key in enumerate(keys):
        if value is None or value is ABSENT:
            return value
        if key == "*":
            return [at(item, ".".join(keys[i + 1:])) if i + 1 < len(keys) else item
                    for item in value]
        if key.isdigit():
            value = value[int(key)] if int(key) < len(value) else ABSENT
        else:
            value = value.get(key, ABSENT)
    return value


def matches(expected: Any, found: Any) -> bool:
    """``found`` equals ``expected``; of an object only the keys ``expected`` names count
    (the answer also carries the items a row did not file, as null)."""
    if isinstance(expected, dict):
        return isinstance(found, dict) and all(matches(v, found.get(k)) for k, v in
                                               expected.items())
    if isinstance(expected, list):
        return (isinstance(found, list) and len(found) == len(expected)
                and all(matches(e, f) for e, f in zip(expected, found, strict=True)))
    return bool(expected == found)


def withheld_at(answer: Any, path: str) -> str | None:
    """The field (``rightHolders.addresses``: names only) where ``path`` stops in the
    answer at a null or an empty list; None if the value is there."""
    names: list[str] = []
    value = answer
    for key in path.split("."):
        if key in ("*",) or key.isdigit():
            if not value:
                return ".".join(names)
            value = value[0] if key == "*" else (value[int(key)] if int(key) < len(value)
                                                  else None)
            if value is None:
                return ".".join(names)
            continue
        names.append(key)
        value = value.get(key)
        if value is None or value == []:
            return ".".join(names)
    return None


# ---------------------------------------------------------------- filing, once per backend


async def store_files(eaeu: Any) -> None:
    """The files of :data:`FILES`, as ``uploadFile`` would have stored them."""
    async with eaeu.rt.sessionmaker() as session:
        for sha256, (media_type, size, dpi) in FILES.items():
            session.add(StoredFile(sha256=sha256, size=size, media_type=media_type,
                                   original_name=f"{sha256[:4]}.bin", dpi=dpi,
                                   width=2400 if dpi else None, height=1800 if dpi else None))
        await session.commit()


async def file_include_and_read(eaeu: Any) -> dict[str, Any]:
    """File the form of every row, include the object, read the entry as the Commission's
    official and as an anonymous caller."""
    await store_files(eaeu)
    submitted = await eaeu.data(SUBMIT, {"forms": [filed_form(eaeu.holder)]}, eaeu.applicant)
    assert submitted["eaeuSubmitApplication"]["case"]["state"] == "formal_check"
    _, case_id = from_base64(submitted["eaeuSubmitApplication"]["case"]["id"])
    case = await eaeu.drive_to_inclusion(int(case_id))
    number = case.data["included"][0]["registrationNumber"]
    official = (await eaeu.data(ENTRY, {"n": number}, eaeu.commission))["eaeuEntry"]
    anonymous = (await eaeu.data(ENTRY, {"n": number}))["eaeuEntry"]
    assert official is not None and anonymous is not None, number
    assert anonymous["name"] == "Северная звезда"
    return {"official": official, "anonymous": anonymous}


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=["sqlite", "postgres"])
async def entry(request: pytest.FixtureRequest,
                ipreg_database_factories: dict[str, DatabaseFactory],
                tmp_path_factory: pytest.TempPathFactory,
                eaeu_driver_of: Callable[[Runtime, Clock], Awaitable[Any]],
                ) -> AsyncIterator[dict[str, Any]]:
    """The entry of the filed form as both callers read it, on each backend (one filing
    per module and backend: the rows only read)."""
    if request.param == "postgres" and not postgres_url():
        pytest.skip("PostgreSQL not configured: set IPREG_TEST_POSTGRES_URL (see .ci/run)")
    url = ipreg_database_factories[request.param].migrated()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IPREG_SEARCH_PATH", str(tmp_path_factory.mktemp("search") / "search.db"))
        runtime = Runtime.create(replace(Settings.from_env(database_url=url), plugins=None,
                                         opensearch_url=None))
        try:
            views = await file_include_and_read(await eaeu_driver_of(runtime, Clock()))
        finally:
            await runtime.close()
    yield views


@pytest.mark.legal(param="point")
@pytest.mark.parametrize(("what", "point", "form_path", "filed", "read_path", "read",
                          "anonymous"), ROWS, ids=[r[0] for r in ROWS])
def test_each_item_is_filed_read_back_and_published_as_appendix_1_says(
        entry: dict[str, Any], what: str, point: str, form_path: str, filed: Any,
        read_path: str, read: Any, anonymous: str) -> None:
    """The official reads the item as filed; an anonymous caller reads the same where
    Appendix 1 publishes it, else the answer stops at a field PUBLICATION withholds."""
    expected = filed if read is SAME else read
    official = at(entry["official"], read_path)
    assert matches(expected, official), (what, read_path, official)
    public = at(entry["anonymous"], read_path)
    if anonymous == PUBLISHED:
        assert matches(expected, public), (what, read_path, public)
        return
    stop = withheld_at(entry["anonymous"], read_path)
    assert stop is not None, (what, read_path, public)
    assert not PUBLICATION.published(stop), (what, stop)


def test_the_rows_cover_every_item_of_tables_2_to_10() -> None:
    """No item of tables 2-10 of the digest is without a row (T7 is one list of codes)."""
    from ipreg.plugins.eaeu.plugin import ipreg_register_legal_points

    (points,) = ipreg_register_legal_points()
    wanted = {p.code for p in points.points
              if p.code.split()[:3][-1] in {f"T{n}" for n in range(2, 11)}}
    assert wanted - {code for r in ROWS for code in r[1].split(", ")} == set()


# ---------------------------------------------------------------- refused, with path and rule


#: (what, path in the form, value, where the problem is (None: there), its rule).
REFUSED: list[tuple[str, str, Any, str | None, str]] = [
    ("no persons in the turnover", TF + "parties", [], None, "R174 A1 T1 6.4.2"),
    ("a person without a role", TF + "parties.0.roles", [], None, "R174 A1 T1 6.4.2.2"),
    ("no routes", LF + "routes", [], None, "R174 A1 T1 6.4.3.1"),
    ("no places of customs operations", LF + "customsPlaces", [], None, "R174 A1 T1 6.4.3.3"),
    ("a route without points", LF + "routes.0.points", [], None, "R174 A1 T8 1"),
    ("two points with one number", LF + "routes.0.points.1.seq", 1, LF + "routes.0.points",
     "R174 A1 T8 1.1"),
    ("a blank goods description", "goods.0.description", " ", None, "R174 A1 T1 6.1"),
    ("powers of attorney without a representative", "representative", None,
     "powersOfAttorney", "R174 A1 T1 4.1"),
    ("a subject of an unknown country", H + "country", "XX", None, "P.CLS.001"),
    ("a blank name of a subject", H + "name", " ", None, "R174 A1 T2 2"),
    ("a blank short name of a subject", H + "shortName", "", None, "R174 A1 T2 3"),
    ("an address in an unknown country", H + "addresses.0.country", "XX", None, "P.CLS.001"),
    ("a blank contact identifier", H + "contacts.0.values", [""], None, "R174 A1 T6 3"),
    ("a document of an unknown country", TD + "country", "XX", None, "P.CLS.001"),
    ("a document of no sheets", TD + "sheetCount", 0, None, "R174 A1 T3 13"),
    ("an identity document of an unknown country", N + "identityDocument.country", "XX",
     None, "P.CLS.001"),
    ("a customs place in an unknown country", CF + "country", "XX", None, "P.CLS.001"),
    ("a blank identification means of the goods", FF + "identificationMeans", [""],
     None, "R174 A1 T10 3"),
    ("a negative number of units per package", KF + "unitsPerPackage", -1,
     None, "R174 A1 T10 6.2"),
    ("a package image that is a video", KF + "images", [FILE_IDS[GOODS_VIDEO]], None,
     "R174 A1 T10 6.4"),
]


@pytest.mark.legal(param="rule")
@pytest.mark.parametrize(("what", "path", "value", "problem", "rule"), REFUSED,
                         ids=[r[0] for r in REFUSED])
async def test_a_form_breaking_an_items_rule_is_refused_with_its_path(
        eaeu: Any, what: str, path: str, value: Any, problem: str | None, rule: str) -> None:
    """BAD_USER_INPUT naming the path and the item's rule; no case is opened."""
    await store_files(eaeu)
    form = filed_form(eaeu.holder)
    put(form, path, value)
    outcome = await eaeu.gql(SUBMIT, {"forms": [form]}, eaeu.applicant)
    (error,) = outcome["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    where = "forms[0]." + ".".join(f"[{k}]" if k.isdigit() else k
                                   for k in (problem or path).split(".")).replace(".[", "[")
    found = [p for p in error["extensions"]["problems"] if p["path"].startswith(where)]
    assert any(rule in p["rule"] for p in found), (what, where, error["extensions"])
    assert (await eaeu.data("{ eaeuCases(first: 1) { totalCount } }", None, eaeu.commission)
            ) == {"eaeuCases": {"totalCount": 0}}
