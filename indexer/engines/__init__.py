"""The search engines an archive index can be kept in, each behind the same small face.

Everything that knows an engine's own classes, files or private internals lives in its package
here; the rest of indexer/ (ArchiveIndex, batch, check, reindex, compact) and the CLI go through
the engine's face only.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import IndexDamaged, IndexOutdated

# Beside the engine's files: which engine wrote the index, in which of its formats.
MARKER_FILE = "archive-index.json"
# An index written before the marker existed: Whoosh's, in the first format.
UNMARKED = {"engine": "whoosh", "format": 1}
REBUILD_ADVICE = ("run `archive reindex` to rebuild it from its files (`archive index PATH --index NEW_FOLDER` "
                  "builds a new one)")


@dataclass(frozen=True)
class IndexFormat:
    engine: str
    format: int


def read_format(folder: Path) -> IndexFormat:
    """The engine and format the index in ``folder`` was written in."""
    try:
        marker = json.loads((folder / MARKER_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        marker = UNMARKED
    except (OSError, ValueError) as error:
        raise IndexDamaged(f"the index at {folder} has an unreadable {MARKER_FILE} ({error}): {REBUILD_ADVICE}") from None
    if not isinstance(marker, dict) or not isinstance(marker.get("engine"), str) or type(marker.get("format")) is not int:
        raise IndexDamaged(f"the index at {folder} has a garbled {MARKER_FILE}: {REBUILD_ADVICE}")
    return IndexFormat(marker["engine"], marker["format"])


def write_format(folder: Path, written: IndexFormat) -> None:
    temporary = folder / f"{MARKER_FILE}.tmp"
    temporary.write_text(json.dumps({"engine": written.engine, "format": written.format}) + "\n", encoding="utf-8")
    os.replace(temporary, folder / MARKER_FILE)


def require_format(folder: Path, found: IndexFormat, current: IndexFormat) -> None:
    """IndexOutdated unless the index is in the format this archive writes, saying what to do."""
    if found == current:
        return
    if found.engine != current.engine:
        raise IndexOutdated(f"the index at {folder} was written by the {found.engine!r} engine, which this archive "
                            f"does not have: {REBUILD_ADVICE}")
    if found.format > current.format:
        raise IndexOutdated(f"the index at {folder} was written by a newer archive (index format {found.format}; "
                            f"this one writes format {current.format}): upgrade paper-archive, or {REBUILD_ADVICE}")
    raise IndexOutdated(f"the index at {folder} is in index format {found.format}, from an older archive; this one "
                        f"writes format {current.format}: {REBUILD_ADVICE}")
