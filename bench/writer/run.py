"""Import speed of the register writer: ``ipreg import objects`` and ``ipreg import eaeu``.

Each run imports a generated file into a fresh migrated database and prints
objects per second of the write (validation excluded where the importer lets us
time it apart, see below)::

    .venv/bin/python bench/writer/run.py --objects 20000 --entries 5000
    .venv/bin/python bench/writer/run.py --backend postgres --objects 20000 --entries 5000

* **objects**: ``bench/search/generate.py`` records (one or two holders from a
  pool of 40,000, keywords, register numbers) through
  :func:`ipreg.core.services.importing.import_objects`;
* **entries**: EAEU register entries of ``ipreg.plugins.eaeu.samples`` (rich
  parties with addresses, contacts, employees; documents; goods with turnover
  data) through :func:`ipreg.plugins.eaeu.importer.import_data` in one
  transaction, commit included.

Both validate first, timed apart (JSON, forms, JSON Schema: the same before and
after a change of the writer); the time printed is the rest of the call (the
check of register numbers, the writes, the commit with its change events).

``--backend postgres`` uses ``IPREG_TEST_POSTGRES_URL`` (a role that may create
databases); the database is dropped afterwards. Print the machine's load with
the numbers: another process on a 2-core machine halves them.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "search"))

from generate import Generator

from ipreg.core.config import Settings
from ipreg.core.db import migrate
from ipreg.core.db.engine import sync_url
from ipreg.core.runtime import Runtime


def object_lines(n: int) -> list[str]:
    gen = Generator()
    out = []
    for i in range(1, n + 1):
        record = gen.record(i)
        holders = {(h["country"], h["name"]): h for h in record["holders"]}
        record["holders"] = list(holders.values())  # the importer refuses a holder twice
        out.append(json.dumps(record, ensure_ascii=False))
    return out


def eaeu_entries(n: int) -> dict[str, Any]:
    from ipreg.plugins.eaeu import samples

    rng = random.Random(n)
    out = []
    for i in range(n):
        form = samples.form(i, rng, representative=rng.random() < 0.7)
        form["register"] = samples.register_data(i, i + 1, i // 3 + 1, dt.date(2024, 5, 6), rng,
                                                 [("prolonged", dt.date(2026, 4, 1))])
        out.append(form)
    return {"format": "ipreg-eaeu-import/1", "entries": out}


class Database:
    def __init__(self, backend: str, workdir: Path) -> None:
        self.backend = backend
        self.workdir = workdir
        self.name = f"ipreg_bench_{uuid.uuid4().hex[:8]}"

    def __enter__(self) -> str:
        if self.backend == "sqlite":
            url = f"sqlite:///{self.workdir / (self.name + '.db')}"
        else:
            base = os.environ["IPREG_TEST_POSTGRES_URL"]
            admin = create_engine(sync_url(base).set(database="postgres"),
                                  isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{self.name}"'))
            admin.dispose()
            url = make_url(base).set(database=self.name).render_as_string(False)
        runtime = Runtime.create(Settings.from_env(database_url=url, plugins=None))
        migrate.upgrade(url, runtime.registry)
        self.url = url
        return url

    def __exit__(self, *exc: object) -> None:
        if self.backend == "postgres":
            admin = create_engine(sync_url(os.environ["IPREG_TEST_POSTGRES_URL"])
                                  .set(database="postgres"), isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            admin.dispose()


async def run_objects(url: str, lines: list[str]) -> tuple[float, float]:
    """(seconds writing, seconds validating): the import with its validation done first."""
    from ipreg.core.services import importing

    runtime = Runtime.create(Settings.from_env(database_url=url, plugins=None))
    parse = importing.parse_lines
    try:
        start = time.perf_counter()
        parsed = parse(lines, set(runtime.registry.object_kinds),
                       set(runtime.registry.jurisdictions))
        validated = time.perf_counter() - start
        importing.parse_lines = lambda *args, **kwargs: parsed  # type: ignore[assignment]
        start = time.perf_counter()
        report = await importing.import_objects(runtime, lines)
        took = time.perf_counter() - start
        assert report.objects == len(lines), report
        return took, validated
    finally:
        importing.parse_lines = parse  # type: ignore[assignment]
        await runtime.close()


async def run_entries(url: str, data: dict[str, Any]) -> tuple[float, float]:
    """(seconds writing, seconds validating): the import in one transaction, commit
    included, with its validation (JSON Schema and forms) done first."""
    from ipreg.plugins.eaeu import importer

    runtime = Runtime.create(Settings.from_env(database_url=url, plugins=None))
    validate = importer.validate
    try:
        start = time.perf_counter()
        checked = validate(data)
        validated = time.perf_counter() - start
        importer.validate = lambda _data: checked  # type: ignore[assignment]
        async with runtime.sessionmaker() as session:
            start = time.perf_counter()
            report = await importer.import_data(session, data)
            assert report.ok, report.errors[:5]
            await session.commit()
            took = time.perf_counter() - start
        return took, validated
    finally:
        importer.validate = validate  # type: ignore[assignment]
        await runtime.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--objects", type=int, default=20_000)
    parser.add_argument("--entries", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}", flush=True)
    lines = object_lines(args.objects) if args.objects else []
    data = eaeu_entries(args.entries) if args.entries else None
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            if lines:
                with Database(args.backend, Path(tmp)) as url:
                    took, validated = asyncio.run(run_objects(url, lines))
                print(f"{args.backend} import objects: {len(lines)} written in {took:.1f} s = "
                      f"{len(lines) / took:,.0f} objects/s (validated before in "
                      f"{validated:.1f} s)", flush=True)
            if data is not None:
                with Database(args.backend, Path(tmp)) as url:
                    took, validated = asyncio.run(run_entries(url, data))
                n = len(data["entries"])
                print(f"{args.backend} import eaeu: {n} written in {took:.1f} s = "
                      f"{n / took:,.0f} entries/s (validated before in {validated:.1f} s)",
                      flush=True)
    print(f"load average after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
