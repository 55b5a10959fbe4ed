"""The recordal form is read against Order 282 and the AFA items of Reg. 608/2013 Art.
6(3): every problem with its path and the rule it breaks; a refused filing changes
nothing."""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from ukraine.customs.customs_support import Customs, GraphQLError

from ipreg.core.errors import BadUserInput
from ipreg.plugins.ukraine.customs import samples
from ipreg.plugins.ukraine.customs.forms import parse_appeal, parse_declaration, parse_recordal
from ipreg.testing import edit, edits

SHA = "ab" * 32
TODAY = dt.date(2026, 3, 2)


def valid(k: int = 0, **kw: Any) -> dict[str, Any]:
    return samples.recordal_form(k, SHA, today=TODAY, **kw)


R0, G0 = ["rights", 0], ["rights", 0, "goods", 0]
CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("a utility model", edit([*R0, "kind"], "utility_model"), "rights[0].kind",
     "Order 282 kinds"),
    ("an unknown kind", edit([*R0, "kind"], "recipe"), "rights[0].kind", "Order 282 kinds"),
    ("a UKTZED code with a letter", edit([*G0, "uktzed"], ["18O6900000"]),
     "rights[0].goods[0].uktzed[0]", "Order 282 contents"),
    ("a UKTZED code of 5 digits", edit([*G0, "uktzed"], ["18069"]),
     "rights[0].goods[0].uktzed[0]", "Order 282 contents"),
    ("a UKTZED code of the reserved chapter 77", edit([*G0, "uktzed"], ["7701000000"]),
     "rights[0].goods[0].uktzed[0]", "Order 282 contents"),
    ("goods without a UKTZED code", edit([*G0, "uktzed"], []),
     "rights[0].goods[0].uktzed", "Order 282 contents"),
    ("Nice classes outside the registration", edit([*G0, "niceClasses"], [9]),
     "rights[0].goods[0].niceClasses", "Order 282 Nice"),
    ("a Nice class that does not exist", edit([*R0, "niceClasses"], [30, 46]),
     "rights[0].niceClasses[1]", "Order 282 Nice"),
    ("a trademark without the classes of its registration", edit([*R0, "niceClasses"], []),
     "rights[0].niceClasses", "Order 282 Nice"),
    ("Nice classes of an invention", edit([*R0, "kind"], "invention"),
     "rights[0].niceClasses", "Order 282 Nice"),
    ("a term over one year", edit(["termMonths"], 13), "termMonths", "Order 282 term"),
    ("a term of no month", edit(["termMonths"], 0), "termMonths", "Order 282 term"),
    ("no term", edit(["termMonths"], KeyError), "termMonths", "Order 282 term"),
    ("no right", edit(["rights"], []), "rights", "608/2013 Art. 6(3)(e)"),
    ("the same right twice", lambda d: d["rights"].append(copy.deepcopy(d["rights"][0])),
     "rights", "608/2013 Art. 6(3)(e)"),
    ("no registration number", edit([*R0, "registrationNumber"], KeyError),
     "rights[0].registrationNumber", "608/2013 Art. 6(3)(e)"),
    ("a lapsed right", edit([*R0, "expiresOn"], "2026-03-01"), "rights[0].expiresOn",
     "608/2013 Art. 11(3)"),
    ("no goods", edit([*R0, "goods"], []), "rights[0].goods", "608/2013 Art. 6(3)(g)"),
    ("goods without description", edit([*G0, "description"], " "),
     "rights[0].goods[0].description", "608/2013 Art. 6(3)(g)"),
    ("no way to tell originals from fakes", edit([*G0, "identification"], KeyError),
     "rights[0].goods[0].identification", "608/2013 Art. 6(3)(h)"),
    ("no photo of the original", edit([*G0, "photos"], []), "rights[0].goods[0].photos",
     "Order 282 contents"),
    ("no applicant", edit(["applicant"], KeyError), "applicant", "608/2013 Art. 6(3)(a)"),
    ("a Ukrainian applicant without EDRPOU", edit(["applicant", "edrpou"], KeyError),
     "applicant.edrpou", "608/2013 Art. 6(3)(a)"),
    ("an applicant without address", edit(["applicant", "address"], KeyError),
     "applicant.address", "608/2013 Art. 6(3)(a)"),
    ("an exclusive licensee applying", edit(["applicantStatus"], "exclusive_licensee"),
     "applicantStatus", "Order 282 applicant"),
    ("an unknown applicant status", edit(["applicantStatus"], "owner"), "applicantStatus",
     "608/2013 Art. 6(3)(b)"),
    ("a GI operator applying for a trademark", edit(["applicantStatus"], "gi_operator"),
     "applicantStatus", "608/2013 Art. 6(3)(b)"),
    ("no entitlement document", edit(["entitlementDocuments"], []), "entitlementDocuments",
     "608/2013 Art. 6(3)(c)"),
    ("a submitting representative without authority",
     edit(["representatives", 0, "authority"], KeyError), "representatives[0].authority",
     "608/2013 Art. 6(3)(d)"),
    ("a representative in an unknown role", edit(["representatives", 1, "role"], "friend"),
     "representatives[1].role", "608/2013 Art. 6(3)(k)"),
    ("an unknown kind of operator", edit(["operators", 0, "kind"], "smuggler"),
     "operators[0].kind", "Order 281 p.12"),
    ("an operator without an identifier",
     edits(edit(["operators", 0, "party", "edrpou"], KeyError),
           edit(["operators", 0, "party", "country"], "PL")),
     "operators[0].party", "Order 281 p.12"),
    ("the same operator twice", lambda d: d["operators"].append(copy.deepcopy(
        d["operators"][0])), "operators[1]", "Order 281 p.12"),
    ("a route through no country", edit(["counterfeits", 0, "route"], ["CN", "XX"]),
     "counterfeits[0].route[1]", "608/2013 Art. 6(3)(i)"),
    ("a counterfeit without description", edit(["counterfeits", 0, "description"],
                                               KeyError),
     "counterfeits[0].description", "608/2013 Art. 6(3)(i)"),
    ("restricted handling of an item other than g-i", edit(["restrictedHandling"], ["k"]),
     "restrictedHandling[0]", "608/2013 Art. 6(3)(j)"),
]


def test_a_complete_recordal_parses_with_every_part() -> None:
    recordal = parse_recordal(valid(0, objects=2, operators=2), TODAY)
    assert len(recordal.rights) == 2 and recordal.rights[0].goods[0].uktzed
    assert [r.role for r in recordal.representatives] == ["submitting",
                                                          "product_identification"]
    assert [o.kind for o in recordal.operators] == ["importer", "distributor"]
    assert recordal.counterfeits[0].route and recordal.restricted == ("h", "i")
    assert recordal.term_months == 12


@pytest.mark.legal(param="rule")
@pytest.mark.parametrize(("what", "change", "path", "rule"), CASES)
def test_each_rule_of_the_recordal_is_checked_with_its_path(
        what: str, change: Callable[[dict[str, Any]], None], path: str, rule: str) -> None:
    data = valid()
    change(data)
    with pytest.raises(BadUserInput) as caught:
        parse_recordal(data, TODAY)
    found = [p for p in caught.value.details["problems"] if p["path"] == path]
    assert any(rule in p["rule"] and p["code"] for p in found), (what,
                                                                caught.value.details["errors"])


def test_all_problems_are_reported_at_once() -> None:
    data = valid()
    data["termMonths"] = 24
    data["rights"][0]["kind"] = "utility_model"
    data["operators"][0]["kind"] = "smuggler"
    with pytest.raises(BadUserInput) as caught:
        parse_recordal(data, TODAY)
    paths = {p["path"] for p in caught.value.details["problems"]}
    assert {"termMonths", "rights[0].kind", "operators[0].kind"} <= paths


@pytest.mark.legal("Order 282 contents")
async def test_images_that_are_not_images_are_refused_and_nothing_changes(
        customs: Customs) -> None:
    async with customs.runtime.sessionmaker() as session:
        pdf = await customs.runtime.files.put_stream(
            session, io.BytesIO(b"%PDF-1.4\n% not a photo\n"), original_name="photo.pdf")
        await session.commit()
    import base64

    form = customs.form(0)
    form["rights"][0]["goods"][0]["photos"] = [base64.b64encode(
        f"File:{pdf.sha256}".encode()).decode()]
    form["rights"][0]["representation"] = base64.b64encode(
        f"File:{'cd' * 32}".encode()).decode()
    before = await customs.counts()
    with pytest.raises(GraphQLError) as refused:
        await customs.open_gql("holder", {"rec01": {"recordal": form}})
    assert refused.value.code == "BAD_USER_INPUT"
    problems = {p["path"]: p for p in refused.value.problems}
    assert problems["rights[0].goods[0].photos[0]"]["code"] == "file_wrong_type"
    assert "Order 282 contents" in problems["rights[0].goods[0].photos[0]"]["rule"]
    assert problems["rights[0].representation"]["code"] == "not_a_file"
    assert await customs.counts() == before


DECLARATION_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("no declaration number", edit(["reference"], KeyError), "declaration.reference",
     "CC Art. 397"),
    ("a declaration of the future", edit(["date"], "2026-03-03"), "declaration.date",
     "CC Art. 397"),
    ("no declarant", edit(["declarant"], KeyError), "declaration.declarant", "CC Art. 399"),
    ("a declarant without identifier", edits(edit(["declarant", "edrpou"], KeyError),
                                             edit(["declarant", "country"], "PL")),
     "declaration.declarant", "CC Art. 399"),
    ("a wrong UKTZED code", edit(["uktzed"], "98765"), "declaration.uktzed", "CC Art. 397"),
    ("no customs post", edit(["customsPost"], " "), "declaration.customsPost",
     "CC Art. 397"),
    ("no goods", edit(["goods"], KeyError), "declaration.goods", "CC Art. 397"),
    ("no item", edit(["quantity"], 0), "declaration.quantity", "CC Art. 397"),
]
APPEAL_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("no decision", edit(["decision"], KeyError), "appeal.decision", "Seed 000 ESR"),
    ("a decision on excise", edit(["decisionKind"], "excise"), "appeal.decisionKind",
     "Seed 000 ESR"),
    ("a decision not yet taken", edit(["decisionDate"], "2026-04-01"),
     "appeal.decisionDate", "Seed 000 ESR"),
    ("no importer", edit(["importerName"], KeyError), "appeal.importerName",
     "Seed 000 ESR"),
    ("no importer identifier", edit(["importerIdentifier"], " "),
     "appeal.importerIdentifier", "Seed 000 ESR"),
    ("no grounds", edit(["grounds"], KeyError), "appeal.grounds", "Seed 000 ESR"),
]


@pytest.mark.legal(param="rule")
@pytest.mark.parametrize(("what", "change", "path", "rule"), DECLARATION_CASES)
def test_each_rule_of_a_declaration_hit_is_checked_with_its_path(
        what: str, change: Callable[[dict[str, Any]], None], path: str, rule: str) -> None:
    data = samples.declaration(1, "1806900000")
    assert parse_declaration(copy.deepcopy(data), TODAY).uktzed == "1806900000"
    change(data)
    with pytest.raises(BadUserInput) as caught:
        parse_declaration(data, TODAY)
    found = [p for p in caught.value.details["problems"] if p["path"] == path]
    assert any(rule in p["rule"] and p["code"] for p in found), (what,
                                                                caught.value.details["errors"])


@pytest.mark.legal(param="rule")
@pytest.mark.parametrize(("what", "change", "path", "rule"), APPEAL_CASES)
def test_each_rule_of_an_appeal_is_checked_with_its_path(
        what: str, change: Callable[[dict[str, Any]], None], path: str, rule: str) -> None:
    data = samples.appeal(1)
    assert parse_appeal(copy.deepcopy(data), TODAY).decision_kind == "classification"
    change(data)
    with pytest.raises(BadUserInput) as caught:
        parse_appeal(data, TODAY)
    found = [p for p in caught.value.details["problems"] if p["path"] == path]
    assert any(rule in p["rule"] and p["code"] for p in found), (what,
                                                                caught.value.details["errors"])
