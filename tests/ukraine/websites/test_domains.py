"""Website identifiers (Order 2945 I.2 ¶2, II.2.1 ¶3; VR-W07): domain names in both IDN
forms, public IP addresses, URLs on the website's host, the keys a text may name."""

from __future__ import annotations

import pytest

from ipreg.plugins.ukraine.websites import domains

pytestmark = pytest.mark.legal("Order 2945 II.2.1", "VR-W07")


@pytest.mark.parametrize(("text", "unicode", "ascii"), [
    ("kino-free.test", "kino-free.test", "kino-free.test"),
    ("https://WWW.Kino-Free.test:8443/path?q=1#x", "kino-free.test", "kino-free.test"),
    ("кіно-онлайн.test", "кіно-онлайн.test", "xn----8sb1abgkbddb4x.test"),
    ("xn----8sb1abgkbddb4x.test", "кіно-онлайн.test", "xn----8sb1abgkbddb4x.test"),
    ("cdn.КІНО-ОНЛАЙН.test.", "cdn.кіно-онлайн.test", "cdn.xn----8sb1abgkbddb4x.test"),
    ("user@mirror.example", "mirror.example", "mirror.example"),
])
def test_a_domain_is_read_in_both_forms(text: str, unicode: str, ascii: str) -> None:
    found = domains.host(text)
    assert (found.unicode, found.ascii, found.is_idn) == (unicode, ascii, unicode != ascii)


@pytest.mark.parametrize(("text", "why"), [
    ("pаypal.example", "mixes scripts"),          # a Cyrillic а among Latin letters
    ("bad_domain!.example", "not a valid domain"),
    ("localhost", "top-level domain"),
    ("192.168.1.1", "IP address"),
    ("x" * 64 + ".test", "not a valid domain"),
    ("", "no domain"),
])
def test_an_invalid_domain_is_refused_with_why(text: str, why: str) -> None:
    with pytest.raises(domains.IdentifierError, match=why):
        domains.host(text)


@pytest.mark.parametrize(("text", "normal"), [
    ("8.8.8.8", "8.8.8.8"), ("2a00:1450:4001::1", "2a00:1450:4001::1"),
    ("[2a00:1450:4001::1]", "2a00:1450:4001::1"), ("::ffff:8.8.4.4", "8.8.4.4")])
def test_a_public_ip_address_is_accepted(text: str, normal: str) -> None:
    assert str(domains.ip_address(text)) == normal


@pytest.mark.parametrize(("text", "why"), [
    ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.0.1", "private"),
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("169.254.1.1", "link-local"),
    ("fe80::1", "link-local"), ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"),
    ("240.0.0.1", "reserved|private"), ("2001:db8::1", "private"),
    ("100.64.0.1", "not a public"), ("1.2.3.300", "not an IPv4 or IPv6"),
    ("fc00::1", "private")])
def test_a_private_reserved_or_malformed_ip_is_refused(text: str, why: str) -> None:
    with pytest.raises(domains.IdentifierError, match=why):
        domains.ip_address(text)


@pytest.mark.parametrize(("url", "site", "ip", "on"), [
    ("https://kino-free.test/film", "kino-free.test", None, True),
    ("https://cdn.kino-free.test/film", "kino-free.test", None, True),
    ("https://kino-free.test.evil.example/", "kino-free.test", None, False),
    ("https://notkino-free.test/", "kino-free.test", None, False),
    ("https://xn----8sb1abgkbddb4x.test/x", "кіно-онлайн.test", None, True),
    ("http://8.8.8.8/x", None, "8.8.8.8", True),
    ("http://8.8.4.4/x", None, "8.8.8.8", False),
])
def test_a_url_is_on_the_website_or_not(url: str, site: str | None, ip: str | None,
                                        on: bool) -> None:
    host = domains.host(site) if site else None
    assert domains.on_host(domains.url(url), host, ip) is on


@pytest.mark.parametrize("text", ["ftp://kino-free.test/", "kino-free.test/film", "//x"])
def test_a_url_is_absolute_http_or_https(text: str) -> None:
    with pytest.raises(domains.IdentifierError):
        domains.url(text)


def test_the_keys_of_a_text_are_its_host_and_parent_domains() -> None:
    site = domains.host("кіно.test").ascii
    assert site.startswith("xn--")
    assert domains.candidates("https://www.a.b.кіно.test/x") == [f"a.b.{site}", f"b.{site}",
                                                                  site]
    assert domains.candidates("8.8.8.8") == ["8.8.8.8"]
    assert domains.candidates("not a domain") == []
