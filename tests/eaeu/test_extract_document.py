"""P.SP.01.PRC.011: the extract as a document an officer in another member state can
accept — issuer, number and date, statuses and dates in the document's language, a QR
code of a public verification URL that answers for issued extracts only (across
servers: the record is in the database), a download URL for those who may receive
it, and a PAdES signature when a key is configured (digest §6.2)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import httpx
import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader
from sqlalchemy import update

from ipreg.core.auth.principal import ANONYMOUS
from ipreg.plugins.eaeu.extract import verify
from ipreg.plugins.eaeu.models import EaeuExtractRecord
from tests.eaeu.test_sync_replica import serving

pytestmark = pytest.mark.legal("P.SP.01.PRC.011")

EXTRACT = """mutation($n: String!, $lang: String! = "ru") {
  eaeuIssueExtract(registrationNumber: $n, language: $lang) {
    number verificationCode generatedAt verifyUrl pdfUrl content pdfBase64 } }"""


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _qr_codes(pdf: bytes) -> list[str]:
    """The QR codes on the first page, read from the page rendered at 216 dpi."""
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=3).to_pil()
    return [found.text for found in zxingcpp.read_barcodes(image)
            if found.format == zxingcpp.BarcodeFormat.QRCode]


def _links(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [annotation.get_object()["/A"]["/URI"] for annotation in
            reader.pages[0].get("/Annots", []) if "/A" in annotation.get_object()]


@pytest.fixture
def server(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Another server on the same database (a replica, or the server after a restart),
    under uvicorn on 127.0.0.1: the public address extracts name for verification."""
    with serving(database_url) as url:
        base = url.removesuffix("/graphql")
        monkeypatch.setenv("IPREG_EAEU_PUBLIC_URL", base)
        yield base


@pytest.mark.legal("R174 A1 T1 8.1", "R174 A1 T1 8.2", "R174 A1 T1 5.1.4")
async def test_the_extract_is_a_numbered_document_in_its_language(
    eaeu: Any, server: str, tmp_path: Path
) -> None:
    """Issuer, number and date; status names of the code list; dates dd.mm.yyyy; no
    internal words (``included``) and no microseconds."""
    await eaeu.include()
    made = (await eaeu.data(EXTRACT, {"n": "00001/TZ/0001"}, eaeu.applicant))["eaeuIssueExtract"]
    assert re.fullmatch(r"2026-\d{6}", made["number"])
    assert made["generatedAt"] == "2026-03-02T08:00:00+00:00"  # to the second
    pdf = base64.b64decode(made["pdfBase64"])
    (tmp_path / "extract.pdf").write_bytes(pdf)
    text = _text(pdf)
    assert "Евразийская экономическая комиссия" in text
    assert f"№ {made['number']} от 02.03.2026" in text
    assert "ОИС включен в Единый реестр" in text          # the code list's name of 8.1
    assert "02.03.2026" in text and "Красный Октябрь" in text
    assert not re.search(r"\b(included|changed|prolonged|excluded)\b", text)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)       # no ISO dates
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d+", text)  # no microseconds
    assert made["verificationCode"] in text and made["verifyUrl"] in text.replace("\n", "")
    assert verify(eaeu.rt.settings.secret, pdf).valid
    english = (await eaeu.data(EXTRACT, {"n": "00001/TZ/0001", "lang": "en"},
                               eaeu.applicant))["eaeuIssueExtract"]
    text = _text(base64.b64decode(english["pdfBase64"]))
    assert "Eurasian Economic Commission" in text and "EXTRACT" in text
    assert "IP object included in the register" in text and "02.03.2026" in text
    wrong = await eaeu.gql(EXTRACT, {"n": "00001/TZ/0001", "lang": "xx"}, eaeu.applicant)
    assert wrong["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT",
                                                "argument": "language"}


async def test_the_qr_code_opens_the_public_verification_of_that_extract(
    eaeu: Any, server: str
) -> None:
    """The QR code decodes to the verification URL; that URL, on another server of the
    same database, answers "valid" with what the extract certified, to anyone; a forged
    code or number answers "not issued"."""
    await eaeu.include()
    made = (await eaeu.data(EXTRACT, {"n": "00001/TZ/0001"}, eaeu.applicant))["eaeuIssueExtract"]
    url = made["verifyUrl"]
    assert url == (f"{server}/eaeu/extracts/{made['number']}/verify"
                   f"?code={made['verificationCode']}")
    pdf = base64.b64decode(made["pdfBase64"])
    assert _qr_codes(pdf) == [url]
    assert url in _links(pdf)
    async with httpx.AsyncClient() as client:  # anyone: no credentials
        valid = await client.get(url)
        assert valid.status_code == 200, valid.text
        answer = valid.json()
        assert answer["valid"] is True
        certified = answer["extract"]
        assert certified["number"] == made["number"]
        assert certified["registrationNumber"] == "00001/TZ/0001"
        assert certified["status"] == "ОИС включен в Единый реестр"
        assert certified["issuer"] == "Евразийская экономическая комиссия"
        assert certified["sha256"] and "taxpayerId" not in str(certified)
        page = await client.get(url, headers={"Accept": "text/html"})
        assert page.status_code == 200 and "Выписка действительна" in page.text
        assert "02.03.2026 08:00 UTC" in page.text and "Красный Октябрь" in page.text
        forged_code = made["verificationCode"][:-1] + (
            "0" if made["verificationCode"][-1] != "0" else "1")
        for forged in (url.replace(made["verificationCode"], forged_code),
                       url.replace(made["number"], "2026-999999")):
            refused = await client.get(forged)
            assert refused.status_code == 404
            assert refused.json()["valid"] is False
            page = await client.get(forged, headers={"Accept": "text/html"})
            assert "Выписка не выдавалась" in page.text
        bare = await client.get(url.partition("?")[0])
        assert bare.status_code == 400
        assert bare.json()["errors"][0]["extensions"]["argument"] == "code"


async def test_the_pdf_is_downloaded_by_those_who_may_receive_it(
    eaeu: Any, server: str
) -> None:
    await eaeu.include()
    made = (await eaeu.data(EXTRACT, {"n": "00001/TZ/0001"}, eaeu.applicant))["eaeuIssueExtract"]
    path = made["pdfUrl"].removeprefix(server)
    assert path == f"/eaeu/extracts/{made['number']}.pdf"
    for viewer in (eaeu.applicant, eaeu.representative, eaeu.commission, eaeu.ccas["AM"]):
        got = await eaeu.get(path, viewer=viewer)
        assert got.status_code == 200, viewer
        assert got.headers["content-type"] == "application/pdf"
        assert verify(eaeu.rt.settings.secret, got.content).valid
        assert _qr_codes(got.content) == [made["verifyUrl"]]
    for viewer in (ANONYMOUS, eaeu.stranger):
        refused = await eaeu.get(path, viewer=viewer)
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    missing = await eaeu.get("/eaeu/extracts/2026-999999.pdf", viewer=eaeu.applicant)
    assert missing.status_code == 404
    async with eaeu.rt.sessionmaker() as session:  # the object replaced, as a replica's sync
        await session.execute(update(EaeuExtractRecord).values(object_id=None))
        await session.commit()
    assert (await eaeu.get(path, viewer=eaeu.applicant)).status_code == 200
    assert (await eaeu.get(path, viewer=eaeu.stranger)).status_code == 403


def _self_signed(tmp_path: Path) -> tuple[Any, Path, Path, Path]:
    """A self-signed signing certificate: its PKCS#12, PEM key and PEM certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "RU"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Евразийская экономическая "
                                                                    "комиссия"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "ЕТР ОИС: выписки")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True,
                                         crl_sign=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    p12 = tmp_path / "signer.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"extracts", key, cert, None, serialization.BestAvailableEncryption(b"secret")))
    pem_key = tmp_path / "signer.key"
    pem_key.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    pem_cert = tmp_path / "signer.crt"
    pem_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert, p12, pem_key, pem_cert


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("form", ["pkcs12", "pem"])
async def test_with_a_signing_key_the_pdf_carries_a_valid_pades_signature(
    eaeu: Any, server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str,
    backend: str
) -> None:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _, p12, pem_key, pem_cert = _self_signed(tmp_path)
    if form == "pkcs12":
        monkeypatch.setenv("IPREG_EAEU_SIGNING_KEY", str(p12))
        monkeypatch.setenv("IPREG_EAEU_SIGNING_PASSWORD", "secret")
    else:
        monkeypatch.setenv("IPREG_EAEU_SIGNING_KEY", str(pem_key))
        monkeypatch.setenv("IPREG_EAEU_SIGNING_CERT", str(pem_cert))
    await eaeu.include()
    made = (await eaeu.data(EXTRACT, {"n": "00001/TZ/0001"}, eaeu.applicant))["eaeuIssueExtract"]
    for pdf in (base64.b64decode(made["pdfBase64"]),
                (await eaeu.get(made["pdfUrl"].removeprefix(server),
                                viewer=eaeu.applicant)).content):
        (signature,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
        assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
        status = await async_validate_pdf_signature(signature, ValidationContext(
            trust_roots=[load_cert_from_pemder(str(pem_cert))]))
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()
        assert status.bottom_line
        assert "ЕТР ОИС: выписки" in " ".join(_text(pdf).split())  # the signer, named
        assert verify(eaeu.rt.settings.secret, pdf).valid  # the embedded JSON still checks
        assert _qr_codes(pdf) == [made["verifyUrl"]]
