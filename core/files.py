"""The content-addressed file store: images, scans and generated extracts.

A file is named by the sha256 of its bytes, so storing the same bytes twice
keeps one copy. The media type is read from the content (its magic bytes), not
from the name a client sends, and checked against what the caller accepts along
with the size. The default store is a local directory (``IPREG_FILES_DIR``);
blocking file I/O runs in a worker thread.

Uploads (``uploadFile``, :mod:`ipreg.schema.files`) stream from the request's
spooled parts into the store (:meth:`FileStore.put_stream`): hashed and counted
while copied, refused as soon as they pass the limit, the pixel size and
resolution of an image read from its header (JFIF, EXIF or TIFF tags, with
Pillow), and checked against the upload's :class:`~ipreg.core.extension.FilePurpose`
before the file takes its name in the store.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.errors import BadUserInput, NotFound
from ipreg.core.extension import FilePurpose
from ipreg.core.model import StoredFile

# What a PDF's pages look like (page size, rotation, fonts, sizes, colours, page
# numbers, encryption), for a register's formatting rules: :mod:`ipreg.core.pdf`.
from ipreg.core.pdf import (  # noqa: F401 (re-exported: the documented API)
    FILE_COPY_RESTRICTED,
    FILE_ENCRYPTED,
    FILE_NO_PAGES,
    FILE_UNREADABLE,
    PageRanges,
    PdfLayout,
    PdfLine,
    PdfPage,
    PdfText,
    pdf_layout,
    read_pdf_layout,
)

#: Problem codes of a file (``extensions.problems[].code`` of a ``BAD_USER_INPUT``).
FILE_EMPTY = "file_empty"
FILE_TOO_LARGE = "file_too_large"
FILE_WRONG_TYPE = "file_wrong_type"
FILE_LOW_RESOLUTION = "file_low_resolution"

#: Bytes copied at a time while a file streams into the store.
CHUNK = 1024 * 1024
#: Bytes of the head of a file its media type is sniffed from.
HEAD = 4096

#: (media type, offset, magic bytes); the first match wins.
SIGNATURES: tuple[tuple[str, int, bytes], ...] = (
    ("image/jpeg", 0, b"\xff\xd8\xff"),
    ("image/png", 0, b"\x89PNG\r\n\x1a\n"),
    ("image/tiff", 0, b"II*\x00"),
    ("image/tiff", 0, b"MM\x00*"),
    ("image/gif", 0, b"GIF87a"),
    ("image/gif", 0, b"GIF89a"),
    ("application/pdf", 0, b"%PDF-"),
    ("audio/mpeg", 0, b"ID3"),
    ("audio/mpeg", 0, b"\xff\xfb"),
    ("video/mp4", 4, b"ftyp"),
    ("application/zip", 0, b"PK\x03\x04"),
)


def sniff_media_type(data: bytes) -> str:
    """The media type the bytes are, by their signature."""
    for media_type, offset, magic in SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"AVI ":
        return "video/x-msvideo"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    return "text/plain"


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    media_type: str
    width: int | None = None
    height: int | None = None
    #: Dots per inch (the lower axis; 0: the image declares none); None: not an image.
    dpi: int | None = None


class FileFacts(Protocol):
    """What the checks read of a file: a :class:`StoredBlob` or a ``stored_file`` row."""

    @property
    def size(self) -> int: ...
    @property
    def media_type(self) -> str: ...
    @property
    def dpi(self) -> int | None: ...


def image_facts(path: Path) -> tuple[int | None, int | None, int | None]:
    """Width, height and resolution (dpi, the lower axis; 0 if none is declared) of the
    image at ``path``, read from its header (JPEG JFIF density or EXIF resolution, TIFF
    resolution tags); ``(None, None, None)`` if it is no image Pillow can read."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            width, height = image.size
            dpi: Any = image.info.get("dpi")
    except Exception:  # any unreadable or hostile image: judged as unreadable
        return None, None, None
    try:
        resolution = min(round(float(dpi[0])), round(float(dpi[1]))) if dpi else 0
    except (TypeError, ValueError, IndexError):
        resolution = 0
    return width, height, max(resolution, 0)


def purpose_problems(facts: FileFacts, purpose: FilePurpose) -> list[tuple[str, str]]:
    """``(code, message)`` of each way the file breaks ``purpose``'s rule (at most one:
    the type first, then the size, then the resolution). A file whose resolution was
    never read (``dpi`` None: stored before it was) is not judged by it."""
    if facts.media_type not in purpose.media_types:
        return [(FILE_WRONG_TYPE, f"is {facts.media_type}; expected {purpose.rule}")]
    if facts.size > purpose.max_bytes:
        return [(FILE_TOO_LARGE, f"has {facts.size} bytes; expected {purpose.rule}")]
    if purpose.min_dpi and facts.dpi is not None and facts.dpi < purpose.min_dpi:
        found = f"has {facts.dpi} dpi" if facts.dpi else "declares no resolution"
        return [(FILE_LOW_RESOLUTION, f"{found}; expected {purpose.rule}")]
    return []


def refuse(path: str, problems: list[tuple[str, str]], purpose: FilePurpose | None = None
           ) -> BadUserInput:
    """The ``BAD_USER_INPUT`` of a file's problems, each naming ``path`` and the rule."""
    rule = purpose.legal_point if purpose else ""
    return BadUserInput(
        "; ".join(f"{path}: {message}" for _, message in problems),
        problems=[{"path": path, "message": message, "rule": rule, "code": code}
                  for code, message in problems])


class FileStore:
    """A local directory of files named ``ab/cdef…`` after their sha256."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes

    def path_of(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise BadUserInput(f"{sha256!r} is not a sha256 file name")
        return self.root / sha256[:2] / sha256[2:]

    def check(
        self, data: bytes, accept: Collection[str] | None = None, max_bytes: int | None = None
    ) -> StoredBlob:
        """Validate size and media type by content; raise :class:`BadUserInput`."""
        blob = StoredBlob(hashlib.sha256(data).hexdigest(), len(data), sniff_media_type(data))
        self._judge(blob, accept, self._limit(max_bytes, None))
        return blob

    def _limit(self, max_bytes: int | None, purpose: FilePurpose | None) -> int:
        limits = [self.max_bytes, max_bytes or self.max_bytes]
        if purpose is not None:
            limits.append(purpose.max_bytes)
        return min(limits)

    def _judge(self, blob: StoredBlob, accept: Collection[str] | None, limit: int,
               purpose: FilePurpose | None = None, path: str = "file") -> None:
        if not blob.size:
            raise refuse(path, [(FILE_EMPTY, "the file is empty")], purpose)
        if blob.size > limit:
            raise self._too_large(blob.size, limit, purpose, path)
        if accept is not None and blob.media_type not in accept:
            raise refuse(path, [(FILE_WRONG_TYPE, f"the file is {blob.media_type}; accepted "
                                 f"here: {', '.join(sorted(accept))}")], purpose)
        if purpose is not None:
            if blob.media_type.startswith("image/") and purpose.min_dpi and blob.dpi is None:
                raise refuse(path, [(FILE_UNREADABLE, "is not an image whose resolution can "
                                     f"be read; expected {purpose.rule}")], purpose)
            problems = purpose_problems(blob, purpose)
            if problems:
                raise refuse(path, problems, purpose)

    @staticmethod
    def _too_large(size: int, limit: int, purpose: FilePurpose | None, path: str
                   ) -> BadUserInput:
        rule = f"; expected {purpose.rule}" if purpose else ""
        error = refuse(path, [(FILE_TOO_LARGE, f"the file has {size} bytes or more; at most "
                               f"{limit} are allowed{rule}")], purpose)
        error.details["limit"] = limit
        return error

    def _ingest(self, source: IO[bytes], limit: int, accept: Collection[str] | None,
                purpose: FilePurpose | None, path: str) -> StoredBlob:
        """Copy ``source`` into the store (blocking: run in a worker thread): hashed and
        counted on the way, refused once past ``limit`` and, if the checks fail, before it
        takes its name; nothing of a refused file stays on disk."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            digest, size, head = hashlib.sha256(), 0, b""
            with os.fdopen(fd, "wb") as out:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise self._too_large(size, limit, purpose, path)
                    if len(head) < HEAD:
                        head += chunk[: HEAD - len(head)]
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            media_type = sniff_media_type(head)
            facts = image_facts(Path(tmp)) if media_type.startswith("image/") else (None,) * 3
            blob = StoredBlob(digest.hexdigest(), size, media_type, *facts)
            self._judge(blob, accept, limit, purpose, path)
            if purpose is not None and purpose.content_problems is not None:
                problems = purpose.content_problems(Path(tmp))
                if problems:
                    raise refuse(path, problems, purpose)
            target = self.path_of(blob.sha256)
            if target.exists():
                Path(tmp).unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, target)
            return blob
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    async def put(
        self,
        session: AsyncSession,
        data: bytes,
        *,
        original_name: str | None = None,
        accept: Collection[str] | None = None,
        max_bytes: int | None = None,
    ) -> StoredFile:
        """Store the bytes (once) and record them in the session's transaction."""
        return await self.put_stream(session, io.BytesIO(data), original_name=original_name,
                                     accept=accept, max_bytes=max_bytes)

    async def put_stream(
        self,
        session: AsyncSession,
        source: IO[bytes],
        *,
        original_name: str | None = None,
        accept: Collection[str] | None = None,
        max_bytes: int | None = None,
        purpose: FilePurpose | None = None,
        path: str = "file",
    ) -> StoredFile:
        """Store the bytes read from ``source`` (once) and record them in the session's
        transaction; :class:`BadUserInput` naming ``path`` if they break the store's
        limit, ``accept`` or ``purpose`` (then nothing is stored).

        The bytes reach the disk before the row commits, so a committed row always
        has its file; a rolled-back row leaves at most an unreferenced file.
        """
        blob = await asyncio.to_thread(self._ingest, source, self._limit(max_bytes, purpose),
                                       accept, purpose, path)
        row = await session.get(StoredFile, blob.sha256)
        if row is None:
            row = StoredFile(
                sha256=blob.sha256,
                size=blob.size,
                media_type=blob.media_type,
                original_name=original_name,
                width=blob.width,
                height=blob.height,
                dpi=blob.dpi,
            )
            session.add(row)
        elif row.dpi is None and blob.dpi is not None:
            row.width, row.height, row.dpi = blob.width, blob.height, blob.dpi
        return row

    async def read(self, sha256: str) -> bytes:
        path = self.path_of(sha256)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError as exc:
            raise NotFound(f"no stored file {sha256}") from exc
