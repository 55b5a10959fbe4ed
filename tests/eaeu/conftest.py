"""Fixtures of the EAEU plugin tests: a runtime with a clock, the cast of principals, helpers.

The ``ipreg`` pytest plugin does the work: ``ipreg_cast`` is the EAEU cast, and
:class:`Eaeu` is its :class:`~ipreg.testing.ProcedureDriver` with the shortcuts of
these tests (sample forms, verification by every member state, a whole inclusion).
The clock starts on Monday 2 March 2026, 11:00 in Moscow (``ipreg_clock``).
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from ipreg.core.auth import ANONYMOUS, Grant, Principal
from ipreg.core.model import Case, Party
from ipreg.core.runtime import Runtime
from ipreg.plugins.eaeu import samples
from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES
from ipreg.plugins.eaeu.store import authorities
from ipreg.testing import Cast, Clock, ProcedureDriver, person


class Eaeu(ProcedureDriver):
    """The cast of an EAEU case and shortcuts to drive the engine."""

    def __init__(self, runtime: Runtime, clock: Clock, cast: Cast) -> None:
        super().__init__(runtime, clock, cast)
        self.holder: int = cast.holder_party
        self.other_holder: int = cast.other_holder_party
        self.representative_firm: int = cast.representative_party
        self.applicant: Principal = cast.applicant
        self.representative: Principal = cast.representative
        self.stranger: Principal = cast.stranger
        self.commission: Principal = cast.commission
        self.ccas: dict[str, Principal] = {c: cast[f"cca_{c.lower()}"]
                                           for c in MEMBER_STATE_CODES}
        self.authority: dict[str, int] = cast.authorities
        self.rng = random.Random(7)

    def form(self, i: int = 0, **kw: Any) -> dict[str, Any]:
        kw.setdefault("holder", self.holder)
        kw.setdefault("representative", None)
        return samples.form(i, self.rng, **kw)

    async def all_verify(self, case_id: int, objects: list[int], result: str = "possible",
                         states: tuple[str, ...] = MEMBER_STATE_CODES) -> None:
        for country in states:
            await self.act(case_id, "P.SP.01.OPR.007", self.ccas[country],
                           {"memberState": country})
            await self.act(case_id, "P.SP.01.OPR.013", self.ccas[country], {
                "memberState": country,
                "results": [{"objectId": samples.entry_id(o), "result": result,
                             "grounds": "Товарный знак не зарегистрирован" if result == "refused"
                             else None} for o in objects]})

    async def include(self, i: int = 0, **form_kw: Any) -> tuple[Case, list[int]]:
        """Drive a fresh application to inclusion; return the case and its object ids."""
        case = await self.open("P.SP.01.PRC.001", self.applicant,
                               {"forms": [self.form(i, **form_kw)]})
        return await self.drive_to_inclusion(case.id), list(case.data["objects"])

    async def drive_to_inclusion(self, case_id: int) -> Case:
        """Drive a filed application (P.SP.01.OPR.001 done) to inclusion (OPR.021): the
        completeness decision, dispatch, a possibility from every member state, the security."""
        objects = list((await self.case(case_id)).data["objects"])
        await self.act(case_id, "P.SP.01.OPR.004", self.commission)
        await self.act(case_id, "P.SP.01.OPR.006", self.commission)
        await self.all_verify(case_id, objects)
        await self.act(case_id, "P.SP.01.OPR.018", self.commission)
        await self.act(case_id, "P.SP.01.OPR.019.SECURITY", self.applicant,
                       {"security": {"kind": "insurance_contract", "number": "СТР-1",
                                     "amount": "500000", "currency": "RUB"}})
        return await self.act(case_id, "P.SP.01.OPR.021", self.commission)


async def eaeu_cast(runtime: Runtime) -> Cast:
    """The people of R174 p.10: a right holder and its patent attorney, another holder,
    the Commission's official and the authorized body of each member state."""
    async with runtime.sessionmaker() as session:
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
    ccas = {f"cca_{country.lower()}": person(f"user:cca-{country.lower()}", party,
                                             Grant("authorized_body", "eaeu", party))
            for country, party in found.items()}
    return Cast(
        applicant=person("user:holder", holder.id, Grant("applicant", "eaeu", holder.id)),
        representative=person("user:attorney", firm.id,
                              Grant("representative", "eaeu", holder.id),
                              on_behalf_of=holder.id),
        stranger=person("user:other", other.id, Grant("applicant", "eaeu", other.id)),
        commission=person("user:eec", None, Grant("commission_official", "eaeu")),
        **ccas,
        holder_party=holder.id, other_holder_party=other.id, representative_party=firm.id,
        authorities=found)


@pytest.fixture
async def ipreg_cast(ipreg_runtime: Runtime) -> Cast:
    """The cast of the EAEU tests (:func:`eaeu_cast`)."""
    return await eaeu_cast(ipreg_runtime)


async def new_driver(runtime: Runtime, clock: Clock) -> Eaeu:
    """An :class:`Eaeu` driver with its cast over ``runtime`` (for a fixture of a wider
    scope than the test's, which cannot use the function-scoped ones)."""
    return Eaeu(runtime, clock, await eaeu_cast(runtime))


@pytest.fixture(scope="session")
def eaeu_driver_of() -> Callable[[Runtime, Clock], Awaitable[Eaeu]]:
    """:func:`new_driver`, for module-scoped fixtures (a conftest is not imported)."""
    return new_driver


@pytest.fixture
def ipreg_driver(ipreg_runtime: Runtime, ipreg_clock: Clock, ipreg_cast: Cast) -> Eaeu:
    """The driver of the contract tests is the EAEU one, shortcuts included."""
    return Eaeu(ipreg_runtime, ipreg_clock, ipreg_cast)


@pytest.fixture
def eaeu(ipreg_driver: Eaeu) -> Eaeu:
    return ipreg_driver


def _fail() -> Any:
    raise AssertionError("sample party does not parse")


@pytest.fixture
def anonymous() -> Principal:
    return ANONYMOUS


__all__ = ["Eaeu", "Party"]
