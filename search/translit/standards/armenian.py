"""Armenian: BGN/PCGN 1981, the system Armenian names are romanised by.

Source: BGN/PCGN 1981 "Romanization of Armenian" (US Board on Geographic Names /
UK Permanent Committee on Geographical Names; current text 2019), for Eastern
Armenian. Armenia has no letter-by-letter national table: Government
Regulation No. 220-N of 03.03.2011 on rendering Armenian geographical names
into English and Russian names only ``ծ ts, ձ dz, ղ gh, ճ ch, ք k, փ p, խ kh,
ժ zh`` — the BGN/PCGN values without the aspiration apostrophe, which folding
removes anyway — and its list of place names follows BGN/PCGN (UNGEGN Working
Group on Romanization Systems, report on Armenian, 2011 and version 4.0, 2016).

Position rules:

* ``ե`` is ``ye`` at the start of a word and after a vowel (``ա ե է ը ի ո ու
  օ``), ``e`` elsewhere (``Երևան`` -> ``Yerevan``);
* ``ո`` is ``vo`` at the start of a word except in the word ``ով`` (``ov``),
  ``o`` elsewhere; ``ու`` is ``u``;
* ``և`` (also written ``եւ``) is ``yev`` at the start of a word, alone and
  after a vowel, ``ev`` elsewhere.

The aspirates take a right single quotation mark: ``թ t’``, ``չ ch’``, ``ց ts’``,
``փ p’``, ``ք k’`` (``Կոտայք`` -> ``Kotayk’``).
"""

from __future__ import annotations

from ..folding import APOSTROPHES
from .base import Rule, Standard

LETTERS: dict[str, str] = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e",
    "ը": "y", "թ": "t’", "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts",
    "կ": "k", "հ": "h", "ձ": "dz", "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y",
    "ն": "n", "շ": "sh", "ո": "o", "չ": "ch’", "պ": "p", "ջ": "j", "ռ": "rr",
    "ս": "s", "վ": "v", "տ": "t", "ր": "r", "ց": "ts’", "ւ": "w", "փ": "p’",
    "ք": "k’", "օ": "o", "ֆ": "f", "և": "ev",
}  # fmt: skip

_VOWELS = "աեէըիոօւ"  # ւ stands for the vowel ու
_YEV: dict[str, str] = {"և": "yev", "եւ": "yev"}

HY_BGN_PCGN_1981 = Standard(
    id="hy-bgn-pcgn-1981",
    lang="hy",
    script="Armn",
    title="BGN/PCGN romanization of Armenian (1981)",
    source="BGN/PCGN 1981 System, Romanization of Armenian (US Board on Geographic Names / "
    "UK Permanent Committee on Geographical Names); followed by Government Regulation of "
    "Armenia No. 220-N of 03.03.2011",
    letters=LETTERS,
    drop=APOSTROPHES,  # and the in-word marks ՛ ՜ ՞ ՟
    rules=(
        Rule(r"ով(?<!\wով)(?!\w)", {"ով": "ov"}),
        Rule("ու", {"ու": "u"}),
        Rule(r"և(?<!\wև)|եւ(?<!\wեւ)", _YEV),
        Rule(f"և(?<=[{_VOWELS}]և)|եւ(?<=[{_VOWELS}]եւ)", _YEV),
        Rule("եւ", {"եւ": "ev"}),
        Rule(r"ե(?<!\wե)", {"ե": "ye"}),
        Rule(f"ե(?<=[{_VOWELS}]ե)", {"ե": "ye"}),
        Rule(r"ո(?<!\wո)", {"ո": "vo"}),
    ),
)
