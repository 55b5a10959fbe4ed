"""Checking and executing GraphQL operations, with each query text checked once.

A query text is refused unparsed when it is over ``IPREG_MAX_QUERY_BYTES``,
else parsed (with the token limit), measured against the depth, alias and cost
limits (:mod:`ipreg.schema.limits`, linear in the document's size) and, within
them, validated by graphql-core's rules, once; the result is kept in an LRU
cache bounded by an estimate of its memory (``IPREG_DOCUMENT_CACHE_BYTES``);
execution then runs graphql-core directly on the checked document. Measured
with bench/graphql: strawberry's own ``ParserCache``/``ValidationCache`` never
hit once the limit rules were built per request (0 hits in 1,200 requests), and
re-validating cost 42 % of a ``node(id:)`` request's CPU.

A parsed document keeps every token, with its location, for error messages: it
weighs 400-620 bytes per token (measured with ``tracemalloc``: a 55 kB text of
4,990 tokens parses into 3.1 MB), so the cache counts :data:`TOKEN_BYTES` per
token besides the text itself. Before, it kept 1,024 texts whatever their size.
"""

from __future__ import annotations

import asyncio
import sys
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, NamedTuple

import strawberry
from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    NoSchemaIntrospectionCustomRule,
    execute,
    get_named_type,
    is_introspection_type,
    parse,
    specified_rules,
    validate,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.utils.await_maybe import await_maybe

from ipreg.core.config import Settings
from ipreg.schema.errors import PARSE_FAILED, VALIDATION_FAILED
from ipreg.schema.limits import QueryLimits, check_limits

QUERY_TOO_LARGE = "QUERY_TOO_LARGE"
INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"


class NoIntrospection(NoSchemaIntrospectionCustomRule):
    """``IPREG_INTROSPECTION=0``: ``__schema`` and ``__type`` are refused at validation
    (graphql-core's rule, with our code and the setting named); ``__typename`` stays."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        type_ = get_named_type(self.context.get_type())
        if type_ and is_introspection_type(type_):
            self.report_error(GraphQLError(
                f"Introspection is switched off on this server (IPREG_INTROSPECTION=0): "
                f"'{node.name.value}' cannot be queried.",
                node, extensions={"code": INTROSPECTION_DISABLED}))

#: Texts at least this long are checked in a worker thread when not cached (see
#: :meth:`OperationRunner.check_async`). Measured on this 2-core machine: the
#: bench/graphql ``node`` text (178 characters) checks in 1.3 ms, 25 aliased pages
#: (1,174 characters) in 5.3 ms; a thread hand-off costs about 0.1 ms, and a text is
#: checked once before the cache keeps it.
OFFLOAD_CHARS = 1000

#: Estimated memory of a parsed document per token (measured: 400-620 bytes).
TOKEN_BYTES = 640
#: Estimated memory of a validation error kept with its document.
ERROR_BYTES = 2048


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
        self.settings = settings
        self.max_tokens = settings.max_tokens
        self.max_query_bytes = settings.max_query_bytes
        self.limits = QueryLimits.from_settings(settings)
        self.rules: Sequence[type[ASTValidationRule]] = (
            specified_rules if settings.introspection else (*specified_rules, NoIntrospection))
        #: The cache: at most ``size`` entries, of at most ``max_bytes`` (estimated) in all.
        self.size = size
        self.max_bytes = settings.document_cache_bytes
        self.bytes = 0
        self.entries: OrderedDict[str, CheckedDocument] = OrderedDict()
        self.weights: dict[str, int] = {}

    def check(self, query: str) -> CheckedDocument:
        hit = self._hit(query)
        if hit is not None:
            return hit
        entry = self._check_text(query)
        if entry.code != QUERY_TOO_LARGE:
            self._keep(query, entry)
        return entry

    async def check_async(self, query: str) -> CheckedDocument:
        """:meth:`check`, with a long uncached text checked in a worker thread.

        graphql-core's ``OverlappingFieldsCanBeMergedRule`` is quadratic in the
        fields that may overlap (it stops at 500,000 comparisons): within the token
        limit, 400 distinct fragments side by side take 448 ms and 550 take 624 ms
        before it aborts. In a thread the event loop keeps serving other requests
        meanwhile (the interpreter switches threads every 5 ms). Short texts are
        checked inline: a thread hand-off costs more than checking them.
        """
        hit = self._hit(query)
        if hit is not None:
            return hit
        if len(query) < OFFLOAD_CHARS:
            return self.check(query)
        entry = await asyncio.to_thread(self._check_text, query)
        if entry.code != QUERY_TOO_LARGE:
            self._keep(query, entry)  # the cache is only touched on the loop's thread
        return entry

    def _hit(self, query: str) -> CheckedDocument | None:
        hit = self.entries.get(query)
        if hit is not None:
            self.entries.move_to_end(query)
        return hit

    def _check_text(self, query: str) -> CheckedDocument:
        """Parse, measure and validate a text (no cache: safe in any thread)."""
        if utf8_longer_than(query, self.max_query_bytes):
            # Refused before parsing, and not kept: its text would be.
            error = GraphQLError(
                f"The query text is over {self.max_query_bytes} bytes (IPREG_MAX_QUERY_BYTES).",
                extensions={"code": QUERY_TOO_LARGE})
            return CheckedDocument(None, [error], QUERY_TOO_LARGE)
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
        return entry

    def _keep(self, query: str, entry: CheckedDocument) -> None:
        weight = weigh(query, entry)
        if weight > self.max_bytes // 8:
            return  # checked again if sent again, rather than crowding out the others
        self.entries[query] = entry
        self.weights[query] = weight
        self.bytes += weight
        while self.entries and (len(self.entries) > self.size or self.bytes > self.max_bytes):
            old, _ = self.entries.popitem(last=False)
            self.bytes -= self.weights.pop(old)

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


def utf8_longer_than(text: str, limit: int) -> bool:
    """Whether ``text`` encoded as UTF-8 is over ``limit`` bytes, encoding only if need be."""
    if len(text) > limit:
        return True
    if len(text) * 4 <= limit:
        return False
    return len(text.encode("utf-8", "surrogatepass")) > limit


def weigh(query: str, entry: CheckedDocument) -> int:
    """The estimated memory of a cache entry: its text, its parsed document, its errors."""
    tokens = 0
    loc = entry.document.loc if entry.document is not None else None
    token = loc.start_token if loc is not None else None
    while token is not None:
        tokens += 1
        token = token.next
    return sys.getsizeof(query) + TOKEN_BYTES * tokens + ERROR_BYTES * len(entry.errors)
