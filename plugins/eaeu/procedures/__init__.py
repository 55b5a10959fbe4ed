"""The EAEU procedures P.SP.01.PRC.001-007, declared for the core procedure engine."""

from __future__ import annotations

from ipreg.core.procedures import Procedure


def procedures() -> list[Procedure]:
    """Every EAEU procedure (hook ``ipreg_register_procedures``), with the terms in force."""
    from ipreg.plugins.eaeu.procedures.inclusion import inclusion_procedure
    from ipreg.plugins.eaeu.procedures.maintenance import maintenance_procedures

    return [inclusion_procedure(), *maintenance_procedures()]
