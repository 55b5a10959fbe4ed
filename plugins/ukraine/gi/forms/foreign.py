"""Foreign protection documents (GI rules II.5; digest §2.5): filed by foreigners instead of
the specification, duly certified copies, a Ukrainian translation within 2 months of the
filing date (II.2.2, VR-10)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ipreg.core.procedures import add_months
from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec
from ipreg.plugins.ukraine.gi.forms.common import GiReader

FOREIGN_DOCUMENT = FormSpec("foreignDocument", "A document proving the GI's protection in "
                            "a foreign state (GI rules II.5).", (
    F("title", description="Title of the document", rule="GI rules II.5.1", required=True),
    F("country", "country", "State of protection", "GI rules II.5.1", required=True),
    F("issuedOn", "date", "Date of the document", "GI rules II.5.1"),
    F("certifiedCopy", "bool", "A duly certified copy (II.3.9 ¶3)", "GI rules II.3.9 ¶3",
      required=True),
    F("language", description="Language of the document (ISO 639-1)", rule="GI rules II.2.2"),
    F("translationReceivedOn", "date", "When the Ukrainian translation reached UKRNOIVI",
      "GI rules II.2.2"),
))


def read_foreign_documents(reader: GiReader, data: Mapping[str, Any], key: str, path: str
                           ) -> list[dict[str, Any]]:
    def one(value: Any, where: str) -> dict[str, Any] | None:
        found = reader.mapping(value, where, FOREIGN_DOCUMENT)
        if found is None:
            return None
        title = reader.text(found, "title", where, required=True, limit=500,
                            rule="GI rules II.5.1")
        country = reader.country(found, "country", where, required=True,
                                 rule="GI rules II.5.1")
        certified = reader.boolean(found, "certifiedCopy", where, default=False)
        if not certified:
            reader.problems.add(f"{where}.certifiedCopy", "foreign protection documents are "
                                "filed as duly certified copies", rule="GI rules II.3.9 ¶3")
        issued = reader.date(found, "issuedOn", where)
        language = reader.text(found, "language", where, limit=8)
        translated = reader.date(found, "translationReceivedOn", where)
        return {"title": title, "country": country, "certifiedCopy": certified,
                "issuedOn": issued.isoformat() if issued else None, "language": language,
                "translationReceivedOn": translated.isoformat() if translated else None}

    return reader.each(data, key, path, one)


def translation_warnings(documents: Sequence[Mapping[str, Any]], filing_date: dt.date | None
                         ) -> list[str]:
    """VR-10 (W, A-06): a foreign-language document's translation due within 2 months of
    the filing date (GI rules II.2.2)."""
    out = []
    for i, doc in enumerate(documents):
        if (doc.get("language") or "uk") == "uk":
            continue
        received = doc.get("translationReceivedOn")
        if filing_date is None:
            continue
        due = add_months(filing_date, 2)
        if received is None or dt.date.fromisoformat(received) > due:
            out.append(f"foreignDocuments[{i}]: Ukrainian translation due by {due.isoformat()}"
                       " (VR-10, GI rules II.2.2)")
    return out


__all__ = ["FOREIGN_DOCUMENT", "read_foreign_documents", "translation_warnings"]
