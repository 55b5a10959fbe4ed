"""The forms of the national list: the appeal for inclusion (Order 2945 II.1-II.4) and
the website owner's application for exclusion (IV.1-IV.2), read with the core
:class:`~ipreg.core.services.validation.FieldReader`: every problem at once, each with
its path, the point of the Order and the digest's validation rule (VR-W.., VR-X..).

The readers give the cleaned form as a JSON-like dict, which the procedures keep on
the case; warnings (severity W of digest §9: VR-W09, VR-W16, VR-W23) are returned
beside it, never refused.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ipreg.core.services.validation import DUPLICATE, TOO_MANY, FormSpec, join_path
from ipreg.core.services.validation import FieldSpec as F
from ipreg.plugins.ukraine.common.signature import SIGNATURE, SignatureReader
from ipreg.plugins.ukraine.websites import domains

CHANNELS = ("PAPER", "EMAIL")
PERSON_KINDS = ("NATURAL", "LEGAL")
REPRESENTATIVE_KINDS = ("ATTORNEY", "PATENT_ATTORNEY")
GROUNDS = ("THREE_UNREMEDIED", "TWO_RECORDED_ART56_11_BREACH", "ART56_MEASURES_FAILED")
EXCLUSION_GROUNDS = ("REMEDIED", "APPEAL_DATA_INACCURATE", "OWNER_HELD_RIGHTS")
PLATFORM_TYPES = ("VIDEO_SHARING_PLATFORM", "AUDIOVISUAL_MEDIA", "PRINT_MEDIA",
                  "ONLINE_MEDIA", "OTHER")
OWNER_BASES = ("ACCOUNT_HOLDER", "DOMAIN_REGISTRANT_PRESUMED", "HOSTING_CUSTOMER_PRESUMED")
WORK_KINDS = ("AUDIOVISUAL", "MUSICAL", "LITERARY", "COMPUTER_PROGRAM", "PHOTOGRAPHIC",
              "ARTISTIC", "PHONOGRAM", "VIDEOGRAM", "BROADCAST", "PERFORMANCE", "OTHER")
#: T09: the infringement look-back window (II.2.4 ¶1), in days back from filing (the
#: digest's value; the term in force is :func:`lookback_days`).
LOOKBACK_DAYS = 365


def lookback_days() -> int:
    """T09 in force (``IPREG_UA_WEBSITES_TERMS="T09=..."``), in calendar days."""
    from ipreg.core.procedures import Unit
    from ipreg.plugins.ukraine.websites.terms import TERMS

    term = TERMS["T09"].duration
    return term.amount if term.unit is Unit.CALENDAR_DAYS else LOOKBACK_DAYS

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SHA256 = re.compile(r"[0-9a-f]{64}")
#: VR-W06: what a foreign name may be written with (A-10: the exact set is ours).
_NAME_PUNCTUATION = set(" -'’.,\"«»()&0123456789")


def _rule(point: str, vr: str) -> str:
    return f"Order 2945 {point}; {vr}"


R_ONE_SITE = _rule("II.1", "VR-W01")
R_REPRESENTATIVE = _rule("II.1", "VR-W02")
R_AUTHORITY = _rule("II.2.5", "VR-W03")
R_PETITION = _rule("II.2", "VR-W04")
R_PARTIES = _rule("II.2.1 ¶2", "VR-W05")
R_TRANSLIT = _rule("II.2.1 ¶2", "VR-W06")
R_SITE = _rule("II.2.1 ¶3", "VR-W07")
R_WORKS = _rule("II.2.2", "VR-W08")
R_OWNER = _rule("II.2.1 ¶5", "VR-W09")
R_LANGUAGE = _rule("II.2.1 ¶6", "VR-W10")
R_SIGNED = _rule("II.3", "VR-W11")
R_COPIES = _rule("II.3", "VR-W12")
R_RIGHTS = _rule("II.2.3", "VR-W13")
R_TRANSLATION = _rule("II.2.3 ¶3", "VR-W14")
R_GROUND = _rule("II.2.4", "VR-W15")
R_LINKS = _rule("II.2.2 ¶3", "VR-W16")
X_OWNER = _rule("IV.2 ¶1", "VR-X02")
X_GROUNDS = _rule("IV.1", "VR-X03")
X_WORKS = _rule("IV.2 ¶2", "VR-X04")
X_FORM = _rule("IV.2 ¶3", "VR-X05")
X_SIGNED = _rule("IV.2 ¶5", "VR-X06")
X_HELD = _rule("IV.1 ¶4", "VR-X08")
X_REMEDIED = _rule("IV.1 ¶2", "VR-X09")

# ---------------------------------------------------------------- declared forms

PERSON = FormSpec("person", "A person of the petition: name, residence or seat, postal "
                  "address and e-mail (Order 2945 II.2.1 ¶2).", (
    F("kind", description="NATURAL or LEGAL person", rule=R_PARTIES, codes=PERSON_KINDS,
      required=True),
    F("name", description="Surname, first name, patronymic; or full legal name",
      rule=R_PARTIES, required=True),
    F("foreign", "bool", "A foreigner, stateless person, foreign legal person or anyone "
      "residing or seated outside Ukraine", R_TRANSLIT),
    F("nameTransliterated", description="The name in Ukrainian letters, or in Latin or "
      "Cyrillic letters without diacritics (required when foreign)", rule=R_TRANSLIT),
    F("country", "country", "Country of residence or seat", R_PARTIES),
    F("residence", description="Place of residence or location", rule=R_PARTIES,
      required=True),
    F("postalAddress", description="Postal address", rule=R_PARTIES, required=True),
    F("email", description="E-mail address", rule=R_PARTIES, required=True),
))
AUTHORITY = FormSpec("authorityDocument", "The document proving the representative's "
                     "authority (Order 2945 II.2.5).", (
    F("kind", description="Power of attorney, warrant (ордер) or other document",
      rule=R_AUTHORITY, required=True),
    F("number", description="Its number", rule=R_AUTHORITY),
    F("date", "date", "Its date", R_AUTHORITY, required=True),
    F("file", "file", "The stored copy", R_AUTHORITY),
    F("certified", "bool", "The copy is certified with a qualified-certificate signature "
      "(electronic filing)", R_COPIES),
))
REPRESENTATIVE = FormSpec("representative", "The applicant's representative: an "
                          "attorney-at-law or a patent attorney (Order 2945 II.1).", (
    *PERSON.fields,
    F("representativeKind", description="ATTORNEY or PATENT_ATTORNEY", rule=R_REPRESENTATIVE,
      codes=REPRESENTATIVE_KINDS, required=True),
    F("registrationNumber", description="Certificate or register number of the attorney "
      "or patent attorney", rule=R_REPRESENTATIVE),
    F("authorityDocument", AUTHORITY, "The authority document", R_AUTHORITY, required=True),
))
EVIDENCE_LINK = FormSpec("evidenceLink", "A hyperlink to materials kept unchanged until the "
                         "conclusion is received (Order 2945 II.2.2 ¶3).", (
    F("url", description="The hyperlink (cloud storage, FTP server)", rule=R_LINKS,
      required=True),
    F("capturedAt", description="When its content was captured, ISO 8601 with offset",
      rule=R_LINKS, required=True),
    F("sha256", description="SHA-256 of the content at capture", rule=R_LINKS, required=True),
))
WORK = FormSpec("work", "A work or related-rights object concerned (Order 2945 II.2 ¶3, "
                "II.2.1 ¶4).", (
    F("kind", description="Type of the work", rule=R_WORKS, codes=WORK_KINDS, required=True),
    F("title", description="Title", rule=R_WORKS, required=True),
    F("publicationYear", "int", "Year of publication, if known", R_WORKS),
    F("otherInformation", description="Other information identifying the work",
      rule=R_WORKS),
    F("files", "file", "Files identifying the work", R_WORKS, many=True),
    F("evidenceLinks", EVIDENCE_LINK, "Hyperlinks to identifying materials", R_LINKS,
      many=True),
))
RIGHTS = FormSpec("rightsEvidence", "A document proving the applicant's economic rights "
                  "(Order 2945 II.2.3).", (
    F("title", description="What the document is", rule=R_RIGHTS, required=True),
    F("file", "file", "The stored copy", R_RIGHTS),
    F("language", description="Language of the document (ISO 639-1)", rule=R_TRANSLATION,
      required=True),
    F("translationFile", "file", "Its Ukrainian translation (another language)",
      R_TRANSLATION),
    F("translationCertified", "bool", "The translation is certified", R_TRANSLATION),
    F("transferDocument", "bool", "A document transferring the rights to the applicant",
      R_RIGHTS),
    F("extract", "bool", "An extract stating the rights belong to the applicant", R_RIGHTS),
    F("certified", "bool", "The copy is certified with a qualified-certificate signature "
      "(electronic filing)", R_COPIES),
))
INFRINGEMENT = FormSpec("infringement", "An infringement by the website owner within the "
                        "last 365 days (Order 2945 II.2.4).", (
    F("work", "int", "Position of the work in `works` (from 0)", R_GROUND, required=True),
    F("url", description="Where it took place (on the website)", rule=R_SITE, required=True),
    F("occurredOn", "date", "When it took place", R_GROUND, required=True),
    F("recordedOn", "date", "When the applicant recorded it", R_GROUND),
    F("remediedAsOfFiling", "bool", "Remedied by the owner as of filing", R_GROUND),
    F("art56NoticeReference", description="The article 56 notice sent about it", rule=R_GROUND),
    F("art56NoticeSentOn", "date", "When that notice was sent", R_GROUND),
    F("art56Part11Breach", "bool", "The owner did not fulfil article 56 part eleven",
      R_GROUND),
    F("art56Part4Complied", "bool", "The owner complied with article 56 part four", R_GROUND),
    F("art56MeasuresFailed", "bool", "The article 56 measures did not stop it", R_GROUND),
))
WEBSITE = FormSpec("website", "The website: a domain name, URLs on it or an IP address "
                   "(Order 2945 I.2 ¶2, II.2.1 ¶3).", (
    F("domain", description="Domain name (Unicode or punycode; www. and a scheme are "
      "ignored)", rule=R_SITE),
    F("urls", description="URLs of the website (on its host)", rule=R_SITE, many=True),
    F("ipAddress", description="Public IPv4 or IPv6 address", rule=R_SITE),
    F("platformType", description="What the website is (III.7 ¶3)",
      rule="Order 2945 III.7 ¶3", codes=PLATFORM_TYPES),
    F("mediaRegistered", "bool", "Registered as media under the Law \"On Media\"",
      "Order 2945 III.7 ¶3"),
))
OWNER = FormSpec("owner", "The website owner's current data known to the representative "
                 "(Order 2945 II.2.1 ¶5; I.2 ¶3).", (
    F("known", "bool", "Anything is known of the owner", R_OWNER, required=True),
    F("kind", description="NATURAL or LEGAL person", rule=R_OWNER, codes=PERSON_KINDS),
    F("name", description="Full name or full legal name", rule=R_OWNER),
    F("residence", description="Residence or location", rule=R_OWNER),
    F("postalAddress", description="Postal address", rule=R_OWNER),
    F("email", description="E-mail", rule=R_OWNER),
    F("otherInformation", description="Other information identifying the owner",
      rule=R_OWNER),
    F("basis", description="Why this person is the owner (I.2 ¶3)", rule="Order 2945 I.2",
      codes=OWNER_BASES),
))
PAPER_SIGNATURE = FormSpec("paperSignature", "A handwritten signature with the signer's own "
                           "first name and surname (Order 2945 II.2.1 ¶7, IV.2 ¶4).", (
    F("firstName", description="First name", rule=R_SIGNED, required=True),
    F("surname", description="Surname", rule=R_SIGNED, required=True),
    F("signed", "bool", "The paper bears the handwritten signature", R_SIGNED, required=True),
))
APPEAL = FormSpec("appeal", "An appeal for inclusion of a website in the national list "
                  "(Order 2945 II.1-II.3).", (
    F("petitionDrawnUpOn", "date", "Date the petition was drawn up", R_LANGUAGE,
      required=True),
    F("language", description="Language of the petition: uk", rule=R_LANGUAGE,
      required=True),
    F("channel", description="PAPER or EMAIL", rule=R_SIGNED, codes=CHANNELS, required=True),
    F("applicant", PERSON, "The applicant (the right holder)", R_PARTIES, required=True),
    F("applicantIsPrimaryHolder", "bool", "The applicant is the original right holder",
      R_RIGHTS, required=True),
    F("representative", REPRESENTATIVE, "The representative who files", R_REPRESENTATIVE,
      required=True),
    F("websites", WEBSITE, "The website (exactly one per appeal)", R_ONE_SITE,
      required=True, many=True, min_items=1, max_items=1),
    F("works", WORK, "The works concerned", R_WORKS, required=True, many=True, min_items=1),
    F("rightsEvidence", RIGHTS, "Proof of the applicant's rights", R_RIGHTS, required=True,
      many=True, min_items=1),
    F("claimedGround", description="The ground of II.2.4", rule=R_GROUND, codes=GROUNDS,
      required=True),
    F("infringements", INFRINGEMENT, "The infringements within 365 days", R_GROUND,
      many=True),
    F("owner", OWNER, "The website owner as known", R_OWNER),
    F("signature", SIGNATURE, "Qualified electronic signature (EMAIL)", R_SIGNED),
    F("paperSignature", PAPER_SIGNATURE, "Handwritten signature (PAPER)", R_SIGNED),
    F("sentTo", description="The e-mail address the appeal was sent to (EMAIL): UKRNOIVI's "
      "(IPREG_UA_WEBSITES_UKRNOIVI_EMAIL, when configured)", rule=R_COPIES),
))

#: II.3 ¶2: UKRNOIVI's e-mail address for appeals (not in the seed: configuration).
UKRNOIVI_EMAIL_VARIABLE = "IPREG_UA_WEBSITES_UKRNOIVI_EMAIL"


def ukrnoivi_email() -> str | None:
    import os

    return (os.environ.get(UKRNOIVI_EMAIL_VARIABLE) or "").strip().lower() or None

EXCLUSION_WORK = FormSpec("exclusionWork", "A work named in the appeal that led to the "
                          "listing (Order 2945 IV.2 ¶2).", (
    F("kind", description="Type of the work", rule=X_WORKS, codes=WORK_KINDS, required=True),
    F("title", description="Title", rule=X_WORKS, required=True),
    F("publicationDate", "date", "Date of publication, if known", X_WORKS),
))
EXCLUSION_GROUND = FormSpec("exclusionGround", "A ground of the application with its "
                            "documents (Order 2945 IV.1).", (
    F("ground", description="The ground of IV.1", rule=X_GROUNDS, codes=EXCLUSION_GROUNDS,
      required=True),
    F("documents", description="The documents and materials proving it", rule=X_GROUNDS,
      required=True, many=True, min_items=1),
    F("evidenceDate", "date", "The date the evidence shows the facts on (OWNER_HELD_RIGHTS: "
      "the appeal's filing date; REMEDIED: the application's)", X_HELD),
))
OWNER_PARTY = FormSpec("websiteOwner", "The website owner who applies (Order 2945 IV.2 ¶3).", (
    F("kind", description="NATURAL or LEGAL person", rule=X_FORM, codes=PERSON_KINDS,
      required=True),
    F("name", description="Full name or full legal name", rule=X_FORM, required=True),
    F("residence", description="Residence or location", rule=X_FORM),
    F("postalAddress", description="Postal address", rule=X_FORM, required=True),
    F("email", description="E-mail", rule=X_FORM, required=True),
))
OWNER_REPRESENTATIVE = FormSpec("ownerRepresentative", "The owner's representative with an "
                                "authority document (Order 2945 IV.2 ¶1).", (
    F("name", description="Name", rule=X_OWNER, required=True),
    F("email", description="E-mail", rule=X_OWNER),
    F("authorityDocument", AUTHORITY, "The authority document", X_OWNER, required=True),
))
EXCLUSION = FormSpec("exclusionApplication", "The website owner's application for exclusion "
                     "(Order 2945 IV.1-IV.2).", (
    F("language", description="Language of the application: uk", rule=X_FORM, required=True),
    F("channel", description="PAPER or EMAIL", rule=X_SIGNED, codes=CHANNELS, required=True),
    F("owner", OWNER_PARTY, "The website owner", X_FORM, required=True),
    F("representative", OWNER_REPRESENTATIVE, "The owner's representative, if one files",
      X_OWNER),
    F("grounds", EXCLUSION_GROUND, "The grounds", X_GROUNDS, required=True, many=True,
      min_items=1),
    F("works", EXCLUSION_WORK, "The works of the appeal", X_WORKS, required=True, many=True,
      min_items=1),
    F("copiesAttached", "bool", "Copies of the documents are attached (PAPER)", X_SIGNED),
    F("copiesCertified", "bool", "The copies are certified with qualified-certificate "
      "signatures (EMAIL)", X_SIGNED),
    F("signature", SIGNATURE, "Qualified electronic signature (EMAIL)", X_SIGNED),
    F("paperSignature", PAPER_SIGNATURE, "Handwritten signature (PAPER)", X_SIGNED),
))


def plain_letters(name: str) -> bool:
    """VR-W06: Ukrainian letters, or basic Latin, or Cyrillic, with no diacritics (no
    combining marks, no precomposed accented Latin letter), plus the punctuation of
    names."""
    for ch in unicodedata.normalize("NFC", name):
        if ch in _NAME_PUNCTUATION:
            continue
        if unicodedata.combining(ch):
            return False
        if not ch.isalpha():
            return False
        if ch.isascii():
            continue
        script = unicodedata.name(ch, "").split(" ", 1)[0]
        if script != "CYRILLIC":
            return False
    return True


class WebsiteFormReader(SignatureReader):
    """Reads the appeal and the exclusion application; ``today`` is the filing date."""

    date_rule = "Order 2945 II.2.1 ¶6"

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.today = today
        self.warnings: list[dict[str, str]] = []

    def warn(self, path: str, message: str, rule: str) -> None:
        self.warnings.append({"path": path, "message": f"{message} ({rule})", "rule": rule})

    # ------------------------------------------------------------ small readers

    def email(self, data: Mapping[str, Any], key: str, path: str, *, required: bool,
              rule: str) -> str | None:
        value = self.text(data, key, path, required=required, limit=320, rule=rule)
        if value is not None and not _EMAIL.fullmatch(value):
            self.problems.add(join_path(path, key), f"{value!r} is not an e-mail address",
                              rule=rule)
            return None
        return value

    def person(self, value: Any, path: str, form: FormSpec = PERSON) -> dict[str, Any] | None:
        data = self.mapping(value, path, form)
        if data is None:
            return None
        out: dict[str, Any] = {
            "kind": self.code(data, "kind", path, PERSON_KINDS, required=True, rule=R_PARTIES),
            "name": self.text(data, "name", path, required=True, limit=500, rule=R_PARTIES),
            "country": self.country(data, "country", path),
            "residence": self.text(data, "residence", path, required=True, limit=1000,
                                   rule=R_PARTIES),
            "postalAddress": self.text(data, "postalAddress", path, required=True, limit=1000,
                                       rule=R_PARTIES),
            "email": self.email(data, "email", path, required=True, rule=R_PARTIES),
        }
        foreign = bool(self.boolean(data, "foreign", path)) or (
            out["country"] not in (None, "UA"))
        out["foreign"] = foreign
        translit = self.text(data, "nameTransliterated", path, limit=500, rule=R_TRANSLIT)
        if foreign:
            shown = translit or out["name"]
            if shown is not None and not plain_letters(shown):
                where = "nameTransliterated" if translit else "name"
                self.problems.add(join_path(path, where),
                                  f"{shown!r}: a foreign person's name is written in "
                                  "Ukrainian letters, or in Latin or Cyrillic letters without "
                                  "diacritical marks", rule=R_TRANSLIT)
        out["nameTransliterated"] = translit
        return out

    def authority(self, value: Any, path: str, rule: str) -> dict[str, Any] | None:
        data = self.mapping(value, path, AUTHORITY)
        if data is None:
            return None
        signed = self.date(data, "date", path, required=True, rule=rule)
        file = self.file(data.get("file"), join_path(path, "file")) if data.get("file") else None
        return {"kind": self.text(data, "kind", path, required=True, limit=200, rule=rule),
                "number": self.text(data, "number", path, limit=100),
                "date": signed.isoformat() if signed else None,
                "file": file.sha256 if file else None,
                "certified": bool(self.boolean(data, "certified", path))}

    def representative(self, value: Any, path: str) -> dict[str, Any] | None:
        data = self.mapping(value, path, REPRESENTATIVE)
        if data is None:
            return None
        base = self.person({k: v for k, v in data.items() if k in PERSON.names()}, path)
        kind = self.code(data, "representativeKind", path, REPRESENTATIVE_KINDS, required=True,
                         rule=R_REPRESENTATIVE,
                         what="an attorney-at-law (ATTORNEY) or a patent attorney "
                         "(PATENT_ATTORNEY): only they file an appeal")
        number = self.text(data, "registrationNumber", path, limit=100)
        if data.get("authorityDocument") is None:
            self.problems.add(join_path(path, "authorityDocument"), "is required",
                              rule=R_AUTHORITY, code="required")
            authority = None
        else:
            authority = self.authority(data["authorityDocument"],
                                       join_path(path, "authorityDocument"), R_AUTHORITY)
        if base is None:
            return None
        return {**base, "representativeKind": kind, "registrationNumber": number,
                "authorityDocument": authority}

    def website(self, value: Any, path: str) -> dict[str, Any] | None:
        data = self.mapping(value, path, WEBSITE)
        if data is None:
            return None
        site: domains.Host | None = None
        ip: str | None = None
        raw_domain = self.text(data, "domain", path, limit=1000)
        if raw_domain is not None:
            try:
                site = domains.host(raw_domain)
            except domains.IdentifierError as error:
                self.problems.add(join_path(path, "domain"), str(error), rule=R_SITE)
        raw_ip = self.text(data, "ipAddress", path, limit=100)
        if raw_ip is not None:
            try:
                ip = str(domains.ip_address(raw_ip))
            except domains.IdentifierError as error:
                self.problems.add(join_path(path, "ipAddress"), str(error), rule=R_SITE)
        links: list[domains.Url] = []
        for item_path, item in self.items(data, "urls", path):
            if not isinstance(item, str):
                self.problems.add(item_path, "must be a string", code="wrong_type")
                continue
            try:
                links.append(domains.url(item))
            except domains.IdentifierError as error:
                self.problems.add(item_path, str(error), rule=R_SITE)
        if site is None and ip is None and links and raw_domain is None and raw_ip is None:
            first = links[0]                      # a URL alone names the website
            site, ip = first.host, first.ip
        for i, link in enumerate(links):
            if (site is not None or ip is not None) and not domains.on_host(link, site, ip):
                self.problems.add(f"{join_path(path, 'urls')}[{i}]",
                                  f"{link.text!r} is not on the website "
                                  f"{site.unicode if site else ip}", rule=R_SITE)
        if site is None and ip is None:
            if raw_domain is None and raw_ip is None and not links:
                self.problems.add(path, "give a domain name, a URL or an IP address",
                                  rule=R_SITE, code="required")
            return None
        return {"domain": site.unicode if site else None,
                "domainAscii": site.ascii if site else None,
                "ipAddress": ip, "urls": [link.text for link in links],
                "key": domains.key_of(site, ip),
                "platformType": self.code(data, "platformType", path, PLATFORM_TYPES,
                                          rule="Order 2945 III.7 ¶3") or "OTHER",
                "mediaRegistered": bool(self.boolean(data, "mediaRegistered", path))}

    def evidence_link(self, value: Any, path: str) -> dict[str, Any] | None:
        data = self.mapping(value, path, EVIDENCE_LINK)
        if data is None:
            return None
        link = self.text(data, "url", path, required=True, limit=2000, rule=R_LINKS)
        captured = self._moment(data, "capturedAt", path, R_LINKS)
        digest = self.text(data, "sha256", path, required=True, limit=64, rule=R_LINKS)
        if digest is not None and not _SHA256.fullmatch(digest.lower()):
            self.problems.add(join_path(path, "sha256"), "is 64 hexadecimal digits (SHA-256)",
                              rule=R_LINKS)
            digest = None
        if link is not None and not re.match(r"(?i)(https?|ftp|ftps|sftp)://", link):
            self.problems.add(join_path(path, "url"), f"{link!r} is not a hyperlink",
                              rule=R_LINKS)
        if captured is not None and captured.date() > self.today:
            self.problems.add(join_path(path, "capturedAt"), "is after the filing",
                              rule=R_LINKS)
        return {"url": link, "capturedAt": captured.isoformat() if captured else None,
                "sha256": digest.lower() if digest else None}

    def work(self, value: Any, path: str) -> dict[str, Any] | None:
        data = self.mapping(value, path, WORK)
        if data is None:
            return None
        year = self.integer(data, "publicationYear", path, minimum=1000,
                            maximum=self.today.year, rule=R_WORKS)
        files = [f.sha256 for p, v in self.items(data, "files", path)
                 if (f := self.file(v, p)) is not None]
        return {"kind": self.code(data, "kind", path, WORK_KINDS, required=True, rule=R_WORKS),
                "title": self.text(data, "title", path, required=True, limit=1000,
                                   rule=R_WORKS),
                "publicationYear": year,
                "otherInformation": self.text(data, "otherInformation", path),
                "files": files,
                "evidenceLinks": self.each(data, "evidenceLinks", path, self.evidence_link)}

    def rights(self, value: Any, path: str, channel: str | None) -> dict[str, Any] | None:
        data = self.mapping(value, path, RIGHTS)
        if data is None:
            return None
        language = self.text(data, "language", path, required=True, limit=8,
                             rule=R_TRANSLATION)
        translation = (self.file(data.get("translationFile"),
                                 join_path(path, "translationFile"))
                       if data.get("translationFile") else None)
        if language is not None and language.lower() != "uk" and translation is None:
            self.problems.add(join_path(path, "translationFile"),
                              f"a document in {language!r} needs its Ukrainian translation",
                              rule=R_TRANSLATION, code="required")
        certified = bool(self.boolean(data, "certified", path))
        if channel == "EMAIL" and not certified:
            self.problems.add(join_path(path, "certified"),
                              "every copy filed electronically is certified with a "
                              "qualified-certificate signature", rule=R_COPIES)
        file = self.file(data.get("file"), join_path(path, "file")) if data.get("file") else None
        return {"title": self.text(data, "title", path, required=True, limit=1000,
                                   rule=R_RIGHTS),
                "file": file.sha256 if file else None,
                "language": language.lower() if language else None,
                "translationFile": translation.sha256 if translation else None,
                "translationCertified": bool(self.boolean(data, "translationCertified", path)),
                "transferDocument": bool(self.boolean(data, "transferDocument", path)),
                "extract": bool(self.boolean(data, "extract", path)),
                "certified": certified}

    def infringement(self, value: Any, path: str) -> dict[str, Any] | None:
        data = self.mapping(value, path, INFRINGEMENT)
        if data is None:
            return None
        occurred = self.date(data, "occurredOn", path, required=True, rule=R_GROUND)
        recorded = self.date(data, "recordedOn", path, rule=R_GROUND)
        notice_on = self.date(data, "art56NoticeSentOn", path, rule=R_GROUND)
        return {"work": self.integer(data, "work", path, required=True, minimum=0,
                                     rule=R_GROUND),
                "url": self.text(data, "url", path, required=True, limit=2000, rule=R_SITE),
                "occurredOn": occurred.isoformat() if occurred else None,
                "recordedOn": recorded.isoformat() if recorded else None,
                "remediedAsOfFiling": bool(self.boolean(data, "remediedAsOfFiling", path)),
                "art56NoticeReference": self.text(data, "art56NoticeReference", path),
                "art56NoticeSentOn": notice_on.isoformat() if notice_on else None,
                "art56Part11Breach": bool(self.boolean(data, "art56Part11Breach", path)),
                "art56Part4Complied": bool(self.boolean(data, "art56Part4Complied", path)),
                "art56MeasuresFailed": bool(self.boolean(data, "art56MeasuresFailed", path))}

    def owner(self, value: Any, path: str) -> dict[str, Any]:
        if value is None:
            self.warn(path, "the petition says nothing of the website owner", R_OWNER)
            return {"known": False}
        data = self.mapping(value, path, OWNER)
        if data is None:
            return {"known": False}
        known = bool(self.boolean(data, "known", path))
        out: dict[str, Any] = {"known": known}
        for key in ("name", "residence", "postalAddress", "otherInformation"):
            out[key] = self.text(data, key, path, limit=1000)
        out["kind"] = self.code(data, "kind", path, PERSON_KINDS, rule=R_OWNER)
        out["email"] = self.email(data, "email", path, required=False, rule=R_OWNER)
        out["basis"] = self.code(data, "basis", path, OWNER_BASES, rule="Order 2945 I.2")
        if known and not (out["name"] or out["email"] or out["postalAddress"]):
            self.warn(path, "the owner is said to be known but no name or contact is given",
                      R_OWNER)
        return out

    def signing(self, data: Mapping[str, Any], channel: str | None, rule: str
                ) -> dict[str, Any] | None:
        if channel == "EMAIL":
            if data.get("signature") is None:
                self.problems.add("signature", "an electronic filing is signed with a "
                                  "qualified-certificate electronic signature", rule=rule,
                                  code="required")
                return None
            signature = self.signature(data["signature"], "signature", rule=rule)
            return signature.as_dict() if signature else None
        if channel == "PAPER":
            paper = self.mapping(data.get("paperSignature"), "paperSignature", PAPER_SIGNATURE)
            if paper is None:
                if data.get("paperSignature") is None:
                    self.problems.add("paperSignature", "a paper filing bears the handwritten "
                                      "signature with the signer's first name and surname",
                                      rule=rule, code="required")
                return None
            first = self.text(paper, "firstName", "paperSignature", required=True, rule=rule)
            surname = self.text(paper, "surname", "paperSignature", required=True, rule=rule)
            if self.boolean(paper, "signed", "paperSignature") is not True:
                self.problems.add("paperSignature.signed", "the paper is not signed", rule=rule)
            return {"firstName": first, "surname": surname, "handwritten": True}
        return None

    # ------------------------------------------------------------ the appeal

    def appeal(self, value: Any) -> dict[str, Any] | None:
        """II.1-II.4: the appeal; ``None`` (and problems) when it is not acceptable."""
        data = self.mapping(value, "", APPEAL)
        if data is None:
            return None
        drawn = self.date(data, "petitionDrawnUpOn", "", required=True, rule=R_PETITION)
        if drawn is not None and drawn > self.today:
            self.problems.add("petitionDrawnUpOn", "is after the appeal is received",
                              rule=R_LANGUAGE)
        language = self.text(data, "language", "", required=True, limit=8, rule=R_LANGUAGE)
        if language is not None and language.lower() not in ("uk", "ukr"):
            self.problems.add("language", f"the petition is written in Ukrainian, not "
                              f"{language!r}", rule=R_LANGUAGE)
        channel = self.code(data, "channel", "", CHANNELS, required=True, rule=R_SIGNED)
        applicant = self.person(data.get("applicant"), "applicant") if data.get(
            "applicant") is not None else None
        if data.get("applicant") is None:
            self.problems.add("applicant", "is required", rule=R_PARTIES, code="required")
        representative = self.representative(data.get("representative"), "representative") \
            if data.get("representative") is not None else None
        if data.get("representative") is None:
            self.problems.add("representative", "the appeal is filed by the applicant's "
                              "representative (an attorney-at-law or a patent attorney)",
                              rule=R_REPRESENTATIVE, code="required")
        if representative and channel == "EMAIL" and representative.get(
                "authorityDocument") and not representative["authorityDocument"]["certified"]:
            self.problems.add("representative.authorityDocument.certified",
                              "every copy filed electronically is certified with a "
                              "qualified-certificate signature", rule=R_COPIES)
        if applicant and representative and applicant["name"] == representative["name"] and \
                applicant["email"] == representative["email"]:
            self.problems.add("representative", "the applicant does not file in person: its "
                              "representative does", rule=R_REPRESENTATIVE)
        sites = self.each(data, "websites", "", self.website, minimum=1, maximum=1,
                          rule=R_ONE_SITE)
        if len(data.get("websites") or []) > 1 and not any(
                p.code == TOO_MANY for p in self.problems.found):
            self.problems.add("websites", "one appeal names one website", rule=R_ONE_SITE,
                              code=TOO_MANY)
        works = self.each(data, "works", "", self.work, minimum=1, rule=R_WORKS)
        primary = self.boolean(data, "applicantIsPrimaryHolder", "")
        if primary is None:
            self.problems.add("applicantIsPrimaryHolder", "is required", rule=R_RIGHTS,
                              code="required")
        rights = [r for p, v in self.items(data, "rightsEvidence", "", minimum=1, rule=R_RIGHTS)
                  if (r := self.rights(v, p, channel)) is not None]
        if primary is False and rights and not any(r["transferDocument"] or r["extract"]
                                                   for r in rights):
            self.problems.add("rightsEvidence", "an applicant who is not the original right "
                              "holder files the transfer document or an extract of it",
                              rule=R_RIGHTS)
        ground = self.code(data, "claimedGround", "", GROUNDS, required=True, rule=R_GROUND)
        infringements = self.each(data, "infringements", "", self.infringement)
        site = sites[0] if sites else None
        self._ground(ground, infringements, works, site)
        owner = self.owner(data.get("owner"), "owner")
        signature = self.signing(data, channel, R_SIGNED)
        sent_to = self.email(data, "sentTo", "", required=False, rule=R_COPIES)
        expected = ukrnoivi_email()
        if channel == "EMAIL" and expected is not None and (sent_to or "").lower() != expected:
            self.problems.add("sentTo", f"an electronic appeal is sent to UKRNOIVI's e-mail "
                              f"address {expected}", rule=R_COPIES,
                              code="required" if sent_to is None else "invalid")
        for w, work in enumerate(works):
            if work["evidenceLinks"]:
                self.warn(f"works[{w}].evidenceLinks", "the content at these links must stay "
                          "unchanged until the representative receives the conclusion "
                          "(T06)", R_LINKS)
        if self.problems.found:
            return None
        return {"petitionDrawnUpOn": drawn.isoformat() if drawn else None,
                "receivedOn": self.today.isoformat(), "language": "uk", "channel": channel,
                "applicant": applicant, "applicantIsPrimaryHolder": primary,
                "representative": representative, "website": site, "works": works,
                "rightsEvidence": rights, "claimedGround": ground,
                "infringements": infringements, "owner": owner, "signature": signature,
                "sentTo": sent_to}

    def _ground(self, ground: str | None, infringements: list[dict[str, Any]],
                works: list[dict[str, Any]], site: dict[str, Any] | None) -> None:
        """VR-W15 (II.2.4, T09): the counts and dates of the claimed ground."""
        lookback = lookback_days()
        window_start = self.today - dt.timedelta(days=lookback)
        in_window = []
        for i, item in enumerate(infringements):
            where = f"infringements[{i}]"
            if item["work"] is not None and item["work"] >= len(works):
                self.problems.add(f"{where}.work", f"there is no work {item['work']}",
                                  rule=R_GROUND)
            occurred = dt.date.fromisoformat(item["occurredOn"]) if item["occurredOn"] else None
            if occurred is not None and occurred > self.today:
                self.problems.add(f"{where}.occurredOn", "is after the filing", rule=R_GROUND)
            elif occurred is not None and occurred < window_start:
                self.problems.add(f"{where}.occurredOn",
                                  f"{occurred.isoformat()} is more than {lookback} days "
                                  f"before the filing ({window_start.isoformat()}): T09",
                                  rule=R_GROUND)
            else:
                in_window.append(item)
            if site is not None and item["url"]:
                try:
                    link = domains.url(item["url"])
                except domains.IdentifierError as error:
                    self.problems.add(f"{where}.url", str(error), rule=R_SITE)
                else:
                    found = domains.Host(site["domain"], site["domainAscii"]) \
                        if site["domain"] else None
                    if not domains.on_host(link, found, site["ipAddress"]):
                        self.problems.add(f"{where}.url", f"{link.text!r} is not on the "
                                          "website", rule=R_SITE)
        if ground == "THREE_UNREMEDIED":
            count = sum(1 for i in in_window if not i["remediedAsOfFiling"])
            if count < 3:
                self.problems.add("infringements", f"THREE_UNREMEDIED needs at least 3 "
                                  f"unremedied infringements within {lookback} days, "
                                  f"not {count}", rule=R_GROUND)
        elif ground == "TWO_RECORDED_ART56_11_BREACH":
            count = sum(1 for i in in_window if i["recordedOn"] and
                        dt.date.fromisoformat(i["recordedOn"]) < self.today
                        and i["art56Part11Breach"])
            if count < 2:
                self.problems.add("infringements", "TWO_RECORDED_ART56_11_BREACH needs at "
                                  "least 2 infringements recorded before the filing with "
                                  f"article 56 part eleven unfulfilled, not {count}",
                                  rule=R_GROUND)
        elif ground == "ART56_MEASURES_FAILED" and not any(
                i["art56NoticeReference"] and i["art56MeasuresFailed"]
                and i["art56Part4Complied"] for i in in_window):
            self.problems.add("infringements", "ART56_MEASURES_FAILED needs article 56 "
                                  "measures that did not stop an infringement, the owner "
                                  "having complied with part four", rule=R_GROUND)

    # ------------------------------------------------------------ the exclusion application

    def exclusion(self, value: Any) -> dict[str, Any] | None:
        """IV.1-IV.2: the owner's application; ``None`` (and problems) when refused."""
        data = self.mapping(value, "", EXCLUSION)
        if data is None:
            return None
        language = self.text(data, "language", "", required=True, limit=8, rule=X_FORM)
        if language is not None and language.lower() not in ("uk", "ukr"):
            self.problems.add("language", f"the application is written in Ukrainian, not "
                              f"{language!r}", rule=X_FORM)
        channel = self.code(data, "channel", "", CHANNELS, required=True, rule=X_SIGNED)
        owner = None
        if data.get("owner") is None:
            self.problems.add("owner", "is required", rule=X_FORM, code="required")
        else:
            raw = self.mapping(data["owner"], "owner", OWNER_PARTY)
            if raw is not None:
                owner = {"kind": self.code(raw, "kind", "owner", PERSON_KINDS, required=True,
                                           rule=X_FORM),
                         "name": self.text(raw, "name", "owner", required=True, limit=500,
                                           rule=X_FORM),
                         "residence": self.text(raw, "residence", "owner", limit=1000),
                         "postalAddress": self.text(raw, "postalAddress", "owner",
                                                    required=True, limit=1000, rule=X_FORM),
                         "email": self.email(raw, "email", "owner", required=True,
                                             rule=X_FORM)}
        representative = None
        if data.get("representative") is not None:
            raw = self.mapping(data["representative"], "representative", OWNER_REPRESENTATIVE)
            if raw is not None:
                authority = None
                if raw.get("authorityDocument") is None:
                    self.problems.add("representative.authorityDocument", "a representative "
                                      "files with the document of its authority",
                                      rule=X_OWNER, code="required")
                else:
                    authority = self.authority(raw["authorityDocument"],
                                               "representative.authorityDocument", X_OWNER)
                representative = {
                    "name": self.text(raw, "name", "representative", required=True,
                                      limit=500, rule=X_OWNER),
                    "email": self.email(raw, "email", "representative", required=False,
                                        rule=X_OWNER),
                    "authorityDocument": authority}
        grounds = self.each(data, "grounds", "", self.exclusion_ground, minimum=1,
                            rule=X_GROUNDS)
        seen = [g["ground"] for g in grounds]
        if len(seen) != len(set(seen)):
            self.problems.add("grounds", "each ground once", rule=X_GROUNDS, code=DUPLICATE)
        works = self.each(data, "works", "", self.exclusion_work, minimum=1, rule=X_WORKS)
        if channel == "PAPER" and self.boolean(data, "copiesAttached", "") is not True:
            self.problems.add("copiesAttached", "a paper application attaches copies of its "
                              "documents", rule=X_SIGNED)
        if channel == "EMAIL" and self.boolean(data, "copiesCertified", "") is not True:
            self.problems.add("copiesCertified", "an electronic application's copies are "
                              "certified with qualified-certificate signatures", rule=X_SIGNED)
        signature = self.signing(data, channel, X_SIGNED)
        if self.problems.found:
            return None
        return {"receivedOn": self.today.isoformat(), "language": "uk", "channel": channel,
                "owner": owner, "representative": representative, "grounds": grounds,
                "works": works, "signature": signature}

    def exclusion_ground(self, value: Any, path: str) -> dict[str, Any] | None:
        data = self.mapping(value, path, EXCLUSION_GROUND)
        if data is None:
            return None
        ground = self.code(data, "ground", path, EXCLUSION_GROUNDS, required=True,
                           rule=X_GROUNDS)
        documents = self.strings(data, "documents", path, rule=X_GROUNDS)
        if not documents:
            self.problems.add(join_path(path, "documents"), "each ground comes with the "
                              "documents and materials proving it", rule=X_GROUNDS,
                              code="required")
        evidence = self.date(data, "evidenceDate", path, rule=X_HELD)
        if evidence is not None and evidence > self.today:
            self.problems.add(join_path(path, "evidenceDate"), "is after the filing",
                              rule=X_REMEDIED if ground == "REMEDIED" else X_HELD)
        if ground is None:
            return None
        return {"ground": ground, "documents": documents,
                "evidenceDate": evidence.isoformat() if evidence else None}

    def exclusion_work(self, value: Any, path: str) -> dict[str, Any] | None:
        data = self.mapping(value, path, EXCLUSION_WORK)
        if data is None:
            return None
        published = self.date(data, "publicationDate", path, rule=X_WORKS)
        return {"kind": self.code(data, "kind", path, WORK_KINDS, required=True, rule=X_WORKS),
                "title": self.text(data, "title", path, required=True, limit=1000,
                                   rule=X_WORKS),
                "publicationDate": published.isoformat() if published else None}


def read_appeal(value: Any, today: dt.date) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The appeal and its warnings; a :class:`~ipreg.core.errors.BadUserInput` listing
    every problem (path, message, rule, code) when it is not acceptable."""
    reader = WebsiteFormReader(today)
    form = reader.appeal(value)
    reader.raise_if_any()
    assert form is not None
    return form, reader.warnings


def read_exclusion(value: Any, today: dt.date) -> dict[str, Any]:
    reader = WebsiteFormReader(today)
    form = reader.exclusion(value)
    reader.raise_if_any()
    assert form is not None
    return form


__all__ = ["APPEAL", "EXCLUSION", "EXCLUSION_GROUNDS", "GROUNDS", "LOOKBACK_DAYS",
           "WebsiteFormReader", "plain_letters", "read_appeal", "read_exclusion"]
