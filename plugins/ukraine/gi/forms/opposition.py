"""An opposition (заперечення, GI rules V.7.3-7.5; digest §4.8, rules VO-01-VO-07).

What makes an opposition impossible to register (its shape, VO-03: the application it
names) is refused at filing; what the preliminary review finds wrong in its content
(VO-04-VO-06) comes back as deficiencies, each with its path and rule, for the examiner's
notice (V.7.10): :func:`content_deficiencies`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ipreg.core.services.validation import FieldSpec as F
from ipreg.core.services.validation import FormSpec, Problems
from ipreg.plugins.ukraine.gi.forms.common import GiReader, looks_ukrainian

CHANNELS = ("paper_direct", "paper_post", "electronic")

OPPONENT = FormSpec("opponent", "The opponent (V.7.3 ¶2).", (
    F("name", description="Surname, name, patronymic or full name", rule="GI rules V.7.3 ¶2"),
    F("personType", description="legal or natural", rule="GI rules V.7.3 ¶10",
      codes=("legal", "natural")),
    F("postalAddress", description="Postal address of residence or seat",
      rule="GI rules V.7.3 ¶2"),
))
OPPOSITION_REPRESENTATIVE = FormSpec("oppositionRepresentative", "A representative (V.7.3 ¶3, "
                                     "¶11).", (
    F("name", description="Name or full name", rule="GI rules V.7.3 ¶3"),
    F("status", description="The signatory's status", rule="GI rules V.7.3 ¶11"),
    F("authorityDocument", description="The document under which it acts",
      rule="GI rules V.7.3 ¶11"),
))
OPPOSITION_CORRESPONDENCE = FormSpec("oppositionCorrespondence", "Correspondence address in "
                                     "Ukraine (V.7.3 ¶4).", (
    F("addressee", description="Addressee", rule="GI rules V.7.3 ¶4"),
    F("postalAddress", description="Postal address in Ukraine", rule="GI rules V.7.3 ¶4"),
    F("country", "country", "UA", "GI rules V.7.3 ¶4"),
    F("phone", description="Telephone", rule="GI rules V.7.3 ¶4"),
    F("email", description="E-mail", rule="GI rules V.7.3 ¶4"),
))
OPPOSITION_SIGNATURE = FormSpec("oppositionSignature", "Signature and date (V.7.3 ¶9-10).", (
    F("signer", description="Own name and surname", rule="GI rules V.7.3 ¶9"),
    F("position", description="Full position title (legal person)", rule="GI rules V.7.3 ¶10"),
    F("signedOn", "date", "Date of signing", "GI rules V.7.3 ¶9"),
))
OPPOSITION = FormSpec("opposition", "An opposition (GI rules V.7.3-7.5).", (
    F("applicationNumber", description="Number of the opposed application",
      rule="GI rules V.7.3 ¶5", required=True),
    F("applicationFilingDate", "date", "Its filing date", "GI rules V.7.3 ¶5", required=True),
    F("language", description="Language of the opposition (uk)", rule="GI rules V.7.2"),
    F("channel", description="paper_direct, paper_post or electronic", rule="GI rules V.7.5 ¶5",
      required=True, codes=CHANNELS),
    F("postedOn", "date", "Date of posting, delivery or electronic sending",
      "GI rules V.7.5 ¶5"),
    F("feePaidOn", "date", "When the opposition fee was paid", "GI rules V.7.5 ¶4-5"),
    F("feeAmount", description="The amount paid", rule="GI rules V.7.5 ¶4"),
    F("opponent", OPPONENT, "The opponent", "GI rules V.7.3 ¶2", required=True),
    F("representative", OPPOSITION_REPRESENTATIVE, "The representative, if any",
      "GI rules V.7.3 ¶3"),
    F("correspondence", OPPOSITION_CORRESPONDENCE, "Correspondence address",
      "GI rules V.7.3 ¶4"),
    F("claims", description="Clearly formulated claims", rule="GI rules V.7.3 ¶6"),
    F("circumstances", description="Grounds: the circumstances", rule="GI rules V.7.3 ¶7"),
    F("evidence", description="Grounds: the evidence", rule="GI rules V.7.3 ¶7"),
    F("legalProvisions", description="Grounds: the legal provisions", rule="GI rules V.7.3 ¶7"),
    F("attachments", description="List of attached documents", rule="GI rules V.7.3 ¶8",
      many=True),
    F("evidenceAttached", "bool", "The evidence documents attached", "GI rules V.7.4"),
    F("powerOfAttorneyAttached", "bool", "The PoA attached (filed by a representative)",
      "GI rules V.7.4"),
    F("foreignLanguageAttachments", "bool", "Some attachments are in a foreign language",
      "GI rules V.7.4"),
    F("translationsAttached", "bool", "Their Ukrainian translations attached",
      "GI rules V.7.4"),
    F("paperCopyAttached", "bool", "A paper opposition's copy attached", "GI rules V.7.4"),
    F("signature", OPPOSITION_SIGNATURE, "Signature and date", "GI rules V.7.3 ¶9"),
))


def read_opposition(value: Any) -> dict[str, Any]:
    """The opposition as filed; its shape and VO-03 (language, the application named) are
    checked here, the rest by :func:`content_deficiencies`."""
    reader = GiReader()
    data = reader.mapping(value, "opposition", OPPOSITION) or {}
    number = reader.text(data, "applicationNumber", "opposition", required=True, limit=10,
                         rule="VO-03 (GI rules V.7.3 ¶5)")
    filing = reader.date(data, "applicationFilingDate", "opposition", required=True,
                         rule="VO-03 (GI rules V.7.3 ¶5)")
    language = reader.text(data, "language", "opposition", limit=8) or "uk"
    if language != "uk":
        reader.problems.add("opposition.language", "an opposition is in Ukrainian",
                            rule="VO-03 (GI rules V.7.2)")
    channel = reader.code(data, "channel", "opposition", CHANNELS, required=True,
                          rule="GI rules V.7.5 ¶5")
    posted = reader.date(data, "postedOn", "opposition")
    paid = reader.date(data, "feePaidOn", "opposition")
    reader.raise_if_any()
    out = dict(data)
    out.update(applicationNumber=number, applicationFilingDate=filing, channel=channel,
               postedOn=posted, feePaidOn=paid)
    return out


def _missing(problems: Problems, data: Mapping[str, Any], path: str, keys: tuple[str, ...],
             rule: str) -> None:
    for key in keys:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            problems.add(f"{path}.{key}" if path else key, "is required", rule=rule,
                         code="required")


def content_deficiencies(data: Mapping[str, Any]) -> list[dict[str, str]]:
    """VO-04-VO-06 (V.7.3-7.4): what the opponent must cure within 2 months (V.7.10)."""
    problems = Problems()
    root = "opposition"
    _missing(problems, data, root, ("claims", "circumstances", "evidence", "legalProvisions",
                                    "attachments"), "VO-04 (GI rules V.7.3 ¶6-8)")
    opponent = data.get("opponent") or {}
    _missing(problems, opponent, f"{root}.opponent", ("name", "postalAddress"),
             "VO-04 (GI rules V.7.3 ¶2)")
    corr = data.get("correspondence") or {}
    _missing(problems, corr, f"{root}.correspondence",
             ("addressee", "postalAddress", "phone", "email"), "VO-04 (GI rules V.7.3 ¶4)")
    if corr and corr.get("country", "UA") != "UA":
        problems.add(f"{root}.correspondence.country", "the correspondence address is in "
                     "Ukraine", rule="VO-04 (GI rules V.7.3 ¶4)")
    signature = data.get("signature") or {}
    _missing(problems, signature, f"{root}.signature", ("signer", "signedOn"),
             "VO-04 (GI rules V.7.3 ¶9)")
    if opponent.get("personType") == "legal" and not signature.get("position"):
        problems.add(f"{root}.signature.position", "a legal person's signatory gives the full "
                     "title of the position", rule="VO-05 (GI rules V.7.3 ¶10)",
                     code="required")
    representative = data.get("representative")
    if representative:
        _missing(problems, representative, f"{root}.representative",
                 ("name", "status", "authorityDocument"), "VO-05 (GI rules V.7.3 ¶11)")
        if not data.get("powerOfAttorneyAttached"):
            problems.add(f"{root}.powerOfAttorneyAttached", "the PoA of the representative",
                         rule="VO-06 (GI rules V.7.4)", code="required")
    if not data.get("evidenceAttached"):
        problems.add(f"{root}.evidenceAttached", "the documents cited as evidence",
                     rule="VO-06 (GI rules V.7.4)", code="required")
    if data.get("foreignLanguageAttachments") and not data.get("translationsAttached"):
        problems.add(f"{root}.translationsAttached", "Ukrainian translations of "
                     "foreign-language attachments", rule="VO-06 (GI rules V.7.4)",
                     code="required")
    if data.get("channel") in ("paper_direct", "paper_post") and not data.get(
            "paperCopyAttached"):
        problems.add(f"{root}.paperCopyAttached", "a paper opposition is filed with a copy",
                     rule="VO-06 (GI rules V.7.4)", code="required")
    for key in ("claims", "circumstances"):
        text = data.get(key)
        if isinstance(text, str) and text.strip() and not looks_ukrainian(text):
            problems.add(f"{root}.{key}", "an opposition is in Ukrainian",
                         rule="VO-03 (GI rules V.7.2)")
    return [p.as_dict() for p in problems.found]


__all__ = ["OPPOSITION", "content_deficiencies", "read_opposition"]
