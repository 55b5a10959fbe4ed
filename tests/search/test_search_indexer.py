"""The indexer follows the change feed: every committed change reaches the index,
by version, and a crashed indexer resumes from its stored cursor.

Runs on SQLite and PostgreSQL, and on every search backend.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from support import sample_object

from ipreg.core.extension import SearchField
from ipreg.core.feed import record_change
from ipreg.core.hookspecs import hookimpl
from ipreg.core.model import IPObject, SubscriberCursor
from ipreg.core.runtime import Runtime
from ipreg.core.services.inputs import parse_object
from ipreg.core.services.objects import ENTITY, PartyCache, create_object, load_object, set_status
from ipreg.search.indexer import Indexer
from ipreg.search.service import SearchService

from ipreg.core.auth.principal import ANONYMOUS, SYSTEM  # isort: skip


async def database_versions(runtime: Runtime) -> dict[int, int]:
    async with runtime.engine.connect() as conn:
        rows = await conn.execute(select(IPObject.id, IPObject.version))
        return {row.id: row.version for row in rows}


async def index_versions(service: SearchService, known: set[int]) -> dict[int, int]:
    every = getattr(service.backend, "all_versions", None)
    if every is not None:
        return dict(await every())
    return dict(await service.backend.stored_versions(sorted(known)))


async def assert_index_is_database(service: SearchService, extra: set[int] = frozenset()) -> None:
    database = await database_versions(service.runtime)
    assert await index_versions(service, set(database) | set(extra)) == database


async def add(runtime: Runtime, count: int, start: int = 0, **overrides: Any) -> list[int]:
    async with runtime.sessionmaker() as session:
        parties = PartyCache(session)
        objects = [
            await create_object(session, parse_object(sample_object(i, **overrides)), parties)
            for i in range(start, start + count)
        ]
        await session.commit()
        return [o.id for o in objects]


async def rename(runtime: Runtime, object_id: int, name: str) -> int:
    async with runtime.sessionmaker() as session:
        obj = await load_object(session, object_id, for_update=True)
        obj.name = name
        await set_status(session, obj, "included", dt.date(2025, 1, 1))
        await session.commit()
        return obj.version


async def delete(runtime: Runtime, object_id: int) -> None:
    async with runtime.sessionmaker() as session:
        obj = await load_object(session, object_id)
        version = obj.version
        await session.delete(obj)
        record_change(
            session, ENTITY, None, "delete", {"id": object_id}, jurisdiction=obj.jurisdiction,
            entity_id=object_id, version=version,
        )
        await session.commit()


async def test_the_index_follows_creates_updates_and_deletes(
    search_service: SearchService,
) -> None:
    runtime = search_service.runtime
    ids = await add(runtime, 3)
    assert await search_service.sync() > 0
    await assert_index_is_database(search_service)
    hit = (await search_service.search("ZELENA MARKA 1", ANONYMOUS)).hits[0]
    assert hit.object_id == ids[1]
    await rename(runtime, ids[1], "Полтавська галушка")
    await delete(runtime, ids[2])
    await search_service.sync()
    await assert_index_is_database(search_service, set(ids))
    found = await search_service.search("Poltavska halushka", ANONYMOUS)
    assert [h.object_id for h in found.hits] == [ids[1]]
    assert (await search_service.search("zelena marka 2", ANONYMOUS)).total == 0
    assert await search_service.sync() == 0  # nothing left: idempotent


async def test_keywords_are_for_officials_and_unpublished_objects_hidden(
    search_service: SearchService,
) -> None:
    runtime = search_service.runtime
    [public] = await add(runtime, 1, keywords=["Lighthouse"], name="Harbour Light")
    [hidden] = await add(runtime, 1, start=5, name="Harbour Secret", published=False)
    await search_service.sync()
    assert (await search_service.search("lighthouse", ANONYMOUS)).total == 0
    assert [h.object_id for h in (await search_service.search("lighthouse", SYSTEM)).hits] == [
        public
    ]
    anonymous = await search_service.search("harbour", ANONYMOUS)
    assert [h.object_id for h in anonymous.hits] == [public]
    official = await search_service.search("harbour", SYSTEM)
    assert sorted(h.object_id for h in official.hits) == sorted([public, hidden])


async def test_the_cursor_is_stored_and_resumed(search_service: SearchService) -> None:
    runtime = search_service.runtime
    await add(runtime, 6)
    first = Indexer(runtime.engine, search_service.backend, batch_size=2)
    done = await first.run_once()
    assert done.events == 2
    assert await first.cursor() == done.position
    # A new indexer (a restarted process) carries on from the stored cursor.
    second = Indexer(runtime.engine, search_service.backend, batch_size=2)
    assert await second.cursor() == done.position
    assert await second.catch_up() == 4
    await assert_index_is_database(search_service)
    async with runtime.engine.connect() as conn:
        stored = (
            await conn.execute(
                select(SubscriberCursor.position).where(SubscriberCursor.name == second.name)
            )
        ).scalar_one()
    assert stored == await second.head()


async def test_an_indexer_cancelled_mid_stream_resumes(search_service: SearchService) -> None:
    runtime = search_service.runtime
    await add(runtime, 30)
    indexer = Indexer(runtime.engine, search_service.backend, batch_size=3)
    task = asyncio.create_task(indexer.run_forever(interval=0.01))
    for _ in range(4000):
        if await indexer.cursor():
            break
        await asyncio.sleep(0.005)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert 0 < await indexer.cursor() < await indexer.head()
    await Indexer(runtime.engine, search_service.backend).catch_up()
    await assert_index_is_database(search_service)


CRASHING_INDEXER = textwrap.dedent(
    """
    import asyncio, sys
    from ipreg.core.config import Settings
    from ipreg.core.runtime import Runtime
    from ipreg.search.embedded import EmbeddedBackend
    from ipreg.search.indexer import Indexer

    async def main() -> None:
        runtime = Runtime.create(Settings.from_env(database_url=sys.argv[1]))
        backend = EmbeddedBackend(sys.argv[2])
        await backend.prepare()
        indexer = Indexer(runtime.engine, backend, batch_size=4)
        while True:
            done = await indexer.run_once()
            print("round", done.events, done.position, flush=True)
            await asyncio.sleep(0.02)

    asyncio.run(main())
    """
)


@pytest.mark.parametrize("search_backend_kind", ["embedded"])
async def test_an_indexer_killed_between_and_inside_batches_catches_up(
    search_service: SearchService, database_url: str, tmp_path: Path
) -> None:
    """Kill -9 a separate indexer process twice (after its first rounds, while it
    writes), restart, and the index equals the database, ids and versions."""
    runtime = search_service.runtime
    ids = await add(runtime, 40)
    path = str(search_service.backend.path)  # type: ignore[attr-defined]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for kill_after_rounds in (2, 1):
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", CRASHING_INDEXER, database_url, path,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env,
        )
        try:
            rounds = 0
            assert process.stdout is not None
            while rounds < kill_after_rounds:
                line = (await asyncio.wait_for(process.stdout.readline(), 60)).decode()
                if not line:
                    assert process.stderr is not None
                    pytest.fail((await process.stderr.read()).decode())
                if line.startswith("round") and line.split()[1] != "0":
                    rounds += 1
            process.send_signal(signal.SIGKILL)
        finally:
            await asyncio.wait_for(process.wait(), 30)
        assert process.returncode == -signal.SIGKILL
        # Meanwhile the register changes: newer versions and a deletion.
        await rename(runtime, ids[kill_after_rounds], f"Renamed {kill_after_rounds}")
    await delete(runtime, ids[-1])
    indexer = Indexer(runtime.engine, search_service.backend)
    assert 0 < await indexer.cursor() < await indexer.head()
    await indexer.catch_up()
    await assert_index_is_database(search_service, set(ids))


async def test_two_indexers_at_once_corrupt_nothing(search_service: SearchService) -> None:
    runtime = search_service.runtime
    ids = await add(runtime, 12)

    async def writer() -> None:
        for round_number in range(4):
            for object_id in ids[round_number::4]:
                await rename(runtime, object_id, f"Round {round_number} {object_id}")
            await asyncio.sleep(0)

    one = Indexer(runtime.engine, search_service.backend, batch_size=3)
    two = Indexer(runtime.engine, search_service.backend, batch_size=5)
    await asyncio.gather(writer(), one.catch_up(), two.catch_up())
    await asyncio.gather(one.catch_up(), two.catch_up())
    await assert_index_is_database(search_service)


async def test_no_indexer_writes_while_another_empties_the_index(
    search_service: SearchService,
) -> None:
    """The first indexer of a database empties the index (:meth:`Indexer.adopt`);
    another indexer that indexed events and advanced the shared cursor meanwhile
    must not have its documents emptied away. While the claimant empties the
    index, the other indexer starts: if it gets past its own claim at once (the
    bug: the claim was committed before the index was emptied), it is let catch
    up first; if it is still waiting half a second later, the emptying goes on."""
    runtime = search_service.runtime
    await add(runtime, 6)
    backend = search_service.backend
    claimant = Indexer(runtime.engine, backend)
    other = Indexer(runtime.engine, backend, batch_size=2)
    entered, returned = asyncio.Event(), asyncio.Event()
    other_adopt = other.adopt

    async def adopt() -> bool:
        entered.set()
        claimed = await other_adopt()
        returned.set()
        return claimed

    other.adopt = adopt  # type: ignore[method-assign]
    original = backend.rebuild
    racing: list[asyncio.Task[int]] = []

    async def rebuild_while_another_indexes(documents: Any) -> int:
        task = asyncio.create_task(other.catch_up())
        racing.append(task)
        await entered.wait()
        try:
            await asyncio.wait_for(returned.wait(), 0.5)
        except TimeoutError:
            pass  # it waits for this claim: right
        else:
            await task  # it indexes and moves the cursor before the index is emptied
        return await original(documents)

    backend.rebuild = rebuild_while_another_indexes  # type: ignore[method-assign]
    try:
        await claimant.catch_up()
    finally:
        del backend.rebuild  # type: ignore[method-assign]
    [task] = racing
    await task
    await asyncio.gather(claimant.catch_up(), other.catch_up())
    await assert_index_is_database(search_service)


async def test_a_claim_whose_emptying_failed_is_given_back(
    search_service: SearchService,
) -> None:
    """The index could not be emptied (the backend is down): the cursor row stays
    unclaimed, and the next round empties the index and indexes everything."""
    runtime = search_service.runtime
    await add(runtime, 3)
    backend = search_service.backend
    indexer = Indexer(runtime.engine, backend)

    async def rebuild_fails(documents: Any) -> int:
        raise ConnectionError("the backend is down")

    backend.rebuild = rebuild_fails  # type: ignore[method-assign]
    try:
        with pytest.raises(ConnectionError):
            await indexer.run_once()
    finally:
        del backend.rebuild  # type: ignore[method-assign]
    async with runtime.engine.connect() as conn:
        mine = select(SubscriberCursor).where(SubscriberCursor.name == indexer.name)
        rows = (await conn.execute(mine)).all()
    assert rows == []
    assert await indexer.adopt()
    assert await indexer.catch_up() > 0
    await assert_index_is_database(search_service)


async def test_reindex_keeps_changes_made_while_it_runs(search_service: SearchService) -> None:
    runtime = search_service.runtime
    ids = await add(runtime, 25)
    await search_service.sync()
    progress: list[tuple[int, int]] = []
    changed = False

    def report(done: int, total: int) -> None:
        progress.append((done, total))

    original = search_service.backend.rebuild

    async def rebuild_with_a_change(documents: Any) -> int:
        async def batches() -> Any:
            nonlocal changed
            async for batch in documents:
                yield batch
                if not changed:  # a commit lands while the new index is being built
                    changed = True
                    await rename(runtime, ids[0], "Changed During Rebuild")
                    await rename(runtime, ids[-1], "Changed During Rebuild Too")

        return await original(batches())

    search_service.backend.rebuild = rebuild_with_a_change  # type: ignore[method-assign]
    try:
        assert await search_service.reindex(report, batch_size=10) == 25
    finally:
        del search_service.backend.rebuild  # type: ignore[method-assign]
    assert progress[0] == (0, 25) and progress[-1] == (25, 25)
    await search_service.sync()
    await assert_index_is_database(search_service)
    found = await search_service.search("changed during rebuild", ANONYMOUS)
    assert sorted(h.object_id for h in found.hits) == sorted([ids[0], ids[-1]])


async def test_the_background_indexer_wakes_on_commit(search_service: SearchService) -> None:
    runtime = search_service.runtime
    await search_service.start(interval=30)  # only a wake-up can make it prompt
    try:
        [object_id] = await add(runtime, 1, name="Prompt Wakeup")
        for _ in range(500):
            if (await search_service.search("prompt wakeup", ANONYMOUS)).total:
                break
            await asyncio.sleep(0.01)
        hits = (await search_service.search("prompt wakeup", ANONYMOUS)).hits
        assert [h.object_id for h in hits] == [object_id]
    finally:
        await search_service.stop()


async def test_a_commit_during_a_round_is_not_left_for_the_next_interval(
        search_service: SearchService) -> None:
    """A commit whose wake-up arrives while a round runs, after the round read the feed,
    starts another round at once (the wake-up used to be cleared after the round)."""
    runtime = search_service.runtime
    indexer = search_service.indexer
    original = indexer.run_once
    committed: list[int] = []

    async def round_with_a_commit_behind_it(limit: int | None = None) -> Any:
        done = await original(limit)
        if not committed:  # the feed is read: now a commit lands and wakes the indexer
            committed.extend(await add(runtime, 1, name="Behind The Round"))
        return done

    indexer.run_once = round_with_a_commit_behind_it  # type: ignore[method-assign]
    await search_service.start(interval=30)
    try:
        for _ in range(500):
            if committed and (await search_service.search("behind the round", ANONYMOUS)).total:
                break
            await asyncio.sleep(0.01)
        hits = (await search_service.search("behind the round", ANONYMOUS)).hits
        assert [h.object_id for h in hits] == committed
    finally:
        await search_service.stop()


async def test_each_embedded_index_file_has_its_own_cursor(
    search_service: SearchService, tmp_path: Path
) -> None:
    """Replicas that each keep an embedded index must not share one feed cursor."""
    from ipreg.search.embedded import EmbeddedBackend

    runtime = search_service.runtime
    await add(runtime, 3)
    other = EmbeddedBackend(tmp_path / "replica-2.db")
    try:
        first = Indexer(runtime.engine, search_service.backend)
        second = Indexer(runtime.engine, other)
        if search_service.backend.name == "embedded":
            assert first.name != second.name
            assert first.name.startswith("search-indexer:")
        await first.catch_up()
        assert await second.cursor() == 0 or first.name == second.name
        await second.catch_up()
        assert await other.all_versions() == await database_versions(runtime)
    finally:
        await other.close()


async def test_health_reports_the_backend(search_service: SearchService) -> None:
    await search_service.health()
    assert search_service.runtime.extras["search_health"] == search_service.health


class _FieldsPlugin:
    """A plugin contributing two search fields, one public and one not."""

    @hookimpl
    def ipreg_register_search_fields(self) -> list[SearchField]:
        return [
            SearchField(
                "goodsDescription",
                lambda data: [g["description"] for g in data["goods"]],
                public=True,
            ),
            SearchField("hsCodes", lambda data: [c for g in data["goods"] for c in g["hsCodes"]]),
        ]


@pytest.mark.hook("ipreg_register_search_fields")
async def test_plugin_search_fields_are_indexed_with_their_visibility(
    database_url: str, tmp_path: Path
) -> None:
    from ipreg.core.config import Settings
    from ipreg.search.embedded import EmbeddedBackend

    runtime = Runtime.create(
        Settings.from_env(database_url=database_url), extra_plugins=[("fields", _FieldsPlugin())]
    )
    service = SearchService(runtime, EmbeddedBackend(tmp_path / "fields.db"))
    try:
        [object_id] = await add(runtime, 1)
        await service.sync()
        tea = await service.search("Чай", ANONYMOUS)  # goods description: public
        assert [(h.object_id, h.matches[0].field) for h in tea.hits] == [
            (object_id, "goodsDescription")
        ]
        assert (await service.search("090210", ANONYMOUS)).total == 0  # HS code: not public
        coded = await service.search("090210", SYSTEM)
        assert [(h.object_id, h.matches[0].field) for h in coded.hits] == [(object_id, "hsCodes")]
    finally:
        await service.close()
        await service.backend.close()
        await runtime.close()


async def test_an_index_left_by_another_database_is_emptied_before_it_follows_this_one(
    databases: Any, search_backend: Any
) -> None:
    """A demo database replaced, or a database dropped and migrated anew: the index
    still holds the old objects, at versions that would refuse the new objects of
    the same ids. A database with no cursor row for the index starts it empty."""
    from ipreg.core.config import Settings

    async def service_on(name: str) -> tuple[Runtime, SearchService]:
        runtime = Runtime.create(Settings.from_env(database_url=databases.migrated()))
        return runtime, SearchService(runtime, search_backend)

    old_runtime, old = await service_on("old")
    try:
        await add(old_runtime, 3, name="СТАРА МАРКА")
        for _ in range(3):  # versions 2..4 of the old objects
            async with old_runtime.sessionmaker() as session:
                for obj in await session.scalars(select(IPObject.id)):
                    loaded = await load_object(session, obj)
                    await set_status(session, loaded, "changed", dt.date(2025, 1, 1))
                await session.commit()
        await old.sync()
        assert (await old.search("stara marka", ANONYMOUS)).total == 3
    finally:
        await old.close()
        await old_runtime.close()

    new_runtime, new = await service_on("new")
    try:
        [first] = await add(new_runtime, 1, name="НОВА МАРКА")
        await new.sync()
        assert (await new.search("stara marka", ANONYMOUS)).total == 0
        found = await new.search("nova marka", ANONYMOUS)
        assert [hit.object_id for hit in found.hits] == [first]
        await assert_index_is_database(new, extra={1, 2, 3})
        # Only once: a second service on the same database keeps what is indexed.
        again = SearchService(new_runtime, search_backend)
        await again.sync()
        assert (await again.search("nova marka", ANONYMOUS)).total == 1
        await again.close()
    finally:
        await new.close()
        await new_runtime.close()
