"""Lookups that assist the examiner (digest §8.2, severity L): sanctions lists (VR-42,
GI rules V.2.6), the agri-food public-order screening (VR-44, V.8.6), homonyms among other
applications and registrations (VR-45, V.8.3, GI rules VI.5.5) and generic or plant-variety/breed
names (VR-46, V.8.4-8.5). None decides anything: each finding is recorded with the case for
the examiner, who acts (``UA.GI.SANCT``, ``UA.GI.T33``, ``UA.GI.T28``).

The lists are not in the seed (the NSDC decisions, the condemned toponyms, the official
sources of V.8.4-8.5 are other acts): they are configuration, each a comma-separated list —
``IPREG_UA_GI_SANCTIONS`` (EDRPOU codes, RNOKPP or names of sanctioned persons),
``IPREG_UA_GI_AGGRESSOR_STATES`` (country codes; default ``RU``, the state the Verkhovna Rada
recognised as a terrorist state — outside the seed), ``IPREG_UA_GI_PUBLIC_ORDER_WORDS``
(toponym parts and words of V.8.6) and ``IPREG_UA_GI_GENERIC_NAMES`` (generic names,
varieties and breeds of V.8.4-8.5). The official sources of V.8.4-8.5 themselves are loaded
editions, looked up by :mod:`ipreg.plugins.ukraine.gi.sources.lookup` (the configured list is
one more source there).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db import fold
from ipreg.core.model import Case
from ipreg.plugins.ukraine.gi.models import UaGiApplication
from ipreg.search import translit


def _listed(env: str, default: str = "") -> list[str]:
    return [p.strip() for p in os.environ.get(env, default).split(",") if p.strip()]


def sanctions(applicants: Sequence[Mapping[str, Any]]) -> list[str]:
    """VR-42 (GI rules V.2.6): applicants on the configured sanctions list."""
    listed = {fold(x) for x in _listed("IPREG_UA_GI_SANCTIONS")}
    found = []
    for i, a in enumerate(applicants):
        keys = {a.get("edrpou"), a.get("rnokpp"), a.get("fullName"),
                " ".join(filter(None, (a.get("surname"), a.get("givenName"))))}
        if any(k and fold(k) in listed for k in keys):
            found.append(f"applicants[{i}]: on the sanctions list (VR-42, GI rules V.2.6)")
    return found


def public_order(claimed_name: str, country_of_origin: str, regime: str) -> list[str]:
    """VR-44 (GI rules V.8.6, agri-food only): a place in an aggressor state, or a name with
    a configured word."""
    if regime != "agri_food":
        return []
    found = []
    if country_of_origin in _listed("IPREG_UA_GI_AGGRESSOR_STATES", "RU"):
        found.append(f"countryOfOrigin: {country_of_origin} is an aggressor state "
                     "(VR-44, GI rules V.8.6)")
    folded = fold(claimed_name)
    found += [f"claimedName: contains {w!r} (VR-44, GI rules V.8.6)"
              for w in _listed("IPREG_UA_GI_PUBLIC_ORDER_WORDS") if fold(w) in folded]
    return found


def generic(claimed_name: str) -> list[str]:
    """VR-46 (GI rules V.8.4-8.5): a configured generic, variety or breed name in it."""
    folded = fold(claimed_name)
    return [f"claimedName: contains the generic, variety or breed name {w!r} (VR-46, GI "
            "rules V.8.4-8.5)" for w in _listed("IPREG_UA_GI_GENERIC_NAMES")
            if fold(w) in folded]


def _forms(name: str) -> set[str]:
    out = set()
    for part in name.split("/"):
        part = part.strip()
        if part:
            out.add(fold(part))
            out.add(fold(translit.romanise(part, "uk-kmu-2010")))
    return out


async def homonyms(session: AsyncSession, app: UaGiApplication) -> list[str]:
    """VR-45 (GI rules V.8.3): other applications and registrations with the same claimed
    name (folded, or its Latin transliteration), leaving out applications withdrawn before
    this one's filing date (VI.5.5)."""
    mine = _forms(app.claimed_name)
    rows = (await session.execute(
        select(UaGiApplication.number, UaGiApplication.claimed_name, Case.state, Case.data)
        .join(Case, Case.id == UaGiApplication.case_id)
        .where(UaGiApplication.case_id != app.case_id))).all()
    filed = app.filing_date or app.received_on or dt.date.max
    found = []
    for number, name, state, data in rows:
        withdrawn = (data or {}).get("withdrawnOn")
        if state == "withdrawn" and withdrawn and dt.date.fromisoformat(withdrawn) < filed:
            continue
        if state in ("rejected_technical", "deemed_not_filed"):
            continue
        if mine & _forms(name):
            found.append(f"{number or '—'}: {name} ({state}) (VR-45, GI rules V.8.3)")
    return found


def at_filing(form: Mapping[str, Any]) -> list[str]:
    """What the lookups find in a request at filing (VR-42, VR-44, VR-46)."""
    return [*sanctions(form.get("applicants") or []),
            *public_order(form.get("claimedName") or "", form.get("countryOfOrigin") or "",
                          form.get("regime") or ""),
            *generic(form.get("claimedName") or "")]


__all__ = ["at_filing", "generic", "homonyms", "public_order", "sanctions"]
