"""``ipreg notifications dispatch`` and ``ipreg notifications list``."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ipreg.core.cli import Ctx
from ipreg.core.config import Settings
from ipreg.core.model import Party
from ipreg.core.notify import enqueue
from ipreg.core.notify.cli import notifications
from ipreg.core.runtime import Runtime


def _seed(url: str) -> None:
    async def seed() -> None:
        runtime = Runtime.create(Settings.from_env(database_url=url, plugins=None))
        try:
            async with runtime.sessionmaker() as session:
                party = Party(country="KZ", name="Comitet")
                session.add(party)
                await session.flush()
                for i in range(3):
                    enqueue(session, kind="message", subject=f"Message {i}", body="",
                            addressee_id=party.id, addressee_role="authorized_body")
                # Without IPREG_WEBHOOK_* configuration this fails permanently.
                enqueue(session, kind="message", subject="By webhook", body="",
                        addressee_id=party.id, addressee_role="authorized_body",
                        channel="webhook")
                await session.commit()
        finally:
            await runtime.close()

    asyncio.run(seed())


def test_dispatch_once_then_list(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("IPREG_WEBHOOK_ENDPOINTS", "IPREG_WEBHOOK_SECRET", "IPREG_SMTP_HOST"):
        monkeypatch.delenv(name, raising=False)
    _seed(database_url)
    runner = CliRunner()

    listed = runner.invoke(notifications, ["list", "--status", "pending"], obj=Ctx(database_url))
    assert listed.exit_code == 0, listed.output
    assert len(listed.output.splitlines()) == 4

    done = runner.invoke(notifications, ["dispatch", "--once"], obj=Ctx(database_url))
    assert done.exit_code == 0, done.output
    assert "claimed=4 sent=3 retried=0 failed=1" in done.output

    sent = runner.invoke(notifications, ["list", "--status", "sent"], obj=Ctx(database_url))
    lines = [line.split("\t") for line in sent.output.splitlines()]
    assert [fields[7] for fields in lines] == ["Message 2", "Message 1", "Message 0"]
    assert {(fields[1], fields[2], fields[5]) for fields in lines} == {("sent", "inbox", "1")}

    failed = runner.invoke(notifications, ["list", "--status", "failed"], obj=Ctx(database_url))
    [line] = failed.output.splitlines()
    assert line.split("\t")[-1].startswith("no webhook endpoint for addressee")

    again = runner.invoke(notifications, ["dispatch", "--once"], obj=Ctx(database_url))
    assert "claimed=0" in again.output

    bad = runner.invoke(notifications, ["list", "--status", "lost"], obj=Ctx(database_url))
    assert bad.exit_code != 0


def test_the_commands_work_under_the_root_cli(database_url: str) -> None:
    """Mounted on ``ipreg`` (as the wiring will do), they get the root's --database."""
    _seed(database_url)
    script = (
        "from ipreg.core.cli import cli\n"
        "from ipreg.core.notify.cli import notifications\n"
        "cli.add_command(notifications)\n"
        "cli(prog_name='ipreg')\n"
    )
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("IPREG_WEBHOOK_", "IPREG_SMTP_"))}
    done = subprocess.run(
        [sys.executable, "-c", script, "--database", database_url, "notifications", "dispatch",
         "--once"], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert "sent=3" in done.stdout
    listed = subprocess.run(
        [sys.executable, "-c", script, "--database", database_url, "notifications", "list"],
        capture_output=True, text=True, timeout=120, env=env)
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 4
