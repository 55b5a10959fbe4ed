"""P.SP.01.PRC.008-010: ``ipreg eaeu sync --from URL`` keeps an exact replica of the register.

A source server runs over HTTP; a seeded run of random changes goes through the
real procedures (inclusions, amendments, technical corrections, prolongations,
exclusions, turnover changes); the replica database is synchronised several times
in between — once interrupted by a failing request, once by a failure inside the
page's transaction — and must answer the register queries (``eaeuEntries`` with
every field, as the CCA and as anyone sees them, ``eaeuEntries(asOf:)``) and give
the extracts (PRC.011) exactly as the source does.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from graphql import (
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
)
from sqlalchemy import delete, select
from support import DatabaseFactory

from ipreg.core.auth import ANONYMOUS, Grant, Principal
from ipreg.core.config import Settings
from ipreg.core.feed import record_change
from ipreg.core.model import IPObject, SubscriberCursor
from ipreg.core.runtime import Runtime
from ipreg.plugins.eaeu import samples
from ipreg.plugins.eaeu import sync as sync_module
from ipreg.plugins.eaeu.extract import build_extract
from ipreg.plugins.eaeu.models import EaeuEntry
from ipreg.plugins.eaeu.replica import ReplicaError
from ipreg.plugins.eaeu.samples import party_id, turnover
from ipreg.plugins.eaeu.sync import SyncError, SyncReport, http_post, sync
from ipreg.testing import SchemaRunner
from ipreg.testing import serving as serve_app

GENERATED_AT = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
#: Fields that are not the register's data: the procedures' cases stay at the source.
NOT_COMPARED = {"cases", "pdfBase64"}


# ---------------------------------------------------------------- a source server over HTTP


@contextmanager
def serving(database_url: str) -> Iterator[str]:
    """``create_app`` of a runtime on ``database_url`` under uvicorn in a thread; its URL."""
    runtime = Runtime.create(Settings.from_env(database_url=database_url, plugins=None,
                                               tick_interval=0, search_interval=0))
    with serve_app(runtime) as url:
        yield f"{url}/graphql"


@pytest.fixture
async def replica(databases: DatabaseFactory) -> AsyncIterator[Runtime]:
    """A fresh migrated ipreg database: the CCA's replica."""
    runtime = Runtime.create(Settings.from_env(database_url=databases.migrated(), plugins=None))
    yield runtime
    await runtime.close()


async def api_key(eaeu: Any, country: str = "KZ") -> str:
    """An API key of the CCA's information system (``authorized_body:eaeu:<party>``)."""
    from ipreg.core.auth import store

    async with eaeu.rt.sessionmaker() as session:
        party = eaeu.authority[country]
        _, key = await store.create_api_key(session, f"cca-{country}", party,
                                            [Grant("authorized_body", "eaeu", party)])
        await session.commit()
    return key


# ---------------------------------------------------------------- the register's answers


def _unwrap(kind: Any) -> Any:
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        kind = kind.of_type
    return kind


def selection(schema: GraphQLSchema, type_name: str, depth: int = 7,
              omit: frozenset[str] = frozenset()) -> str:
    """Every field of ``type_name`` without required arguments, recursively."""
    kind = schema.get_type(type_name)
    assert isinstance(kind, GraphQLObjectType)
    parts = []
    for name, field in kind.fields.items():
        if name in NOT_COMPARED or name in omit or any(isinstance(a.type, GraphQLNonNull)
                                       for a in field.args.values()):
            continue
        inner = _unwrap(field.type)
        if isinstance(inner, GraphQLInterfaceType | GraphQLUnionType):
            parts.append(f"{name} {{ __typename }}")
        elif isinstance(inner, GraphQLObjectType):
            if depth > 0:
                parts.append(f"{name} {{ {selection(schema, inner.name, depth - 1)} }}")
        else:
            parts.append(name)
    return " ".join(parts)


class Answers:
    """The register as a caller sees it through an ipreg server's GraphQL schema."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.runner = SchemaRunner(rt)
        self.schema = self.runner.schema
        self.entry = selection(self.schema._schema, "EaeuRegisterEntry")
        #: Anyone: the unpublished non-null fields answer FORBIDDEN, so they are left out.
        self.public_entry = selection(self.schema._schema, "EaeuRegisterEntry",
                                      omit=frozenset({"status", "version", "updatedAt"}))

    async def gql(self, query: str, variables: dict[str, Any], viewer: Principal
                  ) -> dict[str, Any]:
        return await self.runner.data(query, variables, viewer)

    async def entries(self, viewer: Principal, as_of: dt.date | None = None
                      ) -> list[dict[str, Any]]:
        query = ("query($after: String, $asOf: Date) { eaeuEntries(first: 50, after: $after, "
                 "asOf: $asOf) { totalCount pageInfo { hasNextPage endCursor } "
                 f"nodes {{ {self.public_entry if viewer is ANONYMOUS else self.entry} }} }} }}")
        out: list[dict[str, Any]] = []
        after = None
        while True:
            page = (await self.gql(query, {"after": after, "asOf": as_of and as_of.isoformat()},
                                   viewer))["eaeuEntries"]
            out += page["nodes"]
            if not page["pageInfo"]["hasNextPage"]:
                return out
            after = page["pageInfo"]["endCursor"]

    async def extracts(self) -> dict[str, dict[str, Any]]:
        async with self.rt.sessionmaker() as session:
            rows = (await session.execute(
                select(IPObject.register_number).join(EaeuEntry, EaeuEntry.object_id ==
                                                      IPObject.id)
                .where(EaeuEntry.sequence_number.is_not(None)).order_by(IPObject.id))).all()
            return {r[0]: await build_extract(session, r[0], GENERATED_AT) for r in rows}

    async def all(self, cca: Principal, days: list[dt.date]) -> dict[str, Any]:
        return {"cca": await self.entries(cca), "anonymous": await self.entries(ANONYMOUS),
                "asOf": {day.isoformat(): await self.entries(cca, day) for day in days},
                "extracts": await self.extracts()}


async def assert_same_register(source: Answers, replica: Answers, cca: Principal,
                               days: list[dt.date]) -> dict[str, Any]:
    expected = await source.all(cca, days)
    got = await replica.all(cca, days)
    assert expected["cca"], "the source register is empty: nothing was compared"
    for key in ("cca", "anonymous", "extracts"):
        assert got[key] == expected[key], key
    assert got["asOf"] == expected["asOf"]
    return expected


# ---------------------------------------------------------------- a seeded run of changes


class Changes:
    """Random register changes through the procedures of the engine (PRC.001-007)."""

    def __init__(self, eaeu: Any, seed: int) -> None:
        self.eaeu = eaeu
        self.rng = random.Random(seed)
        self.in_force: list[int] = []
        self.excluded: list[int] = []
        self.forms = 0
        self.done: list[str] = []

    async def include(self) -> None:
        representative: Any = True if self.rng.random() < 0.5 else None
        _, objects = await self.eaeu.include(self.forms, representative=representative)
        self.forms += 1
        self.in_force += objects
        self.done.append("include")

    async def step(self) -> None:
        eaeu, rng = self.eaeu, self.rng
        if not self.in_force or rng.random() < 0.2:
            await self.include()
            return
        object_id = rng.choice(self.in_force)
        action = rng.choice(["amend", "technical", "prolong", "exclude", "turnover",
                             "turnover", "amend_parties"])
        if action == "amend":
            request = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant, {"changes": {
                "description": f"Описание {rng.randint(1, 10**6)}",
                "keywords": [{"value": f"Слово {rng.randint(1, 999)}"},
                             {"value": "Krasny Oktyabr"}]}}, object_id=object_id)
            await eaeu.act(request.id, "P.SP.01.PRC.002.APPROVE", eaeu.commission)
        elif action == "amend_parties":
            # Parties new and old: the right holder named again with another beside it,
            # a new representative or none, title documents replaced.
            unique = rng.randint(1, 10**9)
            firm = samples.representative_party(rng.randrange(6), rng)
            firm.update(name=f"{firm['name']} №{unique}", taxpayerId=None)
            person = samples.natural_person(rng)
            person.update(name=f"{person['name']} {unique}")
            changes: dict[str, Any] = {
                "representative": firm if rng.random() < 0.6 else None,
                "authorizedPersons": [person]}
            if changes["representative"] is None:  # its powers of attorney go with it
                changes["powersOfAttorney"] = []
            if rng.random() < 0.5:
                changes["rightHolders"] = [{"partyId": party_id(eaeu.holder)}] + (
                    [{"partyId": party_id(eaeu.other_holder)}] if rng.random() < 0.5 else [])
            if rng.random() < 0.5:
                changes["titleDocuments"] = samples.title_documents(
                    "АП", rng, f"Документ {unique}")
            request = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant, {"changes": changes},
                                      object_id=object_id)
            await eaeu.act(request.id, "P.SP.01.PRC.002.APPROVE", eaeu.commission)
        elif action == "technical":
            async with eaeu.rt.sessionmaker() as session:
                entry = await session.get(EaeuEntry, object_id)
                assert entry is not None
            goods: dict[str, Any] = {"description": "Шоколад", "cnFeaCodes": ["1806320000"],
                                     "turnover": [turnover(1, rng, "X")]}
            if entry.kind_code == "ТЗ":
                goods["niceClasses"] = [30]
            await eaeu.open("P.SP.01.PRC.003", eaeu.commission, {
                "changes": {"goods": [goods]},
                "reason": "Опечатка в коде ТН ВЭД"}, transition="P.SP.01.PRC.003.TECHNICAL",
                object_id=object_id)
        elif action == "prolong":
            async with eaeu.rt.sessionmaker() as session:
                from ipreg.plugins.eaeu.models import EaeuProtectionPeriod

                last = (await session.execute(
                    select(EaeuProtectionPeriod.ends_on)
                    .where(EaeuProtectionPeriod.object_id == object_id)
                    .order_by(EaeuProtectionPeriod.seq.desc()).limit(1))).scalar_one()
            end = last + dt.timedelta(days=rng.randint(30, 360))
            request = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant,
                                      {"requestedEnd": end.isoformat()}, object_id=object_id)
            await eaeu.act(request.id, "P.SP.01.PRC.004.GRANT", eaeu.commission)
        elif action == "exclude":
            if rng.random() < 0.5:
                request = await eaeu.open("P.SP.01.PRC.005", eaeu.applicant,
                                          {"reason": "Не нужен"}, object_id=object_id)
                await eaeu.act(request.id, "P.SP.01.PRC.005.EXCLUDE", eaeu.commission)
            else:
                case = await eaeu.open("P.SP.01.PRC.006", eaeu.commission,
                                       {"grounds": "Прекращена правовая охрана"},
                                       object_id=object_id)
                await eaeu.act(case.id, "P.SP.01.PRC.006.EXCLUDE", eaeu.commission)
            self.in_force.remove(object_id)
            self.excluded.append(object_id)
        else:
            items = [{"goods": 0, "turnover": [turnover(rng.choice([0, 1]), rng, "Q")]}]
            await eaeu.open("P.SP.01.PRC.007", eaeu.applicant, {"goods": items},
                            object_id=object_id)
        self.done.append(action)


def failing(post: sync_module.Post, fail_at: int) -> sync_module.Post:
    """``post`` whose ``fail_at``-th request (1-based) fails like a broken connection."""
    calls = 0

    async def wrapped(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls == fail_at:
            raise SyncError("connection reset by peer (injected)")
        return await post(query, variables)

    return wrapped


async def positions(rt: Runtime) -> dict[str, int]:
    async with rt.sessionmaker() as session:
        rows = await session.execute(select(SubscriberCursor.name, SubscriberCursor.position)
                                     .where(SubscriberCursor.name.like("eaeu-replica:%")))
        return {name: int(pos) for name, pos in rows}


# ---------------------------------------------------------------- tests


@pytest.mark.legal("P.SP.01.PRC.008", "P.SP.01.PRC.009", "P.SP.01.PRC.010")
async def test_a_replica_equals_the_source_after_a_run_of_random_changes(
        eaeu: Any, replica: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    """PRC.009/010: pages of changes after the replica's positions, complete and in order,
    rebuild every entry exactly; interrupted runs resume without loss or duplication."""
    key = await api_key(eaeu)
    cca = eaeu.ccas["KZ"]
    source, copy = Answers(eaeu.rt), Answers(replica)
    changes = Changes(eaeu, seed=20260302)
    with serving(str(eaeu.rt.settings.database_url)) as url:
        post = http_post(url, api_key=key)
        for _ in range(3):
            await changes.include()
        first = await sync(post, replica.sessionmaker, page_size=2)
        assert first.register_changes == 3 and first.pages == 2
        for _ in range(8):
            await changes.step()
        # A request fails half-way: the pages before it are kept, the rest comes next run.
        with pytest.raises(SyncError, match="injected"):
            await sync(failing(post, 3), replica.sessionmaker, page_size=2)
        halfway = await positions(replica)
        for _ in range(8):
            await changes.step()
        # A failure inside a page's transaction: that page is not applied, nor its position.
        real_advance = sync_module.advance
        calls = 0

        async def crash_on_second_page(session: Any, feed: str, to: int) -> None:
            nonlocal calls
            calls += 1
            if calls == 2:
                raise RuntimeError("power cut (injected)")
            await real_advance(session, feed, to)

        monkeypatch.setattr(sync_module, "advance", crash_on_second_page)
        with pytest.raises(RuntimeError, match="power cut"):
            await sync(post, replica.sessionmaker, page_size=3)
        monkeypatch.setattr(sync_module, "advance", real_advance)
        crashed = await positions(replica)
        assert crashed["eaeu-replica:register"] > halfway.get("eaeu-replica:register", 0)
        resumed = await sync(post, replica.sessionmaker, page_size=4)
        assert not resumed.up_to_date
        for _ in range(12):
            await changes.step()
            if changes.rng.random() < 0.3:
                await sync(post, replica.sessionmaker, page_size=5)
        await sync(post, replica.sessionmaker, page_size=1000)
        again = await sync(post, replica.sessionmaker)
    # only PRC.008 was asked; the round ends confirming the positions reached (R174 p.13(4))
    reached = await positions(replica)
    assert again == SyncReport(requests=1, up_to_date=True, confirmed={
        "register": reached["eaeu-replica:register"],
        "turnover": reached["eaeu-replica:turnover"]})
    assert {"include", "amend", "technical", "prolong", "exclude", "turnover"} <= set(
        changes.done), changes.done
    days = [dt.date(2026, 3, 1), dt.date(2026, 3, 2), dt.date(2027, 6, 1)]
    expected = await assert_same_register(source, copy, cca, days)
    assert len(expected["cca"]) == changes.forms
    assert {e["status"] for e in expected["cca"]} >= {"excluded"}
    assert len(expected["anonymous"]) == changes.forms - len(changes.excluded)
    # The replica's own feed carries the changes (its indexer and its own CCAs follow it).
    mirrored = await copy.gql("{ eaeuRegisterChanges(first: 1000) { changes { data } } }", {},
                              cca)
    original = await source.gql("{ eaeuRegisterChanges(first: 1000) { changes { data } } }",
                                {}, cca)
    assert mirrored == original


async def test_an_entry_deleted_at_the_source_leaves_the_replica(
        eaeu: Any, replica: Runtime) -> None:
    """A register change whose entry is gone from the source removes it from the replica."""
    key = await api_key(eaeu)
    _, (kept,) = await eaeu.include(0)
    _, (gone,) = await eaeu.include(1)
    with serving(str(eaeu.rt.settings.database_url)) as url:
        post = http_post(url, api_key=key)
        await sync(post, replica.sessionmaker)
        async with eaeu.rt.sessionmaker() as session:
            # An administrative deletion (e.g. an import withdrawn), with its register change.
            await session.execute(delete(EaeuEntry).where(EaeuEntry.object_id == gone))
            record_change(session, "eaeu_entry", None, "delete", {"objectId": gone},
                          jurisdiction="eaeu", entity_id=gone, version=99)
            await session.commit()
        report = await sync(post, replica.sessionmaker)
    assert (report.register_changes, report.entries_removed) == (1, 1)
    async with replica.sessionmaker() as session:
        left = (await session.execute(select(IPObject.id).order_by(IPObject.id))).scalars()
        assert list(left) == [kept]
    await assert_same_register(Answers(eaeu.rt), Answers(replica), eaeu.ccas["AM"], [])


async def test_a_replica_refuses_a_database_with_data_of_its_own(
        eaeu: Any, replica: Runtime) -> None:
    """The replica keeps the source's ids: a database with its own objects is refused."""
    key = await api_key(eaeu)
    with (serving(str(eaeu.rt.settings.database_url)) as url,
          pytest.raises(ReplicaError, match="fresh database")):
        await sync(http_post(url, api_key=key), eaeu.rt.sessionmaker)


def ipreg(*args: str) -> subprocess.CompletedProcess[str]:
    """The ``ipreg`` command in a process of its own (plugins add their commands in main)."""
    return subprocess.run([sys.executable, "-c", "from ipreg.core.cli import main; main()",
                           *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "IPREG_SYNC_TOKEN": "", "IPREG_SYNC_API_KEY": ""})


@pytest.mark.legal("P.SP.01.PRC.008", "P.SP.01.PRC.009", "P.SP.01.PRC.010")
async def test_the_sync_command_end_to_end(eaeu: Any, replica: Runtime) -> None:
    """``ipreg --database REPLICA eaeu sync --from URL --api-key K`` (and ``--token``)."""
    from ipreg.core.auth import store
    from ipreg.core.auth.authenticate import issue_token

    key = await api_key(eaeu)
    async with eaeu.rt.sessionmaker() as session:
        party = eaeu.authority["BY"]
        user = await store.create_user(session, "cca.by", "ГТК Беларуси", party,
                                       [Grant("authorized_body", "eaeu", party)])
        await session.commit()
        token = issue_token(eaeu.rt, user.id)
    await eaeu.include(0)
    database = str(replica.settings.database_url)
    with serving(str(eaeu.rt.settings.database_url)) as url:
        def run(*args: str) -> Awaitable[subprocess.CompletedProcess[str]]:
            return asyncio.to_thread(ipreg, "--database", database, "eaeu", "sync", "--from",
                                     url, *args)

        refused = await run()
        assert refused.returncode == 2 and "--token or" in refused.stderr
        done = await run("--api-key", key)
        assert done.returncode == 0, done.stderr
        assert "1 register and 0 turnover changes" in done.stdout
        assert "1 entries written" in done.stdout
        await eaeu.open("P.SP.01.PRC.007", eaeu.applicant,
                        {"goods": [{"goods": 0, "turnover": [turnover(0, eaeu.rng, "Z")]}]},
                        object_id=await _first_object(eaeu.rt))
        done = await run("--token", token)
        assert done.returncode == 0, done.stderr
        assert "0 register and 1 turnover changes" in done.stdout
        current = await run("--token", token)
        assert current.returncode == 0 and "up to date" in current.stdout
        wrong = await run("--api-key", "ipk_wrong")
        assert wrong.returncode == 2 and "SYNC_FAILED" in wrong.stderr
    await assert_same_register(Answers(eaeu.rt), Answers(replica), eaeu.ccas["BY"], [])


async def _first_object(rt: Runtime) -> int:
    async with rt.sessionmaker() as session:
        found = await session.scalar(select(EaeuEntry.object_id).order_by(EaeuEntry.object_id))
        assert found is not None
        return int(found)
