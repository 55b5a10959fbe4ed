"""The GI procedures: the application (``UA.GI.APP``, digest §7.1-7.2, §5-§6) and the
opposition (``UA.GI.OPP``, §7.3)."""

from __future__ import annotations

import dataclasses
from typing import Any

from ipreg.core.procedures import State, build
from ipreg.plugins.ukraine.gi.procedures import (
    appeal,
    delivery,
    determination,
    examination,
    opposition,
    representatives,
    requests,
)
from ipreg.plugins.ukraine.gi.procedures.common import APPLICATION, JURISDICTION, limit, names

STATES = [
    State("submitted", names("E-application awaiting the technical check",
                             "Очікує технічної перевірки")),
    State("rejected_technical", names("Rejected by the technical check",
                                      "Відхилено технічною перевіркою"), final=True),
    State("received", names("Received and registered", "Одержано і зареєстровано")),
    State("awaiting_filing_materials", names("Missing filing materials requested",
                                             "Очікуються відсутні матеріали")),
    State("deemed_not_filed", names("Deemed not filed", "Вважається неподаною"), final=True),
    State("awaiting_filing_fee", names("Filing fee due", "Очікується сплата збору")),
    State("fee_deficiency", names("Non-compliant fee: cure requested",
                                  "Невідповідність сплаченого збору")),
    State("formal_examination", names("Formal examination", "Формальна експертиза")),
    State("formal_deficiencies", names("Deficiency notice sent", "Недоліки")),
    State("spec_invited", names("Invited to file an agreed specification",
                                "Запропоновано подати погоджену специфікацію")),
    State("suspended_spec_agreement", names("Suspended for the specification's agreement",
                                            "Зупинено на час погодження специфікації")),
    State("published", names("Published; opposition period running",
                             "Опубліковано; строк заперечень")),
    State("substantive_examination", names("Examination of the name", "Експертиза назви")),
    State("preliminary_refusal", names("Preliminary conclusion sent",
                                       "Надіслано попередній висновок")),
    State("decided_registration", names("Decision to register", "Рішення про реєстрацію")),
    State("decided_refusal", names("Decision to refuse", "Рішення про відмову")),
    State("appeal_suspended", names("Suspended: appeal accepted",
                                    "Зупинено: апеляцію прийнято")),
    State("registered", names("Registered", "Зареєстровано"), final=True),
    State("withdrawn", names("Withdrawn", "Відкликано"), final=True),
    State("deemed_withdrawn", names("Deemed withdrawn (restorable for 6 months)",
                                    "Вважається відкликаною")),
    State("deemed_withdrawn_final", names("Deemed withdrawn, final (A-30)",
                                          "Вважається відкликаною остаточно"), final=True),
    State("refusal_final", names("Refusal final (A-30)", "Відмова остаточна"), final=True),
]


def application_procedure() -> Any:
    return build(
        APPLICATION, JURISDICTION,
        names("Application for registration of a geographical indication",
              "Заявка на реєстрацію географічного зазначення"),
        states=STATES,
        transitions=representatives.finish([
            *examination.TRANSITIONS, *requests.TRANSITIONS, *appeal.TRANSITIONS,
            *opposition.APPLICATION_TRANSITIONS, *representatives.TRANSITIONS,
            *determination.TRANSITIONS, *delivery.TRANSITIONS]),
        time_limits=[
            limit("filing_materials", on_expiry="UA.GI.T08"),
            limit("filing_fee", on_expiry="UA.GI.T12"),
            limit("fee_cure", on_expiry="UA.GI.T14.LAPSE"),
            limit("formal_deficiencies", on_expiry="UA.GI.T18"),
            limit("spec_request_copy", on_expiry="UA.GI.T22"),
            limit("spec_agreement", on_expiry="UA.GI.T22"),
            limit("additional_materials", on_expiry="UA.GI.T25"),
            limit("opposition_period", on_expiry="UA.GI.T27"),
            limit("preliminary_reply", on_expiry="UA.GI.T30"),
            limit("state_duty", on_expiry="UA.GI.T35"),
            limit("restoration_window", on_expiry="UA.GI.T41"),
            limit("appeal_applicant", on_expiry="UA.GI.T42"),
            limit("copies_request"),
            limit("filing_date_notice"), limit("self_recusal"),
            limit("participation_schedule"), limit("amendment_processing"),
            limit("amended_spec_publication"), limit("copies_send"),
            limit("correction_cure", on_expiry="UA.GI.AMD.LAPSE"),
        ],
        legal_basis="GI rules (order No. 536-21 as restated by order No. 16370)")


def procedures() -> list[Any]:
    return [application_procedure(), opposition.procedure()]


def contract_procedures() -> list[Any]:
    """The procedures as the typed client contract (``UaGiActInput``) shows them: the
    withdrawal and the copies request keep their ``true``; their signature (GI rules IV.7)
    comes through ``uaGiPerform(signature:)`` (:func:`representatives.contract`)."""
    return [dataclasses.replace(p, transitions={
        t.code: t for t in representatives.contract(p.transitions.values())})
        for p in procedures()]


__all__ = ["STATES", "application_procedure", "contract_procedures", "procedures"]
