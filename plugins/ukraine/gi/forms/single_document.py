"""The single document (єдиний документ, Appendix 3; GI rules II.6; digest §2.6):
sections D1-D8 (VR-35); at most 2,500 words as a rule (a warning)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec
from ipreg.plugins.ukraine.gi.forms.common import KINDS, GiReader

WORD_LIMIT = 2500
RULE = "VR-35 (GI rules II.6.1, II.6.3)"

SINGLE_DOCUMENT = FormSpec("singleDocument", "The single document, sections D1-D8 (GI rules "
                           "II.6; Appendix 3).", (
    F("kind", description="D1 kind", rule="GI rules II.6.3 ¶2", required=True, codes=KINDS),
    F("claimedName", description="D2 claimed name", rule="GI rules II.6.3 ¶3", required=True),
    F("productName", description="D3 product name", rule="GI rules II.6.3 ¶4", required=True),
    F("description", description="D4 product description", rule="GI rules II.6.5",
      required=True),
    F("productionMethod", description="D5 production method", rule="GI rules II.6.6",
      required=True),
    F("packagingLabelling", description="D6 packaging and labelling rules, or «немає»",
      rule="GI rules II.6.7", required=True),
    F("boundaries", description="D7 boundaries of the area", rule="GI rules II.6.8",
      required=True),
    F("link", description="D8 the link", rule="GI rules II.6.9", required=True),
))

#: D2-D8 with the point of the Rules each follows (GI rules II.6.2: the specification's main
#: provisions and the link).
POINTS = {"claimedName": "II.6.3", "productName": "II.6.3", "description": "II.6.5",
          "productionMethod": "II.6.6", "packagingLabelling": "II.6.7", "boundaries": "II.6.8",
          "link": "II.6.9"}
SECTIONS = tuple(POINTS)


def read_single_document(reader: GiReader, value: Any, path: str) -> dict[str, Any] | None:
    data = reader.mapping(value, path, SINGLE_DOCUMENT)
    if data is None:
        return None
    out: dict[str, Any] = {"kind": reader.code(data, "kind", path, KINDS, required=True,
                                               rule=RULE)}
    for key in SECTIONS:
        out[key] = reader.text(data, key, path, required=True, limit=30000,
                               rule=f"VR-35 (GI rules {POINTS[key]})")
    return out


def word_count(document: Mapping[str, Any]) -> int:
    return sum(len(str(document.get(k) or "").split()) for k in SECTIONS)


def single_document_warnings(document: Mapping[str, Any]) -> list[str]:
    count = word_count(document)
    if count > WORD_LIMIT:
        return [f"singleDocument: {count} words, more than {WORD_LIMIT} (VR-35, GI rules "
                "II.6.1)"]
    return []


__all__ = ["SINGLE_DOCUMENT", "WORD_LIMIT", "read_single_document",
           "single_document_warnings", "word_count"]
