"""The procedure engine: declarative state machines, time limits, consequences."""

from typing import TYPE_CHECKING, Any

from ipreg.core.procedures.calendar import (
    Duration,
    Unit,
    WorkCalendar,
    YearDays,
    add_months,
    days,
    months,
    working_days,
)
from ipreg.core.procedures.context import TransitionContext, notice, to_applicant
from ipreg.core.procedures.countries import (
    COUNTRY_ZONES,
    MartialLaw,
    Transfers,
    country_calendar,
    load_transfers,
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
    "COUNTRY_ZONES",
    "SYSTEM_ROLE",
    "Duration",
    "InputField",
    "MartialLaw",
    "Notice",
    "Procedure",
    "ProcedureEngine",
    "State",
    "Term",
    "TermTable",
    "TimeLimit",
    "Transfers",
    "Transition",
    "TransitionContext",
    "Unit",
    "WorkCalendar",
    "YearDays",
    "add_months",
    "build",
    "country_calendar",
    "days",
    "load_transfers",
    "months",
    "notice",
    "parse_duration",
    "to_applicant",
    "working_days",
]
