"""Correspondence with the applicant (GI rules Section IV, digest §3.6): where UKRNOIVI
writes, by which channel, and when a notice counts as received.

* Channel (IV.6-IV.8): an electronic application's correspondence goes to the personal
  cabinet; otherwise a document that sets a time limit goes by registered mail with
  acknowledgment of delivery (IV.8 ¶1).
* Single-act representative (IV.5): the documents about its act go to its address in
  Ukraine, a copy to the application's correspondence address or the personal cabinet
  (:mod:`ipreg.plugins.ukraine.gi.representation`).
* Addressee (IV.2, IV.4, IV.11 ¶2): the representative when one is appointed, so that the
  periods run from the representative's receipt; a foreign applicant without an address in
  Ukraine and without a representative is written to by e-mail (IV.4 ¶2).
* Receipt (IV.8 ¶2, IV.9, A-27, A-29): the date on the acknowledgment of delivery; returned
  mail not received for reasons independent of UKRNOIVI is deemed delivered on the post
  office's mark; in the cabinet, the day of the addressee's delivery confirmation, or, with
  none for a month, the first day after one month from sending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ipreg.core.procedures import add_months

CABINET = "personal_cabinet"
REGISTERED_MAIL = "registered_mail_ar"
EMAIL = "email"
CHANNELS = (CABINET, REGISTERED_MAIL, EMAIL, "handed")
#: How a receipt is established (IV.8-IV.9).
RECEIPT_BASES = ("acknowledgment_of_delivery", "returned_mail", "cabinet_confirmation",
                 "cabinet_deemed", "handed")


def channel_for(filing_channel: str, form: Mapping[str, Any]) -> str:
    """The channel of UKRNOIVI's documents for an application (GI rules IV.6, IV.8 ¶1,
    IV.4 ¶2)."""
    if filing_channel == "electronic":
        return CABINET
    correspondence = form.get("correspondence") or {}
    if not correspondence.get("postalAddress") and not form.get("representative"):
        return EMAIL
    return REGISTERED_MAIL


def copy_address(filing_channel: str, form: Mapping[str, Any]) -> str:
    """GI rules IV.5: where the copy of a document sent to a single-act representative goes:
    the applicant's personal cabinet (an electronic application, IV.6) or the application's
    correspondence address (form section 5)."""
    if filing_channel == "electronic":
        return "особистий кабінет заявника"
    correspondence = form.get("correspondence") or {}
    return str(correspondence.get("postalAddress") or "адреса для листування заявки")


def deemed_cabinet_receipt(sent_on: dt.date) -> dt.date:
    """GI rules IV.9 ¶2 (T36, A-27): an unconfirmed e-document is deemed received on the
    first day after one month from sending (sent 31.01.2025 → 01.03.2025)."""
    return add_months(sent_on, 1) + dt.timedelta(days=1)


def receipt_on(basis: str, *, sent_on: dt.date, dated_on: dt.date | None) -> dt.date:
    """The day a notice counts as received (IV.8 ¶2, IV.9): the acknowledgment's date
    (A-29), the post office's mark on returned mail, the cabinet confirmation's day, or the
    deemed cabinet receipt."""
    if basis == "cabinet_deemed":
        return deemed_cabinet_receipt(sent_on)
    if dated_on is None:
        raise ValueError(f"a receipt on the basis {basis!r} needs its date")
    if dated_on < sent_on:
        raise ValueError("a notice cannot be received before it was sent")
    return dated_on


def addressee_is_representative(form: Mapping[str, Any]) -> bool:
    """GI rules IV.2, IV.11 ¶2: with a representative in form section 4, UKRNOIVI writes to
    it and the answer periods run from its receipt."""
    return bool(form.get("representative"))


__all__ = ["CABINET", "CHANNELS", "EMAIL", "RECEIPT_BASES", "REGISTERED_MAIL",
           "addressee_is_representative", "channel_for", "copy_address", "deemed_cabinet_receipt",
           "receipt_on"]
