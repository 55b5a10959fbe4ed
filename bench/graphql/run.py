"""GraphQL throughput benchmark: bare Starlette vs. ``node(id:)`` vs. a page of 50.

One run measures, one server process at a time, each served by uvicorn with one
worker on 127.0.0.1 and driven by ``wrk`` (a separate process):

  (a) bare   -- bench/graphql/bare_app.py: Starlette, fixed JSON (the ceiling)
  (b) node   -- ``node(id:)`` of an IP object with holders, goods, status history,
                rotating over N different global IDs (default 200)
  (c) page50 -- ``ipObjects(first: 50)`` with the same relations, rotating over
                the pages of the demo data

and prints req/s, p50/p90/p99 latency, the server's CPU time per request, and the
ratios b/a and c/a (the issue's goal: b/a >= 0.25). ``--variants`` adds rows for
the experimental servers of bench/graphql/variants.py. See bench/README.md.

Usage: ``.venv/bin/python bench/graphql/run.py [--duration 10] [--warmup 2]
[--connections 32] [--threads 2] [--repeat 1] [--rev HEAD] [--variants ...]``
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from variants import VARIANTS

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LUA = HERE / "rotate.lua"
HOST = "127.0.0.1"  # all traffic stays on loopback
CLK_TCK = os.sysconf("SC_CLK_TCK")

RELATIONS = ("name registerNumber holders { name country } "
             "goods { description hsCodes niceClasses } statusHistory { status date }")
NODE_QUERY = ("query($id: ID!) { node(id: $id) { id ... on IPObject { " + RELATIONS + " } } }")
PAGE_QUERY = ("query($after: String) { ipObjects(first: 50, after: $after) { "
              "edges { node { id " + RELATIONS + " } } } }")
IDS_QUERY = ("query($after: String) { ipObjects(first: 100, after: $after) { "
             "edges { cursor node { id } } pageInfo { hasNextPage } } }")


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def post(port: int, body: dict[str, Any] | bytes, timeout: float = 10.0) -> dict[str, Any]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(
        f"http://{HOST}:{port}/graphql", data=data,
        headers={"Content-Type": "application/json", "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read())  # type: ignore[no-any-return]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


class Server:
    """A server subprocess in its own session; stopped by its own pid only."""

    def __init__(self, name: str, argv: list[str], log: Path, env: dict[str, str],
                 cpu: str | None = None) -> None:
        self.port = free_port()
        argv = [a.replace("{port}", str(self.port)) for a in argv]
        if cpu is not None and shutil.which("taskset"):
            argv = ["taskset", "-c", cpu, *argv]
        self.name, self.log = name, log
        self._log = open(log, "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(argv, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True, env=env)
        self.wait_ready()

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited: see {self.log}")
            try:
                post(self.port, {"query": "{ __typename }"}, timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} not ready after {timeout:.0f}s: see {self.log}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --------------------------------------------------------------------------- wrk


@dataclass
class Sample:
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    cpu_ms: float  # server CPU time per request
    errors: int
    loadavg: float
    raw: dict[str, Any]


@dataclass
class Case:
    key: str
    label: str
    objects_per_request: int
    samples: list[Sample] = field(default_factory=list)

    def median(self, attr: str) -> float:
        return statistics.median(getattr(s, attr) for s in self.samples)


def run_wrk(port: int, bodies: Path, seconds: float, args: argparse.Namespace
            ) -> dict[str, Any]:
    argv = ["wrk", f"-t{args.threads}", f"-c{args.connections}",
            f"-d{max(1, round(seconds))}s", "--timeout", f"{args.timeout:g}s", "-s", str(LUA),
            f"http://{HOST}:{port}/graphql"]
    if args.wrk_cpu is not None and shutil.which("taskset"):
        argv = ["taskset", "-c", args.wrk_cpu, *argv]
    env = {**os.environ, "BENCH_BODIES": str(bodies), "BENCH_PATH": "/graphql"}
    out = subprocess.run(argv, env=env, capture_output=True, text=True,
                         timeout=seconds + 60, check=True)
    for line in out.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line[len("BENCH_JSON "):])  # type: ignore[no-any-return]
    raise RuntimeError(f"wrk printed no summary:\n{out.stdout}\n{out.stderr}")


def prime(server: Server, bodies: Path, limit: int = 500, seconds: float = 120.0) -> None:
    """Send every distinct body once, so caches that fill per id are warm for every case
    (a response cache would otherwise spend the measured window filling up)."""
    deadline = time.monotonic() + seconds
    for line in bodies.read_bytes().splitlines()[:limit]:
        if time.monotonic() > deadline:
            break
        post(server.port, line, timeout=30)  # the exact bytes wrk will send


def measure(case: Case, server: Server, bodies: Path, args: argparse.Namespace) -> Sample:
    prime(server, bodies)
    if args.warmup > 0:
        run_wrk(server.port, bodies, args.warmup, args)
    load = os.getloadavg()[0]
    cpu0 = cpu_seconds(server.proc.pid)
    raw = run_wrk(server.port, bodies, args.duration, args)
    cpu1 = cpu_seconds(server.proc.pid)
    errors = (raw["connect_errors"] + raw["read_errors"] + raw["write_errors"]
              + raw["timeouts"] + raw["non2xx"] + raw["bad_responses"])
    requests = raw["requests"]
    sample = Sample(rps=raw["requests"] / (raw["duration_us"] / 1e6),
                    p50_ms=raw["p50_us"] / 1000, p90_ms=raw["p90_us"] / 1000,
                    p99_ms=raw["p99_us"] / 1000,
                    cpu_ms=1000 * (cpu1 - cpu0) / requests if requests else float("nan"),
                    errors=errors, loadavg=load, raw=raw)
    case.samples.append(sample)
    print(f"  {case.label:<40} {sample.rps:9.1f} req/s  p50 {sample.p50_ms:8.2f} ms  "
          f"p99 {sample.p99_ms:8.2f} ms  cpu {sample.cpu_ms:6.2f} ms/req  "
          f"errors {errors}  load {load:.1f}", flush=True)
    return sample


# --------------------------------------------------------------------------- bodies


def write_bodies(path: Path, bodies: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(b, ensure_ascii=False, separators=(",", ":")) + "\n"
                            for b in bodies), encoding="utf-8")
    return path


def collect_ids(port: int, limit: int) -> tuple[list[str], list[str]]:
    """Global IDs (and cursors) of the objects, oldest first."""
    ids: list[str] = []
    cursors: list[str] = []
    after = None
    for _ in range(100):  # bounded: at most 100 pages
        data = post(port, {"query": IDS_QUERY, "variables": {"after": after}})
        if data.get("errors"):
            raise RuntimeError(f"listing ids failed: {data['errors']}")
        conn = data["data"]["ipObjects"]
        for edge in conn["edges"]:
            ids.append(edge["node"]["id"])
            cursors.append(edge["cursor"])
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = cursors[-1]
    return ids[:limit], cursors


def check_bodies(port: int, bodies: list[dict[str, Any]], what: str) -> None:
    for body in bodies[:3] + bodies[-2:]:
        data = post(port, body)
        if data.get("errors") or not data.get("data"):
            raise RuntimeError(f"{what}: query fails: {json.dumps(data)[:500]}")


# --------------------------------------------------------------------------- main


def git_describe(rev: str | None) -> str:
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", rev or "HEAD"],
                              capture_output=True, text=True, timeout=10, check=True)
        desc = head.stdout.strip()
        if rev is None:
            dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain",
                                    "--untracked-files=no"],
                                   capture_output=True, text=True, timeout=10)
            if dirty.stdout.strip():
                desc += " + uncommitted changes (working tree)"
        return desc
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per case")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per case")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="wrk's request timeout in seconds (a timed-out request is an error)")
    parser.add_argument("--ids", type=int, default=200, help="distinct ids for (b)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the whole sequence N times and report medians "
                        "(use 3 on a busy machine)")
    parser.add_argument("--pin", action="store_true",
                        help="pin servers to CPU 0 and wrk to CPU 1 (taskset)")
    parser.add_argument("--only", default="a,b,c", help="cases to run, e.g. a,b")
    parser.add_argument("--variants", default="",
                        help=f"comma-separated variants.py servers to add: {', '.join(VARIANTS)}"
                        " or 'all'")
    parser.add_argument("--rev", help="benchmark this git revision (exported with git archive "
                        "and put first on PYTHONPATH) instead of the working tree")
    parser.add_argument("--database", help="existing SQLite file with demo data "
                        "(default: a fresh `ipreg demo --load-only` in a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (logs, bodies)")
    args = parser.parse_args()
    args.server_cpu = "0" if args.pin else None
    args.wrk_cpu = "1" if args.pin else None
    args.cases = {c.strip() for c in args.only.split(",") if c.strip()}
    names = VARIANTS if args.variants == "all" else [
        v.strip() for v in args.variants.split(",") if v.strip()]
    for name in names:
        if name not in VARIANTS:
            parser.error(f"unknown variant {name!r}")
    args.variant_names = names
    if not 1 <= args.repeat <= 10 or not 1 <= args.duration <= 300:
        parser.error("--repeat 1..10 and --duration 1..300")
    return args


def main() -> int:
    args = parse_args()
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="ipreg-bench-"))
    env = dict(os.environ)
    env.pop("IPREG_DATABASE_URL", None)
    # `ipreg serve` refuses the development secret; a random one works at every revision.
    env.setdefault("IPREG_SECRET", secrets.token_urlsafe(32))
    if args.rev:
        src = work / "src"
        src.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "--prefix=ipreg/",
                                  args.rev], capture_output=True, timeout=60, check=True)
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, timeout=60,
                       check=True)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src),
                                                          env.get("PYTHONPATH")]))
    script = Path(sys.executable).with_name("ipreg")
    ipreg = [str(script)] if script.exists() else [
        sys.executable, "-c", "from ipreg.core.cli import main; main()"]

    cases: dict[str, Case] = {}

    def case(key: str, label: str, objects: int = 1) -> Case:
        return cases.setdefault(key, Case(key, label, objects))

    started = time.monotonic()
    try:
        print(f"ipreg GraphQL benchmark at {git_describe(args.rev)}: wrk -t{args.threads} "
              f"-c{args.connections}, {args.warmup:g}s warm-up + {args.duration:g}s per case, "
              f"{args.repeat}x, {'pinned (server cpu0, wrk cpu1)' if args.pin else 'unpinned'};"
              f" {os.cpu_count()} CPUs, loadavg {os.getloadavg()[0]:.2f}; work dir {work}",
              flush=True)
        if args.database:
            db = Path(args.database).resolve()
        else:
            db = work / "demo.db"
            subprocess.run([*ipreg, "--database", f"sqlite:///{db}", "demo", "--load-only"],
                           check=True, timeout=300, capture_output=True, env=env)
        db_url = f"sqlite:///{db}"
        serve = [*ipreg, "--database", db_url, "serve", "--host", HOST, "--port", "{port}",
                 "--no-migrate"]

        with Server("ipreg", serve, work / "ipreg.log", env, args.server_cpu) as server:
            ids, cursors = collect_ids(server.port, args.ids)
            node_bodies = [{"query": NODE_QUERY, "variables": {"id": i}} for i in ids]
            starts: list[str | None] = [None]
            starts += [cursors[k - 1] for k in range(50, len(cursors) - 49, 50)]
            page_bodies = [{"query": PAGE_QUERY, "variables": {"after": s}} for s in starts]
            node_file = write_bodies(work / "node.jsonl", node_bodies)
            page_file = write_bodies(work / "page.jsonl", page_bodies)
            check_bodies(server.port, node_bodies, "node")
            check_bodies(server.port, page_bodies, "page")
        print(f"  {len(ids)} distinct ids for (b), {len(page_bodies)} distinct pages of 50 "
              f"for (c)", flush=True)

        for round_ in range(args.repeat):
            if args.repeat > 1:
                print(f"round {round_ + 1}/{args.repeat}", flush=True)
            if "a" in args.cases:
                with Server("bare", [sys.executable, str(HERE / "bare_app.py"), "--port",
                                     "{port}"], work / "bare.log", env,
                            args.server_cpu) as bare:
                    measure(case("a", "(a) bare Starlette, fixed JSON"), bare, node_file, args)
            if args.cases & {"b", "c"}:
                with Server("ipreg", serve, work / "ipreg.log", env, args.server_cpu) as server:
                    if "b" in args.cases:
                        measure(case("b", f"(b) node(id:), {len(ids)} ids"), server,
                                node_file, args)
                    if "c" in args.cases:
                        measure(case("c", "(c) ipObjects(first: 50)", 50), server,
                                page_file, args)
            for name in args.variant_names:
                argv = [sys.executable, str(HERE / "variants.py"), "--variant", name,
                        "--database", db_url, "--port", "{port}"]
                with Server(name, argv, work / f"variant-{name}.log", env,
                            args.server_cpu) as server:
                    if "b" in args.cases:
                        measure(case(f"b:{name}", f"(b) node, variant {name}"), server,
                                node_file, args)
                    if "c" in args.cases:
                        measure(case(f"c:{name}", f"(c) page50, variant {name}", 50), server,
                                page_file, args)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print()
    agg = "median of " + str(args.repeat) if args.repeat > 1 else "one run"
    print(f"results ({agg}; cpu = server CPU time per request, all threads):")
    print(f"{'case':<40} {'req/s':>9} {'obj/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
          f"{'cpu ms':>7} {'errors':>6} {'vs (a)':>7} {'cpu a/x':>7}")
    base = cases.get("a")
    base_rps = base.median("rps") if base else None
    base_cpu = base.median("cpu_ms") if base else None
    for c in cases.values():
        rps = c.median("rps")
        ratio = f"{rps / base_rps:7.3f}" if base_rps else "      -"
        cpu = c.median("cpu_ms")
        cpu_ratio = f"{base_cpu / cpu:7.3f}" if base_cpu and cpu > 0 else "      -"
        objects = f"{rps * c.objects_per_request:8.0f}" if c.key != "a" else " " * 8
        print(f"{c.label:<40} {rps:9.1f} {objects} {c.median('p50_ms'):8.2f} "
              f"{c.median('p90_ms'):8.2f} {c.median('p99_ms'):8.2f} {cpu:7.2f} "
              f"{sum(s.errors for s in c.samples):6d} {ratio} {cpu_ratio}")
    print("vs (a) = req/s ratio; cpu a/x = server CPU per request of (a) / of this case, the "
          "same ratio\nas the server would reach if it alone had a core (robust to other load)")
    ratios: dict[str, float] = {}
    if base_rps:
        for key in cases:
            if key != "a":
                ratios[f"{key}/a"] = cases[key].median("rps") / base_rps
        if "b/a" in ratios:
            met = "met" if ratios["b/a"] >= 0.25 else "NOT met"
            print(f"\nb/a = {ratios['b/a']:.3f}  (goal >= 0.25: {met})")
        if "c/a" in ratios:
            print(f"c/a = {ratios['c/a']:.3f}  (per object: {50 * ratios['c/a']:.3f})")
        if base_cpu and "b" in cases:
            print(f"CPU per request: (b) costs {cases['b'].median('cpu_ms') / base_cpu:.1f}x (a)")
    print(f"loadavg now {os.getloadavg()[0]:.2f}; total {time.monotonic() - started:.0f}s")
    if args.json:
        args.json.write_text(json.dumps({
            "revision": git_describe(args.rev),
            "settings": {k: getattr(args, k) for k in ("duration", "warmup", "connections",
                                                       "threads", "repeat", "pin")},
            "cases": {k: {"label": c.label, "median_rps": c.median("rps"),
                          "samples": [s.__dict__ for s in c.samples]}
                      for k, c in cases.items()},
            "ratios": ratios,
            "cpu_ratios": {f"{k}/a": base_cpu / cases[k].median("cpu_ms")
                           for k in cases if k != "a" and base_cpu
                           and cases[k].median("cpu_ms") > 0},
        }, indent=2))
    return 1 if any(s.errors for c in cases.values() for s in c.samples) else 0


if __name__ == "__main__":
    sys.exit(main())
