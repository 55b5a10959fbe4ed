"""The channels against real servers on 127.0.0.1: signed webhooks and SMTP e-mail."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from ipreg.core.errors import ConfigurationError
from ipreg.core.model import Notification
from ipreg.core.notify import (
    Dispatcher,
    DispatchSettings,
    SmtpChannel,
    WebhookChannel,
    WebhookEndpoint,
    builtin_channels,
    enqueue,
    sign,
    verify_signature,
)
from ipreg.core.notify.channels import load_endpoints
from ipreg.core.runtime import Runtime

SECRET = "s3cr3t-of-the-customs-service"


async def _add(runtime: Runtime, addressee: int | None, channel: str, **payload: Any) -> int:
    async with runtime.sessionmaker() as session:
        n = enqueue(session, kind="decision_notice", subject="Рішення № 17\r\nBcc: x@evil",
                    body="Об'єкт включено до реєстру.\nДата: 2026-11-23",
                    addressee_id=addressee, addressee_role="applicant", channel=channel,
                    payload=payload)
        await session.commit()
        return n.id


async def _row(runtime: Runtime, nid: int) -> Notification:
    async with runtime.sessionmaker() as session:
        row = await session.get(Notification, nid)
        assert row is not None
        return row


# --------------------------------------------------------------------- webhook


async def test_a_webhook_is_signed_with_the_addressees_secret(
    runtime: Runtime, make_party: Any, clock: Any, webhook_server: Any
) -> None:
    party = await make_party()
    nid = await _add(runtime, party, "webhook", decision="D-17", email="hidden@example.org")
    channel = WebhookChannel({party: WebhookEndpoint(webhook_server.url("/ok"), SECRET)})
    report = await Dispatcher(runtime, [channel], clock=clock).run_once()
    assert report.sent == 1

    [request] = webhook_server.requests
    headers, body = request.headers, request.body
    assert headers["content-type"] == "application/json"
    assert headers["x-ipreg-notification"] == str(nid)
    assert headers["x-ipreg-delivery"] == f"{nid}.1"
    timestamp, signature = headers["x-ipreg-timestamp"], headers["x-ipreg-signature"]
    # What a receiver does: recompute the HMAC over "<timestamp>." + raw body.
    import hashlib
    import hmac

    expected = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert signature == "sha256=" + expected.hexdigest()
    assert verify_signature(SECRET, timestamp, body, signature)
    assert abs(int(timestamp) - time.time()) < 60

    document = json.loads(body)
    assert document["id"] == nid and document["addresseeId"] == party
    assert document["kind"] == "decision_notice" and document["attempt"] == 1
    assert document["data"] == {"decision": "D-17"}  # routing hints are not sent on
    sent = await _row(runtime, nid)
    assert (sent.status, sent.sent_at) == ("sent", clock.now)


def test_a_signature_does_not_verify_with_another_secret_body_or_an_old_timestamp() -> None:
    body = b'{"id": 1}'
    now = time.time()
    timestamp = str(int(now))
    signature = sign(SECRET, timestamp, body)
    assert verify_signature(SECRET, timestamp, body, signature, now=now)
    assert not verify_signature("other", timestamp, body, signature, now=now)
    assert not verify_signature(SECRET, timestamp, body + b" ", signature, now=now)
    # The timestamp is signed: a replayed request keeps its old one and is refused.
    assert not verify_signature(SECRET, timestamp, body, signature, now=now + 3600)
    newer = str(int(now) + 10)
    assert not verify_signature(SECRET, newer, body, signature, now=now)


async def test_payload_webhook_url_is_signed_with_the_default_secret(
    runtime: Runtime, make_party: Any, clock: Any, webhook_server: Any
) -> None:
    party = await make_party()
    nid = await _add(runtime, party, "webhook", webhook_url=webhook_server.url("/ok"))
    channel = WebhookChannel(default_secret="default-secret")
    assert (await Dispatcher(runtime, [channel], clock=clock).run_once()).sent == 1
    [request] = webhook_server.requests
    assert verify_signature("default-secret", request.headers["x-ipreg-timestamp"],
                            request.body, request.headers["x-ipreg-signature"])
    assert "webhook_url" not in json.loads(request.body)["data"]
    assert (await _row(runtime, nid)).status == "sent"


async def test_no_endpoint_is_a_permanent_error(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    party = await make_party()
    a = await _add(runtime, party, "webhook")
    b = await _add(runtime, party, "webhook", webhook_url="http://127.0.0.1:9/x")
    report = await Dispatcher(runtime, [WebhookChannel()], clock=clock).run_once()
    assert (report.failed, report.retried) == (2, 0)
    assert (await _row(runtime, a)).last_error == f"no webhook endpoint for addressee {party}"
    last_error = (await _row(runtime, b)).last_error
    assert last_error is not None and "IPREG_WEBHOOK_SECRET" in last_error


async def test_an_unreachable_endpoint_is_retried(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    party = await make_party()
    nid = await _add(runtime, party, "webhook")
    channel = WebhookChannel({party: WebhookEndpoint(f"http://127.0.0.1:{port}/", SECRET)})
    report = await Dispatcher(runtime, [channel], clock=clock).run_once()
    assert report.retried == 1
    row = await _row(runtime, nid)
    assert row.status == "pending" and row.last_error is not None
    assert row.last_error.startswith("webhook unreachable: ConnectError")


def test_webhook_endpoints_come_from_the_environment(tmp_path: Any) -> None:
    raw = json.dumps({"12": {"url": "https://customs.example/hook", "secret": "x"}})
    assert load_endpoints(raw) == {12: WebhookEndpoint("https://customs.example/hook", "x")}
    file = tmp_path / "endpoints.json"
    file.write_text(raw)
    channel = WebhookChannel.from_env(
        {"IPREG_WEBHOOK_ENDPOINTS": f"@{file}", "IPREG_WEBHOOK_SECRET": "d"})
    assert channel.endpoints[12].url == "https://customs.example/hook"
    assert channel.default_secret == "d"
    for bad in ('{"12": {"url": "ftp://x", "secret": "x"}}', '{"12": {"url": "http://x"}}',
                "[1]", "not json"):
        with pytest.raises(ConfigurationError):
            load_endpoints(bad)


# --------------------------------------------------------------------- e-mail


def _smtp(server: Any) -> SmtpChannel:
    return SmtpChannel(server.host, server.port, "registry@customs.example", timeout=10)


async def test_an_email_goes_to_the_addressees_email_contacts(
    runtime: Runtime, make_party: Any, clock: Any, smtp_server: Any
) -> None:
    party = await make_party(emails=("office@applicant.example",
                                     "Юрвідділ <legal@applicant.example>"))
    nid = await _add(runtime, party, "email")
    report = await Dispatcher(runtime, [_smtp(smtp_server)], clock=clock).run_once()
    assert report.sent == 1
    [(sender, recipients, message)] = smtp_server.messages
    assert sender == "registry@customs.example"
    assert recipients == ["office@applicant.example", "legal@applicant.example"]
    # A line break in the subject cannot add headers.
    assert message["Subject"] == "Рішення № 17 Bcc: x@evil"
    assert message["Bcc"] is None
    assert message["X-Ipreg-Notification"] == str(nid)
    assert f"ipreg.{nid}.1" in message["Message-ID"]
    text = message.get_content().replace("\r\n", "\n").strip()
    assert text == "Об'єкт включено до реєстру.\nДата: 2026-11-23"
    assert (await _row(runtime, nid)).status == "sent"


async def test_payload_email_wins_over_the_contacts(
    runtime: Runtime, make_party: Any, clock: Any, smtp_server: Any
) -> None:
    party = await make_party(emails=("office@applicant.example",))
    await _add(runtime, party, "email", email=["case-17@applicant.example"])
    assert (await Dispatcher(runtime, [_smtp(smtp_server)], clock=clock).run_once()).sent == 1
    assert smtp_server.messages[0][1] == ["case-17@applicant.example"]


async def test_smtp_refusals_and_missing_addresses(
    runtime: Runtime, make_party: Any, clock: Any, smtp_server: Any
) -> None:
    nobody = await make_party("Без адреси")
    gone = await _add(runtime, None, "email", email="gone@applicant.example")
    busy = await _add(runtime, None, "email", email="busy@applicant.example")
    none = await _add(runtime, nobody, "email")
    report = await Dispatcher(runtime, [_smtp(smtp_server)], clock=clock,
                              settings=DispatchSettings()).run_once()
    assert (report.failed, report.retried, report.sent) == (2, 1, 0)
    gone_row, busy_row, none_row = [await _row(runtime, i) for i in (gone, busy, none)]
    assert gone_row.status == "failed" and gone_row.last_error is not None
    assert "550" in gone_row.last_error
    assert busy_row.status == "pending" and busy_row.last_error is not None
    assert "451" in busy_row.last_error
    assert (none_row.status, none_row.last_error) == (
        "failed", f"no e-mail address for addressee {nobody}")
    assert smtp_server.messages == []


async def test_an_unreachable_smtp_server_is_retried(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    nid = await _add(runtime, None, "email", email="a@applicant.example")
    channel = SmtpChannel("127.0.0.1", port, "registry@customs.example", timeout=5)
    assert (await Dispatcher(runtime, [channel], clock=clock).run_once()).retried == 1
    row = await _row(runtime, nid)
    assert row.last_error is not None and row.last_error.startswith("SMTP unreachable")


def test_the_builtin_channels_follow_the_environment() -> None:
    assert [c.name for c in builtin_channels({})] == ["inbox", "webhook"]
    channels = builtin_channels({"IPREG_SMTP_HOST": "127.0.0.1", "IPREG_SMTP_PORT": "2525",
                                 "IPREG_SMTP_FROM": "registry@customs.example"})
    assert [c.name for c in channels] == ["inbox", "webhook", "email"]
    smtp = channels[2]
    assert isinstance(smtp, SmtpChannel)
    assert (smtp.host, smtp.port, smtp.sender) == ("127.0.0.1", 2525, "registry@customs.example")
    with pytest.raises(ConfigurationError):
        SmtpChannel("127.0.0.1", 25, "not an address")
