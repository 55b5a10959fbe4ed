"""P.SP.01.PRC.011: an extract from the register, as JSON and as a PDF an officer in
another member state can accept, with public verification.

The seeds give neither the content nor the form of the extract (digest §6.2
[Gap]); following the digest's proposal it is the entry's full record —
including its unpublished items, since extracts go to the entry's own applicant,
right holders and representative and to officials (R148 p.18, table 3) — with its
status history. As a document it carries what makes it acceptable elsewhere:

* the issuing body (the Commission keeps the register, R174 p.10; a deployment
  names another with ``IPREG_EAEU_EXTRACT_ISSUER``), the extract's own number
  (``2026-000042``: year and a sequence on the core counters) and date;
* statuses by their names in the code list ``eaeu_statuses`` and dates as
  ``dd.mm.yyyy``, in the language of the document (``ru`` or ``en``), never
  internal words (``prolonged``) or microseconds;
* a QR code of its verification URL, ``<IPREG_EAEU_PUBLIC_URL>/eaeu/extracts/
  <number>/verify?code=<verification code>``, which anyone may open
  (:mod:`ipreg.plugins.eaeu.http`): it answers whether that extract was issued
  and what it certified, from the record of issued extracts (``eaeu_extract``);
* a PAdES signature (pyHanko) when ``IPREG_EAEU_SIGNING_KEY`` names a key
  (PKCS#12, or a PEM key with ``IPREG_EAEU_SIGNING_CERT``).

The verification code is an HMAC-SHA256 of the canonical JSON of the extract
under the server's secret (``IPREG_SECRET``); the PDF embeds that JSON, so
``ipreg eaeu verify-extract FILE`` checks a file offline as well.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.errors import BadUserInput, ConfigurationError, NotFound
from ipreg.core.extension import localized
from ipreg.core.model import Document, ObjectDocument, Party
from ipreg.core.refdata import OBJECT_KINDS
from ipreg.core.services.numbering import fixed_width, next_value
from ipreg.plugins.eaeu.codes import KIND_CODES, PRE_REGISTER_STATUSES, REGISTER_STATUSES
from ipreg.plugins.eaeu.models import EaeuEntry, EaeuExtractRecord, EaeuProtectionPeriod
from ipreg.plugins.eaeu.numbering import RegistrationNumber, parse_number
from ipreg.plugins.eaeu.store import load_entry

FORMAT = "ipreg-eaeu-extract/2"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"),
             Path("/usr/share/fonts/dejavu"))
#: The languages an extract is issued in: its labels, and the code lists' names.
LANGUAGES = ("ru", "en")
ISSUER = {"ru": "Евразийская экономическая комиссия",
          "en": "Eurasian Economic Commission"}
REGISTER = {"ru": "Единый таможенный реестр объектов интеллектуальной собственности "
                  "государств – членов Евразийского экономического союза",
            "en": "Unified customs register of intellectual property objects of the member "
                  "states of the Eurasian Economic Union"}

#: Labels of the document, with the R174 Appendix 1 table 1 items they show.
LABELS: dict[str, dict[str, str]] = {
    "ru": {
        "title": "ВЫПИСКА", "from": "из Единого таможенного реестра объектов интеллектуальной "
        "собственности государств – членов ЕАЭС",
        "number": "№ {number} от {date}", "issuer": "Выдана",
        "registrationNumber": "Регистрационный номер (5.1)",
        "inclusionDate": "Дата включения в реестр (5.1.4)", "application": "Заявление (1)",
        "applicationValue": "№ {number} от {date}", "name": "Наименование ОИС (5.2)",
        "kind": "Вид ОИС (5.1.2)", "description": "Описание ОИС (5.5)",
        "status": "Статус (8.1, 8.2)", "statusValue": "{name} (с {date})",
        "holder": "Правообладатель (3)", "representative": "Представитель (4)",
        "authorized_person": "Уполномоченное лицо (7)", "taxpayerId": "ИНН/БИН",
        "protection": "Срок принятия мер (5.9)", "period": "с {start} по {end}",
        "rightTerm": "Срок действия права, {country} (5.7)", "goods": "Товары (6)",
        "cnFea": "ТН ВЭД ЕАЭС", "nice": "МКТУ", "history": "История статусов (8)",
        "date": "Дата", "statusColumn": "Статус (8.1)", "basis": "Основание",
        "decision": "решение № {number} от {date}",
        "verify": "Подлинность выписки можно проверить по QR-коду или по адресу:",
        "code": "Код проверки", "issuedAt": "Выписка сформирована {date} в {time} UTC.",
        "signed": "Документ подписан электронной подписью: {subject}.",
        "unsigned": "Документ сформирован автоматизированной системой; подлинность "
                    "подтверждается проверкой по QR-коду.",
        "none": "—", "undefined": "не определен",
    },
    "en": {
        "title": "EXTRACT", "from": "from the Unified customs register of intellectual "
        "property objects of the EAEU member states",
        "number": "No. {number} of {date}", "issuer": "Issued by",
        "registrationNumber": "Registration number (5.1)",
        "inclusionDate": "Date of inclusion (5.1.4)", "application": "Application (1)",
        "applicationValue": "No. {number} of {date}", "name": "Name of the IP object (5.2)",
        "kind": "Kind of IP object (5.1.2)", "description": "Description (5.5)",
        "status": "Status (8.1, 8.2)", "statusValue": "{name} (since {date})",
        "holder": "Right holder (3)", "representative": "Representative (4)",
        "authorized_person": "Authorized person (7)", "taxpayerId": "taxpayer id",
        "protection": "Protection period (5.9)", "period": "{start} to {end}",
        "rightTerm": "Term of the right, {country} (5.7)", "goods": "Goods (6)",
        "cnFea": "CN FEA EAEU", "nice": "Nice", "history": "Status history (8)",
        "date": "Date", "statusColumn": "Status (8.1)", "basis": "Basis",
        "decision": "decision No. {number} of {date}",
        "verify": "Check this extract with the QR code or at:",
        "code": "Verification code", "issuedAt": "Extract issued on {date} at {time} UTC.",
        "signed": "The document bears an electronic signature: {subject}.",
        "unsigned": "The document was issued by an automated system; verify it with the "
                    "QR code.",
        "none": "—", "undefined": "not defined",
    },
}


@dataclass(frozen=True)
class ExtractSettings:
    """The plugin's extract settings (environment variables):

    ``IPREG_EAEU_PUBLIC_URL``: the server's address as others reach it, the start of
    the verification URL (default: the address of the request, else
    ``http://127.0.0.1:8000``); ``IPREG_EAEU_EXTRACT_ISSUER``: the issuing body
    (default: the Eurasian Economic Commission, in the document's language);
    ``IPREG_EAEU_SIGNING_KEY``: a PKCS#12 file (``.p12``/``.pfx``) or a PEM private
    key that signs the PDFs (PAdES), with ``IPREG_EAEU_SIGNING_CERT`` (PEM
    certificate, for a PEM key) and ``IPREG_EAEU_SIGNING_PASSWORD``.
    """

    public_url: str | None = None
    issuer: str | None = None
    signing_key: str | None = None
    signing_cert: str | None = None
    signing_password: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ExtractSettings:
        env = os.environ if env is None else env
        return cls(**{name: env.get(f"IPREG_EAEU_{var}") or None for name, var in (
            ("public_url", "PUBLIC_URL"), ("issuer", "EXTRACT_ISSUER"),
            ("signing_key", "SIGNING_KEY"), ("signing_cert", "SIGNING_CERT"),
            ("signing_password", "SIGNING_PASSWORD"))})


def canonical(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=True, sort_keys=True, separators=(",", ":")
                      ).encode()


def content_sha256(payload: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of an extract's content."""
    return hashlib.sha256(canonical(payload)).hexdigest()


def verification_code(secret: str, payload: Any) -> str:
    """``XXXX-XXXX-XXXX-XXXX-XXXX``: HMAC-SHA256 of the canonical payload, 80 bits."""
    digest = hmac.new(secret.encode(), canonical(payload), hashlib.sha256).hexdigest()
    head = digest[:20].upper()
    return "-".join(head[i:i + 4] for i in range(0, 20, 4))


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise BadUserInput(f"language: {language!r} is not one of {', '.join(LANGUAGES)}",
                           argument="language")
    return language


def day(value: str | dt.date | None) -> str | None:
    """``dd.mm.yyyy`` of an ISO date (or date-time), as the document writes dates."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.strftime("%d.%m.%Y")


def status_name(status: str | None, language: str) -> str | None:
    """The name of a status in the code list ``eaeu_statuses`` (R174 A1 T1 8.1)."""
    if status is None:
        return None
    names = REGISTER_STATUSES.get(status) or PRE_REGISTER_STATUSES.get(status) or {}
    return localized(names, language, status)


async def entry_object_id(session: AsyncSession, number: RegistrationNumber) -> int:
    found = (await session.execute(select(EaeuEntry.object_id).where(
        EaeuEntry.sequence_number == number.sequence_number,
        EaeuEntry.kind_code == number.kind,
        EaeuEntry.decision_number == number.decision_number))).scalar()
    if found is None:
        raise NotFound(f"no entry {number.display} in the register")
    return int(found)


def _party(party: Party, role: str) -> dict[str, Any]:
    return {"role": role, "name": party.name, "shortName": party.short_name,
            "country": party.country, "taxpayerId": party.taxpayer_id}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


async def build_extract(session: AsyncSession, registration_number: str,
                        generated_at: dt.datetime, *, number: str | None = None,
                        language: str = "ru", issuer: str | None = None,
                        verify_page: str | None = None) -> dict[str, Any]:
    """The content of the extract (the JSON form without its code): the entry as of
    ``generated_at`` (to the second), names in ``language``."""
    check_language(language)
    object_id = await entry_object_id(session, parse_number(registration_number))
    obj, entry = await load_entry(session, object_id)
    parties = {p.id: p for p in (await session.execute(select(Party).where(
        Party.id.in_([link.party_id for link in obj.parties])))).scalars()}
    periods = (await session.execute(select(EaeuProtectionPeriod).where(
        EaeuProtectionPeriod.object_id == object_id).order_by(EaeuProtectionPeriod.seq))
    ).scalars().all()
    docs = (await session.execute(
        select(ObjectDocument.role, Document).join(Document, Document.id ==
                                                   ObjectDocument.document_id)
        .where(ObjectDocument.object_id == object_id)
        .order_by(ObjectDocument.role, ObjectDocument.position))).all()
    assert entry.sequence_number and entry.decision_number and entry.inclusion_date
    reg = RegistrationNumber(entry.sequence_number, entry.kind_code, entry.decision_number)
    issued = generated_at.astimezone(dt.UTC).replace(microsecond=0)
    return {
        "format": FORMAT,
        "number": number,
        "issuedAt": issued.isoformat(),
        "generatedAt": issued.isoformat(),
        "language": language,
        "issuer": issuer or ISSUER[language],
        "register": REGISTER[language],
        "verification": {"page": verify_page} if verify_page else None,
        "registrationNumber": {"display": reg.display, "cyrillic": reg.cyrillic,
                               "inclusionDate": entry.inclusion_date.isoformat()},
        "application": {"number": entry.application_number,
                        "date": entry.application_date.isoformat()},
        "name": obj.name, "kind": entry.kind_code,
        "kindName": localized(OBJECT_KINDS[KIND_CODES[entry.kind_code][1]], language,
                              entry.kind_code),
        "description": obj.description,
        "status": obj.status, "statusName": status_name(obj.status, language),
        "statusDate": _iso(obj.status_date),
        "rightHolderCount": entry.right_holder_count,
        "parties": [_party(parties[link.party_id], link.role) for link in obj.parties],
        "keywords": [k.value for k in obj.keywords],
        "titleDocuments": [{"name": d.name, "kind": d.kind_name, "number": d.number,
                            "date": _iso(d.date), "issuer": d.issuer_name,
                            "country": d.country}
                           for role, d in docs if role == "title_document"],
        "rightTerms": [{"country": t.country, "expiresOn": _iso(t.expires_on)}
                       for t in obj.right_terms],
        "protectionPeriods": [{"start": p.starts_on.isoformat(), "end": p.ends_on.isoformat()}
                              for p in periods],
        "goods": [{"description": g.description, "cnFeaCodes": [c.code for c in g.codes],
                   "niceClasses": [n.number for n in g.nice_classes]} for g in obj.goods],
        "statusHistory": [{"status": s.status, "statusName": status_name(s.status, language),
                           "date": s.date.isoformat(), "basisNumber": s.basis_number,
                           "basisDate": _iso(s.basis_date)}
                          for s in obj.status_history],
    }


@dataclass(frozen=True)
class Extract:
    payload: dict[str, Any]
    code: str
    #: The signer's name when the PDF is signed (filled by :func:`render_pdf`'s caller).
    signer: str | None = field(default=None, compare=False)

    @property
    def number(self) -> str | None:
        value = self.payload.get("number")
        return str(value) if value else None

    @property
    def verify_url(self) -> str | None:
        """The verification URL of the QR code (with the code), if issued with a number."""
        page = (self.payload.get("verification") or {}).get("page")
        return f"{page}?code={self.code}" if page else None

    def as_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "extract": self.payload, "verificationCode": self.code}

    def json_bytes(self) -> bytes:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2).encode()


async def make_extract(session: AsyncSession, secret: str, registration_number: str,
                       generated_at: dt.datetime, **options: Any) -> Extract:
    """An extract (not recorded: :func:`issue_extract` issues one)."""
    payload = await build_extract(session, registration_number, generated_at, **options)
    return Extract(payload, verification_code(secret, payload))


def verify_page(base_url: str, number: str) -> str:
    """The public verification page of extract ``number`` on the server at ``base_url``."""
    return f"{base_url.rstrip('/')}/eaeu/extracts/{number}/verify"


async def issue_extract(session: AsyncSession, secret: str, registration_number: str,
                        issued_at: dt.datetime, *, base_url: str, language: str = "ru",
                        issuer: str | None = None, issued_to: str | None = None) -> Extract:
    """Issue an extract: the next number of the year (``2026-000042``), the content,
    its code, and its record in ``eaeu_extract`` (in the caller's transaction: commit
    it), which the public verification reads."""
    check_language(language)
    parse_number(registration_number)
    year = issued_at.astimezone(dt.UTC).year
    number = f"{year}-{fixed_width(await next_value(session, 'eaeu', f'extract-{year}'), 6)}"
    made = await make_extract(session, secret, registration_number, issued_at, number=number,
                              language=language, issuer=issuer,
                              verify_page=verify_page(base_url, number))
    payload = made.payload
    object_id = await entry_object_id(session, parse_number(registration_number))
    session.add(EaeuExtractRecord(
        number=number, issued_at=dt.datetime.fromisoformat(payload["issuedAt"]),
        object_id=object_id, registration_number=payload["registrationNumber"]["display"],
        language=language, content_sha256=content_sha256(payload),
        verification_code=made.code, content=payload, issued_to=issued_to))
    return made


async def find_issued(session: AsyncSession, number: str) -> EaeuExtractRecord | None:
    """The record of extract ``number``, if it was issued."""
    return await session.get(EaeuExtractRecord, number)


def public_summary(record: EaeuExtractRecord) -> dict[str, Any]:
    """What an issued extract certified, for anyone holding its number and code: the
    extract's number, date, issuer and hash, and the entry as the extract showed it
    (number, name, kind, status, right holders, protection periods, goods classes)."""
    p = record.content
    return {
        "number": record.number, "issuedAt": p.get("issuedAt"), "issuer": p.get("issuer"),
        "language": record.language, "sha256": record.content_sha256,
        "registrationNumber": p["registrationNumber"]["display"],
        "registrationNumberCyrillic": p["registrationNumber"]["cyrillic"],
        "inclusionDate": p["registrationNumber"]["inclusionDate"],
        "name": p.get("name"), "kind": p.get("kindName"),
        "status": p.get("statusName"), "statusDate": p.get("statusDate"),
        "rightHolders": [party["name"] for party in p.get("parties", [])
                         if party["role"] == "holder"],
        "protectionPeriods": p.get("protectionPeriods", []),
    }


# ---------------------------------------------------------------- the PDF


def font_path(name: str = "DejaVuSans.ttf") -> Path:
    for directory in FONT_DIRS:
        if (directory / name).exists():
            return directory / name
    raise ConfigurationError(f"no Cyrillic-capable TTF font for PDF extracts ({name}): "
                             "install fonts-dejavu-core")


def _qr(pdf: Any, url: str, x: float, y: float, size: float) -> None:
    """The QR code of ``url`` drawn as vector squares, ``size`` mm wide, a link over it."""
    import segno

    code = segno.make(url, error="m", micro=False)
    matrix = code.matrix
    module = size / (len(matrix) + 8)  # a quiet zone of 4 modules around
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            if dark:
                pdf.rect(x + (col + 4) * module, y + (row + 4) * module, module, module,
                         style="F")
    pdf.link(x, y, size, size, url)


def render_pdf(extract: Extract) -> bytes:
    """The extract as PDF (fpdf2, DejaVu): issuer, number and date, the entry's items
    with their Appendix 1 numbers, the status history, the QR code of the verification
    URL; the JSON embedded (``extract.json``) for offline verification."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    p = extract.payload
    lang = p.get("language") or "ru"
    t = LABELS[lang]
    none = t["none"]
    issued = dt.datetime.fromisoformat(p["issuedAt"] if "issuedAt" in p else p["generatedAt"])
    pdf = FPDF(format="A4")
    pdf.set_title(f"{t['title']} {p.get('number') or ''} "
                  f"{p['registrationNumber']['display']}".strip())
    pdf.set_author(p.get("issuer") or ISSUER[lang])
    pdf.set_creator("ipreg")
    pdf.set_lang(lang)
    pdf.set_creation_date(issued)
    pdf.add_font("DejaVu", "", str(font_path()))
    pdf.add_font("DejaVu", "B", str(font_path("DejaVuSans-Bold.ttf")))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    url = extract.verify_url
    qr_size = 34.0
    text_width = pdf.epw - (qr_size + 4 if url else 0)
    if url:
        _qr(pdf, url, pdf.l_margin + pdf.epw - qr_size, pdf.t_margin - 2, qr_size)
    pdf.set_font("DejaVu", "B", 10)
    pdf.multi_cell(text_width, 5, p.get("issuer") or ISSUER[lang], align="L",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(text_width, 8, t["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(text_width, 5, t["from"], align="C", new_x="LMARGIN", new_y="NEXT")
    if p.get("number"):
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(text_width, 7, t["number"].format(number=p["number"], date=day(issued.date())),
                 align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), pdf.t_margin + qr_size) + 4)

    number = p["registrationNumber"]
    rows: list[tuple[str, str]] = [
        (t["registrationNumber"], f"{number['cyrillic']} ({number['display']})"),
        (t["inclusionDate"], day(number["inclusionDate"]) or none),
        (t["application"], t["applicationValue"].format(number=p["application"]["number"],
                                                        date=day(p["application"]["date"]))),
        (t["name"], p["name"]),
        (t["kind"], f"{p.get('kindName') or p['kind']} ({p['kind']})"),
        (t["description"], p.get("description") or none),
    ]
    if p.get("status"):
        rows.append((t["status"], t["statusValue"].format(
            name=p.get("statusName") or status_name(p["status"], lang),
            date=day(p.get("statusDate")) or none)))
    for party in p["parties"]:
        label = t.get(party["role"], party["role"])
        value = f"{party['name']} ({party['country']})"
        if party.get("taxpayerId"):
            value += f", {t['taxpayerId']} {party['taxpayerId']}"
        rows.append((label, value))
    for period in p["protectionPeriods"]:
        rows.append((t["protection"], t["period"].format(start=day(period["start"]),
                                                         end=day(period["end"]))))
    for term in p["rightTerms"]:
        rows.append((t["rightTerm"].format(country=term["country"]),
                     day(term["expiresOn"]) or t["undefined"]))
    for goods in p["goods"]:
        value = goods["description"]
        if goods["cnFeaCodes"]:
            value += f"; {t['cnFea']} {', '.join(goods['cnFeaCodes'])}"
        if goods["niceClasses"]:
            value += f"; {t['nice']} {', '.join(map(str, goods['niceClasses']))}"
        rows.append((t["goods"], value))
    grey = FontFace(fill_color=(235, 240, 247))
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(col_widths=(58, 132), text_align="LEFT", first_row_as_headings=False,
                   line_height=5, padding=1.2) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label, style=grey)
            row.cell(value)
    if p["statusHistory"]:
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(0, 6, t["history"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        with pdf.table(col_widths=(25, 95, 70), text_align="LEFT", line_height=5,
                       padding=1.2, headings_style=FontFace(emphasis="BOLD",
                                                            fill_color=(235, 240, 247))
                       ) as table:
            head = table.row()
            for title in (t["date"], t["statusColumn"], t["basis"]):
                head.cell(title)
            for status in p["statusHistory"]:
                row = table.row()
                row.cell(day(status["date"]) or none)
                row.cell(status.get("statusName") or status_name(status["status"], lang)
                         or none)
                row.cell(t["decision"].format(number=status["basisNumber"],
                                              date=day(status["basisDate"]) or none)
                         if status.get("basisNumber") else none)
    pdf.ln(5)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, t["issuedAt"].format(date=day(issued.date()),
                                              time=issued.strftime("%H:%M")),
                   align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, t["signed"].format(subject=extract.signer) if extract.signer
                   else t["unsigned"], align="L", new_x="LMARGIN", new_y="NEXT")
    if url:
        pdf.multi_cell(0, 5, t["verify"], align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 51, 153)
        pdf.multi_cell(0, 5, url, link=url, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", 10)
    pdf.multi_cell(0, 6, f"{t['code']}: {extract.code}", new_x="LMARGIN", new_y="NEXT")
    pdf.embed_file(bytes=canonical(extract.as_json()), basename="extract.json",
                   desc="The extract as JSON (verification)", compress=False)
    return bytes(pdf.output())


# ---------------------------------------------------------------- PAdES


@dataclass(frozen=True)
class PdfSigner:
    """A PAdES signer of extracts (pyHanko) from :class:`ExtractSettings`."""

    signer: Any
    subject: str

    @classmethod
    def load(cls, settings: ExtractSettings) -> PdfSigner | None:
        """The configured signer, or None when no key is configured."""
        if not settings.signing_key:
            return None
        from pyhanko.sign import signers

        password = settings.signing_password.encode() if settings.signing_password else None
        key = settings.signing_key
        if not Path(key).is_file():
            raise ConfigurationError(f"IPREG_EAEU_SIGNING_KEY: no file {key}")
        if key.lower().endswith((".p12", ".pfx")):
            signer = signers.SimpleSigner.load_pkcs12(key, passphrase=password)
        else:
            if not settings.signing_cert:
                raise ConfigurationError("IPREG_EAEU_SIGNING_CERT: give the PEM certificate "
                                         "of the PEM key IPREG_EAEU_SIGNING_KEY")
            signer = signers.SimpleSigner.load(key, settings.signing_cert,
                                               key_passphrase=password)
        if signer is None:
            raise ConfigurationError("IPREG_EAEU_SIGNING_KEY: the key or certificate does not "
                                     "load (wrong password or format?)")
        subject = signer.signing_cert.subject.native
        name = ", ".join(str(subject[k]) for k in ("common_name", "organization_name",
                                                    "country_name") if subject.get(k))
        return cls(signer, name or signer.signing_cert.subject.human_friendly)

    def sign(self, pdf: bytes, *, reason: str, location: str | None = None) -> bytes:
        """``pdf`` with a PAdES B-B signature (an incremental update), blocking: run it
        in a worker thread."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        meta = signers.PdfSignatureMetadata(
            field_name="Signature", md_algorithm="sha256", reason=reason, location=location,
            subfilter=fields.SigSeedSubFilter.PADES)
        out = signers.sign_pdf(writer, meta, signer=self.signer)
        return bytes(out.getvalue())


def render_document(extract: Extract, signer: PdfSigner | None) -> bytes:
    """The PDF of an extract, signed (PAdES) when a signer is configured; blocking."""
    if signer is None:
        return render_pdf(extract)
    signed = Extract(extract.payload, extract.code, signer=signer.subject)
    reason = (f"{LABELS[extract.payload.get('language') or 'ru']['title']} "
              f"{extract.number or ''}").strip()
    return signer.sign(render_pdf(signed), reason=reason)


# ---------------------------------------------------------------- offline verification


def _embedded_json(pdf: bytes) -> dict[str, Any]:
    start = pdf.find(b'{"extract":')
    if start < 0:
        raise BadUserInput("the PDF has no embedded extract.json: not an ipreg extract")
    decoded, _ = json.JSONDecoder().raw_decode(pdf[start:].decode("latin-1"))
    if not isinstance(decoded, dict):
        raise BadUserInput("the embedded extract.json is not an object")
    return decoded


@dataclass(frozen=True)
class Verification:
    valid: bool
    code: str
    registration_number: str | None
    generated_at: str | None


def verify(secret: str, data: bytes) -> Verification:
    """Check an extract (its JSON form, or a PDF with the JSON embedded) against its code."""
    if data.startswith(b"%PDF"):
        document = _embedded_json(data)
    else:
        try:
            document = json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadUserInput(f"not an extract (JSON or PDF): {exc}") from exc
    if not isinstance(document, dict) or "extract" not in document:
        raise BadUserInput("not an ipreg EAEU extract")
    payload = document["extract"]
    code = str(document.get("verificationCode", ""))
    valid = hmac.compare_digest(code, verification_code(secret, payload))
    number = payload.get("registrationNumber", {}).get("display") if isinstance(
        payload, dict) else None
    return Verification(valid, code, number, payload.get("generatedAt") if isinstance(
        payload, dict) else None)
