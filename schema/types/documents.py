"""GraphQL types of documents and stored files: the core's ``document`` and ``stored_file``.

Load a document row with :class:`~ipreg.schema.loaders.DocumentsByObjectLoader` (the
documents of IP objects, by role) or :class:`~ipreg.schema.loaders.DocumentByIdLoader`;
its row carries its file's columns, so :meth:`Document.from_row` builds the file too.
A register shows them under its own names and legal citations with
:func:`~ipreg.schema.types.variants.variant` (``EaeuDocument`` is R174 Appendix 1
table 3), giving its file type as ``file_type``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar, Self

import strawberry
from strawberry import relay

SHA256 = re.compile(r"^[0-9a-f]{64}$")


@strawberry.type(description="A stored file: an image, a scan, audio or video. Its bytes "
                 "are at `url` (`GET /files/{sha256}`), served to whoever may see it.")
class File(relay.Node):
    sha256: str = strawberry.field(description="Content address (sha256 of the bytes).")
    media_type: str | None = strawberry.field(description="Media type read from the content.")
    size: int | None = strawberry.field(description="Size in bytes.")
    name: str | None = strawberry.field(description="Name it was uploaded with.")

    @classmethod
    def resolve_id(cls, root: Self, *, info: strawberry.Info[Any, Any]) -> str:
        return root.sha256

    @strawberry.field(description="Where to download the bytes: `/files/{sha256}`, relative "
                      "to the server (ETag, range requests; published files are cacheable).")
    def url(self) -> str:
        return f"/files/{self.sha256}"

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info[Any, Any], node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        """``node(id:)``: a file the caller may download (:func:`ipreg.core.publication.
        file_access`), else null."""
        from ipreg.core.model import StoredFile
        from ipreg.core.publication import file_access

        context = info.context
        found: list[Self | None] = []
        async with context.runtime.sessionmaker() as session:
            for sha256 in node_ids:
                row = await session.get(StoredFile, sha256) if SHA256.match(sha256) else None
                if row is None or await file_access(session, context.runtime.registry,
                                                    context.viewer, sha256) is None:
                    found.append(None)
                    continue
                found.append(cls.from_row(row, sha256))
        return found

    @classmethod
    def from_row(cls, row: Any, sha256: str | None = None) -> Self | None:
        """The file of a row carrying :data:`~ipreg.schema.loaders.FILE_COLUMNS`
        (``media_type``, ``size``, ``original_name``) and its ``file_sha256``, or the
        file ``sha256`` given; None without one."""
        found = sha256 if sha256 is not None else row.file_sha256
        if not found:
            return None
        return cls(sha256=found, media_type=row.media_type, size=row.size,
                   name=row.original_name)

    @classmethod
    def from_rows(cls, rows: list[Any]) -> list[Self]:
        """The files of rows (those without a file are left out)."""
        return [f for f in (cls.from_row(row) for row in rows) if f is not None]


@strawberry.type(description="A document: a title document, a power of attorney, a decision.")
class Document:
    country: str | None = strawberry.field(description="Country.")
    kind_code: str | None = strawberry.field(description="Code of the kind of document.")
    kind_name: str | None = strawberry.field(description="Name of the kind of document.")
    name: str | None = strawberry.field(description="Name of the document.")
    series: str | None = strawberry.field(description="Series.")
    number: str | None = strawberry.field(description="Number.")
    date: dt.date | None = strawberry.field(description="Date.")
    expires_on: dt.date | None = strawberry.field(description="Expiry date.")
    validity: str | None = strawberry.field(description="Duration of validity.")
    issuer_id: str | None = strawberry.field(description="Identifier of the issuing authority.")
    issuer_name: str | None = strawberry.field(description="Name of the issuing authority.")
    description: str | None = strawberry.field(description="Description.")
    sheet_count: int | None = strawberry.field(description="Number of sheets.")
    file: File | None = strawberry.field(description="The scan, if stored.")
    #: The type of ``file`` a register's variant builds (its own ``File`` variant).
    file_type: ClassVar[type[File]] = File

    @classmethod
    def from_row(cls, row: Any) -> Self:
        """A row of :class:`~ipreg.schema.loaders.DocumentsByObjectLoader` or
        :class:`~ipreg.schema.loaders.DocumentByIdLoader`."""
        return cls(country=row.country, kind_code=row.kind_code, kind_name=row.kind_name,
                   name=row.name, series=row.series, number=row.number, date=row.date,
                   expires_on=row.expires_on, validity=row.validity, issuer_id=row.issuer_id,
                   issuer_name=row.issuer_name, description=row.description,
                   sheet_count=row.sheet_count, file=cls.file_type.from_row(row))


__all__ = ["Document", "File"]
