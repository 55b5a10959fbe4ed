"""The core's PDF reader (:mod:`ipreg.core.pdf`, re-exported by :mod:`ipreg.core.files`):
real PDFs made with fpdf2 and pypdf are read into page size, rotation, the text drawn with
its font, size, colour and spacing, page numbers, images, and whether the file can be
copied and kept."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from pdf_samples import BROKEN_PDF, empty_pdf, encrypted_pdf, make_pdf

from ipreg.core import files
from ipreg.core.errors import BadUserInput
from ipreg.core.extension import FilePurpose
from ipreg.core.files import PdfLayout, pdf_layout, read_pdf_layout
from ipreg.core.runtime import Runtime


def layout_of(tmp_path: Path, data: bytes, **kw: object) -> PdfLayout:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return pdf_layout(path, **kw)  # type: ignore[arg-type]


def test_an_a4_document_in_times_12_pt_is_read_page_by_page(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, make_pdf(pages=3))
    assert layout.readable and layout.page_count == 3 and not layout.truncated
    assert layout.storage_problems() == []
    first, second, third = layout.pages
    assert (second.width, second.height, second.rotation) == (210.0, 297.0, 0)
    assert second.portrait and not second.image_only and not second.blank
    assert second.fonts() == {"Times-Roman"}
    body = second.body_texts()
    assert {t.size for t in body} == {12.0} and all(t.black for t in body)
    assert {t.angle for t in body} == {0.0}
    assert body[0].text.startswith("Section 2.0") and 270 < body[0].y < 280
    assert (first.page_number(), second.page_number(), third.page_number()) == (None, 2, 3)
    assert second.line_spacing() == pytest.approx(1.2, abs=0.01)
    assert len(second.lines) == 21 and second.lines[-1].text == "2"


def test_size_orientation_and_rotate_are_as_displayed(tmp_path: Path) -> None:
    letter = layout_of(tmp_path, make_pdf(format="Letter")).pages[0]
    assert (letter.width, letter.height) == (215.9, 279.4)
    landscape = layout_of(tmp_path, make_pdf(orientation="L")).pages[0]
    assert (landscape.width, landscape.height) == (297.0, 210.0) and not landscape.portrait
    rotated = layout_of(tmp_path, make_pdf(rotate=90)).pages[0]
    assert (rotated.width, rotated.height, rotated.rotation) == (297.0, 210.0, 90)
    assert {t.angle for t in rotated.texts} == {270.0}  # the lines run down the displayed page


def test_font_size_colour_and_spacing_of_the_text_drawn(tmp_path: Path) -> None:
    page = layout_of(tmp_path, make_pdf(font="Helvetica", size=10, color=(200, 0, 0),
                                        char_spacing=1.5, spacing=2.0)).pages[1]
    body = page.body_texts()
    assert page.fonts() == {"Helvetica"} and page.page_number() == 2
    assert {t.font for t in body} == {"Helvetica"} and {t.size for t in body} == {10.0}
    assert all(t.color == pytest.approx((200 / 255, 0.0, 0.0), abs=0.01) for t in body)
    assert not any(t.black for t in body)
    assert all(t.char_spacing == pytest.approx(1.5) for t in body)
    assert page.line_spacing() == pytest.approx(2.0, abs=0.01)


def test_page_numbers_are_arabic_numerals_at_the_top_or_bottom(tmp_path: Path) -> None:
    restart = layout_of(tmp_path, make_pdf(pages=4, numbers="restart"))
    assert [p.page_number() for p in restart.pages] == [1, 2, 2, 3]
    none = layout_of(tmp_path, make_pdf(numbers="none"))
    assert [p.page_number() for p in none.pages] == [None, None, None]


def test_scanned_and_blank_pages(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, make_pdf(pages=3, scanned=(2,), blank=(3,)))
    text, scan, blank = layout.pages
    assert not text.image_only and scan.image_only and not scan.blank
    assert blank.blank and blank.images == 1 and (scan.width, scan.height) == (210.0, 297.0)


@pytest.mark.parametrize(("data", "code", "opens"), [
    (encrypted_pdf("secret"), files.FILE_ENCRYPTED, False),
    (encrypted_pdf(""), files.FILE_ENCRYPTED, True),
    (encrypted_pdf("", allow_copy=False), files.FILE_COPY_RESTRICTED, True),
    (empty_pdf(), files.FILE_NO_PAGES, True),
    (BROKEN_PDF, files.FILE_UNREADABLE, True),
], ids=["password", "encrypted with permissions", "copying not permitted", "no pages",
        "broken"])
def test_a_file_that_cannot_be_copied_or_kept_says_why(tmp_path: Path, data: bytes, code: str,
                                                       opens: bool) -> None:
    layout = layout_of(tmp_path, data)
    assert [c for c, _ in layout.storage_problems()] == [code]
    assert layout.opens is opens


def test_hostile_files_are_bounded_by_pages_and_time(tmp_path: Path) -> None:
    capped = layout_of(tmp_path, make_pdf(pages=5), max_pages=2)
    assert capped.truncated and capped.page_count == 5 and len(capped.pages) == 2
    slow = layout_of(tmp_path, make_pdf(pages=5), max_seconds=0)
    assert slow.problem == "the file takes too long to read"
    assert [c for c, _ in slow.storage_problems()] == [files.FILE_UNREADABLE]
    assert layout_of(tmp_path, b"not a pdf at all").problem is not None


def test_reading_runs_in_a_worker_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    """The choice of a worker thread (a 20-page text PDF takes 0.12-0.33 s to read on this
    2-core machine, measured when the reader was written; a benchmark, not asserted here):
    the parsing runs in another thread than the event loop's, which keeps serving."""
    import threading

    import ipreg.core.pdf

    path = tmp_path / "twenty.pdf"
    path.write_bytes(make_pdf(pages=20, lines=40))
    parsed_in: list[int] = []
    original = ipreg.core.pdf.pdf_layout

    def recording(*args: object, **kwargs: object) -> PdfLayout:
        parsed_in.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(ipreg.core.pdf, "pdf_layout", recording)
    ticks = 0

    async def ticker(done: asyncio.Event) -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0.001)

    async def read() -> tuple[PdfLayout, int]:
        done = asyncio.Event()
        task = asyncio.create_task(ticker(done))
        try:
            return await read_pdf_layout(path), threading.get_ident()
        finally:
            done.set()
            await task

    layout, loop_thread = asyncio.run(read())
    assert layout.page_count == 20 and layout.problem is None
    assert [p.page_number() for p in layout.pages][1:] == list(range(2, 21))
    assert len(parsed_in) == 1 and parsed_in[0] != loop_thread
    assert ticks >= 1  # the loop ran the ticker while the file was being read


async def test_a_purpose_checks_the_content_before_the_file_is_stored(
        runtime: Runtime, tmp_path: Path) -> None:
    """``FilePurpose.content_problems`` runs on the received bytes (here the PDF reader's
    storage problems): an encrypted PDF is refused with its code and nothing stays on disk;
    a readable one is stored."""
    purpose = FilePurpose("test_pdf", frozenset({"application/pdf"}), 10 * 1024 * 1024,
                          "a PDF that can be copied (test)", "test point",
                          content_problems=lambda path: pdf_layout(path).storage_problems())
    store = files.FileStore(tmp_path / "store", max_bytes=10 * 1024 * 1024)
    async with runtime.sessionmaker() as session:
        with pytest.raises(BadUserInput) as error:
            await store.put_stream(session, io.BytesIO(encrypted_pdf("secret")),
                                   purpose=purpose, path="upload")
        assert [(p["path"], p["code"], p["rule"]) for p in error.value.details["problems"]] \
            == [("upload", files.FILE_ENCRYPTED, "test point")]
        assert [p for p in (tmp_path / "store").rglob("*") if p.is_file()] == []
        row = await store.put_stream(session, io.BytesIO(make_pdf()), purpose=purpose)
        assert store.path_of(row.sha256).is_file()
