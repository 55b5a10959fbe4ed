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

__all__ = [
    "SYSTEM_ROLE",
    "Duration",
    "InputField",
    "Notice",
    "Procedure",
    "State",
    "TimeLimit",
    "Transition",
    "Unit",
    "WorkCalendar",
    "add_months",
    "build",
    "days",
    "months",
    "working_days",
]
