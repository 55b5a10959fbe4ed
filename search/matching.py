"""Shared matching: what both backends index, what a query looks up, and the scorer.

Both backends (embedded and OpenSearch) call this module, so they agree on
what matches and in which order; a backend only *retrieves candidates* and
counts the matching set, then :func:`rank` orders the candidates.

What a document stores (:func:`stored_forms`)
---------------------------------------------
For every searchable value of a document (its ``name``, ``registerNumber``,
each keyword and keyword transliteration, each holder's name, each string of a
plugin field) the labelled search forms of :mod:`ipreg.search.translit`,
computed once at indexing time: ``[label, form, skeleton]`` (the skeleton is
``""`` when it equals the form). A register number has only its folded form.
Store the JSON-able result with the document and hand it back to the scorer.

What a backend indexes (:func:`index_terms`)
--------------------------------------------
Per field: every *word* of every form; in every field but ``holders``, the
*value* term of every form (the whole form without spaces: ``cocacola`` for
``coca cola``, ``nord`` for ``Nord``), which makes spacing irrelevant and tells
a whole-value match from a match of one word; and every *skeleton word*
(:func:`ipreg.search.translit.skeleton` of each word; register numbers have
none). Terms of fields a caller may not see must
not match for that caller (see :func:`visible_fields`).

What matches (the *matching set*, which ``total`` and facets count)
------------------------------------------------------------------
A query is turned into query forms (:func:`plan_query`: the folded text, its
romanisations, readings, ...; the folded form of several words also as one
compact word, which matches as typed or as a prefix only).
A document matches when, for at least one query form, the form without its
spaces equals a value term, or **every word** of the form *hits* a term of a
field the caller may see (the words may hit different fields). A query word
hits a term when:

* it equals a word or value term (``token``);
* it is the last word of its form, has at least :data:`MIN_PREFIX`
  characters, and is a prefix of a word or value term (``prefix``); a
  backend may expand a prefix to no more than :data:`MAX_PREFIX_EXPANSIONS`
  terms (the first ones in code-point order, like OpenSearch's
  ``max_expansions``);
* it has at least :data:`MIN_PHONETIC` characters and its skeleton equals
  the skeleton of a stored word (``phonetic``);
* it is a Latin word of letters (no digits) of at least 5 characters (at
  least 8: up to two edits, see :func:`max_edits`) and its skeleton is within
  that many edits (optimal string alignment: insert, delete, substitute, swap
  two neighbours) of the skeleton of a stored Latin word *with the same first
  letter* (``fuzzy``, like OpenSearch's ``prefix_length: 1``); the query word
  itself counts too when it is nearer than its skeleton (``zootoi`` is one
  edit from ``zolotoi``, its skeleton ``zotoi`` two). Cyrillic and Armenian
  text meets typos through its romanisations. A backend may expand to no more
  than :data:`MAX_FUZZY_EXPANSIONS` skeletons, nearest first.

The compact word of a multi-word form matches as a token or a prefix only.

A document also matches when a value of a plugin field the caller may see has
the :func:`exact_key` of one of that field's *query forms* (``SearchQuery.field_forms``,
from ``SearchField.query_forms``: a URL's host, its parent domains); the scorer
reports it as ``queryForm`` (:data:`QUERY_FORM`), weighted as an exact name.

How the scorer ranks (:func:`score`)
------------------------------------
Per value and stored form, the best query form that hits it *whole* (every
word in that one form) scores ``kind weight x field weight x coverage``:

* kind, best first (:data:`KIND_WEIGHTS`): ``exact`` (the value as typed, up
  to case and spacing) > ``folded`` > a transliteration standard (the label of
  the stored form when it is one, else of the query form) and ``loose`` /
  ``umlaut`` > ``reading`` / ``homoglyph`` > ``phonetic`` > ``prefix`` >
  ``fuzzy`` at distance 1 > at distance 2; a multi-word hit takes the weakest
  kind of its words;
* field (:data:`FIELD_WEIGHTS`): ``name`` > ``registerNumber`` > ``keywords`` >
  plugin fields > ``holders``;
* coverage: 1 for a whole-value match, else ``0.6 + 0.4 x`` the share of the
  stored form's letters the query covers (a word typed as a prefix counts
  whole; at most 0.95: the same words in another order rank below the value
  as registered).

Query words that hit only across different values or fields score half of
their weakest hit. A document scores its best hit plus 5% of the best hits of
its other fields; ties go to the smaller object id. The scorer only reads the
stored forms, so the same candidates give the same order in both backends.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Final, NamedTuple

from rapidfuzz.distance import OSA

from ipreg.search.backend import Hit, IndexDocument, Match, SearchQuery
from ipreg.search.translit import (
    STANDARDS,
    fold,
    labelled_index_forms,
    query_forms,
    skeleton,
)
from ipreg.search.translit.folding import APOSTROPHES, DOUBLE_QUOTES

# ------------------------------------------------------------------ fields

NAME: Final = "name"
REGISTER_NUMBER: Final = "registerNumber"
KEYWORDS: Final = "keywords"
HOLDERS: Final = "holders"
#: The core's searchable fields, in ranking order.
CORE_FIELDS: Final = (NAME, REGISTER_NUMBER, KEYWORDS, HOLDERS)

#: A hit in the name counts more than one in a holder's name.
FIELD_WEIGHTS: Final[Mapping[str, float]] = {
    NAME: 1.0,
    REGISTER_NUMBER: 0.96,
    KEYWORDS: 0.92,
    HOLDERS: 0.84,
}
#: Weight of a plugin field (``ipreg_register_search_fields``).
DEFAULT_WEIGHT: Final = 0.9
#: Fields without value terms (long, many-word texts: their value terms would
#: only bloat the index; they match by words).
NO_COMPACT_FIELDS: Final = frozenset({HOLDERS})

# ------------------------------------------------------------------ kinds

EXACT: Final = "exact"
FOLDED: Final = "folded"
PREFIX: Final = "prefix"
PHONETIC: Final = "phonetic"
FUZZY: Final = "fuzzy"
LOOSE: Final = "loose"
UMLAUT: Final = "umlaut"
READING: Final = "reading"
HOMOGLYPH: Final = "homoglyph"
#: A form of the search text a plugin field derives (``SearchField.query_forms``:
#: a URL's host, its parent domains) equal to one of the field's values.
QUERY_FORM: Final = "queryForm"

#: ``matchedAs`` class -> weight (a standard ID has the weight of ``standard``).
KIND_WEIGHTS: Final[Mapping[str, float]] = {
    QUERY_FORM: 1.0,
    EXACT: 1.0,
    FOLDED: 0.96,
    "standard": 0.92,
    LOOSE: 0.92,
    UMLAUT: 0.92,
    READING: 0.88,
    HOMOGLYPH: 0.88,
    PHONETIC: 0.8,
    PREFIX: 0.74,
    "fuzzy1": 0.66,
    "fuzzy2": 0.58,
}
#: Coverage of a hit that is not the whole value is at most this.
PARTIAL_COVERAGE: Final = 0.95
#: Words that hit only in different values or fields score this share.
SPREAD_FACTOR: Final = 0.5
#: Other fields' best hits add this share to a document's score.
OTHER_FIELDS_BONUS: Final = 0.05

# ------------------------------------------------------------------ limits

#: The last query word matches as a prefix from this many characters on.
MIN_PREFIX: Final = 2
#: Phonetic (skeleton) equality from this many characters on.
MIN_PHONETIC: Final = 4
#: At most this many terms per prefix (first in code-point order; OpenSearch's
#: default ``max_expansions``).
MAX_PREFIX_EXPANSIONS: Final = 50
#: At most this many skeleton terms per fuzzy word (nearest, then code-point order).
MAX_FUZZY_EXPANSIONS: Final = 64
#: Candidates a backend hands to the scorer (at least ``offset + first``).
CANDIDATES: Final = 64
#: Deepest reachable result (``offset + first``).
MAX_WINDOW: Final = 1000
#: Longest query text considered (characters); the rest is ignored.
MAX_QUERY_CHARS: Final = 200
#: Most words per query form considered.
MAX_QUERY_WORDS: Final = 12

HIGHLIGHT_START: Final = "<em>"
HIGHLIGHT_END: Final = "</em>"


#: The most typos a word may have.
MAX_EDITS: Final = 2


def max_edits(length: int) -> int:
    """Typos a query word of ``length`` characters may have: 2 from 8, 1 from 5, else 0."""
    if length >= 8:
        return 2
    if length >= 5:
        return 1
    return 0


def osa_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (adjacent swaps count one), capped at ``limit``.

    rapidfuzz's bit-parallel OSA in C++ (Hyyrö 2003): measured here at 0.7 µs a
    pair of 11-letter words against 19 µs for the same algorithm in Python, where
    a query's typo look-up measures 150-900 dictionary terms (4.7 ms of a search's
    Python time before, most of it this function).
    """
    return min(OSA.distance(a, b, score_cutoff=limit), limit)


def label_class(label: str) -> str:
    """The :data:`KIND_WEIGHTS` class of a form label (a standard ID -> ``standard``)."""
    if label in STANDARDS:
        return "standard"
    return label


def kind_weight(matched_as: str, distance: int = 0) -> float:
    """The weight of a ``matchedAs`` value (fuzzy: by its distance)."""
    if matched_as == FUZZY:
        return KIND_WEIGHTS["fuzzy1" if distance <= 1 else "fuzzy2"]
    return KIND_WEIGHTS.get(label_class(matched_as), KIND_WEIGHTS["standard"])


def field_weight(field_name: str) -> float:
    return FIELD_WEIGHTS.get(field_name, DEFAULT_WEIGHT)


def token_label(query_label: str, stored_label: str) -> str:
    """``matchedAs`` of a token hit: the stored form's label unless it is ``folded``."""
    if stored_label != FOLDED:
        return stored_label
    return FOLDED if query_label == EXACT else query_label


# ------------------------------------------------------------------ documents

#: The JSON-able stored forms of one document: ``{"v": 1, "values": [...]}``, each
#: value ``[field, text, [[label, form, skeleton or ""], ...]]``.
StoredForms = dict[str, Any]
STORED_VERSION: Final = 1


def searchable_values(doc: IndexDocument) -> list[tuple[str, str]]:
    """``(field, text)`` for every searchable string of ``doc``, without repeats."""
    values: list[tuple[str, str]] = [(NAME, doc.name)]
    if doc.register_number:
        values.append((REGISTER_NUMBER, doc.register_number))
    values.extend((KEYWORDS, text) for text in doc.keywords)
    values.extend((HOLDERS, text) for text in doc.holders)
    for name in sorted(doc.extra):
        values.extend((name, text) for text in doc.extra[name])
    seen: set[tuple[str, str]] = set()
    out = []
    for item in values:
        if item[1] and item[1].strip() and item not in seen:
            seen.add(item)
            out.append(item)
    return out


@lru_cache(maxsize=1 << 18)
def word_skeleton(word: str) -> str:
    """:func:`~ipreg.search.translit.skeleton` of one folded word, cached (names share
    words; the skeleton rules never reach across a space, so a form's skeleton is
    its words' skeletons)."""
    return skeleton(word, folded=True)


def form_skeleton(form: str) -> str:
    """The skeleton of a folded form, word by word through :func:`word_skeleton`."""
    if " " not in form:
        return word_skeleton(form)
    return " ".join([word_skeleton(w) for w in form.split(" ")])


def value_forms(field_name: str, text: str) -> list[list[str]]:
    """``[label, form, skeleton or ""]`` for one value (a register number: folded only)."""
    if field_name == REGISTER_NUMBER:
        folded = fold(text)
        pairs = [(FOLDED, folded)] if folded else []
    else:
        pairs = labelled_index_forms(text)
    out = []
    for label, form in pairs:
        skel = "" if field_name == REGISTER_NUMBER else form_skeleton(form)
        out.append([label, form, "" if skel == form else skel])
    return out


@lru_cache(maxsize=1 << 16)
def _cached_value_forms(field_name: str, text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(form) for form in value_forms(field_name, text))


def stored_forms(doc: IndexDocument) -> StoredForms:
    """What to store with ``doc`` for the scorer (computed once, at indexing time).

    The forms of each value are cached (immutable tuples, JSON arrays like lists):
    holders' names repeat across thousands of objects."""
    values = [
        [field_name, text, forms]
        for field_name, text in searchable_values(doc)
        if (forms := _cached_value_forms(field_name, text))
    ]
    return {"v": STORED_VERSION, "values": values}


@dataclass
class FieldTerms:
    """The terms of one field of one document."""

    words: set[str] = field(default_factory=set)
    #: Whole forms without spaces (not for ``NO_COMPACT_FIELDS``).
    values: set[str] = field(default_factory=set)
    skeletons: set[str] = field(default_factory=set)


def index_terms(stored: StoredForms) -> dict[str, FieldTerms]:
    """Field -> the word and skeleton terms a backend indexes (see the module docstring)."""
    out: dict[str, FieldTerms] = {}
    for field_name, text, forms in stored["values"]:
        terms = out.get(field_name)
        if terms is None:
            terms = out[field_name] = FieldTerms()
        compacts = field_name not in NO_COMPACT_FIELDS
        if field_name not in CORE_FIELDS and (key := exact_key(text)):
            terms.values.add(key)
        for _label, form, skel in forms:
            words = form.split(" ")
            terms.words.update(words)
            if field_name != REGISTER_NUMBER:
                terms.skeletons.update((skel or form).split(" "))
            if compacts:
                terms.values.add("".join(words))
    return out


#: Starts the *exact key* of a plugin field's value: never a folded letter or digit,
#: so no compact value term equals it.
EXACT_KEY_MARK: Final = "="


def exact_key(text: str) -> str:
    """The exact key of a plugin field's value or of a query form
    (``SearchField.query_forms``): the text NFKC-normalised, case-folded, its
    whitespace collapsed, after :data:`EXACT_KEY_MARK` (``""`` for blank text).
    Indexed with the value terms of every plugin field's value; punctuation counts
    (``kino-free.test`` is not ``kinofree.test``, ``1.2.3.45`` not ``12.3.4.5``)."""
    collapsed = _collapse(text)
    return EXACT_KEY_MARK + collapsed if collapsed else ""


def filter_terms(value: str) -> set[str]:
    """The value terms a filter value selects: the value folded, without spaces."""
    compact = fold(value).replace(" ", "")
    return {compact} if compact else set()


def visible_fields(
    query: SearchQuery, jurisdiction: str, published: bool, public_fields: Iterable[str]
) -> frozenset[str] | None:
    """The fields ``query``'s caller may match in a document: ``None`` means every
    field (an official of the jurisdiction); an empty set, none (an unpublished
    object for anyone else)."""
    if query.official_everywhere or jurisdiction in query.official_in:
        return None
    if not published:
        return frozenset()
    return frozenset(public_fields)


# ------------------------------------------------------------------ queries


@dataclass(frozen=True)
class QueryWord:
    """One distinct word of the query forms, with what it may match through."""

    text: str
    skel: str
    #: May it match a skeleton term equal to ``skel``?
    phonetic: bool
    #: Skeleton edits allowed (0: no fuzzy matching).
    edits: int
    #: Is it the last word of some form (so it may match as a prefix)?
    prefix: bool
    #: What typos are measured from: the skeleton and, when it differs, the word.
    fuzzy_keys: tuple[str, ...] = ()
    #: ``(key, its length, its letters)`` of each of ``fuzzy_keys``.
    fuzzy_sets: tuple[tuple[str, int, frozenset[str]], ...] = ()
    #: `` text `` (for substring tests on space-joined forms).
    padded: str = ""


@dataclass(frozen=True)
class QueryForm:
    """One query form: its label, its words and their concatenation."""

    label: str
    words: tuple[str, ...]
    compact: str


@dataclass
class QueryPlan:
    """A search text turned into what backends look up and the scorer compares."""

    text: str
    #: The text as typed, whitespace collapsed and case-folded (``exact`` matches).
    exact: str
    forms: tuple[QueryForm, ...]
    #: Every distinct word of the forms.
    words: dict[str, QueryWord]
    #: ``SearchQuery.field_forms`` by :func:`exact_key`: field -> key -> the form.
    field_forms: dict[str, dict[str, str]] = field(default_factory=dict)
    _osa: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)
    _values: dict[tuple[str, str], _ValueResult | None] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return bool(self.forms) or bool(self.field_forms)

    @property
    def field_terms(self) -> dict[str, list[str]]:
        """Field -> the value terms its query forms look up (sorted)."""
        return {name: sorted(terms) for name, terms in sorted(self.field_forms.items())}

    @cached_property
    def spread(self) -> bool:
        """Can words hit in different values (only with a form of several words)?"""
        return any(len(qf.words) > 1 for qf in self.forms)

    @property
    def prefix_words(self) -> list[QueryWord]:
        return [w for w in self.words.values() if w.prefix]

    def fuzzy_distance(self, word: QueryWord, skel_term: str) -> int | None:
        """Edits from ``word`` (its skeleton or, when smaller, the word itself) to the
        skeleton of a stored word with the same first letter, when within ``word.edits``."""
        edits = word.edits
        if not edits or word.skel[:1] != skel_term[:1]:
            return None
        size = len(skel_term)
        best = edits + 1
        memo = self._osa
        for key, length, letters in word.fuzzy_sets:
            if abs(length - size) > edits:
                continue
            known = memo.get((key, skel_term))
            if known is None:
                # Each edit changes the set of letters by at most two: a cheap lower bound.
                # (Memoised with the largest cap, whatever this word allows.)
                if len(letters.symmetric_difference(skel_term)) > 2 * MAX_EDITS:
                    known = MAX_EDITS + 1
                else:
                    known = osa_distance(key, skel_term, MAX_EDITS + 1)
                memo[(key, skel_term)] = known
            if known < best:
                best = known
        return best if best <= edits else None


def _collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def plan_query(
    text: str, field_forms: Sequence[tuple[str, Sequence[str]]] = ()
) -> QueryPlan:
    """The query forms of ``text`` and their distinct words (empty for blank text);
    ``field_forms``: ``SearchQuery.field_forms``, looked up by their value terms."""
    text = text[:MAX_QUERY_CHARS]
    forms: list[QueryForm] = []
    seen: set[tuple[str, ...]] = set()

    def add(label: str, words: tuple[str, ...]) -> None:
        words = tuple(w for w in words if w)[:MAX_QUERY_WORDS]
        if words and words not in seen:
            seen.add(words)
            forms.append(QueryForm(label, words, "".join(words)))

    for label, form in query_forms(text):
        if label == EXACT:
            # The typed text is a form of its own only when it is folded already
            # (``query_forms`` then leaves out the identical ``folded`` form).
            if fold(form) != form:
                continue
            label = FOLDED
        add(label, tuple(form.split(" ")))
    typed = {w for qf in forms for w in qf.words}
    for qf in list(forms):
        if len(qf.words) > 1 and qf.label == FOLDED:
            add(qf.label, (qf.compact,))
    last = {qf.words[-1] for qf in forms}
    words: dict[str, QueryWord] = {}
    for qf in forms:
        for w in qf.words:
            if w not in words:
                skel = word_skeleton(w)
                # The words joined for spacing (``mars2`` of ``Mars 2``) are matched
                # as typed or as a prefix only; digits are never typos.
                loose = w in typed
                keys = (skel,) if skel == w else (skel, w)
                words[w] = QueryWord(
                    text=w,
                    skel=skel,
                    phonetic=loose and len(w) >= MIN_PHONETIC,
                    edits=max_edits(len(w)) if loose and skel.isalpha() and skel.isascii() else 0,
                    prefix=w in last and len(w) >= MIN_PREFIX,
                    fuzzy_keys=keys,
                    fuzzy_sets=tuple((k, len(k), frozenset(k)) for k in keys),
                    padded=f" {w} ",
                )
    by_term: dict[str, dict[str, str]] = {}
    for name, field_values in field_forms:
        if name in CORE_FIELDS:
            continue
        for value in field_values:
            if key := exact_key(value):
                by_term.setdefault(name, {}).setdefault(key, value)
    return QueryPlan(text=text, exact=_collapse(text), forms=tuple(forms), words=words,
                     field_forms=by_term)


# ------------------------------------------------------------------ scoring


@dataclass(frozen=True)
class _WordHit:
    """The best way one query word hits one value: ``weight`` is its kind weight."""

    weight: float
    matched_as: str
    distance: int


@dataclass(frozen=True)
class _FormHit:
    weight: float
    match: Match
    form_index: int
    query_form: QueryForm


@dataclass(frozen=True)
class _ValueResult:
    field: str
    text: str
    best: _FormHit | None
    words: dict[str, _WordHit]


def _bits(mask: int) -> Iterable[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class _Parsed(NamedTuple):
    """One stored value taken apart for the scorer (cached: values repeat).

    A tuple of tuples, strings and dicts of strings to ints: the garbage
    collector stops tracking such objects, so a large cache costs no collection
    time (a tracked cache of this size made full collections take 200 ms).
    """

    labels: tuple[str, ...]
    tokens: dict[str, int]
    compacts: dict[str, int]
    skels: dict[str, int]
    lengths: tuple[int, ...]
    everything: int
    words_line: str
    compacts_line: str
    skel_line: str


def _parse(forms: Sequence[Sequence[str]]) -> _Parsed:
    tokens: dict[str, int] = {}
    compacts: dict[str, int] = {}
    skels: dict[str, int] = {}
    lengths: list[int] = []
    for i, (_label, form, skel) in enumerate(forms):
        bit = 1 << i
        words = form.split(" ")
        for w in words:
            tokens[w] = tokens.get(w, 0) | bit
        compact = "".join(words)
        compacts[compact] = compacts.get(compact, 0) | bit
        lengths.append(len(compact))
        for sk in (skel or form).split(" "):
            skels[sk] = skels.get(sk, 0) | bit
    return _Parsed(
        labels=tuple(f[0] for f in forms),
        tokens=tokens,
        compacts=compacts,
        skels=skels,
        lengths=tuple(lengths),
        everything=(1 << len(forms)) - 1,
        words_line=" " + " ".join(tokens) + " ",
        compacts_line=" " + " ".join(compacts) + " ",
        skel_line=" " + " ".join(skels) + " ",
    )


_PARSED: dict[tuple[str, str], _Parsed] = {}
_PARSED_LIMIT: Final = 50_000


def _parsed(field_name: str, text: str, forms: Sequence[Sequence[str]]) -> _Parsed:
    key = (field_name, text)
    found = _PARSED.get(key)
    if found is None or len(found.labels) != len(forms):
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.clear()
        found = _PARSED[key] = _parse(forms)
    return found


def _completion(form: str, prefix: str) -> int:
    """Length of the shortest word (or the whole form, spaces removed) of ``form``
    that ``prefix`` begins."""
    lengths = [len(w) for w in form.split(" ") if w.startswith(prefix)]
    compact = form.replace(" ", "")
    if compact.startswith(prefix):
        lengths.append(len(compact))
    return min(lengths, default=len(prefix))


def _may_hit(plan: QueryPlan, value: _Parsed) -> bool:
    """Whether any query word can hit this value (C-speed substring tests first)."""
    words, compacts, skels = value.words_line, value.compacts_line, value.skel_line
    fuzzy = False
    for qw in plan.words.values():
        if qw.padded in words or qw.padded in compacts:
            return True
        if qw.prefix and (qw.padded[:-1] in words or qw.padded[:-1] in compacts):
            return True
        if qw.phonetic and f" {qw.skel} " in skels:
            return True
        fuzzy = fuzzy or bool(qw.edits)
    if fuzzy:
        for sk in value.skels:
            for qw in plan.words.values():
                if qw.edits and plan.fuzzy_distance(qw, sk) is not None:
                    return True
    return False


def _evaluate_value(
    plan: QueryPlan, field_name: str, text: str, forms: Sequence[Sequence[str]]
) -> _ValueResult | None:
    value = _parsed(field_name, text, forms)
    if not _may_hit(plan, value):
        return None
    labels = value.labels
    tokens = value.tokens
    compacts = value.compacts
    skels = value.skels
    lengths = value.lengths
    everything = value.everything

    # Per distinct query word: forms hit by token, prefix, phonetic, fuzzy (by distance).
    tok: dict[str, int] = {}
    pre: dict[str, int] = {}
    pho: dict[str, int] = {}
    fuz: dict[str, dict[int, int]] = {}
    word_hits: dict[str, _WordHit] = {}
    for w, qw in plan.words.items():
        t = tokens.get(w, 0) | compacts.get(w, 0)
        tok[w] = t
        if t == everything:
            continue
        start = qw.padded[:-1]
        if qw.prefix and (start in value.words_line or start in value.compacts_line):
            p = 0
            for term, mask in tokens.items():
                if term.startswith(w):
                    p |= mask
            for term, mask in compacts.items():
                if term.startswith(w):
                    p |= mask
            pre[w] = p & ~t
        if qw.phonetic:
            pho[w] = skels.get(qw.skel, 0) & ~t
        if qw.edits and not (t or pho.get(w)):
            # Typos are looked for only where the word has no better hit in the value.
            by_distance: dict[int, int] = {}
            for s, mask in skels.items():
                d = plan.fuzzy_distance(qw, s)
                if d is not None and d > 0:
                    by_distance[d] = by_distance.get(d, 0) | mask
            if by_distance:
                fuz[w] = by_distance

    exact_value = plan.exact == _collapse(text)
    best: _FormHit | None = None
    for qf in plan.forms:
        full = compacts.get(qf.compact, 0)
        candidates = full
        if not full or full != everything:
            mask = everything
            for i, w in enumerate(qf.words):
                any_hit = tok[w] | pho.get(w, 0)
                if i == len(qf.words) - 1:
                    any_hit |= pre.get(w, 0)
                for m in fuz.get(w, {}).values():
                    any_hit |= m
                mask &= any_hit
                if not mask:
                    break
            candidates |= mask
        for f in _bits(candidates):
            if full >> f & 1:
                if exact_value:
                    matched_as, weight, distance = EXACT, KIND_WEIGHTS[EXACT], 0
                else:
                    matched_as = token_label(qf.label, labels[f])
                    weight, distance = kind_weight(matched_as), 0
                coverage = 1.0
            else:
                bit = 1 << f
                last = len(qf.words) - 1
                weight, matched_as, distance = 2.0, FOLDED, 0
                fuzzy_distance = 0
                covered = len(qf.compact)
                for i, w in enumerate(qf.words):
                    if tok[w] & bit:
                        label = token_label(qf.label, labels[f])
                        hit_weight, hit_as = kind_weight(label), label
                    elif pho.get(w, 0) & bit:
                        hit_weight, hit_as = KIND_WEIGHTS[PHONETIC], PHONETIC
                    elif i == last and pre.get(w, 0) & bit:
                        hit_weight, hit_as = KIND_WEIGHTS[PREFIX], PREFIX
                        # The user is typing that word: it counts as covered.
                        covered += _completion(forms[f][1], w) - len(w)
                    else:
                        d = min(d for d, m in fuz[w].items() if m & bit)
                        fuzzy_distance = max(fuzzy_distance, d)
                        hit_weight, hit_as = kind_weight(FUZZY, fuzzy_distance), FUZZY
                    if hit_weight < weight:
                        weight, matched_as = hit_weight, hit_as
                if matched_as == FUZZY:
                    distance = fuzzy_distance
                # Below a whole-value match even when every letter is covered
                # (the same words in another order).
                coverage = min(PARTIAL_COVERAGE, covered / max(lengths[f], 1))
                weight *= 0.6 + 0.4 * coverage
            if best is None or weight > best.weight:
                form_text = forms[f][1]
                best = _FormHit(weight, Match(field_name, matched_as, form_text, distance), f, qf)
    for w, qw in plan.words.items() if plan.spread else ():
        hit: _WordHit | None = None
        if tok[w]:
            label = min(
                (token_label(FOLDED, labels[f]) for f in _bits(tok[w])),
                key=lambda lab: -kind_weight(lab),
            )
            hit = _WordHit(kind_weight(label), label, 0)
        elif pho.get(w):
            hit = _WordHit(KIND_WEIGHTS[PHONETIC], PHONETIC, 0)
        elif qw.prefix and pre.get(w):
            hit = _WordHit(KIND_WEIGHTS[PREFIX], PREFIX, 0)
        elif fuz.get(w):
            d = min(fuz[w])
            hit = _WordHit(kind_weight(FUZZY, d), FUZZY, d)
        if hit is not None:
            word_hits[w] = hit
    if best is None and not word_hits:
        return None
    return _ValueResult(field_name, text, best, word_hits)


def _query_form_hit(
    wanted: Mapping[str, str], field_name: str, text: str, forms: Sequence[Sequence[str]]
) -> _FormHit | None:
    """The hit of a field's query form on one value: equal exact keys."""
    found = wanted.get(exact_key(text))
    if found is None or not forms:
        return None
    form = forms[0][1]
    query_form = QueryForm(QUERY_FORM, tuple(form.split(" ")), form.replace(" ", ""))
    return _FormHit(KIND_WEIGHTS[QUERY_FORM], Match(field_name, QUERY_FORM, found), 0,
                    query_form)


@dataclass(frozen=True)
class Scored:
    """The scorer's verdict on one document."""

    score: float
    matches: tuple[Match, ...]
    #: ``(field, text, form index, query form)`` of the best hit per field, for highlights.
    spots: tuple[tuple[str, str, Sequence[Sequence[str]], int, QueryForm | None], ...] = ()


def score(
    plan: QueryPlan, stored: StoredForms, allowed: Container[str] | None = None
) -> Scored | None:
    """Score one document's stored forms against ``plan``.

    ``allowed``: the fields the caller may match (``None``: every field; see
    :func:`visible_fields`). ``None`` when nothing matches.
    """
    per_field: dict[str, tuple[float, _ValueResult, Sequence[Sequence[str]]]] = {}
    word_best: dict[str, tuple[float, str, _WordHit]] = {}
    for field_name, text, forms in stored["values"]:
        if allowed is not None and field_name not in allowed:
            continue
        key = (field_name, text)
        if key in plan._values:
            result = plan._values[key]
        else:
            result = plan._values[key] = _evaluate_value(plan, field_name, text, forms)
        weight = field_weight(field_name)
        wanted = plan.field_forms.get(field_name)
        if wanted:
            form_hit = _query_form_hit(wanted, field_name, text, forms)
            if form_hit is not None:
                # Exact by construction: it ranks as an exact name whatever the field.
                known = per_field.get(field_name)
                value_score = KIND_WEIGHTS[QUERY_FORM]
                if known is None or value_score > known[0]:
                    per_field[field_name] = (
                        value_score, _ValueResult(field_name, text, form_hit, {}), forms)
        if result is None:
            continue
        if result.best is not None:
            value_score = result.best.weight * weight
            known = per_field.get(field_name)
            if known is None or value_score > known[0]:
                per_field[field_name] = (value_score, result, forms)
        for w, hit in result.words.items():
            word_score = hit.weight * weight
            known_word = word_best.get(w)
            if known_word is None or word_score > known_word[0]:
                word_best[w] = (word_score, field_name, hit)
    ranked = sorted(per_field.items(), key=lambda item: -item[1][0])
    best_single = ranked[0][1][0] if ranked else 0.0
    spread = 0.0
    spread_form: QueryForm | None = None
    for qf in plan.forms:
        if all(w in word_best for w in qf.words):
            value = SPREAD_FACTOR * min(word_best[w][0] for w in qf.words)
            if value > spread:
                spread, spread_form = value, qf
    if not ranked and spread_form is None:
        return None
    if best_single >= spread:
        total = best_single + OTHER_FIELDS_BONUS * sum(item[1][0] for item in ranked[1:])
        matches = []
        spots = []
        for field_name, (_value, result, forms) in ranked:
            assert result.best is not None
            matches.append(result.best.match)
            spots.append(
                (field_name, result.text, forms, result.best.form_index, result.best.query_form)
            )
        return Scored(round(total, 6), tuple(matches), tuple(spots))
    assert spread_form is not None
    total = spread + OTHER_FIELDS_BONUS * sum(item[1][0] for item in ranked)
    by_field: dict[str, list[tuple[str, _WordHit]]] = {}
    for w in spread_form.words:
        _score, field_name, hit = word_best[w]
        by_field.setdefault(field_name, []).append((w, hit))
    spread_matches = []
    for field_name, hits in sorted(by_field.items(), key=lambda item: -field_weight(item[0])):
        weakest = min(hits, key=lambda item: item[1].weight)[1]
        spread_matches.append(
            Match(field_name, weakest.matched_as, " ".join(w for w, _ in hits), weakest.distance)
        )
    return Scored(round(total, 6), tuple(spread_matches), ())


# ------------------------------------------------------------------ highlights

_MARKS: Final = re.escape(APOSTROPHES + DOUBLE_QUOTES)
_ORIGINAL_WORD: Final = re.compile(rf"[^\W_]+(?:[{_MARKS}]+[^\W_]+)*")


def highlight(
    plan: QueryPlan,
    text: str,
    forms: Sequence[Sequence[str]],
    form_index: int,
    query_form: QueryForm | None,
) -> str:
    """``text`` with the words that matched wrapped in ``<em>``...``</em>``."""
    form = forms[form_index][1]
    words = form.split(" ")
    if query_form is None or "".join(words) == query_form.compact:
        return f"{HIGHLIGHT_START}{text}{HIGHLIGHT_END}"
    skel_words = (forms[form_index][2] or form).split(" ")
    last = len(query_form.words) - 1
    hit: set[int] = set()
    for i, w in enumerate(query_form.words):
        qw = plan.words[w]
        for pos, stored in enumerate(words):
            if (
                stored == w
                or (i == last and qw.prefix and stored.startswith(w))
                or (qw.phonetic and pos < len(skel_words) and skel_words[pos] == qw.skel)
                or (pos < len(skel_words) and plan.fuzzy_distance(qw, skel_words[pos]) is not None)
            ):
                hit.add(pos)
    originals = list(_ORIGINAL_WORD.finditer(unicodedata.normalize("NFKC", text)))
    if not hit or len(originals) != len(words):
        return f"{HIGHLIGHT_START}{text}{HIGHLIGHT_END}"
    normal = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    cursor = 0
    for pos, m in enumerate(originals):
        if pos in hit:
            out.append(normal[cursor : m.start()])
            out.append(f"{HIGHLIGHT_START}{m.group()}{HIGHLIGHT_END}")
            cursor = m.end()
    out.append(normal[cursor:])
    return "".join(out)


# ------------------------------------------------------------------ ranking


@dataclass(frozen=True)
class Candidate:
    """A candidate a backend retrieved: its id, stored forms and the fields its
    caller may match (``None``: every field)."""

    object_id: int
    stored: StoredForms
    allowed: Container[str] | None = None


def rank(plan: QueryPlan, candidates: Iterable[Candidate], offset: int, first: int) -> list[Hit]:
    """Score the candidates, order them (score, then smaller id) and return the page
    ``[offset, offset + first)`` as hits with their matches and highlights."""
    scored: list[tuple[float, int, Scored]] = []
    for candidate in candidates:
        verdict = score(plan, candidate.stored, candidate.allowed)
        if verdict is not None:
            scored.append((-verdict.score, candidate.object_id, verdict))
    scored.sort(key=lambda item: (item[0], item[1]))
    hits = []
    for _neg, object_id, verdict in scored[offset : offset + first]:
        highlights = tuple(
            highlight(plan, text, forms, index, qf)
            for _field, text, forms, index, qf in verdict.spots
        )
        hits.append(Hit(object_id, verdict.score, verdict.matches, highlights))
    return hits
