"""Real PDFs made for the tests with fpdf2 (and pypdf for what fpdf2 does not write):
a document laid out as told, page by page."""

from __future__ import annotations

import io
from dataclasses import dataclass

from fpdf import FPDF
from PIL import Image


@dataclass
class Layout:
    """How :func:`make_pdf` lays a document out (the GI paper format by default: A4
    portrait, Times 12 pt black, single spacing, pages numbered from the second)."""

    pages: int = 3
    format: str | tuple[float, float] = "A4"
    orientation: str = "P"
    font: str = "Times"
    size: float = 12
    color: tuple[int, int, int] = (0, 0, 0)
    #: Line height in font sizes (fpdf2 cells): 1.2 is single spacing. Character spacing
    #: (fpdf2 `set_char_spacing`) in points.
    spacing: float = 1.2
    char_spacing: float = 0
    #: "from_2": the second and following pages; "all"; "none"; "restart": 1, 2, 2, 3...
    numbers: str = "from_2"
    lines: int = 20
    #: Pages (1-based) that are scanned images instead of text; "blank" ones are white.
    scanned: tuple[int, ...] = ()
    blank: tuple[int, ...] = ()
    #: /Rotate of every page (pypdf).
    rotate: int = 0


def _image(blank: bool) -> bytes:
    picture = Image.new("L", (620, 877), 255)
    if not blank:
        for y in range(80, 800, 24):
            for x in range(60, 560):
                picture.putpixel((x, y), 0)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def make_pdf(layout: Layout | None = None, **changes: object) -> bytes:
    """The bytes of a PDF laid out as ``layout`` with ``changes``."""
    lay = layout or Layout()
    for key, value in changes.items():
        setattr(lay, key, value)
    pdf = FPDF(orientation=lay.orientation, unit="mm", format=lay.format)
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 20, 10)
    for number in range(1, lay.pages + 1):
        pdf.add_page()
        if number in lay.scanned or number in lay.blank:
            pdf.image(io.BytesIO(_image(number in lay.blank)), x=0, y=0, w=pdf.w, h=pdf.h)
            continue
        pdf.set_font(lay.font, size=lay.size)
        pdf.set_text_color(*lay.color)
        if lay.char_spacing:
            pdf.set_char_spacing(lay.char_spacing)
        height = lay.size * lay.spacing * 25.4 / 72
        pdf.set_y(20)
        for line in range(lay.lines):
            pdf.cell(0, height, f"Section {number}.{line}: the product is made in the area "
                     "by the traditional method", new_x="LMARGIN", new_y="NEXT")
        shown = {"from_2": number if number >= 2 else None, "all": number, "none": None,
                 "restart": number if number < 3 else number - 1}[lay.numbers]
        if shown is not None:
            pdf.set_char_spacing(0)
            pdf.set_text_color(0, 0, 0)
            pdf.set_y(pdf.h - 12)
            pdf.cell(0, 5, str(shown), align="C")
    data = bytes(pdf.output())
    if lay.rotate:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page).rotate(lay.rotate)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data


def encrypted_pdf(user_password: str = "secret", *, allow_copy: bool = True) -> bytes:
    """A PDF encrypted with pypdf: opened only with ``user_password``, or (empty user
    password) opened by anyone with copying allowed or not."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import UserAccessPermissions as Allowed

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf())).pages:
        writer.add_page(page)
    allowed = Allowed.PRINT | Allowed.PRINT_TO_REPRESENTATION
    if allow_copy:
        allowed |= Allowed.EXTRACT | Allowed.EXTRACT_TEXT_AND_GRAPHICS
    writer.encrypt(user_password, "owner-password", permissions_flag=allowed,
                   algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def empty_pdf() -> bytes:
    """A well-formed PDF without a page."""
    from pypdf import PdfWriter

    out = io.BytesIO()
    PdfWriter().write(out)
    return out.getvalue()


#: Starts like a PDF, then is not one.
BROKEN_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + b"\x00garbage" * 64
