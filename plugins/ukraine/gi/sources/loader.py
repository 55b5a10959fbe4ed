"""Loading an edition of an official source of GI rules V.8.4-8.5 (VR-46) from the CSV its
publisher exports (columns: :mod:`.catalogue`, docs/ukraine-gi.md).

Every row is checked first; with any problem nothing is written and every problem is
reported with its line and column. A valid edition replaces the source's current edition in
the caller's transaction (its entries go, its row stays marked ``replaced_at``), with an
audit record and change-feed events (entity ``ua_gi_source_edition``) as the core's writes
have.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.audit import record_audit
from ipreg.core.auth import Principal
from ipreg.core.checks import NUL
from ipreg.core.db.bulk import insert_ids, insert_rows, table_of
from ipreg.core.errors import BadUserInput
from ipreg.core.feed import record_change
from ipreg.plugins.ukraine.gi.sources.catalogue import LOADABLE, Source, source
from ipreg.plugins.ukraine.gi.sources.forms import entry_forms, stem
from ipreg.plugins.ukraine.gi.sources.models import (
    UaGiSourceEdition,
    UaGiSourceEntry,
    UaGiSourceForm,
)

JURISDICTION = "ua_gi"
ENTITY = "ua_gi_source_edition"
RULE = "VR-46"
#: The column that carries an entry's code in each source.
CODE_COLUMN = {"nice": "class", "uktzed": "code", "classifier": "code",
               "normative": "document", "reference": "work", "publication": "publication",
               "ua_variety_patents": "patent_number", "ua_varieties": "application_number",
               "variety_bulletin": "issue", "sort_system": "application_number",
               "pluto": "upov_code", "breeds": "register"}
TERM_LIMIT = 500
VALUE_LIMIT = 2000
MAX_PROBLEMS = 50


def _nice_class(value: str) -> str | None:
    return None if value.isdigit() and 1 <= int(value) <= 45 else "a class of 1-45"


def _digits(low: int, high: int) -> Callable[[str], str | None]:
    pattern = re.compile(rf"\d{{{low},{high}}}")

    def check(value: str) -> str | None:
        return None if pattern.fullmatch(value.replace(" ", "")) else (
            f"{low}-{high} digits")
    return check


def _iso_date(value: str) -> str | None:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return "a date YYYY-MM-DD"
    return None


def _year(value: str) -> str | None:
    return None if re.fullmatch(r"(19|20)\d\d", value) else "a year (4 digits)"


def _upov_code(value: str) -> str | None:
    return None if re.fullmatch(r"[A-Z]{3,8}(_[A-Z]{2,8}){0,3}", value) else (
        "a UPOV code such as VITIS_VIN or MALUS_DOM")


def _authority(value: str) -> str | None:
    return None if re.fullmatch(r"[A-Z]{2}", value) else "a 2-letter country or "\
        "organisation code (QZ: the European Union)"


def _register(value: str) -> str | None:
    return None if value in ("PBR", "NLI") else "PBR or NLI"


#: Column checks beside presence and length: (source or None for all, column) -> check.
CHECKS: dict[tuple[str | None, str], Callable[[str], str | None]] = {
    ("nice", "class"): _nice_class,
    ("uktzed", "code"): _digits(4, 10),
    ("pluto", "upov_code"): _upov_code,
    ("pluto", "authority"): _authority,
    ("pluto", "register"): _register,
    (None, "registered_on"): _iso_date,
    ("ua_varieties", "registered_year"): _year,
}


@dataclass
class ParsedEntry:
    line: int
    term: str
    code: str | None
    attributes: dict[str, str]
    synonyms: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    source: str
    entries: list[ParsedEntry]
    problems: list[str]
    sha256: str


def _decode(data: bytes, problems: list[str]) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"file: not UTF-8 text (byte {exc.start}); export the source as "
                        f"UTF-8 CSV ({RULE})")
        return None
    if NUL in text:
        problems.append(f"file: contains a NUL character; not a CSV text file ({RULE})")
        return None
    return text


def _dialect(text: str) -> str:
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)


def parse(code: str, data: bytes) -> Parsed:
    """The entries of a CSV export of source ``code``, or every problem found."""
    problems: list[str] = []
    digest = hashlib.sha256(data).hexdigest()
    src = source(code)
    if src is None or not src.loadable:
        problems.append(f"source: {code!r} is not a loadable source; one of "
                        f"{', '.join(LOADABLE)} ({RULE})")
        return Parsed(code, [], problems, digest)
    text = _decode(data, problems)
    if text is None:
        return Parsed(code, [], problems, digest)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text)))
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        problems.append(f"file: empty; the first line is the header with the columns "
                        f"{', '.join(src.required)} ({RULE})")
        return Parsed(code, [], problems, digest)
    header = [h.strip().lower().replace(" ", "_") for h in rows[0]]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        problems.append(f"header: column(s) {', '.join(repeated)} given twice ({RULE})")
    missing = [c for c in src.required if c not in header]
    if missing:
        problems.append(f"header: missing column(s) {', '.join(missing)} of {src.name_en} "
                        f"(required: {', '.join(src.required)}; {RULE})")
    if problems:
        return Parsed(code, [], problems, digest)
    entries = _rows(src, header, rows[1:], problems)
    if not entries and not problems:
        problems.append(f"file: no entries after the header ({RULE})")
    return Parsed(code, entries, problems[:MAX_PROBLEMS], digest)


def _rows(src: Source, header: list[str], rows: list[list[str]], problems: list[str]
          ) -> list[ParsedEntry]:
    entries: list[ParsedEntry] = []
    seen: dict[tuple[str, str | None], int] = {}
    for number, row in enumerate(rows, start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            problems.append(f"line {number}: {len(row)} fields, the header has "
                            f"{len(header)} ({RULE})")
            continue
        values = {h: v.strip() for h, v in zip(header, row, strict=True)}
        bad = False
        for name in src.required:
            if not values[name]:
                problems.append(f"line {number}, {name}: empty; required by {src.name_en} "
                                f"({RULE})")
                bad = True
        for name, value in values.items():
            limit = TERM_LIMIT if name == src.term else VALUE_LIMIT
            if len(value) > limit:
                problems.append(f"line {number}, {name}: longer than {limit} characters "
                                f"({RULE})")
                bad = True
            check = CHECKS.get((src.code, name)) or CHECKS.get((None, name))
            if value and check is not None and (wrong := check(value)):
                problems.append(f"line {number}, {name}: {value!r} is not {wrong} ({RULE})")
                bad = True
        if bad:
            continue
        term = values[src.term]
        code_value = values.get(CODE_COLUMN[src.code]) or None
        key = (term.casefold(), (code_value or "").casefold() or None)
        if key in seen:
            problems.append(f"line {number}: repeats line {seen[key]} ({term!r}; {RULE})")
            continue
        seen[key] = number
        synonyms = [s.strip() for s in values.get("synonyms", "").split("|") if s.strip()]
        entries.append(ParsedEntry(number, term, code_value[:100] if code_value else None,
                                   {k: v for k, v in values.items() if v}, synonyms))
    return entries


@dataclass
class EditionInfo:
    edition: str
    origin: str
    published_on: dt.date | None
    file_name: str


def check_info(info: EditionInfo, today: dt.date) -> list[str]:
    problems = []
    if not info.edition.strip() or len(info.edition) > 100:
        problems.append(f"edition: the edition's label (e.g. 2026-11, «Бюлетень» №11/2026), "
                        f"1-100 characters ({RULE})")
    if not info.origin.strip():
        problems.append(f"origin: where the edition came from (the publisher's address or "
                        f"document) is required ({RULE})")
    if info.published_on is not None and info.published_on > today:
        problems.append(f"publishedOn: {info.published_on.isoformat()} is in the future "
                        f"({RULE})")
    return problems


def snapshot(row: UaGiSourceEdition) -> dict[str, Any]:
    """What the change feed and the audit record carry of an edition."""
    return {"source": row.source, "edition": row.edition,
            "publishedOn": row.published_on.isoformat() if row.published_on else None,
            "origin": row.origin, "fileName": row.file_name, "sha256": row.sha256,
            "entries": row.entries, "loadedBy": row.loaded_by,
            "replacedAt": row.replaced_at.isoformat() if row.replaced_at else None}


async def load_edition(session: AsyncSession, code: str, data: bytes, info: EditionInfo, *,
                       principal: Principal, now: dt.datetime, dry_run: bool = False
                       ) -> tuple[UaGiSourceEdition | None, Parsed]:
    """VR-46: check the file and the edition's data; with no problem, replace the source's
    current edition by this one (in the caller's transaction; the caller commits). Raises
    ``BadUserInput`` listing every problem (nothing written)."""
    parsed = parse(code, data)
    problems = [*check_info(info, now.date()), *parsed.problems]
    if problems:
        raise BadUserInput(f"{len(problems)} problem(s); nothing loaded: "
                           + "; ".join(problems), errors=problems, argument="file")
    if dry_run:
        return None, parsed
    if session.get_bind().dialect.name == "postgresql":
        # two loads of one source at once: the second waits and replaces the first's
        await session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                              {"key": f"ua_gi_source:{code}"})
    current = list((await session.execute(
        select(UaGiSourceEdition).where(UaGiSourceEdition.source == code,
                                        UaGiSourceEdition.replaced_at.is_(None)))).scalars())
    for old in current:
        await session.execute(delete(UaGiSourceForm).where(UaGiSourceForm.edition_id == old.id))
        await session.execute(delete(UaGiSourceEntry).where(
            UaGiSourceEntry.edition_id == old.id))
        before = snapshot(old)
        old.replaced_at = now
        old.version += 1
        record_change(session, ENTITY, old, "update", snapshot(old), jurisdiction=JURISDICTION)
        record_audit(session, principal=principal, action="ua_gi_source_replaced",
                     entity=ENTITY, entity_id=old.id, before=before, after=snapshot(old),
                     jurisdiction=JURISDICTION, note=f"replaced by edition {info.edition}")
    row = UaGiSourceEdition(source=code, edition=info.edition.strip(),
                            published_on=info.published_on, origin=info.origin.strip(),
                            file_name=info.file_name[:300], sha256=parsed.sha256,
                            entries=len(parsed.entries), loaded_by=principal.describe()[:200],
                            loaded_at=now, version=1)
    session.add(row)
    await session.flush()
    ids = await insert_ids(session, table_of(UaGiSourceEntry), [
        {"edition_id": row.id, "line": e.line, "term": e.term, "code": e.code,
         "attributes": e.attributes} for e in parsed.entries])
    forms = []
    for entry_id, entry in zip(ids, parsed.entries, strict=True):
        seen: set[str] = set()
        for term in (entry.term, *entry.synonyms):
            for label, form in entry_forms(term):
                if form not in seen:
                    seen.add(form)
                    forms.append({"entry_id": entry_id, "edition_id": row.id, "form": form,
                                  "stem": stem(form)[:500],
                                  "label": label if term == entry.term else "synonym"})
    for i in range(0, len(forms), 5000):
        await insert_rows(session, table_of(UaGiSourceForm), forms[i:i + 5000])
    record_change(session, ENTITY, row, "create", lambda: snapshot(row),
                  jurisdiction=JURISDICTION)
    record_audit(session, principal=principal, action="ua_gi_source_loaded", entity=ENTITY,
                 entity_id=row.id, after=snapshot(row), jurisdiction=JURISDICTION,
                 note=f"{code} edition {row.edition}: {row.entries} entries ({RULE})")
    return row, parsed


__all__ = ["CODE_COLUMN", "ENTITY", "EditionInfo", "Parsed", "check_info", "load_edition",
           "parse", "snapshot"]
