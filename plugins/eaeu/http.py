"""P.SP.01.PRC.012 over HTTP: any result set of the register as a CSV or XLSX file.

``GET /eaeu/export.csv`` and ``GET /eaeu/export.xlsx`` take the filter of the
GraphQL query ``eaeuEntries`` as query-string parameters with the same names
(``kind``, ``name``, ``keyword``, ``holder``, ``holderCountry``,
``representative``, ``cnFea``, ``niceClass``, ``status``, ``includedFrom``,
``includedTo``, ``expiresFrom``, ``expiresTo``, ``protectedOn``, ``asOf``,
``registrationNumber``) plus ``sort`` and ``descending``, and answer the same
entries in the same order, for the same caller (credentials as on
``/graphql``), with the published items of Appendix 1 as columns.

Both are streamed: the CSV is sent as it is read (one statement with a
server-side cursor); the XLSX is written row by row to a temporary file
(xlsxwriter's constant-memory mode, in a worker thread), then sent and deleted.
Exporting the whole register does not hold it in memory. A bad parameter is a
400 with ``extensions.code`` ``BAD_USER_INPUT`` before anything is read.
Officials' exports are audited (action ``export``), as their reads are.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import AsyncIterator
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse
from starlette.routing import Route

from ipreg.core.audit import record_audit_now
from ipreg.core.errors import IpregError
from ipreg.plugins.eaeu.export import csv_chunks, write_xlsx
from ipreg.plugins.eaeu.graphql.visibility import JURISDICTION, is_official
from ipreg.plugins.eaeu.register_query import from_parameters
from ipreg.schema.routes import caller, error_response, runtime

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(extension: str) -> str:
    return f"eaeu-register-{dt.date.today().isoformat()}.{extension}"


async def _prepare(request: Request) -> tuple[Any, dict[str, Any]]:
    """The caller and the options of :func:`ipreg.plugins.eaeu.export.rows`."""
    viewer = await caller(request)
    entry_filter, sort, descending = from_parameters(dict(request.query_params))
    if is_official(viewer):
        rt = runtime(request)
        await record_audit_now(
            rt.sessionmaker, principal=viewer, action="export", entity="eaeu_register",
            entity_id=None, jurisdiction=JURISDICTION,
            after={"query": str(request.query_params), "format": request.url.path},
            request_id=request.headers.get("x-request-id"))
    return viewer, {"entry_filter": entry_filter, "sort": sort, "descending": descending,
                    "viewer": viewer}


async def export_csv(request: Request) -> Response:
    try:
        _, options = await _prepare(request)
    except IpregError as error:
        return error_response(error)
    rt = runtime(request)

    async def body() -> AsyncIterator[bytes]:
        async with rt.sessionmaker() as session:
            async for chunk in csv_chunks(session, **options):
                yield chunk

    return StreamingResponse(
        body(), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{_filename("csv")}"'})


async def export_xlsx(request: Request) -> Response:
    try:
        _, options = await _prepare(request)
    except IpregError as error:
        return error_response(error)
    rt = runtime(request)
    handle, path = tempfile.mkstemp(prefix="ipreg-eaeu-export-", suffix=".xlsx")
    os.close(handle)
    try:
        async with rt.sessionmaker() as session:
            await write_xlsx(session, path, **options)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(path, media_type=XLSX, filename=_filename("xlsx"),
                        background=BackgroundTask(os.unlink, path))


ROUTES = [
    Route("/eaeu/export.csv", export_csv, methods=["GET"]),
    Route("/eaeu/export.xlsx", export_xlsx, methods=["GET"]),
]

__all__ = ["ROUTES"]
