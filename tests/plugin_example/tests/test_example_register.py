"""The example register, tested with ipreg.testing: its procedure, its visibility, its API."""

from __future__ import annotations

import datetime as dt

import pytest

from ipreg.core.errors import Forbidden, TimeLimitExpired
from ipreg.testing import (
    GraphQLClient,
    ProcedureContract,
    ProcedureDriver,
    anonymous_visibility_walk,
)

REQUEST = "EX.REQ"


async def test_the_registrar_approves_a_note_with_a_numbered_decision(
        ipreg_driver: ProcedureDriver) -> None:
    """Example rules 3.2 and 4."""
    case = await ipreg_driver.open(REQUEST, "holder", {"note": "Sold as Sunny"})
    assert (await ipreg_driver.deadline(case.id, "review")).due_on == dt.date(2026, 4, 1)
    approved = await ipreg_driver.act(case.id, "EX.002", "registrar")
    assert approved.state == "approved"
    assert approved.data["note"] == "Sold as Sunny" and approved.data["noteNumber"] == "N-1"
    holder = ipreg_driver.cast.holder_party
    assert await ipreg_driver.notices(case.id) == [("EX.001", holder, "applicant"),
                                                   ("EX.002", holder, "applicant")]


async def test_only_the_registrar_decides(ipreg_driver: ProcedureDriver) -> None:
    case = await ipreg_driver.open(REQUEST, "holder", {"note": "x"})
    with pytest.raises(Forbidden):
        await ipreg_driver.act(case.id, "EX.002", "holder")


async def test_an_unanswered_request_lapses_when_the_term_ends(
        ipreg_driver: ProcedureDriver) -> None:
    """Example rules 3.4: 30 days (a provisional term, IPREG_EXAMPLE_TERMS)."""
    case = await ipreg_driver.open(REQUEST, "holder", {"note": "x"})
    ipreg_driver.advance(days=31)
    with pytest.raises(TimeLimitExpired):
        await ipreg_driver.act(case.id, "EX.002", "registrar")
    applied = await ipreg_driver.tick()
    assert [(a["limit"], a["consequence"]) for a in applied] == [("review", "EX.004")]
    assert (await ipreg_driver.case(case.id)).state == "lapsed"
    assert [step[0] for step in await ipreg_driver.steps(case.id)] == ["EX.001", "EX.004"]


async def test_a_deployment_sets_the_term(monkeypatch: pytest.MonkeyPatch,
                                          ipreg_database_url: str) -> None:
    from ipreg.core.config import Settings
    from ipreg.core.runtime import Runtime

    monkeypatch.setenv("IPREG_EXAMPLE_TERMS", "review=10wd")
    runtime = Runtime.create(Settings.from_env(database_url=ipreg_database_url))
    limit = runtime.registry.procedures[REQUEST].time_limits["review"]
    assert limit.duration.describe() == "10 working days"
    assert limit.source == "Configured by IPREG_EXAMPLE_TERMS (Example rules 3.1)."


class TestRequestContract(ProcedureContract):
    """The contract tests every register inherits, from each state of EX.REQ."""

    procedure = REQUEST
    opener = "holder"

    async def scenes(self, driver: ProcedureDriver) -> list[int]:
        requested = await driver.open(REQUEST, "holder", {"note": "x"})
        approved = await driver.open(REQUEST, "holder", {"note": "y"})
        await driver.act(approved.id, "EX.002", "registrar")
        return [requested.id, approved.id]


async def test_anonymous_callers_see_only_published_objects(
        register: ProcedureDriver) -> None:
    walk = await anonymous_visibility_walk(register, ["example"])
    assert (len(walk.published), len(walk.unpublished), len(walk.cases)) == (1, 1, 1)


async def test_the_greeting_over_http(ipreg_client: GraphQLClient) -> None:
    data = await ipreg_client.data('{ exampleGreeting(name: "tests") }')
    assert data == {"exampleGreeting": "Hello, tests"}
