"""The officials' overdue list: the time limits the authority itself owes, across cases.

A procedure marks a limit its own officials must meet (an examination, a decision,
a dispatch) with :attr:`~ipreg.core.procedures.definition.TimeLimit.owed_by`, the
roles that must act (``TERMS.limit("formalCheck", owed_by={"commission_official"})``).
For every such limit the engine

* lists it here once its time is up, or is about to be (``due_within`` days), for
  every open case of the jurisdiction (:func:`overdue_time_limits`; the GraphQL
  query ``overdueTimeLimits`` pages it);
* when the tick expires it, writes the ``time_limit_expired`` audit record and one
  notification per owing role (kind :data:`~ipreg.core.procedures.engine.OVERDUE_NOTICE`,
  addressed to the role: every official holding it in the case's jurisdiction reads
  it in ``inbox``), in the one transaction that expires it, so a second tick sends
  nothing again;
* when an act stops it after its time was up, records it as ``late`` (with the act
  in its history) rather than ``met``, and it leaves the list.

A limit owed by a party (an answer, a payment) is not in the list: its expiry has
its own consequence (``on_expiry``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, or_, select

from ipreg.core.errors import BadUserInput
from ipreg.core.model import Case, CaseDeadline
from ipreg.core.procedures.definition import Procedure, TimeLimit

#: The furthest ``due_within`` looks ahead, in days.
MAX_DUE_WITHIN = 366


@dataclass(frozen=True)
class OwedLimit:
    """A time limit of a procedure that the authority's officials owe."""

    procedure: Procedure
    limit: TimeLimit


def owed_limits(procedures: Iterable[Procedure], jurisdiction: str,
                roles: Collection[str] | None = None) -> list[OwedLimit]:
    """The limits owed by officials in the procedures of ``jurisdiction`` (by one of
    ``roles``, when given)."""
    return [OwedLimit(p, limit) for p in procedures if p.jurisdiction == jurisdiction
            for limit in p.time_limits.values() if limit.owed_by and (
                roles is None or limit.owed_by & set(roles))]


def check_due_within(due_within: int | None, argument: str = "dueWithin") -> None:
    """``BAD_USER_INPUT`` naming ``argument`` unless None or 0..:data:`MAX_DUE_WITHIN`."""
    if due_within is not None and not 0 <= due_within <= MAX_DUE_WITHIN:
        raise BadUserInput(f"{argument} must be between 0 and {MAX_DUE_WITHIN} days, "
                           f"not {due_within}", argument=argument)


def overdue_time_limits(procedures: Iterable[Procedure], jurisdiction: str, *,
                        now: dt.datetime, today: dt.date,
                        due_within: int | None = None,
                        roles: Collection[str] | None = None) -> Select[Any] | None:
    """The ``case_deadline`` rows (with their case's procedure as ``case_procedure``)
    the officials of ``jurisdiction`` must act on.

    Limits owed by officials (:attr:`TimeLimit.owed_by`) in cases still open that
    expired and are still owed (``expired``), that are running with their time up
    (``due_at`` passed; the next tick expires them), and, with ``due_within``, that are
    running and due on or before ``today`` + ``due_within`` days. Suspended limits are
    not in it (their clock is stopped), nor ``met``, ``late`` or ``cancelled`` ones.
    ``today`` is the jurisdiction's day at ``now`` (its calendar's
    :meth:`~ipreg.core.procedures.calendar.WorkCalendar.today`). None: no procedure
    of the jurisdiction owes a limit (to one of ``roles``: the roles of the officials
    asking; None: every role). The caller orders and pages the statement.
    """
    check_due_within(due_within)
    owed = owed_limits(procedures, jurisdiction, roles)
    if not owed:
        return None
    which = or_(*(and_(Case.procedure == o.procedure.code, CaseDeadline.code == o.limit.code)
                  for o in owed))
    due: list[Any] = [CaseDeadline.status == "expired",
                      and_(CaseDeadline.status == "running", CaseDeadline.due_at <= now)]
    if due_within is not None:
        due.append(and_(CaseDeadline.status == "running",
                        CaseDeadline.due_on <= today + dt.timedelta(days=due_within)))
    return (select(CaseDeadline.__table__, Case.procedure.label("case_procedure"))
            .join(Case, Case.id == CaseDeadline.case_id)
            .where(Case.jurisdiction == jurisdiction, Case.closed_at.is_(None), which,
                   or_(*due)))


def days_overdue(due_on: dt.date, today: dt.date) -> int:
    """Days since the last day of the limit: 1 the day after it, 0 on it, negative
    before it (-2: two days left)."""
    return (today - due_on).days


def declared_limit(procedures: Mapping[str, Procedure], procedure: str,
                   code: str) -> TimeLimit | None:
    """The declaration of the limit ``code`` of ``procedure`` (None if not installed)."""
    found = procedures.get(procedure)
    return found.time_limits.get(code) if found is not None else None


__all__ = [
    "MAX_DUE_WITHIN",
    "OwedLimit",
    "check_due_within",
    "days_overdue",
    "declared_limit",
    "overdue_time_limits",
    "owed_limits",
]
