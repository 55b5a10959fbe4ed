"""Legal traceability: which legal points a plugin implements, where, and which tests prove them.

A plugin declares the points of its digest it knows of (:class:`LegalPoints`,
usually read with :func:`load_legal_points` from ``legal_points.toml`` beside
its code) through the hook ``ipreg_register_legal_points``; tests mark what
they prove with ``@pytest.mark.legal("P.SP.01.OPR.017")``; ``ipreg compliance``
prints the matrix point → code → tests and fails when an implemented point has
no code or no test. The rules are in :mod:`.matching` (when a text cites a
point) and :mod:`.scan` (where code and tests are searched); docs/plugins.md,
"Legal traceability", has an example.
"""

from ipreg.core.compliance.matching import Matcher
from ipreg.core.compliance.points import (
    IMPLEMENTED,
    NOT_APPLICABLE,
    PENDING,
    STATUSES,
    LegalPoint,
    LegalPoints,
    Spelling,
    load_legal_points,
)

__all__ = [
    "IMPLEMENTED",
    "NOT_APPLICABLE",
    "PENDING",
    "STATUSES",
    "LegalPoint",
    "LegalPoints",
    "Matcher",
    "Spelling",
    "load_legal_points",
]
