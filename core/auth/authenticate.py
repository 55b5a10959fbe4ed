"""Who is calling: bearer JWTs for people, API keys for information systems.

:func:`authenticate` turns the request's credentials into a :class:`Principal`:

* no credentials → :data:`ANONYMOUS` (an interested person);
* ``Authorization: Bearer <jwt>`` → the user ``sub`` with its grants (one query);
* ``X-Api-Key: <key>`` or ``Authorization: ApiKey <key>`` → the key's principal
  (one query);
* anything presented that does not check out → :class:`Unauthenticated` with a
  message saying why. A bad credential never degrades to anonymous.

Nothing is cached between requests: a disabled user, a removed grant or a
revoked key takes effect on the next request.

Information-system logins: after an API key authenticates, call
:func:`note_api_key_use` (it stamps ``api_key.last_used_at`` at most once a
minute and says whether it did) and record the login in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jwt
from sqlalchemy import or_, select, update

from ipreg.core.auth.keys import hash_api_key, key_matches, key_prefix
from ipreg.core.auth.principal import ANONYMOUS, Grant, Principal
from ipreg.core.auth.settings import AuthSettings, auth_settings
from ipreg.core.db.base import utcnow
from ipreg.core.errors import BadUserInput, Unauthenticated
from ipreg.core.model.auth import ApiKey, ApiKeyGrant, AppUser, UserGrant

#: Compared against when a key's prefix is unknown, so that answer takes as long.
_DUMMY_HASH = hash_api_key("ipreg_000000000000_no-such-key")
#: Reasons that are a malformed request rather than a bad credential (RFC 6750 §3.1).
_REQUEST_PROBLEMS = frozenset({"ambiguous", "scheme", "empty"})
#: ``last_used_at`` is written at most this often per key.
LAST_USED_RESOLUTION = dt.timedelta(seconds=60)


# ---------------------------------------------------------------- tokens


def token_lifetime(source: Any, ttl: int | dt.timedelta) -> dt.timedelta:
    """``ttl`` as a span, if a token may live that long (:class:`BadUserInput` if not).

    Tokens live at most IPREG_JWT_MAX_LIFETIME seconds: this server would refuse a
    longer-lived one, so it does not issue one either.
    """
    config = auth_settings(source)
    span = ttl if isinstance(ttl, dt.timedelta) else dt.timedelta(seconds=ttl)
    if span <= dt.timedelta(0):
        raise BadUserInput("a token's ttl must be positive")
    if span > dt.timedelta(seconds=config.max_lifetime):
        raise BadUserInput(
            f"a token may live at most {config.max_lifetime} seconds "
            f"(IPREG_JWT_MAX_LIFETIME), not {int(span.total_seconds())}"
        )
    return span


def issue_token(
    source: Any,
    user_id: int,
    ttl: int | dt.timedelta = 3600,
    *,
    now: dt.datetime | None = None,
    claims: dict[str, Any] | None = None,
) -> str:
    """A signed JWT for ``user_id`` with ``iat`` and ``exp``, valid ``ttl`` seconds.

    ``source`` is a Runtime, Settings or AuthSettings. With RS* this needs
    ``IPREG_JWT_PRIVATE_KEY``; in production tokens come from the identity provider.
    A ``ttl`` over IPREG_JWT_MAX_LIFETIME is :class:`BadUserInput`.
    """
    config = auth_settings(source)
    span = token_lifetime(config, ttl)
    issued = now or utcnow()
    payload: dict[str, Any] = {
        **(claims or {}), "sub": str(user_id), "iat": issued, "exp": issued + span,
    }
    return jwt.encode(payload, config.signing_key, algorithm=config.algorithm)


def decode_token(source: Any, token: str) -> dict[str, Any]:
    """The verified claims of ``token``; :class:`Unauthenticated` says what is wrong."""
    config = auth_settings(source)
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            config.verification_key,
            algorithms=[config.algorithm],
            options={"require": ["sub", "exp", "iat"]},
            leeway=config.leeway,
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated("the token has expired: log in again", reason="expired") from exc
    except jwt.ImmatureSignatureError as exc:
        raise Unauthenticated("the token is not valid yet", reason="immature") from exc
    except jwt.InvalidSignatureError as exc:
        raise Unauthenticated(
            "the token's signature does not verify", reason="bad_signature"
        ) from exc
    except jwt.InvalidAlgorithmError as exc:
        raise Unauthenticated(
            f"the token is not signed with {config.algorithm}, the algorithm this "
            "server accepts", reason="bad_algorithm",
        ) from exc
    except jwt.MissingRequiredClaimError as exc:
        raise Unauthenticated(
            f"the token has no {exc.claim!r} claim", reason="missing_claim"
        ) from exc
    except jwt.DecodeError as exc:
        raise Unauthenticated("the token is not a well-formed JWT", reason="malformed") from exc
    except jwt.InvalidTokenError as exc:
        raise Unauthenticated(f"the token is invalid: {exc}", reason="invalid") from exc
    # PyJWT has checked that exp is not past and iat not ahead (it also takes "123").
    lifetime = _numeric_date(claims, "exp") - _numeric_date(claims, "iat")
    if lifetime > config.max_lifetime:
        raise Unauthenticated(
            f"the token is valid for {int(lifetime)} seconds from its 'iat', longer than "
            f"the {config.max_lifetime} this server accepts (IPREG_JWT_MAX_LIFETIME)",
            reason="lifetime",
        )
    return claims


def _numeric_date(claims: dict[str, Any], name: str) -> float:
    value = claims[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Unauthenticated(f"the token's {name!r} claim is not a number of seconds",
                              reason="invalid")
    return float(value)


def _user_id(claims: dict[str, Any]) -> int:
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub.isascii() or not sub.isdigit() or len(sub) > 18:
        raise Unauthenticated("the token's subject is not a user id", reason="bad_subject")
    return int(sub)


# ---------------------------------------------------------------- principals


async def load_user(runtime: Any, user_id: int) -> Principal:
    """The principal of an active user, grants included, in one query."""
    stmt = (
        select(
            AppUser.login,
            AppUser.party_id,
            AppUser.active,
            UserGrant.role,
            UserGrant.jurisdiction,
            UserGrant.organisation_id,
        )
        .select_from(AppUser)
        .outerjoin(UserGrant, UserGrant.user_id == AppUser.id)
        .where(AppUser.id == user_id)
    )
    async with runtime.engine.connect() as conn:
        rows = (await conn.execute(stmt)).all()
    if not rows:
        raise Unauthenticated("the token's user does not exist", reason="unknown_user")
    login, party_id, active = rows[0][0], rows[0][1], rows[0][2]
    if not active:
        raise Unauthenticated(f"the user {login!r} is disabled", reason="disabled")
    grants = frozenset(Grant(r[3], r[4], r[5]) for r in rows if r[3] is not None)
    return Principal(
        kind="user", subject=f"user:{login}", user_id=user_id, party_id=party_id, grants=grants
    )


async def load_api_key(runtime: Any, key: str) -> Principal:
    """The principal of a valid, unrevoked API key, grants included, in one query."""
    prefix = key_prefix(key)
    rows: list[Any] = []
    if prefix is not None:
        stmt = (
            select(
                ApiKey.id,
                ApiKey.key_hash,
                ApiKey.party_id,
                ApiKey.revoked_at,
                ApiKeyGrant.role,
                ApiKeyGrant.jurisdiction,
                ApiKeyGrant.organisation_id,
            )
            .select_from(ApiKey)
            .outerjoin(ApiKeyGrant, ApiKeyGrant.api_key_id == ApiKey.id)
            .where(ApiKey.prefix == prefix)
        )
        async with runtime.engine.connect() as conn:
            rows = list((await conn.execute(stmt)).all())
    stored = rows[0][1] if rows else _DUMMY_HASH
    if not key_matches(key, stored) or not rows:
        raise Unauthenticated("the API key is not valid", reason="bad_key", scheme="ApiKey")
    key_id, party_id, revoked_at = rows[0][0], rows[0][2], rows[0][3]
    if revoked_at is not None:
        raise Unauthenticated(
            f"the API key {prefix} was revoked", reason="revoked", scheme="ApiKey"
        )
    grants = frozenset(Grant(r[4], r[5], r[6]) for r in rows if r[4] is not None)
    return Principal(
        kind="api_key",
        subject=f"api_key:{prefix}",
        party_id=party_id,
        grants=grants,
        api_key_id=key_id,
    )


def _credential(
    authorization_header: str | None, api_key_header: str | None
) -> tuple[str, str] | None:
    """``("bearer", token)``, ``("api_key", key)`` or ``None`` for no credentials."""
    authorization = (authorization_header or "").strip()
    api_key = (api_key_header or "").strip()
    if authorization and api_key:
        raise Unauthenticated(
            "send one credential: an Authorization header or an X-Api-Key header, not both",
            reason="ambiguous",
        )
    if api_key:
        return "api_key", api_key
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    value = value.strip()
    kind = {"bearer": "bearer", "apikey": "api_key"}.get(scheme.lower())
    if kind is None:
        raise Unauthenticated(
            f"unsupported authorization scheme {scheme!r}: send 'Bearer <token>' "
            "or 'ApiKey <key>'",
            reason="scheme",
        )
    if not value:
        raise Unauthenticated(f"the Authorization header has nothing after {scheme!r}",
                              reason="empty")
    return kind, value


async def authenticate(
    runtime: Any, authorization_header: str | None, api_key_header: str | None
) -> Principal:
    """The caller of a request, from its ``Authorization`` and ``X-Api-Key`` headers."""
    credential = _credential(authorization_header, api_key_header)
    if credential is None:
        return ANONYMOUS
    kind, value = credential
    if kind == "api_key":
        principal = await load_api_key(runtime, value)
    else:
        principal = await load_user(runtime, _user_id(decode_token(runtime, value)))
    return runtime.registry.bind(principal)  # the deployment's official roles


async def note_api_key_use(
    runtime: Any, principal: Principal, at: dt.datetime | None = None
) -> bool:
    """Stamp the key's ``last_used_at``; ``True`` when written (at most once a minute).

    A no-op (``False``) for principals that are not API keys. This is the hook
    for the audit trail's "logins of information systems": ``True`` marks the
    first use of a key in a :data:`LAST_USED_RESOLUTION` window.
    """
    if principal.kind != "api_key" or principal.api_key_id is None:
        return False
    when = at or utcnow()
    stmt = (
        update(ApiKey)
        .where(ApiKey.id == principal.api_key_id)
        .where(or_(ApiKey.last_used_at.is_(None),
                   ApiKey.last_used_at <= when - LAST_USED_RESOLUTION))
        .values(last_used_at=when)
        .execution_options(synchronize_session=False)
    )
    async with runtime.engine.begin() as conn:
        result = await conn.execute(stmt)
    return bool(result.rowcount)


def challenge(error: Unauthenticated | None = None) -> str:
    """A ``WWW-Authenticate`` header value for a 401 answer (RFC 6750 §3).

    Names the scheme of the credential that failed (``Bearer`` or ``ApiKey``).
    """
    if error is None:
        return 'Bearer realm="ipreg"'
    scheme = error.details.get("scheme", "Bearer")
    if error.details.get("reason") in _REQUEST_PROBLEMS:
        kind = "invalid_request"
    else:
        kind = "invalid_key" if scheme == "ApiKey" else "invalid_token"
    # A header value: printable ASCII only, no quote or backslash to escape.
    description = "".join(
        c if " " <= c <= "~" and c not in '"\\' else "'" if c == '"' else "?"
        for c in error.message
    )
    return f'{scheme} realm="ipreg", error="{kind}", error_description="{description}"'


__all__ = [
    "LAST_USED_RESOLUTION",
    "AuthSettings",
    "authenticate",
    "challenge",
    "decode_token",
    "issue_token",
    "load_api_key",
    "load_user",
    "note_api_key_use",
    "token_lifetime",
]
