"""Contract tests every register inherits, and the checks they are made of.

* :func:`refusals_change_nothing`: every declared transition of a case's
  procedure, attempted by every member of the cast (and an anonymous caller)
  from the case's state; every refusal must be an :class:`IpregError` and leave
  the database exactly as it was (row counts and versions of every table, the
  case, its time limits).
* :func:`anonymous_visibility_walk`: an anonymous caller lists and fetches
  exactly the published IP objects of the register, and no case.
* :func:`assert_export_equals_query`: an export (CSV route) holds the rows a
  GraphQL query shows, in the same order.

:class:`ProcedureContract` runs the first check, and declaration checks, as test
methods a plugin's test class inherits (as NetBox's ``APIViewTestCases`` do)::

    class TestExamination(ProcedureContract):
        procedure = "TEST.PRC.001"
        inputs = {"T.004": {"decisionNumber": "7"}}

        async def scenes(self, driver):
            filed = await driver.open(self.procedure, "applicant", {"name": "Sunny"})
            return [filed.id]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from sqlalchemy import select
from strawberry import relay

from ipreg.core.auth import ANONYMOUS, Principal
from ipreg.core.errors import IpregError
from ipreg.core.model import Case, IPObject
from ipreg.core.procedures import SYSTEM_ROLE, Transition
from ipreg.testing.procedures import ProcedureDriver

#: A value of each input type, for attempts that should get past the input check.
_SAMPLE_VALUES: dict[str, Callable[[dt.date], Any]] = {
    "string": lambda today: "x",
    "int": lambda today: 1,
    "date": lambda today: today.isoformat(),
    "bool": lambda today: True,
    "id": lambda today: 1,
    "json": lambda today: {},
    "list": lambda today: ["x"],
}


def sample_input(transition: Transition, today: dt.date) -> dict[str, Any]:
    """A value for each required input of ``transition`` (so attempts reach its guard)."""
    return {f.name: _SAMPLE_VALUES[f.type](today) for f in transition.inputs if f.required}


@dataclass(frozen=True)
class Attempt:
    """One transition attempted by one principal: ``performed`` or the refusal's code."""

    transition: str
    who: str
    outcome: str
    message: str = ""

    @property
    def refused(self) -> bool:
        return self.outcome != "performed"


async def refusals_change_nothing(
    driver: ProcedureDriver,
    case_id: int,
    *,
    who: Mapping[str, Principal] | None = None,
    inputs: Mapping[str, Mapping[str, Any]] | None = None,
    transitions: Iterable[str] | None = None,
) -> list[Attempt]:
    """Attempt every transition of the case's procedure as everyone; check each refusal.

    ``who`` defaults to an anonymous caller and every principal of the driver's cast;
    ``inputs`` gives the input of a transition by code (default: a sample value for
    each required input); ``transitions`` restricts which are attempted. Performed
    attempts are rolled back, so every attempt starts from the same state. Fails the
    test (``AssertionError``) when a refusal changed something or was not an
    ``IpregError``; returns every attempt, for further assertions.
    """
    case = await driver.case(case_id)
    procedure = driver.procedure(case.procedure)
    people = dict(who) if who is not None else {"anonymous": ANONYMOUS,
                                                 **driver.cast.principals()}
    codes = list(transitions) if transitions is not None else list(procedure.transitions)
    today = driver.runtime.procedures.calendar(procedure.jurisdiction).today(driver.clock())
    attempts: list[Attempt] = []
    for code in codes:
        transition = procedure.transitions[code]
        given = (inputs or {}).get(code)
        data = dict(given) if given is not None else sample_input(transition, today)
        for name, principal in people.items():
            before = await driver.snapshot(case_id)
            try:
                await driver.attempt(case_id, code, principal, data)
            except IpregError as error:
                after = await driver.snapshot(case_id)
                if after != before:
                    raise AssertionError(
                        f"{code} refused to {name} ({error.code}: {error.message}) but changed "
                        f"{_changes(before, after)}") from error
                attempts.append(Attempt(code, name, error.code, error.message))
            except Exception as error:  # a refusal must say why, with a code
                raise AssertionError(
                    f"{code} as {name} in state {case.state!r} failed with "
                    f"{type(error).__name__}: {error} (refusals must be IpregErrors)") from error
            else:
                attempts.append(Attempt(code, name, "performed"))
    return attempts


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    out = []
    for key in before:
        if before[key] == after[key]:
            continue
        if isinstance(before[key], Mapping):
            out += [f"{key}.{k}: {before[key].get(k)!r} -> {after[key].get(k)!r}"
                    for k in sorted(set(before[key]) | set(after[key]))
                    if before[key].get(k) != after[key].get(k)]
        else:
            out.append(f"{key}: {before[key]!r} -> {after[key]!r}")
    return "; ".join(out)


# ---------------------------------------------------------------- what anonymous callers see


@dataclass
class VisibilityWalk:
    """What :func:`anonymous_visibility_walk` walked."""

    published: set[int] = field(default_factory=set)
    unpublished: set[int] = field(default_factory=set)
    cases: set[int] = field(default_factory=set)


_LIST = """query($after: String, $first: Int) {
  ipObjects(first: $first, after: $after) {
    edges { node { id jurisdiction } } pageInfo { hasNextPage endCursor }
  }
}"""
_NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
#: How a refusal to show something may answer, besides ``null``.
_HIDDEN = {"UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"}


async def anonymous_visibility_walk(
    driver: ProcedureDriver,
    jurisdictions: Iterable[str],
    *,
    queries: Sequence[tuple[str, Callable[[dict[str, Any]], Iterable[int]]]] = (),
) -> VisibilityWalk:
    """Walk the register as an anonymous caller; fail on anything not published.

    Every IP object of ``jurisdictions`` is fetched by id: the published ones are
    there, the others are ``null``; the ``ipObjects`` list holds exactly the
    published ones; every case of the jurisdictions is ``null`` by id, and
    listing cases asks to log in. ``queries`` adds the register's own lists: a
    GraphQL document and a function giving the database ids of the IP objects in
    its ``data``; every one of them must be published. Returns what was walked,
    so a test can check the walk covered something.
    """
    wanted = set(jurisdictions)
    walk = VisibilityWalk()
    async with driver.runtime.sessionmaker() as session:
        for object_id, published in await session.execute(
                select(IPObject.id, IPObject.published)
                .where(IPObject.jurisdiction.in_(wanted))):
            (walk.published if published else walk.unpublished).add(object_id)
        walk.cases = set((await session.execute(
            select(Case.id).where(Case.jurisdiction.in_(wanted)))).scalars())

    listed: set[int] = set()
    after: str | None = None
    page = driver.runtime.settings.max_page_size
    while True:
        found = (await driver.data(_LIST, {"after": after, "first": page}))["ipObjects"]
        listed |= set(database_ids(e["node"] for e in found["edges"]
                                   if e["node"]["jurisdiction"] in wanted))
        if not found["pageInfo"]["hasNextPage"]:
            break
        after = found["pageInfo"]["endCursor"]
    assert listed == walk.published, (
        f"anonymous ipObjects lists {sorted(listed - walk.published)} unpublished and misses "
        f"{sorted(walk.published - listed)} published")

    for type_name, ids, visible in (("IPObject", walk.published, True),
                                    ("IPObject", walk.unpublished, False),
                                    ("Case", walk.cases, False)):
        ordered = sorted(ids)
        for start in range(0, len(ordered), page):
            chunk = ordered[start:start + page]
            result = await driver.gql(
                _NODES, {"ids": [str(relay.GlobalID(type_name, str(i))) for i in chunk]})
            codes = {e.get("extensions", {}).get("code") for e in result.get("errors", [])}
            assert not codes or (not visible and codes <= _HIDDEN), (
                f"anonymous node({type_name}) answered {result['errors']}")
            nodes = (result.get("data") or {}).get("nodes") or [None] * len(chunk)
            shown = [i for i, node in zip(chunk, nodes, strict=True) if node is not None]
            expected = chunk if visible else []
            assert shown == expected, (
                f"anonymous node({type_name}) shows {sorted(set(shown) - set(expected))} and "
                f"hides {sorted(set(expected) - set(shown))}")

    refused = await driver.gql("{ cases { totalCount } }")
    answered = [e.get("extensions", {}).get("code") for e in refused.get("errors", [])]
    assert answered == ["UNAUTHENTICATED"], f"anonymous cases answered {refused}"

    for query, object_ids in queries:
        shown_ids = set(object_ids(await driver.data(query)))
        hidden = shown_ids - walk.published
        assert not hidden, f"anonymous {query!r} shows unpublished objects {sorted(hidden)}"
    return walk


def database_ids(nodes: Iterable[Mapping[str, Any]]) -> list[int]:
    """The database ids of GraphQL nodes, from their ``id`` (a relay global id)."""
    return [int(relay.GlobalID.from_id(node["id"]).node_id) for node in nodes]


# ---------------------------------------------------------------- exports


def assert_export_equals_query(
    exported: Sequence[Mapping[str, Any]],
    queried: Sequence[Mapping[str, Any]],
    columns: Mapping[str, str | Callable[[Mapping[str, Any]], Any]],
) -> None:
    """The export's rows are the query's rows, in the same order, column by column.

    ``columns`` maps an export column to the query row's key, or to a function of the
    query row giving the exported text (for lists, dates, nested values).
    """
    assert len(exported) == len(queried), (
        f"the export has {len(exported)} rows, the query {len(queried)}")
    for position, (out, row) in enumerate(zip(exported, queried, strict=True)):
        for column, source in columns.items():
            expected = source(row) if callable(source) else row[source]
            expected = "" if expected is None else str(expected)
            assert out[column] == expected, (
                f"row {position}, column {column!r}: exported {out[column]!r}, "
                f"the query shows {expected!r}")


# ---------------------------------------------------------------- the inherited tests


class ProcedureContract:
    """Tests every procedure of a register inherits; name the subclass ``Test...``.

    Set :attr:`procedure`, and override :meth:`scenes` to open cases in the states
    worth walking (the default opens one case as :attr:`opener`). The tests use the
    ``ipreg_driver`` fixture: override ``ipreg_cast`` in the plugin's conftest to name
    its people, and ``ipreg_extra_plugins`` when the plugin is not installed.
    """

    #: The code of the procedure under test.
    procedure: ClassVar[str]
    #: Input of a transition by code, where a sample value would not reach the guard.
    inputs: ClassVar[Mapping[str, Mapping[str, Any]]] = {}
    #: The cast member who opens the default scene.
    opener: ClassVar[str] = "applicant"

    async def scenes(self, driver: ProcedureDriver) -> list[int]:
        """Ids of cases to walk every transition from (default: one case just opened)."""
        procedure = driver.procedure(self.procedure)
        opening = procedure.opening()[0]
        today = driver.runtime.procedures.calendar(procedure.jurisdiction).today(driver.clock())
        data = self.inputs.get(opening.code, sample_input(opening, today))
        case = await driver.open(self.procedure, self.opener, data, transition=opening.code)
        return [case.id]

    async def test_every_refused_transition_changes_nothing(
            self, ipreg_driver: ProcedureDriver) -> None:
        scenes = await self.scenes(ipreg_driver)
        assert scenes, "scenes() opened no case to walk"
        for case_id in scenes:
            attempts = await refusals_change_nothing(ipreg_driver, case_id, inputs=self.inputs)
            performed = [a.transition for a in attempts
                         if a.who == "anonymous" and not a.refused]
            assert not performed, f"anonymous callers performed {performed}"

    def test_every_role_a_transition_names_is_declared(
            self, ipreg_driver: ProcedureDriver) -> None:
        roles = ipreg_driver.runtime.registry.roles
        procedure = ipreg_driver.procedure(self.procedure)
        undeclared = sorted({(t.code, role) for t in procedure.transitions.values()
                             for role in t.roles if role != SYSTEM_ROLE and role not in roles})
        assert not undeclared, f"roles no plugin declares (ipreg_register_roles): {undeclared}"

    def test_the_procedure_belongs_to_a_declared_jurisdiction(
            self, ipreg_driver: ProcedureDriver) -> None:
        procedure = ipreg_driver.procedure(self.procedure)
        assert procedure.jurisdiction in ipreg_driver.runtime.registry.jurisdictions


__all__ = [
    "Attempt",
    "ProcedureContract",
    "VisibilityWalk",
    "anonymous_visibility_walk",
    "assert_export_equals_query",
    "database_ids",
    "refusals_change_nothing",
    "sample_input",
]
