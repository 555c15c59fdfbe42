"""PDF with pdfminer.six: text page by page, title and dates from the PDF's own metadata."""
from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Iterator

from pdfminer import pdftypes
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTFigure, LTTextContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSException
from pdfminer.utils import decode_text

from archive.document import PartialDate
from archive.readers import _ocr
from archive.readers.base import RawText, ReadError, check_text_layer
from archive.settings import DEFAULT_SETTINGS, ReadSettings, megabytes

# pdfminer reports recoverable damage through logging; the archive reports per file instead.
logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
# Glyphs without a Unicode mapping come out as "(cid:12)": not text anyone can search for.
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


class _InflateLimit(ReadError):
    """A stream inflated past the limit, raised inside pdfminer; ``read`` gives the user's reason."""


class _BoundedInflater:
    """zlib.decompressobj() that stops at a limit (pdfminer's fallback for damaged streams)."""

    def __init__(self, limit: int) -> None:
        self.inflater = zlib.decompressobj()
        self.limit = limit
        self.total = 0

    def decompress(self, data: bytes) -> bytes:
        inflated = self.inflater.decompress(data, self.limit + 1 - self.total)
        self.total += len(inflated)
        if self.total > self.limit:
            raise _InflateLimit(self.limit)
        return inflated


class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes, which inflates each Flate stream
    whole (zlib.decompress, no bound, no setting for one in pdfminer.six 20260107): here no stream
    inflates past ``limit`` bytes. LZW and rarer filters are left to the reader's memory cap."""

    error = zlib.error

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def decompress(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        inflated = inflater.decompress(data, self.limit + 1)
        if len(inflated) > self.limit:
            raise _InflateLimit(self.limit)
        if not inflater.eof:  # what zlib.decompress says, so that pdfminer tries its fallback
            raise zlib.error("incomplete or truncated stream")
        return inflated

    def decompressobj(self) -> _BoundedInflater:
        return _BoundedInflater(self.limit)


_INFLATE = _BoundedZlib(DEFAULT_SETTINGS.max_inflated_bytes)
pdftypes.zlib = _INFLATE


def _info_value(info: dict, key: str) -> str | None:
    value = resolve1(info.get(key))
    if isinstance(value, bytes):
        value = decode_text(value)
    if isinstance(value, str):
        value = " ".join(value.replace("\x00", "").split())
        return value or None
    return None


def _pdf_date(value: str | None) -> PartialDate | None:
    """A PDF date string ("D:20110314093000Z") as a calendar date."""
    match = _PDF_DATE.match(value or "")
    if not match:
        return None
    try:
        return PartialDate(int(match[1]), int(match[2]) if match[2] else None,
                           int(match[3]) if match[2] and match[3] else None)
    except ValueError:
        return None


def _open(data: bytes) -> PDFDocument:
    if not data.lstrip()[:1024].count(b"%PDF"):
        raise ReadError("not a PDF despite the extension")
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise ReadError("encrypted PDF, no password") from None
    except PDFEncryptionError as error:
        raise ReadError(f"encrypted PDF that cannot be opened ({error})") from None
    except (PDFSyntaxError, PSException) as error:
        raise ReadError(f"damaged PDF ({error})") from None


class _TextAggregator(PDFPageAggregator):
    """A page's layout without its drawings and images, which pdfminer's own TextConverter leaves
    out the same way when only text is wanted: text boxes are grouped from characters alone, so
    the text is the same, and reading costs ~4% less CPU (lines and curves measured on the
    benchmark's real PDFs, bench/README.md)."""

    def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
        pass

    def render_image(self, name, stream) -> None:
        pass


def _page_text(layout) -> str:
    blocks = [_UNMAPPED_GLYPH.sub("", box.get_text()).strip() for box in _text_boxes(layout)]
    return "\n\n".join(block for block in blocks if block)


def _text_boxes(container) -> Iterator[LTTextContainer]:
    """The text boxes of a page in order, those inside figures too (a diagram's labels; some
    producers put a whole page's text in one)."""
    for element in container:
        if isinstance(element, LTTextContainer):
            yield element
        elif isinstance(element, LTFigure):
            yield from _text_boxes(element)


def read(data: bytes, settings: ReadSettings = DEFAULT_SETTINGS, start: int = 0,
         stop: int | None = None) -> RawText:
    """The text of pages ``start`` to ``stop`` (all by default); ``page_count`` says how many
    the file has, so that a long PDF can be read in parts by several processes."""
    _INFLATE.limit = settings.max_inflated_bytes
    try:
        return _read(data, start, stop, settings)
    except _InflateLimit:
        limit = megabytes(settings.max_inflated_mb)
        raise ReadError(f"a compressed stream inflates to more than the limit ({limit}, --max-inflated-mb): "
                        "a decompression bomb?") from None


# How pdfminer lays a page out. boxes_flow=None: a page's text boxes in order of position (top
# to bottom, then left to right) rather than grouped by pdfminer's default analysis, which took
# ~30% of the reading time on the benchmark's real PDFs; the words of every box are the same and
# only the order between boxes can differ (in two-column papers ~2% of the pairs of words side by
# side: tests/test_realdata.py, bench/README.md). all_texts=True: text inside figures is laid
# out in lines and boxes too (a diagram's labels; extract_text runs their letters together).
LAYOUT = LAParams(boxes_flow=None, all_texts=True)


def _read(data: bytes, start: int, stop: int | None, settings: ReadSettings) -> RawText:
    document = _open(data)
    resources = PDFResourceManager()
    device = _TextAggregator(resources, laparams=LAYOUT)
    interpreter = PDFPageInterpreter(resources, device)
    pages, count = [], 0
    for number, page in enumerate(PDFPage.create_pages(document)):
        count = number + 1
        if number < start or (stop is not None and number >= stop):
            continue
        interpreter.process_page(page)
        pages.append(_page_text(device.get_result()))
    notes: list[str] = []
    if not count:
        count = _ocr.pdf_page_count(data) if _ocr.ocr_hint(settings) is None else 0
        if not count:
            raise ReadError("no pages found (damaged PDF or unusual page tree)")
        # pdfminer found no pages where pdfium does (an unusual page tree): all are read by OCR.
        pages = [""] * (min(count, stop or count) - min(start, count))
    pages = _read_by_ocr(data, pages, start, settings, notes)
    if start == 0 and len(pages) == count:
        check_text_layer(pages, settings)
    info = document.info[0] if document.info else {}
    created = _info_value(info, "CreationDate") or _info_value(info, "ModDate")
    return RawText(pages=pages, title=_info_value(info, "Title"), page_count=count,
                   fallback_date=_pdf_date(created), fallback_date_source="PDF metadata", notes=notes)


# A page with fewer letters and digits than this has no text layer worth the name: a scan, at
# most with a stamped page or Bates number. OCR reads it whole (the stamp too).
TEXT_LAYER_MIN_CHARS = 10


def _without_text(page: str) -> bool:
    return sum(char.isalnum() for char in page) < TEXT_LAYER_MIN_CHARS


def _read_by_ocr(data: bytes, pages: list[str], start: int, settings: ReadSettings,
                 notes: list[str]) -> list[str]:
    """The pages with OCR's text where OCR is to read them: those without text (``--ocr auto``) or
    all (``always``); as they were when OCR is off or not installed."""
    wanted = [start + index for index, page in enumerate(pages)
              if settings.ocr == "always" or _without_text(page)]
    if not wanted or _ocr.ocr_hint(settings) is not None:
        return pages
    pages = list(pages)
    try:
        for number, text, note in _ocr.pdf_pages(data, wanted, settings):
            if text:  # else the little the text layer holds is kept
                pages[number - start] = text
            if note:
                notes.append(note)
    except ReadError as error:  # pdfium cannot open what pdfminer could: the text layers are kept
        notes.append(f"pages without text not read by OCR: {error}")
    return pages

