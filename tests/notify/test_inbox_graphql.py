"""The GraphQL inbox, in a schema assembled by the real builder from a test plugin."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry
from strawberry.relay import to_base64

from ipreg.core.auth import ANONYMOUS, Grant, Principal
from ipreg.core.model import Case
from ipreg.core.notify import Dispatcher, InboxChannel, enqueue
from ipreg.core.runtime import Runtime
from ipreg.testing import SchemaRunner


@pytest.fixture
def gql(runtime: Runtime) -> Any:
    runner = SchemaRunner(runtime)

    async def run(query: str, viewer: Principal, **variables: Any) -> dict[str, Any]:
        return await runner.execute(query, variables, viewer)

    run.schema = runner.schema  # type: ignore[attr-defined]
    return run


def user(party: int | None = None, *orgs: int) -> Principal:
    return Principal(kind="user", subject=f"user-{party}", party_id=party,
                     grants=frozenset(Grant("representative", None, o) for o in orgs))


INBOX = """
query($first: Int, $after: String, $unread: Boolean! = false) {
  inbox(first: $first, after: $after, unreadOnly: $unread) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind subject body caseId addresseeId channel status createdAt sentAt
                          receivedAt confirmedAt } }
  }
}
"""

CONFIRM = """
mutation($id: ID!) {
  confirmNotificationReceipt(id: $id) { id subject receivedAt confirmedAt status }
}
"""


async def _setup(runtime: Runtime, make_party: Any, clock: Any) -> dict[str, Any]:
    applicant = await make_party("Заявник")
    body = await make_party("Митна служба")
    ids: dict[str, list[int]] = {"applicant": [], "body": []}
    async with runtime.sessionmaker() as session:
        case = Case(jurisdiction="eaeu", procedure="P.SP.01.PRC.001", state="filed",
                    applicant_id=applicant)
        session.add(case)
        await session.flush()
        for i in range(3):
            n = enqueue(session, kind="decision_notice", subject=f"Рішення {i}", body=f"Текст {i}",
                        addressee_id=applicant, addressee_role="applicant",
                        case_id=case.id if i == 2 else None)
            await session.flush()
            ids["applicant"].append(n.id)
        n = enqueue(session, kind="request", subject="Запит", body="Надайте відомості",
                    addressee_id=body, addressee_role="authorized_body")
        await session.flush()
        ids["body"].append(n.id)
        await session.commit()
    await Dispatcher(runtime, [InboxChannel()], clock=clock).run_once()
    async with runtime.sessionmaker() as session:  # not yet delivered: not in the inbox
        enqueue(session, kind="later", subject="Пізніше", body="", addressee_id=applicant,
                addressee_role="applicant")
        await session.commit()
    return {"applicant": applicant, "body": body, "ids": ids, "case": case.id}


def gid(nid: int) -> str:
    return to_base64("Notification", nid)


async def test_anonymous_callers_have_no_inbox(runtime: Runtime, gql: Any) -> None:
    result = await gql(INBOX, ANONYMOUS)
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    result = await gql(CONFIRM, ANONYMOUS, id=gid(1))
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_inbox_shows_the_callers_delivered_notifications_newest_first_in_pages(
    runtime: Runtime, gql: Any, make_party: Any, clock: Any
) -> None:
    s = await _setup(runtime, make_party, clock)
    first = await gql(INBOX, user(s["applicant"]), first=2)
    assert "errors" not in first, first
    page = first["data"]["inbox"]
    assert page["totalCount"] == 3
    assert page["pageInfo"]["hasNextPage"] is True
    nodes = [e["node"] for e in page["edges"]]
    assert [n["subject"] for n in nodes] == ["Рішення 2", "Рішення 1"]
    assert nodes[0]["id"] == gid(s["ids"]["applicant"][2])
    assert nodes[0]["status"] == "sent" and nodes[0]["channel"] == "inbox"
    assert nodes[0]["sentAt"] == clock.now.isoformat()
    assert nodes[0]["confirmedAt"] is None
    assert nodes[0]["caseId"] == to_base64("Case", s["case"])
    assert nodes[0]["addresseeId"] == to_base64("Party", s["applicant"])
    assert nodes[1]["caseId"] is None

    rest = await gql(INBOX, user(s["applicant"]), first=2, after=page["pageInfo"]["endCursor"])
    page2 = rest["data"]["inbox"]
    assert [e["node"]["subject"] for e in page2["edges"]] == ["Рішення 0"]
    assert page2["pageInfo"]["hasNextPage"] is False

    # The authorized body sees only its own; a caller with no party sees nothing.
    body = (await gql(INBOX, user(s["body"])))["data"]["inbox"]
    assert [e["node"]["subject"] for e in body["edges"]] == ["Запит"]
    nobody = (await gql(INBOX, user(None)))["data"]["inbox"]
    assert (nobody["totalCount"], nobody["edges"]) == (0, [])
    # A grant for an organisation opens that organisation's inbox.
    both = (await gql(INBOX, user(s["body"], s["applicant"])))["data"]["inbox"]
    assert both["totalCount"] == 4

    too_many = await gql(INBOX, user(s["applicant"]), first=1000)
    assert too_many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_confirming_receipt_through_the_api(
    runtime: Runtime, gql: Any, make_party: Any, clock: Any
) -> None:
    s = await _setup(runtime, make_party, clock)
    target = s["ids"]["applicant"][0]

    stranger = await gql(CONFIRM, user(s["body"]), id=gid(target))
    assert stranger["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    missing = await gql(CONFIRM, user(s["applicant"]), id=gid(target + 1000))
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    wrong = await gql(CONFIRM, user(s["applicant"]), id=to_base64("Party", s["applicant"]))
    assert wrong["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"

    done = await gql(CONFIRM, user(s["applicant"]), id=gid(target))
    assert "errors" not in done, done
    confirmed = done["data"]["confirmNotificationReceipt"]
    assert confirmed["id"] == gid(target) and confirmed["confirmedAt"] is not None
    assert confirmed["receivedAt"] == confirmed["confirmedAt"]

    # A representative (grant for the applicant) confirming again changes nothing.
    again = await gql(CONFIRM, user(None, s["applicant"]), id=gid(target))
    assert again["data"]["confirmNotificationReceipt"] == confirmed

    unread = (await gql(INBOX, user(s["applicant"]), unread=True))["data"]["inbox"]
    assert unread["totalCount"] == 2
    assert gid(target) not in {e["node"]["id"] for e in unread["edges"]}


async def test_node_resolves_a_notification_for_its_addressee_only(
    runtime: Runtime, gql: Any, make_party: Any, clock: Any
) -> None:
    s = await _setup(runtime, make_party, clock)
    query = "query($id: ID!) { node(id: $id) { id ... on Notification { subject } } }"
    target = gid(s["ids"]["body"][0])
    own = await gql(query, user(s["body"]), id=target)
    assert own["data"]["node"] == {"id": target, "subject": "Запит"}
    assert (await gql(query, user(s["applicant"]), id=target))["data"]["node"] is None
    assert (await gql(query, ANONYMOUS, id=target))["data"]["node"] is None


async def test_every_inbox_type_and_field_is_described(runtime: Runtime, gql: Any) -> None:
    schema: strawberry.Schema = gql.schema
    graphql_schema = schema._schema
    for name in ("Notification", "NotificationConnection", "NotificationEdge"):
        graphql_type: Any = graphql_schema.get_type(name)
        assert graphql_type.description, name
        for field_name, field in graphql_type.fields.items():
            if field_name == "id":
                continue  # the Node interface's
            assert field.description, f"{name}.{field_name}"
    query: Any = graphql_schema.query_type
    mutation: Any = graphql_schema.mutation_type
    inbox = query.fields["inbox"]
    assert inbox.description
    assert all(arg.description for arg in inbox.args.values())
    confirm = mutation.fields["confirmNotificationReceipt"]
    assert confirm.description and confirm.args["id"].description
