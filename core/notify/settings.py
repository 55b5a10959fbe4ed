"""Settings of notification delivery, from ``IPREG_NOTIFY_*`` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc


@dataclass(frozen=True)
class DispatchSettings:
    """How the outbox dispatcher retries, backs off and takes back stale claims.

    Times are in seconds. The n-th failed attempt (n = 1, 2, ...) is retried
    after ``min(backoff_max, backoff_base * 2 ** (n - 1))``, of which the last
    ``jitter`` fraction is random, so replicas that failed together do not retry
    together; a ``Retry-After`` the endpoint sent lengthens the wait, still
    bounded by ``backoff_max``. After ``max_attempts`` attempts a notification
    is ``failed``.
    """

    #: ``IPREG_NOTIFY_MAX_ATTEMPTS``: attempts before a notification is failed.
    max_attempts: int = 8
    #: ``IPREG_NOTIFY_BACKOFF_BASE``: wait after the first failed attempt.
    backoff_base: float = 30.0
    #: ``IPREG_NOTIFY_BACKOFF_MAX``: longest wait between two attempts.
    backoff_max: float = 3600.0
    #: ``IPREG_NOTIFY_JITTER``: random share of each wait (0 = none, 1 = all).
    jitter: float = 0.5
    #: ``IPREG_NOTIFY_DELIVERY_TIMEOUT``: longest one delivery may take.
    delivery_timeout: float = 120.0
    #: ``IPREG_NOTIFY_CLAIM_TIMEOUT``: a ``sending`` claim older than this belongs
    #: to a dispatcher that died; it is taken back. Must exceed the delivery timeout.
    claim_timeout: float = 600.0
    #: ``IPREG_NOTIFY_INTERVAL``: pause between two rounds when nothing is due.
    interval: float = 5.0
    #: ``IPREG_NOTIFY_BATCH``: notifications claimed per round.
    batch_size: int = 100
    #: ``IPREG_NOTIFY_CONCURRENCY``: deliveries in flight at once per dispatcher.
    concurrency: int = 10

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.backoff_base < 0 or self.backoff_max < self.backoff_base:
            raise ValueError("need 0 <= backoff_base <= backoff_max")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")
        if self.delivery_timeout <= 0 or self.claim_timeout <= self.delivery_timeout:
            raise ValueError(
                "claim_timeout must exceed delivery_timeout: a claim must not expire "
                "while its delivery may still be running"
            )
        if self.batch_size < 1 or self.concurrency < 1:
            raise ValueError("batch_size and concurrency must be at least 1")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> DispatchSettings:
        env = os.environ if env is None else env
        return cls(
            max_attempts=int(_number(env, "IPREG_NOTIFY_MAX_ATTEMPTS", cls.max_attempts)),
            backoff_base=_number(env, "IPREG_NOTIFY_BACKOFF_BASE", cls.backoff_base),
            backoff_max=_number(env, "IPREG_NOTIFY_BACKOFF_MAX", cls.backoff_max),
            jitter=_number(env, "IPREG_NOTIFY_JITTER", cls.jitter),
            delivery_timeout=_number(env, "IPREG_NOTIFY_DELIVERY_TIMEOUT", cls.delivery_timeout),
            claim_timeout=_number(env, "IPREG_NOTIFY_CLAIM_TIMEOUT", cls.claim_timeout),
            interval=_number(env, "IPREG_NOTIFY_INTERVAL", cls.interval),
            batch_size=int(_number(env, "IPREG_NOTIFY_BATCH", cls.batch_size)),
            concurrency=int(_number(env, "IPREG_NOTIFY_CONCURRENCY", cls.concurrency)),
        )
