"""The lookup of a name against every loaded official source and the configured list
(GI rules V.8.4-8.5; VR-46): cross-script and by the word, each hit naming the source, its
edition, the entry and how it matched. It decides nothing: the examiner weighs the hits and
records a determination (:mod:`ipreg.plugins.ukraine.gi.procedures.determination`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.plugins.ukraine.gi.sources.catalogue import BY_CODE, source
from ipreg.plugins.ukraine.gi.sources.forms import entry_forms, matched_as, query_runs, stem
from ipreg.plugins.ukraine.gi.sources.models import (
    UaGiSourceEdition,
    UaGiSourceEntry,
    UaGiSourceForm,
)

CONFIGURED = "configured"
CONFIGURED_EDITION = "IPREG_UA_GI_GENERIC_NAMES"
#: Of two ways one entry matched, the plainer is reported: the same text folded, then
#: the Ukrainian romanisation (CMU res. 55/2010) and the Cyrillic reading, then synonyms.
_PREFERRED = {"folded": 0, "uk-kmu-2010": 1, "reading": 2, "synonym": 3}
#: Keys of one ``IN`` list (SQLite's variable limit is far above it).
_CHUNK = 400


@dataclass(frozen=True)
class Hit:
    """One entry a name meets: where (source, edition), what (the entry), how
    (``matchedAs``: ``folded``, a transliteration standard, ``reading``, ``synonym``, with
    ``stem:`` when only the stems met) and which words of the name (``matchedPart``;
    ``whole`` when they are the whole name)."""

    source: str
    point: str
    source_name: str
    edition: str
    edition_id: int | None
    published_on: str | None
    entry_id: int | None
    term: str
    code: str | None
    kind: str
    attributes: dict[str, Any]
    matched_as: str
    matched_part: str
    whole: bool

    def as_json(self) -> dict[str, Any]:
        return {"source": self.source, "point": self.point, "sourceName": self.source_name,
                "edition": self.edition, "editionId": self.edition_id,
                "publishedOn": self.published_on, "entryId": self.entry_id,
                "term": self.term, "code": self.code, "kind": self.kind,
                "attributes": self.attributes, "matchedAs": self.matched_as,
                "matchedPart": self.matched_part, "whole": self.whole}

    def describe(self) -> str:
        return (f"{self.term} ({self.source_name}, {self.edition}"
                + (f", {self.code}" if self.code else "") + f"): {self.matched_as}, "
                f"«{self.matched_part}»")


def configured_names() -> list[str]:
    return [p.strip() for p in os.environ.get(CONFIGURED_EDITION, "").split(",") if p.strip()]


def _configured_hits(runs: dict[str, tuple[str, str, bool]],
                     stems: dict[str, tuple[str, str, bool]]) -> list[Hit]:
    src = BY_CODE[CONFIGURED]
    hits = []
    for name in configured_names():
        for label, form in entry_forms(name):
            found = runs.get(form)
            by_stem = False
            if found is None:
                found, by_stem = stems.get(stem(form)), True
            if found is not None:
                hits.append(Hit(CONFIGURED, src.point, src.name_uk, CONFIGURED_EDITION, None,
                                None, None, name, None, src.kind, {},
                                matched_as(found[0], label, by_stem), found[1], found[2]))
                break
    return hits


async def lookup(session: AsyncSession, name: str) -> list[Hit]:
    """VR-46: every entry of every current edition (and of the configured list) that the
    name is or includes, in any script; one hit per entry (the best way it matched: the
    whole name before a part, equal forms before stems), longest part first."""
    runs = query_runs(name)
    stems: dict[str, tuple[str, str, bool]] = {}
    for run, value in runs.items():
        stems.setdefault(stem(run), value)
    found: dict[int, tuple[tuple[int, int, int], Hit]] = {}
    keys, stem_keys = list(runs), list(stems)
    for i in range(0, max(len(keys), len(stem_keys)), _CHUNK):
        rows = (await session.execute(
            select(UaGiSourceForm.form, UaGiSourceForm.stem, UaGiSourceForm.label,
                   UaGiSourceEntry, UaGiSourceEdition)
            .join(UaGiSourceEntry, UaGiSourceEntry.id == UaGiSourceForm.entry_id)
            .join(UaGiSourceEdition, UaGiSourceEdition.id == UaGiSourceForm.edition_id)
            .where(UaGiSourceEdition.replaced_at.is_(None),
                   or_(UaGiSourceForm.form.in_(keys[i:i + _CHUNK]),
                       UaGiSourceForm.stem.in_(stem_keys[i:i + _CHUNK]))))).all()
        for form, form_stem, label, entry, edition in rows:
            by_stem = form not in runs
            query = runs.get(form) or stems.get(form_stem)
            if query is None:
                continue
            src = source(edition.source)
            if src is None:
                continue
            how = matched_as(query[0], label, by_stem)
            rank = (0 if query[2] else 1, 1 if by_stem else 0, _PREFERRED.get(
                how.removeprefix("stem:"), len(_PREFERRED)))
            hit = Hit(edition.source, src.point, src.name_uk, edition.edition, edition.id,
                      edition.published_on.isoformat() if edition.published_on else None,
                      entry.id, entry.term, entry.code, src.kind, dict(entry.attributes),
                      how, query[1], query[2])
            if entry.id not in found or rank < found[entry.id][0]:
                found[entry.id] = (rank, hit)
    hits = [h for _, h in found.values()] + _configured_hits(runs, stems)
    return sorted(hits, key=lambda h: (not h.whole, -len(h.matched_part.split()),
                                       h.point, h.source, h.term))


async def current_editions(session: AsyncSession, include_replaced: bool = False
                           ) -> list[UaGiSourceEdition]:
    stmt = select(UaGiSourceEdition).order_by(UaGiSourceEdition.source,
                                              UaGiSourceEdition.loaded_at.desc(),
                                              UaGiSourceEdition.id.desc())
    if not include_replaced:
        stmt = stmt.where(UaGiSourceEdition.replaced_at.is_(None))
    return list((await session.execute(stmt)).scalars())


async def edition(session: AsyncSession, code: str, label: str) -> UaGiSourceEdition | None:
    """The latest loaded edition ``label`` of source ``code`` (current or replaced)."""
    return (await session.execute(
        select(UaGiSourceEdition).where(UaGiSourceEdition.source == code,
                                        UaGiSourceEdition.edition == label)
        .order_by(UaGiSourceEdition.id.desc()).limit(1))).scalar_one_or_none()


__all__ = ["CONFIGURED", "CONFIGURED_EDITION", "Hit", "configured_names",
           "current_editions", "edition", "lookup"]
