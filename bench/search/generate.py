"""Deterministic, streamed, multi-script IP-object records for search benchmarks.

``records(n, seed)`` yields ``n`` :class:`~ipreg.search.backend.IndexDocument`
values (ids 1..n) one at a time: nothing is held in memory but word lists and
a pool of holder names. Names are brand-like: invented words built from the
syllables of each language, mixed with real dictionary words (some of them
very common on purpose, as in real registers: ``Gold``, ``Золотой``,
``Premium``), in Russian, Ukrainian, Kazakh, Belarusian, Kyrgyz, Armenian and
Latin script. Holders follow a Zipf-like law (a few holders own thousands of
marks), as do the words.

``python -m bench.search.generate --n 5 --seed 1`` prints JSON lines.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from ipreg.search.backend import IndexDocument

# ----------------------------------------------------------------------- languages


@dataclass(frozen=True)
class Language:
    code: str
    #: Syllables to invent words from (onset+nucleus chunks).
    syllables: tuple[str, ...]
    #: Real words used in names, most common first.
    words: tuple[str, ...]
    #: Company forms for holders.
    company_forms: tuple[str, ...]
    jurisdiction: str
    country: str


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


LANGUAGES: tuple[Language, ...] = (
    Language(
        "ru",
        _split(
            "ка ло ми ра тор ник ва да ле ро ко ли на ся ша ки бо ру лу ме со ча пи "
            "зо ре ви го ду фе ны ще жа ю ля ё ей ов ий ин ар ор"
        ),
        _split(
            "Золотой Северный Вкусный Мир Дом Сад Звезда Молоко Хлеб Русский Весна Лето "
            "Кондитер Сибирь Волга Берёзка Ёлочка Радуга Сокол Медведь Родник Колос Утро "
            "Красный Октябрь Мишка Белочка Снежок Петушок Сударушка Славянка Забава Добрыня"
        ),
        _split("ООО АО ПАО ОАО ЗАО ИП"),
        "eaeu",
        "RU",
    ),
    Language(
        "uk",
        _split(
            "ка ло мі ра тор ник ва да ле ро ко лі на ся ша кі бо ру лу ме со ча пи "
            "зо ре ві го ду фе ни ще жа ю ля є ї ґа ій ов ськ ий ин ар ор"
        ),
        _split(
            "Смачна Зірка Добрий Хліб Київ Полтавська Галушка Гуцульська Бриндзя Карпати "
            "Дніпро Львівська Криниця Сонячна Калина Вишня Їжачок Ґердан Козацька Рідна "
            "Чорнобривці Світанок Джерело Пшениця Оболонь Черкаська Знам'янка Яворина"
        ),
        _split("ТОВ ПП ПрАТ АТ ФОП"),
        "ukraine",
        "UA",
    ),
    Language(
        "kk",
        _split(
            "қа ла мә ра тұ ға да ле ро көл лі на ся ша кі бө ру лұ ме со ша пі "
            "зо ре ві ғо дү фе ны ңы жа ю ля һа ай ов ас ың ар ор"
        ),
        _split(
            "Алтын Дәм Қазақ Ұлы Жұлдыз Нұр Әсел Ұлытау Алатау Дала Шұбат Бәйтерек Қымыз "
            "Көктем Сарыарқа Жетісу Тұлпар Ақсу Шапағат Бақыт Күміс Самал Іңкәр Ғажап"
        ),
        _split("ТОО АҚ ЖШС ЖК"),
        "eaeu",
        "KZ",
    ),
    Language(
        "be",
        _split(
            "ка ло мі ра тар нік ва да ле ро ко лі на ся ша кі бо ру лу ме са ча пі "
            "зо рэ ві го ду фе ны шча жа ю ля ё ей оў ы ін ар ор"
        ),
        _split(
            "Беларуская Зорка Смачны Добры Камунарка Бульбаш Крынічка Лявоніха Сялянскі "
            "Нёман Палессе Журавінка Васілёк Вераб'ёвічы Белавежа Дранікі Чараўніца Ўлада"
        ),
        _split("ТАА ААТ ЗАТ ПУП"),
        "eaeu",
        "BY",
    ),
    Language(
        "ky",
        _split(
            "ка ло мө ра тү ңа да ле ро көл лү на ся ша кү бо ру лу ме со ча пи "
            "зо ре бү го дү фе ны ңы жа ю ля ай ов ук ын ар ор"
        ),
        _split(
            "Ала-Тоо Көл Бийик Түн Нур Бишкек Сити Ысык Тоо Шоро Максым Чүй Нарын Айдана "
            "Күмүш Жибек Кыял Сүт Булак Токмок Манас Эркин"
        ),
        _split("ЖЧК ААК ЖАК"),
        "eaeu",
        "KG",
    ),
    Language(
        "hy",
        _split(
            "կա լո մի րա տոր նիկ վա դա լե ստ րո կո լի նա սա շա կի բո րու լու մե սո չա "
            "պի զո րե վի գո դու ֆե նի ժա յու լյա ան յան ար որ"
        ),
        _split(
            "Արարատ Երևան Նուռ Ոսկի Աստղ Բջնի Կոտայք Ջերմուկ Գառնի Սևան Արագած Դիլիջան "
            "Նաիրի Ախթամար Շողակաթ Հայկական Արևիկ Մասիս Վան Գյումրի"
        ),
        _split("ՍՊԸ ՓԲԸ ԲԲԸ"),
        "eaeu",
        "AM",
    ),
    Language(
        "latn",
        _split(
            "ko la vi ta zen ro mar sol bel nor tek fi lux pra ve do ri ka ma nu sa xi "
            "qu wi ex on ia ix ar ol en is ber gen"
        ),
        _split(
            "Gold Premium Royal Star Fresh Nord Alpha Classic Original Natural Green Golden "
            "Prime Smart Happy Sweet Crystal Silver Grand Imperial Oasis Sunny Magic Mueller "
            "Muller McDonald's Coca-Cola Snickers Pepsi Mars Twix Bounty Zebra Tiger Eagle"
        ),
        _split("LLC Ltd GmbH Inc S.A. AG"),
        "ukraine",
        "DE",
    ),
)
#: How often each language's names occur (sums to 1).
LANGUAGE_WEIGHTS = (0.34, 0.2, 0.1, 0.06, 0.04, 0.04, 0.22)

KINDS = (
    ("trademark", 0.72),
    ("copyright_object", 0.08),
    ("related_rights_object", 0.04),
    ("geographical_indication", 0.06),
    ("website", 0.10),
)
STATUSES = (("included", 0.78), ("excluded", 0.09), ("suspended", 0.05), ("expired", 0.08))
DOMAINS = (".com", ".ua", ".ru", ".net", ".kz", ".by", ".am")
KIND_CODES = {
    "trademark": "TZ",
    "copyright_object": "AP",
    "related_rights_object": "SP",
    "geographical_indication": "GI",
    "website": "WS",
}


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _zipf_cumulative(n: int, s: float = 1.05) -> list[float]:
    return _cumulative([1 / (rank**s) for rank in range(1, n + 1)])


class Generator:
    """The deterministic record stream (see the module docstring)."""

    def __init__(self, seed: int = 20251123, holders: int = 40_000) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self._lang_cum = _cumulative(LANGUAGE_WEIGHTS)
        self._kind_cum = _cumulative([w for _, w in KINDS])
        self._status_cum = _cumulative([w for _, w in STATUSES])
        self._word_cum = {lang.code: _zipf_cumulative(len(lang.words)) for lang in LANGUAGES}
        self.holders = [self._holder(self.rng) for _ in range(holders)]
        self._holder_cum = _zipf_cumulative(holders, 0.9)

    # -- pieces ---------------------------------------------------------------------

    @staticmethod
    def _pick(rng: random.Random, cum: list[float]) -> int:
        return bisect.bisect_left(cum, rng.random() * cum[-1])

    def _language(self, rng: random.Random) -> Language:
        return LANGUAGES[self._pick(rng, self._lang_cum)]

    @staticmethod
    def _invented(rng: random.Random, lang: Language) -> str:
        syllables = lang.syllables
        size = len(syllables)
        word = "".join(
            syllables[int(rng.random() * size)] for _ in range(2 + int(rng.random() * 2.4))
        )
        return word[:1].upper() + word[1:]

    def _word(self, rng: random.Random, lang: Language) -> str:
        if rng.random() < 0.45:
            return lang.words[self._pick(rng, self._word_cum[lang.code])]
        return self._invented(rng, lang)

    def _name(self, rng: random.Random, lang: Language) -> str:
        roll = rng.random()
        count = 1 if roll < 0.5 else 2 if roll < 0.88 else 3
        name = " ".join(self._word(rng, lang) for _ in range(count))
        if rng.random() < 0.07:
            name = name.upper()
        if rng.random() < 0.05:
            name = f"«{name}»"
        return name

    def _holder(self, rng: random.Random) -> tuple[str, str]:
        lang = self._language(rng)
        forms = lang.company_forms
        form = forms[0] if rng.random() < 0.6 else rng.choice(forms[1:])
        core = " ".join(self._invented(rng, lang) for _ in range(rng.choice((1, 1, 2))))
        if lang.code == "latn":
            return f"{core} {form}", lang.country
        return f"{form} «{core}»" if rng.random() < 0.5 else f"{form} {core}", lang.country

    # -- records --------------------------------------------------------------------

    def record(self, object_id: int) -> dict[str, Any]:
        """Record ``object_id`` as an ``ipreg import objects`` line (plus ``id``,
        ``version``, ``published``): the same for the same seed, whatever else was
        generated before."""
        rng = random.Random(self.seed * 1_000_003 + object_id)
        lang = self._language(rng)
        kind = KINDS[self._pick(rng, self._kind_cum)][0]
        status = STATUSES[self._pick(rng, self._status_cum)][0]
        jurisdiction = lang.jurisdiction if rng.random() < 0.8 else rng.choice(("eaeu", "ukraine"))
        if kind == "website":
            name = self._invented(rng, LANGUAGES[-1]).lower() + rng.choice(DOMAINS)
        else:
            name = self._name(rng, lang)
        holders = [
            self.holders[self._pick(rng, self._holder_cum)]
            for _ in range(1 if rng.random() < 0.85 else 2)
        ]
        keywords: list[str] = []
        if rng.random() < 0.3:
            keywords = [self._word(rng, lang) for _ in range(rng.choice((1, 2)))]
        if jurisdiction == "eaeu":
            number = f"{object_id % 100000:05d}/{KIND_CODES[kind]}/{rng.randrange(1, 10000):04d}"
        else:
            number = f"UA{rng.randrange(2000, 2026)}{object_id:08d}"
        return {
            "id": object_id,
            "version": rng.randrange(1, 6),
            "jurisdiction": jurisdiction,
            "kind": kind,
            "name": name,
            "keywords": keywords,
            "holders": [{"name": h, "country": c} for h, c in holders],
            "registerNumber": number,
            "status": status,
            "published": rng.random() < 0.95,
        }

    def document(self, object_id: int) -> IndexDocument:
        return document(self.record(object_id))

    def records(self, n: int, start: int = 1) -> Iterator[IndexDocument]:
        for object_id in range(start, start + n):
            yield self.document(object_id)


def document(record: Mapping[str, Any]) -> IndexDocument:
    """The search document of a generated record."""
    return IndexDocument(
        id=record["id"],
        version=record.get("version", 1),
        jurisdiction=record["jurisdiction"],
        kind=record["kind"],
        status=record["status"],
        published=record.get("published", True),
        name=record["name"],
        register_number=record.get("registerNumber"),
        keywords=tuple(record.get("keywords", ())),
        holders=tuple(h["name"] for h in record.get("holders", ())),
        holder_countries=tuple(sorted({h["country"] for h in record.get("holders", ())})),
    )


def records(n: int, seed: int = 20251123) -> Iterator[IndexDocument]:
    """``n`` records with ids 1..n (see :class:`Generator`)."""
    return Generator(seed).records(n)


def batches(n: int, size: int, seed: int = 20251123) -> Iterator[list[IndexDocument]]:
    stream = records(n, seed)
    while batch := list(itertools.islice(stream, size)):
        yield batch


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20251123)
    args = parser.parse_args(argv)
    gen = Generator(args.seed)
    out = sys.stdout.buffer
    for object_id in range(1, args.n + 1):
        out.write(orjson.dumps(gen.record(object_id)) + b"\n")


if __name__ == "__main__":
    main()
