"""``ipreg users`` and ``ipreg keys``: people, their grants, and information systems' keys.

Registered on the root group by ``ipreg.core.cli``. Grants are written
``ROLE[:JURISDICTION[:ORG_PARTY_ID]]`` (see :mod:`ipreg.core.auth.grants`). Bad
input ends with ``error [CODE]: message`` and exit status 2, via the root group.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ipreg.core.auth.grants import GRANT_SYNTAX, format_grant, parse_grants
from ipreg.core.auth.principal import Grant

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ipreg.core.cli import Ctx

T = TypeVar("T")
#: The root group's context object (:class:`ipreg.core.cli.Ctx`); ``pass_obj`` rather
#: than ``ipreg.core.cli.pass_ctx`` so that core/cli.py can import this module at
#: its top without an import cycle.
pass_ctx = click.pass_obj

GRANT_HELP = f"A role, written {GRANT_SYNTAX}; repeat for more."


def _in_session(obj: Ctx, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one committed session on the context's database."""

    async def main() -> T:
        runtime = obj.runtime
        try:
            async with runtime.sessionmaker() as session:
                result = await work(session)
                await session.commit()
                return result
        finally:
            await runtime.close()

    try:
        return asyncio.run(main())
    finally:
        obj._runtime = None  # its engine belonged to the loop that just ended


def _grants(obj: Ctx, specs: Sequence[str]) -> list[Grant]:
    return parse_grants(specs, obj.runtime.registry.jurisdictions)


def _grant_list(grants: Sequence[Grant]) -> str:
    return ",".join(format_grant(g) for g in grants) or "-"


def _when(value: Any) -> str:
    return value.isoformat(timespec="seconds") if value is not None else "-"


# ---------------------------------------------------------------- users


@click.group()
def users() -> None:
    """People who log in with a bearer token, and their grants."""


@users.command("create")
@click.argument("login")
@click.option("--name", "display_name", help="Display name (default: the login).")
@click.option("--party-id", type=click.IntRange(min=1), help="The party the user acts as.")
@click.option("--grant", "grant_specs", multiple=True, metavar="GRANT", help=GRANT_HELP)
@pass_ctx
def users_create(
    obj: Ctx, login: str, display_name: str | None, party_id: int | None,
    grant_specs: tuple[str, ...],
) -> None:
    """Create the user LOGIN."""
    from ipreg.core.auth import store

    grants = _grants(obj, grant_specs)

    async def work(session: AsyncSession) -> tuple[int, list[Grant]]:
        user = await store.create_user(session, login, display_name or login, party_id, grants)
        return user.id, store.user_grants(user)

    user_id, held = _in_session(obj, work)
    click.echo(f"created user {login} (id {user_id}) with grants {_grant_list(held)}")


@users.command("list")
@pass_ctx
def users_list(obj: Ctx) -> None:
    """List users: id, login, name, party, active, grants (tab-separated)."""
    from ipreg.core.auth import store

    async def work(session: AsyncSession) -> list[tuple[Any, ...]]:
        return [
            (u.id, u.login, u.display_name, u.party_id or "-",
             "active" if u.active else "disabled", _grant_list(store.user_grants(u)))
            for u in await store.list_users(session)
        ]

    for row in _in_session(obj, work):
        click.echo("\t".join(str(v) for v in row))


@users.command("grant")
@click.argument("login")
@click.argument("grant_specs", nargs=-1, required=True, metavar="GRANT...")
@click.option("--revoke", is_flag=True, help="Take the grants away instead.")
@pass_ctx
def users_grant(obj: Ctx, login: str, grant_specs: tuple[str, ...], revoke: bool) -> None:
    """Give LOGIN the GRANTs (ROLE[:JURISDICTION[:ORG_PARTY_ID]]), or --revoke them."""
    from ipreg.core.auth import store

    grants = _grants(obj, grant_specs)

    async def work(session: AsyncSession) -> list[Grant]:
        user = await store.grant_user(session, login, grants, revoke=revoke)
        return store.user_grants(user)

    held = _in_session(obj, work)
    click.echo(f"{login} now holds {_grant_list(held)}")


def _set_active(obj: Ctx, login: str, active: bool) -> None:
    from ipreg.core.auth import store

    async def work(session: AsyncSession) -> None:
        await store.set_user_active(session, login, active)

    _in_session(obj, work)
    click.echo(f"{login} is {'active' if active else 'disabled'}")


@users.command("disable")
@click.argument("login")
@pass_ctx
def users_disable(obj: Ctx, login: str) -> None:
    """Disable LOGIN: its tokens stop working at once."""
    _set_active(obj, login, False)


@users.command("enable")
@click.argument("login")
@pass_ctx
def users_enable(obj: Ctx, login: str) -> None:
    """Enable LOGIN again."""
    _set_active(obj, login, True)


@users.command("token")
@click.argument("login")
@click.option("--ttl", type=click.IntRange(min=1), default=3600, show_default=True,
              help="Seconds the token is valid, at most IPREG_JWT_MAX_LIFETIME.")
@pass_ctx
def users_token(obj: Ctx, login: str, ttl: int) -> None:
    """Print a development bearer token for LOGIN."""
    from ipreg.core.auth import store
    from ipreg.core.auth.authenticate import issue_token, token_lifetime
    from ipreg.core.errors import BadUserInput

    token_lifetime(obj.settings, ttl)  # a ttl the server would refuse stops here

    async def work(session: AsyncSession) -> tuple[int, bool]:
        user = await store.get_user(session, login)
        return user.id, user.active

    user_id, active = _in_session(obj, work)
    if not active:
        raise BadUserInput(f"user {login!r} is disabled: `ipreg users enable {login}` first")
    click.echo(issue_token(obj.settings, user_id, ttl))


# ---------------------------------------------------------------- keys


@click.group()
def keys() -> None:
    """API keys of information systems (stored only as a hash)."""


@keys.command("create")
@click.argument("name")
@click.option("--party-id", type=click.IntRange(min=1),
              help="The organisation that owns the key and the system acts as.")
@click.option("--grant", "grant_specs", multiple=True, metavar="GRANT", help=GRANT_HELP)
@pass_ctx
def keys_create(
    obj: Ctx, name: str, party_id: int | None, grant_specs: tuple[str, ...]
) -> None:
    """Create a key for the system NAME and print it, once."""
    from ipreg.core.auth import store

    grants = _grants(obj, grant_specs)

    async def work(session: AsyncSession) -> tuple[str, str]:
        row, key = await store.create_api_key(session, name, party_id, grants)
        return row.prefix, key

    prefix, key = _in_session(obj, work)
    click.echo(
        f"created API key {prefix} for {name!r} with grants {_grant_list(grants)}; "
        "the key follows and is not shown again: send it as the X-Api-Key header",
        err=True,
    )
    click.echo(key)


@keys.command("list")
@pass_ctx
def keys_list(obj: Ctx) -> None:
    """List keys: prefix, name, party, grants, created, last used, revoked."""
    from ipreg.core.auth import store

    async def work(session: AsyncSession) -> list[tuple[Any, ...]]:
        return [
            (k.prefix, k.name, k.party_id or "-", _grant_list(store.api_key_grants(k)),
             _when(k.created_at), f"used {_when(k.last_used_at)}",
             f"revoked {_when(k.revoked_at)}" if k.revoked_at else "valid")
            for k in await store.list_api_keys(session)
        ]

    for row in _in_session(obj, work):
        click.echo("\t".join(str(v) for v in row))


@keys.command("revoke")
@click.argument("prefix")
@pass_ctx
def keys_revoke(obj: Ctx, prefix: str) -> None:
    """Revoke the key PREFIX: it stops working at once."""
    from ipreg.core.auth import store

    async def work(session: AsyncSession) -> Any:
        return (await store.revoke_api_key(session, prefix)).revoked_at

    revoked_at = _in_session(obj, work)
    click.echo(f"API key {prefix} revoked at {_when(revoked_at)}")


COMMANDS = (users, keys)
