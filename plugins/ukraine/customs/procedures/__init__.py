"""The procedures of the customs register: recordal, suspension, official importer's appeal."""

from __future__ import annotations

from ipreg.core.procedures import Procedure


def procedures() -> list[Procedure]:
    from ipreg.plugins.ukraine.customs.procedures.appeal import APPEAL_PROCEDURE
    from ipreg.plugins.ukraine.customs.procedures.recordal import RECORDAL
    from ipreg.plugins.ukraine.customs.procedures.suspension import SUSPENSION

    return [RECORDAL, SUSPENSION, APPEAL_PROCEDURE]
