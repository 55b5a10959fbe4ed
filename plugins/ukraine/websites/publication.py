"""What the national list publishes (Order 2945 III.9, IV.6, V.1; digest §8.2, A-27).

The Ministry publishes "information about the website" and places it on WIPO ALERT;
which fields that is, the Order does not say (A-27). Published here: the website's
identifiers (domain in both forms, IP address, URLs), the list number and status,
the inclusion, publication and exclusion dates, and the WIPO ALERT placement. Not
published: the inclusion and exclusion bases (conclusion numbers, court decisions, the
owner's grounds), what the website is (III.7 ¶3), and any data of the owner, the
applicant or the representative (III.8: kept at UKRNOIVI) — officials read them, and
an official's read of a natural person's data is audited.

:data:`PUBLICATION` classifies every field of ``UaWebsiteEntry``;
``tests/ukraine/websites/test_public_list.py`` walks the live schema against it, and the
exports check their columns with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry

from ipreg.core.audit import record_audit_now
from ipreg.core.auth import Principal
from ipreg.schema.publication import Publication, PublicationTable

JURISDICTION = "ua_websites"
MESSAGE = "not published (Order 2945 III.8-III.9): officials of the list only"

PUBLICATION = PublicationTable({
    "id": ("API identifier of the entry (reveals nothing)", True),
    "jurisdiction": ("the list itself (constant `ua_websites`)", True),
    "kind": ("I.2 ¶2 a website", True),
    "kindName": ("I.2 ¶2 a website (its name)", True),
    "name": ("III.9 the website's address as listed", True),
    "description": ("III.9 information about the website", True),
    "registerNumber": ("V.1 the list number (entry_id, §8.2)", True),
    "entryNumber": ("V.1 the list number (entry_id, §8.2)", True),
    "status": ("V.1 status in the list (§8.2)", True),
    "statusDate": ("V.1 date of the status", True),
    "listStatus": ("V.1 status in the list (§8.2)", True),
    "version": ("V.1 version of the entry", True),
    "updatedAt": ("V.1 last change of the entry", True),
    "domain": ("II.2.1 ¶3 domain name (Unicode)", True),
    "domainAscii": ("II.2.1 ¶3 domain name (punycode)", True),
    "ipAddress": ("II.2.1 ¶3 IP address", True),
    "urls": ("II.2.1 ¶3 URLs", True),
    "includedOn": ("III.9 inclusion date", True),
    "publishedOn": ("III.9 publication on the Ministry's website", True),
    "excludedOn": ("IV.6 exclusion date", True),
    "wipoAlert": ("III.9, IV.6 placement on WIPO ALERT", True),
    "wipoAlert.status": ("III.9 PENDING, UPLOADED or REMOVED", True),
    "wipoAlert.uploadedOn": ("III.9 placed on WIPO ALERT", True),
    "wipoAlert.removedOn": ("IV.6 removed from WIPO ALERT", True),
    "keywords": ("II.2.1 ¶3 the other forms of the address (punycode, IP)", True),
    "keywordDetails": ("II.2.1 ¶3 the other forms of the address", True),
    "holders": ("none: a website has no right holder in the list", True),
    "representatives": ("none: a website has no representative in the list", True),
    "goods": ("none: the list names no goods", True),
    "rightTerms": ("none: the list has no terms of a right", True),
    "statusHistory": ("III.8-III.9, IV.6 status history with the bases (not published)",
                      False),
    "episodes": ("III.9, IV.6 inclusion and exclusion bases (not published, §8.2)", False),
    "platformType": ("III.7 ¶3 what the website is (not published)", False),
    "owner": ("I.2 ¶3, III.4 the website owner (personal data, not published)", False),
})

for _child in ("id", "name", "country", "countryName", "partyType", "shortName",
               "taxpayerId"):
    PUBLICATION[f"holders.{_child}"] = ("none: empty list", True)
    PUBLICATION[f"representatives.{_child}"] = ("none: empty list", True)


async def _owners(info: strawberry.Info[Any, Any], object_id: int) -> Iterable[int | None]:
    from ipreg.plugins.ukraine.websites.graphql.loaders import WebsiteByObjectLoader

    row = await info.context.loaders.get(WebsiteByObjectLoader).load(object_id)
    return [row.owner_party_id] if row is not None else []


UA_WEBSITES = Publication(JURISDICTION, PUBLICATION, message=MESSAGE, owner_roles=(),
                          more_owners=_owners, public_party_roles=("holder",))


def is_official(viewer: Principal) -> bool:
    return UA_WEBSITES.is_official(viewer)


async def audit_personal_read(info: strawberry.Info[Any, Any], entity: str, entity_id: int,
                              what: str) -> None:
    """Digest §8.2 (issue 16): an official who reads a natural person's data leaves an
    audit record (action ``read_personal_data``), in a transaction of its own."""
    viewer = info.context.viewer
    if not is_official(viewer) or viewer.is_system:
        return
    await record_audit_now(info.context.runtime.sessionmaker, principal=viewer,
                           action="read_personal_data", entity=entity, entity_id=entity_id,
                           jurisdiction=JURISDICTION, request_id=info.context.request_id,
                           note=what[:200])


__all__ = ["JURISDICTION", "PUBLICATION", "UA_WEBSITES", "audit_personal_read", "is_official"]
