"""Ukrainian: the official national romanisation.

Source: Resolution of the Cabinet of Ministers of Ukraine No. 55 of 27.01.2010
"On normalisation of the transliteration of the Ukrainian alphabet by means of
the Latin alphabet" (Постанова Кабінету Міністрів України від 27 січня 2010 р.
№ 55 «Про впорядкування транслітерації українського алфавіту латиницею»), and
its Table of transliteration. It governs passports, maps, road signs and
register extracts; the tenth UN Conference on the Standardization of
Geographical Names (2012) recommended it for Ukrainian geographical names.

Position rules of the Table:

* ``Є Ї Й Ю Я`` at the start of a word are ``Ye Yi Y Yu Ya``; elsewhere
  ``ie i i iu ia`` (``Єнакієве`` -> ``Yenakiieve``, ``Стрий`` -> ``Stryi``);
* ``зг`` is ``zgh`` (``Згорани`` -> ``Zghorany``), to keep it apart from
  ``ж`` = ``zh``;
* the soft sign and the apostrophe are not rendered (``Знам'янка`` ->
  ``Znamianka``: the ``я`` after the apostrophe is inside the word).
"""

from __future__ import annotations

from ..folding import APOSTROPHES
from .base import Rule, Standard, at_word_start

LETTERS: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e",
    "є": "ie", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
}  # fmt: skip

WORD_INITIAL: dict[str, str] = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

UK_KMU_2010 = Standard(
    id="uk-kmu-2010",
    lang="uk",
    script="Cyrl",
    title="Ukrainian national transliteration (Cabinet of Ministers of Ukraine, 2010)",
    source="Resolution of the Cabinet of Ministers of Ukraine No. 55 of 27.01.2010, "
    "Table of transliteration of the Ukrainian alphabet by means of the Latin alphabet",
    letters=LETTERS,
    rules=(
        Rule("зг", {"зг": "zgh"}),
        Rule(at_word_start("єїйюя"), WORD_INITIAL),
    ),
    drop=APOSTROPHES,
)
