"""Batched reads of the list's own tables, one loader per relation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from ipreg.plugins.ukraine.websites.models import UaWebsite, UaWebsiteEpisode
from ipreg.schema.loaders import BaseLoader, group_by, index_by


class WebsiteByObjectLoader(BaseLoader):
    """``ua_website`` rows by object id."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.reader.rows(select(UaWebsite.__table__).where(
            UaWebsite.object_id.in_(ids)))
        return index_by(rows, ids, "object_id")


class EpisodesByObjectLoader(BaseLoader):
    """``ua_website_episode`` rows of each object, oldest first."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(select(UaWebsiteEpisode.__table__).where(
            UaWebsiteEpisode.object_id.in_(ids)).order_by(UaWebsiteEpisode.on,
                                                         UaWebsiteEpisode.id))
        return group_by(rows, ids, "object_id")


__all__ = ["EpisodesByObjectLoader", "WebsiteByObjectLoader"]
