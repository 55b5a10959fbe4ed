"""The official information sources of GI rules V.8.4 and V.8.5 (digest §4.9; VR-46): what
each is, the ground it serves and the columns of the CSV it is loaded from.

None of them has an API a register could call (and the deployment has no internet): each is
loaded as a reference dataset, an *edition* at a time (``ipreg ua-gi sources load``), from
a CSV file in the shape its publisher exports (UTF-8, a header row, comma, semicolon or tab
delimited). The columns are documented in docs/ukraine-gi.md; unknown columns are kept with
the entry. ``configured`` is the list of ``IPREG_UA_GI_GENERIC_NAMES`` (VR-46), one more
source that is never loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The grounds, by regime (GI rules V.8.1 ¶3: the Agri-food GI Law's art. 7 replaces art. 8
#: of the Law for agricultural products and foodstuffs).
GENERIC_GROUND = {"agri_food": "ст. 7 ч. 1 абз. 3 Закону про географічні зазначення "
                               "сільськогосподарської продукції і харчових продуктів",
                  "general": "ст. 8 п. «в» Закону України «Про правову охорону "
                             "географічних зазначень»"}
VARIETY_GROUND = {"agri_food": "ст. 7 ч. 1 абз. 5 Закону про географічні зазначення "
                               "сільськогосподарської продукції і харчових продуктів",
                  "general": "ст. 8 п. «д» Закону України «Про правову охорону "
                             "географічних зазначень»"}


def ground(point: str, regime: str) -> str:
    """The legal ground a V.8.4 (generic) or V.8.5 (variety/breed) finding falls under for
    an application of ``regime`` (spirit drinks: art. 8 of the Law, V.8.1 ¶3)."""
    table = GENERIC_GROUND if point == "GI rules V.8.4" else VARIETY_GROUND
    return table["agri_food" if regime == "agri_food" else "general"]


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class Source:
    """An official source: its code, names, the point it serves, the kind of its entries
    (``generic``: a name of a product group, subgroup or heading; ``variety``; ``breed``),
    the column holding the entry's term and the columns of its CSV."""

    code: str
    name_uk: str
    name_en: str
    point: str
    kind: str
    term: str
    columns: tuple[Column, ...]
    loadable: bool = True

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


V84 = "GI rules V.8.4"
V85 = "GI rules V.8.5"


def _c(name: str, description: str, required: bool = False) -> Column:
    return Column(name, description, required)


SOURCES: tuple[Source, ...] = (
    Source("nice", "Міжнародна класифікація товарів і послуг (МКТП, Ніццька)",
           "Nice Classification of goods and services (alphabetical list)", V84, "generic",
           "term", (_c("class", "Class 1-45", True), _c("basic_number", "Basic number of "
                    "the alphabetical list"), _c("term", "The indication of goods", True),
                    _c("language", "Language of the term (uk, en...)"))),
    Source("uktzed", "Українська класифікація товарів зовнішньоекономічної діяльності "
           "(УКТ ЗЕД)", "UKTZED (Ukraine's customs goods nomenclature)", V84, "generic",
           "description", (_c("code", "Heading or subheading code (4-10 digits)", True),
                           _c("description", "The name of the group, heading or "
                              "subheading", True))),
    Source("classifier", "Державні класифікатори України (ДКПП тощо)",
           "State classifiers of Ukraine (DKPP and others)", V84, "generic", "name",
           (_c("classifier", "The classifier (e.g. ДК 016:2010)", True),
            _c("code", "Code in the classifier", True), _c("name", "Name of the "
                                                                   "grouping", True))),
    Source("normative", "Нормативні та технічні документи (ДСТУ, ТУ)",
           "Normative and technical documents (DSTU, technical specifications)", V84,
           "generic", "term", (_c("document", "Designation and title of the document",
                                  True), _c("term", "The term the document defines", True),
                               _c("definition", "Its definition"),
                               _c("clause", "Clause of the document"))),
    Source("reference", "Довідково-енциклопедичні джерела (енциклопедії, словники, "
           "довідники, каталоги), зокрема в мережі Інтернет",
           "Reference and encyclopaedic sources (encyclopaedias, dictionaries, reference "
           "books, catalogues), online included", V84, "generic", "term",
           (_c("term", "The headword", True), _c("work", "The work (title, year)", True),
            _c("definition", "What the work says of it"), _c("locator", "Page, article "
                                                                         "or URL"))),
    Source("publication", "Офіційні друковані видання (газети, журнали, видання з "
           "вихідними даними про наклад)", "Official printed publications (newspapers, "
           "magazines, publications with a stated print run)", V84, "generic", "term",
           (_c("term", "The name as used", True), _c("publication", "Title of the "
                                                                    "publication", True),
            _c("issue", "Issue, date, print run"), _c("excerpt", "The use quoted"))),
    Source("ua_variety_patents", "Державний реєстр патентів на сорти рослин України",
           "State Register of Plant Variety Patents of Ukraine", V85, "variety",
           "denomination", (_c("species", "Botanical taxon (Ukrainian and/or Latin)", True),
                            _c("denomination", "Variety denomination", True),
                            _c("patent_number", "Patent number"),
                            _c("application_number", "Application number"),
                            _c("registered_on", "Date of state registration"),
                            _c("holder", "Patent holder"))),
    Source("ua_varieties", "Державний реєстр сортів рослин, придатних для поширення в "
           "Україні", "State Register of Plant Varieties Suitable for Dissemination in "
           "Ukraine", V85, "variety", "denomination",
           (_c("species", "Botanical taxon", True), _c("denomination", "Variety "
                                                                      "denomination", True),
            _c("application_number", "Application number"),
            _c("registered_year", "Year of registration"),
            _c("zones", "Recommended zones (Степ, Лісостеп, Полісся)"))),
    Source("variety_bulletin", "Офіційний бюлетень «Охорона прав на сорти рослин»",
           "Bulletin «Protection of plant variety rights»", V85, "variety", "denomination",
           (_c("issue", "Issue (number and year)", True), _c("species", "Botanical taxon",
                                                             True),
            _c("denomination", "Variety denomination", True),
            _c("section", "Section of the bulletin"))),
    Source("sort_system", "Інформаційні системи «Сорт» і «Реєстр сортів»",
           "Information systems «Sort» and «Variety register»", V85, "variety",
           "denomination", (_c("species", "Botanical taxon", True),
                            _c("denomination", "Variety denomination", True),
                            _c("status", "Status in the system"),
                            _c("application_number", "Application number"))),
    Source("pluto", "База даних сортів рослин УПОВ (PLUTO)", "UPOV PLUTO Plant Variety "
           "Database", V85, "variety", "denomination",
           (_c("upov_code", "UPOV code of the taxon (e.g. VITIS_VIN)", True),
            _c("denomination", "Denomination", True),
            _c("authority", "Country or organisation of the record (ISO code; QZ: EU)",
               True), _c("register", "Type of record: PBR (plant breeders' rights) or NLI "
                                     "(national list)", True),
            _c("botanical_name", "Botanical name"),
            _c("application_number", "Application number"),
            _c("grant_number", "Grant or registration number"),
            _c("synonyms", "Synonyms ('|'-separated)"))),
    Source("breeds", "Державні реєстри порід тварин (Державна книга племінних тварин, "
           "Державний реєстр суб'єктів племінної справи)", "Animal breed registers of "
           "Ukraine", V85, "breed", "breed",
           (_c("species", "Species", True), _c("breed", "Breed name", True),
            _c("register", "Register and its entry"), _c("registered_on", "Date of "
                                                                         "entry"))),
    Source("configured", "Перелік, заданий конфігурацією (IPREG_UA_GI_GENERIC_NAMES)",
           "The configured list (IPREG_UA_GI_GENERIC_NAMES, VR-46)", "VR-46", "generic",
           "term", (), loadable=False),
)

BY_CODE = {s.code: s for s in SOURCES}
LOADABLE = tuple(s.code for s in SOURCES if s.loadable)


def source(code: str) -> Source | None:
    return BY_CODE.get(code)


def for_point(point: str) -> tuple[str, ...]:
    """The codes of the official sources of ``point`` (V.8.4 or V.8.5)."""
    return tuple(s.code for s in SOURCES if s.point == point)


__all__ = ["BY_CODE", "LOADABLE", "SOURCES", "V84", "V85", "Column", "Source", "for_point",
           "ground", "source"]
