"""``ipreg import objects``: validate every line, then import all or nothing.

And the ``ipreg search`` commands over what was imported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select
from support import sample_object

from ipreg.core.cli import Ctx
from ipreg.core.db.engine import sync_url
from ipreg.core.model import ChangeEvent, IPObject, Keyword
from ipreg.core.runtime import Runtime
from ipreg.core.services.importing import ImportFailed, import_objects, parse_lines
from ipreg.search.cli import import_group, search_group


@click.group()
@click.option("--database", "database_url", default=None)
@click.pass_context
def ipreg(ctx: click.Context, database_url: str | None) -> None:
    ctx.obj = Ctx(database_url)


ipreg.add_command(import_group)
ipreg.add_command(search_group)


def line(i: int, **overrides: Any) -> str:
    data = sample_object(i, **overrides)
    data.pop("representatives", None)
    return json.dumps(data, ensure_ascii=False)


def counts(database_url: str) -> tuple[int, int]:
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as conn:
            objects = conn.execute(select(func.count()).select_from(IPObject)).scalar_one()
            events = conn.execute(select(func.count()).select_from(ChangeEvent)).scalar_one()
            return int(objects), int(events)
    finally:
        engine.dispose()


def test_every_problem_is_reported_with_its_line_number() -> None:
    lines = [
        line(1),
        "{not json",
        "",
        line(3, holders=[{"name": "X", "country": "XX"}]),
        line(4, registerNumber="00001/TZ/0001"),
        line(5, kind="spaceship", keywords=[{"value": "ok", "transliteration": 7}]),
        "[1, 2]",
        line(8, holders=[{"name": "A", "country": "UA"}, {"name": "A", "country": "UA"}]),
    ]
    parsed, errors, read = parse_lines(lines, {"trademark"}, {"eaeu"})
    assert read == 8
    assert [p.line for p in parsed] == [1]
    found = {(e.line, e.message.split(":")[0]) for e in errors}
    assert found == {
        (2, "not valid JSON"),
        (4, "holders[0].country"),
        (5, "registerNumber"),
        (6, "keywords[0].transliteration"),
        (6, "kind"),
        (7, "must be a JSON object"),
        (8, "holders[1]"),
    }


async def test_import_writes_everything_in_one_go(runtime: Runtime, tmp_path: Path) -> None:
    path = tmp_path / "objects.jsonl"
    path.write_text(
        "\n".join(
            [
                line(1, keywords=["зелена", {"value": "марка", "transliteration": "marka"}]),
                "",
                line(2, jurisdiction="ua_customs"),
                line(3),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    phases: list[tuple[str, int, int]] = []
    report = await import_objects(runtime, path, lambda *a: phases.append(a))
    assert report.objects == 3
    assert phases[-1] == ("import", 3, 3)
    async with runtime.engine.connect() as conn:
        names = (await conn.execute(select(IPObject.name).order_by(IPObject.id))).scalars().all()
        keywords = (
            await conn.execute(
                select(Keyword.value, Keyword.transliteration)
                .where(Keyword.object_id == report.first_id)
                .order_by(Keyword.position)
            )
        ).all()
        events = (
            await conn.execute(select(func.count()).select_from(ChangeEvent))
        ).scalar_one()
    assert names == ["ЗЕЛЕНА МАРКА 1", "ЗЕЛЕНА МАРКА 2", "ЗЕЛЕНА МАРКА 3"]
    assert [tuple(k) for k in keywords] == [("зелена", None), ("марка", "marka")]
    assert events == 3


async def test_nothing_is_written_when_any_line_is_wrong(
    runtime: Runtime, tmp_path: Path
) -> None:
    path = tmp_path / "objects.jsonl"
    path.write_text("\n".join([line(1), line(2), line(3, status="")]), encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        await import_objects(runtime, path)
    assert [str(e) for e in failed.value.errors] == ["line 3: status: is required"]
    async with runtime.engine.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(IPObject))).scalar_one() == 0


async def test_register_numbers_already_in_the_register_are_refused(
    runtime: Runtime, tmp_path: Path
) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text(line(1), encoding="utf-8")
    await import_objects(runtime, first)
    again = tmp_path / "again.jsonl"
    again.write_text("\n".join([line(7), line(1)]), encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        await import_objects(runtime, again)
    assert len(failed.value.errors) == 1
    assert failed.value.errors[0].line == 2
    assert "already in the register" in failed.value.errors[0].message


def test_the_commands(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPREG_SEARCH_PATH", str(tmp_path / "search.db"))
    runner = CliRunner()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([line(1), "oops", line(2, kind="spaceship")]), encoding="utf-8")
    result = runner.invoke(ipreg, ["--database", database_url, "import", "objects", str(bad)])
    assert result.exit_code == 1, result.output
    assert f"{bad}:2: not valid JSON" in result.stderr
    assert f"{bad}:3: kind: 'spaceship' is not a known kind of IP object" in result.stderr
    assert "nothing imported (2 problem(s))" in result.stderr
    assert counts(database_url) == (0, 0)

    good = tmp_path / "good.jsonl"
    good.write_text(
        "\n".join(line(i, name=f"Snickers {i}" if i % 2 else f"Марс {i}") for i in range(1, 51)),
        encoding="utf-8",
    )
    result = runner.invoke(
        ipreg, ["--database", database_url, "import", "objects", "--progress", str(good)]
    )
    assert result.exit_code == 0, result.output
    assert "imported 50 IP objects" in result.stdout
    assert counts(database_url) == (50, 50)

    result = runner.invoke(ipreg, ["--database", database_url, "search", "reindex", "--progress"])
    assert result.exit_code == 0, result.output
    assert "search index rebuilt: 50 IP objects" in result.stdout
    result = runner.invoke(ipreg, ["--database", database_url, "search", "status"])
    assert result.exit_code == 0, result.output
    assert "backend\tembedded" in result.stdout
    assert "behind\t0" in result.stdout
    result = runner.invoke(ipreg, ["--database", database_url, "search", "query", "Mars 2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith("matching")
    assert "name ru-icao-9303 'mars 2'" in result.stdout or "name " in result.stdout
    result = runner.invoke(ipreg, ["--database", database_url, "search", "sync"])
    assert result.exit_code == 0, result.output
    assert "applied 0 change events" in result.stdout


async def test_holders_already_in_the_register_are_reused(runtime: Runtime, tmp_path: Path) -> None:
    from ipreg.core.model import ObjectParty, Party

    first = tmp_path / "first.jsonl"
    first.write_text(line(1), encoding="utf-8")
    await import_objects(runtime, first)
    second = tmp_path / "second.jsonl"
    second.write_text("\n".join([line(2), line(3)]), encoding="utf-8")
    await import_objects(runtime, second)
    async with runtime.engine.connect() as conn:
        parties = (await conn.execute(select(func.count()).select_from(Party))).scalar_one()
        links = (await conn.execute(select(func.count()).select_from(ObjectParty))).scalar_one()
    # Holders "ТОВ Зелена {i % 3}" and "Green Mark GmbH" (``line`` drops representatives).
    assert parties == 4
    assert links == 6
