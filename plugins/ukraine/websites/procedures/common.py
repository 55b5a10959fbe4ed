"""What the website list's procedures share: roles, addressees, the acting parties.

Roles (digest §8.3): ``representative`` (the core's: an attorney or patent attorney
acting for the right holder, grant organisation = the right holder) and ``applicant``
(the right holder itself) on the appeal; ``right_holder`` (the right holder or its
representative of record, on the owner's application, where the owner is the case's
applicant); ``website_owner`` (the owner or its representative; grant organisation =
the owner's party); ``ukrnoivi_examiner`` and ``ministry_officer`` (officials); and
``system`` for consequences of expired limits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ipreg.core.errors import BadUserInput
from ipreg.core.procedures import SYSTEM_ROLE, TransitionContext
from ipreg.core.services.numbering import ensure_counter, fixed_width, next_value
from ipreg.core.services.parties import ContactForm, PartyForm, create_party
from ipreg.plugins.ukraine.common.acts import names, transition

JURISDICTION = "ua_websites"
REPRESENTATIVE = frozenset({"representative"})
RIGHT_HOLDER = frozenset({"right_holder"})
OWNER = frozenset({"website_owner"})
EXAMINER = frozenset({"ukrnoivi_examiner"})
MINISTRY = frozenset({"ministry_officer"})
SYSTEM = frozenset({SYSTEM_ROLE})

#: III.7: the grounds for a conclusion that there are no grounds for inclusion.
APPEAL_NEGATIVE_GROUNDS = ("REQUEST_NOT_FULFILLED", "EXCLUDED_PLATFORM_OR_MEDIA",
                           "MORALITY_PUBLIC_ORDER", "AGGRESSOR_LINKED_OR_SANCTIONED",
                           "OTHER_NONCOMPLIANCE")
#: IV.5: the grounds for refusing an owner's application.
EXCLUSION_REFUSAL_GROUNDS = ("GROUNDS_NOT_PROVEN", "MORALITY_PUBLIC_ORDER",
                             "AGGRESSOR_LINKED_OR_SANCTIONED")


def to_role(role: str) -> Any:
    def addressees(ctx: TransitionContext) -> list[tuple[int | None, str]]:
        return [(None, role)]

    return addressees


def acting_party(ctx: TransitionContext, role: str) -> int | None:
    """The party a principal acts for in ``role``: its grant's organisation, or itself."""
    principal = ctx.principal
    orgs = principal.organisations(role)
    if orgs:
        return next(iter(sorted(orgs)))
    return principal.on_behalf_of or principal.party_id


def acts_for(ctx: TransitionContext, role: str, party_id: int | None) -> bool:
    if ctx.principal.is_system or party_id is None:
        return False
    principal = ctx.principal
    return party_id in principal.organisations(role) or party_id in (
        principal.party_id, principal.on_behalf_of)


async def conclusion_number(session: Any) -> str:
    """The next conclusion number of UKRNOIVI on the list (III.6, IV.4)."""
    await ensure_counter(session, JURISDICTION, "conclusion")
    return "ВИСН-" + fixed_width(await next_value(session, JURISDICTION, "conclusion"), 6,
                                 "conclusion number")


async def new_person(ctx: TransitionContext, person: dict[str, Any]) -> int:
    """A party for a person of a form (name, country, e-mail): never public (digest §8.2)."""
    contacts = [ContactForm("EM", "email", values=[person["email"]])] if person.get("email") else []
    party = await create_party(ctx.session, PartyForm(
        party_type="natural" if person.get("kind") == "NATURAL" else "legal",
        country=person.get("country") or "UA", name=person["name"], short_name=None,
        contacts=contacts))
    return party.id


def findings(ctx: TransitionContext, codes: tuple[str, ...], rule: str
             ) -> list[dict[str, Any]]:
    """The examiner's finding on **every** ground of ``codes``: ``found`` and a note; a
    ground left out or unknown is refused (the conclusion records each, III.7 / IV.5).

    The lookups of digest §9 are these findings, each with what it rests on (``note``):
    VR-W20 (the sanctions and aggressor-link check of the applicant and representative,
    III.7 ¶5), VR-W21 (the media register and video-sharing platform, III.7 ¶3) and
    VR-X10 (the owner and its representative, IV.5 ¶4). MORALITY_PUBLIC_ORDER (III.7 ¶4)
    is the check of the representative's responsibility of II.4 (morality, public order
    and the two laws on totalitarian and aggressor propaganda)."""
    raw = ctx.input.get("findings")
    if not isinstance(raw, list):
        raise BadUserInput(f"findings: a finding on each ground ({rule})",
                           errors=[f"findings: required ({rule})"])
    seen: dict[str, dict[str, Any]] = {}
    errors = []
    for i, item in enumerate(raw):
        ground = item.get("ground") if isinstance(item, dict) else None
        if ground not in codes:
            errors.append(f"findings[{i}].ground: {ground!r} is not one of {', '.join(codes)} "
                          f"({rule})")
            continue
        if ground in seen:
            errors.append(f"findings[{i}].ground: {ground} twice ({rule})")
        if not isinstance(item.get("found"), bool):
            errors.append(f"findings[{i}].found: true or false ({rule})")
        seen[ground] = {"ground": ground, "found": bool(item.get("found")),
                        "note": str(item.get("note") or "")[:2000] or None}
    missing = [c for c in codes if c not in seen]
    if missing:
        errors.append(f"findings: no finding on {', '.join(missing)} ({rule})")
    if errors:
        raise BadUserInput("; ".join(errors), errors=errors, rule=rule)
    return [seen[c] for c in codes]


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


__all__ = ["APPEAL_NEGATIVE_GROUNDS", "EXAMINER", "EXCLUSION_REFUSAL_GROUNDS",
           "JURISDICTION", "MINISTRY", "OWNER", "REPRESENTATIVE", "RIGHT_HOLDER", "SYSTEM",
           "acting_party", "acts_for", "conclusion_number", "findings", "names",
           "new_person", "transition"]
