"""Search time against the number of segments, on the same documents.

    python bench/segment_latency.py --docs /tmp/archive-latency/10000/docs --commit-every 500 5000

For each --commit-every value the folder is indexed with two readers into its own index (kept
under --cache and reused), then twenty words and five phrases are searched three times each in
process (10 hits with passages, as the CLI shows them); median and p95 per kind, and the
segment count. With 500-file batches the end-of-run merge of small segments leaves one segment.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import ArchiveIndex, IndexOptions, SearchRequest, index_paths

WORDS = ["government", "minister", "election", "football", "company", "market", "police", "music", "film",
         "labour", "growth", "court", "players", "technology", "bank", "tax", "prices", "chelsea", "phone", "games"]
PHRASES = ['"prime minister"', '"last year"', '"chief executive"', '"world cup"', '"interest rates"']


def milliseconds(index: ArchiveIndex, queries: list[str], rounds: int = 3) -> list[float]:
    times = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            index.search(SearchRequest(query=query, limit=10))
            times.append(1000 * (time.perf_counter() - started))
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", required=True)
    parser.add_argument("--commit-every", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/archive-segments"))
    args = parser.parse_args()
    for every in args.commit_every:
        folder = args.cache / f"every-{every}"
        if not folder.exists():
            index_paths([args.docs], folder, options=IndexOptions(workers=2, commit_every=every))
        index = ArchiveIndex.open(folder)
        for kind, queries in (("term", WORDS), ("phrase", PHRASES * 4)):
            times = milliseconds(index, queries)
            print(f"commit-every {every}, {index.segment_count()} segments, {kind}: "
                  f"median {statistics.median(times):.0f} ms, p95 {times[int(len(times) * 0.95)]:.0f} ms")


if __name__ == "__main__":
    main()
