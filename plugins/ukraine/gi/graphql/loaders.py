"""The GI register's batched loaders (one instance per request)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from ipreg.core.model import Case, StoredFile
from ipreg.plugins.ukraine.gi.models import (
    UaGiApplication,
    UaGiDocument,
    UaGiFee,
    UaGiFileItem,
    UaGiLimitRequest,
    UaGiOpposition,
)
from ipreg.schema.loaders import FILE_COLUMNS, BaseLoader, group_by, index_by


class ApplicationByObjectLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.reader.rows(select(UaGiApplication.__table__).where(
            UaGiApplication.object_id.in_(ids)))
        return index_by(rows, ids, "object_id")


class ApplicationByCaseLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.reader.rows(select(UaGiApplication.__table__).where(
            UaGiApplication.case_id.in_(ids)))
        return index_by(rows, ids, "case_id")


class OppositionsByApplicationLoader(BaseLoader):
    """The oppositions of each application case, with their case's number and state."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(
            select(UaGiOpposition.case_id, UaGiOpposition.application_case_id,
                   UaGiOpposition.opponent_name, UaGiOpposition.dated_on, Case.number,
                   Case.state)
            .join(Case, Case.id == UaGiOpposition.case_id)
            .where(UaGiOpposition.application_case_id.in_(ids))
            .order_by(UaGiOpposition.case_id))
        return group_by(rows, ids, "application_case_id")


class OppositionByCaseLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.reader.rows(select(UaGiOpposition.__table__).where(
            UaGiOpposition.case_id.in_(ids)))
        return index_by(rows, ids, "case_id")


class FileItemsLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(select(UaGiFileItem.__table__).where(
            UaGiFileItem.case_id.in_(ids)).order_by(UaGiFileItem.case_id, UaGiFileItem.seq))
        return group_by(rows, ids, "case_id")


class FeesLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(select(UaGiFee.__table__).where(
            UaGiFee.case_id.in_(ids)).order_by(UaGiFee.case_id, UaGiFee.id))
        return group_by(rows, ids, "case_id")


class LimitRequestsLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(select(UaGiLimitRequest.__table__).where(
            UaGiLimitRequest.case_id.in_(ids)).order_by(UaGiLimitRequest.case_id,
                                                        UaGiLimitRequest.id))
        return group_by(rows, ids, "case_id")


class DocumentsByCaseLoader(BaseLoader):
    """The attached documents of each case (``ua_gi_document``, GI rules II.2.3), oldest
    first, each with its stored file's :data:`~ipreg.schema.loaders.FILE_COLUMNS`."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(
            select(UaGiDocument.__table__, *FILE_COLUMNS)
            .outerjoin(StoredFile, StoredFile.sha256 == UaGiDocument.file_sha256)
            .where(UaGiDocument.case_id.in_(ids))
            .order_by(UaGiDocument.case_id, UaGiDocument.id))
        return group_by(rows, ids, "case_id")


__all__ = ["ApplicationByCaseLoader", "ApplicationByObjectLoader", "DocumentsByCaseLoader",
           "FeesLoader", "FileItemsLoader", "LimitRequestsLoader", "OppositionByCaseLoader",
           "OppositionsByApplicationLoader"]
