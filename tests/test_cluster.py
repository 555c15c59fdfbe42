"""`archive index --cluster`: files read by a real Dask cluster's worker processes, the index written here.

One distributed.LocalCluster (2 worker processes, 1 thread each) serves the module; the index it
gives is compared with a local `--workers 2` run document for document. A worker is killed with
SIGKILL mid-run, and a scheduler (`archive cluster start`) goes away mid-run."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed (pip install '.[cluster]')")

from archive import DEFAULT_SETTINGS, SourceFile  # noqa: E402
from archive.readers._ocr import ocr_missing  # noqa: E402
from indexer import ArchiveIndex  # noqa: E402
from indexer._cluster import ALLOWED_FAILURES  # noqa: E402
from indexer.batch import ReadTask, read_task, with_bytes  # noqa: E402
from tests.conftest import CORPUS, ROOT, Cli, archive_process, document_count, wait_for_documents  # noqa: E402

WORDS = ("committee minister harbour council railway treaty election statement budget inquiry "
         "evidence witness tender contract").split()
PDFS, LONG_PDF_PAGES, TEXTS = 16, 20, 120


@pytest.fixture(scope="module")
def cluster():
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as local:
            yield local


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    """The shipped corpus, generated PDFs (one long enough to be read in parts) and letters."""
    from fpdf import FPDF

    folder = tmp_path_factory.mktemp("cluster-files")
    shutil.copytree(CORPUS, folder / "corpus")
    generated = folder / "generated"
    generated.mkdir()
    rng = random.Random(16)
    for number in range(PDFS + 1):
        pdf = FPDF()
        pdf.set_font("Helvetica", size=11)
        for page in range(LONG_PDF_PAGES if number == PDFS else 2):
            pdf.add_page()
            pdf.multi_cell(0, 6, f"Report {number}, page {page + 1}. Dear Mr Alan Hughes, "
                           + " ".join(rng.choice(WORDS) for _ in range(200)))
        pdf.output(str(generated / f"report-{number:03d}.pdf"))
    for number in range(TEXTS):
        (generated / f"letter-{number:03d}.txt").write_text(
            f"Letter {number}\n\n12 March 1998\n\nDear Ms Jane Doe,\n\n"
            + " ".join(rng.choice(WORDS) for _ in range(150)), encoding="utf-8")
    (generated / "letter-000.txt.meta.json").write_text('{"title": "Corrected beside the file"}', encoding="utf-8")
    return folder


def _documents(index_dir: Path) -> dict[str, dict]:
    """Every document's stored fields and text, by id."""
    index = ArchiveIndex.open(index_dir)
    return {stored["id"]: {**stored, "text": index.texts.get(stored["id"])} for stored in index.engine.all_stored()}


def _index(cli: Cli, *args: str) -> dict:
    return cli.json("index", *args)


# The corpus's scanned letter: read where OCR runs, skipped with the hint where not.
SCAN_NAME = "2006-08-14-foley-to-ashworth-scan.png"


def _skipped(report: dict) -> int:
    """How many files the run skipped: the scan alone, and only where OCR cannot read it."""
    skipped = [Path(item["path"]).name for item in report["skipped"]]
    assert skipped == ([] if ocr_missing() is None else [SCAN_NAME])
    return len(skipped)


def _indexed_here(files: Path, index_dir: Path, engine: str | None = None) -> dict[str, dict]:
    """The files indexed by two reader processes here: what the cluster must give."""
    report = _index(Cli(index_dir, engine), str(files), "--workers", "2")
    assert report["failed"] == []
    return _documents(index_dir)


@pytest.fixture(scope="module")
def local_documents(files, tmp_path_factory) -> dict[str, dict]:
    return _indexed_here(files, tmp_path_factory.mktemp("local") / "index")


def test_cluster_index_equals_local_index_document_for_document(cluster, files, local_documents, tmp_path,
                                                               engine_name):
    if engine_name != "whoosh":  # each engine keeps its fields its own way
        local_documents = _indexed_here(files, tmp_path / "local", engine_name)
    cli = Cli(tmp_path / "index", engine_name)
    report = _index(cli, str(files), "--cluster", cluster.scheduler_address)
    assert report["failed"] == [] and report["added"] + _skipped(report) == report["seen"]
    documents = _documents(cli.index_dir)
    assert len(documents) == len(local_documents) > PDFS + TEXTS
    assert documents == local_documents
    corrected = [d for d in documents.values() if d["title"] == "Corrected beside the file"]
    assert len(corrected) == 1
    # a second run reads nothing again
    again = _index(cli, str(files), "--cluster", cluster.scheduler_address)
    assert again["unchanged"] + _skipped(again) == report["seen"] and again["added"] == 0


def test_reindex_on_the_cluster_gives_the_same_index(cluster, files, local_documents, tmp_path):
    cli = Cli(tmp_path / "index")
    built = _index(cli, str(files), "--workers", "2")
    rebuilt = cli.json("reindex", "--cluster", cluster.scheduler_address)
    assert rebuilt["failed"] == [] and rebuilt["added"] == built["added"]
    assert _documents(cli.index_dir) == local_documents


def test_ship_bytes_gives_the_same_index(cluster, files, local_documents, tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_CLUSTER", cluster.scheduler_address)
    cli = Cli(tmp_path / "index")
    report = _index(cli, str(files), "--ship-bytes", "--commit-every", "50")
    assert report["failed"] == []
    assert _documents(cli.index_dir) == local_documents


def test_a_shipped_task_is_read_without_its_file(files, tmp_path):
    """What --ship-bytes sends is enough: the file and its sidecar gone, the worker's reading is the same."""
    folder = tmp_path / "away"
    shutil.copytree(files / "generated", folder)
    path = folder / "letter-000.txt"
    task = ReadTask(SourceFile(str(path), path.stat().st_size, path.stat().st_mtime_ns), None, DEFAULT_SETTINGS)
    shipped = with_bytes(task)
    read_here = read_task(task)
    shutil.rmtree(folder)
    read_away = read_task(shipped)
    assert read_away.error is None and read_away.skipped is None
    assert [d.title for d in read_away.documents] == [d.title for d in read_here.documents] == ["Corrected beside the file"]
    assert read_away.documents[0].text == read_here.documents[0].text
    assert read_task(task).skipped  # unshipped, the same task finds nothing now


def test_ship_bytes_without_a_cluster_is_refused(tmp_path, files):
    result = Cli(tmp_path / "index").run("index", str(files), "--ship-bytes")
    assert result.exit_code == 1
    assert "--ship-bytes" in result.output and "--cluster" in result.output


def _paths(index_dir: Path) -> list[str]:
    """Every file path each document records: a file indexed twice would be in two."""
    return [path for stored in ArchiveIndex.open(index_dir).engine.all_stored() for path, _, _ in stored["sources"]]


def test_a_worker_killed_mid_run_costs_only_its_files(cluster, files, local_documents, tmp_path):
    """SIGKILL one worker process while it reads: its files are read again by a worker, every file
    is indexed exactly once and none fails."""
    index_dir = tmp_path / "index"
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        pids = client.run(os.getpid)
        run = archive_process("index", str(files), "--cluster", cluster.scheduler_address, "--commit-every", "40",
                              "--json", index_dir=index_dir)
        wait_for_documents(index_dir, 40, run)
        os.kill(next(iter(pids.values())), signal.SIGKILL)
        out, err = run.communicate(timeout=180)
        assert run.returncode == 0, err
        report = json.loads(out)
        assert report["failed"] == []
        assert report["added"] + _skipped(report) == report["seen"]
        client.wait_for_workers(2, timeout=60)  # the nanny started another
        assert set(client.run(os.getpid).values()) != set(pids.values())
    paths = _paths(index_dir)
    assert len(paths) == len(set(paths))
    assert _documents(index_dir) == local_documents


def test_a_scheduler_gone_mid_run_stops_cleanly_and_keeps_what_was_read(files, tmp_path):
    """`archive cluster start` killed (scheduler and workers) mid-run: one line, exit 1, the files
    read so far committed; the next run reads exactly the rest."""
    started = subprocess.Popen([sys.executable, str(ROOT / "search_cli.py"), "cluster", "start", "--workers", "2",
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = started.stdout.readline()
        assert line.startswith("cluster at tcp://"), started.stderr.read()
        address = line.split()[2]
        index_dir = tmp_path / "index"
        run = archive_process("index", str(files), "--cluster", address, "--commit-every", "30", "--json",
                              index_dir=index_dir)
        wait_for_documents(index_dir, 30, run)
        started.send_signal(signal.SIGKILL)
        out, err = run.communicate(timeout=120)
    finally:
        started.kill()
        started.wait()
    assert run.returncode == 1
    assert err.startswith("archive: lost the Dask scheduler at ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    committed = document_count(index_dir)
    assert committed >= 30
    resumed = Cli(index_dir).json("index", str(files), "--workers", "2")
    assert resumed["unchanged"] + resumed["added"] + _skipped(resumed) == resumed["seen"]
    assert resumed["added"] > 0 and resumed["failed"] == []
    paths = _paths(index_dir)
    assert len(paths) == len(set(paths)) and len(_documents(index_dir)) == document_count(index_dir)


def test_a_hanging_file_and_a_memory_bomb_fail_with_reasons_and_the_run_goes_on(cluster, tmp_path):
    """The per-file limits hold on workers: the hung file's worker is restarted, the bomb meets the cap."""
    from tests.fixtures.hostile import bomb_pdf, slow_pdf

    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "slow.pdf").write_bytes(slow_pdf(characters=300_000))
    (folder / "bomb.pdf").write_bytes(bomb_pdf())
    for number in range(6):
        (folder / f"note-{number}.txt").write_text(f"Note {number} on the harbour works.", encoding="utf-8")
    report = Cli(tmp_path / "index").run("index", str(folder), "--cluster", cluster.scheduler_address,
                                         "--timeout", "4", "--memory-mb", "150", "--max-inflated-mb", "1000", "--json")
    assert report.exit_code == 3, report.output
    summary = json.loads(report.stdout)
    failed = {Path(item["path"]).name: item["error"] for item in summary["failed"]}
    assert failed["slow.pdf"] == "timed out after 4 s"
    assert "memory" in failed["bomb.pdf"]
    assert summary["added"] == 6


def test_without_the_extra_one_line_says_how_to_install_it(tmp_path):
    """Dask made unimportable in a real `archive` process: the one command that installs it, no traceback."""
    blocked = ("import sys; sys.modules['distributed'] = None; sys.argv[0] = 'archive'; "
               "import search_cli; search_cli.main()")
    for args in (["index", str(CORPUS), "--index", str(tmp_path / "index"), "--cluster", "tcp://127.0.0.1:8786"],
                 ["cluster", "start", "--workers", "1"]):
        done = subprocess.run([sys.executable, "-c", blocked, *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=60, check=False)
        assert done.returncode == 1
        assert done.stderr == "archive: indexing on a cluster needs Dask distributed: run " \
                              "`pip install 'paper-archive[cluster]'`\n"
