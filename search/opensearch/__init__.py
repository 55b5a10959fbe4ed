"""The OpenSearch backend of search: ``OpenSearchBackend(url, index_prefix)``.

Needs the ``opensearch`` extra (``pip install -e .[opensearch]``).
"""

from __future__ import annotations

from .backend import OpenSearchBackend
from .errors import SearchIndexError, SearchUnavailable

__all__ = ["OpenSearchBackend", "SearchIndexError", "SearchUnavailable"]
