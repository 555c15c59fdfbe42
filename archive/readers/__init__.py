"""One module per format; this manager picks the reader so nothing else branches on format.

Reader modules are imported only when a file of their format is read, which keeps
heavy libraries (pdfminer) off the search path.
"""
from __future__ import annotations

import importlib
import re
from pathlib import PurePath

from archive.readers.base import Attachment, NothingToRead, RawText, ReadError
from archive.settings import DEFAULT_SETTINGS, ReadSettings

__all__ = ["Attachment", "NothingToRead", "RawText", "ReadError", "SUPPORTED_EXTENSIONS", "detect_format", "format_of",
           "read_bytes"]

# extension -> (format name, reader module)
_READERS = {
    ".pdf": ("pdf", "archive.readers.pdf"),
    ".html": ("html", "archive.readers.html"),
    ".htm": ("html", "archive.readers.html"),
    ".txt": ("txt", "archive.readers.text"),
    ".md": ("txt", "archive.readers.text"),
    ".eml": ("eml", "archive.readers.email"),
    ".docx": ("docx", "archive.readers.docx"),
    ".msg": ("msg", "archive.readers.msg"),
    ".mbox": ("mbox", "archive.readers.mbox"),
    # scanned pages, read by OCR (the `ocr` extra)
    ".png": ("image", "archive.readers.image"),
    ".jpg": ("image", "archive.readers.image"),
    ".jpeg": ("image", "archive.readers.image"),
    ".tif": ("image", "archive.readers.image"),
    ".tiff": ("image", "archive.readers.image"),
}
_MODULES = {fmt: module for fmt, module in _READERS.values()}
SUPPORTED_EXTENSIONS = tuple(sorted(_READERS))
# How much of a file without an extension is read to recognise an e-mail (maildir, mbox exports).
SNIFF_BYTES = 4096
_MAIL_HEADER = re.compile(rb"^(from|to|date|subject|message-id|received|return-path|mime-version|cc):[ \t]",
                          re.I | re.M)


def format_of(name: str) -> str | None:
    """The format a file name says it is, or None when no reader takes it."""
    entry = _READERS.get(PurePath(name).suffix.lower())
    return entry[0] if entry else None


def detect_format(name: str, head: bytes) -> str | None:
    """The extension decides, except that a PDF is a PDF whatever it is called (PDFs named .txt
    are common in leaks); a file without one is an e-mail when it opens with mail headers, and a
    mailbox when an mbox envelope line ("From ") stands above them (Thunderbird's "Inbox")."""
    fmt = format_of(name)
    if fmt is not None and head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if fmt is None and not PurePath(name).suffix:
        headers = {match.group(1).lower() for match in _MAIL_HEADER.finditer(head[:SNIFF_BYTES])}
        if len(headers) >= 3 and headers & {b"from", b"date", b"message-id"}:
            return "mbox" if head.startswith(b"From ") else "eml"
    return fmt


def read_bytes(data: bytes, name: str, pages: tuple[int, int] | None = None,
               settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    """Read one file's bytes into text; every failure becomes a ReadError. ``pages`` (PDF only):
    read just that range of pages, from the first to before the last. ``settings`` holds the limits."""
    fmt = detect_format(name, data)
    if fmt is None:
        raise ReadError(f"unsupported file type ({PurePath(name).suffix or 'no extension'})")
    entry = (fmt, _MODULES[fmt])
    module = importlib.import_module(entry[1])
    try:
        return module.read(data, settings, *pages) if pages else module.read(data, settings)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{entry[0].upper()} is nested too deeply to read") from None
    except MemoryError:
        raise ReadError(f"{entry[0].upper()} is too large to read in memory") from None
    except Exception as error:  # a reader library failing on bad input must not stop a batch
        raise ReadError(f"unreadable {entry[0].upper()}: {type(error).__name__}: {error}") from error
