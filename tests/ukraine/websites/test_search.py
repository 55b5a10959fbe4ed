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
