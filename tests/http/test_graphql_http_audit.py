"""graphql-http's GraphQL-over-HTTP server audit against a real ``ipreg serve``.

The audit (npm ``graphql-http``, ``auditServer``) is the reference test suite of
the GraphQL-over-HTTP specification: every MUST, SHOULD and MAY it checks has to
pass, with no failures and no warnings. It runs ``tests/http/audit/audit.mjs``
with Node against uvicorn serving a fresh, migrated SQLite database.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import ipreg_serve

AUDIT_DIR = Path(__file__).resolve().parent / "audit"
SUMMARY = re.compile(r"^graphql-http audit: (\d+) ok, (\d+) warnings, (\d+) failures")
AUDIT_TIMEOUT = 120.0


@pytest.fixture
def node() -> str:
    """Node.js, with graphql-http installed in the audit directory; skips without them."""
    node_exe, npm_exe = shutil.which("node"), shutil.which("npm")
    if node_exe is None or npm_exe is None:
        _unavailable("the graphql-http audit needs Node.js and npm on PATH")
    version = subprocess.run([node_exe, "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    if int(version.lstrip("v").split(".")[0]) < 18:
        _unavailable(f"the graphql-http audit needs Node.js >= 18 (global fetch), not {version}")
    _install_audit(npm_exe)
    return node_exe


def _unavailable(reason: str) -> None:
    """Skip on a developer machine; in CI (``CI=true``) the audit is required."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _install_audit(npm: str) -> None:
    """``npm ci`` in the audit directory, unless graphql-http is installed already."""
    if (AUDIT_DIR / "node_modules" / "graphql-http" / "package.json").is_file():
        return
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=AUDIT_DIR,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"npm ci failed in {AUDIT_DIR}:\n{done.stdout}\n{done.stderr}"


@pytest.fixture
def server_url(node: str, tmp_path: Path) -> Iterator[str]:
    """``ipreg serve`` on a free port and a fresh database; its /graphql URL.

    Depends on ``node`` so that a machine without Node.js skips before a server starts.
    """
    # A server outside development mode needs a secret of its own.
    env = {**os.environ, "IPREG_SECRET": secrets.token_urlsafe(32)}
    with ipreg_serve(tmp_path, env) as base:
        yield f"{base}/graphql"


def test_graphql_http_audit(node: str, server_url: str) -> None:
    done = subprocess.run([node, "audit.mjs", server_url], cwd=AUDIT_DIR, capture_output=True,
                          text=True, timeout=AUDIT_TIMEOUT)
    output = done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    summary = SUMMARY.match(lines[-1]) if lines else None
    assert summary, f"the audit did not finish (exit {done.returncode}):\n{output}"
    ok, warnings, failures = (int(n) for n in summary.groups())
    assert (warnings, failures) == (0, 0), f"graphql-http audit:\n{output}"
    assert ok > 0
    assert done.returncode == 0, f"graphql-http audit:\n{output}"
