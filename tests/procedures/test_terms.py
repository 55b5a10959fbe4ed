"""Time limits are configuration: a register's table of terms, each with its legal basis and
the origin of its value, overridden per deployment by one environment variable."""

from __future__ import annotations

import pytest

from ipreg.core.errors import ConfigurationError
from ipreg.core.procedures import (
    Term,
    TermTable,
    Unit,
    days,
    months,
    parse_duration,
    working_days,
)

TABLE = TermTable("IPREG_TEST_TERMS", [
    Term("review", working_days(10), "Sample rules 4.1", applies_to="T.004",
         source="Sample rules 4.1", names={"en": "Examination"}),
    Term("cure", days(30), "Sample rules 5.2", applies_to="T.003", provisional=True,
         source="Not in the rules: a provisional default.", names={"en": "Missing documents"}),
])


@pytest.mark.parametrize(("text", "duration"), [
    ("10wd", working_days(10)), ("30d", days(30)), (" 1 m ", months(1)), ("0d", days(0)),
])
def test_terms_are_written_in_days_working_days_or_months(text: str, duration: object) -> None:
    assert parse_duration(text) == duration


@pytest.mark.parametrize("text", ["", "10", "10w", "-1d", "1.5m", "ten days"])
def test_anything_else_is_a_configuration_error(text: str) -> None:
    with pytest.raises(ConfigurationError, match="is not a term like 10wd, 30d or 1m"):
        parse_duration(text)


def test_without_configuration_the_defaults_are_in_force(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IPREG_TEST_TERMS", raising=False)
    assert TABLE.terms() == TABLE.defaults
    assert TABLE["cure"].provisional and not TABLE["review"].provisional
    assert [t.key for t in TABLE] == ["review", "cure"]


def test_a_deployment_overrides_a_term_and_the_source_says_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPREG_TEST_TERMS", "cure=2m, review=15wd")
    cure = TABLE["cure"]
    assert (cure.duration.amount, cure.duration.unit) == (2, Unit.MONTHS)
    assert cure.source == "Configured by IPREG_TEST_TERMS (Sample rules 5.2)."
    assert not cure.provisional  # the deployment has set it: no longer a guess
    assert cure.legal_basis == "Sample rules 5.2" and cure.names == {"en": "Missing documents"}
    assert TABLE["review"].duration == working_days(15)


@pytest.mark.parametrize("raw", ["unknown=10d", "cure", "cure=ten days"])
def test_an_unknown_key_or_a_bad_term_stops_start_up(monkeypatch: pytest.MonkeyPatch,
                                                     raw: str) -> None:
    monkeypatch.setenv("IPREG_TEST_TERMS", raw)
    with pytest.raises(ConfigurationError):
        TABLE.terms()


def test_a_term_declared_twice_is_an_error() -> None:
    with pytest.raises(ConfigurationError, match="'cure' is declared twice"):
        TermTable("IPREG_TEST_TERMS", [*TABLE.defaults.values(), TABLE.defaults["cure"]])


def test_a_term_becomes_a_time_limit_of_the_same_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPREG_TEST_TERMS", "cure=45d")
    limit = TABLE.limit("cure", on_expiry="T.006", deemed_received_after_days=5)
    assert (limit.code, limit.duration, limit.legal_basis) == ("cure", days(45),
                                                               "Sample rules 5.2")
    assert limit.source == "Configured by IPREG_TEST_TERMS (Sample rules 5.2)."
    assert (limit.on_expiry, limit.deemed_received_after_days) == ("T.006", 5)
    assert dict(limit.names) == {"en": "Missing documents"}


def test_the_eaeu_terms_keep_their_variable_and_are_provisional(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """digest §3.5: the Regulations' terms are not in the seeds, so every default is
    provisional until a deployment sets it with IPREG_EAEU_TERMS."""
    from ipreg.plugins.eaeu.terms import TERMS, terms

    monkeypatch.delenv("IPREG_EAEU_TERMS", raising=False)
    assert TERMS.env_var == "IPREG_EAEU_TERMS"
    assert all(t.provisional and "PROVISIONAL" in t.source for t in terms().values())
    monkeypatch.setenv("IPREG_EAEU_TERMS", "formalCheck=15wd")
    assert terms()["formalCheck"].duration == working_days(15)
    assert not terms()["formalCheck"].provisional
