"""The plugin host: discovery, subsets, and refusing clashing contributions."""

from __future__ import annotations

import types

import pluggy
import pytest
import strawberry

from ipreg import hookimpl
from ipreg.core.config import Settings
from ipreg.core.errors import ConfigurationError
from ipreg.core.extension import Jurisdiction, PublicationRule
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


def test_one_role_declared_equally_by_two_plugins_is_one_role_and_unequal_stops() -> None:
    """Registers of one authority share its role (UKRNOIVI's examiner: the website list
    and the GI register); two different roles under one code stop start-up."""
    from ipreg.core.extension import Role
    from ipreg.plugins.ukraine.common.roles import UKRNOIVI_EXAMINER

    class Twin:
        @hookimpl
        def ipreg_register_roles(self) -> list[Role]:
            return [Role(UKRNOIVI_EXAMINER.code, dict(UKRNOIVI_EXAMINER.names), official=True)]

    pm = make_plugin_manager(("ukraine_websites",))
    pm.register(Twin(), name="twin")
    registry = Registry.build(pm)
    assert registry.roles["ukrnoivi_examiner"] == UKRNOIVI_EXAMINER
    assert "ukrnoivi_examiner" in registry.official_roles

    class Clash:
        @hookimpl
        def ipreg_register_roles(self) -> list[Role]:
            return [Role("ukrnoivi_examiner", {"en": "another"}, official=False)]

    pm = make_plugin_manager(("ukraine_websites",))
    pm.register(Clash(), name="clash")
    with pytest.raises(ConfigurationError, match="same role 'ukrnoivi_examiner'"):
        Registry.build(pm)


def _rule_plugin(jurisdiction: str, rule: PublicationRule, bind: bool = False) -> object:
    class Plugin:
        @hookimpl
        def ipreg_register_jurisdictions(self) -> list[Jurisdiction]:
            return [Jurisdiction(jurisdiction, {"en": jurisdiction}, plugin="ruled")]

        @hookimpl
        def ipreg_register_publication_rules(self) -> list[PublicationRule]:
            return [rule]

    if bind:
        from ipreg.core.extension import ObjectTypeBinding
        from ipreg.plugins.eaeu.graphql.types import EaeuRegisterEntry

        Plugin.ipreg_register_object_types = hookimpl(  # type: ignore[attr-defined]
            lambda self: [ObjectTypeBinding(jurisdiction, EaeuRegisterEntry)])
    return Plugin()


@pytest.mark.parametrize(("rule", "bind", "message"), [
    (PublicationRule("eaeu"), False, "for 'eaeu', which is a jurisdiction of 'eaeu'"),
    (PublicationRule("nowhere"), False, "for 'nowhere', which is not a jurisdiction"),
    (PublicationRule("ruled", {"colour": "x"}), True, "colour: not fields of IPObject"),
    (PublicationRule("ruled", {"name": "x"}), True, "withholds name: the core shows"),
    (PublicationRule("ruled", {"representatives": "x"}), True, "publishes representatives"),
    (PublicationRule("ruled", public_party_roles=frozenset()), True, "holders as parties"),
    (PublicationRule("ruled", {"status": "x"}), False, "no object type of its own"),
], ids=["other-plugins", "unknown", "no-such-field", "always-published", "representatives",
        "holders", "generic-type"])
@pytest.mark.hook("ipreg_register_publication_rules")
def test_a_publication_rule_the_core_cannot_apply_stops_start_up(
    rule: PublicationRule, bind: bool, message: str
) -> None:
    """The owning plugin declares its register's rule, naming IPObject fields the core
    can withhold (ipreg_register_publication_rules)."""
    pm = make_plugin_manager(("eaeu",))
    pm.register(_rule_plugin("ruled", rule, bind), name="ruled")
    with pytest.raises(ConfigurationError, match=message):
        Registry.build(pm)


def test_a_register_without_a_rule_publishes_everything() -> None:
    registry = Registry.build(make_plugin_manager(None))
    assert registry.publication_rule("ukraine").publishes("status")
    assert not registry.publication_rule("eaeu").publishes("status")  # R174 A1 T1 8.1
    assert registry.publication_rule("eaeu").publishes("holders")  # R174 A1 T1 3


def test_hookimpl_is_importable_from_the_package_root() -> None:
    assert isinstance(hookimpl, pluggy.HookimplMarker)
