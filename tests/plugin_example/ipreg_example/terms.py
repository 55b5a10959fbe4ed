"""The example register's time limits (``IPREG_EXAMPLE_TERMS`` overrides them)."""

from __future__ import annotations

from ipreg.core.procedures import Term, TermTable, days

TERMS = TermTable("IPREG_EXAMPLE_TERMS", [
    Term("review", days(30), "Example rules 3.1", applies_to="EX.002-004",
         names={"en": "Review of a note request"}, provisional=True,
         source="The example rules give no figure: a provisional default."),
])
