"""What the customs register publishes: the weekly list (digest §2.1, "Register weekly
list"): per entry its number, the name of the object, the registration and expiry
dates, the owner and the owner's details (msp.ua extract), updated weekly on the Single
Window for International Trade portal. Nothing else is published: the goods, the
identification data, operators, counterfeits, representatives and cases serve customs
(and are Art. 6(3)(j) restricted-handling data when the holder says so).

The core ``IPObject`` interface requires ``kind`` (non-null), so an entry's node shows
its kind too; the public list (``uaCustomsPublicList``) and its exports show exactly
the six published items.
"""

from __future__ import annotations

from ipreg.schema.publication import Publication, PublicationTable

JURISDICTION = "ua_customs"
ITEM = "Register weekly list"

PUBLICATION = PublicationTable({
    "id": ("API identifier of the entry (reveals nothing)", True),
    "jurisdiction": ("the register itself (constant `ua_customs`)", True),
    "kind": ("kind of object (required by the core interface)", True),
    "kindName": ("kind of object (its name)", True),
    "name": (f"{ITEM}: name of the object", True),
    "registerNumber": (f"{ITEM}: number", True),
    "registeredOn": (f"{ITEM}: registration date", True),
    "validUntil": (f"{ITEM}: expiry date", True),
    "holders": (f"{ITEM}: owner", True),
    "holders.id": (f"{ITEM}: owner (party identifier)", True),
    "holders.name": (f"{ITEM}: owner", True),
    "holders.shortName": (f"{ITEM}: owner", True),
    "holders.country": (f"{ITEM}: owner's details", True),
    "holders.countryName": (f"{ITEM}: owner's details", True),
    "holders.partyType": (f"{ITEM}: owner's details", True),
    "holders.taxpayerId": (f"{ITEM}: owner's details (the core publishes no taxpayer id "
                           "to anonymous callers; ownerDetails carries it)", False),
    "ownerDetails": (f"{ITEM}: owner's details (address, identifier)", True),
    "description": ("the right's registration (not in the weekly list)", False),
    "status": ("status of the entry (not in the weekly list: only entries in force are)",
               False),
    "statusDate": ("date of the status (not in the weekly list)", False),
    "statusHistory": ("history of the entry (not in the weekly list)", False),
    "version": ("technical (not published)", False),
    "updatedAt": ("technical (not published)", False),
    "keywords": ("keywords (not published)", False),
    "keywordDetails": ("keywords (not published)", False),
    "representatives": ("representatives (not in the weekly list)", False),
    "goods": ("goods and UKTZED codes (not published: customs data)", False),
    "rightTerms": ("term of the registration (published as validUntil)", False),
    "recordal": ("the recordal (customs data, not published)", False),
})

UA_CUSTOMS = Publication(
    JURISDICTION, PUBLICATION, public_party_roles=("holder",),
    message="not published (the weekly list shows number, object, dates and owner only): "
            "officials of the customs register and the owner and its representatives")

__all__ = ["JURISDICTION", "PUBLICATION", "UA_CUSTOMS"]
