"""One module per format; this manager picks the reader so nothing else branches on format.

Reader modules are imported only when a file of their format is read, which keeps
heavy libraries (pdfminer) off the search path.
"""
from __future__ import annotations

import importlib
from pathlib import PurePath

from archive.readers.base import Attachment, RawText, ReadError

__all__ = ["Attachment", "RawText", "ReadError", "SUPPORTED_EXTENSIONS", "format_of", "read_bytes"]

# extension -> (format name, reader module)
_READERS = {
    ".pdf": ("pdf", "archive.readers.pdf"),
    ".html": ("html", "archive.readers.html"),
    ".htm": ("html", "archive.readers.html"),
    ".txt": ("txt", "archive.readers.text"),
    ".md": ("txt", "archive.readers.text"),
    ".eml": ("eml", "archive.readers.email"),
}
SUPPORTED_EXTENSIONS = tuple(sorted(_READERS))


def format_of(name: str) -> str | None:
    """The format a file name says it is, or None when no reader takes it."""
    entry = _READERS.get(PurePath(name).suffix.lower())
    return entry[0] if entry else None


def read_bytes(data: bytes, name: str) -> RawText:
    """Read one file's bytes into text; every failure becomes a ReadError."""
    entry = _READERS.get(PurePath(name).suffix.lower())
    if entry is None:
        raise ReadError(f"unsupported file type ({PurePath(name).suffix or 'no extension'})")
    module = importlib.import_module(entry[1])
    try:
        return module.read(data)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{entry[0].upper()} is nested too deeply to read") from None
    except MemoryError:
        raise ReadError(f"{entry[0].upper()} is too large to read in memory") from None
    except Exception as error:  # a reader library failing on bad input must not stop a batch
        raise ReadError(f"unreadable {entry[0].upper()}: {type(error).__name__}: {error}") from error
