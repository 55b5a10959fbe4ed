"""The CI soak (issue 12 §1): 20,000 mixed requests against a real ``ipreg serve``.

Anonymous and official reads over keep-alive connections, first one client then
sixteen, including requests that end in field errors (one of them the leak's
mechanism: a failing non-null root field cancelling siblings whose DataLoader
batches are queued), parse errors and refusals. ``bench/graphql/soak.py`` checks
that no request took over 1 s, the log has no leaked-connection warning, the pool
has nothing checked out afterwards and memory stayed flat; run it longer by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support import DatabaseFactory

SOAK = Path(__file__).resolve().parent.parent / "bench" / "graphql" / "soak.py"


def test_twenty_thousand_mixed_requests_leave_the_server_healthy(
        backend: str, databases: DatabaseFactory, tmp_path: Path) -> None:
    args = [sys.executable, str(SOAK), "--requests", "20000", "--clients", "1,16",
            "--json", str(tmp_path / "soak.json")]
    if backend == "postgres":
        args += ["--database", databases.empty()]
    done = subprocess.run(args, capture_output=True, text=True, timeout=1500)
    summary = json.loads((tmp_path / "soak.json").read_text()) if done.returncode in (0, 1) \
        else None
    assert summary is not None, done.stderr[-3000:]
    failed = [check for check, ok in summary["checks"].items() if not ok]
    assert failed == [], json.dumps(summary, indent=2, ensure_ascii=False)
    assert summary["requests"] >= 20000 and summary["errors_expected_and_seen"] > 1000
