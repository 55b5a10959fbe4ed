"""Finding a listed website by its address or name (Order 2945 I.2 ¶2, II.2.1 ¶3): the
core `search` over the address fields, and `uaWebsitesSearch` normalising any written
form (IDN in either form, `www.`, scheme, path, subdomain) with `matchedAs`."""

from __future__ import annotations

from typing import Any

import pytest

Ua = Any
CORE = """query($t: String!) { search(text: $t) { edges { node { ... on UaWebsiteEntry {
  domain } } matchedAs { field matchedAs } } } }"""
OWN = """query($t: String!) { uaWebsitesSearch(text: $t) { totalCount
  nodes { matchedAs entry { domain entryNumber } } } }"""


@pytest.mark.legal("Order 2945 I.2")
@pytest.mark.parametrize(("text", "how"), [
    ("кіно-онлайн.test", "exact"),
    ("xn----8sb1abgkbddb4x.test", "idn"),
    ("HTTPS://WWW.Кіно-Онлайн.test/film/1?x=2", "url"),
    ("http://cdn.кіно-онлайн.test/a", "subdomain"),
    ("онлайн", "name"),
])
async def test_a_listed_website_is_found_by_any_form_of_its_address(
        ua: Ua, text: str, how: str) -> None:
    await ua.listed(10)                       # кіно-онлайн.test
    await ua.listed(0)                        # kino-free.test
    await ua.appeal(11)                       # фільми-безкоштовно.example: not listed
    found = (await ua.data(OWN, {"t": text}))["uaWebsitesSearch"]
    assert [(n["entry"]["domain"], n["matchedAs"]) for n in found["nodes"]] == [
        ("кіно-онлайн.test", how)]


async def test_an_unlisted_website_and_another_host_are_not_found(ua: Ua) -> None:
    await ua.listed(0)                        # kino-free.test
    await ua.appeal(11)
    for text in ("фільми-безкоштовно.example", "kino-free.example", "elsewhere.test"):
        assert (await ua.data(OWN, {"t": text}))["uaWebsitesSearch"]["totalCount"] == 0
    found = (await ua.data(OWN, {"t": "фільми"}, ua.examiner))["uaWebsitesSearch"]
    assert found["totalCount"] == 0           # the list holds listed websites only


@pytest.mark.legal("Order 2945 I.2")
@pytest.mark.parametrize("text", ["кіно-онлайн.test", "xn----8sb1abgkbddb4x.test",
                                  "www.кіно-онлайн.test", "https://www.кіно-онлайн.test/"])
async def test_the_core_search_matches_the_address_forms(ua: Ua, ipreg_search: Any,
                                                         text: str) -> None:
    await ua.listed(10)
    await ua.listed(0)
    await ipreg_search.sync()
    edges = (await ua.data(CORE, {"t": text}))["search"]["edges"]
    assert [e["node"]["domain"] for e in edges] == ["кіно-онлайн.test"]
    assert "ua_website_address" in {m["field"] for m in edges[0]["matchedAs"]}


FORMS = """query($t: String!) { search(text: $t) { totalCount edges { node {
  ... on UaWebsiteEntry { domain } } matchedAs { field matchedAs form } } } }"""
KINO = ("кіно-онлайн.test", "xn----8sb1abgkbddb4x.test")
SHOP = ("shop.example.test",)


async def listed_site(ua: Ua, i: int, site: str, ip: str | None = None) -> None:
    """A website listed through the appeal procedure, with an IP address if given."""
    from ipreg.plugins.ukraine.websites import samples

    form = samples.appeal(i, ua.clock().date(), site=site)
    if ip is not None:
        form["websites"][0]["ipAddress"] = ip
    case = await ua.open("UAW.APPEAL", ua.representative, {"appeal": form})
    await ua.act(case.id, "UAW.APPEAL.REGISTER", ua.examiner)
    await ua.act(case.id, "UAW.APPEAL.CONCLUDE_PRESENT", ua.examiner,
                 {"findings": ua.findings()})
    await ua.act(case.id, "UAW.APPEAL.SEND_TO_MINISTRY", ua.examiner)
    await ua.act(case.id, "UAW.APPEAL.INCLUDE", ua.ministry,
                 {"wipoAlertUploadedOn": ua.clock().date().isoformat()})


@pytest.mark.legal("Order 2945 I.2")
@pytest.mark.legal("Order 2945 II.2.1 ¶3")
@pytest.mark.parametrize(("text", "domain", "field", "forms"), [
    # the site itself, whatever is written around its host
    ("https://www.shop.example.test:8443/a/b?c=1", "shop.example.test",
     "ua_website_address", SHOP),
    ("SHOP.EXAMPLE.TEST", "shop.example.test", "ua_website_address", SHOP),
    ("shop.example.test.", "shop.example.test", "ua_website_address", SHOP),
    ("http://user@Shop.Example.Test./#top", "shop.example.test", "ua_website_address", SHOP),
    # an internationalised domain in either form
    ("xn----8sb1abgkbddb4x.test/film/1", "кіно-онлайн.test", "ua_website_address", KINO),
    ("HTTPS://WWW.Кіно-Онлайн.test:443/?q=1", "кіно-онлайн.test", "ua_website_address", KINO),
    # a page on a subdomain of a listed site: matched as its subdomain
    ("https://a.b.shop.example.test/page", "shop.example.test", "ua_website_subdomains", SHOP),
    ("cdn.xn----8sb1abgkbddb4x.test", "кіно-онлайн.test", "ua_website_subdomains",
     ("xn----8sb1abgkbddb4x.test",)),
    # the parent domain of a listed subdomain site: the site is its subdomain
    ("https://example.test/", "shop.example.test", "ua_website_parents", ("example.test",)),
    # the site's IP address
    ("http://8.8.8.8:8080/index.html", "shop.example.test", "ua_website_address", ("8.8.8.8",)),
    ("[::ffff:8.8.8.8]", "shop.example.test", "ua_website_address", ("8.8.8.8",)),
])
async def test_the_core_search_finds_a_listed_site_by_any_written_form_of_an_address(
        ua: Ua, ipreg_search: Any, text: str, domain: str, field: str,
        forms: tuple[str, ...]) -> None:
    await ua.listed(10)                                  # кіно-онлайн.test
    await ua.listed(0)                                   # kino-free.test
    await listed_site(ua, 3, "shop.example.test", ip="8.8.8.8")
    await ipreg_search.sync()
    found = (await ua.data(FORMS, {"t": text}))["search"]
    assert [e["node"]["domain"] for e in found["edges"]] == [domain]
    assert {(m["field"], m["form"]) for m in found["edges"][0]["matchedAs"]
            if m["matchedAs"] == "queryForm"} & {(field, f) for f in forms}


@pytest.mark.legal("Order 2945 I.2")
@pytest.mark.parametrize("text", [
    "https://elsewhere.test/a",                 # not listed
    "https://shop.example.toast/",              # another top-level domain
    "https://www.фільми-безкоштовно.example/",  # appealed, not (yet) listed
    "http://8.8.4.4/",                          # another IP address
    "http://88.8.8.8/",                         # the same digits, other address
])
async def test_the_core_search_finds_no_site_for_an_address_not_listed(
        ua: Ua, ipreg_search: Any, text: str) -> None:
    await listed_site(ua, 3, "shop.example.test", ip="8.8.8.8")
    await ua.appeal(11)                                  # фільми-безкоштовно.example
    await ipreg_search.sync()
    assert (await ua.data(FORMS, {"t": text}))["search"]["totalCount"] == 0


async def test_another_spelling_of_a_host_is_not_an_address_match(
        ua: Ua, ipreg_search: Any) -> None:
    """`shopexample.test` is another host: no query form matches it. (The text search
    still lists the site as a folded spelling of its stored URL, as for any field.)"""
    await listed_site(ua, 3, "shop.example.test", ip="8.8.8.8")
    await ipreg_search.sync()
    found = (await ua.data(FORMS, {"t": "https://shopexample.test/"}))["search"]
    assert [m["matchedAs"] for e in found["edges"] for m in e["matchedAs"]
            if m["field"].startswith("ua_website")] == ["folded"]


@pytest.mark.legal("Order 2945 I.2")
async def test_the_core_search_finds_a_listed_site_by_its_name(ua: Ua, ipreg_search: Any) -> None:
    await ua.listed(10)                                  # кіно-онлайн.test
    await listed_site(ua, 3, "shop.example.test", ip="8.8.8.8")
    await ipreg_search.sync()
    found = (await ua.data(FORMS, {"t": "кіно онлайн"}))["search"]
    assert [e["node"]["domain"] for e in found["edges"]] == ["кіно-онлайн.test"]
    assert found["edges"][0]["matchedAs"][0]["field"] == "name"
