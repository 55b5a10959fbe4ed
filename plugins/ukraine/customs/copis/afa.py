"""A recordal as an EU application for action (AFA) and back, box by box.

Seed 000 COPIS (digest §1.4): the State Customs Service plans an interface to the
central module of COPIS; its formats are not public [Gap]. This module is the one
place that knows the shape, so that the real interface replaces it alone. The shape
follows the AFA form of Implementing Regulation (EU) No 1352/2013 and the items of
Reg. 608/2013 Art. 6(3) (docs/ukraine-customs.md has the box-by-box table):

* ``box1_applicant`` (a), ``box2_applicationType`` and ``box6_memberStates`` (f: a
  Union application), ``box3_applicantStatus`` (b), ``entitlementDocuments`` (c),
  ``box4_representative`` (d), ``box5_rights`` (e) with their goods (boxes 12-19:
  g, h), ``box7_legalRepresentatives`` and ``box8_technicalRepresentatives`` (k),
  ``box17_operators`` and ``box18_counterfeits`` (i), ``restrictedHandling`` (j);
* ``extensions.ua``: what a Ukrainian recordal has and the AFA has not (the term
  requested, representatives for product identification and IP protection, a related
  right where the AFA has only NCPR, a right's origin the code does not imply, a
  second national identifier).

An AFA from the EU side that uses codes Ukraine does not use (a Union application,
Union rights, utility models, trade names, SPCs, statuses of persons other than the
owner) is refused with one error per field (:func:`recordal_of_afa`). An imported AFA is
an additional source of information for customs (Seed 000 goal 4).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ipreg.core.errors import BadUserInput
from ipreg.core.services.validation import Problems
from ipreg.plugins.ukraine.customs.codes import (
    AFA_RIGHT_TYPES,
    AFA_UNUSED_RIGHT_TYPES,
    APPLICANT_STATUSES,
    EU_ONLY_APPLICANT_STATUSES,
    kind_afa_code,
)
from ipreg.plugins.ukraine.customs.forms import (
    RULE_B,
    RULE_E,
    RULE_F,
    PartyData,
    Recordal,
    RepresentativeData,
    parse_recordal,
)
from ipreg.plugins.ukraine.customs.terms import MAX_TERM_MONTHS

FORMAT = "ipreg-afa/1"
COPIS_RULE = "Seed 000 COPIS"
BOX = "608/2013 Art. 6(3)"
#: Top-level keys of the recordal form -> the AFA field that carries them.
FORM_TO_AFA = {"applicant": "box1_applicant", "applicantStatus": "box3_applicantStatus",
               "entitlementDocuments": "entitlementDocuments", "rights": "box5_rights",
               "operators": "box17_operators", "counterfeits": "box18_counterfeits",
               "restrictedHandling": "restrictedHandling",
               "termMonths": "extensions.ua.termMonths"}
AFA_BOXES = {"submitting": "box4_representative", "legal": "box7_legalRepresentatives",
             "technical": "box8_technicalRepresentatives"}


def _party(party: PartyData) -> dict[str, Any]:
    national = party.edrpou if party.party_type == "legal" else party.rnokpp
    other = party.rnokpp if party.party_type == "legal" else party.edrpou
    out = {k: v for k, v in {
        "name": party.name, "personType": party.party_type, "country": party.country,
        "address": party.address, "nationalRegistrationNumber": national,
        "tin": party.taxpayer_id, "eori": party.eori, "phone": party.phone,
        "email": party.email, "website": party.website}.items() if v is not None}
    if other:
        out["extensions"] = {"ua": {"secondIdentifier": other}}
    return out


def _party_form(data: Mapping[str, Any]) -> dict[str, Any]:
    kind = data.get("personType", "legal")
    national = data.get("nationalRegistrationNumber")
    other = (data.get("extensions") or {}).get("ua", {}).get("secondIdentifier")
    edrpou, rnokpp = (national, other) if kind == "legal" else (other, national)
    return {k: v for k, v in {
        "name": data.get("name"), "partyType": kind, "country": data.get("country"),
        "address": data.get("address"), "edrpou": edrpou, "rnokpp": rnokpp,
        "taxpayerId": data.get("tin"), "eori": data.get("eori"), "phone": data.get("phone"),
        "email": data.get("email"), "website": data.get("website")}.items()
        if v is not None}


def _representative(rep: RepresentativeData) -> dict[str, Any]:
    out = {"party": _party(rep.party)}
    if rep.authority:
        out["authority"] = rep.authority
    return out


def afa_of_recordal(recordal: Recordal, *, reference: str | None = None) -> dict[str, Any]:
    """The AFA of a recordal (a national application: Ukraine is not a Member State)."""
    form = recordal.to_form()
    rights = []
    for right, right_form in zip(recordal.rights, form["rights"], strict=True):
        code = kind_afa_code(right.kind, right.origin)
        item = {k: v for k, v in right_form.items() if k not in ("kind", "origin")}
        item = {"type": code, **item}
        if AFA_RIGHT_TYPES[code] != (right.kind, right.origin):
            item["extensions"] = {"ua": {"kind": right.kind, "origin": right.origin}}
        rights.append(item)
    boxed: dict[str, Any] = {"box4_representative": None, "box7_legalRepresentatives": [],
                             "box8_technicalRepresentatives": []}
    ua_reps = []
    for rep in recordal.representatives:
        box = AFA_BOXES.get(rep.role)
        if box == "box4_representative" and boxed[box] is None:
            boxed[box] = _representative(rep)
        elif box in ("box7_legalRepresentatives", "box8_technicalRepresentatives"):
            boxed[box].append(_representative(rep))
        else:
            ua_reps.append({"role": rep.role, **_representative(rep)})
    afa: dict[str, Any] = {
        "format": FORMAT,
        "reference": reference,
        "box1_applicant": _party(recordal.applicant),
        "box2_applicationType": "national",
        "box3_applicantStatus": recordal.applicant_status,
        "entitlementDocuments": form.get("entitlementDocuments", []),
        **{k: v for k, v in boxed.items() if v},
        "box5_rights": rights,
        "box6_memberStates": [],
        "box17_operators": [{"kind": o.kind, "party": _party(o.party)}
                            for o in recordal.operators],
        "box18_counterfeits": form.get("counterfeits", []),
        "restrictedHandling": list(recordal.restricted),
        "extensions": {"ua": {"termMonths": recordal.term_months,
                              **({"representatives": ua_reps} if ua_reps else {})}},
    }
    return {k: v for k, v in afa.items() if v is not None}


def _afa_path(path: str) -> str:
    head, _, rest = path.partition(".")
    key, bracket, index = head.partition("[")
    mapped = FORM_TO_AFA.get(key, key)
    return mapped + (bracket + index if bracket else "") + ("." + rest if rest else "")


def recordal_of_afa(afa: Any, today: Any) -> Recordal:
    """A recordal of an AFA, or ``BAD_USER_INPUT`` naming each field Ukraine cannot take
    (with the reason) and each problem of the recordal it makes (at the AFA's path)."""
    problems = Problems()
    if not isinstance(afa, Mapping):
        problems.add("", "an application for action is a JSON object", rule=COPIS_RULE,
                     code="wrong_type")
        problems.raise_if_any()
    if afa.get("format", FORMAT) != FORMAT:
        problems.add("format", f"{afa.get('format')!r} is not {FORMAT}", rule=COPIS_RULE,
                     code="unknown_code")
    kind = afa.get("box2_applicationType", "national")
    if kind == "union":
        problems.add("box2_applicationType", "a Union application has effect in the "
                     "Member States only; Ukraine records national applications",
                     rule="608/2013 Art. 5(1)", code="unknown_code")
    elif kind != "national":
        problems.add("box2_applicationType", f"{kind!r} is not national or union",
                     rule="608/2013 Art. 5(1)", code="unknown_code")
    states = afa.get("box6_memberStates") or []
    if states:
        problems.add("box6_memberStates", f"{', '.join(map(str, states))}: Member States "
                     "where action is requested have no counterpart in Ukraine",
                     rule=RULE_F, code="unknown_code")
    status = afa.get("box3_applicantStatus")
    if status in EU_ONLY_APPLICANT_STATUSES:
        problems.add("box3_applicantStatus", f"{status!r}: only the owner registers an "
                     "object in the customs register (Order 282 applicant)",
                     rule=RULE_B, code="unknown_code")
    elif status not in APPLICANT_STATUSES:
        problems.add("box3_applicantStatus", f"{status!r} is not a status Ukraine accepts "
                     f"({', '.join(APPLICANT_STATUSES)})", rule=RULE_B,
                     code="unknown_code")
    rights = []
    for i, right in enumerate(afa.get("box5_rights") or []):
        where = f"box5_rights[{i}].type"
        if not isinstance(right, Mapping):
            problems.add(f"box5_rights[{i}]", "must be an object", code="wrong_type")
            continue
        code = right.get("type")
        if code in AFA_UNUSED_RIGHT_TYPES:
            problems.add(where, f"{code}: {AFA_UNUSED_RIGHT_TYPES[code]}", rule=RULE_E,
                         code="unknown_code")
            continue
        if code not in AFA_RIGHT_TYPES:
            problems.add(where, f"{code!r} is not a right type of the AFA form",
                         rule=RULE_E, code="unknown_code")
            continue
        kind_code, origin = AFA_RIGHT_TYPES[code]
        ua = (right.get("extensions") or {}).get("ua") or {}
        item = {k: v for k, v in right.items() if k not in ("type", "extensions")}
        rights.append({"kind": ua.get("kind", kind_code), "origin": ua.get("origin", origin),
                       **item})
    problems.raise_if_any()
    ext = (afa.get("extensions") or {}).get("ua") or {}
    representatives = []
    if afa.get("box4_representative"):
        representatives.append(("submitting", afa["box4_representative"]))
    representatives += [("legal", r) for r in afa.get("box7_legalRepresentatives") or []]
    representatives += [("technical", r)
                        for r in afa.get("box8_technicalRepresentatives") or []]
    representatives += [(r.get("role"), r) for r in ext.get("representatives") or []]
    form = {
        "applicant": _party_form(afa.get("box1_applicant") or {}),
        "applicantStatus": status,
        "entitlementDocuments": afa.get("entitlementDocuments") or [],
        "representatives": [{"role": role, "party": _party_form(r.get("party") or {}),
                             **({"authority": r["authority"]} if r.get("authority") else {})}
                            for role, r in representatives],
        "rights": rights,
        "operators": [{"kind": o.get("kind"), "party": _party_form(o.get("party") or {})}
                      for o in afa.get("box17_operators") or []],
        "counterfeits": afa.get("box18_counterfeits") or [],
        "restrictedHandling": afa.get("restrictedHandling") or [],
        "termMonths": ext.get("termMonths", MAX_TERM_MONTHS),
    }
    try:
        return parse_recordal({k: v for k, v in form.items() if v != []}, today)
    except BadUserInput as error:
        found = error.details.get("problems", [])
        for problem in found:
            problems.add(_afa_path(problem["path"]), problem["message"],
                         rule=problem["rule"] or COPIS_RULE, code=problem["code"])
        problems.raise_if_any()
        raise


def form_of_afa(afa: Any, today: Any) -> dict[str, Any]:
    """The recordal form of an AFA (checked), to file it as a recordal (UAC.REC.13)."""
    return recordal_of_afa(afa, today).to_form()


__all__ = ["FORMAT", "afa_of_recordal", "form_of_afa", "recordal_of_afa"]
