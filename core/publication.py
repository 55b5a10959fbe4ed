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
  officials see every party;
* :func:`file_access` — the stored files ``GET /files/{sha256}`` serves a caller.

Field-level visibility of an object's own type stays with the plugin's type
(``EaeuRegisterEntry`` and :mod:`ipreg.plugins.eaeu.graphql.visibility`), built
with :mod:`ipreg.schema.publication`, whose table also gives the plugin's rule.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

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


# ---------------------------------------------------------------- files


@dataclass(frozen=True)
class FileAccess:
    """Whether a caller may download a stored file, and whether everyone may."""

    #: The file belongs to published data: served to everyone, cacheable by anyone.
    public: bool


async def file_access(session: AsyncSession, registry: Registry, viewer: Principal,
                      sha256: str) -> FileAccess | None:
    """May ``viewer`` download stored file ``sha256`` (``GET /files/{sha256}``)? None if not
    (or there is no such file): callers are not told that a file they may not see exists.

    * everyone, if it is the file of a document of a published object in a role the
      jurisdiction's rule publishes (:attr:`PublicationRule.public_document_roles`;
      for EAEU the images of T1 5.4, not the title documents or powers of attorney);
    * officials of a jurisdiction whose objects' documents, or whose register's own
      tables (a plugin's table with a foreign key to ``stored_file``, owned by the
      jurisdiction or by the plugin that declares it), use it;
    * the parties of an object using it (holders, representatives) and whoever acts
      for them (:func:`own_parties`);
    * whoever uploaded it (``file_upload``: the same user, API key or party).
    """
    from ipreg.core.db.base import Base
    from ipreg.core.model import (
        Document,
        FileUpload,
        IPObject,
        ObjectDocument,
        ObjectParty,
        StoredFile,
    )

    if await session.get(StoredFile, sha256) is None:
        return None
    uses = (await session.execute(
        select(IPObject.id, IPObject.jurisdiction, IPObject.published, ObjectDocument.role)
        .join(ObjectDocument, ObjectDocument.object_id == IPObject.id)
        .join(Document, Document.id == ObjectDocument.document_id)
        .where(Document.file_sha256 == sha256))).all()
    if any(published and role in registry.publication_rule(jurisdiction).public_document_roles
           for _, jurisdiction, published, role in uses):
        return FileAccess(public=True)
    if viewer.is_anonymous:
        return None
    jurisdictions = {jurisdiction for _, jurisdiction, _, _ in uses}
    for table in Base.metadata.tables.values():
        owner = table.info.get("owner")
        # A table is owned by a jurisdiction (``eaeu``) or by the plugin that declares
        # jurisdictions (``ukraine_gi`` declares ``ua_gi``).
        owned = ({owner} if owner in registry.jurisdictions else
                 {code for code, j in registry.jurisdictions.items() if j.plugin == owner})
        if owned - jurisdictions:
            for fk in table.foreign_keys:
                if fk.target_fullname == "stored_file.sha256" and (await session.execute(
                        select(fk.parent).where(fk.parent == sha256).limit(1))).first():
                    jurisdictions |= owned
    if any(viewer.can_see_unpublished(j) for j in jurisdictions):
        return FileAccess(public=False)
    own = own_parties(viewer)
    if own and uses and (await session.execute(
            select(ObjectParty.party_id).where(
                ObjectParty.object_id.in_({object_id for object_id, _, _, _ in uses}),
                ObjectParty.party_id.in_(own)).limit(1))).first():
        return FileAccess(public=False)
    mine = [FileUpload.user_id == viewer.user_id] if viewer.user_id is not None else []
    if viewer.api_key_id is not None:
        mine.append(FileUpload.api_key_id == viewer.api_key_id)
    if own:
        mine.append(FileUpload.party_id.in_(own))
    if mine and (await session.execute(
            select(FileUpload.id).where(FileUpload.file_sha256 == sha256, or_(*mine))
            .limit(1))).first():
        return FileAccess(public=False)
    return None
