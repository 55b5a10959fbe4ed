"""Website identifiers of the national list (Order 2945 I.2 ¶2, II.2.1 ¶3; VR-W07).

A website is reached through a domain name, a URL or an IP address. Here:

* :func:`host` reads a domain name the way people write it (scheme, ``www.``, a path,
  a port, a trailing dot and letter case ignored) and gives its Unicode and ASCII
  (punycode) forms through IDNA 2008 with the UTS 46 mapping (the ``idna`` package);
  a label mixing scripts (Latin ``a`` among Cyrillic letters: a homograph) is refused;
* :func:`ip_address` reads IPv4 and IPv6 addresses and refuses private, loopback,
  link-local, multicast, reserved and unspecified ones (no website of the public
  Internet is reached there);
* :func:`url` reads an absolute http(s) URL and :func:`on_host` says whether it is on
  the website (the same host or one of its subdomains, or the same IP address);
* :func:`key_of` is the one key a website is found by: its ASCII host or its IP;
  :func:`candidates` the keys a search text may name (the host and every parent
  domain, for subdomain-aware matching).
"""

from __future__ import annotations

import ipaddress
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import idna

RULE = "Order 2945 II.2.1 ¶3"
VR_W07 = "VR-W07"


class IdentifierError(ValueError):
    """A website identifier that is not valid; the message says why."""


@dataclass(frozen=True)
class Host:
    """A domain name in its two forms: ``unicode`` (as people read it) and ``ascii``
    (punycode, as DNS has it). Equal for a name without non-ASCII letters."""

    unicode: str
    ascii: str

    @property
    def is_idn(self) -> bool:
        return self.unicode != self.ascii


def _strip(text: str) -> str:
    value = text.strip()
    if "://" in value:
        value = value.split("://", 1)[1]
    elif value.startswith("//"):
        value = value[2:]
    for sep in "/?#":
        value = value.split(sep, 1)[0]
    if "@" in value:
        value = value.rsplit("@", 1)[1]
    if value.startswith("[") and "]" in value:       # [IPv6]:port
        return value[1:value.index("]")]
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else None


def _mixed_script(label: str) -> set[str]:
    return {s for s in map(_script, label) if s}


def host(text: str) -> Host:
    """The domain name ``text`` names (``https://www.Кіно.example/x`` → ``кіно.example``).

    ``www.`` is dropped: the list names the website, not its ``www`` alias (a site
    under another subdomain keeps it). Raises :class:`IdentifierError`."""
    raw = _strip(text)
    if not raw:
        raise IdentifierError("no domain name")
    try:
        ipaddress.ip_address(raw)
    except ValueError:
        pass
    else:
        raise IdentifierError(f"{raw!r} is an IP address, not a domain name")
    lowered = raw.lower()
    if lowered.startswith("www."):
        lowered = lowered[4:]
    try:
        ascii_form = idna.encode(lowered, uts46=True).decode("ascii")
        unicode_form = idna.decode(ascii_form)
    except (idna.IDNAError, UnicodeError) as error:
        raise IdentifierError(f"{raw!r} is not a valid domain name ({error})") from None
    labels = unicode_form.split(".")
    if len(labels) < 2:
        raise IdentifierError(f"{raw!r} is not a domain name with a top-level domain")
    if len(ascii_form) > 253:
        raise IdentifierError(f"{raw!r} is longer than 253 characters")
    for label in labels:
        scripts = _mixed_script(label)
        if len(scripts) > 1:
            raise IdentifierError(
                f"{label!r} mixes scripts ({', '.join(sorted(scripts)).lower()}): "
                "a homograph of another name")
    if labels[-1].isdigit():
        raise IdentifierError(f"{raw!r}: a top-level domain is not a number")
    return Host(unicode_form, ascii_form)


def ip_address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """A public IPv4 or IPv6 address (an IPv4-mapped IPv6 address is its IPv4)."""
    raw = text.strip()
    if raw.startswith("[") and raw.endswith("]"):
        raw = raw[1:-1]
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        raise IdentifierError(f"{text!r} is not an IPv4 or IPv6 address") from None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for flag, what in (("is_unspecified", "unspecified"), ("is_loopback", "a loopback"),
                       ("is_link_local", "a link-local"), ("is_multicast", "a multicast"),
                       ("is_private", "a private"), ("is_reserved", "a reserved")):
        if getattr(address, flag):
            raise IdentifierError(f"{address} is {what} address: no public website is "
                                  "reached there")
    if not address.is_global:
        raise IdentifierError(f"{address} is not a public (global) address")
    return address


@dataclass(frozen=True)
class Url:
    """An absolute http(s) URL and the host or IP address it is on."""

    text: str
    host: Host | None
    ip: str | None


def url(text: str) -> Url:
    """An absolute ``http``/``https`` URL with a host (a domain name or a public IP)."""
    value = text.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise IdentifierError(f"{text!r} is not an absolute http(s) URL")
    name = parts.hostname or ""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return Url(value, host(name), None)
    return Url(value, None, str(ip_address(name)))


def on_host(link: Url, site: Host | None, ip: str | None) -> bool:
    """Is ``link`` on the website: its host, a subdomain of it, or its IP address?"""
    if link.ip is not None:
        return ip is not None and link.ip == ip
    if site is None or link.host is None:
        return False
    return link.host.ascii == site.ascii or link.host.ascii.endswith("." + site.ascii)


def key_of(site: Host | None, ip: str | None) -> str:
    """The key the register finds a website by: its ASCII host, else its IP address."""
    if site is not None:
        return site.ascii
    if ip is None:
        raise IdentifierError("a website needs a domain name, a URL or an IP address")
    return ip


def candidates(text: str) -> list[str]:
    """The keys a search text may name, most specific first: an IP address, or the
    ASCII host and each parent domain down to two labels (``a.b.example`` →
    ``a.b.example``, ``b.example``) so that a page of a subdomain finds its site."""
    raw = _strip(text)
    try:
        return [str(ip_address(raw))]
    except IdentifierError:
        pass
    try:
        found = host(text)
    except IdentifierError:
        return []
    labels = found.ascii.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


__all__ = ["RULE", "Host", "IdentifierError", "Url", "candidates", "host", "ip_address",
           "key_of", "on_host", "url"]
