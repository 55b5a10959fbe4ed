"""Ukrainian IP enforcement registers: three jurisdictions, one package.

Each register is its own plugin (entry point, jurisdiction, Alembic branch) and loads
without the others: ``websites`` (``ukraine_websites``: Order No. 2945 of 2024, the
national list of websites raising IP concerns), ``gi`` (``ukraine_gi``: the rules for
geographical-indication applications) and ``customs`` (``ukraine_customs``: the State
Customs Service register of IP objects and border measures). They share only
:mod:`ipreg.plugins.ukraine.common`.
"""
