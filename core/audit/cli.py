"""``ipreg audit``: commands over the audit trail.

Registered on the root command line with ``cli.add_command(audit)``; the root's
context object (:class:`ipreg.core.cli.Ctx`) gives the database settings.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING

import click

from ipreg.core.audit.verify import DEFAULT_BATCH, VerifyResult, verify_chain

if TYPE_CHECKING:
    from ipreg.core.cli import Ctx


@click.group()
def audit() -> None:
    """The hash-chained audit trail."""


async def _verify(database_url: str, from_seq: int, batch_size: int) -> VerifyResult:
    from ipreg.core.db.engine import make_engine

    engine = make_engine(database_url)
    try:
        async with engine.connect() as conn:
            return await verify_chain(conn, from_seq=from_seq, batch_size=batch_size)
    finally:
        await engine.dispose()


@audit.command("verify")
@click.option(
    "--from-seq",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="First record to check; the record before it is trusted.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH,
    show_default=True,
    help="Records read per query.",
)
@click.pass_obj
def audit_verify(obj: Ctx, from_seq: int, batch_size: int) -> None:
    """Check the hash chain; exit 1 naming the first altered, deleted or reordered record."""
    result = asyncio.run(_verify(obj.settings.database_url, from_seq, batch_size))
    problem = result.problem
    if problem is not None:
        where = f" at record {problem.seq}" if problem.seq else ""
        click.echo(f"audit trail broken{where} ({problem.kind}): {problem.message}", err=True)
        click.echo(f"{result.checked} records checked before it", err=True)
        sys.exit(1)
    click.echo(f"{result.checked} records, chain intact")
    click.echo(f"head: record {result.head_seq}, hash {result.head_hash}")
