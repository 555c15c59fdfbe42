"""Web pages' main text, extractors side by side: precision, recall, F1 and pages/s.

    python bench/html_quality.py [--repeat 3] [--baseline REV]

On the 48 pages of the article-extraction benchmark in ../shared/realdata/html (each with its
publisher's article body as ground truth), the same protocol for every extractor: the page's text
and the truth as bags of lower-cased words (runs of \\w), precision and recall per page, averaged
over the pages; F1 of the two averages. Speed is pages per second in this one process, the median
of --repeat runs, with the page's bytes already in memory and decoded.

Extractors: the archive's reader as it stands (archive.readers.html), trafilatura.extract, and
readability-lxml's Document.summary() with BeautifulSoup taking the text out of the HTML it returns.
--baseline REV adds the archive's HTML reader as it was at a git revision (9ad3b89: its own
main-column rules, before readability-lxml), measured in the same run.
The optional ones are skipped, with a line saying so, when not installed (pip install '.[bench]').
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.readers.html import read_markup  # noqa: E402
from archive.readers.text import decode  # noqa: E402

BENCHMARK = ROOT.parent / "shared" / "realdata" / "html" / "article-extraction-benchmark"


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def pages_with_truth() -> list[tuple[str, str, str]]:
    """(page id, decoded markup, article body) for every page present."""
    truth = json.loads((BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
    return [(page.stem, decode(page.read_bytes()), truth[page.stem]["articleBody"])
            for page in sorted((BENCHMARK / "html").glob("*.html"))]


def score(extract: Callable[[str], str], pages) -> tuple[float, float, float]:
    """Mean precision, mean recall, and F1 of the two."""
    precision = recall = 0.0
    for _, markup, body in pages:
        got, expected = words(extract(markup) or ""), words(body)
        shared = sum((got & expected).values())
        precision += shared / max(sum(got.values()), 1)
        recall += shared / max(sum(expected.values()), 1)
    precision, recall = precision / len(pages), recall / len(pages)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def pages_per_second(extract: Callable[[str], str], pages, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for _, markup, _ in pages:
            extract(markup)
        times.append(time.perf_counter() - started)
    return len(pages) / statistics.median(times)


def _archive(markup: str) -> str:
    return read_markup(markup).pages[0]


def _reader_at(revision: str) -> Callable[[str], str]:
    """read_markup of archive/readers/html.py as it was at a git revision."""
    source = subprocess.run(["git", "show", f"{revision}:archive/readers/html.py"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as file:
        file.write(source)
    spec = importlib.util.spec_from_file_location(f"html_at_{revision}", file.name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return lambda markup: module.read_markup(markup).pages[0]


def _extractors(baseline: str | None) -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"archive reader": _archive}
    if baseline:
        found[f"archive reader at {baseline}"] = _reader_at(baseline)
    try:
        import trafilatura
        found["trafilatura"] = lambda markup: trafilatura.extract(markup) or ""
        found["trafilatura, favor_recall"] = (
            lambda markup: trafilatura.extract(markup, favor_recall=True) or "")
        found["trafilatura, favor_precision, no comments"] = (
            lambda markup: trafilatura.extract(markup, favor_precision=True, include_comments=False) or "")
    except ImportError:
        print("trafilatura is not installed: skipped")
    try:
        from bs4 import BeautifulSoup
        from readability import Document
        found["readability-lxml + bs4"] = (
            lambda markup: BeautifulSoup(Document(markup).summary(), "lxml").get_text(" "))
    except ImportError:
        print("readability-lxml is not installed: skipped")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", metavar="REV", help="also the archive's HTML reader at this git revision")
    args = parser.parse_args()
    if not BENCHMARK.is_dir():
        sys.exit(f"the benchmark pages are not at {BENCHMARK}")
    pages = pages_with_truth()
    baseline = None
    print(f"{len(pages)} pages\n")
    print("| extractor | precision | recall | F1 | pages/s | speed vs archive reader |")
    print("|---|---|---|---|---|---|")
    for name, extract in _extractors(args.baseline).items():
        precision, recall, f1 = score(extract, pages)
        speed = pages_per_second(extract, pages, args.repeat)
        baseline = baseline or speed
        print(f"| {name} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {speed:.1f} | {speed / baseline:.2f}x |")


if __name__ == "__main__":
    main()
