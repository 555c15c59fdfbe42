"""How fast each engine writes the same documents, through the engine face (issue 15).

    python bench/engine_write.py --docs 3000 --repeat 3

The documents are the generated texts of index_speed.py, read and given their metadata once, up
front (extraction is the same for both engines and left out). Each engine's writer then writes
them all into a fresh index and commits, the engines taking turns; CPU seconds (every thread
counted) and wall seconds are medians. For tantivy, the part spent in Python making its
documents (the archive's analysers' words as pre-tokenized text) is reported on its own: it is
the share of the engine's work that stays in Python.
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

from bench.writer_speed import neutral_documents  # noqa: E402
from indexer.engines.tantivy.engine import TantivyEngine, tantivy_document  # noqa: E402
from indexer.engines.whoosh.engine import WhooshEngine  # noqa: E402

ENGINES = {"whoosh": WhooshEngine, "tantivy": TantivyEngine}


def write_seconds(engine_class, fields: list[dict], folder: Path) -> tuple[float, float]:
    """CPU and wall seconds to write and commit the documents into a new index."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    engine = engine_class.create(folder)
    cpu, wall = time.process_time(), time.perf_counter()
    writer = engine.writer()
    for document in fields:
        writer.update(document)
    writer.commit(merge=True)
    return time.process_time() - cpu, time.perf_counter() - wall


def making_seconds(fields: list[dict]) -> float:
    started = time.process_time()
    for document in fields:
        tantivy_document(document)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fields = neutral_documents(args.docs)
    workdir = Path(tempfile.mkdtemp(prefix="archive-engines-"))
    times = {name: [] for name in ENGINES}
    making = []
    try:
        for _ in range(args.repeat):
            for name, engine_class in ENGINES.items():
                times[name].append(write_seconds(engine_class, fields, workdir / name))
            making.append(making_seconds(fields))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    figures = {"documents": len(fields)}
    for name in ENGINES:
        cpu, wall = (statistics.median(column) for column in zip(*times[name]))
        figures[f"{name}_cpu_ms_per_doc"] = round(1000 * cpu / len(fields), 2)
        figures[f"{name}_wall_ms_per_doc"] = round(1000 * wall / len(fields), 2)
    figures["tantivy_documents_made_in_python_ms_per_doc"] = round(1000 * statistics.median(making) / len(fields), 2)
    figures["whoosh_over_tantivy_cpu"] = round(figures["whoosh_cpu_ms_per_doc"] / figures["tantivy_cpu_ms_per_doc"], 2)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
