"""Grants written as text: ``ROLE[:JURISDICTION[:ORG_PARTY_ID]]``.

``authorized_body:eaeu:12`` is the authorized body in the EAEU that is party 12;
``representative::7`` a representative of party 7 in every jurisdiction;
``examiner:ukraine`` an examiner in Ukraine. An empty or ``*`` jurisdiction
means every jurisdiction.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from ipreg.core.auth.principal import Grant
from ipreg.core.errors import BadUserInput

ROLE_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")
JURISDICTION_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,31}")
#: Held only by the engine itself (:data:`ipreg.core.auth.SYSTEM`); never granted.
RESERVED_ROLES = frozenset({"system"})
GRANT_SYNTAX = "ROLE[:JURISDICTION[:ORG_PARTY_ID]]"


def parse_grant(spec: str, known_jurisdictions: Collection[str] | None = None) -> Grant:
    """A grant from its text form; :class:`BadUserInput` says what is wrong with it."""
    parts = spec.strip().split(":")
    if len(parts) > 3:
        raise BadUserInput(f"grant {spec!r}: too many parts; write {GRANT_SYNTAX}")
    role = parts[0].strip()
    jurisdiction = parts[1].strip() if len(parts) > 1 else ""
    organisation = parts[2].strip() if len(parts) > 2 else ""
    if not ROLE_PATTERN.fullmatch(role):
        raise BadUserInput(
            f"grant {spec!r}: the role must be lower-case letters, digits and '_' "
            f"(e.g. authorized_body); write {GRANT_SYNTAX}"
        )
    if role in RESERVED_ROLES:
        raise BadUserInput(f"grant {spec!r}: role {role!r} is reserved for the engine")
    if jurisdiction in ("", "*"):
        scope: str | None = None
    elif not JURISDICTION_PATTERN.fullmatch(jurisdiction):
        raise BadUserInput(f"grant {spec!r}: {jurisdiction!r} is not a jurisdiction code")
    elif known_jurisdictions is not None and jurisdiction not in known_jurisdictions:
        known = ", ".join(sorted(known_jurisdictions)) or "none"
        raise BadUserInput(
            f"grant {spec!r}: unknown jurisdiction {jurisdiction!r} (known: {known})"
        )
    else:
        scope = jurisdiction
    organisation_id: int | None = None
    if organisation:
        if not organisation.isascii() or not organisation.isdigit() or int(organisation) <= 0:
            raise BadUserInput(
                f"grant {spec!r}: the organisation must be a party id (a positive number)"
            )
        organisation_id = int(organisation)
    return Grant(role, scope, organisation_id)


def parse_grants(
    specs: Iterable[str], known_jurisdictions: Collection[str] | None = None
) -> list[Grant]:
    """Several grants, duplicates dropped, in the order given."""
    seen: dict[Grant, None] = {}
    for spec in specs:
        seen.setdefault(parse_grant(spec, known_jurisdictions))
    return list(seen)


def format_grant(grant: Grant) -> str:
    """The text form :func:`parse_grant` reads (shortest that round-trips)."""
    if grant.organisation_id is not None:
        return f"{grant.role}:{grant.jurisdiction or ''}:{grant.organisation_id}"
    if grant.jurisdiction is not None:
        return f"{grant.role}:{grant.jurisdiction}"
    return grant.role
