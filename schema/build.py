"""Assembles the one GraphQL schema from the core and every enabled plugin, at start-up."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import GraphQLInterfaceType, GraphQLUnionType
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from ipreg.core.config import Settings
from ipreg.core.errors import ConfigurationError
from ipreg.core.plugins import Registry
from ipreg.schema.arguments import check_arguments
from ipreg.schema.audit import AuditQuery
from ipreg.schema.cases import CaseMutation, CaseQuery
from ipreg.schema.files import FileMutation
from ipreg.schema.inbox import InboxMutation, InboxQuery
from ipreg.schema.query import CoreQuery
from ipreg.schema.search import SearchQuery
from ipreg.schema.types.cases import Case
from ipreg.schema.types.ipobject import GenericIPObject
from ipreg.schema.types.parties import Party


def _field_names(cls: type[Any]) -> list[str]:
    definition = cls.__strawberry_definition__
    config = StrawberryConfig()
    return [config.name_converter.get_graphql_name(f) for f in definition.fields]


def merge_root(name: str, parts: Iterable[tuple[str, type[Any]]]) -> type[Any] | None:
    """Merge root-type contributions; a field contributed twice stops start-up."""
    seen: dict[str, str] = {}
    classes = []
    for owner, cls in parts:
        if not hasattr(cls, "__strawberry_definition__"):
            raise ConfigurationError(
                f"{owner} contributed {cls!r} to {name}, which is not a strawberry type"
            )
        for field_name in _field_names(cls):
            if field_name in seen:
                raise ConfigurationError(
                    f"{name}.{field_name} is contributed by both {seen[field_name]} and {owner}"
                )
            seen[field_name] = owner
        classes.append(cls)
    if not classes:
        return None
    merged: type[Any] = merge_types(name, tuple(classes))
    merged.__strawberry_definition__.description = ROOT_DESCRIPTIONS.get(name)
    return merged


ROOT_DESCRIPTIONS = {
    "Query": "Reads: IP objects of every installed register, reference data, search.",
    "Mutation": "Changes: procedures, filings and decisions of the installed registers.",
}


def _contributions(registry: Registry, hook_name: str) -> list[tuple[str, type[Any]]]:
    caller = getattr(registry.pm.hook, hook_name)
    out = []
    for impl in caller.get_hookimpls():
        result = impl.function()
        owner = impl.plugin_name
        for cls in result or []:
            out.append((owner, cls))
    return out


class Schema(strawberry.Schema):
    """Strawberry's schema, minus its logging of every error: the HTTP layer formats
    errors with their codes and logs the unexpected ones itself."""

    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        return None


def possible_types(schema: strawberry.Schema) -> dict[str, Any]:
    """What clients need to match fragments on interfaces and unions (Apollo Client's
    ``possibleTypes``, relay's and GraphQL Code Generator's fragment matchers): every
    interface and union with the object types that implement or belong to it, sorted,
    as GraphQL Code Generator's ``fragment-matcher`` writes it:
    ``{"possibleTypes": {"Node": ["Case", ...], ...}}``."""
    graphql_schema = schema._schema
    found = {
        name: sorted(t.name for t in graphql_schema.get_possible_types(gtype))
        for name, gtype in sorted(graphql_schema.type_map.items())
        if isinstance(gtype, GraphQLInterfaceType | GraphQLUnionType)
        and not name.startswith("__")
    }
    return {"possibleTypes": found}


def build_schema(registry: Registry, settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or Settings()
    query = merge_root(
        "Query",
        [
            ("core", CoreQuery),
            ("core", CaseQuery),
            ("core", InboxQuery),
            ("core", AuditQuery),
            ("core", SearchQuery),
            *_contributions(registry, "ipreg_register_query_fields"),
        ],
    )
    mutation = merge_root(
        "Mutation",
        [
            ("core", CaseMutation),
            ("core", InboxMutation),
            ("core", FileMutation),
            *_contributions(registry, "ipreg_register_mutation_fields"),
        ],
    )
    assert query is not None
    types: list[Any] = [GenericIPObject, Party, Case]
    types += [binding.graphql_type for binding in registry.object_types.values()]
    schema = Schema(
        query=query,
        mutation=mutation,
        types=types,
        # Parsing, validation and the limits run once per query text in
        # ipreg.schema.execution.OperationRunner, which executes the checked document.
    )
    # Values no column can hold or no ID can name never reach a resolver.
    check_arguments(schema._schema)
    return schema
