"""Time limits as configuration: each with its legal basis, the origin of its value, and
whether that value is still provisional; a deployment overrides them through one
environment variable per table.

A register declares its table once, in its ``terms.py``::

    TERMS = TermTable("IPREG_EXAMPLE_TERMS", [
        Term("examination", working_days(10), "Rules 4.1", applies_to="T.004",
             names={"en": "Examination"}, source="Rules 4.1, in force since 2024"),
        Term("answer", days(30), "Rules 5.2 (value not in the text)", provisional=True,
             names={"en": "Answer to a request"},
             source="Not stated by the rules: a provisional default."),
    ])

and its procedures take their limits from it: ``TERMS.limit("answer", on_expiry="T.006")``.
``IPREG_EXAMPLE_TERMS="examination=15wd,answer=1m"`` then changes them for one
deployment (units: ``d`` calendar days, ``wd`` working days, ``m`` months); a
configured term is no longer provisional, and its ``source`` names the variable.
The variable is read each time the terms are asked for, so a test may set it
with ``monkeypatch.setenv`` before the runtime is built.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from ipreg.core.errors import ConfigurationError
from ipreg.core.procedures.calendar import Duration, Unit, months
from ipreg.core.procedures.definition import TimeLimit

_UNITS = {"d": Unit.CALENDAR_DAYS, "wd": Unit.WORKING_DAYS, "m": Unit.MONTHS}
_DURATION = re.compile(r"\s*(\d+)\s*(wd|d|m)\s*")


def parse_duration(text: str) -> Duration:
    """``10wd``, ``30d`` or ``1m`` as a :class:`Duration`; anything else is a
    :class:`ConfigurationError`."""
    match = _DURATION.fullmatch(text)
    if not match:
        raise ConfigurationError(f"{text!r} is not a term like 10wd, 30d or 1m")
    amount, unit = int(match.group(1)), _UNITS[match.group(2)]
    if unit is Unit.MONTHS:
        return months(amount)
    return Duration(amount, unit)


@dataclass(frozen=True)
class Term:
    """One configurable time limit with its legal reference and the origin of its value."""

    key: str
    duration: Duration
    #: The rule that sets the limit (``Regs item 25``).
    legal_basis: str
    #: The transactions or steps it governs (``P.SP.01.OPR.013-018``).
    applies_to: str = ""
    #: Where the value comes from: the text of the law, a public source, a default.
    source: str = ""
    #: Its names by language code (``{"en": ..., "ru": ...}``).
    names: Mapping[str, str] = field(default_factory=dict)
    #: True while the value is a default nobody has confirmed from the law.
    provisional: bool = False


class TermTable:
    """The terms of one register: defaults, overridden per deployment by ``env_var``."""

    def __init__(self, env_var: str, defaults: Iterable[Term]) -> None:
        self.env_var = env_var
        self.defaults: dict[str, Term] = {}
        for term in defaults:
            if term.key in self.defaults:
                raise ConfigurationError(f"{env_var}: the term {term.key!r} is declared twice")
            self.defaults[term.key] = term

    def terms(self, environ: Mapping[str, str] | None = None) -> dict[str, Term]:
        """The terms in force: the defaults, overridden by ``KEY=TERM,...`` in the variable."""
        out = dict(self.defaults)
        raw = (os.environ if environ is None else environ).get(self.env_var, "")
        for item in filter(None, (part.strip() for part in raw.split(","))):
            key, sep, value = item.partition("=")
            if not sep or key.strip() not in out:
                raise ConfigurationError(
                    f"{self.env_var}: {item!r} is not KEY=TERM with KEY one of {sorted(out)}")
            term = out[key.strip()]
            out[term.key] = replace(
                term, duration=parse_duration(value), provisional=False,
                source=f"Configured by {self.env_var} ({term.legal_basis}).")
        return out

    def __getitem__(self, key: str) -> Term:
        """The term ``key`` in force."""
        return self.terms()[key]

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms().values())

    def limit(self, key: str, *, on_expiry: str | None = None,
              deemed_received_after_days: int | None = None,
              roll_to_working_day: bool = True,
              owed_by: Iterable[str] = ()) -> TimeLimit:
        """The term ``key`` in force as a procedure's :class:`TimeLimit` (same code);
        ``owed_by``: the roles of the officials who must act within it, for a limit the
        authority itself must meet (see :attr:`TimeLimit.owed_by`)."""
        term = self[key]
        return TimeLimit(key, dict(term.names), term.duration, legal_basis=term.legal_basis,
                         source=term.source, on_expiry=on_expiry,
                         deemed_received_after_days=deemed_received_after_days,
                         roll_to_working_day=roll_to_working_day, owed_by=frozenset(owed_by))


__all__ = ["Term", "TermTable", "parse_duration"]
