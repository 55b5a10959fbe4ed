"""DataLoaders of the customs register's types: one statement per relation and page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from ipreg.plugins.ukraine.customs.models import (
    UaCustomsAppeal,
    UaCustomsCounterfeit,
    UaCustomsEntryEvent,
    UaCustomsOperator,
    UaCustomsRecordal,
    UaCustomsRepresentative,
    UaCustomsRight,
    UaCustomsSuspension,
)
from ipreg.schema.loaders import BaseLoader, group_by, index_by


class RightByObjectLoader(BaseLoader):
    """The ``ua_customs_right`` row of each entry (object id)."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.reader.rows(select(UaCustomsRight.__table__)
                                      .where(UaCustomsRight.object_id.in_(ids)))
        return index_by(rows, ids, "object_id")


class RecordalLoader(BaseLoader):
    """Recordals by id."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.reader.rows(select(UaCustomsRecordal.__table__)
                                      .where(UaCustomsRecordal.id.in_(ids)))
        return index_by(rows, ids, "id")


class RecordalByCaseLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.reader.rows(select(UaCustomsRecordal.__table__)
                                      .where(UaCustomsRecordal.case_id.in_(ids)))
        return index_by(rows, ids, "case_id")


def _grouped(model: Any, key: str, order: Any) -> type[BaseLoader]:
    class Grouped(BaseLoader):
        async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
            column = getattr(model, key)
            rows = await self.reader.rows(select(model.__table__).where(column.in_(ids))
                                          .order_by(column, order))
            return group_by(rows, ids, key)

    Grouped.__name__ = f"{model.__name__}By{key.title().replace('_', '')}Loader"
    return Grouped


RightsByRecordalLoader = _grouped(UaCustomsRight, "recordal_id", UaCustomsRight.position)
RepresentativesLoader = _grouped(UaCustomsRepresentative, "recordal_id",
                                 UaCustomsRepresentative.id)
OperatorsLoader = _grouped(UaCustomsOperator, "recordal_id", UaCustomsOperator.id)
CounterfeitsLoader = _grouped(UaCustomsCounterfeit, "recordal_id", UaCustomsCounterfeit.id)
EventsLoader = _grouped(UaCustomsEntryEvent, "recordal_id", UaCustomsEntryEvent.id)


class SuspensionByCaseLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.reader.rows(select(UaCustomsSuspension.__table__)
                                      .where(UaCustomsSuspension.case_id.in_(ids)))
        return index_by(rows, ids, "case_id")


class AppealByCaseLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.reader.rows(select(UaCustomsAppeal.__table__)
                                      .where(UaCustomsAppeal.case_id.in_(ids)))
        return index_by(rows, ids, "case_id")
