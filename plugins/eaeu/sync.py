"""``ipreg eaeu sync --from URL``: an exact replica of the register in another ipreg database.

R174 p.12(9), p.13(3) and R148 p.18: a CCA asks, at least once a day, for the
date and time of the last update of the register and of the turnover data
(P.SP.01.PRC.008) and, when they moved, for the changes since its last request
(P.SP.01.PRC.009 register, P.SP.01.PRC.010 turnover data). This reference client
keeps the copy in an ipreg database (the ``--database`` of the command), so that
an ipreg server on it answers the register queries (``eaeuEntry``,
``eaeuEntries``, extracts) as the source does.

Each feed is read in pages after the position the replica reached (a
``feed_cursor`` row ``eaeu-replica:register`` / ``eaeu-replica:turnover`` in the
replica). A page brings the changes and ``replicaRows``, the current rows of the
entries they name, read after them; the rows replace the replica's rows of those
entries (entries gone from the register are removed) and the position moves to
the page's end, in one transaction. A run that stops half-way (network, crash)
has committed whole pages only and resumes after the last one; applying a page
again changes nothing. The HTTP requests run outside the database transaction.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.relay import GlobalID

from ipreg.core.errors import IpregError
from ipreg.plugins.eaeu.replica import (
    advance,
    apply_rows,
    check_replica,
    position,
    record_replicated,
)

Post = Callable[[str, dict[str, Any]], Awaitable[dict[str, Any]]]

TIMES = ("{ eaeuUpdateTimes { registerPosition turnoverPosition registerUpdatedAt "
         "turnoverUpdatedAt } }")
PAGE = """query($after: Int!, $first: Int!) {
  %s(after: $after, first: $first) {
    endPosition hasMore changes { position committedAt objectId data } replicaRows
  }
}"""

#: R174 p.13(4): the body confirms it processed the changes up to the position reached.
CONFIRM = """mutation($feed: EaeuFeed!, $upTo: Int!) {
  eaeuConfirmChanges(feed: $feed, upTo: $upTo) { upTo }
}"""


@dataclass(frozen=True)
class Feed:
    name: str
    field: str
    head: str
    entity: str
    enum: str


#: P.SP.01.PRC.009 and P.SP.01.PRC.010.
FEEDS = (Feed("register", "eaeuRegisterChanges", "registerPosition", "eaeu_entry", "REGISTER"),
         Feed("turnover", "eaeuTurnoverChanges", "turnoverPosition", "eaeu_turnover",
              "TURNOVER"))


@dataclass
class SyncReport:
    register_changes: int = 0
    turnover_changes: int = 0
    entries_written: int = 0
    entries_removed: int = 0
    pages: int = 0
    requests: int = 0
    up_to_date: bool = False
    #: The positions confirmed as processed (R174 p.13(4)), by feed.
    confirmed: dict[str, int] = field(default_factory=dict)


class SyncError(IpregError):
    code = "SYNC_FAILED"


async def sync(post: Post, sessionmaker: async_sessionmaker[AsyncSession], *,
               page_size: int = 200, confirm: bool = True) -> SyncReport:
    """One synchronisation round into the replica database of ``sessionmaker``.

    PRC.008 first; then PRC.009/010 only for a feed whose last position moved past
    the replica's. Every page commits with its position. With ``confirm`` (an
    authorized body's user), the round ends by confirming to the source, per feed,
    that the changes up to the position reached were processed (R174 p.13(4)): the
    source records the body's successful synchronisation (R174 p.13(3)).
    """
    report = SyncReport()
    async with sessionmaker() as session:
        await check_replica(session, (f.name for f in FEEDS))
        reached = {f.name: await position(session, f.name) for f in FEEDS}
    times = (await post(TIMES, {}))["eaeuUpdateTimes"]
    report.requests += 1
    for feed in FEEDS:
        head = int(times[feed.head])
        if reached[feed.name] > head:
            raise SyncError(f"the replica reached position {reached[feed.name]} of the "
                            f"{feed.name} changes, the source only {head}: it is a replica of "
                            "another register (or the source was restored from a backup)")
        after = reached[feed.name]
        while after < head:
            page = (await post(PAGE % feed.field, {"after": after, "first": page_size}))[
                feed.field]
            report.requests += 1
            after = await _apply_page(sessionmaker, feed, after, page, report)
            if not page["hasMore"]:
                break
        if confirm:
            await post(CONFIRM, {"feed": feed.enum, "upTo": after})
            report.confirmed[feed.name] = after
    report.up_to_date = report.register_changes == report.turnover_changes == 0
    return report


async def _apply_page(sessionmaker: async_sessionmaker[AsyncSession], feed: Feed, after: int,
                      page: dict[str, Any], report: SyncReport) -> int:
    """Write one page and move the position, in one transaction; the new position."""
    end = int(page["endPosition"])
    changes = page["changes"]
    if changes and (int(changes[0]["position"]) <= after or
                    any(int(a["position"]) >= int(b["position"])
                        for a, b in pairwise(changes)) or
                    int(changes[-1]["position"]) != end):
        raise SyncError(f"the {feed.name} changes after {after} are not in commit order")
    async with sessionmaker() as session:
        if await position(session, feed.name, lock=True) != after:
            # Another run applied this page meanwhile: ask again from where it got.
            await session.rollback()
            async with sessionmaker() as again:
                return await position(again, feed.name)
        applied = await apply_rows(session, page["replicaRows"])
        await record_replicated(session, applied, [
            (feed.entity, int(GlobalID.from_id(c["objectId"]).node_id), c["data"],
             _timestamp(c.get("committedAt"))) for c in changes])
        await advance(session, feed.name, end)
        await session.commit()
    report.pages += 1
    report.entries_written += len(applied.written)
    report.entries_removed += len(applied.removed)
    if feed.name == "register":
        report.register_changes += len(changes)
    else:
        report.turnover_changes += len(changes)
    return end


def _timestamp(value: str | None) -> dt.datetime | None:
    """A ``DateTime`` of the source's answer (ISO 8601, ``Z`` for UTC)."""
    if not value:
        return None
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def http_post(url: str, *, token: str | None = None, api_key: str | None = None,
              timeout: float = 60) -> Post:
    """GraphQL over HTTP (POST, JSON) to ``url`` with a bearer token or an API key.

    The blocking request runs in a worker thread, never on the event loop.
    """
    if not url.startswith(("https://", "http://")):
        raise SyncError(f"{url!r} is not an http(s) URL of a GraphQL endpoint")

    async def post(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        return await asyncio.to_thread(_post, url, query, variables, token, api_key, timeout)

    return post


def _post(url: str, query: str, variables: dict[str, Any], token: str | None,
          api_key: str | None, timeout: float) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if api_key:
        headers["X-Api-Key"] = api_key
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            result = json.loads(response.read())
    except urllib.error.HTTPError as error:
        try:
            result = json.loads(error.read())
        except ValueError:
            raise SyncError(f"{url}: HTTP {error.code} {error.reason}") from error
        if not result.get("errors"):
            raise SyncError(f"{url}: HTTP {error.code} {error.reason}") from error
    except (urllib.error.URLError, OSError) as error:
        raise SyncError(f"{url}: {error}") from error
    if result.get("errors"):
        first = result["errors"][0]
        raise SyncError(f"{url}: {first.get('message')} "
                        f"[{(first.get('extensions') or {}).get('code')}]")
    data: dict[str, Any] = result["data"]
    return data


__all__ = ["FEEDS", "SyncError", "SyncReport", "http_post", "sync"]
