"""Root mutation fields of the EAEU plugin: they only call the procedure engine.

Every rule (who may act, in which state, with which input, within which time
limit) lives in the declared procedures (:mod:`ipreg.plugins.eaeu.procedures`);
the resolvers translate GraphQL into the core's resolver logic
(:func:`ipreg.schema.cases.open_case`, :func:`~ipreg.schema.cases.perform_transition`)
and back.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from ipreg.plugins.eaeu.graphql.cases import EaeuCase
from ipreg.plugins.eaeu.graphql.visibility import JURISDICTION
from ipreg.schema.cases import open_case, perform_transition
from ipreg.schema.context import Context
from ipreg.schema.types.ids import database_id_of

Info = strawberry.Info[Context, Any]


@strawberry.type(description="The result of an act in an EAEU case.")
class EaeuActResult:
    case: EaeuCase = strawberry.field(description="The case after the act.")
    replayed: bool = strawberry.field(description="True when the idempotency key had been used "
                                      "before: the first result is returned, nothing is done "
                                      "again.")


def _result(opened: tuple[Any, bool]) -> EaeuActResult:
    case, replayed = opened
    return EaeuActResult(case=EaeuCase.from_row(case), replayed=replayed)


@strawberry.type
class EaeuMutation:
    @strawberry.mutation(description="P.SP.01.OPR.001: submit an application for inclusion "
                         "with its registration forms (one per IP object, R174 Appendix 1 "
                         "table 1; JSON form in docs/eaeu-import.schema.json). Applicants and "
                         "representatives only.")
    async def eaeu_submit_application(
        self, info: Info,
        forms: Annotated[JSON, strawberry.argument(
            description="The registration forms: a list of objects.")],
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
    ) -> EaeuActResult:
        return _result(await open_case(info, "P.SP.01.PRC.001", {"forms": forms},
                                       transition="P.SP.01.OPR.001", jurisdiction=JURISDICTION,
                                       idempotency_key=idempotency_key))

    @strawberry.mutation(description="Open a case under an EAEU procedure (PRC.002-007) with "
                         "its opening act.")
    async def eaeu_open_case(
        self, info: Info,
        procedure: Annotated[str, strawberry.argument(
            description="Procedure code, e.g. P.SP.01.PRC.004.")],
        object_id: Annotated[relay.GlobalID | None, strawberry.argument(
            description="Global ID of the register entry concerned (an "
            "`EaeuRegisterEntry`).")] = None,
        input: Annotated[JSON | None, strawberry.argument(
            description="Input of the opening act (see `procedures`).")] = None,
        transition: Annotated[str | None, strawberry.argument(
            description="The opening act, when the procedure has several.")] = None,
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
    ) -> EaeuActResult:
        database_id = None if object_id is None else database_id_of(
            info, object_id, "IPObject", "objectId")
        return _result(await open_case(info, procedure, input, transition=transition,
                                       object_id=database_id, jurisdiction=JURISDICTION,
                                       idempotency_key=idempotency_key))

    @strawberry.mutation(description="Perform an act (a transaction P.SP.01.OPR.* or a step of "
                         "PRC.002-007) on an EAEU case.")
    async def eaeu_perform(
        self, info: Info,
        case_id: Annotated[relay.GlobalID, strawberry.argument(
            description="Global ID of the case (as `EaeuCase` or `Case`).")],
        transition: Annotated[str, strawberry.argument(
            description="The act's code, e.g. P.SP.01.OPR.013.")],
        input: Annotated[JSON | None, strawberry.argument(
            description="The act's input.")] = None,
        expected_version: Annotated[int | None, strawberry.argument(
            description="Refuse with CONFLICT unless the case is at this version.")] = None,
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
    ) -> EaeuActResult:
        return _result(await perform_transition(
            info, database_id_of(info, case_id, "RegisterCase", "caseId"), transition, input,
            expected_version=expected_version, idempotency_key=idempotency_key,
            jurisdiction=JURISDICTION))
