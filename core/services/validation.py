"""Reading outside input field by field: every problem with its path, legal point and code.

One reader serves ``ipreg import objects`` (:mod:`ipreg.core.services.inputs`) and
every register's forms (``plugins/eaeu/forms.py``): a :class:`FieldReader` reads
text, dates, numbers, flags, codes of a code list, countries, lists, objects and
file references out of JSON-like data, and a :class:`Problems` collects what is
wrong with each value instead of stopping at the first, so a caller learns
every problem at once::

    reader = FieldReader()
    name = reader.text(data, "name", "holders[0]", required=True, rule="R174 A1 T2 2")
    reader.raise_if_any()   # BadUserInput: "holders[0].name: is required (R174 A1 T2 2)"

A problem has the *path* of the value (``goods[0].turnover[1].parties[0].roles[0]``:
keys joined by dots, list positions in brackets), a *message* that cites the
legal point it breaks where one is given (``rule``), and a stable *code*
(:data:`PROBLEM_CODES`). :meth:`Problems.raise_if_any` raises them as one
:class:`~ipreg.core.errors.BadUserInput` whose details carry ``errors`` (the
lines ``path: message``) and ``problems`` (path, message, rule and code of each);
GraphQL puts both into ``extensions``.

What no database column can hold (NUL in text, dates outside
:data:`~ipreg.core.checks.DATE_MIN`..:data:`~ipreg.core.checks.DATE_MAX`) is
refused by the rules of :mod:`ipreg.core.checks`, with their words, as
everywhere else. A register says how its law words the two formats it cites
(dates, countries) by subclassing: ``date_format``/``date_rule`` and
``country_format``/``country_rule``; ``numbers_as_text`` reads a JSON number
where text is expected as its digits. The register's own form methods
(``party``, ``document``…) go on the subclass as well.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from ipreg.core.checks import date_problem, text_problem
from ipreg.core.errors import BadUserInput
from ipreg.core.refdata import country_codes

T = TypeVar("T")

# ---------------------------------------------------------------- problem codes

#: A required value is missing, ``null`` or blank.
REQUIRED = "required"
#: The value is not of the JSON type expected (a string, a whole number, a list, an
#: object, true or false).
WRONG_TYPE = "wrong_type"
#: Text longer than its limit.
TOO_LONG = "too_long"
#: Text no column can hold (NUL, :func:`ipreg.core.checks.text_problem`).
UNSTORABLE = "unstorable"
#: Not a date written as the register's format says.
NOT_A_DATE = "not_a_date"
#: A date outside the register's dates (:func:`ipreg.core.checks.date_problem`).
DATE_OUT_OF_RANGE = "date_out_of_range"
#: A number outside its bounds.
OUT_OF_RANGE = "out_of_range"
#: Not a code of its code list (countries, a register's lists).
UNKNOWN_CODE = "unknown_code"
#: A list with fewer elements than its multiplicity allows.
TOO_FEW = "too_few"
#: A list with more elements than its multiplicity allows.
TOO_MANY = "too_many"
#: Not a reference to a stored file (its sha256).
NOT_A_FILE = "not_a_file"
#: The same value given twice where the rule allows it once.
DUPLICATE = "duplicate"
#: Any other rule (the default of :meth:`Problems.add`).
INVALID = "invalid"

#: Every code a problem of the core reader has, with what it means.
PROBLEM_CODES: dict[str, str] = {
    REQUIRED: "a required value is missing, null or blank",
    WRONG_TYPE: "not the JSON type expected",
    TOO_LONG: "text longer than its limit",
    UNSTORABLE: "text holding NUL (U+0000)",
    NOT_A_DATE: "not a date YYYY-MM-DD",
    DATE_OUT_OF_RANGE: "a date outside 1000-01-01..2999-12-31",
    OUT_OF_RANGE: "a number outside its bounds",
    UNKNOWN_CODE: "not a code of its code list",
    TOO_FEW: "fewer list elements than the rule requires",
    TOO_MANY: "more list elements than the rule allows",
    NOT_A_FILE: "not the sha256 of a stored file",
    DUPLICATE: "given twice where the rule allows it once",
    INVALID: "breaks another rule (the message says which)",
}

#: How many problems the message of :meth:`Problems.raise_if_any` lists (all are in
#: its ``errors``).
MAX_IN_MESSAGE = 50

SHA256 = re.compile(r"^[0-9a-f]{64}$")


# ---------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One problem of one value."""

    #: Where the value is: ``goods[0].cnFeaCodes[1]`` (``""``: the input as a whole).
    path: str
    #: What is wrong, with the legal point it breaks in brackets where there is one.
    message: str
    #: The legal point cited (``R174 A1 T2 2``), ``""`` if none.
    rule: str = ""
    #: A stable code (:data:`PROBLEM_CODES`, or a register's own).
    code: str = INVALID

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message, "rule": self.rule,
                "code": self.code}


class Problems:
    """Collects problems with their paths; :meth:`raise_if_any` raises them all at once."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, path: str, message: str, *, rule: str = "", code: str = INVALID) -> Problem:
        """Record a problem of the value at ``path``; ``message`` gets `` (rule)``
        appended unless it cites ``rule`` already."""
        if rule and rule not in message:
            message = f"{message} ({rule})"
        problem = Problem(path, message, rule, code)
        self.found.append(problem)
        return problem

    @property
    def items(self) -> list[str]:
        """The problems as lines ``path: message``, in the order found."""
        return [str(p) for p in self.found]

    def raise_if_any(self, prefix: str = "") -> None:
        """Raise :class:`~ipreg.core.errors.BadUserInput` with every problem, if any."""
        if self.found:
            items = self.items
            head = f"{prefix}: " if prefix else ""
            raise BadUserInput(head + "; ".join(items[:MAX_IN_MESSAGE]), errors=items,
                               problems=[p.as_dict() for p in self.found])


def join_path(path: str, key: str) -> str:
    """``path.key`` (``key`` alone at the top, ``path`` alone for an empty key)."""
    if not key:
        return path
    return f"{path}.{key}" if path else key


def _cite(rule: str) -> str:
    return f" ({rule})" if rule else ""


# ---------------------------------------------------------------- the reader


@dataclass
class FileRef:
    """A reference to a stored file (:mod:`ipreg.core.files`) and where it was given."""

    sha256: str
    path: str


class FieldReader:
    """Reads the fields of JSON-like input, reporting every problem to :attr:`problems`.

    Each method reads ``data[key]`` and reports at the path ``path.key``; it
    returns the value read, or ``None`` when it is absent or wrong (wrong values
    are reported, absent ones only when ``required``). ``rule`` is the legal point
    a missing value or a broken multiplicity or range cites. ``null`` counts as
    absent everywhere.
    """

    #: How a date is written, and the rule that says so: ``'x' is not <format> (<rule>)``.
    date_format: ClassVar[str] = "a date in the form YYYY-MM-DD"
    date_rule: ClassVar[str] = ""
    #: What a country code is, and the rule (the code list) that says so.
    country_format: ClassVar[str] = "an ISO 3166-1 alpha-2 country code"
    country_rule: ClassVar[str] = ""
    #: Whether a JSON number given where text is expected is read as its digits.
    numbers_as_text: ClassVar[bool] = False

    def __init__(self, problems: Problems | None = None) -> None:
        self.problems = problems if problems is not None else Problems()

    def raise_if_any(self, prefix: str = "") -> None:
        """:meth:`Problems.raise_if_any` of :attr:`problems`."""
        self.problems.raise_if_any(prefix)

    def _required(self, where: str, required: bool, rule: str) -> None:
        if required:
            self.problems.add(where, "is required", rule=rule, code=REQUIRED)

    # ------------------------------------------------------------ scalars

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False,
             limit: int = 4000, rule: str = "") -> str | None:
        """Text of at most ``limit`` characters, stripped; blank text is absent."""
        value = data.get(key)
        where = join_path(path, key)
        if value is None or (isinstance(value, str) and not value.strip()):
            self._required(where, required, rule)
            return None
        if self.numbers_as_text and isinstance(value, int | float) and not isinstance(
                value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problems.add(where, "must be a string", code=WRONG_TYPE)
            return None
        if len(value) > limit:
            self.problems.add(where, f"is longer than {limit} characters", code=TOO_LONG)
            return None
        problem = text_problem(value)
        if problem:
            self.problems.add(where, problem, code=UNSTORABLE)
            return None
        return value.strip()

    def date(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False,
             rule: str = "") -> dt.date | None:
        """A date (``YYYY-MM-DD``, or a ``date`` already) in the register's range."""
        value = data.get(key)
        where = join_path(path, key)
        if value is None or value == "":
            self._required(where, required, rule)
            return None
        if isinstance(value, dt.date):
            day = value
        else:
            try:
                day = dt.date.fromisoformat(str(value))
            except ValueError:
                self.problems.add(where, f"{value!r} is not {self.date_format}",
                                  rule=self.date_rule, code=NOT_A_DATE)
                return None
        problem = date_problem(day)
        if problem:
            self.problems.add(where, problem, code=DATE_OUT_OF_RANGE)
            return None
        return day

    def integer(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False,
                minimum: int | None = None, maximum: int | None = None,
                rule: str = "") -> int | None:
        """A whole number (or its digits) within ``minimum``..``maximum``."""
        value = data.get(key)
        where = join_path(path, key)
        if value is None:
            self._required(where, required, rule)
            return None
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool):
            self.problems.add(where, "must be a whole number", code=WRONG_TYPE)
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.problems.add(where, f"must be between {minimum} and {maximum}", rule=rule,
                              code=OUT_OF_RANGE)
            return None
        return value

    def boolean(self, data: Mapping[str, Any], key: str, path: str, *,
                default: bool | None = None, digits: bool = False) -> bool | None:
        """``true``/``false`` (with ``digits``, also ``1``/``0``); ``default`` if absent."""
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if digits and value in (0, 1, "0", "1"):
            return bool(int(value))
        self.problems.add(join_path(path, key), "must be true/false or 1/0" if digits
                          else "must be true or false", code=WRONG_TYPE)
        return None

    def code(self, data: Mapping[str, Any], key: str, path: str, codes: Collection[str], *,
             what: str = "", required: bool = False, limit: int = 64,
             rule: str = "") -> str | None:
        """A code of a code list (``codes``: the codes, or a mapping code -> names):
        ``'x' is not <what> (<rule>)``, ``what`` by default ``one of <the codes>``
        (in their order; a set's sorted)."""
        value = self.text(data, key, path, required=required, limit=limit, rule=rule)
        if value is None or value in codes:
            return value
        if not what:
            listed = sorted(codes) if isinstance(codes, set | frozenset) else codes
            what = f"one of {', '.join(listed)}"
        self.problems.add(join_path(path, key), f"{value!r} is not {what}", rule=rule,
                          code=UNKNOWN_CODE)
        return None

    def country(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False,
                rule: str = "") -> str | None:
        """An ISO 3166-1 alpha-2 code (:func:`ipreg.core.refdata.country_codes`), upper case."""
        value = self.text(data, key, path, required=required, limit=2, rule=rule)
        if value is None:
            return None
        code = value.upper()
        if code not in country_codes():
            self.problems.add(join_path(path, key), f"{value!r} is not {self.country_format}",
                              rule=self.country_rule, code=UNKNOWN_CODE)
            return None
        return code

    # ------------------------------------------------------------ structure

    def items(self, data: Mapping[str, Any], key: str, path: str, *, minimum: int = 0,
              maximum: int | None = None, rule: str = "") -> list[tuple[str, Any]]:
        """The elements of a list with their paths, checking the multiplicity."""
        value = data.get(key)
        where = join_path(path, key)
        if value is None:
            value = []
        if not isinstance(value, list):
            self.problems.add(where, "must be a list", code=WRONG_TYPE)
            return []
        if len(value) < minimum:
            self.problems.add(where, f"needs at least {minimum} element"
                              f"{'s' if minimum > 1 else ''}", rule=rule, code=TOO_FEW)
        if maximum is not None and len(value) > maximum:
            self.problems.add(where, f"allows at most {maximum} elements", rule=rule,
                              code=TOO_MANY)
        return [(f"{where}[{i}]", item) for i, item in enumerate(value)]

    def each(self, data: Mapping[str, Any], key: str, path: str,
             parse: Callable[[Any, str], T | None], *, minimum: int = 0,
             maximum: int | None = None, rule: str = "") -> list[T]:
        """``parse(element, its path)`` of each element of a list; what it could not
        read (``None``) is left out."""
        out = []
        for item_path, item in self.items(data, key, path, minimum=minimum, maximum=maximum,
                                          rule=rule):
            parsed = parse(item, item_path)
            if parsed is not None:
                out.append(parsed)
        return out

    def strings(self, data: Mapping[str, Any], key: str, path: str, *,
                rule: str = "") -> list[str]:
        """A list of non-empty strings, each stripped."""
        out = []
        for where, item in self.items(data, key, path):
            if not isinstance(item, str) or not item.strip():
                self.problems.add(where, "must be a non-empty string", rule=rule,
                                  code=REQUIRED if isinstance(item, str) else WRONG_TYPE)
                continue
            problem = text_problem(item)
            if problem:
                self.problems.add(where, problem, code=UNSTORABLE)
                continue
            out.append(item.strip())
        return out

    def mapping(self, value: Any, path: str) -> Mapping[str, Any] | None:
        """``value`` if it is an object (a mapping)."""
        if not isinstance(value, Mapping):
            self.problems.add(path, "must be an object", code=WRONG_TYPE)
            return None
        return value

    def file(self, value: Any, path: str) -> FileRef | None:
        """A stored file's sha256 or the global id of its ``File`` (what ``uploadFile``
        returns), or an object with ``sha256`` or ``id`` (whether the file is stored, and
        of the media type a rule wants, the writer checks)."""
        if isinstance(value, Mapping):
            value = value.get("sha256") or value.get("id")
        sha = value if isinstance(value, str) and SHA256.match(value) else file_of_id(value)
        if sha is None:
            self.problems.add(path, "must be the sha256 of a stored file (64 hex digits) or "
                              "the id of its `File` (uploadFile), or an object with `sha256` "
                              "or `id`", code=NOT_A_FILE)
            return None
        return FileRef(sha, path)


def file_of_id(value: Any) -> str | None:
    """The sha256 a ``File`` global id (base64 of ``File:<sha256>``, or of a register's
    variant such as ``EaeuFile:<sha256>``) names, else None."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    try:
        type_name, _, sha = base64.b64decode(value, validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return sha if type_name.endswith("File") and SHA256.match(sha) else None


__all__ = [
    "DATE_OUT_OF_RANGE",
    "DUPLICATE",
    "INVALID",
    "MAX_IN_MESSAGE",
    "NOT_A_DATE",
    "NOT_A_FILE",
    "OUT_OF_RANGE",
    "PROBLEM_CODES",
    "REQUIRED",
    "SHA256",
    "TOO_FEW",
    "TOO_LONG",
    "TOO_MANY",
    "UNKNOWN_CODE",
    "UNSTORABLE",
    "WRONG_TYPE",
    "FieldReader",
    "FileRef",
    "Problem",
    "Problems",
    "join_path",
]
