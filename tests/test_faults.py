"""The index is never corrupted: kill -9 at random points of a run, a full disk, a second writer and
readers searching during commits. Real processes, real signals, a real Whoosh index; after each
fault the index opens, `archive check` finds it consistent and the counts are exact."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import traceback
import time
from pathlib import Path

import pytest

from indexer import ArchiveIndex, SearchRequest, check_index
from tests.conftest import ROOT, archive_process, document_count, documents_unless_finished, wait_for_documents

FILES = 400
# Every tenth file repeats the one before it: the same bytes at two paths are one document.
DISTINCT = FILES - FILES // 10
BATCH = "5"
KILLS = 16
# Files the kills leave for the last, uninterrupted run at least.
LEFT_FOR_THE_RERUN = 40
SEED = 20261125


def _text(number: int) -> str:
    words = random.Random(number).choices([f"w{n}" for n in range(3000)], k=60)
    return f"Memo {number}\n\nThe gauge at station {number} read {' '.join(words)}.\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("faults")
    for number in range(FILES):
        content = _text(number - 1 if number % 10 == 9 else number)
        (folder / f"{number:04d}.txt").write_text(content, encoding="utf-8")
    return folder


def _doc_id(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def _assert_consistent(index_dir: Path) -> int:
    """The index opens, `archive check` finds nothing wrong, and it holds exactly one document per
    distinct content of the files it has committed; returns how many files those are."""
    report = check_index(index_dir)
    assert report.status == "ok", report.to_dict()
    states = ArchiveIndex.open(index_dir).file_states()
    assert all(state.doc_id == _doc_id(path) for path, state in states.items())
    assert report.documents == len({state.doc_id for state in states.values()})
    return len(states)


def _wait_until_no_writer(index_dir: Path) -> None:
    """A killed indexer's readers die with it (the kernel kills them), a moment later: until then
    they hold its copy of the writer lock."""
    deadline = time.monotonic() + 30
    with open(index_dir / "ARCHIVE_RUN_LOCK", "a") as lock:
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(lock, fcntl.LOCK_UN)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise AssertionError("the killed indexer's readers still hold the lock") from None
                time.sleep(0.01)


def test_kill_9_at_random_points_never_corrupts_and_a_rerun_completes_exactly(tmp_path, corpus, engine_name):
    index_dir = tmp_path / "index"
    rng = random.Random(SEED)
    committed_files = [0]
    for _ in range(KILLS):
        if committed_files[-1] > FILES - LEFT_FOR_THE_RERUN:
            break  # a fast machine commits many batches between a check and its kill
        run = archive_process("index", str(corpus), "--commit-every", BATCH, "--workers", "2", "--json",
                              index_dir=index_dir, engine=engine_name)
        # A kill lands after one or more further commits, at a random moment of the next batch:
        # while readers write their segments, or while this process commits them.
        if documents_unless_finished(index_dir, document_count(index_dir) + rng.randint(1, 8), run) is None:
            assert run.wait() == 0, run.communicate()[1]  # finished before the kill: the rest of the files were few
            committed_files.append(_assert_consistent(index_dir))
            break
        time.sleep(rng.uniform(0, 0.1))
        run.send_signal(signal.SIGKILL)
        run.communicate()
        if run.returncode != -signal.SIGKILL:
            assert run.returncode == 0  # the kill came after its last commit
        _wait_until_no_writer(index_dir)
        committed_files.append(_assert_consistent(index_dir))
    assert committed_files == sorted(committed_files)  # no kill undid a committed batch
    assert len(committed_files) > KILLS // 2

    final = archive_process("index", str(corpus), "--json", index_dir=index_dir)
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    report = json.loads(out)
    assert report["unchanged"] == committed_files[-1]  # nothing committed is read again
    assert report["added"] == FILES - committed_files[-1]
    assert report["failed"] == [] and report["documents"] == DISTINCT
    assert _assert_consistent(index_dir) == FILES
    assert ArchiveIndex.open(index_dir).search_count("gauge") == DISTINCT


# Below a file each engine writes in a batch of the late run (tantivy's files for a few documents
# are smaller than Whoosh's; its .managed.json is rewritten at each commit).
FILE_SIZE_LIMIT = {"whoosh": 8 * 1024, "tantivy": 2 * 1024}


def _limit_file_size(limit: int):
    def in_child() -> None:
        # Writes past the limit fail with EFBIG, as writes on a full disk fail with ENOSPC.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return in_child


def test_a_full_disk_stops_the_run_with_one_line_keeping_every_commit(tmp_path, engine_name):
    early, late = tmp_path / "early", tmp_path / "late"
    for folder, numbers in ((early, range(60)), (late, range(60, 120))):
        folder.mkdir()
        for number in numbers:
            (folder / f"{number:04d}.txt").write_text(_text(number), encoding="utf-8")
    index_dir = tmp_path / "index"
    first = archive_process("index", str(early), "--json", index_dir=index_dir, engine=engine_name)
    assert first.wait(timeout=120) == 0

    full = archive_process("index", str(early), str(late), "--commit-every", BATCH, "--json", index_dir=index_dir,
                           preexec_fn=_limit_file_size(FILE_SIZE_LIMIT[engine_name]))
    out, err = full.communicate(timeout=120)
    assert full.returncode == 1
    assert out == ""
    assert err.startswith("archive: cannot write to the index at ") and err.count("\n") == 1, err
    assert ": a file size limit was reached (File too large); every batch committed before is kept" in err
    assert "Traceback" not in err
    assert _assert_consistent(index_dir) == 60  # as of the last commit

    again = archive_process("index", str(early), str(late), "--json", index_dir=index_dir)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    report = json.loads(out)
    assert (report["unchanged"], report["added"], report["documents"]) == (60, 60, 120)
    assert _assert_consistent(index_dir) == 120


# In a user namespace of its own: the index on a file system of 1 MB, which fills up a few batches
# into the run; then the same file system grown to 64 MB, and the same command again. The index is
# copied out after each step, for the test to look at once the namespace (and its mount) is gone.
SMALL_DISK_SCRIPT = """
mount -t tmpfs -o size=1m tmpfs "$DISK" || exit 97
run() { "$PYTHON" "$CLI" index "$CORPUS" --index "$DISK/index" --commit-every 5 --workers 2 --json \
        > "$OUT/$1.out" 2> "$OUT/$1.err"; echo $? > "$OUT/$1.code"; cp -a "$DISK/index" "$OUT/$1.index"; }
run full
mount -o remount,size=64m "$DISK"
run roomy
"""


def _on_a_small_disk(tmp_path: Path, corpus: Path, engine: str) -> Path:
    out, disk = tmp_path / "out", tmp_path / "disk"
    out.mkdir()
    disk.mkdir()
    env = {**os.environ, "DISK": str(disk), "OUT": str(out), "PYTHON": sys.executable,
           "CLI": str(ROOT / "search_cli.py"), "CORPUS": str(corpus), "ARCHIVE_ENGINE": engine}
    namespace = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", SMALL_DISK_SCRIPT]
    if not shutil.which("unshare"):
        pytest.skip("no unshare here to mount a small file system")
    done = subprocess.run(namespace, env=env, capture_output=True, text=True, timeout=300, check=False)
    if not (out / "full.code").exists():  # the namespace or the mount was refused: nothing ran
        pytest.skip(f"cannot mount a small file system in a user namespace here: {done.stderr.strip()}")
    return out


def test_a_disk_filling_up_mid_run_stops_it_in_one_line_and_a_rerun_with_room_completes(tmp_path, corpus, engine_name):
    out = _on_a_small_disk(tmp_path, corpus, engine_name)
    err = (out / "full.err").read_text()
    assert (out / "full.code").read_text().strip() == "1"
    assert err.startswith("archive: cannot write to the index at ") and err.count("\n") == 1, err
    assert ": the disk is full (No space left on device); every batch committed before is kept" in err
    committed = _assert_consistent(out / "full.index")
    assert 0 < committed < FILES  # the disk filled up after some batches were committed

    assert (out / "roomy.code").read_text().strip() == "0", (out / "roomy.err").read_text()
    report = json.loads((out / "roomy.out").read_text())
    assert (report["unchanged"], report["added"]) == (committed, FILES - committed)
    assert report["documents"] == DISTINCT
    assert _assert_consistent(out / "roomy.index") == FILES


class _Repeatedly(threading.Thread):
    """Calls ``probe`` over and over while the index is written, keeping every answer and every error."""

    def __init__(self, probe) -> None:
        super().__init__(daemon=True)
        self.probe = probe
        self.answers: list = []
        self.errors: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.answers.append(self.probe())
            except Exception as error:  # every failure is kept and asserted on
                self.errors.append(f"{type(error).__name__}: {error}\n{traceback.format_exc()}")


def _search_total(index_dir: Path) -> int:
    results = ArchiveIndex.open(index_dir).search(SearchRequest(query="gauge", limit=3))
    # The hits' passages come from their texts: those must be there for every hit.
    assert all(hit.passages for hit in results.hits)
    return results.total


def test_readers_and_checks_run_during_commits_and_a_second_writer_is_refused(tmp_path, corpus, engine_name):
    index_dir = tmp_path / "index"
    indexer = archive_process("index", str(corpus), "--commit-every", "20", "--workers", "2", "--json",
                              index_dir=index_dir, engine=engine_name)
    wait_for_documents(index_dir, 1, indexer)
    searches = _Repeatedly(lambda: _search_total(index_dir))
    checks = _Repeatedly(lambda: check_index(index_dir).status)
    searches.start()
    checks.start()
    try:
        for command in (["index", str(corpus)], ["reindex"]):
            second = archive_process(*command, index_dir=index_dir)
            _, err = second.communicate(timeout=60)
            assert second.returncode == 1
            assert err.startswith("archive: index is busy"), err
        check = archive_process("check", "--json", index_dir=index_dir)
        out, err = check.communicate(timeout=60)
        assert check.returncode == 0, out + err  # read-only, and consistent while commits go on
        assert json.loads(out)["documents"] > 0
        out, err = indexer.communicate(timeout=300)
    finally:
        for loop in (searches, checks):
            loop.stop.set()
            loop.join()
    assert indexer.returncode == 0, err
    assert json.loads(out)["documents"] == DISTINCT
    assert searches.errors == [] and checks.errors == []
    assert searches.answers == sorted(searches.answers)  # a search never sees fewer documents than before
    assert searches.answers[0] < DISTINCT  # the first searches ran while the index was being written
    assert set(checks.answers) == {"ok"}
    assert document_count(index_dir) == DISTINCT
