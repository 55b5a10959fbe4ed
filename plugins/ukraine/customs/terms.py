"""Time limits of the customs register and its border measures, as configuration.

``IPREG_UA_CUSTOMS_TERMS="examination=20wd,appealReview=1m"`` overrides them. The
values the digest states are the law's (Customs Code Art. 399: suspension of up to 10
working days, extendable by up to 10; Order 282: a term of at most one year); the ones
it marks as not found [Gap] are provisional defaults with their reference: the customs
decision on an application (modelled on Reg. 608/2013 Art. 9: 30 working days), the
decision on an extension and on an amendment (Art. 12: 30 working days), the right
holder's answer on original goods (same day as the suspension, so the suspension limit
itself), and the review of an official importer's appeal (Customs Code Art. 24-30
administrative appeal; the seed gives no term).
"""

from __future__ import annotations

from ipreg.core.procedures import Term, TermTable, months, working_days

ENV = "IPREG_UA_CUSTOMS_TERMS"

TERMS = TermTable(ENV, [
    Term("examination", working_days(30), "Order 282 decision term", applies_to="UAC.REC.03",
         names={"en": "Decision on a recordal application",
                "uk": "Рішення щодо заяви про реєстрацію"},
         source="Not found in the digest (§2.1 [Gap]): 30 working days as Reg. 608/2013 "
                "Art. 9, provisional.", provisional=True),
    Term("amendmentDecision", working_days(30), "Order 282 decision term",
         applies_to="UAC.REC.06",
         names={"en": "Decision on an amendment", "uk": "Рішення щодо змін"},
         source="Not found in the digest: 30 working days as Reg. 608/2013 Art. 12, "
                "provisional.", provisional=True),
    Term("extensionDecision", working_days(30), "Order 282 extension",
         applies_to="UAC.REC.09",
         names={"en": "Decision on an extension request",
                "uk": "Рішення щодо продовження строку"},
         source="Not found in the digest (§2.1 [Gap]): 30 working days as Reg. 608/2013 "
                "Art. 12, provisional.", provisional=True),
    Term("term", months(12), "Order 282 term", applies_to="UAC.REC.11",
         names={"en": "Term of the registration (at most one year)",
                "uk": "Строк реєстрації (не більше одного року)"},
         source="Order 282 (digest §2.1): the term requested, at most 1 year from "
                "registration."),
    Term("suspension", working_days(10), "CC Art. 399", applies_to="UAC.SUS.11",
         names={"en": "Suspension of customs clearance",
                "uk": "Призупинення митного оформлення"},
         source="Customs Code Art. 399 (digest §2.1): up to 10 working days."),
    Term("suspensionExtension", working_days(10), "CC Art. 399", applies_to="UAC.SUS.06",
         names={"en": "Extension of the suspension", "uk": "Продовження призупинення"},
         source="Customs Code Art. 399 (digest §2.1): extendable by up to 10 working days."),
    Term("appealReview", working_days(30), "Seed 000 ESR", applies_to="UAC.APL.03",
         names={"en": "Review of an official importer's appeal",
                "uk": "Розгляд скарги офіційного імпортера"},
         source="The seed gives no term: 30 working days, provisional.", provisional=True),
])

#: Order 282 (digest §2.1): a registration lasts at most 12 months from registration.
MAX_TERM_MONTHS = 12

__all__ = ["ENV", "MAX_TERM_MONTHS", "TERMS"]
