"""The EAEU GraphQL API: mutations drive the engine, queries show cases and change sets."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.relay import to_base64

from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES

SUBMIT = """mutation($forms: [EaeuRegistrationFormInput!]!, $key: String) {
  eaeuSubmitApplication(forms: $forms, idempotencyKey: $key) {
    replayed case { id number procedure state version availableTransitions
                    objects { __typename name } }
  }
}"""
PERFORM = """mutation($case: ID!, $act: EaeuActInput!, $v: Int) {
  eaeuPerform(caseId: $case, act: $act, expectedVersion: $v) {
    case { state version }
  }
}"""
CASE = """query($id: ID!) { eaeuCase(id: $id) {
  number state stateName(lang: "ru") procedureName availableTransitions
  steps { seq transition fromState toState actor }
  deadlines { code status legalBasis dueOn overdue }
  messages { memberState kind transaction confirmedAt }
  reviewResults { memberState result }
} }"""


@pytest.mark.legal("P.SP.01.OPR.001")
@pytest.mark.hook("ipreg_register_mutation_fields")
async def test_mutations_call_the_engine(eaeu: Any) -> None:
    """P.SP.01.OPR.001 and the following acts through GraphQL, with idempotency."""
    forms = [eaeu.form()]
    data = await eaeu.data(SUBMIT, {"forms": forms, "key": "app-1"}, eaeu.applicant)
    result = data["eaeuSubmitApplication"]
    case = result["case"]
    assert (result["replayed"], case["procedure"], case["state"]) == (
        False, "P.SP.01.PRC.001", "formal_check")
    assert case["objects"] == [{"__typename": "EaeuRegisterEntry", "name": forms[0]["name"]}]
    assert "P.SP.01.OPR.009" in case["availableTransitions"]
    again = await eaeu.data(SUBMIT, {"forms": forms, "key": "app-1"}, eaeu.applicant)
    assert again["eaeuSubmitApplication"]["replayed"] is True
    assert again["eaeuSubmitApplication"]["case"]["id"] == case["id"]

    codes = {}
    for who, act, version in (
            (eaeu.applicant, {"opr004": True}, None),
            (eaeu.commission, {"opr018": True}, None),
            (eaeu.commission, {"opr002": {}}, None),  # reasons: String! missing
            (eaeu.commission, {"opr004": True}, 7),
            (eaeu.commission, {"opr999": True}, None)):
        outcome = await eaeu.gql(PERFORM, {"case": case["id"], "act": act, "v": version}, who)
        codes[next(iter(act)) if version is None else "version"] = outcome["errors"][0][
            "extensions"]["code"]
    assert codes == {"opr004": "FORBIDDEN", "opr018": "INVALID_TRANSITION",
                     "opr002": "BAD_USER_INPUT", "version": "CONFLICT",
                     "opr999": "BAD_USER_INPUT"}
    done = await eaeu.data(PERFORM, {"case": case["id"], "act": {"opr004": True}, "v": 1},
                           eaeu.commission)
    assert done["eaeuPerform"]["case"] == {"state": "completeness_decision", "version": 2}
    missing = await eaeu.gql(PERFORM, {"case": to_base64("EaeuCase", 99999),
                                       "act": {"opr004": True}}, eaeu.commission)
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    other = await eaeu.gql("mutation { eaeuOpenCase(act: {test: true}) { replayed } }",
                           viewer=eaeu.commission)
    assert other["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_a_case_shows_its_history_limits_reviews_and_messages(eaeu: Any) -> None:
    case = await eaeu.open("P.SP.01.PRC.001", eaeu.applicant, {"forms": [eaeu.form()]})
    await eaeu.act(case.id, "P.SP.01.OPR.004", eaeu.commission)
    await eaeu.act(case.id, "P.SP.01.OPR.006", eaeu.commission)
    await eaeu.all_verify(case.id, case.data["objects"], states=("AM", "BY"))
    view = (await eaeu.data(CASE, {"id": to_base64("EaeuCase", case.id)},
                            eaeu.ccas["KZ"]))["eaeuCase"]
    assert view["state"] == "member_state_review"
    assert view["stateName"] == "Проверка уполномоченными органами"
    assert [s["transition"] for s in view["steps"]][:3] == [
        "P.SP.01.OPR.001", "P.SP.01.OPR.004", "P.SP.01.OPR.006"]
    limits = {d["code"]: d for d in view["deadlines"]}
    assert limits["ccaVerification"]["status"] == "running"
    assert limits["ccaVerification"]["legalBasis"] == "Regs item 25"
    assert limits["formalCheck"]["status"] == "met"
    assert {r["memberState"] for r in view["reviewResults"]} == {"AM", "BY"}
    assert {m["memberState"] for m in view["messages"] if m["kind"] == "application"} == set(
        MEMBER_STATE_CODES)
    # by role and state; the guards (which state, what is pending) decide when performed
    assert set(view["availableTransitions"]) == {"P.SP.01.OPR.007", "P.SP.01.OPR.013",
                                                 "P.SP.01.OPR.015"}
    # the core's id of the same case names it too
    commission = (await eaeu.data(CASE, {"id": to_base64("Case", case.id)},
                                  eaeu.commission))["eaeuCase"]
    assert set(commission["availableTransitions"]) == {"P.SP.01.OPR.017", "P.SP.01.OPR.018"}
    mine = await eaeu.data("{ eaeuCases { totalCount nodes { number } } }", viewer=eaeu.applicant)
    assert mine["eaeuCases"]["totalCount"] == 1
    theirs = await eaeu.data("{ eaeuCases { totalCount } }", viewer=eaeu.stranger)
    assert theirs["eaeuCases"]["totalCount"] == 0


async def test_terms_say_where_their_values_come_from(eaeu: Any) -> None:
    """digest §3.5: every term is configuration with its legal reference and source."""
    data = await eaeu.data("{ eaeuTerms { key duration legalBasis appliesTo source "
                           "name(lang: \"ru\") } }")
    terms = {t["key"]: t for t in data["eaeuTerms"]}
    assert terms["ccaVerification"]["legalBasis"] == "Regs item 25"
    assert terms["securitySubmission"]["legalBasis"] == "Regs item 29"
    assert all("PROVISIONAL" in t["source"] for t in terms.values())
    assert terms["formalCheck"]["duration"] == "10 working days"


@pytest.mark.legal(
    "P.SP.01.PRC.008", "P.SP.01.PRC.009", "P.SP.01.PRC.010", "R174 p.12(9)", "R174 p.13(3)",
)
async def test_change_sets_for_the_authorized_bodies(eaeu: Any) -> None:
    """PRC.008 (last update), PRC.009 (register changes), PRC.010 (turnover changes)."""
    from ipreg.plugins.eaeu.samples import turnover

    _, (object_id,) = await eaeu.include()
    await eaeu.open("P.SP.01.PRC.007", eaeu.applicant,
                    {"goods": [{"goods": 0, "turnover": [turnover(1, eaeu.rng, "Z")]}]},
                    object_id=object_id)
    cca = eaeu.ccas["BY"]
    times = (await eaeu.data("{ eaeuUpdateTimes { registerUpdatedAt turnoverUpdatedAt "
                             "registerPosition turnoverPosition syncIntervalHours } }",
                             viewer=cca))["eaeuUpdateTimes"]
    assert times["registerUpdatedAt"] and times["turnoverUpdatedAt"]
    assert times["syncIntervalHours"] == 24  # R174 p.13(3): at least once a day
    page = (await eaeu.data("{ eaeuRegisterChanges { endPosition hasMore changes { objectId "
                            "data } } }", viewer=cca))["eaeuRegisterChanges"]
    assert [c["data"]["change"] for c in page["changes"]] == ["included"]
    assert page["changes"][0]["data"]["registrationNumber"] == "00001/TZ/0001"
    later = await eaeu.data("query($a: Int!) { eaeuRegisterChanges(after: $a) { changes "
                            "{ objectId } } }", {"a": page["endPosition"]}, cca)
    assert later["eaeuRegisterChanges"]["changes"] == []
    turn = await eaeu.data("{ eaeuTurnoverChanges { changes { objectId data } } }", viewer=cca)
    assert turn["eaeuTurnoverChanges"]["changes"][0]["objectId"] == to_base64(
        "EaeuRegisterEntry", object_id)
