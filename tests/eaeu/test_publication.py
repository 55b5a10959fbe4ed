"""Publication (R174 p.12(6), p.16, Appendix 1 "Признак публикации"; digest §4.12).

Walks every field of the EAEU types in the live schema for an anonymous caller:
each field is classified in ``PUBLICATION`` by its Appendix 1 item, and is either
published (and then present) or null or empty, without an error (issue 14), its
description saying it is not published. The same fields are
present for an official, so the emptiness is the visibility rule, not missing data.
"""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema
from strawberry.relay import to_base64

from ipreg.core.model import StoredFile
from ipreg.plugins.eaeu.graphql.visibility import PUBLICATION
from ipreg.plugins.eaeu.samples import natural_person
from ipreg.schema.build import build_schema

JPEG = "1" * 64
#: The representative is a legal entity: it has no identity document (R174 A1 T2 6).
NOT_APPLICABLE = {"representative.identityDocument"}


def _unwrap(gtype: Any) -> Any:
    while isinstance(gtype, GraphQLNonNull | GraphQLList):
        gtype = gtype.of_type
    return gtype


def _selection(schema: GraphQLSchema, gtype: Any, depth: int = 0) -> str:
    """Every scalar below ``gtype`` (objects expanded, interfaces by ``__typename``)."""
    named = _unwrap(gtype)
    if not isinstance(named, GraphQLObjectType):
        return ""
    parts = []
    for name, field in named.fields.items():
        inner = _unwrap(field.type)
        if isinstance(inner, GraphQLObjectType):
            if depth < 6 and not name.endswith("pageInfo"):
                parts.append(f"{name} {{ __typename {_selection(schema, inner, depth + 1)} }}")
        elif hasattr(inner, "fields"):  # an interface: the IP objects of a case
            parts.append(f"{name} {{ __typename }}")
        else:
            parts.append(name)
    return " ".join(parts)


def _paths(schema: GraphQLSchema) -> list[tuple[str, str]]:
    """(path, selection) for every field of the entry, children of published composites too."""
    entry = schema.type_map["EaeuRegisterEntry"]
    assert isinstance(entry, GraphQLObjectType)
    out: list[tuple[str, str]] = []

    def walk(gtype: GraphQLObjectType, prefix: str) -> None:
        for name, field in gtype.fields.items():
            path = f"{prefix}{name}"
            inner = _unwrap(field.type)
            children = [k for k in PUBLICATION if k.startswith(f"{path}.")]
            if isinstance(inner, GraphQLObjectType) and children:
                walk(inner, f"{path}.")
            elif isinstance(inner, GraphQLObjectType):
                out.append((path, f"{name} {{ __typename {_selection(schema, inner)} }}"))
            else:
                out.append((path, name))

    walk(entry, "")
    return out


def _nest(path: str, selection: str) -> str:
    *parents, _ = path.split(".")
    for parent in reversed(parents):
        selection = f"{parent} {{ {selection} }}"
    return selection


def _value(data: Any, path: str) -> list[Any]:
    """Values at ``path``, flattening lists on the way."""
    values = [data]
    for key in path.split("."):
        nxt = []
        for value in values:
            if value is None:
                continue
            items = value if isinstance(value, list) else [value]
            nxt += [item.get(key) if isinstance(item, dict) else None for item in items]
        values = nxt
    return values


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


async def _full_entry(eaeu: Any) -> str:
    async with eaeu.rt.sessionmaker() as session:
        session.add(StoredFile(sha256=JPEG, size=20_000, media_type="image/jpeg",
                               original_name="mark.jpg"))
        await session.commit()
    form = eaeu.form(0, representative=eaeu.representative_firm)
    form["images"] = [JPEG]
    form["rightHolders"].append(natural_person(eaeu.rng))  # T2 6: an individual's document
    form["authorizedPersons"] = [natural_person(eaeu.rng)]
    form["goods"][0]["exemptionCircumstances"] = "Ввоз лицензиатом"
    form["powersOfAttorney"] = [{"kindName": "Доверенность", "number": "1-Д"}]
    opened = await eaeu.open("P.SP.01.PRC.001", eaeu.applicant, {"forms": [form]})
    ids = opened.data["objects"]
    await eaeu.act(opened.id, "P.SP.01.OPR.004", eaeu.commission)
    await eaeu.act(opened.id, "P.SP.01.OPR.006", eaeu.commission)
    await eaeu.all_verify(opened.id, ids)
    await eaeu.act(opened.id, "P.SP.01.OPR.018", eaeu.commission)
    await eaeu.act(opened.id, "P.SP.01.OPR.019.SECURITY", eaeu.applicant,
                   {"security": {"kind": "insurance_contract"}})
    case = await eaeu.act(opened.id, "P.SP.01.OPR.021", eaeu.commission)
    return str(case.data["included"][0]["registrationNumber"])


@pytest.mark.legal("R174 p.12(6)", "R174 p.14")
async def test_anonymous_callers_see_exactly_the_published_items(eaeu: Any) -> None:
    """R174 Appendix 1: published T1 3, 4, 5, 5.1-5.1.4, 5.2, 5.4, 5.5, 5.9, 6, 6.1-6.3;
    not published T1 1, 2, 4.1, 5.3, 5.6, 5.7, 5.8, 6.4, 6.5, 7, 8, 9 (digest §4.12)."""
    number = await _full_entry(eaeu)
    schema = build_schema(eaeu.rt.registry, eaeu.rt.settings)._schema
    paths = _paths(schema)
    unclassified = [p for p, _ in paths if p not in PUBLICATION]
    assert unclassified == [], "classify these fields in visibility.PUBLICATION"
    checked = 0
    for path, selection in paths:
        query = f'{{ eaeuEntry(registrationNumber: "{number}") {{ {_nest(path, selection)} }} }}'
        anonymous = await eaeu.gql(query)
        official = await eaeu.gql(query, viewer=eaeu.commission)
        assert "errors" not in official, (path, official["errors"])
        seen = _value(official["data"]["eaeuEntry"], path)
        if path not in NOT_APPLICABLE:
            assert seen and not all(_empty(v) for v in seen), f"{path}: no data to test with"
        item, published = PUBLICATION[path]
        if published:
            assert "errors" not in anonymous, (path, anonymous["errors"])
            values = _value(anonymous["data"]["eaeuEntry"], path)
            assert values == seen, f"{path} ({item}) is published: anonymous sees it"
        else:
            # Null or empty, never an error: a client's whole answer must not fail for it.
            assert "errors" not in anonymous, (path, anonymous["errors"])
            values = _value(anonymous["data"]["eaeuEntry"], path)
            assert all(_empty(v) for v in values), f"{path} ({item}) is not published: {values}"
        checked += 1
    assert checked == len(paths) > 60


@pytest.mark.legal("R174 A1 T2 4")
async def test_the_entrys_own_parties_see_everything_strangers_only_what_is_published(
        eaeu: Any) -> None:
    """Unpublished items for officials and the entry's own right holder/representative."""
    number = await _full_entry(eaeu)
    query = ('query($n: String!) { eaeuEntry(registrationNumber: $n) { keywords '
             'rightTerms { country } application { number } '
             'rightHolders { taxpayerId } eaeuGoods { turnover { legality } } } }')
    for viewer in (eaeu.applicant, eaeu.representative, eaeu.ccas["KG"], eaeu.commission):
        entry = (await eaeu.data(query, {"n": number}, viewer))["eaeuEntry"]
        assert entry["keywords"] and entry["rightTerms"] and entry["application"]
        assert entry["rightHolders"][0]["taxpayerId"] and entry["eaeuGoods"][0]["turnover"]
    entry = (await eaeu.data(query, {"n": number}, eaeu.stranger))["eaeuEntry"]
    assert entry == {"keywords": [], "rightTerms": [], "application": None,
                     "rightHolders": [{"taxpayerId": None}] * 2,
                     "eaeuGoods": [{"turnover": []} for _ in entry["eaeuGoods"]]}


@pytest.mark.legal("R174 p.12(6)")
async def test_unpublished_entries_and_cases_are_hidden(eaeu: Any) -> None:
    """Declared objects, excluded entries, cases and the CCA change sets are not public."""
    case = await eaeu.open("P.SP.01.PRC.001", eaeu.applicant, {"forms": [eaeu.form()]})
    data = await eaeu.data("{ eaeuEntries { totalCount } ipObjects { totalCount } }")
    assert data == {"eaeuEntries": {"totalCount": 0}, "ipObjects": {"totalCount": 0}}
    q = "query($id: ID!) { eaeuCase(id: $id) { number } }"
    case_id = to_base64("EaeuCase", case.id)
    assert (await eaeu.data(q, {"id": case_id}))["eaeuCase"] is None
    assert (await eaeu.data(q, {"id": case_id}, eaeu.stranger))["eaeuCase"] is None
    assert (await eaeu.data(q, {"id": case_id}, eaeu.applicant))["eaeuCase"]["number"]
    # node(id:) answers as eaeuCase does: nothing for others, the case for its applicant
    node = "query($id: ID!) { node(id: $id) { ... on EaeuCase { number } } }"
    assert (await eaeu.data(node, {"id": case_id}))["node"] is None
    assert (await eaeu.data(node, {"id": case_id}, eaeu.applicant))["node"]["number"]
    assert (await eaeu.data("{ eaeuCases { totalCount } }"))["eaeuCases"]["totalCount"] == 0
    for field in ("eaeuUpdateTimes { registerPosition }", "eaeuRegisterChanges { endPosition }",
                  "eaeuTurnoverChanges { endPosition }"):
        result = await eaeu.gql(f"{{ {field} }}")
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.legal("R174 p.12(6)")
def test_every_withheld_field_may_be_empty_and_says_it_is_not_published() -> None:
    """What a client generated from the SDL learns (TypeScript: ``kpp?: string | null``
    with the description as its doc comment): every field Appendix 1 does not publish is
    nullable, or a list (then empty), and its description says it is not published."""
    from ipreg.core.plugins import Registry, make_plugin_manager

    schema = build_schema(Registry.build(make_plugin_manager(None)))._schema
    entry = schema.type_map["EaeuRegisterEntry"]
    assert isinstance(entry, GraphQLObjectType)
    wrong = []
    for path, (item, published) in PUBLICATION.items():
        if published:
            continue
        gtype: Any = entry
        for name in path.split("."):
            field = _unwrap(gtype).fields[name]
            gtype = field.type
        nullable = not isinstance(gtype, GraphQLNonNull)
        listed = isinstance(getattr(gtype, "of_type", gtype), GraphQLList)
        if not (nullable or listed):
            wrong.append(f"{path} ({item}) is non-null")
        if "not published" not in (field.description or "") and \
                "not register data" not in item:
            wrong.append(f"{path} ({item}): the description does not say it is not published: "
                         f"{field.description!r}")
    assert wrong == []
