"""`archive compact`: every segment of the index merged into one, for faster searches.

Each `archive index` batch leaves a segment per reader, and every search visits every segment,
looking each word up in each (bench/README.md, "Search latency"). Merging them all at the end of
every run would add about half again to indexing, so it is a separate step for after a large
import. Searches go on meanwhile, on the segments as they were until the merged one is committed.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from indexer._index import ArchiveIndex


@dataclass
class CompactReport:
    segments_before: int
    segments_after: int
    documents: int
    seconds: float

    def to_dict(self) -> dict:
        return {"segments_before": self.segments_before, "segments_after": self.segments_after,
                "documents": self.documents, "seconds": round(self.seconds, 3)}


def compact_index(index_dir: str | Path) -> CompactReport:
    """Merge the index's segments into one (IndexBusy while another run writes to it)."""
    started = time.monotonic()
    index = ArchiveIndex.open(index_dir)
    before = index.segment_count()
    with index.writing() as writing:
        if not index.is_compact():
            writing.compact()
    return CompactReport(before, ArchiveIndex.open(index_dir).segment_count(), index.document_count(),
                         time.monotonic() - started)
