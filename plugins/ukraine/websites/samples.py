"""Realistic appeals, exclusion applications and websites, for the demo and the tests.

Every domain is under a reserved test name (``.test``, ``.example``: RFC 2606), some
internationalised; every person and firm is invented.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import Any

from ipreg.plugins.ukraine.websites import domains

#: Invented website names; Cyrillic ones give IDN domains.
SITE_WORDS = ["kino-free", "filmy-online", "muzyka-zaraz", "serialy-hd", "knyhy-pdf",
              "torrent-ua", "games-crack", "tv-stream", "anime-vse", "audioknyha",
              "кіно-онлайн", "фільми-безкоштовно", "музика-тут", "серіали-дивитись",
              "книги-читати", "мультики", "ігри-завантажити", "новинки-кіно",
              "stream-zone", "movie-box", "lib-free", "comics-hub", "soft-keys",
              "radio-live", "sport-tv"]
TLDS = ["test", "example"]
APPLICANTS = [("LEGAL", "ТОВ «Кінокомпанія Світанок»", "UA", None),
              ("LEGAL", "Northwind Pictures Ltd", "GB", "Northwind Pictures Ltd"),
              ("LEGAL", "ПрАТ «Видавництво Весна»", "UA", None),
              ("NATURAL", "Коваленко Олена Петрівна", "UA", None),
              ("LEGAL", "Müller Musikverlag GmbH", "DE", "Miuller Muzykferlah HmbKh")]
REPRESENTATIVES = [("Шевченко Андрій Іванович", "ATTORNEY", "АВ-001234"),
                   ("Бондар Марія Олексіївна", "PATENT_ATTORNEY", "ПП-0456"),
                   ("Ткаченко Ігор Васильович", "ATTORNEY", "АВ-009876")]
WORKS = [("AUDIOVISUAL", "Тіні забутих предків (реставрована версія)", 2021),
         ("AUDIOVISUAL", "Серіал «Кордон»", 2023),
         ("MUSICAL", "Альбом «Весняні ритми»", 2022),
         ("LITERARY", "Роман «Місто над річкою»", 2020),
         ("COMPUTER_PROGRAM", "Бухгалтерія Плюс 5.0", 2024)]


def domain(i: int) -> str:
    word = SITE_WORDS[i % len(SITE_WORDS)]
    suffix = "" if i < len(SITE_WORDS) else f"-{i // len(SITE_WORDS)}"
    return f"{word}{suffix}.{TLDS[i % 2]}"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def person(i: int) -> dict[str, Any]:
    kind, name, country, translit = APPLICANTS[i % len(APPLICANTS)]
    return {"kind": kind, "name": name, "country": country, "foreign": country != "UA",
            "nameTransliterated": translit,
            "residence": "м. Київ, вул. Хрещатик, 1" if country == "UA" else f"{country}",
            "postalAddress": "01001, м. Київ, а/с 10" if country == "UA" else "PO Box 10",
            "email": f"rights{i}@holder.example"}


def representative(i: int) -> dict[str, Any]:
    name, kind, number = REPRESENTATIVES[i % len(REPRESENTATIVES)]
    return {"kind": "NATURAL", "name": name, "country": "UA", "residence": "м. Київ",
            "postalAddress": "01010, м. Київ, вул. Лаврська, 2",
            "email": f"attorney{i}@law.example", "representativeKind": kind,
            "registrationNumber": number,
            "authorityDocument": {"kind": "довіреність", "number": f"Д-{100 + i}",
                                  "date": "2026-01-15", "certified": True}}


def appeal(i: int, today: dt.date, rng: random.Random | None = None, *,
           site: str | None = None, ground: str = "THREE_UNREMEDIED",
           channel: str = "EMAIL", owner_known: bool = True) -> dict[str, Any]:
    """A complete, valid appeal (II.1-II.3) for the website ``site`` filed ``today``."""
    rng = rng or random.Random(i)
    host = domains.host(site).unicode if site else domain(i)
    kind, title, year = WORKS[i % len(WORKS)]
    infringements = [{"work": 0, "url": f"https://{host}/watch/{n}",
                      "occurredOn": (today - dt.timedelta(days=10 + 20 * n)).isoformat(),
                      "recordedOn": (today - dt.timedelta(days=9 + 20 * n)).isoformat(),
                      "remediedAsOfFiling": False,
                      "art56NoticeReference": f"ст.56/{i}-{n}",
                      "art56NoticeSentOn": (today - dt.timedelta(days=8 + 20 * n)).isoformat(),
                      "art56Part11Breach": True, "art56Part4Complied": True,
                      "art56MeasuresFailed": True}
                     for n in range(3)]
    form: dict[str, Any] = {
        "petitionDrawnUpOn": (today - dt.timedelta(days=rng.randint(0, 3))).isoformat(),
        "language": "uk", "channel": channel,
        "applicant": person(i), "applicantIsPrimaryHolder": True,
        "representative": representative(i),
        "websites": [{"domain": site or host, "urls": [f"https://{host}/", f"https://www.{host}/top"],
                      "platformType": "OTHER", "mediaRegistered": False}],
        "works": [{"kind": kind, "title": title, "publicationYear": year,
                   "evidenceLinks": [{"url": f"https://cloud.holder.example/evidence/{i}",
                                      "capturedAt": f"{today.isoformat()}T09:00:00+02:00",
                                      "sha256": _sha(f"evidence {i}")}]}],
        "rightsEvidence": [{"title": "Свідоцтво про реєстрацію авторського права",
                            "language": "uk", "certified": True}],
        "claimedGround": ground, "infringements": infringements,
        "owner": ({"known": True, "kind": "LEGAL", "name": f"Site Owner {i} LLC",
                   "email": f"admin@{host.encode('idna').decode() if not host.isascii() else host}",
                   "basis": "DOMAIN_REGISTRANT_PRESUMED"} if owner_known else {"known": False}),
    }
    if channel == "EMAIL":
        form["signature"] = {"signer": representative(i)["name"], "signerRnokpp": None,
                             "provider": "АЦСК «Дія»", "certificateSerial": f"5E984D526F{i:04X}",
                             "signedAt": f"{today.isoformat()}T08:30:00+02:00",
                             "format": "CAdES-X-Long", "contentSha256": _sha(f"appeal {i}"),
                             "verified": True}
    else:
        name = representative(i)["name"].split()
        form["paperSignature"] = {"firstName": name[1], "surname": name[0], "signed": True}
    return form


def exclusion(i: int, today: dt.date, *, ground: str = "REMEDIED",
              channel: str = "EMAIL") -> dict[str, Any]:
    """A complete, valid application for exclusion (IV.1-IV.2)."""
    kind, title, year = WORKS[i % len(WORKS)]
    form: dict[str, Any] = {
        "language": "uk", "channel": channel,
        "owner": {"kind": "LEGAL", "name": f"Site Owner {i} LLC", "residence": "Kyiv",
                  "postalAddress": "04050, м. Київ, а/с 7", "email": f"owner{i}@site.example"},
        "grounds": [{"ground": ground, "documents": ["Акт про видалення матеріалів"],
                     "evidenceDate": today.isoformat()}],
        "works": [{"kind": kind, "title": title, "publicationDate": f"{year}-01-01"}],
    }
    if channel == "EMAIL":
        form["copiesCertified"] = True
        form["signature"] = {"signer": f"Site Owner {i}", "provider": "АЦСК «Дія»",
                             "certificateSerial": f"6A11{i:04X}",
                             "signedAt": f"{today.isoformat()}T10:00:00+02:00",
                             "format": "CAdES-X-Long", "contentSha256": _sha(f"excl {i}"),
                             "verified": True}
    else:
        form["copiesAttached"] = True
        form["paperSignature"] = {"firstName": "Петро", "surname": "Власенко", "signed": True}
    return form


__all__ = ["SITE_WORDS", "appeal", "domain", "exclusion", "person", "representative"]
