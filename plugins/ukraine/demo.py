"""Demo data for the Ukrainian registers: geographical indications and marks."""

from __future__ import annotations

import datetime as dt
from random import Random

from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.services.inputs import GoodsInput, ObjectInput, PartyInput, StatusInput
from ipreg.core.services.objects import PartyCache, create_object

OBJECTS = [
    (
        "geographical_indication",
        "Полтавська галушка",
        "Асоціація виробників Полтавщини",
        ("Страви з тіста", "190240", 30),
    ),
    (
        "geographical_indication",
        "Гуцульська бриндзя",
        "Асоціація гуцульських сироварів",
        ("Сир розсільний", "040690", 29),
    ),
    (
        "geographical_indication",
        "Закарпатське червоне вино",
        "Спілка виноробів Закарпаття",
        ("Вино", "220421", 33),
    ),
    (
        "geographical_indication",
        "Херсонський кавун",
        "Асоціація баштанників Херсонщини",
        ("Кавуни", "080711", 31),
    ),
    (
        "geographical_indication",
        "Мелітопольська черешня",
        "Асоціація садівників Мелітополя",
        ("Черешня", "080929", 31),
    ),
    ("trademark", "Зелена марка", "ТОВ «Зелена марка»", ("Чай", "090210", 30)),
    ("trademark", "Знам'янка", "ТОВ «Знам'янка»", ("Хліб", "190590", 30)),
    (
        "trademark",
        "Рошен",
        "ПрАТ «Кондитерська корпорація Рошен»",
        ("Шоколадні цукерки", "180632", 30),
    ),
    ("trademark", "Оболонь", "ПрАТ «Оболонь»", ("Пиво", "220300", 32)),
    ("trademark", "Моршинська", "ПрАТ «ІДС Аква Сервіс»", ("Мінеральна вода", "220110", 32)),
    ("trademark", "Галичина", "ТОВ «Галичина»", ("Молочні продукти", "040310", 29)),
    ("trademark", "Юрій Черкаський", "ПП «Черкаси»", ("Ковбаси", "160100", 29)),
    ("trademark", "Житомирські ласощі", "ПрАТ «Житомирські ласощі»", ("Печиво", "190531", 30)),
    (
        "trademark",
        "Світоч",
        "ПрАТ «Львівська кондитерська фабрика Світоч»",
        ("Шоколад", "180631", 30),
    ),
    ("trademark", "Козацька рада", "ТОВ «Козацька рада»", ("Горілка", "220860", 33)),
    ("trademark", "Їжачок", "ТОВ «Їжачок»", ("Дитяче харчування", "190110", 29)),
]


async def load_demo(session: AsyncSession, rng: Random) -> int:
    parties = PartyCache(session)
    count = 0
    for i, (kind, name, holder, (goods, hs, nice)) in enumerate(OBJECTS * 3, start=1):
        label = name if i <= len(OBJECTS) else f"{name} {['Преміум', 'Класик'][i % 2]}"
        date = dt.date(2020, 3, 1) + dt.timedelta(days=i * 23)
        await create_object(
            session,
            ObjectInput(
                jurisdiction="ukraine",
                kind=kind,
                name=label,
                status="registered" if kind == "geographical_indication" else "included",
                register_number=f"UA/{'GI' if kind == 'geographical_indication' else 'TM'}/{i:05d}",
                description=f"«{label}»",
                holders=[PartyInput(holder, "UA")],
                goods=[GoodsInput(goods, [hs], [nice])],
                status_history=[
                    StatusInput(
                        "registered" if kind == "geographical_indication" else "included",
                        date,
                        f"{i:04d}",
                        date,
                    )
                ],
            ),
            parties,
        )
        count += 1
    return count
