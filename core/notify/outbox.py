"""The outbox: notifications are written in the transaction that causes them.

A transition of the procedure engine calls :func:`enqueue` in its own session;
the notification and its ``create`` change event commit (or roll back) with the
transition. Delivery happens later, in :mod:`ipreg.core.notify.dispatcher`, so
a slow or unreachable mail server never holds up, or undoes, a legal step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm.exc import StaleDataError

from ipreg.core.db.base import utcnow
from ipreg.core.errors import (
    BadUserInput,
    Conflict,
    Forbidden,
    NotFound,
    Unauthenticated,
)
from ipreg.core.feed import record_change
from ipreg.core.model import Case, Notification

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ipreg.core.auth import Principal

#: The change feed's entity name of notifications.
ENTITY = "notification"

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
STATUSES = (PENDING, SENDING, SENT, FAILED)


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def snapshot(n: Notification) -> dict[str, Any]:
    """The notification's full state as JSON: the payload of its change events."""
    return {
        "id": n.id,
        "version": n.version,
        "caseId": n.case_id,
        "addresseeId": n.addressee_id,
        "addresseeRole": n.addressee_role,
        "channel": n.channel,
        "kind": n.kind,
        "subject": n.subject,
        "body": n.body,
        "payload": n.payload,
        "status": n.status,
        "attempts": n.attempts,
        "nextAttemptAt": _iso(n.next_attempt_at),
        "lastError": n.last_error,
        "claimedBy": n.claimed_by,
        "claimedAt": _iso(n.claimed_at),
        "createdAt": _iso(n.created_at),
        "sentAt": _iso(n.sent_at),
        "receivedAt": _iso(n.received_at),
        "confirmedAt": _iso(n.confirmed_at),
    }


def enqueue(
    session: AsyncSession,
    *,
    kind: str,
    subject: str,
    body: str,
    addressee_id: int | None,
    addressee_role: str | None,
    channel: str = "inbox",
    case_id: int | None = None,
    payload: Mapping[str, Any] | None = None,
    not_before: dt.datetime | None = None,
    jurisdiction: str | None = None,
    created_at: dt.datetime | None = None,
) -> Notification:
    """Add a notification to the outbox in the caller's transaction (no commit, no I/O).

    ``channel`` names a delivery channel (``inbox``, ``webhook``, ``email`` or one
    a plugin registers); ``payload`` carries channel hints (``email``,
    ``webhook_url``) and data for the addressee; ``not_before`` delays the first
    attempt. ``jurisdiction`` (the case's) labels the change events;
    ``created_at`` defaults to now (the procedure engine passes its own clock).
    The row and its ``create`` change event are written when the caller commits.
    """
    if not kind or not channel:
        raise BadUserInput("a notification needs a kind and a channel")
    for name, value in (("not_before", not_before), ("created_at", created_at)):
        if value is not None and value.tzinfo is None:
            raise BadUserInput(f"{name} must be a timezone-aware timestamp")
    notification = Notification(
        kind=kind,
        subject=subject,
        body=body,
        addressee_id=addressee_id,
        addressee_role=addressee_role,
        channel=channel,
        case_id=case_id,
        payload=dict(payload or {}),
        status=PENDING,
        attempts=0,
        next_attempt_at=not_before,
        created_at=created_at or utcnow(),
    )
    session.add(notification)
    record_change(
        session, ENTITY, notification, "create", lambda: snapshot(notification),
        jurisdiction=jurisdiction,
    )
    return notification


def addressable_parties(principal: Principal) -> set[int]:
    """The parties whose notifications ``principal`` may read and confirm.

    The party the caller acts as, and every organisation one of its grants is
    for (an authorized body's officer, an applicant's representative).
    """
    parties = set(principal.organisations())
    if principal.party_id is not None:
        parties.add(principal.party_id)
    return parties


def readable_by(principal: Principal) -> ColumnElement[bool] | None:
    """SQL condition on ``notification``: what ``principal`` may read and confirm.

    Those addressed to :func:`addressable_parties`, and those addressed to a role
    rather than a party (``addressee_id`` null, e.g. a time limit the officials owe)
    when the principal holds that role as an official's role in the jurisdiction of
    the notification's case. None: nothing.
    """
    clauses: list[ColumnElement[bool]] = []
    parties = addressable_parties(principal)
    if parties:
        clauses.append(Notification.addressee_id.in_(sorted(parties)))
    for grant in sorted(principal.grants, key=repr):
        if grant.role not in principal.official_roles:
            continue
        cases = select(Case.id)
        if grant.jurisdiction is not None:
            cases = cases.where(Case.jurisdiction == grant.jurisdiction)
        clauses.append(and_(Notification.addressee_id.is_(None),
                            Notification.addressee_role == grant.role,
                            Notification.case_id.in_(cases)))
    return or_(*clauses) if clauses else None


async def confirm_receipt(
    session: AsyncSession,
    notification_id: int,
    principal: Principal,
    *,
    now: dt.datetime | None = None,
) -> Notification:
    """The addressee confirms it received a delivered notification (no commit).

    Only the addressee may confirm: the principal acting as that party or holding
    a grant for it. Confirming again changes nothing and returns the first
    confirmation. Sets ``confirmed_at`` (and ``received_at`` when not yet set)
    and records an ``update`` change event, in the caller's transaction, so the
    procedure engine can make the confirmation part of a tracked transition.
    """
    if principal.is_anonymous:
        raise Unauthenticated("sign in to confirm the receipt of a notification")
    notification = (
        await session.execute(
            select(Notification)
            .where(Notification.id == notification_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one_or_none()
    if notification is None:
        raise NotFound(f"notification {notification_id} does not exist")
    allowed = readable_by(principal)
    if allowed is None or (await session.execute(
        select(Notification.id).where(Notification.id == notification_id, allowed)
    )).scalar_one_or_none() is None:
        raise Forbidden(f"only the addressee may confirm notification {notification_id}")
    if notification.status != SENT:
        raise Conflict(
            f"notification {notification_id} has not been delivered yet "
            f"(status {notification.status})",
            status=notification.status,
        )
    if notification.confirmed_at is not None:
        return notification
    moment = now or utcnow()
    notification.confirmed_at = moment
    if notification.received_at is None:
        notification.received_at = moment
    try:
        await session.flush()
    except StaleDataError as exc:
        raise Conflict(
            f"notification {notification_id} changed meanwhile: confirm it again"
        ) from exc
    jurisdiction = None
    if notification.case_id is not None:
        jurisdiction = (
            await session.execute(select(Case.jurisdiction).where(Case.id == notification.case_id))
        ).scalar_one_or_none()
    record_change(
        session, ENTITY, notification, "update", snapshot(notification), jurisdiction=jurisdiction
    )
    return notification
