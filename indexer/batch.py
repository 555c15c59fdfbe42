"""`archive index PATH...`: read what is new or changed under the paths, write it, report."""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from archive import (DEFAULT_SETTINGS, ReadError, ReadSettings, SourceFile, extract_bytes, format_of,
                     iter_files, sha256_of)
from archive.readers import SNIFF_BYTES, detect_format
from archive.document import ATTACHMENT_MARK
from archive.overrides import override_files
from indexer._index import ArchiveIndex, FileState, IndexWriting

# Commit every this many files, so an interrupted run keeps what it had done.
COMMIT_EVERY = 200


@dataclass
class Problem:
    path: str
    error: str


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    documents: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "failed": [{"path": p.path, "error": p.error} for p in self.failed],
            "skipped": [{"path": p.path, "error": p.error} for p in self.skipped],
            "documents": self.documents, "seconds": round(self.seconds, 3),
        }


ProgressCallback = Callable[[int, int, str], None]


class _Ledger:
    """Which document each known path holds, and every path of each document (same bytes, one document)."""

    def __init__(self, states: dict[str, FileState]) -> None:
        self.by_path = dict(states)
        self.by_doc: dict[str, dict[str, FileState]] = defaultdict(dict)
        for state in states.values():
            self.by_doc[state.doc_id][state.path] = state

    def paths_of(self, doc_id: str) -> list[FileState]:
        return sorted(self.by_doc[doc_id].values(), key=lambda state: state.path)

    def attach(self, state: FileState) -> None:
        self.by_path[state.path] = state
        self.by_doc[state.doc_id][state.path] = state

    def detach_file(self, path: str) -> set[str]:
        """Forget a file and its attachments; return the documents that lost a path."""
        gone = [p for p in self.by_path if p == path or p.startswith(path + ATTACHMENT_MARK)]
        touched = set()
        for old_path in gone:
            state = self.by_path.pop(old_path)
            self.by_doc[state.doc_id].pop(old_path, None)
            touched.add(state.doc_id)
        return touched


def index_paths(paths: list[str], index_dir: str | Path, progress: ProgressCallback | None = None,
                settings: ReadSettings = DEFAULT_SETTINGS) -> IndexReport:
    """Index every supported file under ``paths``; unchanged files are not read again."""
    started = time.monotonic()
    files = iter_files(paths)
    index = ArchiveIndex.open_or_create(index_dir)
    report = IndexReport()
    with index.writing() as writing:
        ledger = _Ledger(index.file_states())
        for number, source in enumerate(files, start=1):
            if progress:
                progress(number, len(files), source.path)
            _index_file(index, writing, ledger, source, report, settings)
            if number % COMMIT_EVERY == 0:
                writing.commit()
    report.documents = index.stats()["documents"]
    report.seconds = time.monotonic() - started
    return report


def _index_file(index: ArchiveIndex, writing: IndexWriting, ledger: _Ledger,
                source: SourceFile, report: IndexReport, settings: ReadSettings) -> None:
    previous = ledger.by_path.get(source.path)
    if previous and (previous.size, previous.mtime_ns) == (source.size, source.mtime_ns):
        report.unchanged += 1
        return
    try:
        if not _readable_format(source.path):
            suffix = Path(source.path).suffix or "no extension"
            report.skipped.append(Problem(source.path, f"unsupported file type ({suffix})"))
            return
        data = Path(source.path).read_bytes()
        if previous and previous.doc_id == sha256_of(data)[:16] and not override_files(Path(source.path)):
            report.unchanged += 1  # touched, not changed
            return
        documents = extract_bytes(data, source.path, settings)
    except OSError as error:
        report.failed.append(Problem(source.path, f"cannot read file: {error.strerror or error}"))
        return
    except ReadError as error:
        report.failed.append(Problem(source.path, str(error)))
        return
    if previous:
        _forget_file(index, writing, ledger, source.path)
    for document in documents:
        ledger.attach(FileState(document.path, source.size, source.mtime_ns, document.id))
        writing.put(document, ledger.paths_of(document.id))
    if previous:
        report.updated += 1
    else:
        report.added += 1


def _readable_format(path: str) -> bool:
    """Known by its extension, or (without one) by its first bytes."""
    if format_of(path) is not None:
        return True
    if Path(path).suffix:
        return False
    with open(path, "rb") as handle:
        return detect_format(path, handle.read(SNIFF_BYTES)) is not None


def _forget_file(index: ArchiveIndex, writing: IndexWriting, ledger: _Ledger, path: str) -> None:
    """A file's content changed: its old documents lose this path, and go when they have none left."""
    for doc_id in ledger.detach_file(path):
        remaining = ledger.paths_of(doc_id)
        if not remaining:
            writing.delete(doc_id)
            continue
        stored = index.stored_document(doc_id)
        if stored is not None:
            writing.put(stored, remaining)
