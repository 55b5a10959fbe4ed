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
Officials' exports are audited (action ``export``), as their reads are. The
routes are the core's (:class:`ipreg.schema.exports.Export`).

P.SP.01.PRC.011, issued extracts (:mod:`ipreg.plugins.eaeu.extract`):

* ``GET /eaeu/extracts/{number}/verify?code=XXXX-XXXX-XXXX-XXXX-XXXX`` is public:
  anyone holding an extract (the QR code carries this URL) learns whether an
  extract with that number and code was issued, when, by whom, and what it
  certified; 200 with ``"valid": true``, else 404 with ``"valid": false``. JSON,
  or an HTML page for a browser (``Accept: text/html``, as a phone scanning the QR
  code sends). ``sha256=`` (of the embedded ``extract.json``'s ``extract``) may
  stand for the code.
* ``GET /eaeu/extracts/{number}.pdf``: the PDF of an issued extract (signed when a
  key is configured), for those ``eaeuExtracts`` serves: the entry's own right
  holders, representative and applicant, and officials; 403 for others, 404 for
  an unknown number.
"""

from __future__ import annotations

import asyncio
import hmac
import html
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ipreg.core.auth import Principal
from ipreg.core.errors import BadUserInput, Forbidden, IpregError, NotFound
from ipreg.core.model import ObjectParty
from ipreg.plugins.eaeu.export import COLUMNS, SHEET, rows
from ipreg.plugins.eaeu.extract import (
    Extract,
    ExtractSettings,
    PdfSigner,
    day,
    entry_object_id,
    find_issued,
    public_summary,
    render_document,
)
from ipreg.plugins.eaeu.graphql.visibility import EAEU, JURISDICTION, is_official
from ipreg.plugins.eaeu.models import EaeuEntry
from ipreg.plugins.eaeu.numbering import parse_number
from ipreg.plugins.eaeu.register_query import from_parameters
from ipreg.schema.exports import Export
from ipreg.schema.routes import caller, error_response, runtime


def _options(params: Mapping[str, str], viewer: Principal) -> dict[str, Any]:
    """The options of :func:`ipreg.plugins.eaeu.export.rows` for a query string."""
    entry_filter, sort, descending = from_parameters(params)
    return {"entry_filter": entry_filter, "sort": sort, "descending": descending,
            "viewer": viewer}


EXPORT = Export(
    "/eaeu/export", columns=COLUMNS, rows=rows, options=_options, filename="eaeu-register",
    sheet=SHEET, jurisdiction=JURISDICTION, entity="eaeu_register", audited=is_official)


async def may_receive_extract(session: Any, viewer: Principal, object_id: int | None) -> bool:
    """The rule of ``eaeuIssueExtract`` and ``eaeuExtracts`` (R148 p.18): officials of
    the register, and the entry's own right holders, representative and applicant."""
    if is_official(viewer):
        return True
    if viewer.is_anonymous or object_id is None:
        return False
    parties: set[int | None] = set((await session.execute(
        select(ObjectParty.party_id).where(ObjectParty.object_id == object_id,
                                           ObjectParty.role.in_(EAEU.owner_roles)))
    ).scalars())
    parties.add((await session.execute(select(EaeuEntry.applicant_id).where(
        EaeuEntry.object_id == object_id))).scalar())
    return EAEU.acts_for(viewer, parties)


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and request.query_params.get("format") != "json"


async def verify_extract(request: Request) -> Response:
    """``GET /eaeu/extracts/{number}/verify?code=...``: public (P.SP.01.PRC.011)."""
    number = request.path_params["number"]
    code = (request.query_params.get("code") or "").strip().upper()
    digest = (request.query_params.get("sha256") or "").strip().lower()
    if not code and not digest:
        return error_response(BadUserInput(
            "code: give the extract's verification code (code=XXXX-XXXX-XXXX-XXXX-XXXX) "
            "or the SHA-256 of its content (sha256=...)", argument="code"))
    async with runtime(request).sessionmaker() as session:
        record = await find_issued(session, number)
    valid = record is not None and (
        hmac.compare_digest(code, record.verification_code) if code
        else hmac.compare_digest(digest, record.content_sha256))
    if record is not None and valid:
        body: dict[str, Any] = {"valid": True, "extract": public_summary(record)}
    else:
        body = {"valid": False, "number": number,
                "message": f"no extract numbered {number} with this "
                           f"{'verification code' if code else 'content hash'} was issued "
                           "from the register"}
    status = 200 if body["valid"] else 404
    if _wants_html(request):
        return HTMLResponse(_verification_page(body), status_code=status)
    return JSONResponse(body, status_code=status)


def _verification_page(body: Mapping[str, Any]) -> str:
    """The answer of :func:`verify_extract` for a person (ru/en), escaped."""
    e = html.escape
    if not body["valid"]:
        verdict = ("<p class=bad><b>Выписка не выдавалась / Extract not issued</b></p>"
                   f"<p>{e(body['message'])}</p>")
    else:
        x = body["extract"]
        items = [("Номер выписки / Extract No.", x["number"]),
                 ("Дата выдачи / Issued", f"{day(x['issuedAt'])} {x['issuedAt'][11:16]} UTC"),
                 ("Выдана / Issued by", x["issuer"]),
                 ("Регистрационный номер / Registration No.",
                  f"{x['registrationNumberCyrillic']} ({x['registrationNumber']})"),
                 ("Наименование ОИС / IP object", x["name"]), ("Вид / Kind", x["kind"]),
                 ("Статус / Status", f"{x['status'] or '—'} ({day(x['statusDate']) or '—'})"),
                 ("Правообладатели / Right holders", "; ".join(x["rightHolders"])),
                 ("Срок принятия мер / Protection", "; ".join(
                     f"{day(p['start'])} – {day(p['end'])}" for p in x["protectionPeriods"])),
                 ("SHA-256", x["sha256"])]
        rows = "".join(f"<tr><th>{e(label)}</th><td>{e(str(value))}</td></tr>"
                       for label, value in items)
        verdict = ("<p class=ok><b>Выписка действительна: выдана из реестра / Valid extract "
                   f"issued from the register</b></p><table>{rows}</table>")
    return ("<!doctype html><html lang=ru><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'>"
            "<title>Проверка выписки / Extract verification</title><style>"
            "body{font-family:sans-serif;max-width:46em;margin:1em auto;padding:0 1em}"
            ".ok{color:#075e10}.bad{color:#a00}th{text-align:left;vertical-align:top;"
            "padding-right:1em}</style></head><body>"
            "<h1>Единый таможенный реестр ОИС ЕАЭС: проверка выписки</h1>"
            f"{verdict}</body></html>")


async def extract_pdf(request: Request) -> Response:
    """``GET /eaeu/extracts/{number}.pdf``: the PDF of an issued extract for those who
    may receive it (P.SP.01.PRC.011)."""
    rt = runtime(request)
    number = request.path_params["number"]
    try:
        viewer = await caller(request)
        async with rt.sessionmaker() as session:
            record = await find_issued(session, number)
            if record is None:
                raise NotFound(f"no extract numbered {number} was issued")
            object_id = record.object_id
            if object_id is None:  # the object was replaced (a replica's sync): by number
                try:
                    object_id = await entry_object_id(
                        session, parse_number(record.registration_number))
                except NotFound:
                    object_id = None
            if not await may_receive_extract(session, viewer, object_id):
                raise Forbidden("an extract is for the entry's own applicant, right holders "
                                "and representative, and for officials (R148 p.18)")
        extract = Extract(dict(record.content), record.verification_code)
        signer = await asyncio.to_thread(PdfSigner.load, ExtractSettings.from_env())
        pdf = await asyncio.to_thread(render_document, extract, signer)
    except IpregError as error:
        return error_response(error)
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="eaeu-extract-{number}.pdf"',
        "Cache-Control": "private, no-store"})


ROUTES = [*EXPORT.routes(),
          Route("/eaeu/extracts/{number}/verify", verify_extract, methods=["GET"]),
          Route("/eaeu/extracts/{number}.pdf", extract_pdf, methods=["GET"])]

__all__ = ["EXPORT", "ROUTES", "may_receive_extract"]
