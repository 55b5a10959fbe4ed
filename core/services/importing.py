"""Importing IP objects from JSON lines, all or nothing (``ipreg import objects``).

One object per line, in the documented form (``docs/import-objects.md``; the
same as :func:`ipreg.core.services.inputs.parse_object` reads, plus keywords
that may carry their transliteration: ``{"value": ..., "transliteration": ...}``).

1. **Validate every line first**: JSON syntax, the object form, known
   jurisdictions and kinds, register numbers unique in the file and not
   already in the register. Every problem is reported with its line number
   (``line 7: holders[0].country: 'XX' is not an ISO 3166-1 alpha-2 country
   code``); with any problem, nothing is written.
2. **Import in one transaction**: every object with its relations and its
   change event, written by :class:`~ipreg.core.services.objects.ObjectWriter`
   in batches of :data:`BATCH`; on any error the transaction rolls back and
   nothing is written.

Progress is reported through a callback ``(phase, done, total)``, ``phase``
being ``validate`` or ``import``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ipreg.core.errors import BadUserInput
from ipreg.core.model import IPObject
from ipreg.core.runtime import Runtime
from ipreg.core.services.inputs import ObjectInput, parse_object
from ipreg.core.services.objects import ObjectWriter, PartyCache, new_object

#: Objects written per batch (a few statements each) inside the one transaction.
BATCH = 500
#: Problems reported at most (the rest are counted).
MAX_ERRORS = 1000

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class LineError:
    """One problem of one line (1-based)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ImportFailed(BadUserInput):
    """The file has problems (or writing failed): nothing was imported."""

    def __init__(self, errors: Sequence[LineError], total: int | None = None) -> None:
        self.errors = list(errors)
        count = total if total is not None else len(self.errors)
        shown = "; ".join(str(e) for e in self.errors[:5])
        more = f" (and {count - 5} more)" if count > 5 else ""
        super().__init__(
            f"nothing imported: {count} problem(s): {shown}{more}",
            errors=[str(e) for e in self.errors],
        )
        self.total = count


@dataclass
class ParsedLine:
    """A valid line: the object and the transliterations of its keywords."""

    line: int
    data: ObjectInput
    transliterations: list[str | None] = field(default_factory=list)


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote."""

    objects: int
    first_id: int | None
    last_id: int | None


def _split_keywords(raw: Any) -> tuple[Any, list[str | None], list[str]]:
    """Keywords as strings for :func:`parse_object`, their transliterations, problems."""
    if not isinstance(raw, list):
        return raw, [], []
    values: list[Any] = []
    transliterations: list[str | None] = []
    problems: list[str] = []
    for i, item in enumerate(raw):
        if isinstance(item, Mapping):
            value = item.get("value")
            translit = item.get("transliteration")
            if translit is not None and (not isinstance(translit, str) or len(translit) > 4000):
                problems.append(f"keywords[{i}].transliteration: must be a string")
                translit = None
            values.append(value)
            transliterations.append(translit.strip() if translit else None)
        else:
            values.append(item)
            transliterations.append(None)
    return values, transliterations, problems


def parse_lines(
    lines: Iterable[str],
    known_kinds: set[str] | None = None,
    known_jurisdictions: set[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[ParsedLine], list[LineError], int]:
    """Validate every line: ``(valid objects, problems, lines read)``. Blank lines
    are skipped; a register number used twice in the file is a problem."""
    parsed: list[ParsedLine] = []
    errors: list[LineError] = []
    numbers: dict[tuple[str, str], int] = {}
    count = 0
    for number, text in enumerate(lines, 1):
        count = number
        if progress is not None and number % 1000 == 0:
            progress(number)
        if not text.strip():
            continue
        try:
            raw = json.loads(text)
        except ValueError as exc:
            errors.append(LineError(number, f"not valid JSON: {exc}"))
            continue
        if not isinstance(raw, dict):
            errors.append(LineError(number, "must be a JSON object"))
            continue
        keywords, transliterations, problems = _split_keywords(raw.get("keywords"))
        errors.extend(LineError(number, p) for p in problems)
        try:
            data = parse_object(
                {**raw, "keywords": keywords}, known_kinds, known_jurisdictions
            )
        except BadUserInput as exc:
            details = exc.details.get("errors") or [exc.message]
            errors.extend(LineError(number, str(d)) for d in details)
            continue
        duplicate = False
        for role, people in (("holders", data.holders), ("representatives", data.representatives)):
            seen: dict[tuple[str, str], int] = {}
            for i, person in enumerate(people):
                party = (person.country, person.name)
                if party in seen:
                    errors.append(
                        LineError(number, f"{role}[{i}]: the same party as {role}[{seen[party]}]")
                    )
                    duplicate = True
                seen.setdefault(party, i)
        if duplicate:
            continue
        if data.register_number:
            key = (data.jurisdiction, data.register_number)
            if key in numbers:
                errors.append(
                    LineError(
                        number,
                        f"registerNumber: {data.register_number!r} of {data.jurisdiction} "
                        f"is on line {numbers[key]} too",
                    )
                )
                continue
            numbers[key] = number
        parsed.append(ParsedLine(number, data, transliterations))
    if progress is not None:
        progress(count)
    return parsed, errors, count


async def _taken_numbers(runtime: Runtime, parsed: Sequence[ParsedLine]) -> list[LineError]:
    """Problems for register numbers the register already holds."""
    wanted = [
        (p.data.jurisdiction, p.data.register_number, p.line)
        for p in parsed
        if p.data.register_number
    ]
    errors: list[LineError] = []
    async with runtime.engine.connect() as conn:
        for start in range(0, len(wanted), 400):
            chunk = wanted[start : start + 400]
            condition = or_(
                *(
                    and_(IPObject.jurisdiction == j, IPObject.register_number == n)
                    for j, n, _ in chunk
                )
            )
            rows = await conn.execute(
                select(IPObject.jurisdiction, IPObject.register_number, IPObject.id).where(
                    condition
                )
            )
            taken = {(r.jurisdiction, r.register_number): r.id for r in rows}
            for j, n, line in chunk:
                if (j, n) in taken:
                    errors.append(
                        LineError(
                            line,
                            f"registerNumber: {n!r} of {j} is already in the register "
                            f"(object {taken[(j, n)]})",
                        )
                    )
    return errors


async def import_objects(
    runtime: Runtime, source: Path | Iterable[str], progress: Progress | None = None
) -> ImportReport:
    """Validate the lines of ``source`` (a path or lines), then import them in one
    transaction. Raises :class:`ImportFailed` (nothing written) on any problem."""
    if isinstance(source, Path):
        with source.open(encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    else:
        lines = list(source)
    total = len(lines)

    def validating(done: int) -> None:
        if progress is not None:
            progress("validate", done, total)

    parsed, errors, _ = parse_lines(
        lines,
        set(runtime.registry.object_kinds),
        set(runtime.registry.jurisdictions),
        validating,
    )
    if not errors:
        errors = await _taken_numbers(runtime, parsed)
    if errors:
        errors.sort(key=lambda e: e.line)
        raise ImportFailed(errors[:MAX_ERRORS], total=len(errors))
    if progress is not None:
        progress("import", 0, len(parsed))
    ids: list[int] = []
    batch: Sequence[ParsedLine] = []
    try:
        async with runtime.sessionmaker() as session:
            writer = ObjectWriter(session, PartyCache(session))
            for start in range(0, len(parsed), BATCH):
                batch = parsed[start : start + BATCH]
                written = await writer.write(
                    [new_object(item.data, item.transliterations) for item in batch]
                )
                ids += [w.id for w in written]
                if progress is not None:
                    progress("import", start + len(batch), len(parsed))
            await session.commit()
    except SQLAlchemyError as exc:
        # Objects are written in batches: the failing one is in the batch being written.
        first = batch[0].line if batch else 0
        last = batch[-1].line if batch else first
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise ImportFailed(
            [LineError(first, f"writing lines {first}-{last} failed: {type(exc).__name__}: "
                              f"{reason}")]
        ) from exc
    if progress is not None:
        progress("import", len(parsed), len(parsed))
    return ImportReport(len(ids), ids[0] if ids else None, ids[-1] if ids else None)
