"""The layout of a Ukrainian register's package (``ipreg.core.extension.RegisterPackage``):
its models, migrations, procedures, legal points and demo loader where docs/plugins.md
"Layout" puts them, its calendar Ukraine's (:mod:`ipreg.plugins.ukraine.common.calendar`)."""

from __future__ import annotations

from ipreg.core.extension import RegisterPackage
from ipreg.plugins.ukraine.common.calendar import KYIV


def ukraine_package(module: str, jurisdiction: str) -> RegisterPackage:
    """The hook values of a Ukrainian register's package (``plugin.py``: ``PACKAGE =
    ukraine_package(__name__, JURISDICTION)``), its calendar Ukraine's."""
    return RegisterPackage(module, jurisdiction, country="UA", timezone=KYIV)


__all__ = ["ukraine_package"]
