"""Procedures as data: states, transitions and time limits a plugin declares.

A plugin returns :class:`Procedure` values from ``ipreg_register_procedures``.
Each :class:`Transition` carries its legal code (``P.SP.01.OPR.017``), the roles
allowed to perform it, the input it requires, a guard, its effects, the notices
it sends and the time limits it starts, stops, suspends or resumes. The engine
(:mod:`ipreg.core.procedures.engine`) interprets them; nothing of a procedure
lives in a GraphQL resolver.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ipreg.core.procedures.calendar import Duration
from ipreg.core.services.validation import FormSpec

if TYPE_CHECKING:
    from ipreg.core.procedures.context import TransitionContext

#: A guard returns None when the transition may happen, else the reason it may not.
Guard = Callable[["TransitionContext"], "str | Awaitable[str | None] | None"]
Effect = Callable[["TransitionContext"], Awaitable[None]]
#: Who receives a notice: (party id, role) pairs computed from the context.
Recipients = Sequence[tuple[int | None, str]]
Addressees = Callable[["TransitionContext"], "Recipients | Awaitable[Recipients]"]

#: Role of the engine itself, e.g. for the consequence of an expired limit.
SYSTEM_ROLE = "system"

INPUT_TYPES = ("string", "int", "date", "bool", "id", "json", "list")


@dataclass(frozen=True)
class InputField:
    """One item of input a transition requires or accepts.

    ``form`` declares the shape of a ``json`` item (an object of that form) or of
    the elements of a ``list`` item (a ``list`` without a form is a list of strings):
    the typed GraphQL input of the act (:func:`ipreg.schema.inputs.act_input`) is
    generated from it, while the act's guard still reads and checks the same dict.
    """

    name: str
    type: str = "string"
    required: bool = True
    description: str = ""
    form: FormSpec | None = None

    def __post_init__(self) -> None:
        if self.type not in INPUT_TYPES:
            raise ValueError(f"input type {self.type!r} is not one of {INPUT_TYPES}")
        if self.form is not None and self.type not in ("json", "list"):
            raise ValueError(f"{self.name}: only a json or list input has a form")


@dataclass(frozen=True)
class State:
    code: str
    names: Mapping[str, str]
    final: bool = False


@dataclass(frozen=True)
class Notice:
    """A notification a transition sends, written to the outbox in its transaction."""

    kind: str
    subject: str
    addressees: Addressees
    channel: str = "inbox"
    body: str = ""


@dataclass(frozen=True)
class TimeLimit:
    """A time limit of the law, with where its value comes from."""

    code: str
    names: Mapping[str, str]
    duration: Duration
    legal_basis: str
    #: Where the value comes from when the seeds do not state it.
    source: str = ""
    #: The transition applied (as the system) when the limit expires, if any.
    on_expiry: str | None = None
    #: A notice is deemed received this many days after dispatch; the limit counts from then.
    deemed_received_after_days: int | None = None
    #: Does a period ending on a non-working day move to the next working day?
    roll_to_working_day: bool = True
    #: The roles whose holders must act within the limit when it binds the authority
    #: itself (the office's own deadlines: an examination, a decision, a dispatch); empty
    #: for a limit a party must meet. A limit owed by an authority is in
    #: :func:`ipreg.core.procedures.overdue.overdue_time_limits` once its time is up,
    #: its expiry notifies these roles (once), and an act that stops it late leaves it
    #: ``late``, not ``met``.
    owed_by: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Transition:
    code: str
    names: Mapping[str, str]
    #: States the case must be in; empty means the transition opens a new case.
    source: frozenset[str]
    #: State after it; None keeps the state.
    target: str | None
    roles: frozenset[str]
    inputs: tuple[InputField, ...] = ()
    guard: Guard | None = None
    effects: tuple[Effect, ...] = ()
    notices: tuple[Notice, ...] = ()
    #: Time limits started (or restarted) by this transition.
    starts: tuple[str, ...] = ()
    #: Time limits this transition satisfies: their clocks stop.
    stops: tuple[str, ...] = ()
    #: Running time limits that must not have expired for this transition to be allowed.
    within: tuple[str, ...] = ()
    suspends: tuple[str, ...] = ()
    resumes: tuple[str, ...] = ()
    legal_basis: str = ""

    @property
    def opens_case(self) -> bool:
        return not self.source


@dataclass(frozen=True)
class Procedure:
    code: str
    jurisdiction: str
    names: Mapping[str, str]
    states: Mapping[str, State]
    transitions: Mapping[str, Transition]
    time_limits: Mapping[str, TimeLimit] = field(default_factory=dict)
    legal_basis: str = ""

    def __post_init__(self) -> None:
        for t in self.transitions.values():
            unknown = (set(t.source) | ({t.target} if t.target else set())) - set(self.states)
            if unknown:
                raise ValueError(f"{self.code} {t.code}: unknown states {sorted(unknown)}")
            limits = set(t.starts) | set(t.stops) | set(t.within) | set(t.suspends) | set(
                t.resumes)
            missing = limits - set(self.time_limits)
            if missing:
                raise ValueError(f"{self.code} {t.code}: unknown time limits {sorted(missing)}")
        for limit in self.time_limits.values():
            if limit.on_expiry and limit.on_expiry not in self.transitions:
                raise ValueError(f"{self.code} {limit.code}: unknown transition {limit.on_expiry}")
            if SYSTEM_ROLE in limit.owed_by:
                raise ValueError(f"{self.code} {limit.code}: the engine owes no time limit; "
                                 "name the roles of the officials who must act")
            if limit.on_expiry and SYSTEM_ROLE not in self.transitions[limit.on_expiry].roles:
                raise ValueError(f"{self.code} {limit.on_expiry} is an expiry consequence: "
                                 f"give it the role {SYSTEM_ROLE!r}")
        if not any(t.opens_case for t in self.transitions.values()):
            raise ValueError(f"{self.code}: no transition opens a case")

    def opening(self) -> list[Transition]:
        return [t for t in self.transitions.values() if t.opens_case]

    def final_states(self) -> set[str]:
        return {s.code for s in self.states.values() if s.final}


def build(code: str, jurisdiction: str, names: Mapping[str, str], *, states: Sequence[State],
          transitions: Sequence[Transition], time_limits: Sequence[TimeLimit] = (),
          legal_basis: str = "") -> Procedure:
    """Declare a procedure from lists (checks that codes are unique)."""
    def index(items: Sequence[Any], what: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in items:
            if item.code in out:
                raise ValueError(f"{code}: {what} {item.code} declared twice")
            out[item.code] = item
        return out

    return Procedure(code, jurisdiction, names, index(states, "state"),
                     index(transitions, "transition"), index(time_limits, "time limit"),
                     legal_basis)


