"""Files: ``uploadFile`` (the GraphQL multipart request spec) and ``GET /files/{sha256}``.

Upload: a ``multipart/form-data`` POST to ``/graphql`` with the parts
``operations``, ``map`` and one part per file
(https://github.com/jaydenseric/graphql-multipart-request-spec), parsed by
:func:`ipreg.schema.http.multipart_params`; the file streams into the
content-addressed store (:meth:`ipreg.core.files.FileStore.put_stream`), is
checked against the purpose a register declared (``ipreg_register_file_purposes``)
and recorded with its uploader (``file_upload``). A form then references it by its
``sha256`` or the ``File``'s global id.

Download: ``GET /files/{sha256}`` serves the bytes to whoever may see them
(:func:`ipreg.core.publication.file_access`), everyone else gets 404; with
``ETag`` (the sha256), ``If-None-Match`` (304), ``Cache-Control`` (``public,
immutable`` for published files, ``private`` otherwise) and range requests
(206, 416), streamed from disk by Starlette's ``FileResponse`` in a worker thread.
"""

from __future__ import annotations

from typing import Annotated, Any

import anyio
import strawberry
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route
from strawberry.file_uploads import Upload

from ipreg.core.audit import record_audit
from ipreg.core.errors import BadUserInput, IpregError, NotFound, Unauthenticated
from ipreg.core.model import FileUpload, StoredFile
from ipreg.core.publication import file_access
from ipreg.schema.context import Context
from ipreg.schema.routes import caller, error_response, runtime
from ipreg.schema.types.documents import SHA256, File

#: A year: a published file's bytes never change under its name (its sha256).
IMMUTABLE = "public, max-age=31536000, immutable"
#: Not for shared caches; revalidated (cheaply, by ETag) each time.
PRIVATE = "private, no-cache"


@strawberry.type
class FileMutation:
    @strawberry.mutation(description=(
        "Upload a file with the GraphQL multipart request spec (a `multipart/form-data` "
        "POST with the parts `operations`, `map` and the file, and the header "
        "`Apollo-Require-Preflight: true`). The bytes are checked by content against "
        "`purpose` (type, size, resolution; nothing is stored if they fail, "
        "`extensions.problems[].code` says why: `file_wrong_type`, `file_too_large`, "
        "`file_low_resolution`, `file_empty`, `file_unreadable`) and stored once under "
        "their sha256; forms reference the file by its `sha256` or its `id`."))
    async def upload_file(
        self,
        info: strawberry.Info[Context, Any],
        file: Annotated[Upload, strawberry.argument(
            description="The file: a part of the multipart request, mapped to this variable.")],
        purpose: Annotated[str | None, strawberry.argument(
            description="What the file is for (`eaeu_object_image`, ...: the code of a "
                        "purpose a register declares); its rule is checked now. Without "
                        "one only the store's size limit applies.")] = None,
    ) -> File:
        context = info.context
        viewer = context.viewer
        if viewer.is_anonymous:
            raise Unauthenticated("sign in to upload files")
        if not isinstance(file, UploadFile):
            raise BadUserInput("file: send the file as a part of a multipart request "
                               "(GraphQL multipart request spec)", argument="file")
        registry = context.runtime.registry
        rule = None
        if purpose is not None:
            rule = registry.file_purposes.get(purpose)
            if rule is None:
                raise BadUserInput(
                    f"purpose: unknown {purpose!r}; known: "
                    f"{', '.join(sorted(registry.file_purposes)) or 'none'}",
                    argument="purpose")
        name = (file.filename or "")[:255] or None
        async with context.runtime.sessionmaker() as session:
            row = await context.runtime.files.put_stream(
                session, file.file, original_name=name, purpose=rule)
            await session.flush()  # the stored file's row before the upload's, which names it
            session.add(FileUpload(file_sha256=row.sha256, user_id=viewer.user_id,
                                   api_key_id=viewer.api_key_id,
                                   party_id=viewer.on_behalf_of or viewer.party_id,
                                   subject=viewer.subject, purpose=purpose,
                                   original_name=name))
            record_audit(session, principal=viewer, action="upload_file",
                         entity="stored_file", entity_id=row.sha256,
                         after={"size": row.size, "mediaType": row.media_type,
                                "purpose": purpose, "name": name},
                         request_id=context.request_id)
            await session.commit()
            return File(sha256=row.sha256, media_type=row.media_type, size=row.size,
                        name=name)


async def download(request: Request) -> Response:
    """``GET /files/{sha256}``: the bytes of a stored file the caller may see."""
    sha256 = request.path_params["sha256"].lower()
    rt = runtime(request)
    try:
        viewer = await caller(request)
        if not SHA256.match(sha256):
            raise NotFound(f"no file {sha256[:64]!r}: name a file by its sha256")
        async with rt.sessionmaker() as session:
            access = await file_access(session, rt.registry, viewer, sha256)
            if access is None:
                raise NotFound(f"no file {sha256} you may see")
            row = await session.get(StoredFile, sha256)
            assert row is not None  # file_access found it
            media_type, name = row.media_type, row.original_name
        path = rt.files.path_of(sha256)
        if not await anyio.Path(path).is_file():
            raise NotFound(f"the bytes of file {sha256} are missing from the store")
    except IpregError as error:
        return error_response(error)
    headers = {
        "ETag": f'"{sha256}"',
        "Cache-Control": IMMUTABLE if access.public else PRIVATE,
        "X-Content-Type-Options": "nosniff",
    }
    if not access.public:
        headers["Vary"] = "Authorization, X-API-Key"
    if _matches(request.headers.get("if-none-match"), sha256):
        return Response(status_code=304, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers, filename=name,
                        content_disposition_type="inline")


def _matches(header: str | None, sha256: str) -> bool:
    """RFC 9110 §13.1.2: ``If-None-Match`` lists the ETag (weakly compared) or is ``*``."""
    if not header:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or f'"{sha256}"' in tags


def file_routes() -> list[Route]:
    """The core's file routes, for :func:`ipreg.schema.app.create_app`."""
    return [Route("/files/{sha256}", download, methods=["GET", "HEAD"])]


__all__ = ["FileMutation", "file_routes"]
