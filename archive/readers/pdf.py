"""PDF with pdfminer.six: text page by page, title and dates from the PDF's own metadata."""
from __future__ import annotations

import io
import logging
import re

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTTextContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSException
from pdfminer.utils import decode_text

from archive.document import PartialDate
from archive.readers.base import RawText, ReadError, check_text_layer

# pdfminer reports recoverable damage through logging; the archive reports per file instead.
logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
# Glyphs without a Unicode mapping come out as "(cid:12)": not text anyone can search for.
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


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


def _page_text(layout) -> str:
    blocks = [_UNMAPPED_GLYPH.sub("", element.get_text()).strip()
              for element in layout if isinstance(element, LTTextContainer)]
    return "\n\n".join(block for block in blocks if block)


def read(data: bytes, start: int = 0, stop: int | None = None) -> RawText:
    """The text of pages ``start`` to ``stop`` (all by default); ``page_count`` says how many
    the file has, so that a long PDF can be read in parts by several processes."""
    document = _open(data)
    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    pages, count = [], 0
    for number, page in enumerate(PDFPage.create_pages(document)):
        count = number + 1
        if number < start or (stop is not None and number >= stop):
            continue
        interpreter.process_page(page)
        pages.append(_page_text(device.get_result()))
    if not count:
        raise ReadError("no pages found (damaged PDF or unusual page tree)")
    if start == 0 and len(pages) == count:
        check_text_layer(pages)
    info = document.info[0] if document.info else {}
    created = _info_value(info, "CreationDate") or _info_value(info, "ModDate")
    return RawText(pages=pages, title=_info_value(info, "Title"), page_count=count,
                   fallback_date=_pdf_date(created), fallback_date_source="PDF metadata")

