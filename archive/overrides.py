"""Corrections a user keeps beside the documents: they win over what was extracted, and say so.

Two places, the nearer winning field by field:
- ``metadata.csv`` in the document's folder: one row per file, ``path`` (the file name, or a path
  relative to that folder) then any of the fields below;
- a sidecar ``NAME.meta.json`` beside the file (``letter.pdf.meta.json``, or ``letter.meta.json``).

Fields: title, type, date (2011, 2011-03, 2011-03-17), people, organisations, sender, recipient,
dates_mentioned. Lists are JSON lists, or ``;``-separated in the CSV.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from archive.document import KINDS, Document, PartialDate
from archive.file_names import real_path
from archive.readers.base import ReadError

FOLDER_TABLE = "metadata.csv"
SIDECAR_SUFFIX = ".meta.json"
TEXT_FIELDS = ("title", "sender", "recipient")
LIST_FIELDS = ("people", "organisations", "dates_mentioned")
FIELDS = TEXT_FIELDS + LIST_FIELDS + ("type", "date")


@dataclass
class Override:
    """Field values given by the user, and the file each came from."""

    values: dict[str, object] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.values)


def is_override_file(path: Path) -> bool:
    """Overrides are read with their documents, never indexed as documents themselves."""
    return path.name == FOLDER_TABLE or path.name.endswith(SIDECAR_SUFFIX)


def override_files(path: Path, names_beside: set[str] | None = None) -> list[Path]:
    """The override files that may apply to ``path``, the weakest first. ``names_beside``, the
    names in the file's folder when the caller has listed it, saves a look at the disk for each."""
    if names_beside is not None and FOLDER_TABLE not in names_beside and \
            path.stem + SIDECAR_SUFFIX not in names_beside and path.name + SIDECAR_SUFFIX not in names_beside:
        return []  # the usual case, decided without making a path
    candidates = [path.parent / FOLDER_TABLE, path.with_suffix(SIDECAR_SUFFIX),
                  path.with_name(path.name + SIDECAR_SUFFIX)]
    if names_beside is not None:
        candidates = [candidate for candidate in candidates if candidate.name in names_beside]
    return [candidate for candidate in dict.fromkeys(candidates) if candidate.is_file()]


def _split_list(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return [item.strip() for item in str(value).split(";") if item.strip()]


def _checked(name: str, value: object, origin: str) -> object:
    if name not in FIELDS:
        raise ReadError(f"{origin}: unknown field {name!r} (fields: {', '.join(FIELDS)})")
    if name == "type" and value not in KINDS:
        raise ReadError(f"{origin}: type must be one of {', '.join(KINDS)}, not {value!r}")
    try:
        if name == "date":
            return PartialDate.from_iso(str(value)) if value else None
        if name == "dates_mentioned":
            return [PartialDate.from_iso(item) for item in _split_list(value)]
    except (TypeError, ValueError):
        raise ReadError(f"{origin}: {name} must be dates like 2011, 2011-03 or 2011-03-17") from None
    if name in LIST_FIELDS:
        return _split_list(value)
    return str(value).strip() or None


def _read_text(table: Path) -> str:
    try:
        return table.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ReadError(f"cannot read {table.name}: {error}") from None


def _row_for(table: Path, target: Path) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(_read_text(table)))
    if not rows.fieldnames or "path" not in rows.fieldnames:
        raise ReadError(f"{table}: the first column must be 'path'")
    for row in rows:
        named = (table.parent / (row.get("path") or "").strip())
        if named.resolve() == target.resolve():
            return {key: value for key, value in row.items() if key != "path" and value not in (None, "")}
    return {}


def _sidecar(path: Path) -> dict[str, object]:
    try:
        values = json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise ReadError(f"{path.name} is not valid JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(values, dict):
        raise ReadError(f"{path.name} must hold one JSON object of fields")
    return values


def find_override(path: str) -> Override:
    """Every correction that applies to the file at ``path`` (none for attachments)."""
    target = Path(real_path(path))
    override = Override()
    for source in override_files(target):
        values = _row_for(source, target) if source.name == FOLDER_TABLE else _sidecar(source)
        for name, value in values.items():
            override.values[name] = _checked(name, value, source.name)
            override.sources[name] = source.name
    return override


def apply_override(document: Document, override: Override) -> Document:
    """The user's values replace the extracted ones; the document records which and from where."""
    for name, value in override.values.items():
        setattr(document, "kind" if name == "type" else name, value)
    if "date" in override.values:
        document.date_source = f"override ({override.sources['date']})"
    document.overridden = {name: override.sources[name] for name in override.values}
    return document
