"""The core field reader (ipreg.core.services.validation): every problem with its path,
the legal point it cites and a stable code, all raised at once.

The EAEU forms (tests/eaeu/test_forms.py) and ``ipreg import objects``
(tests/test_checks.py) read with it; these tests pin the reader itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipreg.core.errors import BadUserInput
from ipreg.core.services import validation as v
from ipreg.core.services.validation import FieldReader, FileRef, Problems, join_path


def test_a_problem_cites_its_rule_once_and_keeps_path_and_code() -> None:
    problems = Problems()
    problems.add("holders[0].name", "is required", rule="R174 A1 T2 2", code=v.REQUIRED)
    problems.add("kind", "'X' is not АП, СП or ТЗ (R174 A1 T1 5.1.2)", rule="R174 A1 T1 5.1.2")
    problems.add("", "the input as a whole")
    assert problems.items == [
        "holders[0].name: is required (R174 A1 T2 2)",
        "kind: 'X' is not АП, СП or ТЗ (R174 A1 T1 5.1.2)",
        "the input as a whole",
    ]
    assert problems.found[0].as_dict() == {"path": "holders[0].name",
                                           "message": "is required (R174 A1 T2 2)",
                                           "rule": "R174 A1 T2 2", "code": "required"}
    assert problems.found[2].code == v.INVALID


def test_every_problem_is_raised_at_once_with_errors_and_problems() -> None:
    reader = FieldReader()
    data = {"name": " ", "born": "15.01.2024", "holders": "x"}
    reader.text(data, "name", "party", required=True, rule="R1")
    reader.date(data, "born", "party")
    reader.items(data, "holders", "party")
    with pytest.raises(BadUserInput) as caught:
        reader.raise_if_any("form")
    error = caught.value
    assert error.message == ("form: party.name: is required (R1); party.born: '15.01.2024' is "
                             "not a date in the form YYYY-MM-DD; party.holders: must be a list")
    assert error.details["errors"] == [
        "party.name: is required (R1)",
        "party.born: '15.01.2024' is not a date in the form YYYY-MM-DD",
        "party.holders: must be a list",
    ]
    assert [(p["path"], p["rule"], p["code"]) for p in error.details["problems"]] == [
        ("party.name", "R1", v.REQUIRED), ("party.born", "", v.NOT_A_DATE),
        ("party.holders", "", v.WRONG_TYPE)]
    FieldReader().raise_if_any()  # nothing to raise


def test_the_message_lists_at_most_fifty_problems_the_details_all() -> None:
    problems = Problems()
    for i in range(60):
        problems.add(f"x[{i}]", "bad")
    with pytest.raises(BadUserInput) as caught:
        problems.raise_if_any()
    assert caught.value.message.count("bad") == v.MAX_IN_MESSAGE
    assert len(caught.value.details["errors"]) == 60


@pytest.mark.parametrize(
    ("value", "kwargs", "expected", "problem"),
    [
        (" Чай ", {}, "Чай", None),
        (None, {"required": True, "rule": "R"}, None, ("is required (R)", v.REQUIRED)),
        ("  ", {}, None, None),
        (5, {}, None, ("must be a string", v.WRONG_TYPE)),
        ("abc", {"limit": 2}, None, ("is longer than 2 characters", v.TOO_LONG)),
        ("a\x00", {}, None, ("contains a NUL character (U+0000), which cannot be stored",
                             v.UNSTORABLE)),
    ],
)
def test_text(value: Any, kwargs: dict[str, Any], expected: Any,
              problem: tuple[str, str] | None) -> None:
    reader = FieldReader()
    assert reader.text({"k": value}, "k", "p", **kwargs) == expected
    found = [(p.message, p.code) for p in reader.problems.found]
    assert found == ([problem] if problem else [])
    if problem:
        assert reader.problems.found[0].path == "p.k"


def test_numbers_as_text_and_the_formats_a_register_cites() -> None:
    class Register(FieldReader):
        date_format = "a date YYYY-MM-DD"
        date_rule = "R174 A1 p.2"
        country_format = "a code of the classifier of countries"
        country_rule = "P.CLS.001"
        numbers_as_text = True

    reader = Register()
    assert reader.text({"n": 12}, "n", "") == "12"
    assert reader.date({"d": "1.2.2024"}, "d", "") is None
    assert reader.country({"c": "XX"}, "c", "") is None
    assert reader.problems.items == ["d: '1.2.2024' is not a date YYYY-MM-DD (R174 A1 p.2)",
                                     "c: 'XX' is not a code of the classifier of countries "
                                     "(P.CLS.001)"]
    assert [p.rule for p in reader.problems.found] == ["R174 A1 p.2", "P.CLS.001"]


def test_dates_follow_the_core_checks() -> None:
    reader = FieldReader()
    assert reader.date({"d": "2024-02-29"}, "d", "") == dt.date(2024, 2, 29)
    assert reader.date({"d": dt.date(2024, 1, 1)}, "d", "") == dt.date(2024, 1, 1)
    assert reader.date({"d": ""}, "d", "") is None
    assert reader.date({"d": "0001-01-01"}, "d", "") is None
    assert reader.problems.items == ["d: 0001-01-01 is not between 1000-01-01 and 2999-12-31"]
    assert reader.problems.found[0].code == v.DATE_OUT_OF_RANGE


def test_integers_booleans_codes_and_countries() -> None:
    reader = FieldReader()
    assert reader.integer({"n": " 7 "}, "n", "", minimum=1, maximum=9) == 7
    assert reader.integer({"n": True}, "n", "") is None
    assert reader.integer({"n": 0}, "n", "", minimum=1, maximum=9, rule="R") is None
    assert reader.boolean({}, "b", "", default=True) is True
    assert reader.boolean({"b": "1"}, "b", "", digits=True) is True
    assert reader.boolean({"b": "1"}, "b", "") is None
    assert reader.code({"c": "02"}, "c", "", {"01": {}, "02": {}}) == "02"
    assert reader.code({"c": "03"}, "c", "", {"01": {}, "02": {}}, rule="T6 1") is None
    assert reader.code({"c": "03"}, "c", "", ("01",), what="a channel") is None
    assert reader.country({"c": "kz"}, "c", "") == "KZ"
    assert reader.country({"c": "XX"}, "c", "") is None
    assert reader.problems.items == [
        "n: must be a whole number",
        "n: must be between 1 and 9 (R)",
        "b: must be true or false",
        "c: '03' is not one of 01, 02 (T6 1)",
        "c: '03' is not a channel",
        "c: 'XX' is not an ISO 3166-1 alpha-2 country code",
    ]
    assert [p.code for p in reader.problems.found] == [
        v.WRONG_TYPE, v.OUT_OF_RANGE, v.WRONG_TYPE, v.UNKNOWN_CODE, v.UNKNOWN_CODE,
        v.UNKNOWN_CODE]


def test_lists_objects_strings_and_files() -> None:
    reader = FieldReader()
    data = {"xs": [{"a": "1"}, "no", {"a": None}], "s": ["a ", "", 3, "b\x00"],
            "files": ["a" * 64, {"sha256": "b" * 64}, "c"]}
    assert reader.items(data, "none", "p") == []
    assert reader.items({"xs": []}, "xs", "p", minimum=1, rule="R") == []
    assert len(reader.items({"xs": [1, 2, 3]}, "xs", "p", maximum=2, rule="R")) == 3

    def parse(value: Any, path: str) -> str | None:
        entry = reader.mapping(value, path)
        return None if entry is None else reader.text(entry, "a", path, required=True)

    assert reader.each(data, "xs", "p", parse) == ["1"]
    assert reader.strings(data, "s", "p", rule="T6 3") == ["a"]
    assert reader.each(data, "files", "p", reader.file) == [
        FileRef("a" * 64, "p.files[0]"), FileRef("b" * 64, "p.files[1]")]
    assert reader.problems.items == [
        "p.xs: needs at least 1 element (R)",
        "p.xs: allows at most 2 elements (R)",
        "p.xs[1]: must be an object",
        "p.xs[2].a: is required",
        "p.s[1]: must be a non-empty string (T6 3)",
        "p.s[2]: must be a non-empty string (T6 3)",
        "p.s[3]: contains a NUL character (U+0000), which cannot be stored",
        "p.files[2]: must be the sha256 of a stored file (64 hex digits) or the id of its "
        "`File` (uploadFile), or an object with `sha256` or `id`",
    ]
    assert [p.code for p in reader.problems.found] == [
        v.TOO_FEW, v.TOO_MANY, v.WRONG_TYPE, v.REQUIRED, v.REQUIRED, v.WRONG_TYPE,
        v.UNSTORABLE, v.NOT_A_FILE]


def test_paths_and_shared_problems() -> None:
    assert join_path("", "name") == "name"
    assert join_path("forms[0]", "name") == "forms[0].name"
    assert join_path("forms[0]", "") == "forms[0]"
    shared = Problems()
    FieldReader(shared).text({}, "a", "", required=True)
    FieldReader(shared).text({}, "b", "", required=True)
    assert shared.items == ["a: is required", "b: is required"]
    assert set(v.PROBLEM_CODES) >= {p.code for p in shared.found}


def test_a_set_of_codes_is_listed_in_order() -> None:
    reader = FieldReader()
    assert reader.code({"c": "z"}, "c", "", {"b", "a", "c"}) is None
    assert reader.problems.items == ["c: 'z' is not one of a, b, c"]


@pytest.mark.parametrize(("value", "expected", "message"), [
    (v.node_global_id("Party", 5), 5, None),
    (v.node_global_id("Person", 7), 7, None),
    (None, None, None),
    (5, None, "must be the global id of a Party or a Person (its `id`), not 5"),
    ("5", None, "not '5'"),
    (v.node_global_id("EaeuRegisterEntry", 5), None, "not the global id of a "
     "EaeuRegisterEntry"),
    (v.node_global_id("Party", 0), None, "not 'UGFydHk6MA=='"),
    (v.node_global_id("Party", 2**63), None, "must be the global id"),
    (v.node_global_id("Party", "x"), None, "must be the global id"),
    ("!!not base64", None, "must be the global id"),
])
def test_a_node_field_takes_a_global_id_of_its_types_only(
        value: Any, expected: int | None, message: str | None) -> None:
    """A field naming a stored entity takes its global id, as every argument of the API
    does: the reader gives the database id, or a `not_a_node` problem at the path."""
    reader = FieldReader()
    assert reader.node({"who": value}, "who", "holders[0]", ("Party", "Person")) == expected
    if message is None:
        assert not reader.problems.found
    else:
        (problem,) = reader.problems.found
        assert (problem.path, problem.code) == ("holders[0].who", v.NOT_A_NODE)
        assert message in problem.message


def test_a_node_field_is_an_id_in_graphql_and_a_string_in_json() -> None:
    spec = v.FieldSpec("partyId", "node", "A party already stored", node_types=("Party",))
    assert v.SCALARS["node"][1] == "ID"
    schema = v.form_schema(v.FormSpec("f", "A form.", (spec,)))["properties"]["partyId"]
    assert schema["type"] == ["string", "null"]
    assert schema["description"].endswith("the global id (`id`) of a `Party`.")
    with pytest.raises(ValueError, match="node_types"):
        v.FieldSpec("partyId", "node", "A party")
    with pytest.raises(ValueError, match="node_types"):
        v.FieldSpec("partyId", "text", "A party", node_types=("Party",))
    reader = FieldReader()
    assert reader.node({}, "partyId", "", "Party", required=True, rule="R1") is None
    assert [(p.path, p.code) for p in reader.problems.found] == [("partyId", v.REQUIRED)]
