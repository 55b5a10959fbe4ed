"""P.SP.01.PRC.011: an extract from the register, as JSON and as PDF, with a verification code.

The seeds give neither the content nor the form of the extract (digest §6.2
[Gap]); following the digest's proposal it is the entry's full record —
including its unpublished items, since extracts go to the entry's own applicant
and to officials — with its status history and the time it was generated. The
verification code is an HMAC-SHA256 of the canonical JSON of the extract under
the server's secret (``IPREG_SECRET``): ``ipreg eaeu verify-extract FILE`` checks
a JSON extract, or a PDF extract through the JSON embedded in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.errors import BadUserInput, ConfigurationError, NotFound
from ipreg.core.model import Document, ObjectDocument, Party
from ipreg.plugins.eaeu.models import EaeuEntry, EaeuProtectionPeriod
from ipreg.plugins.eaeu.numbering import RegistrationNumber, parse_number
from ipreg.plugins.eaeu.store import load_entry

FORMAT = "ipreg-eaeu-extract/1"
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


def canonical(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=True, sort_keys=True, separators=(",", ":")
                      ).encode()


def verification_code(secret: str, payload: Any) -> str:
    """``XXXX-XXXX-XXXX-XXXX-XXXX``: HMAC-SHA256 of the canonical payload, 80 bits."""
    digest = hmac.new(secret.encode(), canonical(payload), hashlib.sha256).hexdigest()
    head = digest[:20].upper()
    return "-".join(head[i:i + 4] for i in range(0, 20, 4))


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


async def build_extract(session: AsyncSession, registration_number: str,
                        generated_at: dt.datetime) -> dict[str, Any]:
    """The content of the extract (the JSON form without its code)."""
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
    number = RegistrationNumber(entry.sequence_number, entry.kind_code, entry.decision_number)
    return {
        "format": FORMAT,
        "register": "Единый таможенный реестр объектов интеллектуальной собственности "
                    "государств – членов Евразийского экономического союза",
        "generatedAt": generated_at.astimezone(dt.UTC).isoformat(),
        "registrationNumber": {"display": number.display, "cyrillic": number.cyrillic,
                               "inclusionDate": entry.inclusion_date.isoformat()},
        "application": {"number": entry.application_number,
                        "date": entry.application_date.isoformat()},
        "name": obj.name, "kind": entry.kind_code, "description": obj.description,
        "status": obj.status,
        "statusDate": obj.status_date.isoformat() if obj.status_date else None,
        "rightHolderCount": entry.right_holder_count,
        "parties": [_party(parties[link.party_id], link.role) for link in obj.parties],
        "keywords": [k.value for k in obj.keywords],
        "titleDocuments": [{"name": d.name, "kind": d.kind_name, "number": d.number,
                            "date": d.date.isoformat() if d.date else None,
                            "issuer": d.issuer_name, "country": d.country}
                           for role, d in docs if role == "title_document"],
        "rightTerms": [{"country": t.country,
                        "expiresOn": t.expires_on.isoformat() if t.expires_on else None}
                       for t in obj.right_terms],
        "protectionPeriods": [{"start": p.starts_on.isoformat(), "end": p.ends_on.isoformat()}
                              for p in periods],
        "goods": [{"description": g.description, "cnFeaCodes": [c.code for c in g.codes],
                   "niceClasses": [n.number for n in g.nice_classes]} for g in obj.goods],
        "statusHistory": [{"status": s.status, "date": s.date.isoformat(),
                           "basisNumber": s.basis_number,
                           "basisDate": s.basis_date.isoformat() if s.basis_date else None}
                          for s in obj.status_history],
    }


@dataclass(frozen=True)
class Extract:
    payload: dict[str, Any]
    code: str

    def as_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "extract": self.payload, "verificationCode": self.code}

    def json_bytes(self) -> bytes:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2).encode()


async def make_extract(session: AsyncSession, secret: str, registration_number: str,
                       generated_at: dt.datetime) -> Extract:
    payload = await build_extract(session, registration_number, generated_at)
    return Extract(payload, verification_code(secret, payload))


def font_path() -> Path:
    for candidate in FONT_CANDIDATES:
        if candidate.exists():
            return candidate
    raise ConfigurationError("no Cyrillic-capable TTF font for PDF extracts: install "
                             "fonts-dejavu-core (DejaVuSans.ttf)")


def render_pdf(extract: Extract) -> bytes:
    """The extract as PDF (fpdf2, DejaVu Sans), with its JSON embedded for verification."""
    from fpdf import FPDF

    p = extract.payload
    pdf = FPDF(format="A4")
    pdf.set_title(f"Выписка из Единого реестра {p['registrationNumber']['display']}")
    pdf.set_creator("ipreg")
    pdf.add_font("DejaVu", "", str(font_path()))
    pdf.add_page()
    pdf.set_font("DejaVu", size=13)
    pdf.multi_cell(0, 7, "ВЫПИСКА из единого таможенного реестра объектов интеллектуальной "
                   "собственности государств – членов ЕАЭС", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=10)

    def line(label: str, value: Any) -> None:
        pdf.multi_cell(0, 5.5, f"{label}: {value if value not in (None, '') else '—'}",
                       new_x="LMARGIN", new_y="NEXT")

    number = p["registrationNumber"]
    line("Регистрационный номер (5.1)", f"{number['cyrillic']} ({number['display']})")
    line("Дата включения (5.1.4)", number["inclusionDate"])
    line("Заявление (1)", f"№ {p['application']['number']} от {p['application']['date']}")
    line("Наименование ОИС (5.2)", p["name"])
    line("Вид ОИС (5.1.2)", p["kind"])
    line("Описание (5.5)", p["description"])
    line("Статус (8.1)", f"{p['status']} ({p['statusDate']})")
    for party in p["parties"]:
        label = {"holder": "Правообладатель (3)", "representative": "Представитель (4)",
                 "authorized_person": "Уполномоченное лицо (7)"}.get(party["role"], party["role"])
        line(label, f"{party['name']}, {party['country']}"
             + (f", ИНН/БИН {party['taxpayerId']}" if party["taxpayerId"] else ""))
    for period in p["protectionPeriods"]:
        line("Срок принятия мер (5.9)", f"{period['start']} – {period['end']}")
    for term in p["rightTerms"]:
        line(f"Срок действия права, {term['country']} (5.7)", term["expiresOn"])
    for goods in p["goods"]:
        line("Товары (6)", f"{goods['description']}; ТН ВЭД {', '.join(goods['cnFeaCodes'])}"
             + (f"; МКТУ {', '.join(map(str, goods['niceClasses']))}"
                if goods["niceClasses"] else ""))
    for status in p["statusHistory"]:
        line("История статусов (8)", f"{status['date']} {status['status']}, решение "
             f"№ {status['basisNumber']} от {status['basisDate']}")
    pdf.ln(3)
    line("Сформировано", p["generatedAt"])
    pdf.set_font("DejaVu", size=12)
    line("Код проверки", extract.code)
    pdf.set_font("DejaVu", size=8)
    pdf.multi_cell(0, 4, "Проверка: ipreg eaeu verify-extract <файл>. The verification code "
                   "is an HMAC of the embedded extract.json.", new_x="LMARGIN", new_y="NEXT")
    pdf.embed_file(bytes=canonical(extract.as_json()), basename="extract.json",
                   desc="The extract as JSON (verification)", compress=False)
    return bytes(pdf.output())


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
