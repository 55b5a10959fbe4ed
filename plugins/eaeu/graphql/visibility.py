"""Who sees what of an EAEU entry: publication (R174 A1, "Признак публикации"; digest §4.12).

Anonymous callers (interested persons, R174 p.14, p.23) see exactly the items
flagged as published in Appendix 1 table 1: 3 (right holders), 4
(representative), 5 with 5.1-5.1.4, 5.2, 5.4, 5.5, 5.9 with 5.9.1-5.9.2, and 6
with 6.1-6.3. Of a right holder or representative (table 2) only the name,
short name, country and kind of person are shown [Proposal, digest §4.12]:
identifiers, identity documents, addresses, contacts and employees are not.
Everything else is shown to officials of ``eaeu`` (the Commission and the
authorized bodies) and to the entry's own right holders and representative
(and the party that filed the application).

:data:`PUBLICATION` classifies every field of the EAEU GraphQL types reachable
from ``EaeuRegisterEntry`` by its Appendix 1 item;
``tests/eaeu/test_publication.py`` walks the live schema against it. The
mechanism is the core's (:mod:`ipreg.schema.publication`): :data:`EAEU` derives
the field permission, the visibility test and the core rule from this one table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry

from ipreg.core.auth import Principal
from ipreg.schema.publication import Publication, PublicationTable

JURISDICTION = "eaeu"

#: GraphQL field path of ``EaeuRegisterEntry`` → (Appendix 1 item, published?).
#: Children of a published composite field are listed with their own flags; children
#: of an unpublished one are not (the parent itself is null or empty).
PUBLICATION = PublicationTable({
    "id": ("API identifier of the record (not an Appendix 1 item; reveals nothing)", True),
    "jurisdiction": ("the register itself (constant `eaeu`)", True),
    "kind": ("R174 A1 T1 5.1.2 kind of IP object", True),
    "kindName": ("R174 A1 T1 5.1.2 kind of IP object (its name)", True),
    "name": ("R174 A1 T1 5.2 name of the IP object", True),
    "description": ("R174 A1 T1 5.5 description of the IP object", True),
    "registerNumber": ("R174 A1 T1 5.1 registration number (display form)", True),
    "registrationNumber": ("R174 A1 T1 5.1 registration number", True),
    "registrationNumber.display": ("R174 A1 T1 5.1 (NNNNN/TZ/NNNN)", True),
    "registrationNumber.cyrillic": ("R174 A1 T1 5.1 (NNNNN/ТЗ/NNNN)", True),
    "registrationNumber.sequenceNumber": ("R174 A1 T1 5.1.1", True),
    "registrationNumber.kind": ("R174 A1 T1 5.1.2", True),
    "registrationNumber.kindLatin": ("R174 A1 T1 5.1.2 (Latin)", True),
    "registrationNumber.decisionNumber": ("R174 A1 T1 5.1.3", True),
    "registrationNumber.inclusionDate": ("R174 A1 T1 5.1.4", True),
    "status": ("R174 A1 T1 8.1 status (not published)", False),
    "statusDate": ("R174 A1 T1 8.2 status date (not published)", False),
    "statusHistory": ("R174 A1 T1 8 status history (not published)", False),
    "version": ("R174 A1 T1 9 technical characteristics (not published)", False),
    "updatedAt": ("R174 A1 T1 9 update date (not published)", False),
    "keywords": ("R174 A1 T1 5.3 keywords (not published)", False),
    "keywordDetails": ("R174 A1 T1 5.3 keywords (not published)", False),
    "rightTerms": ("R174 A1 T1 5.7 terms of the right (not published)", False),
    "holders": ("R174 A1 T1 3 right holders", True),
    "holders.id": ("R174 A1 T1 3 (party identifier)", True),
    "holders.name": ("R174 A1 T2 2", True),
    "holders.shortName": ("R174 A1 T2 3", True),
    "holders.country": ("R174 A1 T2 1", True),
    "holders.countryName": ("R174 A1 T2 1", True),
    "holders.partyType": ("R174 A1 T2 (legal entity or individual)", True),
    "holders.taxpayerId": ("R174 A1 T2 4 (not published, digest §4.12)", False),
    "representatives": ("R174 A1 T1 4 representative", True),
    "representatives.id": ("R174 A1 T1 4 (party identifier)", True),
    "representatives.name": ("R174 A1 T2 2", True),
    "representatives.shortName": ("R174 A1 T2 3", True),
    "representatives.country": ("R174 A1 T2 1", True),
    "representatives.countryName": ("R174 A1 T2 1", True),
    "representatives.partyType": ("R174 A1 T2 (legal entity or individual)", True),
    "representatives.taxpayerId": ("R174 A1 T2 4 (not published, digest §4.12)", False),
    "goods": ("R174 A1 T1 6 goods", True),
    "goods.description": ("R174 A1 T1 6.1", True),
    "goods.hsCodes": ("R174 A1 T1 6.2", True),
    "goods.niceClasses": ("R174 A1 T1 6.3.1", True),
    "application": ("R174 A1 T1 1 application registration details (not published)", False),
    "rightHolderCount": ("R174 A1 T1 2 number of right holders (not published)", False),
    "rightHolders": ("R174 A1 T1 3 right holders", True),
    "representative": ("R174 A1 T1 4 representative", True),
    "powersOfAttorney": ("R174 A1 T1 4.1 powers of attorney (not published)", False),
    "images": ("R174 A1 T1 5.4 images of the IP object", True),
    "images.id": ("R174 A1 T1 5.4 (the file's global id)", True),
    "images.sha256": ("R174 A1 T1 5.4 (the file)", True),
    "images.url": ("R174 A1 T1 5.4 (where its bytes are served)", True),
    "images.mediaType": ("R174 A1 T1 5.4 (JPEG or TIFF)", True),
    "images.size": ("R174 A1 T1 5.4 (at most 5 MB)", True),
    "images.name": ("R174 A1 T1 5.4 (file name)", True),
    "titleDocuments": ("R174 A1 T1 5.6 title documents (not published)", False),
    "registrationFormNumber": ("R174 A1 T1 5.8 registration form (not published)", False),
    "protectionPeriods": ("R174 A1 T1 5.9 protection periods", True),
    "protectionPeriods.start": ("R174 A1 T1 5.9.1", True),
    "protectionPeriods.end": ("R174 A1 T1 5.9.2", True),
    "protectionActive": ("R174 A1 T1 5.9 (derived: a period covers the day)", True),
    "eaeuGoods": ("R174 A1 T1 6 goods", True),
    "eaeuGoods.position": ("R174 A1 T1 6 (order of the goods items)", True),
    "eaeuGoods.description": ("R174 A1 T1 6.1", True),
    "eaeuGoods.cnFeaCodes": ("R174 A1 T1 6.2", True),
    "eaeuGoods.niceClasses": ("R174 A1 T1 6.3", True),
    "eaeuGoods.niceClasses.number": ("R174 A1 T1 6.3.1", True),
    "eaeuGoods.niceClasses.name": ("R174 A1 T1 6.3.2", True),
    "eaeuGoods.turnover": ("R174 A1 T1 6.4 goods-turnover data (not published)", False),
    "eaeuGoods.exemptionCircumstances": ("R174 A1 T1 6.5 (not published)", False),
    "authorizedPersons": ("R174 A1 T1 7 authorized persons (not published)", False),
    "recordMeta": ("R174 A1 T1 9 technical characteristics (not published)", False),
    "cases": ("procedures concerning the object (not register data)", False),
})

#: Fields of a published party (table 2 via T1 3 and 4): only these are shown to all.
PUBLIC_PARTY_FIELDS = ("partyId", "partyType", "country", "countryName", "name", "shortName")
for _parent, _item in (("rightHolders", "T1 3"), ("representative", "T1 4")):
    PUBLICATION.add(_parent, {name: (f"R174 A1 {_item}, table 2", True)
                              for name in PUBLIC_PARTY_FIELDS})
    PUBLICATION.add(_parent, {name: (f"R174 A1 T2 {t2} (not published)", False) for name, t2 in (
        ("taxpayerId", "4"), ("kpp", "5"), ("identityDocument", "6"), ("addresses", "7"),
        ("contacts", "8"), ("employees", "9"))})


def is_official(viewer: Principal) -> bool:
    """Officials of the register: the Commission and the authorized bodies (and the engine).

    ``commission_official`` is not one of the core's ``OFFICIAL_ROLES``; it counts here
    (see the core API gap in the plugin's report).
    """
    return viewer.is_official_of(JURISDICTION) or viewer.has_role("commission_official",
                                                                  JURISDICTION)


async def _applicant(info: strawberry.Info[Any, Any], object_id: int) -> list[int | None]:
    """The party that filed the application of the entry (``eaeu_entry.applicant_id``)."""
    from ipreg.plugins.eaeu.graphql.loaders import EntryByObjectLoader

    entry = await info.context.loaders.get(EntryByObjectLoader).load(object_id)
    return [entry.applicant_id] if entry is not None else []


#: Anonymous callers see what :data:`PUBLICATION` publishes; officials of ``eaeu`` and the
#: entry's own right holders, representative and applicant see the rest.
EAEU = Publication(
    JURISDICTION, PUBLICATION, official=is_official, more_owners=_applicant,
    message="not published (R174 Appendix 1): only officials of the register and the "
            "entry's own right holders and representative may read it")

#: The rule as the core applies it to its own queries (``node(id:)`` of parties,
#: ``ipObjects`` filters, ``search`` filters and facets): the fields of the core
#: ``IPObject`` interface Appendix 1 does not publish (T1 5.3, 5.7, 8, 9), and the
#: parties it does: right holders (T1 3) and the representative (T1 4) of a
#: published entry, not authorized persons (T1 7) nor turnover parties (T1 6.4.2).
PUBLICATION_RULE = EAEU.rule


def acts_for(viewer: Principal, parties: Iterable[int | None]) -> bool:
    """The viewer is one of ``parties`` or holds an applicant-side grant for one of them."""
    return EAEU.acts_for(viewer, parties)


async def sees_private(info: strawberry.Info[Any, Any], object_id: int) -> bool:
    """May the caller see the unpublished items of entry ``object_id``?"""
    return await EAEU.sees_private(info, object_id)
