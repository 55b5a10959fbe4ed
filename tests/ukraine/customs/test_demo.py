"""The demo: at least 100 realistic recordals (Ukrainian, Latin and Russian names), cases
in every state of every procedure, suspensions with every outcome, appeals, authorised
operators and a user for every role."""

from __future__ import annotations

import random
import re
from typing import Any

from sqlalchemy import func, select

from ipreg.core.model import Case, UserGrant
from ipreg.plugins.ukraine.customs.demo import load_demo
from ipreg.plugins.ukraine.customs.models import (
    UaCustomsOperator,
    UaCustomsRecordal,
    UaCustomsRight,
    UaCustomsSuspension,
)
from ipreg.plugins.ukraine.customs.procedures import procedures

SCRIPTS = {"uk": re.compile(r"[ґєії]", re.I), "ru": re.compile(r"[ёыэъ]", re.I),
           "latin": re.compile(r"^[A-Za-z0-9 .\-']+$")}


async def test_the_demo_fills_the_register_and_every_state(rt: Any) -> None:
    async with rt.sessionmaker() as session:
        added = await load_demo(session, random.Random(1))
        await session.commit()
    async with rt.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(UaCustomsRecordal)) >= 100
        assert added >= 100
        names = list((await session.execute(select(UaCustomsRight.name))).scalars())
        for script, pattern in SCRIPTS.items():
            assert any(pattern.search(n) for n in names), script
        states = set((await session.execute(select(Case.procedure, Case.state).where(
            Case.jurisdiction == "ua_customs"))).all())
        for procedure in procedures():
            for state in procedure.states:
                assert (procedure.code, state) in states, (procedure.code, state)
        outcomes = set((await session.execute(select(UaCustomsSuspension.outcome))).scalars())
        assert outcomes >= {None, "released_original", "destroyed_consent",
                            "destroyed_small_consignment", "court", "released",
                            "released_time_limit"}
        assert await session.scalar(select(func.count()).select_from(UaCustomsOperator)) > 100
        roles = set((await session.execute(select(UserGrant.role).where(
            UserGrant.jurisdiction == "ua_customs"))).scalars())
        assert roles >= {"applicant", "representative", "ua_customs_operator",
                         "ua_customs_officer", "ua_customs_head", "ua_customs_registrar"}
