"""The document side: finding files, reading each format into text, metadata, the Document type.

The names below are imported on first use (PEP 562): `archive search` needs the dates and the
Document type, not the readers' metadata and names rules, and a CLI process pays every import.
"""
from __future__ import annotations

from archive._lazy import lazy_exports

_EXPORTED_FROM = {
    "archive.dates": ("DateParseError", "parse_user_date", "user_date_span"),
    "archive.document": ("KINDS", "DateSpan", "Document", "PartialDate"),
    "archive.extract": ("extract_bytes", "extract_file", "sha256_of"),
    "archive.readers": ("SUPPORTED_EXTENSIONS", "ReadError", "format_of"),
    "archive.settings": ("DATE_ORDERS", "DEFAULT_SETTINGS", "ReadSettings"),
    "archive.sources": ("SourceError", "SourceFile", "Unreadable", "Walk", "iter_files", "walk"),
}

__all__ = [
    "DATE_ORDERS", "DEFAULT_SETTINGS", "KINDS", "ReadSettings", "SUPPORTED_EXTENSIONS", "DateParseError", "DateSpan", "Document", "PartialDate",
    "ReadError", "SourceError", "SourceFile", "extract_bytes", "extract_file", "format_of",
    "Unreadable", "Walk", "iter_files", "parse_user_date", "sha256_of", "user_date_span", "walk",
]


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTED_FROM)
