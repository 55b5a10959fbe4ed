"""The demo has an application in every state of digest §7.1, an opposition in every state
of §7.3, an extension and a restoration, single-act representatives (IV.5), a user for
every role, and an application whose documents are uploaded PDFs."""

from __future__ import annotations

import time

from sqlalchemy import select

from ipreg.core.config import Settings
from ipreg.core.model import AppUser, Case, UserGrant
from ipreg.core.runtime import Runtime
from ipreg.plugins.ukraine.gi.models import UaGiDocument, UaGiFileItem, UaGiLimitRequest
from ipreg.plugins.ukraine.gi.procedures import procedures
from ipreg.plugins.ukraine.gi.sources.models import UaGiSourceEdition
from ipreg.testing import DatabaseFactory
from ipreg.testing.databases import load_demo


async def test_the_demo_covers_every_state_and_role(ipreg_databases: DatabaseFactory) -> None:
    url = ipreg_databases.migrated()
    started = time.monotonic()
    await load_demo(url, plugins=["ukraine_gi"])
    assert time.monotonic() - started < 30
    rt = Runtime.create(Settings.from_env(database_url=url, plugins=["ukraine_gi"]))
    try:
        async with rt.sessionmaker() as session:
            found = set((await session.execute(select(Case.procedure, Case.state))).all())
            kinds = set((await session.execute(select(UaGiLimitRequest.kind))).scalars())
            copies = list((await session.execute(select(UaGiFileItem.summary).where(
                UaGiFileItem.kind == "copy"))).scalars())
            represented = [c.data["singleActRepresentatives"] for c in (await session.execute(
                select(Case).where(Case.procedure == "UA.GI.APP"))).scalars()
                if c.data.get("singleActRepresentatives")]
            roles = set((await session.execute(select(UserGrant.role).join(
                AppUser, AppUser.id == UserGrant.user_id).where(
                AppUser.login.like("gi-%")))).scalars())
            sources = set((await session.execute(select(UaGiSourceEdition.source))).scalars())
            data = list((await session.execute(select(Case.data).where(
                Case.procedure == "UA.GI.APP"))).scalars())
            attached = [(d.kind, d.pages) for d in (await session.execute(
                select(UaGiDocument).order_by(UaGiDocument.id))).scalars()]
            warnings = [w for c in (await session.execute(select(Case.data))).scalars()
                        for w in (c or {}).get("warnings", []) if "VR-41" in w]
    finally:
        await rt.close()
    for procedure in procedures():
        assert {(procedure.code, s) for s in procedure.states} <= found, procedure.code
    assert kinds == {"extension", "restoration"}
    assert attached == [("specification", 4), ("single_document", 2)]  # II.2.3: PDFs
    assert warnings and all(w.startswith("documents[1].file (single_document") for w in warnings)
    # GI rules IV.5: a single-act representative for an extension, one for the acts in an
    # opposition; the extension's grant and the opposition's copy (O10) copied to the
    # applicant
    assert sorted([[a["kind"] for a in r["acts"]] for r in reps] for reps in represented) == [
        [["extension"]], [["opposition"]]]
    assert len(copies) == 2 and all("IV.5" in c for c in copies)
    assert roles == {"applicant", "representative", "examiner", "ua_gi_head", "ua_gi_clerk",
                     "ua_gi_competent_authority", "ua_gi_appeals_recorder"}
    # V.8.4-8.5: the sample editions, a determination of each point, refusals citing one
    assert sources == {"ua_varieties", "pluto", "breeds", "uktzed", "reference"}
    points = {d["point"] for c in data for d in (c or {}).get("nameDeterminations", [])}
    assert points == {"GI rules V.8.4", "GI rules V.8.5"}
    assert any((c or {}).get("refusalDeterminations") for c in data)
