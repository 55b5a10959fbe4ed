"""The reader every GI form shares: addresses, persons, scripts (GI rules II.2.1, II.3.4,
II.3.7; digest §8.2)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec, join_path
from ipreg.plugins.ukraine.common.identifiers import UkrainianIdentifierReader

KINDS = ("geographical_indication", "designation_of_origin")
REGIMES = ("general", "agri_food", "spirit_drink")

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_UKRAINIAN_ONLY = re.compile(r"[ЄІЇҐєіїґ]")
_RUSSIAN_ONLY = re.compile(r"[ЁЫЭЪёыэъ]")


def letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def script_of(text: str) -> str:
    """``cyrillic``, ``latin`` or ``other`` (the alphabet of most of the letters)."""
    chars = letters(text)
    if not chars:
        return "none"
    cyr = sum(1 for c in chars if _CYRILLIC.match(c))
    lat = sum(1 for c in chars if _LATIN.match(c))
    if cyr >= lat and cyr * 2 >= len(chars):
        return "cyrillic"
    if lat * 2 >= len(chars):
        return "latin"
    return "other"


def looks_ukrainian(text: str) -> bool:
    """Text in the Ukrainian alphabet: Cyrillic without letters only Russian has."""
    return script_of(text) == "cyrillic" and not _RUSSIAN_ONLY.search(text)


def has_diacritics(text: str) -> bool:
    """Latin letters with diacritics (the apostrophe is allowed, GI rules II.3.4 ¶18)."""
    for char in text:
        if _LATIN.match(char) and not char.isascii() and unicodedata.decomposition(char):
            return True
    return False


ADDRESS = FormSpec("address", "An address by its components (GI rules II.3.4 ¶7, ¶14).", (
    F("street", description="Street (вулиця, проспект, ...)", rule="GI rules II.3.4 ¶7"),
    F("building", description="Building number", rule="GI rules II.3.4 ¶7"),
    F("apartment", description="Apartment or office", rule="GI rules II.3.4 ¶7"),
    F("locality", description="City, town or village", rule="GI rules II.3.4 ¶7",
      required=True),
    F("district", description="District", rule="GI rules II.3.4 ¶7"),
    F("region", description="Region (oblast)", rule="GI rules II.3.4 ¶7"),
    F("country", "country", "Country (ISO 3166-1 alpha-2)", "GI rules II.3.4 ¶17",
      required=True),
    F("postcode", description="Postcode", rule="GI rules II.3.4 ¶7"),
))

NAMED_ADDRESS = FormSpec("namedAddress", "A name and an address (GI rules II.3.8, II.4.10).", (
    F("name", description="Name", rule="GI rules II.3.8", required=True),
    F("address", description="Address as one line", rule="GI rules II.3.8", required=True),
    F("powers", description="Powers (functions) regarding the product (II.4.10)",
      rule="GI rules II.4.10"),
))


class GiReader(UkrainianIdentifierReader):
    """The register's reader: dates and countries cite the GI rules."""

    date_rule = "GI rules II.3.4"
    country_rule = "VR-23 (GI rules II.3.4 ¶17)"
    country_format = "a two-letter ISO 3166-1 / WIPO ST.3 country code"

    def address(self, data: Mapping[str, Any], key: str, path: str, *, required: bool,
                rule: str, components: tuple[str, ...] = ("street", "building", "locality")
                ) -> dict[str, Any] | None:
        """An address with its components (``components`` required, VR-20, VR-21)."""
        value = data.get(key)
        where = join_path(path, key)
        if value is None:
            if required:
                self.problems.add(where, "is required", rule=rule, code="required")
            return None
        found = self.mapping(value, where, ADDRESS)
        if found is None:
            return None
        out: dict[str, Any] = {}
        for name in ("street", "building", "apartment", "locality", "district", "region",
                     "postcode"):
            text = self.text(found, name, where, required=name in components, limit=200,
                             rule=rule)
            if text is not None:
                out[name] = text
        country = self.country(found, "country", where, required=True, rule=rule)
        if country:
            out["country"] = country
        return out

    def named(self, data: Mapping[str, Any], key: str, path: str, *, required: bool,
              rule: str) -> dict[str, Any] | None:
        return self.named_value(data.get(key), join_path(path, key), required=required,
                                rule=rule)

    def named_value(self, value: Any, where: str, *, required: bool, rule: str
                    ) -> dict[str, Any] | None:
        if value is None:
            if required:
                self.problems.add(where, "is required", rule=rule, code="required")
            return None
        found = self.mapping(value, where, NAMED_ADDRESS)
        if found is None:
            return None
        name = self.text(found, "name", where, required=True, limit=500, rule=rule)
        address = self.text(found, "address", where, required=True, limit=1000, rule=rule)
        powers = self.text(found, "powers", where, limit=2000, rule=rule)
        if not name or not address:
            return None
        return {"name": name, "address": address, **({"powers": powers} if powers else {})}

    def ukrainian(self, data: Mapping[str, Any], key: str, path: str, *, required: bool,
                  rule: str, limit: int = 20000) -> str | None:
        """Free text of the application, in Ukrainian (VR-11: GI rules II.2.1 ¶1; GI rules IV.3)."""
        text = self.text(data, key, path, required=required, limit=limit, rule=rule)
        if text is not None and not looks_ukrainian(text):
            self.problems.add(join_path(path, key), "must be in Ukrainian",
                              rule="VR-11 (GI rules IV.3, II.2.1 ¶1)", code="invalid")
        return text


__all__ = ["ADDRESS", "KINDS", "NAMED_ADDRESS", "REGIMES", "GiReader", "has_diacritics",
           "looks_ukrainian", "script_of"]
