"""Uses only the public hooks and core API: ``from ipreg import hookimpl``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import strawberry

from ipreg import hookimpl
from ipreg.core.extension import Jurisdiction, ObjectKind, ObjectTypeBinding, Role
from ipreg.schema.types.ipobject import IPObject


@strawberry.type(description="An IP object of the example register.")
class ExampleObject(IPObject):
    @strawberry.field(description="The name, shouted.")
    def shout(self) -> str:
        return self.name.upper() + "!"


@strawberry.type
class ExampleQuery:
    @strawberry.field(description="A greeting from the example plugin.")
    def example_greeting(self, name: str) -> str:
        return f"Hello, {name}"


@hookimpl
def ipreg_register_jurisdictions() -> list[Jurisdiction]:
    return [Jurisdiction("example", {"en": "Example register"}, plugin="example")]


@hookimpl
def ipreg_register_object_kinds() -> list[ObjectKind]:
    return [ObjectKind("example_breed", {"en": "Animal breed (example)"})]


@hookimpl
def ipreg_register_models() -> list[type[Any]]:
    from ipreg_example.models import ExampleNote

    return [ExampleNote]


@hookimpl
def ipreg_migration_locations() -> list[str]:
    return [str(Path(__file__).parent / "migrations")]


@hookimpl
def ipreg_register_object_types() -> list[ObjectTypeBinding]:
    return [ObjectTypeBinding("example", ExampleObject)]


@hookimpl
def ipreg_register_query_fields() -> list[type[Any]]:
    return [ExampleQuery]


@hookimpl
def ipreg_register_roles() -> list[Role]:
    return [Role("example_registrar", {"en": "Registrar of the example register"},
                 official=True)]


@hookimpl
def ipreg_register_procedures() -> list[Any]:
    from ipreg_example.procedures import request_procedure

    return [request_procedure()]
