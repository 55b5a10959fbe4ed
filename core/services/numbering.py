"""Register numbering: named sequences in the core ``counter`` table, and fixed-width numbers.

A register keeps its sequences under its jurisdiction (``scope``): the EAEU
register's record numbers (R174 A1 T1 5.1.1) are ``("eaeu", "record")``, its
decision numbers ``("eaeu", "decision")``. :func:`next_value` takes the next
value under the counter row's lock, in the caller's transaction: concurrent
transactions get consecutive values in commit order, and a transaction that
rolls back gives its value back (no gaps). :func:`raise_counter` makes a
sequence continue after numbers that came from elsewhere (an import).
:func:`fixed_width` formats a value with leading zeros and refuses one that
does not fit.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db.bulk import insert_missing, table_of
from ipreg.core.errors import Conflict
from ipreg.core.model import Counter


async def ensure_counter(session: AsyncSession, scope: str, name: str) -> None:
    """Create the sequence at 0 unless it exists."""
    await insert_missing(session, table_of(Counter), {"scope": scope, "name": name, "value": 0})


async def raise_counter(session: AsyncSession, scope: str, name: str, at_least: int) -> None:
    """Make sure the sequence continues after ``at_least``."""
    await ensure_counter(session, scope, name)
    await session.execute(
        update(Counter)
        .where(Counter.scope == scope, Counter.name == name, Counter.value < at_least)
        .values(value=at_least).execution_options(synchronize_session=False))


async def next_value(session: AsyncSession, scope: str, name: str) -> int:
    """The next value of a sequence, taken under its row's lock (held until commit)."""
    await ensure_counter(session, scope, name)
    result = await session.execute(
        update(Counter).where(Counter.scope == scope, Counter.name == name)
        .values(value=Counter.value + 1).returning(Counter.value)
        .execution_options(synchronize_session=False))
    return int(result.scalar_one())


async def current_value(session: AsyncSession, scope: str, name: str) -> int:
    """The last value given (0: none yet)."""
    found = await session.scalar(
        select(Counter.value).where(Counter.scope == scope, Counter.name == name))
    return int(found or 0)


def fixed_width(value: int, digits: int, what: str = "number", rule: str | None = None) -> str:
    """``value`` as ``digits`` digits with leading zeros; :class:`Conflict` when it does
    not fit (the sequence is exhausted). ``rule`` names the rule that sets the width."""
    if not 1 <= value < 10**digits:
        of = f" of {rule}" if rule else ""
        raise Conflict(f"{what} {value} does not fit the {digits} digits{of}")
    return f"{value:0{digits}d}"


__all__ = ["current_value", "ensure_counter", "fixed_width", "next_value", "raise_counter"]
