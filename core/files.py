"""The content-addressed file store: images, scans and generated extracts.

A file is named by the sha256 of its bytes, so storing the same bytes twice
keeps one copy. The media type is read from the content (its magic bytes), not
from the name a client sends, and checked against what the caller accepts along
with the size. The default store is a local directory (``IPREG_FILES_DIR``);
blocking file I/O runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.errors import BadUserInput, NotFound
from ipreg.core.model import StoredFile

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
        limit = min(max_bytes or self.max_bytes, self.max_bytes)
        if not data:
            raise BadUserInput("the file is empty")
        if len(data) > limit:
            raise BadUserInput(
                f"the file has {len(data)} bytes; at most {limit} are allowed", limit=limit
            )
        media_type = sniff_media_type(data)
        if accept is not None and media_type not in accept:
            raise BadUserInput(
                f"the file is {media_type}; accepted here: {', '.join(sorted(accept))}",
                mediaType=media_type,
            )
        return StoredBlob(hashlib.sha256(data).hexdigest(), len(data), media_type)

    def _write(self, blob: StoredBlob, data: bytes) -> None:
        target = self.path_of(blob.sha256)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
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
        """Store the bytes (once) and record them in the session's transaction.

        The bytes reach the disk before the row commits, so a committed row always
        has its file; a rolled-back row leaves at most an unreferenced file.
        """
        blob = self.check(data, accept, max_bytes)
        await asyncio.to_thread(self._write, blob, data)
        row = await session.get(StoredFile, blob.sha256)
        if row is None:
            row = StoredFile(
                sha256=blob.sha256,
                size=blob.size,
                media_type=blob.media_type,
                original_name=original_name,
            )
            session.add(row)
        return row

    async def read(self, sha256: str) -> bytes:
        path = self.path_of(sha256)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError as exc:
            raise NotFound(f"no stored file {sha256}") from exc
