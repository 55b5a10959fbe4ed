"""Every argument is checked, by its GraphQL type, before a resolver sees it.

Values that no column can hold or no ID can name are refused with
``BAD_USER_INPUT`` and ``extensions.argument`` = the path of the value
(``forms[0].name``, ``filter.holder``, ``input.ipObjectId``, ``ids[2]``), before a
resolver runs, so nothing is read with them and nothing is written:

* ``String`` and ``JSON`` values (input-object fields, list items, JSON keys and
  strings included) with a NUL character (:func:`ipreg.core.checks.text_problem`);
* ``ID`` values that are not a global ID of this API, i.e. base64 of
  ``Type:<database id>`` with a database id of 1..2**63-1 (every ``Node`` here is
  keyed by its ``BIGINT`` id): not base64, garbage, ``Party:abc``,
  ``Party:99999999999999999999999``;
* ``Date`` and ``DateTime`` values outside the register's years
  (:func:`ipreg.core.checks.date_problem`).

:func:`check_arguments` wraps, once when the schema is built, the resolver of every
field that has an argument of such a type; the other fields run as they were.
Rules about one argument's meaning (page sizes, column lengths, whether an id
exists) stay with the code that owns the meaning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    default_field_resolver,
)
from strawberry.relay.utils import from_base64

from ipreg.core.checks import NUL_PROBLEM, database_id, date_problem, nul_path, text_problem
from ipreg.core.errors import BadUserInput
from ipreg.core.services.validation import SHA256

#: ``check(value, path)`` raises :class:`BadUserInput` for a value it refuses.
Check = Callable[[Any, str], None]


def _refuse(path: str, problem: str) -> None:
    raise BadUserInput(f"{path}: {problem}", argument=path)


def _check_text(value: Any, path: str) -> None:
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            _refuse(path, problem)


def _check_json(value: Any, path: str) -> None:
    where = nul_path(value, path)
    if where is not None:
        _refuse(where, NUL_PROBLEM)


def global_id_problem(value: Any) -> str | None:
    """Why ``value`` is not a global ID of this API, or ``None``."""
    if not isinstance(value, str):
        return "is not a global ID"
    try:
        type_name, node_id = from_base64(value)
    except ValueError:
        return f"{value!r} is not a global ID of this API (base64 of `Type:id`)"
    if type_name.endswith("File") and SHA256.match(node_id):
        return None  # a stored file is named by its content address
    if database_id(node_id) is None:
        return (f"{value!r} is not a global ID of this API: its id {node_id[:40]!r} is not "
                "a database id (1 to 2**63-1)")
    return None


def _check_id(value: Any, path: str) -> None:
    problem = global_id_problem(value)
    if problem:
        _refuse(path, problem)


def _check_date(value: Any, path: str) -> None:
    if isinstance(value, dt.date):
        problem = date_problem(value)
        if problem:
            _refuse(path, problem)


SCALAR_CHECKS: dict[str, Check] = {
    "String": _check_text,
    "JSON": _check_json,
    "ID": _check_id,
    "Date": _check_date,
    "DateTime": _check_date,
}


def _checker(type_: GraphQLInputType, seen: dict[str, Check | None]) -> Check | None:
    """The check of a value of ``type_``, or ``None`` when nothing about it is checked."""
    if isinstance(type_, GraphQLNonNull):
        return _checker(type_.of_type, seen)
    if isinstance(type_, GraphQLList):
        item = _checker(type_.of_type, seen)
        if item is None:
            return None

        def check_list(value: Any, path: str) -> None:
            if isinstance(value, list):
                for i, element in enumerate(value):
                    if element is not None:
                        item(element, f"{path}[{i}]")
            elif value is not None:  # a single value given for a list (input coercion)
                item(value, path)

        return check_list
    if isinstance(type_, GraphQLScalarType):
        return SCALAR_CHECKS.get(type_.name)
    if isinstance(type_, GraphQLInputObjectType):
        if type_.name in seen:  # recursive input types: checked through the first visit
            return seen[type_.name] or _lazy(type_.name, seen)
        seen[type_.name] = None
        fields: list[tuple[str, str, Check]] = []
        for name, field in type_.fields.items():
            check = _checker(field.type, seen)
            if check is not None:
                fields.append((field.out_name or name, name, check))
        if not fields:
            return None

        def check_object(value: Any, path: str) -> None:
            if isinstance(value, dict):
                for key, name, check in fields:
                    item = value.get(key)
                    if item is not None:
                        check(item, f"{path}.{name}")

        seen[type_.name] = check_object
        return check_object
    return None


def _lazy(name: str, seen: dict[str, Check | None]) -> Check:
    def check(value: Any, path: str) -> None:
        found = seen.get(name)
        if found is not None:
            found(value, path)

    return check


def _wrap(resolve: Any, checks: list[tuple[str, Check]]) -> Any:
    def resolve_checked(source: Any, info: Any, **args: Any) -> Any:
        for name, check in checks:
            value = args.get(name)
            if value is not None:
                check(value, name)
        return resolve(source, info, **args)

    resolve_checked.ipreg_checked = True  # type: ignore[attr-defined]
    return resolve_checked


def check_arguments(schema: GraphQLSchema) -> int:
    """Wrap the resolvers of the fields whose arguments need checking; their count."""
    seen: dict[str, Check | None] = {}
    wrapped = 0
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field in type_.fields.values():
            checks = _argument_checks(field.args, seen)
            if checks and not getattr(field.resolve, "ipreg_checked", False):
                field.resolve = _wrap(field.resolve or default_field_resolver, checks)
                wrapped += 1
    return wrapped


def _argument_checks(args: dict[str, GraphQLArgument],
                     seen: dict[str, Check | None]) -> list[tuple[str, Check]]:
    out = []
    for name, arg in args.items():
        check = _checker(arg.type, seen)
        if check is not None:
            out.append((arg.out_name or name, check))
    return out


__all__ = ["check_arguments", "global_id_problem"]
