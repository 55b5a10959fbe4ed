"""Summarise a py-spy ``--format raw`` (collapsed stacks) profile of the ipreg server.

Each sample is put in exactly one cost category (first matching rule), so the
percentages add up to 100 %. Run on a ``--gil`` profile the categories say what
holds the interpreter, i.e. what limits a single server process's throughput.

SQLAlchemy's async engine runs its synchronous core in greenlets, which py-spy
shows as separate stacks rooted at ``Connection.execute`` and friends; the rules
below account for that.

Usage: ``python bench/graphql/profile_report.py PROFILE.txt [--top 25]``
"""

from __future__ import annotations

import argparse
import functools
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")

# Sync-side greenlet roots of SQLAlchemy's async engine.
GREENLET_ROOTS = ("Connection.execute (sqlalchemy/", "Connection.close (sqlalchemy/",
                  "Engine.connect (sqlalchemy/", "Connection.exec_driver_sql (sqlalchemy/")


def parse(path: Path) -> Iterator[tuple[list[str], int]]:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [f for f in stack.split(";") if f]
        if frames and frames[0].startswith("thread ("):
            frames = frames[1:]
        if frames and frames[0].startswith("process "):
            frames = frames[1:]
        yield frames, int(count)


def package(frame: str) -> str:
    m = FRAME.match(frame)
    if not m:
        return "?"
    file = m.group("file")
    if file.startswith(("main/", "ipreg/")) or "/ipreg/" in file:
        parts = file.split("/")
        start = parts.index("ipreg") + 1 if "ipreg" in parts else 1
        return "ipreg:" + "/".join(parts[start:start + 2])
    if file.split("/")[-1] in ("variants.py", "bare_app.py", "cost.py"):
        return "bench:" + file.split("/")[-1]
    if file.startswith("<"):
        return "python:" + file
    top = file.split("/")[0]
    if top.endswith(".py"):
        return "stdlib:" + top
    return top


@functools.cache
def _worker_get_line() -> int:
    """Line of ``tx.get()`` in aiosqlite's worker loop (where an idle worker sits)."""
    try:
        import inspect

        import aiosqlite.core

        lines, start = inspect.getsourcelines(aiosqlite.core._connection_worker_thread)
        for offset, text in enumerate(lines):
            if "tx.get()" in text:
                return start + offset
    except (ImportError, OSError, AttributeError):
        pass
    return 59


def category(frames: list[str]) -> str:
    if not frames:
        return "no Python frame (GIL held in C, e.g. sqlite3 step/fetch)"
    stack = ";".join(frames)
    leaf = frames[-1]
    leaf_pkg = package(leaf)

    if "_connection_worker_thread" in stack:
        if leaf.startswith("get (queue.py") or "SimpleQueue" in leaf \
                or leaf == f"_connection_worker_thread (aiosqlite/core.py:{_worker_get_line()})":
            return "idle: aiosqlite worker waiting for work"
        return "aiosqlite worker thread: sqlite3 prepare/step/fetch"
    if "select (selectors.py" in leaf or leaf.startswith("poll "):
        return "idle: event loop waiting (epoll)"
    if leaf_pkg.startswith("stdlib:threading") and "Thread._bootstrap" in stack:
        return "other threads"

    on_greenlet = frames[0].startswith(GREENLET_ROOTS)
    if on_greenlet or "greenlet_spawn" in stack or "AsyncConnection." in stack:
        if "_compile_w_cache" in stack or "_generate_cache_key" in stack \
                or "cache_key" in leaf:
            return "SQLAlchemy execute: cache key + compile (incl. expanding IN)"
        if "_literal_execute_expanding_parameter" in stack or "_process_parameters" in stack:
            return "SQLAlchemy execute: cache key + compile (incl. expanding IN)"
        if "aiosqlite" in stack or "await_only" in stack or "await_" in leaf \
                or leaf_pkg == "greenlet" or "greenlet_spawn" in leaf \
                or leaf_pkg.startswith("stdlib:asyncio") or leaf_pkg == "asyncio":
            return "aiosqlite + greenlet hand-off (futures, queue, thread wake-ups)"
        if "_setup_result_proxy" in stack or "CursorResult" in stack or "fetchall" in stack \
                or "_init_metadata" in stack or "Row" in leaf or "result.py" in leaf:
            return "SQLAlchemy execute: result set-up + row fetch"
        if "pool/" in stack or "Engine.connect" in stack or "Connection.close" in stack:
            return "SQLAlchemy connection checkout/return (pool)"
        return "SQLAlchemy execute: other (context, events, transaction)"

    if leaf_pkg == "sqlalchemy" and re.search(
            r"batch_load_fn \([^)]*schema/loaders\.py|ip_objects \([^)]*schema/query\.py", stack):
        return "SQLAlchemy statement construction (select()/in_()/union per batch)"
    if leaf_pkg == "sqlalchemy" or (leaf_pkg.startswith("python:<string>")
                                    and "sqlalchemy/" in stack):
        return "SQLAlchemy other (Row access, types)"
    if "validate (graphql/validation/validate.py" in stack:
        return "GraphQL validation (graphql-core validate())"
    if "parse (graphql/language/parser.py" in stack:
        return "GraphQL parsing"
    if "__hash__ (graphql/language/ast.py" in stack or ("hash" in leaf and "graphql/" in leaf):
        return "GraphQL AST hashing (validation-cache key)"
    if leaf_pkg == "aiosqlite":
        return "aiosqlite + greenlet hand-off (futures, queue, thread wake-ups)"
    if leaf_pkg == "aiodataloader":
        return "DataLoader machinery (aiodataloader)"
    if leaf_pkg == "graphql":
        return "graphql-core execution"
    if leaf_pkg == "strawberry":
        return "strawberry (resolver wrappers, extensions, types)"
    if leaf_pkg in ("uvicorn", "h11", "starlette", "httpx", "httpcore", "anyio"):
        return "HTTP server: uvicorn + h11 + starlette"
    if leaf_pkg.startswith("stdlib:asyncio") or leaf_pkg == "asyncio":
        # The code that called into asyncio, within the running callback/task only
        # (above the last Handle._run is the event loop itself, not a caller).
        runs = [i for i, f in enumerate(frames) if f.startswith("Handle._run (")]
        segment = frames[runs[-1] + 1:] if runs else frames
        caller = next((package(f) for f in reversed(segment)
                       if not package(f).startswith("stdlib:asyncio")
                       and package(f) not in ("asyncio", "python:<frozen abc>")), "")
        if caller == "aiodataloader":
            return "DataLoader machinery (aiodataloader)"
        if caller in ("uvicorn", "h11", "starlette"):
            return "HTTP server: uvicorn + h11 + starlette"
        if caller in ("graphql", "strawberry"):
            return "asyncio scheduling for graphql-core (tasks/gather of async fields)"
        return "asyncio scheduling (event loop, tasks, futures, callbacks)"
    if leaf_pkg.startswith("ipreg:"):
        if "schema/http.py" in leaf or "schema/app.py" in leaf:
            return "ipreg HTTP handler (schema/http.py, incl. orjson)"
        return f"ipreg code ({leaf_pkg[6:]})"
    return f"other: {leaf_pkg}"


def report(path: Path, top: int = 25) -> str:
    cats: Counter[str] = Counter()
    pkgs: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for frames, n in parse(path):
        total += n
        cats[category(frames)] += n
        if frames:
            pkgs[package(frames[-1])] += n
            leaves[frames[-1]] += n
        for frame in set(frames):
            inclusive[frame] += n
    if not total:
        return f"{path}: no samples"
    lines = [f"{path}: {total} samples", "", "cost categories (each sample counted once):"]
    for name, n in cats.most_common():
        lines.append(f"  {100 * n / total:5.1f}%  {name}")
    lines += ["", "self time by package (leaf frame):"]
    for name, n in pkgs.most_common(15):
        lines.append(f"  {100 * n / total:5.1f}%  {name}")
    lines += ["", f"top {top} functions by self time:"]
    for name, n in leaves.most_common(top):
        lines.append(f"  {100 * n / total:5.1f}%  {name}")
    keys = ("GraphQLEndpoint.__call__", "Schema.execute", "dispatch_queue_batch",
            "batch_load_fn", "Reader.rows", "AsyncConnection.execute", "_compile_w_cache",
            "_generate_cache_key", "object_from_row", "resolve_nodes", "_resolve_one",
            "run_asgi", "orjson", "_DocumentCache.get", "format_error")
    lines += ["", "inclusive time of selected frames (main-loop side):"]
    chosen = Counter({f: n for f, n in inclusive.items() if any(k in f for k in keys)})
    for name, n in chosen.most_common(20):
        lines.append(f"  {100 * n / total:5.1f}%  {name}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print(report(args.profile, args.top))


if __name__ == "__main__":
    main()
