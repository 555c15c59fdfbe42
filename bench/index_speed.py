"""How fast `archive index` is, against baselines measured in the same run.

    python bench/index_speed.py --docs 100000          # the README figures (several minutes)
    python bench/index_speed.py --docs 10000 --pdf     # quicker, plus the PDF comparison
    python bench/index_speed.py --docs 100000 --engines whoosh tantivy

1. Text documents: N .txt files built from real sentences (BBC articles in ../shared/realdata,
   10-30 sentences each, seeded). Baseline: the same already-extracted texts given to a bare
   Whoosh writer with its fastest settings (procs=2, multisegment=True, limitmb=256, one
   stemmed text field). Measured, for each engine of --engines (default: Whoosh, and tantivy
   when its extra is installed): end-to-end `archive index --workers 2 --engine E` (a
   subprocess: file walk, reading, metadata, index), docs/s and MB/s, and its peak memory: the
   indexing process (GNU time's maximum resident set size) and the whole run, that process and
   its readers together (the largest sum of their proportional set sizes, PSS, sampled every
   0.2 s with psutil: pages the processes share are counted once).
2. The same command again over the unchanged folder: how much faster the second run is.
   Where the time goes: the CPU seconds of extraction alone (every file read and given its
   metadata by the readers' own function, one after another in this process, nothing written),
   against each engine's whole run; the rest is the engine's writing and the run's
   coordination. Extraction is the same work for every engine, so it bounds how much faster
   any engine can make a run: ``ceiling_over_whoosh`` is the Whoosh run's CPU over extraction's.
3. PDFs: the readable PDFs in ../shared/realdata/pdf; pages/s of `archive index --workers 2`
   against pdfminer.six's extract_text on the same files, one after another in one process. The
   two take turns, --pdf-rounds times (default 5), and the medians are compared (each round's
   ratio is reported too: on a shared machine one pair of runs can land 10% either way). The
   archive lays pages out with its own pdfminer settings (archive/readers/pdf.py, LAYOUT: text
   boxes in order of position, figures' text read): a third run per round, extract_text with
   those settings in one process, separates what the two workers give from what the lighter
   layout gives ("archive_over_same_layout").
Medians of --repeat runs (default 1 for the big corpus).
"""
from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's own archive, as its search_cli.py runs it
REALDATA = ROOT.parent / "shared" / "realdata"
CLI = [sys.executable, str(ROOT / "search_cli.py")]
# tantivy's engine is measured beside Whoosh's when its extra is installed.
DEFAULT_ENGINES = ["whoosh"] + (["tantivy"] if importlib.util.find_spec("tantivy") else [])


def real_sentences() -> list[str]:
    sentences = []
    for path in sorted((REALDATA / "articles" / "bbc").rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        sentences.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 40 < len(s.strip()) < 400)
    return sentences


def corpus_texts(count: int, seed: int = 7) -> Iterator[str]:
    """``count`` texts of 10-30 real sentences each, the same ones for the same seed."""
    rng = random.Random(seed)
    sentences = real_sentences()
    for _ in range(count):
        yield " ".join(rng.choice(sentences) for _ in range(rng.randint(10, 30)))


def make_corpus(folder: Path, count: int, seed: int = 7) -> int:
    total = 0
    for number, text in enumerate(corpus_texts(count, seed)):
        sub = folder / f"{number // 1000:03d}"
        sub.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        (sub / f"{number:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def cpu_seconds() -> float:
    """CPU time of this process and every descendant it has waited for (readers included)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_whoosh(folder: Path, index_dir: Path) -> tuple[float, float]:
    """Wall and CPU seconds of writing the texts with Whoosh's fastest settings."""
    from whoosh import index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    texts = [(str(p), p.read_text(encoding="utf-8")) for p in sorted(folder.rglob("*.txt"))]
    ix = index.create_in(str(index_dir), Schema(path=ID(stored=True), body=TEXT(analyzer=StemmingAnalyzer())))
    started, cpu = time.perf_counter(), cpu_seconds()
    writer = ix.writer(procs=2, multisegment=True, limitmb=256)
    for path, text in texts:
        writer.add_document(path=path, body=text)
    writer.commit()
    return time.perf_counter() - started, cpu_seconds() - cpu


def timed_cli(args: list[str], index_dir: Path) -> tuple[float, dict, int, float, int]:
    """Seconds, the JSON summary, the peak resident memory (KB) of the indexing process, the
    CPU seconds of it and its readers, and the peak memory of them all together (KB of PSS)."""
    env = {**os.environ, "ARCHIVE_INDEX": str(index_dir)}
    started, cpu = time.perf_counter(), cpu_seconds()
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        process = subprocess.Popen(["/usr/bin/time", "-f", "%M", *CLI, *args, "--json"], env=env,
                                   stdout=stdout, stderr=stderr, text=True)
        tree_peak = peak_tree_memory(process)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        stdout.seek(0), stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    if process.returncode not in (0, 3):
        raise RuntimeError(err)
    return seconds, json.loads(out), int(err.strip().splitlines()[-1]), cpu, tree_peak


def peak_tree_memory(process: subprocess.Popen, every: float = 0.2) -> int:
    """The largest memory (KB of PSS) a process and all its descendants held at once, sampled
    until the process ends."""
    import psutil

    root, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        total = 0
        try:
            members = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for member in members:
            try:
                total += member.memory_full_info().pss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass   # a reader that ended between the listing and the reading
        peak = max(peak, total)
        time.sleep(every)
    process.wait()
    return peak // 1024


def text_benchmark(count: int, repeat: int, workdir: Path, engines: list[str]) -> dict:
    folder = workdir / "docs"
    folder.mkdir()
    megabytes = make_corpus(folder, count) / 1e6
    bare, bare_cpu = [], []
    runs: dict[str, dict[str, list]] = {name: {"first": [], "cpu": [], "second": [], "rss": [], "tree": []}
                                         for name in engines}
    for run in range(repeat):
        bare_dir = workdir / f"bare{run}"
        bare_dir.mkdir()
        seconds, cpu = bare_whoosh(folder, bare_dir)
        bare.append(seconds)
        bare_cpu.append(cpu)
        for name in engines:  # the engines take turns, so that other work on the machine falls on each
            index_dir, measured = workdir / f"{name}{run}", runs[name]
            command = ["index", str(folder), "--workers", "2", "--engine", name]
            seconds, summary, peak, cpu, tree_peak = timed_cli(command, index_dir)
            assert summary["added"] == count, summary
            for key, value in zip(("first", "cpu", "rss", "tree"), (seconds, cpu, peak, tree_peak)):
                measured[key].append(value)
            seconds, summary, _, _, _ = timed_cli(command, index_dir)
            assert summary["unchanged"] == count, summary
            measured["second"].append(seconds)
            shutil.rmtree(index_dir)
    bare_s = statistics.median(bare)
    extraction_cpu = extraction_cpu_seconds(folder)
    figures = {"documents": count, "megabytes": round(megabytes, 1),
               "bare_whoosh_docs_per_s": round(count / bare_s, 1),
               # CPU seconds (readers and Whoosh's sub-writers included): less swayed by other work
               # on a shared machine than wall time, which the target is about.
               "bare_cpu_s": round(statistics.median(bare_cpu), 1),
               "extraction_cpu_s": round(extraction_cpu, 1)}
    for name, measured in runs.items():
        first_s, second_s, cpu = (statistics.median(measured[key]) for key in ("first", "second", "cpu"))
        figures[name] = {
            "docs_per_s": round(count / first_s, 1),
            "mb_per_s": round(megabytes / first_s, 2),
            "time_over_bare": round(first_s / bare_s, 2),
            "cpu_s": round(cpu, 1),
            "cpu_over_bare": round(cpu / statistics.median(bare_cpu), 2),
            "extraction_share_of_cpu": round(extraction_cpu / cpu, 2),
            "second_run_s": round(second_s, 2),
            "first_over_second_run": round(first_s / second_s, 1),
            "peak_rss_mb": round(statistics.median(measured["rss"]) / 1024, 1),
            "peak_mb_with_readers": round(statistics.median(measured["tree"]) / 1024, 1),
        }
    if "whoosh" in figures:
        figures["ceiling_over_whoosh"] = round(figures["whoosh"]["cpu_s"] / extraction_cpu, 2)
        for name in set(engines) - {"whoosh"}:
            figures[name]["speed_over_whoosh"] = round(figures[name]["docs_per_s"] / figures["whoosh"]["docs_per_s"], 2)
    return figures


def extraction_cpu_seconds(folder: Path) -> float:
    """CPU seconds of reading every file and finding its metadata (the readers' own function),
    one file after another in this process, nothing written."""
    from archive import DEFAULT_SETTINGS, walk
    from indexer.batch import ReadTask, read_task

    files = walk([str(folder)]).files
    started = time.process_time()
    for source in files:
        outcome = read_task(ReadTask(source, None, DEFAULT_SETTINGS))
        assert outcome.documents, outcome
    return time.process_time() - started


def pdf_benchmark(workdir: Path, rounds: int) -> dict:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfpage import PDFPage

    from archive.readers.pdf import LAYOUT

    import logging

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    folder = workdir / "pdfs"
    folder.mkdir()
    pages, chosen = 0, []
    for path in sorted((REALDATA / "pdf").rglob("*.pdf")):
        try:
            text = extract_text(str(path))
            with open(path, "rb") as handle:
                count = sum(1 for _ in PDFPage.get_pages(handle))
        except Exception:
            continue
        if text.strip():
            target = folder / f"{len(chosen):02d}-{path.name}"
            shutil.copy(path, target)
            chosen.append(target)
            pages += count
    singles, same_layouts, archives, failed = [], [], [], 0
    for round_ in range(rounds):  # they take turns, so that other work on the machine falls on each
        singles.append(_extract_all(chosen, extract_text))
        same_layouts.append(_extract_all(chosen, functools.partial(extract_text, laparams=LAYOUT)))
        seconds, summary, _, _, _ = timed_cli(["index", str(folder), "--workers", "2"], workdir / f"pdf-index-{round_}")
        archives.append(seconds)
        failed = len(summary["failed"])
    single, same_layout, seconds = (statistics.median(times) for times in (singles, same_layouts, archives))
    return {"pdfs": len(chosen), "pages": pages, "rounds": rounds,
            "pdfminer_pages_per_s": round(pages / single, 1), "archive_pages_per_s": round(pages / seconds, 1),
            "archive_over_pdfminer": round(single / seconds, 2),
            "each_round": [round(one / other, 2) for one, other in zip(singles, archives)],
            "pdfminer_same_layout_pages_per_s": round(pages / same_layout, 1),
            "archive_over_same_layout": round(same_layout / seconds, 2), "failed": failed}


def _extract_all(paths: list[Path], extract) -> float:
    started = time.perf_counter()
    for path in paths:
        extract(str(path))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--engines", nargs="+", choices=("whoosh", "tantivy"), default=DEFAULT_ENGINES)
    parser.add_argument("--pdf-rounds", type=int, default=5, help="turns of pdfminer and the archive (medians)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="archive-bench-"))
    try:
        results = {"machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
                   "text": text_benchmark(args.docs, args.repeat, workdir, args.engines)}
        if args.pdf:
            results["pdf"] = pdf_benchmark(workdir, args.pdf_rounds)
        print(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
