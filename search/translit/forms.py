"""Search forms: the strings a backend indexes for a name, and looks up for a query.

Both sides go through the same function, so a record and a query meet when
any form of one equals any form of the other (compare them ``compact``-ed to
ignore spacing). Each form carries a label saying what it is:

``exact``
    the query as typed, whitespace collapsed (queries only);
``folded``
    :func:`.folding.fold` of the text;
``<standard id>``
    the folded romanisation by that standard (Cyrillic and Armenian text;
    every standard whose alphabet fits, see :mod:`.romanise`);
``loose``
    folded Cyrillic with ``ё`` -> ``е`` and ``й`` -> ``и``;
``homoglyph``
    for text whose Cyrillic letters all have Latin look-alikes, the Latin
    text a reader sees (``СОСА`` -> ``coca``);
``reading``
    for Latin text, its Cyrillic reading (``SNICKERS`` -> ``сникерс``), so a
    Cyrillic query for a Latin mark meets it;
``umlaut``
    for Latin text with ``ä ö ü ß``, those spelt ``ae oe ue ss``.

Forms are deduplicated; when two producers give the same string the first
label in the order above wins, and standards come in registry order.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from .folding import finish, fold, fold_loose, light, prepare
from .homoglyphs import visual_latin
from .phonetic import skeleton
from .reading import cyrillic_reading, has_umlauts, spell_out_umlauts
from .romanise import index_romanisations
from .scripts import HAS_CYRILLIC, HAS_LATIN

EXACT: Final = "exact"
FOLDED: Final = "folded"
LOOSE: Final = "loose"
HOMOGLYPH: Final = "homoglyph"
READING: Final = "reading"
UMLAUT: Final = "umlaut"


def _labelled_forms(text: str) -> dict[str, str]:
    """``{form: label}`` for ``text``, in producer order (see module docstring)."""
    prepared = prepare(text)
    lighted = light(prepared)
    folded = finish(lighted)
    if not folded:
        return {}
    forms: dict[str, str] = {folded: FOLDED}
    if not prepared.isascii():
        for std_id, form in index_romanisations(prepared, lighted).items():
            forms.setdefault(form, std_id)
        if HAS_CYRILLIC.search(prepared):
            forms.setdefault(fold_loose(folded), LOOSE)
            visual = visual_latin(unicodedata.normalize("NFKC", text))
            if visual is not None:
                forms.setdefault(fold(visual), HOMOGLYPH)
    if HAS_LATIN.search(prepared):
        forms.setdefault(finish(light(cyrillic_reading(prepared))), READING)
        if has_umlauts(prepared):
            forms.setdefault(finish(light(spell_out_umlauts(prepared))), UMLAUT)
    forms.pop("", None)
    return forms


def index_forms(text: str) -> list[str]:
    """Every folded string to index for a name or keyword, deduplicated.

    The folded text, its folded romanisation by every plausible standard, the
    loose Cyrillic variant, the homoglyph reading, and for Latin text its
    Cyrillic reading and spelt-out umlauts.
    """
    return list(_labelled_forms(text))


def labelled_index_forms(text: str) -> list[tuple[str, str]]:
    """:func:`index_forms` as ``(label, form)`` pairs.

    Store the label with the indexed form: when a query hits a form made by a
    standard (``uk-kmu-2010``...), that label is the better ``matchedAs``.
    """
    return [(label, form) for form, label in _labelled_forms(text).items()]


def query_forms(text: str) -> list[tuple[str, str]]:
    """The forms of a query as ``(label, form)`` pairs, ``exact`` first.

    The label says what the form is: ``exact``, ``folded``, a standard ID,
    ``loose``, ``homoglyph``, ``reading`` or ``umlaut``. For ``matchedAs``
    prefer the label of the *index* form that was hit (see
    :func:`labelled_index_forms`) unless it is ``folded``.
    """
    exact = " ".join(text.split())
    if not exact:
        return []
    pairs = [(EXACT, exact)]
    pairs.extend((label, form) for form, label in _labelled_forms(text).items() if form != exact)
    return pairs


def index_skeletons(text: str) -> list[str]:
    """The phonetic skeletons of the index forms (see :mod:`.phonetic`), deduplicated.

    For the typo-tolerant second tier: index these, look up the skeletons of
    the query forms.
    """
    return list(dict.fromkeys(skeleton(form, folded=True) for form in _labelled_forms(text)))
