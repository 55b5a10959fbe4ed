"""ipreg.schema.cases.register_act_mutation / register_opening_mutation: a register's own
``<prefix>OpenCase`` and ``<prefix>Perform``, built from its typed act inputs, show the
same SDL as the hand-written resolvers they replace and act as ``openCase`` and
``performTransition`` do, confined to the register's jurisdiction."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
import strawberry
from sample_procedure import PROCEDURE, plugin
from sqlalchemy import select
from strawberry import relay

from ipreg import hookimpl
from ipreg.core.errors import BadUserInput
from ipreg.core.model import Case as CaseRow
from ipreg.core.model import Decision
from ipreg.core.runtime import Runtime
from ipreg.schema.cases import (
    Argument,
    ObjectArgument,
    case_result,
    register_act_mutation,
    register_opening_mutation,
)
from ipreg.schema.context import Context
from ipreg.schema.inputs import InputTypes
from ipreg.schema.types.cases import Case
from ipreg.testing import ProcedureDriver

Info = strawberry.Info[Context, Any]
INPUTS = InputTypes("Testland", [PROCEDURE])
SampleActInput = INPUTS.act_input("SampleActInput", "An act on a sample case.",
                                    [PROCEDURE])
SampleOpeningActInput = INPUTS.act_input("SampleOpeningActInput", "An opening act.",
                                           [PROCEDURE], opening=True)


@strawberry.type(description="The result of an act in a sample case.")
class SampleActResult:
    case: Case = strawberry.field(description="The case after the act.")
    replayed: bool = strawberry.field(description="Was the idempotency key used before?")


_result = case_result(SampleActResult, Case)


def _with_reason(code: str, data: dict[str, Any] | None, reason: str | None = None
                 ) -> dict[str, Any] | None:
    """The register's own argument: a refusal's grounds given beside the act."""
    if reason is None:
        return data
    if code != "T.005":
        raise BadUserInput(f"reason: {code} is not a refusal", argument="reason")
    return {**(data or {}), "grounds": reason}


@strawberry.type
class SampleMutation:
    sample_open_case = register_opening_mutation(
        INPUTS, SampleOpeningActInput, SampleActResult, _result, procedures=[PROCEDURE],
        jurisdiction="testland", description="Open a sample case.",
        ip_object=ObjectArgument("object_id", "Global ID of the object concerned."))
    sample_perform = register_act_mutation(
        INPUTS, SampleActInput, SampleActResult, _result, jurisdiction="testland",
        description="Perform an act on a sample case.",
        case_description="Global ID of the case (`Case`).",
        arguments=[Argument("reason", str, "The grounds of a refusal.")], prepare=_with_reason)


@strawberry.type(name="SampleMutation")
class HandWritten:
    """What a register wrote before the builders (plugins/eaeu/graphql/mutation.py)."""

    @strawberry.mutation(description="Open a sample case.")
    async def sample_open_case(
        self, info: Info,
        act: Annotated[SampleOpeningActInput, strawberry.argument(  # type: ignore[valid-type]
            description="The opening act with its typed input.")],
        object_id: Annotated[relay.GlobalID | None, strawberry.argument(
            description="Global ID of the object concerned.")] = None,
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
    ) -> SampleActResult:
        raise NotImplementedError

    @strawberry.mutation(description="Perform an act on a sample case.")
    async def sample_perform(
        self, info: Info,
        case_id: Annotated[relay.GlobalID, strawberry.argument(
            description="Global ID of the case (`Case`).")],
        act: Annotated[SampleActInput, strawberry.argument(  # type: ignore[valid-type]
            description="The act with its typed input.")],
        expected_version: Annotated[int | None, strawberry.argument(
            description="Refuse with CONFLICT unless the case is at this version.")] = None,
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
        reason: Annotated[str | None, strawberry.argument(
            description="The grounds of a refusal.")] = None,
    ) -> SampleActResult:
        raise NotImplementedError


class SampleMutations:
    @hookimpl
    def ipreg_register_mutation_fields(self) -> list[type[Any]]:
        return [SampleMutation]


@pytest.fixture
def ipreg_extra_plugins() -> list[tuple[str, Any]]:
    return [("sample", plugin), ("sample_mutations", SampleMutations())]


def _sdl(mutation: type[Any]) -> str:
    @strawberry.type
    class Query:
        ok: bool = strawberry.field(description="-", default=True)

    return strawberry.Schema(query=Query, mutation=mutation).as_str()


def test_the_built_mutations_are_the_sdl_of_the_hand_written_ones() -> None:
    built = _sdl(SampleMutation)
    assert built == _sdl(HandWritten)
    assert "samplePerform(\n" in built and '"""Global ID of the case (`Case`)."""' in built
    assert "objectId: ID = null" in built and "expectedVersion: Int = null" in built
    assert "reason: String = null" in built


OPEN = """mutation($act: SampleOpeningActInput!, $key: String, $object: ID) {
  sampleOpenCase(act: $act, idempotencyKey: $key, objectId: $object) {
    replayed case { id number state version } } }"""
PERFORM = """mutation($case: ID!, $act: SampleActInput!, $version: Int, $key: String,
                     $reason: String) {
  samplePerform(caseId: $case, act: $act, expectedVersion: $version, idempotencyKey: $key,
                reason: $reason) {
    replayed case { id state version } } }"""


async def test_acts_open_and_move_a_case_as_the_caller_and_replay_by_key(
        driver: ProcedureDriver) -> None:
    opened = (await driver.data(OPEN, {"act": {"act001": {"name": "Sunny"}}, "key": "k1"},
                                "applicant"))["sampleOpenCase"]
    assert (opened["replayed"], opened["case"]["state"]) == (False, "filed")
    again = (await driver.data(OPEN, {"act": {"act001": {"name": "Sunny"}}, "key": "k1"},
                               "applicant"))["sampleOpenCase"]
    assert again["replayed"] and again["case"]["id"] == opened["case"]["id"]
    case = opened["case"]["id"]
    moved = (await driver.data(PERFORM, {"case": case, "act": {"act008": True}, "key": "k2"},
                               "examiner"))["samplePerform"]
    assert (moved["replayed"], moved["case"]["state"]) == (False, "suspended")
    replay = (await driver.data(PERFORM, {"case": case, "act": {"act008": True}, "key": "k2"},
                                "examiner"))["samplePerform"]
    assert replay["replayed"] and replay["case"]["version"] == moved["case"]["version"]
    assert [s[0] for s in await driver.steps(int(relay.GlobalID.from_id(case).node_id))] == [
        "T.001", "T.008"]


async def test_refusals_carry_the_engine_s_codes_and_change_nothing(
        driver: ProcedureDriver) -> None:
    opened = (await driver.data(OPEN, {"act": {"act001": {"name": "Sunny"}}},
                                "applicant"))["sampleOpenCase"]["case"]
    stale = await driver.gql(PERFORM, {"case": opened["id"], "act": {"act008": True},
                                       "version": opened["version"] + 5}, "examiner")
    assert stale["errors"][0]["extensions"]["code"] == "CONFLICT"
    wrong_role = await driver.gql(PERFORM, {"case": opened["id"], "act": {"act008": True}},
                                  "applicant")
    assert wrong_role["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    not_a_case = await driver.gql(PERFORM, {"case": str(relay.GlobalID("Party", "1")),
                                            "act": {"act008": True}}, "examiner")
    assert not_a_case["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "caseId" in not_a_case["errors"][0]["message"]
    not_an_object = await driver.gql(OPEN, {"act": {"act001": {"name": "X"}},
                                            "object": opened["id"]}, "applicant")
    assert not_an_object["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "objectId" in not_an_object["errors"][0]["message"]
    assert (await driver.case(int(relay.GlobalID.from_id(opened["id"]).node_id))).state == \
        "filed"


async def test_a_case_of_another_jurisdiction_is_not_found(
        driver: ProcedureDriver, ipreg_runtime: Runtime) -> None:
    async with ipreg_runtime.sessionmaker() as session:
        other = CaseRow(jurisdiction="elsewhere", procedure="TEST.PRC.001", number="E-1",
                        state="filed", data={})
        session.add(other)
        await session.commit()
    refused = await driver.gql(PERFORM, {"case": str(relay.GlobalID("Case", str(other.id))),
                                         "act": {"act008": True}}, "examiner")
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_register_s_own_argument_prepares_the_act_s_input(
        driver: ProcedureDriver) -> None:
    opened = (await driver.data(OPEN, {"act": {"act001": {"name": "Sunny"}}},
                                "applicant"))["sampleOpenCase"]["case"]
    misplaced = await driver.gql(PERFORM, {"case": opened["id"], "act": {"act008": True},
                                           "reason": "late"}, "examiner")
    assert misplaced["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "reason" in misplaced["errors"][0]["message"]
    refused = (await driver.data(PERFORM, {"case": opened["id"],
                                           "act": {"act005": {"grounds": "typed"}},
                                           "reason": "given beside"}, "examiner"))
    assert refused["samplePerform"]["case"]["state"] == "refused"
    async with driver.runtime.sessionmaker() as session:
        grounds = await session.scalar(select(Decision.grounds))
    assert grounds == "given beside"
