"""A plugin field's query forms (``SearchField.query_forms``): the core search matches
the forms a field derives from the search text *exactly* against that field, OR'd with
the normal text matching, on both backends and both databases, with the field's
visibility, and reports ``matchedAs: queryForm`` with the field and the form."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from support import sample_object

from ipreg.core.auth.principal import ANONYMOUS, SYSTEM
from ipreg.core.config import Settings
from ipreg.core.extension import SearchField
from ipreg.core.hookspecs import hookimpl
from ipreg.core.runtime import Runtime
from ipreg.core.services.inputs import parse_object
from ipreg.core.services.objects import PartyCache, create_object
from ipreg.search.backend import SearchBackend, SearchFilter
from ipreg.search.matching import QUERY_FORM, exact_key
from ipreg.search.service import SearchService


def host_of(text: str) -> Sequence[str]:
    """The host a text names (a URL's, or the text's when it is one), lower-case,
    without ``www.`` or a trailing dot; nothing for words."""
    value = text.strip()
    host = urlsplit(value if "://" in value else f"//{value}").hostname or ""
    host = host.rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    return [host] if "." in host and " " not in host else []


def sites(data: Any) -> list[str]:
    return [k for k in data["keywords"] if "." in k]


class _HostPlugin:
    """Three fields holding the same site addresses: public with query forms, private
    with query forms, and public without (matched like any other field)."""

    @hookimpl
    def ipreg_register_search_fields(self) -> list[SearchField]:
        return [
            SearchField("site", sites, public=True, query_forms=host_of),
            SearchField("siteInternal", sites, query_forms=host_of),
            SearchField("sitePlain", sites, public=True),
        ]


@pytest.fixture
async def hosts(database_url: str, search_backend: SearchBackend
                ) -> AsyncIterator[tuple[SearchService, dict[str, int]]]:
    runtime = Runtime.create(Settings.from_env(database_url=database_url),
                             extra_plugins=[("hosts", _HostPlugin())])
    objects = {"shop": ("shop.example.test", True), "hyphen": ("shop-example.test", True),
               "squeezed": ("shopexample.test", True), "hidden": ("hidden.example.test", False)}
    ids: dict[str, int] = {}
    async with runtime.sessionmaker() as session:
        parties = PartyCache(session)
        for i, (label, (site, published)) in enumerate(objects.items()):
            data = sample_object(i, name=f"Магазин {label}", keywords=[site, f"слово {i}"],
                                 published=published)
            obj = await create_object(session, parse_object(data), parties)
            await session.flush()
            ids[label] = obj.id
        await session.commit()
    service = SearchService(runtime, search_backend)
    try:
        await service.sync()
        yield service, ids
    finally:
        await service.close()
        await runtime.close()


def found(result: Any) -> list[tuple[int, str, str, str]]:
    """(object, field, matchedAs, form) of each hit's best match."""
    return [(h.object_id, h.matches[0].field, h.matches[0].matched_as, h.matches[0].form)
            for h in result.hits]


@pytest.mark.hook("ipreg_register_search_fields")
@pytest.mark.parametrize("text", [
    "shop.example.test",
    "https://www.shop.example.test:8443/a/b?c=1",
    "HTTP://SHOP.EXAMPLE.TEST./",
    "www.shop.example.test/page",
])
async def test_a_field_matches_the_host_its_query_forms_read_from_the_text(
        hosts: tuple[SearchService, dict[str, int]], text: str) -> None:
    service, ids = hosts
    result = await service.search(text, ANONYMOUS)
    assert found(result)[0] == (ids["shop"], "site", QUERY_FORM, "shop.example.test")
    # Exact: punctuation counts, so neither `shop-example.test` nor `shopexample.test`
    # matches as a query form (they share the folded value `shopexampletest`).
    assert {(h.object_id, m.field) for h in result.hits for m in h.matches
            if m.matched_as == QUERY_FORM} == {(ids["shop"], "site")}
    assert result.total == len(result.hits)


@pytest.mark.hook("ipreg_register_search_fields")
async def test_query_forms_add_to_the_text_matching_they_do_not_replace_it(
        hosts: tuple[SearchService, dict[str, int]]) -> None:
    service, ids = hosts
    url = await service.search("https://shop.example.test/a?b=1", ANONYMOUS)
    # Without query forms (`sitePlain`) no field's text matches the whole URL...
    assert [h.object_id for h in url.hits] == [ids["shop"]]
    # ...and a word still finds every object by its name as before.
    words = await service.search("магазин", ANONYMOUS)
    assert {h.object_id for h in words.hits} == {ids["shop"], ids["hyphen"], ids["squeezed"]}
    assert all(m.matched_as != QUERY_FORM for h in words.hits for m in h.matches)


@pytest.mark.hook("ipreg_register_search_fields")
async def test_query_forms_respect_the_field_visibility_and_publication(
        hosts: tuple[SearchService, dict[str, int]]) -> None:
    service, ids = hosts
    # An unpublished object: anonymous callers match none of its fields.
    assert (await service.search("https://hidden.example.test/x", ANONYMOUS)).total == 0
    seen = await service.search("https://hidden.example.test/x", SYSTEM)
    assert [h.object_id for h in seen.hits] == [ids["hidden"]]
    assert {m.field for m in seen.hits[0].matches if m.matched_as == QUERY_FORM} == {
        "site", "siteInternal"}
    # A private field's query form never shows to an anonymous caller.
    anonymous = await service.search("https://shop.example.test/", ANONYMOUS)
    assert "siteInternal" not in {m.field for h in anonymous.hits for m in h.matches}


@pytest.mark.hook("ipreg_register_search_fields")
async def test_query_form_hits_obey_the_filter(
        hosts: tuple[SearchService, dict[str, int]]) -> None:
    service, ids = hosts
    text = "https://shop.example.test/"
    elsewhere = SearchFilter(jurisdictions=("nowhere",))
    assert (await service.search(text, ANONYMOUS, filter=elsewhere)).total == 0
    here = await service.search(text, ANONYMOUS, filter=SearchFilter(jurisdictions=("eaeu",)))
    assert [h.object_id for h in here.hits] == [ids["shop"]]


def test_the_exact_key_ignores_case_and_spacing_but_not_punctuation() -> None:
    assert exact_key("Shop.Example.TEST") == exact_key("shop.example.test")
    assert exact_key("  a  b ") == exact_key("a b")
    assert exact_key("kino-free.test") != exact_key("kinofree.test")
    assert exact_key("1.2.3.45") != exact_key("12.3.4.5")
    assert exact_key("  ") == ""


async def test_a_failing_query_forms_function_does_not_fail_the_search(
        database_url: str, tmp_path: Path) -> None:
    from ipreg.search.embedded import EmbeddedBackend

    def broken(text: str) -> Sequence[str]:
        raise ValueError(text)

    class Broken:
        @hookimpl
        def ipreg_register_search_fields(self) -> list[SearchField]:
            return [SearchField("site", sites, public=True, query_forms=broken)]

    runtime = Runtime.create(Settings.from_env(database_url=database_url),
                             extra_plugins=[("broken", Broken())])
    service = SearchService(runtime, EmbeddedBackend(tmp_path / "broken.db"))
    try:
        assert "site" not in dict(service.query("https://x.test/", ANONYMOUS).field_forms)
        assert (await service.search("https://x.test/", ANONYMOUS)).total == 0
    finally:
        await service.close()
        await service.backend.close()
        await runtime.close()
