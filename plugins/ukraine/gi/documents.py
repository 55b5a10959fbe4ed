"""The application's documents as uploaded files (GI rules II.2.3-2.5; digest §2.2 G4-G6,
§8.2 VR-41).

A filing (and a later document: missing materials, replies, additional materials) may
attach its documents as files uploaded first with ``uploadFile(purpose: "ua_gi_document")``
and named by kind in ``documents: [{kind, file, title}]``. Each file is read
(:func:`ipreg.core.files.read_pdf_layout`, in a worker thread):

* II.2.3 (G4): a document must allow copying, reproduction and long-term storage. A file
  that is not PDF, that is encrypted (with a password, or with permissions only: PDF/A
  forbids encryption) or does not permit copying or printing, that cannot be parsed, or that
  has no pages is refused: ``BAD_USER_INPUT`` naming ``documents[i].file`` and the rule,
  nothing changed.
* II.2.4-2.5 (G5, G6; VR-41 W): how the pages look is left to the examiner, so what breaks
  it comes back as warnings, each naming the file's path, the pages and the point: A4
  (ISO 216's ±2 mm), portrait (``/Rotate`` applied) with horizontal lines, Times New Roman
  12-14 pt black with normal character spacing and single line spacing, the second and
  following pages numbered consecutively in Arabic numerals, one side of a sheet only (no
  blank backs of a duplex scan), each document starting on a new sheet (one file per
  document). A scanned (image-only) page is checked for size and orientation only.

Documents drawn up by others (the competent authority's agreement, foreign protection
documents, a payment document) are checked for II.2.3 only: the applicant does not format
them. A map is checked for the sheet size only (its labels and its orientation are the
cartographer's). Paper documents cannot be read by the system: the examiner records what
breaks II.2 as a formal-examination deficiency with the ground ``documents`` (V.5.2 ¶3).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from ipreg.core.extension import FilePurpose
from ipreg.core.files import (
    PageRanges,
    PdfLayout,
    pdf_layout,
    purpose_problems,
    read_pdf_layout,
)
from ipreg.core.model import StoredFile
from ipreg.core.procedures import InputField, TransitionContext
from ipreg.core.services.validation import NOT_A_FILE, FieldReader, FormSpec, join_path
from ipreg.core.services.validation import FieldSpec as F

G4 = "GI rules II.2.3"
G5 = "VR-41 W, GI rules II.2.4"
G6 = "VR-41 W, GI rules II.2.5"

#: What a document is (form section 8, II.1.1-1.2, II.4.6 ¶4, III.1.3 ¶2; later documents).
KINDS = ("request", "continuation_sheets", "specification", "single_document", "agreement",
         "foreign_protection", "translation", "map", "power_of_attorney",
         "sole_producer_information", "payment_document", "reply", "additional_materials",
         "other")
#: Drawn up by someone else (the competent authority, a foreign office, a bank): II.2.3 only.
NOT_FORMATTED = frozenset({"agreement", "foreign_protection", "payment_document"})
#: Graphics: the sheet size only.
SHEET_ONLY = frozenset({"map"})

#: II.2.3: PDF only, the fixed-layout format whose pages, fonts and numbering can be read
#: (and whose archival profile is PDF/A, ISO 19005); at most 50 MB a file (the Rules set no
#: size: a 100-page greyscale scan at 300 dpi is about 30 MB).
def storage_problems(path: Any) -> list[tuple[str, str]]:
    """II.2.3 at upload (in the upload's worker thread): encrypted, copy-restricted, no
    pages or unreadable as a PDF; the pages themselves are read when the file is filed."""
    return pdf_layout(path, max_pages=0, max_seconds=10).storage_problems()


PURPOSE = FilePurpose(
    "ua_gi_document", frozenset({"application/pdf"}), 50 * 1024 * 1024,
    "PDF (PDF/A preferred), not encrypted, at most 50 MB (GI rules II.2.3: documents allow "
    "copying, reproduction and long-term storage)", G4, content_problems=storage_problems)

DOCUMENT = FormSpec("attachedDocument", "A document of the application as an uploaded file "
                    "(GI rules II.2.3-2.5): upload it first with `uploadFile(purpose: "
                    "\"ua_gi_document\")`.", (
    F("kind", description="What the document is", rule="GI rules II.1.1", required=True,
      codes=KINDS),
    F("file", "file", "The uploaded PDF: the `id` uploadFile returned (in JSON also its "
      "sha256)", G4, required=True),
    F("title", description="Its title, e.g. for `other` (point 8.8)", rule="GI rules II.3.9 ¶7"),
))

#: The optional input of a later document (GI rules IV.7): its files.
LATER_INPUT = InputField("files", "list", False, "The document's files by kind, uploaded "
                         "first with uploadFile(purpose: \"ua_gi_document\") (GI rules "
                         "II.2.3-2.5): [{kind, file, title}]", DOCUMENT)

#: Of A4 (210 x 297 mm): ISO 216's tolerance for sides of 150-600 mm.
A4 = (210.0, 297.0)
A4_TOLERANCE_MM = 2.0
#: Font sizes of II.2.4, with a rounding margin (11.95 pt is 12 pt).
SIZES = (11.9, 14.1)
#: Line spacing above this many font sizes is not single (single: ~1.0-1.25; 1.5 lines: ~1.7).
SINGLE_SPACING_MAX = 1.45
#: Times New Roman by its names (TimesNewRomanPSMT, Times New Roman,Bold...), its
#: metric-compatible substitutes that office software embeds when it is absent (Liberation
#: Serif, Tinos: the same glyph widths, so the same lines and pages) and the PDF base-14 Times.
TIMES = ("timesnewroman", "liberationserif", "tinos", "times-roman", "times-bold",
         "times-italic", "times-bolditalic")


def is_times(font: str) -> bool:
    name = font.replace(" ", "").replace(",", "-").casefold()
    return any(name.startswith(prefix) for prefix in TIMES)


def read_documents(reader: FieldReader, data: Mapping[str, Any], key: str, path: str
                   ) -> list[dict[str, Any]]:
    """``data[key]``: the attached documents ``[{kind, file, title}]`` (files by sha256)."""
    out = []
    for where, value in reader.items(data, key, path):
        found = reader.mapping(value, where, DOCUMENT)
        if found is None:
            continue
        kind = reader.code(found, "kind", where, KINDS, required=True, rule="GI rules II.1.1")
        ref = (reader.file(found["file"], join_path(where, "file"))
               if found.get("file") is not None else None)
        if found.get("file") is None:
            reader.problems.add(join_path(where, "file"), "is required", rule=G4,
                                code="required")
        title = reader.text(found, "title", where, limit=300)
        if kind and ref:
            out.append({"kind": kind, "file": ref.sha256, "title": title})
    return out


def _label(where: str, document: Mapping[str, Any]) -> str:
    name = document.get("name")
    return f"{where} ({document['kind']}{f', «{name}»' if name else ''})"


def _pages(numbers: list[int]) -> str:
    return ("page " if len(set(numbers)) == 1 else "pages ") + str(PageRanges(numbers))


def formatting_warnings(layout: PdfLayout, where: str, kind: str) -> list[str]:
    """VR-41 (GI rules II.2.4-2.5): how the pages of a readable PDF break the paper format,
    one warning a finding with the pages it is on; ``where`` names the file."""
    if kind in NOT_FORMATTED:
        return []
    found: dict[tuple[str, str], list[int]] = {}

    def note(rule: str, message: str, page: int) -> None:
        found.setdefault((rule, message), []).append(page)

    for page in layout.pages:
        short, long = sorted((page.width, page.height))
        if abs(short - A4[0]) > A4_TOLERANCE_MM or abs(long - A4[1]) > A4_TOLERANCE_MM:
            note(G5, f"is {page.width:.0f} x {page.height:.0f} mm, not A4 (210 x 297 mm, "
                 f"±{A4_TOLERANCE_MM:.0f} mm)", page.number)
        if kind in SHEET_ONLY:
            continue
        if not page.portrait:
            note(G6, "is landscape: lines run parallel to the shorter side (portrait, "
                 "/Rotate applied)", page.number)
        if page.blank:
            note(G6, "is blank: documents are on one side of a sheet only (a blank back "
                 "of a two-sided scan?)", page.number)
            continue
        if page.image_only:
            note(G5, "is a scanned image: its font, size, colour, spacing and page number "
                 "cannot be read; the examiner checks them", page.number)
            continue
        body = page.body_texts()
        angles = Counter(round(t.angle) % 360 for t in body for _ in t.text.strip())
        if angles and angles.most_common(1)[0][0] not in (0, 360) and page.portrait:
            note(G6, "its lines are not horizontal: lines run parallel to the shorter side",
                 page.number)
        for font in sorted({t.font or "(unnamed)" for t in body if not is_times(t.font)}):
            note(G5, f"has text in {font}, not Times New Roman", page.number)
        for size in sorted({t.size for t in body if len(t.text.strip()) > 1
                            and not SIZES[0] <= t.size <= SIZES[1]}):
            note(G5, f"has text in {size:g} pt, not 12-14 pt", page.number)
        if any(not t.black for t in body):
            note(G5, "has text that is not black", page.number)
        if any(abs(t.char_spacing) > 0.05 or abs(t.scaling - 100) > 0.5 for t in body):
            note(G5, "has text with widened, narrowed or scaled character spacing (normal "
                 "character spacing)", page.number)
        spacing = page.line_spacing()
        if spacing is not None and spacing > SINGLE_SPACING_MAX:
            note(G5, f"has lines {spacing:.1f} font sizes apart, not single line spacing",
                 page.number)
        if page.number >= 2:
            shown = page.page_number()
            if shown is None:
                note(G6, "shows no page number in Arabic numerals (the second and following "
                     "pages are numbered)", page.number)
            elif shown != page.number:
                note(G6, f"is numbered {shown}: pages are numbered consecutively (expected "
                     f"{page.number}; a document starts on a new sheet, in its own file)",
                     page.number)
    out = [f"{where}, {_pages(pages)}: {message} ({rule})"
           for (rule, message), pages in found.items()]
    if layout.truncated:
        out.append(f"{where}: pages after {len(layout.pages)} of {layout.page_count} were "
                   f"not checked ({G5})")
    return out


async def check_documents(ctx: TransitionContext, documents: list[dict[str, Any]],
                          path: str = "documents") -> list[str]:
    """GI rules II.2.3: every attached file is stored, a PDF of :data:`PURPOSE` that can be
    copied and kept (else ``BAD_USER_INPUT`` naming ``{path}[i].file``, nothing changed);
    returns the VR-41 warnings (II.2.4-2.5) and completes each document with the file's
    name, media type, page count and its own warnings (``warnings``, shown per document in
    GraphQL)."""
    if not documents:
        return []
    reader = FieldReader()
    rows = (await ctx.session.execute(select(StoredFile).where(
        StoredFile.sha256.in_({d["file"] for d in documents})))).scalars()
    stored = {row.sha256: row for row in rows}
    layouts: dict[str, PdfLayout] = {}
    warnings: list[str] = []
    used: dict[str, str] = {}
    for index, document in enumerate(documents):
        where = f"{path}[{index}].file"
        row = stored.get(document["file"])
        if row is None:
            reader.problems.add(where, f"no stored file {document['file'][:12]}…: upload it "
                                "first (uploadFile, purpose ua_gi_document)", rule=G4,
                                code=NOT_A_FILE)
            continue
        problems = purpose_problems(row, PURPOSE)
        for code, message in problems:
            reader.problems.add(where, message, rule=G4, code=code)
        if problems:
            continue
        if row.sha256 not in layouts:
            layouts[row.sha256] = await read_pdf_layout(
                ctx.engine.runtime.files.path_of(row.sha256))
        layout = layouts[row.sha256]
        storage = layout.storage_problems()
        for code, message in storage:
            reader.problems.add(where, f"{message} (documents allow copying, reproduction "
                                "and long-term storage)", rule=G4, code=code)
        if storage:
            continue
        document.update(name=row.original_name, mediaType=row.media_type,
                        pages=layout.page_count, pdfa=layout.pdfa)
        label = _label(where, document)
        own = formatting_warnings(layout, label, document["kind"])
        if row.sha256 in used:
            own.append(f"{label}: the same file as {used[row.sha256]}: each document "
                       f"starts on a new sheet, in its own file ({G6})")
        used.setdefault(row.sha256, where)
        document["warnings"] = own
        warnings += own
    reader.raise_if_any()
    return warnings


async def attached_documents(ctx: TransitionContext) -> None:
    """A later document's files (input ``files``, optional): checked as the filing's
    (``files[i].file``) and kept in the case's ``documents`` with the transition; their VR-41
    warnings join the case's, each after the act's code (``UA.GI.T24 files[1].file ...``)."""
    value = ctx.input.get("files")
    if not value:
        return
    reader = FieldReader()
    documents = read_documents(reader, {"files": value}, "files", "")
    reader.raise_if_any()
    warnings = await check_documents(ctx, documents, "files")
    for document in documents:
        document["warnings"] = [f"{ctx.transition.code} {w}"
                                for w in document.get("warnings") or []]
    await keep(ctx, documents, [f"{ctx.transition.code} {w}" for w in warnings])


async def keep(ctx: TransitionContext, documents: list[dict[str, Any]],
               warnings: list[str]) -> None:
    """The documents in the case's ``documents`` (with the act and the day they came) and as
    ``ua_gi_document`` rows (whose key to the stored file lets UKRNOIVI's officials download
    it), their warnings in its ``warnings``; nothing when there are none."""
    from ipreg.plugins.ukraine.gi.models import UaGiDocument

    if not documents:
        return
    stamp = {"transition": ctx.transition.code, "on": ctx.today.isoformat()}
    ctx.put(documents=[*(ctx.data.get("documents") or []),
                       *({**d, **stamp} for d in documents)])
    if warnings:
        ctx.put(warnings=[*(ctx.data.get("warnings") or []), *warnings])
    await ctx.session.flush()  # the case's row before the rows that name it
    ctx.session.add_all(UaGiDocument(
        case_id=ctx.case.id, kind=d["kind"], file_sha256=d["file"], title=d.get("title"),
        pages=d.get("pages"), transition=ctx.transition.code, received_on=ctx.today,
        at=ctx.now) for d in documents)


__all__ = ["DOCUMENT", "KINDS", "LATER_INPUT", "PURPOSE", "attached_documents",
           "check_documents", "formatting_warnings", "is_times", "keep", "read_documents"]
