"""Exchange with the authorized bodies: their confirmations and their synchronisation.

R174 p.13(3)-(4): each member state's authorized body (central customs authority)
asks for the changes of the register at least once a day (P.SP.01.PRC.009, and
the turnover data, P.SP.01.PRC.010) and receives and processes what it gets. A
body confirms what it processed by naming the change-feed position it reached
(``eaeuConfirmChanges``): everything up to that position of that feed. R148 p.18
(seed 002) names the four technological requests of the bodies (update times of the
register and of the turnover data, PRC.008; their changes, PRC.009/010); it gives
neither their formats nor whether changes are asked "since a time" or "after a
version" (digest §6.1 [Gap]): both are offered. R148 p.22 makes officials answer for
the timeliness and completeness of the exchange, hence the overdue list.

What is recorded, per body and per feed, with the core's feed toolkit
(:mod:`ipreg.core.feed`, :mod:`ipreg.core.services.numbering`), no table of its own:

* the position it confirmed, in a follower's cursor ``eaeu-cca:<country>:<feed>``
  (:func:`~ipreg.core.feed.advance_cursor`, never back), whose time is the last
  successful synchronisation: a confirmation that brings nothing new still records
  that the body was there (``touch``);
* every confirmation (the change set it closes: after which position, up to which,
  how many changes), as an ``eaeu_cca_confirmation`` event of the change feed for the
  body's party, numbered per body by a counter (its version): the history officials
  read (``EaeuAuthorizedBodySync.confirmations``).

Officials see which body has not synchronised for more than the interval of R174
p.13(3) (:data:`~ipreg.plugins.eaeu.terms.CCA_SYNC_INTERVAL_HOURS`, 24 hours):
:func:`sync_states`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import Principal
from ipreg.core.errors import BadUserInput, Conflict, Forbidden
from ipreg.core.feed import advance_cursor, cursor_updated_at, head, read_cursor, record_change
from ipreg.core.model import ChangeEvent
from ipreg.core.services.numbering import next_value
from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES
from ipreg.plugins.eaeu.models import EaeuMemberStateAuthority
from ipreg.plugins.eaeu.terms import CCA_SYNC_INTERVAL_HOURS

JURISDICTION = "eaeu"
#: The change-feed entity of a body's confirmation (R174 p.13(4)).
CONFIRMATION = "eaeu_cca_confirmation"


class Feed(Enum):
    """The two change feeds the authorized bodies follow, by their change-feed entity."""

    REGISTER = "eaeu_entry"  # P.SP.01.PRC.009
    TURNOVER = "eaeu_turnover"  # P.SP.01.PRC.010

    @property
    def key(self) -> str:
        return self.name.lower()


def cursor_name(country: str, feed: Feed) -> str:
    return f"eaeu-cca:{country}:{feed.key}"


async def body_of(session: AsyncSession, principal: Principal,
                  member_state: str | None = None) -> tuple[str, int]:
    """(country, authority party id) of the authorized body ``principal`` acts for.

    FORBIDDEN for a caller who acts for no body (or not for ``member_state``);
    BAD_USER_INPUT when it acts for several and names none.
    """
    rows = (await session.execute(select(EaeuMemberStateAuthority))).scalars().all()
    own = principal.organisations("authorized_body") | (
        {principal.party_id} if principal.party_id is not None else set())
    bodies = {r.country: r.authority_party_id for r in rows
              if r.authority_party_id in own and principal.has_role(
                  "authorized_body", JURISDICTION)}
    if member_state is not None:
        country = member_state.strip().upper()
        if country not in MEMBER_STATE_CODES:
            raise BadUserInput(f"memberState: {member_state!r} is not a member state "
                               f"({', '.join(MEMBER_STATE_CODES)})", argument="memberState")
        if country not in bodies:
            raise Forbidden(f"only the authorized body of {country} confirms its processing "
                            "(R174 p.13(4))")
        return country, bodies[country]
    if not bodies:
        raise Forbidden("only an authorized body of a member state confirms the processing of "
                        "changes (R174 p.13(4))")
    if len(bodies) > 1:
        raise BadUserInput(f"memberState: you act for {', '.join(sorted(bodies))}; name one",
                           argument="memberState")
    return next(iter(bodies.items()))


@dataclass(frozen=True)
class Confirmation:
    """A change set a body confirmed as processed: the changes of ``feed`` after
    ``after`` up to ``up_to`` (``changes`` of them), at ``at``."""

    position: int
    country: str
    feed: Feed
    after: int
    up_to: int
    changes: int
    at: dt.datetime
    subject: str | None
    number: int


async def confirm(session: AsyncSession, principal: Principal, feed: Feed, up_to: int, *,
                  at: dt.datetime, member_state: str | None = None) -> Confirmation:
    """R174 p.13(4): the body of ``principal`` processed the changes of ``feed`` up to the
    position ``up_to``; records it (cursor, event) in the caller's transaction.

    ``up_to`` may not be beyond the last committed position (BAD_USER_INPUT) nor before
    what the body confirmed already (CONFLICT); the same position again is a
    synchronisation that found nothing new.
    """
    country, party_id = await body_of(session, principal, member_state)
    last = await head(session)
    if up_to < 0 or up_to > last:
        raise BadUserInput(f"upTo: {up_to} is not a position of the change feed (0-{last})",
                           argument="upTo")
    name = cursor_name(country, feed)
    reached = await read_cursor(session, name, lock=True)
    if up_to < reached:
        raise Conflict(f"upTo: the authorized body of {country} confirmed the {feed.key} "
                       f"changes up to {reached} already; confirm {reached} or later")
    count = int(await session.scalar(
        select(func.count()).select_from(ChangeEvent).where(
            ChangeEvent.entity == feed.value, ChangeEvent.position > reached,
            ChangeEvent.position <= up_to)) or 0)
    await advance_cursor(session, name, up_to, at=at, touch=True)
    number = await next_value(session, JURISDICTION, f"cca-confirmation-{country}")
    made = Confirmation(0, country, feed, reached, up_to, count, at, principal.subject, number)
    record_change(session, CONFIRMATION, None, "create", {
        "memberState": country, "feed": feed.key, "after": reached, "upTo": up_to,
        "changes": count, "at": at.isoformat(), "by": principal.subject},
        jurisdiction=JURISDICTION, entity_id=party_id, version=number, committed_at=at)
    return made


def confirmation_of(event: ChangeEvent | object) -> Confirmation:
    """A confirmation event read back."""
    payload = getattr(event, "payload", {})
    return Confirmation(
        int(getattr(event, "position", 0)), payload["memberState"], Feed[payload["feed"].upper()],
        int(payload["after"]), int(payload["upTo"]), int(payload["changes"]),
        dt.datetime.fromisoformat(payload["at"]), payload.get("by"),
        int(getattr(event, "version", 0)))


@dataclass(frozen=True)
class FeedState:
    """How far a body got in one feed."""

    confirmed: int
    confirmed_at: dt.datetime | None
    behind: int


@dataclass(frozen=True)
class SyncState:
    """An authorized body's synchronisation (R174 p.13(3)-(4))."""

    country: str
    authority_id: int
    register: FeedState
    turnover: FeedState
    overdue: bool

    @property
    def last_synced_at(self) -> dt.datetime | None:
        times = [t for t in (self.register.confirmed_at, self.turnover.confirmed_at) if t]
        return max(times) if times else None


def overdue(last: dt.datetime | None, now: dt.datetime) -> bool:
    """No synchronisation within the interval of R174 p.13(3) (at least once a day)."""
    return last is None or now - last > dt.timedelta(hours=CCA_SYNC_INTERVAL_HOURS)


async def sync_states(session: AsyncSession, now: dt.datetime) -> list[SyncState]:
    """Every member state's body, in the order of the member states."""
    rows = {r.country: r.authority_party_id for r in
            (await session.execute(select(EaeuMemberStateAuthority))).scalars()}
    out = []
    for country in MEMBER_STATE_CODES:
        if country not in rows:
            continue
        feeds = {}
        for feed in Feed:
            name = cursor_name(country, feed)
            reached = await read_cursor(session, name)
            behind = int(await session.scalar(
                select(func.count()).select_from(ChangeEvent).where(
                    ChangeEvent.entity == feed.value, ChangeEvent.position > reached)) or 0)
            feeds[feed] = FeedState(reached, await cursor_updated_at(session, name), behind)
        times = [f.confirmed_at for f in feeds.values() if f.confirmed_at]
        out.append(SyncState(country, rows[country], feeds[Feed.REGISTER],
                             feeds[Feed.TURNOVER], overdue(max(times) if times else None, now)))
    return out


__all__ = ["CONFIRMATION", "Confirmation", "Feed", "FeedState", "SyncState", "body_of",
           "confirm", "confirmation_of", "cursor_name", "overdue", "sync_states"]
