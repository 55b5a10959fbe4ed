"""Publication: what the core's own queries may show a caller, by the owning plugin's rule.

Each jurisdiction's plugin declares what its law publishes
(:class:`ipreg.core.extension.PublicationRule`, hook
``ipreg_register_publication_rules``). A caller who may read a jurisdiction's
unpublished data (its officials: ``Principal.can_see_unpublished``) is not bound
by the rule there; everyone else (anonymous interested persons, parties) is:

* :func:`withheld_in` — the jurisdictions whose objects' ``field`` a caller may
  not read: ``ipObjects`` refuses a filter on it there (:func:`filter_scope`),
  ``search`` neither filters nor counts a facet by it there;
* :func:`visible_parties` — the parties ``node(id:)`` shows a caller: those a
  rule publishes (a published role of a published object) and the caller's own;
  officials see every party.

Field-level visibility of an object's own type stays with the plugin's type
(``EaeuRegisterEntry`` and :mod:`ipreg.plugins.eaeu.graphql.visibility`), built
with :mod:`ipreg.schema.publication`, whose table also gives the plugin's rule.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from ipreg.core.auth.permissions import APPLICANT_SIDE_ROLES
from ipreg.core.auth.principal import Principal
from ipreg.core.errors import Forbidden
from ipreg.core.plugins import Registry


def withheld_in(registry: Registry, viewer: Principal, field: str) -> frozenset[str]:
    """The installed jurisdictions whose objects' ``field`` (an ``IPObject`` field) is
    not published and whose unpublished data ``viewer`` may not read."""
    return frozenset(
        code for code, rule in registry.publication_rules.items()
        if not rule.publishes(field) and not viewer.can_see_unpublished(code)
    )


def filter_scope(
    registry: Registry,
    viewer: Principal,
    field: str,
    argument: str,
    jurisdictions: Collection[str] | None = None,
) -> frozenset[str]:
    """The jurisdictions a filter ``argument`` on ``field`` must leave out for ``viewer``.

    ``jurisdictions``: those the query is restricted to (``None``: every one). If
    every one of them withholds ``field`` from the viewer the filter could only
    reveal unpublished data (or find nothing): :class:`Forbidden`, naming the
    argument (``extensions.argument``) and the legal point. Otherwise the filter
    applies to the other jurisdictions' objects only, and the caller gets the
    jurisdictions whose objects must not match it.
    """
    hidden = withheld_in(registry, viewer, field)
    if not hidden:
        return hidden
    scope = set(registry.jurisdictions) if jurisdictions is None else set(jurisdictions)
    if scope and scope <= hidden:
        rules = sorted(scope)
        where = ", ".join(f"{j} ({registry.publication_rule(j).basis(field)})" for j in rules)
        raise Forbidden(
            f"{argument}: the {field} is not published in {where}; only the register's "
            "officials may filter on it",
            argument=argument,
            jurisdictions=rules,
        )
    return hidden


@dataclass(frozen=True)
class PartyLink:
    """Where a party appears: as ``role`` of an IP object of ``jurisdiction``."""

    jurisdiction: str
    role: str
    #: Is the object published?
    published: bool


def party_is_public(registry: Registry, links: Iterable[PartyLink]) -> bool:
    """Does some rule publish a party appearing in ``links``?"""
    return any(
        link.published and link.role in registry.publication_rule(link.jurisdiction)
        .public_party_roles
        for link in links
    )


def own_parties(viewer: Principal) -> set[int]:
    """The parties the viewer acts as or for (its party, whom it represents, the
    organisations of its applicant-side grants)."""
    if viewer.is_anonymous:
        return set()
    found = {viewer.party_id, viewer.on_behalf_of}
    found |= {g.organisation_id for g in viewer.grants if g.role in APPLICANT_SIDE_ROLES}
    return {p for p in found if p is not None}


def visible_parties(
    registry: Registry, viewer: Principal, links: Mapping[int, Iterable[PartyLink]]
) -> set[int]:
    """Those of the parties ``links`` (party id -> where it appears) ``viewer`` may see:
    every one for officials (of any register; parties are shared by the registers),
    else those a rule publishes and the viewer's own."""
    if viewer.is_official_of(None):
        return set(links)
    own = own_parties(viewer)
    return {
        party_id for party_id, found in links.items()
        if party_id in own or party_is_public(registry, found)
    }
