"""What a PDF's pages look like: size, rotation, the text drawn (font, size, colour,
character spacing, position), images, encryption and permissions.

:func:`pdf_layout` reads a stored PDF (blocking: run it with :func:`read_pdf_layout`,
which uses a worker thread) into typed facts per page for a register's formatting rules
(the GI register's II.2.3-2.5: A4, portrait, Times New Roman 12-14 pt black, numbered
pages). It reads with pypdf's text extraction, whose visitors give each run of text with
its font, font size and matrices; the fill colour, text render mode and character spacing
are tracked from the content stream's operators as they are interpreted.

Hostile or broken files never raise: a file pypdf cannot parse, or whose reading fails
anywhere, comes back with :attr:`PdfLayout.problem` set. At most ``max_pages`` pages are
read (:attr:`PdfLayout.truncated` says when there were more) and reading stops after
``max_seconds`` (checked between pages and every few hundred operators; pypdf's own limits
bound decompression).

Cost, measured on this 2-core machine with ``bench/pdf/run.py`` (pypdf 7.1, A4 text PDFs of
40 lines a page made with fpdf2): about 4 ms a page, 0.07-0.15 s for 20 pages, 0.4 s for
100. Hence a worker thread, never the event loop. Measured too: the thread does not free
the loop entirely. pypdf holds the GIL in stretches, so while a 20-page file is read a 1 ms
ticker on the loop is delayed by up to 60-95 ms (on the loop itself: the whole read, about
90 ms); a pure-Python loop in a thread delays it by at most 6 ms. Uploads of documents are
rare next to reads, so the thread is kept; a process pool is the remedy if they are not.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Millimetres in a PDF point (1/72 inch).
MM_PER_PT = 25.4 / 72
#: Pages read at most, and seconds spent at most, by default.
MAX_PAGES = 500
MAX_SECONDS = 30.0

_SUBSET = re.compile(r"^[A-Z]{6}\+")
#: A running page number: Arabic digits alone, between dashes, or after "стор."/"с."/
#: "page"/"p." (``2``, ``- 2 -``, ``стор. 2``).
_PAGE_NUMBER = re.compile(r"^(?:(?:сторінка|стор\.?|с\.|page|p\.)\s*)?[-–—]?\s*(\d{1,4})"
                          r"\s*[-–—]?$", re.IGNORECASE)

#: Problem codes of a PDF that cannot be copied or kept (:meth:`PdfLayout.storage_problems`).
FILE_ENCRYPTED = "file_encrypted"
FILE_COPY_RESTRICTED = "file_copy_restricted"
FILE_NO_PAGES = "file_no_pages"
FILE_UNREADABLE = "file_unreadable"


@dataclass(frozen=True)
class PdfText:
    """A run of text drawn on a page (visible: render mode 3, e.g. a scan's OCR layer, is
    left out)."""

    text: str
    #: The font's ``/BaseFont`` without a subset prefix (``ABCDEF+``), e.g.
    #: ``TimesNewRomanPSMT``; ``""`` if the font names none.
    font: str
    #: The size the text is drawn at, in points (the font size scaled by the text and
    #: current transformation matrices, vertical extent).
    size: float
    #: The fill colour as RGB in 0..1 (grey and CMYK converted); None if it is a pattern
    #: or a colour space this reader does not know.
    color: tuple[float, float, float] | None
    #: Position of the run's start on the page as drawn (unrotated user space), in mm
    #: from the lower left corner of the media box.
    x: float
    y: float
    #: Direction of the text in degrees, counter-clockwise, relative to the page as
    #: displayed (its ``/Rotate`` applied): 0 is horizontal, left to right.
    angle: float
    #: Character spacing (``Tc``, points) and horizontal scaling (``Tz``, percent) in force.
    char_spacing: float = 0.0
    scaling: float = 100.0

    @property
    def black(self) -> bool:
        """Black (or nearly: no channel above 0.15); False for unknown colours."""
        return self.color is not None and max(self.color) <= 0.15


@dataclass(frozen=True)
class PdfLine:
    """Text runs sharing a baseline, left to right."""

    text: str
    #: Baseline height from the bottom of the media box, in mm.
    y: float
    #: The largest size of its runs, in points.
    size: float
    #: Index of its runs in :attr:`PdfPage.texts`.
    runs: tuple[int, ...]


@dataclass(frozen=True)
class PdfPage:
    """One page: its size as displayed, rotation, text and images."""

    #: 1-based position in the file.
    number: int
    #: Width and height as displayed (``/Rotate`` applied), in mm (the crop box, which
    #: defaults to the media box).
    width: float
    height: float
    #: ``/Rotate``: 0, 90, 180 or 270.
    rotation: int
    texts: tuple[PdfText, ...] = ()
    lines: tuple[PdfLine, ...] = ()
    #: Images drawn (image XObjects and inline images).
    images: int = 0
    #: Images that look blank (nearly all pixels light), of those it could decode.
    blank_images: int = 0

    @property
    def portrait(self) -> bool:
        return self.height >= self.width

    @property
    def has_text(self) -> bool:
        return any(t.text.strip() for t in self.texts)

    @property
    def image_only(self) -> bool:
        """A scanned page: images and no visible text."""
        return self.images > 0 and not self.has_text

    @property
    def blank(self) -> bool:
        """Nothing on it but blank images (a blank back of a scanned sheet) or nothing."""
        return not self.has_text and self.images == self.blank_images

    def fonts(self) -> set[str]:
        return {t.font for t in self.texts if t.text.strip()}

    def top_and_bottom(self) -> list[PdfLine]:
        """The top-most and bottom-most lines (where running page numbers are)."""
        if not self.lines:
            return []
        return [self.lines[0]] if len(self.lines) == 1 else [self.lines[0], self.lines[-1]]

    def page_number_line(self) -> PdfLine | None:
        """The top-most or bottom-most line if it is a running page number in Arabic
        numerals (``2``, ``- 2 -``, ``стор. 2``), the bottom one first."""
        for line in reversed(self.top_and_bottom()):
            if _PAGE_NUMBER.match(line.text.strip()):
                return line
        return None

    def page_number(self) -> int | None:
        """The number :meth:`page_number_line` shows, if any."""
        line = self.page_number_line()
        found = _PAGE_NUMBER.match(line.text.strip()) if line else None
        return int(found.group(1)) if found else None

    def body_texts(self) -> list[PdfText]:
        """The visible text runs but the running page number's."""
        line = self.page_number_line()
        skip = set(line.runs) if line is not None else set()
        return [t for i, t in enumerate(self.texts) if i not in skip and t.text.strip()]

    def line_spacing(self) -> float | None:
        """The median distance between consecutive baselines of lines of one size, in units
        of that size (single spacing is about 1.0-1.25, one and a half about 1.7, double
        about 2.3); gaps over three sizes (between paragraphs, to a footer) are left out,
        and a page with fewer than three such gaps has no measure (None)."""
        ratios = []
        for upper, lower in zip(self.lines, self.lines[1:], strict=False):
            if abs(upper.size - lower.size) > 0.5 or upper.size <= 0:
                continue
            ratio = (upper.y - lower.y) / (upper.size * MM_PER_PT)
            if 0 < ratio <= 3:
                ratios.append(ratio)
        if len(ratios) < 3:
            return None
        ratios.sort()
        return ratios[len(ratios) // 2]


@dataclass(frozen=True)
class PdfLayout:
    """What :func:`pdf_layout` read of a file."""

    pages: tuple[PdfPage, ...] = ()
    #: Pages in the file (``len(pages)`` unless :attr:`truncated`).
    page_count: int = 0
    encrypted: bool = False
    #: Opened without a password (an owner password only, or not encrypted).
    opens: bool = True
    #: The permissions the file grants (all, if not encrypted): copying text and
    #: graphics, printing (PDF permission bits 5 and 3).
    may_copy: bool = True
    may_print: bool = True
    #: The PDF/A part and conformance its XMP metadata claims (``"1B"``, ``"2A"``), if any.
    pdfa: str | None = None
    #: Why the file could not be read, if it could not (then the rest is partial).
    problem: str | None = None
    truncated: bool = False
    #: Seconds the reading took.
    seconds: float = 0.0

    @property
    def readable(self) -> bool:
        return self.problem is None and self.opens

    def storage_problems(self) -> list[tuple[str, str]]:
        """``(code, message)`` of each reason the file cannot be copied, reproduced or
        kept for the long term: unreadable (``file_unreadable``), encrypted
        (``file_encrypted``: a password to open it, or any encryption, which archival
        PDF/A forbids and which ties the file to its security handler), copying or
        printing not permitted (``file_copy_restricted``), no pages (``file_no_pages``)."""
        if self.encrypted and not self.opens:
            return [(FILE_ENCRYPTED, "is encrypted with a password: it cannot be opened, "
                     "copied or kept")]
        if self.problem is not None:
            return [(FILE_UNREADABLE, self.problem)]
        out = []
        if self.encrypted:
            if not (self.may_copy and self.may_print):
                denied = [what for what, ok in (("copying", self.may_copy),
                                                ("printing", self.may_print)) if not ok]
                out.append((FILE_COPY_RESTRICTED, f"is encrypted and does not permit "
                            f"{' or '.join(denied)}"))
            else:
                out.append((FILE_ENCRYPTED, "is encrypted (with permissions only): an "
                            "encrypted file is not kept for the long term (PDF/A, ISO 19005, "
                            "forbids encryption)"))
        if not self.page_count:
            out.append((FILE_NO_PAGES, "has no pages"))
        return out


class _Budget:
    def __init__(self, max_seconds: float) -> None:
        self.deadline = time.monotonic() + max_seconds
        self.operators = 0

    def tick(self) -> None:
        self.operators += 1
        if self.operators % 256 == 0 and time.monotonic() > self.deadline:
            raise TimeoutError("the file takes too long to read")


def _multiply(m: list[float], n: list[float]) -> list[float]:
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]


def _rgb(args: list[Any]) -> tuple[float, float, float] | None:
    try:
        values = [float(a) for a in args]
    except (TypeError, ValueError):
        return None
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return values[0], values[1], values[2]
    if len(values) == 4:
        c, m, y, k = values
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    return None


class _State:
    """The graphics state pypdf's visitors do not report: fill colour, render mode,
    character spacing and scaling, saved and restored with q/Q."""

    def __init__(self) -> None:
        self.color: tuple[float, float, float] | None = (0.0, 0.0, 0.0)
        self.render = 0
        self.spacing = 0.0
        self.scaling = 100.0
        self.stack: list[tuple[Any, ...]] = []
        #: (colour, render mode, spacing, scaling) of each show operator since the last
        #: text pypdf handed over.
        self.pending: list[tuple[Any, ...]] = []
        self.images = 0

    def operator(self, op: bytes, args: list[Any]) -> None:
        if op == b"q":
            self.stack.append((self.color, self.render, self.spacing, self.scaling))
        elif op == b"Q":
            if self.stack:
                self.color, self.render, self.spacing, self.scaling = self.stack.pop()
        elif op in (b"g", b"rg", b"k", b"sc", b"scn"):
            self.color = _rgb(args)
        elif op == b"cs":
            self.color = (0.0, 0.0, 0.0)  # a new colour space starts at its initial black
        elif op == b"Tr" and args:
            self.render = int(args[0])
        elif op == b"Tc" and args:
            self.spacing = float(args[0])
        elif op == b"Tz" and args:
            self.scaling = float(args[0])
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            self.pending.append((self.color, self.render, self.spacing, self.scaling))
        elif op == b"BI":
            self.images += 1

    def take(self) -> tuple[Any, ...]:
        """The state of the show operators behind a run: the least black colour, visible
        if any was, the largest spacing; the current state if none is pending."""
        pending, self.pending = self.pending, []
        if not pending:
            return self.color, self.render, self.spacing, self.scaling
        colors = [p[0] for p in pending]
        color = None if any(c is None for c in colors) else max(colors, key=max)
        render = min(p[1] for p in pending)
        spacing = max((p[2] for p in pending), key=abs)
        scaling = max((p[3] for p in pending), key=lambda s: abs(s - 100))
        return color, render, spacing, scaling


def _lines(texts: list[PdfText]) -> tuple[PdfLine, ...]:
    """Runs grouped by baseline (within a third of their size), top to bottom."""
    order = sorted(range(len(texts)), key=lambda i: (-texts[i].y, texts[i].x))
    groups: list[list[int]] = []
    for i in order:
        run = texts[i]
        if not run.text.strip():
            continue
        last = groups[-1] if groups else None
        if last is not None and abs(texts[last[0]].y - run.y) <= max(
                run.size, texts[last[0]].size) * MM_PER_PT / 3:
            last.append(i)
        else:
            groups.append([i])
    lines = []
    for group in groups:
        group.sort(key=lambda i: texts[i].x)
        text = " ".join(texts[i].text.strip() for i in group)
        lines.append(PdfLine(re.sub(r"\s+", " ", text), texts[group[0]].y,
                             max(texts[i].size for i in group), tuple(group)))
    return tuple(lines)


def _blank_image(image: Any) -> bool:
    """Nearly all light pixels: at most 0.1 % darker than mid-grey (specks and scanner
    noise; a page of text has some per cent), counted at full resolution (a thumbnail would
    grey out thin strokes)."""
    picture = image.image
    if picture is None:
        return False
    histogram = picture.convert("L").histogram()
    return sum(histogram[:128]) <= 0.001 * sum(histogram)


def _page(page: Any, number: int, budget: _Budget) -> PdfPage:
    box = page.cropbox
    rotation = int(page.rotation or 0) % 360
    width, height = float(box.width) * MM_PER_PT, float(box.height) * MM_PER_PT
    if rotation in (90, 270):
        width, height = height, width
    state = _State()
    texts: list[PdfText] = []

    def before(op: bytes, args: list[Any], cm: Any, tm: Any) -> None:
        budget.tick()
        state.operator(op, args)

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text.strip():
            return
        color, render, spacing, scaling = state.take()
        if render in (3, 7):
            return
        matrix = _multiply([float(v) for v in tm], [float(v) for v in cm])
        drawn = float(size or 0) * math.hypot(matrix[2], matrix[3])
        name = ""
        if font is not None and hasattr(font, "get"):
            name = _SUBSET.sub("", str(font.get("/BaseFont", "")).lstrip("/"))
        angle = (math.degrees(math.atan2(matrix[1], matrix[0])) - rotation) % 360
        texts.append(PdfText(text, name, round(drawn, 2), color, matrix[4] * MM_PER_PT,
                             matrix[5] * MM_PER_PT, round(angle, 1), spacing, scaling))

    page.extract_text(visitor_operand_before=before, visitor_text=visit)
    blank = 0
    try:
        listed = page.images
        images = len(listed)
    except Exception:  # images pypdf cannot list: one unreadable image
        listed, images = [], 1
    if not any(t.text.strip() for t in texts):
        # Only a page without text may be a blank back of a scanned sheet: decode its
        # images (a thumbnail each) to see whether anything is on them.
        for index in range(images if listed else 0):
            budget.tick()
            with contextlib.suppress(Exception):  # undecodable image: not judged blank
                blank += _blank_image(listed[index])
    images = max(images, state.images)
    return PdfPage(number, round(width, 1), round(height, 1), rotation, tuple(texts),
                   _lines(texts), images, blank)


def _pdfa(reader: Any) -> str | None:
    try:
        meta = reader.xmp_metadata
    except Exception:
        return None
    if meta is None:
        return None
    try:
        raw = meta.stream.get_data().decode("utf-8", "replace")
    except Exception:
        return None
    part = re.search(r"pdfaid:part(?:=\"|>)(\d)", raw)
    conformance = re.search(r"pdfaid:conformance(?:=\"|>)([A-Za-z])", raw)
    if not part:
        return None
    return part.group(1) + (conformance.group(1).upper() if conformance else "")


def pdf_layout(path: Path | str, *, max_pages: int = MAX_PAGES,
               max_seconds: float = MAX_SECONDS) -> PdfLayout:
    """Read the PDF at ``path`` (blocking: see :func:`read_pdf_layout`); never raises for
    a bad file: :attr:`PdfLayout.problem` says why it could not be read."""
    from pypdf import PdfReader
    from pypdf.constants import UserAccessPermissions as Allowed

    started = time.monotonic()
    budget = _Budget(max_seconds)
    facts: dict[str, Any] = {}
    pages: list[PdfPage] = []
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            facts["encrypted"] = True
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # an unknown or unsupported security handler
                opened = False
            facts["opens"] = opened
            if not opened:
                return PdfLayout(encrypted=True, opens=False, may_copy=False, may_print=False,
                                 seconds=time.monotonic() - started)
            allowed = reader.user_access_permissions or Allowed(0)
            facts["may_copy"] = bool(allowed & Allowed.EXTRACT)
            facts["may_print"] = bool(allowed & Allowed.PRINT)
        count = len(reader.pages)
        facts["page_count"] = count
        facts["pdfa"] = _pdfa(reader)
        for index in range(min(count, max_pages)):
            if time.monotonic() > budget.deadline:
                raise TimeoutError("the file takes too long to read")
            pages.append(_page(reader.pages[index], index + 1, budget))
        facts["truncated"] = count > max_pages
    except TimeoutError as exc:
        facts["problem"] = str(exc)
    except RecursionError:
        facts["problem"] = "the file nests its objects too deeply"
    except Exception as exc:  # any broken or hostile file: unreadable, with pypdf's reason
        facts["problem"] = f"cannot be read as a PDF ({type(exc).__name__}: {str(exc)[:200]})"
    return PdfLayout(pages=tuple(pages), seconds=round(time.monotonic() - started, 3),
                     **facts)


async def read_pdf_layout(path: Path | str, *, max_pages: int = MAX_PAGES,
                          max_seconds: float = MAX_SECONDS) -> PdfLayout:
    """:func:`pdf_layout` in a worker thread (parsing is CPU and I/O bound: about 7 ms a
    text page, so never on the event loop)."""
    return await asyncio.to_thread(pdf_layout, path, max_pages=max_pages,
                                   max_seconds=max_seconds)


@dataclass
class PageRanges:
    """Page numbers written compactly: ``1, 3-5``."""

    numbers: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        out: list[str] = []
        for n in sorted(set(self.numbers)):
            if out and out[-1].split("-")[-1] == str(n - 1):
                out[-1] = f"{out[-1].split('-')[0]}-{n}"
            else:
                out.append(str(n))
        return ", ".join(out)


__all__ = ["FILE_COPY_RESTRICTED", "FILE_ENCRYPTED", "FILE_NO_PAGES", "FILE_UNREADABLE",
           "MAX_PAGES", "MAX_SECONDS", "MM_PER_PT", "PageRanges", "PdfLayout", "PdfLine",
           "PdfPage", "PdfText", "pdf_layout", "read_pdf_layout"]
