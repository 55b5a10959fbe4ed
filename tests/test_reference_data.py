"""Reference data answers in the language asked for."""

from __future__ import annotations

from typing import Any

COUNTRY = '{ codeList(id: "countries") { name codes { code name } } }'


def _name(data: dict[str, Any], code: str) -> str:
    return next(c["name"] for c in data["codeList"]["codes"] if c["code"] == code)


async def test_accept_language_chooses_the_language(client: Any) -> None:
    for lang, kazakhstan, title in [
        ("uk", "Казахстан", "Країни"),
        ("kk", "Қазақстан", "Елдер"),
        ("hy", "Ղազախստան", "Երկրներ"),
        ("en", "Kazakhstan", "Countries"),
    ]:
        data = await client.data(COUNTRY, headers={"Accept-Language": f"{lang}-XX;q=0.9, de;q=0.1"})
        assert _name(data, "KZ") == kazakhstan
        assert data["codeList"]["name"] == title


async def test_the_lang_argument_overrides_the_header(client: Any) -> None:
    data = await client.data(
        '{ codeList(id: "object_kinds") { codes { code name(lang: "ru") } } }',
        headers={"Accept-Language": "uk"},
    )
    assert _name(data, "trademark") == "Товарный знак"


async def test_unknown_languages_fall_back_to_english(client: Any) -> None:
    data = await client.data(COUNTRY, headers={"Accept-Language": "tlh"})
    assert _name(data, "AM") == "Armenia"


async def test_lists_name_their_source(client: Any) -> None:
    data = await client.data("{ codeLists { id source partial } jurisdictions { code name } }")
    ids = {c["id"] for c in data["codeLists"]}
    assert {"countries", "object_kinds", "object_statuses", "party_roles", "address_kinds",
            "contact_channels"} <= ids
    assert {j["code"] for j in data["jurisdictions"]} >= {"eaeu", "ua_customs", "ua_websites"}
