"""Fixtures of the website-list tests: the people of Order 2945 and a driver with
shortcuts. The clock starts on Monday 2 March 2026 (``ipreg_clock``)."""

from __future__ import annotations

from typing import Any

import pytest

from ipreg.core.auth import Grant, Principal
from ipreg.core.model import Case, Party
from ipreg.core.runtime import Runtime
from ipreg.plugins.ukraine.websites import samples
from ipreg.testing import Cast, Clock, ProcedureDriver, person

J = "ua_websites"
APPEAL = "UAW.APPEAL"
EXCLUSION = "UAW.EXCLUSION"
A = "UAW.APPEAL."
X = "UAW.EXCLUSION."


def no_grounds_found(**found: bool) -> list[dict[str, Any]]:
    """A finding on every III.7 ground; ``found`` names those present."""
    return [{"ground": g, "found": found.get(g, False), "note": "перевірено"}
            for g in ("REQUEST_NOT_FULFILLED", "EXCLUDED_PLATFORM_OR_MEDIA",
                      "MORALITY_PUBLIC_ORDER", "AGGRESSOR_LINKED_OR_SANCTIONED",
                      "OTHER_NONCOMPLIANCE")]


def no_refusal_found(**found: bool) -> list[dict[str, Any]]:
    return [{"ground": g, "found": found.get(g, False)}
            for g in ("GROUNDS_NOT_PROVEN", "MORALITY_PUBLIC_ORDER",
                      "AGGRESSOR_LINKED_OR_SANCTIONED")]


class Ua(ProcedureDriver):
    """The cast of Order 2945 and shortcuts through both procedures."""

    def __init__(self, runtime: Runtime, clock: Clock, cast: Cast) -> None:
        super().__init__(runtime, clock, cast)
        self.holder: int = cast.holder_party
        self.representative: Principal = cast.representative
        self.examiner: Principal = cast.examiner
        self.ministry: Principal = cast.ministry

    findings = staticmethod(lambda **found: no_grounds_found(**found))
    refusals = staticmethod(lambda **found: no_refusal_found(**found))

    def owner(self, party_id: int) -> Principal:
        return person(f"user:owner-{party_id}", party_id, Grant("website_owner", J, party_id))

    async def appeal(self, i: int = 0, **kw: Any) -> Case:
        return await self.open(APPEAL, self.representative,
                               {"appeal": samples.appeal(i, self.clock().date(), **kw)})

    async def concluded(self, i: int = 0, **kw: Any) -> Case:
        case = await self.appeal(i, **kw)
        await self.act(case.id, A + "REGISTER", self.examiner)
        return await self.act(case.id, A + "CONCLUDE_PRESENT", self.examiner,
                              {"findings": no_grounds_found()})

    async def listed(self, i: int = 0, **kw: Any) -> Case:
        case = await self.concluded(i, **kw)
        await self.act(case.id, A + "SEND_TO_MINISTRY", self.examiner)
        return await self.act(case.id, A + "INCLUDE", self.ministry,
                              {"wipoAlertUploadedOn": self.clock().date().isoformat()})

    async def exclusion(self, object_id: int, owner: Principal, i: int = 0,
                        **kw: Any) -> Case:
        return await self.open(EXCLUSION, owner, {"application": samples.exclusion(
            i, self.clock().date(), **kw)}, object_id=object_id)

    async def excluded(self, object_id: int, owner: Principal, **kw: Any) -> Case:
        case = await self.exclusion(object_id, owner, **kw)
        await self.act(case.id, X + "NOTIFY_RIGHT_HOLDER", self.examiner)
        await self.act(case.id, X + "EXPLANATIONS", "representative",
                       {"explanations": ["Порушення тривають"]})
        await self.act(case.id, X + "GRANT", self.examiner,
                       {"findings": no_refusal_found(), "grantedGrounds": [
                           kw.get("ground", "REMEDIED")]})
        await self.act(case.id, X + "SEND_TO_MINISTRY", self.examiner)
        return await self.act(case.id, X + "EXCLUDE", self.ministry)


async def ua_cast(runtime: Runtime) -> Cast:
    async with runtime.sessionmaker() as session:
        holder = Party(country="UA", name="ТОВ «Кінокомпанія Світанок»", party_type="legal")
        firm = Party(country="UA", name="Шевченко Андрій Іванович", party_type="natural")
        other = Party(country="GB", name="Northwind Pictures Ltd", party_type="legal")
        session.add_all([holder, firm, other])
        await session.commit()
    return Cast(
        representative=person("user:attorney", firm.id,
                              Grant("representative", J, holder.id),
                              Grant("right_holder", J, holder.id), on_behalf_of=holder.id),
        right_holder=person("user:holder", holder.id, Grant("applicant", J, holder.id),
                            Grant("right_holder", J, holder.id)),
        other_representative=person("user:other-attorney", firm.id,
                                    Grant("representative", J, other.id),
                                    Grant("right_holder", J, other.id),
                                    on_behalf_of=other.id),
        examiner=person("user:examiner", None, Grant("ukrnoivi_examiner", J)),
        ministry=person("user:ministry", None, Grant("ministry_officer", J)),
        stranger_owner=person("user:stranger", None, Grant("website_owner", J)),
        holder_party=holder.id, other_party=other.id)


@pytest.fixture
async def ipreg_cast(ipreg_runtime: Runtime) -> Cast:
    return await ua_cast(ipreg_runtime)


@pytest.fixture
def ipreg_driver(ipreg_runtime: Runtime, ipreg_clock: Clock, ipreg_cast: Cast) -> Ua:
    return Ua(ipreg_runtime, ipreg_clock, ipreg_cast)


@pytest.fixture
def ua(ipreg_driver: Ua) -> Ua:
    return ipreg_driver
