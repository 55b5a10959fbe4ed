"""``ipreg ua-gi sources``: load, list and look up the official sources of GI rules
V.8.4-8.5 (VR-46)."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click


def register(cli: click.Group) -> None:
    """Hook ``ipreg_register_commands``: ``ipreg ua-gi sources ...``."""
    group = cli.commands.get("ua-gi")
    if not isinstance(group, click.Group):
        group = click.Group("ua-gi", help="The GI register of Ukraine (ukraine_gi).")
        cli.add_command(group)
    group.add_command(sources)


def _run(obj: Any, work: Any) -> Any:
    async def main() -> Any:
        try:
            return await work(obj.runtime)
        finally:
            await obj.runtime.close()

    return asyncio.run(main())


@click.group()
def sources() -> None:
    """The official sources of GI rules V.8.4-8.5 (generic names; plant varieties and
    animal breeds)."""


@sources.command("load")
@click.option("--source", "code", required=True,
              help="The source's code (`ipreg ua-gi sources list`), e.g. pluto, "
              "ua_varieties, uktzed.")
@click.option("--edition", required=True, help="The edition's label, e.g. 2026-11.")
@click.option("--published-on", default=None, help="The edition's date, YYYY-MM-DD.")
@click.option("--origin", required=True, help="Where it came from: the publisher's address "
              "or document.")
@click.option("--dry-run", is_flag=True, help="Check only; write nothing.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def load_command(obj: Any, code: str, edition: str, published_on: str | None, origin: str,
                 dry_run: bool, file: Path) -> None:
    """Load FILE (the source's CSV export, UTF-8 with a header row) as the current edition
    of the source, replacing the one loaded before in one transaction. Every row is
    checked; with any problem nothing is loaded and the command exits with status 1."""
    from ipreg.core.auth import SYSTEM
    from ipreg.core.errors import BadUserInput
    from ipreg.plugins.ukraine.gi.sources.loader import EditionInfo, load_edition

    day = None
    if published_on:
        try:
            day = dt.date.fromisoformat(published_on)
        except ValueError:
            click.echo(f"error: --published-on: {published_on!r} is not a date YYYY-MM-DD",
                       err=True)
            sys.exit(2)
    info = EditionInfo(edition, origin, day, file.name)
    data = file.read_bytes()

    async def work(rt: Any) -> Any:
        async with rt.sessionmaker() as session:
            row, parsed = await load_edition(session, code, data, info, principal=SYSTEM,
                                             now=rt.clock(), dry_run=dry_run)
            if row is not None:
                await session.commit()
            return len(parsed.entries)

    try:
        count = _run(obj, work)
    except BadUserInput as exc:
        for problem in exc.details.get("errors") or [exc.message]:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{file}: nothing loaded", err=True)
        sys.exit(1)
    verb = "would load" if dry_run else "loaded"
    click.echo(f"{verb} {count} entries of {code} edition {edition} from {file}")


@sources.command("list")
@click.option("--all", "everything", is_flag=True, help="Replaced editions too.")
@click.pass_obj
def list_command(obj: Any, everything: bool) -> None:
    """The sources, the point each serves, and the editions loaded."""
    from ipreg.plugins.ukraine.gi.sources.catalogue import SOURCES
    from ipreg.plugins.ukraine.gi.sources.lookup import current_editions

    async def work(rt: Any) -> Any:
        async with rt.sessionmaker() as session:
            return await current_editions(session, include_replaced=everything)

    editions = _run(obj, work)
    for src in SOURCES:
        click.echo(f"{src.code}\t{src.point}\t{src.name_uk}")
        for e in editions:
            if e.source == src.code:
                state = f"replaced {e.replaced_at:%Y-%m-%d}" if e.replaced_at else "current"
                click.echo(f"\t{e.edition}\t{e.published_on or '-'}\t{e.entries} entries\t"
                           f"{state}\t{e.origin}")


@sources.command("lookup")
@click.argument("name")
@click.pass_obj
def lookup_command(obj: Any, name: str) -> None:
    """What NAME is or includes in every loaded source and the configured list."""
    from ipreg.plugins.ukraine.gi.sources.lookup import lookup

    async def work(rt: Any) -> Any:
        async with rt.sessionmaker() as session:
            return await lookup(session, name)

    for hit in _run(obj, work):
        click.echo(f"{hit.point}\t{hit.source}\t{hit.describe()}")


__all__ = ["register"]
