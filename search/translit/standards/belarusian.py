"""Belarusian: the national instructions of 2023 (in force) and 2007 (UN-recommended).

``be-gki-2023``
    Instruction on rendering names of geographical objects from the Belarusian
    and Russian languages into other languages and on their transliteration by
    letters of the Latin alphabet, approved by Resolution of the State Property
    Committee of the Republic of Belarus (Госкомимущество) No. 19 of 24.03.2023,
    in force since 04.04.2023. It replaced the 2007 diacritics with digraphs:
    ``г`` -> ``g``, ``ж`` -> ``zh``, ``ч`` -> ``ch``, ``ш`` -> ``sh``,
    ``ў`` -> ``w`` (``Шаркаўшчына`` -> ``Sharkawshchyna``, ``Сафіеўка`` ->
    ``Safijewka``, ``Дзедаў Курган`` -> ``Dziedaw Kurgan``).
    *Caveat*: the letters the published announcements do not show are
    rendered as follows and should be checked against the annex of the
    Resolution: ``х`` -> ``kh`` (``ch`` now belongs to ``ч``), ``ь`` -> ``’``.
    Neither affects search forms (the apostrophe folds away).
``be-gki-2007``
    Instruction on transliteration of geographical names of the Republic of
    Belarus with letters of the Latin alphabet, approved by Resolution of the
    State Committee on Land Resources, Geodesy and Cartography No. 15 of
    23.11.2000, as amended by Resolution of the State Property Committee No. 38
    of 11.06.2007; recommended by the UN (Resolution X/6 of the tenth UN
    Conference on the Standardization of Geographical Names, 2012). Street
    signs and maps of 2007-2023 use it: ``г`` -> ``h``, ``ж`` -> ``ž``,
    ``х`` -> ``ch``, ``ч`` -> ``č``, ``ш`` -> ``š``, ``ў`` -> ``ŭ``, and a soft
    sign after ``з л н с ц`` becomes an acute on the consonant
    (``Гомель`` -> ``Homieĺ``).

Position rule shared by both: ``е ё ю я`` are ``je jo ju ja`` at the start of a
word and after a vowel, ``ў``, ``ь`` or the apostrophe; ``ie io iu ia``
after a consonant (``Ельск`` -> ``Jeĺsk``, ``Вераб'ёвічы`` -> ``Vierabjovičy``,
``Мёры`` -> ``Miory``). The apostrophe itself is not rendered.
"""

from __future__ import annotations

from ..folding import APOSTROPHES
from .base import Rule, Standard, after, at_word_start

_J_FORMS: dict[str, str] = {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"}
_IOTATED = (
    Rule(at_word_start("еёюя"), _J_FORMS),
    Rule(after("аеёіоуыэюяўь", "еёюя"), _J_FORMS),
)

_COMMON: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "ґ": "g", "д": "d", "е": "ie", "ё": "io",
    "з": "z", "і": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "ц": "c", "ы": "y", "э": "e", "ю": "iu", "я": "ia",
    **dict.fromkeys(APOSTROPHES, ""),
}  # fmt: skip

LETTERS_2023: dict[str, str] = {
    **_COMMON,
    "г": "g", "ж": "zh", "х": "kh", "ч": "ch", "ш": "sh", "ў": "w", "ь": "’",
}  # fmt: skip

LETTERS_2007: dict[str, str] = {
    **_COMMON,
    "г": "h", "ж": "ž", "х": "ch", "ч": "č", "ш": "š", "ў": "ŭ", "ь": "",
}  # fmt: skip

SOFTENED_2007: dict[str, str] = {"зь": "ź", "ль": "ĺ", "нь": "ń", "сь": "ś", "ць": "ć"}

BE_GKI_2023 = Standard(
    id="be-gki-2023",
    lang="be",
    script="Cyrl",
    title="Belarusian national transliteration of geographical names (2023)",
    source="Resolution of the State Property Committee of the Republic of Belarus No. 19 "
    "of 24.03.2023 (Instruction on rendering names of geographical objects ... in letters "
    "of the Latin alphabet)",
    letters=LETTERS_2023,
    rules=_IOTATED,
    note="х -> kh and ь -> ’ are not confirmed by the published announcements.",
)

BE_GKI_2007 = Standard(
    id="be-gki-2007",
    lang="be",
    script="Cyrl",
    title="Belarusian national transliteration of geographical names (2000/2007, UN)",
    source="Resolution of the State Committee on Land Resources, Geodesy and Cartography "
    "of Belarus No. 15 of 23.11.2000 as amended by Resolution of the State Property "
    "Committee No. 38 of 11.06.2007; UN Resolution X/6 (2012)",
    letters=LETTERS_2007,
    rules=(Rule("[злнсц]ь", SOFTENED_2007), *_IOTATED),
)
