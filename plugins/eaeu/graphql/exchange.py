"""GraphQL of the exchange with the authorized bodies (R174 p.12(9), p.13(3)-(4)).

Beside the position cursor of ``eaeuRegisterChanges`` / ``eaeuTurnoverChanges``:
``eaeuChangesSince`` (the changes whose ``committedAt`` is at or after a date-time,
imported history with its legal dates), ``eaeuConfirmChanges`` (a body confirms it
processed the changes up to a position) and ``eaeuAuthorizedBodySyncs`` (each body's
last synchronisation and confirmations; which one is overdue). The rules are in
:mod:`ipreg.plugins.eaeu.exchange`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from sqlalchemy import and_, select
from strawberry import relay
from strawberry.scalars import JSON

from ipreg.core.errors import Forbidden
from ipreg.core.model import ChangeEvent
from ipreg.plugins.eaeu.exchange import (
    CONFIRMATION,
    Confirmation,
    Feed,
    FeedState,
    SyncState,
    confirm,
    confirmation_of,
    sync_states,
)
from ipreg.plugins.eaeu.graphql.cases import OBJECT_TYPE
from ipreg.plugins.eaeu.graphql.visibility import is_official
from ipreg.plugins.eaeu.terms import CCA_SYNC_INTERVAL_HOURS
from ipreg.schema.context import Context
from ipreg.schema.types.connection import Connection, keyset_page, page_sizes
from ipreg.schema.types.ids import global_id, party_id

Info = strawberry.Info[Context, Any]
CHANGE_CURSOR = "eaeu-change"
CONFIRMATION_CURSOR = "eaeu-confirmation"

#: The paging arguments of a connection (Relay).
First = Annotated[int | None, strawberry.argument(
    description="Page size (default 20, at most 100).")]
After = Annotated[str | None, strawberry.argument(
    description="Cursor: `endCursor` of the previous page.")]
Last = Annotated[int | None, strawberry.argument(
    description="Backward: page size (at most 100).")]
Before = Annotated[str | None, strawberry.argument(
    description="Backward: `startCursor` of the next page.")]

EaeuFeed = strawberry.enum(Feed, name="EaeuFeed", description="The change feeds the "
                           "authorized bodies follow: REGISTER (P.SP.01.PRC.009) and TURNOVER "
                           "(goods-turnover data, P.SP.01.PRC.010).")


def _officials_only(info: Info) -> None:
    if not is_official(info.context.viewer):
        raise Forbidden("for the authorized bodies and the Commission (R174 p.12(9), "
                        "p.13(3)-(4))")


def _utc(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@strawberry.type(description="A change of the register or of turnover data in a page of "
                 "changes since a date-time (PRC.009/010).")
class EaeuChangeSince:
    position: int = strawberry.field(description="Position in the change feed (commit "
                                     "order): pass it as `after` of `eaeuRegisterChanges` / "
                                     "`eaeuTurnoverChanges` to follow on by position.")
    committed_at: dt.datetime = strawberry.field(description="When the change took effect "
                                                 "(UTC): the commit, or for history imported "
                                                 "with the register (`ipreg import eaeu`) the "
                                                 "legal date of its last status record (T1 "
                                                 "8.2), at 00:00 UTC, not the time of the load.")
    object_id: relay.GlobalID = strawberry.field(description="Global ID of the IP object, an "
                                                 "`EaeuRegisterEntry`.")
    data: JSON = strawberry.field(description="The change, as in `eaeuRegisterChanges` / "
                                  "`eaeuTurnoverChanges`.")


@strawberry.type(name="EaeuChangeSinceConnection",
                 description="A page of the changes since a date-time, in commit order.")
class EaeuChangeSinceConnection(Connection[EaeuChangeSince]):
    pass


@strawberry.type(description="A change set an authorized body confirmed as processed (R174 "
                 "p.13(4)): the changes of a feed after one position up to another.")
class EaeuSyncConfirmation:
    member_state: str = strawberry.field(description="The member state whose body confirmed "
                                         "(ISO 3166-1 alpha-2).")
    feed: Feed = strawberry.field(description="The feed confirmed.")
    after: int = strawberry.field(description="The position confirmed before.")
    up_to: int = strawberry.field(description="Every change of the feed up to this position "
                                  "was processed.")
    changes: int = strawberry.field(description="How many changes of the feed the set holds "
                                    "(0: the body was up to date).")
    confirmed_at: dt.datetime = strawberry.field(description="When it confirmed (UTC).")
    number: int = strawberry.field(description="The body's confirmations, counted from 1.")

    @classmethod
    def of(cls, made: Confirmation) -> EaeuSyncConfirmation:
        return cls(member_state=made.country, feed=made.feed, after=made.after,
                   up_to=made.up_to, changes=made.changes, confirmed_at=made.at,
                   number=made.number)


@strawberry.type(name="EaeuSyncConfirmationConnection",
                 description="A page of a body's confirmations, newest first.")
class EaeuSyncConfirmationConnection(Connection[EaeuSyncConfirmation]):
    pass


@strawberry.type(description="How far an authorized body got in one feed.")
class EaeuFeedSync:
    confirmed_position: int = strawberry.field(description="It processed every change up to "
                                               "this position (0: none confirmed).")
    confirmed_at: dt.datetime | None = strawberry.field(description="Its last confirmation "
                                                        "of this feed (null: never).")
    changes_behind: int = strawberry.field(description="Changes of the feed after the "
                                           "position it confirmed.")

    @classmethod
    def of(cls, state: FeedState) -> EaeuFeedSync:
        return cls(confirmed_position=state.confirmed, confirmed_at=state.confirmed_at,
                   changes_behind=state.behind)


@strawberry.type(description="An authorized body's synchronisation with the register (R174 "
                 "p.13(3)-(4)).")
class EaeuAuthorizedBodySync:
    member_state: str = strawberry.field(description="Its member state (ISO 3166-1 alpha-2).")
    authority_id: relay.GlobalID = strawberry.field(description="Global ID of the body, a "
                                                    "`Party`.")
    last_synced_at: dt.datetime | None = strawberry.field(
        description="Its last successful synchronisation: its last confirmation of either "
        "feed (`eaeuConfirmChanges`); null: never.")
    overdue: bool = strawberry.field(description="True when it has not synchronised for more "
                                     "than `syncIntervalHours` (R174 p.13(3): at least once a "
                                     "day), or never.")
    sync_interval_hours: int = strawberry.field(description="The interval of R174 p.13(3).")
    register: EaeuFeedSync = strawberry.field(description="The register feed (PRC.009).")
    turnover: EaeuFeedSync = strawberry.field(description="The turnover feed (PRC.010).")
    _party: strawberry.Private[int]

    @classmethod
    def of(cls, state: SyncState) -> EaeuAuthorizedBodySync:
        authority = party_id(state.authority_id)
        assert authority is not None
        return cls(member_state=state.country, authority_id=authority,
                   last_synced_at=state.last_synced_at, overdue=state.overdue,
                   sync_interval_hours=CCA_SYNC_INTERVAL_HOURS,
                   register=EaeuFeedSync.of(state.register),
                   turnover=EaeuFeedSync.of(state.turnover), _party=state.authority_id)

    @strawberry.field(description="The change sets it confirmed as processed (R174 p.13(4)), "
                      "newest first.")
    async def confirmations(
        self, info: Info,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
    ) -> EaeuSyncConfirmationConnection:
        first, last = page_sizes(info.context.runtime.settings, first, last)
        page = await keyset_page(
            info.context.reader, select(ChangeEvent.__table__).where(
                ChangeEvent.entity == CONFIRMATION, ChangeEvent.entity_id == self._party),
            kind=CONFIRMATION_CURSOR, first=first, after=after, last=last, before=before,
            key=ChangeEvent.position, descending=True)
        return EaeuSyncConfirmationConnection.from_page(
            page, lambda row: EaeuSyncConfirmation.of(confirmation_of(row)))


@strawberry.type
class EaeuExchangeQuery:
    @strawberry.field(description="P.SP.01.PRC.009/010: the changes of a feed committed at or "
                      "after a date-time, in commit order (beside the position cursor of "
                      "`eaeuRegisterChanges` / `eaeuTurnoverChanges`); history imported with "
                      "the register counts at its legal date (`committedAt`), not at its load. "
                      "For the authorized bodies and the Commission (R174 p.12(9)): FORBIDDEN "
                      "for others.")
    async def eaeu_changes_since(
        self, info: Info,
        since: Annotated[dt.datetime, strawberry.argument(
            description="Changes committed at or after this moment (without a time zone: "
            "UTC).")],
        feed: Annotated[Feed, strawberry.argument(
            description="The feed: REGISTER (PRC.009) or TURNOVER (PRC.010).")] = Feed.REGISTER,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
    ) -> EaeuChangeSinceConnection:
        _officials_only(info)
        first, last = page_sizes(info.context.runtime.settings, first, last)
        query = select(ChangeEvent.position, ChangeEvent.committed_at, ChangeEvent.entity_id,
                       ChangeEvent.payload).where(and_(
                           ChangeEvent.entity == feed.value,
                           ChangeEvent.committed_at >= _utc(since)))
        page = await keyset_page(info.context.reader, query, kind=CHANGE_CURSOR, first=first,
                                 after=after, last=last, before=before,
                                 key=ChangeEvent.position)
        return EaeuChangeSinceConnection.from_page(page, lambda r: EaeuChangeSince(
            position=r.position, committed_at=_utc(r.committed_at),
            object_id=global_id(OBJECT_TYPE, r.entity_id), data=JSON(r.payload)))

    @strawberry.field(description="R174 p.13(3)-(4): each member state's authorized body, "
                      "its last successful synchronisation, how far it confirmed each feed and "
                      "whether it is overdue (no synchronisation for more than a day). For the "
                      "Commission and the authorized bodies: FORBIDDEN for others.")
    async def eaeu_authorized_body_syncs(
        self, info: Info,
        overdue_only: Annotated[bool, strawberry.argument(
            description="Only the bodies that have not synchronised for more than "
            "`syncIntervalHours`.")] = False,
    ) -> list[EaeuAuthorizedBodySync]:
        _officials_only(info)
        runtime = info.context.runtime
        async with runtime.sessionmaker() as session:
            states = await sync_states(session, runtime.clock())
        return [EaeuAuthorizedBodySync.of(s) for s in states if s.overdue or not overdue_only]


@strawberry.type
class EaeuExchangeMutation:
    @strawberry.mutation(description="R174 p.13(4): the caller's authorized body confirms it "
                         "received and processed every change of a feed up to a position "
                         "(the `endPosition` of its last page); recorded as its successful "
                         "synchronisation (R174 p.13(3)). FORBIDDEN for a caller who acts for "
                         "no authorized body; BAD_USER_INPUT for a position not in the feed; "
                         "CONFLICT for a position before one it confirmed.")
    async def eaeu_confirm_changes(
        self, info: Info,
        feed: Annotated[Feed, strawberry.argument(
            description="REGISTER (PRC.009) or TURNOVER (PRC.010).")],
        up_to: Annotated[int, strawberry.argument(
            description="Every change of the feed up to this position was processed.")],
        member_state: Annotated[str | None, strawberry.argument(
            description="The member state acted for, when the caller acts for several "
            "bodies.")] = None,
    ) -> EaeuSyncConfirmation:
        runtime = info.context.runtime
        async with runtime.sessionmaker() as session:
            made = await confirm(session, info.context.viewer, feed, up_to,
                                 at=runtime.clock(), member_state=member_state)
            await session.commit()
        return EaeuSyncConfirmation.of(made)


__all__ = ["EaeuExchangeMutation", "EaeuExchangeQuery", "EaeuFeed"]
