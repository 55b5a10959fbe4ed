"""Checking the audit trail's hash chain (``ipreg audit verify``).

The records are read in ``seq`` order, in batches (keyset pagination: memory
does not grow with the table), and each is checked in turn:

* ``deleted`` — its ``seq`` is not the one expected: a record is missing;
* ``reordered`` — its ``prev_hash`` is not the previous record's hash: records
  were moved (their ``seq`` changed) or a record was inserted;
* ``altered`` — its ``hash`` is not the hash of its content: it was changed.

At the end the trail is compared with ``audit_head``: a head ahead of the last
record means the last records were deleted; a record after the head was not
written by ipreg; a head hash other than the last record's means the trail was
cut back and the head edited, or the last record or the head was altered.

The check runs without a long snapshot, while writers append: the head is read
only after the records, and a head ahead of the records read so far is
re-checked once (the head and its records commit together, so records up to a
head that is visible are visible too).

Someone who may write to the database can still rewrite the whole chain from
some record on and fix up the head; keep the printed head hash somewhere else
(a ticket, a notary, another system) to detect that too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from ipreg.core.audit.hashing import GENESIS_HASH, chain_hash
from ipreg.core.errors import BadUserInput
from ipreg.core.model.audit import AuditHead, AuditRecord

DEFAULT_BATCH = 1000


@dataclass(frozen=True)
class ChainProblem:
    """The first bad record: its ``seq``, what is wrong (``kind``) and an explanation."""

    seq: int
    kind: str
    message: str


@dataclass(frozen=True)
class VerifyResult:
    """How many records were checked, the head, and the first problem (if any)."""

    checked: int
    head_seq: int
    head_hash: str
    problem: ChainProblem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


_RECORD = AuditRecord.__table__


async def _batch(conn: AsyncConnection, after: int, size: int) -> Sequence[Row[Any]]:
    stmt = select(_RECORD).where(_RECORD.c.seq > after).order_by(_RECORD.c.seq).limit(size)
    return (await conn.execute(stmt)).all()


async def _head(conn: AsyncConnection) -> tuple[int, str] | None:
    stmt = select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)
    row = (await conn.execute(stmt)).one_or_none()
    return None if row is None else (int(row.seq), str(row.hash))


def _headless() -> VerifyResult:
    message = "the audit_head row is missing: the trail cannot be checked against it"
    return VerifyResult(0, 0, "", ChainProblem(0, "head", message))


async def verify_chain(
    conn: AsyncConnection, *, from_seq: int = 1, batch_size: int = DEFAULT_BATCH
) -> VerifyResult:
    """Check records ``from_seq`` onwards (the record before is trusted) and the head."""
    if from_seq < 1:
        raise BadUserInput("--from-seq must be 1 or more")
    if batch_size < 1:
        raise BadUserInput("--batch-size must be 1 or more")
    head = await _head(conn)
    if head is None:
        return _headless()
    head_seq, head_hash = head
    if from_seq > head_seq + 1:
        raise BadUserInput(f"--from-seq {from_seq} is after the last record ({head_seq})")

    def fail(seq: int, kind: str, message: str) -> VerifyResult:
        return VerifyResult(checked, head_seq, head_hash, ChainProblem(seq, kind, message))

    checked = 0
    last = from_seq - 1
    prev = GENESIS_HASH
    if last > 0:
        found = (
            await conn.execute(select(_RECORD.c.hash).where(_RECORD.c.seq == last))
        ).scalar_one_or_none()
        if found is None:
            return fail(last, "deleted", f"record {last} is missing (deleted)")
        prev = found

    while True:
        rows = await _batch(conn, last, batch_size)
        if not rows:
            head = await _head(conn)
            if head is None:
                return _headless()
            head_seq, head_hash = head
            if head_seq > last:
                # Writers may have committed meanwhile: their records are visible now.
                rows = await _batch(conn, last, batch_size)
                if not rows:
                    return fail(
                        last + 1,
                        "deleted",
                        f"record {last + 1} is missing (deleted): the head is at {head_seq} "
                        f"but the last record is {last or 'none'}",
                    )
            elif head_seq < last:
                return fail(
                    head_seq + 1,
                    "inserted",
                    f"record {head_seq + 1} is after the head ({head_seq}): "
                    "it was not written by ipreg",
                )
            elif head_hash != prev:
                return fail(
                    last,
                    "truncated",
                    f"record {last} is not the record the head names (hash mismatch): "
                    "later records were deleted, or the record or the head was altered",
                )
            else:
                return VerifyResult(checked, head_seq, head_hash)
        for row in rows:
            expected = last + 1
            if row.seq != expected:
                return fail(
                    expected,
                    "deleted",
                    f"record {expected} is missing (deleted): the next record is {row.seq}",
                )
            if row.prev_hash != prev:
                return fail(
                    row.seq,
                    "reordered",
                    f"record {row.seq} does not follow record {row.seq - 1} "
                    "(prev_hash mismatch): records were reordered or inserted",
                )
            if chain_hash(prev, row) != row.hash:
                return fail(
                    row.seq,
                    "altered",
                    f"record {row.seq} was altered (hash mismatch): its content is not "
                    "what was recorded",
                )
            prev = row.hash
            last = row.seq
            checked += 1
