"""Search fields of the GI register (digest §4.7): the product name, the geographical area,
the product class (UKTZED) and the applicant, each public on published applications; the
claimed name in any script is the core's ``name`` with its transliterations as keywords."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ipreg.core.extension import SearchField


def _ours(doc: Mapping[str, Any]) -> bool:
    return doc.get("jurisdiction") == "ua_gi"


def product(doc: Mapping[str, Any]) -> Sequence[str]:
    return [g["description"] for g in doc.get("goods") or [] if _ours(doc)
            and g.get("description")]


def area(doc: Mapping[str, Any]) -> Sequence[str]:
    return [doc["description"]] if _ours(doc) and doc.get("description") else []


def product_class(doc: Mapping[str, Any]) -> Sequence[str]:
    return [c for g in doc.get("goods") or [] if _ours(doc) for c in g.get("hsCodes") or []]


def applicant(doc: Mapping[str, Any]) -> Sequence[str]:
    return [h["name"] for h in doc.get("holders") or [] if _ours(doc) and h.get("name")]


FIELDS = [SearchField("uaGiProduct", product, public=True),
          SearchField("uaGiArea", area, public=True),
          SearchField("uaGiProductClass", product_class, public=True),
          SearchField("uaGiApplicant", applicant, public=True)]

__all__ = ["FIELDS", "applicant", "area", "product", "product_class"]
