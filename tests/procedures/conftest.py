"""Fixtures for the engine tests: the sample procedure's runtime, parties, a clock.

The ``ipreg`` pytest plugin does the work: the sample plugin is registered through
``ipreg_extra_plugins``, the cast is ``ipreg_cast``, and ``rt``, ``clock``, ``cast``
and ``driver`` are its runtime, clock (Monday 2 March 2026, 10:00 in Kyiv), cast and
:class:`ProcedureDriver`.
"""

from __future__ import annotations

from typing import Any

import pytest
from sample_procedure import plugin

from ipreg.core.auth import Grant
from ipreg.core.model import Party
from ipreg.core.runtime import Runtime
from ipreg.testing import Cast, ProcedureDriver, person


@pytest.fixture
def ipreg_extra_plugins() -> list[tuple[str, Any]]:
    return [("sample", plugin)]


@pytest.fixture
async def ipreg_cast(ipreg_runtime: Runtime) -> Cast:
    async with ipreg_runtime.sessionmaker() as session:
        mine = Party(country="UA", name="ТОВ Заявник", short_name="Заявник")
        other = Party(country="UA", name="ТОВ Інший", short_name="Інший")
        session.add_all([mine, other])
        await session.commit()
    return Cast(
        applicant=person("user:applicant", mine.id, Grant("applicant", "testland", mine.id)),
        other_applicant=person("user:other", other.id,
                               Grant("applicant", "testland", other.id)),
        examiner=person("user:examiner", None, Grant("examiner", "testland")),
        foreign_examiner=person("user:foreign", None, Grant("examiner", "elsewhere")),
        applicant_party=mine.id,
    )


@pytest.fixture
def cast(ipreg_cast: Cast) -> Cast:
    return ipreg_cast


@pytest.fixture
def driver(ipreg_driver: ProcedureDriver) -> ProcedureDriver:
    return ipreg_driver
