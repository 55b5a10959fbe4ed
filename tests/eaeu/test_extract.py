"""P.SP.01.PRC.011: extracts (JSON and PDF) with a verification code."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from ipreg.core.cli import cli
from ipreg.core.errors import BadUserInput
from ipreg.plugins.eaeu.cli import register
from ipreg.plugins.eaeu.extract import make_extract, render_pdf, verify

SECRET = "test-secret"
QUERY = """query($n: String!) { eaeuExtract(registrationNumber: $n) {
  verificationCode content pdfBase64 } }"""


@pytest.mark.legal("P.SP.01.PRC.011")
async def test_an_extract_is_verifiable_in_both_forms(eaeu: Any) -> None:
    await eaeu.include()
    async with eaeu.rt.sessionmaker() as session:
        made = await make_extract(session, SECRET, "00001/ТЗ/0001",
                                  dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC))
    payload = made.payload
    assert payload["registrationNumber"]["display"] == "00001/TZ/0001"
    assert payload["statusHistory"][0]["status"] == "included"
    assert payload["application"]["number"].startswith("EAEU-2026-")  # T1 1, not published
    assert verify(SECRET, made.json_bytes()).valid
    pdf = render_pdf(made)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "00001/ТЗ/0001" in text and made.code in text and "Красный Октябрь" in text
    checked = verify(SECRET, pdf)
    assert checked.valid and checked.registration_number == "00001/TZ/0001"
    tampered = made.as_json()
    tampered["extract"]["name"] = "Другое"
    assert not verify(SECRET, json.dumps(tampered).encode()).valid
    assert not verify("another-secret", pdf).valid
    with pytest.raises(BadUserInput):
        verify(SECRET, b"%PDF-1.4 nothing")


@pytest.mark.legal("P.SP.01.PRC.011")
async def test_extracts_are_for_the_entrys_parties_and_officials(eaeu: Any) -> None:
    await eaeu.include()
    mine = await eaeu.data(QUERY, {"n": "00001/TZ/0001"}, eaeu.applicant)
    pdf = base64.b64decode(mine["eaeuExtract"]["pdfBase64"])
    assert pdf.startswith(b"%PDF") and verify(eaeu.rt.settings.secret, pdf).valid
    for viewer in (None, eaeu.stranger):
        result = await eaeu.gql(QUERY, {"n": "00001/TZ/0001"}, *(
            [viewer] if viewer is not None else []))
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.legal("P.SP.01.PRC.011")
async def test_extract_and_verify_from_the_command_line(eaeu: Any, database_url: str,
                                                        tmp_path: Path) -> None:
    await eaeu.include()
    register(cli)
    runner = CliRunner()
    pdf = tmp_path / "extract.pdf"
    made = await asyncio.to_thread(runner.invoke, cli, [
        "--database", database_url, "eaeu", "extract", "00001/TZ/0001", "--pdf", str(pdf),
        "--json", str(tmp_path / "extract.json")])
    assert made.exit_code == 0, made.output
    checked = await asyncio.to_thread(runner.invoke, cli, [
        "--database", database_url, "eaeu", "verify-extract", str(pdf)])
    assert checked.exit_code == 0 and "valid extract of 00001/TZ/0001" in checked.output
    forged = tmp_path / "forged.json"
    document = json.loads((tmp_path / "extract.json").read_text(encoding="utf-8"))
    document["extract"]["status"] = "included, forever"
    forged.write_text(json.dumps(document), encoding="utf-8")
    refused = await asyncio.to_thread(runner.invoke, cli, [
        "--database", database_url, "eaeu", "verify-extract", str(forged)])
    assert refused.exit_code == 1
