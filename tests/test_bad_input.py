"""Bad input is a coded client error that changes nothing, on SQLite and PostgreSQL.

Issue 12 part 6: each row was an INTERNAL_SERVER_ERROR (or a database error) on at
least one of the databases. Each row is an operation, the ``extensions.code`` it
must get, the argument path it must name (``extensions.argument``, where the
error is about one argument) and the check that no table changed: the row count
of every table of the core and the plugins, the change-feed position and the
audit trail's head, before and after.
"""

from __future__ import annotations

import base64
import copy
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import func, select

from ipreg.core.auth import Grant, store
from ipreg.core.auth.authenticate import issue_token
from ipreg.core.db.base import Base
from ipreg.core.model import Party
from ipreg.core.model.audit import AuditHead
from ipreg.core.model.events import FeedHead
from ipreg.core.runtime import Runtime
from ipreg.plugins.eaeu import samples
from ipreg.schema.types.connection import encode_cursor


def gid(raw: str | bytes) -> str:
    return base64.b64encode(raw.encode() if isinstance(raw, str) else raw).decode()


HUGE = "99999999999999999999999"
NODE = "query($id: ID!) { node(id: $id) { id } }"
SUBMIT = """mutation($forms: [EaeuRegistrationFormInput!]!, $key: String) {
  eaeuSubmitApplication(forms: $forms, idempotencyKey: $key) { replayed case { id } } }"""
OPEN = """mutation($act: EaeuOpeningActInput!, $object: ID) {
  eaeuOpenCase(act: $act, objectId: $object) { case { id } } }"""
CORE_OPEN = """mutation($input: OpenCaseInput!) {
  openCase(input: $input) { case { id } } }"""


@dataclass
class Row:
    """An operation, who sends it, and the answer it must get."""

    name: str
    query: str
    variables: dict[str, Any] | None = None
    who: str = "anonymous"  # anonymous, applicant, commission or admin
    code: str = "BAD_USER_INPUT"
    argument: str | None = None  # extensions.argument, when the error names one
    words: str | None = None  # in the message
    #: Makes variables from the sample registration form.
    form: Callable[[dict[str, Any]], dict[str, Any]] | None = field(default=None, repr=False)


def _form_with(change: Callable[[dict[str, Any]], Any]
               ) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Variables for SUBMIT with the sample form changed by ``change(form)``."""
    def make(form: dict[str, Any]) -> dict[str, Any]:
        changed = copy.deepcopy(form)
        change(changed)
        return {"forms": [changed]}
    return make


ROWS = [
    # ------------------------------------------------------------ global IDs
    Row("node: Party:abc", NODE, {"id": gid("Party:abc")}, argument="id", words="'abc'"),
    Row("node: Party:<huge>", NODE, {"id": gid(f"Party:{HUGE}")}, argument="id"),
    Row("node: IP object <huge>", NODE, {"id": gid(f"GenericIPObject:{HUGE}")},
        argument="id"),
    Row("node: Case:-1", NODE, {"id": gid("Case:-1")}, argument="id"),
    Row("node: not base64", NODE, {"id": "!!!not base64"}, argument="id"),
    Row("node: base64 of garbage", NODE, {"id": gid(b"\xff\xfe\x00garbage")}, argument="id"),
    Row("nodes: one bad id of two", "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        {"ids": [gid("Party:1"), gid(f"Case:{HUGE}")]}, argument="ids[1]"),
    Row("openCase: ipObjectId <huge>", CORE_OPEN,
        {"input": {"procedure": "P.SP.01.PRC.006", "ipObjectId": gid(f"IPObject:{HUGE}"),
                   "input": {"grounds": "Regs item 46"}}},
        who="commission", argument="input.ipObjectId"),
    Row("confirmNotificationReceipt: Notification:x",
        "mutation($id: ID!) { confirmNotificationReceipt(id: $id) { id } }",
        {"id": gid("Notification:x")}, who="applicant", argument="id"),
    # ------------------------------------------------------------ ids of another type
    Row("eaeuOpenCase: objectId names a party", OPEN,
        {"act": {"prc006Open": {"grounds": "x"}}, "object": gid("Party:1")},
        who="commission", argument="objectId", words="not of a IPObject"),
    Row("eaeuPerform: caseId names an IP object",
        """mutation($id: ID!) { eaeuPerform(caseId: $id, act: {opr004: true}) {
             case { id } } }""", {"id": gid("EaeuRegisterEntry:1")},
        who="commission", argument="caseId", words="not of a RegisterCase"),
    Row("eaeuCase: a raw database id", "query($id: ID!) { eaeuCase(id: $id) { id } }",
        {"id": "31"}, who="commission", argument="id"),
    Row("eaeuSubmitApplication: partyId is a database id", SUBMIT,
        form=_form_with(lambda f: f.update(rightHolders=[{"partyId": "5"}])),
        who="applicant", words="rightHolders[0].partyId"),
    Row("eaeuSubmitApplication: partyId names an IP object", SUBMIT,
        form=_form_with(lambda f: f.update(rightHolders=[{"partyId": gid(
            "EaeuRegisterEntry:1")}])),
        who="applicant", words="rightHolders[0].partyId: must be the global id of a Party"),
    Row("performTransition: caseId names a notification",
        """mutation($id: ID!) { performTransition(input: {caseId: $id,
             transition: "P.SP.01.OPR.013"}) { case { id } } }""",
        {"id": gid("Notification:1")}, who="commission", argument="input.caseId"),
    # ------------------------------------------------------------ pages
    Row("eaeuCases: first and last together",
        "{ eaeuCases(first: 2, last: 2) { totalCount } }", who="commission", argument="last"),
    Row("cases: a cursor of another list as before",
        "query($c: String) { cases(last: 2, before: $c) { totalCount } }",
        {"c": encode_cursor("ipobject", 3)}, who="commission", argument="before"),
    # ------------------------------------------------------------ ids that do not exist
    Row("eaeuOpenCase: an object that does not exist", OPEN,
        {"act": {"prc006Open": {"grounds": "Regs item 46"}},
         "object": gid("EaeuRegisterEntry:999999")},
        who="commission", code="NOT_FOUND", argument="objectId"),
    Row("openCase: an applicant that does not exist", CORE_OPEN,
        {"input": {"procedure": "P.SP.01.PRC.006", "applicantId": gid("Party:999999"),
                   "input": {"grounds": "Regs item 46"}}},
        who="commission", code="NOT_FOUND", argument="applicantId"),
    # ------------------------------------------------------------ NUL characters
    Row("eaeuSubmitApplication: NUL in a form field", SUBMIT,
        form=_form_with(lambda f: f.update(name="ЗЕЛЕНЫЙ\x00ЧАЙ")), who="applicant",
        argument="forms[0].name"),
    Row("eaeuSubmitApplication: NUL in a nested form field", SUBMIT,
        form=_form_with(lambda f: f["goods"][0].update(description="чай\x00")),
        who="applicant", argument="forms[0].goods[0].description"),
    Row("eaeuSubmitApplication: a misspelled form field", SUBMIT,
        form=_form_with(lambda f: f["goods"][0].update(cnFeaCode=["640399"])),
        who="applicant", words="cnFeaCode"),
    Row("eaeuOpenCase: two acts at once (@oneOf)", OPEN,
        {"act": {"prc006Open": {"grounds": "x"}, "prc005Request": {}}, "object": 1},
        who="commission", code="GRAPHQL_VALIDATION_FAILED", words="exactly one key"),
    Row("eaeuOpenCase: NUL in the act's input", OPEN,
        {"act": {"prc006Open": {"grounds": "a\x00b"}}, "object": gid("EaeuRegisterEntry:1")},
        who="commission", argument="act.prc006Open.grounds"),
    Row("ipObjects: NUL in a string filter",
        "query($k: String) { ipObjects(kind: $k) { totalCount } }", {"k": "trademark\x00"},
        argument="kind"),
    Row("ipObjects: NUL in a literal",
        '{ ipObjects(status: "included\\u0000") { totalCount } }', argument="status"),
    Row("search: NUL in the text", "query($t: String!) { search(text: $t) { totalCount } }",
        {"t": "зелен\x00"}, argument="text"),
    Row("eaeuEntries: NUL in a filter field",
        "query($f: EaeuEntryFilter) { eaeuEntries(filter: $f) { totalCount } }",
        {"f": {"holder": "\x00"}}, argument="filter.holder"),
    Row("eaeuEntries: NUL in a shortcut",
        "query($n: String) { eaeuEntries(name: $n) { totalCount } }", {"n": "\x00"},
        argument="name"),
    # ------------------------------------------------------------ longer than the column
    Row("eaeuSubmitApplication: idempotencyKey over 128 characters", SUBMIT,
        {"key": "k" * 129}, form=_form_with(lambda f: None), who="applicant",
        argument="idempotencyKey", words="at most 128 characters"),
    Row("openCase: idempotencyKey over 128 characters", CORE_OPEN,
        form=lambda form: {"input": {"procedure": "P.SP.01.PRC.001", "idempotencyKey": "k" * 500,
                                     "input": {"forms": [form]}}},
        who="applicant", argument="idempotencyKey"),
    # ------------------------------------------------------------ numbers out of range
    Row("ipObjects: first -1", "{ ipObjects(first: -1) { totalCount } }", argument="first"),
    Row("ipObjects: first over the maximum", "{ ipObjects(first: 101) { totalCount } }",
        argument="first"),
    Row("search: first over the maximum", '{ search(text: "x", first: 101) { totalCount } }',
        argument="first"),
    Row("eaeuEntries: first over the maximum", "{ eaeuEntries(first: 1000) { totalCount } }",
        argument="first"),
    Row("cases: a cursor holding a huge id",
        "query($a: String) { cases(after: $a) { totalCount } }",
        {"a": base64.urlsafe_b64encode(f"case:{HUGE}".encode()).decode()}, who="commission",
        argument="after"),
    Row("changes: first 0", "{ changes(first: 0) { endPosition } }", who="admin",
        argument="first"),
    Row("eaeuSubmitApplication: a party id past BIGINT", SUBMIT,
        form=_form_with(lambda f: f.update(rightHolders=[{"partyId": 2**63}])),
        who="applicant", words="rightHolders[0].partyId"),
    # ------------------------------------------------------------ dates out of range
    Row("eaeuEntries: asOf in the year 1", '{ eaeuEntries(asOf: "0001-01-01") { totalCount } }',
        argument="asOf"),
    Row("eaeuEntries: a filter date in the year 9999",
        '{ eaeuEntries(filter: {includedFrom: "9999-12-31"}) { totalCount } }',
        argument="filter.includedFrom"),
    Row("auditRecords: since the year 1 in a zone east of UTC",
        '{ auditRecords(since: "0001-01-01T00:00:00+01:00") { totalCount } }', who="admin",
        argument="since"),
    Row("eaeuSubmitApplication: a form date in the year 1", SUBMIT,
        form=_form_with(lambda f: f["titleDocuments"][0].update(date="0001-01-01")),
        who="applicant", words="titleDocuments[0].date"),
    Row("eaeuOpenCase: an act's date in the year 9999", OPEN,
        {"act": {"prc004Request": {"requestedEnd": "9999-12-31"}},
         "object": gid("EaeuRegisterEntry:1")},
        who="applicant", words="requestedEnd"),
]


@dataclass
class World:
    runtime: Runtime
    client: Any
    headers: dict[str, dict[str, str]]
    form: dict[str, Any]


@pytest.fixture
async def world(runtime: Runtime, client: Any, add_objects: Any) -> World:
    await add_objects(1)
    async with runtime.sessionmaker() as session:
        holder = Party(country="KZ", name="ТОО Зеленый чай", party_type="legal")
        session.add(holder)
        await session.flush()
        users = {
            "applicant": await store.create_user(session, "applicant", "Applicant", holder.id,
                                                 [Grant("applicant", "eaeu", holder.id)]),
            "commission": await store.create_user(session, "eec", "EEC", None,
                                                  [Grant("commission_official", "eaeu")]),
            "admin": await store.create_user(session, "root", "Root", None, [Grant("admin")]),
        }
        await session.commit()
        holder_id = holder.id
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for who, user in users.items():
        headers[who] = {"Authorization": f"Bearer {issue_token(runtime, user.id)}"}
    form = samples.form(0, random.Random(12), holder=holder_id, representative=None)
    return World(runtime, client, headers, form)


async def snapshot(runtime: Runtime) -> dict[str, Any]:
    """Row counts of every table, the feed position and the audit head."""
    tables = sorted(Base.metadata.tables.values(), key=lambda t: t.name)
    stmt = select(
        *(select(func.count()).select_from(t).scalar_subquery().label(f"n_{t.name}")
          for t in tables),
        select(FeedHead.position).where(FeedHead.id == 1).scalar_subquery().label("feed"),
        select(AuditHead.seq).scalar_subquery().label("audit_seq"),
    )
    async with runtime.engine.connect() as conn:
        row = (await conn.execute(stmt)).one()
    return dict(row._mapping)


async def _send(world: World, row: Row) -> Any:
    variables = dict(row.variables or {})
    if row.form is not None:
        variables.update(row.form(world.form))
    return await world.client.http.post(
        "/graphql", json={"query": row.query, "variables": variables or None},
        headers=world.headers[row.who])


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
async def test_bad_input_is_a_coded_error_that_changes_nothing(
    backend: str, world: World, row: Row
) -> None:
    before = await snapshot(world.runtime)
    response = await _send(world, row)
    after = await snapshot(world.runtime)
    assert response.status_code in (200, 400), response.text
    body = response.json()
    errors = body.get("errors")
    assert errors, body
    (error,) = errors
    extensions = error["extensions"]
    assert extensions["code"] == row.code, (backend, error)
    if row.argument is not None:
        assert extensions.get("argument") == row.argument, (backend, error)
    if row.words is not None:
        assert row.words in error["message"], (backend, error)
    assert after == before, (backend, row.name)


async def test_the_snapshot_sees_a_change(backend: str, world: World) -> None:
    """The control row: the same operation, well formed, does change the tables."""
    before = await snapshot(world.runtime)
    response = await _send(world, Row("submit", SUBMIT, {"key": "k" * 128},
                                      form=_form_with(lambda f: None), who="applicant"))
    assert "errors" not in response.json(), response.json()
    after = await snapshot(world.runtime)
    assert after["feed"] > before["feed"] and after["n_idempotency_key"] == 1


async def test_a_well_formed_id_of_nothing_is_null_not_an_error(world: World) -> None:
    data = (await world.client.data(NODE, {"id": gid("Party:999999")}))
    assert data == {"node": None}
    cursor = encode_cursor("case", 2**63 - 1)
    done = await world.client.query("query($a: String) { cases(after: $a) { totalCount } }",
                                    {"a": cursor}, world.headers["commission"])
    assert "errors" not in done, done
