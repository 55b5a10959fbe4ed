"""The procedure engine: performs declared transitions, strictly and traceably.

One transition is one database transaction: the state change, the case's step,
its time limits, its audit record, its change event and its notifications are
written together or not at all. Concurrent transitions on one case are ordered
by the case's version: the first to commit wins, the other gets ``CONFLICT``.
A mutation sent again with the same idempotency key returns the first result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import json
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from ipreg.core.audit import record_audit
from ipreg.core.auth.permissions import APPLICANT_SIDE_ROLES, can_perform
from ipreg.core.auth.principal import SYSTEM, Principal
from ipreg.core.checks import (
    MAX_DATABASE_ID,
    NUL_PROBLEM,
    database_id,
    date_problem,
    nul_path,
    text_problem,
)
from ipreg.core.errors import (
    BadUserInput,
    Conflict,
    Forbidden,
    InvalidTransition,
    IpregError,
    NotFound,
    PreconditionFailed,
    TimeLimitExpired,
    Unauthenticated,
)
from ipreg.core.feed import record_change
from ipreg.core.model import Case, CaseDeadline, CaseStep, IdempotencyKey
from ipreg.core.notify.outbox import enqueue
from ipreg.core.procedures.calendar import DEFAULT_CALENDAR, WorkCalendar
from ipreg.core.procedures.context import OPEN, TransitionContext
from ipreg.core.procedures.definition import Procedure, TimeLimit, Transition

if TYPE_CHECKING:
    from ipreg.core.runtime import Runtime

log = logging.getLogger("ipreg.procedures")

#: Kind of the notification to the officials who owe a time limit that expired.
OVERDUE_NOTICE = "time_limit_overdue"



def case_snapshot(case: Case) -> dict[str, Any]:
    """The case as the change feed carries it."""
    return {
        "id": case.id,
        "number": case.number,
        "jurisdiction": case.jurisdiction,
        "procedure": case.procedure,
        "state": case.state,
        "objectId": case.object_id,
        "applicantId": case.applicant_id,
        "version": case.version,
        "openedAt": case.opened_at.isoformat() if case.opened_at else None,
        "closedAt": case.closed_at.isoformat() if case.closed_at else None,
    }


async def _maybe(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


class ProcedureEngine:
    """Interprets the procedures registered by the plugins."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.procedures: dict[str, Procedure] = dict(runtime.registry.procedures)

    # ------------------------------------------------------------------ lookup

    def procedure(self, code: str) -> Procedure:
        try:
            return self.procedures[code]
        except KeyError:
            raise NotFound(f"no procedure {code!r} is installed") from None

    def calendar(self, jurisdiction: str) -> WorkCalendar:
        found = self.runtime.registry.calendars.get(jurisdiction)
        return found if isinstance(found, WorkCalendar) else DEFAULT_CALENDAR

    def now(self) -> dt.datetime:
        return self.runtime.clock()

    async def load_case(self, session: AsyncSession, case_id: int) -> Case:
        case = await session.get(Case, case_id)
        if case is None:
            raise NotFound(f"case {case_id} does not exist")
        return case

    async def deadlines(self, session: AsyncSession, case_id: int,
                        code: str | None = None) -> list[CaseDeadline]:
        stmt = select(CaseDeadline).where(CaseDeadline.case_id == case_id)
        if code is not None:
            stmt = stmt.where(CaseDeadline.code == code)
        return list((await session.execute(stmt.order_by(CaseDeadline.id))).scalars())

    # ------------------------------------------------------------------ checks

    def may_perform(self, principal: Principal, transition: Transition, case: Case | None,
                    jurisdiction: str, applicant_id: int | None) -> bool:
        """Does the principal hold a role the transition allows, for this case?

        The policy itself is :func:`ipreg.core.auth.permissions.can_perform`.
        """
        target = case.applicant_id if case is not None else applicant_id
        return can_perform(principal, transition.roles, jurisdiction, target)

    def _check_role(self, principal: Principal, transition: Transition, case: Case | None,
                    jurisdiction: str, applicant_id: int | None) -> None:
        if self.may_perform(principal, transition, case, jurisdiction, applicant_id):
            return
        allowed = ", ".join(sorted(transition.roles))
        if principal.is_anonymous:
            raise Unauthenticated(f"{transition.code} needs a login with one of the roles: "
                                  f"{allowed}")
        raise Forbidden(f"{transition.code} may be performed by: {allowed}",
                        transition=transition.code)

    @staticmethod
    def check_input(transition: Transition, data: Mapping[str, Any] | None) -> dict[str, Any]:
        data = dict(data or {})
        where = nul_path(data)
        if where is not None:
            raise BadUserInput(f"{where}: {NUL_PROBLEM}", errors=[f"{where}: {NUL_PROBLEM}"])
        errors = []
        known = {f.name for f in transition.inputs}
        for extra in sorted(set(data) - known):
            errors.append(f"{extra}: not an input of {transition.code}")
        for spec in transition.inputs:
            value = data.get(spec.name)
            if value is None or value == "" or value == []:
                if spec.required:
                    errors.append(f"{spec.name}: required by {transition.code}")
                continue
            problem = _type_problem(spec.type, value)
            if problem:
                errors.append(f"{spec.name}: {problem}")
        if errors:
            raise BadUserInput("; ".join(errors), errors=errors)
        return data

    async def _check_limits(self, session: AsyncSession, case: Case, transition: Transition,
                            now: dt.datetime) -> None:
        for code in transition.within:
            for deadline in await self.deadlines(session, case.id, code):
                expired = deadline.status == "expired" or (
                    deadline.status == "running" and now >= deadline.due_at)
                if expired:
                    raise TimeLimitExpired(
                        f"{transition.code} was due by {deadline.due_on.isoformat()} "
                        f"({deadline.code}, {deadline.legal_basis})",
                        limit=deadline.code, dueOn=deadline.due_on.isoformat())

    @staticmethod
    def check_idempotency_key(key: str | None) -> None:
        """Refuse, before anything is read or written, a key the table cannot hold."""
        if not key:
            return
        limit = IdempotencyKey.__table__.c.key.type.length
        if limit is not None and len(key) > limit:
            raise BadUserInput(f"idempotencyKey: at most {limit} characters, not {len(key)}",
                               argument="idempotencyKey", limit=limit)
        problem = text_problem(key)
        if problem:
            raise BadUserInput(f"idempotencyKey: {problem}", argument="idempotencyKey")

    @staticmethod
    async def check_references(session: AsyncSession, object_id: int | None,
                               applicant_id: int | None) -> None:
        """The IP object and the applicant a new case names exist (NOT_FOUND if not)."""
        from ipreg.core.model import IPObject, Party

        for value, table, what, argument in ((object_id, IPObject, "IP object", "objectId"),
                                             (applicant_id, Party, "party", "applicantId")):
            if value is None:
                continue
            if database_id(value) is None or await session.scalar(
                    select(table.id).where(table.id == value)) is None:
                raise NotFound(f"{argument}: there is no {what} {value}", argument=argument)

    # ------------------------------------------------------------------ acting

    async def open_case(self, session: AsyncSession, procedure_code: str, principal: Principal,
                        data: Mapping[str, Any] | None = None, *, transition: str | None = None,
                        object_id: int | None = None, applicant_id: int | None = None,
                        request_id: str | None = None,
                        idempotency_key: str | None = None) -> tuple[Case, bool]:
        """Open a case with one of the procedure's opening transitions.

        Returns the case and whether it is a replay of an earlier request with the
        same idempotency key.
        """
        self.check_idempotency_key(idempotency_key)
        principal = self.runtime.registry.bind(principal)
        procedure = self.procedure(procedure_code)
        openings = procedure.opening()
        chosen = next((t for t in openings if t.code == transition), None) if transition else (
            openings[0] if len(openings) == 1 else None)
        if chosen is None:
            raise BadUserInput(f"{procedure_code} opens with one of: "
                               f"{', '.join(t.code for t in openings)}")
        operation = _fingerprint("open", procedure_code, chosen.code, object_id, applicant_id,
                                 data)
        replay = await self._replay(session, principal, idempotency_key, operation)
        if replay is not None:
            return replay, True
        if applicant_id is None and principal.party_id is not None and (
                principal.roles(procedure.jurisdiction) & APPLICANT_SIDE_ROLES):
            applicant_id = principal.on_behalf_of or principal.party_id
        self._check_role(principal, chosen, None, procedure.jurisdiction, applicant_id)
        clean = self.check_input(chosen, data)
        await self.check_references(session, object_id, applicant_id)
        now = self.now()
        assert chosen.target is not None
        case = Case(jurisdiction=procedure.jurisdiction, procedure=procedure.code,
                    state=chosen.target, object_id=object_id, applicant_id=applicant_id,
                    data={}, opened_at=now)
        session.add(case)
        await session.flush()
        case.number = f"{procedure.jurisdiction.upper()}-{now.year}-{case.id:06d}"
        await self._apply(session, procedure, chosen, case, principal, clean, now, None,
                          request_id)
        await self._remember(session, principal, idempotency_key, operation, case)
        return case, False

    async def perform(self, session: AsyncSession, case_id: int, transition_code: str,
                      principal: Principal, data: Mapping[str, Any] | None = None, *,
                      expected_version: int | None = None, request_id: str | None = None,
                      idempotency_key: str | None = None) -> tuple[Case, bool]:
        """Perform a transition on a case; see the module docstring for the guarantees."""
        self.check_idempotency_key(idempotency_key)
        principal = self.runtime.registry.bind(principal)
        operation = _fingerprint("perform", case_id, transition_code, expected_version, data)
        replay = await self._replay(session, principal, idempotency_key, operation)
        if replay is not None:
            return replay, True
        case = await self.load_case(session, case_id)
        procedure = self.procedure(case.procedure)
        transition = procedure.transitions.get(transition_code)
        if transition is None:
            raise BadUserInput(f"{procedure.code} has no transition {transition_code!r}")
        if expected_version is not None and case.version != expected_version:
            raise Conflict(f"case {case.number} is at version {case.version}, not "
                           f"{expected_version}: reload it", currentVersion=case.version)
        self._check_role(principal, transition, case, procedure.jurisdiction, None)
        if transition.opens_case or case.state not in transition.source:
            raise InvalidTransition(
                f"{transition.code} is not possible in state {case.state!r}; possible from: "
                f"{', '.join(sorted(transition.source)) or 'no state (it opens a case)'}",
                state=case.state)
        clean = self.check_input(transition, data)
        now = self.now()
        await self._check_limits(session, case, transition, now)
        from_state = case.state
        await self._apply(session, procedure, transition, case, principal, clean, now,
                          from_state, request_id)
        await self._remember(session, principal, idempotency_key, operation, case)
        return case, False

    async def _bump_version(self, session: AsyncSession, case: Case) -> None:
        """Version + 1, only if nobody else changed the case since it was read."""
        loaded = case.version
        bumped = await session.execute(
            update(Case).where(Case.id == case.id, Case.version == loaded)
            .values(version=loaded + 1).execution_options(synchronize_session=False))
        if bumped.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict(f"case {case.number} was changed by someone else meanwhile: "
                           "reload it and try again", caseId=case.id)
        set_committed_value(case, "version", loaded + 1)

    async def _apply(self, session: AsyncSession, procedure: Procedure, transition: Transition,
                     case: Case, principal: Principal, data: dict[str, Any], now: dt.datetime,
                     from_state: str | None, request_id: str | None) -> None:
        ctx = TransitionContext(self, session, procedure, transition, case, principal, data,
                                now, request_id)
        if transition.guard is not None:
            reason = await _maybe(transition.guard(ctx))
            if reason:
                raise PreconditionFailed(f"{transition.code}: {reason}")
        if transition.target is not None:
            case.state = transition.target
        for effect in transition.effects:
            await effect(ctx)
        await self._move_limits(ctx)
        if case.state in procedure.final_states():
            case.closed_at = now
            for deadline in await self.deadlines(session, case.id):
                if deadline.status in OPEN:
                    deadline.status = "cancelled"
                    deadline.closed_at = now
        for notice in transition.notices:
            for addressee_id, role in await _maybe(notice.addressees(ctx)):
                ctx.notify(kind=notice.kind, subject=notice.subject, addressee_id=addressee_id,
                           addressee_role=role, channel=notice.channel, body=notice.body)
        seq = int(await session.scalar(
            select(func.coalesce(func.max(CaseStep.seq), 0)).where(CaseStep.case_id == case.id)
        ) or 0) + 1
        session.add(CaseStep(
            case_id=case.id, seq=seq, transition=transition.code, from_state=from_state,
            to_state=case.state, actor=principal.describe(), actor_kind=principal.kind,
            actor_party_id=principal.party_id, on_behalf_of=principal.on_behalf_of,
            roles=sorted(principal.roles(procedure.jurisdiction)), input=_jsonable(data),
            request_id=request_id, at=now))
        case.data = {**(case.data or {}), "lastTransition": transition.code}
        await session.flush()
        if from_state is not None:
            await self._bump_version(session, case)
        record_change(session, "case", case, "create" if from_state is None else "update",
                      lambda: case_snapshot(case), jurisdiction=case.jurisdiction)
        _audit(session, principal=principal, action=transition.code, entity="case",
               entity_id=case.id, before={"state": from_state} if from_state else None,
               after={"state": case.state, "input": _jsonable(data)},
               jurisdiction=case.jurisdiction, request_id=request_id)

    async def _move_limits(self, ctx: TransitionContext) -> None:
        t, case, session = ctx.transition, ctx.case, ctx.session
        procedure = ctx.procedure
        for code in t.stops:
            owed = bool(procedure.time_limits[code].owed_by)
            for deadline in await ctx.deadlines(code):
                if owed and (deadline.status == "expired" or (
                        deadline.status == "running" and ctx.now >= deadline.due_at)):
                    # The authority acted, but after its own time limit: on the record.
                    deadline.history = [*deadline.history, {
                        "action": "performed late", "at": ctx.now.isoformat(),
                        "transition": t.code}]
                    deadline.status = "late"
                    deadline.closed_at = deadline.closed_at or ctx.now
                elif deadline.status in OPEN:
                    deadline.status = "met"
                    deadline.closed_at = ctx.now
        for code in t.suspends:
            for deadline in await ctx.deadlines(code):
                if deadline.status == "running":
                    deadline.status = "suspended"
                    deadline.suspended_at = ctx.now
                    deadline.remaining_days = max((deadline.due_on - ctx.today).days, 0)
        for code in t.resumes:
            for deadline in await ctx.deadlines(code):
                if deadline.status == "suspended":
                    deadline.status = "running"
                    deadline.due_on = ctx.calendar.next_working_day(
                        ctx.today + dt.timedelta(days=deadline.remaining_days or 0))
                    deadline.due_at = ctx.calendar.end_of_day(deadline.due_on)
                    deadline.history = [*deadline.history, {
                        "action": "resumed", "at": ctx.now.isoformat(),
                        "suspendedAt": deadline.suspended_at.isoformat()
                        if deadline.suspended_at else None,
                        "to": deadline.due_on.isoformat()}]
                    deadline.remaining_days = None
                    deadline.suspended_at = None
        for code in t.starts:
            for deadline in await ctx.deadlines(code):
                if deadline.status in OPEN:
                    deadline.status = "cancelled"
                    deadline.closed_at = ctx.now
            session.add(self._new_deadline(procedure.time_limits[code], case, ctx))

    def _new_deadline(self, limit: TimeLimit, case: Case, ctx: TransitionContext) -> CaseDeadline:
        start = ctx.limit_starts.get(limit.code, ctx.today)
        if limit.deemed_received_after_days is not None:
            start = start + dt.timedelta(days=limit.deemed_received_after_days)
        due_on = ctx.calendar.last_day(start, limit.duration,
                                       roll_to_working_day=limit.roll_to_working_day)
        return CaseDeadline(case_id=case.id, code=limit.code, status="running",
                            legal_basis=limit.legal_basis, starts_on=start, due_on=due_on,
                            due_at=ctx.calendar.end_of_day(due_on), history=[],
                            created_at=ctx.now)

    # ------------------------------------------------------------------ idempotency

    async def _replay(self, session: AsyncSession, principal: Principal, key: str | None,
                      operation: str) -> Case | None:
        if not key:
            return None
        row = (await session.execute(select(IdempotencyKey).where(
            IdempotencyKey.principal == principal.describe(), IdempotencyKey.key == key))
        ).scalar_one_or_none()
        if row is None:
            return None
        if row.operation != operation:
            raise BadUserInput(f"idempotency key {key!r} was used for a different request")
        return await self.load_case(session, int(row.result["caseId"]))

    async def _remember(self, session: AsyncSession, principal: Principal, key: str | None,
                        operation: str, case: Case) -> None:
        if not key:
            return
        session.add(IdempotencyKey(principal=principal.describe(), key=key, operation=operation,
                                   result={"caseId": case.id, "version": case.version}))
        try:
            await session.flush()
        except IntegrityError as exc:
            raise Conflict(f"a request with idempotency key {key!r} is being processed; "
                           "retry it to get its result") from exc

    # ------------------------------------------------------------------ time

    async def tick(self, *, batch: int = 100) -> list[dict[str, Any]]:
        """Expire every due time limit once and apply its consequence.

        Each limit is claimed and handled in its own transaction; on PostgreSQL
        rows another replica holds are skipped (``FOR UPDATE SKIP LOCKED``), and
        on any database the claim is a conditional update, so two replicas never
        apply one consequence twice. Running it again changes nothing.
        """
        applied: list[dict[str, Any]] = []
        skipped: set[int] = set()
        while True:
            now = self.now()
            async with self.runtime.sessionmaker() as session:
                stmt = (select(CaseDeadline.id)
                        .where(CaseDeadline.status == "running", CaseDeadline.due_at <= now)
                        .order_by(CaseDeadline.due_at, CaseDeadline.id).limit(batch))
                if skipped:
                    stmt = stmt.where(CaseDeadline.id.not_in(skipped))
                ids = list((await session.execute(stmt)).scalars())
            if not ids:
                return applied
            for deadline_id in ids:
                outcome = await self._expire_one(deadline_id, now)
                if outcome is None:
                    skipped.add(deadline_id)
                else:
                    applied.append(outcome)

    async def _expire_one(self, deadline_id: int, now: dt.datetime) -> dict[str, Any] | None:
        async with self.runtime.sessionmaker() as session:
            stmt = select(CaseDeadline).where(CaseDeadline.id == deadline_id,
                                              CaseDeadline.status == "running")
            if session.bind.dialect.name == "postgresql":
                stmt = stmt.with_for_update(skip_locked=True)
            deadline = (await session.execute(stmt)).scalar_one_or_none()
            if deadline is None:
                return None
            claimed = await session.execute(
                update(CaseDeadline)
                .where(CaseDeadline.id == deadline_id, CaseDeadline.status == "running")
                .values(status="expired", closed_at=now)
                .execution_options(synchronize_session=False))
            if claimed.rowcount != 1:
                await session.rollback()
                return None
            set_committed_value(deadline, "status", "expired")
            set_committed_value(deadline, "closed_at", now)
            case = await self.load_case(session, deadline.case_id)
            procedure = self.procedure(case.procedure)
            limit = procedure.time_limits.get(deadline.code)
            outcome: dict[str, Any] = {"case": case.number, "limit": deadline.code,
                                       "consequence": None}
            consequence = procedure.transitions.get(limit.on_expiry) if (
                limit and limit.on_expiry) else None
            if consequence is not None and case.state in consequence.source:
                try:
                    await self._apply(session, procedure, consequence, case, SYSTEM,
                                      {"expiredLimit": deadline.code} if any(
                                          i.name == "expiredLimit" for i in consequence.inputs)
                                      else {}, now, case.state, None)
                except Conflict:
                    await session.rollback()
                    return None
                except IpregError as error:
                    # The consequence's own rules refuse it now: the limit still expires,
                    # and the refusal is on the record for an official to act on.
                    await session.rollback()
                    return await self._expire_without_consequence(deadline_id, now, error)
                outcome["consequence"] = consequence.code
            else:
                _audit(session, principal=SYSTEM, action="time_limit_expired", entity="case",
                       entity_id=case.id, after={"limit": deadline.code},
                       jurisdiction=case.jurisdiction)
            if limit is not None and limit.owed_by:
                outcome["notified"] = _notify_overdue(session, case, deadline, limit, now)
            await session.commit()
            return outcome


    async def _expire_without_consequence(self, deadline_id: int, now: dt.datetime,
                                          error: IpregError) -> dict[str, Any] | None:
        async with self.runtime.sessionmaker() as session:
            claimed = await session.execute(
                update(CaseDeadline)
                .where(CaseDeadline.id == deadline_id, CaseDeadline.status == "running")
                .values(status="expired", closed_at=now)
                .execution_options(synchronize_session=False))
            if claimed.rowcount != 1:
                return None
            deadline = await session.get(CaseDeadline, deadline_id)
            assert deadline is not None
            case = await self.load_case(session, deadline.case_id)
            _audit(session, principal=SYSTEM, action="consequence_failed", entity="case",
                   entity_id=case.id, after={"limit": deadline.code, "error": error.code,
                                             "message": error.message},
                   jurisdiction=case.jurisdiction)
            outcome: dict[str, Any] = {"case": case.number, "limit": deadline.code,
                                       "consequence": None, "failed": error.code}
            limit = self.procedure(case.procedure).time_limits.get(deadline.code)
            if limit is not None and limit.owed_by:
                outcome["notified"] = _notify_overdue(session, case, deadline, limit, now)
            await session.commit()
            return outcome


def _audit(session: AsyncSession, **record: Any) -> None:
    """Write the audit record of an action in the same transaction."""
    record_audit(session, **record)


def _notify_overdue(session: AsyncSession, case: Case, deadline: CaseDeadline,
                    limit: TimeLimit, now: dt.datetime) -> list[str]:
    """Tell the officials who owe an expired limit that it passed: one notification per
    role, in the transaction that expires it (so once, however often the tick runs)."""
    name = limit.names.get("en") or limit.code
    roles = sorted(limit.owed_by)
    for role in roles:
        enqueue(session, kind=OVERDUE_NOTICE,
                subject=f"Time limit passed in case {case.number}: {name}",
                body=f"{name} ({limit.legal_basis}) was due by {deadline.due_on.isoformat()} "
                     f"in case {case.number} ({case.procedure}, state {case.state}); "
                     "the act is still owed.",
                addressee_id=None, addressee_role=role, case_id=case.id,
                payload={"caseNumber": case.number, "limit": limit.code,
                         "legalBasis": limit.legal_basis, "dueOn": deadline.due_on.isoformat()},
                jurisdiction=case.jurisdiction, created_at=now)
    return roles


def _type_problem(kind: str, value: Any) -> str | None:
    if kind == "string" and not isinstance(value, str):
        return "must be a string"
    if kind == "int" and (not isinstance(value, int) or isinstance(value, bool)
                          or not -MAX_DATABASE_ID <= value <= MAX_DATABASE_ID):
        return "must be a whole number (64-bit)"
    if kind == "bool" and not isinstance(value, bool):
        return "must be true or false"
    if kind == "date":
        try:
            return date_problem(dt.date.fromisoformat(str(value)))
        except ValueError:
            return f"{value!r} is not a date (YYYY-MM-DD)"
    if kind == "id" and database_id(value) is None:
        return "must be an id (a whole number from 1 to 2**63-1)"
    if kind == "list" and not isinstance(value, list):
        return "must be a list"
    return None


def _jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data, default=str))


def _fingerprint(*parts: Any) -> str:
    raw = json.dumps(parts, sort_keys=True, default=str)
    return f"{parts[0]}:{parts[2]}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


__all__ = ["OVERDUE_NOTICE", "ProcedureEngine", "TransitionContext", "case_snapshot"]
