"""kill -9 in the middle of a batch, then a clean resume; two indexers at once; searching while
indexing. Real processes, real signals, a real index."""
from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from indexer import ArchiveIndex
from tests.conftest import archive_process, document_count, wait_for_documents

FILES = 3000
BATCH = 100


@pytest.fixture(scope="module")
def many_files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for number in range(FILES):
        (folder / f"{number:05d}.txt").write_text(
            f"Memo {number}\n\nThe gauge at station {number} read {number % 97} centimetres.\n", encoding="utf-8")
    return folder


def test_kill_9_mid_batch_then_resume_exactly(tmp_path, many_files, engine_name):
    index_dir = tmp_path / "index"
    run = archive_process("index", str(many_files), "--commit-every", str(BATCH), "--workers", "2", "--json",
                   index_dir=index_dir, engine=engine_name)
    wait_for_documents(index_dir, 3 * BATCH, run)
    run.send_signal(signal.SIGKILL)
    run.wait()
    committed = document_count(index_dir)
    assert 0 < committed < FILES           # killed mid-run, and the index still opens
    resumed = archive_process("index", str(many_files), "--json", index_dir=index_dir)
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    report = json.loads(out)
    assert report["unchanged"] == committed  # nothing committed is read again
    assert report["added"] == FILES - committed
    assert report["documents"] == FILES
    index = ArchiveIndex.open(index_dir)
    paths = list(index.file_states())
    assert len(paths) == len(set(paths)) == FILES  # no document twice
    assert index.search_count("gauge") == FILES


def test_second_indexer_is_refused_and_searches_go_on(tmp_path, many_files, engine_name):
    index_dir = tmp_path / "index"
    first = archive_process("index", str(many_files), "--commit-every", str(BATCH), "--workers", "1", "--json",
                     index_dir=index_dir, engine=engine_name)
    try:
        wait_for_documents(index_dir, BATCH, first)
        second = archive_process("index", str(many_files), index_dir=index_dir)
        _, err = second.communicate(timeout=60)
        assert second.returncode == 1
        assert err.startswith("archive: index is busy") and "Traceback" not in err
        search = archive_process("search", "gauge", "--json", index_dir=index_dir)
        out, err = search.communicate(timeout=60)
        assert search.returncode == 0, err
        assert json.loads(out)["total"] >= BATCH
    finally:
        out, _ = first.communicate(timeout=300)
    assert first.returncode == 0
    assert json.loads(out)["documents"] == FILES
