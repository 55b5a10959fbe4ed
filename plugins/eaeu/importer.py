"""``ipreg import eaeu FILE``: entries of the register from a JSON file, all or nothing.

The file follows ``docs/eaeu-import.schema.json``, the JSON Schema generated from the
declared forms (:func:`ipreg.plugins.eaeu.forms.import_schema`, the same
declarations the GraphQL input types come from). Every record is checked against the
JSON Schema and against the rules of R174 Appendix 1 (:mod:`ipreg.plugins.eaeu.forms`);
record numbers must be new (R174 A1 T1 5.1.1) and referenced files stored. Any
problem is reported with its position (``entries[3].goods[0].cnFeaCodes[0]``) and
nothing is written; otherwise every entry is written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.services.numbering import raise_counter
from ipreg.plugins.eaeu.forms import IMPORT_FORMAT, FormParser, ObjectForm, Problems, import_schema
from ipreg.plugins.eaeu.models import EaeuEntry
from ipreg.plugins.eaeu.numbering import SCOPE
from ipreg.plugins.eaeu.store import Declaration, authorities, check_files, import_entries

FORMAT = IMPORT_FORMAT


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of import files (generated once from the declared forms)."""
    return import_schema()


def _position(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


@dataclass
class ImportReport:
    """What an import did (or would do, ``dry_run``), or why it did nothing."""

    entries: int = 0
    errors: list[str] = field(default_factory=list)
    object_ids: list[int] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(data: Any) -> tuple[list[ObjectForm], list[str]]:
    """JSON Schema and Appendix 1 checks of every record: the forms and all problems."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema(),
                                                format_checker=jsonschema.FormatChecker())
    errors = [f"{_position(e.absolute_path)}: {e.message}"
              for e in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))]
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return [], errors or ["(file): an object with `format` and `entries` is required"]
    parser = FormParser()
    forms = []
    for i, entry in enumerate(data["entries"]):
        form = parser.object_form(entry, f"entries[{i}]", with_register=True)
        if form is not None and form.register is not None:
            forms.append(form)
    seen: dict[str, int] = {}
    for i, form in enumerate(forms):
        assert form.register is not None
        number = form.register.sequence_number
        if number in seen:
            parser.problems.add(f"entries[{i}].register.sequenceNumber", f"{number} is also "
                                f"entries[{seen[number]}]: one record number per entry "
                                "(R174 A1 T1 5.1.1)")
        seen[number] = i
    for problem in parser.problems.items:
        if problem not in errors:
            errors.append(problem)
    return forms, errors


async def import_data(session: AsyncSession, data: Any, *, dry_run: bool = False
                      ) -> ImportReport:
    """Validate and write ``data`` in the session's transaction (the caller commits)."""
    forms, errors = validate(data)
    report = ImportReport(entries=len(forms), errors=errors, dry_run=dry_run)
    if errors:
        return report
    numbers = {f.register.sequence_number: i for i, f in enumerate(forms) if f.register}
    taken = await session.execute(select(EaeuEntry.sequence_number)
                                  .where(EaeuEntry.sequence_number.in_(list(numbers))))
    for number in taken.scalars():
        report.errors.append(f"entries[{numbers[number]}].register.sequenceNumber: record "
                             f"{number} is already in the register (R174 A1 T1 5.1.1)")
    problems = Problems()
    for i, form in enumerate(forms):
        for ref, role in form.files():
            ref.path = f"entries[{i}].{ref.path}"
            await check_files(session, [(ref, role)], problems)
    report.errors += problems.items
    if report.errors or dry_run:
        return report
    await authorities(session)
    now = dt.datetime.now(dt.UTC)
    items = [Declaration(form, form.register.application_number,
                         form.register.application_date, now=now)
             for form in forms if form.register is not None]
    report.object_ids = [oid for oid, _ in await import_entries(session, items)]
    # later inclusions continue the sequences (R174 A1 T1 5.1.1, 5.1.3)
    for name, column in (("record", EaeuEntry.sequence_number),
                         ("decision", EaeuEntry.decision_number)):
        top = (await session.execute(select(func.max(column)))).scalar()
        await raise_counter(session, SCOPE, name, int(top or 0))
    return report


async def import_text(runtime: Any, text: str, *, dry_run: bool = False) -> ImportReport:
    """Import the JSON ``text`` of a file in one transaction (or report why not)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return ImportReport(errors=[f"(file): not JSON: {exc}"])
    async with runtime.sessionmaker() as session:
        report = await import_data(session, data, dry_run=dry_run)
        if report.ok and not dry_run:
            await session.commit()
        else:
            await session.rollback()
    return report
