"""Demo data for the EAEU register: marks in the scripts of the member states."""

from __future__ import annotations

import datetime as dt
from random import Random

from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.services.inputs import GoodsInput, ObjectInput, PartyInput, StatusInput
from ipreg.core.services.objects import PartyCache, create_object

# (name, language) — verbal designations as they would be filed.
NAMES = [
    ("Красный Октябрь", "ru"),
    ("Мишка косолапый", "ru"),
    ("Алёнка", "ru"),
    ("Бабаевский", "ru"),
    ("Рот Фронт", "ru"),
    ("Коркунов", "ru"),
    ("Жигулёвское", "ru"),
    ("Балтика", "ru"),
    ("Тройка", "ru"),
    ("Золотая бочка", "ru"),
    ("Простоквашино", "ru"),
    ("Домик в деревне", "ru"),
    ("Чёрный жемчуг", "ru"),
    ("Калинка", "ru"),
    ("Рахат", "kk"),
    ("Қазақстан", "kk"),
    ("Шымкентпиво", "kk"),
    ("Баян Сулу", "kk"),
    ("Ұлытау", "kk"),
    ("Өскемен", "kk"),
    ("Алматы Нан", "kk"),
    ("Жетісу", "kk"),
    ("Արարատ", "hy"),
    ("Նոյ", "hy"),
    ("Գրանդ Քենդի", "hy"),
    ("Ջերմուկ", "hy"),
    ("Բջնի", "hy"),
    ("Կոտայք", "hy"),
    ("Коммунарка", "be"),
    ("Спартак", "be"),
    ("Савушкин", "be"),
    ("Белавія", "be"),
    ("Мілавіца", "be"),
    ("Лідскае", "be"),
    ("Бабулін збор", "be"),
    ("Ак-Кула", "ky"),
    ("Шоро", "ky"),
    ("Ысык-Көл", "ky"),
    ("Кыргызалтын", "ky"),
    ("Бишкек Сүт", "ky"),
    ("Nike", "la"),
    ("Adidas", "la"),
    ("Coca-Cola", "la"),
    ("Samsung", "la"),
    ("Chupa Chups", "la"),
    ("L'Oréal", "la"),
    ("Nestlé", "la"),
    ("Müller", "la"),
    ("Louis Vuitton", "la"),
    ("Michelin", "la"),
    ("Bosch", "la"),
    ("Levi's", "la"),
    ("Haribo", "la"),
    ("Ferrero Rocher", "la"),
    ("Jägermeister", "la"),
]

HOLDERS = [
    ("ОАО «Красный Октябрь»", "RU", "7706032581"),
    ("ПАО «Балтика»", "RU", "7802849641"),
    ("АО «Рахат»", "KZ", "940340000157"),
    ("ТОО «Шымкентпиво»", "KZ", "990240002125"),
    ("«Арарат» коньячный завод", "AM", "02500142"),
    ("ОАО «Коммунарка»", "BY", "100092585"),
    ("СП «Савушкин продукт»", "BY", "200030050"),
    ("ОсОО «Шоро»", "KG", "01503199210035"),
    ("Nike Innovate C.V.", "US", None),
    ("adidas AG", "DE", None),
    ("The Coca-Cola Company", "US", None),
    ("Samsung Electronics Co., Ltd.", "KR", None),
    ("Perfetti Van Melle S.p.A.", "IT", None),
    ("L'Oréal S.A.", "FR", None),
    ("Société des Produits Nestlé S.A.", "CH", None),
    ("Ferrero S.p.A.", "IT", None),
]

REPRESENTATIVES = [
    ("ООО «Городисский и Партнеры»", "RU"),
    ("ТОО «Патентное бюро Евразия»", "KZ"),
    ("ООО «Вахнин и партнёры»", "BY"),
    ("ООО «Патентный поверенный Армении»", "AM"),
]

# (description, HS code, Nice class)
GOODS = [
    ("Шоколад и шоколадные конфеты", "180632", 30),
    ("Пиво солодовое", "220300", 32),
    ("Коньяк", "220820", 33),
    ("Минеральная вода", "220110", 32),
    ("Обувь спортивная", "640411", 25),
    ("Одежда трикотажная", "610910", 25),
    ("Смартфоны", "851713", 9),
    ("Карамель", "170490", 30),
    ("Косметика", "330499", 3),
    ("Детское питание", "190110", 29),
    ("Шины пневматические", "401110", 12),
    ("Электроинструмент", "846721", 7),
    ("Молочная продукция", "040310", 29),
    ("Ликёры", "220870", 33),
    ("Часы наручные", "910211", 14),
]

KINDS = [
    ("trademark", "ТЗ"),
    ("trademark", "ТЗ"),
    ("trademark", "ТЗ"),
    ("copyright_object", "АП"),
    ("related_rights_object", "СП"),
]
MEMBER_STATES = ["AM", "BY", "KZ", "KG", "RU"]


async def load_demo(session: AsyncSession, rng: Random, count: int = 160) -> int:
    parties = PartyCache(session)
    start = dt.date(2019, 1, 15)
    for seq in range(1, count + 1):
        name, _lang = NAMES[(seq - 1) % len(NAMES)]
        if seq > len(NAMES):
            name = f"{name} {rng.choice(['Люкс', 'Premium', 'Classic', 'Голд', 'Нур', 'Плюс'])}"
        kind, code = rng.choice(KINDS)
        holder = HOLDERS[rng.randrange(len(HOLDERS))]
        included = start + dt.timedelta(days=seq * 9 + rng.randrange(5))
        goods = rng.sample(GOODS, rng.randint(1, 3))
        status_history = [StatusInput("included", included, f"{seq:04d}", included)]
        status = "included"
        if seq % 11 == 0:
            changed = included + dt.timedelta(days=200)
            status_history.append(StatusInput("changed", changed, f"{seq + 1000:04d}", changed))
            status = "changed"
        if seq % 17 == 0:
            excluded = included + dt.timedelta(days=400)
            status_history.append(StatusInput("excluded", excluded, f"{seq + 2000:04d}", excluded))
            status = "excluded"
        keywords = [name.upper()] if rng.random() < 0.5 else []
        await create_object(
            session,
            ObjectInput(
                jurisdiction="eaeu",
                kind=kind,
                name=name,
                status=status,
                register_number=f"{seq:05d}/{code}/{seq:04d}",
                description=f"Словесное обозначение «{name}»",
                keywords=keywords,
                holders=[PartyInput(holder[0], holder[1], taxpayer_id=holder[2])],
                representatives=(
                    [PartyInput(*rng.choice(REPRESENTATIVES))] if rng.random() < 0.7 else []
                ),
                goods=[
                    GoodsInput(d, [hs], [nice] if kind == "trademark" else [])
                    for d, hs, nice in goods
                ],
                status_history=status_history,
            ),
            parties,
        )
    return count
