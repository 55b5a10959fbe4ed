"""CPU cost per request of each application, in-process, without HTTP or a load generator.

Calls each ASGI application directly (a minimal ASGI driver, no sockets, no
uvicorn) and reports the CPU time per request (``time.process_time``, all
threads), the wall time, and the SQL statements per request. Unlike req/s this
hardly moves when other processes load the machine, so it is the number to
compare before/after a change to ``schema/``.

  bare       bench/graphql/bare_app.py
  serve      ipreg.schema.app.create_app, as ``ipreg serve`` builds it
  <variant>  the servers of bench/graphql/variants.py

``--concurrency 32`` runs 32 requests at a time on the event loop (as 32 wrk
connections would), which adds the contention of the connection pool and the
aiosqlite threads.

Usage: ``.venv/bin/python bench/graphql/cost.py --database sqlite:////tmp/demo.db
[--apps bare,serve,prebuilt,rawsqlite,inmemory,cache] [--requests 400] [--concurrency 1]``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402


def node_bodies(ids: list[str]) -> list[bytes]:
    return [json.dumps({"query": run.NODE_QUERY, "variables": {"id": i}}).encode() for i in ids]


def page_bodies(cursors: list[str]) -> list[bytes]:
    starts: list[str | None] = [None]
    starts += [cursors[k - 1] for k in range(50, len(cursors) - 49, 50)]
    return [json.dumps({"query": run.PAGE_QUERY, "variables": {"after": s}}).encode()
            for s in starts]


async def call(app: Any, body: bytes) -> tuple[int, bytes]:
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/graphql", "raw_path": b"/graphql", "query_string": b"",
        "root_path": "", "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"),
                    (b"accept", b"application/json"),
                    (b"content-length", str(len(body)).encode())],
    }
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    status = 0
    chunks: list[bytes] = []

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def lifespan_start(app: Any) -> None:
    """Run nothing: the apps need no start-up (the ipreg lifespan only closes)."""


def make_app(name: str, database_url: str) -> Any:
    if name == "bare":
        from bare_app import app

        return app
    import variants

    return variants.build_app("baseline" if name == "serve" else name, database_url)


async def measure(app: Any, bodies: list[bytes], requests: int, concurrency: int,
                  deadline: float) -> dict[str, float]:
    from ipreg.schema import reader as reader_module

    statements = 0
    original_close = reader_module.Reader.close

    async def counting_close(self: Any) -> None:
        nonlocal statements
        statements += self.statements
        await original_close(self)

    for body in bodies[:500]:  # warm-up: every distinct body once (caches, pool)
        status, payload = await call(app, body)
        if status != 200 or b'"errors"' in payload:
            raise RuntimeError(f"request failed: {status} {payload[:300]!r}")
    reader_module.Reader.close = counting_close  # type: ignore[method-assign]
    try:
        done = 0
        cpu0, wall0 = time.process_time(), time.perf_counter()
        while done < requests and time.monotonic() < deadline:
            batch = [bodies[(done + k) % len(bodies)] for k in range(concurrency)]
            results = await asyncio.gather(*(call(app, b) for b in batch))
            for status, payload in results:
                if status != 200 or b'"errors"' in payload:
                    raise RuntimeError(f"request failed: {status} {payload[:300]!r}")
            done += len(batch)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    finally:
        reader_module.Reader.close = original_close  # type: ignore[method-assign]
    return {"requests": done, "cpu_us": 1e6 * cpu / done, "wall_us": 1e6 * wall / done,
            "statements": statements / done}


async def amain(args: argparse.Namespace) -> int:
    ids, cursors = await collect(args.database)
    workloads = {"node": node_bodies(ids[:200]), "page50": page_bodies(cursors)}
    rows = []
    for name in args.apps:
        app = make_app(name, args.database)
        for workload in args.workloads:
            bodies = workloads[workload]
            deadline = time.monotonic() + args.max_seconds
            n = args.requests if workload == "node" else max(args.concurrency,
                                                             args.requests // 10)
            result = await measure(app, bodies, n, args.concurrency, deadline)
            rows.append((name, workload, result))
            print(f"  {name:<10} {workload:<7} {result['cpu_us']:10.0f} us CPU/req "
                  f"{result['wall_us']:10.0f} us wall/req {result['statements']:5.1f} stmts/req "
                  f"({result['requests']} requests)", flush=True)
        runtime = getattr(getattr(getattr(app, "app", app), "state", None), "runtime", None)
        if runtime is not None:
            await runtime.close()
    base = {w: r["cpu_us"] for n, w, r in rows if n == "bare"}
    bare_any = next(iter(base.values()), None)
    print()
    print(f"{'app':<10} {'workload':<8} {'CPU us/req':>11} {'stmts/req':>9} {'bare/app CPU':>13}")
    for name, workload, result in rows:
        ratio = f"{bare_any / result['cpu_us']:13.3f}" if bare_any else " " * 13
        print(f"{name:<10} {workload:<8} {result['cpu_us']:11.0f} {result['statements']:9.1f} "
              f"{ratio}")
    print("\n(bare/app CPU is the in-process analogue of b/a without uvicorn's own cost; "
          "run.py measures the real thing)")
    return 0


async def collect(database_url: str) -> tuple[list[str], list[str]]:
    """Global IDs and cursors, read through the application itself."""
    app = make_app("serve", database_url)
    ids: list[str] = []
    cursors: list[str] = []
    after = None
    for _ in range(100):
        status, payload = await call(app, json.dumps(
            {"query": run.IDS_QUERY, "variables": {"after": after}}).encode())
        data = json.loads(payload)
        if status != 200 or data.get("errors"):
            raise RuntimeError(f"listing ids failed: {payload[:300]!r}")
        conn = data["data"]["ipObjects"]
        for edge in conn["edges"]:
            ids.append(edge["node"]["id"])
            cursors.append(edge["cursor"])
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = cursors[-1]
    await app.state.runtime.close()
    return ids, cursors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="sqlite:////path/to/demo.db")
    parser.add_argument("--apps", default="bare,serve,prebuilt,rawsqlite,inmemory,cache")
    parser.add_argument("--workloads", default="node,page50")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=60.0,
                        help="time bound per app and workload")
    args = parser.parse_args()
    args.apps = [a.strip() for a in args.apps.split(",") if a.strip()]
    args.workloads = [w.strip() for w in args.workloads.split(",") if w.strip()]
    return asyncio.run(amain(args))


if __name__ == "__main__":
    sys.exit(main())
