"""Per-request context: who asks, in which language, and the request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ipreg.core.runtime import Runtime

if TYPE_CHECKING:
    from ipreg.schema.loaders import Loaders
    from ipreg.schema.reader import Reader


@dataclass(frozen=True)
class Viewer:
    """The caller. Anonymous callers are interested persons: they see published data."""

    subject: str | None = None
    roles: frozenset[str] = frozenset()
    jurisdictions: frozenset[str] = frozenset()

    @property
    def is_anonymous(self) -> bool:
        return self.subject is None

    def is_official_of(self, jurisdiction: str) -> bool:
        return "official" in self.roles and (
            jurisdiction in self.jurisdictions or "*" in self.jurisdictions
        )

    def can_see_unpublished(self, jurisdiction: str) -> bool:
        return self.is_official_of(jurisdiction)


ANONYMOUS = Viewer()


def parse_accept_language(header: str | None) -> str | None:
    """The preferred language of an ``Accept-Language`` header (``uk-UA;q=0.9`` → ``uk``)."""
    if not header:
        return None
    best: tuple[float, str] | None = None
    for part in header.split(","):
        piece = part.strip()
        if not piece:
            continue
        lang, _, params = piece.partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        tag = lang.strip().split("-")[0].lower()
        if tag == "*" or not tag:
            continue
        if best is None or quality > best[0]:
            best = (quality, tag)
    return best[1] if best else None


@dataclass
class Context:
    """What every resolver gets as ``info.context``."""

    runtime: Runtime
    reader: Reader
    viewer: Viewer = ANONYMOUS
    lang: str | None = None
    request: Any = None
    response_headers: dict[str, str] = field(default_factory=dict)

    @cached_property
    def loaders(self) -> Loaders:
        from ipreg.schema.loaders import Loaders

        return Loaders(self.reader)

    def language(self, override: str | None = None) -> str | None:
        return override or self.lang
