"""Ukrainian IP enforcement registers, as an ipreg plugin."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ipreg import hookimpl
from ipreg.core.extension import Jurisdiction


@hookimpl
def ipreg_register_jurisdictions() -> Iterable[Jurisdiction]:
    return [
        Jurisdiction(
            "ukraine",
            {
                "en": "Ukraine: IP enforcement registers",
                "uk": "Україна: реєстри захисту інтелектуальної власності",
                "ru": "Украина: реестры защиты интеллектуальной собственности",
            },
            plugin="ukraine",
        )
    ]


@hookimpl
def ipreg_register_demo_loaders() -> Iterable[Any]:
    from ipreg.plugins.ukraine.demo import load_demo

    return [load_demo]


@hookimpl
def ipreg_register_calendars() -> Iterable[Any]:
    """Ukraine's working days in Kyiv: Labour Code Art. 73 and 67, and martial law (Law
    No. 2136-IX Art. 6 part 6; ``IPREG_CALENDAR_UA_MARTIAL_LAW``, docs/calendars.md)."""
    from ipreg.core.procedures import country_calendar

    return [country_calendar("UA", jurisdiction="ukraine")]
