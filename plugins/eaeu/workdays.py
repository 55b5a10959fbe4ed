"""The working-day calendar of the Eurasian Economic Commission (Moscow).

[Assumption, outside the seeds] The Commission sits in Moscow; its time limits
are counted here in the Moscow time zone on the production calendar of the
Russian Federation: Saturday and Sunday off, the non-working public holidays of
Labour Code Article 112 part 1, the carry-over of Article 112 part 2 and the
Government's yearly decree on transfers of days off (2025: Decree No. 1335 of
4 October 2024; 2026: the decree signed on 24 September 2025), with its working
Saturdays (1 November 2025). The core builds it from the ``holidays`` package
(``country_calendar``); a deployment adds decrees published after the installed
release with ``IPREG_CALENDAR_TRANSFERS`` (docs/calendars.md). Replace this with
the Commission's own calendar when known.

Time limits counted on it in working days (plugins/eaeu/terms.py): Regs item 23
(``formalCheck``, ``completenessDecision``), Regs item 9 paragraph 11 and item 18
paragraph 4 (``refusalToConsiderNotice``), Regs item 24 (``dispatchToCcas``) and
the amendment, prolongation and exclusion requests (P.SP.01.PRC.002-005); limits
in calendar days that end on a day off move to the next working day of it.
"""

from __future__ import annotations

from ipreg.core.procedures import WorkCalendar, country_calendar

JURISDICTION = "eaeu"
TIMEZONE = "Europe/Moscow"


def calendar() -> WorkCalendar:
    """The Commission's calendar, with the deployment's transfers read now."""
    return country_calendar("RU", jurisdiction=JURISDICTION, timezone=TIMEZONE)
