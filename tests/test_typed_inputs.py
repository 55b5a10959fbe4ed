"""The core's typed inputs (docs/plugins.md "Typed inputs"): a form declared once
(:class:`FormSpec`) gives the JSON Schema of files, the GraphQL input types and the
reader's check of undeclared keys; the inputs an act declares give a ``@oneOf`` input
with one field per act. Shown on a register of its own, not the EAEU's."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import strawberry
from strawberry.scalars import JSON

from ipreg.core.procedures import SYSTEM_ROLE, InputField, State, Transition, build
from ipreg.core.services.validation import (
    UNKNOWN_FIELD,
    FieldReader,
    FieldSpec,
    FormSpec,
    json_schema,
)
from ipreg.schema.inputs import InputTypes, act_field_name, input_data, shared_segments

WEBSITE = FormSpec("website", "Order 2945 II.2.3: a website.", (
    FieldSpec("domain", description="Domain name", rule="Order 2945 II.2.3", required=True),
    FieldSpec("kind", description="site or app", codes=("site", "app")),
))
APPEAL = FormSpec("appeal", "An appeal (Order 2945 II.2).", (
    FieldSpec("websites", WEBSITE, "Websites", "Order 2945 II.2.3", required=True,
              many=True, min_items=1),
    FieldSpec("filedOn", "date", "Date of filing", "Order 2945 II.2.1"),
    FieldSpec("tags", description="Free tags", many=True, shorthand=None),
))


def appeal_procedure() -> Any:
    applicant = frozenset({"applicant"})
    official = frozenset({"official"})
    return build("UA.AP.PRC", "ua", {"en": "Appeal"}, states=[
        State("filed", {"en": "Filed"}), State("decided", {"en": "Decided"}, final=True)],
        transitions=[
            Transition("UA.AP.PRC.FILE", {"en": "File"}, frozenset(), "filed", applicant,
                       inputs=(InputField("appeal", "json", form=APPEAL),)),
            Transition("UA.AP.PRC.GRANT", {"en": "Grant"}, frozenset({"filed"}), "decided",
                       official),
            Transition("UA.AP.PRC.REFUSE", {"en": "Refuse"}, frozenset({"filed"}), "decided",
                       official, inputs=(InputField("grounds"),
                                         InputField("decidedOn", "date", required=False))),
            Transition("UA.AP.PRC.LAPSE", {"en": "Lapse"}, frozenset({"filed"}), "decided",
                       frozenset({SYSTEM_ROLE})),
        ])


GOOD = {"websites": [{"domain": "example.ua", "kind": "site"}], "filedOn": "2026-03-02"}


def test_the_json_schema_is_generated_from_the_form() -> None:
    schema = json_schema(APPEAL, schema_id="https://example/appeal.json", title="Appeals")
    assert set(schema["$defs"]) == {"website"}
    assert schema["properties"]["websites"]["items"] == {"$ref": "#/$defs/website"}
    assert "Order 2945 II.2.3" in schema["$defs"]["website"]["properties"]["domain"][
        "description"]
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(GOOD))
    misspelled = {"websites": [{"domian": "example.ua"}]}
    messages = [e.message for e in validator.iter_errors(misspelled)]
    assert any("domian" in m for m in messages) and any("domain" in m for m in messages)


def test_the_reader_refuses_a_key_the_form_does_not_declare() -> None:
    reader = FieldReader()
    reader.mapping({"websites": [], "filedon": "2026-03-02"}, "appeal", APPEAL)
    (problem,) = reader.problems.found
    assert (problem.path, problem.code) == ("appeal.filedon", UNKNOWN_FIELD)


def test_a_field_needs_a_description_or_its_legal_point() -> None:
    with pytest.raises(ValueError, match="legal point"):
        FieldSpec("x")
    with pytest.raises(ValueError, match="only a json or list"):
        InputField("x", "string", form=APPEAL)


def test_act_names_leave_out_the_shared_segments() -> None:
    codes = ["P.SP.01.OPR.001", "P.SP.01.OPR.019.SECURITY", "P.SP.01.PRC.002.REQUEST"]
    assert shared_segments(codes) == 3
    assert [act_field_name(c, 3) for c in codes] == ["opr001", "opr019Security",
                                                     "prc002Request"]
    assert act_field_name("UA.7", 1) == "act7"


def _schema(types: InputTypes, procedure: Any, seen: list[Any]) -> strawberry.Schema:
    act = types.act_input("AppealActInput", "An act on an appeal.", [procedure])
    opening = types.act_input("AppealOpeningActInput", "The act opening an appeal.",
                              [procedure], opening=True)

    @strawberry.type
    class Query:
        ok: bool = True

    def perform(self: Any, act: Any) -> Any:
        seen.append(types.chosen(act))
        return True

    def open_(self: Any, act: Any) -> Any:
        seen.append(types.chosen(act))
        return True

    # the generated types are values: give the resolvers their annotations as objects
    perform.__annotations__ = {"act": act, "return": JSON}
    open_.__annotations__ = {"act": opening, "return": JSON}
    Mutation = strawberry.type(type("Mutation", (), {
        "perform": strawberry.mutation(perform),
        "open": strawberry.mutation(open_, name="open")}))
    return strawberry.Schema(Query, Mutation)


def test_each_act_is_a_typed_field_of_a_one_of_input() -> None:
    procedure = appeal_procedure()
    types = InputTypes("Appeal", [procedure])
    seen: list[Any] = []
    schema = _schema(types, procedure, seen)
    sdl = schema.as_str()
    assert "input AppealActInput @oneOf" in sdl
    assert "grant: Boolean" in sdl and "refuse: AppealRefuseInput" in sdl
    assert "lapse" not in sdl  # the system's act
    assert "input AppealWebsiteInput" in sdl and "domain: String!" in sdl

    done = schema.execute_sync(
        "mutation($a: AppealOpeningActInput!) { open(act: $a) }",
        {"a": {"file": {"appeal": {"websites": [{"domain": "example.ua"}],
                                   "filedOn": "2026-03-02"}}}})
    assert done.errors is None
    assert seen.pop() == ("UA.AP.PRC.FILE", {"appeal": {
        "websites": [{"domain": "example.ua"}], "filedOn": "2026-03-02"}})
    done = schema.execute_sync("mutation { perform(act: {grant: true}) }")
    assert done.errors is None and seen.pop() == ("UA.AP.PRC.GRANT", None)
    done = schema.execute_sync("mutation { perform(act: {grant: false}) }")
    assert done.errors and "give `true`" in done.errors[0].message
    done = schema.execute_sync('mutation { perform(act: {refuse: {grounds: "late"}}) }')
    assert done.errors is None and seen.pop() == ("UA.AP.PRC.REFUSE", {"grounds": "late"})

    for wrong in ('mutation { perform(act: {grant: true, refuse: {grounds: "x"}}) }',
                  'mutation { perform(act: {refuse: {ground: "x"}}) }',
                  "mutation { open(act: {file: {appeal: {websites: [{domian: \"x\"}]}}}) }"):
        assert schema.execute_sync(wrong).errors, wrong
    assert not seen


def test_input_data_keeps_graphql_names_and_leaves_out_what_was_not_given() -> None:
    types = InputTypes("Appeal")
    website = types.of(WEBSITE)
    value = website(domain="example.ua")
    assert input_data([value]) == [{"domain": "example.ua"}]
