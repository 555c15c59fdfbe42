"""OCR quality and speed: pages drawn from real born-digital PDFs, read back by Tesseract.

    python bench/ocr_quality.py [--pages-per-pdf 2] [--workers 2] [--json]

For each page of the born-digital PDFs below (the first --pages-per-pdf pages holding at least
300 characters of clean text), in ../shared/realdata/pdf, the truth is pdfminer's text of that
page (its default layout analysis, which orders columns as Tesseract reads them), in NFKC form
(ligature glyphs as their letters). The page is drawn by
pypdfium2 at 200 and 300 dpi, clean and with mild noise (Gaussian grey noise of sigma 24 and a
turn of 0.4 degree, as from a flatbed scanner), and read by the archive's OCR (archive/readers/_ocr.py).

- character accuracy: 1 - Levenshtein distance / truth length, on whitespace-normalised text
  (rapidfuzz, the bench extra: pip install '.[bench]'), the mean over pages;
- phrase recall: of the truth's 4-word phrases (every 4th word starting one, as the index words
  them: archive's body analyzer), the share found word for word in the OCR text, as a phrase
  search would find them;
- word recall: the share of the truth's words the OCR text holds in any order (recognition alone;
  character accuracy also counts where reading orders differ: columns, tables, forms);
- speed: pages per second, drawing and OCR, with --workers processes (one tesseract each), and
  the CPU seconds a page takes (drawing, OCR), which a busy machine does not change.

Then the real scans there (no truth): what comes out of each, through the archive's PDF reader.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import sys
import time
import unicodedata
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.readers import _ocr, read_bytes  # noqa: E402
from archive.settings import ReadSettings  # noqa: E402
from indexer._schema import FAST_FIELD_WORDS, analyzed_words  # noqa: E402

PDFS = ROOT.parent / "shared" / "realdata" / "pdf"
# English, born digital, text layers that pdfminer reads cleanly: papers in one and two columns,
# reports, a form's instructions, a Google Docs export, a short essay.
BORN_DIGITAL = [
    "pdfminer.six/samples/nonfree/dmca.pdf",
    "pdfminer.six/samples/nonfree/naacl06-shinyama.pdf",
    "pdfminer.six/samples/nonfree/i1040nr.pdf",
    "pdf.js/test/pdfs/tracemonkey.pdf",
    "pypdf/resources/GeoBase_NHNC1_Data_Model_UML_EN.pdf",
    "pypdf/resources/crazyones.pdf",
    "py-pdf-sample-files/011-google-doc-document/google-doc-document.pdf",
    "py-pdf-sample-files/026-latex-multicolumn/multicolumn.pdf",
]
REAL_SCANS = ["pdfminer.six/samples/nonfree/175.pdf",
              "py-pdf-sample-files/019-grayscale-image/grayscale-image.pdf"]
MIN_TRUTH_CHARS = 300
PHRASE_WORDS = 4
NOISE_SIGMA = 24
NOISE_TURN_DEGREES = 0.4
TARGET_ACCURACY = 0.97
CONDITIONS = [(200, False), (200, True), (300, False), (300, True)]


def normalised(text: str) -> str:
    """Whitespace runs as one space, and compatibility characters as what they stand for (NFKC):
    the PDF's ligature glyphs (U+FB01 for "fi") are the letters OCR reads, not errors."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def truth_pages(pages_per_pdf: int) -> list[tuple[str, int, str]]:
    """(pdf, page number from 0, pdfminer's text) for the pages measured."""
    from pdfminer.high_level import extract_text

    chosen = []
    for relative in BORN_DIGITAL:
        path = PDFS / relative
        if not path.is_file():
            print(f"skipped, not found: {relative}", file=sys.stderr)
            continue
        found, number = 0, 0
        while found < pages_per_pdf and number < 60:
            text = normalised(extract_text(str(path), page_numbers=[number]))
            if not text and number > 0:
                break  # past the last page
            if len(text) >= MIN_TRUTH_CHARS and "(cid:" not in text:
                chosen.append((relative, number, text))
                found += 1
            number += 1
    return chosen


def _noisy(image):
    from PIL import Image, ImageChops

    image = image.rotate(NOISE_TURN_DEGREES, resample=Image.Resampling.BICUBIC, fillcolor=255)
    noise = Image.effect_noise(image.size, NOISE_SIGMA)  # Gaussian, centred on 128
    return ImageChops.add(image, noise, scale=1.0, offset=-128)


def _cpu_seconds() -> float:
    """CPU time of this process and of the tesseract runs it waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def ocr_page(job: tuple[str, int, int, bool]) -> tuple[str, float]:
    """One page drawn and read, in a worker process: its text and the CPU seconds it took."""
    import pypdfium2

    started = _cpu_seconds()
    relative, number, dpi, noisy = job
    settings = ReadSettings(ocr_dpi=dpi, ocr_timeout=300)
    document = pypdfium2.PdfDocument((PDFS / relative).read_bytes())
    try:
        image, _ = _ocr._render(document, number, settings)
    finally:
        document.close()
    text, note = _ocr.image_text(_noisy(image) if noisy else image, settings, number + 1)
    return normalised(text), _cpu_seconds() - started


def character_accuracy(ocr: str, truth: str) -> float:
    from rapidfuzz.distance import Levenshtein

    return max(0.0, 1 - Levenshtein.distance(ocr, truth) / len(truth))


def word_recall(ocr: str, truth: str) -> float:
    """The share of the truth's words (as indexed, counted with repeats) that the OCR text holds,
    in any order: recognition alone, where character accuracy also counts reading order."""
    pattern = FAST_FIELD_WORDS["body"]
    truth_words, ocr_words = Counter(analyzed_words(pattern, truth)), Counter(analyzed_words(pattern, ocr))
    return sum((truth_words & ocr_words).values()) / sum(truth_words.values())


def phrase_recall(ocr: str, truth: str) -> tuple[int, int]:
    """(found, asked) 4-word phrases of the truth, every 4th word starting one."""
    pattern = FAST_FIELD_WORDS["body"]
    truth_words, ocr_words = analyzed_words(pattern, truth), analyzed_words(pattern, ocr)
    ocr_phrases = {tuple(ocr_words[i:i + PHRASE_WORDS]) for i in range(len(ocr_words) - PHRASE_WORDS + 1)}
    asked = [tuple(truth_words[i:i + PHRASE_WORDS])
             for i in range(0, len(truth_words) - PHRASE_WORDS + 1, PHRASE_WORDS)]
    return sum(phrase in ocr_phrases for phrase in asked), len(asked)


def measure(pages, workers: int) -> list[dict]:
    rows = []
    with Pool(workers) as pool:
        pool.map(ocr_page, [(pages[0][0], pages[0][1], 200, False)] * workers)  # start-up, not measured
        for dpi, noisy in CONDITIONS:
            started = time.monotonic()
            done = pool.map(ocr_page, [(relative, number, dpi, noisy) for relative, number, _ in pages],
                            chunksize=1)
            seconds = time.monotonic() - started
            texts = [text for text, _ in done]
            cpu = [cpu_seconds for _, cpu_seconds in done]
            accuracies = [character_accuracy(text, truth) for text, (_, _, truth) in zip(texts, pages)]
            found = asked = 0
            for text, (_, _, truth) in zip(texts, pages):
                hit, tried = phrase_recall(text, truth)
                found, asked = found + hit, asked + tried
            by_pdf: dict[str, list[float]] = {}
            for accuracy, (relative, _, _) in zip(accuracies, pages):
                by_pdf.setdefault(Path(relative).name, []).append(accuracy)
            rows.append({"dpi": dpi, "noise": noisy, "pages": len(pages),
                         "char_accuracy_mean": round(statistics.mean(accuracies), 4),
                         "char_accuracy_median": round(statistics.median(accuracies), 4),
                         "char_accuracy_min": round(min(accuracies), 4),
                         "pages_at_target": sum(accuracy >= TARGET_ACCURACY for accuracy in accuracies),
                         "phrases_found": found, "phrases_asked": asked,
                         "phrase_recall": round(found / asked, 4),
                         "word_recall": round(statistics.mean(word_recall(text, truth)
                                                              for text, (_, _, truth) in zip(texts, pages)), 4),
                         "pages_per_second": round(len(pages) / seconds, 3),
                         "cpu_seconds_per_page": round(statistics.mean(cpu), 3),
                         "by_pdf": {name: round(statistics.mean(values), 4) for name, values in by_pdf.items()}})
    return rows


def real_scans() -> list[dict]:
    rows = []
    for relative in REAL_SCANS:
        path = PDFS / relative
        if not path.is_file():
            continue
        started = time.monotonic()
        try:
            raw = read_bytes(path.read_bytes(), path.name)
            pages, outcome = raw.pages, "read"
        except Exception as error:  # a reason is what comes out
            pages, outcome = [], str(error)
        words = [len(page.split()) for page in pages]
        rows.append({"pdf": relative, "outcome": outcome, "pages": len(pages), "words_per_page": words,
                     "seconds": round(time.monotonic() - started, 2),
                     "opening": normalised(pages[0])[:160] if pages else ""})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-per-pdf", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # pdfminer's complaints about fonts, not ours to report
    if missing := _ocr.ocr_missing():
        sys.exit(f"cannot measure OCR: {missing}")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pages = truth_pages(args.pages_per_pdf)
    result = {"command": " ".join(["python", "bench/ocr_quality.py", *sys.argv[1:]]),
              "tesseract": str(__import__("pytesseract").get_tesseract_version()),
              "cores": os.cpu_count(), "workers": args.workers,
              "pdfs": sorted({relative for relative, _, _ in pages}),
              "truth_chars": sum(len(truth) for _, _, truth in pages),
              "conditions": measure(pages, args.workers), "real_scans": real_scans()}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"command: {result['command']}  (tesseract {result['tesseract']}, {args.workers} workers, "
          f"{result['cores']} cores)")
    print(f"{len(pages)} pages of {len(result['pdfs'])} PDFs, {result['truth_chars']:,} characters of truth")
    print(f"{'dpi':>4} {'noise':>5} {'char acc mean':>13} {'median':>7} {'min':>6} {'4-word phrases':>20} "
          f"{'words':>6} {'pages/s':>8} {'CPU s/page':>10} {'pages >= 0.97':>13}")
    for row in result["conditions"]:
        print(f"{row['dpi']:>4} {'yes' if row['noise'] else 'no':>5} {row['char_accuracy_mean']:>13.4f} "
              f"{row['char_accuracy_median']:>7.4f} {row['char_accuracy_min']:>6.3f} "
              f"{row['phrases_found']:>6}/{row['phrases_asked']:<5} {row['phrase_recall']:>7.1%} "
              f"{row['word_recall']:>6.1%} {row['pages_per_second']:>8.2f} {row['cpu_seconds_per_page']:>10.2f} "
              f"{row['pages_at_target']:>9}/{row['pages']}")
    for row in result["conditions"]:
        print(f"  {row['dpi']} dpi{' noisy' if row['noise'] else ''} by PDF: "
              + ", ".join(f"{name} {value:.3f}" for name, value in row["by_pdf"].items()))
    for scan in result["real_scans"]:
        print(f"real scan {scan['pdf']}: {scan['outcome']}, {scan['pages']} pages, words per page "
              f"{scan['words_per_page']}, {scan['seconds']} s; opens: {scan['opening']!r}")


if __name__ == "__main__":
    main()
