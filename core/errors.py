"""Errors with stable codes.

Every error a caller can cause carries a code that GraphQL puts into
``extensions.code`` and the CLI prints; the codes are part of the API contract.
"""

from __future__ import annotations

from typing import Any


class IpregError(Exception):
    """Base class: a problem the caller can understand and act on."""

    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class ConfigurationError(IpregError):
    code = "CONFIGURATION_ERROR"


class NotFound(IpregError):
    code = "NOT_FOUND"


class BadUserInput(IpregError):
    code = "BAD_USER_INPUT"


class Forbidden(IpregError):
    code = "FORBIDDEN"


class Unauthenticated(IpregError):
    code = "UNAUTHENTICATED"


class Conflict(IpregError):
    code = "CONFLICT"


class InvalidTransition(IpregError):
    """The case is not in a state where the transition is allowed."""

    code = "INVALID_TRANSITION"


class PreconditionFailed(IpregError):
    """A legal condition of the transition (its guard) does not hold."""

    code = "PRECONDITION_FAILED"


class TimeLimitExpired(IpregError):
    """The act comes after its time limit expired."""

    code = "TIME_LIMIT_EXPIRED"
