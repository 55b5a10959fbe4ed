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
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

AUDIT_DIR = Path(__file__).resolve().parent / "audit"
SUMMARY = re.compile(r"^graphql-http audit: (\d+) ok, (\d+) warnings, (\d+) failures")
START_TIMEOUT = 60.0
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


def _ipreg() -> list[str]:
    """The ``ipreg`` command of the interpreter running the tests."""
    script = Path(sys.executable).with_name("ipreg")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from ipreg.core.cli import main; main()"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_healthy(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"ipreg serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"ipreg serve was not healthy within {START_TIMEOUT}s:\n{log.read_text()}")


@pytest.fixture
def server_url(node: str, tmp_path: Path) -> Iterator[str]:
    """``ipreg serve`` on a free port and a fresh database; its /graphql URL.

    Depends on ``node`` so that a machine without Node.js skips before a server starts.
    """
    database = "sqlite:///" + str(tmp_path / "audit.db")
    env = {**os.environ, "IPREG_FILES_DIR": str(tmp_path / "files"),
           # A server outside development mode needs a secret of its own.
           "IPREG_SECRET": secrets.token_urlsafe(32)}
    subprocess.run([*_ipreg(), "--database", database, "db", "upgrade"], cwd=tmp_path,
                   env=env, check=True, capture_output=True, timeout=120)
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*_ipreg(), "--database", database, "serve", "--host", "127.0.0.1",
             "--port", str(port), "--no-migrate"],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, server, log)
        yield f"{base}/graphql"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


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
