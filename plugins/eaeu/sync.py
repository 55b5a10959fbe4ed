"""``ipreg eaeu sync --from URL``: an authorized body's copy of the register, kept in step.

R174 p.12(9), p.13(3) and R148 p.18: a CCA asks, at least once a day, for the
date and time of the last update of the register and of the turnover data
(P.SP.01.PRC.008) and, when they moved, for the changes since its last request
(PRC.009 register, PRC.010 turnover data). The copy and the positions reached are
kept in a JSON state file; running the client again fetches only what changed.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from ipreg.core.errors import IpregError

Post = Callable[[str, dict[str, Any]], Awaitable[dict[str, Any]]]

TIMES = "{ eaeuUpdateTimes { registerPosition turnoverPosition registerUpdatedAt " \
        "turnoverUpdatedAt } }"
PAGE = """query($after: Int!, $first: Int!) {
  %s(after: $after, first: $first) { endPosition hasMore changes { position objectId data } }
}"""
FEEDS = (("register", "eaeuRegisterChanges", "registerPosition", "entries"),
         ("turnover", "eaeuTurnoverChanges", "turnoverPosition", "turnover"))


@dataclass
class SyncReport:
    register_changes: int = 0
    turnover_changes: int = 0
    requests: int = 0
    up_to_date: bool = False


def empty_state(source: str) -> dict[str, Any]:
    return {"source": source, "register": {"after": 0}, "turnover": {"after": 0},
            "entries": {}, "turnover_data": {}, "syncedAt": None}


async def sync(post: Post, state: dict[str, Any], *, page_size: int = 500) -> SyncReport:
    """One synchronisation round: PRC.008, then PRC.009/010 only for what moved."""
    report = SyncReport()
    times = (await post(TIMES, {}))["eaeuUpdateTimes"]
    report.requests += 1
    for name, field, head_key, _ in FEEDS:
        after = int(state[name]["after"])
        if int(times[head_key]) <= after:
            continue
        while True:
            page = (await post(PAGE % field, {"after": after, "first": page_size}))[field]
            report.requests += 1
            for change in page["changes"]:
                key = str(change["objectId"])
                if name == "register":
                    state["entries"][key] = change["data"]
                    report.register_changes += 1
                else:
                    state["turnover_data"][key] = change["data"]
                    report.turnover_changes += 1
            after = int(page["endPosition"])
            state[name]["after"] = after
            if not page["hasMore"]:
                break
    report.up_to_date = report.register_changes == report.turnover_changes == 0
    state["syncedAt"] = dt.datetime.now(dt.UTC).isoformat()
    return report


def http_post(url: str, *, token: str | None = None, api_key: str | None = None) -> Post:
    """GraphQL over HTTP (POST, JSON) to ``url`` with a bearer token or an API key."""

    async def post(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        import asyncio

        return await asyncio.to_thread(_post, url, query, variables, token, api_key)

    return post


def _post(url: str, query: str, variables: dict[str, Any], token: str | None,
          api_key: str | None) -> dict[str, Any]:
    if not url.startswith(("https://", "http://")):
        raise SyncError(f"{url!r} is not an http(s) URL of a GraphQL endpoint")
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if api_key:
        headers["X-Api-Key"] = api_key
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        result = json.loads(response.read())
    if result.get("errors"):
        error = result["errors"][0]
        raise SyncError(f"{url}: {error.get('message')} "
                        f"[{(error.get('extensions') or {}).get('code')}]")
    data: dict[str, Any] = result["data"]
    return data


class SyncError(IpregError):
    code = "SYNC_FAILED"
