"""Reading IP objects: the connection, global IDs, visibility and error codes."""

from __future__ import annotations

from typing import Any

from ipreg.core.runtime import Runtime

NODE = """query($id: ID!) { node(id: $id) { id ... on IPObject {
  name jurisdiction kind registerNumber holders { name } } } }"""


async def _ids(client: Any, first: int = 100, **filters: Any) -> list[str]:
    args = ", ".join(f"{k}: {v!r}".replace("'", '"') for k, v in filters.items())
    data = await client.data(
        f"{{ ipObjects(first: {first}{', ' + args if args else ''}) "
        "{ edges { node { id } } } }"
    )
    return [e["node"]["id"] for e in data["ipObjects"]["edges"]]


async def test_pages_follow_each_other_without_overlap(client: Any, add_objects: Any) -> None:
    await add_objects(12)
    seen: list[str] = []
    after = None
    while True:
        data = await client.data(
            "query($after: String) { ipObjects(first: 5, after: $after) { totalCount "
            "pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }",
            {"after": after},
        )
        page = data["ipObjects"]
        assert page["totalCount"] == 12
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 12 == len(set(seen))


async def test_filters_by_jurisdiction_kind_and_status(client: Any, add_objects: Any) -> None:
    await add_objects(3, "eaeu")
    await add_objects(2, "ukraine", kind="geographical_indication", status="registered")
    assert len(await _ids(client, jurisdiction="ukraine")) == 2
    assert len(await _ids(client, kind="trademark")) == 3
    assert len(await _ids(client, status="registered", jurisdiction="ukraine")) == 2
    # EAEU statuses are not published (R174 A1 T1 8.1): their objects never match
    # an anonymous caller's status filter (tests/test_anonymous_visibility.py).
    assert len(await _ids(client, status="included")) == 0


async def test_node_and_nodes_resolve_global_ids(client: Any, add_objects: Any) -> None:
    await add_objects(2)
    ids = await _ids(client)
    data = await client.data(NODE, {"id": ids[0]})
    assert data["node"]["id"] == ids[0]
    assert data["node"]["jurisdiction"] == "eaeu"
    data = await client.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [ids[1], ids[0]]}
    )
    assert [n["id"] for n in data["nodes"]] == [ids[1], ids[0]]


async def test_unknown_ids_resolve_to_null(client: Any, add_objects: Any) -> None:
    import base64

    await add_objects(1)
    missing = base64.b64encode(b"GenericIPObject:999999").decode()
    assert (await client.data(NODE, {"id": missing}))["node"] is None


async def test_unpublished_objects_are_hidden_from_anonymous_callers(
    client: Any, add_objects: Any
) -> None:
    await add_objects(2)
    await add_objects(3, published=False)
    data = await client.data("{ ipObjects { totalCount edges { node { id } } } }")
    assert data["ipObjects"]["totalCount"] == 2
    assert len(data["ipObjects"]["edges"]) == 2


async def test_bad_input_gets_a_stable_error_code(client: Any, add_objects: Any) -> None:
    result = await client.query("{ ipObjects(first: 1000) { totalCount } }")
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    result = await client.query('{ ipObjects(after: "nonsense") { totalCount } }')
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    result = await client.query("query($id: ID!) { node(id: $id) { id } }", {"id": "@@"})
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    result = await client.query('{ node(id: "@@") { id } }')
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_taxpayer_ids_are_not_published(
    client: Any, runtime: Runtime, add_objects: Any
) -> None:
    await add_objects(1)
    data = await client.data("{ ipObjects { edges { node { holders { name taxpayerId } } } } }")
    assert all(h["taxpayerId"] is None for h in data["ipObjects"]["edges"][0]["node"]["holders"])


async def test_officials_see_unpublished_objects_and_their_reads_are_audited(
        runtime: Runtime, add_objects: Any) -> None:
    import httpx
    from sqlalchemy import select

    from ipreg.core.auth import Grant, Principal
    from ipreg.core.model import AuditRecord
    from ipreg.schema.app import create_app

    await add_objects(1)
    hidden = await add_objects(2, published=False)
    official = Principal(kind="user", subject="user:officer",
                         grants=frozenset({Grant("official", "eaeu")}))

    async def as_official(request: Any) -> Principal:
        return official

    app = create_app(runtime, as_official)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as http:
        response = await http.post("/graphql", json={"query": "{ ipObjects { totalCount } }"},
                                   headers={"X-Request-ID": "audit-me"})
    assert response.json()["data"]["ipObjects"]["totalCount"] == 3
    async with runtime.sessionmaker() as session:
        records = (await session.execute(select(AuditRecord).where(
            AuditRecord.action == "read_unpublished"))).scalars().all()
    assert len(records) == 1
    assert records[0].request_id == "audit-me"
    assert sorted(records[0].diff["read"]["after"]) == sorted(f"ip_object:{i}" for i in hidden)
