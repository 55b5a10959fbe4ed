"""The audit trail: append-only, hash-chained records of every action.

* :func:`record_audit` — record an action in the session that performs it;
  written, numbered and chained when that session commits.
* :func:`record_audit_now` — record an action outside a write transaction
  (reads of non-public data, exports, logins of information systems).
* :func:`audit_history` — the records of one object, oldest first.
* :func:`search_audit` — filtered pages for supervisors (GraphQL ``auditRecords``).
* :func:`verify_chain` — the check behind ``ipreg audit verify``.

What a record's hash covers is defined once, in
:func:`ipreg.core.audit.hashing.hashed_content`.
"""

from ipreg.core.audit.hashing import GENESIS_HASH, chain_hash, diff_of, hashed_content
from ipreg.core.audit.query import (
    AuditEntry,
    AuditFilter,
    AuditPage,
    AuditScope,
    audit_scope,
    search_audit,
    session_rows,
)
from ipreg.core.audit.trail import audit_head, audit_history, record_audit, record_audit_now
from ipreg.core.audit.verify import ChainProblem, VerifyResult, verify_chain

__all__ = [
    "GENESIS_HASH",
    "AuditEntry",
    "AuditFilter",
    "AuditPage",
    "AuditScope",
    "ChainProblem",
    "VerifyResult",
    "audit_head",
    "audit_history",
    "audit_scope",
    "chain_hash",
    "diff_of",
    "hashed_content",
    "record_audit",
    "record_audit_now",
    "search_audit",
    "session_rows",
    "verify_chain",
]
