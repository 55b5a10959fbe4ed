"""Several replicas run the tick at once: every consequence is applied exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from support import Cast, Clock

from ipreg.core.model import Case, CaseDeadline, CaseStep
from ipreg.core.runtime import Runtime

TESTS = Path(__file__).resolve().parent.parent
REPLICA = """
import asyncio, json, sys
sys.path.insert(0, {tests!r})
from sample_procedure import plugin
from ipreg.core.config import Settings
from ipreg.core.runtime import Runtime
rt = Runtime.create(Settings.from_env(database_url={url!r}), extra_plugins=[("sample", plugin)])
async def main():
    applied = await rt.procedures.tick(batch=7)
    await rt.close()
    print(json.dumps([a["case"] for a in applied if a["consequence"]]))
asyncio.run(main())
"""


async def test_two_processes_ticking_one_database_apply_each_consequence_once(
        rt: Runtime, cast: Cast, clock: Clock, backend: str, database_url: str) -> None:
    if backend == "sqlite":
        pytest.skip("replicas share a PostgreSQL database; SQLite is the single-process default")
    clock.now = dt.datetime(2020, 3, 2, 8, 0, tzinfo=dt.UTC)  # long past: every limit is due
    for _ in range(60):
        async with rt.sessionmaker() as session:
            case, _ = await rt.procedures.open_case(session, "TEST.PRC.001", cast.applicant,
                                                    {"name": "x"})
            await session.flush()
            await rt.procedures.perform(session, case.id, "T.002", cast.examiner,
                                        {"missing": ["poa"]})
            await session.commit()

    code = REPLICA.format(tests=str(TESTS), url=database_url)
    procs = [await asyncio.create_subprocess_exec(sys.executable, "-c", code,
                                                  stdout=asyncio.subprocess.PIPE,
                                                  stderr=asyncio.subprocess.PIPE)
             for _ in range(2)]
    outputs = [await asyncio.wait_for(p.communicate(), timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()
    done = [json.loads(out.decode().strip().splitlines()[-1]) for out, _ in outputs]
    all_cases = done[0] + done[1]
    assert len(all_cases) == len(set(all_cases)) == 60  # none twice, none skipped

    async with rt.sessionmaker() as session:
        per_case = (await session.execute(
            select(CaseStep.case_id, func.count()).where(CaseStep.transition == "T.006")
            .group_by(CaseStep.case_id))).all()
        assert len(per_case) == 60 and {n for _, n in per_case} == {1}
        states = (await session.execute(select(Case.state).distinct())).scalars().all()
        assert states == ["deemed_withdrawn"]
        running = (await session.execute(select(func.count()).select_from(CaseDeadline)
                                         .where(CaseDeadline.status == "running"))).scalar()
        assert running == 0
