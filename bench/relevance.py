"""Ranking quality on the classic IR test collections, beside a plain BM25 reference.

    pip install rank-bm25 && python bench/relevance.py [--engines whoosh,tantivy]

TIME, CISI, Cranfield and MED from ../shared/realdata/ir (numbering quirks as its MANIFEST.md
says: TIME's judgements number documents by their order in TIME.ALL; Cranfield's number queries by
their order in cran.qry; MED's are TREC-style). Each document is written as a .txt file and indexed
by `archive index` itself (index_paths, two readers); each query is asked through the archive's
search path with --any (natural-language questions: not every word must be there), its words
lower-cased so that no word reads as an operator. The reference is rank-bm25's BM25Okapi over the
same texts, split into lower-case words. Reported: MAP (over the judged queries, up to 1,000 hits)
and nDCG@10 (Cranfield's graded codes 1-4 as gains 4-1, other collections binary). With
--engines, the archive's figures are given for each engine (indexer/engines), from the same files.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import ArchiveIndex, IndexOptions, SearchRequest, index_paths  # noqa: E402

IR = ROOT.parent / "shared" / "realdata" / "ir"
WORDS = re.compile(r"\w+")
DEPTH = 1000


def _smart_records(path: Path, keep: str = "W") -> list[str]:
    """SMART-format files (.I n / .T / .W ...): the text of the kept fields, in file order."""
    records, current, field = [], [], None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(".I"):
            if current is not None and records is not None:
                records.append(" ".join(current))
            current, field = [], None
            continue
        if re.match(r"^\.[A-Z]\b", line):
            field = line[1]
            continue
        if field and field in keep:
            current.append(line.strip())
    records.append(" ".join(current))
    return records[1:] if records and records[0] == "" else records


def _pairs(path: Path, query_column: int, doc_column: int, grade_column: int | None = None) -> dict:
    judged: dict[int, dict[int, int]] = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) <= max(query_column, doc_column):
            continue
        grade = 1
        if grade_column is not None:
            code = int(parts[grade_column])
            if not 1 <= code <= 4:
                continue
            grade = 5 - code
        judged.setdefault(int(parts[query_column]), {})[int(parts[doc_column])] = grade
    return judged


def med():
    return (_smart_records(IR / "med" / "MED.ALL"), _smart_records(IR / "med" / "MED.QRY"),
            _pairs(IR / "med" / "MED.REL", 0, 2))


def cisi():
    return (_smart_records(IR / "cisi" / "CISI.ALL", "TW"), _smart_records(IR / "cisi" / "CISI.QRY"),
            _pairs(IR / "cisi" / "CISI.REL", 0, 1))


def cran():
    return (_smart_records(IR / "cran" / "cran.all.1400", "TW"), _smart_records(IR / "cran" / "cran.qry"),
            _pairs(IR / "cran" / "cranqrel", 0, 1, 2))


def time_magazine():
    text = (IR / "time" / "TIME.ALL").read_text(encoding="utf-8", errors="replace")
    documents = [part.split("\n", 1)[1] if "\n" in part else "" for part in re.split(r"^\*TEXT ", text, flags=re.M)[1:]]
    queries = [part.split("\n", 1)[1] for part in re.split(r"^\*FIND", (IR / "time" / "TIME.QUE").read_text(), flags=re.M)[1:]]
    judged = {}
    for line in (IR / "time" / "TIME.REL").read_text().splitlines():
        parts = line.split()
        if len(parts) > 1:
            judged[int(parts[0])] = {int(number): 1 for number in parts[1:]}
    return documents, queries, judged


def _average_precision(ranked: list[int], relevant: dict[int, int]) -> float:
    hits, total = 0, 0.0
    for rank, doc in enumerate(ranked, start=1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant) if relevant else 0.0


def _ndcg10(ranked: list[int], relevant: dict[int, int]) -> float:
    gains = [relevant.get(doc, 0) for doc in ranked[:10]]
    dcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    best = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    return dcg / best if best else 0.0


def _score(rankings: dict[int, list[int]], judged: dict) -> tuple[float, float]:
    queries = [q for q in judged if q in rankings]
    return (sum(_average_precision(rankings[q], judged[q]) for q in queries) / len(queries),
            sum(_ndcg10(rankings[q], judged[q]) for q in queries) / len(queries))


def archive_rankings(documents: list[str], queries: list[str], workdir: Path,
                     engine: str | None = None) -> dict[int, list[int]]:
    folder = workdir / "docs"
    folder.mkdir()
    for number, text in enumerate(documents, start=1):
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    index_paths([str(folder)], workdir / "index", options=IndexOptions(workers=2, engine=engine))
    index = ArchiveIndex.open(workdir / "index")
    rankings = {}
    for number, question in enumerate(queries, start=1):
        words = " ".join(WORDS.findall(question.lower()))
        hits = index.search(SearchRequest(query=words, any_words=True, limit=DEPTH)).hits if words else []
        rankings[number] = [int(Path(hit.path).stem) for hit in hits]
    return rankings


def bm25_rankings(documents: list[str], queries: list[str]) -> dict[int, list[int]]:
    from rank_bm25 import BM25Okapi

    model = BM25Okapi([WORDS.findall(text.lower()) or ["-"] for text in documents])
    rankings = {}
    for number, question in enumerate(queries, start=1):
        scores = model.get_scores(WORDS.findall(question.lower()))
        order = sorted(range(len(documents)), key=lambda i: -scores[i])[:DEPTH]
        rankings[number] = [i + 1 for i in order if scores[i] > 0]
    return rankings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="whoosh", help="comma-separated: whoosh,tantivy")
    engines = parser.parse_args().engines.split(",")
    columns = [f"{engine} {measure}" for measure in ("MAP", "nDCG@10") for engine in engines]
    print("| collection | documents | judged queries | " + " | ".join(columns[:len(engines)])
          + " | BM25 MAP | " + " | ".join(columns[len(engines):]) + " | BM25 nDCG@10 |")
    print("|---|---|---|" + "---|" * (2 * len(engines) + 2))
    for name, load in (("TIME", time_magazine), ("CISI", cisi), ("Cranfield", cran), ("MED", med)):
        documents, queries, judged = load()
        ours = []
        for engine in engines:
            with tempfile.TemporaryDirectory() as workdir:
                ours.append(_score(archive_rankings(documents, queries, Path(workdir), engine), judged))
        reference = _score(bm25_rankings(documents, queries), judged)
        judged_count = len([q for q in judged if q <= len(queries)])
        maps = " | ".join(f"{score[0]:.3f}" for score in ours)
        ndcgs = " | ".join(f"{score[1]:.3f}" for score in ours)
        print(f"| {name} | {len(documents)} | {judged_count} | {maps} | {reference[0]:.3f} "
              f"| {ndcgs} | {reference[1]:.3f} |", flush=True)


if __name__ == "__main__":
    main()
