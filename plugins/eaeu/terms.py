"""Time limits of the EAEU procedures, as configuration, and the policies that go with them.

The seeds cite the terms of the Regulations of maintaining the unified register
(EEC Board Decision No. 35 of 6 March 2018, "Regs") without stating them
(digest §3.5, §9.4 item 20), and the public sources searched for the digest did
not give them either (§10.2: NOT FOUND). Every term therefore carries its legal
reference and a ``source`` that says where its value comes from; the values
below are **provisional defaults** to be replaced by the values of the
Regulations. Only two figures come from outside the code:

* ``ccaSyncInterval`` — at most 24 hours between two change requests of a
  CCA: **in the seeds** (R174 p.13(3), "не реже 1 раза в сутки");
* ``maxProtectionPeriod`` — two years per protection period, prolongable each
  time by at most two years, never beyond the right itself: **outside the
  seeds**, public sources F4 (PETOŠEVIĆ summary of Article 385 of the EAEU
  Customs Code) and F10 (Article 329 of the former CU Customs Code).

Override any term with ``IPREG_EAEU_TERMS``, e.g.
``IPREG_EAEU_TERMS="formalCheck=15wd,ccaVerification=1m,securitySubmission=30d"``
(units: ``d`` calendar days, ``wd`` working days, ``m`` months). Working days
are those of the Commission's calendar (``workdays.py``: the Russian production
calendar, in Moscow): Regs item 23 (``formalCheck``, ``completenessDecision``),
Regs item 9 paragraph 11 and item 18 paragraph 4 (``refusalToConsiderNotice``),
Regs item 24 (``dispatchToCcas``), PRC.002-005 (``amendment``, ``prolongation``,
``exclusion``).
``IPREG_EAEU_ON_CCA_SILENCE`` chooses what the Commission may decide when the
Regs item 25 term expires and a CCA has not answered (digest §2.2.3 [Gap]; the
seeds give no default): ``await_decision`` (default: the Commission's official
decides, refusal or possibility), ``refuse`` or ``treat_as_possible``
(:data:`SILENCE_POLICIES`, each with its legal reference). The policy in force
when the term expires is recorded on the case (``data.silencePolicy``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ipreg.core.errors import ConfigurationError
from ipreg.core.procedures import Duration, Term, TermTable, days, working_days

_NOT_FOUND = (
    "Value not in the seeds (they cite {ref} of the Regulations, EEC Board Decision No. 35, "
    "whose text is not in the seeds) and not found in public sources (digest §10.2): "
    "PROVISIONAL default; set it from the Regulations with IPREG_EAEU_TERMS."
)


def _term(key: str, duration: Duration, ref: str, applies_to: str, en: str, ru: str) -> Term:
    return Term(key, duration, ref, applies_to, source=_NOT_FOUND.format(ref=ref),
                names={"en": en, "ru": ru}, provisional=True)


#: digest §3.5: one key per term; the values are provisional (see the module docstring).
DEFAULT_TERMS: tuple[Term, ...] = (
    _term("formalCheck", working_days(10), "Regs item 23", "P.SP.01.OPR.001",
          "Completeness and conformity check of the application",
          "Проверка заявления на комплектность и соответствие"),
    _term("refusalToConsiderNotice", working_days(10), "Regs item 9 paragraph 11, item 18 "
          "paragraph 4", "P.SP.01.OPR.002",
          "Notice of refusal to consider the application",
          "Уведомление об отказе в рассмотрении заявления"),
    _term("missingDocumentsAnswer", days(30), "Regs item 23", "P.SP.01.OPR.003-004",
          "Submission of the missing documents and data by the applicant",
          "Представление заявителем недостающих документов и сведений"),
    _term("completenessDecision", working_days(5), "Regs item 23", "P.SP.01.OPR.004-005",
          "Decision on the results of the completeness check",
          "Решение по результатам проверки комплектности"),
    _term("dispatchToCcas", working_days(5), "Regs item 24", "P.SP.01.OPR.006",
          "Sending the application to the authorized bodies of the member states",
          "Направление заявления в уполномоченные органы государств-членов"),
    _term("ccaVerification", days(30), "Regs item 25", "P.SP.01.OPR.013-018",
          "Verification by the authorized bodies (results count only within the term)",
          "Проверка уполномоченными органами (учитываются результаты, поступившие в срок)"),
    _term("securitySubmission", days(30), "Regs item 29", "P.SP.01.OPR.019",
          "Submission of the security (or its certified copy) by the applicant",
          "Представление заявителем обеспечения (или его заверенной копии)"),
    _term("amendment", working_days(10), "Regs (item not cited in the seeds)",
          "P.SP.01.PRC.002-003", "Consideration of a request to amend the register",
          "Рассмотрение обращения о внесении изменений в Единый реестр"),
    _term("prolongation", working_days(10), "Regs (item not cited in the seeds)",
          "P.SP.01.PRC.004", "Consideration of a request to prolong the protection term",
          "Рассмотрение обращения о продлении срока защиты"),
    _term("exclusion", working_days(10), "Regs (item not cited in the seeds)",
          "P.SP.01.PRC.005", "Consideration of a request to exclude the IP object",
          "Рассмотрение обращения об исключении ОИС"),
    _term("exclusionEvidence", days(30), "Regs item 46 (grounds); R174 p.11(2) request N7",
          "P.SP.01.PRC.006", "Submission of documents confirming the grounds for exclusion",
          "Представление документов, подтверждающих основания для исключения"),
)

#: R174 p.13(3): CCAs request changes at least once a day (in the seeds).
CCA_SYNC_INTERVAL_HOURS = 24
#: Outside the seeds (digest §10 F4, F10): a protection period, and each prolongation,
#: is at most two years (24 months) and never beyond the earliest expiry of the right.
MAX_PROTECTION_MONTHS = 24
MAX_PROTECTION_SOURCE = (
    "Outside the seeds: digest §10 F4 (summary of Article 385 of the EAEU Customs Code: "
    "two years, unlimited two-year extensions, capped by the earliest-expiring right) and "
    "F10 (Article 329 of the former CU Customs Code); check against the official text."
)



@dataclass(frozen=True)
class SilencePolicy:
    """What the Commission may decide when the Regs item 25 term expired and the CCA of a
    member state sent neither a refusal nor a notification of possibility."""

    key: str
    #: The decisions open to the Commission's official: OPR.017 refusal, OPR.018 possible.
    allows: frozenset[str]
    description: str
    legal_basis: str
    source: str = ("The seeds do not say what happens when a CCA stays silent (digest §2.2.3 "
                   "[Gap], §9.4 item 23); PROVISIONAL: set from the Regulations with "
                   "IPREG_EAEU_ON_CCA_SILENCE.")

    def as_record(self, silent: list[str], decided_by: str | None = None) -> dict[str, Any]:
        """What the case records of the policy that applied (``data.silencePolicy``)."""
        record: dict[str, Any] = {"policy": self.key, "description": self.description,
                                  "legalBasis": self.legal_basis, "source": self.source,
                                  "silentStates": silent}
        if decided_by:
            record["decision"] = decided_by
        return record


_SILENCE_BASIS = "Regs item 25; R148 p.40-42 (OPR.016-018); digest §2.2.3 [Gap]"

#: digest §2.2.3 [Proposal] ``onCcaSilence``; the first is the default.
SILENCE_POLICIES: dict[str, SilencePolicy] = {p.key: p for p in (
    SilencePolicy("await_decision", frozenset({"P.SP.01.OPR.017", "P.SP.01.OPR.018"}),
                  "The case waits for the decision of the Commission's official, who may "
                  "refuse (OPR.017) or find inclusion possible (OPR.018)", _SILENCE_BASIS),
    SilencePolicy("refuse", frozenset({"P.SP.01.OPR.017"}),
                  "Silence counts as a refusal: only refusal (OPR.017) may be decided",
                  _SILENCE_BASIS),
    SilencePolicy("treat_as_possible", frozenset({"P.SP.01.OPR.018"}),
                  "Silence counts as a notification of possibility: only OPR.018 may be "
                  "decided (unless a member state refused)", _SILENCE_BASIS),
)}
DEFAULT_SILENCE_POLICY = "await_decision"

#: The table a deployment overrides with ``IPREG_EAEU_TERMS`` (see the module docstring).
TERMS = TermTable("IPREG_EAEU_TERMS", DEFAULT_TERMS)


def terms() -> dict[str, Term]:
    """The terms in force: defaults, overridden by ``IPREG_EAEU_TERMS``."""
    return TERMS.terms()


def on_cca_silence() -> SilencePolicy:
    """digest §2.2.3 [Gap]: what the Commission may decide if a CCA stays silent
    (``IPREG_EAEU_ON_CCA_SILENCE``, default ``await_decision``)."""
    value = (os.environ.get("IPREG_EAEU_ON_CCA_SILENCE") or "").strip() or DEFAULT_SILENCE_POLICY
    if value not in SILENCE_POLICIES:
        raise ConfigurationError("IPREG_EAEU_ON_CCA_SILENCE must be one of "
                                 f"{', '.join(SILENCE_POLICIES)}")
    return SILENCE_POLICIES[value]


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


def strict_protection_cap() -> bool:
    """Refuse protection periods beyond two years or beyond the right (digest §10.3: switch
    on once Article 385 is checked). ``IPREG_EAEU_ENFORCE_PROTECTION_CAP=1``; default off."""
    return _flag("IPREG_EAEU_ENFORCE_PROTECTION_CAP", False)


def prolongation_requires_running_period() -> bool:
    """A prolongation is requested before the running period lapses (digest §10 F4, outside
    the seeds). On by default; ``IPREG_EAEU_PROLONG_AFTER_END=1`` allows late requests."""
    return not _flag("IPREG_EAEU_PROLONG_AFTER_END", False)


__all__ = [
    "CCA_SYNC_INTERVAL_HOURS",
    "DEFAULT_SILENCE_POLICY",
    "DEFAULT_TERMS",
    "MAX_PROTECTION_MONTHS",
    "MAX_PROTECTION_SOURCE",
    "SILENCE_POLICIES",
    "TERMS",
    "SilencePolicy",
    "Term",
    "on_cca_silence",
    "prolongation_requires_running_period",
    "strict_protection_cap",
    "terms",
]
