"""The procedure engine: declarative state machines, time limits, consequences."""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from ipreg.core.procedures.engine import ProcedureEngine


def __getattr__(name: str) -> Any:
    # The engine imports the model, the feed and the audit trail, which import this
    # package's definitions: it is loaded on first use (as ``runtime.procedures`` does).
    if name == "ProcedureEngine":
        from ipreg.core.procedures.engine import ProcedureEngine

        return ProcedureEngine
    raise AttributeError(name)

__all__ = [
    "SYSTEM_ROLE",
    "Duration",
    "InputField",
    "Notice",
    "Procedure",
    "ProcedureEngine",
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
