"""The time limits of the GI rules (digest §7.5, T01-T40) as configuration, and the Civil
Code counting of GI rules IV.11 (digest §3.7).

Counting (IV.11 ¶1; Civil Code arts 253-255): a limit starts the day after the event it
is tied to; a limit in months ends on the corresponding date of the last month, or that
month's last day when it has none; a last day that is a weekend, holiday or other
non-working day moves to the next working day (the core ``WorkCalendar.last_day`` on
Ukraine's calendar, ``plugins/ukraine/common/calendar.py``). "Days" are calendar days
(A-28). An electronic document received after the end of UKRNOIVI's working day, or on a
non-working day, is received on the next working day (IV.11 ¶3-4, GI rules III.1.11):
:func:`receipt_day`. The end of UKRNOIVI's working day is not in the seed: it is
``IPREG_UA_GI_WORKDAY_END`` (default 18:00 Kyiv time).

A deployment overrides any term with ``IPREG_UA_GI_TERMS="state_duty=3m,..."``; the
values the seed does not give (A-02, A-03) are provisional defaults that say so.
"""

from __future__ import annotations

import datetime as dt
import os

from ipreg.core.errors import ConfigurationError
from ipreg.core.procedures import Term, TermTable, WorkCalendar, days, months

ENV = "IPREG_UA_GI_TERMS"
WORKDAY_END_ENV = "IPREG_UA_GI_WORKDAY_END"


def _n(en: str, uk: str) -> dict[str, str]:
    return {"en": en, "uk": uk}


TERMS = TermTable(ENV, [
    Term("agri_food_window", months(3), "GI rules III.1.1 ¶3", applies_to="VR-08",
         source="GI rules III.1.1 ¶3 (T01); no consequence stated (A-05): a warning",
         names=_n("Filing after the agri-food specification's agreement",
                  "Подання після погодження специфікації (агропродовольчі)")),
    Term("spirits_window", days(90), "GI rules III.1.1 ¶4", applies_to="VR-09",
         source="GI rules III.1.1 ¶4 (T02), in force with Law 2800-IX (A-34)",
         names=_n("Filing after the spirit drink specification's agreement",
                  "Подання після погодження специфікації (спиртні напої)")),
    Term("prepaid_unchanged", months(3), "GI rules III.1.10 ¶4", applies_to="VR-06",
         source="GI rules III.1.10 ¶4, V.4.4 ¶1 (T03)",
         names=_n("Application after a prepaid fee", "Заявка після передоплати збору")),
    Term("prepaid_changed", months(1), "GI rules III.1.10 ¶5", applies_to="VR-06",
         source="GI rules III.1.10 ¶5, V.4.4 ¶1 (T04); A-25",
         names=_n("Application after a fee-amount change", "Заявка після зміни розміру збору")),
    Term("filing_fee", months(2), "GI rules III.1.10 ¶2, V.4.3", applies_to="UA.GI.T12",
         source="GI rules III.1.10 ¶2 (T05): 2 months from the filing date",
         names=_n("Payment of the filing fee", "Сплата збору за подання заявки")),
    Term("translation", months(2), "GI rules II.2.2", applies_to="VR-10",
         source="GI rules II.2.2 (T06); no consequence stated (A-06): tracked",
         names=_n("Ukrainian translation of foreign protection documents",
                  "Переклад документів про охорону в іноземній державі")),
    Term("filing_materials", months(2), "GI rules V.3.2 ¶3", applies_to="UA.GI.T08",
         source="GI rules V.3.2 ¶3 (T07): 2 months from receipt of the notice",
         names=_n("Missing filing materials", "Відсутні матеріали заявки")),
    Term("filing_date_notice", months(1), "GI rules V.3.2 ¶1", applies_to="UA.GI.T10",
         source="GI rules V.3.2 ¶1 (T08): within 1 month from the fee payment",
         names=_n("Notice of the filing date", "Повідомлення про дату подання")),
    Term("fee_cure", months(2), "GI rules V.4.4 ¶2", applies_to="UA.GI.T14",
         source="GI rules V.4.4 ¶2 (T09); consequence not stated (A-09): deemed withdrawn",
         names=_n("Cure of a non-compliant filing fee", "Усунення невідповідності збору")),
    Term("formal_deficiencies", months(2), "GI rules V.5.4", applies_to="UA.GI.T18",
         source="GI rules V.5.4 (T10): 2 months from receipt of the notice",
         names=_n("Cure of formal deficiencies", "Усунення недоліків")),
    Term("spec_request_copy", months(2), "GI rules V.5.6 ¶2", applies_to="UA.GI.T22",
         source="GI rules V.5.6 ¶2 (T11): 2 months after receipt of the invitation",
         names=_n("Copy of the request to the competent authority",
                  "Копія запиту до спеціально уповноваженого органу")),
    Term("spec_agreement", months(6), "GI rules V.5.6 ¶2", applies_to="UA.GI.T22",
         provisional=True,
         source="Art. 13 part 7 Agri-food GI Law / art. 6 part 4 Spirits GI Law are not in "
         "the seed (A-03): a provisional default, lifted by the authority's decision",
         names=_n("Suspension for the specification's agreement",
                  "Зупинення на час погодження специфікації")),
    Term("additional_materials", months(2), "GI rules V.9.2", applies_to="UA.GI.T25",
         source="GI rules V.9.2 (T13): 2 months from receipt of the request",
         names=_n("Additional materials", "Додаткові матеріали")),
    Term("opposition_period", months(3), "GI rules V.7.1", applies_to="UA.GI.T27",
         source="GI rules V.7.1 (T14): 3 months from publication",
         names=_n("Opposition period", "Строк подання заперечень")),
    Term("opposition_cure", months(2), "GI rules V.7.10 ¶2", applies_to="UA.GI.O07",
         source="GI rules V.7.10 (T15): 2 months from the opponent's receipt of the notice",
         names=_n("Cure of an opposition's deficiencies", "Усунення недоліків заперечення")),
    Term("opposition_reply", months(2), "GI rules V.7.11 ¶2", applies_to="UA.GI.O10",
         source="GI rules V.7.11 ¶2 (T16); not extendable (A-32); no consequence stated",
         names=_n("Applicant's reply to an opposition", "Відповідь заявника на заперечення")),
    Term("consultations", months(3), "GI rules V.7.11 ¶3", applies_to="UA.GI.O10",
         source="GI rules V.7.11 ¶3, ¶6 (T17): at most 3 months from the later receipt",
         names=_n("Consultations", "Консультації")),
    Term("consultations_extension", months(3), "GI rules V.7.11 ¶8", applies_to="UA.GI.O11",
         source="GI rules V.7.11 ¶8: extended by at most 3 months on the applicant's request",
         names=_n("Extension of consultations", "Продовження консультацій")),
    Term("completion_notice", months(1), "GI rules V.7.12 ¶9", applies_to="UA.GI.O13",
         source="GI rules V.7.12 ¶9 (T18b), counted from the end of the (possibly "
         "extended) consultations (A-15); without a notice, consideration goes on",
         names=_n("Completion notice, no agreement", "Повідомлення про завершення консультацій")),
    Term("preliminary_reply", months(2), "GI rules V.8.2 ¶3", applies_to="UA.GI.T30",
         source="GI rules V.8.2 ¶3 (T19); not replying: deemed withdrawn (V.2.2 ¶3, A-11)",
         names=_n("Reply to the preliminary conclusion", "Відповідь на попередній висновок")),
    Term("state_duty", months(3), "GI rules V.2.2 ¶3, VI.2.1", applies_to="UA.GI.T35",
         provisional=True,
         source="Art. 14 part 1 of the Law is not in the seed (A-02): a provisional default",
         names=_n("State duty document and publication fee",
                  "Документ про сплату державного мита і збору за публікацію")),
    Term("self_recusal", days(10), "GI rules V.1.6 ¶2", applies_to="UA.GI.REC",
         source="GI rules V.1.6 ¶2 (T21): 10 (calendar, A-28) days from receiving the "
         "application",
         names=_n("Examiner's self-recusal", "Самовідвід експерта")),
    Term("participation_schedule", months(1), "GI rules VI.1.3", applies_to="UA.GI.PART",
         source="GI rules VI.1.3 (T24)",
         names=_n("Scheduling the applicant's participation", "Призначення участі заявника")),
    Term("extension_max", months(6), "GI rules VI.2.1", applies_to="UA.GI.EXT",
         source="GI rules VI.2.1 (T25): at most 6 months, whole months 1-6 (A-21)",
         names=_n("Longest extension", "Найбільше продовження строку")),
    Term("restoration_window", months(6), "GI rules VI.2.5", applies_to="UA.GI.T41",
         source="GI rules VI.2.5 (T26): 6 months after the missed limit expired",
         names=_n("Restoration of rights", "Відновлення прав")),
    Term("amendment_processing", months(1), "GI rules VI.3.11 ¶1", applies_to="UA.GI.AMD",
         source="GI rules VI.3.11 ¶1 (T27)",
         names=_n("Processing a correction or amendment", "Внесення виправлення чи змін")),
    Term("correction_cure", months(2), "GI rules VI.3.12", applies_to="UA.GI.AMD",
         source="GI rules VI.3.12 (T29)",
         names=_n("Cure of a correction request's deficiencies", "Усунення недоліків заяви")),
    Term("amended_spec_publication", months(1), "GI rules VI.3.3 ¶4", applies_to="UA.GI.AMD",
         source="GI rules VI.3.3 ¶4 (T30)",
         names=_n("Publication of the amended specification", "Публікація зміненої специфікації")),
    Term("copies_request", months(1), "GI rules VI.4.1", applies_to="UA.GI.COPY",
         source="GI rules VI.4.1 (T31): 1 month from receipt of the decision",
         names=_n("Request for copies of cited materials", "Клопотання про копії матеріалів")),
    Term("copies_send", months(1), "GI rules VI.4.3", applies_to="UA.GI.COPY",
         source="GI rules VI.4.3 (T32)",
         names=_n("Sending copies of cited materials", "Надсилання копій матеріалів")),
    Term("appeal_applicant", months(2), "GI rules VII.1", applies_to="UA.GI.T42",
         source="GI rules VII.1 (T33): 2 months from receipt of the decision or copies; "
         "after it a refusal is final (A-30)",
         names=_n("Applicant's appeal", "Оскарження заявником")),
    Term("appeal_opponent", months(2), "GI rules VII.2", applies_to="UA.GI.O17",
         source="GI rules VII.2 (T34): 2 months from receipt of the copy of the decision",
         names=_n("Opponent's appeal", "Оскарження подавцем заперечення")),
    Term("deemed_receipt", months(1), "GI rules IV.9 ¶2", applies_to="UA.GI.RCPT",
         source="GI rules IV.9 ¶2 (T36): deemed received the first day after one month "
         "from sending (A-27)",
         names=_n("Deemed receipt in the personal cabinet",
                  "Вважається одержаним в електронному кабінеті")),
])

#: The limits an extension may lengthen (GI rules VI.2.1, V.4.4 ¶2, V.5.4, V.8.2 ¶3,
#: V.9.2, III.1.10 ¶2): VQ-01.
EXTENDABLE = frozenset({"filing_fee", "fee_cure", "formal_deficiencies", "additional_materials",
                        "preliminary_reply", "state_duty"})
#: The limits restoration may revive (GI rules VI.2.5: the filing fee is not listed, A-08;
#: V.4.4 ¶2 calls the fee cure restorable): VQ-02.
RESTORABLE = frozenset({"fee_cure", "formal_deficiencies", "additional_materials",
                        "preliminary_reply", "state_duty"})


def workday_end() -> dt.time:
    """The end of UKRNOIVI's working day (not in the seed: ``IPREG_UA_GI_WORKDAY_END``)."""
    raw = os.environ.get(WORKDAY_END_ENV, "18:00")
    try:
        return dt.time.fromisoformat(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{WORKDAY_END_ENV}: {raw!r} is not a time like 18:00") \
            from exc


def receipt_day(moment: dt.datetime, calendar: WorkCalendar) -> dt.date:
    """The day UKRNOIVI receives an electronic document arriving at ``moment`` (GI rules
    IV.11 ¶3-4; III.1.11): that day if it is a working day and the document arrived before
    the end of the working day, else the first following working day (VR-05)."""
    local = moment.astimezone(calendar.zone)
    day = local.date()
    if calendar.is_working_day(day) and local.time() < workday_end():
        return day
    return calendar.next_working_day(day + dt.timedelta(days=1))


def last_day(calendar: WorkCalendar, event: dt.date, key: str) -> dt.date:
    """The last day of the term ``key`` counted from an event on ``event`` (IV.11 ¶1)."""
    return calendar.last_day(event, TERMS[key].duration)


def effective_after(due_on: dt.date) -> dt.date:
    """GI rules V.2.2 ¶3: a deemed withdrawal takes effect the day after the limit's last
    day (T40)."""
    return due_on + dt.timedelta(days=1)


__all__ = ["ENV", "EXTENDABLE", "RESTORABLE", "TERMS", "WORKDAY_END_ENV", "effective_after",
           "last_day", "receipt_day", "workday_end"]
