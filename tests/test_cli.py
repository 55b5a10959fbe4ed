"""The command line: demo, plugins, schema export, clear errors with non-zero exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ipreg.core.cli import cli

SDL = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from ipreg.core.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.hook("ipreg_register_demo_loaders")
def test_demo_load_only_creates_a_served_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    done = run("--database", url, "demo", "--load-only")
    assert done.returncode == 0, done.stderr
    assert "IP objects" in done.stdout
    check = run("--database", url, "db", "check")
    assert check.returncode == 0, check.stderr


@pytest.mark.hook("ipreg_register_commands")
def test_the_core_and_the_plugins_add_their_commands() -> None:
    """``ipreg_register_commands``: the core's groups (users, keys, notifications, audit)
    and a plugin's (eaeu) come through the hook; a plugin left out brings none."""
    listing = run("--help")
    assert listing.returncode == 0, listing.stderr
    commands = {line.split()[0] for line in listing.stdout.split("Commands:")[1].splitlines()
                if line.strip()}
    assert {"users", "keys", "notifications", "audit", "eaeu"} <= commands
    eaeu = run("eaeu", "--help")
    assert eaeu.returncode == 0 and "sync" in eaeu.stdout and "export" in eaeu.stdout
    without = run("--help", env={"IPREG_PLUGINS": "ukraine_customs"})
    assert "eaeu " not in without.stdout.split("Commands:")[1]


def test_schema_export_prints_the_committed_sdl() -> None:
    result = CliRunner().invoke(cli, ["schema", "export"])
    assert result.exit_code == 0
    assert result.output == SDL.read_text(encoding="utf-8")


def test_plugins_lists_the_built_in_jurisdictions() -> None:
    result = CliRunner().invoke(cli, ["plugins"])
    names = {line.split("\t")[0] for line in result.output.splitlines()}
    assert {"eaeu", "ukraine_customs", "ukraine_websites", "ipreg.core.builtin"} <= names


def test_an_unknown_plugin_in_the_environment_is_a_clear_error() -> None:
    done = run("plugins", env={"IPREG_PLUGINS": "eaeu,nosuch"})
    assert done.returncode == 2
    assert "error [CONFIGURATION_ERROR]" in done.stderr and "nosuch" in done.stderr


def test_serve_refuses_an_unmigrated_database_when_told_not_to_migrate(tmp_path: Path) -> None:
    done = run("--database", f"sqlite:///{tmp_path / 'empty.db'}", "serve", "--no-migrate",
               env={"IPREG_SECRET": "a-test-secret-that-is-not-the-development-one"})
    assert done.returncode != 0
    assert "not migrated" in done.stderr


def test_an_unsupported_database_url_is_a_clear_error(tmp_path: Path) -> None:
    done = run("--database", "mysql://x@localhost/db", "db", "upgrade")
    assert done.returncode != 0
    assert "unsupported database" in done.stderr


# ---------------------------------------------------------------- the development secret


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn.run replaced: each call is recorded instead of binding a port."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    for name in ("IPREG_SECRET", "IPREG_DEV"):
        monkeypatch.delenv(name, raising=False)
    return calls


def test_serve_refuses_the_development_secret_before_doing_anything(
    tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    db = tmp_path / "prod.db"
    done = CliRunner().invoke(cli, ["--database", f"sqlite:///{db}", "serve"])
    assert done.exit_code == 2, done.output
    assert "error [CONFIGURATION_ERROR]: IPREG_SECRET is not set" in done.output
    assert "--dev" in done.output and "IPREG_DEV=1" in done.output
    assert served == [] and not db.exists()  # neither bound a port nor migrated


def test_the_subprocess_exits_with_the_reason(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("IPREG_SECRET", "IPREG_DEV")}
    done = subprocess.run(
        [sys.executable, "-c", "from ipreg.core.cli import main; main()", "--database",
         f"sqlite:///{tmp_path / 'x.db'}", "serve", "--port", "1"],
        capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 2
    assert "IPREG_SECRET is not set" in done.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["serve", "--dev"], {}),
        (["serve"], {"IPREG_DEV": "1"}),
        (["serve"], {"IPREG_SECRET": "a-production-secret-of-48-characters-or-so-xxxx"}),
    ],
    ids=["--dev", "IPREG_DEV=1", "IPREG_SECRET"],
)
def test_serve_starts_in_development_mode_or_with_a_secret(
    tmp_path: Path, served: list[dict[str, Any]], args: list[str], env: dict[str, str]
) -> None:
    done = CliRunner(env=env).invoke(cli, ["--database", f"sqlite:///{tmp_path / 'ok.db'}",
                                           *args, "--port", "8123"])
    assert done.exit_code == 0, done.output
    assert [call["port"] for call in served] == [8123]


def test_demo_serves_with_the_development_secret(
    tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    """The README's first command, ``ipreg demo``, needs no IPREG_SECRET."""
    done = CliRunner().invoke(cli, ["--database", f"sqlite:///{tmp_path / 'demo.db'}",
                                    "demo", "--port", "8124"])
    assert done.exit_code == 0, done.output
    assert "development tokens, valid 24 h" in done.output
    assert [call["port"] for call in served] == [8124]
