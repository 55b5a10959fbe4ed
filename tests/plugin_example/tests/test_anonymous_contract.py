"""The anonymous contract walk over the example register alone: every field of every
type an anonymous caller can reach answers without an error, and null only where the
schema allows it (the core's contract, issue 14)."""

from __future__ import annotations

import pytest

from ipreg.testing import GraphQLClient, ProcedureDriver, anonymous_schema_walk


@pytest.fixture
def ipreg_plugins() -> list[str]:
    """The example register without the other installed ones."""
    return ["example"]


async def test_an_anonymous_walk_of_every_field_keeps_the_schemas_promises(
        register: ProcedureDriver, ipreg_client: GraphQLClient) -> None:
    walk = await anonymous_schema_walk(
        ipreg_client.query, register.runtime.settings,
        values={"exampleGreeting.name": ["tests"]})
    assert "ipObjects" in walk.walked and walk.refused
    assert any(path.endswith(".name") for path in walk.shown)
