"""Fixtures of the EAEU plugin tests: a runtime with a clock, the cast of principals, helpers."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select
from support import Clock

from ipreg.core.auth import ANONYMOUS, Grant, Principal
from ipreg.core.config import Settings
from ipreg.core.model import Case, CaseDeadline, Notification, Party
from ipreg.core.runtime import Runtime
from ipreg.plugins.eaeu import samples
from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES
from ipreg.plugins.eaeu.store import authorities


@pytest.fixture
def clock() -> Clock:
    # Monday 2 March 2026, 11:00 in Moscow
    return Clock(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC))


@pytest.fixture
async def rt(database_url: str, clock: Clock) -> AsyncIterator[Runtime]:
    runtime = Runtime.create(Settings.from_env(database_url=database_url, plugins=None))
    runtime.clock = clock
    yield runtime
    await runtime.close()


@dataclass
class Eaeu:
    """The cast of an EAEU case and shortcuts to drive the engine."""

    rt: Runtime
    holder: int
    other_holder: int
    representative_firm: int
    applicant: Principal
    representative: Principal
    stranger: Principal
    commission: Principal
    ccas: dict[str, Principal]
    authority: dict[str, int]
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    _schema: Any = None

    def form(self, i: int = 0, **kw: Any) -> dict[str, Any]:
        kw.setdefault("holder", self.holder)
        kw.setdefault("representative", None)
        return samples.form(i, self.rng, **kw)

    async def open(self, procedure: str, who: Principal, data: dict[str, Any] | None = None,
                   **kw: Any) -> Case:
        async with self.rt.sessionmaker() as session:
            case, _ = await self.rt.procedures.open_case(session, procedure, who, data, **kw)
            await session.commit()
            return case

    async def act(self, case_id: int, code: str, who: Principal,
                  data: dict[str, Any] | None = None, **kw: Any) -> Case:
        async with self.rt.sessionmaker() as session:
            case, _ = await self.rt.procedures.perform(session, case_id, code, who, data, **kw)
            await session.commit()
            return case

    async def case(self, case_id: int) -> Case:
        async with self.rt.sessionmaker() as session:
            case = await session.get(Case, case_id)
            assert case is not None
            return case

    async def notices(self, case_id: int) -> list[tuple[str, int | None, str | None]]:
        async with self.rt.sessionmaker() as session:
            rows = await session.execute(
                select(Notification.kind, Notification.addressee_id, Notification.addressee_role)
                .where(Notification.case_id == case_id).order_by(Notification.id))
            return [tuple(r) for r in rows]  # type: ignore[misc]

    async def deadline(self, case_id: int, code: str) -> CaseDeadline:
        async with self.rt.sessionmaker() as session:
            rows = await self.rt.procedures.deadlines(session, case_id, code)
            return rows[-1]

    async def gql(self, query: str, variables: dict[str, Any] | None = None,
                  viewer: Principal = ANONYMOUS) -> dict[str, Any]:
        """Execute a GraphQL document as ``viewer``; returns ``{data, errors}`` as JSON."""
        from ipreg.schema.build import build_schema
        from ipreg.schema.context import Context
        from ipreg.schema.errors import format_error
        from ipreg.schema.reader import Reader

        if self._schema is None:
            self._schema = build_schema(self.rt.registry, self.rt.settings)
        reader = Reader(self.rt.engine)
        try:
            result = await self._schema.execute(
                query, variable_values=variables,
                context_value=Context(runtime=self.rt, reader=reader, viewer=viewer))
        finally:
            await reader.close()
        out: dict[str, Any] = {"data": result.data}
        if result.errors:
            out["errors"] = [format_error(e) for e in result.errors]
        return out

    async def data(self, query: str, variables: dict[str, Any] | None = None,
                   viewer: Principal = ANONYMOUS) -> dict[str, Any]:
        result = await self.gql(query, variables, viewer)
        assert "errors" not in result, result["errors"]
        data: dict[str, Any] = result["data"]
        return data

    async def all_verify(self, case_id: int, objects: list[int], result: str = "possible",
                         states: tuple[str, ...] = MEMBER_STATE_CODES) -> None:
        for country in states:
            await self.act(case_id, "P.SP.01.OPR.007", self.ccas[country],
                           {"memberState": country})
            await self.act(case_id, "P.SP.01.OPR.013", self.ccas[country], {
                "memberState": country,
                "results": [{"objectId": o, "result": result,
                             "grounds": "Товарный знак не зарегистрирован" if result == "refused"
                             else None} for o in objects]})

    async def include(self, i: int = 0, **form_kw: Any) -> tuple[Case, list[int]]:
        """Drive a fresh application to inclusion; return the case and its object ids."""
        case = await self.open("P.SP.01.PRC.001", self.applicant,
                               {"forms": [self.form(i, **form_kw)]})
        objects = list(case.data["objects"])
        await self.act(case.id, "P.SP.01.OPR.004", self.commission)
        await self.act(case.id, "P.SP.01.OPR.006", self.commission)
        await self.all_verify(case.id, objects)
        await self.act(case.id, "P.SP.01.OPR.018", self.commission)
        await self.act(case.id, "P.SP.01.OPR.019.SECURITY", self.applicant,
                       {"security": {"kind": "insurance_contract", "number": "СТР-1",
                                     "amount": "500000", "currency": "RUB"}})
        case = await self.act(case.id, "P.SP.01.OPR.021", self.commission)
        return case, objects


def _person(subject: str, party: int | None, *grants: Grant,
            on_behalf_of: int | None = None) -> Principal:
    return Principal(kind="user", subject=subject, party_id=party, on_behalf_of=on_behalf_of,
                     grants=frozenset(grants))


@pytest.fixture
async def eaeu(rt: Runtime) -> Eaeu:
    async with rt.sessionmaker() as session:
        rng = random.Random(1)
        from ipreg.plugins.eaeu.forms import FormParser
        from ipreg.plugins.eaeu.store import new_party

        parser = FormParser()
        holder = new_party(parser.party(samples.holder_party(0, rng), "h") or _fail())
        other = new_party(parser.party(samples.holder_party(2, rng), "o") or _fail())
        firm = new_party(parser.party(samples.representative_party(0, rng), "r") or _fail())
        session.add_all([holder, other, firm])
        await session.flush()
        found = await authorities(session)
        await session.commit()
    ccas = {country: _person(f"user:cca-{country.lower()}", party,
                             Grant("authorized_body", "eaeu", party))
            for country, party in found.items()}
    return Eaeu(
        rt=rt, holder=holder.id, other_holder=other.id, representative_firm=firm.id,
        applicant=_person("user:holder", holder.id, Grant("applicant", "eaeu", holder.id)),
        representative=_person("user:attorney", firm.id,
                               Grant("representative", "eaeu", holder.id),
                               on_behalf_of=holder.id),
        stranger=_person("user:other", other.id, Grant("applicant", "eaeu", other.id)),
        commission=_person("user:eec", None, Grant("commission_official", "eaeu")),
        ccas=ccas, authority=found)


def _fail() -> Any:
    raise AssertionError("sample party does not parse")


@pytest.fixture
def anonymous() -> Principal:
    return ANONYMOUS


__all__ = ["Eaeu", "Party"]
