"""Reference data (code lists) answering in the caller's language."""

from __future__ import annotations

from typing import Any

import strawberry

from ipreg.core.extension import Code as CodeValue
from ipreg.core.extension import CodeList as CodeListValue
from ipreg.core.extension import Jurisdiction as JurisdictionValue
from ipreg.core.extension import localized
from ipreg.schema.context import Context


@strawberry.type(description="A translation of a name.")
class LocalizedName:
    lang: str = strawberry.field(description="Language code (en, uk, ru, kk, hy, be, ky).")
    name: str = strawberry.field(description="The name in that language.")


@strawberry.type(description="One code of a code list.")
class Code:
    _value: strawberry.Private[CodeValue]

    @strawberry.field(description="The code itself.")
    def code(self) -> str:
        return self._value.code

    @strawberry.field(
        description="Name in the requested language (`lang`, else Accept-Language, else English)."
    )
    def name(self, info: strawberry.Info[Context, Any], lang: str | None = None) -> str:
        return self._value.name(info.context.language(lang))

    @strawberry.field(description="The name in every language the list has.")
    def names(self) -> list[LocalizedName]:
        return [LocalizedName(lang=k, name=v) for k, v in self._value.names.items()]


@strawberry.type(description="Reference data: a list of codes with names in several languages.")
class CodeList:
    _value: strawberry.Private[CodeListValue]

    @strawberry.field(description="Identifier of the list, e.g. `countries`.")
    def id(self) -> str:
        return self._value.id

    @strawberry.field(description="Name of the list in the requested language.")
    def name(self, info: strawberry.Info[Context, Any], lang: str | None = None) -> str:
        return localized(self._value.names, info.context.language(lang), self._value.id)

    @strawberry.field(description="Where the list comes from.")
    def source(self) -> str:
        return self._value.source

    @strawberry.field(description="True when only a real subset of the official list is loaded.")
    def partial(self) -> bool:
        return self._value.partial

    @strawberry.field(description="The codes, in the list's order.")
    def codes(self) -> list[Code]:
        return [Code(_value=c) for c in self._value.codes]


@strawberry.type(description="A register (jurisdiction) served by an installed plugin.")
class Jurisdiction:
    _value: strawberry.Private[JurisdictionValue]

    @strawberry.field(description="Code of the jurisdiction, e.g. `eaeu`.")
    def code(self) -> str:
        return self._value.code

    @strawberry.field(description="Name in the requested language.")
    def name(self, info: strawberry.Info[Context, Any], lang: str | None = None) -> str:
        return localized(self._value.names, info.context.language(lang), self._value.code)

    @strawberry.field(description="The plugin that implements it.")
    def plugin(self) -> str:
        return self._value.plugin
