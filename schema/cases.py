"""Root fields of the procedure engine: cases, procedures, acts and the change feed.

The resolvers only translate between GraphQL and the engine
(:class:`ipreg.core.procedures.engine.ProcedureEngine`); every rule lives there.
:func:`open_case` and :func:`perform_transition` are the resolvers' logic, for a
register's own mutations (``eaeuOpenCase``, ``eaeuPerform``); :func:`register_act_mutation` and
:func:`register_opening_mutation` build those two mutations (:func:`case_result` their
result) from a register's typed act
inputs, so that no register writes them again.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from sqlalchemy import select
from strawberry import relay
from strawberry.scalars import JSON
from strawberry.utils.str_converters import to_camel_case

from ipreg.core import feed
from ipreg.core.auth.permissions import is_official, require
from ipreg.core.errors import BadUserInput, NotFound
from ipreg.core.model import Case as CaseRow
from ipreg.core.model import CaseDeadline as DeadlineRow
from ipreg.core.model import ChangeEvent
from ipreg.core.procedures.overdue import (
    check_due_within,
    days_overdue,
    declared_limit,
    overdue_time_limits,
    owed_limits,
)
from ipreg.schema.context import Context
from ipreg.schema.types.cases import Case, OverdueTimeLimit, ProcedureInfo
from ipreg.schema.types.connection import (
    AfterArg,
    BeforeArg,
    Connection,
    FirstArg,
    LastArg,
    Page,
    check_feed_page,
    keyset_page,
    offset_page,
    page_sizes,
)
from ipreg.schema.types.ids import database_id_of, entity_node_id

if TYPE_CHECKING:
    from ipreg.core.procedures import Procedure
    from ipreg.schema.inputs import InputTypes

Info = strawberry.Info[Context, Any]
CURSOR = "case"
OVERDUE_CURSOR = "overdue"


@strawberry.type(name="CaseConnection", description="A page of cases.")
class CaseConnection(Connection[Case]):
    pass


@strawberry.type(name="OverdueTimeLimitConnection",
                 description="A page of the time limits the officials owe, most overdue first.")
class OverdueTimeLimitConnection(Connection[OverdueTimeLimit]):
    pass


@strawberry.type(description="The result of an act.")
class TransitionPayload:
    case: Case = strawberry.field(description="The case after the act.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key had been used: the first result is "
        "returned and nothing was done again.")


@strawberry.type(description="A committed change of one entity.")
class ChangeFeedEvent:
    position: int = strawberry.field(
        description="Position in the feed: gap-free, in commit order.")
    committed_at: dt.datetime = strawberry.field(description="When it was committed (UTC).")
    jurisdiction: str | None = strawberry.field(description="Jurisdiction of the entity.")
    entity: str = strawberry.field(description="`ip_object`, `case`, `notification`, ...")
    entity_id: relay.GlobalID | None = strawberry.field(
        description="Global ID of the entity (`node(id:)` resolves it while the caller may "
        "see it): an IP object as its register's type, a `Case`, a `Notification`; null for "
        "an entity the API shows as no node.")
    database_id: str = strawberry.field(
        description="The entity's database id, for replicas that key their copy by it (the "
        "`id` in `payload`); clients name the entity by `entityId`.")
    version: int = strawberry.field(description="The entity's version after the change.")
    operation: str = strawberry.field(description="create, update or delete.")
    payload: JSON = strawberry.field(description="The entity's state after the change.")


@strawberry.type(description="A page of the change feed.")
class ChangeFeedPage:
    events: list[ChangeFeedEvent] = strawberry.field(description="Events, in commit order.")
    end_position: int = strawberry.field(
        description="Pass as `after` for the next page (events the caller may not see are "
        "skipped, not lost: they are behind this position).")
    has_more: bool = strawberry.field(description="Are there events after `endPosition`?")
    head_position: int = strawberry.field(description="The last committed position.")


def _case_visibility(info: Info) -> Any:
    viewer = info.context.viewer
    if viewer.is_system:
        return None
    jurisdictions = [j for j in info.context.runtime.registry.jurisdictions
                     if is_official(viewer, j)]
    parties = {p for p in (viewer.party_id, viewer.on_behalf_of) if p is not None}
    parties |= viewer.organisations("applicant") | viewer.organisations("representative")
    clauses = []
    if jurisdictions:
        clauses.append(CaseRow.jurisdiction.in_(jurisdictions))
    if parties:
        clauses.append(CaseRow.applicant_id.in_(parties))
    if not clauses:
        return False
    out = clauses[0]
    for clause in clauses[1:]:
        out = out | clause
    return out


@strawberry.type
class CaseQuery:
    @strawberry.field(description="The procedures of the installed plugins.")
    def procedures(self, info: Info, jurisdiction: str | None = None) -> list[ProcedureInfo]:
        return [ProcedureInfo(_value=p) for p in info.context.runtime.registry.procedures.values()
                if jurisdiction is None or p.jurisdiction == jurisdiction]

    @strawberry.field(description="Cases the caller may see: officials those of their "
                      "jurisdictions, parties their own. Newest first. Requires signing in "
                      "(UNAUTHENTICATED otherwise).")
    async def cases(
        self, info: Info,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
        procedure: str | None = None,
        state: str | None = None,
        jurisdiction: str | None = None,
    ) -> CaseConnection:
        require(info.context.viewer, not info.context.viewer.is_anonymous, "list cases")
        first, last = page_sizes(info.context.runtime.settings, first, last)
        visible = _case_visibility(info)
        conditions: list[Any] = [] if visible is None else [visible]
        for column, value in ((CaseRow.procedure, procedure), (CaseRow.state, state),
                              (CaseRow.jurisdiction, jurisdiction)):
            if value is not None:
                conditions.append(column == value)
        page = Page.empty(CURSOR, after, before) if visible is False else await keyset_page(
            info.context.reader, select(CaseRow.__table__).where(*conditions), kind=CURSOR,
            first=first, after=after, last=last, before=before, key=CaseRow.id,
            descending=True)
        return CaseConnection.from_page(page, Case.from_row)

    @strawberry.field(description="The officials' overdue list: in every open case of the "
                      "jurisdiction, each time limit the authority itself owes (an "
                      "examination, a decision, a dispatch: a procedure's time limit with "
                      "`owedBy` roles) whose time is up, or, with `dueWithin`, ends within "
                      "that many days; most overdue first. The officials owing a limit are "
                      "notified once when it passes (`inbox`). For the officials of the "
                      "jurisdiction who hold a role that owes a limit (each sees the limits "
                      "of its roles): UNAUTHENTICATED without signing in, FORBIDDEN for "
                      "anyone else.")
    async def overdue_time_limits(
        self, info: Info,
        jurisdiction: Annotated[str, strawberry.argument(
            description="The jurisdiction, e.g. `eaeu`.")],
        due_within: Annotated[int | None, strawberry.argument(
            description="Also the running limits whose last day is at most this many days "
            "from today (0: today; at most 366). Omitted: only those whose time is up.")
        ] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> OverdueTimeLimitConnection:
        ctx = info.context
        runtime = ctx.runtime
        require(ctx.viewer, not ctx.viewer.is_anonymous, "read the overdue time limits")
        if jurisdiction not in runtime.registry.jurisdictions:
            raise BadUserInput(f"jurisdiction: no installed register has {jurisdiction!r}",
                               argument="jurisdiction")
        procedures = runtime.registry.procedures
        viewer = ctx.viewer
        roles = None if viewer.is_system else viewer.roles(jurisdiction)
        require(viewer, is_official(viewer, jurisdiction) and bool(
            owed_limits(procedures.values(), jurisdiction, roles)),
                f"read the overdue time limits of {jurisdiction}")
        check_due_within(due_within)
        first, last = page_sizes(runtime.settings, first, last)
        now = runtime.clock()
        today = runtime.procedures.calendar(jurisdiction).today(now)
        query = overdue_time_limits(procedures.values(), jurisdiction, now=now, today=today,
                                    due_within=due_within, roles=roles)
        page = Page.empty(OVERDUE_CURSOR, after, before) if query is None else (
            await offset_page(ctx.reader, query, kind=OVERDUE_CURSOR, first=first,
                              after=after, last=last, before=before,
                              order_by=(DeadlineRow.due_at, DeadlineRow.id)))

        def overdue(row: Any) -> OverdueTimeLimit:
            limit = declared_limit(procedures, row.case_procedure, row.code)
            return OverdueTimeLimit(
                **OverdueTimeLimit.row_values(row, now),
                days_overdue=days_overdue(row.due_on, today),
                owed_by=sorted(limit.owed_by) if limit else [], _case_id=row.case_id,
                _names=dict(limit.names) if limit else {})

        return OverdueTimeLimitConnection.from_page(page, overdue)

    @strawberry.field(description="Committed changes after a position, in commit order, with "
                      "no gaps and no duplicates: information systems follow it to keep a "
                      "replica. Needs a login (UNAUTHENTICATED otherwise); each caller sees the "
                      "jurisdictions it may read.")
    async def changes(
        self, info: Info,
        after: Annotated[int, strawberry.argument(
            description="The `endPosition` of the previous page (0 from the start).")] = 0,
        first: Annotated[int, strawberry.argument(description="At most 1000.")] = 100,
        entities: list[str] | None = None,
    ) -> ChangeFeedPage:
        viewer = info.context.viewer
        require(viewer, not viewer.is_anonymous, "follow the change feed")
        check_feed_page(after, first)
        reader = info.context.reader
        stmt = select(ChangeEvent.__table__).where(ChangeEvent.position > after)
        if entities:
            stmt = stmt.where(ChangeEvent.entity.in_(entities))
        rows = await reader.rows(stmt.order_by(ChangeEvent.position).limit(first + 1))
        head = await reader.scalar(select(feed.FeedHead.position).where(feed.FeedHead.id == 1))
        page = rows[:first]
        events = [ChangeFeedEvent(position=r.position, committed_at=r.committed_at,
                                  jurisdiction=r.jurisdiction, entity=r.entity,
                                  entity_id=entity_node_id(info.context.runtime.registry,
                                                           r.entity, r.entity_id,
                                                           r.jurisdiction),
                                  database_id=str(r.entity_id), version=r.version,
                                  operation=r.operation, payload=JSON(r.payload))
                  for r in page if is_official(viewer, r.jurisdiction)
                  or viewer.has_role("feed_reader", r.jurisdiction)]
        end = page[-1].position if page else after
        return ChangeFeedPage(events=events, end_position=end, has_more=len(rows) > first,
                              head_position=int(head or 0))


@strawberry.input(description="Open a case under a procedure.")
class OpenCaseInput:
    procedure: str = strawberry.field(description="Procedure code.")
    transition: str | None = strawberry.field(
        default=None, description="The opening act, when the procedure has several.")
    input: JSON | None = strawberry.field(
        default=None, description="The act's input as JSON: the untyped generic form for "
        "every register (see `procedures` for each act's inputs). A register's own "
        "mutations take the same input typed (e.g. `eaeuOpenCase(act:)`).")
    ip_object_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The IP object the case is about.")
    applicant_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The applicant (default: the party the caller acts for).")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Send the same key again to get the first result back.")


@strawberry.input(description="Perform an act on a case.")
class PerformTransitionInput:
    case_id: relay.GlobalID = strawberry.field(
        description="The case: its global ID as a `Case` or as its register's case type.")
    transition: str = strawberry.field(description="The act's legal code.")
    input: JSON | None = strawberry.field(
        default=None, description="The act's input as JSON: the untyped generic form for "
        "every register (see `procedures` for each act's inputs). A register's own "
        "mutations take the same input typed (e.g. `eaeuPerform(act:)`).")
    expected_version: int | None = strawberry.field(
        default=None, description="Refuse with CONFLICT unless the case is at this version.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Send the same key again to get the first result back.")


def json_object(value: Any, argument: str = "input") -> dict[str, Any] | None:
    """An act's input as given in GraphQL: a JSON object or null (``BAD_USER_INPUT``
    for anything else)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadUserInput(f"{argument} must be a JSON object", argument=argument)
    return dict(value)


async def open_case(
    info: Info, procedure: str, data: Any = None, *, transition: str | None = None,
    object_id: int | None = None, applicant_id: int | None = None,
    idempotency_key: str | None = None, jurisdiction: str | None = None,
) -> tuple[CaseRow, bool]:
    """What ``openCase`` does, for a register's own mutation: open a case with the
    procedure's opening act in one transaction, as the caller, and return the case
    row and whether the idempotency key replayed an earlier result.

    ``data``: the act's input (:func:`json_object`); ``jurisdiction``: only a
    procedure of this jurisdiction (``BAD_USER_INPUT`` otherwise).
    """
    ctx = info.context
    procedures = ctx.runtime.registry.procedures
    found = procedures.get(procedure)
    if jurisdiction is not None and (found is None or found.jurisdiction != jurisdiction):
        own = ", ".join(sorted(p.code for p in procedures.values()
                               if p.jurisdiction == jurisdiction))
        raise BadUserInput(f"{procedure!r} is not a procedure of {jurisdiction} ({own})",
                           argument="procedure")
    async with ctx.runtime.sessionmaker() as session:
        case, replayed = await ctx.runtime.procedures.open_case(
            session, procedure, ctx.viewer, json_object(data), transition=transition,
            object_id=object_id, applicant_id=applicant_id, request_id=ctx.request_id,
            idempotency_key=idempotency_key)
        await session.commit()
    return case, replayed


async def perform_transition(
    info: Info, case_id: int, transition: str, data: Any = None, *,
    expected_version: int | None = None, idempotency_key: str | None = None,
    jurisdiction: str | None = None,
) -> tuple[CaseRow, bool]:
    """What ``performTransition`` does, for a register's own mutation: perform an act
    on a case in one transaction, as the caller, and return the case row and whether
    the idempotency key replayed an earlier result.

    ``data``: the act's input (:func:`json_object`); ``jurisdiction``: only a case of
    this jurisdiction (``NOT_FOUND`` for any other, read in the same transaction).
    """
    ctx = info.context
    async with ctx.runtime.sessionmaker() as session:
        if jurisdiction is not None:
            found = (await session.execute(select(CaseRow.jurisdiction).where(
                CaseRow.id == case_id))).scalar_one_or_none()
            if found != jurisdiction:
                raise NotFound(f"no {jurisdiction} case {case_id}")
        case, replayed = await ctx.runtime.procedures.perform(
            session, case_id, transition, ctx.viewer, json_object(data),
            expected_version=expected_version, request_id=ctx.request_id,
            idempotency_key=idempotency_key)
        await session.commit()
    return case, replayed


#: What a register's act mutation returns, made from the case row and ``replayed``.
CaseResult = Callable[[tuple[CaseRow, bool]], Any]
_VERSION = "Refuse with CONFLICT unless the case is at this version."
_KEY = "Send the same key again to get the first result back."


def case_result(returns: type[Any], case_type: Any) -> CaseResult:
    """The ``result`` of the builders below for a result type of two fields, ``case``
    (``case_type.from_row(row)``, a ``RegisterCase``) and ``replayed``."""

    def result(done: tuple[CaseRow, bool]) -> Any:
        case, replayed = done
        return returns(case=case_type.from_row(case), replayed=replayed)

    return result


@dataclass(frozen=True)
class ObjectArgument:
    """The optional argument of an opening mutation naming the IP object the case is
    about: ``name`` in Python (``website_id``: GraphQL ``websiteId``), a global ID of an
    ``IPObject``."""

    name: str
    description: str


def _argument(name: str, annotation: Any, description: str, default: Any = inspect.Parameter.empty
              ) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                             annotation=Annotated[annotation, strawberry.argument(
                                 description=description)])


def _mutation(name: str, arguments: list[inspect.Parameter], returns: type[Any],
              description: str, run: Callable[..., Any]) -> Any:
    """A strawberry mutation field whose resolver takes ``arguments`` and awaits
    ``run(info, **arguments)``; the field's name is the attribute it is assigned to."""

    async def resolve(self: Any, info: Info, **given: Any) -> Any:
        return await run(info, **given)

    resolve.__name__ = resolve.__qualname__ = name
    setattr(resolve, "__signature__", inspect.Signature(  # noqa: B010 - read by strawberry
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
         inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Info),
         *arguments], return_annotation=returns))
    return strawberry.mutation(resolver=resolve, description=description)


@dataclass(frozen=True)
class Argument:
    """An optional argument of a register's act mutation beside the common ones:
    ``name`` in Python (GraphQL: camelCase), its GraphQL input ``type`` (nullable, default
    null) and its description."""

    name: str
    type: Any
    description: str


#: ``prepare(code, data, **arguments)``: the act's input to perform, from the act's code,
#: its typed input and the register's own arguments (``Argument``).
Prepare = Callable[..., "dict[str, Any] | None"]


def register_act_mutation(
    inputs: InputTypes, act_input: type[Any], returns: type[Any], result: CaseResult, *,
    jurisdiction: str, description: str, case_description: str,
    act_description: str = "The act with its typed input.",
    arguments: Sequence[Argument] = (), prepare: Prepare | None = None,
) -> Any:
    """A register's mutation performing an act on one of its cases (``eaeuPerform``),
    assigned to a field of the register's mutation type::

        ua_websites_perform = register_act_mutation(
            INPUTS, UaWebsiteActInput, UaWebsiteActResult, _result,
            jurisdiction="ua_websites", description="Perform an act on a case …",
            case_description="Global ID of the case (`UaWebsiteCase` or `Case`).")

    Its arguments: ``caseId`` (a global ID of a ``RegisterCase``, described by
    ``case_description``), ``act`` (``act_input``, a ``@oneOf`` input of
    ``inputs.act_input``), ``expectedVersion`` and ``idempotencyKey``. It performs the
    act with :func:`perform_transition` (a case of ``jurisdiction`` only) and returns
    ``result((case row, replayed))``, of the GraphQL type ``returns``.

    ``arguments``: the register's own optional arguments, after those; ``prepare(code,
    data, **their values)`` then gives the input the act is performed with (GI: the
    signature of an act without input, checked against the act), raising a coded error
    to refuse.
    """

    async def run(info: Info, case_id: relay.GlobalID, act: Any,
                  expected_version: int | None = None,
                  idempotency_key: str | None = None, **own: Any) -> Any:
        code, data = inputs.chosen(act)
        if prepare is not None:
            data = prepare(code, data, **own)
        return result(await perform_transition(
            info, database_id_of(info, case_id, "RegisterCase", "caseId"), code, data,
            expected_version=expected_version, idempotency_key=idempotency_key,
            jurisdiction=jurisdiction))

    return _mutation("perform", [
        _argument("case_id", relay.GlobalID, case_description),
        _argument("act", act_input, act_description),
        _argument("expected_version", int | None, _VERSION, None),
        _argument("idempotency_key", str | None, _KEY, None),
        *(_argument(a.name, a.type | None, a.description, None) for a in arguments),
    ], returns, description, run)


def register_opening_mutation(
    inputs: InputTypes, act_input: type[Any], returns: type[Any], result: CaseResult, *,
    procedures: Iterable[Procedure], jurisdiction: str, description: str,
    act_description: str = "The opening act with its typed input.",
    ip_object: ObjectArgument | None = None,
) -> Any:
    """A register's mutation opening a case with its opening act (``eaeuOpenCase``), as
    :func:`register_act_mutation` performs one: ``act`` (``act_input``, made by
    ``inputs.act_input(..., opening=True)`` from ``procedures``, which name the
    procedure each act opens), the optional IP object the case is about
    (``ip_object``: its argument's name and description; none without it) and
    ``idempotencyKey``. It opens the case with :func:`open_case` (a procedure of
    ``jurisdiction`` only) and returns ``result((case row, replayed))``.
    """
    owner = {t.code: p.code for p in procedures for t in p.transitions.values()}
    path = None if ip_object is None else to_camel_case(ip_object.name)

    async def run(info: Info, act: Any, idempotency_key: str | None = None,
                  **given: Any) -> Any:
        code, data = inputs.chosen(act)
        object_id = None if ip_object is None or given.get(ip_object.name) is None else \
            database_id_of(info, given[ip_object.name], "IPObject", path or "")
        return result(await open_case(info, owner[code], data, transition=code,
                                      object_id=object_id, jurisdiction=jurisdiction,
                                      idempotency_key=idempotency_key))

    arguments = [_argument("act", act_input, act_description)]
    if ip_object is not None:
        arguments.append(_argument(ip_object.name, relay.GlobalID | None,
                                   ip_object.description, None))
    arguments.append(_argument("idempotency_key", str | None, _KEY, None))
    return _mutation("open_case", arguments, returns, description, run)


@strawberry.type
class CaseMutation:
    @strawberry.mutation(description="Open a case with a procedure's opening act.")
    async def open_case(self, info: Info, input: OpenCaseInput) -> TransitionPayload:
        object_id = None if input.ip_object_id is None else database_id_of(
            info, input.ip_object_id, "IPObject", "input.ipObjectId")
        applicant_id = None if input.applicant_id is None else database_id_of(
            info, input.applicant_id, "Party", "input.applicantId")
        case, replayed = await open_case(
            info, input.procedure, input.input, transition=input.transition,
            object_id=object_id, applicant_id=applicant_id,
            idempotency_key=input.idempotency_key)
        return TransitionPayload(case=Case.from_row(case), replayed=replayed)

    @strawberry.mutation(description="Perform an act (transition) on a case.")
    async def perform_transition(self, info: Info,
                                 input: PerformTransitionInput) -> TransitionPayload:
        case, replayed = await perform_transition(
            info, database_id_of(info, input.case_id, "RegisterCase", "input.caseId"),
            input.transition, input.input,
            expected_version=input.expected_version, idempotency_key=input.idempotency_key)
        return TransitionPayload(case=Case.from_row(case), replayed=replayed)
