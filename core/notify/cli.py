"""``ipreg notifications``: run the dispatcher, list the outbox."""

from __future__ import annotations

import asyncio
import signal
from typing import Any

import click
from sqlalchemy import select

from ipreg.core.cli import Ctx, pass_ctx
from ipreg.core.notify.outbox import STATUSES


@click.group("notifications")
def notifications() -> None:
    """The notification outbox and its dispatcher."""


@notifications.command("dispatch")
@click.option("--once", is_flag=True, help="Run one round and exit (for cron or a test).")
@click.option("--limit", type=int, default=None, help="Notifications per round "
              "(default IPREG_NOTIFY_BATCH, 100).")
@click.option("--interval", type=float, default=None, help="Seconds between rounds when idle "
              "(default IPREG_NOTIFY_INTERVAL, 5).")
@pass_ctx
def dispatch(obj: Ctx, once: bool, limit: int | None, interval: float | None) -> None:
    """Deliver due notifications: one round with --once, else until interrupted.

    Safe to run on several machines against one PostgreSQL database: each
    notification is claimed by one dispatcher only.
    """
    from dataclasses import replace

    from ipreg.core.notify.dispatcher import Dispatcher
    from ipreg.core.notify.settings import DispatchSettings

    settings = DispatchSettings.from_env()
    if limit is not None:
        settings = replace(settings, batch_size=limit)

    async def run() -> Any:
        runtime = obj.runtime
        try:
            dispatcher = Dispatcher(runtime, settings=settings)
            if once:
                return await dispatcher.run_once()
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            click.echo(
                f"dispatching notifications as {dispatcher.worker_id} through "
                f"{', '.join(sorted(dispatcher.channels))}; Ctrl-C stops"
            )
            await dispatcher.run_forever(interval, stop)
            return None
        finally:
            await runtime.close()

    report = asyncio.run(run())
    if report is not None:
        click.echo(" ".join(f"{key}={value}" for key, value in report.as_dict().items()))


@notifications.command("list")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="Only this status.")
@click.option("--limit", type=int, default=50, show_default=True)
@pass_ctx
def list_(obj: Ctx, status: str | None, limit: int) -> None:
    """The newest notifications: id, status, channel, kind, addressee, attempts, subject."""
    from ipreg.core.model import Notification

    async def rows() -> list[Notification]:
        runtime = obj.runtime
        try:
            async with runtime.sessionmaker() as session:
                stmt = select(Notification).order_by(Notification.id.desc()).limit(limit)
                if status is not None:
                    stmt = stmt.where(Notification.status == status)
                return list((await session.execute(stmt)).scalars())
        finally:
            await runtime.close()

    for n in asyncio.run(rows()):
        due = n.next_attempt_at.isoformat(timespec="seconds") if n.next_attempt_at else "-"
        fields = [
            str(n.id), n.status, n.channel, n.kind,
            str(n.addressee_id) if n.addressee_id is not None else "-",
            str(n.attempts), due, n.subject.replace("\t", " ").replace("\n", " "),
        ]
        if n.last_error and n.status != "sent":
            fields.append(n.last_error.replace("\n", " "))
        click.echo("\t".join(fields))
