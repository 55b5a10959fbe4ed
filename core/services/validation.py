"""Reading outside input field by field: every problem with its path, legal point and code.

One reader serves ``ipreg import objects`` (:mod:`ipreg.core.services.inputs`) and
every register's forms (``plugins/eaeu/forms.py``): a :class:`FieldReader` reads
text, dates, numbers, flags, codes of a code list, countries, lists, objects,
file references and references to stored entities (their global ids) out of
JSON-like data, and a :class:`Problems` collects what is
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
from dataclasses import dataclass, replace
from typing import Any, ClassVar, TypeVar

from ipreg.core.checks import database_id, date_problem, text_problem
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
#: Not the global id of a node of the type(s) the field names (:meth:`FieldReader.node`).
NOT_A_NODE = "not_a_node"
#: The same value given twice where the rule allows it once.
DUPLICATE = "duplicate"
#: A key the declared form (:class:`FormSpec`) does not have.
UNKNOWN_FIELD = "unknown_field"
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
    NOT_A_NODE: "not the global id of a node of the type the field names",
    DUPLICATE: "given twice where the rule allows it once",
    UNKNOWN_FIELD: "a key the declared form does not have",
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

    def mapping(self, value: Any, path: str, form: FormSpec | None = None
                ) -> Mapping[str, Any] | None:
        """``value`` if it is an object (a mapping); with ``form``, a key the form does
        not declare is a problem (``unknown_field``), as in the JSON Schema and the
        GraphQL input type generated from the same :class:`FormSpec`."""
        if not isinstance(value, Mapping):
            self.problems.add(path, "must be an object", code=WRONG_TYPE)
            return None
        if form is not None:
            known = form.names()
            for key in value:
                if key not in known:
                    self.problems.add(join_path(path, str(key)), f"is not a field of "
                                      f"{form.name} ({', '.join(sorted(known))})",
                                      code=UNKNOWN_FIELD)
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

    def node(self, data: Mapping[str, Any], key: str, path: str, of: str | Collection[str], *,
             required: bool = False, rule: str = "") -> int | None:
        """The database id named by the global id (base64 of ``Type:<id>``) of a node of
        type ``of`` (a type name, or several): the value of a :class:`FieldSpec` of type
        ``"node"``. Anything else (a bare database id, another type's id, not base64) is
        a problem ``not_a_node`` naming the path and the type(s) expected."""
        value = data.get(key)
        where = join_path(path, key)
        if value is None or value == "":
            self._required(where, required, rule)
            return None
        types = (of,) if isinstance(of, str) else tuple(of)
        found = node_of_id(value)
        if found is None or found[0] not in types:
            named = " or ".join(f"a {t}" for t in types)
            given = f"the global id of a {found[0]}" if found else repr(value)
            self.problems.add(where, f"must be the global id of {named} (its `id`), not "
                              f"{given}", rule=rule, code=NOT_A_NODE)
            return None
        return found[1]


def _global_id_parts(value: Any) -> tuple[str, str] | None:
    """``(Type, id)`` of a global id (base64 of ``Type:<id>``), or None."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    try:
        type_name, sep, node = base64.b64decode(value, validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return (type_name, node) if sep and type_name else None


def node_of_id(value: Any) -> tuple[str, int] | None:
    """The type name and database id a global id (base64 of ``Type:<id>``) names, or
    None for anything else (a bare number, text that is no base64, an id that is no
    database id)."""
    parts = _global_id_parts(value)
    found = database_id(parts[1]) if parts else None
    return (parts[0], found) if parts and found is not None else None


def node_global_id(type_name: str, database_id: int) -> str:
    """The global id of node ``database_id`` of type ``type_name`` (what
    :meth:`FieldReader.node` reads back), e.g. ``node_global_id("Party", 5)``."""
    return base64.b64encode(f"{type_name}:{database_id}".encode()).decode()


def file_of_id(value: Any) -> str | None:
    """The sha256 a ``File`` global id (base64 of ``File:<sha256>``, or of a register's
    variant such as ``EaeuFile:<sha256>``) names, else None."""
    parts = _global_id_parts(value)
    return parts[1] if parts and parts[0].endswith("File") and SHA256.match(parts[1]) else None


# ---------------------------------------------------------------- declared forms

#: The scalar types of a :class:`FieldSpec`: JSON type, GraphQL type.
SCALARS: dict[str, tuple[dict[str, Any], str]] = {
    "text": ({"type": "string"}, "String"),
    "int": ({"type": "integer"}, "Int"),
    "bool": ({"type": "boolean"}, "Boolean"),
    "date": ({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
             "String"),
    "country": ({"type": "string", "pattern": "^[A-Za-z]{2}$"}, "String"),
    # A stored file: its sha256 or the global id of its ``File`` (what ``uploadFile``
    # returns), bare or as ``{"sha256": ...}`` / ``{"id": ...}`` (FieldReader.file).
    "file": ({"oneOf": [{"type": "string", "pattern": SHA256.pattern},
                        {"type": "string", "description": "The global id of a File."},
                        {"type": "object", "required": ["sha256"], "additionalProperties": False,
                         "properties": {"sha256": {"type": "string",
                                                   "pattern": SHA256.pattern}}},
                        {"type": "object", "required": ["id"], "additionalProperties": False,
                         "properties": {"id": {"type": "string"}}}]},
             "ID"),
    # A stored entity: the global id of its node (base64 of ``Type:<id>``), of the type(s)
    # the field names in ``FieldSpec.node_types`` (FieldReader.node).
    "node": ({"type": "string", "contentEncoding": "base64"}, "ID"),
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of a declared form: its name in JSON and GraphQL, its type (a scalar
    of :data:`SCALARS` or a nested :class:`FormSpec`), whether it is required or a
    list, and what documents it (the description and the legal point).

    The JSON Schema of a file format (:func:`json_schema`) and the GraphQL input types
    (:mod:`ipreg.schema.inputs`) are generated from these declarations; the register's
    :class:`FieldReader` reads the same dict shape and does the semantic checks (code
    lists, cross-field rules), citing ``rule``.
    """

    name: str
    type: str | FormSpec = "text"
    description: str = ""
    #: The legal point that defines the field (``R174 A1 T2 2``).
    rule: str = ""
    required: bool = False
    #: A list of ``type`` (``min_items``..``max_items`` elements).
    many: bool = False
    min_items: int = 0
    max_items: int | None = None
    #: The codes of a code list (JSON Schema ``enum``; GraphQL lists them in the description).
    codes: tuple[str | int, ...] = ()
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    #: In JSON files, a bare value may stand for the nested form with only this field.
    shorthand: str | None = None
    #: More JSON Schema keywords for files only (``{"const": ...}``).
    json: Mapping[str, Any] | None = None
    #: For a ``"node"`` field: the GraphQL type(s) whose global id it takes (``("Party",)``).
    node_types: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.type, str) and self.type not in SCALARS:
            raise ValueError(f"{self.name}: type {self.type!r} is not one of {list(SCALARS)}")
        if (self.type == "node") != bool(self.node_types):
            raise ValueError(f"{self.name}: a field of type 'node' names its node_types, "
                             "and only such a field")
        if not (self.description or self.rule):
            raise ValueError(f"{self.name}: give a description or the legal point")

    def documentation(self) -> str:
        """The description with its legal point and codes, as both generators write it."""
        text = self.description or ""
        if self.rule and self.rule not in text:
            text = f"{text} ({self.rule})" if text else self.rule
        if self.node_types:
            text = text.rstrip(".") + ": the global id (`id`) of " + " or ".join(
                f"a `{t}`" for t in self.node_types)
        if self.codes:
            text += f". Codes: {', '.join(str(c) for c in self.codes)}"
        if self.many and self.min_items:
            text += f". At least {self.min_items}"
        if self.many and self.max_items is not None:
            text += f", at most {self.max_items}" if self.min_items else \
                f". At most {self.max_items}"
        return text if text.endswith(".") else f"{text}."


@dataclass(frozen=True)
class FormSpec:
    """A declared form: a JSON object of :class:`FieldSpec`s (``name``: its name in the
    JSON Schema ``$defs``; the GraphQL input type is ``<Prefix><Name>Input``)."""

    name: str
    description: str
    fields: tuple[FieldSpec, ...]
    #: More JSON Schema keywords for the object (e.g. ``oneOf`` alternatives of required keys).
    json: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        seen = [f.name for f in self.fields]
        if len(seen) != len(set(seen)):
            raise ValueError(f"{self.name}: a field is declared twice")

    def names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

    def nested(self) -> list[FormSpec]:
        """This form and every form its fields use, each once, depth first."""
        out: dict[str, FormSpec] = {}

        def walk(form: FormSpec) -> None:
            if form.name in out:
                if out[form.name] is not form:
                    raise ValueError(f"two forms are named {form.name!r}")
                return
            out[form.name] = form
            for f in form.fields:
                if isinstance(f.type, FormSpec):
                    walk(f.type)

        walk(self)
        return list(out.values())


def _field_schema(spec: FieldSpec) -> dict[str, Any]:
    if isinstance(spec.type, FormSpec):
        one: dict[str, Any] = {"$ref": f"#/$defs/{spec.type.name}"}
        if spec.shorthand is not None:
            inner = spec.type.field(spec.shorthand)
            one = {"oneOf": [_field_schema(replace(
                inner, required=True, many=False, min_items=0, max_items=None,
                shorthand=None, json=None)), one]}
    else:
        one = dict(SCALARS[spec.type][0])
        if spec.codes:
            one = {"enum": list(spec.codes)}
        if spec.pattern is not None:
            one["pattern"] = spec.pattern
        if spec.minimum is not None:
            one["minimum"] = spec.minimum
        if spec.maximum is not None:
            one["maximum"] = spec.maximum
        if spec.type == "text" and spec.required and not spec.codes:
            one["minLength"] = 1
    if spec.many:
        one = {"type": "array", "items": one}
        if spec.min_items:
            one["minItems"] = spec.min_items
        if spec.max_items is not None:
            one["maxItems"] = spec.max_items
    if not spec.required:  # null is absent, as in GraphQL and the reader
        one = _nullable(one)
    one["description"] = spec.documentation()
    one.update(spec.json or {})
    return one


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    return {"anyOf": [schema, {"type": "null"}]}


def form_schema(form: FormSpec) -> dict[str, Any]:
    """The JSON Schema of one form (its nested forms by ``$ref`` into ``$defs``)."""
    out: dict[str, Any] = {"type": "object", "description": form.description,
                           "additionalProperties": False}
    required = [f.name for f in form.fields if f.required]
    if required:
        out["required"] = required
    out["properties"] = {f.name: _field_schema(f) for f in form.fields}
    out.update(form.json or {})
    return out


def json_schema(root: FormSpec, *, schema_id: str, title: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a file whose top level is ``root``, every
    nested form in ``$defs``: generated from the declarations the GraphQL input types
    come from too, so the two cannot describe different shapes."""
    body = form_schema(root)
    defs = {f.name: form_schema(f) for f in root.nested()[1:]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id,
            "title": title, **body, "$defs": defs}


__all__ = [
    "DATE_OUT_OF_RANGE",
    "DUPLICATE",
    "INVALID",
    "MAX_IN_MESSAGE",
    "NOT_A_DATE",
    "NOT_A_FILE",
    "NOT_A_NODE",
    "OUT_OF_RANGE",
    "PROBLEM_CODES",
    "REQUIRED",
    "SCALARS",
    "SHA256",
    "TOO_FEW",
    "TOO_LONG",
    "TOO_MANY",
    "UNKNOWN_CODE",
    "UNKNOWN_FIELD",
    "UNSTORABLE",
    "WRONG_TYPE",
    "FieldReader",
    "FieldSpec",
    "FileRef",
    "FormSpec",
    "Problem",
    "Problems",
    "form_schema",
    "join_path",
    "json_schema",
    "node_global_id",
    "node_of_id",
]
