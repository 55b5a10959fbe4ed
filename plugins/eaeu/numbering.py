"""Register numbers of the EAEU register (R174 A1 T1 5.1) and the register's sequences.

A registration number is "defined by the combination of attributes" 5.1.1-5.1.4
(R174 A1 T1 5.1): the record's sequence number (five digits with leading zeros,
one sequence for every kind, 5.1.1), the kind code АП/СП/ТЗ (5.1.2), the number
of the inclusion decision (four digits with leading zeros, 5.1.3) and the date
of inclusion (5.1.4). The seeds give no string form [Gap, digest §4.1]; the
display form is the project's ``NNNNN/TZ/NNNN`` (Latin kind code), and a number
is accepted with the Cyrillic or the Latin kind code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.errors import BadUserInput
from ipreg.core.services.numbering import fixed_width, next_value
from ipreg.plugins.eaeu.codes import KIND_CODES, LATIN_TO_KIND

#: R174 A1 T1 5.1.1: five digits (at most 99 999 records); 5.1.3: four digits.
SEQUENCE_DIGITS = 5
DECISION_DIGITS = 4

_NUMBER = re.compile(r"^\s*(\d{1,5})\s*/\s*([A-Za-zА-Яа-я]{2})\s*/\s*(\d{1,4})\s*$")


@dataclass(frozen=True)
class RegistrationNumber:
    """T1 5.1.1-5.1.3 (the date 5.1.4 is not part of the displayed string)."""

    sequence_number: str
    kind: str
    decision_number: str

    @property
    def display(self) -> str:
        """``00042/TZ/0007``: the display form (Latin kind code)."""
        return f"{self.sequence_number}/{KIND_CODES[self.kind][0]}/{self.decision_number}"

    @property
    def cyrillic(self) -> str:
        """``00042/ТЗ/0007``: the same number with the kind code as the law writes it."""
        return f"{self.sequence_number}/{self.kind}/{self.decision_number}"


def format_sequence(value: int) -> str:
    """R174 A1 T1 5.1.1: a string of five digits with leading zeros."""
    return fixed_width(value, SEQUENCE_DIGITS, "record number", "R174 A1 T1 5.1.1")


def format_decision(value: int) -> str:
    """R174 A1 T1 5.1.3: a string of four digits with leading zeros."""
    return fixed_width(value, DECISION_DIGITS, "decision number", "R174 A1 T1 5.1.3")


def parse_number(text: str) -> RegistrationNumber:
    """Parse ``00042/TZ/0007`` or ``00042/ТЗ/0007`` (short numbers are zero-padded)."""
    match = _NUMBER.match(text or "")
    if not match:
        raise BadUserInput(f"{text!r} is not an EAEU register number like 00042/TZ/0007")
    seq, kind, decision = match.groups()
    upper = kind.upper()
    code = upper if upper in KIND_CODES else LATIN_TO_KIND.get(upper)
    if code is None:
        raise BadUserInput(f"{kind!r} is not a kind code (АП/СП/ТЗ or AP/SP/TZ, R174 A1 T1 5.1.2)")
    return RegistrationNumber(seq.zfill(SEQUENCE_DIGITS), code, decision.zfill(DECISION_DIGITS))


def display_number(sequence_number: str | None, kind: str,
                   decision_number: str | None) -> str | None:
    if not sequence_number or not decision_number:
        return None
    return RegistrationNumber(sequence_number, kind, decision_number).display


#: The register's sequences in the core ``counter`` table (scope ``eaeu``).
SCOPE = "eaeu"
#: R174 A1 T1 5.1.1 record numbers and 5.1.3 decision numbers.
RECORD, DECISION = "record", "decision"


async def next_sequence_number(session: AsyncSession) -> str:
    """R174 A1 T1 5.1.1: the next record number, regardless of the kind of object."""
    return format_sequence(await next_value(session, SCOPE, RECORD))


async def next_decision_number(session: AsyncSession) -> str:
    """R174 A1 T1 5.1.3: the next number of a Commission decision."""
    return format_decision(await next_value(session, SCOPE, DECISION))
