"""The running application's shared state, built once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from ipreg.core.config import Settings
from ipreg.core.db.engine import make_engine, make_sessionmaker
from ipreg.core.files import FileStore
from ipreg.core.plugins import Registry, make_plugin_manager


@dataclass
class Runtime:
    """Settings, the plugin registry, the database and the services built on them."""

    settings: Settings
    registry: Registry
    extras: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, settings: Settings | None = None) -> Runtime:
        settings = settings or Settings.from_env()
        import ipreg.core.model  # noqa: F401  (registers the core tables)

        pm = make_plugin_manager(settings.plugins)
        return cls(settings=settings, registry=Registry.build(pm))

    @cached_property
    def engine(self) -> AsyncEngine:
        return make_engine(self.settings.database_url)

    @cached_property
    def sessionmaker(self) -> async_sessionmaker[AsyncSession]:
        return make_sessionmaker(self.engine)

    @cached_property
    def files(self) -> FileStore:
        return FileStore(self.settings.files_dir, self.settings.max_file_bytes)

    async def close(self) -> None:
        if "engine" in self.__dict__:
            await self.engine.dispose()
