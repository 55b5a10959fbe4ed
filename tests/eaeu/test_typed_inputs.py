"""Typed inputs over GraphQL (issue 14): the registration form and every act's input are
input objects generated from the declarations that validate them, a typed submission
stores what the JSON form stored, and the semantic problems the register's reader finds
still name the field path and the legal point in ``extensions``."""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections import defaultdict
from typing import Any

import pytest
from strawberry.relay import to_base64

from ipreg.core.procedures import SYSTEM_ROLE
from ipreg.core.services.validation import FormSpec
from ipreg.plugins.eaeu import samples
from ipreg.plugins.eaeu.forms import ENTRY, REGISTRATION_FORM, FormParser
from ipreg.plugins.eaeu.graphql.mutation import INPUTS
from ipreg.plugins.eaeu.procedures import procedures
from ipreg.schema.inputs import act_field_name

SUBMIT = """mutation($forms: [EaeuRegistrationFormInput!]!) {
  eaeuSubmitApplication(forms: $forms) { case { id state } } }"""
PERFORM = """mutation($case: ID!, $act: EaeuActInput!) {
  eaeuPerform(caseId: $case, act: $act) { case { state } } }"""
OPEN = """mutation($object: ID, $act: EaeuOpeningActInput!) {
  eaeuOpenCase(objectId: $object, act: $act) { case { procedure state } } }"""

PARTY = ("partyType country name shortName taxpayerId kpp identityDocument { country number } "
         "addresses { kind country region city street building postalCode } "
         "contacts { channel channelName value } employees { surname firstName position email }")
DOCUMENT = "country kindCode kindName name number date expiresOn description sheetCount"
#: What the register stores of a registration form (R174 A1 table 1), as officials see it.
ENTRY_VIEW = f"""query($id: ID!) {{ eaeuCase(id: $id) {{
  steps {{ transition input }}
  objects {{ ... on EaeuRegisterEntry {{
    kind name description keywordDetails {{ value transliteration }}
    rightTerms {{ country expiresOn termDefined }} rightHolderCount registrationFormNumber
    rightHolders {{ {PARTY} }} representative {{ {PARTY} }} authorizedPersons {{ {PARTY} }}
    titleDocuments {{ {DOCUMENT} }} powersOfAttorney {{ {DOCUMENT} }}
    images {{ sha256 }}
    eaeuGoods {{ position description cnFeaCodes niceClasses {{ number name }}
      exemptionCircumstances
      turnover {{ legality accompanyingDocuments parties {{ party {{ {PARTY} }} roles }}
        logistics {{ routes {{ points {{ seq country locode name departureTransportMode
                                         pointKind }} }}
                     borderCrossings {{ checkpointCode checkpointName }}
                     customsPlaces {{ country customsCode customsName controlZone }} }}
        features {{ brandModel characteristics identificationMeans images {{ sha256 }}
                    transport {{ packageKind unitsPerPackage identificationMeans }} }} }} }}
  }} }}
}} }}"""


def sample_form(eaeu: Any) -> dict[str, Any]:
    return samples.form(3, random.Random(14), holder=eaeu.holder, representative=None)


def problems(outcome: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """path -> (rule, code) of the problems in the first error's extensions."""
    (error,) = outcome["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    return {p["path"]: (p["rule"], p["code"]) for p in error["extensions"]["problems"]}


def test_the_form_input_is_generated_from_the_declared_form() -> None:
    """One source: every declared field of the registration form is a field of
    EaeuRegistrationFormInput, with its legal point in the description, and the
    required ones are non-null."""
    from strawberry.types.base import get_object_definition

    definition = get_object_definition(INPUTS.of(REGISTRATION_FORM), strict=True)
    fields = {f.graphql_name: f for f in definition.fields}
    assert set(fields) == REGISTRATION_FORM.names()
    for spec in REGISTRATION_FORM.fields:
        assert spec.rule in (fields[spec.name].description or "")
        assert fields[spec.name].type_annotation is not None
    assert "register" not in fields  # import only


class Recording(dict[str, Any]):
    """A JSON object that records which keys the parser asks for, per declared form."""

    def __init__(self, value: dict[str, Any], form: FormSpec,
                 read: dict[str, set[str]]) -> None:
        super().__init__(value)
        self.form, self.read = form, read

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.read[self.form.name].add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.read[self.form.name].add(key)
        return super().__getitem__(key)


def recording(value: Any, form: FormSpec, read: dict[str, set[str]]) -> Any:
    if not isinstance(value, dict):
        return value
    out = dict(value)
    for spec in form.fields:
        if isinstance(spec.type, FormSpec) and out.get(spec.name) is not None:
            inner = spec.type
            out[spec.name] = ([recording(v, inner, read) for v in out[spec.name]] if spec.many
                              else recording(out[spec.name], inner, read))
    return Recording(out, form, read)


def test_the_parser_reads_exactly_the_declared_fields() -> None:
    """The parser and the declarations agree: every key the parser reads is declared (so
    the JSON Schema and the GraphQL types allow it), and every declared key is read."""
    rng = random.Random(3)
    entries = []
    for i in range(6):
        form = samples.form(i, rng)
        form["register"] = samples.register_data(i, i + 1, i + 1, dt.date(2024, 5, 6), rng,
                                                 [])
        entries.append(form)
    read: dict[str, set[str]] = defaultdict(set)
    parser = FormParser()
    for i, entry in enumerate(entries):
        parser.object_form(recording(entry, ENTRY, read), f"entries[{i}]", with_register=True)
    for form in ENTRY.nested():
        if form.name in ("niceClass", "keyword"):  # also read from a bare value
            continue
        assert read[form.name] - {""} == form.names(), form.name


def test_every_act_a_user_performs_has_a_typed_field() -> None:
    acts = [t.code for p in procedures() for t in p.transitions.values()
            if t.roles - {SYSTEM_ROLE}]
    mapping = {**INPUTS.acts["EaeuActInput"], **INPUTS.acts["EaeuOpeningActInput"]}
    assert sorted(mapping.values()) == sorted(acts)
    assert act_field_name("P.SP.01.OPR.019.SECURITY", 3) == "opr019Security"
    assert mapping["opr019Security"] == "P.SP.01.OPR.019.SECURITY"


@pytest.mark.legal("P.SP.01.OPR.001")
async def test_a_typed_submission_stores_what_the_json_form_stored(eaeu: Any) -> None:
    """The same registration form through ``eaeuSubmitApplication`` (typed) and through
    the engine (the JSON form of before) gives the same register entry and the same
    recorded input."""
    form = sample_form(eaeu)
    typed = await eaeu.data(SUBMIT, {"forms": [copy.deepcopy(form)]}, eaeu.applicant)
    assert typed["eaeuSubmitApplication"]["case"]["state"] == "formal_check"
    plain = await eaeu.open("P.SP.01.PRC.001", eaeu.applicant, {"forms": [form]})
    views = [(await eaeu.data(ENTRY_VIEW, {"id": case_id}, eaeu.commission))["eaeuCase"]
             for case_id in (typed["eaeuSubmitApplication"]["case"]["id"],
                            to_base64("EaeuCase", plain.id))]
    assert views[0]["objects"][0]["eaeuGoods"][0]["turnover"]  # the whole form is there
    assert views[0] == views[1]


@pytest.mark.legal("P.SP.01.OPR.001", "R174 A1 table 7", "R174 A1 T2 5", "R174 A1 T1 6.2")
async def test_semantic_problems_keep_their_path_and_legal_point(eaeu: Any) -> None:
    form = sample_form(eaeu)
    goods = form["goods"][0]
    goods["cnFeaCodes"] = ["64"]
    turnover = goods["turnover"][0]
    turnover["legality"] = 0
    turnover["parties"][0]["roles"] = ["30"]
    turnover["parties"][0]["party"].update(country="KZ", kpp="770601001")
    outcome = await eaeu.gql(SUBMIT, {"forms": [form]}, eaeu.applicant)
    found = problems(outcome)
    assert found["forms[0].goods[0].cnFeaCodes[0]"] == ("R174 A1 T1 6.2", "unknown_code")
    assert found["forms[0].goods[0].turnover[0].parties[0].roles[0]"] == (
        "R174 A1 table 7", "invalid")
    assert found["forms[0].goods[0].turnover[0].parties[0].party.kpp"] == (
        "R174 A1 T2 5", "invalid")
    assert await eaeu.gql("{ eaeuCases(first: 5) { totalCount } }", None, eaeu.commission) \
        == {"data": {"eaeuCases": {"totalCount": 0}}}


@pytest.mark.legal("P.SP.01.OPR.019")
async def test_an_act_takes_its_typed_input_and_reports_problems_by_path(eaeu: Any) -> None:
    """OPR.019 (R148 p.43) through ``eaeuPerform``: a document of the security without any
    of its items is refused with its path and the point of table 3; then the act is done."""
    case = await eaeu.open("P.SP.01.PRC.001", eaeu.applicant, {"forms": [eaeu.form()]})
    await eaeu.act(case.id, "P.SP.01.OPR.004", eaeu.commission)
    await eaeu.act(case.id, "P.SP.01.OPR.006", eaeu.commission)
    await eaeu.all_verify(case.id, case.data["objects"])
    await eaeu.act(case.id, "P.SP.01.OPR.018", eaeu.commission)
    case_gid = to_base64("EaeuCase", case.id)
    security = {"kind": "insurance_contract", "number": "СТР-14", "amount": "1000000",
                "currency": "RUB", "certifiedCopy": True, "document": {"series": "A"}}
    bad = await eaeu.gql(PERFORM, {"case": case_gid, "act": {"opr019Security": {
        "security": security}}}, eaeu.applicant)
    assert problems(bad) == {"security.document": ("R174 A1 T3", "required")}
    security["document"] = {"kindName": "Договор страхования", "number": "СТР-14"}
    done = await eaeu.data(PERFORM, {"case": case_gid, "act": {"opr019Security": {
        "security": security}}}, eaeu.applicant)
    assert done["eaeuPerform"]["case"]["state"] == "inclusion_decision"


@pytest.mark.legal("P.SP.01.PRC.002", "R174 A1 T1 5.7.1")
async def test_an_opening_act_names_its_procedure_and_checks_its_typed_changes(
        eaeu: Any) -> None:
    _, ids = await eaeu.include()
    entry = to_base64("EaeuRegisterEntry", ids[0])
    bad = await eaeu.gql(OPEN, {"object": entry, "act": {"prc002Request": {"changes": {
        "rightTerms": [{"country": "FR"}]}}}}, eaeu.applicant)
    assert problems(bad) == {"changes.rightTerms[0].country": ("R174 A1 T1 5.7.1",
                                                               "unknown_code")}
    done = await eaeu.data(OPEN, {"object": entry, "act": {"prc002Request": {"changes": {
        "name": "Красный Октябрь Classic"}}}}, eaeu.applicant)
    assert done["eaeuOpenCase"]["case"] == {"procedure": "P.SP.01.PRC.002",
                                            "state": "under_consideration"}
