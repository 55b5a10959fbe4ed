"""GraphQL of the official sources of GI rules V.8.4-8.5 (VR-46): the sources and their
loaded editions, the lookup of a name (signed-in only), and the application case's hits and
the examiner's determinations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from ipreg.core.errors import Unauthenticated
from ipreg.plugins.ukraine.gi.forms.determination import QUESTIONS
from ipreg.plugins.ukraine.gi.sources.catalogue import SOURCES
from ipreg.plugins.ukraine.gi.sources.lookup import current_editions, lookup
from ipreg.plugins.ukraine.gi.sources.models import UaGiSourceEdition as EditionRow
from ipreg.schema.context import Context

Info = strawberry.Info[Context, Any]


@strawberry.type(name="UaGiSourceEdition", description="An edition of an official source as "
                 "loaded (`ipreg ua-gi sources load`; VR-46).")
class UaGiSourceEdition:
    edition: str = strawberry.field(description="The edition's label.")
    published_on: dt.date | None = strawberry.field(description="The edition's date.")
    origin: str = strawberry.field(description="Where it came from (the publisher's address "
                                   "or document).")
    file_name: str = strawberry.field(description="The file it was loaded from.")
    sha256: str = strawberry.field(description="SHA-256 of that file.")
    entries: int = strawberry.field(description="How many entries it has.")
    loaded_at: dt.datetime = strawberry.field(description="When it was loaded.")
    loaded_by: str = strawberry.field(description="Who loaded it.")
    replaced_at: dt.datetime | None = strawberry.field(description="When a later edition "
                                                       "replaced it; null while current.")

    @classmethod
    def from_row(cls, row: EditionRow) -> UaGiSourceEdition:
        return cls(edition=row.edition, published_on=row.published_on, origin=row.origin,
                   file_name=row.file_name, sha256=row.sha256, entries=row.entries,
                   loaded_at=row.loaded_at, loaded_by=row.loaded_by,
                   replaced_at=row.replaced_at)


@strawberry.type(name="UaGiNameSource", description="An official information source of GI "
                 "rules V.8.4 (generic names) or V.8.5 (plant varieties, animal breeds), or "
                 "the configured list (IPREG_UA_GI_GENERIC_NAMES).")
class UaGiNameSource:
    code: str = strawberry.field(description="Its code (`--source` of the load command).")
    name: str = strawberry.field(description="Its name (Ukrainian).")
    name_en: str = strawberry.field(description="Its name (English).")
    legal_basis: str = strawberry.field(description="The point it serves: GI rules V.8.4 or "
                                        "V.8.5 (VR-46 for the configured list).")
    kind: str = strawberry.field(description="What its entries are: generic, variety or "
                                 "breed.")
    loadable: bool = strawberry.field(description="False for the configured list.")
    columns: list[str] = strawberry.field(description="The columns of its CSV, required "
                                          "ones marked with `*`.")
    editions: list[UaGiSourceEdition] = strawberry.field(description="Its loaded editions, "
                                                         "the current one first.")


@strawberry.type(name="UaGiSourceAttribute", description="A column of a source's entry.")
class UaGiSourceAttribute:
    name: str = strawberry.field(description="The column.")
    value: str = strawberry.field(description="Its value.")


@strawberry.type(name="UaGiSourceHit", description="An entry of an official source that a "
                 "name is or includes (VR-46; GI rules V.8.4-8.5): where, what and how it "
                 "matched.")
class UaGiSourceHit:
    source: str = strawberry.field(description="The source's code.")
    source_name: str = strawberry.field(description="The source's name.")
    legal_basis: str = strawberry.field(description="GI rules V.8.4 or V.8.5 (VR-46 for "
                                        "the configured list).")
    edition: str = strawberry.field(description="The edition (IPREG_UA_GI_GENERIC_NAMES for "
                                    "the configured list).")
    published_on: dt.date | None = strawberry.field(description="The edition's date.")
    term: str = strawberry.field(description="The entry: generic term, variety "
                                 "denomination or breed.")
    code: str | None = strawberry.field(description="Its code in the source (UKTZED code, "
                                        "UPOV code, application number...).")
    kind: str = strawberry.field(description="generic, variety or breed.")
    attributes: list[UaGiSourceAttribute] = strawberry.field(description="The entry's "
                                                             "columns.")
    matched_as: str = strawberry.field(description="How it matched: `folded` (the same "
                                       "text), a transliteration standard (e.g. "
                                       "`uk-kmu-2010`: across scripts), `reading` (a Latin "
                                       "text read in Cyrillic), `synonym`; `stem:` first when "
                                       "only the word stems met (an inflected form).")
    matched_part: str = strawberry.field(description="The words of the name (folded) that "
                                         "met the entry.")
    whole: bool = strawberry.field(description="True when they are the whole name, false "
                                   "when the name includes the entry.")

    @classmethod
    def from_json(cls, hit: dict[str, Any]) -> UaGiSourceHit:
        return cls(source=hit["source"], source_name=hit["sourceName"],
                   legal_basis=hit["point"], edition=hit["edition"],
                   published_on=dt.date.fromisoformat(hit["publishedOn"])
                   if hit.get("publishedOn") else None, term=hit["term"], code=hit.get("code"),
                   kind=hit["kind"], attributes=[UaGiSourceAttribute(name=k, value=str(v))
                                                 for k, v in (hit.get("attributes") or {})
                                                 .items()],
                   matched_as=hit["matchedAs"], matched_part=hit["matchedPart"],
                   whole=hit["whole"])


@strawberry.type(name="UaGiSourceCitation", description="A source cited in a determination "
                 "(VR-46).")
class UaGiSourceCitation:
    source: str = strawberry.field(description="The source's code, or application, "
                                   "additional_materials, opposition.")
    source_name: str | None = strawberry.field(description="The official source's name.")
    edition: str | None = strawberry.field(description="The edition cited.")
    published_on: dt.date | None = strawberry.field(description="That edition's date.")
    origin: str | None = strawberry.field(description="Where that edition came from.")
    entry: str | None = strawberry.field(description="The entry cited.")
    reference: str | None = strawberry.field(description="Page, article, URL or document.")

    @classmethod
    def from_json(cls, c: dict[str, Any]) -> UaGiSourceCitation:
        return cls(source=c["source"], source_name=c.get("sourceName"),
                   edition=c.get("edition"), published_on=dt.date.fromisoformat(
                       c["publishedOn"]) if c.get("publishedOn") else None,
                   origin=c.get("origin"), entry=c.get("entry"), reference=c.get("reference"))


@strawberry.type(name="UaGiGenericUseFact", description="A fact of use of the name as the "
                 "name of goods of a product group, subgroup or heading (GI rules V.8.4 ¶2).")
class UaGiGenericUseFact:
    description: str = strawberry.field(description="The fact.")
    product_group: str = strawberry.field(description="The group, subgroup or heading.")
    sources: list[UaGiSourceCitation] = strawberry.field(description="Its sources.")


@strawberry.type(name="UaGiVarietyAnswer", description="One of the five questions of GI rules "
                 "V.8.5, answered with its reasons and sources.")
class UaGiVarietyAnswer:
    key: str = strawberry.field(description="usedBeforeFiling, misleadsAsToOrigin, "
                                "madeFromThatRawMaterial, bonaFideUse or spreadBeyondOrigin.")
    question: str = strawberry.field(description="The question.")
    answer: bool = strawberry.field(description="Yes or no.")
    reasons: str = strawberry.field(description="Why.")
    sources: list[UaGiSourceCitation] = strawberry.field(description="Its sources.")


@strawberry.type(name="UaGiNameDetermination", description="The examiner's determination on "
                 "a generic name (GI rules V.8.4) or a plant variety or animal breed name "
                 "(V.8.5), with the sources cited and the legal ground it leads to by "
                 "regime (art. 8 «в»/«д» of the Law; art. 7 part 1 subpara 3/5 of the "
                 "Agri-food GI Law).")
class UaGiNameDetermination:
    id: str = strawberry.field(description="Its id on the case (e.g. `V.8.4-1`), cited by "
                               "a refusal (`determinations` of acts t28 and t32).")
    legal_basis: str = strawberry.field(description="GI rules V.8.4 or V.8.5.")
    term: str = strawberry.field(description="The name or part examined.")
    product: str | None = strawberry.field(description="The product (V.8.1 ¶1).")
    kind: str | None = strawberry.field(description="V.8.5: variety or breed.")
    ground_exists: bool = strawberry.field(description="True when the ground for refusal "
                                           "exists (generic; may mislead as to origin).")
    ground: str = strawberry.field(description="The legal ground for this application's "
                                   "regime.")
    reasons: str | None = strawberry.field(description="The examiner's reasons.")
    territory: str | None = strawberry.field(description="V.8.4: the situation in the "
                                             "territory of consumption considered.")
    facts: list[UaGiGenericUseFact] = strawberry.field(description="V.8.4: the facts of use.")
    answers: list[UaGiVarietyAnswer] = strawberry.field(description="V.8.5: the five "
                                                        "questions answered.")
    hits: list[UaGiSourceHit] = strawberry.field(description="What the term met in the "
                                                 "sources when it was recorded.")
    recorded_on: dt.date = strawberry.field(description="When it was recorded.")
    recorded_by: str = strawberry.field(description="The examiner.")

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> UaGiNameDetermination:
        answers = d.get("answers") or {}
        return cls(
            id=d["id"], legal_basis=d["point"], term=d["term"], product=d.get("product"),
            kind=d.get("kind"), ground_exists=d["groundExists"], ground=d["ground"],
            reasons=d.get("reasons"), territory=d.get("territory"),
            facts=[UaGiGenericUseFact(description=f["description"],
                                      product_group=f["productGroup"],
                                      sources=[UaGiSourceCitation.from_json(c)
                                               for c in f["sources"]])
                   for f in d.get("facts") or []],
            answers=[UaGiVarietyAnswer(key=k, question=answers[k]["question"],
                                       answer=bool(answers[k]["answer"]),
                                       reasons=answers[k]["reasons"],
                                       sources=[UaGiSourceCitation.from_json(c)
                                                for c in answers[k]["sources"]])
                     for k, _ in QUESTIONS if k in answers],
            hits=[UaGiSourceHit.from_json(h) for h in d.get("hits") or []],
            recorded_on=dt.date.fromisoformat(d["recordedOn"]), recorded_by=d["recordedBy"])


def case_hits(data: Any) -> list[UaGiSourceHit]:
    """``nameSourceHits`` of an application case."""
    found = (data or {}).get("nameSourceHits") if isinstance(data, dict) else None
    return [UaGiSourceHit.from_json(h) for h in found or []]


def case_determinations(data: Any) -> list[UaGiNameDetermination]:
    found = (data or {}).get("nameDeterminations") if isinstance(data, dict) else None
    return [UaGiNameDetermination.from_json(d) for d in found or []]


@strawberry.type
class UaGiSourcesQuery:
    @strawberry.field(description="The official information sources of GI rules V.8.4 and "
                      "V.8.5 and their loaded editions (VR-46). Signed-in only: "
                      "UNAUTHENTICATED for anonymous callers.")
    async def ua_gi_name_sources(self, info: Info, include_replaced: bool = False
                                 ) -> list[UaGiNameSource]:
        if info.context.viewer.is_anonymous:
            raise Unauthenticated("uaGiNameSources needs a login")
        async with info.context.runtime.sessionmaker() as session:
            editions = await current_editions(session, include_replaced=include_replaced)
        return [UaGiNameSource(
            code=s.code, name=s.name_uk, name_en=s.name_en, legal_basis=s.point, kind=s.kind,
            loadable=s.loadable,
            columns=[c.name + ("*" if c.required else "") for c in s.columns],
            editions=[UaGiSourceEdition.from_row(e) for e in editions if e.source == s.code])
            for s in SOURCES]

    @strawberry.field(description="VR-46 (GI rules V.8.4-8.5): what a name is or includes in "
                      "every loaded official source and the configured list, in any script "
                      "(a Latin name finds Cyrillic entries and back) and by the word (a "
                      "name that includes a variety's name finds it). Signed-in only: "
                      "UNAUTHENTICATED for anonymous callers.")
    async def ua_gi_name_lookup(self, info: Info, name: str) -> list[UaGiSourceHit]:
        if info.context.viewer.is_anonymous:
            raise Unauthenticated("uaGiNameLookup needs a login")
        async with info.context.runtime.sessionmaker() as session:
            hits = await lookup(session, name[:500])
        return [UaGiSourceHit.from_json(h.as_json()) for h in hits]


__all__ = ["UaGiNameDetermination", "UaGiSourceHit", "UaGiSourcesQuery", "case_determinations",
           "case_hits"]
