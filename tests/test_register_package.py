"""ipreg.core.extension.RegisterPackage: the hook values a register takes from its
package by the documented layout are the package's own, and every register's plugin.py
returns them (no plugin writes the bodies again)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from ipreg.core.extension import RegisterPackage
from ipreg.core.plugins import make_plugin_manager

ROOT = Path(__file__).resolve().parent.parent
GI = RegisterPackage("ipreg.plugins.ukraine.gi.plugin", "ua_gi", country="UA",
                     timezone="Europe/Kyiv")


@pytest.mark.hook("ipreg_register_models")
def test_the_values_are_those_of_the_package_s_own_modules() -> None:
    from ipreg.plugins.ukraine.gi import demo, models, procedures

    assert GI.package == "ipreg.plugins.ukraine.gi"
    assert GI.directory == ROOT / "plugins" / "ukraine" / "gi"
    assert GI.models() == list(models.MODELS)
    assert GI.migration_locations() == [str(ROOT / "plugins" / "ukraine" / "gi" /
                                             "migrations")]
    assert [p.code for p in GI.procedures()] == [p.code for p in procedures.procedures()]
    assert GI.demo_loaders() == [demo.load_demo]
    [points] = GI.legal_points()
    assert points.digest == "ukraine-gi.md" and len(points.points) > 10


@pytest.mark.hook("ipreg_register_calendars")
def test_the_calendar_is_the_country_s_under_the_register_s_name() -> None:
    import datetime as dt

    [calendar] = GI.calendars()
    assert (calendar.jurisdiction, calendar.timezone) == ("ua_gi", "Europe/Kyiv")
    assert not calendar.is_working_day(dt.date(2026, 3, 7))        # a Saturday
    assert calendar.is_working_day(dt.date(2026, 3, 9))


def test_a_package_without_a_country_has_no_calendar_to_give() -> None:
    eaeu = RegisterPackage("ipreg.plugins.eaeu.plugin", "eaeu")
    with pytest.raises(ValueError, match="country"):
        eaeu.calendars()
    with pytest.raises(ValueError, match="package"):
        _ = RegisterPackage("plugin", "x").package


@pytest.mark.parametrize("name", ["eaeu", "ukraine_customs", "ukraine_gi",
                                  "ukraine_websites"])
def test_every_register_s_hooks_return_its_package_s_values(name: str) -> None:
    """The plugins use the helper: each hook gives what its package's layout holds."""
    pm = make_plugin_manager((name,))
    plugin = pm.get_plugin(name)
    package = importlib.import_module(plugin.__name__.rpartition(".")[0])
    here = Path(package.__file__ or "").parent
    assert plugin.PACKAGE.package == package.__name__
    hooks = pm.hook
    assert [str(here / "migrations")] in hooks.ipreg_migration_locations()
    # GI adds the models of a sub-package (sources/) to its package's own
    assert set(importlib.import_module(f"{package.__name__}.models").MODELS) <= \
        {m for models in hooks.ipreg_register_models() for m in models}
    assert [importlib.import_module(f"{package.__name__}.demo").load_demo] in \
        [list(d) for d in hooks.ipreg_register_demo_loaders()]
    digests = [p.digest for points in hooks.ipreg_register_legal_points() for p in points]
    assert digests == [p.digest for p in plugin.PACKAGE.legal_points()]
