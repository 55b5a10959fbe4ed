"""Seed 000 COPIS: a recordal as an EU application for action (AFA) and back.

Export then import gives an equal recordal, for recordals generated over every kind,
origin, role and optional item (a hypothesis property), in JSON and in XML; an AFA from
the EU side with codes Ukraine does not use is refused with one error per field; the
register official imports an AFA as a recordal through GraphQL, and detentions export
with the recordal they relied on."""

from __future__ import annotations

import datetime as dt
import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ukraine.customs.customs_support import Customs, GraphQLError, database_id

from ipreg.core.errors import BadUserInput
from ipreg.plugins.ukraine.common.identifiers import edrpou_check_digit, rnokpp_check_digit
from ipreg.plugins.ukraine.customs import samples
from ipreg.plugins.ukraine.customs.codes import KINDS, REPRESENTATIVE_ROLES
from ipreg.plugins.ukraine.customs.copis import json_codec, xml_codec
from ipreg.plugins.ukraine.customs.copis.afa import afa_of_recordal, recordal_of_afa
from ipreg.plugins.ukraine.customs.forms import (
    CounterfeitData,
    DocumentData,
    GoodsItem,
    OperatorData,
    PartyData,
    Recordal,
    RepresentativeData,
    RightData,
    parse_recordal,
)

TODAY = dt.date(2026, 3, 2)
LETTERS = string.ascii_letters + "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗІЇЙЁёыэъ«»'-., "
text = st.text(alphabet=LETTERS, min_size=1, max_size=40).map(str.strip).filter(bool)
digits = st.text(alphabet=string.digits, min_size=7, max_size=7)
maybe_text = st.none() | text
day = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
future = st.dates(min_value=TODAY, max_value=dt.date(2045, 12, 31))
sha = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
countries = st.sampled_from(["UA", "DE", "PL", "FR", "CN", "TR", "MD"])


def _uktzed(draw: st.DrawFn) -> str:
    chapter = draw(st.integers(1, 97).filter(lambda c: c != 77))
    rest = draw(st.text(alphabet=string.digits, min_size=2, max_size=2)) + draw(
        st.sampled_from(["", "00", "0000", "000000"]))
    return f"{chapter:02d}{rest}"


@st.composite
def party(draw: st.DrawFn, identified: bool = False) -> PartyData:
    country = draw(countries)
    kind = draw(st.sampled_from(["legal", "natural"]))
    edrpou = rnokpp = taxpayer = None
    if country == "UA" and kind == "legal":
        seven = draw(digits)
        edrpou = seven + edrpou_check_digit(seven)
    elif country == "UA":
        nine = draw(st.text(alphabet=string.digits, min_size=9, max_size=9))
        rnokpp = nine + rnokpp_check_digit(nine)
    elif identified or draw(st.booleans()):
        taxpayer = draw(st.text(alphabet=string.ascii_uppercase + string.digits, min_size=5,
                                max_size=14))
    eori = draw(st.none() | st.text(alphabet=string.ascii_uppercase + string.digits,
                                    min_size=5, max_size=17))
    email = draw(st.none() | st.just("office@holder.example"))
    return PartyData(draw(text), country, draw(text), kind, edrpou, rnokpp, taxpayer, eori,
                     email, draw(st.none() | st.just("+380441234567")),
                     draw(st.none() | st.just("https://holder.example")))


@st.composite
def right(draw: st.DrawFn) -> RightData:
    kind = draw(st.sampled_from(sorted(KINDS)))
    origin = draw(st.sampled_from(["national", "international"]))
    classes = tuple(draw(st.lists(st.integers(1, 45), min_size=1, max_size=3, unique=True))) \
        if kind == "trademark" else ()
    goods = []
    for _ in range(draw(st.integers(1, 2))):
        goods.append(GoodsItem(
            draw(text), tuple(_uktzed(draw) for _ in range(draw(st.integers(1, 2)))),
            draw(text), tuple(draw(st.lists(sha, min_size=1, max_size=2))),
            tuple(draw(st.lists(st.sampled_from(classes), max_size=2))) if classes else (),
            draw(maybe_text), draw(st.booleans())))
    return RightData(kind, draw(text), draw(text), tuple(goods), origin, draw(st.none() | day),
                     draw(st.none() | future), classes, draw(st.none() | sha))


@st.composite
def recordals(draw: st.DrawFn) -> Recordal:
    rights = draw(st.lists(right(), min_size=1, max_size=3,
                           unique_by=lambda r: (r.kind, r.registration_number)))
    gi_only = all(r.kind == "geographical_indication" for r in rights)
    status = draw(st.sampled_from(["right_holder", "gi_operator"] if gi_only
                                  else ["right_holder"]))
    reps = []
    for role in REPRESENTATIVE_ROLES:
        for _ in range(draw(st.integers(0, 1 if role == "submitting" else 2))):
            reps.append(RepresentativeData(role, draw(party()), draw(text) if role ==
                                           "submitting" else draw(maybe_text)))
    operators = draw(st.lists(st.builds(OperatorData, st.sampled_from(
        ["importer", "exporter", "manufacturer", "distributor"]), party(identified=True)),
        max_size=3, unique_by=lambda o: (o.party.identifier, o.kind)))
    counterfeits = draw(st.lists(st.builds(
        CounterfeitData, text, st.none() | countries,
        st.lists(countries, max_size=3).map(tuple), st.none() | day), max_size=2))
    restricted = tuple(draw(st.lists(st.sampled_from(["g", "h", "i"]), unique=True)))
    documents = draw(st.lists(st.builds(DocumentData, text, maybe_text, st.none() | day),
                              min_size=1, max_size=2))
    return Recordal(draw(party()), status, tuple(documents), tuple(rights),
                    draw(st.integers(1, 12)), tuple(reps), tuple(operators),
                    tuple(counterfeits), restricted)


@pytest.mark.legal("Seed 000 COPIS", "608/2013 Art. 6(3)(a)", "608/2013 Art. 6(3)(b)",
                   "608/2013 Art. 6(3)(c)", "608/2013 Art. 6(3)(d)", "608/2013 Art. 6(3)(e)",
                   "608/2013 Art. 6(3)(g)", "608/2013 Art. 6(3)(h)", "608/2013 Art. 6(3)(i)",
                   "608/2013 Art. 6(3)(j)", "608/2013 Art. 6(3)(k)")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recordals())
def test_export_then_import_gives_an_equal_recordal_in_json_and_xml(recordal: Recordal
                                                                   ) -> None:
    assert parse_recordal(recordal.to_form(), TODAY) == recordal
    afa = afa_of_recordal(recordal, reference="UA-1")
    assert afa["box2_applicationType"] == "national" and afa["box6_memberStates"] == []
    from_json = recordal_of_afa(json_codec.loads(json_codec.dumps(afa)), TODAY)
    assert from_json == recordal
    from_xml = recordal_of_afa(xml_codec.loads(xml_codec.dumps(afa)), TODAY)
    assert from_xml == recordal


def _afa() -> dict[str, object]:
    recordal = parse_recordal(samples.recordal_form(0, "ab" * 32, today=TODAY, objects=2),
                              TODAY)
    return afa_of_recordal(recordal, reference="EU-AFA-2026-17")


@pytest.mark.legal("608/2013 Art. 5(1)", "608/2013 Art. 6(3)(f)", "608/2013 Art. 6(3)(e)",
                   "Order 282 applicant")
def test_an_eu_afa_with_codes_ukraine_does_not_use_is_refused_field_by_field() -> None:
    afa = json.loads(json_codec.dumps(_afa()))
    afa["box2_applicationType"] = "union"
    afa["box6_memberStates"] = ["DE", "FR"]
    afa["box3_applicantStatus"] = "exclusive_licensee"
    afa["box5_rights"][0]["type"] = "EUTM"
    afa["box5_rights"][1]["type"] = "NUM"
    with pytest.raises(BadUserInput) as caught:
        recordal_of_afa(afa, TODAY)
    problems = {p["path"]: p for p in caught.value.details["problems"]}
    assert set(problems) == {"box2_applicationType", "box6_memberStates",
                             "box3_applicantStatus", "box5_rights[0].type",
                             "box5_rights[1].type"}
    assert "European Union trade mark" in problems["box5_rights[0].type"]["message"]
    assert "utility models" in problems["box5_rights[1].type"]["message"]
    assert problems["box2_applicationType"]["rule"] == "608/2013 Art. 5(1)"
    assert all(p["code"] == "unknown_code" for p in problems.values())


def test_an_afa_whose_recordal_breaks_a_rule_names_the_afa_field() -> None:
    afa = json.loads(json_codec.dumps(_afa()))
    afa["box5_rights"][0]["goods"][0]["uktzed"] = ["7700"]
    with pytest.raises(BadUserInput) as caught:
        recordal_of_afa(afa, TODAY)
    paths = [p["path"] for p in caught.value.details["problems"]]
    assert paths == ["box5_rights[0].goods[0].uktzed[0]"]


def test_xml_with_entities_is_refused_before_parsing() -> None:
    with pytest.raises(BadUserInput, match="DTD or entity"):
        xml_codec.loads('<!DOCTYPE a [<!ENTITY x "y">]><applicationForAction/>')


IMPORT = """mutation($doc: String!, $format: UaCustomsAfaFormat!) {
  uaCustomsImportAfa(document: $doc, format: $format) { case { id state } } }"""
EXPORT = """query($id: ID!, $format: UaCustomsAfaFormat!) {
  uaCustomsAfa(recordalId: $id, format: $format) }"""


@pytest.mark.legal("Seed 000 COPIS", "Seed 000 goal 4")
async def test_the_register_official_imports_an_afa_and_exports_it_again(
        customs: Customs) -> None:
    form = customs.form(0, objects=2)
    for right in form["rights"]:
        right["representation"] = customs.sha
        for goods in right["goods"]:
            goods["photos"] = [customs.sha]
    afa = afa_of_recordal(parse_recordal(form, TODAY), reference="EU-AFA-1")
    with pytest.raises(GraphQLError) as refused:
        await customs.open_gql("holder", {"rec13": {"recordal": form}})
    answer = await customs.gql(IMPORT, {"doc": xml_codec.dumps(afa), "format": "XML"},
                               "holder")
    assert answer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    del refused
    answer = await customs.data(IMPORT, {"doc": xml_codec.dumps(afa), "format": "XML"},
                                "registrar")
    case = answer["uaCustomsImportAfa"]["case"]
    assert case["state"] == "filed"
    db_case = await customs.case(database_id(case["id"]))
    assert db_case.applicant_id == customs.cast.holder_party
    assert db_case.data["source"] == "afa" and db_case.data["afaReference"] == "EU-AFA-1"
    recordal_gid = (await customs.data("""query($id: ID!) { node(id: $id) {
        ... on UaCustomsCase { recordal { id source } } } }""", {"id": case["id"]},
                                       "holder"))["node"]["recordal"]["id"]
    exported = await customs.data(EXPORT, {"id": recordal_gid, "format": "JSON"}, "holder")
    again = json.loads(exported["uaCustomsAfa"])
    assert recordal_of_afa(again, TODAY) == recordal_of_afa(afa, TODAY)
    refused_answer = await customs.gql(EXPORT, {"id": recordal_gid, "format": "JSON"},
                                       "stranger")
    assert refused_answer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad = dict(afa, box2_applicationType="union")
    answer = await customs.gql(IMPORT, {"doc": json_codec.dumps(bad), "format": "JSON"},
                               "registrar")
    assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert answer["errors"][0]["extensions"]["problems"][0]["path"] == "box2_applicationType"


@pytest.mark.legal("Seed 000 COPIS")
async def test_detentions_export_with_the_recordal_they_relied_on(customs: Customs) -> None:
    recordal = await customs.registered(0)
    number = (await customs.case(database_id(recordal["id"]))).data["registerNumbers"][0]
    code = customs.form(0)["rights"][0]["goods"][0]["uktzed"][0]
    opened = await customs.open_gql("officer", {"sus01": {
        "registerNumber": number, "declaration": samples.declaration(3, code)}})
    await customs.act_gql("head", opened["id"], {"sus02": True})
    for fmt, loads in (("JSON", json_codec.loads), ("XML", xml_codec.loads)):
        answer = await customs.data("query($f: UaCustomsAfaFormat!) { "
                                    "uaCustomsDetentions(format: $f) }", {"f": fmt}, "officer")
        document = loads(answer["uaCustomsDetentions"])
        (found,) = document["detentions"]
        assert found["detention"]["registerNumber"] == number
        assert found["detention"]["state"] == "suspended"
        assert found["recordal"]["box1_applicant"]["name"] == samples.HOLDERS[0][0]
    refused = await customs.gql("{ uaCustomsDetentions }", None, "holder")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
