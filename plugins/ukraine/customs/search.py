"""Search fields of the customs register: its entries are core IP objects, so the core
``search`` finds a mark here and in the EAEU register at once (by name, register number
and owner, with ``matchedAs``). Added here: the UKTZED codes of an entry's goods, for
officials checking a declaration (CC Art. 397; not public: customs data)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ipreg.core.extension import SearchField


def _uktzed(document: Mapping[str, Any]) -> Sequence[str]:
    if document.get("jurisdiction") != "ua_customs":
        return []
    out: list[str] = []
    for goods in document.get("goods") or []:
        out += [str(c) for c in (goods.get("hsCodes") or [])]
    return out


def search_fields() -> list[SearchField]:
    return [SearchField("uaCustomsUktzed", _uktzed, public=False)]


__all__ = ["search_fields"]
