"""DataLoaders keep the number of SQL statements constant, whatever the page size."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from ipreg.core.runtime import Runtime

PAGE = """
query($first: Int!) {
  ipObjects(first: $first) {
    totalCount
    edges { node {
      id name registerNumber keywords
      holders { name country countryName }
      representatives { name }
      goods { description hsCodes niceClasses }
      statusHistory { status date basisNumber }
      rightTerms { country expiresOn }
    } }
  }
}
"""


class StatementCounter:
    def __init__(self, runtime: Runtime) -> None:
        self.count = 0
        self.engine = runtime.engine.sync_engine

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc: Any) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args: Any) -> None:
        self.count += 1


@pytest.mark.parametrize("size", [5, 50])
async def test_a_page_with_all_relations_costs_a_constant_number_of_statements(
    runtime: Runtime, client: Any, add_objects: Any, size: int
) -> None:
    await add_objects(60)
    with StatementCounter(runtime) as counter:
        data = await client.data(PAGE, {"first": size})
    page = data["ipObjects"]
    assert len(page["edges"]) == size
    assert page["totalCount"] == 60
    node = page["edges"][0]["node"]
    assert len(node["holders"]) == 2 and node["goods"][1]["hsCodes"] == ["090111", "090112"]
    # one page, one count, and one statement per relation: keywords, parties, goods,
    # status history, right terms
    assert counter.count == 7
