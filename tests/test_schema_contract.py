"""The schema is a published contract: committed SDL, described types and fields."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

from ipreg.core.config import Settings
from ipreg.core.plugins import Registry, make_plugin_manager
from ipreg.schema.build import build_schema

SDL = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"


def _live_sdl() -> str:
    return build_schema(Registry.build(make_plugin_manager(None)), Settings()).as_str() + "\n"


def test_the_committed_sdl_is_the_live_schema() -> None:
    """Every API change is a reviewed diff: run `ipreg schema export > schema/schema.graphql`."""
    assert SDL.read_text(encoding="utf-8") == _live_sdl(), (
        "schema/schema.graphql is stale: run `ipreg schema export > schema/schema.graphql`"
    )


def test_every_type_and_field_has_a_description() -> None:
    schema = build_schema(Registry.build(make_plugin_manager(None)), Settings())._schema
    missing = []
    for name, gtype in schema.type_map.items():
        if name.startswith("__"):
            continue
        if not gtype.description and name not in {"String", "Int", "Boolean", "Float", "ID"}:
            missing.append(name)
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in gtype.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
    assert missing == []
