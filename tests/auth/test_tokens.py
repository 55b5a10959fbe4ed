"""Bearer tokens: valid, expired, tampered, RS256; the user and its grants in one query."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import jwt
import pytest
from sqlalchemy import event

from ipreg.core.auth import ANONYMOUS, Grant, store
from ipreg.core.auth.authenticate import authenticate, challenge, decode_token, issue_token
from ipreg.core.auth.settings import AuthSettings
from ipreg.core.config import Settings
from ipreg.core.errors import BadUserInput, ConfigurationError, Unauthenticated
from ipreg.core.runtime import Runtime


async def make_user(runtime: Runtime, login: str, *grants: Grant,
                    party_id: int | None = None) -> int:
    async with runtime.sessionmaker() as session:
        user = await store.create_user(session, login, login.title(), party_id, list(grants))
        await session.commit()
        return user.id


def bearer(token: str) -> str:
    return f"Bearer {token}"


async def test_a_valid_token_gives_the_user_with_its_grants(runtime: Runtime, add_party: Any
                                                            ) -> None:
    kz_customs = await add_party("КГД МФ РК")
    user_id = await make_user(
        runtime, "aigul", Grant("authorized_body", "eaeu", kz_customs), Grant("admin"),
        party_id=kz_customs,
    )
    principal = await authenticate(runtime, bearer(issue_token(runtime, user_id)), None)
    assert principal.kind == "user"
    assert principal.user_id == user_id
    assert principal.party_id == kz_customs
    assert principal.subject == "user:aigul"
    assert principal.grants == {Grant("authorized_body", "eaeu", kz_customs), Grant("admin")}


async def test_no_credentials_is_the_anonymous_interested_person(runtime: Runtime) -> None:
    assert await authenticate(runtime, None, None) is ANONYMOUS
    assert await authenticate(runtime, "  ", "") is ANONYMOUS


async def test_the_user_and_its_grants_take_one_query(runtime: Runtime) -> None:
    user_id = await make_user(runtime, "bohdan", Grant("examiner", "ukraine"), Grant("official"))
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    token = issue_token(runtime, user_id)
    event.listen(runtime.engine.sync_engine, "before_cursor_execute", count)
    try:
        principal = await authenticate(runtime, bearer(token), None)
    finally:
        event.remove(runtime.engine.sync_engine, "before_cursor_execute", count)
    assert len(principal.grants) == 2
    assert len(statements) == 1, statements


async def test_an_expired_token_is_refused_not_made_anonymous(runtime: Runtime) -> None:
    user_id = await make_user(runtime, "late")
    then = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    token = issue_token(runtime, user_id, ttl=60, now=then)
    with pytest.raises(Unauthenticated, match="expired") as caught:
        await authenticate(runtime, bearer(token), None)
    assert caught.value.code == "UNAUTHENTICATED"
    assert 'error="invalid_token"' in challenge(caught.value)


async def test_a_token_signed_with_another_secret_is_refused(runtime: Runtime) -> None:
    user_id = await make_user(runtime, "mallory")
    forged = issue_token(AuthSettings(secret="not-the-server-secret-but-long-enough"), user_id)
    with pytest.raises(Unauthenticated, match="signature"):
        await authenticate(runtime, bearer(forged), None)


async def test_a_tampered_payload_is_refused(runtime: Runtime) -> None:
    user_id = await make_user(runtime, "eve")
    header, _payload, signature = issue_token(runtime, user_id).split(".")
    other = jwt.utils.base64url_encode(b'{"sub":"1"}').decode()
    with pytest.raises(Unauthenticated, match="signature"):
        await authenticate(runtime, bearer(f"{header}.{other}.{signature}"), None)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Bearer not-a-jwt", "well-formed"),
        ("Bearer ", "nothing after"),
        ("Basic dXNlcjpwYXNz", "unsupported authorization scheme"),
    ],
)
async def test_malformed_credentials_are_refused(runtime: Runtime, header: str, message: str
                                                 ) -> None:
    with pytest.raises(Unauthenticated, match=message):
        await authenticate(runtime, header, None)


async def test_an_unsigned_token_is_refused(runtime: Runtime) -> None:
    token = jwt.encode({"sub": "1"}, "", algorithm="none")
    with pytest.raises(Unauthenticated, match="HS256"):
        await authenticate(runtime, bearer(token), None)


async def test_a_token_without_a_user_subject_is_refused(runtime: Runtime) -> None:
    secret = runtime.settings.secret
    no_sub = jwt.encode({"iat": 1}, secret, algorithm="HS256")
    with pytest.raises(Unauthenticated, match="'sub'"):
        await authenticate(runtime, bearer(no_sub), None)
    now = int(dt.datetime.now(dt.UTC).timestamp())
    login_sub = jwt.encode({"sub": "admin", "iat": now, "exp": now + 60}, secret,
                           algorithm="HS256")
    with pytest.raises(Unauthenticated, match="not a user id"):
        await authenticate(runtime, bearer(login_sub), None)


async def test_a_token_for_an_unknown_or_disabled_user_is_refused(runtime: Runtime) -> None:
    with pytest.raises(Unauthenticated, match="does not exist"):
        await authenticate(runtime, bearer(issue_token(runtime, 999_999)), None)
    user_id = await make_user(runtime, "gone")
    token = issue_token(runtime, user_id)
    async with runtime.sessionmaker() as session:
        await store.set_user_active(session, "gone", False)
        await session.commit()
    with pytest.raises(Unauthenticated, match="disabled"):
        await authenticate(runtime, bearer(token), None)


async def test_grants_are_read_per_request_not_cached(runtime: Runtime) -> None:
    user_id = await make_user(runtime, "changing", Grant("examiner", "ukraine"))
    token = bearer(issue_token(runtime, user_id))
    assert (await authenticate(runtime, token, None)).roles("ukraine") == {"examiner"}
    async with runtime.sessionmaker() as session:
        await store.grant_user(session, "changing", [Grant("examiner", "ukraine")], revoke=True)
        await session.commit()
    assert (await authenticate(runtime, token, None)).grants == frozenset()


async def test_two_credentials_at_once_are_refused(runtime: Runtime) -> None:
    user_id = await make_user(runtime, "both")
    with pytest.raises(Unauthenticated, match="not both"):
        await authenticate(runtime, bearer(issue_token(runtime, user_id)), "ipreg_x_y")


def test_tokens_carry_sub_iat_and_exp() -> None:
    config = AuthSettings()
    now = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
    token = issue_token(config, 7, ttl=dt.timedelta(minutes=5), now=now)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims == {"sub": "7", "iat": int(now.timestamp()), "exp": int(now.timestamp()) + 300}
    assert issue_token(config, 7, ttl=config.max_lifetime)
    with pytest.raises(BadUserInput, match="positive"):
        issue_token(config, 7, ttl=0)
    with pytest.raises(BadUserInput, match="at most 86400 seconds"):
        issue_token(config, 7, ttl=config.max_lifetime + 1)


# ---------------------------------------------------------------- RS256


def _key_pair() -> tuple[str, str]:
    pytest.importorskip("cryptography")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    return private, public


def _hs256_keyed_with(key: str, user_id: int) -> str:
    """A token HMAC-signed with ``key`` by hand (PyJWT rightly refuses a PEM as HMAC key)."""

    def part(data: bytes) -> str:
        return jwt.utils.base64url_encode(data).decode()

    signing_input = part(b'{"alg":"HS256","typ":"JWT"}') + "." + part(
        json.dumps({"sub": str(user_id)}).encode()
    )
    mac = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{part(mac)}"


@pytest.fixture(scope="module")
def rsa_keys() -> tuple[str, str]:
    return _key_pair()


async def test_rs256_tokens_verify_with_the_configured_public_key(
    runtime: Runtime, rsa_keys: tuple[str, str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    private, public = rsa_keys
    user_id = await make_user(runtime, "idp-user", Grant("examiner", "ukraine"))
    # The identity provider signs with its private key; the server has only the public one,
    # here given as a path to a PEM file.
    pem = tmp_path / "idp.pem"
    pem.write_text(public)
    monkeypatch.setenv("IPREG_JWT_ALGORITHM", "RS256")
    monkeypatch.setenv("IPREG_JWT_PUBLIC_KEY", str(pem))
    runtime.extras.pop("auth_settings", None)
    now = int(dt.datetime.now(dt.UTC).timestamp())
    lifetime = {"iat": now, "exp": now + 300}
    token = jwt.encode({"sub": str(user_id), **lifetime}, private, algorithm="RS256")
    principal = await authenticate(runtime, bearer(token), None)
    assert principal.user_id == user_id and principal.roles("ukraine") == {"examiner"}

    # An HS256 token signed with the server secret no longer counts, nor does an HS256
    # token keyed with the public key (the algorithm-confusion attack).
    with pytest.raises(Unauthenticated, match="RS256"):
        await authenticate(runtime, bearer(issue_token(AuthSettings(), user_id)), None)
    with pytest.raises(Unauthenticated, match="RS256"):
        await authenticate(runtime, bearer(_hs256_keyed_with(public, user_id)), None)

    other_private, _ = _key_pair()
    forged = jwt.encode({"sub": str(user_id), **lifetime}, other_private, algorithm="RS256")
    with pytest.raises(Unauthenticated, match="signature"):
        await authenticate(runtime, bearer(forged), None)


def test_rs256_settings_read_inline_pem_and_issue_development_tokens(
    rsa_keys: tuple[str, str]
) -> None:
    private, public = rsa_keys
    env = {"IPREG_JWT_ALGORITHM": "rs256", "IPREG_JWT_PUBLIC_KEY": public,
           "IPREG_JWT_PRIVATE_KEY": private}
    config = AuthSettings.from_settings(Settings(), env)
    assert config.algorithm == "RS256" and not config.is_hmac
    token = issue_token(config, 42, ttl=60)
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    assert decode_token(config, token)["sub"] == "42"
    without_private = AuthSettings.from_settings(
        Settings(), {"IPREG_JWT_ALGORITHM": "RS256", "IPREG_JWT_PUBLIC_KEY": public}
    )
    with pytest.raises(ConfigurationError, match="IPREG_JWT_PRIVATE_KEY"):
        issue_token(without_private, 42)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"IPREG_JWT_ALGORITHM": "RS256"}, "needs IPREG_JWT_PUBLIC_KEY"),
        ({"IPREG_JWT_ALGORITHM": "none"}, "must be one of"),
        ({"IPREG_JWT_ALGORITHM": "RS256", "IPREG_JWT_PUBLIC_KEY": "/no/such.pem"}, "cannot read"),
        ({"IPREG_JWT_LEEWAY": "soon"}, "whole number"),
        ({"IPREG_JWT_MAX_LIFETIME": "1d"}, "IPREG_JWT_MAX_LIFETIME must be a whole number"),
        ({"IPREG_JWT_MAX_LIFETIME": "0"}, "must be a positive number"),
        ({"IPREG_JWT_ALGORITHM": "RS256",
          "IPREG_JWT_PUBLIC_KEY": "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"},
         "not a usable RSA key"),
    ],
)
def test_bad_token_settings_are_clear_configuration_errors(env: dict[str, str], message: str
                                                           ) -> None:
    if "RSA" in message:
        pytest.importorskip("cryptography")
    with pytest.raises(ConfigurationError, match=message):
        AuthSettings.from_settings(Settings(), env)


def test_settings_extra_overrides_the_environment() -> None:
    settings = Settings(secret="s" * 40, extra={"jwt_algorithm": "HS512"})
    config = AuthSettings.from_settings(settings, {"IPREG_JWT_ALGORITHM": "HS256"})
    assert (config.algorithm, config.secret) == ("HS512", "s" * 40)


def test_settings_never_show_their_secrets(rsa_keys: tuple[str, str]) -> None:
    private, public = rsa_keys
    shown = repr(AuthSettings(secret="s3cr3t-" * 6))
    assert "s3cr3t" not in shown
    shown = repr(AuthSettings(algorithm="RS256", public_key=public, private_key=private))
    assert "PRIVATE" not in shown
