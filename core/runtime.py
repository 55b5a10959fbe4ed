"""The running application's shared state, built once at start-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from ipreg.core.config import Settings
from ipreg.core.db.base import utcnow
from ipreg.core.db.engine import make_engine, make_sessionmaker
from ipreg.core.feed import ON_COMMIT
from ipreg.core.feed_position import FeedPosition
from ipreg.core.files import FileStore
from ipreg.core.plugins import Registry, make_plugin_manager

if TYPE_CHECKING:
    from ipreg.core.procedures.engine import ProcedureEngine


@dataclass
class Runtime:
    """Settings, the plugin registry, the database and the services built on them."""

    settings: Settings
    registry: Registry
    extras: dict[str, Any] = field(default_factory=dict)
    #: The current time; tests replace it to move through time limits.
    clock: Callable[[], dt.datetime] = utcnow

    @classmethod
    def create(cls, settings: Settings | None = None,
               extra_plugins: Sequence[tuple[str, object]] = ()) -> Runtime:
        """Build the runtime; ``extra_plugins`` registers (name, plugin) pairs directly."""
        settings = settings or Settings.from_env()
        import ipreg.core.model  # noqa: F401  (registers the core tables)

        pm = make_plugin_manager(settings.plugins)
        for name, plugin in extra_plugins:
            pm.register(plugin, name=name)
        return cls(settings=settings, registry=Registry.build(pm))

    @cached_property
    def procedures(self) -> ProcedureEngine:
        """The procedure engine over this runtime's procedures."""
        from ipreg.core.procedures.engine import ProcedureEngine

        return ProcedureEngine(self)

    @cached_property
    def engine(self) -> AsyncEngine:
        return make_engine(self.settings.database_url)

    @cached_property
    def feed_position(self) -> FeedPosition:
        return FeedPosition()

    @cached_property
    def sessionmaker(self) -> async_sessionmaker[AsyncSession]:
        return make_sessionmaker(self.engine, info={ON_COMMIT: self.feed_position.note})

    @cached_property
    def files(self) -> FileStore:
        return FileStore(self.settings.files_dir, self.settings.max_file_bytes)

    async def close(self) -> None:
        if "engine" in self.__dict__:
            await self.engine.dispose()
