"""Kyiv working days for each Ukrainian register.

All three registers count on Ukraine's calendar: Saturdays and Sundays off, the
public holidays of the Labour Code Art. 73 with their Art. 67 transfers, and the
martial-law rule (Law No. 2136-IX Art. 6 part 6: while martial law lasts, the
holidays are working days), as configuration: ``IPREG_CALENDAR_UA_MARTIAL_LAW`` and
``IPREG_CALENDAR_TRANSFERS`` (docs/calendars.md). Days end in Europe/Kyiv.
"""

from __future__ import annotations

from ipreg.core.procedures import WorkCalendar, country_calendar

#: Where a Ukrainian authority's day ends.
KYIV = "Europe/Kyiv"


def ukraine_calendar(jurisdiction: str) -> WorkCalendar:
    """Ukraine's working-day calendar under the name of one register's jurisdiction
    (build it in the register's ``ipreg_register_calendars``, once, at start-up)."""
    return country_calendar("UA", jurisdiction=jurisdiction, timezone=KYIV)


__all__ = ["KYIV", "ukraine_calendar"]
