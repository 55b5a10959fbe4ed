"""Checking and executing GraphQL operations, with each query text checked once.

A query text is parsed (with the token limit), measured against the depth, alias
and cost limits (:mod:`ipreg.schema.limits`, linear in the document's size)
and, within them, validated by graphql-core's rules, once, and kept in a
bounded LRU cache; execution then runs
graphql-core directly on the checked document. Measured with bench/graphql:
strawberry's own ``ParserCache``/``ValidationCache`` never hit once the limit
rules were built per request (0 hits in 1,200 requests), and re-validating cost
42 % of a ``node(id:)`` request's CPU.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, NamedTuple

import strawberry
from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    execute,
    parse,
    specified_rules,
    validate,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.utils.await_maybe import await_maybe

from ipreg.core.config import Settings
from ipreg.schema.errors import PARSE_FAILED, VALIDATION_FAILED
from ipreg.schema.limits import QueryLimits, check_limits


class CheckedDocument(NamedTuple):
    """A query text, parsed (``document``) and validated; ``errors`` carry ``code``."""

    document: DocumentNode | None  # None if the text does not parse
    errors: list[GraphQLError]
    code: str


class OperationRunner:
    """Parses, validates (once per query text) and executes operations."""

    def __init__(self, schema: strawberry.Schema, settings: Settings, size: int = 1024) -> None:
        self.schema = schema
        self.graphql_schema = schema._schema
        self.max_tokens = settings.max_tokens
        self.limits = QueryLimits.from_settings(settings)
        self.rules: Sequence[type[ASTValidationRule]] = specified_rules
        self.size = size
        self.entries: OrderedDict[str, CheckedDocument] = OrderedDict()

    def check(self, query: str) -> CheckedDocument:
        hit = self.entries.get(query)
        if hit is not None:
            self.entries.move_to_end(query)
            return hit
        try:
            document = parse(query, max_tokens=self.max_tokens)
        except GraphQLError as error:
            entry = CheckedDocument(None, [error], PARSE_FAILED)
        else:
            # The limits first: they are linear in the document's size, and a document
            # over them is not worth graphql-core's rules.
            errors = check_limits(self.graphql_schema, document, self.limits)
            if not errors:
                errors = validate(self.graphql_schema, document, self.rules)
            entry = CheckedDocument(document, list(errors), VALIDATION_FAILED)
        self.entries[query] = entry
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return entry

    async def run(self, document: DocumentNode, context: Any,
                  variables: dict[str, Any] | None, operation_name: str | None,
                  extensions: dict[str, Any] | None) -> ExecutionResult:
        result = await await_maybe(execute(
            self.graphql_schema,
            document,
            context_value=context,
            variable_values=variables,
            operation_name=operation_name,
            executor_class=StrawberryGraphQLCoreExecutionContext,
            operation_extensions=extensions,
        ))
        assert isinstance(result, ExecutionResult)
        return result
