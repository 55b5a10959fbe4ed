"""Realistic GI applications for the demo and the tests: Ukrainian cheeses, wines, honey
and fruit, from invented producers' associations (names, codes and addresses are made
up; EDRPOU codes carry valid check digits so that the forms accept them)."""

from __future__ import annotations

import copy
import random
from typing import Any

from ipreg.plugins.ukraine.common.identifiers import edrpou_check_digit
from ipreg.search import translit

#: (claimed name, product, UKTZED, region, locality, association, regime)
PRODUCTS: list[tuple[str, str, str, str, str, str, str]] = [
    ("ГУЦУЛЬСЬКА БРИНДЗЯ", "Сир розсільний овечий", "0406", "Івано-Франківська",
     "Верховина", "Асоціація гуцульських сироварів", "agri_food"),
    ("ЗАКАРПАТСЬКЕ ЧЕРВОНЕ ВИНО", "Вино червоне сухе", "2204", "Закарпатська", "Берегове",
     "Спілка виноробів Берегівщини", "agri_food"),
    ("КАРПАТСЬКИЙ МЕД", "Мед натуральний гірський", "0409", "Закарпатська", "Міжгір'я",
     "Асоціація пасічників Карпат", "agri_food"),
    ("МЕЛІТОПОЛЬСЬКА ЧЕРЕШНЯ", "Черешня свіжа", "0809", "Запорізька", "Мелітополь",
     "Асоціація садівників Приазов'я", "agri_food"),
    ("ЯГОТИНСЬКЕ МАСЛО", "Масло вершкове", "0405", "Київська", "Яготин",
     "Об'єднання молочарів Яготинщини", "agri_food"),
    ("ШАБСЬКЕ БІЛЕ ВИНО", "Вино біле сухе", "2204", "Одеська", "Шабо",
     "Спілка виноградарів Шабо", "agri_food"),
    ("ПОЛІСЬКИЙ ГРИБНИЙ СИР", "Сир твердий з грибами", "0406", "Житомирська", "Овруч",
     "Асоціація сироварів Полісся", "agri_food"),
    ("ХЕРСОНСЬКИЙ КАВУН", "Кавуни свіжі", "0807", "Херсонська", "Гола Пристань",
     "Асоціація баштанників Херсонщини", "agri_food"),
    ("ПОДІЛЬСЬКА ВИШНЯ", "Вишня свіжа", "0809", "Вінницька", "Бар",
     "Спілка садівників Поділля", "agri_food"),
    ("СЛОБОЖАНСЬКИЙ ГРЕЧАНИЙ МЕД", "Мед гречаний", "0409", "Харківська", "Богодухів",
     "Асоціація пасічників Слобожанщини", "agri_food"),
    ("КОЛОМИЙСЬКИЙ ВУРДА", "Сир кисломолочний овечий", "0406", "Івано-Франківська",
     "Коломия", "Кооператив «Покутські сировари»", "agri_food"),
    ("БУКОВИНСЬКЕ ЯБЛУКО", "Яблука свіжі", "0808", "Чернівецька", "Кіцмань",
     "Асоціація садівників Буковини", "agri_food"),
]

AUTHORITY = {"name": "Міністерство аграрної політики та продовольства України",
             "address": "вул. Хрещатик, 24, м. Київ, 01001, Україна"}


def edrpou(seed: int) -> str:
    seven = f"{3410000 + seed * 37 % 99999:07d}"
    return seven + edrpou_check_digit(seven)


def transliteration(name: str) -> str:
    return "/".join(translit.romanise(part.strip(), "uk-kmu-2010") for part in name.split("/"))


def applicant(i: int, association: str, region: str, locality: str) -> dict[str, Any]:
    return {
        "personType": "legal", "fullName": f"Громадська спілка «{association}»",
        "edrpou": edrpou(i),
        "seatAddress": {"street": "вул. Центральна", "building": str(3 + i % 40),
                        "locality": locality, "region": f"{region} область", "country": "UA",
                        "postcode": f"{10000 + i * 917 % 89999:05d}"},
        "correspondenceAddress": f"вул. Центральна, {3 + i % 40}, {locality}, {region} "
        "область, Україна",
        "phone": f"+380 44 {200 + i % 700:03d} {10 + i % 89:02d} {10 + i % 80:02d}",
        "email": f"office{i}@gi-association.example", "countryCode": "UA"}


def filing(i: int = 0, rng: random.Random | None = None, *, channel: str = "paper_direct",
           product: tuple[str, str, str, str, str, str, str] | None = None) -> dict[str, Any]:
    """A complete, valid application (every rule of digest §8.2 met)."""
    rng = rng or random.Random(i)
    name, goods, uktzed, region, locality, association, regime = product or PRODUCTS[
        i % len(PRODUCTS)]
    kind = rng.choice(["geographical_indication", "designation_of_origin"])
    boundaries = f"Межі {region} області, Україна, у межах громади {locality}"
    description = (f"{goods} з особливими органолептичними властивостями, що зумовлені "
                   f"природними умовами та традиціями краю навколо {locality}.")
    method = "Усі етапи виробництва здійснюються виключно в межах географічного місця."
    link = (f"Особлива якість продукту зумовлена кліматом і ґрунтами {region} області та "
            "людським фактором — традиційними знаннями місцевих виробників.")
    data: dict[str, Any] = {
        "channel": channel,
        "form": {
            "applicantReference": f"REF-{2026}-{i:04d}",
            "kind": kind, "regime": regime,
            "applicants": [applicant(i, association, region, locality),
                           applicant(i + 500, association + " (філія)", region, locality)],
            "correspondence": {"addressee": f"Громадська спілка «{association}»",
                               "postalAddress": f"вул. Центральна, {3 + i % 40}, {locality}",
                               "country": "UA"},
            "claimedName": name, "transliteration": transliteration(name),
            "countryOfOrigin": "UA", "competentAuthority": AUTHORITY,
            "attachments": {"soleProducerInformation": False},
            "signatures": [{"signer": "Петренко Олена", "applicant": 0, "position": "Голова",
                            "signedOn": "2026-02-20"},
                           {"signer": "Коваль Андрій", "applicant": 1, "position": "Голова",
                            "signedOn": "2026-02-20"}],
        },
        "specification": {
            "kind": kind, "claimedName": name, "productName": goods,
            "uktzedCodes": [uktzed], "description": description,
            "boundaries": boundaries, "productionMethod": method, "link": link,
            "labelling": "немає", "competentAuthority": AUTHORITY},
        "singleDocument": {
            "kind": kind, "claimedName": name, "productName": goods,
            "description": description, "productionMethod": method,
            "packagingLabelling": "немає", "boundaries": boundaries, "link": link},
        "agreement": {"authority": AUTHORITY["name"], "agreedOn": "2026-01-15",
                      "reference": f"СП-{100 + i}"},
    }
    if channel == "electronic":
        data["form"].pop("signatures")
        data["signedByAll"] = True
        data["signature"] = {
            "signer": "Петренко Олена", "provider": "КНЕДП ІДД ДПС",
            "certificateSerial": "5E984D526F82F38F040000005B5E3A00B1E4E400",
            "signedAt": "2026-02-20T10:00:00+02:00", "format": "CAdES-X-Long",
            "contentSha256": "a" * 64, "verified": True}
    return data


def foreign_filing(i: int = 0) -> dict[str, Any]:
    """A foreign applicant's application with foreign protection documents (II.1.2, II.5)."""
    data = filing(i)
    data["form"].update(
        claimedName="TOKAJI", transliteration=None, transcriptionUk="ТОКАЙСЬКЕ",
        originalScriptName="Tokaji", countryOfOrigin="HU",
        applicants=[{
            "personType": "legal", "fullName": "Tokaj Wine Producers Association",
            "foreignRegistrationNumber": "HU-01-02-0001",
            "seatAddress": {"street": "Fo utca", "building": "1", "locality": "Tokaj",
                            "country": "HU"},
            "correspondenceAddress": "Fo utca 1, Tokaj, Hungary", "phone": "+36 47 000 000",
            "email": "office@tokaj.example", "countryCode": "HU",
            "nameUk": "Асоціація виробників вина Токаю", "addressUk": "вул. Фо, 1, Токай"}],
        representative={"kind": "patent_attorney", "name": "Мельник Ірина Василівна",
                        "registrationNumber": "123", "correspondenceAddress":
                        "а/с 15, м. Київ, 01001", "phone": "+380 44 000 00 00",
                        "email": "ip@attorney.example", "inSection4": True},
        attachments={"soleProducerInformation": True},
        signatures=[{"signer": "Мельник Ірина", "signedOn": "2026-02-20"}])
    data["form"]["transliteration"] = None
    for part in ("specification", "agreement"):
        data.pop(part)
    data["singleDocument"]["claimedName"] = "TOKAJI"
    data["foreignDocuments"] = [{"title": "Certificate of protection of Tokaji", "country": "HU",
                                 "issuedOn": "2010-05-01", "certifiedCopy": True,
                                 "language": "hu", "translationReceivedOn": "2026-02-25"}]
    return copy.deepcopy(data)


__all__ = ["AUTHORITY", "PRODUCTS", "applicant", "edrpou", "filing", "foreign_filing",
           "transliteration"]
