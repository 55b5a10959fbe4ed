"""GraphQL errors with a stable ``extensions.code``.

The codes are part of the API contract: ``GRAPHQL_PARSE_FAILED``,
``GRAPHQL_VALIDATION_FAILED``, ``BAD_USER_INPUT``, ``NOT_FOUND``, ``FORBIDDEN``,
``UNAUTHENTICATED``, ``CONFLICT``, ``PERSISTED_QUERY_NOT_FOUND`` and
``INTERNAL_SERVER_ERROR``. Unexpected exceptions never leak their text.

Documents refused for their size carry ``QUERY_TOO_LARGE`` (the text, before
parsing), ``QUERY_TOO_DEEP``, ``TOO_MANY_ALIASES`` or ``QUERY_TOO_COSTLY``
(:mod:`ipreg.schema.limits`) instead of ``GRAPHQL_VALIDATION_FAILED``; requests
refused before that, ``BODY_TOO_LARGE`` (413), ``URI_TOO_LONG`` (414),
``VARIABLES_TOO_DEEP`` and ``EXTENSIONS_TOO_DEEP`` (400).

An error about one argument also carries ``extensions.argument``, the path of
the value (``forms[0].name``, ``input.ipObjectId``; see ipreg.schema.arguments).
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError
from strawberry.relay.types import GlobalIDValueError

from ipreg.core.errors import IpregError

log = logging.getLogger("ipreg.graphql")

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL = "INTERNAL_SERVER_ERROR"


def format_error(error: GraphQLError, default_code: str | None = None) -> dict[str, Any]:
    """The error as JSON, with ``extensions.code`` set."""
    formatted: dict[str, Any] = {**error.formatted}
    extensions = dict(formatted.get("extensions") or {})
    original = error.original_error
    if isinstance(original, GraphQLError):
        # graphql-core wraps messages meant for the client (a variable that does not
        # coerce, a GraphQLError raised by a resolver): they keep their own code.
        inner = original.extensions or {}
        extensions.setdefault("code", inner.get("code") or default_code or _guess(error))
    elif isinstance(original, IpregError):
        extensions["code"] = original.code
        for key, value in original.details.items():
            extensions.setdefault(key, value)
    elif isinstance(original, GlobalIDValueError):
        extensions["code"] = BAD_USER_INPUT
    elif original is not None:
        log.error("unexpected error in a resolver", exc_info=original)
        formatted["message"] = "Internal server error"
        extensions["code"] = INTERNAL
    else:
        extensions.setdefault("code", default_code or _guess(error))
    formatted["extensions"] = extensions
    return formatted


def _guess(error: GraphQLError) -> str:
    """A GraphQLError raised while executing a field, or about a variable, is about
    the caller's input; anything else comes from validating the document."""
    message = error.message
    if error.path is not None or message.startswith("Variable ") or (
            "got invalid value" in message):
        return BAD_USER_INPUT
    return VALIDATION_FAILED
