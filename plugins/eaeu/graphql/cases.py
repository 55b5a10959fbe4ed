"""GraphQL types of the EAEU cases: the procedure, its history, limits, reviews, messages.

``EaeuCase`` implements the core ``RegisterCase`` interface: the common fields,
their resolvers and loaders are the core's; the EAEU names of steps and deadlines
(``EaeuCaseStep``, ``EaeuDeadline``) are the core types under EAEU descriptions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay

from ipreg.plugins.eaeu.graphql.loaders import (
    CaseObjectsLoader,
    MessagesByCaseLoader,
    ReviewResultsByCaseLoader,
)
from ipreg.plugins.eaeu.graphql.visibility import JURISDICTION, acts_for, is_official
from ipreg.schema.context import Context
from ipreg.schema.types.cases import (
    CaseByIdLoader,
    CaseHistoryStep,
    Deadline,
    RegisterCase,
)
from ipreg.schema.types.ids import global_id
from ipreg.schema.types.ipobject import IPObject, object_fields, object_from_row
from ipreg.schema.types.variants import variant

Info = strawberry.Info[Context, Any]
#: The GraphQL type of the EAEU IP objects (their global IDs are ``EaeuRegisterEntry:<id>``).
OBJECT_TYPE = "EaeuRegisterEntry"


def can_read_case(viewer: Any, applicant_id: int | None) -> bool:
    """Officials of ``eaeu`` (Commission, authorized bodies) and the case's own applicant."""
    return is_official(viewer) or acts_for(viewer, [applicant_id])


@variant(name="EaeuCaseStep", description="One act performed in an EAEU case.", fields={
    "transition": "The act's code, e.g. `P.SP.01.OPR.013`.",
    "roles": "The actor's roles in `eaeu`.",
})
class EaeuCaseStep(CaseHistoryStep):
    pass


@variant(name="EaeuDeadline", description="A time limit of an EAEU case.", fields={
    "code": "Key of the term (see `eaeuTerms`).",
    "starts_on": "Day counting starts from.",
})
class EaeuDeadline(Deadline):
    pass


@strawberry.type(description="An authorized body's result for one declared object "
                 "(P.SP.01.OPR.013/014).")
class EaeuReviewResult:
    member_state: str = strawberry.field(description="The member state.")
    object_id: relay.GlobalID = strawberry.field(
        description="Global ID of the declared IP object (`node(id:)` resolves it).")
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


@variant(name="EaeuCase", description="A case under an EAEU procedure (P.SP.01.PRC.001-007).",
         fields={
             "number": "Case number (for PRC.001: the application number, T1 item 1).",
             "procedure": "Procedure code, e.g. `P.SP.01.PRC.001`.",
             "version": "Grows with each act; pass it back as `expectedVersion`.",
             "state_name": "Name of the state in the requested language.",
         },
         order=("id", "number", "jurisdiction", "procedure", "state", "version", "openedAt",
                "closedAt", "applicantId", "data", "procedureName", "stateName", "objects",
                "steps", "deadlines", "reviewResults", "messages", "availableTransitions"))
class EaeuCase(relay.Node, RegisterCase):
    """An EAEU case; its global ID is ``EaeuCase:<case id>`` (the same case is
    ``Case:<case id>`` in the core's ``cases``; every case argument takes either)."""

    id: relay.NodeID[int]
    applicant_id: relay.GlobalID | None = strawberry.field(
        description="Global ID of the applicant, a `Party` (or select `applicant`).")
    deadline_type = EaeuDeadline

    @classmethod
    def row_values(cls, row: Any) -> dict[str, Any]:
        applicant = None if row.applicant_id is None else global_id("Party", row.applicant_id)
        return {**super().row_values(row), "applicant_id": applicant}

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[EaeuCase | None]:
        """``node(id:)``: the EAEU cases the caller may read (:func:`can_read_case`)."""
        rows = await info.context.loaders.get(CaseByIdLoader).load_many(
            [int(i) if i.isdigit() else -1 for i in node_ids])
        viewer = info.context.viewer
        return [cls.from_row(r) if r is not None and r.jurisdiction == JURISDICTION
                and can_read_case(viewer, r.applicant_id) else None for r in rows]

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
                                                                 self._applicant_id):
                binding = info.context.runtime.registry.object_types.get(row.jurisdiction)
                if binding is not None:
                    obj = binding.graphql_type(**object_fields(row))
            if obj is not None:
                out.append(obj)
        return out

    @strawberry.field(description="Every act performed, oldest first.")
    async def steps(self, info: Info) -> list[EaeuCaseStep]:
        return [EaeuCaseStep.from_row(r) for r in await self.load_steps(info)]

    @strawberry.field(description="Its time limits.")
    async def deadlines(self, info: Info) -> list[EaeuDeadline]:
        return await self.load_deadlines(info)

    @strawberry.field(description="Results of the authorized bodies' verification (PRC.001).")
    async def review_results(self, info: Info) -> list[EaeuReviewResult]:
        rows = await info.context.loaders.get(ReviewResultsByCaseLoader).load(self.id)
        return [EaeuReviewResult(member_state=r.country,
                                 object_id=global_id(OBJECT_TYPE, r.object_id),
                                 result=r.result,
                                 grounds=r.grounds, received_at=r.received_at) for r in rows]

    @strawberry.field(description="Messages to the authorized bodies and their confirmations.")
    async def messages(self, info: Info) -> list[EaeuCcaMessage]:
        rows = await info.context.loaders.get(MessagesByCaseLoader).load(self.id)
        return [EaeuCcaMessage(member_state=r.country, kind=r.kind, transaction=r.transaction,
                               sent_at=r.sent_at, confirmed_at=r.confirmed_at) for r in rows]

    @strawberry.field(description="Codes of the acts the caller may perform now.")
    def available_transitions(self, info: Info) -> list[str]:
        return [t.code for t in self.performable(info)]
