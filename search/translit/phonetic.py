"""A phonetic skeleton of romanised text, for typo-tolerant second-tier matching.

Exact search forms (``forms``) match what the official standards produce.
People also type what they hear or what an older table taught them:
``Yuriy Cherkasky`` for ``Yurii Cherkaskyi``, ``Babayevsky`` for
``Babaevskii``, ``Kotaik`` for ``Kotayk``, ``Kamunarca`` for ``Kamunarka``.
:func:`skeleton` maps such spellings to one key, so a backend can index the
skeleton of every index form and look up the skeleton of every query form
as a lower-ranked tier (and run edit distance on skeletons for real typos).

On folded Latin text (other characters pass through), in order:

1. clusters: ``shch sch`` -> ``sh``; ``tsch tch`` -> ``ch``; ``dzh dj zh`` ->
   ``j``; ``kh`` -> ``h``; ``gh`` -> ``g``; ``ph`` -> ``f``; ``ck`` -> ``k``;
   ``qu`` -> ``kv``; ``ts tz tc cz`` -> ``c``; ``c`` before a non-front
   vowel or a consonant other than ``h`` -> ``k``; ``x`` -> ``ks``;
   ``w`` -> ``v``; ``q`` -> ``k``;
2. ``y`` -> ``i`` (``y``/``i``/``j`` variants of ``й``, ``ы``, ``и``: ``iy``,
   ``yi``, ``ii`` all end as ``i``);
3. ``ie`` -> ``e`` (``ye``/``ie`` for Cyrillic ``е`` and Armenian ``ե``);
4. doubled letters collapse (``ss`` -> ``s``, ``ii`` -> ``i``).

``skeleton("Yuriy Cherkasky") == skeleton("Yurii Cherkaskyi") == "iuri cherkaski"``.
The key is deliberately lossy: it is for recall, never for exact ranking.
"""

from __future__ import annotations

import re
from typing import Final

from .folding import fold

_CLUSTERS: Final[dict[str, str]] = {
    "shch": "sh", "tsch": "ch", "sch": "sh", "tch": "ch", "dzh": "j", "dj": "j",
    "zh": "j", "kh": "h", "gh": "g", "ph": "f", "ck": "k", "qu": "kv", "ts": "c",
    "tz": "c", "tc": "c", "cz": "c", "x": "ks", "w": "v", "q": "k",
}  # fmt: skip
_CLUSTER_RE: Final = re.compile(
    "|".join(sorted(_CLUSTERS, key=len, reverse=True)) + r"|c(?![eiyh])"
)
_IE: Final = re.compile("ie")
_DOUBLES: Final = re.compile(r"(.)\1+")
_Y_TO_I: Final = str.maketrans({"y": "i"})


def _cluster(match: re.Match[str]) -> str:
    return _CLUSTERS.get(match.group(), "k")


def skeleton(text: str, *, folded: bool = False) -> str:
    """The phonetic skeleton of ``text`` (folded first unless ``folded``)."""
    if not folded:
        text = fold(text)
    text = _CLUSTER_RE.sub(_cluster, text).translate(_Y_TO_I)
    text = _IE.sub("e", text)
    return _DOUBLES.sub(r"\1", text)
