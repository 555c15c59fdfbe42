"""The document side: finding files, reading each format into text, metadata, the Document type."""
from archive.dates import DateParseError, parse_user_date, user_date_span
from archive.document import KINDS, DateSpan, Document, PartialDate
from archive.extract import extract_bytes, extract_file, sha256_of
from archive.readers import SUPPORTED_EXTENSIONS, ReadError, format_of
from archive.settings import DATE_ORDERS, DEFAULT_SETTINGS, ReadSettings
from archive.sources import SourceError, SourceFile, Unreadable, Walk, iter_files, walk

__all__ = [
    "DATE_ORDERS", "DEFAULT_SETTINGS", "KINDS", "ReadSettings", "SUPPORTED_EXTENSIONS", "DateParseError", "DateSpan", "Document", "PartialDate",
    "ReadError", "SourceError", "SourceFile", "extract_bytes", "extract_file", "format_of",
    "Unreadable", "Walk", "iter_files", "parse_user_date", "sha256_of", "user_date_span", "walk",
]
