"""The Ukrainian authorities the registers name, in Ukrainian and English.

Names only: their identifiers and addresses are the deployment's reference data
(an operator adds them as parties), not facts this package can vouch for.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Authority:
    """An authority of a Ukrainian register: its code here and its names."""

    code: str
    uk: str
    en: str

    def names(self) -> dict[str, str]:
        return {"uk": self.uk, "en": self.en}


UKRNOIVI = Authority(
    "ukrnoivi",
    "Державна організація «Український національний офіс інтелектуальної власності "
    "та інновацій»",
    "Ukrainian National Office for Intellectual Property and Innovations (UKRNOIVI)",
)
MINISTRY_OF_ECONOMY = Authority(
    "ministry_of_economy",
    "Міністерство економіки України",
    "Ministry of Economy of Ukraine",
)
STATE_CUSTOMS_SERVICE = Authority(
    "state_customs_service",
    "Державна митна служба України",
    "State Customs Service of Ukraine",
)
APPEALS_CHAMBER = Authority(
    "appeals_chamber",
    "Апеляційна палата",
    "Appeals Chamber (of the national IP authority)",
)

AUTHORITIES = {a.code: a for a in (UKRNOIVI, MINISTRY_OF_ECONOMY, STATE_CUSTOMS_SERVICE,
                                   APPEALS_CHAMBER)}

__all__ = [
    "APPEALS_CHAMBER",
    "AUTHORITIES",
    "MINISTRY_OF_ECONOMY",
    "STATE_CUSTOMS_SERVICE",
    "UKRNOIVI",
    "Authority",
]
