"""Realistic records of the customs register, for the demo and the tests: recordals of
Ukrainian, Latin- and Russian-named objects (Order 282 contents), declarations that hit
them (CC Art. 397), appeals of official importers (Seed 000 ESR), and the demo loader
that drives them through the engine into every state with users for every role."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from random import Random
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import SYSTEM, Grant, Principal, create_user
from ipreg.core.config import Settings
from ipreg.core.demo import DemoClock
from ipreg.core.procedures import ProcedureEngine
from ipreg.core.runtime import Runtime
from ipreg.core.services.parties import PartyStore
from ipreg.plugins.ukraine.common.identifiers import edrpou_check_digit, rnokpp_check_digit
from ipreg.plugins.ukraine.customs.codes import JURISDICTION
from ipreg.plugins.ukraine.customs.forms import IMAGE, PartyData

#: (name, country, EDRPOU seed or foreign TIN, address)
HOLDERS: list[tuple[str, str, str, str]] = [
    ("ТОВ «Кондитерська фабрика «Світанок»", "UA", "3104512", "м. Київ, вул. Електриків, 26"),
    ("ПрАТ «Оболонські пивовари»", "UA", "0537741", "м. Київ, вул. Богатирська, 3"),
    ("ТОВ «Карпатські мінеральні води»", "UA", "3318625", "м. Моршин, вул. Привокзальна, 19"),
    ("ПАТ «Львівська кавова мануфактура»", "UA", "3422017", "м. Львів, пл. Ринок, 10"),
    ("ТОВ «Хортиця Дистилері»", "UA", "3055890", "м. Запоріжжя, вул. Глісерна, 11"),
    ("ТОВ «Фармак Україна»", "UA", "0048157", "м. Київ, вул. Кирилівська, 63"),
    ("Nordlicht Sportswear GmbH", "DE", "DE811569869", "Landsberger Str. 110, München"),
    ("Maison Belcour SAS", "FR", "FR40303265045", "12 rue du Faubourg, Paris"),
    ("Vittoria Calzature S.p.A.", "IT", "IT00743110157", "Via Montenapoleone 8, Milano"),
    ("Helvetica Watches SA", "CH", "CHE-105.861.519", "Rue du Rhône 40, Genève"),
    ("Kestrel Electronics Ltd", "GB", "GB980780684", "1 Kingsway, London"),
    ("Sakura Optics K.K.", "JP", "JP7010001008844", "2-1 Marunouchi, Tokyo"),
    ("ООО «Кондитерская фабрика «Алёнушка»", "KZ", "KZ180940015552", "Алматы, пр. Абая, 52"),
    ("АО «Бабаевский кондитерский союз»", "AM", "AM02563214", "Ереван, ул. Абовяна, 4"),
]

#: (object name, kind, origin, goods, UKTZED, Nice class)
OBJECTS: list[tuple[str, str, str, str, str, int | None]] = [
    ("Світанок", "trademark", "national", "Шоколадні цукерки", "1806900000", 30),
    ("ЗЕЛЕНА МАРКА", "trademark", "national", "Чай зелений", "0902100000", 30),
    ("Ромашкова долина", "trademark", "national", "Карамель", "1704909900", 30),
    ("Оболонь Преміум", "trademark", "national", "Пиво світле", "2203000100", 32),
    ("Моршинська Джерельна", "trademark", "national", "Мінеральна вода", "2201101100", 32),
    ("Львівська мануфактура", "trademark", "national", "Кава смажена", "0901210000", 30),
    ("Хортиця Платинум", "trademark", "national", "Горілка", "2208601100", 33),
    ("Козацька рада", "trademark", "national", "Горілка", "2208609100", 33),
    ("Корвалдин", "trademark", "national", "Лікарські засоби", "3004900000", 5),
    ("Nordlicht", "trademark", "international", "Спортивні кросівки", "6404110000", 25),
    ("Nordlicht Alpine", "trademark", "international", "Куртки спортивні", "6201400000", 25),
    ("BELCOUR", "trademark", "international", "Парфуми", "3303001000", 3),
    ("Belcour Rouge", "trademark", "international", "Губна помада", "3304100000", 3),
    ("VITTORIA", "trademark", "international", "Взуття шкіряне", "6403990500", 25),
    ("Vittoria Donna", "trademark", "international", "Сумки жіночі", "4202210000", 18),
    ("HELVETICA", "trademark", "international", "Годинники наручні", "9102110000", 14),
    ("Kestrel", "trademark", "national", "Навушники бездротові", "8518300000", 9),
    ("KESTREL PowerCell", "trademark", "national", "Акумулятори", "8507600000", 9),
    ("SAKURA VISION", "trademark", "international", "Сонцезахисні окуляри", "9004101000", 9),
    ("Алёнушка", "trademark", "international", "Шоколад молочний", "1806329000", 30),
    ("Красная шапочка", "trademark", "international", "Цукерки", "1806905000", 30),
    ("Мишка косолапый", "trademark", "international", "Цукерки глазуровані", "1806909000",
     30),
    ("Бабаевский", "trademark", "international", "Шоколад чорний", "1806311000", 30),
    ("Kestrel headphone shape", "industrial_design", "national", "Навушники", "8518300000",
     None),
    ("Пляшка «Хортиця»", "industrial_design", "national", "Пляшки скляні", "7010904300",
     None),
    ("Vittoria buckle", "industrial_design", "international", "Пряжки", "8308100000", None),
    ("Мікросхема KST-7", "semiconductor_topography", "national", "Інтегральні схеми",
     "8542310000", None),
    ("Спосіб обсмажування кави", "invention", "national", "Кава смажена", "0901210000",
     None),
    ("Комп'ютерна гра «Козак-2»", "copyright_object", "national", "Носії з іграми",
     "8523492500", None),
    ("Альбом «Океан»", "related_rights_object", "national", "Компакт-диски", "8523491000",
     None),
    ("Сорт пшениці «Подолянка»", "plant_variety", "national", "Насіння пшениці",
     "1001990000", None),
    ("Гуцульська бринза", "geographical_indication", "national", "Сир розсільний",
     "0406909900", None),
]

DECLARANTS: list[tuple[str, str, str]] = [
    ("ТОВ «Імпорт-Схід»", "3877412", "м. Харків, вул. Пушкінська, 54"),
    ("ТОВ «Дунай Логістик»", "4011258", "м. Ізмаїл, вул. Портова, 2"),
    ("ФОП Коваль Остап", "rnokpp", "м. Одеса, вул. Дерибасівська, 7"),
    ("ТОВ «Трейд Захід»", "3912036", "м. Ужгород, вул. Собранецька, 150"),
]
OPERATORS: list[tuple[str, str, str]] = [
    ("ТОВ «Офіційний дистриб'ютор Плюс»", "3548120", "м. Київ, вул. Велика Васильківська, 5"),
    ("ТОВ «Європейська дистрибуція»", "4127360", "м. Львів, вул. Городоцька, 174"),
]
POSTS = ["Київська митниця, пункт пропуску «Бориспіль»", "Одеська митниця, митний пост "
         "«Чорноморськ»", "Львівська митниця, пункт пропуску «Ягодин»",
         "Закарпатська митниця, пункт пропуску «Чоп»"]
ROUTES = [("CN", ("CN", "TR", "UA")), ("TR", ("TR", "UA")), ("AE", ("AE", "PL", "UA")),
          ("CN", ("CN", "MD", "UA"))]


def edrpou(seed: str) -> str:
    return seed + edrpou_check_digit(seed)


def rnokpp(i: int) -> str:
    first = f"{3012345670 + i * 7:010d}"[:9]
    return first + rnokpp_check_digit(first)


def holder_party(k: int) -> dict[str, Any]:
    name, country, ident, address = HOLDERS[k % len(HOLDERS)]
    out: dict[str, Any] = {"name": name, "partyType": "legal", "country": country,
                           "address": address,
                           "email": f"ip{k % len(HOLDERS)}@holder{k % len(HOLDERS)}.example"}
    if country == "UA":
        out["edrpou"] = edrpou(ident)
    else:
        out["taxpayerId"] = ident
    return out


def holder_data(k: int) -> PartyData:
    data = holder_party(k)
    return PartyData(data["name"], data["country"], data["address"], "legal",
                     data.get("edrpou"), None, data.get("taxpayerId"), None, data["email"])


def operator_party(k: int) -> dict[str, Any]:
    name, seed, address = OPERATORS[k % len(OPERATORS)]
    return {"name": name, "country": "UA", "edrpou": edrpou(seed), "address": address}


def declarant_party(k: int) -> dict[str, Any]:
    name, seed, address = DECLARANTS[k % len(DECLARANTS)]
    if seed == "rnokpp":
        return {"name": name, "partyType": "natural", "country": "UA",
                "rnokpp": rnokpp(k), "address": address}
    return {"name": name, "country": "UA", "edrpou": edrpou(seed), "address": address}


def _object_for(holder: int, j: int) -> tuple[str, str, str, str, str, int | None]:
    """Objects of a holder: those whose names its samples give, by position."""
    return OBJECTS[(holder * 3 + j) % len(OBJECTS)]


def recordal_form(k: int, photo: str, *, objects: int = 1, term_months: int = 12,
                  operators: int = 1, today: dt.date | None = None,
                  suffix: str = "") -> dict[str, Any]:
    """A valid recordal form of holder ``k % len(HOLDERS)`` with ``objects`` rights."""
    holder = k % len(HOLDERS)
    base = today or dt.date(2026, 3, 2)
    rights = []
    for j in range(objects):
        name, kind, origin, goods, code, nice = _object_for(holder, k + j)
        right: dict[str, Any] = {
            "kind": kind, "origin": origin,
            "registrationNumber": f"{'M' if origin == 'international' else ''}"
                                  f"{200000 + k * 10 + j}",
            "name": name + suffix, "registeredOn": (base - dt.timedelta(days=900 + k)).isoformat(),
            "expiresOn": (base + dt.timedelta(days=3000 + k)).isoformat(),
            "representation": photo,
            "goods": [{"description": goods, "uktzed": [code], "photos": [photo],
                       "packaging": "Фірмова упаковка з голограмою",
                       "identification": "Голограма з серійним номером на упаковці; "
                                         "лазерне гравіювання коду партії",
                       "samples": k % 2 == 0}],
        }
        if kind == "trademark":
            right["niceClasses"] = [nice, 35] if nice != 35 else [35]
            right["goods"][0]["niceClasses"] = [nice]
        rights.append(right)
    origin, route = ROUTES[k % len(ROUTES)]
    form: dict[str, Any] = {
        "applicant": holder_party(k),
        "applicantStatus": "right_holder",
        "entitlementDocuments": [{"title": "Свідоцтво про реєстрацію", "number":
                                  rights[0]["registrationNumber"],
                                  "date": rights[0]["registeredOn"]}],
        "representatives": [
            {"role": "submitting", "party": {"name": "Патентний повірений Гнатюк Ірина",
                                             "partyType": "natural", "country": "UA",
                                             "rnokpp": rnokpp(900 + holder),
                                             "address": "м. Київ, вул. Хрещатик, 15"},
             "authority": f"Довіреність № {100 + k} від 01.02.2026"},
            {"role": "product_identification",
             "party": {"name": "ТОВ «Бренд Протекшн»", "country": "UA",
                       "edrpou": edrpou("4205518"), "address": "м. Київ, вул. Шота Руставелі, 9"}},
        ],
        "rights": rights,
        "operators": [{"kind": "importer" if i == 0 else "distributor",
                       "party": operator_party(i)} for i in range(operators)],
        "counterfeits": [{"description": "Підробки з неякісною голограмою", "originCountry":
                          origin, "route": list(route), "detectedOn": "2025-11-20"}],
        "termMonths": term_months,
    }
    if k % 5 == 0:
        form["restrictedHandling"] = ["h", "i"]
    return form


def declaration(k: int, uktzed: str, *, small: bool = False, declarant: dict[str, Any]
                | None = None) -> dict[str, Any]:
    return {"reference": f"UA100{k:03d}/2026/{400000 + k}", "date": "2026-03-02",
            "declarant": declarant or declarant_party(k), "customsPost": POSTS[k % len(POSTS)],
            "goods": "Товари з позначенням, схожим на зареєстроване", "uktzed": uktzed,
            "quantity": 3 if small else 1200, "smallConsignment": small}


def appeal(k: int, *, importer: dict[str, Any] | None = None) -> dict[str, Any]:
    party = importer or declarant_party(k)
    return {"decision": f"КР/2026/{5000 + k}", "decisionKind": ("customs_value",
                                                               "classification")[k % 2],
            "decisionDate": "2026-02-20", "importerName": party["name"],
            "importerIdentifier": party.get("edrpou") or party.get("rnokpp"),
            "grounds": "Митна вартість заявлена нижче ціни офіційного постачання в 4 рази"}


def png_bytes(label: str = "ipreg") -> bytes:
    """A small PNG photo of a product label (Pillow, the same bytes each time)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (160, 90), (240, 236, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, 155, 85), outline=(30, 60, 120), width=3)
    draw.text((14, 36), label[:20], fill=(30, 60, 120))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


async def store_photo(session: AsyncSession, runtime: Runtime, label: str = "ipreg") -> str:
    data = await asyncio.to_thread(png_bytes, label)
    row = await runtime.files.put_stream(session, io.BytesIO(data), original_name=f"{label}.png",
                                         purpose=IMAGE)
    return str(row.sha256)


# ---------------------------------------------------------------- the demo

DEMO_TODAY = dt.date(2026, 11, 16)
#: Series names that make each demo recordal's objects distinct.
SERIES = ("Classic", "Nova", "Gold", "Люкс")
RECORDALS = 110


def person(subject: str, party: int | None, role: str, organisation: int | None = None
           ) -> Principal:
    return Principal(kind="user", subject=subject, party_id=party,
                     grants=frozenset({Grant(role, JURISDICTION, organisation)}))


async def load(session: AsyncSession, rng: Random) -> int:
    """Demo: 110 recordals in every state, suspensions in every state, appeals, users."""
    runtime = Runtime.create(Settings.from_env())
    clock = DemoClock(dt.date(2025, 12, 1), dt.time(7, 0))
    runtime.clock = clock
    engine = ProcedureEngine(runtime)
    photo = await store_photo(session, runtime, "original")
    registrar = runtime.registry.bind(person("demo:ua-customs-registrar", None,
                                             "ua_customs_registrar"))
    officer = runtime.registry.bind(person("demo:ua-customs-officer", None,
                                           "ua_customs_officer"))
    head = runtime.registry.bind(person("demo:ua-customs-head", None, "ua_customs_head"))
    holders: dict[int, int] = {}
    for k in range(len(HOLDERS)):
        ref = (await PartyStore(session).resolve([holder_data(k).party_form()]))[0]
        holders[k] = ref.id
    registered: list[tuple[Any, dict[str, Any]]] = []
    objects = 0
    for i in range(RECORDALS):
        holder = i % len(HOLDERS)
        day = dt.date(2025, 12, 1) + dt.timedelta(days=(i * 3) % 300)
        clock.at(day)
        form = recordal_form(i, photo, objects=1 + (i % 3 == 0), today=day,
                             term_months=(6, 12, 9)[i % 3], operators=1 + (i % 4 == 0),
                             suffix="" if i < len(OBJECTS) else f" {SERIES[i % 4]}")
        who = runtime.registry.bind(person(f"demo:holder-{holder}", holders[holder],
                                           "applicant", holders[holder]))
        case, _ = await engine.open_case(session, "UAC.REC", who, {"recordal": form},
                                         transition="UAC.REC.01")
        objects += len(form["rights"])
        plan = i % 20
        if plan == 0:
            continue                                  # filed, under examination
        clock.at(day + dt.timedelta(days=5))
        if plan == 1:
            await engine.perform(session, case.id, "UAC.REC.04", registrar,
                                 {"reasons": "Права заявника не підтверджено документами"})
            continue
        await engine.perform(session, case.id, "UAC.REC.03", registrar, {})
        if plan == 2:
            await engine.perform(session, case.id, "UAC.REC.05", who, {"changes": {
                "counterfeits": form["counterfeits"] * 2}})
        elif plan == 3:
            await engine.perform(session, case.id, "UAC.REC.08", who, {"termMonths": 12})
        elif plan == 4:
            await engine.perform(session, case.id, "UAC.REC.08", who, {"termMonths": 6})
            await engine.perform(session, case.id, "UAC.REC.09", registrar, {})
        elif plan == 5:
            await engine.perform(session, case.id, "UAC.REC.12", registrar, {
                "reasons": "Дію свідоцтва припинено",
                "registerNumbers": list((case.data or {}).get("registerNumbers", []))})
        elif plan == 6 and day < dt.date(2026, 3, 1):
            clock.at(dt.date.fromisoformat(case.data["validUntil"]) + dt.timedelta(days=1))
            await engine.perform(session, case.id, "UAC.REC.11",
                                 runtime.registry.bind(SYSTEM), {})
        else:
            registered.append((case, form))
    clock.at(DEMO_TODAY)
    await _suspensions(session, engine, runtime, registered, officer, head, holders)
    await _appeals(session, engine, runtime, registered, head)
    await _users(session, holders)
    return objects


async def _suspensions(session: AsyncSession, engine: Any, runtime: Runtime,
                       registered: list[tuple[Any, dict[str, Any]]], officer: Principal,
                       head: Principal, holders: dict[int, int]) -> None:
    plans = [[], ["UAC.SUS.02"], ["UAC.SUS.02", "UAC.SUS.05"],
             ["UAC.SUS.02", "UAC.SUS.04"], ["authorised"],
             ["UAC.SUS.02", "UAC.SUS.05", "UAC.SUS.07"],
             ["UAC.SUS.02", "UAC.SUS.05", "UAC.SUS.08"],
             ["UAC.SUS.02", "UAC.SUS.05", "UAC.SUS.06", "UAC.SUS.09"],
             ["UAC.SUS.02", "UAC.SUS.10"], ["UAC.SUS.02", "lapse"]]
    inputs = {"UAC.SUS.05": {"statement": "Голограма відсутня, шрифт відрізняється"},
              "UAC.SUS.06": {"reasons": "Правовласник готує позов"},
              "UAC.SUS.07": {"declarantConsent": True},
              "UAC.SUS.08": {"declarantObjected": False},
              "UAC.SUS.09": {"courtCase": "Господарський суд м. Києва, справа 910/1234/26"},
              "UAC.SUS.10": {"reasons": "Правовласник відкликав заперечення"}}
    for n in range(len(plans) * 2):
        plan = plans[n % len(plans)]
        case, form = registered[(n * 7) % len(registered)]
        number = case.data["registerNumbers"][0]
        code = form["rights"][0]["goods"][0]["uktzed"][0]
        declarant = operator_party(0) if plan == ["authorised"] else None
        opened, _ = await engine.open_case(session, "UAC.SUS", officer, {
            "registerNumber": number,
            "declaration": declaration(n, code, small=n % len(plans) == 6,
                                       declarant=declarant)}, transition="UAC.SUS.01")
        holder = opened.applicant_id
        holder_who = runtime.registry.bind(person(f"demo:holder-party-{holder}", holder,
                                                  "applicant", holder))
        for step in plan:
            if step == "authorised":
                await engine.perform(session, opened.id, "UAC.SUS.03", officer, {})
                continue
            if step == "lapse":                       # CC Art. 399: the limit ran out
                clock = runtime.clock
                assert isinstance(clock, DemoClock)
                clock.at(DEMO_TODAY + dt.timedelta(days=30))
                await engine.perform(session, opened.id, "UAC.SUS.11",
                                     runtime.registry.bind(SYSTEM), {})
                clock.at(DEMO_TODAY)
                continue
            who = {"UAC.SUS.02": head, "UAC.SUS.06": head, "UAC.SUS.04": holder_who,
                   "UAC.SUS.05": holder_who, "UAC.SUS.09": holder_who,
                   "UAC.SUS.11": runtime.registry.bind(SYSTEM)}.get(step, officer)
            await engine.perform(session, opened.id, step, who, inputs.get(step, {}))


async def _appeals(session: AsyncSession, engine: Any, runtime: Runtime,
                   registered: list[tuple[Any, dict[str, Any]]], head: Principal) -> None:
    from sqlalchemy import select

    from ipreg.plugins.ukraine.customs.models import UaCustomsOperator

    plans = [[], ["UAC.APL.02"], ["UAC.APL.02", "UAC.APL.03"], ["UAC.APL.02", "UAC.APL.04"]]
    for n in range(len(plans) * 2):
        case, _ = registered[(n * 5 + 1) % len(registered)]
        operator = (await session.execute(select(UaCustomsOperator).where(
            UaCustomsOperator.recordal_id == case.data["recordalId"],
            UaCustomsOperator.kind == "importer"))).scalars().first()
        if operator is None:
            continue
        who = runtime.registry.bind(person(f"demo:operator-{operator.party_id}",
                                           operator.party_id, "ua_customs_operator",
                                           operator.party_id))
        opened, _ = await engine.open_case(session, "UAC.APL", who, {
            "registerNumber": case.data["registerNumbers"][0], "appeal": appeal(n)},
            transition="UAC.APL.01")
        for step in plans[n % len(plans)]:
            await engine.perform(session, opened.id, step, head, {
                "grounds": "Митну вартість визначено за ціною ідентичних товарів"}
                if step != "UAC.APL.02" else {})


async def _users(session: AsyncSession, holders: dict[int, int]) -> None:
    """People for every role: right holder, representative, authorised operator, customs
    officer, head of the customs authority, register official."""
    from sqlalchemy import select

    from ipreg.plugins.ukraine.customs.models import UaCustomsOperator

    await create_user(session, "ua-customs-registrar", "Посадова особа, що веде митний "
                      "реєстр", None, [Grant("ua_customs_registrar", JURISDICTION)])
    await create_user(session, "ua-customs-officer", "Інспектор митного поста", None,
                      [Grant("ua_customs_officer", JURISDICTION)])
    await create_user(session, "ua-customs-head", "Керівник митниці", None,
                      [Grant("ua_customs_head", JURISDICTION)])
    holder = holders[0]
    await create_user(session, "ua-customs-holder", "Правовласник (ТОВ «Світанок»)", holder,
                      [Grant("applicant", JURISDICTION, holder)])
    await create_user(session, "ua-customs-representative", "Патентний повірений", None,
                      [Grant("representative", JURISDICTION, holder)])
    operator = await session.scalar(select(UaCustomsOperator.party_id).where(
        UaCustomsOperator.kind == "importer").order_by(UaCustomsOperator.id).limit(1))
    if operator is not None:
        await create_user(session, "ua-customs-operator", "Офіційний імпортер", operator,
                          [Grant("ua_customs_operator", JURISDICTION, operator)])


__all__ = ["HOLDERS", "OBJECTS", "appeal", "declaration", "holder_party", "load",
           "recordal_form", "store_photo"]
