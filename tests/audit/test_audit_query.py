"""Reading the audit trail: supervisors only, filtered, paged by seq."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest
import strawberry
from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType
from sqlalchemy import text, update
from strawberry.relay import to_base64

from ipreg.core.audit import AuditFilter, record_audit, search_audit, session_rows
from ipreg.core.auth import ANONYMOUS, SYSTEM, Grant, Principal
from ipreg.core.errors import BadUserInput, Forbidden, Unauthenticated
from ipreg.core.model.audit import AuditRecord
from ipreg.core.runtime import Runtime
from ipreg.schema.audit import AuditQuery
from ipreg.schema.build import merge_root
from ipreg.schema.context import Context
from ipreg.schema.errors import format_error
from ipreg.schema.query import CoreQuery
from ipreg.schema.reader import Reader
from ipreg.schema.types.cases import Case
from ipreg.schema.types.ipobject import GenericIPObject


def person(subject: str, *grants: Grant) -> Principal:
    return Principal(kind="user", subject=subject, party_id=5, grants=frozenset(grants))


ADMIN = person("root", Grant("admin"))
EAEU_SUPERVISOR = person("sue", Grant("supervisor", "eaeu"), Grant("examiner", "ukraine"))
EXAMINER = person("eve", Grant("examiner", "eaeu"), Grant("official"))
ALICE = person("alice", Grant("examiner", "eaeu"))
CUSTOMS = Principal(kind="api_key", subject="kz-customs", party_id=3)

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
async def trail(runtime: Runtime) -> Runtime:
    """Twelve records: eaeu and ukraine cases, and logins without a jurisdiction."""
    plan: list[tuple[Principal, str, str, int | str | None, str | None]] = []
    for i in range(1, 6):
        plan.append((ALICE, "P.SP.01.OPR.017", "case", i, "eaeu"))
    for i in range(1, 4):
        plan.append((ALICE, "P.UA.02", "case", 100 + i, "ukraine"))
    plan.append((CUSTOMS, "login", "api_key", "kz-customs", None))
    plan.append((CUSTOMS, "read", "case", 1, "eaeu"))
    plan.append((SYSTEM, "time_limit_expired", "case", 2, "eaeu"))
    plan.append((ALICE, "export", "register", None, "eaeu"))
    for n, (principal, action, entity, entity_id, jurisdiction) in enumerate(plan, start=1):
        async with runtime.sessionmaker() as session:
            record_audit(
                session,
                principal=principal,
                action=action,
                entity=entity,
                entity_id=entity_id,
                before={"n": n - 1},
                after={"n": n},
                jurisdiction=jurisdiction,
                request_id=f"req-{n}",
            )
            await session.commit()
    # Spread the records over twelve days (the append-only guard is lifted for the set-up).
    async with runtime.engine.begin() as conn:
        if runtime.engine.dialect.name == "postgresql":
            await conn.execute(text("SET LOCAL ipreg.allow_audit_tamper = on"))
        else:
            await conn.execute(text("DROP TRIGGER audit_record_no_update"))
        for n in range(1, 13):
            await conn.execute(
                update(AuditRecord).where(AuditRecord.seq == n).values(at=T0 + dt.timedelta(days=n))
            )
    return runtime


async def search(runtime: Runtime, principal: Principal, **kwargs: Any) -> tuple[list[int], int]:
    first = kwargs.pop("first", 50)
    after = kwargs.pop("after", None)
    async with runtime.sessionmaker() as session:
        page = await search_audit(
            session_rows(session), principal, AuditFilter(**kwargs), first=first, after=after
        )
        return [e.seq for e in page.entries], await page.total_count()


async def test_only_supervisors_read_the_trail(trail: Runtime) -> None:
    with pytest.raises(Unauthenticated):
        await search(trail, ANONYMOUS)
    for principal in (ALICE, EXAMINER, CUSTOMS):
        with pytest.raises(Forbidden):
            await search(trail, principal)
    assert await search(trail, ADMIN) == (list(range(1, 13)), 12)
    assert await search(trail, SYSTEM) == (list(range(1, 13)), 12)
    supervisor = person("sv", Grant("supervisor"))
    assert await search(trail, supervisor) == (list(range(1, 13)), 12)


async def test_a_supervisor_of_a_jurisdiction_reads_only_its_records(trail: Runtime) -> None:
    eaeu = [1, 2, 3, 4, 5, 10, 11, 12]
    assert await search(trail, EAEU_SUPERVISOR) == (eaeu, 8)
    assert await search(trail, EAEU_SUPERVISOR, jurisdiction="eaeu") == (eaeu, 8)
    with pytest.raises(Forbidden):
        await search(trail, EAEU_SUPERVISOR, jurisdiction="ukraine")
    assert await search(trail, ADMIN, jurisdiction="ukraine") == ([6, 7, 8], 3)


async def test_filters(trail: Runtime) -> None:
    assert await search(trail, ADMIN, action="login") == ([9], 1)
    assert await search(trail, ADMIN, entity="case", entity_id=1) == ([1, 10], 2)
    assert await search(trail, ADMIN, entity="case", entity_id="2") == ([2, 11], 2)
    assert await search(trail, ADMIN, actor="kz-customs") == ([9, 10], 2)
    assert await search(trail, ADMIN, actor="system") == ([11], 1)
    since, until = T0 + dt.timedelta(days=3), T0 + dt.timedelta(days=6)
    assert await search(trail, ADMIN, since=since, until=until) == ([3, 4, 5], 3)
    naive = since.replace(tzinfo=None)  # a time without a zone is UTC
    assert await search(trail, ADMIN, since=naive, until=until) == ([3, 4, 5], 3)
    assert await search(trail, ADMIN, action="P.SP.01.OPR.017", since=since) == ([3, 4, 5], 3)


async def test_pages_follow_seq(trail: Runtime) -> None:
    assert await search(trail, ADMIN, first=5) == ([1, 2, 3, 4, 5], 12)
    assert await search(trail, ADMIN, first=5, after=5) == ([6, 7, 8, 9, 10], 12)
    assert await search(trail, ADMIN, first=5, after=10) == ([11, 12], 12)
    assert await search(trail, EAEU_SUPERVISOR, first=3, after=3) == ([4, 5, 10], 8)
    with pytest.raises(BadUserInput):
        await search(trail, ADMIN, first=101)


# ---------------------------------------------------------------- GraphQL

Query = merge_root("Query", [("core", CoreQuery), ("audit", AuditQuery)])
SCHEMA = strawberry.Schema(query=Query, types=[Case, GenericIPObject])  # what ids name

QUERY = """
query Audit($first: Int, $after: String, $last: Int, $before: String, $jurisdiction: String,
            $entityId: ID, $databaseId: String, $since: DateTime) {
  auditRecords(first: $first, after: $after, last: $last, before: $before,
               jurisdiction: $jurisdiction, entityId: $entityId, databaseId: $databaseId,
               since: $since) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor
      node {
        seq at action entity entityId databaseId jurisdiction requestId hash prevHash note
        diff
        actor { subject kind partyId onBehalfOf roles }
      }
    }
  }
}
"""


@pytest.fixture
async def run_query(trail: Runtime) -> AsyncIterator[Any]:
    readers: list[Reader] = []

    async def run(viewer: Principal, **variables: Any) -> Any:
        reader = Reader(trail.engine)
        readers.append(reader)
        context = Context(runtime=trail, reader=reader, viewer=viewer)
        return await SCHEMA.execute(QUERY, variable_values=variables, context_value=context)

    yield run
    for reader in readers:
        await reader.close()


async def test_graphql_pages_through_the_trail(run_query: Any) -> None:
    result = await run_query(ADMIN, first=4)
    assert result.errors is None, result.errors
    page = result.data["auditRecords"]
    assert page["totalCount"] == 12
    assert page["pageInfo"]["hasNextPage"] is True
    first = page["edges"][0]["node"]
    assert first == {
        "seq": 1,
        "at": "2026-01-02T00:00:00+00:00",
        "action": "P.SP.01.OPR.017",
        "entity": "case",
        "entityId": to_base64("Case", 1),
        "databaseId": "1",
        "jurisdiction": "eaeu",
        "requestId": "req-1",
        "hash": first["hash"],
        "prevHash": "0" * 64,
        "note": None,
        "diff": {"n": {"before": 0, "after": 1}},
        "actor": {
            "subject": "alice",
            "kind": "user",
            "partyId": to_base64("Party", 5),
            "onBehalfOf": None,
            "roles": ["examiner"],
        },
    }
    assert len(first["hash"]) == 64
    result = await run_query(ADMIN, first=4, after=page["pageInfo"]["endCursor"])
    assert [e["node"]["seq"] for e in result.data["auditRecords"]["edges"]] == [5, 6, 7, 8]
    result = await run_query(EAEU_SUPERVISOR, entityId=to_base64("Case", 2))
    assert [e["node"]["seq"] for e in result.data["auditRecords"]["edges"]] == [2, 11]
    # or by its database id (the only name of what is no node: an API key)
    result = await run_query(ADMIN, databaseId="kz-customs")
    assert [e["node"]["entityId"] for e in result.data["auditRecords"]["edges"]] == [None]
    result = await run_query(ADMIN, entityId=to_base64("GenericIPObject", 2))
    assert result.data["auditRecords"]["totalCount"] == 0  # no record about that object
    # backward from the end: the last page, then the one before it
    result = await run_query(ADMIN, last=5)
    page = result.data["auditRecords"]
    assert [e["node"]["seq"] for e in page["edges"]] == [8, 9, 10, 11, 12]
    assert (page["pageInfo"]["hasPreviousPage"], page["pageInfo"]["hasNextPage"]) == (True,
                                                                                      False)
    result = await run_query(ADMIN, last=5, before=page["pageInfo"]["startCursor"])
    assert [e["node"]["seq"] for e in result.data["auditRecords"]["edges"]] == [3, 4, 5, 6, 7]
    result = await run_query(ADMIN, first=None)  # null: the default page of 50
    assert len(result.data["auditRecords"]["edges"]) == 12
    result = await run_query(ADMIN, since="2026-01-11T00:00:00Z")
    assert [e["node"]["seq"] for e in result.data["auditRecords"]["edges"]] == [10, 11, 12]


@pytest.mark.parametrize(
    ("viewer", "variables", "code"),
    [
        (ANONYMOUS, {}, "UNAUTHENTICATED"),
        (EXAMINER, {}, "FORBIDDEN"),
        (EXAMINER, {"after": "not a cursor"}, "FORBIDDEN"),
        (EAEU_SUPERVISOR, {"jurisdiction": "ukraine"}, "FORBIDDEN"),
        (ADMIN, {"after": "not a cursor"}, "BAD_USER_INPUT"),
        (ADMIN, {"first": 1000}, "BAD_USER_INPUT"),
        (ADMIN, {"first": -1}, "BAD_USER_INPUT"),
    ],
)
async def test_graphql_errors_carry_their_codes(
    run_query: Any, viewer: Principal, variables: dict[str, Any], code: str
) -> None:
    result = await run_query(viewer, **variables)
    assert result.data is None
    [error] = result.errors
    assert format_error(error)["extensions"]["code"] == code


def test_every_audit_type_and_field_has_a_description() -> None:
    schema = SCHEMA._schema
    missing = []
    for name, gtype in schema.type_map.items():
        if name.startswith("__"):
            continue
        if not gtype.description and name not in {"String", "Int", "Boolean", "Float", "ID"}:
            missing.append(name)
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in gtype.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
    assert [m for m in missing if "Audit" in m or m == "JSON"] == []
    assert "auditRecords" in schema.query_type.fields
