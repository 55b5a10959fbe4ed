"""The engine through GraphQL: acts as mutations, history, deadlines, the change feed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.requests import Request
from strawberry.relay import to_base64
from support import Cast, Clock

from ipreg.core.auth import ANONYMOUS, Principal
from ipreg.core.runtime import Runtime
from ipreg.schema.app import create_app

OPEN = """mutation($key: String) { openCase(input: {procedure: "TEST.PRC.001",
  input: {name: "Sunny"}, idempotencyKey: $key}) { replayed case { id number state version } } }"""
ACT = """mutation($id: ID!, $t: String!, $input: JSON, $v: Int) {
  performTransition(input: {caseId: $id, transition: $t, input: $input, expectedVersion: $v}) {
    case { id state version } } }"""
CASE = """query($id: ID!) { node(id: $id) { ... on Case { number state stateName
  history { seq transition fromState toState actor roles requestId }
  deadlines { code status dueOn overdue legalBasis }
  availableTransitions { code roles } } } }"""


class As:
    """A GraphQL client that calls as a chosen principal (header `X-Test-As`)."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def __call__(self, who: str, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables},
                                        headers={"X-Test-As": who, "X-Request-ID": f"req-{who}"})
        result: dict[str, Any] = response.json()
        return result


@pytest.fixture
async def gql(rt: Runtime, cast: Cast) -> AsyncIterator[As]:
    people: dict[str, Principal] = {"applicant": cast.applicant, "examiner": cast.examiner,
                                    "other": cast.other_applicant, "anonymous": ANONYMOUS}

    async def authenticate(request: Request) -> Principal:
        return people[request.headers.get("x-test-as", "anonymous")]

    app = create_app(rt, authenticate)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as http:
        yield As(http)


def code(result: dict[str, Any]) -> str:
    return str(result["errors"][0]["extensions"]["code"])


async def test_a_case_runs_through_the_api_with_its_history(gql: As, clock: Clock) -> None:
    opened = await gql("applicant", OPEN)
    case = opened["data"]["openCase"]["case"]
    assert case["state"] == "filed" and case["version"] == 1
    acted = await gql("examiner", ACT, id=case["id"], t="T.002", input={"missing": ["poa"]}, v=1)
    assert acted["data"]["performTransition"]["case"] == {
        "id": case["id"], "state": "incomplete", "version": 2}
    seen = (await gql("applicant", CASE, id=case["id"]))["data"]["node"]
    assert [(h["transition"], h["actor"], h["requestId"]) for h in seen["history"]] == [
        ("T.001", "user:applicant", "req-applicant"), ("T.002", "user:examiner", "req-examiner")]
    assert {d["code"]: d["status"] for d in seen["deadlines"]} == {
        "T.L.review": "suspended", "T.L.cure": "running"}
    assert [t["code"] for t in seen["availableTransitions"]] == ["T.003", "T.007"]


async def test_errors_of_the_engine_reach_the_client_with_their_codes(gql: As) -> None:
    case = (await gql("applicant", OPEN))["data"]["openCase"]["case"]
    assert code(await gql("applicant", ACT, id=case["id"], t="T.005",
                          input={"grounds": "x"})) == "FORBIDDEN"
    assert code(await gql("anonymous", ACT, id=case["id"], t="T.005",
                          input={"grounds": "x"})) == "UNAUTHENTICATED"
    assert code(await gql("applicant", ACT, id=case["id"], t="T.003",
                          input={"documents": ["a"]})) == "INVALID_TRANSITION"
    assert code(await gql("examiner", ACT, id=case["id"], t="T.005", input={})) == (
        "BAD_USER_INPUT")
    assert code(await gql("examiner", ACT, id=case["id"], t="T.005", input={"grounds": "x"},
                          v=7)) == "CONFLICT"


async def test_cases_are_visible_to_their_parties_and_officials_only(gql: As) -> None:
    case = (await gql("applicant", OPEN))["data"]["openCase"]["case"]
    assert (await gql("other", CASE, id=case["id"]))["data"]["node"] is None
    assert (await gql("examiner", CASE, id=case["id"]))["data"]["node"]["state"] == "filed"
    listing = "{ cases { totalCount nodes { number } } }"
    assert (await gql("other", listing))["data"]["cases"]["totalCount"] == 0
    assert (await gql("examiner", listing))["data"]["cases"]["totalCount"] == 1
    assert code(await gql("anonymous", listing)) == "UNAUTHENTICATED"


async def test_a_retried_mutation_returns_the_first_result(gql: As) -> None:
    first = (await gql("applicant", OPEN, key="once"))["data"]["openCase"]
    again = (await gql("applicant", OPEN, key="once"))["data"]["openCase"]
    assert not first["replayed"] and again["replayed"]
    assert again["case"]["id"] == first["case"]["id"]


async def test_the_change_feed_is_gap_free_and_in_commit_order(gql: As) -> None:
    for _ in range(3):
        await gql("applicant", OPEN)
    feed = """query($after: Int!) { changes(after: $after, first: 2) {
      events { position entity entityId databaseId operation payload }
      endPosition hasMore headPosition } }"""
    positions: list[int] = []
    events: list[dict[str, Any]] = []
    after = 0
    while True:
        page = (await gql("examiner", feed, after=after))["data"]["changes"]
        positions += [e["position"] for e in page["events"]]
        events += page["events"]
        after = page["endPosition"]
        if not page["hasMore"]:
            break
    # three cases and their receipt notices: every position once, in order
    assert positions == list(range(1, 7)) and after == page["headPosition"] == 6
    # each event names its entity by the global ID node(id:) resolves
    for event in events:
        type_name = {"case": "Case", "notification": "Notification"}[event["entity"]]
        assert event["entityId"] == to_base64(type_name, event["databaseId"])
        assert str(event["payload"]["id"]) == event["databaseId"]
    case = next(e for e in events if e["entity"] == "case")
    found = await gql("applicant", "query($id: ID!) { node(id: $id) { id } }",
                      id=case["entityId"])
    assert found["data"]["node"] == {"id": case["entityId"]}
    assert code(await gql("anonymous", feed, after=0)) == "UNAUTHENTICATED"


async def test_the_procedure_catalogue_names_acts_roles_and_limits(gql: As) -> None:
    data = (await gql("anonymous", """{ procedures(jurisdiction: "testland") { code
        transitions { code roles source target } timeLimits { code duration legalBasis onExpiry }
    } }"""))["data"]["procedures"]
    assert data[0]["code"] == "TEST.PRC.001"
    limits = {t["code"]: t for t in data[0]["timeLimits"]}
    assert limits["T.L.cure"] == {"code": "T.L.cure", "duration": "30 calendar days",
                                  "legalBasis": "Sample rules 5.2", "onExpiry": "T.006"}
