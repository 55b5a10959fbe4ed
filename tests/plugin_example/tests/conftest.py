"""The example register's people; everything else comes from ipreg's pytest plugin.

``pip install ipreg[testing]`` installs it (entry point ``pytest11``): the
``ipreg_*`` fixtures give each test a migrated database (SQLite, and PostgreSQL
with ``IPREG_TEST_POSTGRES_URL``), a runtime whose clock the test moves, GraphQL
and a procedure driver. A plugin overrides ``ipreg_cast`` to name its people.
"""

from __future__ import annotations

import pytest

from ipreg.core.auth import Grant
from ipreg.core.model import Party
from ipreg.core.runtime import Runtime
from ipreg.core.services.inputs import parse_object
from ipreg.core.services.objects import create_object
from ipreg.testing import Cast, ProcedureDriver, person


@pytest.fixture
async def ipreg_cast(ipreg_runtime: Runtime) -> Cast:
    async with ipreg_runtime.sessionmaker() as session:
        holder = Party(country="DE", name="Sunny Seeds GmbH")
        other = Party(country="FR", name="Graines SARL")
        session.add_all([holder, other])
        await session.commit()
    return Cast(
        holder=person("user:holder", holder.id, Grant("applicant", "example", holder.id)),
        other=person("user:other", other.id, Grant("applicant", "example", other.id)),
        registrar=person("user:registrar", None, Grant("example_registrar", "example")),
        holder_party=holder.id,
    )


@pytest.fixture
async def register(ipreg_driver: ProcedureDriver) -> ProcedureDriver:
    """The register with a published object (Sunny), an unpublished one (Secret) and a
    case: what anonymous callers must see of it, and not see."""
    async with ipreg_driver.runtime.sessionmaker() as session:
        for name, published in (("Sunny", True), ("Secret", False)):
            await create_object(session, parse_object({
                "jurisdiction": "example", "kind": "example_breed", "name": name,
                "status": "included", "published": published}))
        await session.commit()
    await ipreg_driver.open("EX.REQ", "holder", {"note": "x"})
    return ipreg_driver
