"""Ukrainian identifiers and their check digits: EDRPOU (legal entities) and RNOKPP
(natural persons' taxpayer registration numbers).

* **EDRPOU** (Unified State Register of Enterprises and Organisations of Ukraine,
  Cabinet of Ministers resolution No. 118 of 22.01.1996): 8 digits, the last a
  check digit. Weights 1..7 (7, 1..6 for codes between 30000000 and 60000000);
  the sum modulo 11; when it is 10, the weights plus 2 and the sum modulo 11 again,
  10 then giving 0.
* **RNOKPP** (Tax Code of Ukraine Art. 70; the former "identification number"):
  10 digits; weights -1, 5, 7, 9, 4, 6, 10, 5, 7 on the first nine; the sum
  modulo 11, then modulo 10, is the tenth. A person who refused the number on
  religious grounds is identified by the passport series and number instead
  (Art. 70.7): read that as an identity document, not here.

:class:`UkrainianIdentifierReader` adds ``edrpou`` and ``rnokpp`` readers to a
register's :class:`~ipreg.core.services.validation.FieldReader`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ipreg.core.services.validation import FieldReader, join_path

EDRPOU_RULE = "EDRPOU: 8 digits with a check digit (CMU resolution No. 118 of 1996)"
RNOKPP_RULE = "RNOKPP: 10 digits with a check digit (Tax Code of Ukraine Art. 70)"


def _edrpou_check(digits: str, shift: int) -> int:
    number = int(digits)
    weights = (7, 1, 2, 3, 4, 5, 6) if 30000000 < number < 60000000 else (1, 2, 3, 4, 5, 6, 7)
    return sum(int(d) * (w + shift) for d, w in zip(digits[:7], weights, strict=True)) % 11


def is_edrpou(value: str) -> bool:
    """``value`` is an EDRPOU code: 8 digits whose last is the check digit."""
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        return False
    check = _edrpou_check(value, 0)
    if check == 10:
        check = _edrpou_check(value, 2) % 10
    return check == int(value[7])


def edrpou_check_digit(first_seven: str) -> str:
    """The check digit that completes ``first_seven`` digits (samples, tests)."""
    for digit in "0123456789":
        if is_edrpou(first_seven + digit):
            return digit
    raise ValueError(f"no EDRPOU completes {first_seven!r}")


_RNOKPP_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)


def is_rnokpp(value: str) -> bool:
    """``value`` is an RNOKPP: 10 digits whose last is the check digit."""
    if len(value) != 10 or not value.isascii() or not value.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:9], _RNOKPP_WEIGHTS, strict=True))
    return total % 11 % 10 == int(value[9])


def rnokpp_check_digit(first_nine: str) -> str:
    """The check digit that completes ``first_nine`` digits (samples, tests)."""
    total = sum(int(d) * w for d, w in zip(first_nine, _RNOKPP_WEIGHTS, strict=True))
    return str(total % 11 % 10)


class UkrainianIdentifierReader(FieldReader):
    """A :class:`FieldReader` that also reads EDRPOU codes and RNOKPP numbers."""

    def edrpou(self, data: Mapping[str, Any], key: str, path: str, *,
               required: bool = False, rule: str = EDRPOU_RULE) -> str | None:
        value = self.text(data, key, path, required=required, limit=8, rule=rule)
        if value is not None and not is_edrpou(value):
            self.problems.add(join_path(path, key),
                              f"{value!r} is not an EDRPOU code", rule=rule)
            return None
        return value

    def rnokpp(self, data: Mapping[str, Any], key: str, path: str, *,
               required: bool = False, rule: str = RNOKPP_RULE) -> str | None:
        value = self.text(data, key, path, required=required, limit=10, rule=rule)
        if value is not None and not is_rnokpp(value):
            self.problems.add(join_path(path, key),
                              f"{value!r} is not an RNOKPP", rule=rule)
            return None
        return value


__all__ = [
    "EDRPOU_RULE",
    "RNOKPP_RULE",
    "UkrainianIdentifierReader",
    "edrpou_check_digit",
    "is_edrpou",
    "is_rnokpp",
    "rnokpp_check_digit",
]
