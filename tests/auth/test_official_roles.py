"""Officials' roles are declared (``ipreg_register_roles``), held by a deployment's registry
and carried by the principals it authenticates: the core knows only its own."""

from __future__ import annotations

from typing import Any

import pytest

from ipreg import hookimpl
from ipreg.core.auth import Grant, Principal
from ipreg.core.auth.permissions import can_read_object, is_official
from ipreg.core.auth.principal import CORE_OFFICIAL_ROLES
from ipreg.core.errors import ConfigurationError
from ipreg.core.extension import Role
from ipreg.core.plugins import Registry, make_plugin_manager

CUSTOMS = Principal(kind="user", subject="user:customs",
                    grants=frozenset({Grant("authorized_body", "eaeu", 100)}))


def registry(*plugins: str, extra: Any = None) -> Registry:
    pm = make_plugin_manager(list(plugins))
    if extra is not None:
        pm.register(extra, name="extra")
    return Registry.build(pm)


@pytest.mark.hook("ipreg_register_roles")
def test_the_official_roles_are_the_core_s_and_the_enabled_plugins_declarations() -> None:
    assert {"official", "supervisor", "examiner", "admin"} == CORE_OFFICIAL_ROLES
    assert registry().official_roles == CORE_OFFICIAL_ROLES
    eaeu = registry("eaeu")
    assert eaeu.official_roles == CORE_OFFICIAL_ROLES | {"authorized_body",
                                                         "commission_official"}
    assert not eaeu.roles["applicant"].official and eaeu.roles["authorized_body"].official


def test_the_core_does_not_know_eaeu_roles() -> None:
    """An authorized body is an official where the EAEU plugin is enabled, and only there:
    building one deployment changes nothing for another (no process-wide set)."""
    eaeu, core_only = registry("eaeu"), registry()
    assert not CUSTOMS.is_official_of("eaeu")  # bound to no deployment: the core's roles
    assert eaeu.bind(CUSTOMS).is_official_of("eaeu")
    assert is_official(eaeu.bind(CUSTOMS), "eaeu")
    assert can_read_object(eaeu.bind(CUSTOMS), "eaeu", published=False)
    assert not core_only.bind(CUSTOMS).is_official_of("eaeu")
    assert not is_official(core_only.bind(CUSTOMS), "eaeu")
    assert eaeu.bind(CUSTOMS) == CUSTOMS  # the same principal, counted differently


def test_a_plugin_declares_its_own_official_role() -> None:
    class Plugin:
        @hookimpl
        def ipreg_register_roles(self) -> list[Role]:
            return [Role("registrar", {"en": "Registrar"}, official=True),
                    Role("observer", {"en": "Observer"})]

    deployment = registry(extra=Plugin())
    registrar = Principal(kind="user", grants=frozenset({Grant("registrar", "example")}))
    observer = Principal(kind="user", grants=frozenset({Grant("observer", "example")}))
    assert deployment.bind(registrar).is_official_of("example")
    assert not deployment.bind(observer).is_official_of("example")
    assert not registrar.is_official_of("example")


def test_a_role_declared_twice_otherwise_stops_start_up() -> None:
    """The same role declared again with other names or officialdom is a clash (an
    identical declaration, one authority's role shared by several registers, is not:
    tests/test_plugin_host.py)."""
    class Plugin:
        @hookimpl
        def ipreg_register_roles(self) -> list[Role]:
            return [Role("examiner", {"en": "Examiner of another kind"}, official=True)]

    with pytest.raises(ConfigurationError, match="same role 'examiner'"):
        registry(extra=Plugin())


async def test_the_graphql_context_counts_the_deployment_s_official_roles(
        runtime: Any) -> None:
    from ipreg.schema.context import Context
    from ipreg.schema.reader import Reader

    reader = Reader(runtime.engine)
    try:
        context = Context(runtime=runtime, reader=reader, viewer=CUSTOMS)
        assert context.viewer.is_official_of("eaeu")
    finally:
        await reader.close()
