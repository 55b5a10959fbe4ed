"""Folding and transliteration for search: the one place the matching rules live.

A customs officer reads a Latin label and types it; the register holds the
mark in Cyrillic or Armenian (or the other way round). Both search backends
(SQLite FTS and OpenSearch) call this package to turn record names into
index tokens and queries into query tokens, so both match by the same rules.

Design: meet in folded Latin
----------------------------
Every form is *folded* (:func:`fold`: case, Latin diacritics, quotes,
apostrophes, hyphens, punctuation, spacing, mixed-script homoglyphs). A
Cyrillic or Armenian name is additionally indexed in the folded romanisation
of **every standard whose alphabet fits it** (the language of a Cyrillic name
is not recorded: ``Марс`` fits Russian, Ukrainian, Kazakh, Kyrgyz...; ``Ұлытау``
only Kazakh). A query goes through the same function, so:

* a Latin query typed from a passport, map or label (``Yurii Cherkaskyi``,
  ``Mishka kosolapyy``, ``Ūlytau``, ``Yerevan``) equals one of the record's
  romanisations;
* a Cyrillic query for a Cyrillic record equals its folded form;
* a Cyrillic query for a Latin mark meets the mark's Cyrillic *reading*
  (``Сникерс`` = reading of ``SNICKERS``), or its romanisation equals the
  Latin name (``Пепси`` -> ``pepsi``).

Equality of ``compact`` forms (spaces removed) is the top tier;
:func:`skeleton` keys (kh/h, ts/c, y/i, ie/e, doubles...) are the
typo-tolerant second tier, to be combined with edit distance.

What a backend should do
------------------------
* index: for each name/keyword, every string of :func:`index_forms` (with
  its label from :func:`labelled_index_forms` if you want to report it; and,
  for the second tier, :func:`index_skeletons`); tokenise on spaces for word
  and prefix matching, and also keep the ``compact`` of each form;
* query: look up every form of :func:`query_forms`. ``matchedAs``: the label
  of the *index* form that was hit when it is a standard ID (the record was
  found through ``uk-kmu-2010``...), ``reading``, ``loose``, ``homoglyph`` or
  ``umlaut``; otherwise the label of the query form (``exact``, ``folded``,
  or the standard that romanised a Cyrillic query).

The standards (``STANDARDS``; ``ipreg translit --list``)
--------------------------------------------------------
``uk-kmu-2010`` Ukrainian (Cabinet of Ministers Resolution No. 55 of
27.01.2010); ``ru-icao-9303`` Russian passports (ICAO Doc 9303);
``ru-bgn-pcgn-1947``; ``ru-gost-7.79-b`` (GOST 7.79-2000 system B);
``ru-mvd-1997`` (1997 passport table); ``be-gki-2023`` and ``be-gki-2007``
Belarusian national instructions; ``kk-latin-2021`` Kazakh Latin alphabet and
``kk-bgn-pcgn-1979``; ``ky-bgn-pcgn-1979`` Kyrgyz national system;
``hy-bgn-pcgn-1981`` Armenian. Each module under ``standards/`` cites its
source. No ICU: ICU's transforms are not the official tables.

Cost: ``index_forms`` is ``str.translate`` and compiled-regex work with no
per-character Python loop. Cyrillic text is romanised word by word through a
cache (names share words), and so is the Cyrillic reading of Latin words.
Measured CPU time per call on the 2-core development box (under load):
Latin names about 10-17 µs, Cyrillic names about 30 µs with warm word caches
and 65 µs when every word is new; ``fold`` alone 3-4 µs.
"""

from __future__ import annotations

from .folding import compact, fold, fold_loose
from .forms import index_forms, index_skeletons, labelled_index_forms, query_forms
from .homoglyphs import unmix, visual_latin
from .phonetic import skeleton
from .romanise import fitting_standards, romanisations, romanise
from .scripts import scripts_of
from .standards import ALIASES, LANGUAGES, STANDARDS, Rule, Standard, get_standard, standards_for

__all__ = [
    "ALIASES",
    "LANGUAGES",
    "STANDARDS",
    "Rule",
    "Standard",
    "compact",
    "fitting_standards",
    "fold",
    "fold_loose",
    "get_standard",
    "index_forms",
    "index_skeletons",
    "labelled_index_forms",
    "query_forms",
    "romanisations",
    "romanise",
    "scripts_of",
    "skeleton",
    "standards_for",
    "unmix",
    "visual_latin",
]
