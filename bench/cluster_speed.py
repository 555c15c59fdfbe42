"""`archive index --cluster` on a local Dask cluster of 2 workers against `archive index --workers 2`.

    python bench/cluster_speed.py                       # the bench/README.md figures (a few minutes)
    python bench/cluster_speed.py --texts 500 --pdfs 10 --rounds 1   # a quick look

Two folders, each indexed from scratch by both, taking turns --rounds times (medians compared;
each round's ratio reported, since on a shared machine one run can land 10% either way):
1. texts: --texts .txt files of 10-30 real sentences (bench/index_speed.py's corpus; BBC articles
   in ../shared/realdata), or generated sentences when the real data is absent;
2. PDFs: --pdfs generated PDFs of --pages pages each (fpdf2, the test extra), plus the readable
   PDFs in ../shared/realdata/pdf.
The cluster (distributed.LocalCluster: 2 worker processes of 1 thread each, as the local pool's 2
reader processes) is started once, outside the timings; both runs are the real CLI in a subprocess.

3. The single writer's ceiling: the documents of the text folder read beforehand (in this process),
   then only what the indexing process does with a cluster timed: each document's result
   unpickled as it comes from a worker, written into the indexing process's segment, committed.
   Its docs/s is where N machines stop helping (bench/README.md, "Indexing on a cluster"); for
   each engine installed.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pickle
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
CLI = [sys.executable, str(ROOT / "search_cli.py")]
WORDS = ("committee minister harbour council railway treaty election statement budget inquiry evidence "
         "witness tender contract the of and to in a report said would").split()


def make_texts(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    try:
        from index_speed import REALDATA, corpus_texts

        texts = corpus_texts(count) if (REALDATA / "articles" / "bbc").is_dir() else None
    except ImportError:
        texts = None
    rng = random.Random(7)
    for number in range(count):
        text = next(texts) if texts else " ".join(rng.choice(WORDS) for _ in range(rng.randint(200, 600)))
        (folder / f"{number:06d}.txt").write_text(text, encoding="utf-8")


def make_pdfs(folder: Path, count: int, pages: int) -> int:
    """Generated PDFs and the readable real ones; how many pages in all."""
    from fpdf import FPDF

    folder.mkdir(parents=True)
    rng = random.Random(16)
    for number in range(count):
        pdf = FPDF()
        pdf.set_font("Helvetica", size=11)
        for page in range(pages):
            pdf.add_page()
            pdf.multi_cell(0, 5, f"Report {number}, page {page + 1}. Dear Mr Alan Hughes, "
                           + " ".join(rng.choice(WORDS) for _ in range(450)))
        pdf.output(str(folder / f"report-{number:04d}.pdf"))
    total = count * pages
    real = ROOT.parent / "shared" / "realdata" / "pdf"
    for number, path in enumerate(sorted(real.rglob("*.pdf")) if real.is_dir() else []):
        shutil.copy(path, folder / f"real-{number:03d}-{path.name}")
    return total


def timed_index(folder: Path, index_dir: Path, *options: str) -> tuple[float, dict]:
    started = time.perf_counter()
    done = subprocess.run([*CLI, "index", str(folder), "--index", str(index_dir), "--json", *options],
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 3):
        raise RuntimeError(done.stderr)
    return seconds, json.loads(done.stdout)


def compare(folder: Path, workdir: Path, address: str, rounds: int) -> dict:
    local, cluster, documents = [], [], 0
    for round_ in range(rounds):  # turns: other work on the machine falls on both
        seconds, report = timed_index(folder, workdir / f"local-{folder.name}-{round_}", "--workers", "2")
        local.append(seconds)
        seconds, clustered = timed_index(folder, workdir / f"cluster-{folder.name}-{round_}", "--cluster", address)
        cluster.append(seconds)
        if clustered["documents"] != report["documents"] or _failed(clustered) != _failed(report):
            raise RuntimeError(f"the cluster run differs: {clustered} against {report}")
        documents = report["documents"]
    local_s, cluster_s = statistics.median(local), statistics.median(cluster)
    return {"documents": documents, "local_s": round(local_s, 2), "cluster_s": round(cluster_s, 2),
            "cluster_over_local": round(cluster_s / local_s, 3),
            "each_round": [round(c / l, 3) for c, l in zip(cluster, local)],
            "local_docs_per_s": round(documents / local_s, 1), "cluster_docs_per_s": round(documents / cluster_s, 1)}


def _failed(report: dict) -> list[tuple[str, str]]:
    return sorted((item["path"], item["error"]) for item in report["failed"])


def writer_ceiling(folder: Path, workdir: Path, engine: str) -> dict:
    """Docs/s of the indexing process's share of a cluster run, with the reading already done."""
    from archive import DEFAULT_SETTINGS, walk
    from indexer._index import ArchiveIndex
    from indexer.batch import Reader, ReadTask, read_task

    tasks = [ReadTask(source, None, DEFAULT_SETTINGS) for source in walk([str(folder)]).files]
    results = [pickle.dumps(read_task(task)) for task in tasks]  # as a worker's results arrive
    index = ArchiveIndex.open_or_create(workdir / f"writer-only-{engine}", engine)
    started = time.perf_counter()
    with index.writing() as writing:
        reader = Reader(str(index.folder))
        documents = 0
        for task, result in zip(tasks, results):
            documents += len(reader.write(task, pickle.loads(result)).documents)
        writing.commit(segments=[reader.finish()])
    seconds = time.perf_counter() - started
    return {"documents": documents, "seconds": round(seconds, 2), "docs_per_s": round(documents / seconds, 1),
            "result_kb_per_doc": round(sum(map(len, results)) / 1024 / max(1, documents), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=3000)
    parser.add_argument("--pdfs", type=int, default=60)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    import dask
    import distributed

    from indexer._cluster import ALLOWED_FAILURES

    workdir = Path(tempfile.mkdtemp(prefix="cluster-speed-"))
    try:
        make_texts(workdir / "texts", arguments.texts)
        pages = make_pdfs(workdir / "pdfs", arguments.pdfs, arguments.pages)
        with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
            with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                          dashboard_address=None) as cluster:
                results = {"cores": os.cpu_count(), "rounds": arguments.rounds,
                           "texts": compare(workdir / "texts", workdir, cluster.scheduler_address, arguments.rounds),
                           "pdfs": {"generated_pages": pages,
                                    **compare(workdir / "pdfs", workdir, cluster.scheduler_address, arguments.rounds)}}
        engines = ["whoosh"] + (["tantivy"] if importlib.util.find_spec("tantivy") else [])
        results["writer_only"] = {engine: writer_ceiling(workdir / "texts", workdir, engine) for engine in engines}
        print(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
