"""The time limits of Order 2945 (digest §7, T01-T20) as configuration.

Every period of the Order is in calendar days (III.2, III.4, III.5, III.8, III.9, IV.3,
IV.4, IV.6; the three "10 days" of IV.4 ¶3-¶5 read as calendar days, A-22). A
deployment overrides them with ``IPREG_UA_WEBSITES_TERMS`` (``T05=45d,T08=20d``).

The Order sets no counting rule (A-25); it is configuration too,
``IPREG_UA_WEBSITES_COUNTING`` (:func:`counting`), with the digest's default: a period
starts the day after its event and ends at the end of its last day, a last day that
falls on a day off is not moved (``roll=no``), and a notice is received the day it is
sent (``deemed_receipt=0``). ``roll=yes`` moves it to the next working day of the
Ukrainian calendar; ``deemed_receipt=N`` counts from N days after dispatch.

What is no period is stated here too (:data:`CONDITIONS`): T03 and T06 last until the
conclusion, T10 is not set, T19 and T20 are points in time (a ground's evidence date).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from ipreg.core.errors import ConfigurationError
from ipreg.core.procedures import Term, TermTable, TimeLimit, days, months

COUNTING_VARIABLE = "IPREG_UA_WEBSITES_COUNTING"


def _term(key: str, length: int, basis: str, applies_to: str, en: str, *,
          source: str = "") -> Term:
    return Term(key, days(length), f"Order 2945 {basis}; {key}", applies_to=applies_to,
                names={"en": en}, source=source or f"Order 2945 {basis}: {length} "
                "calendar days")


TERMS = TermTable("IPREG_UA_WEBSITES_TERMS", [
    _term("T01", 15, "III.2 ¶1", "UAW.APPEAL.REQUEST",
          "UKRNOIVI sends its deficiency or information requests"),
    _term("T02", 15, "III.2 ¶4", "UAW.APPEAL.ANSWER",
          "The representative answers a request (else: no grounds, III.7 ¶2)"),
    _term("T04", 10, "III.4 ¶5", "UAW.APPEAL.OWNER_EXPLANATIONS",
          "The website owner's explanations on the appeal"),
    _term("T05", 30, "III.5 ¶1", "UAW.APPEAL.CONCLUDE_ABSENT, UAW.APPEAL.CONCLUDE_PRESENT",
          "Review of the appeal (restarts when a request is sent)"),
    _term("T07", 10, "III.8", "UAW.APPEAL.SEND_TO_MINISTRY",
          "The positive conclusion goes to the Ministry"),
    _term("T08", 30, "III.9", "UAW.APPEAL.INCLUDE",
          "The Ministry lists, publishes and places the website on WIPO ALERT"),
    _term("T09", 365, "II.2.4 ¶1", "UAW.APPEAL.FILE",
          "Infringements count within the last 365 days before filing",
          source="Order 2945 II.2.4 ¶1: 365 days, back from the filing date (inference)"),
    _term("T11", 5, "IV.3 ¶1", "UAW.EXCLUSION.NOTIFY_RIGHT_HOLDER",
          "UKRNOIVI notifies the right holder of the owner's application"),
    _term("T12", 10, "IV.3 ¶2", "UAW.EXCLUSION.EXPLANATIONS",
          "The right holder's explanations on the application"),
    _term("T13", 30, "IV.4 ¶1", "UAW.EXCLUSION.GRANT, UAW.EXCLUSION.REFUSE",
          "Review of the owner's application"),
    _term("T14", 10, "IV.4 ¶3", "UAW.EXCLUSION.COPY_TO_OWNER",
          "Copy of the conclusion to the owner",
          source="Order 2945 IV.4 ¶3: 10 days, read as calendar days (A-22)"),
    _term("T15", 10, "IV.4 ¶4", "UAW.COPY.SEND",
          "Copy of the exclusion conclusion to the right holder's representative",
          source="Order 2945 IV.4 ¶4: 10 days, read as calendar days (A-22)"),
    _term("T16", 10, "IV.4 ¶5", "UAW.EXCLUSION.SEND_TO_MINISTRY",
          "The granting conclusion goes to the Ministry",
          source="Order 2945 IV.4 ¶5: 10 days, read as calendar days (A-21, A-22)"),
    _term("T17", 30, "IV.6", "UAW.EXCLUSION.EXCLUDE, UAW.COURT.EXCLUDE",
          "The Ministry excludes the website and updates WIPO ALERT",
          source="Order 2945 IV.6: 30 calendar days from receipt of the conclusion or the "
          "court decision (A-23)"),
    Term("T18", months(36), "Order 2945 IV.4 ¶2; T18", applies_to="UAW.EXCLUSION.NOT_CONSIDER",
         names={"en": "Window of the repeated-exclusion bar (three calendar years)"},
         source="Order 2945 IV.4 ¶2: three calendar years; the window's reading is "
         "IPREG_UA_WEBSITES_BAR_WINDOW (A-20)"),
])


@dataclass(frozen=True)
class Condition:
    """A limit of §7 that is no period: how the register enforces it."""

    key: str
    legal_basis: str
    rule: str


CONDITIONS = (
    Condition("T03", "Order 2945 III.3; T03", "amendments and withdrawal until the "
              "conclusion: UAW.APPEAL.AMEND and UAW.APPEAL.WITHDRAW only before it"),
    Condition("T06", "Order 2945 II.2.2 ¶3; T06", "hyperlinked materials unchanged from "
              "the petition date until the conclusion is received: their SHA-256 kept at "
              "filing, a warning at filing (VR-W16), a re-check by the examiner "
              "(UAW.APPEAL.LINK_CHECK)"),
    Condition("T10", "Order 2945 III.6 ¶3; T10", "no period: the copy to the "
              "representative goes with the conclusion (A-17); the owner's copy on request"),
    Condition("T19", "Order 2945 IV.1 ¶4; T19", "OWNER_HELD_RIGHTS: evidence dated on or "
              "before the appeal's filing date (VR-X08)"),
    Condition("T20", "Order 2945 IV.1 ¶2; T20", "REMEDIED: evidence dated on or before the "
              "application's filing date (VR-X09)"),
)


@dataclass(frozen=True)
class Counting:
    """The counting rule (A-25): whether a last day off moves, when a notice counts as
    received."""

    roll_to_working_day: bool = False
    deemed_receipt_days: int | None = None


def counting(environ: dict[str, str] | None = None) -> Counting:
    """``IPREG_UA_WEBSITES_COUNTING="roll=yes,deemed_receipt=1"``; unset is the digest's
    default (no roll-over, received the day sent)."""
    raw = (os.environ if environ is None else environ).get(COUNTING_VARIABLE, "")
    roll, deemed = False, None
    for item in filter(None, (p.strip() for p in raw.split(","))):
        key, _, value = item.partition("=")
        if key == "roll" and value in ("yes", "no"):
            roll = value == "yes"
        elif key == "deemed_receipt" and value.isdigit():
            deemed = int(value) or None
        else:
            raise ConfigurationError(f"{COUNTING_VARIABLE}: {item!r} is not roll=yes|no or "
                                     "deemed_receipt=N")
    return Counting(roll, deemed)


#: The limits UKRNOIVI owes (its examiners), and those the Ministry owes: the overdue
#: flags of the limits without a stated consequence (digest §8.3 "Scheduler"): VR-W24,
#: VR-W25 (T05, T07, T08), VR-X11 and VR-X12 (T11, T13-T16).
EXAMINER_OWES = frozenset({"T01", "T05", "T07", "T11", "T13", "T14", "T15", "T16"})
MINISTRY_OWES = frozenset({"T08", "T17"})
#: A notice's limit counts from its receipt: the deemed receipt applies to them.
FROM_RECEIPT = frozenset({"T02", "T04", "T12"})


def limit(key: str, *, on_expiry: str | None = None) -> TimeLimit:
    """The term ``key`` in force as a time limit, with the counting rule in force and the
    officials who owe it (overdue flags for the limits without a stated consequence)."""
    rule = counting()
    owed: Iterable[str] = ({"ukrnoivi_examiner"} if key in EXAMINER_OWES else
                           {"ministry_officer"} if key in MINISTRY_OWES else ())
    return TERMS.limit(key, on_expiry=on_expiry, owed_by=owed,
                       roll_to_working_day=rule.roll_to_working_day,
                       deemed_received_after_days=rule.deemed_receipt_days
                       if key in FROM_RECEIPT else None)


__all__ = ["CONDITIONS", "COUNTING_VARIABLE", "TERMS", "Condition", "Counting", "counting",
           "limit"]
