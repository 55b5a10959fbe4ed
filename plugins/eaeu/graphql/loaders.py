"""DataLoaders of the EAEU types: one statement per relation for a whole page of entries.

Documents (table 3) and the rich data of parties (tables 4-6, T2 9) live in core
tables: their loaders are the core's (:mod:`ipreg.schema.loaders`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select

from ipreg.core.model import Case, Goods, GoodsCode, NiceClass, PartyVersion, StoredFile
from ipreg.core.services.parties import as_of_moment, items_as_of
from ipreg.plugins.eaeu.models import (
    EaeuBorderCrossing,
    EaeuCaseObject,
    EaeuCcaMessage,
    EaeuCustomsPlace,
    EaeuEntry,
    EaeuFeatureFile,
    EaeuGoodsDetail,
    EaeuGoodsFeature,
    EaeuLogistics,
    EaeuProtectionPeriod,
    EaeuReviewResult,
    EaeuRoute,
    EaeuRoutePoint,
    EaeuTransportFeature,
    EaeuTurnover,
    EaeuTurnoverParty,
)
from ipreg.schema.loaders import FILE_COLUMNS, BaseLoader, group_by, index_by


class EntryByObjectLoader(BaseLoader):
    """``eaeu_entry`` rows (T1 1, 2, 5.1, 5.8, 9) by object id."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.reader.rows(select(EaeuEntry.__table__)
                                      .where(EaeuEntry.object_id.in_(ids)))
        return index_by(rows, ids, "object_id")


class PeriodsByObjectLoader(BaseLoader):
    """T1 5.9 protection periods by object id, in order."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(
            select(EaeuProtectionPeriod.__table__)
            .where(EaeuProtectionPeriod.object_id.in_(ids))
            .order_by(EaeuProtectionPeriod.object_id, EaeuProtectionPeriod.seq))
        return group_by(rows, ids, "object_id")


class GoodsByObjectLoader(BaseLoader):
    """T1 6: goods with 6.2 codes, 6.3 Nice classes (with names) and 6.5, by object id."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[dict[str, Any]]]:
        goods = await self.reader.rows(
            select(Goods.id, Goods.object_id, Goods.position, Goods.description,
                   EaeuGoodsDetail.exemption_circumstances)
            .outerjoin(EaeuGoodsDetail, EaeuGoodsDetail.goods_id == Goods.id)
            .where(Goods.object_id.in_(ids)).order_by(Goods.object_id, Goods.position))
        goods_ids = [g.id for g in goods]
        codes: dict[int, list[str]] = defaultdict(list)
        nice: dict[int, list[tuple[int, str | None]]] = defaultdict(list)
        if goods_ids:
            for row in await self.reader.rows(
                    select(GoodsCode.goods_id, GoodsCode.code)
                    .where(GoodsCode.goods_id.in_(goods_ids)).order_by(GoodsCode.id)):
                codes[row.goods_id].append(row.code)
            for row in await self.reader.rows(
                    select(NiceClass.goods_id, NiceClass.number, NiceClass.name)
                    .where(NiceClass.goods_id.in_(goods_ids)).order_by(NiceClass.number)):
                nice[row.goods_id].append((row.number, row.name))
        out: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for g in goods:
            out[g.object_id].append({
                "id": g.id, "position": g.position, "description": g.description,
                "codes": codes[g.id], "nice": nice[g.id],
                "exemption": g.exemption_circumstances})
        return [out.get(i, []) for i in ids]


class TurnoverByObjectLoader(BaseLoader):
    """T1 6.4 with tables 7-10, as nested dicts, by object id (ten statements a batch)."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[dict[str, Any]]]:
        rd = self.reader.rows
        turnovers = await rd(select(EaeuTurnover.__table__)
                             .where(EaeuTurnover.object_id.in_(ids))
                             .order_by(EaeuTurnover.goods_id, EaeuTurnover.legality.desc()))
        t_ids = [t.id for t in turnovers]
        if not t_ids:
            return [[] for _ in ids]
        parties = await rd(select(EaeuTurnoverParty.__table__)
                           .where(EaeuTurnoverParty.turnover_id.in_(t_ids))
                           .order_by(EaeuTurnoverParty.position))
        logistics = await rd(select(EaeuLogistics.__table__)
                             .where(EaeuLogistics.turnover_id.in_(t_ids))
                             .order_by(EaeuLogistics.position))
        l_ids = [x.id for x in logistics] or [-1]
        routes = await rd(select(EaeuRoute.__table__).where(EaeuRoute.logistics_id.in_(l_ids))
                          .order_by(EaeuRoute.position))
        r_ids = [x.id for x in routes] or [-1]
        points = await rd(select(EaeuRoutePoint.__table__)
                          .where(EaeuRoutePoint.route_id.in_(r_ids))
                          .order_by(EaeuRoutePoint.seq))
        crossings = await rd(select(EaeuBorderCrossing.__table__)
                             .where(EaeuBorderCrossing.logistics_id.in_(l_ids))
                             .order_by(EaeuBorderCrossing.position))
        places = await rd(select(EaeuCustomsPlace.__table__)
                          .where(EaeuCustomsPlace.logistics_id.in_(l_ids))
                          .order_by(EaeuCustomsPlace.position))
        features = await rd(select(EaeuGoodsFeature.__table__)
                            .where(EaeuGoodsFeature.turnover_id.in_(t_ids))
                            .order_by(EaeuGoodsFeature.position))
        f_ids = [x.id for x in features] or [-1]
        transport = await rd(select(EaeuTransportFeature.__table__)
                             .where(EaeuTransportFeature.feature_id.in_(f_ids))
                             .order_by(EaeuTransportFeature.position))
        files = await rd(select(EaeuFeatureFile.__table__, *FILE_COLUMNS)
                         .join(StoredFile, StoredFile.sha256 == EaeuFeatureFile.file_sha256)
                         .where(EaeuFeatureFile.feature_id.in_(f_ids))
                         .order_by(EaeuFeatureFile.position))

        def by(rows: Sequence[Any], key: str) -> dict[int, list[Any]]:
            out: dict[int, list[Any]] = defaultdict(list)
            for row in rows:
                out[getattr(row, key)].append(row)
            return out

        parties_of, logistics_of = by(parties, "turnover_id"), by(logistics, "turnover_id")
        routes_of, points_of = by(routes, "logistics_id"), by(points, "route_id")
        crossings_of, places_of = by(crossings, "logistics_id"), by(places, "logistics_id")
        features_of, transport_of = by(features, "turnover_id"), by(transport, "feature_id")
        feature_files = by([f for f in files if f.transport_id is None], "feature_id")
        transport_files = by([f for f in files if f.transport_id is not None], "transport_id")
        out: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for t in turnovers:
            out[t.object_id].append({
                "row": t,
                "parties": parties_of[t.id],
                "logistics": [{
                    "routes": [points_of[r.id] for r in routes_of[lg.id]],
                    "crossings": crossings_of[lg.id],
                    "places": places_of[lg.id],
                } for lg in logistics_of[t.id]],
                "features": [{
                    "row": f,
                    "files": feature_files[f.id],
                    "transport": [(tr, transport_files[tr.id]) for tr in transport_of[f.id]],
                } for f in features_of[t.id]],
            })
        return [out.get(i, []) for i in ids]


class CasesByObjectLoader(BaseLoader):
    """Cases concerning an object: its PRC.001 application and PRC.002-007 cases."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        declared = select(EaeuCaseObject.case_id).where(EaeuCaseObject.object_id.in_(ids))
        rows = await self.reader.rows(
            select(Case.__table__, EaeuCaseObject.object_id.label("declared_object"))
            .outerjoin(EaeuCaseObject, EaeuCaseObject.case_id == Case.id)
            .where(Case.jurisdiction == "eaeu",
                   or_(Case.object_id.in_(ids), Case.id.in_(declared)))
            .order_by(Case.id))
        out: dict[int, dict[int, Any]] = defaultdict(dict)
        for row in rows:
            for key in {row.object_id, row.declared_object} - {None}:
                out[key][row.id] = row
        return [list(out.get(i, {}).values()) for i in ids]


class CaseObjectsLoader(BaseLoader):
    """Objects declared in a PRC.001 case, by case id."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[int]]:
        rows = await self.reader.rows(
            select(EaeuCaseObject.case_id, EaeuCaseObject.object_id)
            .where(EaeuCaseObject.case_id.in_(ids)).order_by(EaeuCaseObject.position))
        return [[r.object_id for r in group] for group in group_by(rows, ids, "case_id")]


class ReviewResultsByCaseLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(
            select(EaeuReviewResult.__table__).where(EaeuReviewResult.case_id.in_(ids))
            .order_by(EaeuReviewResult.country, EaeuReviewResult.object_id))
        return group_by(rows, ids, "case_id")


class MessagesByCaseLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Any]]:
        rows = await self.reader.rows(
            select(EaeuCcaMessage.__table__).where(EaeuCcaMessage.case_id.in_(ids))
            .order_by(EaeuCcaMessage.id))
        return group_by(rows, ids, "case_id")


class PartyAsOfLoader(BaseLoader):
    """The table 2 items a party had at the end of a day, by ``(party id, day)``
    (``party_version``); ``None`` where they are the present ones."""

    async def batch_load_fn(self, keys: Sequence[tuple[int, Any]]) -> list[Any]:
        rows = await self.reader.rows(select(PartyVersion.__table__).where(
            PartyVersion.party_id.in_(sorted({party for party, _ in keys}))))
        by_party: dict[int, list[Any]] = defaultdict(list)
        for row in rows:
            by_party[row.party_id].append(row)
        return [items_as_of(by_party[party], as_of_moment(day)) for party, day in keys]
