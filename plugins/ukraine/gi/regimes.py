"""Which law governs an application (digest §1.4): the product regimes as configuration.

* **A-34, Order p.4** (digest §0.5): the provisions on spirit drinks take effect with the
  Spirits GI Law No. 2800-IX, whose entry into force the seed does not give. It is
  ``IPREG_UA_GI_SPIRITS_FROM`` (an ISO date); unset, they are **not in force**. Before that
  day an application is refused (``BAD_USER_INPUT``, nothing registered) when it claims a
  spirit-drink specific: the regime ``spirit_drink`` (GI rules II.2.1 ¶3, II.4.1 ¶3, II.4.9
  ¶3, II.5.2, III.1.1 ¶4 the 90-day window, III.1.3 ¶4, V.5.6 ¶2, V.7.12 ¶3 all follow from
  it) or a spirit-drink category of the specification (II.4.4 ¶3), each problem at its
  field with the rule ``Order p.4 / A-34``. The digest allows "reject or hold": we reject,
  because a held application would wait in no state the Rules define for a date nobody
  knows, while refusing changes nothing and the applicant may file under the general Law
  (digest §1.4: any goods not covered by a special law) or again once the date is set.
* **A-22** (digest §1.4, wines; Appendix A): the regime per product category is
  ``IPREG_UA_GI_REGIME_BY_CATEGORY="wine=general,aromatised_wine=general,..."`` (merged
  over the defaults). An application stating its ``productCategory`` must claim the regime
  the category maps to (problem at ``form.regime``, rule ``A-22``). Defaults: wines and
  aromatised wine products ``general`` (the Rules define no wine procedure, §1.4, and the
  general Law governs goods no special law covers [Inference]; [Outside the seed] the
  Agri-food GI Law, like EU Regulation 1151/2012, leaves wines out: verify), spirit drinks
  ``spirit_drink`` — and ``general`` while the spirit-drink provisions are not in force.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from ipreg.core.errors import ConfigurationError

SPIRITS_FROM_ENV = "IPREG_UA_GI_SPIRITS_FROM"
REGIME_BY_CATEGORY_ENV = "IPREG_UA_GI_REGIME_BY_CATEGORY"
#: The rule a refused spirit-drink specific cites (digest §0.5, Appendix A).
SPIRITS_RULE = "Order p.4 / A-34"
#: The points of the Rules that take effect with Law 2800-IX (Order p.4; digest §0.5).
SPIRIT_PROVISIONS = ("GI rules II.2.1 ¶3", "GI rules II.4.1 ¶3", "GI rules II.4.4 ¶3",
                     "GI rules II.4.9 ¶3", "GI rules II.5.2", "GI rules III.1.1 ¶4",
                     "GI rules III.1.3 ¶4", "GI rules V.5.6 ¶2", "GI rules V.7.12 ¶3")
REGIMES = ("general", "agri_food", "spirit_drink")
#: A-22: the digest's suggestion (a configurable regime per product category), defaults as
#: the module says.
DEFAULT_REGIME_BY_CATEGORY = {"wine": "general", "aromatised_wine": "general",
                              "spirit_drink": "spirit_drink"}
_CATEGORY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def spirits_from() -> dt.date | None:
    """The day the spirit-drink provisions take effect (Order p.4, A-34); None: not in
    force."""
    raw = os.environ.get(SPIRITS_FROM_ENV, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{SPIRITS_FROM_ENV}: {raw!r} is not a date like "
                                 "2027-01-01 (Order p.4, A-34)") from exc


def spirits_in_force(day: dt.date) -> bool:
    """Are the spirit-drink provisions of Order p.4 in force on ``day``?"""
    start = spirits_from()
    return start is not None and day >= start


def regime_by_category() -> dict[str, str]:
    """A-22: product category → regime, the configured entries over the defaults."""
    table = dict(DEFAULT_REGIME_BY_CATEGORY)
    raw = os.environ.get(REGIME_BY_CATEGORY_ENV, "")
    for item in (p.strip() for p in raw.split(",")):
        if not item:
            continue
        category, _, regime = (s.strip() for s in item.partition("="))
        if not _CATEGORY.match(category) or regime not in REGIMES:
            raise ConfigurationError(f"{REGIME_BY_CATEGORY_ENV}: {item!r} is not CATEGORY="
                                     f"REGIME with REGIME one of {', '.join(REGIMES)} (A-22)")
        table[category] = regime
    return table


def regime_of(category: str, day: dt.date | None) -> str | None:
    """The regime that governs ``category`` (A-22) on ``day``; a category mapped to spirit
    drinks is under the general Law while their provisions are not in force (A-34); None
    for a category not in the table (the applicant's regime stands)."""
    regime = regime_by_category().get(category)
    if regime == "spirit_drink" and day is not None and not spirits_in_force(day):
        return "general"
    return regime


__all__ = ["DEFAULT_REGIME_BY_CATEGORY", "REGIMES", "REGIME_BY_CATEGORY_ENV",
           "SPIRITS_FROM_ENV", "SPIRITS_RULE", "SPIRIT_PROVISIONS", "regime_by_category",
           "regime_of", "spirits_from", "spirits_in_force"]
