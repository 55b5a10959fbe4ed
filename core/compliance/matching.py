"""When a text cites a legal point: one deterministic rule for code, tests and marks.

A text is searched one line at a time. Before searching, the line and every
point's code (and aliases) are *normalised*: runs of white space become one
space, then the digest's :class:`~ipreg.core.compliance.points.Spelling` rewrites
are applied in order (``table 7`` → ``T7``, ``OPR.017`` → ``P.SP.01.OPR.017``).

A code is split at its **last number**: ``R174 A1 T1 5.1.2`` is the stem
``R174 A1 T1 5.1.`` with the number ``2``; ``R174 p.12(3)`` is the stem
``R174 p.12(``, the number ``3`` and the tail ``)``. The line cites the point
where it holds the stem, then a number, then the tail, and

* the stem does not continue a word or a code on its left (no letter, digit,
  ``_`` or ``.`` just before it), so ``OPR.017`` inside ``P.SP.01.OPR.017`` is
  not a second citation;
* the number is the same string (``OPR.17`` does not cite ``OPR.017``; the
  digits are read whole, so ``item 23`` does not cite ``item 2``), or a range
  ``lo-hi`` / ``lo–hi`` of plain numbers, with no tail, that contains it
  (``OPR.013-018`` cites ``OPR.013`` to ``OPR.018``; ``R148 p.24-50`` cites
  ``R148 p.30``);
* nothing deepens the citation on its right: not a letter, digit or ``_``,
  not ``.`` followed by a digit, not ``(`` followed by a letter or digit, not
  a space followed by a digit. So ``R174 A1 T1 5.1.2`` does not cite ``R174 A1 T1 5.1``, nor
  ``5.1.2`` ``5.1``, nor ``R174 p.12(3)`` ``R174 p.12``, nor ``R174 A1 T7 1``
  ``R174 A1 T7``: a citation names exactly one point. ``.`` followed by
  anything else ends it, so a transition ``P.SP.01.OPR.004.SUBMIT`` cites
  ``P.SP.01.OPR.004``.

A code without any digit is matched whole, with the same boundaries.

**Lists.** After the citation of a declared point (optionally followed by a
parenthesis), the items of a list — separated by ``,``, ``and`` or ``/``, up
to ``;`` or the end of the line — are read with the leading words of that
citation, the longest that makes a citation: ``R174 p.11(2), p.12(3)`` cites
``R174 p.12(3)``; ``R174 A1 T10 4, 5, 6.4`` cites ``R174 A1 T10 5`` and
``R174 A1 T10 6.4``; ``Regs item 9 ¶11, item 18 ¶4`` cites ``Regs item 18 ¶4``.
The list ends at the first item that cites nothing this way. Nothing else may
stand between the citation and the list: in ``R174 A1 T2 with tables 4, 5``
the list is of tables, not of items of table 2. Ranges inside a list follow
the range rule (``5.1.2-5.1.4`` cites ``5.1.2`` only: ``5.1.4`` is not a plain
number). A citation broken across two lines is not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ipreg.core.compliance.points import LegalPoint, Spelling

_SPACE = re.compile(r"\s+")
_LIST = re.compile(r",\s*|\s+and\s+|\s*/\s*")
#: A parenthesis right after a citation, e.g. ``(next record number)``, one level nested.
_PAREN = re.compile(r"^\s*\((?:[^()]|\([^()]*\))*\)")
_LAST_NUMBER = re.compile(r"^(.*?)(\d+)(\D*)$", re.DOTALL)
_BEFORE = r"(?<![\w.])"
_AFTER = r"(?!\w|\.\d|\([^\W_]|\s\d)"
#: A range wider than this is not a range of points (``item 23-2026`` is not 2000 items).
MAX_RANGE = 200


@dataclass(frozen=True)
class _Target:
    number: str
    code: str


class Matcher:
    """Finds the points of one digest cited in a text (see the module docstring)."""

    def __init__(self, points: Iterable[LegalPoint], spellings: Sequence[Spelling] = ()) -> None:
        self._spellings = [(re.compile(s.pattern), s.replace) for s in spellings]
        groups: dict[tuple[str, str], list[_Target]] = {}
        literals: dict[str, str] = {}
        for point in points:
            for text in (point.code, *point.aliases):
                form = self.normalise(text)
                if not form:
                    continue
                parts = _LAST_NUMBER.match(form)
                if parts is None:
                    literals[form] = point.code
                else:
                    stem, number, tail = parts.groups()
                    groups.setdefault((stem, tail), []).append(_Target(number, point.code))
        self._patterns: list[tuple[re.Pattern[str], list[_Target], bool]] = []
        for (stem, tail), targets in groups.items():
            ranged = not tail
            rng = r"(?:[-–—](?P<hi>\d+)" + _AFTER + ")?" if ranged else ""
            pattern = (_BEFORE + re.escape(stem) + r"(?P<num>\d+)" + rng + re.escape(tail)
                       + _AFTER)
            self._patterns.append((re.compile(pattern), targets, ranged))
        self._literals = [(re.compile(_BEFORE + re.escape(text) + _AFTER), code)
                          for text, code in literals.items()]

    def normalise(self, text: str) -> str:
        """White space collapsed, then the spellings applied in order."""
        out = _SPACE.sub(" ", text).strip()
        for pattern, replace in self._spellings:
            out = pattern.sub(replace, out)
        return out

    def cite(self, text: str) -> list[str]:
        """Codes of the points ``text`` cites, in order of first citation, each once.

        ``text`` is read line by line: a citation never spans two lines.
        """
        found: list[str] = []
        for line in text.splitlines() or [text]:
            line = self.normalise(line)
            hits = self._direct(line)
            hits += self._listed(line, hits)
            found.extend(code for _, _, code in sorted(hits))
        return list(dict.fromkeys(found))

    def _direct(self, line: str) -> list[tuple[int, int, str]]:
        """(start, end, code) of the citations written in full in a normalised line."""
        hits: list[tuple[int, int, str]] = []
        for pattern, targets, ranged in self._patterns:
            for match in pattern.finditer(line):
                number, hi = match.group("num"), match.groupdict().get("hi")
                for target in targets:
                    if target.number == number or (
                            ranged and hi is not None and _in_range(target.number, number, hi)):
                        hits.append((match.start(), match.end(), target.code))
        for pattern, code in self._literals:
            hits.extend((m.start(), m.end(), code) for m in pattern.finditer(line))
        return hits

    def _listed(self, line: str, hits: list[tuple[int, int, str]]
                ) -> list[tuple[int, int, str]]:
        """Citations of list items that leave out the leading words (module docstring)."""
        out: list[tuple[int, int, str]] = []
        for start, end, _ in hits:
            words = line[start:end].split(" ")
            prefixes = [" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)]
            rest = _PAREN.sub("", line[end:].split(";", 1)[0], count=1)
            items = _LIST.split(rest)
            if not prefixes or len(items) < 2 or items[0].strip():
                continue
            for position, item in enumerate((i.strip() for i in items[1:]), start=end):
                cited = next((codes for codes in (
                    [code for pos, _, code in self._direct(f"{prefix} {item}") if pos == 0]
                    for prefix in prefixes) if codes), [])
                if not cited:
                    break
                out.extend((position, position, code) for code in cited)
        return out

    def cites(self, text: str, code: str) -> bool:
        return code in self.cite(text)


def _in_range(number: str, lo: str, hi: str) -> bool:
    low, high, value = int(lo), int(hi), int(number)
    if not low < high or high - low > MAX_RANGE:
        return False
    padded = len(lo) > 1 and lo.startswith("0")
    if (padded or (len(number) > 1 and number.startswith("0"))) and len(number) != len(lo):
        return False
    return low <= value <= high
