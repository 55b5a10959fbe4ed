"""Detentions (suspension cases) as COPIS carries them: each with the recordal it
relied on, as its AFA (digest §2.3: COPIS also carries infringement records)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.model import Case
from ipreg.plugins.ukraine.customs.copis.afa import afa_of_recordal
from ipreg.plugins.ukraine.customs.models import (
    UaCustomsRecordal,
    UaCustomsRight,
    UaCustomsSuspension,
)
from ipreg.plugins.ukraine.customs.register import recordal_of_row


async def detentions(session: AsyncSession, case_ids: list[int] | None = None
                     ) -> list[dict[str, Any]]:
    """Every suspension (or those of ``case_ids``) with its recordal's AFA."""
    stmt = (select(UaCustomsSuspension, UaCustomsRecordal, UaCustomsRight, Case)
            .join(UaCustomsRecordal, UaCustomsRecordal.id == UaCustomsSuspension.recordal_id)
            .join(UaCustomsRight, UaCustomsRight.id == UaCustomsSuspension.right_id)
            .join(Case, Case.id == UaCustomsSuspension.case_id)
            .order_by(UaCustomsSuspension.id))
    if case_ids is not None:
        stmt = stmt.where(UaCustomsSuspension.case_id.in_(case_ids))
    out = []
    for suspension, recordal, right, case in (await session.execute(stmt)).all():
        out.append({
            "detention": {
                "case": case.number, "state": case.state, "outcome": suspension.outcome,
                "declaration": suspension.declaration,
                "declarationDate": suspension.declaration_date.isoformat(),
                "declarantIdentifier": suspension.declarant_identifier,
                "customsPost": suspension.customs_post, "goods": suspension.goods,
                "uktzed": suspension.uktzed, "quantity": suspension.quantity,
                "smallConsignment": suspension.small_consignment,
                "registerNumber": right.register_number,
                "openedAt": suspension.opened_at.isoformat()},
            "recordal": afa_of_recordal(recordal_of_row(recordal),
                                        reference=f"UA-{recordal.id}"),
        })
    return out


__all__ = ["detentions"]
