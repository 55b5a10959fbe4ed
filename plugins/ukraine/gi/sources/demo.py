"""Demo determinations (GI rules V.8.4-8.5): a generic-name determination cited by a
refusal, and a variety determination that finds no ground, citing the sample editions."""

from __future__ import annotations

from typing import Any

V84_DEMO_ID = "V.8.4-1"


def generic(term: str) -> dict[str, Any]:
    """A V.8.4 determination that the name has become generic (the demo's refusals)."""
    return {"determination": {
        "term": term, "generic": True,
        "territory": "Україна: назва вживається виробниками різних регіонів",
        "reasons": "Назва вживається як назва виду продукції, а не її походження",
        "facts": [{
            "description": "Назву подано в довідкових джерелах як назву виду сиру",
            "productGroup": "0406 Сири всіх видів, кисломолочний сир",
            "sources": [{"source": "uktzed", "edition": "sample-2025", "entry": "0406"},
                        {"source": "reference", "edition": "sample-2025",
                         "entry": "бринза", "reference": "с. 91"}]}]}}


def variety(term: str) -> dict[str, Any]:
    """A V.8.5 determination on a grape variety's name that finds no ground."""
    cite = [{"source": "ua_varieties", "edition": "sample-2025-11", "entry": term},
            {"source": "application", "reference": "специфікація, розділ S4"}]

    def answer(yes: bool, why: str) -> dict[str, Any]:
        return {"answer": yes, "reasons": why, "sources": cite}

    return {"determination": {
        "term": term, "kind": "variety",
        "usedBeforeFiling": answer(True, "Сорт занесено до Реєстру до дати подання"),
        "misleadsAsToOrigin": answer(False, "Назва вказує на сорт, місце походження "
                                     "зазначено окремо"),
        "madeFromThatRawMaterial": answer(True, "Продукт виготовлено з винограду цього "
                                          "сорту"),
        "bonaFideUse": answer(True, "Назву сорту вживають сумлінно"),
        "spreadBeyondOrigin": answer(True, "Сорт вирощують і поза місцем походження"),
        "reasons": "Підстави для відмови за V.8.5 немає"}}


__all__ = ["V84_DEMO_ID", "generic", "variety"]
