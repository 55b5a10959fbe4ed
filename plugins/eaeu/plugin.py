"""The EAEU unified customs register of IP objects, as an ipreg plugin."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ipreg import hookimpl
from ipreg.core.extension import Jurisdiction


@hookimpl
def ipreg_register_jurisdictions() -> Iterable[Jurisdiction]:
    return [
        Jurisdiction(
            "eaeu",
            {
                "en": "EAEU unified customs register of IP objects",
                "ru": "Единый таможенный реестр объектов интеллектуальной собственности ЕАЭС",
                "uk": "Єдиний митний реєстр об'єктів інтелектуальної власності ЄАЕС",
                "kk": "ЕАЭО зияткерлік меншік объектілерінің бірыңғай кедендік тізілімі",
            },
            plugin="eaeu",
        )
    ]


@hookimpl
def ipreg_register_demo_loaders() -> Iterable[Any]:
    from ipreg.plugins.eaeu.demo import load_demo

    return [load_demo]
