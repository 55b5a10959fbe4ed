"""The core's reference data: code lists every jurisdiction shares.

Countries come from ISO 3166-1 through ``pycountry``, which ships the official
names and their translations (Debian's iso-codes) in every language we serve.
The other lists are the core's own vocabularies, named in en/uk/ru/kk/hy/be/ky.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from ipreg.core.extension import LANGUAGES, Code, CodeList, ObjectKind


def _n(
    en: str, uk: str, ru: str, kk: str = "", hy: str = "", be: str = "", ky: str = ""
) -> dict[str, str]:
    names = {"en": en, "uk": uk, "ru": ru, "kk": kk, "hy": hy, "be": be, "ky": ky}
    return {lang: name for lang, name in names.items() if name}


OBJECT_KINDS: dict[str, dict[str, str]] = {
    "trademark": _n(
        "Trademark (service mark)",
        "Торговельна марка",
        "Товарный знак",
        "Тауар белгісі",
        "Ապրանքային նշան",
        "Таварны знак",
        "Товардык белги",
    ),
    "copyright_object": _n(
        "Copyright object",
        "Об'єкт авторського права",
        "Объект авторского права",
        "Авторлық құқық объектісі",
        "Հեղինակային իրավունքի օբյեկտ",
        "Аб'ект аўтарскага права",
        "Автордук укук объектиси",
    ),
    "related_rights_object": _n(
        "Object of related rights",
        "Об'єкт суміжних прав",
        "Объект смежных прав",
        "Сабақтас құқықтар объектісі",
        "Հարակից իրավունքների օբյեկտ",
        "Аб'ект сумежных правоў",
        "Чектеш укуктар объектиси",
    ),
    "geographical_indication": _n(
        "Geographical indication",
        "Географічне зазначення",
        "Географическое указание",
        "Географиялық нұсқама",
        "Աշխարհագրական նշում",
        "Геаграфічнае ўказанне",
        "Географиялык көрсөткүч",
    ),
    "website": _n("Website", "Вебсайт", "Веб-сайт", "Веб-сайт", "Կայք", "Вэб-сайт", "Веб-сайт"),
    # Industrial-property objects a customs register may protect besides marks and GIs
    # (EU Reg. 608/2013 Art. 2(1); the Ukrainian customs register, Customs Code Art. 398).
    "invention": _n("Invention", "Винахід", "Изобретение"),
    "industrial_design": _n("Industrial design", "Промисловий зразок", "Промышленный образец"),
    "plant_variety": _n("Plant variety", "Сорт рослин", "Сорт растений"),
    "semiconductor_topography": _n("Semiconductor topography",
                                   "Топографія інтегральної мікросхеми",
                                   "Топология интегральной микросхемы"),
}

PARTY_ROLES: dict[str, dict[str, str]] = {
    "holder": _n(
        "Right holder",
        "Правовласник",
        "Правообладатель",
        "Құқық иеленуші",
        "Իրավատեր",
        "Праваўладальнік",
        "Укук ээси",
    ),
    "representative": _n(
        "Representative",
        "Представник",
        "Представитель",
        "Өкіл",
        "Ներկայացուցիչ",
        "Прадстаўнік",
        "Өкүл",
    ),
    "authorized_person": _n(
        "Authorized contact person",
        "Уповноважена особа",
        "Уполномоченное лицо",
        "Уәкілетті тұлға",
        "Լիազորված անձ",
        "Упаўнаважаная асоба",
        "Ыйгарым укуктуу адам",
    ),
    "applicant": _n(
        "Applicant", "Заявник", "Заявитель", "Өтініш беруші", "Դիմող", "Заяўнік", "Арыз берүүчү"
    ),
}

PARTY_TYPES: dict[str, dict[str, str]] = {
    "legal": _n(
        "Legal entity",
        "Юридична особа",
        "Юридическое лицо",
        "Заңды тұлға",
        "Իրավաբանական անձ",
        "Юрыдычная асоба",
        "Юридикалык жак",
    ),
    "natural": _n(
        "Natural person",
        "Фізична особа",
        "Физическое лицо",
        "Жеке тұлға",
        "Ֆիզիկական անձ",
        "Фізічная асоба",
        "Жеке адам",
    ),
}

#: Statuses shared by registers; a plugin's own list may add more (EAEU table 1 item 8.1).
OBJECT_STATUSES: dict[str, dict[str, str]] = {
    "filed": _n("Application filed", "Заявку подано", "Заявление подано", "Өтініш берілді",
                "Դիմումը ներկայացված է", "Заява пададзена", "Арыз берилди"),
    "included": _n("Included in the register", "Внесено до реєстру", "Включен в реестр",
                   "Тізілімге енгізілді", "Ներառված է ռեեստրում", "Уключаны ў рэестр",
                   "Реестрге киргизилди"),
    "registered": _n("Registered", "Зареєстровано", "Зарегистрирован", "Тіркелді",
                     "Գրանցված է", "Зарэгістраваны", "Катталган"),
    "changed": _n("Data changed", "Відомості змінено", "Сведения изменены",
                  "Мәліметтер өзгертілді", "Տվյալները փոփոխված են", "Звесткі зменены",
                  "Маалыматтар өзгөртүлдү"),
    "prolonged": _n("Protection term prolonged", "Строк продовжено", "Срок продлен",
                    "Мерзімі ұзартылды", "Ժամկետը երկարաձգված է", "Тэрмін падоўжаны",
                    "Мөөнөтү узартылды"),
    "excluded": _n("Excluded from the register", "Виключено з реєстру", "Исключен из реестра",
                   "Тізілімнен шығарылды", "Հանված է ռեեստրից", "Выключаны з рэестра",
                   "Реестрден чыгарылды"),
    "refused": _n("Refused", "Відмовлено", "Отказано", "Бас тартылды", "Մերժված է",
                  "Адмоўлена", "Баш тартылды"),
    "withdrawn": _n("Withdrawn", "Відкликано", "Отозвано", "Кері қайтарылды", "Հետ է կանչված",
                    "Адкліканы", "Кайра чакыртылды"),
}

#: EAEU register data composition, table 5 item 1.
ADDRESS_KINDS: dict[str, dict[str, str]] = {
    "1": _n("Registration address", "Адреса реєстрації", "Адрес регистрации"),
    "2": _n("Actual address", "Фактична адреса", "Фактический адрес"),
    "3": _n("Postal address", "Поштова адреса", "Почтовый адрес"),
}

#: EAEU register data composition, table 6 item 1.
CONTACT_CHANNELS: dict[str, dict[str, str]] = {
    "AO": _n("Website", "Вебсайт", "Адрес сайта в сети Интернет"),
    "EM": _n("E-mail", "Електронна пошта", "Электронная почта"),
    "FX": _n("Fax", "Факс", "Телефакс"),
    "TE": _n("Telephone", "Телефон", "Телефон"),
    "TG": _n("Telegraph", "Телеграф", "Телеграф"),
    "TL": _n("Telex", "Телекс", "Телекс"),
}


def core_object_kinds() -> list[ObjectKind]:
    return [ObjectKind(code, names) for code, names in OBJECT_KINDS.items()]


def _simple(
    list_id: str, names: dict[str, str], codes: dict[str, dict[str, str]], source: str
) -> CodeList:
    return CodeList(list_id, names, [Code(c, n) for c, n in codes.items()], source=source)


@cache
def countries() -> CodeList:
    """ISO 3166-1 countries with their names in every served language."""
    translations = {
        lang: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        for lang in LANGUAGES
        if lang != "en"
    }
    codes = []
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        names = {"en": english}
        for lang, tr in translations.items():
            names[lang] = tr.gettext(country.name)
        codes.append(
            Code(country.alpha_2, names, {"alpha3": country.alpha_3, "numeric": country.numeric})
        )
    codes.sort(key=lambda c: c.code)
    return CodeList(
        "countries",
        _n("Countries", "Країни", "Страны", "Елдер", "Երկրներ", "Краіны", "Өлкөлөр"),
        codes,
        source="ISO 3166-1 (classifier of countries of the world)",
    )


def core_code_lists() -> list[CodeList]:
    return [
        countries(),
        _simple(
            "object_kinds",
            _n("Kinds of IP objects", "Види об'єктів ІВ", "Виды ОИС"),
            OBJECT_KINDS,
            "ipreg core",
        ),
        _simple(
            "object_statuses",
            _n("Statuses of IP objects", "Статуси об'єктів ІВ", "Статусы ОИС"),
            OBJECT_STATUSES,
            "ipreg core",
        ),
        _simple(
            "party_roles",
            _n("Roles of parties", "Ролі осіб", "Роли лиц"),
            PARTY_ROLES,
            "ipreg core",
        ),
        _simple(
            "party_types",
            _n("Types of persons", "Типи осіб", "Типы лиц"),
            PARTY_TYPES,
            "ipreg core",
        ),
        _simple(
            "address_kinds",
            _n("Kinds of address", "Види адрес", "Виды адресов"),
            ADDRESS_KINDS,
            "EAEU register data composition, table 5 item 1",
        ),
        _simple(
            "contact_channels",
            _n("Contact channels", "Види зв'язку", "Виды связи"),
            CONTACT_CHANNELS,
            "EAEU register data composition, table 6 item 1",
        ),
    ]


@cache
def country_codes() -> frozenset[str]:
    return frozenset(c.code for c in countries().codes)
