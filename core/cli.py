"""The ``ipreg`` command line."""

from __future__ import annotations

import asyncio
import json
import random
import sys
from pathlib import Path
from typing import Any

import click

from ipreg.core.config import Settings
from ipreg.core.errors import IpregError

DEMO_SEED = 20261123


class Ctx:
    def __init__(self, database_url: str | None) -> None:
        self.overrides: dict[str, Any] = {"database_url": database_url}
        self._runtime: Any = None

    @property
    def settings(self) -> Settings:
        return Settings.from_env(**self.overrides)

    @property
    def runtime(self) -> Any:
        if self._runtime is None:
            from ipreg.core.runtime import Runtime

            self._runtime = Runtime.create(self.settings)
        return self._runtime


pass_ctx = click.make_pass_decorator(Ctx)


class IpregGroup(click.Group):
    """Turns :class:`IpregError` into a message and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        from sqlalchemy.exc import OperationalError, ProgrammingError

        try:
            return super().invoke(ctx)
        except IpregError as error:
            click.echo(f"error [{error.code}]: {error.message}", err=True)
            sys.exit(2)
        except (OperationalError, ProgrammingError) as error:
            reason = str(error.orig).splitlines()[0] if error.orig else str(error)
            hint = (" (is the database migrated? run `ipreg db upgrade`)"
                    if "no such table" in reason or "does not exist" in reason else "")
            click.echo(f"error [DATABASE_ERROR]: {reason}{hint}", err=True)
            sys.exit(3)


@click.group(cls=IpregGroup)
@click.option(
    "--database",
    "database_url",
    envvar="IPREG_DATABASE_URL",
    default=None,
    help="Database URL (default: sqlite:///ipreg.db in the working directory).",
)
@click.version_option(package_name="ipreg")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None) -> None:
    """ipreg: an open GraphQL register platform for IP enforcement registers."""
    ctx.obj = Ctx(database_url)


# ---------------------------------------------------------------- db


@cli.group()
def db() -> None:
    """Database migrations (core and every installed plugin)."""


def _report_revision(obj: Ctx) -> None:
    from ipreg.core.db import migrate

    revisions = migrate.current(obj.settings.database_url, obj.runtime.registry)
    click.echo(f"database at {', '.join(sorted(revisions)) or 'base'}")


@db.command("upgrade")
@click.option("--revision", default="heads", show_default=True)
@pass_ctx
def db_upgrade(obj: Ctx, revision: str) -> None:
    """Apply migrations up to REVISION (all heads by default)."""
    from ipreg.core.db import migrate

    migrate.upgrade(obj.settings.database_url, obj.runtime.registry, revision)
    _report_revision(obj)


@db.command("downgrade")
@click.option(
    "--revision",
    default="base",
    show_default=True,
    help="Target revision; 'base' removes every table.",
)
@pass_ctx
def db_downgrade(obj: Ctx, revision: str) -> None:
    """Take migrations back to REVISION."""
    from ipreg.core.db import migrate

    migrate.downgrade(obj.settings.database_url, obj.runtime.registry, revision)
    _report_revision(obj)


@db.command("check")
@pass_ctx
def db_check(obj: Ctx) -> None:
    """Fail if the models and the migrated database differ."""
    from ipreg.core.db import migrate

    diff = migrate.drift(obj.settings.database_url, obj.runtime.registry)
    if diff:
        for item in diff:
            click.echo(f"drift: {item}", err=True)
        sys.exit(1)
    click.echo("models and migrations agree")


# ---------------------------------------------------------------- serve


def _refuse_development_secret(settings: Settings, dev: bool) -> None:
    """A server outside development mode needs its own IPREG_SECRET."""
    from ipreg.core.auth.settings import DEVELOPMENT_SECRET
    from ipreg.core.errors import ConfigurationError

    if settings.secret == DEVELOPMENT_SECRET and not (dev or settings.dev):
        raise ConfigurationError(
            "IPREG_SECRET is not set, so this server would sign tokens and extracts with the "
            "development secret that is printed in ipreg's source: anyone could sign an admin "
            "token. Set IPREG_SECRET to a long random value (python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'), or on a development machine run "
            "`ipreg serve --dev` (or set IPREG_DEV=1)."
        )


def _serve(obj: Ctx, host: str, port: int, migrate_first: bool, dev: bool = False) -> None:
    _refuse_development_secret(obj.settings, dev)
    import uvicorn

    from ipreg.core.db import migrate
    from ipreg.schema.app import create_app

    if migrate_first:
        migrate.upgrade(obj.settings.database_url, obj.runtime.registry)
    elif not migrate.is_up_to_date(obj.settings.database_url, obj.runtime.registry):
        raise click.ClickException("the database is not migrated: run `ipreg db upgrade`")
    app = create_app(obj.runtime)
    click.echo(f"ipreg serving {obj.settings.database_url} on http://{host}:{port}/graphql")
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--migrate/--no-migrate",
    "migrate_first",
    default=True,
    show_default=True,
    help="Apply pending migrations before serving.",
)
@click.option("--dev", is_flag=True,
              help="Development mode: allow the development IPREG_SECRET (also IPREG_DEV=1).")
@pass_ctx
def serve(obj: Ctx, host: str, port: int, migrate_first: bool, dev: bool) -> None:
    """Serve the GraphQL API (GraphiQL at /graphql in a browser).

    Refuses to start with the development IPREG_SECRET unless --dev (or IPREG_DEV=1).
    """
    _serve(obj, host, port, migrate_first, dev)


# ---------------------------------------------------------------- demo


#: Users every demo has; plugins' demo loaders add the roles of their procedures.
CORE_DEMO_USERS = (
    ("admin", "Administrator", "admin"),
    ("supervisor", "Supervisor of every register", "supervisor"),
)


async def load_demo(obj: Ctx) -> tuple[int, list[tuple[str, str, str]]]:
    """Load every plugin's demo data; return the object count and (login, grants, token)."""
    from ipreg.core.auth import Grant
    from ipreg.core.auth.authenticate import issue_token
    from ipreg.core.auth.grants import format_grant
    from ipreg.core.auth.settings import auth_settings
    from ipreg.core.auth.store import create_user, list_users, user_grants

    runtime = obj.runtime
    rng = random.Random(DEMO_SEED)
    total = 0
    try:
        async with runtime.sessionmaker() as session:
            for login, name, role in CORE_DEMO_USERS:
                await create_user(session, login, name, None, [Grant(role)])
            await session.commit()
        for loaders in runtime.registry.pm.hook.ipreg_register_demo_loaders():
            for loader in loaders or []:
                async with runtime.sessionmaker() as session:
                    total += await loader(session, rng)
                    await session.commit()
        # The demo's tokens live as long as the server accepts (IPREG_JWT_MAX_LIFETIME).
        ttl = auth_settings(runtime).max_lifetime
        async with runtime.sessionmaker() as session:
            users = [(u.login, " ".join(format_grant(g) for g in user_grants(u)),
                      issue_token(runtime, u.id, ttl))
                     for u in await list_users(session) if u.active]
    finally:
        await runtime.close()
    return total, users


@cli.command()
@click.option("--load-only", is_flag=True, help="Create the demo database and exit.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--fresh/--keep",
    default=True,
    show_default=True,
    help="Start from an empty database (a SQLite file is replaced).",
)
@pass_ctx
def demo(obj: Ctx, load_only: bool, host: str, port: int, fresh: bool) -> None:
    """Create a database with realistic demo data and serve it."""
    from sqlalchemy.engine import make_url

    from ipreg.core.auth.settings import auth_settings
    from ipreg.core.db import migrate

    url = obj.settings.database_url
    parsed = make_url(url)
    if fresh:
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            for suffix in ("", "-wal", "-shm"):
                Path(parsed.database + suffix).unlink(missing_ok=True)
        else:
            migrate.downgrade(url, obj.runtime.registry)
    migrate.upgrade(url, obj.runtime.registry)
    count, users = asyncio.run(load_demo(obj))
    obj._runtime = None
    click.echo(f"demo data: {count} IP objects in {url}")
    hours = auth_settings(obj.settings).max_lifetime / 3600
    click.echo(f"development tokens, valid {hours:g} h (send as `Authorization: Bearer "
               "<token>`; `ipreg users token LOGIN` makes new ones):")
    for login, grants, token in users:
        click.echo(f"  {login:<24} {grants}\n    {token}")
    if not load_only:
        # The demo is development by definition: its secret may be the development one.
        _serve(obj, host, port, migrate_first=False, dev=True)


# ---------------------------------------------------------------- time limits


@cli.command()
@pass_ctx
def tick(obj: Ctx) -> None:
    """Apply every due consequence of an expired time limit, once.

    The server runs the same check every IPREG_TICK_INTERVAL seconds; running it
    twice changes nothing the second time.
    """

    async def run() -> list[dict[str, Any]]:
        try:
            return await obj.runtime.procedures.tick()
        finally:
            await obj.runtime.close()

    applied = asyncio.run(run())
    for item in applied:
        click.echo(f"{item['case']}\t{item['limit']} expired\t"
                   f"{item['consequence'] or 'no consequence'}")
    click.echo(f"{len(applied)} time limits expired")


# ---------------------------------------------------------------- plugins, schema


@cli.command()
@pass_ctx
def plugins(obj: Ctx) -> None:
    """List the loaded plugins with their versions and hooks."""
    from ipreg.core.plugins import describe_plugins

    for info in describe_plugins(obj.runtime.registry.pm):
        click.echo(
            f"{info.name}\t{info.distribution} {info.version}\t{info.module}\t"
            f"{','.join(info.hooks)}"
        )


@cli.group()
def schema() -> None:
    """The GraphQL schema."""


@schema.command("export")
@click.option("--possible-types", is_flag=True,
              help="Print the possible types of each interface and union as JSON instead "
                   "(schema/possibleTypes.json, for clients' fragment matchers).")
@pass_ctx
def schema_export(obj: Ctx, possible_types: bool) -> None:
    """Print the schema as SDL (the published contract: schema/schema.graphql)."""
    from ipreg.schema.build import build_schema
    from ipreg.schema.build import possible_types as possible

    built = build_schema(obj.runtime.registry, obj.settings)
    if possible_types:
        click.echo(json.dumps(possible(built), indent=2, ensure_ascii=False))
    else:
        click.echo(built.as_str())


def _add_core_commands() -> None:
    from ipreg.search.cli import import_group, search_group
    from ipreg.search.translit.cli import translit

    cli.add_command(translit)
    cli.add_command(search_group)
    existing = cli.commands.get("import")
    if isinstance(existing, click.Group):  # a plugin's ``import`` group came first
        for command in import_group.commands.values():
            existing.add_command(command)
    else:
        cli.add_command(import_group)


def _add_plugin_commands() -> None:
    """Plugins add commands; the set of plugins follows IPREG_PLUGINS."""
    from ipreg.core.plugins import make_plugin_manager

    try:
        pm = make_plugin_manager(Settings.from_env().plugins)
    except IpregError as error:
        click.echo(f"error [{error.code}]: {error.message}", err=True)
        sys.exit(2)
    pm.hook.ipreg_register_commands(cli=cli)


def main() -> None:
    _add_core_commands()
    _add_plugin_commands()
    cli(prog_name="ipreg")
