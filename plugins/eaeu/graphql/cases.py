"""GraphQL types of the EAEU cases: the procedure, its history, limits, reviews, messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import strawberry
from sqlalchemy import select
from strawberry.scalars import JSON

from ipreg.core.extension import localized
from ipreg.core.model import CaseDeadline, CaseStep
from ipreg.core.procedures import Procedure
from ipreg.plugins.eaeu.graphql.loaders import (
    CaseObjectsLoader,
    MessagesByCaseLoader,
    ReviewResultsByCaseLoader,
)
from ipreg.plugins.eaeu.graphql.visibility import acts_for, is_official
from ipreg.schema.context import Context
from ipreg.schema.loaders import BaseLoader
from ipreg.schema.types.ipobject import IPObject, object_from_row

Info = strawberry.Info[Context, Any]


class StepsLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(select(CaseStep.__table__).where(
            CaseStep.case_id.in_(ids)).order_by(CaseStep.case_id, CaseStep.seq))
        out: dict[int, list[Any]] = {i: [] for i in ids}
        for row in rows:
            out[row.case_id].append(row)
        return [out[i] for i in ids]


class DeadlinesLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(select(CaseDeadline.__table__).where(
            CaseDeadline.case_id.in_(ids)).order_by(CaseDeadline.case_id, CaseDeadline.id))
        out: dict[int, list[Any]] = {i: [] for i in ids}
        for row in rows:
            out[row.case_id].append(row)
        return [out[i] for i in ids]


def can_read_case(viewer: Any, applicant_id: int | None) -> bool:
    """Officials of ``eaeu`` (Commission, authorized bodies) and the case's own applicant."""
    return is_official(viewer) or acts_for(viewer, [applicant_id])


@strawberry.type(description="One act performed in an EAEU case.")
class EaeuCaseStep:
    seq: int = strawberry.field(description="1 for the act that opened the case, then 2, ...")
    transition: str = strawberry.field(description="The act's code, e.g. `P.SP.01.OPR.013`.")
    from_state: str | None = strawberry.field(description="State before.")
    to_state: str = strawberry.field(description="State after.")
    actor: str = strawberry.field(description="Who performed it (user, key or `system`).")
    roles: list[str] = strawberry.field(description="The actor's roles in `eaeu`.")
    input: JSON = strawberry.field(description="The input given.")
    at: dt.datetime = strawberry.field(description="When (UTC).")


@strawberry.type(description="A time limit of an EAEU case.")
class EaeuDeadline:
    code: str = strawberry.field(description="Key of the term (see `eaeuTerms`).")
    status: str = strawberry.field(description="running, suspended, met, expired or cancelled.")
    legal_basis: str = strawberry.field(description="The rule that sets it.")
    starts_on: dt.date = strawberry.field(description="Day counting starts from.")
    due_on: dt.date = strawberry.field(description="Last day on which the act is in time.")
    overdue: bool = strawberry.field(description="Running, but its time is up.")


@strawberry.type(description="An authorized body's result for one declared object "
                 "(P.SP.01.OPR.013/014).")
class EaeuReviewResult:
    member_state: str = strawberry.field(description="The member state.")
    object_id: int = strawberry.field(description="Database id of the declared IP object.")
    result: str = strawberry.field(description="`possible` or `refused`.")
    grounds: str | None = strawberry.field(description="Grounds of a refusal.")
    received_at: dt.datetime = strawberry.field(description="When the Commission received it.")


@strawberry.type(description="A message between the Commission and an authorized body, with "
                 "its confirmation (OPR.006/007, 010/011, 014/015, 023/024, PRC.003-007).")
class EaeuCcaMessage:
    member_state: str = strawberry.field(description="The member state.")
    kind: str = strawberry.field(description="application, withdrawal, result_notice, "
                                 "inclusion, amendment, prolongation, exclusion or turnover.")
    transaction: str = strawberry.field(description="The transaction that sent it.")
    sent_at: dt.datetime = strawberry.field(description="When it was sent (UTC).")
    confirmed_at: dt.datetime | None = strawberry.field(description="When the authorized body "
                                                        "confirmed it; null until then.")


@strawberry.type(description="A case under an EAEU procedure (P.SP.01.PRC.001-007).")
class EaeuCase:
    id: int = strawberry.field(description="Database id of the case.")
    number: str | None = strawberry.field(description="Case number (for PRC.001: the "
                                          "application number, T1 item 1).")
    procedure: str = strawberry.field(description="Procedure code, e.g. `P.SP.01.PRC.001`.")
    state: str = strawberry.field(description="Current state.")
    version: int = strawberry.field(description="Grows with each act; pass it back as "
                                    "`expectedVersion`.")
    opened_at: dt.datetime = strawberry.field(description="When it was opened (UTC).")
    closed_at: dt.datetime | None = strawberry.field(description="When it ended (UTC).")
    applicant_id: int | None = strawberry.field(description="Database id of the applicant.")
    data: JSON = strawberry.field(description="Procedure data kept with the case.")
    _object_id: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Any) -> EaeuCase:
        return cls(id=row.id, number=row.number, procedure=row.procedure, state=row.state,
                   version=row.version, opened_at=row.opened_at, closed_at=row.closed_at,
                   applicant_id=row.applicant_id, data=JSON(row.data or {}),
                   _object_id=row.object_id)

    def _procedure(self, info: Info) -> Procedure | None:
        found: Procedure | None = info.context.runtime.registry.procedures.get(self.procedure)
        return found

    @strawberry.field(description="Name of the procedure in the requested language.")
    def procedure_name(self, info: Info, lang: str | None = None) -> str:
        procedure = self._procedure(info)
        return localized(procedure.names, info.context.language(lang), self.procedure) if (
            procedure) else self.procedure

    @strawberry.field(description="Name of the state in the requested language.")
    def state_name(self, info: Info, lang: str | None = None) -> str:
        procedure = self._procedure(info)
        state = procedure.states.get(self.state) if procedure else None
        return localized(state.names, info.context.language(lang), self.state) if state else (
            self.state)

    @strawberry.field(description="The IP objects of the case: those declared in a PRC.001 "
                      "application, else the register entry concerned.")
    async def objects(self, info: Info) -> list[IPObject]:
        ids = await info.context.loaders.get(CaseObjectsLoader).load(self.id)
        if not ids and self._object_id is not None:
            ids = [self._object_id]
        rows = await info.context.loaders.object_by_id.load_many(ids)
        out = []
        for row in rows:
            obj = object_from_row(info.context, row) if row is not None else None
            if obj is None and row is not None and can_read_case(info.context.viewer,
                                                                 self.applicant_id):
                binding = info.context.runtime.registry.object_types.get(row.jurisdiction)
                if binding is not None:
                    from ipreg.schema.types.ipobject import object_fields

                    obj = binding.graphql_type(**object_fields(row))
            if obj is not None:
                out.append(obj)
        return out

    @strawberry.field(description="Every act performed, oldest first.")
    async def steps(self, info: Info) -> list[EaeuCaseStep]:
        rows = await info.context.loaders.get(StepsLoader).load(self.id)
        return [EaeuCaseStep(seq=r.seq, transition=r.transition, from_state=r.from_state,
                             to_state=r.to_state, actor=r.actor, roles=list(r.roles or []),
                             input=JSON(r.input or {}), at=r.at) for r in rows]

    @strawberry.field(description="Its time limits.")
    async def deadlines(self, info: Info) -> list[EaeuDeadline]:
        rows = await info.context.loaders.get(DeadlinesLoader).load(self.id)
        now = info.context.runtime.clock()
        return [EaeuDeadline(code=r.code, status=r.status, legal_basis=r.legal_basis,
                             starts_on=r.starts_on, due_on=r.due_on,
                             overdue=r.status == "running" and now >= r.due_at) for r in rows]

    @strawberry.field(description="Results of the authorized bodies' verification (PRC.001).")
    async def review_results(self, info: Info) -> list[EaeuReviewResult]:
        rows = await info.context.loaders.get(ReviewResultsByCaseLoader).load(self.id)
        return [EaeuReviewResult(member_state=r.country, object_id=r.object_id, result=r.result,
                                 grounds=r.grounds, received_at=r.received_at) for r in rows]

    @strawberry.field(description="Messages to the authorized bodies and their confirmations.")
    async def messages(self, info: Info) -> list[EaeuCcaMessage]:
        rows = await info.context.loaders.get(MessagesByCaseLoader).load(self.id)
        return [EaeuCcaMessage(member_state=r.country, kind=r.kind, transaction=r.transaction,
                               sent_at=r.sent_at, confirmed_at=r.confirmed_at) for r in rows]

    @strawberry.field(description="Codes of the acts the caller may perform now.")
    def available_transitions(self, info: Info) -> list[str]:
        procedure = self._procedure(info)
        if procedure is None:
            return []
        engine = info.context.runtime.procedures
        return [t.code for t in procedure.transitions.values()
                if self.state in t.source and engine.may_perform(
                    info.context.viewer, t, None, "eaeu", self.applicant_id)]
