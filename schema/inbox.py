"""The GraphQL inbox: every party reads the notifications delivered to it.

``InboxQuery`` and ``InboxMutation`` are merged into the root ``Query`` and
``Mutation``; the logic lives in :mod:`ipreg.core.notify`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from sqlalchemy import select
from strawberry import relay

from ipreg.core.errors import BadUserInput, Unauthenticated
from ipreg.core.model import Notification as NotificationRow
from ipreg.core.notify.outbox import SENT, confirm_receipt, readable_by
from ipreg.schema.context import Context
from ipreg.schema.types.connection import Connection, Page, keyset_page, page_sizes

Info = strawberry.Info[Context, Any]
CURSOR_KIND = "notification"

_COLUMNS = (
    NotificationRow.id,
    NotificationRow.kind,
    NotificationRow.subject,
    NotificationRow.body,
    NotificationRow.case_id,
    NotificationRow.addressee_id,
    NotificationRow.addressee_role,
    NotificationRow.channel,
    NotificationRow.status,
    NotificationRow.created_at,
    NotificationRow.sent_at,
    NotificationRow.received_at,
    NotificationRow.confirmed_at,
)


def _gid(type_name: str, value: int | None) -> relay.GlobalID | None:
    return relay.GlobalID(type_name, str(value)) if value is not None else None


@strawberry.type(
    name="Notification",
    description="A notice, message or confirmation delivered to a party: a decision's "
    "notice to the applicant, a message to an authorized body, a confirmation of receipt.",
)
class Notification(relay.Node):
    id: relay.NodeID[int]
    kind: str = strawberry.field(
        description="What the notification is, e.g. `decision_notice` (set by the procedure)."
    )
    subject: str = strawberry.field(description="One-line subject.")
    body: str = strawberry.field(description="The text of the notification.")
    case_id: relay.GlobalID | None = strawberry.field(
        description="Global ID of the case the notification belongs to, if any "
        "(`node(id:)` resolves it)."
    )
    addressee_id: relay.GlobalID | None = strawberry.field(
        description="Global ID of the party it is addressed to (`node(id:)` resolves it); "
        "null for one addressed to the officials holding `addresseeRole`."
    )
    addressee_role: str | None = strawberry.field(
        description="The role in which the addressee receives it, e.g. `applicant`."
    )
    channel: str = strawberry.field(
        description="How it was delivered: `inbox`, `webhook`, `email` or a plugin's channel; "
        "every delivered notification is also in the inbox."
    )
    status: str = strawberry.field(
        description="Delivery status: `pending`, `sending`, `sent` or `failed`; the inbox "
        "shows only `sent` ones."
    )
    created_at: dt.datetime = strawberry.field(description="When it was written (UTC).")
    sent_at: dt.datetime | None = strawberry.field(
        description="When it was delivered: for the inbox, when it became available here."
    )
    received_at: dt.datetime | None = strawberry.field(
        description="When the addressee received it (set at the latest by the confirmation)."
    )
    confirmed_at: dt.datetime | None = strawberry.field(
        description="When the addressee confirmed its receipt; null until confirmed."
    )

    @classmethod
    def from_row(cls, row: Any) -> Notification:
        return cls(
            id=row.id,
            kind=row.kind,
            subject=row.subject,
            body=row.body,
            case_id=_gid("Case", row.case_id),
            addressee_id=_gid("Party", row.addressee_id),
            addressee_role=row.addressee_role,
            channel=row.channel,
            status=row.status,
            created_at=row.created_at,
            sent_at=row.sent_at,
            received_at=row.received_at,
            confirmed_at=row.confirmed_at,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Notification | None]:
        """``node(id:)``: only the addressee sees its notification; others get null."""
        readable = readable_by(info.context.viewer)
        try:
            ids = [int(i) for i in node_ids]
        except ValueError as exc:
            raise BadUserInput("not a notification id") from exc
        if readable is None or not ids:
            return [None] * len(ids)
        rows = await info.context.reader.rows(
            select(*_COLUMNS).where(
                NotificationRow.id.in_(ids),
                readable,
                NotificationRow.status == SENT,
            )
        )
        found = {row.id: cls.from_row(row) for row in rows}
        return [found.get(i) for i in ids]


@strawberry.type(name="NotificationConnection",
                 description="A page of the caller's inbox, newest first.")
class NotificationConnection(Connection[Notification]):
    pass


def _addressees(info: Info) -> Any:
    viewer = info.context.viewer
    if viewer.is_anonymous:
        raise Unauthenticated("sign in to read your inbox")
    return readable_by(viewer)


@strawberry.type(description="Root query fields of the notification inbox.")
class InboxQuery:
    @strawberry.field(
        description="Notifications delivered to the caller: to the party it acts as, to "
        "the organisations of its grants, and (for officials) to an official role it holds "
        "in the jurisdiction of the notification's case, such as a time limit the officials "
        "owe that has passed; newest first. Requires signing in (UNAUTHENTICATED otherwise)."
    )
    async def inbox(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="Page size (default 20, at most 100).")
        ] = None,
        after: Annotated[
            str | None,
            strawberry.argument(
                description="Cursor of the last notification of the previous page."
            ),
        ] = None,
        last: Annotated[
            int | None, strawberry.argument(description="Backward: page size (at most 100).")
        ] = None,
        before: Annotated[
            str | None,
            strawberry.argument(
                description="Backward: cursor of the first notification of the next page."
            ),
        ] = None,
        unread_only: Annotated[
            bool,
            strawberry.argument(description="Only notifications not yet received/confirmed."),
        ] = False,
    ) -> NotificationConnection:
        readable = _addressees(info)
        first, last = page_sizes(info.context.runtime.settings, first, last)
        conditions: list[Any] = [readable, NotificationRow.status == SENT]
        if unread_only:
            conditions.append(NotificationRow.received_at.is_(None))
        page = await keyset_page(
            info.context.reader, select(*_COLUMNS).where(*conditions), kind=CURSOR_KIND,
            first=first, after=after, last=last, before=before, key=NotificationRow.id,
            descending=True,
        ) if readable is not None else Page.empty(CURSOR_KIND, after, before)
        return NotificationConnection.from_page(page, Notification.from_row)


@strawberry.type(description="Root mutation fields of the notification inbox.")
class InboxMutation:
    @strawberry.mutation(
        description="Confirm the receipt of a notification delivered to the caller. Only its "
        "addressee may (for one addressed to a role, any official holding it: the first "
        "confirms for all); confirming again returns the first confirmation unchanged."
    )
    async def confirm_notification_receipt(
        self,
        info: Info,
        id: Annotated[
            relay.GlobalID,
            strawberry.argument(description="Global ID of the notification."),
        ],
    ) -> Notification:
        if id.type_name != "Notification":
            raise BadUserInput(f"{id} is not the ID of a notification")
        try:
            notification_id = int(id.node_id)
        except ValueError as exc:
            raise BadUserInput(f"{id} is not the ID of a notification") from exc
        runtime = info.context.runtime
        async with runtime.sessionmaker() as session:
            row = await confirm_receipt(session, notification_id, info.context.viewer)
            await session.commit()
        return Notification.from_row(row)


__all__ = [
    "InboxMutation",
    "InboxQuery",
    "Notification",
    "NotificationConnection",
]
