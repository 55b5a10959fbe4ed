"""A real ``ipreg serve`` (uvicorn) on 127.0.0.1, for tests that need a real HTTP server."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

START_TIMEOUT = 60.0


def ipreg_command() -> list[str]:
    """The ``ipreg`` command of the interpreter running the tests."""
    script = Path(sys.executable).with_name("ipreg")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from ipreg.core.cli import main; main()"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_healthy(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
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


@contextlib.contextmanager
def ipreg_serve(tmp_path: Path, env: dict[str, str], *serve_args: str) -> Iterator[str]:
    """``ipreg serve`` on a free port and a fresh, migrated SQLite database in
    ``tmp_path``; yields the server's base URL (``http://127.0.0.1:PORT``)."""
    database = "sqlite:///" + str(tmp_path / "served.db")
    env = {"IPREG_FILES_DIR": str(tmp_path / "files"), **env}
    subprocess.run([*ipreg_command(), "--database", database, "db", "upgrade"], cwd=tmp_path,
                   env=env, check=True, capture_output=True, timeout=120)
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*ipreg_command(), "--database", database, "serve", "--host", "127.0.0.1",
             "--port", str(port), "--no-migrate", *serve_args],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, server, log)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def environment_without(*names: str) -> dict[str, str]:
    """This process's environment without ``names`` (settings a test must not inherit)."""
    return {k: v for k, v in os.environ.items() if k not in names}
