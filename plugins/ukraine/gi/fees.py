"""Fees and their payments (GI rules III.1.10, V.4, V.7.5, VI.2.2, VI.2.7, VI.3.6;
digest §3.2).

The amounts are in the appendix to the Fee Procedure (CMU resolution No. 1716 of
23.12.2004), which is not in the seed (A-04): they are configuration,
``IPREG_UA_GI_FEES="filing=...,extension=...,..."`` (hryvnias), and a fee without a
configured amount is checked for its payment date only. What the seed does say is here:
the prepayment windows (III.1.10 ¶3-5, A-25), the date of fee-bearing requests (V.7.5 ¶5,
VI.2.2 ¶2, VI.2.7 ¶2; VI.3.6 ¶2 for corrections, A-18), the exemption of corrections of
obvious or technical errors (VI.3.6) and the refunds (V.4.4 ¶1, V.7.9, V.7.10 ¶2, V.7.13
¶2; never for a withdrawn opposition, V.7.14 ¶3).
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal, InvalidOperation

from ipreg.core.errors import ConfigurationError
from ipreg.core.procedures import add_months

ENV = "IPREG_UA_GI_FEES"
NOT_IN_SEED = ("Fee amounts are in the appendix to the Fee Procedure (CMU resolution "
               "No. 1716 of 23.12.2004), not in the seed (A-04): configure them with "
               f"{ENV}.")

#: The fees of digest §3.2 with their legal basis.
KINDS: dict[str, str] = {
    "filing": "GI rules III.1.10, V.4",
    "extension": "GI rules VI.2.2",
    "restoration": "GI rules VI.2.7",
    "opposition": "GI rules V.7.5 ¶4",
    "correction": "GI rules VI.3.6",
    "state_duty": "GI rules V.2.2 ¶3",
    "publication": "GI rules V.2.2 ¶3",
}


def amounts() -> dict[str, Decimal | None]:
    """The configured amount of each fee, ``None`` where the deployment set none."""
    out: dict[str, Decimal | None] = dict.fromkeys(KINDS)
    raw = os.environ.get(ENV, "")
    for item in filter(None, (p.strip() for p in raw.split(","))):
        key, sep, value = item.partition("=")
        if not sep or key.strip() not in KINDS:
            raise ConfigurationError(f"{ENV}: {item!r} is not KIND=AMOUNT with KIND one of "
                                     f"{sorted(KINDS)}")
        try:
            out[key.strip()] = Decimal(value.strip())
        except InvalidOperation as exc:
            raise ConfigurationError(f"{ENV}: {value!r} is not an amount") from exc
    return out


def amount_conforms(kind: str, paid: Decimal | None) -> bool:
    """Is a payment of ``paid`` the amount the Fee Procedure sets (V.4.1)? Without a
    configured amount only the payment itself is required."""
    due = amounts()[kind]
    if paid is None:
        return False
    return due is None or paid >= due


def request_date(filed_on: dt.date, fee_paid_on: dt.date | None) -> dt.date | None:
    """The date of an opposition, extension or restoration request (V.7.5 ¶5, VI.2.2 ¶2,
    VI.2.7 ¶2): its posting, delivery or sending if the fee was paid not later, else the
    fee's payment date (``None`` while unpaid)."""
    if fee_paid_on is None:
        return None
    return filed_on if fee_paid_on <= filed_on else fee_paid_on


def correction_request_date(received_on: dt.date, fee_paid_on: dt.date | None,
                            exempt: bool) -> dt.date | None:
    """VI.3.6 ¶2 (A-18): a correction or amendment request is dated by UKRNOIVI's receipt
    if the fee was paid by then (or none is due: an obvious or technical error, or a change
    the applicant could not prevent, VI.3.6 ¶1), else by the payment date."""
    if exempt:
        return received_on
    return request_date(received_on, fee_paid_on)


def prepayment_valid(credited_on: dt.date, received_on: dt.date,
                     amount_changed_on: dt.date | None = None) -> bool:
    """III.1.10 ¶3-5, V.4.4 ¶1 (A-25): a fee paid before the filing date counts if the
    application arrives within 3 months of the crediting with the amount unchanged, or,
    when the amount changed meanwhile, within 1 month of the change's entry into force
    (VR-06)."""
    if amount_changed_on is None or amount_changed_on <= credited_on:
        return received_on <= add_months(credited_on, 3)
    return received_on <= add_months(amount_changed_on, 1)


#: When each refund is owed (digest §3.2).
REFUNDS = {
    "prepayment_disregarded": "GI rules V.4.4 ¶1",
    "opposition_late": "GI rules V.7.9",
    "opposition_not_considered": "GI rules V.7.10 ¶2",
    "opposition_not_accepted": "GI rules V.7.13 ¶2",
}


__all__ = ["ENV", "KINDS", "NOT_IN_SEED", "REFUNDS", "amount_conforms", "amounts",
           "correction_request_date", "prepayment_valid", "request_date"]
