"""What a plugin's demo loader (hook ``ipreg_register_demo_loaders``) shares with the
others: ``ipreg demo`` runs the loaders in production code, so this is not a test helper.

A demo drives the register's procedures through a history of months in one run: its
runtime's clock is a :class:`DemoClock` the loader moves to the day of each act, and
leaves at the demo's "today" (``runtime.clock = DemoClock(day)``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ipreg.core.auth import Principal
    from ipreg.core.model import Case
    from ipreg.core.procedures import ProcedureEngine


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


class DemoActs:
    """A demo's acts through the procedure engine, as the demo's principals, in the
    loader's one session (``ipreg demo`` commits it): a demo's driver class derives
    from it and sets ``self.session`` and ``self.engine``. Idempotency replays do not
    happen in a demo, so each returns only the case."""

    session: AsyncSession
    engine: ProcedureEngine

    async def open(self, procedure: str, who: Principal, data: dict[str, Any] | None,
                   **kw: Any) -> Case:
        """Open a case of ``procedure`` with its opening act (``transition=``,
        ``object_id=`` ... as :meth:`ProcedureEngine.open_case` takes them)."""
        case, _ = await self.engine.open_case(self.session, procedure, who, data, **kw)
        return case

    async def act(self, case: Case, code: str, who: Principal,
                  data: dict[str, Any] | None = None) -> Case:
        """Perform the act ``code`` on ``case``."""
        done, _ = await self.engine.perform(self.session, case.id, code, who, data)
        return done


__all__ = ["DemoActs", "DemoClock"]
