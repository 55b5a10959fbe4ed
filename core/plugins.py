"""The plugin host: discovers plugins by entry point and collects what they bring.

Modelled on datasette's ``plugins.py``: built-in behaviour is a plugin too
(:mod:`ipreg.core.builtin`), third-party plugins are found through the
``ipreg.plugins`` entry-point group, ``IPREG_PLUGINS`` restricts which load, and
:func:`describe_plugins` lists them with their versions and hooks.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType
from typing import Any

import pluggy

from ipreg.core import hookspecs
from ipreg.core.auth.principal import ANONYMOUS, CORE_OFFICIAL_ROLES, Principal
from ipreg.core.errors import ConfigurationError
from ipreg.core.extension import (
    ALWAYS_PUBLISHED,
    CORE_OBJECT_FIELDS,
    CodeList,
    EventSubscriber,
    FilePurpose,
    Jurisdiction,
    ObjectKind,
    ObjectTypeBinding,
    PublicationRule,
    Role,
    SearchField,
)

ENTRY_POINT_GROUP = "ipreg.plugins"
CORE_PLUGINS = ("ipreg.core.builtin",)


@dataclass(frozen=True)
class PluginInfo:
    name: str
    module: str
    version: str
    distribution: str
    hooks: tuple[str, ...]


def _discover() -> list[EntryPoint]:
    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def available_plugins() -> list[str]:
    """Names of every installed plugin, whether or not it is enabled."""
    return [ep.name for ep in _discover()]


def make_plugin_manager(enabled: Sequence[str] | None = None) -> pluggy.PluginManager:
    """A plugin manager with the core plugins and the enabled installed ones.

    ``enabled=None`` loads every installed plugin; otherwise only those named
    (an unknown name is a :class:`ConfigurationError`, so a typo in
    ``IPREG_PLUGINS`` does not silently run without a jurisdiction).
    """
    pm = pluggy.PluginManager("ipreg")
    pm.add_hookspecs(hookspecs)
    for module_name in CORE_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
    found = {ep.name: ep for ep in _discover()}
    if enabled is not None:
        unknown = sorted(set(enabled) - set(found))
        if unknown:
            raise ConfigurationError(
                f"IPREG_PLUGINS names plugins that are not installed: {', '.join(unknown)}; "
                f"installed: {', '.join(sorted(found)) or 'none'}"
            )
    for name, ep in found.items():
        if enabled is not None and name not in enabled:
            continue
        plugin = ep.load()
        if pm.is_registered(plugin):
            continue
        pm.register(plugin, name=name)
        dist = ep.dist
        pm.__dict__.setdefault("_ipreg_dists", {})[name] = (
            (dist.name, dist.version) if dist is not None else ("", "")
        )
    pm.check_pending()
    return pm


def describe_plugins(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """What is loaded: name, module, version and the hooks each implements."""
    dists: dict[str, tuple[str, str]] = pm.__dict__.get("_ipreg_dists", {})
    out = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda item: item[0]):
        if plugin is None:
            continue
        hooks = tuple(sorted(caller.name for caller in pm.get_hookcallers(plugin) or []))
        dist_name, version = dists.get(name, ("ipreg", _own_version()))
        module = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__name__
        out.append(PluginInfo(name, module, version, dist_name, hooks))
    return out


def _own_version() -> str:
    from ipreg import __version__

    return __version__


def _flatten(results: Iterable[Iterable[Any] | None]) -> list[Any]:
    out: list[Any] = []
    for result in results:
        if result:
            out.extend(result)
    return out


@dataclass
class Registry:
    """Everything the plugins contributed, collected once at start-up."""

    pm: pluggy.PluginManager
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    object_kinds: dict[str, ObjectKind] = field(default_factory=dict)
    code_lists: dict[str, CodeList] = field(default_factory=dict)
    models: list[type[Any]] = field(default_factory=list)
    search_fields: dict[str, SearchField] = field(default_factory=dict)
    subscribers: dict[str, EventSubscriber] = field(default_factory=dict)
    object_types: dict[str, ObjectTypeBinding] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    procedures: dict[str, Any] = field(default_factory=dict)
    calendars: dict[str, Any] = field(default_factory=dict)
    channels: dict[str, Any] = field(default_factory=dict)
    #: jurisdiction -> what its law publishes (``ipreg_register_publication_rules``).
    publication_rules: dict[str, PublicationRule] = field(default_factory=dict)
    #: code -> what an upload is for and its rule (``ipreg_register_file_purposes``).
    file_purposes: dict[str, FilePurpose] = field(default_factory=dict)
    #: The roles declared ``official`` by the core and the enabled plugins.
    official_roles: frozenset[str] = CORE_OFFICIAL_ROLES
    _anonymous: Principal | None = field(default=None, repr=False)

    @classmethod
    def build(cls, pm: pluggy.PluginManager) -> Registry:
        reg = cls(pm=pm)
        hook = pm.hook
        _unique(reg.jurisdictions, _flatten(hook.ipreg_register_jurisdictions()), "jurisdiction")
        _unique(reg.object_kinds, _flatten(hook.ipreg_register_object_kinds()), "object kind")
        _unique(reg.code_lists, _flatten(hook.ipreg_register_code_lists()), "code list", "id")
        _unique(
            reg.search_fields, _flatten(hook.ipreg_register_search_fields()), "search field", "name"
        )
        _unique(
            reg.subscribers,
            _flatten(hook.ipreg_register_event_subscribers()),
            "change-feed subscriber",
            "name",
        )
        _unique(
            reg.object_types,
            _flatten(hook.ipreg_register_object_types()),
            "object type binding",
            "jurisdiction",
        )
        _unique(reg.procedures, _flatten(hook.ipreg_register_procedures()), "procedure")
        _unique(reg.calendars, _flatten(hook.ipreg_register_calendars()), "calendar",
                "jurisdiction")
        _unique(reg.channels, _flatten(hook.ipreg_register_notification_channels()),
                "notification channel", "name")
        _unique(reg.roles, _flatten(hook.ipreg_register_roles()), "role", same_ok=True)
        _unique(reg.file_purposes, _flatten(hook.ipreg_register_file_purposes()), "file purpose")
        reg.official_roles = frozenset(r.code for r in reg.roles.values() if r.official)
        reg.models = _flatten(hook.ipreg_register_models())
        reg._collect_publication_rules()
        return reg

    def publication_rule(self, jurisdiction: str) -> PublicationRule:
        """The jurisdiction's rule; without one, everything of a published object is."""
        return self.publication_rules.get(jurisdiction) or PublicationRule(jurisdiction)

    def _collect_publication_rules(self) -> None:
        caller = self.pm.hook.ipreg_register_publication_rules
        for impl in caller.get_hookimpls():
            rules: Any = impl.function()
            for rule in rules or []:
                _check_rule(self, impl.plugin_name, rule)
                self.publication_rules[rule.jurisdiction] = rule

    def bind(self, principal: Principal) -> Principal:
        """The principal, counting this deployment's official roles as officials'."""
        if principal is ANONYMOUS:
            # Every anonymous request binds the same constant: made once, not per request
            # (a dataclass copy of ~3 µs on the cached read path, bench/graphql/cost.py).
            if self._anonymous is None:
                self._anonymous = principal.with_official_roles(self.official_roles)
            return self._anonymous
        return principal.with_official_roles(self.official_roles)

    def migration_locations(self) -> list[str]:
        return _flatten(self.pm.hook.ipreg_migration_locations())

    def model_tables(self) -> set[str]:
        """Names of the tables owned by the core and the enabled plugins."""
        from ipreg.core.db import Base

        core = {t.name for t in Base.metadata.sorted_tables if t.info.get("owner") == "core"}
        return core | {model.__table__.name for model in self.models}


def _check_rule(reg: Registry, plugin: str, rule: PublicationRule) -> None:
    """A rule is its jurisdiction's own plugin's, names real fields and is one the
    core can apply (see ``ipreg_register_publication_rules``)."""
    code = rule.jurisdiction
    owner = reg.jurisdictions.get(code)
    if owner is None or owner.plugin != plugin:
        raise ConfigurationError(
            f"plugin {plugin!r} declares a publication rule for {code!r}, which is "
            + ("not a jurisdiction" if owner is None else f"a jurisdiction of {owner.plugin!r}")
        )
    if code in reg.publication_rules:
        raise ConfigurationError(f"two publication rules for jurisdiction {code!r}")
    unknown = sorted(set(rule.unpublished) - CORE_OBJECT_FIELDS)
    if unknown:
        raise ConfigurationError(
            f"the publication rule of {code!r} withholds {', '.join(unknown)}: not fields "
            f"of IPObject ({', '.join(sorted(CORE_OBJECT_FIELDS))})"
        )
    always = sorted(set(rule.unpublished) & ALWAYS_PUBLISHED)
    if always:
        raise ConfigurationError(
            f"the publication rule of {code!r} withholds {', '.join(always)}: the core "
            "shows these to everyone (search matches them, listings show them)"
        )
    if "holder" not in rule.public_party_roles:
        raise ConfigurationError(
            f"the publication rule of {code!r} does not publish right holders as parties, "
            "but every register publishes its objects' holders"
        )
    if "representative" in rule.public_party_roles and not rule.publishes("representatives"):
        raise ConfigurationError(
            f"the publication rule of {code!r} publishes representatives as parties "
            "but withholds the field representatives"
        )
    if rule.unpublished and code not in reg.object_types:
        raise ConfigurationError(
            f"the publication rule of {code!r} withholds fields, but the jurisdiction has "
            "no object type of its own (ipreg_register_object_types): GenericIPObject "
            "would show them"
        )


def _unique(target: dict[str, Any], items: list[Any], what: str, key: str = "code",
            same_ok: bool = False) -> None:
    """Register ``items`` by ``key``; a second registration is an error, unless
    ``same_ok`` and it is equal to the first (one role of an authority several registers
    of a country share, e.g. UKRNOIVI's examiner, declared by each of them)."""
    for item in items:
        value = getattr(item, key)
        if same_ok and target.get(value) == item:
            continue
        if value in target:
            raise ConfigurationError(f"two plugins register the same {what} {value!r}")
        target[value] = item
