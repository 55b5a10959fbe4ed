"""Code lists more than one Ukrainian register uses: a subset of UKTZED.

UKTZED (УКТ ЗЕД, the Ukrainian classification of goods for foreign economic
activity, Law of Ukraine No. 674-IX "On the Customs Tariff of Ukraine") follows the
Harmonized System to six digits and the EU Combined Nomenclature to eight; its codes
have ten digits. Its first two digits are a chapter (01-97; chapter 77 is reserved),
the first four a heading (товарна позиція). The customs register names goods by
their codes (digest ukraine-customs.md §2.1); the GI register stores product names'
codes and checks a change stays within one heading (ukraine-gi.md VI.3.1 ¶10).

:data:`HEADINGS` is a real subset (the headings the registers' samples use and those
most often met in IP border measures), with Ukrainian and English names; a code is
checked by its structure and chapter (:func:`uktzed_problem`), not against the whole
classifier, which is the deployment's reference data.
"""

from __future__ import annotations

UKTZED_RULE = "UKTZED (Law No. 674-IX): 4, 6, 8 or 10 digits, chapter 01-97 (77 reserved)"

#: Heading (4 digits) -> (Ukrainian name, English name).
HEADINGS: dict[str, tuple[str, str]] = {
    "0406": ("Сири та кисломолочний сир", "Cheese and curd"),
    "0901": ("Кава", "Coffee"),
    "1704": ("Кондитерські вироби з цукру", "Sugar confectionery"),
    "1806": ("Шоколад", "Chocolate"),
    "2009": ("Соки фруктові", "Fruit juices"),
    "2202": ("Води мінеральні та безалкогольні напої", "Waters and soft drinks"),
    "2204": ("Вина виноградні", "Wine of fresh grapes"),
    "2208": ("Спиртні напої", "Spirits"),
    "2402": ("Сигари та сигарети", "Cigars and cigarettes"),
    "3004": ("Ліки", "Medicaments"),
    "3303": ("Парфуми та туалетні води", "Perfumes and toilet waters"),
    "3304": ("Косметичні засоби", "Beauty and make-up preparations"),
    "3305": ("Засоби для волосся", "Hair preparations"),
    "3401": ("Мило", "Soap"),
    "3402": ("Мийні засоби", "Washing preparations"),
    "4011": ("Шини пневматичні", "Pneumatic tyres"),
    "4202": ("Сумки, валізи, гаманці", "Bags, cases and wallets"),
    "4901": ("Книги друковані", "Printed books"),
    "6109": ("Футболки трикотажні", "T-shirts, knitted"),
    "6110": ("Светри, пуловери", "Jerseys and pullovers"),
    "6203": ("Костюми та штани чоловічі", "Men's suits and trousers"),
    "6204": ("Костюми та сукні жіночі", "Women's suits and dresses"),
    "6402": ("Взуття гумове або пластмасове", "Footwear of rubber or plastics"),
    "6403": ("Взуття шкіряне", "Footwear of leather"),
    "6404": ("Взуття текстильне", "Footwear of textiles"),
    "6505": ("Капелюхи трикотажні", "Hats, knitted"),
    "7113": ("Ювелірні вироби", "Jewellery"),
    "8471": ("Обчислювальні машини", "Computers"),
    "8504": ("Трансформатори та зарядні пристрої", "Transformers and chargers"),
    "8507": ("Акумулятори електричні", "Electric accumulators"),
    "8517": ("Телефонні апарати", "Telephone sets"),
    "8518": ("Мікрофони, гучномовці, навушники", "Microphones, loudspeakers, headphones"),
    "8523": ("Носії інформації", "Recording media"),
    "8541": ("Напівпровідникові прилади", "Semiconductor devices"),
    "8542": ("Інтегральні схеми", "Integrated circuits"),
    "8708": ("Частини автомобілів", "Parts of motor vehicles"),
    "9004": ("Окуляри", "Spectacles and sunglasses"),
    "9101": ("Годинники наручні з корпусом з дорогоцінних металів",
             "Wrist-watches of precious metal"),
    "9102": ("Годинники наручні", "Wrist-watches"),
    "9503": ("Іграшки", "Toys"),
    "9504": ("Ігрові консолі", "Video game consoles"),
    "9506": ("Спортивний інвентар", "Sports equipment"),
}


def uktzed_problem(code: str) -> str | None:
    """Why ``code`` is not a UKTZED code (its structure and chapter), or ``None``."""
    if not code.isascii() or not code.isdigit():
        return f"{code!r} is not a UKTZED code: digits only"
    if len(code) not in (4, 6, 8, 10):
        return f"{code!r} is not a UKTZED code: 4, 6, 8 or 10 digits"
    chapter = int(code[:2])
    if not 1 <= chapter <= 97 or chapter == 77:
        return f"{code!r} is not a UKTZED code: chapter {code[:2]} does not exist"
    return None


def heading_of(code: str) -> str:
    """The heading (first four digits) of a UKTZED code."""
    return code[:4]


__all__ = ["HEADINGS", "UKTZED_RULE", "heading_of", "uktzed_problem"]
