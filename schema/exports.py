"""Streamed exports of a register's result sets: CSV and XLSX writers, query-string filters,
and the HTTP routes that serve them beside ``/graphql``.

A register defines its list query once (a filter dataclass, a sort enum, a function
that yields the rows of a result set) and gets from it:

* :class:`QueryParameters`: the filter as query-string parameters and back, with the
  GraphQL input's names, so ``/<plugin>/export.csv?kind=TZ`` is the result set of
  the query with ``filter: {kind: "TZ"}`` (and a connection can link to it);
* :func:`write_csv`, :func:`csv_chunks`, :func:`write_xlsx`: the rows under a
  header, written as they are read, so the memory used does not grow with the
  register (XLSX in xlsxwriter's constant-memory mode, in a worker thread, with
  typed cells (:class:`Column`), fitted widths, a frozen header and an autofilter;
  CSV with ``?delimiter=semicolon`` for Excel in ru/uk locales; no cell runs as a
  formula: CSV text starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading
  apostrophe (:func:`inert`), XLSX text is always a string cell);
* :class:`Export`: ``GET <path>.csv`` and ``GET <path>.xlsx`` for the caller of
  ``/graphql`` (same credentials, same visibility), a bad parameter a 400 with
  ``BAD_USER_INPUT`` before anything is read, officials' exports audited.
"""

from __future__ import annotations

import asyncio
import contextlib
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


@dataclass(frozen=True)
class Column:
    """A column of an export: the ``key`` of the row dict, its header ``title``, and
    what its cells are in XLSX: ``kind`` ``text`` (default), ``date`` (a ``date``, or
    an ISO ``YYYY-MM-DD`` string: a date cell shown as ``date_format``) or ``number``
    (an ``int``/``float``, or a string of digits: a number cell, shown with
    ``number_format`` if given, e.g. ``00000`` keeps leading zeros in sight); ``width``
    in characters (default: fitted to the longest value, at most 60).

    Iterating a column gives ``(key, title)``, so a column and a plain
    ``(key, title)`` pair are interchangeable (``dict(columns)``, ``for key, _ in``).
    """

    key: str
    title: str
    kind: typing.Literal["text", "date", "number"] = "text"
    number_format: str | None = None
    width: float | None = None

    def __iter__(self) -> typing.Iterator[str]:
        return iter((self.key, self.title))


#: The columns of an export, in order: :class:`Column` or ``(key, title)`` pairs.
Columns = Sequence["Column | tuple[str, str]"]
#: The rows of a result set: one dict a row, keys those of the columns; values are
#: text, numbers, dates or None (empty).
Rows = AsyncIterable[Mapping[str, Any]]
#: ``?delimiter=`` of a CSV export: its name -> the character.
DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t"}
#: XLSX display formats of dates and times (day first, as the register's languages write them).
DATE_FORMAT = "dd.mm.yyyy"
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
MAX_WIDTH = 60

F = TypeVar("F")
S = TypeVar("S", bound=enum.Enum)


def as_column(column: Column | tuple[str, str]) -> Column:
    """A :class:`Column` of a column or a ``(key, title)`` pair (a text column)."""
    return column if isinstance(column, Column) else Column(*column)


def header(columns: Columns) -> list[str]:
    """The header row: the columns' titles (made inert as every cell)."""
    return [inert(as_column(c).title) for c in columns]


#: What a spreadsheet program reads as the start of a formula in a CSV cell (OWASP
#: "CSV Injection"): ``=``, ``+``, ``-``, ``@``, a tab or a carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A CSV cell a spreadsheet program will not run as a formula: text starting with
    one of :data:`FORMULA_STARTS` gets a leading apostrophe (``=HYPERLINK(...)`` ->
    ``'=HYPERLINK(...)``), as OWASP advises; anything else is unchanged."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def text(value: Any) -> str:
    """A cell as CSV text: empty for ``None``, ISO 8601 for dates and times; text that
    a spreadsheet would read as a formula made inert (:func:`inert`). Numbers are
    numbers (``-5`` stays ``-5``): only text can carry a formula."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return inert(value)
    return str(value)


def values(row: Mapping[str, Any], columns: Columns) -> list[str]:
    """A row's cells in column order, as text (:func:`text`)."""
    return [text(row[as_column(c).key]) for c in columns]


def csv_delimiter(name: str | None) -> str:
    """The character of ``?delimiter=`` (``comma``, the default; ``semicolon``, which
    Excel expects in locales whose decimal mark is a comma: ru, uk, kk, be, hy, ky...;
    ``tab``); ``BAD_USER_INPUT`` for anything else."""
    if name is None or name == "":
        return ","
    if name.lower() not in DELIMITERS:
        known = ", ".join(DELIMITERS)
        raise BadUserInput(f"delimiter: {name!r} is not one of {known}", argument="delimiter")
    return DELIMITERS[name.lower()]


async def write_csv(rows: Rows, columns: Columns, out: IO[str], *,
                    delimiter: str = ",") -> int:
    """Write a header and ``rows`` as CSV to ``out`` as they come; the number of rows."""
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header(columns))
    count = 0
    async for row in rows:
        writer.writerow(values(row, columns))
        count += 1
    return count


async def csv_chunks(rows: Rows, columns: Columns, *, bom: bool = True,
                     lines: int = 200, delimiter: str = ",") -> AsyncIterator[bytes]:
    """The CSV of :func:`write_csv` as UTF-8 chunks of ``lines`` rows, for a streamed
    HTTP response; with a byte-order mark (``bom``), spreadsheet programs read
    non-Latin scripts (Excel needs it to read UTF-8, with any delimiter)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
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


class _Sheet:
    """The typed cells of one XLSX sheet (see :class:`Column`), its widths fitted to
    what was written."""

    def __init__(self, book: Any, columns: Columns, sheet: str) -> None:
        self.columns = [as_column(c) for c in columns]
        self.sheet = book.add_worksheet(sheet)
        self.head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                     "text_wrap": True, "valign": "top"})
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.datetime = book.add_format({"num_format": DATETIME_FORMAT})
        self.numbers = {c.key: book.add_format({"num_format": c.number_format})
                        for c in self.columns if c.number_format}
        self.widths = [min(max(len(c.title.split(" (")[0]), 8), MAX_WIDTH)
                       for c in self.columns]
        for col, column in enumerate(self.columns):
            self.sheet.write_string(0, col, column.title, self.head)

    def write(self, first: int, rows: list[Mapping[str, Any]]) -> None:
        for offset, row in enumerate(rows):
            for col, column in enumerate(self.columns):
                shown = self._cell(first + offset, col, column, row[column.key])
                self.widths[col] = max(self.widths[col], min(shown, MAX_WIDTH))

    def _cell(self, line: int, col: int, column: Column, value: Any) -> int:
        """Write one cell; the width it needs."""
        if value is None or value == "":
            return 0
        if column.kind == "date" and isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = dt.date.fromisoformat(value)
        if column.kind == "number" and isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, dt.datetime):
            self.sheet.write_datetime(line, col, value.replace(tzinfo=None), self.datetime)
            return len(DATETIME_FORMAT)
        if isinstance(value, dt.date):
            self.sheet.write_datetime(line, col, dt.datetime.combine(value, dt.time()),
                                      self.date)
            return len(DATE_FORMAT)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            fmt = self.numbers.get(column.key)
            self.sheet.write_number(line, col, value, fmt)
            return max(len(str(value)), len(column.number_format or ""))
        shown = str(value)
        self.sheet.write_string(line, col, shown)
        return max(len(part) for part in shown.split("\n"))

    def finish(self, count: int) -> None:
        """Widths, the frozen header row and the autofilter over the written rows."""
        for col, column in enumerate(self.columns):
            self.sheet.set_column(col, col, column.width or self.widths[col] + 2)
        self.sheet.freeze_panes(1, 0)
        self.sheet.autofilter(0, 0, count, len(self.columns) - 1)


async def write_xlsx(rows: Rows, columns: Columns, path: str, *, sheet: str = "Export",
                     batch: int = 500) -> int:
    """Write a header and ``rows`` as an XLSX workbook of one sheet to ``path``, row by
    row (xlsxwriter's constant-memory mode: each row goes to a temporary file at once).
    Cells are typed (:class:`Column`: dates as date cells shown ``dd.mm.yyyy``, numbers
    as numbers); the header row is bold, frozen and carries an autofilter; the columns
    are as wide as their longest value (at most 60). The file writes run in a worker
    thread, ``batch`` rows at a time, never on the event loop. Returns the number of
    rows."""
    import xlsxwriter

    def start() -> tuple[Any, _Sheet]:
        book = xlsxwriter.Workbook(path, {"constant_memory": True})
        return book, _Sheet(book, columns, sheet)

    def close(count: int) -> None:
        writer.finish(count)
        book.close()

    book, writer = await asyncio.to_thread(start)
    count = 0
    pending: list[Mapping[str, Any]] = []
    async for row in rows:
        pending.append(row)
        if len(pending) == batch:
            await asyncio.to_thread(writer.write, count + 1, pending)
            count += len(pending)
            pending = []
    if pending:
        await asyncio.to_thread(writer.write, count + 1, pending)
        count += len(pending)
    await asyncio.to_thread(close, count)
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
                raise BadUserInput(f"unknown parameter {key!r}; known: {known}", argument=key)
            if raw == "":
                continue
            kind = kinds[item]
            if kind is dt.date:
                try:
                    items[item] = dt.date.fromisoformat(raw)
                except ValueError:
                    what = self.described.get(item, "a date (YYYY-MM-DD)")
                    raise BadUserInput(f"{key}: {raw!r} is not {what}", argument=key) from None
            elif kind is int:
                if not raw.isdigit():
                    what = self.described.get(item, "a whole number")
                    raise BadUserInput(f"{key}: {raw!r} is not {what}", argument=key)
                items[item] = int(raw)
            else:
                items[item] = raw
        try:
            sort = self.sort(params.get("sort") or self.default_sort.value)
        except ValueError:
            known = ", ".join(str(s.value) for s in self.sort)
            raise BadUserInput(f"sort: {params.get('sort')!r} is not one of {known}",
                               argument="sort") from None
        direction = (params.get("descending") or "false").lower()
        if direction not in ("true", "false"):
            raise BadUserInput("descending: give true or false", argument="descending")
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
            return await self._serve(request, self._csv, extra=("delimiter",))

        async def as_xlsx(request: Request) -> Response:
            return await self._serve(request, self._xlsx)

        return [Route(self.url("csv"), as_csv, methods=["GET"]),
                Route(self.url("xlsx"), as_xlsx, methods=["GET"])]

    def _name(self, extension: str) -> str:
        return f"{self.filename}-{dt.date.today().isoformat()}.{extension}"

    async def _serve(self, request: Request,
                     answer: Callable[[Any, Mapping[str, Any], Mapping[str, str]],
                                      Awaitable[Response]],
                     extra: Sequence[str] = ()) -> Response:
        """The caller, the options (a bad parameter answers 400 before anything is
        read), the audit record of an official's export, then the file. ``extra``:
        parameters of the format (``delimiter`` of a CSV), not of the result set."""
        rt = runtime(request)
        params = dict(request.query_params)
        formatting = {name: params.pop(name) for name in extra if name in params}
        try:
            viewer = await caller(request)
            options = self.options(params, viewer)
            if "delimiter" in formatting:
                csv_delimiter(formatting["delimiter"])
            if self.audited(viewer):
                await record_audit_now(
                    rt.sessionmaker, principal=viewer, action="export", entity=self.entity,
                    entity_id=None, jurisdiction=self.jurisdiction,
                    after={"query": str(request.query_params), "format": request.url.path},
                    request_id=request.headers.get("x-request-id"))
        except IpregError as error:
            return error_response(error)
        return await answer(rt, options, formatting)

    async def _csv(self, rt: Any, options: Mapping[str, Any],
                   formatting: Mapping[str, str]) -> Response:
        delimiter = csv_delimiter(formatting.get("delimiter"))

        async def body() -> AsyncIterator[bytes]:
            async with rt.sessionmaker() as session:
                async for chunk in csv_chunks(self.rows(session, **options), self.columns,
                                              delimiter=delimiter):
                    yield chunk

        return StreamingResponse(
            body(), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{self._name("csv")}"'})

    async def _xlsx(self, rt: Any, options: Mapping[str, Any],
                    _formatting: Mapping[str, str]) -> Response:
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


__all__ = ["DELIMITERS", "FORMULA_STARTS", "Column", "Columns", "Export", "QueryParameters",
           "Rows", "as_column", "csv_chunks", "csv_delimiter", "header", "inert", "text",
           "values", "write_csv", "write_xlsx"]
