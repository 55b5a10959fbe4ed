"""The appeal (Order 2945 II) and the exclusion application (IV.2) are validated against
every rule of digest §9 a form carries: each bad input is refused with its path and the
point it breaks (the rule table), and a valid one reads whole."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from ipreg.core.errors import BadUserInput
from ipreg.plugins.ukraine.websites import samples
from ipreg.plugins.ukraine.websites.forms import plain_letters, read_appeal, read_exclusion

TODAY = dt.date(2026, 3, 2)
Change = Callable[[dict[str, Any]], None]


def _set(path: list[Any], value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


def _both(*changes: Change) -> Change:
    def change(data: dict[str, Any]) -> None:
        for one in changes:
            one(data)

    return change


def _second_site(data: dict[str, Any]) -> None:
    data["websites"].append({"domain": "other-site.example"})


def _old_evidence(data: dict[str, Any]) -> None:
    data["infringements"][0]["occurredOn"] = (TODAY - dt.timedelta(days=366)).isoformat()


SITE = ["websites", 0]
APPEAL_CASES: list[tuple[str, Change, str, str]] = [
    ("a second website in one appeal", _second_site, "websites", "Order 2945 II.1; VR-W01"),
    ("no website", _set(["websites"], []), "websites", "Order 2945 II.1; VR-W01"),
    ("a representative who is not an attorney or patent attorney",
     _set(["representative", "representativeKind"], "LAWYER_FRIEND"),
     "representative.representativeKind", "Order 2945 II.1; VR-W02"),
    ("no representative: the applicant files itself", _set(["representative"], KeyError),
     "representative", "Order 2945 II.1; VR-W02"),
    ("no authority document", _set(["representative", "authorityDocument"], KeyError),
     "representative.authorityDocument", "Order 2945 II.2.5; VR-W03"),
    ("no petition date", _set(["petitionDrawnUpOn"], KeyError), "petitionDrawnUpOn",
     "Order 2945 II.2; VR-W04"),
    ("applicant without e-mail", _set(["applicant", "email"], KeyError), "applicant.email",
     "Order 2945 II.2.1 ¶2; VR-W05"),
    ("applicant e-mail not an address", _set(["applicant", "email"], "rights.holder"),
     "applicant.email", "Order 2945 II.2.1 ¶2; VR-W05"),
    ("representative without postal address",
     _set(["representative", "postalAddress"], KeyError), "representative.postalAddress",
     "Order 2945 II.2.1 ¶2; VR-W05"),
    ("foreign name with diacritics and no transliteration",
     _both(_set(["applicant", "nameTransliterated"], None),
           _set(["applicant", "name"], "Müller Musikverlag GmbH"),
           _set(["applicant", "country"], "DE")),
     "applicant.name", "Order 2945 II.2.1 ¶2; VR-W06"),
    ("foreign transliteration with diacritics",
     _both(_set(["applicant", "country"], "FR"),
           _set(["applicant", "nameTransliterated"], "Société Générale")),
     "applicant.nameTransliterated", "Order 2945 II.2.1 ¶2; VR-W06"),
    ("mixed-script domain", _set([*SITE, "domain"], "pаypal.example"), "websites[0].domain",
     "Order 2945 II.2.1 ¶3; VR-W07"),
    ("invalid domain", _set([*SITE, "domain"], "bad_domain!.example"), "websites[0].domain",
     "Order 2945 II.2.1 ¶3; VR-W07"),
    ("a private IPv4 address", _set([*SITE, "ipAddress"], "192.168.10.5"),
     "websites[0].ipAddress", "Order 2945 II.2.1 ¶3; VR-W07"),
    ("a loopback IPv6 address", _set([*SITE, "ipAddress"], "::1"), "websites[0].ipAddress",
     "Order 2945 II.2.1 ¶3; VR-W07"),
    ("a malformed IP address", _set([*SITE, "ipAddress"], "300.1.2.3"),
     "websites[0].ipAddress", "Order 2945 II.2.1 ¶3; VR-W07"),
    ("a URL on another host", _set([*SITE, "urls"], ["https://elsewhere.example/film"]),
     "websites[0].urls[0]", "Order 2945 II.2.1 ¶3; VR-W07"),
    ("a URL that is not http(s)", _set([*SITE, "urls"], ["ftp://kino-free.test/x"]),
     "websites[0].urls[0]", "Order 2945 II.2.1 ¶3; VR-W07"),
    ("an infringement on another host",
     _set(["infringements", 0, "url"], "https://elsewhere.example/x"),
     "infringements[0].url", "Order 2945 II.2.1 ¶3; VR-W07"),
    ("no identifier at all", _set(SITE, {"platformType": "OTHER"}), "websites[0]",
     "Order 2945 II.2.1 ¶3; VR-W07"),
    ("no works", _set(["works"], []), "works", "Order 2945 II.2.2; VR-W08"),
    ("a work without title", _set(["works", 0, "title"], KeyError), "works[0].title",
     "Order 2945 II.2.2; VR-W08"),
    ("a publication year after filing", _set(["works", 0, "publicationYear"], 2027),
     "works[0].publicationYear", "Order 2945 II.2.2; VR-W08"),
    ("a petition in English", _set(["language"], "en"), "language",
     "Order 2945 II.2.1 ¶6; VR-W10"),
    ("a petition drawn up after receipt",
     _set(["petitionDrawnUpOn"], (TODAY + dt.timedelta(days=1)).isoformat()),
     "petitionDrawnUpOn", "Order 2945 II.2.1 ¶6; VR-W10"),
    ("an e-mailed appeal without a qualified signature", _set(["signature"], KeyError),
     "signature", "Order 2945 II.3; VR-W11"),
    ("a signature the service did not confirm", _set(["signature", "verified"], False),
     "signature.verified", "Order 2945 II.3; VR-W11"),
    ("a paper appeal without the signer's name",
     _both(_set(["channel"], "PAPER"), _set(["signature"], KeyError),
           _set(["paperSignature"], {"surname": "Шевченко", "signed": True})),
     "paperSignature.firstName", "Order 2945 II.3; VR-W11"),
    ("an e-mailed copy not certified", _set(["rightsEvidence", 0, "certified"], False),
     "rightsEvidence[0].certified", "Order 2945 II.3; VR-W12"),
    ("no proof of rights", _set(["rightsEvidence"], []), "rightsEvidence",
     "Order 2945 II.2.3; VR-W13"),
    ("a successor without the transfer document", _set(["applicantIsPrimaryHolder"], False),
     "rightsEvidence", "Order 2945 II.2.3; VR-W13"),
    ("a document in English without translation",
     _set(["rightsEvidence", 0, "language"], "en"), "rightsEvidence[0].translationFile",
     "Order 2945 II.2.3 ¶3; VR-W14"),
    ("evidence older than 365 days", _old_evidence, "infringements[0].occurredOn",
     "Order 2945 II.2.4; VR-W15"),
    ("two unremedied infringements for THREE_UNREMEDIED",
     _set(["infringements", 2, "remediedAsOfFiling"], True), "infringements",
     "Order 2945 II.2.4; VR-W15"),
    ("recorded infringements without the part eleven breach",
     _both(_set(["claimedGround"], "TWO_RECORDED_ART56_11_BREACH"),
           *[_set(["infringements", n, "art56Part11Breach"], False) for n in range(2)]),
     "infringements", "Order 2945 II.2.4; VR-W15"),
    ("article 56 measures that succeeded",
     _both(_set(["claimedGround"], "ART56_MEASURES_FAILED"),
           *[_set(["infringements", n, "art56MeasuresFailed"], False) for n in range(3)]),
     "infringements", "Order 2945 II.2.4; VR-W15"),
    ("an evidence link without its hash",
     _set(["works", 0, "evidenceLinks", 0, "sha256"], "abc"),
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
     _set(["representative"], {"name": "Петренко"}), "representative.authorityDocument",
     "Order 2945 IV.2 ¶1; VR-X02"),
    ("no ground", _set(["grounds"], []), "grounds", "Order 2945 IV.1; VR-X03"),
    ("a ground the Order does not know", _set(["grounds", 0, "ground"], "NOT_MY_SITE"),
     "grounds[0].ground", "Order 2945 IV.1; VR-X03"),
    ("a ground without documents", _set(["grounds", 0, "documents"], []),
     "grounds[0].documents", "Order 2945 IV.1; VR-X03"),
    ("no works of the appeal", _set(["works"], []), "works", "Order 2945 IV.2 ¶2; VR-X04"),
    ("an application in Russian", _set(["language"], "ru"), "language",
     "Order 2945 IV.2 ¶3; VR-X05"),
    ("no owner e-mail", _set(["owner", "email"], KeyError), "owner.email",
     "Order 2945 IV.2 ¶3; VR-X05"),
    ("an e-mailed application unsigned", _set(["signature"], KeyError), "signature",
     "Order 2945 IV.2 ¶5; VR-X06"),
    ("e-mailed copies not certified", _set(["copiesCertified"], False), "copiesCertified",
     "Order 2945 IV.2 ¶5; VR-X06"),
    ("a paper application without copies",
     _both(_set(["channel"], "PAPER"), _set(["signature"], KeyError),
           _set(["paperSignature"], {"firstName": "Петро", "surname": "Власенко",
                                     "signed": True})),
     "copiesAttached", "Order 2945 IV.2 ¶5; VR-X06"),
    ("evidence of held rights dated after filing",
     _both(_set(["grounds", 0, "ground"], "OWNER_HELD_RIGHTS"),
           _set(["grounds", 0, "evidenceDate"], "2026-04-01")),
     "grounds[0].evidenceDate", "Order 2945 IV.1 ¶4; VR-X08"),
    ("evidence of remedy dated after filing", _set(["grounds", 0, "evidenceDate"], "2026-04-01"),
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
