"""The demo (issue 16): at least 50 listed websites under reserved test names (some IDN),
a case in every state of every procedure with limits due, met and missed on the demo's
day, and users for every role."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import select

from ipreg.core.model import Case, CaseDeadline, UserGrant
from ipreg.plugins.ukraine.websites.demo import DEMO_TODAY, load_demo
from ipreg.plugins.ukraine.websites.models import UaWebsite
from ipreg.plugins.ukraine.websites.procedures import procedures


async def test_the_demo_fills_the_list_and_every_state(ipreg_runtime: Any) -> None:
    rt = ipreg_runtime
    async with rt.sessionmaker() as session:
        await load_demo(session, random.Random(1))
        await session.commit()
    async with rt.sessionmaker() as session:
        sites = (await session.execute(select(UaWebsite))).scalars().all()
        cases = (await session.execute(select(Case).where(
            Case.jurisdiction == "ua_websites"))).scalars().all()
        deadlines = (await session.execute(select(CaseDeadline).join(
            Case, Case.id == CaseDeadline.case_id).where(
            Case.jurisdiction == "ua_websites"))).scalars().all()
        roles = set((await session.execute(select(UserGrant.role))).scalars())
    listed = [s for s in sites if s.entry_number]
    assert len(listed) >= 50
    assert all(s.domain_ascii.endswith((".test", ".example")) for s in sites if s.domain_ascii)
    assert sum(1 for s in listed if s.domain != s.domain_ascii) >= 5      # IDN
    assert {s.status for s in sites} == {"APPEALED", "LISTED", "EXCLUSION_PENDING", "EXCLUDED"}
    for procedure in procedures():
        reached = {c.state for c in cases if c.procedure == procedure.code}
        wanted = set(procedure.states)
        if procedure.code == "UAW.COPY":
            wanted = {"requested"}
        assert wanted <= reached, (procedure.code, wanted - reached)
    today = dt.datetime.combine(DEMO_TODAY, dt.time(12), tzinfo=dt.UTC)
    missed = {d.code for d in deadlines if d.status == "running" and d.due_at < today}
    due = {d.code for d in deadlines if d.status == "running" and d.due_at >= today}
    met = {d.code for d in deadlines if d.status == "met"}
    assert {"T01", "T02", "T07"} <= missed and {"T02", "T04", "T05", "T08", "T17"} <= due
    assert {"T02", "T05", "T07", "T08", "T11", "T12", "T13", "T14", "T16", "T17"} <= met
    assert {"representative", "right_holder", "applicant", "website_owner",
            "ukrnoivi_examiner", "ministry_officer"} <= roles
