"""Root mutation fields of the EAEU plugin: they only call the procedure engine.

Every rule (who may act, in which state, with which input, within which time
limit) lives in the declared procedures (:mod:`ipreg.plugins.eaeu.procedures`);
the resolvers translate GraphQL into ``runtime.procedures.open_case`` /
``.perform`` and back.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from sqlalchemy import select
from strawberry.scalars import JSON

from ipreg.core.errors import BadUserInput, NotFound
from ipreg.core.model import Case as CaseRow
from ipreg.plugins.eaeu.graphql.cases import EaeuCase
from ipreg.schema.context import Context

Info = strawberry.Info[Context, Any]


@strawberry.type(description="The result of an act in an EAEU case.")
class EaeuActResult:
    case: EaeuCase = strawberry.field(description="The case after the act.")
    replayed: bool = strawberry.field(description="True when the idempotency key had been used "
                                      "before: the first result is returned, nothing is done "
                                      "again.")


def _eaeu_procedure(info: Info, code: str) -> None:
    procedure = info.context.runtime.registry.procedures.get(code)
    if procedure is None or procedure.jurisdiction != "eaeu":
        raise BadUserInput(f"{code!r} is not an EAEU procedure (P.SP.01.PRC.001-007)")


def _input(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadUserInput("input must be a JSON object")
    return dict(value)


async def _open(info: Info, procedure: str, data: dict[str, Any] | None, *,
                transition: str | None = None, object_id: int | None = None,
                idempotency_key: str | None = None) -> EaeuActResult:
    _eaeu_procedure(info, procedure)
    ctx = info.context
    async with ctx.runtime.sessionmaker() as session:
        case, replayed = await ctx.runtime.procedures.open_case(
            session, procedure, ctx.viewer, data, transition=transition, object_id=object_id,
            request_id=getattr(ctx, "request_id", None), idempotency_key=idempotency_key)
        await session.commit()
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
        return await _open(info, "P.SP.01.PRC.001", {"forms": forms},
                           transition="P.SP.01.OPR.001", idempotency_key=idempotency_key)

    @strawberry.mutation(description="Open a case under an EAEU procedure (PRC.002-007) with "
                         "its opening act.")
    async def eaeu_open_case(
        self, info: Info,
        procedure: Annotated[str, strawberry.argument(
            description="Procedure code, e.g. P.SP.01.PRC.004.")],
        object_id: Annotated[int | None, strawberry.argument(
            description="Database id of the register entry concerned.")] = None,
        input: Annotated[JSON | None, strawberry.argument(
            description="Input of the opening act (see `procedures`).")] = None,
        transition: Annotated[str | None, strawberry.argument(
            description="The opening act, when the procedure has several.")] = None,
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
    ) -> EaeuActResult:
        return await _open(info, procedure, _input(input), transition=transition,
                           object_id=object_id, idempotency_key=idempotency_key)

    @strawberry.mutation(description="Perform an act (a transaction P.SP.01.OPR.* or a step of "
                         "PRC.002-007) on an EAEU case.")
    async def eaeu_perform(
        self, info: Info,
        case_id: Annotated[int, strawberry.argument(description="The case.")],
        transition: Annotated[str, strawberry.argument(
            description="The act's code, e.g. P.SP.01.OPR.013.")],
        input: Annotated[JSON | None, strawberry.argument(
            description="The act's input.")] = None,
        expected_version: Annotated[int | None, strawberry.argument(
            description="Refuse with CONFLICT unless the case is at this version.")] = None,
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Send the same key again to get the first result back.")] = None,
    ) -> EaeuActResult:
        ctx = info.context
        async with ctx.runtime.sessionmaker() as session:
            found = (await session.execute(
                select(CaseRow.jurisdiction).where(CaseRow.id == case_id))).scalar_one_or_none()
            if found != "eaeu":
                raise NotFound(f"no EAEU case {case_id}")
            case, replayed = await ctx.runtime.procedures.perform(
                session, case_id, transition, ctx.viewer, _input(input),
                expected_version=expected_version, request_id=getattr(ctx, "request_id", None),
                idempotency_key=idempotency_key)
            await session.commit()
            return EaeuActResult(case=EaeuCase.from_row(case), replayed=replayed)
