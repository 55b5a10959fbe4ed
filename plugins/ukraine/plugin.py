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
