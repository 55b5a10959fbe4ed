"""The core's own contributions, registered through the same hooks as a plugin."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ipreg.core.extension import CodeList, ObjectKind, Role
from ipreg.core.hookspecs import hookimpl
from ipreg.core.refdata import core_code_lists, core_object_kinds

if TYPE_CHECKING:
    import click


@hookimpl
def ipreg_register_object_kinds() -> Iterable[ObjectKind]:
    return core_object_kinds()


@hookimpl
def ipreg_register_code_lists() -> Iterable[CodeList]:
    return core_code_lists()


@hookimpl
def ipreg_register_roles() -> Iterable[Role]:
    from ipreg.core.auth.principal import CORE_ROLES

    return CORE_ROLES


@hookimpl
def ipreg_migration_locations() -> Iterable[str]:
    from pathlib import Path

    return [str(Path(__file__).parent / "migrations" / "versions")]


@hookimpl
def ipreg_register_notification_channels() -> Iterable[Any]:
    from ipreg.core.notify.channels import builtin_channels

    return builtin_channels()


@hookimpl
def ipreg_register_commands(cli: click.Group) -> None:
    from ipreg.core.audit.cli import audit
    from ipreg.core.auth.cli import keys, users
    from ipreg.core.compliance.cli import compliance
    from ipreg.core.notify.cli import notifications

    for command in (users, keys, notifications, audit, compliance):
        cli.add_command(command)
