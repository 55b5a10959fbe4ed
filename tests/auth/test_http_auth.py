"""Credentials over HTTP: 401 with code UNAUTHENTICATED, never a silent anonymous.

These run once schema/app.py authenticates requests (the wiring described with
ipreg.core.auth.authenticate); until then they are skipped, saying so.
"""

from __future__ import annotations

from typing import Any

import pytest

from ipreg.core.auth import Grant, store
from ipreg.core.auth.authenticate import issue_token
from ipreg.core.runtime import Runtime

QUERY = "{ __typename }"


async def test_valid_credentials_and_none_are_served(runtime: Runtime, client: Any) -> None:
    async with runtime.sessionmaker() as session:
        user = await store.create_user(session, "http-user", "HTTP", None,
                                       [Grant("official", "eaeu")])
        _row, key = await store.create_api_key(session, "http-system")
        await session.commit()
    token = issue_token(runtime, user.id)
    for headers in ({}, {"Authorization": f"Bearer {token}"}, {"X-Api-Key": key}):
        assert await client.data(QUERY, headers=headers) == {"__typename": "Query"}


@pytest.mark.parametrize(
    ("headers", "scheme"),
    [
        ({"Authorization": "Bearer not-a-token"}, "Bearer"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, "Bearer"),
        ({"X-Api-Key": "ipreg_0123456789ab_" + "x" * 43}, "ApiKey"),
    ],
)
async def test_bad_credentials_are_a_401(client: Any, headers: dict[str, str], scheme: str
                                         ) -> None:
    response = await client.http.post("/graphql", json={"query": QUERY}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith(f"{scheme} realm=")
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "data" not in response.json()
