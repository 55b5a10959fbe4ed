"""ipreg: an open GraphQL register platform for IP enforcement registers.

The repository root is this package: ``core/`` is ``ipreg.core``, ``schema/`` is
``ipreg.schema``, ``search/`` is ``ipreg.search`` and ``plugins/<name>/`` is
``ipreg.plugins.<name>``. A plugin writes ``from ipreg import hookimpl``.
"""

from ipreg.core.hookspecs import hookimpl

__all__ = ["__version__", "hookimpl"]
__version__ = "0.1.0"
