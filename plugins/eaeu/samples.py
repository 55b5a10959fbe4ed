"""Realistic registration forms (R174 Appendix 1 table 1 with tables 2-10) for the demo and tests.

Names of marks are in Russian, Kazakh, Armenian, Belarusian, Kyrgyz and Latin
script; right holders, representatives and the persons of the turnover are
fictitious but plausible; goods carry real six-digit CN FEA (HS) subheadings and
matching Nice classes; route points use real UN/LOCODEs. Nothing here is legal
data: it only has the shape of it.
"""

from __future__ import annotations

import datetime as dt
from random import Random
from typing import Any

from ipreg.core.services.validation import node_global_id
from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES

# (verbal designation, script/language, kind code)
MARKS: list[tuple[str, str, str]] = [
    ("Красный Октябрь", "ru", "ТЗ"), ("Мишка косолапый", "ru", "ТЗ"), ("Алёнка", "ru", "ТЗ"),
    ("Бабаевский", "ru", "ТЗ"), ("Рот Фронт", "ru", "ТЗ"), ("Коркунов", "ru", "ТЗ"),
    ("Жигулёвское", "ru", "ТЗ"), ("Золотая бочка", "ru", "ТЗ"), ("Простоквашино", "ru", "ТЗ"),
    ("Домик в деревне", "ru", "ТЗ"), ("Чёрный жемчуг", "ru", "ТЗ"), ("Калинка", "ru", "ТЗ"),
    ("Ну, погоди!", "ru", "АП"), ("Чебурашка", "ru", "АП"), ("Смешарики", "ru", "АП"),
    ("Маша и Медведь", "ru", "АП"), ("Кино — Группа крови", "ru", "СП"),
    ("Рахат", "kk", "ТЗ"), ("Қазақстан", "kk", "ТЗ"), ("Шымкентпиво", "kk", "ТЗ"),
    ("Баян Сулу", "kk", "ТЗ"), ("Ұлытау", "kk", "ТЗ"), ("Өскемен", "kk", "ТЗ"),
    ("Алматы Нан", "kk", "ТЗ"), ("Жетісу", "kk", "ТЗ"), ("Көшпенділер", "kk", "АП"),
    ("Дос-Мукасан — Ақ келін", "kk", "СП"),
    ("Արարատ", "hy", "ТЗ"), ("Նոյ", "hy", "ТЗ"), ("Գրանդ Քենդի", "hy", "ТЗ"),
    ("Ջերմուկ", "hy", "ТЗ"), ("Բջնի", "hy", "ТЗ"), ("Կոտայք", "hy", "ТЗ"),
    ("Սասնա ծռեր", "hy", "АП"), ("Արամ Խաչատրյան — Սուսերով պար", "hy", "СП"),
    ("Камунарка", "be", "ТЗ"), ("Спартак", "be", "ТЗ"), ("Савушкін", "be", "ТЗ"),
    ("Белавія", "be", "ТЗ"), ("Мілавіца", "be", "ТЗ"), ("Лідскае", "be", "ТЗ"),
    ("Бабулін збор", "be", "ТЗ"), ("Песняры — Беловежская пуща", "be", "СП"),
    ("Ак-Кула", "ky", "ТЗ"), ("Шоро", "ky", "ТЗ"), ("Ысык-Көл", "ky", "ТЗ"),
    ("Кыргызалтын", "ky", "ТЗ"), ("Бишкек Сүт", "ky", "ТЗ"), ("Манас", "ky", "АП"),
    ("Nike", "la", "ТЗ"), ("Adidas", "la", "ТЗ"), ("Coca-Cola", "la", "ТЗ"),
    ("Samsung", "la", "ТЗ"), ("Chupa Chups", "la", "ТЗ"), ("L'Oréal", "la", "ТЗ"),
    ("Nestlé", "la", "ТЗ"), ("Müller", "la", "ТЗ"), ("Louis Vuitton", "la", "ТЗ"),
    ("Michelin", "la", "ТЗ"), ("Bosch", "la", "ТЗ"), ("Levi's", "la", "ТЗ"),
    ("Haribo", "la", "ТЗ"), ("Ferrero Rocher", "la", "ТЗ"), ("Jägermeister", "la", "ТЗ"),
    ("Harry Potter", "la", "АП"), ("Minecraft", "la", "АП"), ("Rammstein — Mutter", "la", "СП"),
]
SUFFIXES = ["Люкс", "Premium", "Classic", "Голд", "Нұр", "Плюс", "Extra", "Ոսկե", "Мега",
            "Асыл", "Original", "Зорка"]

#: Right holders: (name, short name, country, taxpayer id, KPP (Russia only), city, street).
HOLDERS: list[tuple[str, str, str, str | None, str | None, str, str]] = [
    ("Открытое акционерное общество «Кондитерская фабрика „Красный Октябрь“»",
     "ОАО «Красный Октябрь»", "RU", "7706032581", "770601001", "Москва",
     "ул. Малая Красносельская"),
    ("Публичное акционерное общество «Пивоваренная компания „Балтика“»", "ПАО «Балтика»",
     "RU", "7802849641", "780201001", "Санкт-Петербург", "6-й Верхний пер."),
    ("Акционерное общество «Рахат»", "АО «Рахат»", "KZ", "940340000157", None, "Алматы",
     "ул. Зенкова"),
    ("Товарищество с ограниченной ответственностью «Шымкентпиво»", "ТОО «Шымкентпиво»", "KZ",
     "990240002125", None, "Шымкент", "ул. Капал батыра"),
    ("«Ереванский коньячный завод» ЗАО", "ЕКЗ", "AM", "02500142", None, "Ереван",
     "Адмирала Исакова пр."),
    ("Открытое акционерное общество «Коммунарка»", "ОАО «Коммунарка»", "BY", "100092585",
     None, "Минск", "ул. Аранская"),
    ("Совместное предприятие «Савушкин продукт» ОАО", "Савушкин продукт", "BY", "200030050",
     None, "Брест", "ул. Янки Купалы"),
    ("Общество с ограниченной ответственностью «Шоро»", "ОсОО «Шоро»", "KG",
     "01503199210035", None, "Бишкек", "ул. Льва Толстого"),
    ("Nike Innovate C.V.", "Nike Innovate", "US", None, None, "Beaverton",
     "One Bowerman Drive"),
    ("adidas AG", "adidas", "DE", None, None, "Herzogenaurach", "Adi-Dassler-Strasse"),
    ("The Coca-Cola Company", "Coca-Cola", "US", None, None, "Atlanta", "One Coca-Cola Plaza"),
    ("Samsung Electronics Co., Ltd.", "Samsung Electronics", "KR", None, None, "Suwon",
     "Samsung-ro"),
    ("Perfetti Van Melle S.p.A.", "Perfetti Van Melle", "IT", None, None, "Lainate",
     "Via XXV Aprile"),
    ("L'Oréal S.A.", "L'Oréal", "FR", None, None, "Clichy", "Rue Royale"),
    ("Société des Produits Nestlé S.A.", "Nestlé", "CH", None, None, "Vevey",
     "Avenue Nestlé"),
    ("Ferrero S.p.A.", "Ferrero", "IT", None, None, "Alba", "Piazzale Pietro Ferrero"),
    ("Акционерное общество «Союзмультфильм»", "АО «Союзмультфильм»", "RU", "7717035000",
     "771701001", "Москва", "ул. Долгоруковская"),
    ("Акционерное общество «Фирма Мелодия»", "АО «Фирма Мелодия»", "RU", "7707034952",
     "770701001", "Москва", "Тверской бульвар"),
]

#: Representatives: patent attorney firms registered in member states (R174 p.10).
REPRESENTATIVES: list[tuple[str, str, str, str, str | None, str]] = [
    ("Общество с ограниченной ответственностью «Городисский и Партнеры»",
     "Городисский и Партнеры", "RU", "7710180542", "771001001", "Москва"),
    ("Товарищество с ограниченной ответственностью «Патентное бюро Евразия»",
     "Патентное бюро Евразия", "KZ", "010540004321", None, "Астана"),
    ("Общество с ограниченной ответственностью «Вахнин и партнёры»", "Вахнин и партнёры",
     "BY", "190512345", None, "Минск"),
    ("ООО «Арматент»", "Арматент", "AM", "00234567", None, "Ереван"),
    ("ОсОО «Кей Джи Патент»", "Кей Джи Патент", "KG", "02109201810011", None, "Бишкек"),
    ("Общество с ограниченной ответственностью «Союзпатент»", "Союзпатент", "RU",
     "7701017510", "770101001", "Москва"),
]

#: Persons of the turnover: (name, short, country, role pool).
TRADERS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("ООО «Восток Импорт»", "Восток Импорт", "RU", ("20", "10")),
    ("ТОО «Алатау Трейд»", "Алатау Трейд", "KZ", ("20", "10")),
    ("ЗАО «Белимпорт»", "Белимпорт", "BY", ("20", "10")),
    ("ООО «Ереван Дистрибьюшн»", "Ереван Дистрибьюшн", "AM", ("10",)),
    ("ОсОО «Ала-Тоо Логистик»", "Ала-Тоо Логистик", "KG", ("50",)),
    ("ООО «ТрансКарго Экспресс»", "ТрансКарго", "RU", ("50",)),
    ("АО «КТЖ Экспресс»", "КТЖ Экспресс", "KZ", ("50",)),
    ("Shanghai Jinhai Manufacturing Co., Ltd.", "Jinhai", "CN", ("60", "90")),
    ("Ningbo Star Light Industry Co., Ltd.", "Star Light", "CN", ("60", "90")),
    ("Istanbul Tekstil Sanayi A.Ş.", "Istanbul Tekstil", "TR", ("60", "90")),
    ("Hamburg Export GmbH", "Hamburg Export", "DE", ("90",)),
    ("ООО «Лицензия-Плюс»", "Лицензия-Плюс", "RU", ("30",)),
    ("ТОО «Лицензиар Казахстан»", "Лицензиар", "KZ", ("30",)),
]

#: (description in Russian, CN FEA six digits, Nice class)
GOODS: list[tuple[str, str, int]] = [
    ("Шоколад и шоколадные конфеты", "180690", 30), ("Шоколад в плитках", "180632", 30),
    ("Карамель", "170490", 30), ("Печенье", "190531", 30), ("Пиво солодовое", "220300", 32),
    ("Коньяк", "220820", 33), ("Ликёры", "220870", 33), ("Минеральная вода", "220110", 32),
    ("Обувь спортивная", "640411", 25), ("Обувь кожаная", "640399", 25),
    ("Футболки трикотажные", "610910", 25), ("Брюки мужские", "620342", 25),
    ("Сумки кожаные", "420221", 18), ("Смартфоны", "851713", 9),
    ("Ноутбуки", "847130", 9), ("Косметика декоративная", "330499", 3),
    ("Парфюмерия", "330300", 3), ("Мыло туалетное", "340111", 3),
    ("Детское питание", "190110", 29), ("Молоко", "040120", 29),
    ("Шины для легковых автомобилей", "401110", 12), ("Электродрели", "846721", 7),
    ("Часы наручные", "910211", 14), ("Кофе жареный", "090121", 30),
    ("Чай зелёный", "090210", 30), ("Игрушки", "950300", 28),
]
#: Goods for copyright and related-rights objects (no Nice classes, R174 A1 T1 6.3).
WORK_GOODS: list[tuple[str, str]] = [
    ("Книги печатные", "490199"), ("Игрушки с изображением персонажей", "950300"),
    ("Футболки с изображением персонажей", "610910"),
    ("Оптические диски с записью фонограмм", "852349"),
]

#: Route points with real UN/LOCODEs.
ORIGINS = [("CN", "CNSHA", "Шанхай"), ("CN", "CNNGB", "Нинбо"), ("KR", "KRPUS", "Пусан"),
           ("DE", "DEHAM", "Гамбург"), ("TR", "TRIST", "Стамбул"), ("IT", "ITMIL", "Милан")]
ENTRIES: list[tuple[str, str | None, str, str]] = [
           ("RU", "RUVVO", "Владивосток", "Морской пункт пропуска Владивосток"),
           ("RU", "RULED", "Санкт-Петербург", "Морской пункт пропуска Большой порт "
            "Санкт-Петербург"),
           ("BY", None, "Брест", "Автодорожный пункт пропуска Брест (Козловичи)"),
           ("KZ", "KZALA", "Алматы", "Пункт пропуска Хоргос"),
           ("RU", "RUMOW", "Москва", "Воздушный пункт пропуска Шереметьево")]
DESTINATIONS = [("RU", "RUMOW", "Москва"), ("KZ", "KZALA", "Алматы"), ("BY", "BYMSQ", "Минск"),
                ("AM", "AMEVN", "Ереван"), ("KG", "KGFRU", "Бишкек")]
CUSTOMS = {"RU": "Центральная акцизная таможня", "KZ": "ДГД по г. Алматы",
           "BY": "Брестская таможня", "AM": "Ереванская таможня",
           "KG": "Бишкекская таможня"}

TITLE_ISSUERS = {
    "RU": "Федеральная служба по интеллектуальной собственности (Роспатент)",
    "KZ": "РГП «Национальный институт интеллектуальной собственности»",
    "BY": "Национальный центр интеллектуальной собственности",
    "AM": "Офис интеллектуальной собственности Республики Армения",
    "KG": "Государственное агентство интеллектуальной собственности и инноваций (Кыргызпатент)",
}
FIRST_NAMES = ["Анна", "Ерлан", "Арам", "Алесь", "Айгуль", "Дмитрий", "Гаяне", "Нурлан",
               "Ольга", "Бакыт"]
SURNAMES = ["Иванова", "Жумабаев", "Петросян", "Ковалёв", "Абдыкадырова", "Смирнов",
            "Саркисян", "Сейткали", "Кузнецова", "Осмонов"]


def party_id(party: int) -> str:
    """The global ID of the party ``party`` (what a form's ``partyId`` takes)."""
    return node_global_id("Party", party)


def entry_id(object_id: int) -> str:
    """The global ID of the EAEU object ``object_id`` (what an act's ``objectId`` takes)."""
    return node_global_id("EaeuRegisterEntry", object_id)


def _address(country: str, city: str, street: str, rng: Random, kind: str = "1"
             ) -> dict[str, Any]:
    return {"kind": kind, "country": country, "city": city, "street": street,
            "building": str(rng.randint(1, 120)), "postalCode": str(rng.randint(100000, 999999))}


def _contacts(short: str, rng: Random) -> list[dict[str, Any]]:
    domain = "".join(ch for ch in short.lower() if ch.isascii() and ch.isalnum()) or "firm"
    return [{"channel": "EM", "channelName": "Электронная почта",
             "values": [f"info@{domain}.example"]},
            {"channel": "TE", "channelName": "Телефон",
             "values": [f"+{rng.randint(10, 999)} {rng.randint(100, 999)} "
                        f"{rng.randint(1000000, 9999999)}"]}]


def _employee(rng: Random) -> dict[str, Any]:
    i = rng.randrange(len(SURNAMES))
    return {"surname": SURNAMES[i], "firstName": FIRST_NAMES[i], "position": "Юрист",
            "email": f"legal{rng.randint(1, 99)}@example.com"}


def holder_party(i: int, rng: Random) -> dict[str, Any]:
    name, short, country, tax, kpp, city, street = HOLDERS[i % len(HOLDERS)]
    party: dict[str, Any] = {
        "partyType": "legal", "country": country, "name": name, "shortName": short,
        "addresses": [_address(country, city, street, rng)],
        "contacts": _contacts(short, rng), "employees": [_employee(rng)]}
    if tax:
        party["taxpayerId"] = tax
    if kpp:
        party["kpp"] = kpp
    return party


def representative_party(i: int, rng: Random) -> dict[str, Any]:
    name, short, country, tax, kpp, city = REPRESENTATIVES[i % len(REPRESENTATIVES)]
    party: dict[str, Any] = {
        "partyType": "legal", "country": country, "name": name, "shortName": short,
        "taxpayerId": tax, "addresses": [_address(country, city, "пр. Мира", rng)],
        "contacts": _contacts(short, rng), "employees": [_employee(rng)]}
    if kpp:
        party["kpp"] = kpp
    return party


def natural_person(rng: Random, country: str = "KZ") -> dict[str, Any]:
    i = rng.randrange(len(SURNAMES))
    full = f"{SURNAMES[i]} {FIRST_NAMES[i]}"
    return {"partyType": "natural", "country": country, "name": full, "shortName": full,
            "identityDocument": {"country": country, "kindName": "Паспорт",
                                 "series": str(rng.randint(10, 99)),
                                 "number": str(rng.randint(100000, 999999)),
                                 "date": f"{rng.randint(2010, 2022)}-0{rng.randint(1, 9)}-1"
                                         f"{rng.randint(0, 9)}"},
            "addresses": [_address(country, "Алматы", "ул. Абая", rng, kind="3")],
            "contacts": [{"channel": "TE", "values": [f"+7 701 {rng.randint(1000000, 9999999)}"]}]}


def _trader(i: int, rng: Random) -> tuple[dict[str, Any], tuple[str, ...]]:
    name, short, country, roles = TRADERS[i % len(TRADERS)]
    party = {"partyType": "legal", "country": country, "name": name, "shortName": short,
             "addresses": [_address(country, CUSTOMS.get(country, "City").split()[-1],
                                    "Промышленная ул.", rng)],
             "contacts": _contacts(short, rng), "employees": [_employee(rng)]}
    return party, roles


def turnover(legality: int, rng: Random, brand: str) -> dict[str, Any]:
    """R174 A1 T1 6.4 with tables 7-10 filled."""
    parties = []
    for i in rng.sample(range(len(TRADERS)), 3):
        party, roles = _trader(i, rng)
        roles = tuple(r for r in roles if legality == 1 or r != "30")  # table 7: 30 only with 1
        if roles:
            parties.append({"party": party, "roles": list(roles[: rng.randint(1, len(roles))])})
    if not parties:
        party, _ = _trader(0, rng)
        parties.append({"party": party, "roles": ["20"]})
    o_country, o_code, o_name = rng.choice(ORIGINS)
    e_country, e_code, e_name, checkpoint = rng.choice(ENTRIES)
    d_country, d_code, d_name = rng.choice(DESTINATIONS)
    mode = "10" if e_code in ("RUVVO", "RULED") else rng.choice(["20", "30", "40"])
    return {
        "legality": legality,
        "parties": parties,
        "logistics": [{
            "routes": [{"points": [
                {"seq": 1, "country": o_country, "locode": o_code, "name": o_name,
                 "departureTransportMode": mode, "pointKind": "2"},
                {"seq": 2, "country": e_country, "locode": e_code, "name": e_name,
                 "departureTransportMode": "30", "pointKind": "3"},
                {"seq": 3, "country": d_country, "locode": d_code, "name": d_name,
                 "pointKind": "4"},
            ]}],
            "borderCrossings": [{"checkpointName": checkpoint}],
            "customsPlaces": [{"country": d_country, "customsName": CUSTOMS[d_country],
                               "goodsLocation": {"kind": "2", "country": d_country,
                                                 "city": d_name,
                                                 "street": "Складская ул.",
                                                 "building": str(rng.randint(1, 40))}}],
        }],
        "features": [{
            "brandModel": f"{brand} {rng.choice(['A', 'S', 'X', 'Pro'])}-{rng.randint(10, 99)}",
            "characteristics": ("Оригинальная упаковка с голограммой, маркировка "
                                "«Честный знак»" if legality else
                                "Упаковка без голограммы, шрифт отличается от оригинала"),
            "identificationMeans": ["штрихкод EAN-13", "голограмма"] if legality
            else ["штрихкод отсутствует"],
            "transport": [{"packageKind": rng.choice(["CT", "BX", "PX"]),
                           "unitsPerPackage": rng.choice([12, 24, 48, 100]),
                           "identificationMeans": "транспортная маркировка с логотипом"}],
        }],
        "accompanyingDocuments": "Инвойс, упаковочный лист, сертификат происхождения"
        if legality else "Документы не соответствуют оригинальным образцам",
    }


def goods_items(kind: str, rng: Random, brand: str) -> list[dict[str, Any]]:
    out = []
    if kind == "ТЗ":
        for description, code, nice in rng.sample(GOODS, rng.randint(1, 3)):
            out.append({"description": description, "cnFeaCodes": [code],
                        "niceClasses": [{"number": nice}], "turnover": _turnovers(rng, brand)})
    else:
        for description, code in rng.sample(WORK_GOODS, rng.randint(1, 2)):
            out.append({"description": description, "cnFeaCodes": [code],
                        "turnover": _turnovers(rng, brand)})
    if rng.random() < 0.3:
        out[0]["exemptionCircumstances"] = ("Ввоз товаров лицензиатом по договору с "
                                            "правообладателем не является нарушением")
    return out


def _turnovers(rng: Random, brand: str) -> list[dict[str, Any]]:
    items = [turnover(1, rng, brand)]
    if rng.random() < 0.5:
        items.append(turnover(0, rng, brand))
    return items


def title_documents(kind: str, rng: Random, name: str) -> list[dict[str, Any]]:
    if kind == "ТЗ":
        return [{"country": c, "kindName": "Свидетельство на товарный знак",
                 "name": f"Свидетельство на товарный знак «{name}»",
                 "number": str(rng.randint(100000, 999999)),
                 "date": f"{rng.randint(2005, 2020)}-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}",
                 "issuerName": TITLE_ISSUERS[c]} for c in MEMBER_STATE_CODES]
    return [{"kindName": "Договор об отчуждении исключительного права",
             "name": f"Документ, подтверждающий права на «{name}»",
             "number": f"{rng.randint(1, 999)}/{rng.randint(2000, 2020)}",
             "date": f"{rng.randint(2000, 2020)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
             "sheetCount": rng.randint(2, 30)}]


def right_terms(kind: str, rng: Random) -> list[dict[str, Any]]:
    out = []
    for country in MEMBER_STATE_CODES:
        term: dict[str, Any] = {"country": country,
                                "expiresOn": f"{rng.randint(2030, 2040)}-12-31"}
        if kind == "АП":
            term["termDefined"] = False
            term.pop("expiresOn")
        out.append(term)
    return out


def form(i: int, rng: Random, *, holder: dict[str, Any] | int | None = None,
         representative: dict[str, Any] | int | bool | None = True,
         mark: tuple[str, str, str] | None = None) -> dict[str, Any]:
    """A complete registration form; ``holder``/``representative`` may be party ids."""
    name, _lang, kind = mark or MARKS[i % len(MARKS)]
    if i >= len(MARKS) and mark is None:
        name = f"{name} {SUFFIXES[(i // len(MARKS)) % len(SUFFIXES)]}"
    holder_value = ({"partyId": party_id(holder)} if isinstance(holder, int)
                    else holder) or (
        holder_party(i, rng))
    data: dict[str, Any] = {
        "kind": kind, "name": name,
        "description": (f"Словесное обозначение «{name}»" if kind == "ТЗ" else
                        f"Произведение «{name}»" if kind == "АП" else
                        f"Фонограмма «{name}»"),
        "registrationFormNumber": f"РФ-{i + 1:05d}",
        "keywords": [{"value": name}],
        "rightHolders": [holder_value],
        "titleDocuments": title_documents(kind, rng, name),
        "rightTerms": right_terms(kind, rng),
        "goods": goods_items(kind, rng, name),
    }
    if representative is not None and representative is not False:
        rep = ({"partyId": party_id(representative)}
               if isinstance(representative, int)
               and not isinstance(representative, bool) else representative)
        data["representative"] = (representative_party(i, rng) if rep is True else rep)
        data["powersOfAttorney"] = [{"kindName": "Доверенность", "name": "Доверенность на "
                                     "представление интересов правообладателя",
                                     "number": f"{rng.randint(1, 999)}-Д",
                                     "date": "2024-01-15", "expiresOn": "2029-01-15"}]
    if rng.random() < 0.4:
        data["authorizedPersons"] = [natural_person(rng)]
    return data


def register_data(i: int, sequence: int, decision: int, included: dt.date, rng: Random,
                  status_plan: list[tuple[str, dt.date]]) -> dict[str, Any]:
    """The register part of an imported entry: numbers, periods, status history."""
    end = dt.date(included.year + 2, included.month, min(included.day, 28)) - dt.timedelta(days=1)
    periods = [{"start": included.isoformat(), "end": end.isoformat(),
                "grantedOn": included.isoformat(), "basisNumber": f"{decision:04d}",
                "basisDate": included.isoformat()}]
    history = [{"status": "included", "date": included.isoformat(),
                "basisNumber": f"{decision:04d}", "basisDate": included.isoformat()}]
    for status, when in status_plan:
        basis = f"{rng.randint(1, 9999):04d}"
        history.append({"status": status, "date": when.isoformat(), "basisNumber": basis,
                        "basisDate": when.isoformat()})
        if status == "prolonged":
            start = dt.date.fromisoformat(periods[-1]["end"]) + dt.timedelta(days=1)
            new_end = dt.date(start.year + 2, start.month, min(start.day, 28)) - dt.timedelta(
                days=1)
            periods.append({"start": start.isoformat(), "end": new_end.isoformat(),
                            "grantedOn": when.isoformat(), "basisNumber": basis,
                            "basisDate": when.isoformat()})
    return {"sequenceNumber": f"{sequence:05d}", "decisionNumber": f"{decision:04d}",
            "inclusionDate": included.isoformat(),
            "applicationNumber": f"EAEU-{included.year}-{i + 1:06d}",
            "applicationDate": (included - dt.timedelta(days=75)).isoformat(),
            "protectionPeriods": periods, "statusHistory": history}
