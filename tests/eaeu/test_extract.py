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
QUERY = """mutation($n: String!) { eaeuIssueExtract(registrationNumber: $n) {
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
    pdf = base64.b64decode(mine["eaeuIssueExtract"]["pdfBase64"])
    assert pdf.startswith(b"%PDF") and verify(eaeu.rt.settings.secret, pdf).valid
    for viewer in (None, eaeu.stranger):
        result = await eaeu.gql(QUERY, {"n": "00001/TZ/0001"}, *(
            [viewer] if viewer is not None else []))
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


LIST = """query($n: String!, $first: Int, $after: String) {
  eaeuExtracts(registrationNumber: $n, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { number verificationCode verifyUrl pdfUrl content } } }"""


async def _issued(eaeu: Any) -> int:
    from sqlalchemy import func, select

    from ipreg.plugins.eaeu.models import EaeuExtractRecord

    async with eaeu.rt.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(EaeuExtractRecord)))


@pytest.mark.legal("P.SP.01.PRC.011")
async def test_issuing_is_a_mutation_and_reading_issued_extracts_writes_nothing(
        eaeu: Any) -> None:
    """A query has no side effects (GET /graphql may carry it, the response cache and
    the read paths assume so): `eaeuIssueExtract` issues and records a numbered extract,
    `eaeuExtracts` lists those issued, newest first, and issues none; both for the
    entry's own parties and officials only (R148 p.18)."""
    await eaeu.include()
    issued = [(await eaeu.data(QUERY.replace("verificationCode", "number verificationCode"),
                               {"n": "00001/TZ/0001"}, viewer))["eaeuIssueExtract"]
              for viewer in (eaeu.applicant, eaeu.commission, eaeu.applicant)]
    assert len({made["number"] for made in issued}) == 3 and await _issued(eaeu) == 3
    for viewer in (eaeu.applicant, eaeu.commission):
        listed = (await eaeu.data(LIST, {"n": "00001/ТЗ/0001"}, viewer))["eaeuExtracts"]
        assert listed["totalCount"] == 3
        assert [x["number"] for x in listed["nodes"]] == [m["number"] for m in issued][::-1]
        assert [x["verificationCode"] for x in listed["nodes"]] == [
            m["verificationCode"] for m in issued][::-1]
        assert listed["nodes"][0]["pdfUrl"].endswith(f"/eaeu/extracts/{issued[2]['number']}.pdf")
    page = (await eaeu.data(LIST, {"n": "00001/TZ/0001", "first": 2}, eaeu.applicant)
            )["eaeuExtracts"]
    rest = (await eaeu.data(LIST, {"n": "00001/TZ/0001", "first": 2,
                                   "after": page["pageInfo"]["endCursor"]}, eaeu.applicant)
            )["eaeuExtracts"]
    assert page["pageInfo"]["hasNextPage"] and not rest["pageInfo"]["hasNextPage"]
    assert [x["number"] for x in page["nodes"] + rest["nodes"]] == [
        m["number"] for m in issued][::-1]
    assert await _issued(eaeu) == 3  # reading issued nothing
    for viewer in (None, eaeu.stranger):
        result = await eaeu.gql(LIST, {"n": "00001/TZ/0001"}, *(
            [viewer] if viewer is not None else []))
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    async with eaeu.http() as client:  # a mutation is never carried by GET
        refused = await client.get("/graphql", params={"query": QUERY.replace(
            "$n", '"00001/TZ/0001"').replace('("00001/TZ/0001": String!)', "")})
    assert refused.status_code in (400, 405) and await _issued(eaeu) == 3


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
