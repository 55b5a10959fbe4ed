"""Soak: thousands of mixed requests against one ``ipreg serve`` over keep-alive connections.

The question (issue 12 §1): does a long-running server stay healthy under an
ordinary mix of anonymous and official reads, including requests that end in
field errors, parse errors and refusals? It checks, and exits non-zero when any
fails:

* no request takes longer than ``--max-latency`` (default 1 s): a leaked
  connection shows as a 30 s wait for the pool;
* the server's log has no leaked-connection warning (``non-checked-in
  connection``) and no pool time-out (``QueuePool limit``);
* ``/health`` reports no connection checked out once the load stops, and the
  pool never grows past its size plus overflow;
* memory is flat: the server's resident memory over the last tenth of the run
  exceeds that of the second tenth (after warm-up) by at most ``--max-growth-mb``.

It loads the demo into a fresh database (SQLite in a temporary folder, or the
PostgreSQL database given with ``--database``, which the demo *replaces*),
serves it on 127.0.0.1 with a random secret, and sends ``--requests`` requests,
split evenly over the phases of ``--clients`` (default ``1,16``: one client,
then sixteen concurrent clients, each on one keep-alive connection). All
traffic stays on loopback; the run is bounded by ``--max-seconds``.

Usage::

    .venv/bin/python bench/graphql/soak.py                       # 20,000 requests, SQLite
    .venv/bin/python bench/graphql/soak.py --requests 200000     # longer
    .venv/bin/python bench/graphql/soak.py --database postgresql://u:p@127.0.0.1/db

Prints one JSON summary (``--json FILE`` also writes it).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

HOST = "127.0.0.1"  # all traffic stays on loopback
LEAK_MARKERS = ("non-checked-in connection", "QueuePool limit")


def _ipreg() -> str:
    return str(Path(sys.executable).with_name("ipreg"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _global_id(type_name: str, ident: int) -> str:
    return base64.b64encode(f"{type_name}:{ident}".encode()).decode()


# --------------------------------------------------------------------------- the mix


RELATIONS = ("name registerNumber status holders { name country } goods { description } "
             "statusHistory { status date }")
NODE = "query($id: ID!) { node(id: $id) { id ... on IPObject { " + RELATIONS + " } } }"
REPORTED = ("query($id: ID!) { node(id: $id) { ... on IPObject { status holders { __typename } "
            "goods { __typename } statusHistory { __typename } } } }")
PAGE = ("query($after: String) { ipObjects(first: 20, after: $after) { edges { cursor node { "
        "id " + RELATIONS + " } } pageInfo { hasNextPage endCursor } } }")
ENTRIES = "{ eaeuEntries(first: 10) { totalCount nodes { id name status version } } }"
SEARCH = ("query($t: String!) { search(text: $t, first: 10) { totalCount edges { score "
          "matchedAs { field } node { id name } } } }")
CASES = "{ cases(first: 10) { totalCount nodes { id procedure state } } }"
FORBIDDEN = "{ eaeuUpdateTimes { registerPosition } }"
#: A non-null root field that fails for anonymous callers after a database round trip
#: (an extract is not for them) nulls the whole answer while the sibling's DataLoader
#: batches are queued, so graphql-core cancels them: the mechanism of the reported leak,
#: whatever field triggers it.
SIBLING_ERROR = ("{ ipObjects(first: 20) { nodes { id holders { name } goods { description } "
                 'statusHistory { status } } } eaeuExtract(registrationNumber: "00001/TZ/0001") '
                 "{ verificationCode } }")
PARTY = "query($id: ID!) { node(id: $id) { id ... on Party { name } } }"
SEARCH_TEXTS = ("zelena marka", "Мишка", "coca", "ЗЕЛЕНА", "armen", "sochi", "nike", "xyzzy")


@dataclass
class Request:
    kind: str
    official: bool
    body: dict[str, Any] | None  # None: GET /health
    expect_errors: bool = False


@dataclass
class Outcome:
    kind: str
    status: int
    seconds: float
    errors: bool


def build_mix(object_ids: list[str], party_ids: list[str], rng: random.Random) -> list[Request]:
    """One round of the mix: reads, field errors, request errors, refusals."""
    oid = rng.choice(object_ids)
    after = base64.b64encode(str(rng.randint(0, 150)).encode()).decode() if rng.random() < 0.5 \
        else None
    return [
        Request("node", False, {"query": NODE, "variables": {"id": oid}}),
        Request("node-official", True, {"query": NODE, "variables": {"id": oid}}),
        Request("reported", False, {"query": REPORTED, "variables": {"id": oid}}),
        Request("page", False, {"query": PAGE, "variables": {"after": None}}),
        Request("page-after", rng.random() < 0.5, {"query": PAGE, "variables": {"after": after}},
                expect_errors=True),
        Request("entries", False, {"query": ENTRIES}),
        Request("entries-official", True, {"query": ENTRIES}),
        Request("search", rng.random() < 0.3,
                {"query": SEARCH, "variables": {"t": rng.choice(SEARCH_TEXTS)}}),
        Request("cases-official", True, {"query": CASES}),
        Request("forbidden", False, {"query": FORBIDDEN}, expect_errors=True),
        Request("sibling-error", False, {"query": SIBLING_ERROR}, expect_errors=True),
        Request("party", False, {"query": PARTY, "variables": {"id": rng.choice(party_ids)}},
                expect_errors=True),
        Request("parse-error", False, {"query": "{ node(id: "}, expect_errors=True),
        Request("bad-id", False, {"query": NODE, "variables": {"id": "UGFydHk6YWJj"}},
                expect_errors=True),
        Request("unknown-field", False, {"query": "{ nope }"}, expect_errors=True),
        Request("health", False, None),
    ]


# --------------------------------------------------------------------------- the run


@dataclass
class Soak:
    base: str
    tokens: list[str]
    object_ids: list[str]
    party_ids: list[str]
    pid: int
    max_seconds: float
    outcomes: list[Outcome] = field(default_factory=list)
    rss: list[tuple[float, float]] = field(default_factory=list)
    pool_max: int = 0
    unexpected: list[str] = field(default_factory=list)

    async def client(self, count: int, seed: int, deadline: float) -> None:
        rng = random.Random(seed)
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=self.base, limits=limits, timeout=60) as http:
            sent = 0
            while sent < count and time.monotonic() < deadline:
                for req in build_mix(self.object_ids, self.party_ids, rng):
                    if sent >= count:
                        break
                    headers = {"authorization": f"Bearer {rng.choice(self.tokens)}"} \
                        if req.official else {}
                    started = time.perf_counter()
                    if req.body is None:
                        response = await http.get("/health")
                    else:
                        response = await http.post("/graphql", json=req.body, headers=headers)
                    elapsed = time.perf_counter() - started
                    has_errors = response.status_code >= 500 or (
                        req.body is not None and b'"errors"' in response.content)
                    if response.status_code >= 500 or (has_errors and not req.expect_errors):
                        self.unexpected.append(
                            f"{req.kind}: {response.status_code} {response.text[:200]}")
                    self.outcomes.append(Outcome(req.kind, response.status_code, elapsed,
                                                 has_errors))
                    sent += 1

    async def monitor(self, stop: asyncio.Event) -> None:
        started = time.monotonic()
        async with httpx.AsyncClient(base_url=self.base, timeout=60) as http:
            while not stop.is_set():
                self.rss.append((time.monotonic() - started, _rss_mb(self.pid)))
                pool = (await http.get("/health")).json().get("pool") or {}
                self.pool_max = max(self.pool_max, int(pool.get("checkedOut", 0)))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 0.5)

    async def run(self, requests: int, phases: list[int]) -> None:
        deadline = time.monotonic() + self.max_seconds
        stop = asyncio.Event()
        watcher = asyncio.ensure_future(self.monitor(stop))
        per_phase = requests // len(phases)
        for phase, clients in enumerate(phases):
            share = [per_phase // clients + (1 if i < per_phase % clients else 0)
                     for i in range(clients)]
            await asyncio.gather(*(self.client(n, phase * 1000 + i, deadline)
                                   for i, n in enumerate(share)))
        stop.set()
        await watcher


async def _discover(base: str, token: str) -> tuple[list[str], list[str]]:
    object_ids: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        after: str | None = None
        while True:
            body = {"query": "query($a: String) { ipObjects(first: 100, after: $a) { edges { "
                    "node { id } } pageInfo { hasNextPage endCursor } } }",
                    "variables": {"a": after}}
            data = (await http.post("/graphql", json=body,
                                    headers={"authorization": f"Bearer {token}"})).json()
            page = data["data"]["ipObjects"]
            object_ids += [e["node"]["id"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    party_ids = [_global_id("Party", i) for i in range(1, 80)]
    return object_ids, party_ids


def _wait_ready(base: str, proc: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not become ready")


def _settled_pool(base: str, seconds: float = 5.0) -> dict[str, Any]:
    """The pool once the load has stopped. The server's own workers (feed poller, search
    indexer, subscribers, tick, notification dispatcher) check a connection out for a few
    milliseconds now and then, so one look can catch one of theirs; a leaked connection
    never comes back. Look every 0.25 s until none is checked out, for ``seconds`` at most,
    and report the last look."""
    deadline = time.monotonic() + seconds
    while True:
        time.sleep(0.25)
        pool: dict[str, Any] = httpx.get(f"{base}/health", timeout=10).json().get("pool") or {}
        if int(pool.get("checkedOut", 0)) == 0 or time.monotonic() >= deadline:
            return pool


def _summary(soak: Soak, log_text: str, final_pool: dict[str, Any], seconds: float,
             args: argparse.Namespace) -> dict[str, Any]:
    latencies = sorted(o.seconds for o in soak.outcomes)
    n = len(latencies)
    tenth = max(1, len(soak.rss) // 10)
    early = statistics.median(r for _, r in soak.rss[tenth:2 * tenth]) if soak.rss else 0.0
    late = statistics.median(r for _, r in soak.rss[-tenth:]) if soak.rss else 0.0
    leaks = [line for line in log_text.splitlines() if any(m in line for m in LEAK_MARKERS)]
    kinds: dict[str, int] = {}
    for o in soak.outcomes:
        kinds[o.kind] = kinds.get(o.kind, 0) + 1
    checks = {
        "all requests sent": n >= args.requests,
        f"no request over {args.max_latency} s":
            bool(latencies) and latencies[-1] <= args.max_latency,
        "no unexpected error or 5xx": not soak.unexpected,
        "no leaked-connection warning in the log": not leaks,
        "no connection checked out at the end": int(final_pool.get("checkedOut", 0)) == 0,
        f"memory growth under {args.max_growth_mb} MB": late - early <= args.max_growth_mb,
    }
    return {
        "requests": n,
        "seconds": round(seconds, 1),
        "requests_per_second": round(n / seconds, 1) if seconds else None,
        "latency_ms": {
            "p50": round(latencies[n // 2] * 1000, 1) if n else None,
            "p99": round(latencies[int(n * 0.99)] * 1000, 1) if n else None,
            "max": round(latencies[-1] * 1000, 1) if n else None,
        },
        "errors_expected_and_seen": sum(o.errors for o in soak.outcomes),
        "kinds": kinds,
        "rss_mb": {"after_warmup": round(early, 1), "at_end": round(late, 1),
                   "max": round(max((r for _, r in soak.rss), default=0.0), 1)},
        "pool": {"max_checked_out_seen": soak.pool_max, "at_end": final_pool},
        "leak_lines": leaks[:5],
        "unexpected": soak.unexpected[:10],
        "checks": checks,
        "ok": all(checks.values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--clients", default="1,16",
                        help="concurrent keep-alive clients of each phase, comma-separated")
    parser.add_argument("--database", help="a PostgreSQL URL (replaced by the demo); "
                        "default: SQLite in a temporary folder")
    parser.add_argument("--max-latency", type=float, default=1.0)
    parser.add_argument("--max-growth-mb", type=float, default=40.0)
    parser.add_argument("--max-seconds", type=float, default=1200.0)
    parser.add_argument("--json", type=Path, help="also write the summary here")
    parser.add_argument("--keep", action="store_true", help="keep the folder with the log")
    args = parser.parse_args(argv)
    phases = [int(c) for c in args.clients.split(",") if c.strip()]

    work = Path(tempfile.mkdtemp(prefix="ipreg-soak-"))
    env = dict(os.environ)
    env.update({
        "IPREG_DATABASE_URL": args.database or f"sqlite:///{work / 'soak.db'}",
        "IPREG_SECRET": secrets.token_hex(32),
        "IPREG_SEARCH_PATH": str(work / "soak-search.db"),
        "IPREG_FILES_DIR": str(work / "files"),
        "PYTHONWARNINGS": "always",
    })
    env.pop("IPREG_OPENSEARCH_URL", None)
    subprocess.run([_ipreg(), "demo", "--load-only"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    tokens = [subprocess.run([_ipreg(), "users", "token", login, "--ttl", "3600"], env=env,
                             check=True, capture_output=True, text=True).stdout.strip()
              .splitlines()[-1] for login in ("supervisor", "admin")]
    port = _free_port()
    base = f"http://{HOST}:{port}"
    log = work / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([_ipreg(), "serve", "--host", HOST, "--port", str(port),
                                 "--no-migrate"], env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        _wait_ready(base, proc, log, 60)
        object_ids, party_ids = asyncio.run(_discover(base, tokens[0]))
        soak = Soak(base, tokens, object_ids, party_ids, proc.pid, args.max_seconds)
        started = time.monotonic()
        asyncio.run(soak.run(args.requests, phases))
        seconds = time.monotonic() - started
        final_pool = _settled_pool(base)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    summary = _summary(soak, log.read_text(errors="replace"), final_pool, seconds, args)
    summary["database"] = "postgresql" if args.database else "sqlite"
    summary["phases"] = phases
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text)
    if args.keep:
        print(f"log: {log}", file=sys.stderr)
    else:
        for path in sorted(work.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        work.rmdir()
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
