"""`archive index PATH...`: read what is new or changed under the paths, write it, report.

Files are read in worker processes (indexer/_pool.py), documents written by this process alone,
committed in batches: an interrupted run keeps every committed batch, and the next run reads
only what is not in the index yet.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from archive import (DEFAULT_SETTINGS, Document, ReadError, ReadSettings, SourceFile, extract_bytes,
                     format_of, sha256_of, walk)
from archive.document import ATTACHMENT_MARK, PAGE_BREAK
from archive.extract import documents_from, too_large
from archive.file_names import index_path, real_path, shown
from archive.sources import GONE
from archive.overrides import Override, find_override, override_files
from archive.readers import SNIFF_BYTES, RawText, detect_format, read_bytes
from archive.readers.base import NothingToRead, check_text_layer
from indexer._index import ArchiveIndex, FileState, IndexWriting, SegmentWriting
from indexer._pool import Batch, Finished, WorkerPool
from indexer.errors import IndexWriteError

# Commit after this many files or seconds, whichever comes first: the most a kill -9 can cost.
# Each commit adds one Whoosh segment per reader and every search visits every segment, so
# batches are large: at 100,000 documents, 5,000-file batches left 40 segments (p95 of a term
# search 97 ms, of a phrase, a name and a date span together 110 ms); batches of a minute's work
# (about 16,000 files here) left 12 (61 and 57 ms). The time bound keeps the loss to a minute.
COMMIT_EVERY = 20000
COMMIT_SECONDS = 60.0
DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 2048


@dataclass
class Problem:
    path: str
    error: str


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    missing: int = 0
    failed: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    # Indexed, but not whole: what a limit left out (text cut, an attachment too large).
    partial: list[Problem] = field(default_factory=list)
    # Entries met under the paths: added + updated + unchanged + failed + skipped.
    seen: int = 0
    documents: int = 0
    segments: int = 0   # of the index after the run (see `archive compact`)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "seen": self.seen, "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "removed": self.removed, "missing": self.missing,
            "failed": [{"path": p.path, "error": p.error} for p in self.failed],
            "skipped": [{"path": p.path, "error": p.error} for p in self.skipped],
            "partial": [{"path": p.path, "error": p.error} for p in self.partial],
            "documents": self.documents, "segments": self.segments, "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class IndexOptions:
    workers: int = 0          # 0: one per core
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    prune: bool = False
    commit_every: int = COMMIT_EVERY
    settings: ReadSettings = DEFAULT_SETTINGS
    # The engine of a new index (indexer/engines: "whoosh", "tantivy"); None: an existing index's
    # own, else the default. An existing index kept by another engine is refused.
    engine: str | None = None
    # A Dask scheduler's address (tcp://HOST:8786): files are read by its workers (indexer/_cluster.py)
    # instead of reader processes here; ``ship_bytes``: sent to them by bytes, not by path.
    cluster: str | None = None
    ship_bytes: bool = False

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


ProgressCallback = Callable[[int, int, str], None]


class _Ledger:
    """Which document each known path holds, and every path of each document (same bytes, one document)."""

    def __init__(self, states: dict[str, FileState]) -> None:
        self.by_path: dict[str, FileState] = {}
        self.by_doc: dict[str, dict[str, FileState]] = defaultdict(dict)
        self.attachments: dict[str, set[str]] = defaultdict(set)
        for state in states.values():
            self.attach(state)

    def paths_of(self, doc_id: str) -> list[FileState]:
        return sorted(self.by_doc[doc_id].values(), key=lambda state: state.path)

    def attach(self, state: FileState) -> None:
        self.by_path[state.path] = state
        self.by_doc[state.doc_id][state.path] = state
        if ATTACHMENT_MARK in state.path:
            self.attachments[state.path.split(ATTACHMENT_MARK)[0]].add(state.path)

    def detach_file(self, path: str) -> set[str]:
        """Forget a file and its attachments; return the documents that lost a path."""
        touched = set()
        for old_path in [path, *self.attachments.pop(path, ())]:
            state = self.by_path.pop(old_path, None)
            if state is not None:
                self.by_doc[state.doc_id].pop(old_path, None)
                touched.add(state.doc_id)
        return touched

    def files(self) -> list[str]:
        return [path for path in self.by_path if ATTACHMENT_MARK not in path]


# ---- in a worker process ------------------------------------------------------------

# A PDF longer than this is read in parts of this many pages, by several readers at once.
PAGES_PER_PART = 16


@dataclass(frozen=True)
class ReadTask:
    source: SourceFile
    previous_doc_id: str | None
    settings: ReadSettings
    pages: tuple[int, int] | None = None  # a part of a long PDF: pages start to before stop
    # A long PDF whose parts are all read: its text, whose documents a reader makes and writes.
    whole: RawText | None = None
    sha256: str | None = None
    # For a worker that cannot see the file (--ship-bytes): its bytes, and its corrections
    # (archive.overrides) as found beside it.
    data: bytes | None = None
    override: Override | None = None


@dataclass
class ReadOutcome:
    # Handed back without their pages once written: the text is in the store beside the index,
    # and the indexing process, which holds a whole batch's outcomes, needs the rest only.
    documents: list[Document] = field(default_factory=list)
    # where each document went in its reader's segment
    docnums: list[int] = field(default_factory=list)
    # A long PDF read in parts: this part's text (and, for the first part, the file's metadata).
    part: RawText | None = None
    sha256: str | None = None
    unchanged: bool = False
    skipped: str | None = None
    error: str | None = None


def _reading_failures_as_outcomes(read: Callable) -> Callable:
    """A file that cannot be read (gone, no permission, not what it claims) becomes an outcome saying why."""
    @functools.wraps(read)
    def reading(task: ReadTask):
        try:
            return read(task)
        except FileNotFoundError:
            return ReadOutcome(skipped=GONE)
        except OSError as error:
            return ReadOutcome(error=f"cannot read file: {error.strerror or error}")
        except NothingToRead as error:
            return ReadOutcome(skipped=str(error))  # a scan without OCR, an extra's format: as an unsupported type
        except ReadError as error:
            return ReadOutcome(error=str(error))
    return reading


@_reading_failures_as_outcomes
def read_task(task: ReadTask) -> ReadOutcome:
    """One file to its documents, or the reason it has none; runs in a worker process."""
    path, settings = task.source.path, task.settings
    if task.whole is not None:
        check_text_layer(task.whole.pages, settings)
        return ReadOutcome(documents=documents_from(task.whole, task.sha256, "pdf", path, settings, task.override))
    data = task.data if task.data is not None else _file_bytes(task)
    if isinstance(data, ReadOutcome):
        return data
    if task.pages:
        return ReadOutcome(part=read_bytes(data, path, task.pages, settings))
    sha256 = sha256_of(data)
    if task.previous_doc_id == sha256[:16] and not _has_override(task):
        return ReadOutcome(unchanged=True)  # touched, not changed
    if format_of(path) == "pdf":
        first = read_bytes(data, path, (0, PAGES_PER_PART), settings)
        if first.page_count > PAGES_PER_PART:
            return ReadOutcome(part=first, sha256=sha256)
        return ReadOutcome(documents=documents_from(first, sha256, "pdf", path, settings, task.override))
    return ReadOutcome(documents=extract_bytes(data, path, settings, task.override))


@_reading_failures_as_outcomes
def with_bytes(task: ReadTask) -> ReadTask | ReadOutcome:
    """The task with what a worker that cannot see the file needs (its bytes, its corrections),
    or the outcome when the file gives none; run where the file is."""
    if task.whole is not None:
        return dataclasses.replace(task, override=find_override(task.source.path))
    data = _file_bytes(task)
    if isinstance(data, ReadOutcome):
        return data
    return dataclasses.replace(task, data=data, override=None if task.pages else find_override(task.source.path))


def _file_bytes(task: ReadTask) -> bytes | ReadOutcome:
    """The file's bytes, or the outcome saying why none are read."""
    path, settings = task.source.path, task.settings
    if not _readable_format(path):
        return ReadOutcome(skipped=f"unsupported file type ({Path(path).suffix or 'no extension'})")
    data = _read_within(path, settings.max_file_bytes)
    if data is None:
        return ReadOutcome(skipped=too_large(settings))
    if not data:
        return ReadOutcome(skipped="empty file (0 bytes)")
    return data


def _has_override(task: ReadTask) -> bool:
    """Whether corrections apply to the file (then a touched file is read again: they may have changed)."""
    if task.override is not None:
        return bool(task.override)
    return bool(override_files(Path(real_path(task.source.path))))


class Reader:
    """In a reader process: files to documents, written straight into this process's segment.
    (With a cluster, workers read and the indexing process writes, with a Reader of its own.)"""

    def __init__(self, index_dir: str) -> None:
        self.segment = SegmentWriting(Path(index_dir))

    def handle(self, task: ReadTask) -> ReadOutcome:
        return self.write(task, read_task(task))

    def write(self, task: ReadTask, outcome: ReadOutcome) -> ReadOutcome:
        """A file's documents into the segment; handed back without their pages."""
        source = task.source
        for document in outcome.documents:
            state = FileState(document.path, source.size, source.mtime_ns, document.id)
            outcome.docnums.append(self.segment.add(document, [state]))
        outcome.documents = [dataclasses.replace(document, pages=[]) for document in outcome.documents]
        return outcome

    def finish(self):
        return self.segment.finish()


# Read in pieces of this size what a file gained while being read.
GROWTH_CHUNK = 1 << 20


def _read_within(path: str, limit: int) -> bytes | None:
    """The file's bytes, or None when it is larger than ``limit``: read no further than that,
    even when it grows while being read. (Not read(limit): that allocates the whole limit.)"""
    with open(real_path(path), "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            return None
        chunks = [handle.read(size)]
        total = len(chunks[0])
        while chunk := handle.read(GROWTH_CHUNK):
            total += len(chunk)
            if total > limit:
                return None
            chunks.append(chunk)
    return b"".join(chunks)


def _readable_format(path: str) -> bool:
    """Known by its extension, or (without one) by its first bytes."""
    if format_of(path) is not None:
        return True
    if Path(path).suffix:
        return False
    with open(real_path(path), "rb") as handle:
        return detect_format(path, handle.read(SNIFF_BYTES)) is not None


# ---- in the indexing process -----------------------------------------------------------

def index_paths(paths: list[str], index_dir: str | Path, progress: ProgressCallback | None = None,
                options: IndexOptions = IndexOptions()) -> IndexReport:
    """Index every supported file under ``paths``; unchanged files are not read again."""
    started = time.monotonic()
    if options.cluster:  # said before a long walk, not after
        from indexer._cluster import distributed_module

        distributed_module()
    found = walk(paths)
    files = found.files
    walked = {source.path for source in files}
    index = ArchiveIndex.open_or_create(index_dir, options.engine)
    report = IndexReport(seen=len(files) + len(found.unreadable))
    for entry in found.unreadable:
        (report.failed if entry.failed else report.skipped).append(Problem(shown(entry.path), entry.reason))
    with index.writing() as writing:
        ledger = _Ledger(index.file_states())
        run = _IndexRun(index, writing, ledger, report, options, progress, len(files))
        try:
            run.run(files)
            if options.prune:
                report.removed = _prune(writing, ledger, paths, walked, index)
        except KeyboardInterrupt:
            writing.commit()  # keep what this process holds; committed batches are safe
            raise
    # Files just walked were there a moment ago: only the others are looked for on disk.
    report.missing = sum(not os.path.exists(path) for path in ledger.files() if path not in walked)
    report.documents = index.document_count()
    report.segments = index.segment_count()
    report.seconds = time.monotonic() - started
    index.record_run(report.to_dict())
    return report


class _IndexRun:
    """One `archive index` run: plans the reading, applies each batch, commits it."""

    def __init__(self, index: ArchiveIndex, writing: IndexWriting, ledger: _Ledger, report: IndexReport,
                 options: IndexOptions, progress: ProgressCallback | None, total: int) -> None:
        self.index, self.writing, self.ledger, self.report = index, writing, ledger, report
        self.options, self.progress, self.total = options, progress, total
        self.done = 0
        self.pool: WorkerPool | None = None
        self.parts = _PdfParts()

    def run(self, files: list[SourceFile]) -> None:
        tasks = []
        for source in files:
            previous = self.ledger.by_path.get(source.path)
            if previous and (previous.size, previous.mtime_ns) == (source.size, source.mtime_ns):
                self.report.unchanged += 1
                self._tick(source.path)
            else:
                tasks.append(ReadTask(source, previous.doc_id if previous else None, self.options.settings))
        # Largest first: a big PDF started last would leave the other workers idle at the end.
        tasks.sort(key=lambda task: -task.source.size)
        self.pool = self._pool()
        for batch in self.pool.run(tasks):
            self._commit(batch)

    def _pool(self) -> WorkerPool:
        """Reader processes here, or a Dask cluster's workers: the same batches either way."""
        make_reader = functools.partial(Reader, str(self.index.folder))
        options = self.options
        if options.cluster:
            from indexer._cluster import ClusterPool

            return ClusterPool(options.cluster, make_reader, read_task, options.timeout, options.memory_mb,
                               options.commit_every, COMMIT_SECONDS, on_done=self._on_done,
                               prepare=with_bytes if options.ship_bytes else None,
                               size_of=_parcel_weight)
        return WorkerPool(make_reader, options.worker_count, options.timeout, options.memory_mb,
                          options.commit_every, COMMIT_SECONDS, on_done=self._on_done, fatal=(IndexWriteError,))

    def _on_done(self, finished: Finished) -> None:
        """As each file (or part of a long PDF) is read: count it; share out a long PDF's parts,
        and once all are in, the making of its documents (names above all: a reader's work)."""
        task, outcome = finished.task, finished.result
        if task.pages is None and task.whole is None:
            self._tick(task.source.path)
        if outcome is None or outcome.part is None:
            return
        if task.pages is None:
            count = outcome.part.page_count
            self.pool.add([ReadTask(task.source, task.previous_doc_id, task.settings,
                                    (start, start + PAGES_PER_PART))
                           for start in range(PAGES_PER_PART, count, PAGES_PER_PART)])
        whole = self.parts.add(task, outcome)
        if whole is not None:
            self.pool.add([whole])

    def _tick(self, path: str) -> None:
        self.done += 1
        if self.progress:
            self.progress(min(self.done, self.total), self.total, path)

    def _commit(self, batch: Batch) -> None:
        """Apply what the readers wrote, then commit their segments with this process's changes."""
        for failure in batch.failures:
            self._fail(failure.task, failure.error)
        rewrites: dict[str, Document] = {}
        accepted: dict[str, tuple[object, int, Document]] = {}
        for segment, results in batch.parts:
            for finished in results:
                if finished.result.part is None:
                    self._apply(finished.task, finished.result, segment, accepted, rewrites)
        for doc_id, document in rewrites.items():
            self.writing.put(_with_text(self.index, document), self.ledger.paths_of(doc_id))
        self.writing.commit(segments=[segment for segment, _ in batch.parts if segment is not None])

    def _apply(self, task: ReadTask, outcome: ReadOutcome, segment, accepted: dict,
               rewrites: dict[str, Document]) -> None:
        source, report = task.source, self.report
        if outcome.error or outcome.skipped:
            (report.failed if outcome.error else report.skipped).append(
                Problem(source.path, outcome.error or outcome.skipped))
            return
        if outcome.unchanged:
            report.unchanged += 1
            return
        previous = self.ledger.by_path.get(source.path)
        if previous:
            _forget_file(self.index, self.writing, self.ledger, source.path, rewrites)
        for document, docnum in zip(outcome.documents, outcome.docnums, strict=True):
            report.partial += [Problem(document.path, note) for note in document.notes]
            known = bool(self.ledger.paths_of(document.id))
            self.ledger.attach(FileState(document.path, source.size, source.mtime_ns, document.id))
            if known:
                # The same bytes met again: written here, once, with every path.
                segment.delete_document(docnum)
                earlier = rewrites.get(document.id)
                if document.id in accepted:
                    other_segment, other_docnum, earlier = accepted.pop(document.id)
                    other_segment.delete_document(other_docnum)
                elif earlier is None:
                    earlier = self.index.stored_document(document.id)
                rewrites[document.id] = _first_in_path_order(document, earlier)
            else:
                accepted[document.id] = (segment, docnum, document)
                self.writing.keep_text(document.id)
        if previous:
            report.updated += 1
        else:
            report.added += 1


    def _fail(self, task: ReadTask, error: str) -> None:
        if task.pages:
            error = f"{error} (reading pages {task.pages[0] + 1} to {task.pages[1]})"
            if not self.parts.drop(task.source.path):
                return  # the file has already failed by another of its parts
        self.report.failed.append(Problem(task.source.path, error))


class _PdfParts:
    """The parts of long PDFs as they come in; a file is whole when every part has."""

    def __init__(self) -> None:
        self.first: dict[str, tuple[ReadTask, ReadOutcome]] = {}
        self.pages: dict[str, dict[int, list[str]]] = defaultdict(dict)
        self.notes: dict[str, list[str]] = defaultdict(list)
        self.failed: set[str] = set()

    def add(self, task: ReadTask, outcome: ReadOutcome) -> ReadTask | None:
        """A part in; once the file's last is, the task of making its documents."""
        path = task.source.path
        if path in self.failed:
            return None
        if task.pages is None:
            self.first[path] = (task, outcome)
        self.pages[path][task.pages[0] if task.pages else 0] = outcome.part.pages
        self.notes[path] += outcome.part.notes  # pages OCR could not read
        return self._whole(path)

    def drop(self, path: str) -> bool:
        """Forget a file one of whose parts failed; False if it had failed already."""
        self.first.pop(path, None)
        self.pages.pop(path, None)
        self.notes.pop(path, None)
        if path in self.failed:
            return False
        self.failed.add(path)
        return True

    def _whole(self, path: str) -> ReadTask | None:
        if path not in self.first:
            return None
        task, first = self.first[path]
        expected = range(0, first.part.page_count, PAGES_PER_PART)
        if set(self.pages[path]) != set(expected):
            return None
        del self.first[path]
        parts = self.pages.pop(path)
        raw = RawText(pages=[page for start in expected for page in parts[start]], title=first.part.title,
                      fallback_date=first.part.fallback_date,
                      fallback_date_source=first.part.fallback_date_source,
                      notes=sorted(self.notes.pop(path), key=_page_of_note))
        return ReadTask(task.source, task.previous_doc_id, task.settings, whole=raw, sha256=first.sha256)


def _parcel_weight(task: ReadTask) -> int:
    """What a task weighs in a cluster's parcel of small files: its file's size; the parts of a long
    PDF, and the making of its documents, travel alone (its parts are read side by side)."""
    if task.pages or task.whole is not None:
        return 1 << 62
    return task.source.size


def _page_of_note(note: str) -> int:
    """Notes of a long PDF's parts in page order ("page 17 not read: ..."), as they came otherwise."""
    words = note.split()
    return int(words[1]) if len(words) > 1 and words[0] == "page" and words[1].isdigit() else 0


def _under(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _prune(writing: IndexWriting, ledger: _Ledger, paths: list[str], seen: set[str],
           index: ArchiveIndex) -> int:
    """Forget files under the given paths that are no longer there; documents with no file left go."""
    roots = [index_path(str(Path(real_path(path)).resolve())) for path in paths]
    gone = [path for path in ledger.files() if path not in seen and _under(path, roots)
            and not os.path.exists(real_path(path))]
    rewrites: dict[str, Document] = {}
    for path in gone:
        _forget_file(index, writing, ledger, path, rewrites)
    for doc_id, document in rewrites.items():
        writing.put(document, ledger.paths_of(doc_id))
    return len(gone)


def _with_text(index: ArchiveIndex, document: Document) -> Document:
    """A document as a reader handed it back (without its pages), its text read from the store."""
    if document.pages:
        return document
    return dataclasses.replace(document, pages=index.texts.get(document.id).split(PAGE_BREAK))


def _first_in_path_order(document: Document, earlier: Document | None) -> Document:
    """Of two readings of the same bytes, the one read from the path first in order: what a
    path gives a document (its sidecar, a date in its name) then comes from the same path
    whichever reader finished first, and whichever run met the path first."""
    if earlier is None or document.path < earlier.path:
        return document
    return earlier


def _forget_file(index: ArchiveIndex, writing: IndexWriting, ledger: _Ledger, path: str,
                 rewrites: dict[str, Document]) -> None:
    """A file changed or went: its old documents lose this path, and go when they have none left
    (those that keep another path are added to ``rewrites``, to be written once with their paths)."""
    for doc_id in ledger.detach_file(path):
        if ledger.paths_of(doc_id):
            stored = rewrites.get(doc_id) or index.stored_document(doc_id)
            if stored is not None:
                rewrites[doc_id] = stored
        else:
            writing.delete(doc_id)
            rewrites.pop(doc_id, None)
