"""Periodic background work of a server process: the tick, the outbox, the indexer.

Every job is safe to run in any number of replicas at once (each item is
claimed exactly once), so each ``ipreg serve`` process simply runs them all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

log = logging.getLogger("ipreg.workers")


@dataclass
class PeriodicJob:
    name: str
    interval: float
    run: Callable[[], Awaitable[object]]


class Workers:
    def __init__(self, jobs: list[PeriodicJob]) -> None:
        self.jobs = [job for job in jobs if job.interval > 0]
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def _loop(self, job: PeriodicJob) -> None:
        while not self._stop.is_set():
            try:
                await job.run()
            except Exception:  # a failing round must not stop the job; it is retried
                log.exception("background job %s failed; retrying in %.0f s", job.name,
                              job.interval)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=job.interval)

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._loop(job), name=f"ipreg-{job.name}")
                       for job in self.jobs]

    async def stop(self) -> None:
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
