"""The application's documents as uploaded PDF files (GI rules II.2.3-2.5; digest §2.2
G4-G6, VR-41), on real PDFs made with fpdf2.

II.2.3 is a refusal: a file that cannot be copied, reproduced or kept is refused with the
path of the file, the rule and a problem code, and nothing is filed. II.2.4-2.5 (VR-41) are
warnings: each names the file's path, the pages and the point; the application is filed.
"""

from __future__ import annotations

import io
import secrets
from typing import Any

import pytest
from pdf_samples import BROKEN_PDF, empty_pdf, encrypted_pdf, make_pdf
from PIL import Image

from ipreg.core.errors import BadUserInput
from ipreg.plugins.ukraine.gi.documents import is_times

SQLITE = pytest.mark.parametrize("ipreg_db_backend", ["sqlite"], indirect=True)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(out, "PNG")
    return out.getvalue()


async def stored(gi: Any, data: bytes, name: str = "document.pdf") -> str:
    """The sha256 of ``data`` stored as ``uploadFile`` would (without a purpose: the
    filing judges it)."""
    async with gi.runtime.sessionmaker() as session:
        row = await gi.runtime.files.put(session, data, original_name=name)
        await session.commit()
        return str(row.sha256)


async def file_with(gi: Any, documents: list[dict[str, Any]], who: str = "applicant",
                    **kw: Any) -> Any:
    filing = gi.filing(0, **kw)
    filing["documents"] = documents
    return await gi.open("UA.GI.APP", who, {"filing": filing}, transition="UA.GI.T01")


ERRORS = [
    ("not a PDF (a PNG image)", png, "file_wrong_type"),
    ("encrypted with a password", lambda: encrypted_pdf("secret"), "file_encrypted"),
    ("encrypted, permissions only", lambda: encrypted_pdf(""), "file_encrypted"),
    ("copying not permitted", lambda: encrypted_pdf("", allow_copy=False),
     "file_copy_restricted"),
    ("cannot be parsed", lambda: BROKEN_PDF, "file_unreadable"),
    ("no pages", empty_pdf, "file_no_pages"),
]


@SQLITE
@pytest.mark.legal("GI rules II.2.3")
@pytest.mark.parametrize(("what", "make", "code"), ERRORS, ids=[e[0] for e in ERRORS])
async def test_a_file_that_cannot_be_copied_or_kept_is_refused_and_nothing_is_filed(
        gi: Any, what: str, make: Any, code: str) -> None:
    """II.2.3 (G4): documents allow copying, reproduction and long-term storage."""
    good = await stored(gi, make_pdf(), "form.pdf")
    bad = await stored(gi, make(), "specification.pdf")
    before = await gi.counts()
    with pytest.raises(BadUserInput) as error:
        await file_with(gi, [{"kind": "request", "file": good},
                             {"kind": "specification", "file": bad}])
    problems = error.value.details["problems"]
    assert [(p["path"], p["rule"], p["code"]) for p in problems] == [
        ("documents[1].file", "GI rules II.2.3", code)], problems
    assert await gi.counts() == before  # no case, no file item, no document row


@SQLITE
@pytest.mark.legal("GI rules II.2.3")
async def test_a_file_never_uploaded_is_refused(gi: Any) -> None:
    with pytest.raises(BadUserInput) as error:
        await file_with(gi, [{"kind": "specification", "file": secrets.token_hex(32)}])
    assert [(p["path"], p["code"]) for p in error.value.details["problems"]] == [
        ("documents[0].file", "not_a_file")]


#: (what, layout of the specification, kind, point, pages, what the warning says)
WARNINGS = [
    ("letter-size page", {"format": "Letter"}, "specification", "VR-41 W, GI rules II.2.4",
     "pages 1-3", "216 x 279 mm, not A4"),
    ("landscape page", {"orientation": "L"}, "specification", "VR-41 W, GI rules II.2.5",
     "pages 1-3", "is landscape"),
    ("portrait page turned by /Rotate", {"rotate": 90}, "single_document",
     "VR-41 W, GI rules II.2.5", "pages 1-3", "is landscape"),
    ("Arial (Helvetica) font", {"font": "Helvetica"}, "specification",
     "VR-41 W, GI rules II.2.4", "pages 1-3", "text in Helvetica, not Times New Roman"),
    ("10 pt", {"size": 10}, "specification", "VR-41 W, GI rules II.2.4", "pages 1-3",
     "text in 10 pt, not 12-14 pt"),
    ("16 pt", {"size": 16, "lines": 12}, "request", "VR-41 W, GI rules II.2.4", "pages 1-3",
     "text in 16 pt, not 12-14 pt"),
    ("red text", {"color": (200, 0, 0)}, "specification", "VR-41 W, GI rules II.2.4",
     "pages 1-3", "text that is not black"),
    ("widened character spacing", {"char_spacing": 1}, "specification",
     "VR-41 W, GI rules II.2.4", "pages 1-3", "normal character spacing"),
    ("double line spacing", {"spacing": 2.3, "lines": 12}, "specification",
     "VR-41 W, GI rules II.2.4", "pages 1-3", "not single line spacing"),
    ("no page numbers", {"numbers": "none"}, "specification", "VR-41 W, GI rules II.2.5",
     "pages 2-3", "shows no page number in Arabic numerals"),
    ("numbering restarts (two documents in one file)", {"numbers": "restart", "pages": 4},
     "specification", "VR-41 W, GI rules II.2.5", "page 3", "is numbered 2"),
    ("blank back of a two-sided scan", {"blank": (2,)}, "specification",
     "VR-41 W, GI rules II.2.5", "page 2", "is blank"),
    ("scanned page", {"scanned": (3,)}, "specification", "VR-41 W, GI rules II.2.4",
     "page 3", "is a scanned image"),
    ("letter-size map", {"format": "Letter", "orientation": "L"}, "map",
     "VR-41 W, GI rules II.2.4", "pages 1-3", "279 x 216 mm, not A4"),
]


@SQLITE
@pytest.mark.legal(param="rule")
@pytest.mark.parametrize(("what", "layout", "kind", "rule", "pages", "says"), WARNINGS,
                         ids=[w[0] for w in WARNINGS])
async def test_each_formatting_rule_is_a_warning_naming_the_file_the_pages_and_the_point(
        gi: Any, what: str, layout: dict[str, Any], kind: str, rule: str, pages: str,
        says: str) -> None:
    """VR-41 (GI rules II.2.4-2.5): the application is filed; the warning names
    ``documents[i].file``, the pages and the point."""
    form = await stored(gi, make_pdf(), "form.pdf")
    sha = await stored(gi, make_pdf(**layout), f"{kind}.pdf")
    case = await file_with(gi, [{"kind": "request", "file": form}, {"kind": kind, "file": sha}]
                           if kind != "request" else [{"kind": kind, "file": sha}])
    assert case.state == "received"
    index = 0 if kind == "request" else 1
    mine = [w for w in case.data["warnings"] if w.startswith(f"documents[{index}].file")]
    assert any(f"({kind}, «{kind}.pdf»), {pages}: " in w and says in w and w.endswith(
        f"({rule})") for w in mine), mine
    assert not any(w.startswith("documents[0].file") for w in case.data["warnings"]) \
        or kind == "request"


@SQLITE
@pytest.mark.legal("VR-41", "GI rules II.2.4", "GI rules II.2.5", "GI rules II.2.3")
async def test_documents_in_the_paper_format_have_no_warning_and_are_kept(gi: Any) -> None:
    """A4 portrait, Times 12 pt black, single spacing, pages 2.. numbered, one file a
    document: no VR-41 warning; the case keeps each document with its file, name and
    pages. What others draw up (a foreign document, a payment) is checked for II.2.3 only."""
    spec = await stored(gi, make_pdf(pages=5), "specification.pdf")
    single = await stored(gi, make_pdf(pages=2, size=14, lines=15), "single.pdf")
    payment = await stored(gi, make_pdf(font="Helvetica", format="Letter"), "payment.pdf")
    case = await file_with(gi, [{"kind": "specification", "file": spec},
                                {"kind": "single_document", "file": single},
                                {"kind": "payment_document", "file": payment}])
    assert not [w for w in case.data["warnings"] if "VR-41" in w], case.data["warnings"]
    kept = case.data["documents"]
    assert [(d["kind"], d["file"], d["name"], d["pages"], d["transition"]) for d in kept] == [
        ("specification", spec, "specification.pdf", 5, "UA.GI.T01"),
        ("single_document", single, "single.pdf", 2, "UA.GI.T01"),
        ("payment_document", payment, "payment.pdf", 3, "UA.GI.T01")]


@SQLITE
@pytest.mark.legal("GI rules II.2.5")
async def test_one_file_for_two_documents_is_a_warning(gi: Any) -> None:
    """II.2.5: each document starts on a new sheet: one file is one document."""
    sha = await stored(gi, make_pdf(), "both.pdf")
    case = await file_with(gi, [{"kind": "specification", "file": sha},
                                {"kind": "single_document", "file": sha}])
    assert any(w.startswith("documents[1].file (single_document") and
               "the same file as documents[0].file" in w and w.endswith(
                   "(VR-41 W, GI rules II.2.5)") for w in case.data["warnings"])


@pytest.mark.legal("GI rules II.2.4")
@pytest.mark.parametrize(("font", "times"), [
    ("TimesNewRomanPSMT", True), ("TimesNewRomanPS-BoldMT", True),
    ("Times New Roman,Bold", True), ("LiberationSerif", True), ("Times-Roman", True),
    ("ArialMT", False), ("Helvetica", False), ("DejaVuSerif", False), ("", False)])
def test_times_new_roman_by_its_names_and_metric_twins(font: str, times: bool) -> None:
    assert is_times(font) is times


UPLOADED = """mutation($filing: UaGiFilingInput!) {
  uaGiFileApplication(filing: $filing) { application { id state data } } }"""


@pytest.mark.legal("GI rules II.2.3", "VR-41")
async def test_an_applicant_uploads_a_pdf_and_files_the_application_with_it(gi: Any) -> None:
    """Through GraphQL: ``uploadFile(purpose: "ua_gi_document")`` (a multipart request)
    refuses a PNG and an encrypted PDF at once (a file uploaded without the purpose is refused
    when filed); the PDF's `id` names it in ``documents`` of the filing; a 10 pt
    specification comes back as a VR-41 warning in the case's data; UKRNOIVI's examiners and
    the uploader download the file, nobody else."""
    refused = await gi.upload(png(), "map.png", "ua_gi_document", "applicant")
    assert refused["errors"][0]["extensions"]["problems"][0]["code"] == "file_wrong_type"
    answer = await gi.upload(make_pdf(size=10), "specification.pdf", "ua_gi_document",
                             "applicant")
    uploaded = answer["data"]["uploadFile"]
    assert uploaded["mediaType"] == "application/pdf" and uploaded["name"] == "specification.pdf"
    filing = gi.filing(0)
    filing["documents"] = [{"kind": "specification", "file": uploaded["id"]}]
    data = (await gi.data(UPLOADED, {"filing": filing}, "applicant"))["uaGiFileApplication"]
    case = data["application"]
    assert case["state"] == "received"
    assert case["data"]["documents"][0]["file"] == uploaded["sha256"]
    assert any(w.startswith("documents[0].file (specification, «specification.pdf»), pages "
                            "1-3: has text in 10 pt") for w in case["data"]["warnings"])
    path = f"/files/{uploaded['sha256']}"
    assert (await gi.get(path, viewer="examiner_two")).status_code == 200  # UKRNOIVI reads it
    assert (await gi.get(path, viewer="applicant")).status_code == 200  # who uploaded it
    assert (await gi.get(path, viewer="opponent")).status_code == 404
    assert (await gi.get(path)).status_code == 404
    refused = await gi.upload(encrypted_pdf("secret"), "secret.pdf", "ua_gi_document",
                              "applicant")
    problem = refused["errors"][0]["extensions"]["problems"][0]
    assert (problem["path"], problem["rule"], problem["code"]) == (
        "file", "GI rules II.2.3", "file_encrypted")  # refused at once, nothing stored
    bad = await gi.upload(encrypted_pdf("secret"), "secret.pdf", None, "applicant")
    filing["documents"] = [{"kind": "specification", "file": bad["data"]["uploadFile"]["id"]}]
    refused_filing = await gi.gql(UPLOADED, {"filing": filing}, "applicant")
    problem = refused_filing["errors"][0]["extensions"]["problems"][0]
    assert refused_filing["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert (problem["path"], problem["rule"], problem["code"]) == (
        "documents[0].file", "GI rules II.2.3", "file_encrypted")


@SQLITE
@pytest.mark.legal("GI rules II.2.3", "GI rules II.2.5", "GI rules V.9.2")
async def test_additional_materials_attach_files_checked_as_the_filings(gi: Any) -> None:
    """A later document (T24, additional materials, V.9.2) attaches its files in ``files``:
    an encrypted one is refused (``files[0].file``, II.2.3) and the request stays open;
    accepted ones join the case's ``documents`` with the act, their warnings its
    ``warnings``."""
    case = await gi.to_formal(0)
    await gi.act(case.id, "UA.GI.T23", "examiner", {"reasons": "Сумнів щодо меж"})
    secret = await stored(gi, encrypted_pdf("secret"), "secret.pdf")
    with pytest.raises(BadUserInput) as error:
        await gi.act(case.id, "UA.GI.T24", "applicant", {
            "materials": "Карта меж", "files": [{"kind": "map", "file": secret}]})
    assert [(p["path"], p["rule"], p["code"]) for p in error.value.details["problems"]] == [
        ("files[0].file", "GI rules II.2.3", "file_encrypted")]
    assert (await gi.case(case.id)).data["additionalMaterials"]
    area = await stored(gi, make_pdf(orientation="L", pages=1), "area.pdf")
    note = await stored(gi, make_pdf(numbers="none"), "note.pdf")
    after = await gi.act(case.id, "UA.GI.T24", "applicant", {
        "materials": "Карта меж", "files": [{"kind": "map", "file": area},
                                            {"kind": "additional_materials", "file": note}]})
    assert after.data["additionalMaterials"] is None
    assert [(d["kind"], d["transition"]) for d in after.data["documents"]] == [
        ("map", "UA.GI.T24"), ("additional_materials", "UA.GI.T24")]
    assert [w for w in after.data["warnings"] if "files[" in w] == [
        "UA.GI.T24 files[1].file (additional_materials, «note.pdf»), pages 2-3: shows no page "
        "number in Arabic numerals (the second and following pages are numbered) (VR-41 W, "
        "GI rules II.2.5)"]


@SQLITE
@pytest.mark.legal("GI rules II.2.4", "GI rules II.2.5", "GI rules V.5.2")
async def test_paper_formatting_is_the_examiners_deficiency_on_ground_documents(gi: Any) -> None:
    """The system cannot read paper: the examiner records a document that breaks II.2.4-2.5
    as a formal-examination deficiency on the ground ``documents`` (V.5.2 ¶3)."""
    case = await gi.to_formal(0)
    assert "documents" not in case.data  # a paper filing without files: nothing read
    case = await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "documents", "text": "Специфікацію надруковано шрифтом Arial 10 pt на "
         "аркушах формату Letter (GI rules II.2.4)"}]})
    assert case.state == "formal_deficiencies"
    assert case.data["deficiencies"][0]["ground"] == "documents"
