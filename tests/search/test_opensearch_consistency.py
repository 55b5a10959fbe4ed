"""Index = database, through an indexer killed mid-stream and an OpenSearch restart.

A separate indexer process (:mod:`ipreg.search.indexer`) writing to OpenSearch
is killed with SIGKILL after a few rounds while the register keeps changing;
then an indexer in this process follows the feed while OpenSearch is restarted
(``scripts/opensearch restart``) under it; once it has caught up, every live
object of the database is in the index at its database version, and nothing
else is.

Needs ``IPREG_TEST_OPENSEARCH_URL`` to be the node ``scripts/opensearch``
manages (it is restarted); ``IPREG_TEST_OPENSEARCH_RESTART=0`` skips it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import uuid

import pytest
from sqlalchemy import select
from support import REPO, sample_object

from ipreg.core.feed import record_change
from ipreg.core.model import IPObject
from ipreg.core.runtime import Runtime
from ipreg.core.services.inputs import parse_object
from ipreg.core.services.objects import ENTITY, PartyCache, create_object, load_object, set_status
from ipreg.search.indexer import Indexer

URL = os.environ.get("IPREG_TEST_OPENSEARCH_URL")
pytestmark = pytest.mark.skipif(
    not URL, reason="OpenSearch not configured: set IPREG_TEST_OPENSEARCH_URL (scripts/opensearch)"
)


def _script_url() -> str | None:
    try:
        out = subprocess.run(
            [str(REPO / "scripts" / "opensearch"), "status"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.strip().splitlines()[-1].split()[0] if out.strip() else None


async def database_versions(runtime: Runtime) -> dict[int, int]:
    async with runtime.engine.connect() as conn:
        rows = await conn.execute(select(IPObject.id, IPObject.version))
        return {row.id: row.version for row in rows}


async def add(runtime: Runtime, count: int, start: int = 0) -> list[int]:
    async with runtime.sessionmaker() as session:
        parties = PartyCache(session)
        objects = [
            await create_object(session, parse_object(sample_object(i)), parties)
            for i in range(start, start + count)
        ]
        await session.commit()
        return [o.id for o in objects]


async def rename(runtime: Runtime, object_id: int, name: str) -> None:
    async with runtime.sessionmaker() as session:
        obj = await load_object(session, object_id, for_update=True)
        obj.name = name
        await set_status(session, obj, "included", dt.date(2025, 1, 1))
        await session.commit()


async def delete(runtime: Runtime, object_id: int) -> None:
    async with runtime.sessionmaker() as session:
        obj = await load_object(session, object_id)
        version = obj.version
        await session.delete(obj)
        record_change(
            session,
            ENTITY,
            None,
            "delete",
            {"id": object_id},
            jurisdiction=obj.jurisdiction,
            entity_id=object_id,
            version=version,
        )
        await session.commit()


INDEXER_PROCESS = textwrap.dedent(
    """
    import asyncio, sys
    from ipreg.core.config import Settings
    from ipreg.core.runtime import Runtime
    from ipreg.search.indexer import Indexer
    from ipreg.search.opensearch import OpenSearchBackend

    async def main() -> None:
        runtime = Runtime.create(Settings.from_env(database_url=sys.argv[1], plugins=None))
        backend = OpenSearchBackend(sys.argv[2], sys.argv[3], refresh=False)
        await backend.prepare()
        indexer = Indexer(runtime.engine, backend, batch_size=5)
        while True:
            done = await indexer.run_once()
            print("round", done.events, done.position, flush=True)
            await asyncio.sleep(0.01)

    asyncio.run(main())
    """
)


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_index_equals_database_after_a_killed_indexer_and_a_restart(
    runtime: Runtime, database_url: str
) -> None:
    from ipreg.search.opensearch import OpenSearchBackend

    assert URL
    if os.environ.get("IPREG_TEST_OPENSEARCH_RESTART") == "0":
        pytest.skip("IPREG_TEST_OPENSEARCH_RESTART=0")
    if (_script_url() or "").rstrip("/") != URL.rstrip("/"):
        pytest.skip("the node at IPREG_TEST_OPENSEARCH_URL is not managed by scripts/opensearch")
    prefix = f"tc{uuid.uuid4().hex[:10]}"
    search = OpenSearchBackend(URL, prefix, refresh=False, retry_seconds=20.0)
    await search.prepare()
    ids = await add(runtime, 80)
    changes = {"renamed": 0, "added": 0, "deleted": 0}
    stop_writing = asyncio.Event()

    async def writer() -> None:
        """The register keeps changing: renames, new objects, deletions."""
        step = 0
        while not stop_writing.is_set():
            step += 1
            if step % 7 == 0 and len(ids) > 10:
                await delete(runtime, ids.pop(step % len(ids)))
                changes["deleted"] += 1
            elif step % 3 == 0:
                ids.extend(await add(runtime, 2, start=1000 + step * 2))
                changes["added"] += 2
            else:
                await rename(runtime, ids[step % len(ids)], f"Renamed {step}")
                changes["renamed"] += 1
            await asyncio.sleep(0.03)

    writing = asyncio.create_task(writer())
    indexing: asyncio.Task[None] | None = None
    stop_indexing = asyncio.Event()
    try:
        # 1. A separate indexer process, killed (SIGKILL) in the middle of the stream.
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            INDEXER_PROCESS,
            database_url,
            URL,
            prefix,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert process.stdout is not None
        rounds = 0
        while rounds < 4:
            line = (await asyncio.wait_for(process.stdout.readline(), 60)).decode()
            if not line:
                err = await process.stderr.read() if process.stderr else b""
                pytest.fail(f"the indexer process ended: {err.decode(errors='replace')}")
            if line.startswith("round") and line.split()[1] != "0":
                rounds += 1
        process.send_signal(signal.SIGKILL)
        assert await process.wait() == -signal.SIGKILL
        indexer = Indexer(runtime.engine, search, batch_size=5)
        assert 0 < await indexer.cursor() < await indexer.head()

        # 2. An indexer here follows the feed while OpenSearch restarts under it.
        indexing = asyncio.create_task(indexer.run_forever(interval=0.05, stop_event=stop_indexing))
        await asyncio.sleep(0.5)
        restart = await asyncio.create_subprocess_exec(
            str(REPO / "scripts" / "opensearch"),
            "restart",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await asyncio.wait_for(restart.communicate(), timeout=600)
        assert restart.returncode == 0, output.decode(errors="replace")
        await asyncio.sleep(1.0)  # changes keep coming after the restart too
        stop_writing.set()
        await writing

        # 3. Caught up: index = database (ids and versions), nothing more.
        head = await indexer.head()
        for _ in range(1200):
            if await indexer.cursor() >= head:
                break
            await asyncio.sleep(0.1)
        assert await indexer.cursor() >= head
        stop_indexing.set()
        await indexing
        indexing = None
        assert changes["deleted"] and changes["added"] and changes["renamed"]
        database = await database_versions(runtime)
        assert await search.all_versions() == database
    finally:
        stop_writing.set()
        stop_indexing.set()
        for task in (writing, indexing):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
        with contextlib.suppress(Exception):
            await search.drop()
        await search.close()
