"""The appeal (Order 2945 II) and the exclusion application (IV.2) are validated against
every rule of digest §9 a form carries: each bad input is refused with its path and the
point it breaks (the rule table), and a valid one reads whole."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from ipreg.core.errors import BadUserInput
from ipreg.plugins.ukraine.websites import samples
from ipreg.plugins.ukraine.websites.forms import plain_letters, read_appeal, read_exclusion
from ipreg.testing import Change, edit, edits

TODAY = dt.date(2026, 3, 2)


def _second_site(data: dict[str, Any]) -> None:
    data["websites"].append({"domain": "other-site.example"})


def _old_evidence(data: dict[str, Any]) -> None:
    data["infringements"][0]["occurredOn"] = (TODAY - dt.timedelta(days=366)).isoformat()


SITE = ["websites", 0]
APPEAL_CASES: list[tuple[str, Change, str, str]] = [
    ("a second website in one appeal", _second_site, "websites", "Order 2945 II.1; VR-W01"),
    ("no website", edit(["websites"], []), "websites", "Order 2945 II.1; VR-W01"),
    ("a representative who is not an attorney or patent attorney",
     edit(["representative", "representativeKind"], "LAWYER_FRIEND"),
     "representative.representativeKind", "Order 2945 II.1; VR-W02"),
    ("no representative: the applicant files itself", edit(["representative"], KeyError),
     "representative", "Order 2945 II.1; VR-W02"),
    ("no authority document", edit(["representative", "authorityDocument"], KeyError),
     "representative.authorityDocument", "Order 2945 II.2.5; VR-W03"),
    ("no petition date", edit(["petitionDrawnUpOn"], KeyError), "petitionDrawnUpOn",
     "Order 2945 II.2; VR-W04"),
    ("applicant without e-mail", edit(["applicant", "email"], KeyError), "applicant.email",
     "Order 2945 II.2.1 ¶2; VR-W05"),
    ("applicant e-mail not an address", edit(["applicant", "email"], "rights.holder"),
     "applicant.email", "Order 2945 II.2.1 ¶2; VR-W05"),
    ("representative without postal address",
     edit(["representative", "postalAddress"], KeyError), "representative.postalAddress",
     "Order 2945 II.2.1 ¶2; VR-W05"),
    ("foreign name with diacritics and no transliteration",
     edits(edit(["applicant", "nameTransliterated"], None),
           edit(["applicant", "name"], "Müller Musikverlag GmbH"),
           edit(["applicant", "country"], "DE")),
     "applicant.name", "Order 2945 II.2.1 ¶2; VR-W06"),
    ("foreign transliteration with diacritics",
     edits(edit(["applicant", "country"], "FR"),
           edit(["applicant", "nameTransliterated"], "Société Générale")),
     "applicant.nameTransliterated", "Order 2945 II.2.1 ¶2; VR-W06"),
    ("mixed-script domain", edit([*SITE, "domain"], "pаypal.example"), "websites[0].domain",
     "Order 2945 II.2.1 ¶3; VR-W07"),
    ("invalid domain", edit([*SITE, "domain"], "bad_domain!.example"), "websites[0].domain",
     "Order 2945 II.2.1 ¶3; VR-W07"),
    ("a private IPv4 address", edit([*SITE, "ipAddress"], "192.168.10.5"),
     "websites[0].ipAddress", "Order 2945 II.2.1 ¶3; VR-W07"),
    ("a loopback IPv6 address", edit([*SITE, "ipAddress"], "::1"), "websites[0].ipAddress",
     "Order 2945 II.2.1 ¶3; VR-W07"),
    ("a malformed IP address", edit([*SITE, "ipAddress"], "300.1.2.3"),
     "websites[0].ipAddress", "Order 2945 II.2.1 ¶3; VR-W07"),
    ("a URL on another host", edit([*SITE, "urls"], ["https://elsewhere.example/film"]),
     "websites[0].urls[0]", "Order 2945 II.2.1 ¶3; VR-W07"),
    ("a URL that is not http(s)", edit([*SITE, "urls"], ["ftp://kino-free.test/x"]),
     "websites[0].urls[0]", "Order 2945 II.2.1 ¶3; VR-W07"),
    ("an infringement on another host",
     edit(["infringements", 0, "url"], "https://elsewhere.example/x"),
     "infringements[0].url", "Order 2945 II.2.1 ¶3; VR-W07"),
    ("no identifier at all", edit(SITE, {"platformType": "OTHER"}), "websites[0]",
     "Order 2945 II.2.1 ¶3; VR-W07"),
    ("no works", edit(["works"], []), "works", "Order 2945 II.2.2; VR-W08"),
    ("a work without title", edit(["works", 0, "title"], KeyError), "works[0].title",
     "Order 2945 II.2.2; VR-W08"),
    ("a publication year after filing", edit(["works", 0, "publicationYear"], 2027),
     "works[0].publicationYear", "Order 2945 II.2.2; VR-W08"),
    ("a petition in English", edit(["language"], "en"), "language",
     "Order 2945 II.2.1 ¶6; VR-W10"),
    ("a petition drawn up after receipt",
     edit(["petitionDrawnUpOn"], (TODAY + dt.timedelta(days=1)).isoformat()),
     "petitionDrawnUpOn", "Order 2945 II.2.1 ¶6; VR-W10"),
    ("an e-mailed appeal without a qualified signature", edit(["signature"], KeyError),
     "signature", "Order 2945 II.3; VR-W11"),
    ("a signature the service did not confirm", edit(["signature", "verified"], False),
     "signature.verified", "Order 2945 II.3; VR-W11"),
    ("a paper appeal without the signer's name",
     edits(edit(["channel"], "PAPER"), edit(["signature"], KeyError),
           edit(["paperSignature"], {"surname": "Шевченко", "signed": True})),
     "paperSignature.firstName", "Order 2945 II.3; VR-W11"),
    ("an e-mailed copy not certified", edit(["rightsEvidence", 0, "certified"], False),
     "rightsEvidence[0].certified", "Order 2945 II.3; VR-W12"),
    ("no proof of rights", edit(["rightsEvidence"], []), "rightsEvidence",
     "Order 2945 II.2.3; VR-W13"),
    ("a successor without the transfer document", edit(["applicantIsPrimaryHolder"], False),
     "rightsEvidence", "Order 2945 II.2.3; VR-W13"),
    ("a document in English without translation",
     edit(["rightsEvidence", 0, "language"], "en"), "rightsEvidence[0].translationFile",
     "Order 2945 II.2.3 ¶3; VR-W14"),
    ("evidence older than 365 days", _old_evidence, "infringements[0].occurredOn",
     "Order 2945 II.2.4; VR-W15"),
    ("two unremedied infringements for THREE_UNREMEDIED",
     edit(["infringements", 2, "remediedAsOfFiling"], True), "infringements",
     "Order 2945 II.2.4; VR-W15"),
    ("recorded infringements without the part eleven breach",
     edits(edit(["claimedGround"], "TWO_RECORDED_ART56_11_BREACH"),
           *[edit(["infringements", n, "art56Part11Breach"], False) for n in range(2)]),
     "infringements", "Order 2945 II.2.4; VR-W15"),
    ("article 56 measures that succeeded",
     edits(edit(["claimedGround"], "ART56_MEASURES_FAILED"),
           *[edit(["infringements", n, "art56MeasuresFailed"], False) for n in range(3)]),
     "infringements", "Order 2945 II.2.4; VR-W15"),
    ("an evidence link without its hash",
     edit(["works", 0, "evidenceLinks", 0, "sha256"], "abc"),
     "works[0].evidenceLinks[0].sha256", "Order 2945 II.2.2 ¶3; VR-W16"),
]


def _appeal() -> dict[str, Any]:
    return samples.appeal(0, TODAY)


def test_a_complete_appeal_reads_whole_with_the_website_in_both_forms() -> None:
    data = samples.appeal(10, TODAY)            # кіно-онлайн.test
    form, warnings = read_appeal(data, TODAY)
    assert form["website"]["domain"] == "кіно-онлайн.test"
    assert form["website"]["domainAscii"].startswith("xn--")
    assert form["website"]["key"] == form["website"]["domainAscii"]
    assert form["receivedOn"] == TODAY.isoformat()
    assert [w["rule"] for w in warnings] == ["Order 2945 II.2.2 ¶3; VR-W16"]


@pytest.mark.legal(param="rule")
@pytest.mark.parametrize(("what", "change", "path", "rule"), APPEAL_CASES,
                         ids=[c[0] for c in APPEAL_CASES])
def test_each_rule_of_the_appeal_is_checked_with_its_path(
        what: str, change: Change, path: str, rule: str) -> None:
    data = _appeal()
    read_appeal(copy.deepcopy(data), TODAY)      # the sample itself is valid
    change(data)
    with pytest.raises(BadUserInput) as raised:
        read_appeal(data, TODAY)
    problems = raised.value.details["problems"]
    assert any(p["path"] == path and p["rule"] == rule for p in problems), problems


@pytest.mark.legal("Order 2945 II.2.1 ¶5", "VR-W09")
def test_an_appeal_without_owner_data_is_received_with_a_warning() -> None:
    data = _appeal()
    del data["owner"]
    form, warnings = read_appeal(data, TODAY)
    assert form["owner"] == {"known": False}
    assert "Order 2945 II.2.1 ¶5; VR-W09" in [w["rule"] for w in warnings]


def _exclusion() -> dict[str, Any]:
    return samples.exclusion(0, TODAY)


EXCLUSION_CASES: list[tuple[str, Change, str, str]] = [
    ("a representative without authority document",
     edit(["representative"], {"name": "Петренко"}), "representative.authorityDocument",
     "Order 2945 IV.2 ¶1; VR-X02"),
    ("no ground", edit(["grounds"], []), "grounds", "Order 2945 IV.1; VR-X03"),
    ("a ground the Order does not know", edit(["grounds", 0, "ground"], "NOT_MY_SITE"),
     "grounds[0].ground", "Order 2945 IV.1; VR-X03"),
    ("a ground without documents", edit(["grounds", 0, "documents"], []),
     "grounds[0].documents", "Order 2945 IV.1; VR-X03"),
    ("no works of the appeal", edit(["works"], []), "works", "Order 2945 IV.2 ¶2; VR-X04"),
    ("an application in Russian", edit(["language"], "ru"), "language",
     "Order 2945 IV.2 ¶3; VR-X05"),
    ("no owner e-mail", edit(["owner", "email"], KeyError), "owner.email",
     "Order 2945 IV.2 ¶3; VR-X05"),
    ("an e-mailed application unsigned", edit(["signature"], KeyError), "signature",
     "Order 2945 IV.2 ¶5; VR-X06"),
    ("e-mailed copies not certified", edit(["copiesCertified"], False), "copiesCertified",
     "Order 2945 IV.2 ¶5; VR-X06"),
    ("a paper application without copies",
     edits(edit(["channel"], "PAPER"), edit(["signature"], KeyError),
           edit(["paperSignature"], {"firstName": "Петро", "surname": "Власенко",
                                     "signed": True})),
     "copiesAttached", "Order 2945 IV.2 ¶5; VR-X06"),
    ("evidence of held rights dated after filing",
     edits(edit(["grounds", 0, "ground"], "OWNER_HELD_RIGHTS"),
           edit(["grounds", 0, "evidenceDate"], "2026-04-01")),
     "grounds[0].evidenceDate", "Order 2945 IV.1 ¶4; VR-X08"),
    ("evidence of remedy dated after filing", edit(["grounds", 0, "evidenceDate"], "2026-04-01"),
     "grounds[0].evidenceDate", "Order 2945 IV.1 ¶2; VR-X09"),
]


@pytest.mark.legal(param="rule")
@pytest.mark.parametrize(("what", "change", "path", "rule"), EXCLUSION_CASES,
                         ids=[c[0] for c in EXCLUSION_CASES])
def test_each_rule_of_the_exclusion_application_is_checked_with_its_path(
        what: str, change: Change, path: str, rule: str) -> None:
    data = _exclusion()
    read_exclusion(copy.deepcopy(data), TODAY)
    change(data)
    with pytest.raises(BadUserInput) as raised:
        read_exclusion(data, TODAY)
    problems = raised.value.details["problems"]
    assert any(p["path"] == path and p["rule"] == rule for p in problems), problems


@pytest.mark.legal("Order 2945 II.3", "VR-W12")
def test_an_emailed_appeal_goes_to_ukrnoivis_address_when_configured(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = _appeal()
    read_appeal(copy.deepcopy(data), TODAY)             # not configured: not checked
    monkeypatch.setenv("IPREG_UA_WEBSITES_UKRNOIVI_EMAIL", "wipo-alert@ukrnoivi.example")
    for sent_to, code in ((None, "required"), ("other@ukrnoivi.example", "invalid")):
        data["sentTo"] = sent_to
        with pytest.raises(BadUserInput) as raised:
            read_appeal(copy.deepcopy(data), TODAY)
        assert [(p["path"], p["code"]) for p in raised.value.details["problems"]] == [
            ("sentTo", code)]
    data["sentTo"] = "WIPO-ALERT@ukrnoivi.example"
    assert read_appeal(data, TODAY)[0]["sentTo"] == "WIPO-ALERT@ukrnoivi.example"


@pytest.mark.parametrize(("name", "plain"), [
    ("Northwind Pictures Ltd", True), ("Коваленко Олена", True), ("O'Brien-Smith", True),
    ("Müller", False), ("Société", False), ("Ζeus", False), ("李", False),
    ("Mu\u0308ller", False)])
def test_foreign_names_are_plain_ukrainian_latin_or_cyrillic_letters(name: str,
                                                                     plain: bool) -> None:
    assert plain_letters(name) is plain
