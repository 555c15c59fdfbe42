"""Text from pictures of pages, by Tesseract: for the image reader and for PDF pages without text.

The engine is an optional extra (`pip install 'paper-archive[ocr]'`: pytesseract, which drives
the `tesseract` program, pypdfium2, which renders PDF pages, and Pillow), found at run time:
without it, or without the program, ``ocr_missing`` says what to install, and a scan is skipped
with that hint rather than failed.
"""
from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Iterator

from archive.readers.base import NothingToRead, ReadError
from archive.settings import ReadSettings

INSTALL_EXTRA = "pip install 'paper-archive[ocr]'"
INSTALL_TESSERACT = "apt-get install tesseract-ocr tesseract-ocr-eng"
# PDF pages are drawn at 72 points to the inch.
POINTS_PER_INCH = 72
# Each reader process runs one tesseract at a time and the readers already fill the cores:
# tesseract's own threads (OpenMP) would only fight them (and are slower so, by its authors' advice).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@functools.cache
def ocr_missing() -> str | None:
    """What must be installed before OCR can run, or None when it can (asked once per process)."""
    for module in ("pytesseract", "pypdfium2", "PIL"):
        try:
            importlib.import_module(module)
        except ImportError:
            return f"OCR is not installed: {INSTALL_EXTRA} (and {INSTALL_TESSERACT})"
    import pytesseract

    try:
        pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError):
        return f"the tesseract program is not installed: {INSTALL_TESSERACT}"
    return None


@functools.cache
def installed_languages() -> frozenset[str]:
    import pytesseract

    return frozenset(pytesseract.get_languages(config=""))


def missing_languages(settings: ReadSettings) -> list[str]:
    """The languages of ``--ocr-lang`` tesseract lacks (none when OCR is off or not installed)."""
    if settings.ocr == "never" or ocr_missing():
        return []
    return [lang for lang in settings.ocr_lang.split("+") if lang not in installed_languages()]


def ocr_hint(settings: ReadSettings) -> str | None:
    """Why a page without text was not read by OCR, or None when it was."""
    if settings.ocr == "never":
        return "OCR is off (--ocr never); --ocr auto reads scans"
    return ocr_missing()


def no_text(settings: ReadSettings) -> ReadError:
    """The error for a file none of whose pages holds text: skipped with the hint when OCR did not
    run; failed when it ran and found nothing (a blank page, a picture, another language)."""
    hint = ocr_hint(settings)
    if hint:
        return NothingToRead(f"no text layer (scanned image?): {hint}")
    return ReadError(f"no text layer, and OCR found no text in it (a blank page or a picture? "
                     f"a scan in another language than {settings.ocr_lang!r}: --ocr-lang)")


def image_text(image, settings: ReadSettings, page_number: int) -> tuple[str, str | None]:
    """The text of one page's picture, and a note when the page had to be left out."""
    import pytesseract

    try:
        text = pytesseract.image_to_string(_for_tesseract(image), lang=settings.ocr_lang,
                                           timeout=settings.ocr_timeout)
    except RuntimeError as error:  # pytesseract's timeout, after it killed tesseract
        if "timeout" not in str(error).lower():
            raise
        return "", (f"page {page_number} not read: OCR took longer than {settings.ocr_timeout:g} s "
                    "(--ocr-timeout)")
    except pytesseract.TesseractError as error:
        return "", f"page {page_number} not read: tesseract failed ({_one_line(error.message)})"
    return _tidy(text), None


def _for_tesseract(image):
    """Grey levels: what tesseract reads best, and the smallest file to hand it."""
    if image.mode in ("1", "L"):
        return image
    if image.mode in ("RGBA", "LA", "P", "PA"):  # transparent parts are paper, not black
        from PIL import Image

        background = Image.new("RGBA", image.size, "white")
        background.alpha_composite(image.convert("RGBA"))
        image = background
    return image.convert("L")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:200] or "no message"


def _tidy(text: str) -> str:
    """Tesseract's text with its paragraphs kept, lines trimmed, and its closing form feed gone."""
    lines = [line.strip() for line in text.replace("\f", "").splitlines()]
    return "\n".join(lines).strip()


def pdf_pages(data: bytes, numbers: list[int], settings: ReadSettings) -> Iterator[tuple[int, str, str | None]]:
    """The OCR text of the PDF pages ``numbers`` (0-based): (number, text, note) for each."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise ReadError(f"PDF pages cannot be drawn for OCR ({error})") from None
    try:
        for number in numbers:
            image, note = _render(document, number, settings)
            if image is None:
                yield number, "", note
                continue
            text, ocr_note = image_text(image, settings, number + 1)
            yield number, text, ocr_note or note
    finally:
        document.close()


def pdf_page_count(data: bytes) -> int:
    """Pages pdfium finds, where pdfminer found none (an unusual page tree)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def _render(document, number: int, settings: ReadSettings):
    """A page drawn in grey at ``--ocr-dpi``, or at less where that would pass ``--max-image-mp``
    (a poster-sized page); None and a note when pdfium cannot draw it."""
    import pypdfium2

    try:
        page = document[number]
        width, height = page.get_size()
        scale = settings.ocr_dpi / POINTS_PER_INCH
        pixels = width * height * scale * scale
        if pixels > settings.max_image_pixels:
            scale *= (settings.max_image_pixels / pixels) ** 0.5
        return page.render(scale=scale, grayscale=True).to_pil(), None
    except pypdfium2.PdfiumError as error:
        return None, f"page {number + 1} not read: it cannot be drawn for OCR ({_one_line(error)})"
