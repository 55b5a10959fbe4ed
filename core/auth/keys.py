"""API keys of information systems: made here, kept only as a hash.

A key reads ``ipreg_<prefix>_<secret>``: the 12 hex-digit ``prefix`` is public
(it names the key in ``ipreg keys list`` and finds its row), the ``secret`` is
256 random bits. The database keeps the prefix and the SHA-256 of the whole
key. A slow password hash would add nothing: the key is random, not a chosen
password, so a stolen hash cannot be guessed back; and SHA-256 keeps the check
cheap on every request. Hashes are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import NamedTuple

SCHEME = "ipreg"
PREFIX_BYTES = 6
SECRET_BYTES = 32
_HEX = frozenset("0123456789abcdef")


class NewKey(NamedTuple):
    key: str
    prefix: str
    key_hash: str


def hash_api_key(key: str) -> str:
    """The hex SHA-256 stored for ``key``."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def generate_api_key() -> NewKey:
    """A fresh key, its public prefix and the hash to store."""
    prefix = secrets.token_hex(PREFIX_BYTES)
    key = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    return NewKey(key, prefix, hash_api_key(key))


def key_prefix(key: str) -> str | None:
    """The prefix of a well-formed key, ``None`` when ``key`` is not one of ours."""
    scheme, _, rest = key.partition("_")
    prefix, sep, secret = rest.partition("_")
    if (
        scheme != SCHEME
        or not sep
        or len(prefix) != 2 * PREFIX_BYTES
        or not set(prefix) <= _HEX
        or len(secret) < 16
    ):
        return None
    return prefix


def key_matches(key: str, stored_hash: str) -> bool:
    """Whether ``key`` hashes to ``stored_hash``, in time independent of where they differ."""
    return hmac.compare_digest(hash_api_key(key), stored_hash)
