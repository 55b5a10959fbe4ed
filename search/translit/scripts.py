"""Which writing system a character or a text belongs to.

Only the three scripts the registers use are told apart: Latin, Cyrillic and
Armenian. Tests on a text use the ``HAS_*`` regexes rather than iterating over
it: in CPython every non-Latin-1 character of a string becomes a new object
when iterated, which costs more than the whole regex scan.
"""

from __future__ import annotations

import re
from typing import Final

# Cyrillic (U+0400-04FF) and Cyrillic Supplement (U+0500-052F) hold every
# letter of the Ukrainian, Russian, Belarusian, Kazakh and Kyrgyz alphabets.
CYRILLIC: Final = frozenset(chr(cp) for cp in range(0x0400, 0x0530))

# Armenian block, letters and the ligature U+0587 (և).
ARMENIAN: Final = frozenset(chr(cp) for cp in range(0x0531, 0x0588))

# Latin letters that appear in names: ASCII, Latin-1, Extended-A/B and
# Latin Extended Additional (Vietnamese and the like).
LATIN: Final = frozenset(
    [chr(cp) for cp in range(ord("A"), ord("Z") + 1)]
    + [chr(cp) for cp in range(ord("a"), ord("z") + 1)]
    + [chr(cp) for cp in range(0x00C0, 0x0250) if chr(cp).isalpha()]
    + [chr(cp) for cp in range(0x1E00, 0x1F00) if chr(cp).isalpha()]
)

HAS_CYRILLIC: Final = re.compile("[\u0400-\u052f]")
HAS_ARMENIAN: Final = re.compile("[\u0531-\u0587]")
HAS_LATIN: Final = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def scripts_of(text: str) -> frozenset[str]:
    """The scripts ("Latn", "Cyrl", "Armn") whose letters occur in ``text``."""
    found = [
        name
        for name, pattern in (("Latn", HAS_LATIN), ("Cyrl", HAS_CYRILLIC), ("Armn", HAS_ARMENIAN))
        if pattern.search(text)
    ]
    return frozenset(found)
