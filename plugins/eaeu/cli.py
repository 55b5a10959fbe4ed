"""Command line of the EAEU plugin: ``ipreg import eaeu`` and the ``ipreg eaeu`` group."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import click


def register(cli: click.Group) -> None:
    """Hook ``ipreg_register_commands``: add ``import eaeu`` and the ``eaeu`` group."""
    group = cli.commands.get("import")
    if not isinstance(group, click.Group):
        group = click.Group("import", help="Import register data from files.")
        cli.add_command(group)
    group.add_command(import_eaeu)
    cli.add_command(eaeu)


def _run(obj: Any, coro_factory: Any) -> Any:
    async def main() -> Any:
        try:
            return await coro_factory(obj.runtime)
        finally:
            await obj.runtime.close()

    return asyncio.run(main())


@click.command("eaeu")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate only; write nothing.")
@click.pass_obj
def import_eaeu(obj: Any, file: Path, dry_run: bool) -> None:
    """Import EAEU register entries from FILE (JSON, docs/eaeu-import.schema.json).

    Every record is validated; problems are listed with their position and nothing
    is written unless every record is valid.
    """
    from ipreg.plugins.eaeu.importer import import_text

    text = file.read_text(encoding="utf-8")
    report = _run(obj, lambda rt: import_text(rt, text, dry_run=dry_run))
    if report.errors:
        for error in report.errors:
            click.echo(f"error: {error}", err=True)
        click.echo(f"{len(report.errors)} problem(s) in {file}: nothing imported", err=True)
        sys.exit(1)
    verb = "would import" if dry_run else "imported"
    click.echo(f"{verb} {report.entries} EAEU register entries from {file}")


@click.group()
def eaeu() -> None:
    """The EAEU unified customs register of IP objects."""


@eaeu.command("authorities")
@click.pass_obj
def authorities_command(obj: Any) -> None:
    """List the parties of the member states' central customs authorities (creating them).

    Grant ``authorized_body:eaeu:<party id>`` to the users of each authority.
    """
    from ipreg.plugins.eaeu.codes import member_state
    from ipreg.plugins.eaeu.store import authorities

    async def work(rt: Any) -> dict[str, int]:
        async with rt.sessionmaker() as session:
            found = await authorities(session)
            await session.commit()
            return found

    for country, party in sorted(_run(obj, work).items()):
        state = member_state(country)
        name = state.authority["ru"] if state else ""
        click.echo(f"{country}\t{party}\tauthorized_body:eaeu:{party}\t{name}")


@eaeu.command("extract")
@click.argument("registration_number")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the JSON extract here.")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the PDF extract here (signed when IPREG_EAEU_SIGNING_KEY is set).")
@click.option("--language", type=click.Choice(["ru", "en"]), default="ru", show_default=True,
              help="The language of the document.")
@click.pass_obj
def extract_command(obj: Any, registration_number: str, json_path: Path | None,
                    pdf_path: Path | None, language: str) -> None:
    """P.SP.01.PRC.011: issue an extract of REGISTRATION_NUMBER (e.g. 00042/TZ/0007),
    numbered and recorded for its public verification (IPREG_EAEU_PUBLIC_URL)."""
    import datetime as dt

    from ipreg.plugins.eaeu.extract import (
        ExtractSettings,
        PdfSigner,
        issue_extract,
        render_document,
    )

    settings = ExtractSettings.from_env()

    async def work(rt: Any) -> Any:
        async with rt.sessionmaker() as session:
            made = await issue_extract(
                session, obj.settings.secret, registration_number, dt.datetime.now(dt.UTC),
                base_url=settings.public_url or "http://127.0.0.1:8000", language=language,
                issuer=settings.issuer, issued_to="cli")
            await session.commit()
            return made

    made = _run(obj, work)
    if json_path is None and pdf_path is None:
        click.echo(made.json_bytes().decode())
    if json_path is not None:
        json_path.write_bytes(made.json_bytes())
    if pdf_path is not None:
        pdf_path.write_bytes(render_document(made, PdfSigner.load(settings)))
    click.echo(f"extract {made.number}, verification code {made.code}: {made.verify_url}",
               err=True)


@eaeu.command("verify-extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def verify_extract_command(obj: Any, file: Path) -> None:
    """Check an extract (JSON, or PDF with its embedded JSON) against its verification code."""
    from ipreg.plugins.eaeu.extract import verify

    result = verify(obj.settings.secret, file.read_bytes())
    if not result.valid:
        click.echo(f"INVALID: the code {result.code} does not match the content of {file}",
                   err=True)
        sys.exit(1)
    click.echo(f"valid extract of {result.registration_number} generated at "
               f"{result.generated_at} (code {result.code})")


@eaeu.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (CSV: standard output when not given).")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The register on this day (entries in force then).")
@click.option("--where", "where", multiple=True, metavar="NAME=VALUE",
              help="A filter of eaeuEntries / /eaeu/export.csv, e.g. kind=TZ, holderCountry=KZ, "
                   "includedFrom=2024-01-01, sort=name, descending=true (repeatable).")
@click.option("--delimiter", type=click.Choice(["comma", "semicolon", "tab"]), default="comma",
              show_default=True, help="CSV: semicolon for Excel in ru/uk locales.")
@click.pass_obj
def export_command(obj: Any, fmt: str, output: Path | None, as_of: Any,
                   where: tuple[str, ...], delimiter: str) -> None:
    """P.SP.01.PRC.012: export the published register, or a filtered and sorted part
    of it (published entries, published items), streamed."""
    from ipreg.core.errors import IpregError
    from ipreg.plugins.eaeu.export import write_csv, write_xlsx
    from ipreg.plugins.eaeu.register_query import from_parameters
    from ipreg.schema.exports import csv_delimiter

    params: dict[str, str] = {}
    for item in where:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--where {item!r}: give NAME=VALUE")
        params[key.strip()] = value.strip()
    if as_of is not None:
        params["asOf"] = as_of.date().isoformat()
    try:
        entry_filter, sort, descending = from_parameters(params)
    except IpregError as error:
        raise click.UsageError(error.message) from None
    options: dict[str, Any] = {"entry_filter": entry_filter, "sort": sort,
                               "descending": descending}
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--output is required for xlsx")

    async def work(rt: Any) -> int:
        async with rt.sessionmaker() as session:
            if fmt == "xlsx":
                assert output is not None
                return await write_xlsx(session, str(output), **options)
            separator = csv_delimiter(delimiter)
            if output is None:
                return await write_csv(session, sys.stdout, delimiter=separator, **options)
            with output.open("w", encoding="utf-8-sig" if separator == ";" else "utf-8",
                             newline="") as handle:
                return await write_csv(session, handle, delimiter=separator, **options)

    count = _run(obj, work)
    click.echo(f"exported {count} entries", err=True)


@eaeu.command("sync")
@click.option("--from", "source", required=True, help="GraphQL URL of the register, e.g. "
              "https://register.example/graphql.")
@click.option("--token", envvar="IPREG_SYNC_TOKEN", help="Bearer token of the CCA's user.")
@click.option("--api-key", envvar="IPREG_SYNC_API_KEY", help="API key of the CCA's system.")
@click.option("--page-size", type=click.IntRange(1, 1000), default=200, show_default=True,
              help="Changes asked for per request.")
@click.option("--confirm/--no-confirm", default=True, show_default=True,
              help="End by confirming to the register the changes processed (R174 p.13(4)); "
              "only an authorized body's user may (--no-confirm for others).")
@click.pass_obj
def sync_command(obj: Any, source: str, token: str | None, api_key: str | None,
                 page_size: int, confirm: bool) -> None:
    """P.SP.01.PRC.008-010: bring the replica in --database up to date with the register.

    The replica is a migrated ipreg database (`ipreg --database URL db upgrade`) that
    only this command writes to; it keeps the positions it reached, so the next run
    (at least daily, R174 p.13(3)) fetches only what changed. An ipreg server on it
    answers the register queries like the source.
    """
    from ipreg.plugins.eaeu.sync import http_post, sync

    if not token and not api_key:
        raise click.UsageError("the changes are for the authorized bodies: give --token or "
                               "--api-key (or IPREG_SYNC_TOKEN / IPREG_SYNC_API_KEY)")
    post = http_post(source, token=token, api_key=api_key)
    report = _run(obj, lambda rt: sync(post, rt.sessionmaker, page_size=page_size,
                                       confirm=confirm))
    if report.up_to_date:
        click.echo(f"up to date with {source} ({report.requests} request)")
        return
    click.echo(f"{report.register_changes} register and {report.turnover_changes} turnover "
               f"changes in {report.pages} pages ({report.requests} requests): "
               f"{report.entries_written} entries written, {report.entries_removed} removed")
