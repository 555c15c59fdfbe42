"""The Whoosh side of an archive index: its segments in one folder, opened, locked, written, merged.

ArchiveIndex, the indexing run, check, reindex and compact hold a WhooshEngine and go through its
methods; the Whoosh index object, its table of contents and its writers stay in here.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.index import TOC, LockError
from whoosh.reading import SegmentReader
from whoosh.writing import NO_MERGE

from indexer._schema import PAIRS_FIELD, build_schema
from indexer.engines import IndexFormat
from indexer.engines.whoosh import search
from indexer.engines.whoosh.open_segments import OpenSegments
from indexer.engines.whoosh.ranking import RANKING
from indexer.engines.whoosh.writer import FastSegmentWriter
from indexer.errors import IndexBusy, IndexDamaged
from indexer.searching import Found, SearchRequest

NAME = "whoosh"
# Raised whenever what is indexed, or how, changes so that an index written before answers
# differently; tests/fixtures/archive_index is then written again (make_archive_index.py).
FORMAT = 1
# Tries at opening an index whose table of contents a commit replaces at that moment.
OPEN_TRIES = 20
# Memory for the postings a writer holds before spilling them to disk: the indexing process's
# own, and each reader process's.
WRITER_LIMIT_MB = 256
READER_LIMIT_MB = 128
# Segments with fewer documents are small: runs of a few files each leave two of them (one per
# reader), and every search visits every segment. At the end of a run, once there are this many
# small ones, they are merged into one; that one is not small again, so a document is rewritten
# by merging at most once. (Whoosh's own MERGE_SMALL never merges equal segments of this size.)
SMALL_SEGMENT_DOCS = 1000
SMALL_SEGMENTS_MERGED = 10


class WhooshEngine:
    """The Whoosh index in ``folder``: segments, their table of contents, the locks beside them."""

    name = NAME
    index_format = IndexFormat(NAME, FORMAT)

    def __init__(self, folder: Path, ix) -> None:
        self.folder = folder
        self._ix = ix
        # Read once: Whoosh reads it from the table of contents each time, which a commit may replace.
        self.schema = ix.schema
        # Searches reuse the segments they opened (open_segments.py).
        self.open_segments = OpenSegments(ix, RANKING)

    @classmethod
    def open(cls, folder: Path) -> WhooshEngine | None:
        """The index in ``folder``, None when there is none; IndexDamaged when it cannot be read."""
        for attempt in range(OPEN_TRIES):
            try:
                if not whoosh_index.exists_in(str(folder)):
                    return None
                return cls(folder, whoosh_index.open_dir(str(folder)))
            except FileNotFoundError:
                # A commit replaced the table of contents between finding and reading it: read the new one.
                if attempt == OPEN_TRIES - 1:
                    raise IndexDamaged(f"the index at {folder} keeps changing under this command: try again") from None
            except Exception as error:  # whatever a garbled table of contents makes Whoosh raise
                raise IndexDamaged(f"the index at {folder} cannot be opened ({type(error).__name__}: {error}); "
                                   f"`archive check` says how to repair it") from None
        return None

    @classmethod
    def create(cls, folder: Path) -> WhooshEngine:
        return cls(folder, whoosh_index.create_in(str(folder), build_schema()))

    @staticmethod
    def segment_writer(folder: Path) -> WhooshSegmentWriter:
        return WhooshSegmentWriter(folder)

    def lock(self, name: str):
        """A lock file beside the segments (not yet taken)."""
        return self._ix.storage.lock(name)

    def generation(self) -> int:
        """The number of the newest commit: it changes with every commit."""
        return self._ix.latest_generation()

    def searcher(self):
        """A Whoosh searcher that ranks as the archive does (ranking.py), opened afresh: for reading
        outside searches, which should not keep the segments open and mapped (searches: open_segments)."""
        return self._ix.searcher(weighting=RANKING)

    def all_stored(self):
        """Every live document's stored fields."""
        with self.searcher() as searcher:
            yield from searcher.all_stored_fields()

    def document_count(self) -> int:
        with self.searcher() as searcher:
            return searcher.doc_count()

    def has_document(self, doc_id: str) -> bool:
        """Whether the newest commit holds a live document of this id."""
        with self.searcher() as searcher:
            return searcher.document_number(id=doc_id) is not None

    def segment_ids(self) -> set[str]:
        return {segment.segment_id() for segment in self._ix._segments()}

    def segment_count(self) -> int:
        return len(self._ix._segments())

    def is_compact(self) -> bool:
        """One segment without deleted documents: nothing for `archive compact` to merge."""
        segments = self._ix._segments()
        return len(segments) <= 1 and not any(segment.has_deletions() for segment in segments)

    def segment_of_file(self, name: str) -> str | None:
        """The segment a file of the folder belongs to, None for a file of no segment."""
        match = TOC._segment_pattern(self._ix.indexname).match(name)
        return match.group(1) if match else None

    def snapshot(self) -> tuple[set[str], list[dict], dict[str, int]]:
        """One committed state, read whole: its segments, each live document's stored fields, and
        how many live documents each id term leads to (reading the terms and postings files too)."""
        with self.searcher() as searcher:
            reader = searcher.reader()
            segments = reader.segments() or []
            stored = [fields for _, fields in reader.iter_docs()]
            id_postings = {}
            for term in reader.lexicon("id"):
                live = [docnum for docnum in reader.postings("id", term).all_ids() if not reader.is_deleted(docnum)]
                id_postings[term.decode("utf-8") if isinstance(term, bytes) else term] = len(live)
            return {s.segment_id() for s in segments}, stored, id_postings

    def writer(self) -> WhooshWriter:
        return WhooshWriter(self)

    # ---- reading ---------------------------------------------------------------------
    def search(self, request: SearchRequest) -> Found:
        return search.search(self, request)

    def similar(self, doc_id: str, text: str, limit: int) -> list[tuple[dict, float]]:
        return search.similar(self, doc_id, text, limit)

    def explain(self, request: SearchRequest) -> str:
        return search.explain(self, request)

    def stored(self, **unique) -> dict | None:
        """The stored fields of the document whose ``id`` or ``path`` is the one given."""
        with self.searcher() as searcher:
            return searcher.document(**unique)

    def stored_with_id_start(self, start: str) -> list[dict]:
        """The stored fields of every document whose id starts with ``start``."""
        with self.searcher() as searcher:
            return [searcher.stored_fields(docnum) for docnum in searcher.docs_for_query(wq.Prefix("id", start))]


def with_pairs(fields: dict, schema) -> dict:
    """The document's fields, with the pairs of common words where the index has that field."""
    if PAIRS_FIELD in schema:
        return {**fields, PAIRS_FIELD: fields["body"]}
    return fields


class WhooshWriter:
    """The one writer of an index, opened on the first change; each commit ends its batch."""

    def __init__(self, engine: WhooshEngine) -> None:
        self.engine = engine
        self._writer = None

    def _open(self):
        if self._writer is None:
            try:
                self._writer = FastSegmentWriter(self.engine._ix, limitmb=WRITER_LIMIT_MB, compound=False)
            except LockError:
                raise IndexBusy(f"index is busy: another process is writing to {self.engine.folder}") from None
        return self._writer

    def update(self, fields: dict) -> None:
        """Add a document, replacing the committed one of its id."""
        writer = self._open()
        writer.update_document(**with_pairs(fields, writer.schema))

    def delete(self, doc_id: str) -> None:
        self._open().delete_by_term("id", doc_id)

    def cancel(self) -> None:
        """Drop the uncommitted batch. A writer that failed half-way (a full disk) may fail again on
        cancelling, and the first error is the one to report."""
        if self._writer is not None:
            with contextlib.suppress(Exception):
                self._writer.cancel()
            self._writer = None

    def compact(self, text_of: Callable[[str], str]) -> None:
        """Merge every segment into one, committed (deleted documents' postings go); Whoosh merges
        its postings in place, without the texts."""
        self._open().commit(optimize=True)
        self._writer = None

    def commit(self, merge: bool = False, segments: list | None = None) -> None:
        """Make the batch durable, with the readers' ``segments`` if any; ``merge``: small segments
        merged too (left to the end of a run: each commit would rewrite the growing segments again)."""
        if segments:
            self._commit_with(segments, merge)
        elif self._writer is not None or (merge and _small_segments(self.engine._ix._segments())):
            self._open().commit(mergetype=merge_small_segments if merge else NO_MERGE)
        self._writer = None

    def _commit_with(self, segments: list, merge: bool) -> None:
        # What Whoosh's own multi-process writer does with its sub-writers' segments: the
        # existing segments (with this writer's deletions), the new ones, one new table of contents.
        writer = self._open()
        existing = writer._merge_segments(merge_small_segments if merge else NO_MERGE, False, merge)
        if writer._added:
            existing.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc(existing + list(segments))
        writer._finish()


class WhooshSegmentWriter:
    """In a reader process: documents into a segment of its own in ``folder``, handed to the
    indexing process's writer at each commit (the index's lock stays with that process)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._writer = None

    def add(self, fields: dict) -> int:
        """Write one document; returns its number within this segment."""
        if self._writer is None:
            ix = whoosh_index.open_dir(str(self.folder))
            self._writer = FastSegmentWriter(ix, _lk=False, limitmb=READER_LIMIT_MB, compound=False)
        docnum = self._writer.docnum
        self._writer.add_document(**with_pairs(fields, self._writer.schema))
        return docnum

    def finish(self):
        """The finished segment (None when nothing was written since the last one)."""
        writer, self._writer = self._writer, None
        if writer is None:
            return None
        if not writer._added:
            writer._close_segment()
            return None
        return writer._finalize_segment()


def _small_segments(segments: list) -> list:
    small = [segment for segment in segments if segment.doc_count() < SMALL_SEGMENT_DOCS]
    return small if len(small) >= SMALL_SEGMENTS_MERGED else []


def merge_small_segments(writer, segments: list) -> list:
    """A Whoosh merge policy: the small segments into the writer's new one, the rest kept."""
    small = _small_segments(segments)
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in small]
