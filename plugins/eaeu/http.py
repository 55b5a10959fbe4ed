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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ipreg.core.auth import Principal
from ipreg.plugins.eaeu.export import COLUMNS, SHEET, rows
from ipreg.plugins.eaeu.graphql.visibility import JURISDICTION, is_official
from ipreg.plugins.eaeu.register_query import from_parameters
from ipreg.schema.exports import Export


def _options(params: Mapping[str, str], viewer: Principal) -> dict[str, Any]:
    """The options of :func:`ipreg.plugins.eaeu.export.rows` for a query string."""
    entry_filter, sort, descending = from_parameters(params)
    return {"entry_filter": entry_filter, "sort": sort, "descending": descending,
            "viewer": viewer}


EXPORT = Export(
    "/eaeu/export", columns=COLUMNS, rows=rows, options=_options, filename="eaeu-register",
    sheet=SHEET, jurisdiction=JURISDICTION, entity="eaeu_register", audited=is_official)
ROUTES = EXPORT.routes()

__all__ = ["EXPORT", "ROUTES"]
