"""Reference data of the EAEU register: the code lists of Appendix 1 and the qualifiers it uses.

Inline lists of R174 Appendix 1 (digest §4.11) are loaded in full. Of the
qualifiers of R148 table 5 (digest §5) the seeds give no content; where a real
list is known, a small real subset is loaded with ``partial=True`` and the
source says so. Names are given in en/ru and, where we have them, kk/hy/be/ky.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from ipreg.core.extension import Code, CodeList
from ipreg.core.refdata import OBJECT_KINDS, countries


def _n(en: str, ru: str, kk: str = "", hy: str = "", be: str = "", ky: str = "",
       uk: str = "") -> dict[str, str]:
    names = {"en": en, "ru": ru, "kk": kk, "hy": hy, "be": be, "ky": ky, "uk": uk}
    return {lang: name for lang, name in names.items() if name}


# ---------------------------------------------------------------- member states


@dataclass(frozen=True)
class MemberState:
    """A member state and its central customs authority (R148 P.SP.01.ACT.001)."""

    country: str
    authority: Mapping[str, str]
    authority_short: str


#: The five member states (digest §1.2: named by the project brief, confirmed by §10 F2).
#: The seeds speak of "each member state" without listing them; every fan-out to the
#: central customs authorities (CCAs) iterates over this tuple.
MEMBER_STATES: tuple[MemberState, ...] = (
    MemberState(
        "AM",
        _n("State Revenue Committee of the Republic of Armenia",
           "Комитет государственных доходов Республики Армения",
           hy="Հայաստանի Հանրապետության պետական եկամուտների կոմիտե"),
        "КГД РА",
    ),
    MemberState(
        "BY",
        _n("State Customs Committee of the Republic of Belarus",
           "Государственный таможенный комитет Республики Беларусь",
           be="Дзяржаўны мытны камітэт Рэспублікі Беларусь"),
        "ГТК РБ",
    ),
    MemberState(
        "KZ",
        _n("State Revenue Committee of the Ministry of Finance of the Republic of Kazakhstan",
           "Комитет государственных доходов Министерства финансов Республики Казахстан",
           kk="Қазақстан Республикасы Қаржы министрлігінің Мемлекеттік кірістер комитеті"),
        "КГД МФ РК",
    ),
    MemberState(
        "KG",
        _n("State Customs Service of the Kyrgyz Republic",
           "Государственная таможенная служба Кыргызской Республики",
           ky="Кыргыз Республикасынын Мамлекеттик бажы кызматы"),
        "ГТС КР",
    ),
    MemberState(
        "RU",
        _n("Federal Customs Service of the Russian Federation",
           "Федеральная таможенная служба Российской Федерации"),
        "ФТС России",
    ),
)
MEMBER_STATE_CODES: tuple[str, ...] = tuple(m.country for m in MEMBER_STATES)


def member_state(country: str) -> MemberState | None:
    return next((m for m in MEMBER_STATES if m.country == country), None)


# ---------------------------------------------------------------- kinds of IP objects

#: R174 A1 T1 5.1.2: the kind code (Cyrillic, as in the law), its Latin form used in the
#: display number (``NNNNN/TZ/NNNN``, digest §4.1 [Project note]) and the core kind.
KIND_CODES: dict[str, tuple[str, str]] = {
    "АП": ("AP", "copyright_object"),
    "СП": ("SP", "related_rights_object"),
    "ТЗ": ("TZ", "trademark"),
}
LATIN_TO_KIND = {latin: cyr for cyr, (latin, _) in KIND_CODES.items()}
CORE_TO_KIND = {core: cyr for cyr, (_, core) in KIND_CODES.items()}


def kind_code(value: str) -> str | None:
    """The Cyrillic kind code (АП/СП/ТЗ) of a Cyrillic, Latin or core kind; None if unknown."""
    v = value.strip()
    if v in KIND_CODES:
        return v
    upper = v.upper()
    if upper in LATIN_TO_KIND:
        return LATIN_TO_KIND[upper]
    return CORE_TO_KIND.get(v)


# ---------------------------------------------------------------- inline lists of Appendix 1

#: R174 A1 table 7: roles of persons in the turnover, with the legality flags (T1 6.4.1)
#: the role may be used with. Role 30 (licensee) only with flag 1 (original goods).
TURNOVER_ROLES: dict[str, tuple[dict[str, str], frozenset[int]]] = {
    "10": (_n("Consignee", "Грузополучатель", "Жүк алушы", "Բեռնառու", "Грузаатрымальнік",
              "Жүк алуучу"), frozenset({0, 1})),
    "20": (_n("Importer", "Импортер", "Импорттаушы", "Ներմուծող", "Імпарцёр", "Импорттоочу"),
           frozenset({0, 1})),
    "30": (_n("Licensee", "Лицензиат", "Лицензиат", "Լիցենզառու", "Ліцэнзіят", "Лицензиат"),
           frozenset({1})),
    "50": (_n("Carrier", "Перевозчик", "Тасымалдаушы", "Փոխադրող", "Перавозчык", "Ташуучу"),
           frozenset({0, 1})),
    "60": (_n("Manufacturer", "Производитель", "Өндіруші", "Արտադրող", "Вытворца",
              "Өндүрүүчү"), frozenset({0, 1})),
    "90": (_n("Exporter", "Экспортер", "Экспорттаушы", "Արտահանող", "Экспарцёр",
              "Экспорттоочу"), frozenset({0, 1})),
}

#: R174 A1 T1 6.4.1.
LEGALITY = {
    "1": _n("Turnover of original goods", "Оборот оригинальных товаров",
            "Түпнұсқа тауарлардың айналымы", "Բնօրինակ ապրանքների շրջանառություն",
            "Абарот арыгінальных тавараў", "Түп нуска товарлардын жүгүртүлүшү"),
    "0": _n("Goods showing signs of infringement of rights",
            "Товары, обладающие признаками нарушения прав на ОИС",
            "Құқықтарды бұзу белгілері бар тауарлар",
            "Իրավունքների խախտման հատկանիշներ ունեցող ապրանքներ",
            "Тавары з прыкметамі парушэння правоў",
            "Укуктарды бузуу белгилери бар товарлар"),
}

#: R174 A1 table 8 item 1.6.
ROUTE_POINT_KINDS = {
    "1": _n("Transhipment", "Перегрузка", "Қайта тиеу", "Վերաբեռնում", "Перагрузка",
            "Кайра жүктөө"),
    "2": _n("Storage place", "Место хранения", "Сақтау орны", "Պահպանման վայր",
            "Месца захоўвання", "Сактоо жери"),
    "3": _n("Place of crossing the customs border", "Место пересечения таможенной границы",
            "Кедендік шекарадан өту орны", "Մաքսային սահմանի հատման վայր",
            "Месца перасячэння мытнай мяжы", "Бажы чек арасын кесип өтүү жери"),
    "4": _n("Place of customs operations and customs control",
            "Место совершения таможенных операций и проведения таможенного контроля",
            "Кедендік операциялар жасау және кедендік бақылау жүргізу орны",
            "Մաքսային գործառնությունների և մաքսային հսկողության վայր",
            "Месца здзяйснення мытных аперацый і правядзення мытнага кантролю",
            "Бажы операцияларын жүргүзүү жана бажы көзөмөлү жери"),
}

#: R174 A1 table 5 item 1.
ADDRESS_KINDS = {
    "1": _n("Registration address", "Адрес регистрации", "Тіркеу мекенжайы", "Գրանցման հասցե",
            "Адрас рэгістрацыі", "Каттоо дареги"),
    "2": _n("Actual address", "Фактический адрес", "Нақты мекенжай", "Փաստացի հասցե",
            "Фактычны адрас", "Иш жүзүндөгү дарек"),
    "3": _n("Postal address", "Почтовый адрес", "Пошталық мекенжай", "Փոստային հասցե",
            "Паштовы адрас", "Почта дареги"),
}

#: R174 A1 table 6 item 1.
CONTACT_CHANNELS = {
    "AO": _n("Website address on the Internet", "Адрес сайта в сети Интернет",
             "Интернет-сайт мекенжайы", "Ինտերնետային կայքի հասցե", "Адрас сайта ў сетцы Інтэрнэт",
             "Интернеттеги сайттын дареги"),
    "EM": _n("E-mail", "Электронная почта", "Электрондық пошта", "Էլեկտրոնային փոստ",
             "Электронная пошта", "Электрондук почта"),
    "FX": _n("Fax", "Телефакс", "Факс", "Ֆաքս", "Тэлефакс", "Факс"),
    "TE": _n("Telephone", "Телефон", "Телефон", "Հեռախոս", "Тэлефон", "Телефон"),
    "TG": _n("Telegraph", "Телеграф", "Телеграф", "Հեռագիր", "Тэлеграф", "Телеграф"),
    "TL": _n("Telex", "Телекс", "Телекс", "Տելեքս", "Тэлекс", "Телекс"),
}

#: R174 A1 T1 5.7.3 (copyright objects only).
TERM_DEFINED = {
    "1": _n("The term of the copyright is defined", "Срок действия авторского права определен",
            "Авторлық құқықтың қолданылу мерзімі анықталған"),
    "0": _n("The term of the copyright is not defined",
            "Срок действия авторского права не определен",
            "Авторлық құқықтың қолданылу мерзімі анықталмаған"),
}

#: R174 A1 T1 8.1 statuses of a register entry, plus the states an object has before it
#: becomes an entry (these are not T1 8.1 statuses and never enter the status history).
REGISTER_STATUSES = {
    "included": _n("IP object included in the register", "ОИС включен в Единый реестр",
                   "ЗМО Бірыңғай тізілімге енгізілді",
                   "ՄՍՕ-ն ներառված է Միասնական ռեեստրում", "ОІУ уключаны ў Адзіны рэестр",
                   "ИМО Бирдиктүү реестрге киргизилди"),
    "changed": _n("Data on the IP object changed in the register",
                  "Сведения об ОИС изменены в Едином реестре",
                  "ЗМО туралы мәліметтер Бірыңғай тізілімде өзгертілді",
                  "ՄՍՕ-ի մասին տվյալները փոփոխվել են Միասնական ռեեստրում",
                  "Звесткі пра ОІУ зменены ў Адзіным рэестры",
                  "ИМО жөнүндө маалыматтар Бирдиктүү реестрде өзгөртүлдү"),
    "prolonged": _n("Protection term of the IP object prolonged", "Срок защиты ОИС продлен",
                    "ЗМО қорғау мерзімі ұзартылды", "ՄՍՕ-ի պաշտպանության ժամկետը երկարաձգվել է",
                    "Тэрмін аховы ОІУ падоўжаны", "ИМОну коргоо мөөнөтү узартылды"),
    "excluded": _n("IP object excluded from the register", "ОИС исключен из Единого реестра",
                   "ЗМО Бірыңғай тізілімнен алып тасталды",
                   "ՄՍՕ-ն հանվել է Միասնական ռեեստրից", "ОІУ выключаны з Адзінага рэестра",
                   "ИМО Бирдиктүү реестрден чыгарылды"),
}
PRE_REGISTER_STATUSES = {
    "application": _n("Declared in an application under consideration",
                      "Заявлен в рассматриваемом заявлении"),
    "refused": _n("Inclusion refused (never entered the register)",
                  "Отказано во включении (в реестр не внесен)"),
    "consideration_refused": _n("Consideration of the application refused",
                                "Отказано в рассмотрении заявления"),
    "withdrawn": _n("Application withdrawn", "Заявление отозвано"),
}
IN_FORCE_STATUSES = frozenset({"included", "changed", "prolonged"})

# ---------------------------------------------------------------- qualifiers (real subsets)

#: P.CLS.015, classifier of modes of transport and transportation of goods (CU Commission
#: Decision No. 378 of 20 September 2010): a real subset (the main two-digit codes).
TRANSPORT_MODES = {
    "10": _n("Sea transport", "Морской транспорт"),
    "20": _n("Rail transport", "Железнодорожный транспорт"),
    "30": _n("Road transport", "Автодорожный транспорт"),
    "40": _n("Air transport", "Воздушный транспорт"),
    "50": _n("Postal consignment", "Почтовое отправление"),
    "71": _n("Pipeline transport", "Трубопроводный транспорт"),
    "72": _n("Power lines", "Линии электропередачи"),
    "80": _n("Inland waterway transport", "Внутренний водный транспорт"),
    "90": _n("Vehicle moving under its own power as goods",
             "Транспортное средство, перемещающееся в качестве товара своим ходом"),
}

#: P.CLS.018, classifier of kinds of cargo, packaging and packaging materials (Decision
#: No. 378; codes of UN/ECE Recommendation 21): a real subset.
PACKAGE_KINDS = {
    "BA": _n("Barrel", "Бочка"),
    "BG": _n("Bag", "Мешок"),
    "BX": _n("Box", "Ящик"),
    "CR": _n("Crate", "Обрешетка"),
    "CT": _n("Carton", "Картонная коробка"),
    "DR": _n("Drum", "Барабан"),
    "NE": _n("Unpacked or unpackaged", "Без упаковки"),
    "PK": _n("Package", "Упаковка"),
    "PX": _n("Pallet", "Поддон"),
    "RO": _n("Roll", "Рулон"),
}

#: P.CLS.037, Nice Classification (NCL, 12th edition): all 45 classes, headings shortened.
NICE_CLASSES: dict[int, dict[str, str]] = {
    1: _n("Chemicals", "Химические продукты"),
    2: _n("Paints, varnishes", "Краски, лаки"),
    3: _n("Cosmetics and cleaning preparations", "Косметические и чистящие средства"),
    4: _n("Industrial oils and fuels", "Технические масла и топливо"),
    5: _n("Pharmaceuticals", "Фармацевтические препараты"),
    6: _n("Common metals", "Неблагородные металлы"),
    7: _n("Machines and machine tools", "Машины и станки"),
    8: _n("Hand tools", "Ручные инструменты"),
    9: _n("Scientific and electronic apparatus, computers, recordings",
         "Научные и электронные приборы, компьютеры, записи"),
    10: _n("Medical apparatus", "Медицинские приборы"),
    11: _n("Lighting, heating and cooking apparatus", "Осветительные, нагревательные и варочные "
                                                       "устройства"),
    12: _n("Vehicles", "Транспортные средства"),
    13: _n("Firearms and fireworks", "Огнестрельное оружие и фейерверки"),
    14: _n("Jewellery and watches", "Ювелирные изделия и часы"),
    15: _n("Musical instruments", "Музыкальные инструменты"),
    16: _n("Paper and printed matter", "Бумага и печатная продукция"),
    17: _n("Rubber and plastics for manufacture", "Каучук и пластмассы"),
    18: _n("Leather goods and luggage", "Изделия из кожи, багаж"),
    19: _n("Non-metallic building materials", "Неметаллические строительные материалы"),
    20: _n("Furniture", "Мебель"),
    21: _n("Household utensils", "Хозяйственная утварь"),
    22: _n("Ropes, tents, sacks", "Канаты, палатки, мешки"),
    23: _n("Yarns and threads", "Пряжа и нити"),
    24: _n("Textiles", "Ткани"),
    25: _n("Clothing, footwear, headwear", "Одежда, обувь, головные уборы"),
    26: _n("Lace, buttons, haberdashery", "Кружева, пуговицы, галантерея"),
    27: _n("Carpets and floor coverings", "Ковры и напольные покрытия"),
    28: _n("Games and toys", "Игры и игрушки"),
    29: _n("Meat, dairy products, preserved foods", "Мясо, молочные продукты, консервы"),
    30: _n("Coffee, tea, bakery and confectionery", "Кофе, чай, хлебобулочные и кондитерские "
                                                    "изделия"),
    31: _n("Agricultural products", "Сельскохозяйственные продукты"),
    32: _n("Beers and non-alcoholic beverages", "Пиво и безалкогольные напитки"),
    33: _n("Alcoholic beverages except beers", "Алкогольные напитки, кроме пива"),
    34: _n("Tobacco and smokers' articles", "Табак и курительные принадлежности"),
    35: _n("Advertising and business", "Реклама и бизнес"),
    36: _n("Finance, insurance, real estate", "Финансы, страхование, недвижимость"),
    37: _n("Construction and repair", "Строительство и ремонт"),
    38: _n("Telecommunications", "Телекоммуникации"),
    39: _n("Transport and storage", "Транспорт и хранение"),
    40: _n("Treatment of materials", "Обработка материалов"),
    41: _n("Education and entertainment", "Образование и развлечения"),
    42: _n("Scientific and IT services", "Научные и IT-услуги"),
    43: _n("Food and accommodation services", "Услуги общественного питания и проживания"),
    44: _n("Medical and agricultural services", "Медицинские и сельскохозяйственные услуги"),
    45: _n("Legal and security services", "Юридические услуги и услуги безопасности"),
}

#: P.CLS.003, CN FEA EAEU (ТН ВЭД ЕАЭС): a real subset of six-digit subheadings (the first
#: six digits, as T1 6.2 requires at least), those the demo and the tests use.
CN_FEA = {
    "040120": _n("Milk, fat content 1-6 %", "Молоко жирностью более 1 %, но не более 6 %"),
    "090121": _n("Coffee, roasted, not decaffeinated", "Кофе жареный с кофеином"),
    "090210": _n("Green tea in packings ≤ 3 kg", "Чай зеленый в упаковках не более 3 кг"),
    "170490": _n("Sugar confectionery without cocoa, other",
                 "Кондитерские изделия из сахара без какао, прочие"),
    "180632": _n("Chocolate in blocks or bars, not filled",
                 "Шоколад в блоках, плитках или брусках, ненаполненный"),
    "180690": _n("Chocolate and cocoa preparations, other",
                 "Шоколад и продукты, содержащие какао, прочие"),
    "190110": _n("Food preparations for infant use", "Детское питание"),
    "190531": _n("Sweet biscuits", "Печенье сладкое"),
    "220110": _n("Mineral and aerated waters", "Воды минеральные и газированные"),
    "220300": _n("Beer made from malt", "Пиво солодовое"),
    "220820": _n("Spirits from distilled grape wine (brandy)",
                 "Спиртные напитки из дистиллированного виноградного вина (коньяк)"),
    "220870": _n("Liqueurs and cordials", "Ликеры"),
    "240220": _n("Cigarettes containing tobacco", "Сигареты, содержащие табак"),
    "300490": _n("Medicaments in doses, other", "Лекарственные средства в дозированном виде, "
                                                "прочие"),
    "330300": _n("Perfumes and toilet waters", "Духи и туалетная вода"),
    "330499": _n("Beauty or make-up preparations, other", "Косметические средства прочие"),
    "340111": _n("Toilet soap", "Мыло туалетное"),
    "401110": _n("New pneumatic tyres for motor cars",
                 "Шины пневматические новые для легковых автомобилей"),
    "420221": _n("Handbags with outer surface of leather",
                 "Сумки с лицевой поверхностью из натуральной кожи"),
    "490199": _n("Printed books, other", "Книги печатные прочие"),
    "610910": _n("T-shirts of cotton, knitted", "Футболки трикотажные хлопчатобумажные"),
    "620342": _n("Men's trousers of cotton", "Брюки мужские хлопчатобумажные"),
    "640399": _n("Footwear with leather uppers, other", "Обувь с верхом из натуральной кожи, "
                                                        "прочая"),
    "640411": _n("Sports footwear with textile uppers",
                 "Обувь спортивная с верхом из текстильных материалов"),
    "846721": _n("Drills with self-contained electric motor",
                 "Дрели со встроенным электродвигателем"),
    "847130": _n("Portable computers", "Портативные вычислительные машины"),
    "851713": _n("Smartphones", "Смартфоны"),
    "852349": _n("Optical media, recorded", "Носители записи оптические прочие"),
    "910211": _n("Wrist-watches, battery-powered, mechanical display",
                 "Часы наручные с батарейным питанием, с механической индикацией"),
    "950300": _n("Toys", "Игрушки"),
}


# ---------------------------------------------------------------- the code lists


def _list(list_id: str, names: dict[str, str], codes: Mapping[str, Mapping[str, str]],
          source: str, partial: bool = False) -> CodeList:
    return CodeList(list_id, names, [Code(c, n) for c, n in codes.items()], source=source,
                    partial=partial)


@cache
def code_lists() -> list[CodeList]:
    """Every code list the plugin registers (hook ``ipreg_register_code_lists``)."""
    world = countries()
    states = []
    for m in MEMBER_STATES:
        country = world.get(m.country)
        names = dict(country.names) if country else {"en": m.country}
        attrs = {"authority": m.authority["en"], "authorityRu": m.authority["ru"],
                 "authorityShort": m.authority_short}
        states.append(Code(m.country, names, attrs))
    kinds = [
        Code(cyr, OBJECT_KINDS[core], {"latin": latin, "coreKind": core})
        for cyr, (latin, core) in KIND_CODES.items()
    ]
    roles = [
        Code(code, names, {"legality": ",".join(str(f) for f in sorted(flags, reverse=True))})
        for code, (names, flags) in TURNOVER_ROLES.items()
    ]
    statuses = [Code(c, n, {"inForce": str(c in IN_FORCE_STATUSES).lower(), "t1_8_1": "true"})
                for c, n in REGISTER_STATUSES.items()]
    statuses += [Code(c, n, {"inForce": "false", "t1_8_1": "false"})
                 for c, n in PRE_REGISTER_STATUSES.items()]
    return [
        CodeList("eaeu_member_states",
                 _n("EAEU member states and their central customs authorities",
                    "Государства – члены ЕАЭС и их центральные таможенные органы"),
                 states, source="Treaty on the EAEU; R148 P.SP.01.ACT.001 (authorized bodies)"),
        CodeList("eaeu_object_kinds", _n("Kinds of IP objects (EAEU register)",
                                          "Виды ОИС (Единый реестр)"),
                 kinds, source="R174 Appendix 1 table 1 item 5.1.2"),
        CodeList("eaeu_turnover_roles",
                 _n("Roles of persons in the turnover of goods", "Роли лиц в обороте товаров"),
                 roles, source="R174 Appendix 1 table 7 (attribute legality: allowed values "
                 "of the legality flag T1 6.4.1)"),
        _list("eaeu_legality", _n("Legality flag of the turnover", "Признак легальности оборота"),
              LEGALITY, "R174 Appendix 1 table 1 item 6.4.1"),
        _list("eaeu_route_point_kinds", _n("Route point flags", "Признаки пунктов маршрута"),
              ROUTE_POINT_KINDS, "R174 Appendix 1 table 8 item 1.6"),
        _list("eaeu_address_kinds", _n("Kinds of address", "Виды адреса"), ADDRESS_KINDS,
              "R174 Appendix 1 table 5 item 1"),
        _list("eaeu_contact_channels", _n("Kinds of contact channel", "Виды связи"),
              CONTACT_CHANNELS, "R174 Appendix 1 table 6 item 1"),
        _list("eaeu_term_defined", _n("Defined or undefined term of the copyright",
                                      "Признак определенного срока действия авторского права"),
              TERM_DEFINED, "R174 Appendix 1 table 1 item 5.7.3"),
        CodeList("eaeu_statuses", _n("Statuses of IP objects in the EAEU register",
                                     "Статусы ОИС в Едином реестре"), statuses,
                 source="R174 Appendix 1 table 1 item 8.1 (t1_8_1=true); the others are "
                 "states of declared objects before inclusion (ipreg)"),
        _list("eaeu_transport_modes", _n("Modes of transport", "Виды транспорта"),
              TRANSPORT_MODES, "P.CLS.015, CU Commission Decision No. 378 of 20.09.2010 "
              "(real subset)", partial=True),
        _list("eaeu_package_kinds", _n("Kinds of cargo, packaging and packaging materials",
                                       "Виды груза, упаковки и упаковочных материалов"),
              PACKAGE_KINDS, "P.CLS.018, CU Commission Decision No. 378 of 20.09.2010; "
              "UN/ECE Recommendation 21 codes (real subset)", partial=True),
        CodeList("eaeu_nice_classes", _n("Nice Classification classes", "Классы МКТУ"),
                 [Code(str(n), names) for n, names in NICE_CLASSES.items()],
                 source="P.CLS.037, Nice Classification 12th edition (class headings "
                 "shortened)"),
        _list("eaeu_cn_fea", _n("CN FEA EAEU commodity codes (six-digit subheadings)",
                                "ТН ВЭД ЕАЭС (субпозиции, первые 6 знаков)"),
              CN_FEA, "P.CLS.003, CN FEA EAEU / HS 2022 six-digit subheadings (real subset)",
              partial=True),
    ]
