"""How long indexing and a search take, at 10,000 to 1,000,000 documents, for each engine,
beside a bare Whoosh index.

    python bench/latency.py                       # builds both sizes (~15 min at 100,000), then measures
    python bench/latency.py --reuse               # measures again over the indexes built last time
    python bench/latency.py --sizes 10000 --queries 30
    python bench/latency.py --sizes 1000000 --stages docs archive tantivy   # the long run (hours)

The documents are the text documents of bench/index_speed.py (10-30 real sentences each), written
as files named by a seeded date (``2004-07-19-000123.txt``; one in ten has no date, so it is
undated), and indexed by `archive index --workers 2 --engine E` in a process of its own, then
again over the unchanged files: each build's seconds, CPU, peak memory (index_speed.py's
measures) and second run are kept with it. Everything built is kept under --cache (default
/tmp/archive-latency), stage by stage: --reuse keeps the finished stages and resumes an index
build that was stopped.

Baseline, built in the same run from the files the archive's index holds: a bare Whoosh index as
its documentation shows one (path, body stemmed and *stored*, date as a DATETIME field; one
segment, not compound), each document's date taken from its file name (the archive's own date for
99.8% of them: the others open with a date line of their own).
Beside them, "tantivy" (when its extra is installed): the same files indexed by the archive with
the tantivy engine (``--engine tantivy``), searched through the same ArchiveIndex.search and CLI.
And "merged": a copy of the archive's index after `archive compact` (every segment
merged into one; the texts shared), which shows how much of the archive's time comes from the
many segments an index run leaves, and what compacting after a large import gives back.

Measured, for each query kind, over --queries queries drawn from the corpus itself so that they hit:

- term:     one word of a random document              archive: QUERY     bare: QueryParser("body")
- phrase:   2-3 consecutive words of a random document archive: "QUERY"   bare: the same phrase
- name:     a person or organisation the archive found in a random document
            archive: --name NAME                       bare: the name as a phrase in the body
- date:     a span of years, months or days around a random document's date
            archive: --from/--to                       bare: DateRange on the date field
- combined: a phrase, a name and a date span, all from one document

In-process: median and p95 of ``ArchiveIndex.search`` (10 hits with their passages, as the CLI
prints them) against the bare index's ``searcher.search`` plus ``hit.highlights("body")`` for the
same 10 hits, as a long-lived program searches: one ArchiveIndex, one Whoosh searcher, kept for
every query (an ArchiveIndex keeps its segments open between searches; a single search in a new
process is what the whole-process figures measure). The indexes take turns query by query so
that noise from other work on the machine falls on each.
Whole process: wall time of `archive search ...` (human output) against a minimal Python script
doing the bare search, each a new process (median of --cli-runs runs for each kind). Compiled
bytecode is allowed and warmed once, as after `pip install`; the OS file cache is warm.

--compare-with CHECKOUT adds "other": the same searches by another checkout of the archive on the
same index (in a process of its own for the in-process figures; its search_cli.py for the whole
process), for before/after figures from one run:

    git archive HEAD~3 | tar -x -C /tmp/before && python bench/latency.py --reuse --compare-with /tmp/before
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from index_speed import corpus_texts, timed_cli

from archive import PartialDate, user_date_span
from indexer import ArchiveIndex, SearchRequest

KINDS = ("term", "phrase", "name", "date", "combined")
HITS = 10
SEED = 11
UNDATED_SHARE = 0.1
FIRST_DAY, LAST_DAY = dt.date(1995, 1, 1), dt.date(2015, 12, 31)
PLAIN_WORD = re.compile(r"[A-Za-z]{4,}")
# Two or three whole words in a row with nothing but a space between them ("s a good" in
# "it's a good" is not a phrase of the text: the archive reads "it's" as one word).
PLAIN_PHRASE = re.compile(r"(?<![\w'’.])[A-Za-z]+(?: [A-Za-z]+){1,2}(?![\w'’]|\.\w)")
# The archive's query language reads these as operators when capitalised; bare Whoosh too.
OPERATORS = {"and", "or", "not", "andnot", "andmaybe", "to"}
CLI = [str(Path(sys.executable).parent / "archive")]


# ---- building the indexes --------------------------------------------------------------------

def dated_name(number: int, rng: random.Random) -> str:
    if rng.random() < UNDATED_SHARE:
        return f"{number:06d}.txt"
    day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    return f"{day.isoformat()}-{number:06d}.txt"


def write_documents(folder: Path, count: int) -> None:
    rng = random.Random(SEED)
    for number, text in enumerate(corpus_texts(count)):
        sub = folder / f"{number // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / dated_name(number, rng)).write_text(text, encoding="utf-8")


def named_date(path: Path) -> dt.datetime | None:
    """The date a document's file name gives it (the archive's own date for 99.8% of the
    documents at 10,000; the others open with a date line of their own)."""
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)-", path.name)
    return dt.datetime(*map(int, match.groups())) if match else None


def indexed_paths(index_dir: Path) -> list[Path]:
    """The files the archive's index holds: all of them, unless its build was stopped early."""
    archive_index = ArchiveIndex.open(index_dir)
    return sorted(Path(path) for stored in archive_index.engine.all_stored() for path, _, _ in stored["sources"])


def build_bare(paths: list[Path], bare_dir: Path) -> dict:
    from whoosh import index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import DATETIME, ID, TEXT, Schema

    schema = Schema(path=ID(stored=True, unique=True), body=TEXT(analyzer=StemmingAnalyzer(), stored=True),
                    date=DATETIME(stored=True))
    bare_dir.mkdir(parents=True)
    ix = index.create_in(str(bare_dir), schema)
    started = time.perf_counter()
    writer = ix.writer(procs=2, limitmb=256)
    for path in paths:
        fields = {"path": str(path), "body": path.read_text(encoding="utf-8")}
        if date := named_date(path):
            fields["date"] = date
        writer.add_document(**fields)
    writer.commit(optimize=True)
    return {"seconds": round(time.perf_counter() - started, 1)}


def build_archive(folder: Path, index_dir: Path, engine: str) -> dict:
    """`archive index --workers 2 --engine ENGINE` in a process of its own, then again over the
    unchanged files: the seconds of each, the CPU and peak memory of the first (index_speed.py's
    measures). A stopped build is resumed from its last committed batch (its figures are then
    the last part's only)."""
    command = ["index", str(folder), "--workers", "2", "--engine", engine]
    seconds, summary, peak_kb, cpu, tree_peak_kb = timed_cli(command, index_dir)
    assert not summary["failed"], summary
    second, summary, _, _, _ = timed_cli(command, index_dir)
    assert summary["added"] == 0, summary
    return {"seconds": round(seconds, 1), "cpu_s": round(cpu, 1), "second_run_s": round(second, 2),
            "peak_rss_mb": round(peak_kb / 1024, 1), "peak_mb_with_readers": round(tree_peak_kb / 1024, 1)}


def merged_copy(place: Path) -> dict:
    """A copy of the archive index (the texts shared) after `archive compact`: every segment
    merged into one, as a user would leave it after a large import."""
    from indexer import compact_index

    merged = place / "merged"
    merged.mkdir()
    for entry in (place / "archive").iterdir():
        if entry.name == "texts":
            (merged / "texts").symlink_to(entry)
        elif entry.is_file() and not entry.name.endswith("LOCK"):
            shutil.copy2(entry, merged / entry.name)
    started = time.perf_counter()
    compact_index(merged)
    return {"seconds": round(time.perf_counter() - started, 1)}


def built_indexes(place: Path) -> list[str]:
    """The indexes to measure: the one-segment copy only when it was made (see --stages)."""
    return [name for name in ("archive", "merged", "tantivy", "bare") if (place / f"{name}.done.json").exists()]


def segment_counts(place: Path) -> dict[str, int]:
    from whoosh import index

    return {name: (len(index.open_dir(str(place / name))._segments()) if name == "bare"
                   else ArchiveIndex.open(place / name).segment_count()) for name in built_indexes(place)}


# "tantivy": the same documents indexed by the archive with the tantivy engine (its extra installed).
STAGES = ("docs", "archive", "bare", "merged", "tantivy")
DEFAULT_STAGES = [stage for stage in STAGES if stage != "tantivy" or importlib.util.find_spec("tantivy")]


def build(count: int, cache: Path, reuse: bool, stages: tuple[str, ...] = STAGES) -> Path:
    """The documents, the archive index, the bare index and the one-segment copy of ``count``
    documents; with ``reuse``, each stage an earlier run finished is kept."""
    place = cache / str(count)
    if not reuse:
        shutil.rmtree(place, ignore_errors=True)
    place.mkdir(parents=True, exist_ok=True)
    steps = {"docs": lambda: write_documents(place / "docs", count),
             "archive": lambda: build_archive(place / "docs", place / "archive", "whoosh"),
             "bare": lambda: build_bare(indexed_paths(place / "archive"), place / "bare"),
             "merged": lambda: merged_copy(place),
             "tantivy": lambda: build_archive(place / "docs", place / "tantivy", engine="tantivy")}
    for stage in stages:
        done = place / f"{stage}.done.json"
        if done.exists():
            continue
        print(f"{count}: {stage}", file=sys.stderr)
        if stage in ("bare", "merged"):
            shutil.rmtree(place / stage, ignore_errors=True)
        started = time.perf_counter()
        figures = steps[stage]() or {}
        done.write_text(json.dumps({"seconds": round(time.perf_counter() - started, 1)} | figures))
    return place


def build_figures(place: Path) -> dict[str, dict]:
    """Each stage's seconds; for the two archive indexes, also the second run's and the memory."""
    return {stage: json.loads((place / f"{stage}.done.json").read_text())
            for stage in STAGES[1:] if (place / f"{stage}.done.json").exists()}


# ---- queries drawn from the corpus -----------------------------------------------------------

@dataclass
class Query:
    """One query, asked of the archive as a SearchRequest and of the bare index as Whoosh objects."""

    kind: str
    text: str = ""
    name: str = ""
    span: tuple[str, str] | None = None   # --from, --to as the user types them

    def request(self) -> SearchRequest:
        return SearchRequest(query=self.text, names=[self.name] if self.name else [],
                             date_span=user_date_span(*self.span) if self.span else None, limit=HITS)

    def cli_args(self) -> list[str]:
        args = [self.text] if self.text else []
        if self.name:
            args += ["--name", self.name]
        if self.span:
            args += ["--from", self.span[0], "--to", self.span[1]]
        return args

    def bare_spec(self) -> dict:
        """What the bare search needs: a query string for QueryParser and a day range."""
        parts = [self.text] if self.text else []
        if self.name:
            parts.append('"' + self.name + '"')
        span = user_date_span(*self.span) if self.span else None
        return {"text": " ".join(parts),
                "days": [span.start.isoformat(), span.end.isoformat()] if span else None}


@dataclass
class Sample:
    """A random document of the corpus: its text, date and names."""

    text: str
    date: str | None
    names: list[str] = field(default_factory=list)


def corpus_samples(index_dir: Path, rng: random.Random, count: int) -> list[Sample]:
    archive_index = ArchiveIndex.open(index_dir)
    stored = list(archive_index.engine.all_stored())
    samples = []
    for fields in rng.sample(stored, count):
        names = [n for n in fields.get("people", []) + fields.get("organisations", []) if PLAIN_WORD.search(n)]
        samples.append(Sample(archive_index.texts.get(fields["id"]), fields.get("date"), names))
    return samples


def _word(sample: Sample, rng: random.Random) -> str:
    words = [w.lower() for w in PLAIN_WORD.findall(sample.text) if w.lower() not in OPERATORS]
    return rng.choice(words)


def _phrase(sample: Sample, rng: random.Random) -> str:
    phrases = [p for p in PLAIN_PHRASE.findall(sample.text)
               if not set(p.lower().split()) & OPERATORS]
    return '"' + rng.choice(phrases).lower() + '"'


def _span(sample: Sample, rng: random.Random) -> tuple[str, str]:
    """A span around the document's date, typed as years, months or days (the last the costliest)."""
    date = PartialDate.from_iso(sample.date).first_day
    before = date - dt.timedelta(days=rng.randint(0, 500))
    after = date + dt.timedelta(days=rng.randint(0, 500))
    form = rng.choice(("year", "month", "day"))
    if form == "year":
        return str(before.year), str(after.year)
    if form == "month":
        return before.strftime("%Y-%m"), after.strftime("%Y-%m")
    return before.isoformat(), after.isoformat()


def make_queries(index_dir: Path, per_kind: int) -> dict[str, list[Query]]:
    rng = random.Random(SEED)
    samples = corpus_samples(index_dir, rng, per_kind * 8)
    dated_with_names = [s for s in samples if s.date and s.names]
    dated = [s for s in samples if s.date]
    named = [s for s in samples if s.names]
    return {
        "term": [Query("term", text=_word(s, rng)) for s in samples[:per_kind]],
        "phrase": [Query("phrase", text=_phrase(s, rng)) for s in samples[per_kind:2 * per_kind]],
        "name": [Query("name", name=rng.choice(s.names)) for s in named[:per_kind]],
        "date": [Query("date", span=_span(s, rng)) for s in dated[-per_kind:]],
        "combined": [Query("combined", text=_phrase(s, rng), name=rng.choice(s.names), span=_span(s, rng))
                     for s in dated_with_names[-per_kind:]],
    }


# ---- in-process latency ----------------------------------------------------------------------

def bare_search(searcher, spec: dict) -> int:
    """The bare index searched the way Whoosh's documentation shows, highlights from the stored body."""
    from whoosh import query as wq
    from whoosh.qparser import QueryParser

    parts = [QueryParser("body", searcher.schema).parse(spec["text"])] if spec["text"] else []
    if spec["days"]:
        start, end = (dt.datetime.fromisoformat(day) for day in spec["days"])
        parts.append(wq.DateRange("date", start, end + dt.timedelta(days=1) - dt.timedelta(microseconds=1)))
    query = parts[0] if len(parts) == 1 else wq.And(parts)
    results = searcher.search(query, limit=HITS)
    for hit in results:
        hit.highlights("body", top=3)
    return len(results)


def fingerprint(results) -> str:
    """What a search gave, to compare two checkouts: the count, and each hit's id, score and passages."""
    shown = [[hit.id, hit.score, [passage.text for passage in hit.passages]] for hit in results.hits]
    return hashlib.sha1(json.dumps([results.total, shown]).encode()).hexdigest()


# A search under measurement: a query in, the number of matches and the fingerprint of what was
# found out (None for the bare index, which finds other passages).
Engine = Callable[[Query], tuple[int, str | None]]


def searchers(place: Path, other: Path | None = None) -> dict[str, Engine]:
    """Each index under measurement."""
    from whoosh import index

    def archive_search(folder: str) -> Engine:
        archive_index = ArchiveIndex.open(place / folder)

        def search(query: Query) -> tuple[int, str]:
            results = archive_index.search(query.request())
            return results.total, fingerprint(results)
        return search

    engines = {"archive": archive_search("archive")}
    if "bare" in built_indexes(place):  # not at 1,000,000 by the long run's stages
        bare = index.open_dir(str(place / "bare")).searcher()
        engines["bare"] = lambda query: (bare_search(bare, query.bare_spec()), None)
    for folder in ("merged", "tantivy"):
        if folder in built_indexes(place):
            engines[folder] = archive_search(folder)
    if other:
        engines["other"] = other_checkout_search(other, place / "archive")
    return engines


# --compare-with: the same searches by another checkout of the archive (an earlier commit, say)
# on the same index, in a process of its own, query by query in turn with the others.
OTHER_CHECKOUT = """
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from archive import user_date_span
from indexer import ArchiveIndex, SearchRequest
archive_index = ArchiveIndex.open(sys.argv[2])
for line in sys.stdin:
    asked = json.loads(line)
    request = SearchRequest(query=asked["text"], names=[asked["name"]] if asked["name"] else [],
                            date_span=user_date_span(*asked["span"]) if asked["span"] else None,
                            limit=asked["limit"])
    results = archive_index.search(request)
    # as fingerprint() in bench/latency.py
    shown = [[hit.id, hit.score, [passage.text for passage in hit.passages]] for hit in results.hits]
    print(json.dumps([results.total, hashlib.sha1(json.dumps([results.total, shown]).encode()).hexdigest()]),
          flush=True)
"""


def other_checkout_search(root: Path, index_dir: Path) -> Engine:
    """ArchiveIndex.search of the checkout at ``root`` (the time measured includes passing the
    query and the answer through a pipe, a fraction of a millisecond)."""
    child = subprocess.Popen([sys.executable, "-c", OTHER_CHECKOUT, str(root), str(index_dir)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_process_env())

    def search(query: Query) -> tuple[int, str]:
        child.stdin.write(json.dumps({"text": query.text, "name": query.name, "span": query.span,
                                      "limit": HITS}) + "\n")
        child.stdin.flush()
        total, found = json.loads(child.stdout.readline())
        return total, found
    return search


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def in_process(place: Path, queries: dict[str, list[Query]], other: Path | None = None) -> dict:
    engines = searchers(place, other)
    for kind in KINDS:  # warm the file cache and Whoosh's lazy loading everywhere
        for query in queries[kind][:5]:
            for search in engines.values():
                search(query)
    figures = {}
    for kind in KINDS:
        times: dict[str, list[float]] = {name: [] for name in engines}
        hit = dict.fromkeys(engines, 0)
        differing = 0
        for query in queries[kind]:
            found = {}
            for name, search in engines.items():
                started = time.perf_counter()
                found[name] = search(query)
                times[name].append((time.perf_counter() - started) * 1000)
                hit[name] += found[name][0] > 0
            differing += "other" in found and found["other"] != found["archive"]
        figures[kind] = {"queries": len(queries[kind])}
        if other:
            # Queries for which the other checkout found another count, other hits, scores or passages.
            figures[kind]["other_differing"] = differing
        for name in engines:
            figures[kind][name] = {"hit": hit[name], "median_ms": round(statistics.median(times[name]), 1),
                                   "p95_ms": round(percentile(times[name], 0.95), 1)}
        for name in set(engines) - {"bare"} if "bare" in engines else ():
            figures[kind][f"{name}_p95_over_bare"] = round(figures[kind][name]["p95_ms"] / figures[kind]["bare"]["p95_ms"], 2)
    return figures


# ---- whole processes -------------------------------------------------------------------------

BARE_PROCESS = """
import datetime as dt, json, sys
from whoosh import index, query as wq
from whoosh.qparser import QueryParser
spec = json.loads(sys.argv[2])
ix = index.open_dir(sys.argv[1])
parts = [QueryParser("body", ix.schema).parse(spec["text"])] if spec["text"] else []
if spec["days"]:
    start, end = (dt.datetime.fromisoformat(day) for day in spec["days"])
    parts.append(wq.DateRange("date", start, end + dt.timedelta(days=1) - dt.timedelta(microseconds=1)))
query = parts[0] if len(parts) == 1 else wq.And(parts)
with ix.searcher() as searcher:
    for hit in searcher.search(query, limit=10):
        print(hit["path"], hit.get("date"), hit.highlights("body", top=3))
"""


def _process_env() -> dict:
    # As after `pip install`: modules load from compiled bytecode (this machine's shells set
    # PYTHONDONTWRITEBYTECODE, which would make every process compile every module again).
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True, env=_process_env())
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{command}: {done.stderr}")
    return seconds


def process_commands(place: Path, other: Path | None = None) -> dict[str, Callable[[Query], list[str]]]:
    def archive_search(folder: str, cli: list[str] = CLI) -> Callable[[Query], list[str]]:
        return lambda query: [*cli, "search", *query.cli_args(), "--index", str(place / folder)]

    commands = {"archive": archive_search("archive")}
    if "bare" in built_indexes(place):
        commands["bare"] = lambda query: [sys.executable, "-c", BARE_PROCESS, str(place / "bare"),
                                          json.dumps(query.bare_spec())]
    for folder in ("merged", "tantivy"):
        if folder in built_indexes(place):
            commands[folder] = archive_search(folder)
    if other:
        # The other checkout's search_cli.py as a script: its own packages come first on sys.path.
        commands["other"] = archive_search("archive", [sys.executable, str(other / "search_cli.py")])
    return commands


def whole_process(place: Path, queries: dict[str, list[Query]], runs: int, other: Path | None = None) -> dict:
    commands = process_commands(place, other)
    for command in commands.values():  # compiles and caches the bytecode, warms the file cache
        _wall(command(queries["term"][0]))
    figures, every = {}, {name: [] for name in commands}
    for kind in KINDS:
        seconds: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(runs):
            query = queries[kind][run % len(queries[kind])]
            for name, command in commands.items():
                seconds[name].append(_wall(command(query)))
        figures[kind] = {f"{name}_median_s": round(statistics.median(values), 3) for name, values in seconds.items()}
        for name, values in seconds.items():
            every[name] += values
    figures["all"] = {f"{name}_median_s": round(statistics.median(values), 3) for name, values in every.items()}
    figures["all"]["archive_max_s"] = round(max(every["archive"]), 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/archive-latency"))
    parser.add_argument("--reuse", action="store_true", help="use the indexes built by an earlier run")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=DEFAULT_STAGES,
                        help="build only these (the bare index beside the archive's; measure without the one-segment copy)")
    parser.add_argument("--queries", type=int, default=60, help="queries per kind")
    parser.add_argument("--cli-runs", type=int, default=7, help="processes per kind")
    parser.add_argument("--compare-with", type=Path, default=None, metavar="CHECKOUT",
                        help="also measure another checkout of the archive (e.g. `git archive` of an earlier "
                             "commit, unpacked) on the same index, as \"other\"")
    args = parser.parse_args()
    results = {"machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
               "measured": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "sizes": {}}
    for count in args.sizes:
        place = build(count, args.cache, args.reuse, tuple(args.stages))
        if args.build_only:
            continue
        queries = make_queries(place / "archive", args.queries)
        results["sizes"][count] = {
            "documents": ArchiveIndex.open(place / "archive").document_count(),
            "build": build_figures(place),
            "segments": segment_counts(place),
            "in_process": in_process(place, queries, args.compare_with),
            "whole_process": whole_process(place, queries, args.cli_runs, args.compare_with),
            "examples": {kind: " ".join(queries[kind][0].cli_args()) for kind in KINDS},
        }
        print(json.dumps(results["sizes"][count], indent=2), file=sys.stderr)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
