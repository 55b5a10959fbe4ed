"""Writing many rows of one table in a few statements, in the caller's transaction.

The register writers (:mod:`ipreg.core.services.objects`, the parties and
documents services, plugins for their own tables) insert a batch of rows table
by table, parents first:

* :func:`insert_ids` for rows whose ids the next table refers to: two
  statements per table whatever the number of rows. The ids come from the
  database and are taken before the rows are sent — on PostgreSQL from the id
  sequence (``nextval`` over ``generate_series``), on SQLite by inserting the
  first row (its rowid is the largest + 1, and the write lock it takes keeps
  every other writer out until commit) — so concurrent writers never collide,
  and the rows then go in one ``executemany``.
* :func:`insert_rows` for the leaves: one ``executemany``.
* :func:`insert_missing` for a row that must exist (``ON CONFLICT DO NOTHING``).
* :func:`move_sequences` after rows were written under ids chosen elsewhere (a
  replica): PostgreSQL's id sequences continue after the highest id.

Why not SQLAlchemy's ``INSERT … RETURNING`` in insertmanyvalues batches
(``sort_by_parameter_order``): on SQLite it can match the returned ids to the
rows only through an ``insert_sentinel()`` column and sends one INSERT per row
otherwise; measured figures are in :mod:`ipreg.core.services.objects`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, insert, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def table_of(model: Any) -> Table:
    """The :class:`Table` of a mapped class."""
    table: Table = model.__table__
    return table


def _uniform(rows: Sequence[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
    """The rows with the same keys (``executemany`` wants one parameter set shape)."""
    first = rows[0].keys()
    if all(row.keys() == first for row in rows):
        return rows
    keys: set[str] = set()
    for row in rows:
        keys.update(row)
    return [{key: row.get(key) for key in keys} for row in rows]


async def insert_ids(session: AsyncSession, table: Table,
                     rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert ``rows`` into ``table``; their new ids, in the order of ``rows``.

    Two statements whatever the number of rows: the ids are reserved
    (:func:`reserve_ids`), then the rows inserted with them in one ``executemany``.
    """
    if not rows:
        return []
    if session.get_bind().dialect.name == "postgresql":
        ids = await reserve_ids(session, table, len(rows))
        await insert_rows(session, table, [{**row, "id": i} for row, i in zip(rows, ids,
                                                                            strict=True)])
        return ids
    # SQLite: the first row takes the next rowid (max + 1) and with it the database's
    # write lock, held until commit; no other writer can take the ids that follow it.
    first = int((await session.execute(insert(table).returning(table.c.id),
                                       dict(rows[0]))).scalar_one())
    ids = list(range(first, first + len(rows)))
    await insert_rows(session, table, [{**row, "id": i} for row, i in zip(rows[1:], ids[1:],
                                                                        strict=True)])
    return ids


async def reserve_ids(session: AsyncSession, table: Table, count: int) -> list[int]:
    """``count`` new ids of ``table`` from its PostgreSQL sequence (unique however many
    writers take ids at once; a rolled-back transaction leaves a gap, as ``SERIAL`` does)."""
    result = await session.execute(
        text(f"SELECT nextval(pg_get_serial_sequence('\"{table.name}\"', 'id')) "
             "FROM generate_series(1, :count)"), {"count": count})
    return [int(value) for value in result.scalars()]


async def insert_rows(session: AsyncSession, table: Table,
                      rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` in one ``executemany``."""
    if rows:
        await session.execute(insert(table), _uniform(rows))


async def insert_missing(session: AsyncSession, table: Table, values: Mapping[str, Any]) -> None:
    """Insert the row ``values`` unless one with the same key is there already."""
    dialect = session.get_bind().dialect.name
    stmt = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    await session.execute(stmt.values(dict(values)).on_conflict_do_nothing())


async def move_sequences(session: AsyncSession, tables: Iterable[Table]) -> None:
    """On PostgreSQL, move the ``id`` sequence of each table past its highest id."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        if "id" in table.c:
            await session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                f"(SELECT max(id) FROM \"{table.name}\"))"))
