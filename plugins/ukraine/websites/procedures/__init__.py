"""The procedures of Order 2945: the inclusion appeal (§6.1), the exclusion application
(§6.2), the exclusion on a court decision (IV.6) and copies of conclusions on request
(III.6 ¶4, IV.4 ¶4)."""

from __future__ import annotations

from ipreg.core.procedures import Procedure


def procedures() -> list[Procedure]:
    """Every procedure of the website list (hook ``ipreg_register_procedures``)."""
    from ipreg.plugins.ukraine.websites.procedures.appeal import appeal_procedure
    from ipreg.plugins.ukraine.websites.procedures.exclusion import (
        copy_procedure,
        court_procedure,
        exclusion_procedure,
    )

    return [appeal_procedure(), exclusion_procedure(), court_procedure(), copy_procedure()]
