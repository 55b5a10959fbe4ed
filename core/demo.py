"""What a plugin's demo loader (hook ``ipreg_register_demo_loaders``) shares with the
others: ``ipreg demo`` runs the loaders in production code, so this is not a test helper.

A demo drives the register's procedures through a history of months in one run: its
runtime's clock is a :class:`DemoClock` the loader moves to the day of each act, and
leaves at the demo's "today" (``runtime.clock = DemoClock(day)``).
"""

from __future__ import annotations

import datetime as dt


class DemoClock:
    """A runtime clock (``runtime.clock``: called for the time) that stands still at
    ``time`` UTC of a day until the demo moves it: :meth:`at` another day, or ``now``
    set or advanced directly (``clock.now += dt.timedelta(hours=1)``)."""

    def __init__(self, day: dt.date, time: dt.time = dt.time(8, 0)) -> None:
        self.time = time
        self.now = self._on(day)

    def at(self, day: dt.date) -> None:
        """Move to ``day``, at the clock's time of day."""
        self.now = self._on(day)

    def __call__(self) -> dt.datetime:
        return self.now

    def _on(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.time, tzinfo=dt.UTC)


__all__ = ["DemoClock"]
