"""Fixtures for the engine tests: the sample procedure's runtime, parties, a clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sample_procedure import plugin
from support import Cast, Clock

from ipreg.core.auth import Grant, Principal
from ipreg.core.config import Settings
from ipreg.core.model import Party
from ipreg.core.runtime import Runtime


@pytest.fixture
def clock() -> Clock:
    # Monday 2 March 2026, 10:00 in Kyiv
    return Clock(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC))


@pytest.fixture
async def rt(database_url: str, clock: Clock) -> AsyncIterator[Runtime]:
    runtime = Runtime.create(Settings.from_env(database_url=database_url),
                             extra_plugins=[("sample", plugin)])
    runtime.clock = clock
    yield runtime
    await runtime.close()


@pytest.fixture
async def cast(rt: Runtime) -> Cast:
    async with rt.sessionmaker() as session:
        mine = Party(country="UA", name="ТОВ Заявник", short_name="Заявник")
        other = Party(country="UA", name="ТОВ Інший", short_name="Інший")
        session.add_all([mine, other])
        await session.commit()
    return Cast(
        applicant=Principal(kind="user", subject="user:applicant", party_id=mine.id,
                            grants=frozenset({Grant("applicant", "testland", mine.id)})),
        other_applicant=Principal(kind="user", subject="user:other", party_id=other.id,
                                  grants=frozenset({Grant("applicant", "testland", other.id)})),
        examiner=Principal(kind="user", subject="user:examiner",
                           grants=frozenset({Grant("examiner", "testland")})),
        foreign_examiner=Principal(kind="user", subject="user:foreign",
                                   grants=frozenset({Grant("examiner", "elsewhere")})),
        applicant_party=mine.id,
    )
