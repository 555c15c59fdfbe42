"""The search engines an archive index can be kept in, each behind the same small face (Engine).

Everything that knows an engine's own classes, files or private internals lives in its package
here; the rest of indexer/ (ArchiveIndex, batch, check, reindex, compact) and the CLI go through
the face only. Each index records the engine that wrote it (MARKER_FILE), and is opened with it.
"""
from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from indexer.errors import IndexDamaged, IndexOutdated

if TYPE_CHECKING:
    from indexer.searching import Found, SearchRequest

# Each engine by the name an index records, and the class that opens it (imported when needed).
ENGINES = {"whoosh": ("indexer.engines.whoosh.engine", "WhooshEngine"),
           "tantivy": ("indexer.engines.tantivy.engine", "TantivyEngine")}
DEFAULT_ENGINE = "whoosh"

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
    """IndexOutdated unless the index is in the format this archive writes for its engine, saying what to do."""
    if found == current:
        return
    if found.format > current.format:
        raise IndexOutdated(f"the index at {folder} was written by a newer archive (index format {found.format}; "
                            f"this one writes format {current.format}): upgrade paper-archive, or {REBUILD_ADVICE}")
    raise IndexOutdated(f"the index at {folder} is in index format {found.format}, from an older archive; this one "
                        f"writes format {current.format}: {REBUILD_ADVICE}")


def release_problem(package: str, found: tuple[int, ...] | None, supported: tuple[int, int], hint: str) -> str | None:
    """Why the installed release ``found`` of an engine's library (None: not installed) cannot serve,
    in one line that says what to install; None when it is the ``supported`` (major, minor)."""
    if found is None:
        return f"{package} is not installed: run `{hint}`"
    if tuple(found[:2]) != supported:
        return (f"{package} {'.'.join(map(str, found[:3]))} is installed, but this archive works with "
                f"{package} {'.'.join(map(str, supported))} only: run `{hint}`")
    return None


def engine_class(name: str, folder: Path) -> type[Engine]:
    """The class of the engine ``name``; IndexOutdated for an engine this archive lacks."""
    if name not in ENGINES:
        raise IndexOutdated(f"the index at {folder} was written by the {name!r} engine, which this archive "
                            f"does not have: {REBUILD_ADVICE}")
    module, attribute = ENGINES[name]
    return getattr(importlib.import_module(module), attribute)


class EngineWriter(Protocol):
    """The one writer of an index. Documents are the neutral fields of indexer._index.document_fields."""

    def update(self, fields: dict) -> None: ...           # add, replacing the committed one of its id
    def delete(self, doc_id: str) -> None: ...
    def commit(self, merge: bool = False, segments: list | None = None) -> None: ...
    def cancel(self) -> None: ...                         # drop the uncommitted batch
    # everything merged into one, committed; text_of(doc_id) is a document's body, for an engine
    # that merges by writing its documents again
    def compact(self, text_of: Callable[[str], str]) -> None: ...


class SegmentWriter(Protocol):
    """In a reader process: documents into a part of their own, which the writer's next commit adds."""

    def add(self, fields: dict) -> int: ...
    # the part written, for EngineWriter.commit; it has delete_document(docnum) to drop one of
    # its documents before that commit (the same bytes met again at another path)
    def finish(self): ...


class Engine(Protocol):
    """An index's engine side, in one folder."""

    name: str
    index_format: IndexFormat

    @classmethod
    def open(cls, folder: Path) -> Engine | None: ...     # None: no index there
    @classmethod
    def create(cls, folder: Path) -> Engine: ...
    @staticmethod
    def segment_writer(folder: Path) -> SegmentWriter: ...

    def lock(self, name: str): ...                        # a lock file beside the index (not taken)
    def generation(self) -> int: ...                      # changes with every commit
    def writer(self) -> EngineWriter: ...
    # reading
    def search(self, request: SearchRequest) -> Found: ...
    def similar(self, doc_id: str, text: str, limit: int) -> list[tuple[dict, float]]: ...
    def explain(self, request: SearchRequest) -> str: ...
    def stored(self, **unique) -> dict | None: ...        # by id= or path=
    def stored_with_id_start(self, start: str) -> list[dict]: ...
    def all_stored(self) -> Iterator[dict]: ...
    def document_count(self) -> int: ...
    def has_document(self, doc_id: str) -> bool: ...
    # the index's own files, for check and compact
    def segment_ids(self) -> set[str]: ...
    def segment_count(self) -> int: ...
    def is_compact(self) -> bool: ...
    def segment_of_file(self, name: str) -> str | None: ...
    def snapshot(self) -> tuple[set[str], list[dict], dict[str, int]]: ...
