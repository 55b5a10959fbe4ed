"""GraphQL types of proceedings: cases, their steps and time limits, the procedures.

:class:`RegisterCase` is the interface every register's case type implements: the
core's :class:`Case` and, for example, ``EaeuCase``. It brings the common fields
and their resolvers (names, IP object, applicant, history, deadlines) and the
loaders they use (:class:`StepsByCaseLoader`, :class:`DeadlinesByCaseLoader`), so
a register's case type adds only its own fields.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar, Self

import strawberry
from sqlalchemy import select
from strawberry import relay
from strawberry.scalars import JSON

from ipreg.core.auth.permissions import can_read_case
from ipreg.core.extension import localized
from ipreg.core.model import Case as CaseRow
from ipreg.core.model import CaseDeadline as DeadlineRow
from ipreg.core.model import CaseStep
from ipreg.core.procedures.definition import Procedure, Transition
from ipreg.schema.context import Context
from ipreg.schema.loaders import BaseLoader, group_by, index_by
from ipreg.schema.types.ids import party_id
from ipreg.schema.types.ipobject import IPObject, object_from_row
from ipreg.schema.types.parties import Party

Info = strawberry.Info[Context, Any]


class StepsByCaseLoader(BaseLoader):
    """The ``case_step`` rows of each case, oldest first."""

    async def batch_load_fn(self, ids: list[int]) -> list[list[Any]]:
        rows = await self.reader.rows(select(CaseStep.__table__).where(
            CaseStep.case_id.in_(ids)).order_by(CaseStep.case_id, CaseStep.seq))
        return group_by(rows, ids, "case_id")


class DeadlinesByCaseLoader(BaseLoader):
    """The ``case_deadline`` rows of each case, in their order."""

    async def batch_load_fn(self, ids: list[int]) -> list[list[Any]]:
        rows = await self.reader.rows(select(DeadlineRow.__table__).where(
            DeadlineRow.case_id.in_(ids)).order_by(DeadlineRow.case_id, DeadlineRow.id))
        return group_by(rows, ids, "case_id")


class CaseByIdLoader(BaseLoader):
    """``case`` rows by id."""

    async def batch_load_fn(self, ids: list[int]) -> list[Any]:
        rows = await self.reader.rows(select(CaseRow.__table__).where(CaseRow.id.in_(ids)))
        return index_by(rows, ids, "id")


@strawberry.type(description="An input a transition takes.")
class TransitionInput:
    name: str = strawberry.field(description="Key of the value in the transition's `input`.")
    type: str = strawberry.field(description="string, int, date, bool, id, json or list.")
    required: bool = strawberry.field(description="Must it be given?")
    description: str = strawberry.field(description="What it is.")


@strawberry.type(description="A transition of a procedure: one legal act.")
class TransitionInfo:
    _value: strawberry.Private[Transition]

    @strawberry.field(description="The act's legal code, e.g. `P.SP.01.OPR.017`.")
    def code(self) -> str:
        return self._value.code

    @strawberry.field(description="Name in the requested language.")
    def name(self, info: Info, lang: str | None = None) -> str:
        return localized(self._value.names, info.context.language(lang), self._value.code)

    @strawberry.field(description="States the case must be in (empty: it opens a case).")
    def source(self) -> list[str]:
        return sorted(self._value.source)

    @strawberry.field(description="State after the act (null: the state does not change).")
    def target(self) -> str | None:
        return self._value.target

    @strawberry.field(description="Roles allowed to perform it.")
    def roles(self) -> list[str]:
        return sorted(self._value.roles)

    @strawberry.field(description="The input it takes.")
    def inputs(self) -> list[TransitionInput]:
        return [TransitionInput(name=i.name, type=i.type, required=i.required,
                                description=i.description) for i in self._value.inputs]

    @strawberry.field(description="Time limits it must be performed within.")
    def within(self) -> list[str]:
        return list(self._value.within)

    @strawberry.field(description="Where the act is laid down.")
    def legal_basis(self) -> str:
        return self._value.legal_basis


@strawberry.type(description="A state of a procedure.")
class StateInfo:
    code: str = strawberry.field(description="State code.")
    name: str = strawberry.field(description="Name in the requested language.")
    final: bool = strawberry.field(description="Does the case end in this state?")


@strawberry.type(description="A time limit of a procedure and where its value comes from.")
class TimeLimitInfo:
    code: str = strawberry.field(description="Code of the limit.")
    name: str = strawberry.field(description="Name in the requested language.")
    duration: str = strawberry.field(description="E.g. `30 calendar days`, `2 months`.")
    legal_basis: str = strawberry.field(description="The rule that sets the limit.")
    source: str = strawberry.field(
        description="Where the value comes from when the source documents do not state it.")
    on_expiry: str | None = strawberry.field(
        description="The act applied automatically when the limit expires.")
    owed_by: list[str] = strawberry.field(
        description="For a limit the authority itself must meet, the roles of the officials "
        "who must act (it is in `overdueTimeLimits`); empty for one a party must meet.")


@strawberry.type(name="Procedure", description="A legal procedure declared by a plugin.")
class ProcedureInfo:
    _value: strawberry.Private[Procedure]

    @strawberry.field(description="Procedure code, e.g. `P.SP.01.PRC.001`.")
    def code(self) -> str:
        return self._value.code

    @strawberry.field(description="Jurisdiction that runs it.")
    def jurisdiction(self) -> str:
        return self._value.jurisdiction

    @strawberry.field(description="Name in the requested language.")
    def name(self, info: Info, lang: str | None = None) -> str:
        return localized(self._value.names, info.context.language(lang), self._value.code)

    @strawberry.field(description="Where the procedure is laid down.")
    def legal_basis(self) -> str:
        return self._value.legal_basis

    @strawberry.field(description="Its states.")
    def states(self, info: Info, lang: str | None = None) -> list[StateInfo]:
        language = info.context.language(lang)
        return [StateInfo(code=s.code, name=localized(s.names, language, s.code), final=s.final)
                for s in self._value.states.values()]

    @strawberry.field(description="Its transitions (legal acts).")
    def transitions(self) -> list[TransitionInfo]:
        return [TransitionInfo(_value=t) for t in self._value.transitions.values()]

    @strawberry.field(description="Its time limits.")
    def time_limits(self, info: Info, lang: str | None = None) -> list[TimeLimitInfo]:
        language = info.context.language(lang)
        return [TimeLimitInfo(code=t.code, name=localized(t.names, language, t.code),
                              duration=t.duration.describe(), legal_basis=t.legal_basis,
                              source=t.source, on_expiry=t.on_expiry,
                              owed_by=sorted(t.owed_by))
                for t in self._value.time_limits.values()]


@strawberry.interface(description="A time limit running (or run) in a case, as every "
                      "register shows it (`Deadline`, a register's own deadline type).")
class CaseDeadline:
    code: str = strawberry.field(description="Code of the time limit.")
    status: str = strawberry.field(
        description="running, suspended, met, expired, cancelled, or late (a limit the "
        "officials owe, acted on after its time was up).")
    legal_basis: str = strawberry.field(description="The rule that sets it.")
    starts_on: dt.date = strawberry.field(
        description="Day counting starts from (the event, or the deemed day of receipt).")
    due_on: dt.date = strawberry.field(description="Last day on which the act is in time.")
    due_at: dt.datetime = strawberry.field(description="The instant it expires (UTC).")
    remaining_days: int | None = strawberry.field(description="Days left while suspended.")
    history: JSON = strawberry.field(description="Extensions, suspensions and restorations.")
    overdue: bool = strawberry.field(description="Running, but its time is up.")

    @staticmethod
    def row_values(row: Any, now: dt.datetime) -> dict[str, Any]:
        """The fields of a ``case_deadline`` row as it stands at ``now``."""
        return {"code": row.code, "status": row.status, "legal_basis": row.legal_basis,
                "starts_on": row.starts_on, "due_on": row.due_on, "due_at": row.due_at,
                "remaining_days": row.remaining_days, "history": JSON(row.history or []),
                "overdue": row.status == "running" and now >= row.due_at}

    @classmethod
    def from_row(cls, row: Any, now: dt.datetime) -> Self:
        """A ``case_deadline`` row as it stands at ``now``."""
        return cls(**cls.row_values(row, now))


@strawberry.type(description="A time limit running (or run) in a case.")
class Deadline(CaseDeadline):
    pass


@strawberry.type(description="A time limit the authority's own officials owe in an open case "
                 "(an examination, a decision, a dispatch) whose time is up or about to be: "
                 "an item of `overdueTimeLimits`.")
class OverdueTimeLimit(CaseDeadline):
    days_overdue: int = strawberry.field(
        description="Days since its last day (`dueOn`) in the jurisdiction's calendar: 1 "
        "the day after it, 0 on it, negative while days are left (-2: two days left).")
    owed_by: list[str] = strawberry.field(
        description="The roles whose holders must act within it (notified when it passed).")
    _case_id: strawberry.Private[int]
    _names: strawberry.Private[dict[str, str]]

    @strawberry.field(description="Name of the time limit in the requested language.")
    def name(self, info: Info, lang: str | None = None) -> str:
        return localized(self._names, info.context.language(lang), self.code)

    @strawberry.field(description="The case in which the act is owed.")
    async def case(self, info: Info) -> Case:
        row = await info.context.loaders.get(CaseByIdLoader).load(self._case_id)
        return Case.from_row(row)


@strawberry.type(description="One act performed in a case: the case's history.")
class CaseHistoryStep:
    seq: int = strawberry.field(description="1 for the act that opened the case, then 2, ...")
    transition: str = strawberry.field(description="The act's legal code.")
    from_state: str | None = strawberry.field(description="State before.")
    to_state: str = strawberry.field(description="State after.")
    actor: str = strawberry.field(description="Who performed it (user, key or `system`).")
    actor_kind: str = strawberry.field(description="user, api_key or system.")
    actor_party_id: relay.GlobalID | None = strawberry.field(
        description="Global ID of the party the actor acted as (a `Party`).")
    on_behalf_of: relay.GlobalID | None = strawberry.field(
        description="Global ID of the party it acted for (a `Party`).")
    roles: list[str] = strawberry.field(description="The actor's roles in the jurisdiction.")
    input: JSON = strawberry.field(description="The input given.")
    request_id: str | None = strawberry.field(description="The HTTP request it came with.")
    at: dt.datetime = strawberry.field(description="When (UTC).")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        """A ``case_step`` row."""
        return cls(seq=row.seq, transition=row.transition, from_state=row.from_state,
                   to_state=row.to_state, actor=row.actor, actor_kind=row.actor_kind,
                   actor_party_id=party_id(row.actor_party_id),
                   on_behalf_of=party_id(row.on_behalf_of),
                   roles=list(row.roles or []), input=JSON(row.input or {}),
                   request_id=row.request_id, at=row.at)


@strawberry.interface(description="A case under a procedure of any register: the fields every "
                      "register's case type has. The core's `Case` and each register's own "
                      "case type (`EaeuCase`, ...) implement it.")
class RegisterCase:
    """The common part of every case type (:mod:`ipreg.schema.types.cases`).

    A register's case type subclasses it, adds ``id`` and its own fields, and builds
    from a ``case`` row with :meth:`from_row` (extend :meth:`row_values` for its own
    columns). ``deadline_type`` is the type ``deadlines`` builds; a register that
    shows deadlines as its own type re-declares ``deadlines`` with that return type
    and returns :meth:`load_deadlines`.
    """

    number: str | None = strawberry.field(description="Case number.")
    jurisdiction: str = strawberry.field(description="Jurisdiction.")
    procedure: str = strawberry.field(description="Procedure code.")
    state: str = strawberry.field(description="Current state.")
    version: int = strawberry.field(
        description="Grows by one with each act; pass it as `expectedVersion`.")
    opened_at: dt.datetime = strawberry.field(description="When it was opened (UTC).")
    closed_at: dt.datetime | None = strawberry.field(description="When it ended (UTC).")
    data: JSON = strawberry.field(description="Procedure data kept with the case.")
    _object_id: strawberry.Private[int | None]
    _applicant_id: strawberry.Private[int | None]
    #: The type of the case's deadlines (a register's own :class:`CaseDeadline` type).
    deadline_type: ClassVar[type[CaseDeadline]] = Deadline

    if TYPE_CHECKING:
        id: int  # each case type declares its own ``id`` field (a Node ID or the row id)

    @classmethod
    def row_values(cls, row: Any) -> dict[str, Any]:
        """The constructor's arguments from a ``case`` row."""
        return {"id": row.id, "number": row.number, "jurisdiction": row.jurisdiction,
                "procedure": row.procedure, "state": row.state, "version": row.version,
                "opened_at": row.opened_at, "closed_at": row.closed_at,
                "data": JSON(row.data or {}), "_object_id": row.object_id,
                "_applicant_id": row.applicant_id}

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(**cls.row_values(row))

    def procedure_definition(self, info: Info) -> Procedure | None:
        """The declared procedure of the case (None if its plugin is not installed)."""
        found: Procedure | None = info.context.runtime.registry.procedures.get(self.procedure)
        return found

    @strawberry.field(description="Name of the procedure in the requested language.")
    def procedure_name(self, info: Info, lang: str | None = None) -> str:
        procedure = self.procedure_definition(info)
        return localized(procedure.names, info.context.language(lang), self.procedure) if (
            procedure) else self.procedure

    @strawberry.field(description="Name of the current state in the requested language.")
    def state_name(self, info: Info, lang: str | None = None) -> str:
        procedure = self.procedure_definition(info)
        state = procedure.states.get(self.state) if procedure else None
        return localized(state.names, info.context.language(lang), self.state) if state else (
            self.state)

    @strawberry.field(description="The IP object the case is about.")
    async def ip_object(self, info: Info) -> IPObject | None:
        if self._object_id is None:
            return None
        row = await info.context.loaders.object_by_id.load(self._object_id)
        return object_from_row(info.context, row) if row is not None else None

    @strawberry.field(description="The applicant.")
    async def applicant(self, info: Info) -> Party | None:
        if self._applicant_id is None:
            return None
        row = await info.context.loaders.party_by_id.load(self._applicant_id)
        return Party.from_row(row) if row is not None else None

    @strawberry.field(description="Every act performed, oldest first.")
    async def history(self, info: Info) -> list[CaseHistoryStep]:
        return [CaseHistoryStep.from_row(r) for r in await self.load_steps(info)]

    @strawberry.field(description="Its time limits, with their state.")
    async def deadlines(self, info: Info) -> list[CaseDeadline]:
        return await self.load_deadlines(info)

    async def load_steps(self, info: Info) -> list[Any]:
        """The case's ``case_step`` rows, oldest first (batched per request)."""
        rows: list[Any] = await info.context.loaders.get(StepsByCaseLoader).load(self.id)
        return rows

    async def load_deadlines(self, info: Info) -> list[Any]:
        """The case's deadlines as :attr:`deadline_type` (batched per request)."""
        rows = await info.context.loaders.get(DeadlinesByCaseLoader).load(self.id)
        now = info.context.runtime.clock()
        return [self.deadline_type.from_row(r, now) for r in rows]

    def performable(self, info: Info) -> list[Transition]:
        """The transitions the caller may perform on the case now."""
        procedure = self.procedure_definition(info)
        if procedure is None:
            return []
        engine = info.context.runtime.procedures
        return [t for t in procedure.transitions.values()
                if self.state in t.source and engine.may_perform(
                    info.context.viewer, t, None, self.jurisdiction, self._applicant_id)]


@strawberry.type(description="A proceeding under a procedure.")
class Case(relay.Node, RegisterCase):
    id: relay.NodeID[int]

    @strawberry.field(description="Its time limits, with their state.")
    async def deadlines(self, info: Info) -> list[Deadline]:
        return await self.load_deadlines(info)

    @strawberry.field(description="The acts the caller may perform now.")
    def available_transitions(self, info: Info) -> list[TransitionInfo]:
        return [TransitionInfo(_value=t) for t in self.performable(info)]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Case | None]:
        rows = await info.context.loaders.get(CaseByIdLoader).load_many(
            [int(i) if i.isdigit() else -1 for i in node_ids])
        viewer = info.context.viewer
        return [cls.from_row(r) if r is not None and can_read_case(
            viewer, r.jurisdiction, r.applicant_id) else None for r in rows]
