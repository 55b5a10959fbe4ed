"""What a transition's guards, effects and notices see, and what they may do.

A plugin's procedures are written against :class:`TransitionContext` (exported
from :mod:`ipreg.core.procedures`): the case, the caller, the input, the time,
and the session of the transition's one transaction. Beside what the engine
needs it offers what every register does in its effects: read and add to the
case's data (:attr:`TransitionContext.data`, :meth:`TransitionContext.put`),
record a decision (:meth:`TransitionContext.decide`), move time limits, and
write notifications. :func:`to_applicant` and :func:`notice` declare the most
common notice, the one to the case's applicant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth.principal import Principal
from ipreg.core.errors import PreconditionFailed
from ipreg.core.model import Case, CaseDeadline, CaseStep, Decision, Notification
from ipreg.core.notify.outbox import enqueue
from ipreg.core.procedures.calendar import Duration, WorkCalendar
from ipreg.core.procedures.definition import Addressees, Notice, Procedure, Transition

if TYPE_CHECKING:
    from ipreg.core.procedures.engine import ProcedureEngine

#: States of a time limit whose clock has not ended (running, or stopped for a while).
OPEN = ("running", "suspended")
#: Numbers a decision: a fixed number, or a function of the session giving the next one.
Numbering = str | Callable[[AsyncSession], Awaitable[str]]


@dataclass
class TransitionContext:
    """What guards and effects see, and what they may do."""

    engine: ProcedureEngine
    session: AsyncSession
    procedure: Procedure
    transition: Transition
    case: Case
    principal: Principal
    input: dict[str, Any]
    now: dt.datetime
    request_id: str | None = None
    notes: list[str] = field(default_factory=list)
    #: Days the limits this transition starts count from, when not from today
    #: (:meth:`count_from`).
    limit_starts: dict[str, dt.date] = field(default_factory=dict)

    @property
    def calendar(self) -> WorkCalendar:
        return self.engine.calendar(self.procedure.jurisdiction)

    @property
    def today(self) -> dt.date:
        return self.calendar.today(self.now)

    async def deadlines(self, code: str | None = None) -> list[CaseDeadline]:
        return await self.engine.deadlines(self.session, self.case.id, code)

    async def steps(self) -> list[CaseStep]:
        rows = await self.session.execute(
            select(CaseStep).where(CaseStep.case_id == self.case.id).order_by(CaseStep.seq))
        return list(rows.scalars())

    async def extend_limit(self, code: str, by: Duration, basis: str) -> CaseDeadline:
        """Extend a running or suspended limit by ``by`` from its current last day."""
        deadline = await self._open_deadline(code)
        old = deadline.due_on
        deadline.due_on = self.calendar.last_day(old, by)
        deadline.due_at = self.calendar.end_of_day(deadline.due_on)
        deadline.history = [*deadline.history, {
            "action": "extended", "at": self.now.isoformat(), "from": old.isoformat(),
            "to": deadline.due_on.isoformat(), "by": by.describe(), "basis": basis}]
        return deadline

    async def start_limit(self, code: str, duration: Duration, basis: str) -> CaseDeadline:
        """Start the procedure's time limit ``code`` today for ``duration`` instead of the
        declared one (a term the filer chose within the law's maximum); a running or
        suspended one of the same code is cancelled. Declare the limit on the procedure
        as usual (its legal basis, ``on_expiry``, ``owed_by``), and do not also list it
        in the transition's ``starts``."""
        for deadline in await self.deadlines(code):
            if deadline.status in OPEN:
                deadline.status = "cancelled"
                deadline.closed_at = self.now
        limit = replace(self.procedure.time_limits[code], duration=duration)
        row = self.engine._new_deadline(limit, self.case, self)
        row.history = [{"action": "started", "at": self.now.isoformat(),
                        "for": duration.describe(), "basis": basis}]
        self.session.add(row)
        await self.session.flush()
        return row

    async def restore_limit(self, code: str, period: Duration, basis: str) -> CaseDeadline:
        """Restore an expired limit: it runs again for ``period`` from today."""
        rows = await self.deadlines(code)
        expired = [d for d in rows if d.status == "expired"]
        if not expired:
            raise PreconditionFailed(f"time limit {code} has not expired: nothing to restore")
        deadline = expired[-1]
        deadline.status = "running"
        deadline.closed_at = None
        deadline.due_on = self.calendar.last_day(self.today, period)
        deadline.due_at = self.calendar.end_of_day(deadline.due_on)
        deadline.history = [*deadline.history, {
            "action": "restored", "at": self.now.isoformat(),
            "to": deadline.due_on.isoformat(), "basis": basis}]
        return deadline

    def count_from(self, code: str, day: dt.date) -> None:
        """Count the limit ``code`` this transition starts from the event on ``day`` (e.g.
        the day a notice is received or deemed received) instead of from today."""
        if code not in self.transition.starts:
            raise ValueError(f"{self.transition.code} does not start the limit {code}")
        self.limit_starts[code] = day

    async def recount_limit(self, code: str, day: dt.date, basis: str) -> CaseDeadline:
        """Count a running or suspended limit again from the event on ``day`` (the day a
        notice was actually received, say), with the same duration; in its history."""
        deadline = await self._open_deadline(code)
        limit = self.procedure.time_limits[code]
        old = deadline.due_on
        deadline.starts_on = day
        deadline.due_on = self.calendar.last_day(day, limit.duration,
                                                 roll_to_working_day=limit.roll_to_working_day)
        deadline.due_at = self.calendar.end_of_day(deadline.due_on)
        deadline.history = [*deadline.history, {
            "action": "recounted", "at": self.now.isoformat(), "from": old.isoformat(),
            "to": deadline.due_on.isoformat(), "countedFrom": day.isoformat(), "basis": basis}]
        return deadline

    def move_to(self, state: str) -> None:
        """Move the case to ``state``, for a transition declared with ``target=None`` whose
        state after it depends on the case (back to the state recorded before a suspension,
        say); a state the procedure does not declare is an error."""
        if self.transition.target is not None:
            raise ValueError(f"{self.transition.code} has a fixed target state")
        if state not in self.procedure.states:
            raise ValueError(f"{self.procedure.code} has no state {state!r}")
        self.case.state = state

    async def perform(self, case_id: int, code: str,
                      data: Mapping[str, Any] | None = None) -> Case:
        """Perform a transition of another case as the system, in this transaction (a
        case the law ties to this act: an opposition made moot by the application's
        withdrawal); its guards, limits, notices and audit apply as for any act."""
        from ipreg.core.auth import SYSTEM

        case, _ = await self.engine.perform(self.session, case_id, code, SYSTEM, data,
                                            request_id=self.request_id)
        return case

    async def _open_deadline(self, code: str) -> CaseDeadline:
        for deadline in reversed(await self.deadlines(code)):
            if deadline.status in OPEN:
                return deadline
        raise PreconditionFailed(f"time limit {code} is not running in case {self.case.number}")

    # ---------------------------------------------------------------- case data and decisions

    @property
    def data(self) -> dict[str, Any]:
        """A copy of the case's data; change it with :meth:`put`."""
        return dict(self.case.data or {})

    def put(self, **values: Any) -> None:
        """Add ``values`` to the case's data (replacing keys already there)."""
        self.case.data = {**(self.case.data or {}), **values}

    async def decide(self, kind: str, outcome: str, *, number: Numbering | None = None,
                     grounds: str | None = None) -> Decision:
        """Record a decision of the case, dated today (in the jurisdiction's calendar).

        ``number`` is the decision's number, or a function that draws the next one
        from the register's own numbering in this transaction
        (``number=next_decision_number``); without it the decision has none.
        """
        drawn = number if number is None or isinstance(number, str) else (
            await number(self.session))
        row = Decision(case_id=self.case.id, kind=kind, number=drawn, date=self.today,
                       outcome=outcome, grounds=grounds, created_at=self.now)
        self.session.add(row)
        await self.session.flush()
        return row

    def notify(self, *, kind: str, subject: str, addressee_id: int | None,
               addressee_role: str | None, channel: str = "inbox", body: str = "",
               payload: Mapping[str, Any] | None = None) -> Notification:
        """Write a notification to the outbox, in this transition's transaction."""
        return enqueue(
            self.session, kind=kind, subject=subject, body=body, addressee_id=addressee_id,
            addressee_role=addressee_role, channel=channel, case_id=self.case.id,
            payload={"transition": self.transition.code, "caseNumber": self.case.number,
                     **(payload or {})},
            jurisdiction=self.case.jurisdiction, created_at=self.now)


def to_applicant(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    """Addressees of a notice to the case's applicant."""
    return [(ctx.case.applicant_id, "applicant")]


def notice(kind: str, subject: str, to: Addressees = to_applicant, body: str = "",
           channel: str = "inbox") -> Notice:
    """A :class:`Notice` of a transition, to the applicant unless ``to`` says otherwise."""
    return Notice(kind, subject, to, channel=channel, body=body)


__all__ = ["OPEN", "Numbering", "TransitionContext", "notice", "to_applicant"]
