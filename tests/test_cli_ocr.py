"""`archive index --ocr`: scans drawn by the tests (tests/scans.py), indexed through the real CLI and
found by phrase with their page numbers; without OCR, skipped with the command that enables it."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archive.readers._ocr import ocr_missing
from tests.conftest import ROOT
from tests.scans import image_bytes, page_image, pdf_of

needs_ocr = pytest.mark.skipif(ocr_missing() is not None, reason=f"OCR cannot run here: {ocr_missing()}")
needs_pillow = pytest.mark.skipif(importlib.util.find_spec("PIL") is None,
                                  reason="Pillow (which fpdf2, of the test extra, needs) draws the scans")

LETTER = ["Calder Brook Anglers", "2 May 2012", "Dear Ms Halvorsen,",
          "The sluice gate below the weir was left open all winter.", "Yours sincerely,", "Ruth Pennington"]
SURVEY = ["The otter survey found spraints at four bridges."]


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scans")
    letter, survey = page_image(LETTER), page_image(SURVEY)
    (folder / "letter.png").write_bytes(image_bytes([letter], "PNG"))
    (folder / "both.tiff").write_bytes(image_bytes([page_image(["Cover sheet of the faxed minutes"]), survey], "TIFF"))
    (folder / "scan.pdf").write_bytes(pdf_of([letter]))
    (folder / "mixed.pdf").write_bytes(pdf_of([["Typed minutes of the anglers meeting."], survey]))
    return folder


@needs_ocr
def test_scans_are_indexed_and_found_by_phrase_with_their_pages(cli, scans):
    report = cli.json("index", str(scans))
    assert (report["added"], report["failed"], report["skipped"], report["partial"]) == (4, [], [], [])
    hits = cli.json("search", '"sluice gate below the weir"')["hits"]
    assert sorted((Path(h["path"]).name, h["format"]) for h in hits) == [("letter.png", "image"), ("scan.pdf", "pdf")]
    assert {h["type"] for h in hits} == {"letter"}
    otters = cli.json("search", '"otter survey found spraints"')["hits"]
    assert sorted((Path(h["path"]).name, [p["page"] for p in h["passages"]]) for h in otters) == [
        ("both.tiff", [2]), ("mixed.pdf", [2])]
    assert [Path(h["path"]).name for h in cli.json("search", "otter", "--format", "image")["hits"]] == ["both.tiff"]
    assert "p.2" in cli.run("search", "spraints", "--path", "*mixed.pdf").stdout


@needs_ocr
def test_a_letter_scanned_is_a_letter_with_its_parties(cli, scans):
    cli.json("index", str(scans / "letter.png"))
    [hit] = cli.json("search", "--sender", "Pennington")["hits"]
    shown = cli.json("show", hit["id"])
    assert (shown["type"], shown["recipient"], shown["date"]) == ("letter", "Halvorsen", "2012-05-02")


@needs_ocr
def test_ocr_never_skips_scans_and_keeps_text_layers(cli, scans):
    report = cli.json("index", str(scans), "--ocr", "never")
    assert report["added"] == 1 and report["failed"] == []  # mixed.pdf, by its text layer
    assert {Path(p["path"]).name: p["error"] for p in report["skipped"]} == {
        "letter.png": "an image, whose text only OCR reads: OCR is off (--ocr never); --ocr auto reads scans",
        "both.tiff": "an image, whose text only OCR reads: OCR is off (--ocr never); --ocr auto reads scans",
        "scan.pdf": "no text layer (scanned image?): OCR is off (--ocr never); --ocr auto reads scans"}
    assert cli.json("search", "spraints")["total"] == 0


@needs_ocr
def test_a_long_pdf_read_in_parts_finds_its_scanned_page(cli, tmp_path):
    """More than 16 pages: read in parts by several readers, the scan on page 18 among them."""
    pages = [[f"Typed page {number} of the inquiry transcript."] for number in range(1, 18)] + [page_image(SURVEY)]
    (tmp_path / "transcript.pdf").write_bytes(pdf_of(pages))
    report = cli.json("index", str(tmp_path), "--workers", "2")
    assert (report["added"], report["failed"]) == (1, [])
    [hit] = cli.json("search", '"otter survey"')["hits"]
    assert [p["page"] for p in hit["passages"]] == [18]


@needs_ocr
def test_a_language_tesseract_lacks_is_told_once_before_reading(cli, scans):
    result = cli.run("index", str(scans), "--ocr-lang", "eng+xqz")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("archive: tesseract has no language xqz (--ocr-lang): "
                                     "apt-get install tesseract-ocr-xqz")


@pytest.mark.parametrize("option, value, message", [
    ("--ocr", "sometimes", "--ocr must be one of auto, always, never, not 'sometimes'"),
    ("--ocr-lang", "eng;rm -rf", "--ocr-lang takes tesseract's language codes joined by +"),
    ("--ocr-dpi", "5000", "--ocr-dpi must be between 50 and 1200"),
    ("--max-image-mp", "0", "--max-image-mp must be more than 0")])
def test_bad_ocr_options_are_one_line(cli, tmp_path, option, value, message):
    result = cli.run("index", str(tmp_path), option, value)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"archive: {message}") and result.stderr.count("\n") == 1


@needs_pillow
def test_without_tesseract_a_scan_is_skipped_with_what_to_install(tmp_path, scans):
    """The real command, with a PATH where no tesseract is found: exit 0, the scan skipped, the hint."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    env = {**os.environ, "PATH": str(bin_dir), "ARCHIVE_INDEX": str(tmp_path / "index")}
    shutil.copy(scans / "scan.pdf", tmp_path / "scan.pdf")
    done = subprocess.run([sys.executable, str(ROOT / "search_cli.py"), "index", str(tmp_path / "scan.pdf"), "--json"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    [skipped] = json.loads(done.stdout)["skipped"]
    assert skipped["error"] in (
        "no text layer (scanned image?): the tesseract program is not installed: "
        "apt-get install tesseract-ocr tesseract-ocr-eng",
        "no text layer (scanned image?): OCR is not installed: pip install 'paper-archive[ocr]' "
        "(and apt-get install tesseract-ocr tesseract-ocr-eng)")
