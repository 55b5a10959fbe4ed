"""The access policy: the one place that decides who may read and do what.

GraphQL resolvers and the procedure engine call these functions and nothing
else; none of them touches the database, so they are cheap to call per row.

The rules:

* **Published objects** are the law's public register: everyone reads them,
  anonymous interested persons included.
* **Officials** (a grant whose role is one of the principal's ``official_roles``:
  the roles the core and the plugins declare official) read everything in the
  jurisdictions their grants cover; a grant without a jurisdiction covers every
  one. The engine (:data:`~ipreg.core.auth.SYSTEM`) reads everything.
* **Parties** read their own records: a case whose applicant they are, an object
  among whose parties (``party_ids``) they are. A principal is a party *for*
  ``P`` when it acts as ``P`` (``party_id``), acts on behalf of ``P``, or holds an
  applicant-side grant (``applicant``/``representative``) whose organisation is
  ``P`` in that jurisdiction.
* **Acts** (procedure transitions) name the roles allowed to perform them.
  Applicant-side roles count only for the case's own applicant: the grant's
  organisation must be the applicant (a grant with no organisation stands for
  the party the holder acts as). Every other role counts within the grant's
  jurisdiction. Role ``system`` is the engine itself and counts only for it.
* **Fields** carry a visibility: ``public`` (everyone), ``party`` (the record's
  parties and officials), ``official`` (officials only).

A jurisdiction of ``None`` (an act or record not tied to one) is covered only by
grants that are themselves unscoped: a scoped grant never leaks outward.

Typical use::

    require(viewer, can_perform(viewer, step.roles, case.jurisdiction,
                                case.applicant_id), f"decide case {case.number}")
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ipreg.core.auth.principal import Grant, Principal
from ipreg.core.errors import Forbidden, Unauthenticated

#: Field visibility levels, from widest to narrowest.
PUBLIC = "public"
PARTY = "party"
OFFICIAL = "official"
VISIBILITIES = (PUBLIC, PARTY, OFFICIAL)

#: Roles held for a party to a case; they count only for that party's cases.
APPLICANT_SIDE_ROLES = frozenset({"applicant", "representative"})
#: The engine's own role (ipreg tick, time limits, automatic acts).
SYSTEM_ROLE = "system"

__all__ = [
    "APPLICANT_SIDE_ROLES",
    "OFFICIAL",
    "PARTY",
    "PUBLIC",
    "SYSTEM_ROLE",
    "VISIBILITIES",
    "acts_for",
    "can_perform",
    "can_read_case",
    "can_read_field",
    "can_read_object",
    "is_official",
    "readable_jurisdictions",
    "require",
    "require_perform",
    "require_read_case",
]


def _in_scope(grant: Grant, jurisdiction: str | None) -> bool:
    """Whether ``grant`` applies in ``jurisdiction`` (strict: see the module doc)."""
    return grant.jurisdiction is None or grant.jurisdiction == jurisdiction


def _grant_party(principal: Principal, grant: Grant) -> int | None:
    """The party an applicant-side grant is held for."""
    return grant.organisation_id if grant.organisation_id is not None else principal.party_id


def is_official(principal: Principal, jurisdiction: str | None) -> bool:
    """The engine, or an official whose grant covers ``jurisdiction``."""
    if principal.is_system:
        return True
    officials = principal.official_roles
    return any(g.role in officials and _in_scope(g, jurisdiction) for g in principal.grants)


def acts_for(principal: Principal, party_id: int | None, jurisdiction: str | None) -> bool:
    """Whether the principal is party ``party_id`` (or its applicant/representative)."""
    if party_id is None or principal.is_anonymous:
        return False
    if party_id in (principal.party_id, principal.on_behalf_of):
        return True
    return any(
        g.role in APPLICANT_SIDE_ROLES
        and _in_scope(g, jurisdiction)
        and _grant_party(principal, g) == party_id
        for g in principal.grants
    )


def _acts_for_any(
    principal: Principal, party_ids: Iterable[int | None], jurisdiction: str | None
) -> bool:
    return any(acts_for(principal, p, jurisdiction) for p in party_ids)


def can_read_object(
    principal: Principal,
    jurisdiction: str,
    published: bool,
    party_ids: Iterable[int | None] = (),
) -> bool:
    """An IP object: public once published; before that its officials and its parties."""
    return (
        published
        or is_official(principal, jurisdiction)
        or _acts_for_any(principal, party_ids, jurisdiction)
    )


def can_read_case(
    principal: Principal, case_jurisdiction: str, applicant_id: int | None
) -> bool:
    """A case: officials of its jurisdiction and its applicant's side."""
    return is_official(principal, case_jurisdiction) or acts_for(
        principal, applicant_id, case_jurisdiction
    )


def can_perform(
    principal: Principal,
    allowed_roles: Collection[str],
    jurisdiction: str | None,
    applicant_id: int | None = None,
) -> bool:
    """Whether the principal holds one of ``allowed_roles`` for this act on this case."""
    if principal.is_system:
        return SYSTEM_ROLE in allowed_roles
    for grant in principal.grants:
        if grant.role not in allowed_roles or grant.role == SYSTEM_ROLE:
            continue
        if not _in_scope(grant, jurisdiction):
            continue
        if grant.role in APPLICANT_SIDE_ROLES:
            if applicant_id is not None and _grant_party(principal, grant) == applicant_id:
                return True
            continue
        return True
    return False


def can_read_field(
    principal: Principal,
    field_visibility: str,
    jurisdiction: str | None,
    party_ids: Iterable[int | None] = (),
) -> bool:
    """A field of a record in ``jurisdiction`` whose parties are ``party_ids``."""
    if field_visibility == PUBLIC:
        return True
    if field_visibility == OFFICIAL:
        return is_official(principal, jurisdiction)
    if field_visibility == PARTY:
        return is_official(principal, jurisdiction) or _acts_for_any(
            principal, party_ids, jurisdiction
        )
    raise ValueError(
        f"unknown field visibility {field_visibility!r}: use one of {', '.join(VISIBILITIES)}"
    )


def readable_jurisdictions(principal: Principal, jurisdictions: Iterable[str]) -> list[str]:
    """Those of ``jurisdictions`` whose unpublished records the principal may read."""
    return [j for j in jurisdictions if is_official(principal, j)]


def require(principal: Principal, allowed: bool, action: str) -> None:
    """Raise unless ``allowed``: :class:`Unauthenticated` for anonymous callers, else
    :class:`Forbidden`. ``action`` completes "may not ..." (e.g. ``"decide case 7"``)."""
    if allowed:
        return
    if principal.is_anonymous:
        raise Unauthenticated(f"log in to {action}", action=action)
    raise Forbidden(f"{principal.describe()} may not {action}", action=action)


def require_perform(
    principal: Principal,
    allowed_roles: Collection[str],
    jurisdiction: str | None,
    applicant_id: int | None,
    action: str,
) -> None:
    """:func:`require` of :func:`can_perform`; the error lists the roles that may."""
    if can_perform(principal, allowed_roles, jurisdiction, applicant_id):
        return
    roles = ", ".join(sorted(allowed_roles)) or "nobody"
    if principal.is_anonymous:
        raise Unauthenticated(f"log in to {action}", action=action, roles=sorted(allowed_roles))
    raise Forbidden(
        f"{principal.describe()} may not {action}: it needs one of the roles {roles}"
        + (f" in {jurisdiction}" if jurisdiction else ""),
        action=action,
        roles=sorted(allowed_roles),
    )


def require_read_case(
    principal: Principal, case_jurisdiction: str, applicant_id: int | None, action: str
) -> None:
    require(principal, can_read_case(principal, case_jurisdiction, applicant_id), action)
