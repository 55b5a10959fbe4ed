"""What the customs procedures share: the actors' roles and the addressees of notices.

Actors (issue 18; digest §2.1): the right holder (the core ``applicant`` role, its grant
naming the holder's party) and its ``representative``; an authorised operator
(``ua_customs_operator``, its grant naming the operator's party); the customs officer
(``ua_customs_officer``), the head of the customs authority (``ua_customs_head``,
who decides a suspension, CC Art. 399) and the official keeping the register
(``ua_customs_registrar``, CC Art. 398); ``system`` applies the consequences of expired
limits. Every act is a step of its case, audited and dated (Seed 000 goal 1; goal 3: a
standard record of each action and decision).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ipreg.core.extension import Role
from ipreg.core.procedures import SYSTEM_ROLE, TimeLimit, TransitionContext
from ipreg.plugins.ukraine.common.acts import names, transition
from ipreg.plugins.ukraine.customs.terms import TERMS

OFFICER = "ua_customs_officer"
HEAD = "ua_customs_head"
REGISTRAR = "ua_customs_registrar"
OPERATOR = "ua_customs_operator"

HOLDER_SIDE = frozenset({"applicant", "representative"})
OFFICERS = frozenset({OFFICER})
HEADS = frozenset({HEAD})
REGISTRARS = frozenset({REGISTRAR})
OPERATORS = frozenset({OPERATOR})
SYSTEM = frozenset({SYSTEM_ROLE})

ROLES = [
    Role(OFFICER, {"en": "Customs officer", "uk": "Посадова особа митниці"}, official=True),
    Role(HEAD, {"en": "Head of the customs authority (or deputy)",
                "uk": "Керівник митниці (або заступник)"}, official=True),
    Role(REGISTRAR, {"en": "Official keeping the customs register of IP objects",
                     "uk": "Посадова особа, що веде митний реєстр"}, official=True),
    Role(OPERATOR, {"en": "Authorised operator (official importer, exporter, manufacturer "
                          "or distributor named in a recordal)",
                    "uk": "Уповноважений суб'єкт (офіційний імпортер тощо)"}),
]


def limit(key: str, *, on_expiry: str | None = None, owed_by: frozenset[str] = frozenset(),
          calendar_end: bool = False) -> TimeLimit:
    """The configured term ``key`` as a time limit; ``calendar_end``: it ends on its
    day even when that is a day off (a registration's term, not an act's deadline)."""
    made = TERMS.limit(key, on_expiry=on_expiry, owed_by=owed_by)
    return dataclasses.replace(made, roll_to_working_day=False) if calendar_end else made


def to_role(role: str) -> Any:
    def addressees(ctx: TransitionContext) -> list[tuple[int | None, str]]:
        return [(None, role)]

    return addressees


def to_holder(ctx: TransitionContext) -> list[tuple[int | None, str]]:
    """The right holder of the recordal (the case's applicant)."""
    return [(ctx.case.applicant_id, "applicant")]


__all__ = ["HEAD", "OFFICER", "OPERATOR", "REGISTRAR", "ROLES", "limit", "names", "to_holder",
           "to_role", "transition"]
