"""The document side: finding files, reading each format into text, metadata, the Document type.

The names below are imported on first use (PEP 562): `archive search` needs the dates and the
Document type, not the readers' metadata and names rules, and a CLI process pays every import.
"""
from __future__ import annotations


_EXPORTED_FROM = {
    "archive.dates": ("DateParseError", "parse_user_date", "user_date_span"),
    "archive.document": ("KINDS", "DateSpan", "Document", "PartialDate"),
    "archive.extract": ("extract_bytes", "extract_file", "sha256_of"),
    "archive.readers": ("SUPPORTED_EXTENSIONS", "ReadError", "format_of"),
    "archive.settings": ("DATE_ORDERS", "DEFAULT_SETTINGS", "ReadSettings"),
    "archive.sources": ("SourceError", "SourceFile", "Unreadable", "Walk", "iter_files", "walk"),
}
_MODULE_OF = {name: module for module, names in _EXPORTED_FROM.items() for name in names}

__all__ = [
    "DATE_ORDERS", "DEFAULT_SETTINGS", "KINDS", "ReadSettings", "SUPPORTED_EXTENSIONS", "DateParseError", "DateSpan", "Document", "PartialDate",
    "ReadError", "SourceError", "SourceFile", "extract_bytes", "extract_file", "format_of",
    "Unreadable", "Walk", "iter_files", "parse_user_date", "sha256_of", "user_date_span", "walk",
]


def __getattr__(name: str):
    """An exported name, imported from its module the first time it is asked for."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # The import statement's machinery rather than importlib.import_module: `python -X importtime`
    # sees only the former, and it is how the start-up cost of a command is measured.
    value = getattr(__import__(_MODULE_OF[name], fromlist=[name]), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
