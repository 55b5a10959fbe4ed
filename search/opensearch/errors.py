"""Exceptions of the OpenSearch backend.

Both derive from ``OSError`` subclasses so a caller that only knows the
contract (the indexer, ``/health``) can treat them as "the search service is
not there right now": retry from its cursor later.
"""

from __future__ import annotations


class SearchUnavailable(ConnectionError):
    """OpenSearch did not answer (or answered 429/5xx) within the retry budget.

    Nothing is known about writes of the failed call: some may have been
    applied. Writes are idempotent by version, so retry the whole call.
    """


class SearchIndexError(RuntimeError):
    """OpenSearch refused a write or a request for a reason retrying will not fix
    (a mapping error, a malformed request, a missing index)."""
