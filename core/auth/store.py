"""Users, grants and API keys in the database: what the CLI and the admin tools call.

Each function works in the caller's session and leaves committing to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ipreg.core.auth.keys import generate_api_key
from ipreg.core.auth.principal import Grant
from ipreg.core.db.base import utcnow
from ipreg.core.errors import BadUserInput, Conflict, NotFound
from ipreg.core.model.auth import ApiKey, ApiKeyGrant, AppUser, UserGrant
from ipreg.core.model.party import Party

#: A user acts as ``user:<login>``, which the 128-character actor columns of the case
#: steps and idempotency keys hold: so a login has at most 128 - len("user:") characters.
MAX_LOGIN_LENGTH = 123
LOGIN_PATTERN = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._@+-]{{0,{MAX_LOGIN_LENGTH - 1}}}")


def check_login(login: str) -> str:
    if not LOGIN_PATTERN.fullmatch(login):
        raise BadUserInput(
            f"login {login[:200]!r}: use 1-{MAX_LOGIN_LENGTH} letters, digits and . _ @ + - "
            "(starting with a letter or digit)"
        )
    return login


async def check_parties(session: AsyncSession, party_ids: Iterable[int | None]) -> None:
    """:class:`NotFound` naming the first of ``party_ids`` that is no party."""
    wanted = {p for p in party_ids if p is not None}
    if not wanted:
        return
    found = set((await session.scalars(select(Party.id).where(Party.id.in_(wanted)))).all())
    missing = sorted(wanted - found)
    if missing:
        raise NotFound(f"no party with id {missing[0]}", party_id=missing[0])


def _grant_parties(party_id: int | None, grants: Iterable[Grant]) -> list[int | None]:
    return [party_id, *(g.organisation_id for g in grants)]


# ---------------------------------------------------------------- users


async def create_user(
    session: AsyncSession,
    login: str,
    display_name: str,
    party_id: int | None = None,
    grants: Sequence[Grant] = (),
    active: bool = True,
) -> AppUser:
    check_login(login)
    if not display_name.strip():
        raise BadUserInput("the display name must not be empty")
    await check_parties(session, _grant_parties(party_id, grants))
    taken = await session.scalar(select(AppUser.id).where(AppUser.login == login))
    if taken is not None:
        raise Conflict(f"login {login!r} is taken", login=login)
    user = AppUser(
        login=login,
        display_name=display_name.strip(),
        party_id=party_id,
        active=active,
        created_at=utcnow(),
        grants=[UserGrant(role=g.role, jurisdiction=g.jurisdiction,
                          organisation_id=g.organisation_id) for g in dict.fromkeys(grants)],
    )
    session.add(user)
    await session.flush()
    return user


async def get_user(session: AsyncSession, login: str) -> AppUser:
    """The user with ``login`` and its grants loaded; :class:`NotFound` when none."""
    user = await session.scalar(
        select(AppUser).where(AppUser.login == login).options(selectinload(AppUser.grants))
    )
    if user is None:
        raise NotFound(f"no user with login {login!r}", login=login)
    return user


async def list_users(session: AsyncSession) -> list[AppUser]:
    rows = await session.scalars(
        select(AppUser).order_by(AppUser.login).options(selectinload(AppUser.grants))
    )
    return list(rows.all())


async def grant_user(
    session: AsyncSession, login: str, grants: Sequence[Grant], revoke: bool = False
) -> AppUser:
    """Add ``grants`` to the user (or with ``revoke`` take them away); idempotent."""
    user = await get_user(session, login)
    held = {g.to_grant(): g for g in user.grants}
    if revoke:
        for grant in grants:
            row = held.get(grant)
            if row is not None:
                user.grants.remove(row)
    else:
        await check_parties(session, _grant_parties(None, grants))
        for grant in dict.fromkeys(grants):
            if grant not in held:
                user.grants.append(UserGrant(role=grant.role, jurisdiction=grant.jurisdiction,
                                             organisation_id=grant.organisation_id))
    await session.flush()
    return user


async def set_user_active(session: AsyncSession, login: str, active: bool) -> AppUser:
    user = await get_user(session, login)
    user.active = active
    await session.flush()
    return user


def user_grants(user: AppUser) -> list[Grant]:
    return [g.to_grant() for g in user.grants]


# ---------------------------------------------------------------- API keys


async def create_api_key(
    session: AsyncSession,
    name: str,
    party_id: int | None = None,
    grants: Sequence[Grant] = (),
) -> tuple[ApiKey, str]:
    """A new key row and the key itself: the only time the key is ever at hand."""
    if not name.strip():
        raise BadUserInput("the key's name must not be empty")
    await check_parties(session, _grant_parties(party_id, grants))
    new = generate_api_key()
    row = ApiKey(
        prefix=new.prefix,
        key_hash=new.key_hash,
        name=name.strip(),
        party_id=party_id,
        created_at=utcnow(),
        grants=[ApiKeyGrant(role=g.role, jurisdiction=g.jurisdiction,
                            organisation_id=g.organisation_id) for g in dict.fromkeys(grants)],
    )
    session.add(row)
    await session.flush()
    return row, new.key


async def list_api_keys(session: AsyncSession) -> list[ApiKey]:
    rows = await session.scalars(
        select(ApiKey).order_by(ApiKey.created_at, ApiKey.id).options(selectinload(ApiKey.grants))
    )
    return list(rows.all())


async def revoke_api_key(session: AsyncSession, prefix: str) -> ApiKey:
    """Revoke the key; revoking a revoked key keeps its first revocation time."""
    row = await session.scalar(select(ApiKey).where(ApiKey.prefix == prefix.strip()))
    if row is None:
        raise NotFound(f"no API key with prefix {prefix!r}", prefix=prefix)
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        await session.flush()
    return row


def api_key_grants(row: ApiKey) -> list[Grant]:
    return [g.to_grant() for g in row.grants]
