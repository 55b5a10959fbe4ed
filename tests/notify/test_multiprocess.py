"""Two dispatcher processes on one database deliver every notification exactly once.

Two ``python -c`` processes (as two ``ipreg serve`` replicas would) start
together on 200 pending webhook notifications; the webhook server in this
process counts what reaches it per notification and checks every signature.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections import Counter
from typing import Any

from sqlalchemy import select

from ipreg.core import feed
from ipreg.core.model import Notification
from ipreg.core.notify import enqueue, verify_signature
from ipreg.core.runtime import Runtime

COUNT = 200
PARTIES = 4

SCRIPT = r"""
import asyncio, json, sys
from sqlalchemy import func, select
from ipreg.core.config import Settings
from ipreg.core.model import Notification
from ipreg.core.notify import (Dispatcher, DispatchReport, DispatchSettings,
                               WebhookChannel)
from ipreg.core.runtime import Runtime


async def main(url, worker):
    runtime = Runtime.create(Settings.from_env(database_url=url, plugins=None))
    dispatcher = Dispatcher(runtime, [WebhookChannel.from_env()], worker_id=worker,
                            settings=DispatchSettings(batch_size=7, concurrency=4))
    print("ready", flush=True)
    sys.stdin.readline()
    total = DispatchReport()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 120
    while loop.time() < deadline:
        report = await dispatcher.run_once()
        total += report
        async with runtime.sessionmaker() as session:
            left = await session.scalar(
                select(func.count()).select_from(Notification)
                .where(Notification.status.in_(("pending", "sending"))))
        if not left:
            break
        if not report.claimed:
            await asyncio.sleep(0.01)
    print(json.dumps(total.as_dict()), flush=True)
    await runtime.close()


asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


async def _start(url: str, worker: str, env: dict[str, str]) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", SCRIPT, url, worker,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env=env,
    )
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), 60)
    if line.strip() != b"ready":
        assert process.stderr is not None
        error = await process.stderr.read()
        raise AssertionError(f"{worker} did not start: {line!r} {error.decode()[-2000:]}")
    return process


async def test_two_processes_deliver_each_notification_exactly_once(
    runtime: Runtime, database_url: str, make_party: Any, webhook_server: Any
) -> None:
    secrets = {}
    for i in range(PARTIES):
        secrets[await make_party(f"Орган {i}")] = f"secret-{i}"
    parties = list(secrets)
    async with runtime.sessionmaker() as session:
        rows = [
            enqueue(session, kind="message", subject=f"Повідомлення {i}", body="Текст",
                    addressee_id=parties[i % PARTIES], addressee_role="authorized_body",
                    channel="webhook")
            for i in range(COUNT)
        ]
        await session.commit()
    ids = [r.id for r in rows]
    addressee = {r.id: r.addressee_id for r in rows}

    env = {
        **os.environ,
        "IPREG_WEBHOOK_ENDPOINTS": json.dumps(
            {str(p): {"url": webhook_server.url("/slow/3"), "secret": s}
             for p, s in secrets.items()}),
    }
    env.pop("IPREG_WEBHOOK_SECRET", None)
    workers = list(await asyncio.gather(
        *(_start(database_url, name, env) for name in ("replica-a", "replica-b"))))
    started = time.perf_counter()
    for process in workers:
        assert process.stdin is not None
        process.stdin.write(b"go\n")
        await process.stdin.drain()
    outputs = await asyncio.wait_for(asyncio.gather(*(p.communicate() for p in workers)), 180)
    print(f"two dispatcher processes delivered {COUNT} webhooks in "
          f"{time.perf_counter() - started:.2f}s")
    reports = []
    for process, (out, err) in zip(workers, outputs, strict=True):
        assert process.returncode == 0, err.decode()[-3000:]
        reports.append(json.loads(out.decode().strip().splitlines()[-1]))

    # Each notification reached the endpoint exactly once, correctly signed.
    assert webhook_server.delivered == {str(i): 1 for i in ids}
    assert sum(webhook_server.per_notification.values()) == COUNT
    for request in webhook_server.requests:
        nid = int(request.headers["x-ipreg-notification"])
        assert verify_signature(secrets[addressee[nid]], request.headers["x-ipreg-timestamp"],
                                request.body, request.headers["x-ipreg-signature"])

    # Both replicas did part of the work, and neither lost or repeated anything.
    assert [r["claimed"] > 0 for r in reports] == [True, True], reports
    assert sum(r["claimed"] for r in reports) == COUNT
    assert sum(r["sent"] for r in reports) == COUNT
    assert all(r["lost"] == r["retried"] == r["failed"] == r["released"] == 0 for r in reports)

    async with runtime.sessionmaker() as session:
        state = (await session.execute(
            select(Notification.status, Notification.attempts, Notification.version,
                   Notification.claimed_by))).all()
        events = await feed.read_after(session, 0, 100_000)
    assert {(s, a, v) for s, a, v, _ in state} == {("sent", 1, 3)}
    assert Counter(by for *_, by in state) == {
        "replica-a": reports[0]["sent"], "replica-b": reports[1]["sent"]}

    # The change feed: gap-free, and for each notification exactly create, claim, sent.
    assert [e.position for e in events] == list(range(1, len(events) + 1))
    trail: dict[int, list[tuple[str, int, str]]] = {}
    for e in events:
        if e.entity == "notification":
            trail.setdefault(e.entity_id, []).append((e.operation, e.version,
                                                      e.payload["status"]))
    assert trail == {
        i: [("create", 1, "pending"), ("update", 2, "sending"), ("update", 3, "sent")]
        for i in ids
    }
