"""Testing ipreg and its register plugins: fixtures, a procedure driver, contract tests.

Installing ipreg installs the pytest plugin :mod:`ipreg.testing.pytest_plugin`
(entry point ``pytest11``), whose ``ipreg_*`` fixtures give a test a migrated
database on SQLite and PostgreSQL, a runtime with a test clock, GraphQL, search
backends and a :class:`ProcedureDriver`. The names below are the API a plugin's
tests import (see docs/plugins.md, "Testing a plugin")::

    from ipreg.testing import Cast, ProcedureContract, ProcedureDriver, person

The submodules load when a name is first used, so the pytest plugin costs
nothing to a test that uses none of it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import pytest

# Plain asserts in the helpers report their values, as in a test module.
pytest.register_assert_rewrite(
    "ipreg.testing.contracts", "ipreg.testing.graphql", "ipreg.testing.procedures",
    "ipreg.testing.walk")

if TYPE_CHECKING:
    from ipreg.testing.contracts import (
        Attempt,
        ProcedureContract,
        VisibilityWalk,
        anonymous_visibility_walk,
        assert_export_equals_query,
        database_ids,
        refusals_change_nothing,
        sample_input,
    )
    from ipreg.testing.databases import BACKENDS, DatabaseFactory, load_demo, postgres_url
    from ipreg.testing.forms import Change, edit, edits
    from ipreg.testing.graphql import (
        GraphQLClient,
        SchemaRunner,
        graphql_client,
        http_client,
        serving,
    )
    from ipreg.testing.procedures import (
        Acting,
        Cast,
        Clock,
        ProcedureDriver,
        person,
        table_counts,
    )
    from ipreg.testing.search import (
        SEARCH_BACKENDS,
        drop_search_backend,
        fresh_search_backend,
        make_search_backend,
        opensearch_url,
        search_service,
    )
    from ipreg.testing.walk import AnonymousWalk, anonymous_schema_walk

_WHERE = {
    "ipreg.testing.contracts": ["Attempt", "ProcedureContract", "VisibilityWalk",
                                "anonymous_visibility_walk", "assert_export_equals_query",
                                "database_ids", "refusals_change_nothing", "sample_input"],
    "ipreg.testing.databases": ["BACKENDS", "DatabaseFactory", "load_demo", "postgres_url"],
    "ipreg.testing.forms": ["Change", "edit", "edits"],
    "ipreg.testing.walk": ["AnonymousWalk", "anonymous_schema_walk"],
    "ipreg.testing.graphql": ["GraphQLClient", "SchemaRunner", "graphql_client",
                              "http_client", "serving"],
    "ipreg.testing.procedures": ["Acting", "Cast", "Clock", "ProcedureDriver", "person",
                                 "table_counts"],
    "ipreg.testing.search": ["SEARCH_BACKENDS", "drop_search_backend", "fresh_search_backend",
                             "make_search_backend", "opensearch_url", "search_service"],
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'ipreg.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "BACKENDS",
    "SEARCH_BACKENDS",
    "Acting",
    "AnonymousWalk",
    "Attempt",
    "Cast",
    "Change",
    "Clock",
    "DatabaseFactory",
    "GraphQLClient",
    "ProcedureContract",
    "ProcedureDriver",
    "SchemaRunner",
    "VisibilityWalk",
    "anonymous_schema_walk",
    "anonymous_visibility_walk",
    "assert_export_equals_query",
    "database_ids",
    "drop_search_backend",
    "edit",
    "edits",
    "fresh_search_backend",
    "graphql_client",
    "http_client",
    "load_demo",
    "make_search_backend",
    "opensearch_url",
    "person",
    "postgres_url",
    "refusals_change_nothing",
    "sample_input",
    "search_service",
    "serving",
    "table_counts",
]
