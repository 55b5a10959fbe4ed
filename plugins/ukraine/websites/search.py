"""What the core search indexes of a listed website (hook ``ipreg_register_search_fields``):
its address in every form a person may type (Order 2945 I.2 ¶2, II.2.1 ¶3).

``ua_website_address`` (public: the address is what the list publishes, III.9) holds the
domain in Unicode and in punycode, each also with ``www.`` and as an ``https://`` URL, and
the IP address; ``ua_website_parents`` (public) the parent domains of a subdomain site,
so that a search for the site's own domain finds its pages too; ``ua_website_subdomains``
(public) the site's own domain, matched against the *parent domains* of what is searched,
so that a page on a subdomain of a listed site finds the site. The object's ``name`` is
the Unicode domain: a search by name matches it as every object's name is matched.

Each field also reads the search text itself (``SearchField.query_forms``): whatever
URL, ``www.``, port, path, letter case, trailing dot or IDN form is typed, the core
search matches its host (and, for ``ua_website_subdomains``, its parent domains) exactly
against the field, and says ``matchedAs: "queryForm"`` with the field and the form:
``ua_website_address`` (the site itself), ``ua_website_subdomains`` (the text is on a
subdomain of the site: the form is the site's domain), ``ua_website_parents`` (the site
is a subdomain of the text's host).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from ipreg.core.extension import SearchField
from ipreg.plugins.ukraine.websites import domains

JURISDICTION = "ua_websites"


def address_forms(document: Mapping[str, Any]) -> Sequence[str]:
    """Every written form of a website's address: Unicode and punycode, bare, with
    ``www.`` and as URLs; the IP address."""
    if document.get("jurisdiction") != JURISDICTION:
        return []
    out: list[str] = []
    for value in [document.get("name"), *document.get("keywords", [])]:
        if not value:
            continue
        try:
            host = domains.host(str(value))
        except domains.IdentifierError:
            out.append(str(value))                      # an IP address
            continue
        for form in dict.fromkeys((host.unicode, host.ascii)):
            out += [form, f"www.{form}", f"https://{form}/", f"https://www.{form}/"]
    return list(dict.fromkeys(out))


def parent_domains(document: Mapping[str, Any]) -> Sequence[str]:
    """A subdomain site's parent domains (``a.b.example`` → ``b.example``)."""
    if document.get("jurisdiction") != JURISDICTION or not document.get("name"):
        return []
    return domains.candidates(str(document["name"]))[1:]


def own_domain(document: Mapping[str, Any]) -> Sequence[str]:
    """The site's domain (ASCII form), for a search on one of its subdomains."""
    if document.get("jurisdiction") != JURISDICTION or not document.get("name"):
        return []
    try:
        return [domains.host(str(document["name"])).ascii]
    except domains.IdentifierError:
        return []                                      # a site known by its IP only


@lru_cache(maxsize=4096)
def _candidates(text: str) -> tuple[str, ...]:
    """:func:`domains.candidates` of a search text, once per text (the three fields
    read the same text; IDNA is the costly part); words are no address."""
    stripped = text.strip()
    if not stripped or any(ch.isspace() for ch in stripped):
        return ()
    return tuple(domains.candidates(stripped))


def _typed(text: str) -> list[str]:
    """The search text's host or IP address (ASCII, normalised), when it names one."""
    return list(_candidates(text)[:1])


@lru_cache(maxsize=4096)
def typed_host(text: str) -> Sequence[str]:
    """``query_forms`` of the address: the typed host in both IDN forms, or the IP."""
    found = _typed(text)
    out = list(found)
    for key in found:
        with contextlib.suppress(domains.IdentifierError):     # an IP address
            out.append(domains.host(key).unicode)
    return tuple(dict.fromkeys(out))


def typed_parents(text: str) -> Sequence[str]:
    """``query_forms`` of the site's own domain: the typed host's parent domains."""
    return list(_candidates(text)[1:])


FIELDS = [SearchField("ua_website_address", address_forms, public=True,
                      query_forms=typed_host),
          SearchField("ua_website_parents", parent_domains, public=True,
                      query_forms=lambda text: _typed(text)),
          SearchField("ua_website_subdomains", own_domain, public=True,
                      query_forms=typed_parents)]

__all__ = ["FIELDS", "address_forms", "own_domain", "parent_domains", "typed_host",
           "typed_parents"]


def matched_as(text: str, key: str, domain: str | None, name: str) -> str:
    """How ``text`` found the website of ``key``: ``exact`` (the address as listed),
    ``idn`` (the other form of an internationalised domain), ``url`` (a scheme, ``www.``,
    a port or a path around it), ``subdomain`` (a page on a subdomain of the site), ``ip``
    or ``name`` (a part of its name)."""
    typed = text.strip()
    found = domains.candidates(typed)
    if not found:
        return "name"
    if found[0] != key:
        return "subdomain" if key in found else "name"
    if domain is None:
        return "ip"
    bare = typed.rstrip("/").rstrip(".").lower()
    if bare == domain.lower():
        return "exact"
    if bare == key:
        return "idn"
    return "url"
