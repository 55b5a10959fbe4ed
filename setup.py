"""Maps the repository folders onto the one import namespace ``ipreg``.

``core/`` becomes ``ipreg.core``, ``plugins/eaeu/`` becomes ``ipreg.plugins.eaeu``,
``testing/`` becomes ``ipreg.testing`` (the pytest plugin plugins test with) and so
on; everything else lives in pyproject.toml.
"""

from setuptools import find_packages, setup

TOP_LEVEL = ["core", "schema", "search", "plugins", "testing"]

setup(
    packages=["ipreg"]
    + [
        f"ipreg.{name}"
        for name in find_packages(include=[f"{top}*" for top in TOP_LEVEL])
    ],
    package_data={
        "": ["*.graphql", "*.json", "*.sql", "*.ttf", "*.mako", "py.typed",
             "legal_points.toml"],
        # The core's Alembic scripts are not a package (no __init__.py): listed here,
        # or a built wheel cannot create a database (tests/test_wheel.py).
        "ipreg.core": ["migrations/*.py", "migrations/*.mako", "migrations/versions/*.py"],
        # The GI register's sample editions of the V.8.4-8.5 sources (tests, demo).
        "ipreg.plugins.ukraine.gi.sources": ["data/*.csv", "data/*.json"],
        # GraphiQL's page and its vendored assets (scripts/vendor-graphiql): served offline.
        "ipreg.schema": ["graphiql.html", "static/graphiql/**/*"],
    },
)
