"""The procedure engine: declarative state machines, time limits, consequences."""

from ipreg.core.procedures.calendar import (
    Duration,
    Unit,
    WorkCalendar,
    add_months,
    days,
    months,
    working_days,
)
from ipreg.core.procedures.context import TransitionContext, notice, to_applicant
from ipreg.core.procedures.definition import (
    SYSTEM_ROLE,
    InputField,
    Notice,
    Procedure,
    State,
    TimeLimit,
    Transition,
    build,
)
from ipreg.core.procedures.terms import Term, TermTable, parse_duration

__all__ = [
    "SYSTEM_ROLE",
    "Duration",
    "InputField",
    "Notice",
    "Procedure",
    "State",
    "Term",
    "TermTable",
    "TimeLimit",
    "Transition",
    "TransitionContext",
    "Unit",
    "WorkCalendar",
    "add_months",
    "build",
    "days",
    "months",
    "notice",
    "parse_duration",
    "to_applicant",
    "working_days",
]
