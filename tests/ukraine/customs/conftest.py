"""Fixtures of the customs-register tests: the cast, a stored product photo, the driver
(:mod:`customs_support`). The clock starts on Monday 2 March 2026 (``ipreg_clock``)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from ukraine.customs.customs_support import Customs, customs_cast

from ipreg.core.runtime import Runtime
from ipreg.plugins.ukraine.customs import samples
from ipreg.testing import Cast, Clock


@pytest.fixture(autouse=True)
def _files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPREG_FILES_DIR", str(tmp_path / "files"))


@pytest.fixture
async def ipreg_cast(ipreg_runtime: Runtime) -> Cast:
    return await customs_cast(ipreg_runtime)


@pytest.fixture
async def ipreg_driver(ipreg_runtime: Runtime, ipreg_clock: Clock, ipreg_cast: Cast
                       ) -> Customs:
    driver = Customs(ipreg_runtime, ipreg_clock, ipreg_cast)
    async with ipreg_runtime.sessionmaker() as session:
        driver.sha = await samples.store_photo(session, ipreg_runtime)
        await session.commit()
    driver.photo = base64.b64encode(f"File:{driver.sha}".encode()).decode()
    return driver


@pytest.fixture
def customs(ipreg_driver: Customs) -> Customs:
    return ipreg_driver
