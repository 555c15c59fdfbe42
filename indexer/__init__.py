"""The index side: documents in, hits out. Callers use only these names, so the engine can change.

The names below are imported on first use (PEP 562): a search needs the index, not the indexing
run (`batch`, its reader pool, the whole document side) nor `check` and `reindex`, and a CLI
process pays every import.
"""
from __future__ import annotations

import os
from pathlib import Path

from archive._lazy import lazy_exports

INDEX_ENV = "ARCHIVE_INDEX"

_EXPORTED_FROM = {
    "indexer._check": ("CheckReport", "check_index"),
    "indexer._compact": ("CompactReport", "compact_index"),
    "indexer._index": ("ArchiveIndex",),
    "indexer.searching": ("SORTS", "Hit", "Passage", "SearchRequest", "SearchResults", "StoredDocument"),
    "indexer._rebuild": ("rebuild_index",),
    "indexer.batch": ("IndexOptions", "IndexReport", "Problem", "index_paths"),
    "indexer.errors": ("ArchiveIndexError", "DocumentNotFound", "EngineUnsupported", "IndexBusy", "IndexNotFound",
                       "IndexOutdated", "IndexWriteError", "QueryError"),
}


def default_index_dir() -> Path:
    """$ARCHIVE_INDEX, else the per-user data folder: $XDG_DATA_HOME/paper-archive/index."""
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV])
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(data_home) / "paper-archive" / "index"


__all__ = [
    "INDEX_ENV", "SORTS", "ArchiveIndex", "ArchiveIndexError", "CheckReport", "CompactReport", "DocumentNotFound", "EngineUnsupported", "Hit",
    "IndexBusy", "IndexNotFound", "IndexOptions", "IndexOutdated", "IndexReport", "IndexWriteError", "Passage", "Problem",
    "QueryError", "SearchRequest", "SearchResults", "StoredDocument", "check_index", "compact_index", "default_index_dir",
    "index_paths", "rebuild_index",
]


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTED_FROM)
