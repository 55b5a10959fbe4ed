"""Real endpoints for the notification tests, all on 127.0.0.1.

* ``webhook_server``: a Starlette app under ``uvicorn.Server`` in the test's event
  loop, recording every request; its paths choose how it answers.
* ``smtp_server``: an ``aiosmtpd`` SMTP server (in its own thread) recording
  every message; some recipients are refused.
* ``clock``: a clock the test moves by hand.
* ``make_party``: a party (an addressee) with optional e-mail contacts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import socket
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ipreg.core.model import Contact, Party
from ipreg.core.runtime import Runtime


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class WebhookServer:
    """Paths: ``/ok``; ``/fail/N`` answers 503 to the first N requests of each
    notification, then 200; ``/status/CODE`` always answers CODE (``?retry_after=S``
    adds a Retry-After); ``/slow/MS`` waits MS milliseconds, then 200."""

    base_url: str = ""
    requests: list[Received] = field(default_factory=list)
    per_notification: Counter[str] = field(default_factory=Counter)
    #: Deliveries answered 2xx, per notification id.
    delivered: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return self.base_url + path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
async def webhook_server() -> AsyncIterator[WebhookServer]:
    state = WebhookServer()

    async def hook(request: Request) -> Response:
        body = await request.body()
        path = request.url.path
        state.requests.append(Received(path, dict(request.headers), body))
        nid = request.headers.get("x-ipreg-notification", "?")
        state.per_notification[nid] += 1
        parts = path.strip("/").split("/")
        status = 200
        headers: dict[str, str] = {}
        if parts[0] == "fail" and state.per_notification[nid] <= int(parts[1]):
            status = 503
        elif parts[0] == "status":
            status = int(parts[1])
            if "retry_after" in request.query_params:
                headers["Retry-After"] = request.query_params["retry_after"]
        elif parts[0] == "slow":
            await asyncio.sleep(int(parts[1]) / 1000)
        if 200 <= status < 300:
            state.delivered[nid] += 1
        return JSONResponse({"status": status}, status_code=status, headers=headers)

    app = Starlette(routes=[Route("/{path:path}", hook, methods=["POST"])])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.01)
    assert server.started, "the webhook test server did not start"
    state.base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        yield state
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)
        sock.close()


@dataclass
class SmtpServer:
    """Refuses ``gone@...`` (550) and ``busy@...`` (451); records every message."""

    host: str = "127.0.0.1"
    port: int = 0
    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address.startswith("gone@"):
            return "550 5.1.1 no such mailbox"
        if address.startswith("busy@"):
            return "451 4.3.0 mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK queued"


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    from aiosmtpd.controller import Controller

    state = SmtpServer(port=_free_port())
    controller = Controller(state, hostname=state.host, port=state.port)
    controller.start()
    try:
        yield state
    finally:
        controller.stop()


class Clock:
    """A UTC clock that moves only when told."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> dt.datetime:
        self.now += dt.timedelta(seconds=seconds)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_party(runtime: Runtime) -> Any:
    """``await make_party(name, emails=[...])`` adds a party and returns its id."""

    async def make(name: str = "ТОВ Адресат", emails: tuple[str, ...] = ()) -> int:
        async with runtime.sessionmaker() as session:
            party = Party(country="UA", name=name)
            party.contacts = [
                Contact(position=i, channel="EM", channel_name="e-mail", value=value)
                for i, value in enumerate(emails)
            ]
            # Another kind of contact, which must not receive e-mail.
            party.contacts.append(
                Contact(position=len(emails), channel="TE", value="+380441234567")
            )
            session.add(party)
            await session.commit()
            return party.id

    return make
