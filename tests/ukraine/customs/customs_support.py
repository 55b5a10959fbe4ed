"""What the customs-register tests share: the cast of every role and a driver that acts
through GraphQL (``uaCustomsOpenCase`` / ``uaCustomsPerform``).

The clock starts on Monday 2 March 2026 (``ipreg_clock``), a Kyiv working day.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from ipreg.core.auth import Grant
from ipreg.core.model import AuditRecord as Audit
from ipreg.core.model import Case, Notification, Party
from ipreg.core.runtime import Runtime
from ipreg.plugins.ukraine.customs import samples
from ipreg.testing import Cast, ProcedureDriver, person

OPEN = """mutation($act: UaCustomsOpeningActInput!) {
  uaCustomsOpenCase(act: $act) { case { id number state version } } }"""
PERFORM = """mutation($id: ID!, $act: UaCustomsActInput!) {
  uaCustomsPerform(caseId: $id, act: $act) { case { id number state version } } }"""


class Customs(ProcedureDriver):
    """The cast of the customs register and shortcuts through GraphQL."""

    #: The stored product photo: its sha256, and its ``File`` global id (GraphQL).
    sha: str = ""
    photo: str = ""

    def form(self, k: int = 0, **kw: Any) -> dict[str, Any]:
        kw.setdefault("today", self.clock.now.date())
        return samples.recordal_form(k, self.photo, **kw)

    async def open_gql(self, who: str, act: dict[str, Any]) -> dict[str, Any]:
        answer = await self.gql(OPEN, {"act": act}, who)
        if answer.get("errors"):
            raise GraphQLError(answer["errors"])
        return dict(answer["data"]["uaCustomsOpenCase"]["case"])

    async def act_gql(self, who: str, case_gid: str, act: dict[str, Any]) -> dict[str, Any]:
        answer = await self.gql(PERFORM, {"id": case_gid, "act": act}, who)
        if answer.get("errors"):
            raise GraphQLError(answer["errors"])
        return dict(answer["data"]["uaCustomsPerform"]["case"])

    async def file(self, k: int = 0, who: str = "holder", **kw: Any) -> dict[str, Any]:
        return await self.open_gql(who, {"rec01": {"recordal": self.form(k, **kw)}})

    async def registered(self, k: int = 0, who: str = "holder", **kw: Any) -> dict[str, Any]:
        case = await self.file(k, who, **kw)
        return await self.act_gql("registrar", case["id"], {"rec03": True})

    async def db_case(self, gid: str) -> Case:
        return await self.case(database_id(gid))

    async def audit_actions(self, case_id: int) -> list[str]:
        from sqlalchemy import select

        async with self.runtime.sessionmaker() as session:
            rows = await session.execute(select(Audit.action).where(
                Audit.entity == "case", Audit.entity_id == str(case_id)).order_by(Audit.seq))
            return list(rows.scalars())

    async def notice_days(self, case_id: int, kind: str) -> list[tuple[int | None, str | None,
                                                                        dt.date]]:
        from sqlalchemy import select

        async with self.runtime.sessionmaker() as session:
            rows = await session.execute(select(
                Notification.addressee_id, Notification.addressee_role,
                Notification.created_at).where(Notification.case_id == case_id,
                                               Notification.kind == kind)
                .order_by(Notification.id))
            return [(a, r, c.date()) for a, r, c in rows]


class GraphQLError(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors[0]["message"])
        self.errors = errors
        self.code = errors[0].get("extensions", {}).get("code")
        self.problems = errors[0].get("extensions", {}).get("problems", [])


def database_id(gid: str) -> int:
    return int(base64.b64decode(gid).decode().split(":", 1)[1])


async def customs_cast(runtime: Runtime) -> Cast:
    """Every actor (issue 18): the right holder and its representative, another holder,
    an authorised operator (official importer), a customs officer, the head of the
    customs authority and the register official."""
    holder_form = samples.holder_data(0).party_form()
    other_form = samples.holder_data(1).party_form()
    operator = samples.operator_party(0)
    async with runtime.sessionmaker() as session:
        holder = Party(party_type="legal", country="UA", name=holder_form.name,
                       taxpayer_id=holder_form.taxpayer_id)
        other = Party(party_type="legal", country="UA", name=other_form.name,
                      taxpayer_id=other_form.taxpayer_id)
        op = Party(party_type="legal", country="UA", name=operator["name"],
                   taxpayer_id=operator["edrpou"])
        firm = Party(party_type="legal", country="UA", name="ТОВ «Бренд Протекшн»",
                     taxpayer_id=samples.edrpou("4205518"))
        session.add_all([holder, other, op, firm])
        await session.commit()
    j = "ua_customs"
    return Cast(
        holder=person("user:holder", holder.id, Grant("applicant", j, holder.id)),
        representative=person("user:attorney", firm.id, Grant("representative", j, holder.id),
                              on_behalf_of=holder.id),
        stranger=person("user:other", other.id, Grant("applicant", j, other.id)),
        operator=person("user:importer", op.id, Grant("ua_customs_operator", j, op.id)),
        officer=person("user:officer", None, Grant("ua_customs_officer", j)),
        head=person("user:head", None, Grant("ua_customs_head", j)),
        registrar=person("user:registrar", None, Grant("ua_customs_registrar", j)),
        holder_party=holder.id, other_party=other.id, operator_party=op.id)
