"""ipreg.testing checks what it promises: its contract checks fail where a register breaks
the contract, and its driver acts as the cast in the deployment's terms."""

from __future__ import annotations

from typing import Any

import pytest

from ipreg import hookimpl
from ipreg.core.auth import ANONYMOUS, Grant
from ipreg.core.auth.principal import Principal
from ipreg.core.extension import Jurisdiction
from ipreg.core.model import Party
from ipreg.core.procedures import (
    InputField,
    State,
    Transition,
    TransitionContext,
    build,
)
from ipreg.core.runtime import Runtime
from ipreg.testing import (
    Cast,
    ProcedureDriver,
    anonymous_visibility_walk,
    assert_export_equals_query,
    person,
    refusals_change_nothing,
)

LEAK = "LEAK.001"


async def _writes_then_refuses(ctx: TransitionContext) -> str:
    """A guard with a side effect outside the transition's transaction: a contract breach."""
    async with ctx.engine.runtime.sessionmaker() as other:
        other.add(Party(country="UA", name="written by a refused act"))
        await other.commit()
    return "refused after writing"


async def _crashes(ctx: TransitionContext) -> None:
    raise KeyError("no code, no message: a refusal must be an IpregError")


def _t(code: str, source: set[str], target: str | None, roles: set[str],
       **kw: Any) -> Transition:
    return Transition(code, {"en": code}, frozenset(source), target, frozenset(roles), **kw)


PROCEDURE = build(LEAK, "leaky", {"en": "A procedure breaking the contract"}, states=[
    State("open", {"en": "Open"}), State("done", {"en": "Done"}, final=True)],
    transitions=[
        _t("L.001", set(), "open", {"applicant"}),
        _t("L.002", {"open"}, "done", {"examiner"}, guard=_writes_then_refuses),
        _t("L.003", {"open"}, "done", {"examiner"}, inputs=(InputField("n", "int"),),
           effects=(_crashes,)),
        _t("L.004", {"open"}, "done", {"examiner"}),
    ])


class LeakyPlugin:
    @hookimpl
    def ipreg_register_jurisdictions(self) -> list[Jurisdiction]:
        return [Jurisdiction("leaky", {"en": "Leaky"}, plugin="leaky")]

    @hookimpl
    def ipreg_register_procedures(self) -> list[Any]:
        return [PROCEDURE]


@pytest.fixture
def ipreg_extra_plugins() -> list[tuple[str, Any]]:
    return [("leaky", LeakyPlugin())]


@pytest.fixture
async def ipreg_cast(ipreg_runtime: Runtime) -> Cast:
    async with ipreg_runtime.sessionmaker() as session:
        party = Party(country="UA", name="Applicant")
        session.add(party)
        await session.commit()
    return Cast(applicant=person("user:applicant", party.id, Grant("applicant", "leaky")),
                examiner=person("user:examiner", None, Grant("examiner", "leaky")))


async def test_a_refusal_that_changed_something_fails_the_contract(
        ipreg_driver: ProcedureDriver) -> None:
    case = await ipreg_driver.open(LEAK, "applicant")
    changed = r"L\.002 refused to examiner .* but changed tables\.party: 1 -> 2"
    with pytest.raises(AssertionError, match=changed):
        await refusals_change_nothing(ipreg_driver, case.id, transitions=["L.002"])


async def test_a_refusal_without_an_ipreg_error_fails_the_contract(
        ipreg_driver: ProcedureDriver) -> None:
    case = await ipreg_driver.open(LEAK, "applicant")
    with pytest.raises(AssertionError, match=r"L\.003 as examiner .* KeyError"):
        await refusals_change_nothing(ipreg_driver, case.id, transitions=["L.003"])


async def test_a_walk_of_every_transition_reports_each_attempt_and_keeps_the_state(
        ipreg_driver: ProcedureDriver) -> None:
    case = await ipreg_driver.open(LEAK, "applicant")
    attempts = await refusals_change_nothing(ipreg_driver, case.id,
                                             transitions=["L.001", "L.004"])
    assert {(a.transition, a.who): a.outcome for a in attempts} == {
        ("L.001", "anonymous"): "UNAUTHENTICATED", ("L.001", "applicant"): "INVALID_TRANSITION",
        ("L.001", "examiner"): "FORBIDDEN",
        ("L.004", "anonymous"): "UNAUTHENTICATED", ("L.004", "applicant"): "FORBIDDEN",
        ("L.004", "examiner"): "performed"}
    assert (await ipreg_driver.case(case.id)).state == "open"  # performed, then rolled back


async def test_the_walk_fails_when_anonymous_callers_see_unpublished_objects(
        ipreg_driver: ProcedureDriver, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipreg.core.services.inputs import parse_object
    from ipreg.core.services.objects import create_object

    async with ipreg_driver.runtime.sessionmaker() as session:
        for published in (True, False):
            await create_object(session, parse_object({
                "jurisdiction": "leaky", "kind": "trademark", "name": f"Mark {published}",
                "status": "included", "published": published}))
        await session.commit()
    walk = await anonymous_visibility_walk(ipreg_driver, ["leaky"])
    assert (len(walk.published), len(walk.unpublished)) == (1, 1)
    monkeypatch.setattr(Principal, "can_see_unpublished", lambda self, jurisdiction: True)
    with pytest.raises(AssertionError, match="anonymous ipObjects lists"):
        await anonymous_visibility_walk(ipreg_driver, ["leaky"])


def test_an_export_differing_from_the_query_fails() -> None:
    queried = [{"number": "1", "holders": ["A", "B"]}, {"number": "2", "holders": []}]
    columns = {"No.": "number", "Holders": lambda row: "; ".join(row["holders"])}
    assert_export_equals_query([{"No.": "1", "Holders": "A; B"}, {"No.": "2", "Holders": ""}],
                               queried, columns)
    with pytest.raises(AssertionError, match="row 0, column 'Holders'"):
        assert_export_equals_query([{"No.": "1", "Holders": "A"}, {"No.": "2", "Holders": ""}],
                                   queried, columns)
    with pytest.raises(AssertionError, match="1 rows, the query 2"):
        assert_export_equals_query([{"No.": "1", "Holders": "A; B"}], queried, columns)


async def test_the_driver_acts_as_the_cast_in_the_deployment_s_terms(
        ipreg_driver: ProcedureDriver) -> None:
    assert ipreg_driver.principal("anonymous") is ANONYMOUS
    examiner = ipreg_driver.principal("examiner")
    assert examiner.official_roles == ipreg_driver.runtime.registry.official_roles
    with pytest.raises(KeyError):
        ipreg_driver.principal("nobody")
    case = await ipreg_driver.as_("applicant").open(LEAK)
    done = await ipreg_driver.as_("examiner").act(case.id, "L.004")
    assert done.state == "done"
    assert [(t, actor) for t, _, _, actor in await ipreg_driver.steps(case.id)] == [
        ("L.001", "user:applicant"), ("L.004", "user:examiner")]
    before = ipreg_driver.clock()
    assert ipreg_driver.advance(days=1) - before == __import__("datetime").timedelta(days=1)
    assert ipreg_driver.runtime.clock() == ipreg_driver.clock()
