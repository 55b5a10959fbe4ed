"""Which law governs an application (digest §1.4) as configuration: the spirit-drink
provisions of Order p.4 from a configured date (A-34, ``IPREG_UA_GI_SPIRITS_FROM``, unset: not
in force) and the regime per product category (A-22, ``IPREG_UA_GI_REGIME_BY_CATEGORY``)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from ipreg.core.errors import BadUserInput, ConfigurationError
from ipreg.plugins.ukraine.gi import samples
from ipreg.plugins.ukraine.gi.forms.application import read_filing
from ipreg.plugins.ukraine.gi.regimes import (
    REGIME_BY_CATEGORY_ENV,
    SPIRITS_FROM_ENV,
    regime_by_category,
    spirits_from,
)

RECEIVED = dt.date(2026, 3, 2)
A34 = "Order p.4 / A-34"


def _filing(regime: str, category: str | None = None, spirit: str | None = None
            ) -> dict[str, Any]:
    data = copy.deepcopy(samples.filing(0))
    data["form"]["regime"] = regime
    if category is not None:
        data["form"]["productCategory"] = category
    if spirit is not None:
        data["specification"]["spiritCategory"] = spirit
    if regime != "agri_food":
        data["specification"].pop("uktzedCodes", None)
    return data


def _problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    try:
        read_filing(data, received_on=RECEIVED)
    except BadUserInput as error:
        return [(p["path"], p["rule"]) for p in error.details["problems"]]
    return []


#: (setting of IPREG_UA_GI_SPIRITS_FROM, of IPREG_UA_GI_REGIME_BY_CATEGORY, regime, product
#: category, spirit category, the problem expected or None)
ROWS = [
    ("", "", "spirit_drink", None, "горілка", ("form.regime", A34)),
    ("", "", "general", None, "горілка", ("specification.spiritCategory", A34)),
    ("2026-06-01", "", "spirit_drink", None, "горілка", ("form.regime", A34)),
    ("2026-03-02", "", "spirit_drink", None, "горілка", None),
    ("", "", "general", "spirit_drink", None, None),     # before Law 2800-IX: the general Law
    ("2026-01-01", "", "general", "spirit_drink", None, ("form.regime", "A-22 (digest §1.4)")),
    ("", "", "agri_food", "wine", None, ("form.regime", "A-22 (digest §1.4)")),
    ("", "", "general", "wine", None, None),
    ("", "", "general", "aromatised_wine", None, None),
    ("", "wine=agri_food", "agri_food", "wine", None, None),
    ("", "wine=agri_food", "general", "wine", None, ("form.regime", "A-22 (digest §1.4)")),
    ("", "", "agri_food", "cheese", None, None),          # not in the table: the claim stands
]


@pytest.mark.legal("Order p.4", "GI rules III.1.1", "GI rules II.4.4", "GI rules II.2.1",
                   "VR-37")
@pytest.mark.parametrize(("spirits", "table", "regime", "category", "spirit", "expected"),
                         ROWS, ids=[f"{r[2]}-{r[3]}-{r[0] or 'unset'}-{r[1] or 'default'}"
                                    for r in ROWS])
def test_the_regime_is_checked_against_the_configuration(
        monkeypatch, spirits: str, table: str, regime: str, category: str | None,
        spirit: str | None, expected: tuple[str, str] | None) -> None:
    monkeypatch.setenv(SPIRITS_FROM_ENV, spirits)
    monkeypatch.setenv(REGIME_BY_CATEGORY_ENV, table)
    problems = _problems(_filing(regime, category, spirit))
    if expected is None:
        assert problems == []
    else:
        assert expected in problems


def test_a_malformed_setting_stops_start_up(monkeypatch) -> None:
    monkeypatch.setenv(SPIRITS_FROM_ENV, "soon")
    with pytest.raises(ConfigurationError, match="A-34"):
        spirits_from()
    monkeypatch.setenv(REGIME_BY_CATEGORY_ENV, "wine=beer")
    with pytest.raises(ConfigurationError, match="A-22"):
        regime_by_category()
    monkeypatch.delenv(SPIRITS_FROM_ENV)
    monkeypatch.delenv(REGIME_BY_CATEGORY_ENV)
    assert spirits_from() is None                                        # not in force
    assert regime_by_category() == {"wine": "general", "aromatised_wine": "general",
                                    "spirit_drink": "spirit_drink"}


@pytest.mark.legal("Order p.4", "GI rules II.2.1")
async def test_through_graphql_a_spirit_drink_is_refused_until_the_configured_date(
        gi, monkeypatch) -> None:
    """``uaGiFileApplication``: before IPREG_UA_GI_SPIRITS_FROM a spirit-drink application is
    BAD_USER_INPUT naming form.regime and Order p.4 / A-34, and nothing is registered; from
    that day it is filed under its regime. A wine claimed as agri-food is refused (A-22)."""
    monkeypatch.delenv(SPIRITS_FROM_ENV, raising=False)
    before = await gi.counts()
    answer = await gi.gql_file(_filing("spirit_drink", "spirit_drink", "горілка"))
    assert gi.code_of(answer) == "BAD_USER_INPUT", answer
    assert "Order p.4 / A-34" in answer["errors"][0]["message"]
    assert "form.regime" in answer["errors"][0]["message"]
    answer = await gi.gql_file(_filing("agri_food", "wine"))
    assert gi.code_of(answer) == "BAD_USER_INPUT" and "A-22" in answer["errors"][0]["message"]
    assert await gi.counts() == before                                  # nothing changed
    monkeypatch.setenv(SPIRITS_FROM_ENV, "2026-03-02")
    answer = await gi.gql_file(_filing("spirit_drink", "spirit_drink", "горілка"))
    assert answer.get("errors") is None, answer
    [case_id] = await gi.case_ids()
    case = await gi.case(case_id)
    async with gi.rt.sessionmaker() as session:
        from ipreg.plugins.ukraine.gi import register

        app = await register.application(session, case.id)
    assert app.regime == "spirit_drink" and app.form["productCategory"] == "spirit_drink"
