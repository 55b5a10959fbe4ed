"""The shared checks of outside input (ipreg.core.checks) and the readers that use them
outside GraphQL: ``ipreg import objects`` (parse_object), the EAEU forms, the engine.

The GraphQL side, on both databases, is tests/test_bad_input.py.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from support import sample_object

from ipreg.core.checks import (
    MAX_DATABASE_ID,
    database_id,
    date_problem,
    nul_path,
    text_problem,
    whole_number,
)
from ipreg.core.errors import BadUserInput
from ipreg.core.procedures.definition import InputField
from ipreg.core.procedures.engine import ProcedureEngine
from ipreg.core.services.inputs import parse_object
from ipreg.core.services.validation import node_global_id
from ipreg.plugins.eaeu import samples
from ipreg.plugins.eaeu.forms import parse_form
from ipreg.schema.arguments import global_id_problem


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, 1), ("42", 42), (MAX_DATABASE_ID, MAX_DATABASE_ID), (str(MAX_DATABASE_ID),
                                                              MAX_DATABASE_ID),
     (0, None), ("0", None), (-1, None), ("-1", None), (MAX_DATABASE_ID + 1, None),
     ("99999999999999999999999", None), ("abc", None), ("", None), ("١٢", None),
     (True, None), (1.0, None), (None, None)],
)
def test_database_ids(value: Any, expected: int | None) -> None:
    assert database_id(value) == expected


def test_whole_numbers_start_at_zero() -> None:
    assert whole_number("0") == 0
    assert whole_number("12", maximum=11) is None
    assert whole_number(" 1") is None


def test_text_dates_and_json_paths() -> None:
    assert text_problem("ok") is None and text_problem("a\x00") is not None
    assert date_problem(dt.date(2026, 1, 1)) is None
    assert date_problem(dt.date(1, 1, 1)) and date_problem(dt.date(9999, 12, 31))
    assert date_problem(dt.datetime(3000, 1, 1, tzinfo=dt.UTC))
    assert nul_path({"a": [1, {"b": "x\x00"}]}) == "a[1].b"
    assert nul_path({"k\x00": 1}, "input") == "input.k\x00"
    assert nul_path({"a": ["fine"]}) is None


def test_global_ids() -> None:
    from strawberry.relay.utils import to_base64

    assert global_id_problem(to_base64("Party", "7")) is None
    for bad in (to_base64("Party", "abc"), to_base64("Party", "0"), "###",
                to_base64("Party", str(2**63))):
        assert global_id_problem(bad), bad


# ---------------------------------------------------------------- ipreg import objects


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"name": "ЗЕЛЕНА\x00"}, "name: contains a NUL"),
        ({"keywords": ["чай\x00"]}, "keywords[0]: contains a NUL"),
        ({"holders": [{"name": "ТОВ\x00", "country": "UA"}]}, "holders[0].name: contains a NUL"),
        ({"statusHistory": [{"status": "filed", "date": "0001-01-01"}]},
         "statusHistory[0].date: 0001-01-01 is not between"),
        ({"rightTerms": [{"country": "KZ", "expiresOn": "9999-12-31"}]},
         "rightTerms[0].expiresOn: 9999-12-31 is not between"),
        ({"statusHistory": [{"status": "filed", "date": "2024-01-01",
                             "basisNumber": "N" * 65}]},
         "statusHistory[0].basisNumber: is longer than 64 characters"),
    ],
)
def test_the_object_reader_refuses_what_cannot_be_stored(change: dict[str, Any], path: str
                                                         ) -> None:
    with pytest.raises(BadUserInput) as caught:
        parse_object(sample_object(1, **change))
    assert path in caught.value.message


# ---------------------------------------------------------------- EAEU forms


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda f: f.update(name="ЧАЙ\x00"), "name: contains a NUL"),
        (lambda f: f["titleDocuments"][0].update(date="0001-01-01"),
         "titleDocuments[0].date: 0001-01-01 is not between"),
        (lambda f: f.update(rightHolders=[{"partyId": node_global_id("Party", 2**63)}]),
         "rightHolders[0].partyId: must be the global id of a Party"),
    ],
)
def test_the_form_reader_refuses_what_cannot_be_stored(change: Any, path: str) -> None:
    form = samples.form(0, random.Random(3), holder=1, representative=None)
    change(form)
    with pytest.raises(BadUserInput) as caught:
        parse_form(form)
    assert path in caught.value.message


# ---------------------------------------------------------------- procedure engine


class _Transition:
    code = "T.1"
    inputs = (InputField("on", "date"), InputField("note", "string", required=False),
              InputField("n", "int", required=False), InputField("ref", "id", required=False))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"on": "9999-12-31"}, "on: 9999-12-31 is not between"),
        ({"on": "2026-01-01", "note": "a\x00"}, "note: contains a NUL"),
        ({"on": "2026-01-01", "n": 2**64}, "n: must be a whole number (64-bit)"),
        ({"on": "2026-01-01", "ref": "x"}, "ref: must be an id"),
    ],
)
def test_the_engine_checks_act_inputs(data: dict[str, Any], words: str) -> None:
    with pytest.raises(BadUserInput, match=words.replace("(", r"\(").replace(")", r"\)")):
        ProcedureEngine.check_input(_Transition(), data)  # type: ignore[arg-type]


def test_the_engine_refuses_an_idempotency_key_the_table_cannot_hold() -> None:
    ProcedureEngine.check_idempotency_key("k" * 128)
    ProcedureEngine.check_idempotency_key(None)
    with pytest.raises(BadUserInput, match="at most 128 characters, not 129") as caught:
        ProcedureEngine.check_idempotency_key("k" * 129)
    assert caught.value.details["argument"] == "idempotencyKey"
    with pytest.raises(BadUserInput, match="NUL"):
        ProcedureEngine.check_idempotency_key("k\x00")
