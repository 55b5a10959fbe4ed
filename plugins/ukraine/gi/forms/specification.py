"""The product specification (специфікація товару, Appendix 2; GI rules II.4; digest
§2.4): sections S1-S9 (VR-34) and the product rules VR-36-VR-40."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec, join_path
from ipreg.plugins.ukraine.gi.forms.common import KINDS, NAMED_ADDRESS, GiReader

#: VR-36: the UKTZED groups (2-digit chapters) the Agri-food GI Law covers. The law's list
#: is not in the seed: configuration, ``IPREG_UA_GI_AGRI_FOOD_UKTZED`` (default chapters
#: 01-24, agricultural products and foodstuffs).
AGRI_FOOD_ENV = "IPREG_UA_GI_AGRI_FOOD_UKTZED"
#: VR-37: spirit drink categories of art. 1 part 2 of the Spirits GI Law (not in the seed:
#: the categories named here are examples; «спиртний напій» always fits).
SPIRIT_CATEGORIES = ("спиртний напій", "горілка", "бренді", "коньяк", "віскі", "ром",
                     "джин", "лікер", "настоянка", "бальзам", "самогон", "ракія")
NONE = ("немає", "відсутні", "none")


def agri_food_chapters() -> frozenset[str]:
    raw = os.environ.get(AGRI_FOOD_ENV, "")
    if raw.strip():
        return frozenset(p.strip() for p in raw.split(",") if p.strip())
    return frozenset(f"{n:02d}" for n in range(1, 25))


SPECIFICATION = FormSpec("specification", "The product specification, sections S1-S9 "
                         "(GI rules II.4; Appendix 2).", (
    F("kind", description="S1 kind of GI", rule="GI rules II.4.2", required=True, codes=KINDS),
    F("claimedName", description="S2 claimed name", rule="GI rules II.4.3", required=True),
    F("productName", description="S3 product name", rule="GI rules II.4.4", required=True),
    F("uktzedCodes", description="S3 UKTZED codes of the products", rule="GI rules II.4.4 ¶2",
      many=True),
    F("spiritCategory", description="S3 spirit drink category (art. 1 part 2 of the "
      "Spirits GI Law) or «спиртний напій»", rule="GI rules II.4.4 ¶3"),
    F("description", description="S4 product description", rule="GI rules II.4.5",
      required=True),
    F("animalOrigin", "bool", "S4 a product of animal origin", "GI rules II.4.5 ¶12"),
    F("externalFeedPercent", "int", "S4 share of feed from outside the place (dry matter, "
      "annual basis), percent", "GI rules II.4.5 ¶13", minimum=0, maximum=100),
    F("externalFeedJustification", description="S4 why 100 % local feed is impossible",
      rule="GI rules II.4.5 ¶13"),
    F("rawMaterialsElsewhere", "bool", "S4 raw materials from another place (designation of "
      "origin)", "GI rules II.4.5 ¶11"),
    F("rawMaterialPlace", description="S4 the raw materials' place of production",
      rule="GI rules II.4.5 ¶11"),
    F("rawMaterialConditions", description="S4 special production conditions of the raw "
      "materials", rule="GI rules II.4.5 ¶11"),
    F("rawMaterialControl", description="S4 methods of control", rule="GI rules II.4.5 ¶11"),
    F("boundaries", description="S5 boundaries of the geographical area",
      rule="GI rules II.4.6", required=True),
    F("boundaryCoordinates", description="S5 geographic coordinates of the boundaries",
      rule="GI rules II.4.6 ¶2"),
    F("productionMethod", description="S6 production method (and packaging)",
      rule="GI rules II.4.7", required=True),
    F("link", description="S7 link with the geographical environment or place",
      rule="GI rules II.4.8", required=True),
    F("labelling", description="S8 specific labelling rules, or «немає»",
      rule="GI rules II.4.9", required=True),
    F("competentAuthority", NAMED_ADDRESS, "S9 the competent authority", "GI rules II.4.10",
      required=True),
    F("conformityBodies", NAMED_ADDRESS, "S9 conformity assessment bodies",
      "GI rules II.4.10", many=True),
))

SECTION_RULE = "VR-34 (GI rules II.4.2-4.10)"


def read_specification(reader: GiReader, value: Any, path: str, *, regime: str, kind: str | None
                       ) -> dict[str, Any] | None:
    data = reader.mapping(value, path, SPECIFICATION)
    if data is None:
        return None
    out: dict[str, Any] = {}
    out["kind"] = reader.code(data, "kind", path, KINDS, required=True,
                              rule="VR-34 (GI rules II.4.2)")
    for key, point in (("claimedName", "II.4.3"), ("productName", "II.4.4"),
                       ("boundaries", "II.4.6"), ("productionMethod", "II.4.7"),
                       ("link", "II.4.8"), ("labelling", "II.4.9")):
        out[key] = reader.text(data, key, path, required=True, limit=20000,
                               rule=f"VR-34 (GI rules {point})")
    out["description"] = reader.ukrainian(data, "description", path, required=True,
                                          rule="VR-34 (GI rules II.4.5)")
    out["competentAuthority"] = reader.named(data, "competentAuthority", path, required=True,
                                             rule="VR-31 (GI rules II.4.10)")
    out["conformityBodies"] = reader.each(
        data, "conformityBodies", path,
        lambda v, p: reader.named_value(v, p, required=True, rule="VR-31 (GI rules II.4.10)"))
    codes = reader.strings(data, "uktzedCodes", path, rule="VR-36 (GI rules II.4.4 ¶2)")
    out["uktzedCodes"] = codes
    if regime == "agri_food":
        if not codes:
            reader.problems.add(join_path(path, "uktzedCodes"), "an agri-food product needs "
                                "its UKTZED codes", rule="VR-36 (GI rules II.4.4 ¶2)",
                                code="required")
        chapters = agri_food_chapters()
        for i, code in enumerate(codes):
            if not code.isdigit() or code[:2] not in chapters:
                reader.problems.add(f"{join_path(path, 'uktzedCodes')}[{i}]",
                                    f"{code!r} is not in a UKTZED group the Agri-food GI Law "
                                    "covers", rule="VR-36 (GI rules II.4.4 ¶2)")
    category = reader.text(data, "spiritCategory", path, limit=200,
                           rule="VR-37 (GI rules II.4.4 ¶3)")
    if regime == "spirit_drink" and (category is None
                                     or category.lower() not in SPIRIT_CATEGORIES):
        reader.problems.add(join_path(path, "spiritCategory"), "a spirit drink needs a "
                            "category of art. 1 part 2 of the Spirits GI Law or «спиртний "
                            "напій»", rule="VR-37 (GI rules II.4.4 ¶3)")
    out["spiritCategory"] = category
    animal = reader.boolean(data, "animalOrigin", path, default=False)
    percent = reader.integer(data, "externalFeedPercent", path, minimum=0, maximum=100,
                             rule="VR-38 (GI rules II.4.5 ¶12-13)")
    justification = reader.text(data, "externalFeedJustification", path, limit=5000)
    if animal and percent and not justification:
        reader.problems.add(join_path(path, "externalFeedJustification"), "outside feed needs "
                            "its justification", rule="VR-38 (GI rules II.4.5 ¶12-13)",
                            code="required")
    out.update(animalOrigin=animal, externalFeedPercent=percent,
               externalFeedJustification=justification)
    elsewhere = reader.boolean(data, "rawMaterialsElsewhere", path, default=False)
    out["rawMaterialsElsewhere"] = elsewhere
    for key in ("rawMaterialPlace", "rawMaterialConditions", "rawMaterialControl"):
        out[key] = reader.text(data, key, path, limit=5000)
        if elsewhere and kind == "designation_of_origin" and not out[key]:
            reader.problems.add(join_path(path, key), "raw materials from another place need "
                                "their place, conditions and control methods",
                                rule="VR-39 (GI rules II.4.5 ¶11)", code="required")
    out["boundaryCoordinates"] = reader.text(data, "boundaryCoordinates", path, limit=5000)
    return out


def specification_warnings(spec: Mapping[str, Any]) -> list[str]:
    """VR-40 (W): boundaries by coordinates or by reference to named territories."""
    boundaries = spec.get("boundaries") or ""
    if not spec.get("boundaryCoordinates") and not any(
            w in boundaries.lower() for w in ("область", "район", "громад", "межі", "село",
                                              "міст", "річ")):
        return ["specification.boundaries: give coordinates or named territories "
                "(VR-40, GI rules II.4.6 ¶2)"]
    return []


__all__ = ["AGRI_FOOD_ENV", "SPECIFICATION", "SPIRIT_CATEGORIES", "agri_food_chapters",
           "read_specification", "specification_warnings"]
