"""Is metadata extraction what limits indexing? MB of text per second, one process.

    python bench/metadata_speed.py [--generated N]

On the first 1,000 BBC articles in ../shared/realdata (about 2 MB), or with --generated on N
texts of bench/index_speed.py's generated corpus (the texts its indexing benchmark indexes):
reading the files into text, then each metadata step on that text (names, dates mentioned, the
whole of build_document), and, as the yardstick, writing the same documents into a segment of
the archive's Whoosh index, as one reader process does. Medians of three runs, as MB/s and as
milliseconds per document.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.dates import find_dates  # noqa: E402
from archive.extract import sha256_of  # noqa: E402
from archive.metadata import build_document  # noqa: E402
from archive.names import find_names  # noqa: E402
from archive.readers import read_bytes  # noqa: E402
from indexer._index import ArchiveIndex, FileState, SegmentWriting  # noqa: E402

REALDATA = ROOT.parent / "shared" / "realdata"


def _median_seconds(work, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _bbc_files() -> list[tuple[str, bytes]]:
    paths = sorted((REALDATA / "articles" / "bbc").rglob("*.txt"))[:1000]
    return [(str(p), p.read_bytes()) for p in paths]


def _generated_files(count: int) -> list[tuple[str, bytes]]:
    from bench.index_speed import corpus_texts
    return [(f"generated/{number:06d}.txt", text.encode("utf-8"))
            for number, text in enumerate(corpus_texts(count))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, metavar="N",
                        help="N texts of bench/index_speed.py's generated corpus instead of the BBC articles")
    args = parser.parse_args()
    files = _generated_files(args.generated) if args.generated else _bbc_files()
    raws = [read_bytes(data, path) for path, data in files]
    texts = ["\n\n".join(raw.pages) for raw in raws]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    documents = {}
    for (path, data), raw in zip(files, raws):
        document = build_document(path, sha256_of(data), "txt", raw)
        documents[document.id] = document

    def write_index() -> None:
        folder = Path(tempfile.mkdtemp())
        ArchiveIndex.open_or_create(folder)
        segment = SegmentWriting(folder)
        for document in documents.values():
            segment.add(document, [FileState(document.path, 1, 1, document.id)])
        segment.finish()

    steps = {
        "read files into text": lambda: [read_bytes(data, path) for path, data in files],
        "names (find_names)": lambda: [find_names(text) for text in texts],
        "dates mentioned (find_dates)": lambda: [find_dates(text) for text in texts],
        "all metadata (build_document)": lambda: [build_document(p, "0" * 64, "txt", raw)
                                                  for (p, _), raw in zip(files, raws)],
        "yardstick: Whoosh index write": write_index,
    }
    print(f"{len(files)} documents, {megabytes:.2f} MB of text\n")
    print("| step | seconds | MB/s | ms per document |")
    print("|---|---|---|---|")
    for name, work in steps.items():
        seconds = _median_seconds(work)
        print(f"| {name} | {seconds:.2f} | {megabytes / seconds:.2f} | {1000 * seconds / len(files):.3f} |")


if __name__ == "__main__":
    main()
