"""The index's segments kept open from one search to the next, their files read from memory.

Whoosh's index.searcher() opens every segment afresh: each segment's term table reads its
directory (257 small reads) and its files are opened again. A search then looks each word up in
every segment's term table and reads its postings, a seek and a small read at a time: about
20,000 reads for one word over the forty segments `archive index` leaves at 100,000 documents
(bench/README.md, "Search latency"). Here a segment is opened once, for as long as the index
stays as it was, and read through a memory map, where each of those reads is a copy from memory
rather than a system call.
"""
from __future__ import annotations

import contextlib
import mmap
import os
import threading
from collections.abc import Iterator

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher


class MappedFileStorage(FileStorage):
    """Whoosh's FileStorage, each file opened for reading through a read-only memory map."""

    def open_file(self, name, **kwargs) -> StructFile:
        with open(self._fpath(name), "rb") as file:
            if os.fstat(file.fileno()).st_size == 0:
                return super().open_file(name, **kwargs)  # an empty file cannot be mapped
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        return StructFile(mapped, name=name, **kwargs)


class OpenSegments:
    """Segment readers of one index, kept while their segments stay in it unchanged.

    A segment is known by its id and how many of its documents are deleted: a commit that
    deletes some of its documents gives it a new state, which is opened afresh (a reader reads
    its segment's deletions when made). Searches of one OpenSegments take turns: the readers'
    files have one read position each."""

    def __init__(self, ix, weighting) -> None:
        self._ix = ix
        self._weighting = weighting
        self._storage = MappedFileStorage(ix.storage.folder, readonly=True)
        self._readers: dict[tuple[str, int], SegmentReader] = {}
        self._turn = threading.Lock()

    @contextlib.contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A searcher of the index as last committed (its table of contents read now)."""
        with self._turn:
            toc = self._ix._read_toc()
            readers = self._readers_of(toc.schema, toc.segments)
            if not readers:
                reader = EmptyReader(toc.schema)
            elif len(readers) == 1:
                reader = readers[0]
            else:
                reader = MultiReader(readers, generation=toc.generation)
            yield Searcher(reader, weighting=self._weighting, closereader=False, fromindex=self._ix)

    def _readers_of(self, schema, segments: list) -> list[SegmentReader]:
        wanted = {(segment.segment_id(), segment.deleted_count()): segment for segment in segments}
        for key in set(self._readers) - set(wanted):
            self._readers.pop(key).close()
        for key, segment in wanted.items():
            if key not in self._readers:
                self._readers[key] = SegmentReader(self._storage, schema, segment)
        return [self._readers[key] for key in wanted]

    def forget(self) -> None:
        """Close every reader (a search found a segment's files gone: open them afresh)."""
        with self._turn:
            for reader in self._readers.values():
                reader.close()
            self._readers.clear()
