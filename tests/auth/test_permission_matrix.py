"""Who may read and do what: every role against every operation, read as a table.

A cell is what the policy answers: ``ok`` (allowed), ``403`` (``Forbidden``: logged
in, but not allowed) or ``401`` (``Unauthenticated``: anonymous, log in first).

The world of the tables: applicant X (party 1) and applicant Y (party 2) have cases
in the EAEU (``eaeu``) and Ukraine (``ukraine``); party 100 is the Kazakh customs
authority, party 200 UKRNOIVI, party 50 a patent attorneys' firm.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from ipreg.core.auth import ANONYMOUS, SYSTEM, Grant, Principal
from ipreg.core.auth.permissions import (
    OFFICIAL,
    PARTY,
    PUBLIC,
    can_perform,
    can_read_case,
    can_read_field,
    can_read_object,
    require,
    require_perform,
)
from ipreg.core.errors import Forbidden, Unauthenticated
from ipreg.core.plugins import Registry, make_plugin_manager

X, Y, KZ_CUSTOMS, UKRNOIVI, ATTORNEYS = 1, 2, 100, 200, 50
#: A deployment with the EAEU register: its officials' roles are the core's and EAEU's
#: (``authorized_body``, ``commission_official``), as their declarations say.
DEPLOYMENT = Registry.build(make_plugin_manager(["eaeu"]))


def user(party: int | None, *grants: Grant, kind: str = "user") -> Principal:
    return DEPLOYMENT.bind(Principal(kind=kind, subject=f"{kind}:{party}", party_id=party,
                                     grants=frozenset(grants)))


PRINCIPALS: dict[str, Principal] = {
    "anonymous": ANONYMOUS,
    "system": SYSTEM,
    # "authorized body of Kazakhstan"
    "kz_authorized_body": user(KZ_CUSTOMS, Grant("authorized_body", "eaeu", KZ_CUSTOMS)),
    # "UKRNOIVI examiner"
    "ukrnoivi_examiner": user(UKRNOIVI, Grant("examiner", "ukraine", UKRNOIVI)),
    "global_admin": user(None, Grant("admin")),
    # X's own staff, filing for X
    "applicant_x": user(X, Grant("applicant")),
    # "representative of applicant X", in the EAEU only
    "representative_of_x": user(ATTORNEYS, Grant("representative", "eaeu", X)),
    # representative of Y, everywhere
    "representative_of_y": user(ATTORNEYS, Grant("representative", None, Y)),
    # someone who acts as X but holds no grant: reads X's records, performs nothing
    "x_staff_no_grant": user(X),
    # a customs information system with an API key
    "eaeu_customs_system": user(KZ_CUSTOMS, Grant("official", "eaeu"), kind="api_key"),
}


@dataclass(frozen=True)
class Operation:
    action: str
    check: Callable[[Principal], bool]
    roles: frozenset[str] | None = None


READ_OPERATIONS: dict[str, Operation] = {
    "pub": Operation("read a published EAEU object",
                     lambda p: can_read_object(p, "eaeu", published=True)),
    "draftE": Operation("read an unpublished EAEU object",
                        lambda p: can_read_object(p, "eaeu", published=False)),
    "draftU": Operation("read an unpublished Ukrainian object",
                        lambda p: can_read_object(p, "ukraine", published=False)),
    "draftX": Operation("read X's unpublished EAEU object",
                        lambda p: can_read_object(p, "eaeu", False, party_ids=[X])),
    "caseXE": Operation("read X's EAEU case", lambda p: can_read_case(p, "eaeu", X)),
    "caseXU": Operation("read X's Ukrainian case", lambda p: can_read_case(p, "ukraine", X)),
    "caseYE": Operation("read Y's EAEU case", lambda p: can_read_case(p, "eaeu", Y)),
    "fPub": Operation("read a public field", lambda p: can_read_field(p, PUBLIC, "eaeu", [X])),
    "fParty": Operation("read a party field of X's EAEU case",
                        lambda p: can_read_field(p, PARTY, "eaeu", [X])),
    "fOffcl": Operation("read an official field of an EAEU case",
                        lambda p: can_read_field(p, OFFICIAL, "eaeu", [X])),
}

READ_MATRIX = """
                      pub  draftE draftU draftX caseXE caseXU caseYE fPub fParty fOffcl
anonymous             ok   401    401    401    401    401    401    ok   401    401
system                ok   ok     ok     ok     ok     ok     ok     ok   ok     ok
kz_authorized_body    ok   ok     403    ok     ok     403    ok     ok   ok     ok
ukrnoivi_examiner     ok   403    ok     403    403    ok     403    ok   403    403
global_admin          ok   ok     ok     ok     ok     ok     ok     ok   ok     ok
applicant_x           ok   403    403    ok     ok     ok     403    ok   ok     403
representative_of_x   ok   403    403    ok     ok     403    403    ok   ok     403
representative_of_y   ok   403    403    403    403    403    ok     ok   403    403
x_staff_no_grant      ok   403    403    ok     ok     ok     403    ok   ok     403
eaeu_customs_system   ok   ok     403    ok     ok     403    ok     ok   ok     ok
"""

# Acts on cases (procedure transitions) and the roles each allows.
ACT_OPERATIONS: dict[str, Operation] = {
    "fileXE": Operation("file for X's EAEU case", lambda p: can_perform(
        p, {"applicant", "representative"}, "eaeu", X), frozenset({"applicant", "representative"})),
    "fileXU": Operation("file for X's Ukrainian case", lambda p: can_perform(
        p, {"applicant", "representative"}, "ukraine", X),
        frozenset({"applicant", "representative"})),
    "fileYE": Operation("file for Y's EAEU case", lambda p: can_perform(
        p, {"applicant", "representative"}, "eaeu", Y), frozenset({"applicant", "representative"})),
    "decideE": Operation("decide X's EAEU case", lambda p: can_perform(
        p, {"authorized_body"}, "eaeu", X), frozenset({"authorized_body"})),
    "examU": Operation("examine X's Ukrainian application", lambda p: can_perform(
        p, {"examiner"}, "ukraine", X), frozenset({"examiner"})),
    "checkE": Operation("check goods against the EAEU register", lambda p: can_perform(
        p, {"official", "authorized_body"}, "eaeu"), frozenset({"official", "authorized_body"})),
    "expire": Operation("close a case whose time limit expired", lambda p: can_perform(
        p, {"system"}, "eaeu", X), frozenset({"system"})),
}

ACT_MATRIX = """
                      fileXE fileXU fileYE decideE examU checkE expire
anonymous             401    401    401    401     401   401    401
system                403    403    403    403     403   403    ok
kz_authorized_body    403    403    403    ok      403   ok     403
ukrnoivi_examiner     403    403    403    403     ok    403    403
global_admin          403    403    403    403     403   403    403
applicant_x           ok     ok     403    403     403   403    403
representative_of_x   ok     403    403    403     403   403    403
representative_of_y   403    403    ok     403     403   403    403
x_staff_no_grant      403    403    403    403     403   403    403
eaeu_customs_system   403    403    403    403     403   ok     403
"""


def parse(matrix: str, operations: dict[str, Operation]) -> list[tuple[str, str, str]]:
    header, *rows = [line.split() for line in matrix.strip().splitlines()]
    assert set(header) == set(operations), "every operation has a column"
    assert {row[0] for row in rows} == set(PRINCIPALS), "every principal has a row"
    cases = []
    for name, *cells in rows:
        assert len(cells) == len(header), f"row {name} has {len(cells)} cells"
        for operation, expected in zip(header, cells, strict=True):
            assert expected in ("ok", "401", "403"), f"{name}/{operation}: {expected!r}"
            cases.append((name, operation, expected))
    return cases


def check(principal_name: str, operation: Operation, expected: str) -> None:
    principal = PRINCIPALS[principal_name]
    assert operation.check(principal) is (expected == "ok")
    if expected == "ok":
        require(principal, operation.check(principal), operation.action)
        return
    with pytest.raises((Unauthenticated, Forbidden)) as caught:
        require(principal, operation.check(principal), operation.action)
    assert type(caught.value) is (Unauthenticated if expected == "401" else Forbidden)
    assert caught.value.code == {"401": "UNAUTHENTICATED", "403": "FORBIDDEN"}[expected]
    assert operation.action in caught.value.message


@pytest.mark.parametrize(
    ("principal", "operation", "expected"),
    [pytest.param(*case, id="-".join(case)) for case in parse(READ_MATRIX, READ_OPERATIONS)],
)
def test_read_matrix(principal: str, operation: str, expected: str) -> None:
    check(principal, READ_OPERATIONS[operation], expected)


@pytest.mark.parametrize(
    ("principal", "operation", "expected"),
    [pytest.param(*case, id="-".join(case)) for case in parse(ACT_MATRIX, ACT_OPERATIONS)],
)
def test_act_matrix(principal: str, operation: str, expected: str) -> None:
    op = ACT_OPERATIONS[operation]
    check(principal, op, expected)
    assert op.roles is not None
    # require_perform agrees with can_perform, and says which roles would do.
    jurisdiction = "ukraine" if operation.endswith("U") else "eaeu"
    applicant = {"fileYE": Y, "checkE": None}.get(operation, X)
    if expected == "ok":
        require_perform(PRINCIPALS[principal], op.roles, jurisdiction, applicant, op.action)
        return
    with pytest.raises((Unauthenticated, Forbidden)) as caught:
        require_perform(PRINCIPALS[principal], op.roles, jurisdiction, applicant, op.action)
    assert caught.value.code == ("UNAUTHENTICATED" if expected == "401" else "FORBIDDEN")
    assert caught.value.details["roles"] == sorted(op.roles)


def test_an_unknown_field_visibility_fails_closed() -> None:
    with pytest.raises(ValueError, match="unknown field visibility"):
        can_read_field(SYSTEM, "secret", "eaeu")
