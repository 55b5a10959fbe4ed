"""``ipreg audit verify``: tampering directly in the database is detected and located."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from ipreg.core.audit import chain_hash
from ipreg.core.audit.cli import audit
from ipreg.core.cli import Ctx, IpregGroup, cli
from ipreg.core.model.audit import AuditRecord

Seeded = Callable[[list[int]], str]
Tamper = Callable[..., None]

#: 9 records in 5 transactions: batch boundaries and transaction boundaries differ.
BATCHES = [2, 1, 3, 1, 2]


def verify(url: str, *args: str) -> Result:
    return CliRunner().invoke(audit, ["verify", *args], obj=Ctx(url))


def assert_broken_at(result: Result, seq: int, kind: str) -> None:
    assert result.exit_code == 1, result.output
    assert f"audit trail broken at record {seq} ({kind})" in result.stderr, result.stderr
    assert "chain intact" not in result.stdout


def test_an_intact_trail_verifies(seeded: Seeded) -> None:
    url = seeded(BATCHES)
    result = verify(url)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "9 records, chain intact"
    # Small batches stream through the same records.
    result = verify(url, "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "9 records, chain intact"


def test_an_empty_trail_verifies(database_url: str) -> None:
    result = verify(database_url)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "0 records, chain intact"


def test_from_seq_checks_the_rest_of_the_trail(seeded: Seeded) -> None:
    url = seeded(BATCHES)
    result = verify(url, "--from-seq", "4")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "6 records, chain intact"
    assert verify(url, "--from-seq", "10").stdout.startswith("0 records, chain intact")


def test_from_seq_needs_the_record_before_it(seeded: Seeded, tamper: Tamper) -> None:
    url = seeded(BATCHES)
    tamper("DELETE FROM audit_record WHERE seq = 3")
    assert_broken_at(verify(url, "--from-seq", "4"), 3, "deleted")
    assert verify(url, "--from-seq", "5").exit_code == 0


@pytest.mark.parametrize("batch_size", ["1000", "2"])
def test_an_altered_record_is_named(seeded: Seeded, tamper: Tamper, batch_size: str) -> None:
    url = seeded(BATCHES)
    tamper(
        "UPDATE audit_record SET diff = :diff WHERE seq = 5",
        diff='{"state": {"before": "filed", "after": "refused"}}',
    )
    assert_broken_at(verify(url, "--batch-size", batch_size), 5, "altered")


def test_an_altered_actor_is_named(seeded: Seeded, tamper: Tamper) -> None:
    url = seeded(BATCHES)
    tamper("UPDATE audit_record SET actor_subject = 'mallory' WHERE seq = 7")
    assert_broken_at(verify(url), 7, "altered")


@pytest.mark.parametrize("batch_size", ["1000", "2"])
def test_a_deleted_record_is_named(seeded: Seeded, tamper: Tamper, batch_size: str) -> None:
    url = seeded(BATCHES)
    tamper("DELETE FROM audit_record WHERE seq = 3")
    result = verify(url, "--batch-size", batch_size)
    assert_broken_at(result, 3, "deleted")
    assert "record 3 is missing" in result.stderr


def test_a_deleted_first_record_is_named(seeded: Seeded, tamper: Tamper) -> None:
    url = seeded(BATCHES)
    tamper("DELETE FROM audit_record WHERE seq = 1")
    assert_broken_at(verify(url), 1, "deleted")


def test_deleting_the_last_record_is_detected(seeded: Seeded, tamper: Tamper) -> None:
    url = seeded(BATCHES)
    tamper("DELETE FROM audit_record WHERE seq = 9")
    result = verify(url)
    assert_broken_at(result, 9, "deleted")
    assert "the head is at 9 but the last record is 8" in result.stderr


def test_deleting_the_last_records_and_rewinding_the_head_is_detected(
    seeded: Seeded, tamper: Tamper
) -> None:
    url = seeded(BATCHES)
    tamper(
        "DELETE FROM audit_record WHERE seq >= 8",
        "UPDATE audit_head SET seq = 7 WHERE id = 1",
    )
    assert_broken_at(verify(url), 7, "truncated")


def test_swapped_records_are_named(seeded: Seeded, tamper: Tamper) -> None:
    url = seeded(BATCHES)
    # Three steps: a primary key is checked row by row.
    tamper(
        "UPDATE audit_record SET seq = 1000 WHERE seq = 4",
        "UPDATE audit_record SET seq = 4 WHERE seq = 6",
        "UPDATE audit_record SET seq = 6 WHERE seq = 1000",
    )
    result = verify(url)
    assert_broken_at(result, 4, "reordered")
    assert "prev_hash mismatch" in result.stderr


def test_a_well_forged_record_after_the_head_is_detected(seeded: Seeded, tamper: Tamper) -> None:
    """A record appended behind ipreg's back, even correctly chained, is not in the head."""
    url = seeded(BATCHES)
    table = AuditRecord.__table__

    def forge(conn: Connection) -> None:
        last = conn.execute(select(table).where(table.c.seq == 9)).one()._asdict()
        forged = {**last, "seq": 10, "prev_hash": last["hash"], "note": "forged"}
        forged["hash"] = chain_hash(last["hash"], SimpleNamespace(**forged))
        conn.execute(insert(table), [forged])

    tamper(forge)
    result = verify(url)
    assert_broken_at(result, 10, "inserted")
    assert "after the head" in result.stderr


def test_an_altered_hash_is_named(seeded: Seeded, tamper: Tamper) -> None:
    url = seeded(BATCHES)
    tamper("UPDATE audit_record SET hash = :h WHERE seq = 2", h="f" * 64)
    # Record 2 no longer matches its content; record 3 would not follow it either.
    assert_broken_at(verify(url), 2, "altered")


def test_a_deleted_head_is_detected(seeded: Seeded, tamper: Tamper) -> None:
    url = seeded(BATCHES)
    tamper("DELETE FROM audit_head")
    result = verify(url)
    assert result.exit_code == 1
    assert "audit trail broken (head): the audit_head row is missing" in result.stderr


def test_the_root_command_line_runs_it(seeded: Seeded, tamper: Tamper) -> None:
    url = seeded(BATCHES)
    root = IpregGroup(
        name="ipreg",
        commands={**cli.commands, "audit": audit},
        params=cli.params,
        callback=cli.callback,
    )
    result = CliRunner().invoke(root, ["--database", url, "audit", "verify"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("9 records, chain intact\n")
    bad = CliRunner().invoke(root, ["--database", url, "audit", "verify", "--from-seq", "11"])
    assert bad.exit_code == 2
    assert "error [BAD_USER_INPUT]" in bad.stderr
    tamper("DELETE FROM audit_record WHERE seq = 5")
    broken = CliRunner().invoke(root, ["--database", url, "audit", "verify"])
    assert broken.exit_code == 1
    assert "audit trail broken at record 5 (deleted)" in broken.stderr
