"""The schema is a published contract: committed SDL, described types and fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


POSSIBLE_TYPES = SDL.with_name("possibleTypes.json")


def test_the_committed_possible_types_are_the_live_schemas() -> None:
    """Clients' fragment matchers (Apollo `possibleTypes`, docs/clients.md) are a reviewed
    diff too: run `ipreg schema export --possible-types > schema/possibleTypes.json`."""
    from ipreg.schema.build import possible_types

    live = possible_types(build_schema(Registry.build(make_plugin_manager(None)), Settings()))
    assert json.loads(POSSIBLE_TYPES.read_text(encoding="utf-8")) == live, (
        "schema/possibleTypes.json is stale: run "
        "`ipreg schema export --possible-types > schema/possibleTypes.json`")
    assert {"Case", "EaeuCase", "UaCustomsCase", "UaWebsiteCase", "UaGiApplicationCase",
            "UaGiOppositionCase"} <= set(
        live["possibleTypes"]["RegisterCase"])
    assert "EaeuCase" in live["possibleTypes"]["Node"]


async def test_the_server_serves_the_possible_types(runtime: Any) -> None:
    import httpx

    from ipreg.schema.app import create_app

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(runtime)),
                                 base_url="http://t") as http:
        response = await http.get("/graphql/possible-types.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(POSSIBLE_TYPES.read_text(encoding="utf-8"))
