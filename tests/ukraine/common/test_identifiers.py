"""EDRPOU and RNOKPP check digits, and the signature data of a filing: a filing
without a qualified signature the signature service confirmed is refused."""

from __future__ import annotations

from typing import Any

import pytest

from ipreg.core.errors import BadUserInput
from ipreg.plugins.ukraine.common.identifiers import (
    UkrainianIdentifierReader,
    edrpou_check_digit,
    is_edrpou,
    is_rnokpp,
    rnokpp_check_digit,
)
from ipreg.plugins.ukraine.common.signature import SignatureReader


@pytest.mark.parametrize(("code", "valid"), [
    ("14360570", True),     # weights 1..7
    ("00032112", True),
    ("14360571", False),    # wrong check digit
    ("1436057", False),     # seven digits
    ("1436057a", False),
    ("１４３６０５７０", False),  # full-width digits are not ASCII digits
])
def test_an_edrpou_code_is_eight_digits_with_its_check_digit(code: str, valid: bool) -> None:
    assert is_edrpou(code) is valid


def test_every_seven_digits_have_one_edrpou_check_digit() -> None:
    for first in ("3083042", "4000000", "1234567", "5999999", "0000001"):
        digit = edrpou_check_digit(first)
        assert is_edrpou(first + digit)
        assert [d for d in "0123456789" if is_edrpou(first + d)] == [digit]


@pytest.mark.parametrize(("number", "valid"), [
    ("3184710691", True),
    ("3184710692", False),
    ("318471069", False),
    ("2222222222", False),
])
def test_an_rnokpp_is_ten_digits_with_its_check_digit(number: str, valid: bool) -> None:
    assert is_rnokpp(number) is valid
    if len(number) == 10:
        assert is_rnokpp(number[:9] + rnokpp_check_digit(number[:9]))


def test_a_wrong_identifier_is_reported_at_its_path_with_the_rule() -> None:
    reader = UkrainianIdentifierReader()
    assert reader.edrpou({"edrpou": "14360571"}, "edrpou", "applicant") is None
    assert reader.rnokpp({"rnokpp": "3184710691"}, "rnokpp", "applicant") == "3184710691"
    assert [(p.path, p.rule.split(":")[0]) for p in reader.problems.found] == [
        ("applicant.edrpou", "EDRPOU")]


GOOD: dict[str, Any] = {
    "signer": "Петренко Олена Іванівна", "signerRnokpp": "3184710691",
    "provider": "КНЕДП ДПС", "certificateSerial": "58e2d9e7f900dd6e04000000",
    "signedAt": "2026-03-02T10:15:00+02:00", "format": "CAdES-X-Long",
    "contentSha256": "a" * 64, "verified": True,
}


@pytest.mark.parametrize(("change", "path"), [
    ({"signer": None}, "signature.signer"),
    ({"signedAt": "2026-03-02T10:15:00"}, "signature.signedAt"),  # no offset
    ({"format": "PGP"}, "signature.format"),
    ({"contentSha256": "xyz"}, "signature.contentSha256"),
    ({"certificateSerial": "not hex"}, "signature.certificateSerial"),
    ({"verified": False}, "signature.verified"),
    ({"signerRnokpp": "1111111111"}, "signature.signerRnokpp"),
    ({"seal": "yes"}, "signature.seal"),  # undeclared key
])
def test_signature_data_that_does_not_show_a_qualified_signature_is_refused(
        change: dict[str, Any], path: str) -> None:
    reader = SignatureReader()
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    assert reader.signature(data, "signature") is None
    with pytest.raises(BadUserInput) as refused:
        reader.raise_if_any()
    assert path in [p["path"] for p in refused.value.details["problems"]]


def test_good_signature_data_is_kept_as_the_register_stores_it() -> None:
    reader = SignatureReader()
    signature = reader.signature(GOOD, "signature")
    reader.raise_if_any()
    assert signature is not None
    assert signature.as_dict()["certificateSerial"] == "58E2D9E7F900DD6E04000000"
    assert signature.signed_at.utcoffset() is not None
