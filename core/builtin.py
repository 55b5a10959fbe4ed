"""The core's own contributions, registered through the same hooks as a plugin."""

from __future__ import annotations

from collections.abc import Iterable

from ipreg.core.extension import CodeList, ObjectKind
from ipreg.core.hookspecs import hookimpl
from ipreg.core.refdata import core_code_lists, core_object_kinds


@hookimpl
def ipreg_register_object_kinds() -> Iterable[ObjectKind]:
    return core_object_kinds()


@hookimpl
def ipreg_register_code_lists() -> Iterable[CodeList]:
    return core_code_lists()


@hookimpl
def ipreg_migration_locations() -> Iterable[str]:
    from pathlib import Path

    return [str(Path(__file__).parent / "migrations" / "versions")]
