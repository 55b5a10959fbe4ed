"""The working-day calendar of the Eurasian Economic Commission (Moscow).

[Assumption, outside the seeds] The Commission sits in Moscow; its time limits
are counted here in the Moscow time zone with Saturday and Sunday off and the
fixed-date non-working public holidays of the Russian Federation (Labour Code
Article 112: 1-8 January, 23 February, 8 March, 1 May, 9 May, 12 June,
4 November). Transfers of days off decided each year by the Russian Government
are not included. Replace this with the Commission's own calendar when known.
"""

from __future__ import annotations

import datetime as dt

from ipreg.core.procedures import WorkCalendar

FIXED_HOLIDAYS = ((1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (2, 23),
                  (3, 8), (5, 1), (5, 9), (6, 12), (11, 4))
YEARS = range(2018, 2041)

CALENDAR = WorkCalendar(
    "eaeu",
    timezone="Europe/Moscow",
    holidays=frozenset(dt.date(y, m, d) for y in YEARS for m, d in FIXED_HOLIDAYS),
)
