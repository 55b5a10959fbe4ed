"""The content-addressed file store checks size and media type by content."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ipreg.core.auth import ANONYMOUS, Grant, Principal
from ipreg.core.errors import BadUserInput
from ipreg.core.files import FileStore, sniff_media_type
from ipreg.core.model import (
    Document,
    FileUpload,
    IPObject,
    ObjectDocument,
    ObjectParty,
    Party,
    StoredFile,
)
from ipreg.core.publication import file_access
from ipreg.core.runtime import Runtime
from ipreg.testing import person

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


@pytest.mark.legal("R174 A1 T1 5.4")
async def test_who_may_download_a_file(runtime: Runtime, tmp_path: Path) -> None:
    """``GET /files`` serves by ``file_access``: the image (T1 5.4) of a published EAEU
    entry to everyone; its title document's scan (T1 5.6, not published) only to the
    register's officials and the entry's right holder; an unused file to its uploader."""
    store = FileStore(tmp_path, max_bytes=10_000)
    registry = runtime.registry
    official = registry.bind(person("user:cca", None, Grant("authorized_body", "eaeu", 1)))
    async with runtime.sessionmaker() as session:
        image = await store.put(session, JPEG)
        scan = await store.put(session, PDF)
        loose = await store.put(session, b"notes")
        holder, other = Party(country="KZ", name="Holder"), Party(country="AM", name="Other")
        entry = IPObject(jurisdiction="eaeu", kind="trademark", name="Mark",
                         status="included", published=True)
        session.add_all([holder, other, entry])
        await session.flush()
        holder_user = person("user:holder", holder.id, Grant("applicant", "eaeu", holder.id))
        stranger = person("user:other", other.id, Grant("applicant", "eaeu", other.id))
        session.add(ObjectParty(object_id=entry.id, party_id=holder.id, role="holder"))
        for role, stored in (("image", image), ("title_document", scan)):
            document = Document(name=role, file_sha256=stored.sha256)
            session.add(document)
            await session.flush()
            session.add(ObjectDocument(object_id=entry.id, document_id=document.id, role=role))
        session.add(FileUpload(file_sha256=loose.sha256, user_id=7))
        await session.commit()
        uploader = Principal(kind="user", subject="user:uploader", user_id=7)

        async def who_gets(sha256: str) -> dict[str, bool | None]:
            found = {}
            for name, viewer in (("anonymous", ANONYMOUS), ("official", official),
                                 ("holder", holder_user), ("stranger", stranger),
                                 ("uploader", uploader)):
                access = await file_access(session, registry, registry.bind(viewer), sha256)
                found[name] = None if access is None else access.public
            return found

        assert await who_gets(image.sha256) == dict.fromkeys(
            ("anonymous", "official", "holder", "stranger", "uploader"), True)
        assert await who_gets(scan.sha256) == {"anonymous": None, "official": False,
                                               "holder": False, "stranger": None,
                                               "uploader": None}
        assert await who_gets(loose.sha256) == {"anonymous": None, "official": None,
                                                "holder": None, "stranger": None,
                                                "uploader": False}
        assert await file_access(session, registry, official, "0" * 64) is None
