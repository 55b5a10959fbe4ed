"""Who sees what of a register's objects in GraphQL: the register's publication table and
the field permission, visibility test and core rule derived from it.

A register states once, for every field path of its object type, the legal item
and whether its law publishes it (:class:`PublicationTable`). From that one table:

* :meth:`PublicationTable.rule` is the register's core
  :class:`~ipreg.core.extension.PublicationRule` (hook
  ``ipreg_register_publication_rules``), which ``ipObjects`` filters, ``search``
  and ``node(id:)`` of parties apply (:mod:`ipreg.core.publication`);
* :class:`Publication` decides, per object, whether the caller may read its
  unpublished items (:meth:`Publication.sees_private`: the register's officials
  and the object's own parties) and makes fields of them
  (:meth:`Publication.private_field`: ``FORBIDDEN``, or null, for everyone else);
* exports check that they show only published items
  (:meth:`PublicationTable.check_published`).

A test walks the live schema against the table (``tests/eaeu/test_publication.py``),
so a field nobody classified fails.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from functools import cached_property
from typing import Any

import strawberry
from strawberry.permission import BasePermission, PermissionExtension

from ipreg.core.auth import Principal
from ipreg.core.auth.permissions import APPLICANT_SIDE_ROLES
from ipreg.core.errors import ConfigurationError
from ipreg.core.extension import CORE_OBJECT_FIELDS, PublicationRule

#: (legal item, published?) of a field.
Item = tuple[str, bool]
#: More parties an object belongs to (e.g. its applicant, kept in a register's table).
OwnerLookup = Callable[[strawberry.Info[Any, Any], int], Awaitable[Iterable[int | None]]]


class PublicationTable(dict[str, Item]):
    """GraphQL field path of a register's object type (``holders.taxpayerId``) ->
    (legal item, published?). Children of a published composite field are listed
    with their own flags; children of an unpublished one need not be (the parent
    itself is null or empty)."""

    def published(self, path: str) -> bool:
        """Is the field at ``path`` published (``KeyError`` if it is not classified)?"""
        return self[path][1]

    def add(self, parent: str, children: Mapping[str, Item]) -> None:
        """Classify the children of the field ``parent`` (``parent.child`` paths)."""
        for name, item in children.items():
            self[f"{parent}.{name}"] = item

    def rule(self, jurisdiction: str, *,
             public_party_roles: Collection[str] = ("holder", "representative"),
             ) -> PublicationRule:
        """The core rule of the register: the fields of the core ``IPObject``
        interface the table withholds, and the roles in which a party of a
        published object is itself published."""
        return PublicationRule(
            jurisdiction,
            unpublished={path: item for path, (item, published) in self.items()
                         if not published and path in CORE_OBJECT_FIELDS},
            public_party_roles=frozenset(public_party_roles),
        )

    def check_published(self, paths: Iterable[str], what: str) -> None:
        """``ConfigurationError`` unless every field of ``paths`` is published: for
        ``what`` shows everyone (an export) only what anonymous callers see."""
        withheld = sorted(p for p in paths if p not in self or not self[p][1])
        if withheld:
            raise ConfigurationError(f"{what} shows fields that are not published: "
                                     f"{', '.join(withheld)}")


def parties_of(viewer: Principal, jurisdiction: str,
               roles: Collection[str] = APPLICANT_SIDE_ROLES) -> set[int]:
    """The parties ``viewer`` acts as in ``jurisdiction``: its party, whom it acts
    for, and the organisations of its grants in ``roles`` (applicant side) there."""
    parties = {p for p in (viewer.party_id, viewer.on_behalf_of) if p is not None}
    parties |= {g.organisation_id for g in viewer.grants
                if g.role in roles and g.covers(jurisdiction) and g.organisation_id}
    return parties


def acts_for(viewer: Principal, parties: Iterable[int | None], jurisdiction: str) -> bool:
    """Is ``viewer`` one of ``parties`` in ``jurisdiction`` (:func:`parties_of`)?"""
    wanted = {p for p in parties if p is not None}
    return bool(wanted) and not viewer.is_anonymous and bool(
        wanted & parties_of(viewer, jurisdiction))


class Publication:
    """A register's publication rule as its GraphQL types apply it.

    ``official``: who reads everything (default: officials of the jurisdiction);
    ``owner_roles``: the roles (``ip_object_party.role``) whose parties read their
    object's unpublished items; ``more_owners``: other parties that do (e.g. the
    applicant in the register's own table), looked up only when needed;
    ``message``: the ``FORBIDDEN`` message of a private field, citing the law.
    """

    def __init__(
        self,
        jurisdiction: str,
        table: PublicationTable,
        *,
        message: str,
        official: Callable[[Principal], bool] | None = None,
        owner_roles: Collection[str] = ("holder", "representative"),
        more_owners: OwnerLookup | None = None,
        public_party_roles: Collection[str] = ("holder", "representative"),
    ) -> None:
        self.jurisdiction = jurisdiction
        self.table = table
        self.message = message
        self._official = official
        self.owner_roles = frozenset(owner_roles)
        self._more_owners = more_owners
        self.public_party_roles = frozenset(public_party_roles)

    @cached_property
    def rule(self) -> PublicationRule:
        """The core rule (:meth:`PublicationTable.rule`), for
        ``ipreg_register_publication_rules``."""
        return self.table.rule(self.jurisdiction, public_party_roles=self.public_party_roles)

    def is_official(self, viewer: Principal) -> bool:
        """Does ``viewer`` read every item of the register?"""
        if self._official is not None:
            return self._official(viewer)
        return viewer.is_official_of(self.jurisdiction)

    def parties_of(self, viewer: Principal) -> set[int]:
        """The parties ``viewer`` acts as in the register (:func:`parties_of`)."""
        return parties_of(viewer, self.jurisdiction)

    def acts_for(self, viewer: Principal, parties: Iterable[int | None]) -> bool:
        """Is ``viewer`` one of ``parties`` in the register (:func:`acts_for`)?"""
        return acts_for(viewer, parties, self.jurisdiction)

    async def sees_private(self, info: strawberry.Info[Any, Any], object_id: int) -> bool:
        """May the caller read the unpublished items of object ``object_id``? Its
        officials, and its own parties (batched through the request's loaders)."""
        viewer = info.context.viewer
        if self.is_official(viewer):
            return True
        if viewer.is_anonymous:
            return False
        rows = await info.context.loaders.parties.load(object_id)
        parties: set[int | None] = {r.id for r in rows if r.role in self.owner_roles}
        if self._more_owners is not None:
            parties |= set(await self._more_owners(info, object_id))
        return self.acts_for(viewer, parties)

    def permission(self) -> PrivateItem:
        """The permission of a field only :meth:`sees_private` callers read."""
        return PrivateItem(self)

    def private_field(self, description: str, *, silent: bool) -> Any:
        """A field of the object type (its ``id`` is the object's) that is not
        published: for callers who may not read it ``FORBIDDEN``, or null/empty
        when ``silent`` (a FORBIDDEN error on a non-null field would null the
        parent, and with it a whole public answer)."""
        return strawberry.field(description=description, extensions=[
            PermissionExtension(permissions=[self.permission()], fail_silently=silent,
                                use_directives=False)])


class PrivateItem(BasePermission):
    """An unpublished field of a register's object: ``FORBIDDEN`` for callers who
    may not read the object's unpublished items (:meth:`Publication.sees_private`)."""

    error_extensions = {"code": "FORBIDDEN"}

    def __init__(self, publication: Publication) -> None:
        self.publication = publication
        self.message = publication.message

    async def has_permission(self, source: Any, info: strawberry.Info[Any, Any],
                             **kwargs: Any) -> bool:
        return await self.publication.sees_private(info, source.id)


__all__ = ["Item", "PrivateItem", "Publication", "PublicationTable", "acts_for", "parties_of"]
