"""The examiner's determinations on a name that is or includes a generic name (GI rules
V.8.4) or a plant variety or animal breed name (V.8.5), each with the facts and the
sources cited (VR-46): declared once (typed GraphQL inputs of acts ``v84`` and ``v85``) and
read here with every problem's path and point."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec, join_path
from ipreg.plugins.ukraine.gi.forms.common import GiReader
from ipreg.plugins.ukraine.gi.sources.catalogue import LOADABLE, V84, V85, for_point

#: What an examiner may cite beside the official sources: the application, the additional
#: materials (V.9) and an opposition (V.8.7) — V.8.5: "from the application, additional
#: materials and official sources".
MATERIALS = ("application", "additional_materials", "opposition")
#: The five questions of V.8.5, in the order of the Rules.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("usedBeforeFiling", "Whether the name was used before the filing date"),
    ("misleadsAsToOrigin", "Whether there is a risk of misleading consumers as to the true "
                           "origin of the product"),
    ("madeFromThatRawMaterial", "Whether the product is made from raw material of that "
                                "variety or breed"),
    ("bonaFideUse", "Whether the variety or breed name is used in good faith, without "
                    "abusing the reputation of another protected sign"),
    ("spreadBeyondOrigin", "Whether production and sale spread beyond the place of origin "
                           "before the filing date"),
)

CITATION = FormSpec("nameSourceCitation", "A source cited for a determination (GI rules "
                    "V.8.4 ¶3, V.8.5 ¶2): an official source with its loaded edition, or "
                    "the application's materials.", (
    F("source", description="The source's code: an official source (uaGiNameSources) or "
      "application, additional_materials, opposition", rule="VR-46", required=True),
    F("edition", description="The edition cited (required for a loaded official source: "
      "one loaded with `ipreg ua-gi sources load`)", rule="VR-46"),
    F("entry", description="The entry cited (term, denomination, code)", rule="VR-46"),
    F("reference", description="Where in it: page, article, URL, document", rule="VR-46"),
))

FACT = FormSpec("genericUseFact", "A fact of use of the name as the name of goods of a "
                "product group (GI rules V.8.4 ¶2).", (
    F("description", description="The fact of use", rule=V84, required=True),
    F("productGroup", description="The product group, subgroup or heading it names",
      rule=V84, required=True),
    F("sources", CITATION, "The sources of the fact", V84, required=True, many=True,
      min_items=1),
))

GENERIC = FormSpec("genericDetermination", "GI rules V.8.4: whether the name (or the part "
                   "of it examined) has become generic, considering the situation in the "
                   "territory of consumption and Ukrainian legislation.", (
    F("term", description="The name or the part of it examined (e.g. «бринза»)", rule=V84,
      required=True),
    F("product", description="The product it is examined for (V.8.1 ¶1: each product "
      "separately)", rule="GI rules V.8.1"),
    F("generic", "bool", "True when the name has become generic (the ground of refusal)",
      V84, required=True),
    F("territory", description="The situation in the territory of consumption and the "
      "legislation considered", rule=V84),
    F("facts", FACT, "The facts of use as a name of a product group, subgroup or heading "
      "(at least one when generic)", V84, many=True),
    F("reasons", description="The examiner's reasons", rule=V84, required=True),
))

ANSWER = FormSpec("varietyAnswer", "The answer to one question of GI rules V.8.5 with its "
                  "reasons and sources.", (
    F("answer", "bool", "Yes or no", V85, required=True),
    F("reasons", description="Why", rule=V85, required=True),
    F("sources", CITATION, "The sources the answer rests on", V85, required=True,
      many=True, min_items=1),
))

VARIETY = FormSpec("varietyDetermination", "GI rules V.8.5: a name that includes or "
                   "reproduces a plant variety or animal breed name, the five questions each "
                   "answered with its sources.", (
    F("term", description="The variety or breed name in the claimed name", rule=V85,
      required=True),
    F("kind", description="variety or breed", rule=V85, required=True,
      codes=("variety", "breed")),
    F("product", description="The product it is examined for (V.8.1 ¶1)",
      rule="GI rules V.8.1"),
    *(F(key, ANSWER, question, V85, required=True) for key, question in QUESTIONS),
    F("reasons", description="The examiner's overall reasons", rule=V85),
))


def read_citations(reader: GiReader, data: Mapping[str, Any], path: str, point: str
                   ) -> list[dict[str, Any]]:
    """The cited sources: an official source of ``point`` (a loaded one names its edition;
    whether that edition is loaded is checked with the database) or the materials."""
    allowed = (*for_point(point), *MATERIALS)
    out = []
    for where, item in reader.items(data, "sources", path, minimum=1, rule=point):
        item = reader.mapping(item, where, CITATION)
        if item is None:
            continue
        code = reader.code(item, "source", where, allowed, required=True,
                           what=f"an official source of {point} or the materials "
                           f"({', '.join(allowed)})", rule=point)
        edition = reader.text(item, "edition", where, limit=100, rule="VR-46")
        if code in LOADABLE and not edition:
            reader.problems.add(join_path(where, "edition"), f"cite the edition of {code} "
                                "relied on (VR-46)", rule="VR-46")
        out.append({"source": code, "edition": edition,
                    "entry": reader.text(item, "entry", where, limit=500, rule="VR-46"),
                    "reference": reader.text(item, "reference", where, limit=1000,
                                             rule="VR-46"),
                    "path": where})
    return out


def read_generic(value: Any, path: str = "determination") -> dict[str, Any]:
    """V.8.4: the determination as recorded; raises every problem at once."""
    reader = GiReader()
    data = reader.mapping(value, path, GENERIC) or {}
    out: dict[str, Any] = {
        "term": reader.text(data, "term", path, required=True, limit=500, rule=V84),
        "product": reader.text(data, "product", path, limit=500, rule="GI rules V.8.1"),
        "generic": reader.boolean(data, "generic", path),
        "territory": reader.text(data, "territory", path, rule=V84),
        "reasons": reader.text(data, "reasons", path, required=True, rule=V84),
        "facts": []}
    if out["generic"] is None and "generic" not in data:
        reader.problems.add(join_path(path, "generic"), "required: is the name generic?",
                            rule=V84)
    facts = reader.items(data, "facts", path, minimum=1 if out["generic"] else 0, rule=V84)
    for where, item in facts:
        item = reader.mapping(item, where, FACT)
        if item is None:
            continue
        out["facts"].append({
            "description": reader.text(item, "description", where, required=True, rule=V84),
            "productGroup": reader.text(item, "productGroup", where, required=True,
                                        limit=500, rule=V84),
            "sources": read_citations(reader, item, where, V84)})
    reader.raise_if_any()
    return out


def read_variety(value: Any, path: str = "determination") -> dict[str, Any]:
    """V.8.5: the determination as recorded; raises every problem at once."""
    reader = GiReader()
    data = reader.mapping(value, path, VARIETY) or {}
    out: dict[str, Any] = {
        "term": reader.text(data, "term", path, required=True, limit=500, rule=V85),
        "kind": reader.code(data, "kind", path, ("variety", "breed"), required=True,
                            rule=V85),
        "product": reader.text(data, "product", path, limit=500, rule="GI rules V.8.1"),
        "reasons": reader.text(data, "reasons", path, rule=V85), "answers": {}}
    for key, question in QUESTIONS:
        where = join_path(path, key)
        if data.get(key) is None:
            reader.problems.add(where, f"required: {question.lower()}", rule=V85)
            continue
        item = reader.mapping(data.get(key), where, ANSWER)
        if item is None:
            continue
        answer = reader.boolean(item, "answer", where)
        if answer is None and "answer" not in item:
            reader.problems.add(join_path(where, "answer"), "required: yes or no", rule=V85)
        out["answers"][key] = {
            "question": question, "answer": answer,
            "reasons": reader.text(item, "reasons", where, required=True, rule=V85),
            "sources": read_citations(reader, item, where, V85)}
    reader.raise_if_any()
    return out


__all__ = ["ANSWER", "CITATION", "FACT", "GENERIC", "MATERIALS", "QUESTIONS", "VARIETY",
           "read_citations", "read_generic", "read_variety"]
