"""The demo: 300+ realistic entries and a case in every state of every EAEU procedure."""

from __future__ import annotations

import hashlib
import io
import random
import re
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from ipreg.core.files import purpose_problems
from ipreg.core.model import (
    Case,
    Document,
    GoodsCode,
    IPObject,
    NiceClass,
    ObjectDocument,
    ObjectParty,
    StoredFile,
)
from ipreg.plugins.eaeu.demo import IMPORTED, load_demo, mark_images
from ipreg.plugins.eaeu.models import EaeuEntry
from ipreg.plugins.eaeu.store import FILE_RULES

SCRIPTS = {
    "ru": re.compile(r"[а-яё]", re.I), "kk": re.compile(r"[әғқңөұүһі]", re.I),
    "hy": re.compile(r"[\u0531-\u0587]"), "be": re.compile(r"[ўі]", re.I),
    "ky": re.compile(r"[ңөү]", re.I), "latin": re.compile(r"^[A-Za-zÀ-ÿ' \-—.]+$"),
}


async def test_the_demo_fills_the_register_and_every_procedure_state(rt: Any) -> None:
    async with rt.sessionmaker() as session:
        added = await load_demo(session, random.Random(20261123))
        await session.commit()
    assert added >= 300
    async with rt.sessionmaker() as session:
        entries = (await session.execute(
            select(IPObject.name, EaeuEntry.sequence_number, IPObject.register_number)
            .join(EaeuEntry, EaeuEntry.object_id == IPObject.id)
            .where(EaeuEntry.sequence_number.is_not(None)))).all()
        assert len(entries) >= 300
        # R174 A1 T1 5.1.1: one gap-free sequence of five-digit record numbers
        numbers = sorted(int(seq) for _, seq, _ in entries)
        assert numbers == list(range(1, len(numbers) + 1))
        assert all(re.fullmatch(r"\d{5}/(TZ|AP|SP)/\d{4}", n) for _, _, n in entries)
        names = [name for name, _, _ in entries]
        for script, pattern in SCRIPTS.items():
            assert any(pattern.search(n) for n in names), script
        holders = (await session.execute(select(func.count(func.distinct(ObjectParty.party_id)))
                                         .where(ObjectParty.role == "holder"))).scalar()
        reps = (await session.execute(select(func.count(func.distinct(ObjectParty.party_id)))
                                      .where(ObjectParty.role == "representative"))).scalar()
        assert holders >= 10 and reps >= 5
        codes = set((await session.execute(select(GoodsCode.code))).scalars())
        assert {"180632", "220820", "851713"} <= codes
        classes = set((await session.execute(select(NiceClass.number))).scalars())
        assert {9, 25, 30, 33} <= classes
        seen = {(p, s) for p, s in (await session.execute(
            select(Case.procedure, Case.state).where(Case.jurisdiction == "eaeu"))).all()}
    for code, procedure in rt.registry.procedures.items():
        if procedure.jurisdiction == "eaeu":
            missing = {s for s in procedure.states if (code, s) not in seen}
            assert missing == set(), f"{code}: no demo case in {sorted(missing)}"


@pytest.mark.legal("R174 A1 T1 5.4")
async def test_every_demo_entry_has_a_published_image_of_its_mark(rt: Any) -> None:
    """5.4: JPEG at 300 dpi, stored in the core's file store as an upload is, the same
    bytes on every load (``ipreg demo`` is deterministic), published with the entry."""
    async with rt.sessionmaker() as session:
        await load_demo(session, random.Random(20261123))
        await session.commit()
    async with rt.sessionmaker() as session:
        images = (await session.execute(
            select(IPObject.name, StoredFile)
            .join(ObjectDocument, ObjectDocument.object_id == IPObject.id)
            .join(Document, Document.id == ObjectDocument.document_id)
            .join(StoredFile, StoredFile.sha256 == Document.file_sha256)
            .where(ObjectDocument.role == "image"))).all()
    assert len(images) >= IMPORTED
    assert len({row.sha256 for _, row in images}) == len(images)  # one per mark
    for _, row in images:
        assert (row.media_type, row.dpi) == ("image/jpeg", 300)
        assert not purpose_problems(row, FILE_RULES["object_image"])
    name, first = images[0]
    again = mark_images([name])[0]
    assert hashlib.sha256(again).hexdigest() == first.sha256
    assert await rt.files.read(first.sha256) == again
    with Image.open(io.BytesIO(again)) as image:
        assert image.format == "JPEG" and round(image.info["dpi"][0]) == 300
