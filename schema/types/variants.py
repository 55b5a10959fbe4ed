"""A register's own GraphQL type built on a core type: same fields, its own names and citations.

The core types of parties, documents and cases (:mod:`ipreg.schema.types.parties`,
:mod:`~ipreg.schema.types.documents`, :mod:`~ipreg.schema.types.cases`) carry
generic descriptions. A register shows them under its own type name, with each
field citing its own legal item, by subclassing and decorating with
:func:`variant`; the fields, resolvers and ``from_row`` constructors are the
core's::

    @variant(name="EaeuAddress", description="An address (R174 Appendix 1 table 5).",
             fields={"kind": "T5 1: 1 registration, 2 actual, 3 postal.",
                     "country": "T5 2: country (ISO 3166-1 alpha-2)."})
    class EaeuAddress(Address):
        pass

``order`` keeps the field order of a type the register published before it
implemented a core interface (the interface's fields come first otherwise), so
its committed SDL changes by additions only.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import strawberry
from strawberry.types.base import StrawberryObjectDefinition

T = TypeVar("T", bound=type[Any])


def variant(
    *,
    description: str,
    name: str | None = None,
    fields: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
) -> Callable[[T], T]:
    """Make the decorated subclass of a core type a GraphQL type of its own.

    ``name``: its GraphQL name (default: the class name); ``description``: its own;
    ``fields``: Python field name -> the description the register gives that field
    (the others keep the core's); ``order``: GraphQL field names that come first, in
    this order (the others follow in their inherited order). An unknown field name in
    ``fields`` or ``order`` is a ``TypeError`` at import time.
    """

    def decorate(cls: T) -> T:
        made: T = strawberry.type(cls, name=name, description=description)
        definition: StrawberryObjectDefinition = made.__strawberry_definition__
        described = dict(fields or {})
        unknown = set(described) - {f.python_name for f in definition.fields}
        if unknown:
            raise TypeError(f"{cls.__name__}: no fields {sorted(unknown)} to describe")
        own = []
        for field in definition.fields:
            if field.python_name in described:
                field = copy.copy(field)  # the core type keeps its own description
                field.description = described[field.python_name]
            own.append(field)
        if order:
            names = [_graphql_name(f) for f in own]
            missing = set(order) - set(names)
            if missing:
                raise TypeError(f"{cls.__name__}: no fields {sorted(missing)} to order")
            rank = {field_name: n for n, field_name in enumerate(order)}
            own.sort(key=lambda f: rank.get(_graphql_name(f), len(rank)))
        definition.fields = own
        return made

    return decorate


def _graphql_name(field: Any) -> str:
    from strawberry.schema.config import StrawberryConfig

    return str(StrawberryConfig().name_converter.get_graphql_name(field))


__all__ = ["variant"]
