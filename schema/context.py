"""Per-request context: who asks, in which language, and the request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ipreg.core.auth import ANONYMOUS, Principal
from ipreg.core.runtime import Runtime

if TYPE_CHECKING:
    from ipreg.schema.loaders import Loaders
    from ipreg.schema.reader import Reader


#: Kept for readability in resolvers: the caller of a GraphQL request.
Viewer = Principal


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
    viewer: Principal = ANONYMOUS
    lang: str | None = None
    request: Any = None
    #: Correlates a request with its audit records and case steps (``X-Request-ID``).
    request_id: str | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    #: Non-public records an official read in this request, audited when it ends.
    unpublished_reads: set[tuple[str, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        # The viewer counts the officials' roles of this deployment (core and plugins).
        self.viewer = self.runtime.registry.bind(self.viewer)

    @cached_property
    def loaders(self) -> Loaders:
        from ipreg.schema.loaders import Loaders

        return Loaders(self.reader)

    def language(self, override: str | None = None) -> str | None:
        return override or self.lang
