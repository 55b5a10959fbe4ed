"""Every connection pages both ways (Relay cursor connections), on SQLite and PostgreSQL.

Walking a list forward (``first``/``after``) and backward (``last``/``before``)
visits the same items, the backward walk in reverse order, with ``hasNextPage`` /
``hasPreviousPage`` true exactly where more items lie that way; ``first`` and
``last`` together are refused naming ``last``. The keyset pages (``cases``,
``eaeuCases``) and the offset pages (an order no key resumes) are both walked.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from starlette.requests import Request
from strawberry.relay import to_base64

from ipreg.core.auth import SYSTEM, Principal
from ipreg.core.model import Case as CaseRow
from ipreg.core.runtime import Runtime
from ipreg.schema.app import create_app
from ipreg.schema.reader import Reader
from ipreg.schema.types.connection import keyset_page, offset_page

CASES = 7
PAGE = 3
QUERY = """query($first: Int, $after: String, $last: Int, $before: String) {
  list: %s(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id } }
    nodes { id }
  }
}"""


@pytest.fixture
async def http(runtime: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    """Seven EAEU cases, read by the system (it sees every case)."""
    async with runtime.sessionmaker() as session:
        session.add_all(CaseRow(jurisdiction="eaeu", procedure="P.SP.01.PRC.004",
                                number=f"C-{n}", state="open", data={}, version=1)
                        for n in range(1, CASES + 1))
        await session.commit()

    async def authenticate(request: Request) -> Principal:
        return SYSTEM

    async with httpx.AsyncClient(transport=httpx.ASGITransport(
            app=create_app(runtime, authenticate)), base_url="http://t") as client:
        yield client


async def _page(http: httpx.AsyncClient, field: str, **variables: Any) -> dict[str, Any]:
    answer = (await http.post("/graphql", json={"query": QUERY % field,
                                                "variables": variables})).json()
    assert "errors" not in answer, answer["errors"]
    page: dict[str, Any] = answer["data"]["list"]
    assert [e["node"]["id"] for e in page["edges"]] == [n["id"] for n in page["nodes"]]
    info = page["pageInfo"]
    cursors = [e["cursor"] for e in page["edges"]]
    assert (info["startCursor"], info["endCursor"]) == (cursors[0], cursors[-1])
    return page


async def _walk(http: httpx.AsyncClient, field: str, backward: bool) -> list[str]:
    """Every id of the list, in the order the walk meets them."""
    seen: list[str] = []
    cursor: str | None = None
    while True:
        if backward:
            page = await _page(http, field, last=PAGE, before=cursor)
        else:
            page = await _page(http, field, first=PAGE, after=cursor)
        info = page["pageInfo"]
        ids = [e["node"]["id"] for e in page["edges"]]
        seen += list(reversed(ids)) if backward else ids
        # the way it came from: more items exactly when a cursor was given
        assert info["hasNextPage" if backward else "hasPreviousPage"] is (cursor is not None)
        more = info["hasPreviousPage" if backward else "hasNextPage"]
        assert more is (len(seen) < CASES), (field, backward, seen)
        assert page["totalCount"] == CASES
        if not more:
            return seen
        cursor = info["startCursor" if backward else "endCursor"]


@pytest.mark.parametrize(("field", "type_name"), [("cases", "Case"),
                                                   ("eaeuCases", "EaeuCase")])
async def test_forward_and_backward_walks_meet_the_same_items(
        http: httpx.AsyncClient, runtime: Runtime, field: str, type_name: str) -> None:
    forward = await _walk(http, field, backward=False)
    backward = await _walk(http, field, backward=True)
    assert backward == list(reversed(forward))
    async with runtime.sessionmaker() as session:
        ids = (await session.execute(select(CaseRow.id).order_by(CaseRow.id.desc()))).scalars()
        assert forward == [to_base64(type_name, i) for i in ids]  # newest first
    # between two cursors: first from the start of the range, last from its end
    whole = await _page(http, field, first=CASES)
    cursors = [e["cursor"] for e in whole["edges"]]
    inner = await _page(http, field, first=2, after=cursors[1], before=cursors[5])
    assert [e["cursor"] for e in inner["edges"]] == cursors[2:4]
    assert inner["pageInfo"]["hasNextPage"] and inner["pageInfo"]["hasPreviousPage"]
    inner = await _page(http, field, last=2, after=cursors[1], before=cursors[5])
    assert [e["cursor"] for e in inner["edges"]] == cursors[3:5]
    both = (await http.post("/graphql", json={"query": QUERY % field,
                                              "variables": {"first": 2, "last": 2}})).json()
    assert both["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "last"}


async def test_offset_pages_walk_backward_too(runtime: Runtime, http: httpx.AsyncClient) -> None:
    """An order no key resumes (by number, descending): the cursor is the position."""
    reader = Reader(runtime.engine)
    query = select(CaseRow.id, CaseRow.number)
    order = [CaseRow.number.desc(), CaseRow.id]
    try:
        forward: list[str] = []
        after = None
        while True:
            page = await offset_page(reader, query, kind="t-at", first=PAGE, after=after,
                                     order_by=order)
            forward += [r.number for r in page.rows]
            if not page.has_next:
                break
            after = page.cursors[-1]
        backward: list[str] = []
        before = None
        while True:
            page = await offset_page(reader, query, kind="t-at", last=PAGE, before=before,
                                     order_by=order)
            backward = [r.number for r in page.rows] + backward
            assert page.has_next is (before is not None)
            if not page.has_previous:
                break
            before = page.cursors[0]
        assert forward == backward == [f"C-{n}" for n in range(CASES, 0, -1)]
        keyed = await keyset_page(reader, query, kind="t", last=2, key=CaseRow.id)
        assert [r.number for r in keyed.rows] == [f"C-{CASES - 1}", f"C-{CASES}"]
        assert keyed.has_previous and not keyed.has_next
    finally:
        await reader.close()
