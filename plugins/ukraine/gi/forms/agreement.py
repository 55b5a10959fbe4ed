"""The competent authority's agreement of the specification (GI rules II.4.13, II.1.1 ¶5;
digest §2.7) and the filing windows it opens (III.1.1 ¶3-4: VR-08, VR-09, warnings by
A-05)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec
from ipreg.plugins.ukraine.gi.forms.common import GiReader

AGREEMENT = FormSpec("agreement", "The competent authority's agreement of the specification "
                     "(GI rules II.4.13).", (
    F("authority", description="The competent authority that agreed", rule="GI rules II.4.13",
      required=True),
    F("agreedOn", "date", "Date of the agreement", "GI rules II.4.13", required=True),
    F("reference", description="Number of the authority's decision", rule="GI rules II.4.13"),
))


def read_agreement(reader: GiReader, value: Any, path: str) -> dict[str, Any] | None:
    data = reader.mapping(value, path, AGREEMENT)
    if data is None:
        return None
    authority = reader.text(data, "authority", path, required=True, limit=500,
                            rule="GI rules II.4.13")
    agreed = reader.date(data, "agreedOn", path, required=True, rule="GI rules II.4.13")
    reference = reader.text(data, "reference", path, limit=100)
    if not authority or agreed is None:
        return None
    return {"authority": authority, "agreedOn": agreed.isoformat(), "reference": reference}


def window_warnings(agreement: Mapping[str, Any] | None, regime: str, received_on: dt.date,
                    calendar: Any) -> list[str]:
    """VR-08 / VR-09: filing within 3 months (agri-food) or 90 days (spirit drinks) of the
    agreement; no consequence is stated (A-05), so a warning for the examiner."""
    from ipreg.plugins.ukraine.gi.terms import last_day

    if not agreement or regime not in ("agri_food", "spirit_drink"):
        return []
    agreed = dt.date.fromisoformat(agreement["agreedOn"])
    key, rule = (("agri_food_window", "VR-08 (GI rules III.1.1 ¶3)") if regime == "agri_food"
                 else ("spirits_window", "VR-09 (GI rules III.1.1 ¶4)"))
    due = last_day(calendar, agreed, key)
    if received_on > due:
        return [f"agreement.agreedOn: filed after {due.isoformat()} ({rule}, A-05)"]
    return []


__all__ = ["AGREEMENT", "read_agreement", "window_warnings"]
