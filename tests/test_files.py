"""The content-addressed file store checks size and media type by content."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ipreg.core.errors import BadUserInput
from ipreg.core.files import FileStore, sniff_media_type
from ipreg.core.model import StoredFile
from ipreg.core.runtime import Runtime

JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + bytes(200)
PDF = b"%PDF-1.7\n" + bytes(100)


def test_media_types_are_read_from_the_content() -> None:
    assert sniff_media_type(JPEG) == "image/jpeg"
    assert sniff_media_type(PDF) == "application/pdf"
    assert sniff_media_type(b"II*\x00rest") == "image/tiff"
    assert sniff_media_type("Привіт".encode()) == "text/plain"


async def test_the_same_bytes_are_stored_once(runtime: Runtime, tmp_path: Path) -> None:
    store = FileStore(tmp_path, max_bytes=10_000)
    async with runtime.sessionmaker() as session:
        first = await store.put(session, JPEG, original_name="mark.jpg")
        await session.commit()
    async with runtime.sessionmaker() as session:
        second = await store.put(session, JPEG, original_name="again.jpg")
        await session.commit()
        count = (await session.execute(select(func.count()).select_from(StoredFile))).scalar()
    assert first.sha256 == second.sha256 == hashlib.sha256(JPEG).hexdigest()
    assert count == 1
    assert await store.read(first.sha256) == JPEG
    assert len(await asyncio.to_thread(lambda: list(tmp_path.rglob("*")))) == 2  # dir + file


async def test_a_renamed_file_is_judged_by_its_bytes(runtime: Runtime, tmp_path: Path) -> None:
    """A PDF called mark.jpg is not a JPEG (EAEU table 1 item 5.4 accepts JPEG or TIFF)."""
    store = FileStore(tmp_path, max_bytes=10_000)
    async with runtime.sessionmaker() as session:
        with pytest.raises(BadUserInput, match="application/pdf"):
            await store.put(
                session, PDF, original_name="mark.jpg", accept={"image/jpeg", "image/tiff"}
            )


async def test_size_limits_are_enforced(runtime: Runtime, tmp_path: Path) -> None:
    store = FileStore(tmp_path, max_bytes=100)
    async with runtime.sessionmaker() as session:
        with pytest.raises(BadUserInput, match="at most 100"):
            await store.put(session, JPEG)
        with pytest.raises(BadUserInput, match="empty"):
            await store.put(session, b"")
    assert await asyncio.to_thread(lambda: list(tmp_path.iterdir())) == []
