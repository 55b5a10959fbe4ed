"""What the core search indexes of a listed website (hook ``ipreg_register_search_fields``):
its address in every form a person may type (Order 2945 I.2 ¶2, II.2.1 ¶3).

``ua_website_address`` (public: the address is what the list publishes, III.9) holds the
domain in Unicode and in punycode, each also with ``www.`` and as an ``https://`` URL, and
the IP address; ``ua_website_parents`` (public) the parent domains of a subdomain site,
so that a search for the site's own domain finds its pages too. The object's ``name`` is
the Unicode domain: a search by name matches it as every object's name is matched. The
core search reports which field and form matched (``matchedAs``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


FIELDS = [SearchField("ua_website_address", address_forms, public=True),
          SearchField("ua_website_parents", parent_domains, public=True)]

__all__ = ["FIELDS", "address_forms", "parent_domains"]


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
