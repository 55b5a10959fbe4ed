"""ipreg.core.demo.DemoActs: a demo's driver opens cases and performs acts through the
engine as the demo's principals, all in the loader's one session (committed by the
caller, as ``ipreg demo`` does)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.demo import DemoActs
from ipreg.core.model import Case
from ipreg.core.procedures import ProcedureEngine
from ipreg.core.runtime import Runtime
from ipreg.testing import Cast


class SampleDemo(DemoActs):
    def __init__(self, session: AsyncSession, engine: ProcedureEngine) -> None:
        self.session, self.engine = session, engine


async def test_a_demo_opens_and_moves_cases_in_its_one_session(
        ipreg_runtime: Runtime, ipreg_cast: Cast) -> None:
    people = {k: ipreg_runtime.registry.bind(p) for k, p in ipreg_cast.principals().items()}
    applicant, examiner = people["applicant"], people["examiner"]
    async with ipreg_runtime.sessionmaker() as session:
        demo = SampleDemo(session, ProcedureEngine(ipreg_runtime))
        filed = await demo.open("TEST.PRC.001", applicant, {"name": "Sunny"},
                                transition="T.001")
        assert filed.state == "filed"
        suspended = await demo.act(filed, "T.008", examiner)
        assert suspended.id == filed.id and suspended.state == "suspended"
        await session.rollback()                 # the loader's caller commits, or not
    async with ipreg_runtime.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Case)) == 0
