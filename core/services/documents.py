"""Documents: the only writer of the ``document`` table.

A document is a power of attorney, a title document, a decision, an image or a
scan (EAEU register data composition, table 3), with the sha256 of its stored
file (:mod:`ipreg.core.files`) when it has one. :class:`DocumentForm` is the
validated input; documents are written a batch at a time
(:func:`write_documents`) or one by one (:func:`create_document`), in the
caller's transaction. Links of documents to IP objects are written by
:mod:`ipreg.core.services.objects`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db.base import utcnow
from ipreg.core.db.bulk import insert_ids, table_of
from ipreg.core.model import Document


@dataclass
class DocumentForm:
    """A document (EAEU table 3); ``file`` is the sha256 of a stored file, if any."""

    country: str | None = None
    kind_code: str | None = None
    kind_name: str | None = None
    name: str | None = None
    series: str | None = None
    number: str | None = None
    date: dt.date | None = None
    expires_on: dt.date | None = None
    validity: str | None = None
    issuer_id: str | None = None
    issuer_name: str | None = None
    description: str | None = None
    sheet_count: int | None = None
    file: str | None = None


def document_row(form: DocumentForm) -> dict[str, Any]:
    """The ``document`` columns of a form (``created_at`` aside)."""
    values = vars(form).copy()
    values["file_sha256"] = values.pop("file")
    return values


async def write_documents(session: AsyncSession, forms: Sequence[DocumentForm],
                          now: dt.datetime | None = None) -> list[int]:
    """Write documents; their ids, in the order of ``forms``."""
    moment = now or utcnow()
    return await insert_ids(session, table_of(Document),
                            [{**document_row(f), "created_at": moment} for f in forms])


async def create_document(session: AsyncSession, form: DocumentForm) -> Document:
    """Write one document; the stored :class:`Document`."""
    (document_id,) = await write_documents(session, [form])
    document = await session.get(Document, document_id)
    assert document is not None
    return document


def new_document(form: DocumentForm) -> Document:
    """An unsaved :class:`Document`, for a caller that adds it to its session itself."""
    return Document(**document_row(form))


__all__ = ["DocumentForm", "create_document", "document_row", "new_document",
           "write_documents"]
