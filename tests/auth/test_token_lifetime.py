"""Every bearer token expires: ``exp`` and ``iat`` are required and ``exp - iat`` is at
most IPREG_JWT_MAX_LIFETIME (issue 12 part 5).

The rule table goes through HTTP: a refused token is a 401 with code UNAUTHENTICATED
and a ``WWW-Authenticate`` challenge saying why, like every other invalid token.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jwt
import pytest

from ipreg.core.auth import Grant, store
from ipreg.core.auth.settings import DEFAULT_MAX_LIFETIME, DEVELOPMENT_SECRET
from ipreg.core.runtime import Runtime

QUERY = "{ __typename }"
DAY = 24 * 3600
YEAR = 365 * DAY


async def _admin(runtime: Runtime) -> int:
    async with runtime.sessionmaker() as session:
        user = await store.create_user(session, "root", "Root", None, [Grant("admin")])
        await session.commit()
        return user.id


def _claims(user_id: int, iat: int | None, exp: int | None) -> dict[str, Any]:
    claims: dict[str, Any] = {"sub": str(user_id)}
    if iat is not None:
        claims["iat"] = iat
    if exp is not None:
        claims["exp"] = exp
    return claims


NOW = "now"
# (case, iat offset from now, exp offset from now, HTTP status, words of the answer)
RULES = [
    ("no exp", 0, None, 401, "no 'exp' claim"),
    ("no iat", None, 3600, 401, "no 'iat' claim"),
    ("neither", None, None, 401, "no 'exp' claim"),
    ("exp 100 years ahead", 0, 100 * YEAR, 401, "IPREG_JWT_MAX_LIFETIME"),
    ("one second over the maximum", 0, DEFAULT_MAX_LIFETIME + 1, 401, "IPREG_JWT_MAX_LIFETIME"),
    ("issued long ago, still running", -30 * DAY, 3600, 401, "IPREG_JWT_MAX_LIFETIME"),
    ("exactly the maximum", 0, DEFAULT_MAX_LIFETIME, 200, None),
    ("an hour", -60, 3600, 200, None),
    ("expired", -7200, -3600, 401, "expired"),
]


@pytest.mark.parametrize(("case", "iat", "exp", "status", "words"), RULES,
                         ids=[r[0] for r in RULES])
async def test_token_lifetime_rules(runtime: Runtime, client: Any, case: str, iat: int | None,
                                    exp: int | None, status: int, words: str | None) -> None:
    user_id = await _admin(runtime)
    now = int(dt.datetime.now(dt.UTC).timestamp())
    claims = _claims(user_id, None if iat is None else now + iat,
                     None if exp is None else now + exp)
    token = jwt.encode(claims, runtime.settings.secret, algorithm="HS256")
    response = await client.http.post("/graphql", json={"query": QUERY},
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == status, (case, response.text)
    if status == 200:
        assert response.json() == {"data": {"__typename": "Query"}}
        return
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert words is not None and words in error["message"]
    assert response.headers["www-authenticate"].startswith('Bearer realm="ipreg", '
                                                           'error="invalid_token"')


async def test_the_public_development_secret_no_longer_makes_a_permanent_admin(
    runtime: Runtime, client: Any
) -> None:
    """The reproduction of issue 12: ``{"sub": "1"}`` signed with the secret printed in
    the source read the audit trail. Without ``exp`` it is refused; it could still be
    signed with an ``exp`` of a day, which is why ``ipreg serve`` refuses to start with
    that secret outside development (tests/test_cli.py)."""
    assert runtime.settings.secret == DEVELOPMENT_SECRET
    user_id = await _admin(runtime)
    forged = jwt.encode({"sub": str(user_id)}, DEVELOPMENT_SECRET, algorithm="HS256")
    audit = "{ auditRecords(first: 1) { totalCount } }"
    response = await client.http.post("/graphql", json={"query": audit},
                                      headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_maximum_is_a_setting(runtime: Runtime, client: Any,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    user_id = await _admin(runtime)
    now = int(dt.datetime.now(dt.UTC).timestamp())
    week = jwt.encode(_claims(user_id, now, now + 7 * DAY), runtime.settings.secret,
                      algorithm="HS256")
    headers = {"Authorization": f"Bearer {week}"}
    refused = await client.http.post("/graphql", json={"query": QUERY}, headers=headers)
    assert refused.status_code == 401
    monkeypatch.setenv("IPREG_JWT_MAX_LIFETIME", str(7 * DAY))
    runtime.extras.pop("auth_settings", None)  # read once per process, as a server does
    served = await client.http.post("/graphql", json={"query": QUERY}, headers=headers)
    assert served.status_code == 200, served.text


async def test_claims_that_are_not_numbers_are_refused(runtime: Runtime, client: Any) -> None:
    user_id = await _admin(runtime)
    now = int(dt.datetime.now(dt.UTC).timestamp())
    token = jwt.encode({"sub": str(user_id), "iat": str(now), "exp": now + 60},
                       runtime.settings.secret, algorithm="HS256")
    response = await client.http.post("/graphql", json={"query": QUERY},
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert "'iat' claim is not a number" in response.json()["errors"][0]["message"]
