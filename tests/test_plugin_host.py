"""The plugin host: discovery, subsets, and refusing clashing contributions."""

from __future__ import annotations

import types

import pluggy
import pytest
import strawberry

from ipreg import hookimpl
from ipreg.core.config import Settings
from ipreg.core.errors import ConfigurationError
from ipreg.core.extension import Jurisdiction
from ipreg.core.plugins import Registry, available_plugins, describe_plugins, make_plugin_manager
from ipreg.schema.build import build_schema

SUBSETS = [(), ("eaeu",), ("ukraine",), ("eaeu", "ukraine")]


def test_built_in_jurisdictions_are_found_by_entry_point() -> None:
    assert {"eaeu", "ukraine"} <= set(available_plugins())


@pytest.mark.parametrize("subset", SUBSETS, ids=lambda s: "+".join(s) or "none")
def test_the_schema_builds_for_every_plugin_subset(subset: tuple[str, ...]) -> None:
    pm = make_plugin_manager(subset)
    registry = Registry.build(pm)
    assert set(registry.jurisdictions) == set(subset)
    sdl = build_schema(registry, Settings()).as_str()
    assert "interface IPObject implements Node" in sdl
    assert "ipObjects(" in sdl


def test_an_unknown_plugin_name_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="not installed: nosuch"):
        make_plugin_manager(("eaeu", "nosuch"))


def test_plugins_are_listed_with_versions_and_hooks() -> None:
    infos = {info.name: info for info in describe_plugins(make_plugin_manager(None))}
    assert infos["eaeu"].version
    assert "ipreg_register_jurisdictions" in infos["eaeu"].hooks


def _plugin(name: str, **hooks: object) -> types.SimpleNamespace:
    return types.SimpleNamespace(__name__=name, **hooks)


@pytest.mark.hook("ipreg_register_query_fields")
def test_two_plugins_contributing_the_same_query_field_stop_start_up() -> None:
    @strawberry.type
    class First:
        @strawberry.field(description="x")
        def shared(self) -> int:
            return 1

    @strawberry.type
    class Second:
        @strawberry.field(description="y")
        def shared(self) -> int:
            return 2

    class PluginA:
        @hookimpl
        def ipreg_register_query_fields(self) -> list[type]:
            return [First]

    class PluginB:
        @hookimpl
        def ipreg_register_query_fields(self) -> list[type]:
            return [Second]

    pm = make_plugin_manager(())
    pm.register(PluginA(), name="a")
    pm.register(PluginB(), name="b")
    with pytest.raises(ConfigurationError, match=r"Query.shared is contributed by both a and b"):
        build_schema(Registry.build(pm), Settings())


def test_a_plugin_may_not_shadow_a_core_field() -> None:
    @strawberry.type
    class Shadow:
        @strawberry.field(description="x")
        def ip_objects(self) -> int:
            return 1

    class Plugin:
        @hookimpl
        def ipreg_register_query_fields(self) -> list[type]:
            return [Shadow]

    pm = make_plugin_manager(())
    pm.register(Plugin(), name="shadow")
    with pytest.raises(ConfigurationError, match="ipObjects is contributed by both core and"):
        build_schema(Registry.build(pm), Settings())


@pytest.mark.hook("ipreg_register_jurisdictions")
def test_two_plugins_declaring_one_jurisdiction_stop_start_up() -> None:
    class Clash:
        @hookimpl
        def ipreg_register_jurisdictions(self) -> list[Jurisdiction]:
            return [Jurisdiction("eaeu", {"en": "clash"}, plugin="clash")]

    pm = make_plugin_manager(("eaeu",))
    pm.register(Clash(), name="clash")
    with pytest.raises(ConfigurationError, match="same jurisdiction 'eaeu'"):
        Registry.build(pm)


def test_hookimpl_is_importable_from_the_package_root() -> None:
    assert isinstance(hookimpl, pluggy.HookimplMarker)
