"""How fast the archive's segment writer is against Whoosh's own, on the same documents.

    python bench/writer_speed.py --docs 3000 --repeat 3

The documents are the generated texts of index_speed.py, read and given their metadata once,
up front; then each writer writes them all into a fresh index as one segment (no merging),
the two taking turns, and the CPU time of each is reported (medians) with their ratio. The
commit, where the segment's postings and terms are written, is also reported on its own.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from archive import extract_bytes
from bench.index_speed import corpus_texts
from indexer._index import FileState, document_fields
from indexer.engines.whoosh.engine import with_pairs
from indexer._schema import build_schema
from indexer.engines.whoosh.writer import FastSegmentWriter


def neutral_documents(count: int) -> list[dict]:
    """The generated texts, read and given their metadata, as the fields every engine is given."""
    fields = []
    for number, text in enumerate(corpus_texts(count)):
        path = f"/corpus/{number:06d}.txt"
        for document in extract_bytes(text.encode("utf-8"), path):
            fields.append(document_fields(document, [FileState(path, len(text), 0, document.id)]))
    return fields


def documents(count: int) -> list[dict]:
    """The same, as the Whoosh engine writes them (with the pairs field)."""
    schema = build_schema()
    return [with_pairs(fields, schema) for fields in neutral_documents(count)]


def write_seconds(writer_class, fields: list[dict], folder: Path) -> tuple[float, float]:
    """CPU seconds to write the documents as one segment, all told and in the commit alone."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    started = time.process_time()
    writer = writer_class(ix, limitmb=128, compound=False)
    for document in fields:
        writer.add_document(**document)
    committing = time.process_time()
    writer.commit()
    finished = time.process_time()
    return finished - started, finished - committing


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fields = documents(args.docs)
    workdir = Path(tempfile.mkdtemp(prefix="archive-writer-"))
    times = {"whoosh": [], "archive": []}
    try:
        for _ in range(args.repeat):
            times["whoosh"].append(write_seconds(SegmentWriter, fields, workdir / "whoosh"))
            times["archive"].append(write_seconds(FastSegmentWriter, fields, workdir / "archive"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    (whoosh, whoosh_commit), (archive, archive_commit) = (
        [statistics.median(column) for column in zip(*times[name])] for name in ("whoosh", "archive"))
    print(json.dumps({"documents": len(fields),
                      "whoosh_ms_per_doc": round(1000 * whoosh / len(fields), 2),
                      "archive_ms_per_doc": round(1000 * archive / len(fields), 2),
                      "whoosh_over_archive": round(whoosh / archive, 2),
                      "whoosh_commit_ms_per_doc": round(1000 * whoosh_commit / len(fields), 2),
                      "archive_commit_ms_per_doc": round(1000 * archive_commit / len(fields), 2)}, indent=2))


if __name__ == "__main__":
    main()
