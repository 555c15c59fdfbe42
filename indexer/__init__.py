"""The index side: documents in, hits out. Callers use only these names, so the engine can change."""
from __future__ import annotations

import os
from pathlib import Path

from indexer._check import CheckReport, check_index
from indexer._index import SORTS, ArchiveIndex, Hit, SearchRequest, SearchResults, StoredDocument
from indexer._snippets import Passage
from indexer._rebuild import rebuild_index
from indexer.batch import IndexOptions, IndexReport, Problem, index_paths
from indexer.errors import (ArchiveIndexError, DocumentNotFound, IndexBusy, IndexNotFound,
                            IndexWriteError, QueryError)

INDEX_ENV = "ARCHIVE_INDEX"


def default_index_dir() -> Path:
    """$ARCHIVE_INDEX, else the per-user data folder: $XDG_DATA_HOME/paper-archive/index."""
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV])
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(data_home) / "paper-archive" / "index"


__all__ = [
    "INDEX_ENV", "SORTS", "ArchiveIndex", "ArchiveIndexError", "CheckReport", "DocumentNotFound", "Hit",
    "IndexBusy", "IndexNotFound", "IndexOptions", "IndexReport", "IndexWriteError", "Passage", "Problem",
    "QueryError", "SearchRequest", "SearchResults", "StoredDocument", "check_index", "default_index_dir",
    "index_paths", "rebuild_index",
]
