"""Profile the ipreg server under the (b) ``node(id:)`` load with py-spy.

Starts the server (``ipreg serve``, or a variants.py server), drives it with wrk
as run.py does, attaches ``py-spy record`` for a while, and prints the cost
breakdown of bench/graphql/profile_report.py. Two views:

  --mode gil   only samples where a thread holds the GIL: what the interpreter
               spends its time on, i.e. what limits one process's throughput
  --mode wall  every thread, idle included: where a request waits

Needs py-spy (``.venv/bin/pip install py-spy``); attaching needs ptrace rights
(root, or kernel.yama.ptrace_scope=0).

Usage: ``.venv/bin/python bench/graphql/profile.py [--case b|c] [--seconds 15]
[--mode gil] [--variant NAME] [--rev HEAD] [--out DIR]``
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402
from profile_report import report  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", choices=("b", "c"), default="b")
    parser.add_argument("--seconds", type=float, default=15.0, help="sampling time")
    parser.add_argument("--rate", type=int, default=250, help="samples per second")
    parser.add_argument("--mode", choices=("gil", "wall"), default="gil")
    parser.add_argument("--variant", choices=run.VARIANTS,
                        help="profile a variants.py server instead of ipreg serve")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rev", help="profile this git revision (git archive)")
    parser.add_argument("--out", type=Path, help="keep the raw profile and a speedscope "
                        "file in this directory")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    args.wrk_cpu = None
    args.timeout = 10.0
    if not 1 <= args.seconds <= 120:
        parser.error("--seconds 1..120")

    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(py_spy).exists():
        print("py-spy is missing: .venv/bin/pip install py-spy", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="ipreg-profile-"))
    out = args.out or work
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("IPREG_DATABASE_URL", None)
    # `ipreg serve` refuses the development secret; a random one works at every revision.
    env.setdefault("IPREG_SECRET", secrets.token_urlsafe(32))
    try:
        if args.rev:
            src = work / "src"
            src.mkdir()
            archive = subprocess.run(["git", "-C", str(run.REPO), "archive", "--prefix=ipreg/",
                                      args.rev], capture_output=True, timeout=60, check=True)
            subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, timeout=60,
                           check=True)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
        script = Path(sys.executable).with_name("ipreg")
        ipreg = [str(script)] if script.exists() else [
            sys.executable, "-c", "from ipreg.core.cli import main; main()"]
        db = work / "demo.db"
        subprocess.run([*ipreg, "--database", f"sqlite:///{db}", "demo", "--load-only"],
                       check=True, timeout=300, capture_output=True, env=env)
        db_url = f"sqlite:///{db}"
        if args.variant:
            argv = [sys.executable, str(HERE / "variants.py"), "--variant", args.variant,
                    "--database", db_url, "--port", "{port}"]
        else:
            argv = [*ipreg, "--database", db_url, "serve", "--host", run.HOST, "--port",
                    "{port}", "--no-migrate"]
        print(f"profiling ({args.case}) at {run.git_describe(args.rev)}, "
              f"{args.variant or 'ipreg serve'}, mode {args.mode}, {args.seconds:g}s; "
              f"loadavg {os.getloadavg()[0]:.2f}", flush=True)
        with run.Server("server", argv, work / "server.log", env) as server:
            ids, cursors = run.collect_ids(server.port, 200)
            if args.case == "b":
                bodies = [{"query": run.NODE_QUERY, "variables": {"id": i}} for i in ids]
            else:
                starts: list[str | None] = [None]
                starts += [cursors[k - 1] for k in range(50, len(cursors) - 49, 50)]
                bodies = [{"query": run.PAGE_QUERY, "variables": {"after": s}} for s in starts]
            body_file = run.write_bodies(work / "bodies.jsonl", bodies)
            run.run_wrk(server.port, body_file, 2, args)  # warm-up
            result: dict[str, object] = {}

            def load() -> None:
                result.update(run.run_wrk(server.port, body_file, args.seconds + 4, args))

            driver = threading.Thread(target=load, daemon=True)
            driver.start()
            time.sleep(2)
            raw = out / f"profile-{args.case}-{args.variant or 'serve'}-{args.mode}.txt"
            cmd = [py_spy, "record", "--pid", str(server.proc.pid), "--duration",
                   str(round(args.seconds)), "--rate", str(args.rate), "--format", "raw",
                   "--output", str(raw), "--nonblocking"]
            cmd += ["--gil"] if args.mode == "gil" else ["--idle", "--threads"]
            subprocess.run(cmd, timeout=args.seconds + 60, check=True, capture_output=True)
            driver.join(timeout=args.seconds + 70)
        rps = result.get("requests", 0) / (max(1, int(result.get("duration_us", 1))) / 1e6)
        print(f"load during profile: {rps:.1f} req/s (sampling slows the server a little)\n")
        print(report(raw, args.top))
        if args.out:
            print(f"\nraw profile kept in {raw}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
