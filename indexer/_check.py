"""`archive check`: the index against itself and against the files it was read from.

Read-only, so it runs beside an `archive index` in progress: everything is read from one
committed state of the index, and what a concurrent commit could explain is confirmed against the
newest state before it is called a problem.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from archive import SourceError, iter_files, sha256_of
from archive.document import ATTACHMENT_MARK
from archive.file_names import real_path
from archive.overrides import override_files
from indexer._index import ArchiveIndex
from indexer._rebuild import building_folder
from indexer.errors import IndexDamaged

# Tries at reading one committed state before a failure counts as damage: a commit that ends a
# run merges segments and deletes the old ones, which a check reading them at that moment misses.
SNAPSHOT_TRIES = 5


@dataclass
class CheckReport:
    folder: str
    documents: int = 0
    files: int = 0
    segments: int = 0
    # The index against itself: any of these is damage, which `archive reindex` repairs.
    unreadable: list[str] = field(default_factory=list)      # what could not be read, and why
    missing_texts: list[str] = field(default_factory=list)   # documents whose text is gone
    duplicate_ids: list[str] = field(default_factory=list)   # ids held by more than one document
    shared_paths: list[str] = field(default_factory=list)    # paths recorded by more than one document
    orphaned: list[str] = field(default_factory=list)        # documents with no path left
    # The index against the files: out of date, which `archive index` repairs.
    missing: list[str] = field(default_factory=list)         # gone from disk
    changed: list[str] = field(default_factory=list)         # other bytes than were indexed
    # Left by an interrupted run (or being written by one in progress): harmless.
    stray_texts: int = 0
    stray_segment_files: int = 0
    half_built: str | None = None   # where a stopped (or running) `archive reindex` builds

    @property
    def damaged(self) -> bool:
        return bool(self.unreadable or self.missing_texts or self.duplicate_ids or self.shared_paths
                    or self.orphaned)

    @property
    def outdated(self) -> bool:
        return bool(self.missing or self.changed)

    @property
    def status(self) -> str:
        return "damaged" if self.damaged else "outdated" if self.outdated else "ok"

    def to_dict(self) -> dict:
        return {
            "status": self.status, "index": self.folder, "documents": self.documents, "files": self.files,
            "segments": self.segments, "unreadable": self.unreadable, "missing_texts": self.missing_texts,
            "duplicate_ids": self.duplicate_ids, "shared_paths": self.shared_paths, "orphaned": self.orphaned,
            "missing": self.missing, "changed": self.changed,
            "stray_texts": self.stray_texts, "stray_segment_files": self.stray_segment_files,
            "half_built": self.half_built,
        }


def check_index(folder: str | Path) -> CheckReport:
    """Verify the index in ``folder``; IndexNotFound when there is none."""
    folder = Path(folder)
    report = CheckReport(str(folder))
    if building_folder(folder).exists():
        report.half_built = str(building_folder(folder))
    try:
        index = ArchiveIndex.open(folder)
    except IndexDamaged as error:
        report.unreadable.append(str(error).split("; ")[0])
        return report
    snapshot = _read_snapshot(index, report)
    if snapshot is None:
        report.files = _readable_paths(index)
        return report
    _check_documents(index, snapshot, report)
    _check_files(snapshot, report)
    _count_strays(index, snapshot, report)
    return report


@dataclass
class _Snapshot:
    """One committed state of the index: each live document's stored fields, and where its id leads."""

    segment_ids: set[str]
    stored: list[dict]
    id_postings: dict[str, int]   # id -> live documents the id term finds


def _read_snapshot(index: ArchiveIndex, report: CheckReport) -> _Snapshot | None:
    failure = None
    for _ in range(SNAPSHOT_TRIES):
        generation = index.engine.generation()
        try:
            return _Snapshot(*index.engine.snapshot())
        except Exception as error:  # a segment file that is gone or garbled
            failure = error
            if index.engine.generation() == generation:
                break  # nothing was committed meanwhile: the failure is the index's own
    report.unreadable.append(f"the index's segments cannot be read: {_reason(failure)}")
    return None


def _readable_paths(index: ArchiveIndex) -> int:
    """How many file paths can still be read from a damaged index: `archive reindex` starts from them."""
    try:
        return len(index.file_states())
    except Exception:  # the stored fields are damaged too
        return 0


def _check_documents(index: ArchiveIndex, snapshot: _Snapshot, report: CheckReport) -> None:
    report.documents = len(snapshot.stored)
    report.segments = len(snapshot.segment_ids)
    ids = Counter(fields["id"] for fields in snapshot.stored)
    report.duplicate_ids = sorted({doc_id for doc_id, count in ids.items() if count > 1}
                                  | {doc_id for doc_id, count in snapshot.id_postings.items() if count > 1})
    not_found = sorted(doc_id for doc_id in ids if snapshot.id_postings.get(doc_id, 0) < 1)
    if not_found:
        report.unreadable.append(f"{len(not_found)} documents cannot be found by their id "
                                 f"(the index's terms and stored fields disagree): {', '.join(not_found[:5])}")
    holders = defaultdict(set)
    for fields in snapshot.stored:
        sources = fields.get("sources") or []
        if not sources:
            report.orphaned.append(fields["id"])
        for path, _, _ in sources:
            holders[path].add(fields["id"])
    report.shared_paths = sorted(path for path, doc_ids in holders.items() if len(doc_ids) > 1)
    report.missing_texts = _confirmed_gone(index, [doc_id for doc_id in ids if not index.texts.exists(doc_id)])


def _confirmed_gone(index: ArchiveIndex, doc_ids: list[str]) -> list[str]:
    """Of the documents whose text is missing, those still in the newest committed state (a
    concurrent commit deletes a dropped document's text just after dropping it)."""
    if not doc_ids:
        return []
    return sorted(doc_id for doc_id in doc_ids if index.engine.has_document(doc_id) and not index.texts.exists(doc_id))


def _check_files(snapshot: _Snapshot, report: CheckReport) -> None:
    """Each indexed file: still there, and with the bytes that were indexed."""
    recorded = {path: (size, mtime_ns, fields.get("sha256", ""))
                for fields in snapshot.stored for path, size, mtime_ns in fields.get("sources") or []}
    report.files = len(recorded)
    for path, (size, mtime_ns, sha256) in sorted(recorded.items()):
        container = path.split(ATTACHMENT_MARK)[0]
        if ATTACHMENT_MARK in path and container in recorded and not os.path.lexists(path):
            continue  # an e-mail's attachment: it stands or falls with its e-mail, checked on its own
        state = _file_state(path)
        if state is None:
            report.missing.append(path)
        elif (state.size, state.mtime_ns) != (size, mtime_ns) and _changed(path, sha256, state.mtime_ns != mtime_ns):
            report.changed.append(path)


def _file_state(path: str):
    """The file's size and time as `archive index` sees them (an edited override counts); None when gone."""
    try:
        found = iter_files([path])
    except SourceError:
        return None
    return found[0] if found else None


def _changed(path: str, indexed_sha256: str, touched: bool) -> bool:
    """Whether `archive index` would read the file again: other bytes, or an edited override."""
    try:
        data = Path(real_path(path)).read_bytes()
    except OSError:
        return True  # unreadable now: `archive index` will say why
    if sha256_of(data) != indexed_sha256:
        return True
    return touched and bool(override_files(Path(real_path(path))))


def _count_strays(index: ArchiveIndex, snapshot: _Snapshot, report: CheckReport) -> None:
    """Texts no document has, segment files no table of contents lists: left by a killed run."""
    report.stray_texts = sum(1 for doc_id in index.texts.ids()
                             if doc_id not in snapshot.id_postings and not index.engine.has_document(doc_id))
    known = snapshot.segment_ids | _newest_segment_ids(index)
    report.stray_segment_files = sum(
        1 for name in os.listdir(index.folder)
        if (segment := index.engine.segment_of_file(name)) is not None and segment not in known)


def _newest_segment_ids(index: ArchiveIndex) -> set[str]:
    """The segments of the newest commit, read again when a commit replaces the table of contents
    while it is read (none, should that go on: their files then count as leftovers)."""
    for _ in range(SNAPSHOT_TRIES):
        try:
            return index.engine.segment_ids()
        except FileNotFoundError:
            continue
    return set()


def _reason(error: Exception | None) -> str:
    if isinstance(error, OSError):
        return f"{error.strerror or error}{f' ({error.filename})' if error.filename else ''}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
