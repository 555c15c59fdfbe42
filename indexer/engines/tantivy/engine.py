"""The tantivy side of an archive index: its schema, the archive's own words as pre-tokenized text,
one writer, stored documents, its segments for check and compact; searching is in search.py."""
from __future__ import annotations

import dataclasses
import errno
import fcntl
import functools
import json
import math
import os
import re
import shutil
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import tantivy

from indexer._schema import (COMMON_WORDS, FAST_FIELD_WORDS, NAME_ANALYZER, PAIRS_FIELD, PATH_SEPARATOR, TEXT_ANALYZER,
                             analyzed_words, common_pairs, with_possessives_as_words)
from indexer.engines import IndexFormat
from indexer.engines.tantivy import search
from indexer.errors import IndexBusy, IndexDamaged
from indexer.searching import Found, SearchRequest

NAME = "tantivy"
# 2: the stored fields keep what compact needs to write a document again. 3: the body's pairs of
# common words (COMMON_WORDS: changing that list changes what an index holds, so FORMAT too).
FORMAT = 3
# Memory for the documents tantivy's writer holds before it writes a segment.
WRITER_HEAP_BYTES = 256_000_000
# Fields searched by words at positions, each with the archive analyser that makes its words.
POSITIONED = {"title": TEXT_ANALYZER, "body": TEXT_ANALYZER, "names": NAME_ANALYZER,
              "sender": NAME_ANALYZER, "recipient": NAME_ANALYZER}
# Fields of whole terms: one term per value ("letter", "pdf", a path, a date term).
WHOLE_TERMS = ("id", "path", "type", "format", "date_terms", "mentions")
SORTABLE = ("date_sort", "dated")
# What every search and lookup answers with: the fields Whoosh's engine stores, kept as JSON.
STORED = ("id", "path", "sources", "sha256", "title", "sender", "recipient", "people", "organisations",
          "type", "format", "date", "date_source", "dates_mentioned", "pages", "overridden")
STORED_FIELD = "stored"
# Kept beside the stored fields for compact, which writes each document again (tantivy-py cannot
# merge segments on request); with the text from the archive's text store, they are its fields.
REWRITE_ONLY = ("names", "date_terms", "mentions", "date_sort", "dated")
# A reader process's spooled documents, in the index folder until the commit that writes them.
SPOOL_PREFIX = "spool-"
# "Similar": a document's this many most telling words, of at least this many letters.
KEY_WORDS = 10
MIN_KEY_WORD_LENGTH = 3
# A segment's id in its files' names: a UUID's 32 hex digits.
SEGMENT_ID_LENGTH = 32


# tantivy's lock files: held with flock, so a forked process that keeps a copy of the open file
# keeps the lock too.
TANTIVY_LOCK_FILES = (".tantivy-meta.lock", ".tantivy-writer.lock")


def _close_inherited_tantivy_locks() -> None:
    """In a process just forked (the indexing run's readers): close its copies of tantivy's lock
    files. tantivy's threads take the meta lock for a moment at each commit and reload; a reader
    forked in that moment held it for its whole life, and the indexing process then waited for
    its own lock forever. Linux only, where the readers are forked (indexer/_pool.py)."""
    try:
        descriptors = os.listdir("/proc/self/fd")
    except OSError:
        return
    for descriptor in descriptors:
        try:
            if os.readlink(f"/proc/self/fd/{descriptor}").endswith(TANTIVY_LOCK_FILES):
                os.close(int(descriptor))
        except OSError:
            continue  # the descriptor listing the folder itself, gone by now


os.register_at_fork(after_in_child=_close_inherited_tantivy_locks)


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for field in WHOLE_TERMS:
        builder.add_text_field(field, tokenizer_name="raw", index_option="basic")
    for field in (*POSITIONED, PAIRS_FIELD):
        builder.add_text_field(field, tokenizer_name="raw", index_option="position")
    for field in SORTABLE:
        builder.add_integer_field(field, indexed=True, fast=True)
    builder.add_bytes_field(STORED_FIELD, stored=True)
    return builder.build()


def placed_words(field: str, text: str) -> list[tuple[int, str]]:
    """(position, word) as the archive's analyser of ``field`` indexes ``text`` (a possessive's word
    at its place too), found with its one regular expression (FAST_FIELD_WORDS)."""
    return _placed(field, analyzed_words(FAST_FIELD_WORDS[field], text))


def _placed(field: str, words: list[str]) -> list[tuple[int, str]]:
    placed = enumerate(words)
    return list(with_possessives_as_words(placed) if POSITIONED[field] is TEXT_ANALYZER else placed)


def _add_words(document: tantivy.Document, field: str, text: str, placed: list[tuple[int, str]]) -> None:
    tokens = [tantivy.Token(word, position, 0, 0) for position, word in placed]
    document.add_pre_tokenized_text(field, tantivy.PreTokenizedString(text, tokens))


def tantivy_document(fields: dict) -> tantivy.Document:
    """The neutral fields of indexer._index.document_fields as a tantivy document."""
    document = tantivy.Document()
    for field in POSITIONED:
        text = fields.get(field) or ""
        words = analyzed_words(FAST_FIELD_WORDS[field], text)
        _add_words(document, field, text, _placed(field, words))
        if field == "body":  # as the Whoosh engine's body_pairs: a phrase of common words is found by them
            _add_words(document, PAIRS_FIELD, "", common_pairs(words, COMMON_WORDS))
    document.add_text("id", fields["id"])
    for path in fields["path"].split(PATH_SEPARATOR):
        document.add_text("path", path)
    document.add_text("type", fields["type"])
    document.add_text("format", fields["format"])
    for field in ("date_terms", "mentions"):
        for term in fields[field].split():
            document.add_text(field, term)
    for field in SORTABLE:
        document.add_integer(field, fields[field])
    kept = {field: fields[field] for field in STORED + REWRITE_ONLY if field in fields}
    document.add_bytes(STORED_FIELD, json.dumps(kept, ensure_ascii=False).encode("utf-8"))
    return document


def _kept_fields(document: tantivy.Document) -> dict:
    return json.loads(bytes(document.get_first(STORED_FIELD)))


def stored_fields(document: tantivy.Document) -> dict:
    kept = _kept_fields(document)
    return {field: value for field, value in kept.items() if field not in REWRITE_ONLY}


def rewritten_fields(document: tantivy.Document, text_of: Callable[[str], str]) -> dict:
    """A stored document's neutral fields again, its body from the archive's text store."""
    kept = _kept_fields(document)
    return kept | {"body": text_of(kept["id"])}


def documents_in(searcher: tantivy.Searcher) -> Iterator[tantivy.Document]:
    """Every live document of one committed state."""
    count = searcher.num_docs
    if not count:
        return
    for _, address in searcher.search(tantivy.Query.all_query(), limit=count, count=False).hits:
        yield searcher.doc(address)


class TantivyEngine:
    """The tantivy index in ``folder``."""

    name = NAME
    index_format = IndexFormat(NAME, FORMAT)

    def __init__(self, folder: Path, index: tantivy.Index) -> None:
        self.folder = folder
        self._index = index

    @classmethod
    def open(cls, folder: Path) -> TantivyEngine | None:
        if not (folder / "meta.json").exists():
            return None
        try:
            return cls(folder, tantivy.Index.open(str(folder)))
        except (OSError, ValueError) as error:
            raise IndexDamaged(f"the index at {folder} cannot be opened ({error}); "
                               f"`archive check` says how to repair it") from None

    @classmethod
    def create(cls, folder: Path) -> TantivyEngine:
        return cls(folder, tantivy.Index(build_schema(), path=str(folder), reuse=False))

    def lock(self, name: str) -> FileLock:
        return FileLock(self.folder / name)

    def _searcher(self) -> tantivy.Searcher:
        self._index.reload()  # the newest commit, another process's included
        return self._index.searcher()

    def generation(self) -> int:
        return json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))["opstamp"]

    def all_stored(self) -> Iterator[dict]:
        return self._stored_in(self._searcher())

    def _stored_in(self, searcher: tantivy.Searcher) -> Iterator[dict]:
        return (stored_fields(document) for document in documents_in(searcher))

    def document_count(self) -> int:
        return self._searcher().num_docs

    def stored(self, **unique) -> dict | None:
        """The stored fields of the document whose ``id`` or ``path`` is the one given."""
        (field, value), = unique.items()
        searcher = self._searcher()
        query = tantivy.Query.term_query(self._index.schema, field, value)
        hits = searcher.search(query, limit=1, count=False).hits
        return stored_fields(searcher.doc(hits[0][1])) if hits else None

    def has_document(self, doc_id: str) -> bool:
        return self.stored(id=doc_id) is not None

    def stored_with_id_start(self, start: str) -> list[dict]:
        searcher = self._searcher()
        ids = [term for term, _ in searcher.terms_with_prefix("id", start)]
        return [found for doc_id in ids if (found := self.stored(id=doc_id)) is not None]

    def _segments(self) -> list[dict]:
        """The newest commit's segments, as tantivy's meta.json lists them."""
        return json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))["segments"]

    def segment_ids(self) -> set[str]:
        return {segment["segment_id"].replace("-", "") for segment in self._segments()}

    def segment_count(self) -> int:
        return len(self._segments())

    def is_compact(self) -> bool:
        segments = self._segments()
        return len(segments) <= 1 and not any(segment.get("deletes") for segment in segments)

    def segment_of_file(self, name: str) -> str | None:
        """The segment a file of the folder belongs to ("<segment id>.<part>"), None for another file."""
        segment, _, part = name.partition(".")
        return segment if part and len(segment) == SEGMENT_ID_LENGTH and segment.isalnum() else None

    def snapshot(self) -> tuple[set[str], list[dict], dict[str, int]]:
        """One committed state, read whole: its segments, each live document's stored fields, and
        how many live documents each id term leads to."""
        searcher = self._searcher()
        segments = self.segment_ids()
        stored = list(self._stored_in(searcher))
        schema = self._index.schema
        id_postings = {term: searcher.search(tantivy.Query.term_query(schema, "id", term), limit=1).count
                       for term, _ in searcher.terms_with_prefix("id", "")}
        return segments, stored, id_postings

    # ---- searching -------------------------------------------------------------------
    def search(self, request: SearchRequest) -> Found:
        return search.search(self, request)

    def explain(self, request: SearchRequest) -> str:
        return search.explain(self, request)

    def similar(self, doc_id: str, text: str, limit: int) -> list[tuple[dict, float]]:
        """The stored documents most like one: those sharing most of its most telling words (each
        weighed by how often the document says it and how rare it is in the index)."""
        searcher = self._searcher()
        counts = Counter(word for _, word in placed_words("body", text) if len(word) >= MIN_KEY_WORD_LENGTH)
        documents = max(searcher.num_docs, 1)
        telling = sorted(counts, key=lambda word: -counts[word] * math.log(documents / (1 + searcher.doc_freq("body", word))))
        schema = self._index.schema
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "body", word)) for word in telling[:KEY_WORDS]]
            + [(tantivy.Occur.MustNot, tantivy.Query.term_query(schema, "id", doc_id))])
        return [(stored_fields(searcher.doc(address)), score)
                for score, address in searcher.search(query, limit=limit).hits]

    @staticmethod
    def segment_writer(folder: Path) -> TantivySegmentWriter:
        return TantivySegmentWriter(folder)

    def writer(self) -> TantivyWriter:
        return TantivyWriter(self)


# How tantivy-py reports a failed write: a ValueError naming the system's error number, in one of
# two forms ("(os error 27)", "Os { code: 28, kind: StorageFull, ... }").
OS_ERROR = re.compile(r"\(os error (\d+)\)|Os \{ code: (\d+)")


# How tantivy-py reports a write that failed in its indexing thread: the writer is killed and the
# next call says only that, naming no error ("io::Error most likely").
WRITER_KILLED = "index writer was killed"
# Room left below which a killed writer is taken to have met a full disk.
NEARLY_FULL_BYTES = 16 << 20


def os_errors_raised(method):
    """tantivy's failed writes (a full disk, a file size limit) as the OSError they were, which the
    archive reports in one line with every earlier commit kept (indexer/_index.py)."""
    @functools.wraps(method)
    def writing(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except ValueError as error:
            raise os_error_of(error, self.engine.folder) from None
    return writing


def os_error_of(error: ValueError, folder: Path) -> Exception:
    """The OSError a tantivy ValueError stands for, or the error itself when it stands for none."""
    found = OS_ERROR.search(str(error))
    if found is not None:
        number = int(found.group(1) or found.group(2))
        return OSError(number, os.strerror(number))
    if WRITER_KILLED in str(error):
        if shutil.disk_usage(folder).free < NEARLY_FULL_BYTES:
            return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return OSError(errno.EIO, "tantivy's indexing thread stopped on an error it did not name")
    return error


class TantivyWriter:
    """The one writer of a tantivy index, opened on the first change; each commit ends its batch."""

    def __init__(self, engine: TantivyEngine) -> None:
        self.engine = engine
        self._writer = None

    def _open(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self.engine._index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
            except ValueError as error:  # tantivy's own lock held by another process
                raise IndexBusy(f"index is busy: another process is writing to {self.engine.folder} ({error})") from None
            # A writer killed mid-batch leaves files no commit names; the next commit of the same
            # number would fail to write its own ("FileAlreadyExists"). Only the writer may remove them.
            self._writer.garbage_collect_files()
        return self._writer

    @os_errors_raised
    def update(self, fields: dict) -> None:
        writer = self._open()
        writer.delete_documents_by_term("id", fields["id"])
        writer.add_document(tantivy_document(fields))

    @os_errors_raised
    def delete(self, doc_id: str) -> None:
        self._open().delete_documents_by_term("id", doc_id)

    def cancel(self) -> None:
        if self._writer is not None:
            self._writer.rollback()
            self._release()

    @os_errors_raised
    def compact(self, text_of: Callable[[str], str]) -> None:
        """Every live document written again, in one commit by one thread: one segment, unless
        there are more documents than the writer's memory holds (then one segment per heapful).
        tantivy-py has no call that merges segments on request. Until the commit, searches and a
        crash see the segments as they were."""
        searcher = self.engine._searcher()  # the committed documents, read while they are replaced
        writer = self._open()
        writer.delete_all_documents()
        for document in documents_in(searcher):
            writer.add_document(tantivy_document(rewritten_fields(document, text_of)))
        self.commit(merge=True)

    @os_errors_raised
    def commit(self, merge: bool = False, segments: list | None = None) -> None:
        if self._writer is None and not segments:
            return
        writer = self._open()
        for batch in segments or ():
            for docnum, line in enumerate(batch.path.read_text(encoding="utf-8").splitlines()):
                if docnum not in batch.dropped:
                    self.update(json.loads(line))
        writer.commit()
        for batch in segments or ():
            batch.path.unlink()
        # Only now: a batch this commit wrote may come from a reader that has already ended.
        _remove_stale_spools(self.engine.folder)
        if merge:
            writer.wait_merging_threads()  # tantivy merges by its own policy, in the background
        self._release()

    def _release(self) -> None:
        # tantivy's writer lock goes with the writer object; a writer that waited for its merges is spent.
        self._writer = None


class TantivySegmentWriter:
    """In a reader process: the documents it read, spooled to a file of its own in ``folder``;
    the indexing process's commit writes them into the index (one writer: tantivy's threads do
    the indexing work there) and removes the file. Spooled as their fields in JSON: a pickled
    tantivy document (its words made here) was 15x larger and cost the commit more to unpickle
    (0.76 ms) than making it from the fields (0.45 ms)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._spool: Path | None = None
        self._count = 0

    def add(self, fields: dict) -> int:
        if self._spool is None:
            self._spool = self.folder / f"{SPOOL_PREFIX}{os.getpid()}-{uuid.uuid4().hex}.jsonl"
            self._count = 0
        with self._spool.open("a", encoding="utf-8") as spool:
            spool.write(json.dumps(fields, ensure_ascii=False) + "\n")
        self._count += 1
        return self._count - 1

    def finish(self) -> SpooledBatch | None:
        """The spooled batch (None when nothing was read since the last one)."""
        spool, self._spool = self._spool, None
        return SpooledBatch(spool) if spool is not None else None


def _remove_stale_spools(folder: Path) -> None:
    """Spools whose reader process is gone: it was killed, or the run it read for was (its batch
    was never committed, and is read again). The live readers are this writer's own."""
    for spool in folder.glob(f"{SPOOL_PREFIX}*"):
        pid = int(spool.name[len(SPOOL_PREFIX):].split("-", 1)[0])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            spool.unlink(missing_ok=True)
        except PermissionError:
            pass  # a live process of another user: not ours to judge


@dataclasses.dataclass
class SpooledBatch:
    """A reader process's spooled documents, as the indexing process's commit takes them: by their
    numbers within the batch, less those dropped meanwhile (the same bytes met at two paths)."""

    path: Path
    dropped: set[int] = dataclasses.field(default_factory=set)

    def delete_document(self, docnum: int) -> None:
        self.dropped.add(docnum)


class FileLock:
    """An advisory lock on a file beside the index, as Whoosh's FileStorage.lock gives."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = None

    def acquire(self, blocking: bool = False) -> bool:
        self._file = open(self.path, "a")  # noqa: SIM115 (held open while the lock is held)
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            self._file.close()
            self._file = None
            return False
        return True

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
