"""/health reports the database and the search backend; 503 when one is down."""

from __future__ import annotations

from typing import Any

import httpx

from ipreg.core.config import Settings
from ipreg.core.runtime import Runtime
from ipreg.schema.app import create_app


async def test_health_is_ok_when_the_database_answers(client: Any) -> None:
    response = await client.http.get("/health")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


async def test_health_is_503_when_the_database_is_down() -> None:
    runtime = Runtime.create(
        Settings.from_env(database_url="postgresql://nobody:wrong@127.0.0.1:1/none")
    )
    app = create_app(runtime)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as http:
        response = await http.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["database"].startswith("down")
    await runtime.close()
