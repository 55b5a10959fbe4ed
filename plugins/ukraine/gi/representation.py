"""Representatives appointed for a single act (на вчинення окремої дії; digest §1.7 item 3,
§3.6; GI rules II.3.5 ¶4, III.1.7, III.1.8, IV.5).

A single-act representative is not named in section 4 of the form (II.3.5 ¶4): it acts under
a power of attorney (III.1.7) that names the clearly defined acts it performs (¶5); an
applicant may appoint different representatives for different acts (¶12). The acts are
declared here as *kinds* (:data:`ACT_KINDS`), each the transitions the representative may
perform; a ``reply`` names the notice it answers (its ``seq`` in the file). The withdrawal
needs the right stated expressly in the PoA (III.1.7 ¶11, VI.5.2).

Correspondence about the act (IV.5) goes to the representative's address in Ukraine, with a
copy of UKRNOIVI's document to the application's correspondence address or the applicant's
personal cabinet; the periods it sets run from the representative's receipt (IV.11 ¶2).
The office's documents "about the act" are those of the transitions in :data:`NOTICES_ON`;
for a reply, those its own acts send and the extension of the answered notice's period
(:func:`about_reply`); for the acts in an opposition (``opposition``: the reply, the
consultations' extension and completion, V.7.11-7.12), the copy of the opposition an
opposition's act sends into the application's file (V.7.11 ¶1).
A revocation takes effect on the day UKRNOIVI receives it (III.1.8 ¶2).

The appointed representatives are kept in the case's ``singleActRepresentatives``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec, join_path
from ipreg.plugins.ukraine.gi.forms.application import POWER_OF_ATTORNEY, REPRESENTATIVE_KINDS
from ipreg.plugins.ukraine.gi.forms.common import GiReader

RULE = "GI rules IV.5"
POA_RULE = "GI rules III.1.7"
KEY = "singleActRepresentatives"

#: The acts a single-act representative may be appointed for, and the transitions each
#: lets it perform (III.1.7 ¶5: clearly defined acts).
ACT_KINDS: dict[str, tuple[str, ...]] = {
    "extension": ("UA.GI.T11",),                           # VI.2.1-2.4
    "restoration": ("UA.GI.T40",),                         # VI.2.5-2.9
    "amendment": ("UA.GI.AMD", "UA.GI.AMD.CURE"),          # VI.3
    "copies": ("UA.GI.COPY",),                             # VI.4
    "withdrawal": ("UA.GI.T39",),                          # VI.5 (III.1.7 ¶11)
    "participation": ("UA.GI.PART",),                      # VI.1 (VI.1.6)
    # V.7.11-7.12: the applicant's acts in an opposition's consultations
    "opposition": ("UA.GI.OPP.REPLY", "UA.GI.OPP.EXTEND", "UA.GI.OPP.AGREED",
                   "UA.GI.OPP.NO_AGREEMENT", "UA.GI.OPP.RCPT"),
    "reply": (),                                           # by the notice answered
}
#: A reply to a notice: the notice's transition and the transitions that answer it.
REPLIES: dict[str, tuple[str, ...]] = {
    "UA.GI.T06": ("UA.GI.T07", "UA.GI.T07.PAID"),          # missing materials (V.3.2)
    "UA.GI.T16": ("UA.GI.T17",),                           # deficiencies (V.5.4)
    "UA.GI.T19": ("UA.GI.T20", "UA.GI.T21"),               # agreed specification (V.5.6)
    "UA.GI.T23": ("UA.GI.T24",),                           # additional materials (V.9)
    "UA.GI.T28": ("UA.GI.T29",),                           # preliminary conclusion (V.8.2)
    "UA.GI.AMD.DEFICIENT": ("UA.GI.AMD.CURE",),            # amendment request (VI.3.12)
    "UA.GI.O10": ("UA.GI.OPP.REPLY",),                     # copy of an opposition (V.7.11)
}
#: UKRNOIVI's documents about each act (IV.5): notices the transitions send.
NOTICES_ON: dict[str, tuple[str, ...]] = {
    "extension": ("UA.GI.T11",),
    "restoration": ("UA.GI.T40",),
    "amendment": ("UA.GI.AMD.GRANT", "UA.GI.AMD.REFUSE", "UA.GI.AMD.DEFICIENT",
                  "UA.GI.AMD.LAPSE"),
    "copies": ("UA.GI.COPY.SENT",),
    "withdrawal": (),
    "participation": ("UA.GI.PART.SCHEDULE",),
    # the copy of the opposition with the proposal of consultations, sent into the
    # application's file by the opposition's act (V.7.11 ¶1)
    "opposition": ("UA.GI.O10",),
    "reply": (),                                           # see :func:`about_reply`
}
#: ``extensions.reason`` of an act outside the PoA's scope, and of one by a representative
#: whose PoA was revoked.
OUTSIDE_POA = "UA_GI_OUTSIDE_POA"
POA_REVOKED = "UA_GI_POA_REVOKED"
#: The receipt of a notice addressed to the representative is within any single act.
RECEIPT = "UA.GI.RCPT"

SINGLE_ACT = FormSpec("singleAct", "One act a single-act representative performs (GI rules "
                      "III.1.7 ¶5, ¶12).", (
    F("kind", description="extension, restoration, amendment, copies, withdrawal, "
      "participation, opposition or reply", rule=POA_RULE, required=True, codes=tuple(ACT_KINDS)),
    F("notice", "int", "For a reply: the `seq` of the notice answered in the file",
      RULE, minimum=1),
))

SINGLE_ACT_REPRESENTATIVE = FormSpec(
    "singleActRepresentative", "A representative appointed for a single act, not named in "
    "section 4 of the form (GI rules II.3.5 ¶4, III.1.7, IV.5).", (
        F("kind", description="patent_attorney or other", rule="GI rules III.1.6",
          required=True, codes=REPRESENTATIVE_KINDS),
        F("name", description="Name or full name", rule=POA_RULE, required=True),
        F("registrationNumber", description="Patent attorney's certificate number",
          rule="GI rules II.3.5 ¶2"),
        F("postalAddress", description="Its address in Ukraine, where the correspondence "
          "on the act goes", rule=RULE, required=True),
        F("country", "country", "Country of the address: UA", RULE, required=True),
        F("phone", description="Telephone", rule=RULE),
        F("email", description="E-mail", rule=RULE),
        F("account", description="The representative's sign-in subject (e.g. "
          "`user:...`): its acts on the application are held to the PoA's acts", rule=POA_RULE),
        F("powerOfAttorney", POWER_OF_ATTORNEY, "The power of attorney", POA_RULE,
          required=True),
        F("acts", SINGLE_ACT, "The clearly defined acts it performs", POA_RULE,
          required=True, many=True, min_items=1),
    ))


def read_single_act_representative(value: Any, *, number: int,
                                   notices: Mapping[int, str | None],
                                   received_on: dt.date) -> dict[str, Any]:
    """Read an appointment; raises ``BadUserInput`` with every problem's path and rule.
    ``notices``: the outgoing items of the file, ``seq`` → the transition that sent it."""
    reader = GiReader()
    where = "representative"
    data = reader.mapping(value, where, SINGLE_ACT_REPRESENTATIVE) or {}
    out: dict[str, Any] = {
        "number": number,
        "kind": reader.code(data, "kind", where, REPRESENTATIVE_KINDS, required=True,
                            rule="GI rules III.1.6"),
        "name": reader.text(data, "name", where, required=True, limit=500, rule=POA_RULE),
        "registrationNumber": reader.text(data, "registrationNumber", where, limit=20),
        "postalAddress": reader.text(data, "postalAddress", where, required=True, limit=500,
                                     rule=RULE),
        "country": reader.country(data, "country", where, required=True, rule=RULE),
        "phone": reader.text(data, "phone", where, limit=100),
        "email": reader.text(data, "email", where, limit=200),
        "account": reader.text(data, "account", where, limit=200),
        "appointedOn": received_on.isoformat(), "revokedOn": None}
    if out["country"] and out["country"] != "UA":
        reader.problems.add(join_path(where, "country"), "the correspondence on the act goes "
                            "to the representative's address in Ukraine", rule=RULE)
    if out["kind"] == "patent_attorney" and not out["registrationNumber"]:
        reader.problems.add(join_path(where, "registrationNumber"), "a patent attorney's "
                            "certificate number", rule="GI rules II.3.5 ¶2", code="required")
    pw = join_path(where, "powerOfAttorney")
    poa = reader.mapping(data.get("powerOfAttorney"), pw, POWER_OF_ATTORNEY) \
        if data.get("powerOfAttorney") is not None else None
    if poa is None and data.get("powerOfAttorney") is None:
        reader.problems.add(pw, "a representative for a single act acts under a power of "
                            "attorney (section 4 is not filled)",
                            rule="GI rules II.3.5 ¶4, III.1.7", code="required")
    poa = poa or {}
    rule = f"VR-28 ({POA_RULE})"
    issued = reader.date(poa, "issuedOn", pw, required=bool(poa), rule=rule)
    out["powerOfAttorney"] = {
        "grantee": reader.text(poa, "grantee", pw, required=bool(poa), limit=500, rule=rule),
        "grantor": reader.text(poa, "grantor", pw, required=bool(poa), limit=500, rule=rule),
        "body": reader.text(poa, "body", pw, required=bool(poa), limit=500, rule=rule),
        "acts": reader.strings(poa, "acts", pw, rule=rule),
        "issuedOn": issued.isoformat() if issued else None,
        "mayWithdraw": reader.boolean(poa, "mayWithdraw", pw, default=False),
        "language": reader.text(poa, "language", pw, limit=8) or "uk"}
    if poa and not out["powerOfAttorney"]["acts"]:
        reader.problems.add(join_path(pw, "acts"), "the clearly defined acts the "
                            "representative performs", rule=rule, code="required")
    if poa and out["powerOfAttorney"]["language"] != "uk" and not reader.boolean(
            poa, "translationAttached", pw, default=False):
        reader.problems.add(join_path(pw, "translationAttached"), "a PoA not in Ukrainian "
                            "needs its translation", rule="VR-28 (GI rules III.1.7 ¶1)",
                            code="required")
    acts = []
    for path, item in reader.items(data, "acts", where, minimum=1, rule=POA_RULE):
        act = reader.mapping(item, path, SINGLE_ACT)
        if act is None:
            continue
        kind = reader.code(act, "kind", path, tuple(ACT_KINDS), required=True, rule=POA_RULE)
        notice = reader.integer(act, "notice", path, minimum=1)
        entry: dict[str, Any] = {"kind": kind}
        if kind == "reply":
            sent_by = notices.get(notice) if notice is not None else None
            if notice is None:
                reader.problems.add(join_path(path, "notice"), "a reply names the notice it "
                                    "answers", rule=POA_RULE, code="required")
            elif sent_by not in REPLIES:
                reader.problems.add(join_path(path, "notice"), f"notice {notice} of the file "
                                    "is not one the applicant answers", rule=POA_RULE)
            else:
                entry.update(notice=notice, noticeTransition=sent_by)
        elif notice is not None:
            reader.problems.add(join_path(path, "notice"), "only a reply names a notice",
                                rule=POA_RULE)
        if kind == "withdrawal" and not out["powerOfAttorney"]["mayWithdraw"]:
            reader.problems.add(join_path(pw, "mayWithdraw"), "the right to withdraw the "
                                "application is stated expressly in the PoA",
                                rule="VQ-06 (GI rules III.1.7 ¶11, VI.5.2)", code="required")
        if kind is not None:
            acts.append(entry)
    out["acts"] = acts
    reader.raise_if_any()
    return out


def representatives(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in data.get(KEY) or []]


def active(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The single-act representatives whose powers were not revoked (III.1.8 ¶2)."""
    return [r for r in representatives(data) if not r.get("revokedOn")]


def transitions_of(rep: Mapping[str, Any]) -> set[str]:
    """What the representative may perform (its PoA's acts, III.1.7 ¶5)."""
    out: set[str] = set()
    for act in rep.get("acts") or []:
        if act["kind"] == "reply":
            out.update(REPLIES.get(act.get("noticeTransition") or "", ()))
        else:
            out.update(ACT_KINDS[act["kind"]])
    return out


def of_account(data: Mapping[str, Any], subject: str | None) -> dict[str, Any] | None:
    """The single-act representative signed in as ``subject`` (the latest appointment)."""
    if not subject:
        return None
    found = [r for r in representatives(data) if r.get("account") == subject]
    return found[-1] if found else None


def acting(principal: Any, data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The single-act representative ``principal`` is signed in as on the case whose data is
    ``data`` (its role ``representative`` and its subject the appointment's ``account``)."""
    if "representative" not in principal.roles("ua_gi"):
        return None
    return of_account(data, principal.subject)


def covers(rep: Mapping[str, Any], code: str, data: Mapping[str, Any]) -> bool:
    """GI rules III.1.7 ¶5, ¶12, III.1.8 ¶2: may the single-act representative ``rep``
    perform the act ``code`` on the case whose data is ``data``? Its PoA's acts
    (:func:`transitions_of`), and the receipt of a notice addressed to it; nothing once
    revoked. The scope check of the acts and the list of the acts a caller may perform
    (``availableActs``) both ask it, so they agree."""
    if rep.get("revokedOn"):
        return False
    if code == RECEIPT:
        return any(p.get("addressee") == addressee_key(rep)
                   for p in (data.get("awaitingReceipt") or {}).values())
    return code in transitions_of(rep)


#: The act extending a limit (VI.2.1-2.4): a reply's period extended is about the reply.
EXTENSION = "UA.GI.T11"


def about_reply(act: Mapping[str, Any], transition: str, extended: str | None,
                starts: Callable[[str], Iterable[str]]) -> bool:
    """GI rules IV.5 for a reply (III.1.7 ¶5): the office's documents about it are those
    the reply's own acts send (e.g. V.9.4: parts of the materials disregarded) and the
    extension of the period the answered notice set (T11 of that limit, VI.2.1-2.4); the
    later acts of the stage are not about the reply. ``extended``: the limit a T11 extends;
    ``starts``: the limits a transition starts."""
    answered = act.get("noticeTransition") or ""
    if transition in REPLIES.get(answered, ()):
        return True
    return transition == EXTENSION and extended is not None and extended in set(
        starts(answered))


def addressee_for(data: Mapping[str, Any], transition: str, *, extended: str | None = None,
                  starts: Callable[[str], Iterable[str]] = lambda code: ()
                  ) -> dict[str, Any] | None:
    """GI rules IV.5: the active single-act representative the notice of ``transition`` is
    about, if any (the latest appointed): by its acts' :data:`NOTICES_ON`, and for a reply
    by :func:`about_reply`."""
    found = [r for r in active(data)
             if any(transition in NOTICES_ON[a["kind"]] or (
                 a["kind"] == "reply" and about_reply(a, transition, extended, starts))
                 for a in r.get("acts") or [])]
    return found[-1] if found else None


def addressee_key(rep: Mapping[str, Any]) -> str:
    return f"single_act_representative:{rep['number']}"


__all__ = ["ACT_KINDS", "EXTENSION", "KEY", "NOTICES_ON", "OUTSIDE_POA", "POA_REVOKED", "RECEIPT",
           "REPLIES", "SINGLE_ACT", "SINGLE_ACT_REPRESENTATIVE", "about_reply", "acting",
           "active",
           "addressee_for", "addressee_key", "covers", "of_account",
           "read_single_act_representative", "representatives", "transitions_of"]
