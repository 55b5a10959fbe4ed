"""The roles of the Ukrainian authorities, shared by the registers of one authority.

UKRNOIVI examines website appeals (Order 2945) and GI applications; a register declares
the role from here, and the core accepts the same role declared by several plugins
(equal declarations only), so each register still loads alone.
"""

from __future__ import annotations

from ipreg.core.extension import Role

UKRNOIVI_EXAMINER = Role("ukrnoivi_examiner", {
    "en": "Examiner of UKRNOIVI (Ukrainian National Office for Intellectual Property and "
          "Innovations)",
    "uk": "Експерт УКРНОІВІ"}, official=True)
MINISTRY_OFFICER = Role("ministry_officer", {
    "en": "Officer of the Ministry of Economy of Ukraine",
    "uk": "Посадова особа Мінекономіки"}, official=True)

__all__ = ["MINISTRY_OFFICER", "UKRNOIVI_EXAMINER"]
