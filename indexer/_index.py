"""An archive index in a folder: documents written through its engine, found again, the texts
beside them and the log of indexing runs."""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from archive.document import ATTACHMENT_MARK, PAGE_BREAK, Document, PartialDate
from archive.file_names import index_path
from indexer._schema import NAME_SEPARATOR, PATH_SEPARATOR, UNDATED, date_sort_key, date_tokens
from indexer._snippets import Targets, best_passages, opening_passage
from indexer._texts import TextStore
from indexer.engines import DEFAULT_ENGINE, Engine, engine_class, read_format, require_format, write_format
from indexer.searching import SORTS, Hit, SearchRequest, SearchResults, StoredDocument
from indexer.errors import DocumentNotFound, IndexBusy, IndexEngineMismatch, IndexNotFound, IndexWriteError, QueryError

# The summaries of the last runs of `archive index`, newest last, for `archive failures`.
RUNS_FILE = "runs.jsonl"
KEEP_RUNS = 20
# Held by one writing run (`archive index`, `archive reindex`) from start to end.
RUN_LOCK = "ARCHIVE_RUN_LOCK"
# What a write that finds no room left is told, in the user's words.
NO_ROOM = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
           errno.EFBIG: "a file size limit was reached"}


@dataclass(frozen=True)
class FileState:
    """What the index remembers of a file, to tell an unchanged file without reading it."""

    path: str
    size: int
    mtime_ns: int
    doc_id: str


def document_fields(document: Document, sources: list[FileState]) -> dict:
    date = document.date
    return {
        "id": document.id,
        "path": PATH_SEPARATOR.join(source.path for source in sources),
        "sources": [(s.path, s.size, s.mtime_ns) for s in sources],
        "sha256": document.sha256,
        "title": document.title,
        "body": document.text,
        "names": NAME_SEPARATOR.join(document.names + [p for p in (document.sender, document.recipient) if p]),
        "sender": document.sender or "",
        "recipient": document.recipient or "",
        "people": document.people,
        "organisations": document.organisations,
        "type": document.kind,
        "format": document.format,
        "date": date.iso() if date else None,
        "date_source": document.date_source,
        "date_terms": " ".join(date_tokens(date)) if date else UNDATED,
        "date_sort": date_sort_key(date),
        "dated": int(date is not None),
        "mentions": " ".join(t for d in document.dates_mentioned for t in date_tokens(d)),
        "dates_mentioned": [d.iso() for d in document.dates_mentioned],
        "pages": document.page_count,
        "overridden": document.overridden,
    }


class ArchiveIndex:
    """An archive index in one folder: the engine's files plus the document texts beside them."""

    def __init__(self, folder: Path, engine: Engine) -> None:
        self.folder = folder
        self.engine = engine
        self.texts = TextStore(folder / "texts")

    @classmethod
    def open(cls, folder: str | Path, outdated_ok: bool = False) -> ArchiveIndex:
        """The index in ``folder``, opened by the engine that wrote it; IndexOutdated when it is in
        another format than this archive writes, unless ``outdated_ok`` (to rebuild it)."""
        folder = Path(folder)
        found = read_format(folder)
        engine_type = engine_class(found.engine, folder)
        engine = engine_type.open(folder)
        if engine is None:
            raise IndexNotFound(f"no index at {folder}: run `archive index PATH` first")
        if not outdated_ok:
            require_format(folder, found, engine_type.index_format)
        return cls(folder, engine)

    @classmethod
    def open_or_create(cls, folder: str | Path, engine: str | None = None) -> ArchiveIndex:
        """The index in ``folder``, or a new one there kept by ``engine`` (None: the default);
        IndexEngineMismatch when the index there is kept by another engine than ``engine``."""
        folder = Path(folder)
        with contextlib.suppress(IndexNotFound):
            index = cls.open(folder)
            if engine is not None and index.engine.name != engine:
                raise IndexEngineMismatch(
                    f"the index at {folder} is kept by the {index.engine.name} engine, not {engine}: build a "
                    f"{engine} index in another folder (--index NEW_FOLDER)")
            return index
        engine = engine or DEFAULT_ENGINE
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise IndexNotFound(f"cannot create an index at {folder}: {error.strerror}") from None
        with failing_writes_reported(folder):
            created = engine_class(engine, folder).create(folder)
            write_format(folder, created.index_format)
        return cls(folder, created)

    # ---- writing -----------------------------------------------------------------
    def writing(self) -> IndexWriting:
        return IndexWriting(self)

    def run_lock(self):
        """Take the lock one writing run holds from start to end (release it when done);
        IndexBusy when another run holds it."""
        lock = self.engine.lock(RUN_LOCK)
        if not lock.acquire(blocking=False):
            raise IndexBusy(f"index is busy: another `archive index` or `archive reindex` is writing to "
                            f"{self.folder}")
        return lock

    def file_states(self) -> dict[str, FileState]:
        """Every file path the index knows, with the size and time it had when read."""
        states = {}
        for stored in self.engine.all_stored():
            for path, size, mtime_ns in stored.get("sources", []):
                states[path] = FileState(path, size, mtime_ns, stored["id"])
        return states

    def stored_document(self, doc_id: str) -> Document | None:
        """A committed document rebuilt from its stored fields and text, to rewrite it."""
        stored = self.engine.stored(id=doc_id)
        if not stored:
            return None
        date = stored.get("date")
        return Document(
            path=stored["sources"][0][0] if stored.get("sources") else "", sha256=stored["sha256"],
            format=stored["format"], title=stored["title"], kind=stored["type"],
            pages=self.texts.get(doc_id).split(PAGE_BREAK),
            date=PartialDate.from_iso(date) if date else None, date_source=stored.get("date_source"),
            dates_mentioned=[PartialDate.from_iso(d) for d in stored.get("dates_mentioned", [])],
            people=stored.get("people", []), organisations=stored.get("organisations", []),
            sender=stored.get("sender") or None, recipient=stored.get("recipient") or None,
            overridden=stored.get("overridden") or {},
        )

    # ---- reading -----------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResults:
        if request.sort not in SORTS:
            raise QueryError(f"unknown sort {request.sort!r}: use one of {', '.join(SORTS)}")
        if request.limit < 1 or request.page < 1:
            raise QueryError("--limit and --page must be at least 1")
        found = self.engine.search(request)
        return SearchResults(total=found.total, hits=[self._hit(stored, score, found.targets) for stored, score in found.page],
                             suggestion=found.suggestion, facets=found.facets)

    def similar(self, id_or_path: str, limit: int = 10) -> SearchResults:
        """Documents most like one document (sharing its most telling words)."""
        stored = self.get(id_or_path)
        hits = [self._hit(fields, score, Targets()) for fields, score in
                self.engine.similar(stored.hit.id, stored.text, limit)]
        return SearchResults(total=len(hits), hits=hits)

    def explain(self, request: SearchRequest) -> str:
        """How the request was understood: the query the engine runs, filters included."""
        return self.engine.explain(request)

    def _hit(self, stored: dict, score: float | None, targets: Targets) -> Hit:
        text = self.texts.get(stored["id"])
        passages = best_passages(text, targets)
        paths = [source[0] for source in stored.get("sources", [])]
        date = stored.get("date")
        return Hit(
            id=stored["id"], path=paths[0] if paths else "", paths=paths,
            title=stored.get("title", ""), kind=stored.get("type", ""),
            format=stored.get("format", ""), date=date,
            date_precision=PartialDate.from_iso(date).precision if date else None,
            score=round(score, 4) if score is not None else 0.0,
            people=stored.get("people", []), organisations=stored.get("organisations", []),
            sender=stored.get("sender") or None, recipient=stored.get("recipient") or None,
            pages=stored.get("pages", 1),
            passages=passages or ([opening_passage(text)] if text else []),
        )

    def get(self, id_or_path: str) -> StoredDocument:
        """One document by its id (or a unique start of it) or by a path it was read from."""
        id_or_path = index_path(id_or_path)  # a path typed as kept, or as the disk has it
        stored = self.engine.stored(id=id_or_path) or self.engine.stored(path=os.path.abspath(id_or_path))
        if not stored and len(id_or_path) >= 4:
            matches = self.engine.stored_with_id_start(id_or_path.lower())
            if len(matches) > 1:
                raise DocumentNotFound(f"{id_or_path!r} matches {len(matches)} documents: give more of the id")
            stored = matches[0] if matches else None
        if not stored:
            raise DocumentNotFound(f"no document with id or path {id_or_path!r}")
        return StoredDocument(hit=self._hit(stored, None, Targets()), date_source=stored.get("date_source"),
                              dates_mentioned=stored.get("dates_mentioned", []),
                              overridden=stored.get("overridden") or {},
                              sha256=stored.get("sha256", ""), text=self.texts.get(stored["id"]))

    def search_count(self, query: str) -> int:
        """How many documents match ``query`` (the whole result set, not one page)."""
        return self.search(SearchRequest(query=query, limit=1)).total

    def document_count(self) -> int:
        return self.engine.document_count()

    def segment_count(self) -> int:
        return self.engine.segment_count()

    def is_compact(self) -> bool:
        """Nothing for `archive compact` to merge."""
        return self.engine.is_compact()

    def record_run(self, summary: dict) -> None:
        """Keep the summary of an indexing run beside the index (the last KEEP_RUNS of them)."""
        with failing_writes_reported(self.folder):
            self._record_run(summary)

    def _record_run(self, summary: dict) -> None:
        entry = {"finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), **summary}
        lines = [json.dumps(run, ensure_ascii=False) for run in self.runs()[-(KEEP_RUNS - 1):]]
        lines.append(json.dumps(entry, ensure_ascii=False))
        temporary = self.folder / f"{RUNS_FILE}.tmp"
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(temporary, self.folder / RUNS_FILE)

    def runs(self) -> list[dict]:
        try:
            text = (self.folder / RUNS_FILE).read_text(encoding="utf-8")
        except OSError:
            return []
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def stats(self) -> dict:
        by_type, by_year, by_format = Counter(), Counter(), Counter()
        total = missing = 0
        for stored in self.engine.all_stored():
            total += 1
            by_type[stored.get("type")] += 1
            by_format[stored.get("format")] += 1
            by_year[stored["date"][:4] if stored.get("date") else "undated"] += 1
            missing += sum(ATTACHMENT_MARK not in path and not os.path.exists(path)
                           for path, _, _ in stored.get("sources", []))
        index_bytes = sum(entry.stat().st_size for entry in self.folder.rglob("*") if entry.is_file())
        return {"documents": total, "by_type": dict(sorted(by_type.items())),
                "by_year": dict(sorted(by_year.items())), "by_format": dict(sorted(by_format.items())),
                "index_bytes": index_bytes, "missing_files": missing}


@contextlib.contextmanager
def failing_writes_reported(folder: Path):
    """A write that fails (no room left, no permission) becomes one IndexWriteError saying so;
    Whoosh writes each table of contents beside the last one, so every earlier commit stays."""
    try:
        yield
    except OSError as error:
        raise IndexWriteError(_write_failure(folder, error)) from None


def _write_failure(folder: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    if error.errno in NO_ROOM:
        reason = f"{NO_ROOM[error.errno]} ({reason})"
    return (f"cannot write to the index at {folder}: {reason}; every batch committed before is kept: "
            f"make room and run the command again")


class IndexWriting:
    """One writer's session: holds the index's write lock until closed; commits in batches.

    Documents come in two ways: written here (``put``), or written by reader processes into
    segments of their own (``SegmentWriting``) that a commit adds to the index alongside.
    """

    def __init__(self, index: ArchiveIndex) -> None:
        self.index = index
        self._writer = index.engine.writer()
        self._dropped_texts: list[str] = []
        self._put_ids: set[str] = set()      # written by this process since the last commit
        self._kept_texts: set[str] = set()   # written since the last commit, here or by a reader
        self._run_lock = None

    def __enter__(self) -> IndexWriting:
        self._run_lock = self.index.run_lock()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.commit(merge=True)
            else:
                self._writer.cancel()
        finally:
            self._run_lock.release()

    def put(self, document: Document, sources: list[FileState]) -> None:
        """Add or replace a document, recording every file it was read from."""
        if document.id in self._put_ids:
            # The engine replaces only committed documents: commit before rewriting one
            # written here since the last commit.
            self.commit()
        with failing_writes_reported(self.index.folder):
            self.index.texts.put(document.id, document.text)
            self._put_ids.add(document.id)
            self._kept_texts.add(document.id)
            self._writer.update(document_fields(document, sources))

    def delete(self, doc_id: str) -> None:
        self._writer.delete(doc_id)
        self._dropped_texts.append(doc_id)

    def compact(self) -> None:
        """Merge every segment into one, committed (deleted documents' postings go)."""
        with failing_writes_reported(self.index.folder):
            self._writer.compact(self.index.texts.get)

    def keep_text(self, doc_id: str) -> None:
        """A reader process wrote this document (and its text) in this batch."""
        self._kept_texts.add(doc_id)

    def commit(self, merge: bool = False, segments: list | None = None) -> None:
        """Make the batch durable, with the readers' ``segments`` if any. Merging segments is
        left to the end of a run (``merge=True``): during it, each commit would rewrite the
        growing segments again."""
        with failing_writes_reported(self.index.folder):
            self._writer.commit(merge, segments)
        for doc_id in set(self._dropped_texts) - self._kept_texts:
            self.index.texts.delete(doc_id)
        self._dropped_texts, self._put_ids, self._kept_texts = [], set(), set()


class SegmentWriting:
    """In a reader process: documents into a segment of its own, handed to the indexing
    process at each commit (the index's lock stays with the indexing process)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.texts = TextStore(self.folder / "texts")
        self._segment = engine_class(read_format(self.folder).engine, self.folder).segment_writer(self.folder)

    def add(self, document: Document, sources: list[FileState]) -> int:
        """Write one document; returns its number within this process's segment."""
        with failing_writes_reported(self.folder):
            self.texts.put(document.id, document.text)
            return self._segment.add(document_fields(document, sources))

    def finish(self):
        """The finished segment (None when nothing was written since the last one)."""
        # The temporary folder is shared by every reader: the indexing process's commit clears it.
        with failing_writes_reported(self.folder):
            return self._segment.finish()
