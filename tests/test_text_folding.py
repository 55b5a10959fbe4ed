"""The core's ``contains_folded``: a case-insensitive "contains" in every script, the
same on SQLite (whose LIKE folds ASCII only) and PostgreSQL — the text filters of
every register's list query use it (docs/plugins.md, ``ipreg.core.db``)."""

from __future__ import annotations

import pytest
from sqlalchemy import literal, select

from ipreg.core.db import contains_folded, make_engine

#: (stored value, searched text, found?)
RULES = [
    ("Мишка косолапый", "мишка", True),        # Cyrillic
    ("Мишка косолапый", "КОСОЛАПЫЙ", True),
    ("Ёлка", "елка", True),                     # ё and е are one letter to a search
    ("Жигулёвское", "ЖИГУЛЕВ", True),
    ("Елена", "Ёлена", True),
    ("Արարատ", "ԱՐԱՐԱՏ", True),                 # Armenian
    ("ԱՐԱՐԱՏ", "արարատ", True),
    ("Қазақстан", "ҚАЗАҚ", True),               # Kazakh
    ("Ысык-Көл", "КӨЛ", True),                  # Kyrgyz
    ("Савушкін", "САВУШКІН", True),             # Belarusian
    ("Nike", "nIKE", True),                     # Latin
    ("Müller", "MÜLLER", True),                 # Latin with a diacritic
    ("Müller", "muller", False),                # a diacritic is not case
    ("Мишка", "Мышка", False),
    ("100% Juice", "0% j", True),               # % and _ are literal
    ("100 Juice", "0% j", False),
    ("a_b", "A_B", True),
    ("axb", "a_b", False),
]


async def test_contains_folded_is_the_same_rule_on_every_database(database_url: str,
                                                                  backend: str) -> None:
    engine = make_engine(database_url)
    try:
        async with engine.connect() as conn:
            for value, text, found in RULES:
                got = (await conn.execute(select(
                    contains_folded(literal(value), text)))).scalar()
                assert bool(got) is found, (backend, value, text)
            assert (await conn.execute(select(contains_folded(literal(None), "x")))
                    ).scalar() is None
    finally:
        await engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_every_sqlite_connection_has_the_folding_function(database_url: str,
                                                               backend: str) -> None:
    from sqlalchemy import text

    engine = make_engine(database_url)
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT ipreg_fold('ԱՐԱՐԱՏ Ёлка')"))
                    ).scalar() == "արարատ елка"
    finally:
        await engine.dispose()
