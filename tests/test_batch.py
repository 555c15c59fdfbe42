"""Batch indexing: worker processes that hang, crash or run out of memory; incremental runs;
pruning; the run log. Through the library and the real CLI."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from indexer import ArchiveIndex, IndexOptions, SearchRequest, index_paths
from archive.readers._ocr import ocr_missing
from indexer._pool import WorkerPool
from tests.fixtures.hostile import bomb_pdf, slow_pdf


# ---- the pool, with real processes doing real harm ---------------------------------

class _Behaviour:
    """A reader stand-in: each task's word says what harm to do; finish() hands over what it kept."""

    def __init__(self) -> None:
        self.kept: list[str] = []

    def handle(self, task: str) -> str:
        if task == "crash":
            os.kill(os.getpid(), signal.SIGKILL)
        if task == "hang":
            time.sleep(60)
        if task == "hog":
            return str(len(bytearray(800 * 1024 * 1024)))
        if task == "raise":
            raise ValueError("bad input")
        self.kept.append(task)
        return task.upper()

    def finish(self) -> list[str]:
        kept, self.kept = self.kept, []
        return kept


def test_pool_survives_crashes_hangs_memory_hogs_and_errors():
    pool = WorkerPool(_Behaviour, workers=2, timeout=1.0, memory_mb=200, batch_size=4, batch_seconds=60)
    tasks = ["a", "crash", "b", "hang", "c", "hog", "d", "raise", "e", "f", "g"]
    batches = list(pool.run(tasks))
    failures = {f.task: f.error for batch in batches for f in batch.failures}
    assert "died (killed by signal 9)" in failures["crash"]
    assert failures["hang"] == "timed out after 1 s"
    assert "ran out of memory" in failures["hog"]
    assert failures["raise"] == "ValueError: bad input"
    # Every good task ends up in exactly one handed-over segment, even those whose first
    # reader died with its segment: they were read again.
    kept = [task for batch in batches for segment, _ in batch.parts for task in segment]
    results = {f.task: f.result for batch in batches for _, done in batch.parts for f in done}
    assert sorted(kept) == list("abcdefg")
    assert results == {task: task.upper() for task in "abcdefg"}


# ---- incremental runs ------------------------------------------------------------

def _write(path: Path, text: str, bump: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if bump:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + bump * 10**9))
    return path


@pytest.fixture()
def folder(tmp_path) -> Path:
    docs = tmp_path / "docs"
    for number in range(6):
        _write(docs / f"note{number}.txt", f"Note {number} about the sluice number {number * 7}.")
    return docs


def test_add_change_remove_without_and_with_prune(tmp_path, folder):
    index_dir = tmp_path / "index"
    options = IndexOptions(workers=2)
    first = index_paths([str(folder)], index_dir, options=options)
    assert (first.added, first.documents) == (6, 6)
    _write(folder / "new.txt", "A new note about otters.")
    _write(folder / "note1.txt", "Note 1 rewritten about herons.", bump=5)
    (folder / "note2.txt").unlink()
    second = index_paths([str(folder)], index_dir, options=options)
    assert (second.added, second.updated, second.unchanged, second.removed) == (1, 1, 4, 0)
    assert (second.documents, second.missing) == (7, 1)
    assert ArchiveIndex.open(index_dir).stats()["missing_files"] == 1
    third = index_paths([str(folder)], index_dir, options=IndexOptions(workers=2, prune=True))
    assert (third.unchanged, third.removed, third.documents, third.missing) == (6, 1, 6, 0)


def test_prune_touches_only_the_given_paths(tmp_path, folder):
    other = tmp_path / "other"
    _write(other / "kept.txt", "Kept elsewhere.")
    index_dir = tmp_path / "index"
    index_paths([str(folder), str(other)], index_dir, options=IndexOptions(workers=1))
    (other / "kept.txt").unlink()
    report = index_paths([str(folder)], index_dir, options=IndexOptions(workers=1, prune=True))
    assert (report.removed, report.missing, report.documents) == (0, 1, 7)


def test_pruning_one_copy_keeps_the_document_at_the_other_path(tmp_path, folder):
    (folder / "copy.txt").write_bytes((folder / "note3.txt").read_bytes())
    index_dir = tmp_path / "index"
    index_paths([str(folder)], index_dir, options=IndexOptions(workers=1))
    (folder / "note3.txt").unlink()
    report = index_paths([str(folder)], index_dir, options=IndexOptions(workers=1, prune=True))
    assert (report.removed, report.documents) == (1, 6)
    document = ArchiveIndex.open(index_dir).get(str(folder / "copy.txt"))
    assert [Path(p).name for p in document.hit.paths] == ["copy.txt"]


def test_the_same_bytes_under_several_paths_are_one_document_with_its_whole_text(tmp_path, folder):
    # Readers hand their documents back without the text (it is kept beside the index): the one
    # document written again with every path must still have all of it, in one batch and the next.
    text = "Minutes of the harbour board.\n\nThe outfall permit was refused by the water company."
    for name in ("a.txt", "copies/b.txt"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    index_dir = tmp_path / "index"
    for run, names in enumerate((["a.txt", "b.txt"], ["a.txt", "b.txt", "c.txt"])):
        if run:
            (folder / "copies" / "c.txt").write_text(text, encoding="utf-8")
        index_paths([str(folder)], index_dir, options=IndexOptions(workers=2))
        index = ArchiveIndex.open(index_dir)
        document = index.get(str(folder / "copies" / "b.txt"))
        assert [Path(path).name for path in document.hit.paths] == names
        assert document.text == text
        found = index.search(SearchRequest(query='"outfall permit was refused"'))
        assert [hit.id for hit in found.hits] == [document.hit.id]


def test_touched_but_unchanged_files_are_not_rewritten(tmp_path, folder):
    index_dir = tmp_path / "index"
    index_paths([str(folder)], index_dir, options=IndexOptions(workers=1))
    path = folder / "note4.txt"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    report = index_paths([str(folder)], index_dir, options=IndexOptions(workers=1))
    assert (report.unchanged, report.updated, report.added) == (6, 0, 0)


# ---- the CLI ---------------------------------------------------------------------

def test_hanging_and_exploding_files_fail_with_reasons_and_the_batch_goes_on(cli, tmp_path, folder):
    # Seconds of reading a few times over the time limit, which leaves the bomb time to meet the
    # memory cap first even on a busy machine.
    (folder / "slow.pdf").write_bytes(slow_pdf(characters=300_000))
    (folder / "bomb.pdf").write_bytes(bomb_pdf())
    # The bomb must meet the memory cap here, not the (larger) inflate limit, which test_hostile tests.
    result = cli.run("index", str(folder), "--timeout", "4", "--memory-mb", "150", "--max-inflated-mb", "1000",
                     "--workers", "2", "--json")
    assert result.exit_code == 3
    import json

    report = json.loads(result.stdout)
    failed = {Path(item["path"]).name: item["error"] for item in report["failed"]}
    assert failed["slow.pdf"] == "timed out after 4 s"
    assert "memory" in failed["bomb.pdf"]
    assert report["added"] == 6
    listed = cli.json("failures")
    assert {Path(item["path"]).name for item in listed[-1]["failed"]} == {"slow.pdf", "bomb.pdf"}
    human = cli.run("failures")
    assert "timed out after 4 s" in human.stdout
    assert f"2 failed of {report['seen']} files" in human.stdout


def test_json_output_has_no_progress_noise(cli, folder):
    result = cli.run("index", str(folder), "--json")
    assert result.exit_code == 0
    assert result.stderr == ""


# ---- long PDFs, read in parts by several readers ------------------------------------

def _long_pdf(path: Path, pages: int, text: bool = True) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for number in range(1, pages + 1):
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, f"Page {number} of the gazetteer. Marker word quokka{number}.")
    pdf.output(str(path))


def test_a_long_pdf_read_in_parts_is_one_document_with_its_pages_in_order(cli, tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    _long_pdf(folder / "gazetteer.pdf", 40)
    _long_pdf(folder / "blank.pdf", 20, text=False)
    _write(folder / "note.txt", "A short note.")
    import json

    result = cli.run("index", str(folder), "--workers", "2", "--json")
    report = json.loads(result.stdout)
    assert (report["added"], report["documents"]) == (2, 2)
    # 20 blank pages: OCR finds nothing on them (failed), or without OCR they are skipped with the hint.
    outcome, reason = (("failed", "no text layer, and OCR found no text") if ocr_missing() is None
                       else ("skipped", "no text layer (scanned image?): "))
    assert [(Path(p["path"]).name, p["error"][:len(reason)]) for p in report[outcome]] == [("blank.pdf", reason)]
    shown = cli.json("show", str(folder / "gazetteer.pdf"))
    assert shown["pages"] == 40
    pages = shown["text"].split("\f")
    assert all(f"quokka{number}." in pages[number - 1] for number in range(1, 41))
    hit = cli.json("search", "quokka37")["hits"][0]
    assert [passage["page"] for passage in hit["passages"]] == [37]


def test_a_long_pdf_under_two_paths_and_then_changed_stays_one_document(cli, tmp_path):
    """A long PDF's documents are made and written by a reader once its parts are in: the same
    bytes at a second path, read in parts too, join the same document; a changed copy is an update."""
    import json
    import os
    import shutil

    folder = tmp_path / "pdfs"
    folder.mkdir()
    _long_pdf(folder / "a-gazetteer.pdf", 40)
    shutil.copy(folder / "a-gazetteer.pdf", folder / "b-gazetteer.pdf")
    report = json.loads(cli.run("index", str(folder), "--workers", "2", "--json").stdout)
    assert (report["added"], report["documents"], report["failed"]) == (2, 1, [])
    hits = cli.json("search", "quokka33")["hits"]
    assert [sorted(Path(path).name for path in hit["paths"]) for hit in hits] == [["a-gazetteer.pdf", "b-gazetteer.pdf"]]

    _long_pdf(folder / "b-gazetteer.pdf", 36)
    os.utime(folder / "b-gazetteer.pdf", ns=(1, 1))  # a different mtime for certain
    report = json.loads(cli.run("index", str(folder), "--workers", "2", "--json").stdout)
    assert (report["added"], report["updated"], report["documents"]) == (0, 1, 2)
    assert cli.json("search", "quokka33", "--count")["total"] == 2
    assert [Path(hit["path"]).name for hit in cli.json("search", "quokka38")["hits"]] == ["a-gazetteer.pdf"]


def test_many_small_runs_leave_few_segments(tmp_path):
    """Each run adds a segment per reader; the small ones are merged once there are enough."""
    from indexer.engines.whoosh.engine import SMALL_SEGMENTS_MERGED

    folder, index_dir = tmp_path / "docs", tmp_path / "index"
    folder.mkdir()
    counts = []
    for run in range(SMALL_SEGMENTS_MERGED + 2):
        _write(folder / f"run{run}.txt", f"Letter number {run} about the harbour wall.")
        index_paths([str(folder)], index_dir, options=IndexOptions(workers=1))
        counts.append(ArchiveIndex.open(index_dir).segment_count())
    assert max(counts) <= SMALL_SEGMENTS_MERGED
    assert counts[-1] < counts[SMALL_SEGMENTS_MERGED - 2]  # a merge happened
    archive = ArchiveIndex.open(index_dir)
    assert archive.document_count() == SMALL_SEGMENTS_MERGED + 2
    assert archive.search_count("harbour") == SMALL_SEGMENTS_MERGED + 2
