"""The command line: demo, plugins, schema export, clear errors with non-zero exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    without = run("--help", env={"IPREG_PLUGINS": "ukraine"})
    assert "eaeu " not in without.stdout.split("Commands:")[1]


def test_schema_export_prints_the_committed_sdl() -> None:
    result = CliRunner().invoke(cli, ["schema", "export"])
    assert result.exit_code == 0
    assert result.output == SDL.read_text(encoding="utf-8")


def test_plugins_lists_the_built_in_jurisdictions() -> None:
    result = CliRunner().invoke(cli, ["plugins"])
    names = {line.split("\t")[0] for line in result.output.splitlines()}
    assert {"eaeu", "ukraine", "ipreg.core.builtin"} <= names


def test_an_unknown_plugin_in_the_environment_is_a_clear_error() -> None:
    done = run("plugins", env={"IPREG_PLUGINS": "eaeu,nosuch"})
    assert done.returncode == 2
    assert "error [CONFIGURATION_ERROR]" in done.stderr and "nosuch" in done.stderr


def test_serve_refuses_an_unmigrated_database_when_told_not_to_migrate(tmp_path: Path) -> None:
    done = run("--database", f"sqlite:///{tmp_path / 'empty.db'}", "serve", "--no-migrate")
    assert done.returncode != 0
    assert "not migrated" in done.stderr


def test_an_unsupported_database_url_is_a_clear_error(tmp_path: Path) -> None:
    done = run("--database", "mysql://x@localhost/db", "db", "upgrade")
    assert done.returncode != 0
    assert "unsupported database" in done.stderr
