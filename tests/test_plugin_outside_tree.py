"""A plugin installed from outside plugins/ adds a type, a query field, a procedure and a
migration without any change to the core, and its own tests pass with ipreg.testing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parent / "plugin_example"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(EXAMPLE),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(target), env.get("PYTHONPATH", "")])
    env.pop("IPREG_PLUGINS", None)
    return env


def ipreg(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "from ipreg.core.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_plugin_is_discovered_with_its_version(installed: dict[str, str]) -> None:
    listing = ipreg(installed, "plugins")
    line = next(row for row in listing.splitlines() if row.startswith("example\t"))
    assert "ipreg-example-plugin 1.2.3" in line
    assert "ipreg_register_query_fields" in line


@pytest.mark.hook("ipreg_register_object_types")
def test_the_plugin_adds_a_type_and_a_query_field(installed: dict[str, str]) -> None:
    sdl = ipreg(installed, "schema", "export")
    assert "type ExampleObject implements IPObject & Node" in sdl
    assert "exampleGreeting(name: String!): String!" in sdl


@pytest.mark.hook("ipreg_migration_locations")
@pytest.mark.hook("ipreg_register_models")
@pytest.mark.hook("ipreg_register_object_kinds")
def test_the_plugin_migration_runs_on_its_own_branch(
    installed: dict[str, str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'plugin.db'}"
    ipreg(installed, "--database", url, "db", "upgrade")
    ipreg(installed, "--database", url, "db", "check")
    script = (
        "import asyncio, json, httpx\n"
        "from ipreg.core.config import Settings\n"
        "from ipreg.core.runtime import Runtime\n"
        "from ipreg.core.services.inputs import parse_object\n"
        "from ipreg.core.services.objects import create_object\n"
        "from ipreg.schema.app import create_app\n"
        "from sqlalchemy import text\n"
        f"rt = Runtime.create(Settings.from_env(database_url={url!r}))\n"
        "async def main():\n"
        "    async with rt.sessionmaker() as s:\n"
        "        o = await create_object(s, parse_object({'jurisdiction': 'example', "
        "'kind': 'example_breed', 'name': 'Sunny', 'status': 'included'}))\n"
        "        await s.flush()\n"
        "        await s.execute(text('INSERT INTO example_note (object_id, text) "
        "VALUES (:o, :t)'), {'o': o.id, 't': 'note'})\n"
        "        await s.commit()\n"
        "    app = create_app(rt)\n"
        "    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), "
        "base_url='http://t') as c:\n"
        "        r = await c.post('/graphql', json={'query': '{ exampleGreeting(name: \"ipreg\") "
        "ipObjects { edges { node { __typename kindName ... on ExampleObject { shout } } } } }'})\n"
        "        print(json.dumps(r.json()))\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=installed, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.strip().splitlines()[-1])["data"]
    assert data["exampleGreeting"] == "Hello, ipreg"
    assert data["ipObjects"]["edges"][0]["node"] == {
        "__typename": "ExampleObject",
        "kindName": "Animal breed (example)",
        "shout": "SUNNY!",
    }
    ipreg(installed, "--database", url, "db", "downgrade")


def test_the_plugins_own_tests_pass_with_ipreg_testing(installed: dict[str, str]) -> None:
    """As pluggy's downstream recipes: the example ships tests written with ipreg.testing
    (the ``pytest11`` plugin, fixtures ``ipreg_*``); they run here against this core.

    By hand: ``pip install tests/plugin_example && cd tests/plugin_example && pytest``.
    """
    done = subprocess.run(
        [sys.executable, "-P", "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--rootdir", str(EXAMPLE), "--confcutdir", str(EXAMPLE),
         "-c", str(EXAMPLE / "pyproject.toml"), str(EXAMPLE / "tests")],
        env=installed, cwd=EXAMPLE, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout.splitlines()[-1], done.stdout[-2000:]
