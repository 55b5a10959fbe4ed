"""The qualified electronic signature data of an electronic filing.

Ukrainian electronic filings are signed with a qualified electronic signature
(Law of Ukraine No. 2155-VIII "On electronic identification and electronic trust
services", Art. 18 and 22: equal in force to a handwritten signature). A register
keeps what a later reader needs to see who signed what and when: the signer (name,
RNOKPP or EDRPOU of the certificate), the qualified trust service provider that
issued the certificate, its serial number, the time of signing, the signature
format, and the SHA-256 of the signed content. The signature itself is checked by
the authority's signature service before the filing reaches the register; the
register records that result (``verified``), it does not verify CAdES/XAdES again.

Used by the website list (Order 2945 II.2.5: an appeal in electronic form signed
with a QES) and the GI applications (rules III.1: electronic documents signed with
a QES).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec, join_path
from ipreg.plugins.ukraine.common.identifiers import UkrainianIdentifierReader

SIGNATURE_RULE = "Law No. 2155-VIII Art. 18, 22: qualified electronic signature"
FORMATS = ("CAdES-BES", "CAdES-T", "CAdES-X-Long", "XAdES-B", "XAdES-T", "PAdES-B", "PAdES-T")
_SHA256 = re.compile(r"[0-9a-f]{64}")

SIGNATURE = FormSpec("signature", "The qualified electronic signature of a filing "
                     f"({SIGNATURE_RULE}).", (
    F("signer", description="Name of the signer as in the certificate", rule=SIGNATURE_RULE,
      required=True),
    F("signerRnokpp", description="RNOKPP in the certificate (natural person signing)",
      rule=SIGNATURE_RULE),
    F("signerEdrpou", description="EDRPOU in the certificate (a legal entity's seal or "
      "official)", rule=SIGNATURE_RULE),
    F("provider", description="The qualified trust service provider that issued the "
      "certificate", rule=SIGNATURE_RULE, required=True),
    F("certificateSerial", description="Serial number of the certificate (hex)",
      rule=SIGNATURE_RULE, required=True, pattern="^[0-9A-Fa-f]{1,64}$"),
    F("signedAt", description="Time of signing, ISO 8601 with offset", rule=SIGNATURE_RULE,
      required=True),
    F("format", description="Signature format", rule=SIGNATURE_RULE, codes=FORMATS,
      required=True),
    F("contentSha256", description="SHA-256 of the signed content (64 hex digits)",
      rule=SIGNATURE_RULE, required=True),
    F("verified", "bool", "The signature service found the signature valid",
      SIGNATURE_RULE, required=True),
))


@dataclass(frozen=True)
class Signature:
    """The signature data of one filing, as the register stores it (``as_dict``)."""

    signer: str
    provider: str
    certificate_serial: str
    signed_at: dt.datetime
    format: str
    content_sha256: str
    verified: bool
    signer_rnokpp: str | None = None
    signer_edrpou: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"signer": self.signer, "signerRnokpp": self.signer_rnokpp,
                "signerEdrpou": self.signer_edrpou, "provider": self.provider,
                "certificateSerial": self.certificate_serial,
                "signedAt": self.signed_at.isoformat(), "format": self.format,
                "contentSha256": self.content_sha256, "verified": self.verified}


class SignatureReader(UkrainianIdentifierReader):
    """Reads :data:`SIGNATURE`: a filing without a valid qualified signature is refused."""

    def signature(self, value: Any, path: str, *, rule: str = SIGNATURE_RULE
                  ) -> Signature | None:
        before = len(self.problems.found)
        data = self.mapping(value, path, SIGNATURE)
        if data is None:
            return None
        signer = self.text(data, "signer", path, required=True, limit=500, rule=rule)
        rnokpp = self.rnokpp(data, "signerRnokpp", path)
        edrpou = self.edrpou(data, "signerEdrpou", path)
        provider = self.text(data, "provider", path, required=True, limit=500, rule=rule)
        serial = self.text(data, "certificateSerial", path, required=True, limit=64, rule=rule)
        if serial is not None and not re.fullmatch(r"[0-9A-Fa-f]{1,64}", serial):
            self.problems.add(join_path(path, "certificateSerial"),
                              "a certificate serial number is hexadecimal", rule=rule)
            serial = None
        signed_at = self._moment(data, "signedAt", path, rule)
        form = self.code(data, "format", path, FORMATS, rule=rule)
        if data.get("format") is None:
            self.problems.add(join_path(path, "format"), "is required", rule=rule,
                              code="required")
        digest = self.text(data, "contentSha256", path, required=True, limit=64, rule=rule)
        if digest is not None and not _SHA256.fullmatch(digest.lower()):
            self.problems.add(join_path(path, "contentSha256"),
                              "is 64 hexadecimal digits (SHA-256)", rule=rule)
            digest = None
        verified = self.boolean(data, "verified", path)
        if verified is False:
            self.problems.add(join_path(path, "verified"),
                              "the signature service did not confirm the qualified "
                              "signature: the filing is not signed", rule=rule)
        if len(self.problems.found) > before or not verified:
            return None
        assert signer and provider and serial and signed_at and form and digest
        return Signature(signer, provider, serial.upper(), signed_at, form, digest.lower(),
                         True, rnokpp, edrpou)

    def _moment(self, data: Mapping[str, Any], key: str, path: str, rule: str
                ) -> dt.datetime | None:
        raw = self.text(data, key, path, required=True, limit=40, rule=rule)
        if raw is None:
            return None
        try:
            moment = dt.datetime.fromisoformat(raw)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            self.problems.add(join_path(path, key),
                              f"{raw!r} is not a time with its offset (ISO 8601)", rule=rule,
                              code="not_a_date")
            return None
        return moment


__all__ = ["FORMATS", "SIGNATURE", "SIGNATURE_RULE", "Signature", "SignatureReader"]
