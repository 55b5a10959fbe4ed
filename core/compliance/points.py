"""Legal points: what a plugin declares it implements of its digest, read from a TOML file.

A digest (``shared/spec/<name>.md``) numbers the legal points of a register:
transactions (``P.SP.01.OPR.017``), items of a table (``R174 A1 T1 5.1.2``),
points of a rule (``GI rules V.7.3``). A plugin lists the points it knows of in
a machine-readable file beside its code (``plugins/eaeu/legal_points.toml``),
each with a title, the section of the digest it comes from and a status:

``implemented``
    code implements it and a test proves it; ``ipreg compliance`` fails when
    either is missing.
``pending``
    known, not (fully) implemented or not yet proved by a test; ``reason``
    says what is missing and ``issue`` where the work is tracked.
``not_applicable``
    a heading, a definition, or a point outside what the register does;
    ``reason`` says why. It is listed in the matrix all the same.

:func:`load_legal_points` reads the file; the plugin returns the result from
the hook ``ipreg_register_legal_points``. How code and tests are found citing a
point is :mod:`ipreg.core.compliance.matching`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipreg.core.errors import ConfigurationError

IMPLEMENTED = "implemented"
PENDING = "pending"
NOT_APPLICABLE = "not_applicable"
STATUSES = (IMPLEMENTED, PENDING, NOT_APPLICABLE)


@dataclass(frozen=True)
class LegalPoint:
    """One point of a digest, as a plugin declares it."""

    #: The point's code as the digest cites it: ``P.SP.01.OPR.017``, ``R174 A1 T1 5.1.2``.
    code: str
    #: A short title (English).
    title: str
    #: The digest section the point comes from, e.g. ``2.2.2`` (a heading number).
    section: str
    #: ``implemented``, ``pending`` or ``not_applicable``.
    status: str = IMPLEMENTED
    #: Why a point is pending or not applicable (required for both).
    reason: str = ""
    #: Where the remaining work is tracked, e.g. ``#15``.
    issue: str = ""
    #: Other spellings that cite this point, matched like the code.
    aliases: tuple[str, ...] = ()
    #: Anything a reader of the matrix should know (not used by the checks).
    note: str = ""

    def __post_init__(self) -> None:
        if not self.code.strip() or not self.title.strip():
            raise ValueError(f"a legal point needs a code and a title: {self!r}")
        if self.status not in STATUSES:
            raise ValueError(f"{self.code}: status {self.status!r} is not one of {STATUSES}")
        if self.status != IMPLEMENTED and not self.reason.strip():
            raise ValueError(f"{self.code}: a {self.status} point says why (reason)")
        if not self.section.strip():
            raise ValueError(f"{self.code}: name the digest section it comes from")


@dataclass(frozen=True)
class Spelling:
    """A rewrite applied to codes and to every text searched for citations.

    ``pattern`` is a Python regular expression and ``replace`` its replacement
    (``re.sub`` syntax), applied within one line. Spellings map the variants a
    codebase uses onto the digest's citation scheme, e.g. ``table 7`` → ``T7``
    or the short form ``OPR.017`` → ``P.SP.01.OPR.017``.
    """

    pattern: str
    replace: str

    def __post_init__(self) -> None:
        try:
            re.compile(self.pattern)
        except re.error as error:
            raise ValueError(f"spelling {self.pattern!r}: {error}") from error


@dataclass(frozen=True)
class LegalPoints:
    """The points of one digest a plugin knows of (iterable over the points)."""

    #: File name of the digest in ``shared/spec/``, e.g. ``eaeu-register.md``.
    digest: str
    points: tuple[LegalPoint, ...]
    #: A title for the matrix, e.g. the register's name.
    title: str = ""
    spellings: tuple[Spelling, ...] = ()
    #: The directory whose ``*.py`` files are scanned for citations; ``None``: the
    #: directory of the plugin module that returned these points.
    source: Path | None = None
    #: Where the points were read from (for messages).
    origin: str = ""
    _by_code: Mapping[str, LegalPoint] = field(default_factory=dict, init=False, repr=False,
                                               compare=False)

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for point in self.points:
            for text in (point.code, *point.aliases):
                if text in seen:
                    raise ValueError(f"{self.origin or self.digest}: {text!r} is declared twice "
                                     f"({seen[text]} and {point.code})")
                seen[text] = point.code
        object.__setattr__(self, "_by_code", {p.code: p for p in self.points})

    def __iter__(self) -> Iterator[LegalPoint]:
        return iter(self.points)

    def __len__(self) -> int:
        return len(self.points)

    def get(self, code: str) -> LegalPoint | None:
        return self._by_code.get(code)


_POINT_KEYS = {"code", "title", "section", "status", "reason", "issue", "aliases", "note"}
_TOP_KEYS = {"digest", "title", "spellings", "points"}


def load_legal_points(path: str | Path, *, source: str | Path | None = None) -> LegalPoints:
    """Read a plugin's legal points from a TOML file.

    The file has ``digest`` (the digest's file name), an optional ``title``,
    optional ``[[spellings]]`` (``pattern``, ``replace``) and one ``[[points]]``
    table per point (``code``, ``title``, ``section``, and ``status``,
    ``reason``, ``issue``, ``aliases``, ``note`` as in :class:`LegalPoint`).
    Citations are searched in the ``*.py`` files below ``source`` (default: the
    file's directory). A malformed file is a :class:`ConfigurationError`
    naming the file and the point.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"{path}: {error}") from error
    try:
        return _parse(data, path, Path(source) if source is not None else path.parent)
    except (ValueError, TypeError, KeyError) as error:
        raise ConfigurationError(f"{path}: {error}") from error


def _parse(data: Mapping[str, Any], path: Path, source: Path) -> LegalPoints:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)} (expected {sorted(_TOP_KEYS)})")
    digest = data.get("digest")
    if not isinstance(digest, str) or not digest.strip():
        raise ValueError("`digest` names the digest file, e.g. \"eaeu-register.md\"")
    points = [_point(item, i) for i, item in enumerate(_tables(data, "points"))]
    spellings = [Spelling(str(item["pattern"]), str(item["replace"]))
                 for item in _tables(data, "spellings")]
    return LegalPoints(digest=digest, points=tuple(points), title=str(data.get("title", "")),
                       spellings=tuple(spellings), source=source, origin=str(path))


def _tables(data: Mapping[str, Any], key: str) -> Sequence[Mapping[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"`{key}` must be an array of tables ([[{key}]])")
    return value


def _point(item: Mapping[str, Any], index: int) -> LegalPoint:
    unknown = set(item) - _POINT_KEYS
    if unknown:
        raise ValueError(f"points[{index}] ({item.get('code', '?')}): unknown keys "
                         f"{sorted(unknown)}")
    for key in ("code", "title", "section"):
        if not isinstance(item.get(key), str):
            raise ValueError(f"points[{index}] ({item.get('code', '?')}): `{key}` is required "
                             "(a string)")
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError(f"points[{index}] ({item['code']}): `aliases` is a list of strings")
    return LegalPoint(code=item["code"], title=item["title"], section=item["section"],
                      status=str(item.get("status", IMPLEMENTED)),
                      reason=str(item.get("reason", "")), issue=str(item.get("issue", "")),
                      aliases=tuple(aliases), note=str(item.get("note", "")))
