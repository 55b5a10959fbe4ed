"""Token settings: which JWT algorithm, and the keys that sign and verify.

Read from the environment, with :class:`ipreg.core.config.Settings` as the
fallback (``IPREG_SECRET`` is the HMAC key) and ``Settings.extra`` as an
override (keys ``jwt_algorithm``, ``jwt_public_key``, ``jwt_private_key``,
``jwt_leeway``, ``jwt_max_lifetime``), the same precedence CLI flags have over
the environment:

=========================  ==========  ===========================================
variable                   default     meaning
=========================  ==========  ===========================================
``IPREG_JWT_ALGORITHM``    ``HS256``   ``HS256``/``HS384``/``HS512`` (signed with
                                       ``IPREG_SECRET``) or ``RS256``/``RS384``/
                                       ``RS512`` (verified with the public key)
``IPREG_JWT_PUBLIC_KEY``   unset       RS*: the PEM public key, or a path to it
``IPREG_JWT_PRIVATE_KEY``  unset       RS*: the PEM private key (or a path), only
                                       to issue development tokens
``IPREG_JWT_LEEWAY``       ``0``       seconds of clock skew allowed on exp/nbf/iat
``IPREG_JWT_MAX_LIFETIME`` ``86400``   longest ``exp - iat`` a token may have, in
                                       seconds; a token without ``exp`` or ``iat``
                                       is refused
=========================  ==========  ===========================================

Exactly one algorithm is accepted, so a token can never choose how it is checked
(no ``none``, no HMAC keyed with a public key), and every token expires: a leaked
or forged-once token cannot be a credential forever.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jwt
import jwt.algorithms

from ipreg.core.config import Settings
from ipreg.core.errors import ConfigurationError

log = logging.getLogger("ipreg.auth")

HMAC_ALGORITHMS = frozenset({"HS256", "HS384", "HS512"})
RSA_ALGORITHMS = frozenset({"RS256", "RS384", "RS512"})
DEFAULT_ALGORITHM = "HS256"
#: Seconds a token may live (``exp - iat``) unless IPREG_JWT_MAX_LIFETIME says otherwise.
DEFAULT_MAX_LIFETIME = 24 * 3600
#: The development value of ``IPREG_SECRET`` (see ipreg.core.config.Settings).
DEVELOPMENT_SECRET = Settings.secret


def _rsa_key(pem: str, name: str) -> Any:
    """The parsed RSA key, or a :class:`ConfigurationError` saying why it is unusable."""
    if not jwt.algorithms.has_crypto:
        raise ConfigurationError(
            "RS* tokens need the cryptography package: pip install 'pyjwt[crypto]'"
        )
    try:
        return jwt.algorithms.RSAAlgorithm(jwt.algorithms.RSAAlgorithm.SHA256).prepare_key(pem)
    except (ValueError, TypeError, jwt.InvalidKeyError) as exc:
        raise ConfigurationError(f"{name} is not a usable RSA key: {exc}") from exc


def _pem(name: str, raw: str | None) -> str | None:
    """A PEM given inline or as a path to a file holding it."""
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    if value.startswith("-----BEGIN"):
        return value.replace("\\n", "\n") + "\n"
    path = Path(value).expanduser()
    try:
        text = path.read_text(encoding="ascii")
    except OSError as exc:
        raise ConfigurationError(
            f"{name} must be a PEM key or the path of a file holding one; "
            f"cannot read {str(path)!r}: {exc.strerror or exc}"
        ) from exc
    if "-----BEGIN" not in text:
        raise ConfigurationError(f"{name}: {str(path)!r} holds no PEM key")
    return text


@dataclass(frozen=True)
class AuthSettings:
    """How bearer tokens are signed and verified."""

    algorithm: str = DEFAULT_ALGORITHM
    secret: str = field(default=DEVELOPMENT_SECRET, repr=False)
    public_key: str | None = None
    private_key: str | None = field(default=None, repr=False)
    leeway: int = 0
    #: The longest ``exp - iat`` accepted, in seconds (IPREG_JWT_MAX_LIFETIME).
    max_lifetime: int = DEFAULT_MAX_LIFETIME
    #: The public key, parsed once (RS*); PyJWT would otherwise parse the PEM per token.
    _public: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.algorithm in HMAC_ALGORITHMS:
            if not self.secret:
                raise ConfigurationError(f"{self.algorithm} needs IPREG_SECRET")
        elif self.algorithm in RSA_ALGORITHMS:
            if not self.public_key:
                raise ConfigurationError(
                    f"IPREG_JWT_ALGORITHM={self.algorithm} needs IPREG_JWT_PUBLIC_KEY "
                    "(a PEM public key or the path of one)"
                )
            object.__setattr__(self, "_public", _rsa_key(self.public_key, "IPREG_JWT_PUBLIC_KEY"))
            if self.private_key:
                _rsa_key(self.private_key, "IPREG_JWT_PRIVATE_KEY")
        else:
            known = ", ".join(sorted(HMAC_ALGORITHMS | RSA_ALGORITHMS))
            raise ConfigurationError(
                f"IPREG_JWT_ALGORITHM must be one of {known}, got {self.algorithm!r}"
            )
        if self.leeway < 0:
            raise ConfigurationError("IPREG_JWT_LEEWAY must not be negative")
        if self.max_lifetime <= 0:
            raise ConfigurationError("IPREG_JWT_MAX_LIFETIME must be a positive number of "
                                     "seconds")
        if self.is_hmac and self.secret == DEVELOPMENT_SECRET:
            log.warning("tokens are signed with the development IPREG_SECRET: set it in production")

    @classmethod
    def from_settings(
        cls, settings: Settings | None = None, environ: Mapping[str, str] | None = None
    ) -> AuthSettings:
        settings = settings or Settings.from_env()
        env = os.environ if environ is None else environ

        def get(key: str) -> str | None:
            value = settings.extra.get(key)
            if value is None:
                value = env.get(f"IPREG_{key.upper()}")
            return value if value is None or value.strip() else None

        def seconds(key: str, default: int) -> int:
            raw = get(key)
            try:
                return int(raw) if raw is not None else default
            except ValueError as exc:
                raise ConfigurationError(
                    f"IPREG_{key.upper()} must be a whole number of seconds, got {raw!r}"
                ) from exc

        algorithm = (get("jwt_algorithm") or DEFAULT_ALGORITHM).strip().upper()
        return cls(
            algorithm=algorithm,
            secret=settings.secret,
            public_key=_pem("IPREG_JWT_PUBLIC_KEY", get("jwt_public_key")),
            private_key=_pem("IPREG_JWT_PRIVATE_KEY", get("jwt_private_key")),
            leeway=seconds("jwt_leeway", 0),
            max_lifetime=seconds("jwt_max_lifetime", DEFAULT_MAX_LIFETIME),
        )

    @property
    def is_hmac(self) -> bool:
        return self.algorithm in HMAC_ALGORITHMS

    @property
    def verification_key(self) -> Any:
        return self.secret if self.is_hmac else self._public

    @property
    def signing_key(self) -> str:
        if self.is_hmac:
            return self.secret
        if not self.private_key:
            raise ConfigurationError(
                f"with IPREG_JWT_ALGORITHM={self.algorithm} tokens come from your identity "
                "provider; set IPREG_JWT_PRIVATE_KEY to issue development tokens here"
            )
        return self.private_key


def auth_settings(source: Any) -> AuthSettings:
    """The token settings of a :class:`Runtime`, :class:`Settings` or :class:`AuthSettings`.

    A runtime keeps them in ``runtime.extras["auth_settings"]``, so the keys are
    read (and a PEM file opened) once per process, not once per request.
    """
    if isinstance(source, AuthSettings):
        return source
    if isinstance(source, Settings):
        return AuthSettings.from_settings(source)
    extras = getattr(source, "extras", None)
    settings = getattr(source, "settings", None)
    if isinstance(extras, dict) and isinstance(settings, Settings):
        cached = extras.get("auth_settings")
        if not isinstance(cached, AuthSettings):
            cached = extras["auth_settings"] = AuthSettings.from_settings(settings)
        return cached
    raise TypeError(f"expected a Runtime, Settings or AuthSettings, got {type(source).__name__}")
