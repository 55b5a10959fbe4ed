"""Streamed exports of a register's result sets: CSV and XLSX writers, query-string filters,
and the HTTP routes that serve them beside ``/graphql``.

A register defines its list query once (a filter dataclass, a sort enum, a function
that yields the rows of a result set) and gets from it:

* :class:`QueryParameters`: the filter as query-string parameters and back, with the
  GraphQL input's names, so ``/<plugin>/export.csv?kind=TZ`` is the result set of
  the query with ``filter: {kind: "TZ"}`` (and a connection can link to it);
* :func:`write_csv`, :func:`csv_chunks`, :func:`write_xlsx`: the rows under a
  header, written as they are read, so the memory used does not grow with the
  register (XLSX in xlsxwriter's constant-memory mode, in a worker thread);
* :class:`Export`: ``GET <path>.csv`` and ``GET <path>.xlsx`` for the caller of
  ``/graphql`` (same credentials, same visibility), a bad parameter a 400 with
  ``BAD_USER_INPUT`` before anything is read, officials' exports audited.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import enum
import io
import os
import tempfile
import types
import typing
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, field, fields
from typing import IO, Any, Generic, TypeVar
from urllib.parse import urlencode

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse
from starlette.routing import Route

from ipreg.core.audit import record_audit_now
from ipreg.core.auth import Principal
from ipreg.core.errors import BadUserInput, IpregError
from ipreg.schema.routes import caller, error_response, runtime

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The columns of an export: (key of the row dict, header title), in order.
Columns = Sequence[tuple[str, str]]
#: The rows of a result set: one dict a row, keys those of the columns.
Rows = AsyncIterable[Mapping[str, Any]]

F = TypeVar("F")
S = TypeVar("S", bound=enum.Enum)


def header(columns: Columns) -> list[str]:
    """The header row: the columns' titles."""
    return [title for _, title in columns]


def values(row: Mapping[str, Any], columns: Columns) -> list[str]:
    """A row's cells in column order (``None`` is empty)."""
    return ["" if row[key] is None else str(row[key]) for key, _ in columns]


async def write_csv(rows: Rows, columns: Columns, out: IO[str]) -> int:
    """Write a header and ``rows`` as CSV to ``out`` as they come; the number of rows."""
    writer = csv.writer(out)
    writer.writerow(header(columns))
    count = 0
    async for row in rows:
        writer.writerow(values(row, columns))
        count += 1
    return count


async def csv_chunks(rows: Rows, columns: Columns, *, bom: bool = True,
                     lines: int = 200) -> AsyncIterator[bytes]:
    """The CSV of :func:`write_csv` as UTF-8 chunks of ``lines`` rows, for a streamed
    HTTP response; with a byte-order mark (``bom``), spreadsheet programs read
    non-Latin scripts."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if bom:
        buffer.write("\ufeff")
    writer.writerow(header(columns))
    count = 0
    async for row in rows:
        writer.writerow(values(row, columns))
        count += 1
        if count % lines == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


async def write_xlsx(rows: Rows, columns: Columns, path: str, *, sheet: str = "Export",
                     batch: int = 500) -> int:
    """Write a header (bold) and ``rows`` as an XLSX workbook of one sheet to ``path``,
    row by row (xlsxwriter's constant-memory mode: each row goes to a temporary file at
    once). The file writes run in a worker thread, ``batch`` rows at a time, never on
    the event loop. Cells are strings. Returns the number of rows."""
    import xlsxwriter

    def start() -> tuple[Any, Any]:
        book = xlsxwriter.Workbook(path, {"constant_memory": True})
        worksheet = book.add_worksheet(sheet)
        bold = book.add_format({"bold": True})
        for col, title in enumerate(header(columns)):
            worksheet.write(0, col, title, bold)
        return book, worksheet

    def write(worksheet: Any, first: int, cells: list[list[str]]) -> None:
        for offset, line in enumerate(cells):
            for col, value in enumerate(line):
                worksheet.write_string(first + offset, col, value)

    book, worksheet = await asyncio.to_thread(start)
    count = 0
    pending: list[list[str]] = []
    async for row in rows:
        pending.append(values(row, columns))
        if len(pending) == batch:
            await asyncio.to_thread(write, worksheet, count + 1, pending)
            count += len(pending)
            pending = []
    if pending:
        await asyncio.to_thread(write, worksheet, count + 1, pending)
        count += len(pending)
    await asyncio.to_thread(book.close)
    return count


def _kind(annotation: Any) -> type:
    """``dt.date``, ``int`` or ``str``: what a filter item's annotation holds."""
    args = typing.get_args(annotation) if isinstance(
        annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union else (
        annotation,)
    for kind in (dt.date, int):
        if kind in args:
            return kind
    return str


@dataclass(frozen=True)
class QueryParameters(Generic[F, S]):
    """One filter definition for GraphQL and HTTP: a filter dataclass ``filter_type``
    (its items dates, whole numbers or text, each optional), the query-string
    ``names`` of its items (parameter -> item; the GraphQL input's field names), a
    ``sort`` enum (``?sort=<value>``, default ``default_sort``) and
    ``?descending=true``.

    ``described``: what an item must be, for its error (``{"nice_class": "a Nice class
    (1-45)"}``; default "a whole number" / "a date (YYYY-MM-DD)").
    """

    filter_type: type[F]
    names: Mapping[str, str]
    sort: type[S]
    default_sort: S
    described: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        items = {f.name for f in fields(self.filter_type)}  # type: ignore[arg-type]
        unknown = set(self.names.values()) - items
        if unknown:
            raise TypeError(f"{self.filter_type.__name__} has no items {sorted(unknown)}")

    def _kinds(self) -> dict[str, type]:
        hints = typing.get_type_hints(self.filter_type)
        return {item: _kind(hints[item]) for item in self.names.values()}

    def to_parameters(self, value: F, sort: S, descending: bool) -> dict[str, str]:
        """The parameters of a filter, sort and direction (empty items left out)."""
        out: dict[str, str] = {}
        for name, item in self.names.items():
            found = getattr(value, item)
            if found is not None and found != "":
                out[name] = found.isoformat() if isinstance(found, dt.date) else str(found)
        if sort is not self.default_sort:
            out["sort"] = str(sort.value)
        if descending:
            out["descending"] = "true"
        return out

    def query_string(self, value: F, sort: S, descending: bool) -> str:
        """``?name=value&...`` of :meth:`to_parameters`, or empty."""
        parameters = self.to_parameters(value, sort, descending)
        return f"?{urlencode(parameters)}" if parameters else ""

    def from_parameters(self, params: Mapping[str, str]) -> tuple[F, S, bool]:
        """A filter, sort and direction from parameters (inverse of
        :meth:`to_parameters`); ``BAD_USER_INPUT`` naming the first bad one."""
        kinds = self._kinds()
        items: dict[str, Any] = {}
        for key, raw in params.items():
            if key in ("sort", "descending"):
                continue
            item = self.names.get(key)
            if item is None:
                known = ", ".join(sorted([*self.names, "sort", "descending"]))
                raise BadUserInput(f"unknown parameter {key!r}; known: {known}")
            if raw == "":
                continue
            kind = kinds[item]
            if kind is dt.date:
                try:
                    items[item] = dt.date.fromisoformat(raw)
                except ValueError:
                    what = self.described.get(item, "a date (YYYY-MM-DD)")
                    raise BadUserInput(f"{key}: {raw!r} is not {what}") from None
            elif kind is int:
                if not raw.isdigit():
                    what = self.described.get(item, "a whole number")
                    raise BadUserInput(f"{key}: {raw!r} is not {what}")
                items[item] = int(raw)
            else:
                items[item] = raw
        try:
            sort = self.sort(params.get("sort") or self.default_sort.value)
        except ValueError:
            known = ", ".join(str(s.value) for s in self.sort)
            raise BadUserInput(f"sort: {params.get('sort')!r} is not one of {known}") from None
        direction = (params.get("descending") or "false").lower()
        if direction not in ("true", "false"):
            raise BadUserInput("descending: give true or false")
        return self.filter_type(**items), sort, direction == "true"


@dataclass(frozen=True)
class Export:
    """A register's export of any result set of one of its list queries:
    ``GET <path>.csv`` (streamed as read) and ``GET <path>.xlsx`` (written row by row
    to a temporary file, sent, deleted).

    ``rows(session, **options)`` yields the rows of the result set;
    ``options(params, caller)`` turns the query string and the caller into those
    options (``BAD_USER_INPUT`` for a bad parameter; usually through
    :class:`QueryParameters`). ``filename``: the file's name before the date
    (``eaeu-register`` -> ``eaeu-register-2025-01-31.csv``); ``sheet``: the XLSX
    sheet's name. Exports by callers for whom ``audited`` holds (the register's
    officials) are audited as action ``export`` of ``entity`` in ``jurisdiction``,
    as their reads are.
    """

    path: str
    columns: Columns
    rows: Callable[..., Rows]
    options: Callable[[Mapping[str, str], Principal], Mapping[str, Any]]
    filename: str
    jurisdiction: str
    entity: str
    audited: Callable[[Principal], bool]
    sheet: str = "Export"

    def url(self, extension: str, query: str = "") -> str:
        """The path of the export as ``csv`` or ``xlsx``, with a query string."""
        return f"{self.path}.{extension}{query}"

    def routes(self) -> list[Route]:
        """The two routes, for ``ipreg_register_routes``."""

        async def as_csv(request: Request) -> Response:
            return await self._serve(request, self._csv)

        async def as_xlsx(request: Request) -> Response:
            return await self._serve(request, self._xlsx)

        return [Route(self.url("csv"), as_csv, methods=["GET"]),
                Route(self.url("xlsx"), as_xlsx, methods=["GET"])]

    def _name(self, extension: str) -> str:
        return f"{self.filename}-{dt.date.today().isoformat()}.{extension}"

    async def _serve(self, request: Request,
                     answer: Callable[[Any, Mapping[str, Any]], Awaitable[Response]]) -> Response:
        """The caller, the options (a bad parameter answers 400 before anything is
        read), the audit record of an official's export, then the file."""
        rt = runtime(request)
        try:
            viewer = await caller(request)
            options = self.options(dict(request.query_params), viewer)
            if self.audited(viewer):
                await record_audit_now(
                    rt.sessionmaker, principal=viewer, action="export", entity=self.entity,
                    entity_id=None, jurisdiction=self.jurisdiction,
                    after={"query": str(request.query_params), "format": request.url.path},
                    request_id=request.headers.get("x-request-id"))
        except IpregError as error:
            return error_response(error)
        return await answer(rt, options)

    async def _csv(self, rt: Any, options: Mapping[str, Any]) -> Response:
        async def body() -> AsyncIterator[bytes]:
            async with rt.sessionmaker() as session:
                async for chunk in csv_chunks(self.rows(session, **options), self.columns):
                    yield chunk

        return StreamingResponse(
            body(), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{self._name("csv")}"'})

    async def _xlsx(self, rt: Any, options: Mapping[str, Any]) -> Response:
        handle, path = tempfile.mkstemp(prefix=f"ipreg-{self.filename}-", suffix=".xlsx")
        os.close(handle)
        try:
            async with rt.sessionmaker() as session:
                await write_xlsx(self.rows(session, **options), self.columns, path,
                                 sheet=self.sheet)
        except BaseException:
            os.unlink(path)
            raise
        return FileResponse(path, media_type=XLSX, filename=self._name("xlsx"),
                            background=BackgroundTask(os.unlink, path))


__all__ = ["Columns", "Export", "QueryParameters", "Rows", "csv_chunks", "header",
           "values", "write_csv", "write_xlsx"]
