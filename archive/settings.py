"""How documents are read: the choices a user can make, in one place, and the limits that keep
one hostile file (a decompression bomb, a page nested 100,000 tags deep) from exhausting the
machine. Each limit's reason text says what was left out, so the user can raise it and index again."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields

DATE_ORDERS = ("day-first", "month-first")
# When pages are read by OCR: those without a text layer, every page (a text layer of garbage), none.
OCR_MODES = ("auto", "always", "never")
# Tesseract's language codes ("eng", "chi_sim"), several joined by "+".
_OCR_LANGUAGES = re.compile(r"[A-Za-z_]{2,20}(?:\+[A-Za-z_]{2,20})*")
MB = 1024 * 1024


@dataclass(frozen=True)
class ReadSettings:
    # 03/04/2011 is 3 April day-first (British, European), 4 March month-first (American).
    # Either way 28/03/2011 and 03/28/2011 are 28 March: a number over 12 is never a month.
    date_order: str = "day-first"
    # Larger files are skipped without being opened. Far above any letter, report or scanned book;
    # beyond it a file is likelier a video or a disk image with the wrong name.
    max_file_mb: float = 200
    # Text kept per document (in millions of characters): the rest is cut, and the cut reported.
    # 20 MB of text is some 10,000 pages; more is usually a data dump, and slow to show or search.
    max_text_mb: float = 20
    # Tags nested deeper are ignored and their text kept. Browsers stop nesting at 512 too;
    # deeper, HTML is a bomb and tree work grows with the square of the depth.
    max_html_depth: int = 512
    # A PDF stream (or an e-mail attachment) that inflates beyond this is not unpacked: a few KB
    # can inflate to gigabytes. Pages of text are far smaller; scanned images are not inflated.
    max_inflated_mb: float = 100
    # Attachments (decoded) larger than this are left unread, and the message says so.
    max_attachment_mb: float = 50
    # Messages attached to messages: deeper ones are left unread (a loop of forwards is a bomb).
    max_message_depth: int = 5
    # OCR (Tesseract, the `ocr` extra) of scans: PDF pages without text and images.
    ocr: str = "auto"
    ocr_lang: str = "eng"
    # 300 dots to the inch is what Tesseract is trained for; 200 reads ordinary print as well
    # and twice as fast (bench/README.md, "OCR").
    ocr_dpi: int = 300
    # Seconds tesseract may take on one page; then it is stopped and the page left out (partial).
    # Below the reader's --timeout, so that tesseract is stopped before its reader is.
    ocr_timeout: float = 30
    # Pictures (an image file, a PDF page drawn for OCR) of more pixels are refused or drawn
    # smaller: a few KB of PNG can claim a billion pixels. 100 million is an A4 page at 1,200 dpi.
    max_image_mp: float = 100

    def __post_init__(self) -> None:
        if self.date_order not in DATE_ORDERS:
            raise ValueError(f"date order must be one of {', '.join(DATE_ORDERS)}, not {self.date_order!r}")
        if self.ocr not in OCR_MODES:
            raise ValueError(f"--ocr must be one of {', '.join(OCR_MODES)}, not {self.ocr!r}")
        if not _OCR_LANGUAGES.fullmatch(self.ocr_lang):
            raise ValueError(f"--ocr-lang takes tesseract's language codes joined by +, such as eng+deu, "
                             f"not {self.ocr_lang!r}")
        if not 50 <= self.ocr_dpi <= 1200:
            raise ValueError("--ocr-dpi must be between 50 and 1200")
        if not self.ocr_timeout > 0:
            raise ValueError("--ocr-timeout must be more than 0")
        for limit in fields(self):
            if limit.name.startswith("max_") and not getattr(self, limit.name) > 0:
                raise ValueError(f"--{limit.name.replace('_', '-')} must be more than 0")

    @property
    def day_first(self) -> bool:
        return self.date_order == "day-first"

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_text_chars(self) -> int:
        return int(self.max_text_mb * MB)

    @property
    def max_inflated_bytes(self) -> int:
        return int(self.max_inflated_mb * MB)

    @property
    def max_image_pixels(self) -> int:
        return int(self.max_image_mp * 1_000_000)

    @property
    def max_attachment_bytes(self) -> int:
        return int(self.max_attachment_mb * MB)


def megabytes(count: float) -> str:
    """50 -> "50 MB", 0.5 -> "0.5 MB": limits as users set them."""
    return f"{count:g} MB"


DEFAULT_SETTINGS = ReadSettings()
