"""Small value types of IP objects: goods, status records, right terms."""

from __future__ import annotations

import datetime as dt

import strawberry


@strawberry.type(description="Goods the right extends to.")
class Goods:
    description: str = strawberry.field(description="Description, including the trade name.")
    hs_codes: list[str] = strawberry.field(
        description="Commodity codes (Harmonized System or a regional nomenclature such as the "
        "EAEU CN FEA, at least 6 digits)."
    )
    nice_classes: list[int] = strawberry.field(description="Nice Classification classes (1-45).")


@strawberry.type(description="One step of an object's status history.")
class StatusRecord:
    status: str = strawberry.field(description="Status code (jurisdiction's code list).")
    date: dt.date = strawberry.field(description="Date the status was set.")
    basis_number: str | None = strawberry.field(description="Number of the basis document.")
    basis_date: dt.date | None = strawberry.field(description="Date of the basis document.")


@strawberry.type(description="Term of validity of the right in one country.")
class RightTerm:
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 code.")
    starts_on: dt.date | None = strawberry.field(description="Start of validity, if known.")
    expires_on: dt.date | None = strawberry.field(description="Expiry, if the term is defined.")
    term_defined: bool | None = strawberry.field(
        description="For copyright objects: is the term defined?"
    )


@strawberry.type(description="A keyword or expression relating to the object.")
class KeywordValue:
    value: str = strawberry.field(description="The keyword as filed.")
    transliteration: str | None = strawberry.field(description="Its filed transliteration.")
