"""Principals and their grants: roles scoped to a jurisdiction and an organisation.

A grant reads like "authorized body of Kazakhstan" (role ``authorized_body``,
jurisdiction ``eaeu``, organisation = the party that is the Kazakh customs
authority) or "representative of applicant X" (role ``representative``,
organisation = party X). Anonymous callers are interested persons: they hold
no grant and see only what the law publishes.

Which roles are officials' roles is declared, not known here: the core declares
its own (:data:`CORE_ROLES`), each plugin its register's through
``ipreg_register_roles``, and the registry of a runtime computes the set
(:attr:`ipreg.core.plugins.Registry.official_roles`). A principal carries the
set of the deployment that authenticated it (:meth:`Principal.with_official_roles`,
done by :func:`ipreg.core.auth.authenticate.authenticate`, the GraphQL context
and the procedure engine); one built without a deployment knows only the core's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ipreg.core.extension import Role

#: The core's own roles, declared by :mod:`ipreg.core.builtin` like a plugin's.
CORE_ROLES: tuple[Role, ...] = (
    Role("official", {"en": "Official of the register's authority"}, official=True),
    Role("supervisor", {"en": "Supervisor of the register's officials"}, official=True),
    Role("examiner", {"en": "Examiner"}, official=True),
    Role("admin", {"en": "Administrator"}, official=True),
    Role("applicant", {"en": "Applicant (for the grant's organisation or the user's party)"}),
    Role("representative", {"en": "Representative of the grant's organisation"}),
)
#: The officials' roles of a principal no deployment has bound: the core's only.
CORE_OFFICIAL_ROLES: frozenset[str] = frozenset(r.code for r in CORE_ROLES if r.official)


@dataclass(frozen=True)
class Grant:
    """A role, valid in one jurisdiction (``None`` = every one) for one organisation."""

    role: str
    jurisdiction: str | None = None
    organisation_id: int | None = None

    def covers(self, jurisdiction: str | None) -> bool:
        return self.jurisdiction is None or jurisdiction is None or (
            self.jurisdiction == jurisdiction)


@dataclass(frozen=True)
class Principal:
    """The caller of an operation.

    ``kind`` is ``anonymous``, ``user`` (a person with a token), ``api_key`` (an
    information system) or ``system`` (the engine itself, e.g. ``ipreg tick``).
    ``party_id`` is the party the caller acts as; ``on_behalf_of`` the party it
    represents, when it acts for someone else. ``api_key_id`` is the key an
    information system called with (``kind == "api_key"``), for the audit trail.
    """

    kind: str = "anonymous"
    subject: str | None = None
    user_id: int | None = None
    party_id: int | None = None
    on_behalf_of: int | None = None
    grants: frozenset[Grant] = field(default_factory=frozenset)
    api_key_id: int | None = None
    #: The roles that make a grant an official's, in the deployment that authenticated
    #: the principal (see the module docstring). Not part of its identity.
    official_roles: frozenset[str] = field(default=CORE_OFFICIAL_ROLES, compare=False,
                                           repr=False)

    def with_official_roles(self, roles: frozenset[str]) -> Principal:
        """The same principal, counting ``roles`` as officials' roles."""
        return self if roles == self.official_roles else replace(self, official_roles=roles)

    @property
    def is_anonymous(self) -> bool:
        return self.kind == "anonymous"

    @property
    def is_api_key(self) -> bool:
        return self.kind == "api_key"

    @property
    def is_system(self) -> bool:
        return self.kind == "system"

    def roles(self, jurisdiction: str | None = None) -> set[str]:
        return {g.role for g in self.grants if g.covers(jurisdiction)}

    def has_role(self, role: str, jurisdiction: str | None = None,
                 organisation_id: int | None = None) -> bool:
        return any(
            g.role == role and g.covers(jurisdiction)
            and (organisation_id is None or g.organisation_id in (None, organisation_id))
            for g in self.grants
        )

    def is_official_of(self, jurisdiction: str | None) -> bool:
        return self.is_system or any(
            g.role in self.official_roles and g.covers(jurisdiction) for g in self.grants)

    def can_see_unpublished(self, jurisdiction: str) -> bool:
        return self.is_official_of(jurisdiction)

    def organisations(self, role: str | None = None) -> set[int]:
        return {g.organisation_id for g in self.grants
                if g.organisation_id is not None and (role is None or g.role == role)}

    def describe(self) -> str:
        return self.subject or self.kind


ANONYMOUS = Principal()
SYSTEM = Principal(kind="system", subject="system",
                   grants=frozenset({Grant("system")}))
