"""The TransitionContext helpers a register's effects use for limits counted from another
day (``count_from``, ``recount_limit``), for a state that depends on the case (``move_to``)
and for a case the law ties to the act (``perform``): a plugin of their own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipreg import hookimpl
from ipreg.core.auth import Grant
from ipreg.core.errors import InvalidTransition
from ipreg.core.extension import Jurisdiction
from ipreg.core.model import Party
from ipreg.core.procedures import (
    SYSTEM_ROLE,
    InputField,
    State,
    TimeLimit,
    Transition,
    TransitionContext,
    build,
    months,
)
from ipreg.core.runtime import Runtime
from ipreg.testing import Cast, person

J = "ctxland"


def _day(ctx: TransitionContext) -> dt.date:
    return dt.date.fromisoformat(ctx.input["day"])


async def opened(ctx: TransitionContext) -> None:
    ctx.count_from("L", _day(ctx))


async def recounted(ctx: TransitionContext) -> None:
    await ctx.recount_limit("L", _day(ctx), "received that day")


async def moved(ctx: TransitionContext) -> None:
    ctx.move_to(ctx.input["state"])


async def poked(ctx: TransitionContext) -> None:
    await ctx.perform(int(ctx.input["other"]), "CTX.SYS")


def _t(code: str, source: set[str], target: str | None, roles: set[str], **kw: Any
       ) -> Transition:
    return Transition(code, {"en": code}, frozenset(source), target, frozenset(roles), **kw)


PROCEDURE = build("CTX.PRC", J, {"en": "Context helpers"}, states=[
    State("a", {"en": "A"}), State("b", {"en": "B"}), State("c", {"en": "C"})],
    transitions=[
        _t("CTX.OPEN", set(), "a", {"applicant"}, inputs=(InputField("day", "date"),),
           effects=(opened,), starts=("L",)),
        _t("CTX.RECOUNT", {"a", "b"}, None, {"applicant"},
           inputs=(InputField("day", "date"),), effects=(recounted,)),
        _t("CTX.BACK", {"a", "b", "c"}, None, {"applicant"},
           inputs=(InputField("state"),), effects=(moved,)),
        _t("CTX.POKE", {"a"}, None, {"applicant"}, inputs=(InputField("other", "int"),),
           effects=(poked,)),
        _t("CTX.SYS", {"a"}, "b", {SYSTEM_ROLE}),
    ],
    time_limits=[TimeLimit("L", {"en": "L"}, months(2), "Act 1")])


class ContextPlugin:
    @hookimpl
    def ipreg_register_jurisdictions(self) -> list[Jurisdiction]:
        return [Jurisdiction(J, {"en": "Context land"}, plugin="ctx")]

    @hookimpl
    def ipreg_register_procedures(self) -> list[Any]:
        return [PROCEDURE]


@pytest.fixture
def ipreg_extra_plugins() -> list[tuple[str, Any]]:
    return [("ctx", ContextPlugin())]


@pytest.fixture
def ipreg_plugins() -> list[str]:
    return []


@pytest.fixture
async def ipreg_cast(ipreg_runtime: Runtime) -> Cast:
    async with ipreg_runtime.sessionmaker() as session:
        party = Party(country="UA", name="ТОВ Заявник")
        session.add(party)
        await session.commit()
    return Cast(applicant=person("user:a", party.id, Grant("applicant", J, party.id)))


async def test_a_limit_counts_from_the_day_the_effect_names(ipreg_driver) -> None:
    case = await ipreg_driver.open("CTX.PRC", "applicant", {"day": "2026-01-15"})
    deadline = await ipreg_driver.deadline(case.id, "L")
    assert (deadline.starts_on, deadline.due_on) == (dt.date(2026, 1, 15), dt.date(2026, 3, 16))


async def test_a_running_limit_is_counted_again_with_its_history(ipreg_driver) -> None:
    case = await ipreg_driver.open("CTX.PRC", "applicant", {"day": "2026-01-15"})
    await ipreg_driver.act(case.id, "CTX.RECOUNT", "applicant", {"day": "2026-02-02"})
    deadline = await ipreg_driver.deadline(case.id, "L")
    assert deadline.due_on == dt.date(2026, 4, 2)
    assert deadline.history[-1]["action"] == "recounted"
    assert deadline.history[-1]["countedFrom"] == "2026-02-02"


async def test_move_to_a_declared_state_only(ipreg_driver) -> None:
    case = await ipreg_driver.open("CTX.PRC", "applicant", {"day": "2026-01-15"})
    case = await ipreg_driver.act(case.id, "CTX.BACK", "applicant", {"state": "c"})
    assert case.state == "c"
    with pytest.raises(ValueError, match="no state"):
        await ipreg_driver.act(case.id, "CTX.BACK", "applicant", {"state": "z"})
    assert (await ipreg_driver.case(case.id)).state == "c"


async def test_perform_moves_another_case_in_the_same_transaction(ipreg_driver) -> None:
    first = await ipreg_driver.open("CTX.PRC", "applicant", {"day": "2026-01-15"})
    other = await ipreg_driver.open("CTX.PRC", "applicant", {"day": "2026-01-15"})
    await ipreg_driver.act(first.id, "CTX.POKE", "applicant", {"other": other.id})
    assert (await ipreg_driver.case(other.id)).state == "b"
    assert [s[0] for s in await ipreg_driver.steps(other.id)] == ["CTX.OPEN", "CTX.SYS"]
    before = await ipreg_driver.counts()
    with pytest.raises(InvalidTransition):         # the other case is in b now: all undone
        await ipreg_driver.act(first.id, "CTX.POKE", "applicant", {"other": other.id})
    assert await ipreg_driver.counts() == before
