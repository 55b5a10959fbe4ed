"""Driving a register's procedures in tests: a clock, a cast of principals, a driver.

:class:`ProcedureDriver` wraps a runtime whose clock is a :class:`Clock`: it opens
cases and performs transitions as a principal (each in its own committed
transaction, as a request would), moves the time and runs ``tick``, reads the
notices, deadlines and steps of a case, and executes GraphQL or plugin HTTP
routes as any principal. Principals are named in a :class:`Cast`, so a test may
say ``driver.act(case, "T.004", "examiner", {...})``::

    async def test_a_grant_is_notified(ipreg_driver):
        case = await ipreg_driver.open("TEST.PRC.001", "applicant", {"name": "Sunny"})
        await ipreg_driver.act(case.id, "T.004", "examiner", {"decisionNumber": "7"})
        assert ("decision", case.applicant_id, "applicant") in await ipreg_driver.notices(case.id)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager
from typing import Any, TypeAlias

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import ANONYMOUS, Grant, Principal
from ipreg.core.db import Base
from ipreg.core.model import Case, CaseDeadline, CaseStep, Notification
from ipreg.core.procedures import Procedure
from ipreg.core.runtime import Runtime
from ipreg.testing.graphql import SchemaRunner, http_client

#: Monday 2 March 2026, 08:00 UTC: the default "now" of a test (a working day nearly
#: everywhere, with a public holiday a week later in several calendars).
DEFAULT_NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


class Clock:
    """The time of a test: ``runtime.clock = Clock(...)``; move it with :meth:`advance`."""

    def __init__(self, now: dt.datetime = DEFAULT_NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        """Move on by ``timedelta(**delta)`` (``days=30``, ``hours=1``); the new time."""
        self.now += dt.timedelta(**delta)
        return self.now


class Cast:
    """The people of a register's tests, by name: principals, and party ids beside them.

    ``Cast(applicant=person(...), examiner=person(...), applicant_party=7)``;
    ``cast.applicant`` is that principal, ``cast.principals()`` every principal.
    """

    def __init__(self, **members: Any) -> None:
        self._members: dict[str, Any] = dict(members)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_members"][name]
        except KeyError:
            raise AttributeError(f"the cast has no {name!r}") from None

    def __getitem__(self, name: str) -> Any:
        return self._members[name]

    def __contains__(self, name: object) -> bool:
        return name in self._members

    def __iter__(self) -> Iterator[str]:
        return iter(self._members)

    def add(self, **members: Any) -> None:
        """Name more members (e.g. once their parties exist)."""
        self._members.update(members)

    def principals(self) -> dict[str, Principal]:
        """The members that are principals, by name, in the order they were named."""
        return {k: v for k, v in self._members.items() if isinstance(v, Principal)}

    def __repr__(self) -> str:
        return f"Cast({', '.join(self._members)})"


def person(subject: str, party: int | None, *grants: Grant, on_behalf_of: int | None = None,
           kind: str = "user") -> Principal:
    """A principal acting as ``party`` with ``grants`` (``kind`` user or api_key)."""
    return Principal(kind=kind, subject=subject, party_id=party, on_behalf_of=on_behalf_of,
                     grants=frozenset(grants))


#: A principal, or the name of a member of the cast.
Who: TypeAlias = Principal | str


class ProcedureDriver:
    """Opens cases and performs transitions as principals; reads what they left behind."""

    def __init__(self, runtime: Runtime, clock: Clock | None = None,
                 cast: Cast | None = None) -> None:
        self.runtime = runtime
        if clock is None:
            clock = runtime.clock if isinstance(runtime.clock, Clock) else Clock()
        self.clock = clock
        runtime.clock = clock
        self.cast = cast if cast is not None else Cast()
        self.graphql = SchemaRunner(runtime)
        self._http: httpx.AsyncClient | None = None
        self._http_viewers: dict[str, Principal] = {}

    @property
    def rt(self) -> Runtime:
        """Short for :attr:`runtime`."""
        return self.runtime

    # ---------------------------------------------------------------- who

    def principal(self, who: Who) -> Principal:
        """``who`` as a principal of this deployment (a name of the cast, or a principal)."""
        if isinstance(who, str):
            if who == "anonymous" and "anonymous" not in self.cast:
                return ANONYMOUS
            found = self.cast[who]
            if not isinstance(found, Principal):
                raise TypeError(f"cast member {who!r} is not a principal")
            who = found
        return self.runtime.registry.bind(who)

    def as_(self, who: Who) -> Acting:
        """The driver acting as ``who``: ``await driver.as_("examiner").act(case, "T.004")``."""
        return Acting(self, self.principal(who))

    def procedure(self, code: str) -> Procedure:
        """A declared procedure of the runtime."""
        return self.runtime.procedures.procedure(code)

    # ---------------------------------------------------------------- acting

    async def open(self, procedure: str, who: Who, data: Mapping[str, Any] | None = None,
                   **kw: Any) -> Case:
        """Open a case (``transition=``, ``object_id=``, ``applicant_id=``... as the engine's
        :meth:`~ipreg.core.procedures.engine.ProcedureEngine.open_case`), committed."""
        async with self.runtime.sessionmaker() as session:
            case, _ = await self.runtime.procedures.open_case(
                session, procedure, self.principal(who), data, **kw)
            await session.commit()
            return case

    async def act(self, case_id: int, code: str, who: Who,
                  data: Mapping[str, Any] | None = None, **kw: Any) -> Case:
        """Perform a transition (``expected_version=``, ``idempotency_key=``...), committed."""
        async with self.runtime.sessionmaker() as session:
            case, _ = await self.runtime.procedures.perform(
                session, case_id, code, self.principal(who), data, **kw)
            await session.commit()
            return case

    async def attempt(self, case_id: int, code: str, who: Who,
                      data: Mapping[str, Any] | None = None) -> None:
        """Perform a transition and roll it back: raises what the engine raises, keeps
        nothing of a success (for walking every transition from one state)."""
        async with self.runtime.sessionmaker() as session:
            try:
                await self.runtime.procedures.perform(session, case_id, code,
                                                      self.principal(who), data)
            finally:
                await session.rollback()

    # ---------------------------------------------------------------- time

    def advance(self, **delta: float) -> dt.datetime:
        """Move the clock on (``days=31``); the new time."""
        return self.clock.advance(**delta)

    def at(self, when: dt.datetime) -> None:
        """Set the clock to ``when`` (timezone-aware)."""
        self.clock.now = when

    async def tick(self) -> list[dict[str, Any]]:
        """Expire every due time limit and apply its consequence (``ipreg tick``)."""
        return await self.runtime.procedures.tick()

    # ---------------------------------------------------------------- reading

    async def case(self, case_id: int) -> Case:
        async with self.runtime.sessionmaker() as session:
            case = await session.get(Case, case_id)
            assert case is not None, f"case {case_id} does not exist"
            return case

    async def notices(self, case_id: int) -> list[tuple[str, int | None, str | None]]:
        """The case's notifications as ``(kind, addressee_id, addressee_role)``, in order."""
        async with self.runtime.sessionmaker() as session:
            rows = await session.execute(
                select(Notification.kind, Notification.addressee_id, Notification.addressee_role)
                .where(Notification.case_id == case_id).order_by(Notification.id))
            return [(r[0], r[1], r[2]) for r in rows]

    async def deadlines(self, case_id: int, code: str | None = None) -> list[CaseDeadline]:
        """The case's time limits (of ``code``), oldest first."""
        async with self.runtime.sessionmaker() as session:
            return await self.runtime.procedures.deadlines(session, case_id, code)

    async def deadline(self, case_id: int, code: str) -> CaseDeadline:
        """The latest time limit ``code`` of the case."""
        rows = await self.deadlines(case_id, code)
        assert rows, f"case {case_id} has no time limit {code}"
        return rows[-1]

    async def steps(self, case_id: int) -> list[tuple[str, str | None, str, str]]:
        """The case's history as ``(transition, from_state, to_state, actor)``."""
        async with self.runtime.sessionmaker() as session:
            rows = await session.execute(
                select(CaseStep.transition, CaseStep.from_state, CaseStep.to_state,
                       CaseStep.actor).where(CaseStep.case_id == case_id)
                .order_by(CaseStep.seq))
            return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def counts(self) -> dict[str, int]:
        """Rows of every table of the core and the enabled plugins, in one statement, and
        the sum of each versioned table's versions (so updates show too)."""
        async with self.runtime.sessionmaker() as session:
            return await table_counts(session, self.runtime)

    async def snapshot(self, case_id: int) -> dict[str, Any]:
        """What a refused act must leave as it was: :meth:`counts`, the case, its limits."""
        async with self.runtime.sessionmaker() as session:
            case = await session.get(Case, case_id)
            assert case is not None, f"case {case_id} does not exist"
            deadlines = await self.runtime.procedures.deadlines(session, case_id)
            return {
                "tables": await table_counts(session, self.runtime),
                "case": (case.state, case.version, case.data, case.object_id,
                         case.applicant_id, case.closed_at),
                "deadlines": [(d.code, d.status, d.due_on, d.remaining_days, len(d.history))
                              for d in deadlines],
            }

    # ---------------------------------------------------------------- GraphQL and HTTP

    async def gql(self, query: str, variables: dict[str, Any] | None = None,
                  viewer: Who = ANONYMOUS) -> dict[str, Any]:
        """Execute a GraphQL document as ``viewer``; returns ``{data, errors}`` as JSON."""
        return await self.graphql.execute(query, variables, self.principal(viewer))

    async def data(self, query: str, variables: dict[str, Any] | None = None,
                   viewer: Who = ANONYMOUS) -> dict[str, Any]:
        """The ``data`` of :meth:`gql`; an error fails the test."""
        return await self.graphql.data(query, variables, self.principal(viewer))

    @asynccontextmanager
    async def http(self) -> AsyncIterator[httpx.AsyncClient]:
        """An httpx client of the whole application; :meth:`get` passes the viewer."""
        async with http_client(self.runtime, self._authenticate) as client:
            self._http = client
            try:
                yield client
            finally:
                self._http = None

    async def get(self, path: str, params: Mapping[str, Any] | None = None,
                  viewer: Who = ANONYMOUS) -> httpx.Response:
        """``GET path`` of the application (a plugin route) as ``viewer``."""
        principal = self.principal(viewer)
        token = str(id(principal))
        self._http_viewers[token] = principal
        headers = {"x-ipreg-test-viewer": token}
        if self._http is not None:
            return await self._http.get(path, params=dict(params or {}), headers=headers)
        async with self.http() as client:
            return await client.get(path, params=dict(params or {}), headers=headers)

    async def upload(self, data: bytes, name: str = "file.bin", purpose: str | None = None,
                     viewer: Who = ANONYMOUS) -> dict[str, Any]:
        """``uploadFile(file:, purpose:)`` as ``viewer`` over the GraphQL multipart request
        spec (a real ``multipart/form-data`` POST to ``/graphql``); the answer's JSON
        (``data.uploadFile``: ``id``, ``sha256``, ``mediaType``, ``size``, ``name``, or
        ``errors``)."""
        import json

        principal = self.principal(viewer)
        token = str(id(principal))
        self._http_viewers[token] = principal
        operations = {"query": "mutation($file: Upload!, $purpose: String) { uploadFile("
                               "file: $file, purpose: $purpose) { id sha256 mediaType size "
                               "name } }",
                      "variables": {"file": None, "purpose": purpose}}
        form = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})}
        headers = {"x-ipreg-test-viewer": token, "Apollo-Require-Preflight": "true"}
        files = {"0": (name, data, "application/octet-stream")}
        if self._http is not None:
            response = await self._http.post("/graphql", data=form, files=files, headers=headers)
        else:
            async with self.http() as client:
                response = await client.post("/graphql", data=form, files=files,
                                             headers=headers)
        answer: dict[str, Any] = response.json()
        return answer

    async def csv(self, path: str, params: Mapping[str, Any] | None = None,
                  viewer: Who = ANONYMOUS) -> list[dict[str, str]]:
        """A CSV route's rows as dicts keyed by its header row (a byte-order mark dropped)."""
        response = await self.get(path, params, viewer)
        assert response.status_code == 200, (response.status_code, response.text[:500])
        text = response.content.decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))

    async def _authenticate(self, request: Any) -> Principal:
        token = request.headers.get("x-ipreg-test-viewer")
        return self._http_viewers.get(token, ANONYMOUS) if token else ANONYMOUS


class Acting:
    """A :class:`ProcedureDriver` acting as one principal."""

    def __init__(self, driver: ProcedureDriver, principal: Principal) -> None:
        self.driver = driver
        self.principal = principal

    async def open(self, procedure: str, data: Mapping[str, Any] | None = None,
                   **kw: Any) -> Case:
        return await self.driver.open(procedure, self.principal, data, **kw)

    async def act(self, case_id: int, code: str, data: Mapping[str, Any] | None = None,
                  **kw: Any) -> Case:
        return await self.driver.act(case_id, code, self.principal, data, **kw)

    async def gql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self.driver.gql(query, variables, self.principal)

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self.driver.data(query, variables, self.principal)


async def table_counts(session: AsyncSession, runtime: Runtime) -> dict[str, int]:
    """Rows of each table of the core and the enabled plugins (``name``), and the sum of
    the versions of versioned tables (``name.version``), read in one statement."""
    columns = []
    for name in sorted(runtime.registry.model_tables()):
        table = Base.metadata.tables[name]
        columns.append(select(func.count()).select_from(table).scalar_subquery().label(name))
        if "version" in table.c:
            columns.append(select(func.coalesce(func.sum(table.c.version), 0))
                           .scalar_subquery().label(f"{name}.version"))
    row = (await session.execute(select(*columns))).one()
    return {key: int(value or 0) for key, value in row._mapping.items()}


__all__ = [
    "DEFAULT_NOW",
    "Acting",
    "Cast",
    "Clock",
    "ProcedureDriver",
    "person",
    "table_counts",
]
