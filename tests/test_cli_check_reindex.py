"""`archive check` finds what differs between the index and its files and its repairs work;
`archive reindex` rebuilds beside the index, and a killed rebuild leaves the old index as it was."""
from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
from pathlib import Path

import pytest

from indexer import ArchiveIndex
from search_cli import EXIT_DAMAGED, EXIT_OUTDATED, EXIT_SOME_FAILED
from tests.conftest import CORPUS, Cli, archive_process, document_count, wait_for_documents


def _write_letters(folder: Path, count: int) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(count):
        (folder / f"{number:03d}.txt").write_text(
            f"Dear Sir,\n\nThe overflow at outfall {number} ran for {number + 3} hours.\n\nYours faithfully,\nA. Clerk\n",
            encoding="utf-8")


@pytest.fixture()
def letters(tmp_path) -> Path:
    folder = tmp_path / "letters"
    _write_letters(folder, 6)
    return folder


def _check(cli: Cli) -> tuple[int, dict]:
    result = cli.run("check", "--json")
    return result.exit_code, json.loads(result.stdout)


def _run_repairs(cli: Cli, report: dict) -> None:
    """Each repair the check printed, run as printed."""
    for repair in report["repair"]:
        command = shlex.split(repair["command"])
        assert command[0] == "archive"
        assert cli.run(*command[1:]).exit_code == 0


def test_a_consistent_index_checks_clean_and_a_touched_file_is_not_changed(cli, letters):
    assert cli.run("index", str(letters)).exit_code == 0
    os.utime(letters / "000.txt", ns=(1, 1))
    result = cli.run("check")
    assert result.exit_code == 0, result.output
    assert "6 documents from 6 files" in result.output
    assert "The index is consistent with its files." in result.output


def test_changed_and_missing_files_are_reported_with_repairs_that_work(cli, letters):
    assert cli.run("index", str(letters)).exit_code == 0
    (letters / "001.txt").write_text("Dear Sir,\n\nA new letter entirely.\n", encoding="utf-8")
    (letters / "002.txt").unlink()
    code, report = _check(cli)
    assert code == EXIT_OUTDATED
    assert report["status"] == "outdated"
    assert report["changed"] == [str(letters.resolve() / "001.txt")]
    assert report["missing"] == [str(letters.resolve() / "002.txt")]
    assert [repair["command"] for repair in report["repair"]] == [
        f"archive index {letters.resolve()} --index {cli.index_dir}",
        f"archive index {letters.resolve()} --prune --index {cli.index_dir}"]
    _run_repairs(cli, report)
    code, report = _check(cli)
    assert (code, report["documents"], report["repair"]) == (0, 5, [])


def test_a_lost_text_is_damage_that_reindex_repairs(cli, letters):
    assert cli.run("index", str(letters)).exit_code == 0
    index = ArchiveIndex.open(cli.index_dir)
    lost = next(iter(index.file_states().values())).doc_id
    index.texts.delete(lost)
    (letters / "005.txt").write_text("Dear Sir,\n\nA letter rewritten.\n", encoding="utf-8")
    result = cli.run("check")
    assert result.exit_code == EXIT_DAMAGED
    assert "1 document has lost its text" in result.output and lost in result.output
    code, report = _check(cli)
    assert report["missing_texts"] == [lost]
    assert report["changed"] == [str(letters.resolve() / "005.txt")]
    # One rebuild repairs both: it reads every file as it is now.
    assert [repair["command"].split(" --index")[0] for repair in report["repair"]] == ["archive reindex"]
    _run_repairs(cli, report)
    code, report = _check(cli)
    assert (code, report["documents"], report["missing_texts"], report["changed"]) == (0, 6, [], [])
    assert ArchiveIndex.open(cli.index_dir).texts.get(lost)


# Each engine's table of what the index holds: garbling it leaves nothing to open.
ENGINE_TABLES = {"whoosh": "*.toc", "tantivy": "meta.json"}


def test_a_garbled_index_is_reported_in_one_line_by_every_command(cli, letters):
    assert cli.run("index", str(letters)).exit_code == 0
    tables = list(cli.index_dir.glob(ENGINE_TABLES[cli.engine]))
    assert tables
    for table in tables:
        table.write_bytes(b"garbage")
    code, report = _check(cli)
    assert code == EXIT_DAMAGED
    assert report["unreadable"][0].startswith(f"the index at {cli.index_dir} cannot be opened")
    assert report["repair"][0]["command"] == "archive index PATH --index NEW_FOLDER"
    for command in (["search", "overflow"], ["reindex"], ["index", str(letters)]):
        result = cli.run(*command)
        assert result.exit_code == 1
        assert result.output.startswith(f"archive: the index at {cli.index_dir} cannot be opened")


def test_reindex_leaves_out_files_gone_from_disk(cli, letters):
    assert cli.run("index", str(letters)).exit_code == 0
    (letters / "003.txt").unlink()
    report = cli.json("reindex")
    assert (report["added"], report["removed"], report["documents"]) == (5, 1, 5)
    assert _check(cli)[0] == 0
    assert not cli.index_dir.with_name("index.reindexing").exists()
    assert len(ArchiveIndex.open(cli.index_dir).runs()) == 2  # the run log comes along


def test_a_killed_reindex_leaves_the_old_index_searchable_and_the_next_one_completes(tmp_path, engine_name):
    letters, index_dir = tmp_path / "letters", tmp_path / "index"
    _write_letters(letters, 300)
    assert Cli(index_dir, engine_name).run("index", str(letters)).exit_code == 0
    building = index_dir.with_name("index.reindexing")

    rebuild = archive_process("reindex", "--commit-every", "5", "--workers", "2", index_dir=index_dir)
    wait_for_documents(building, 20, rebuild)
    # Stopped while the second writer is tried (else, on a loaded machine, the rebuild may finish
    # meanwhile); a stopped process holds its lock as a running one does, and SIGKILL still lands.
    rebuild.send_signal(signal.SIGSTOP)
    busy = archive_process("index", str(letters), index_dir=index_dir)
    assert busy.communicate(timeout=60)[1].startswith("archive: index is busy")
    rebuild.send_signal(signal.SIGKILL)
    rebuild.communicate()
    assert 20 <= document_count(building) < 300  # killed half-way through the rebuild

    assert document_count(index_dir) == 300
    assert Cli(index_dir).json("search", "overflow", "--count")["total"] == 300
    code, report = _check(Cli(index_dir))
    assert (code, report["half_built"]) == (0, str(building))
    again = archive_process("reindex", "--json", index_dir=index_dir)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert json.loads(out)["documents"] == 300
    assert not building.exists()
    code, report = _check(Cli(index_dir))
    assert (code, report["half_built"]) == (0, None)


def test_reindex_reports_files_it_cannot_read_as_index_does(cli, letters):
    assert cli.run("index", str(letters)).exit_code == 0
    broken = letters / "004.txt"
    broken.write_bytes(bytes(range(256)) * 8)
    result = cli.run("reindex", "--json")
    assert result.exit_code == EXIT_SOME_FAILED
    report = json.loads(result.stdout)
    assert [problem["path"] for problem in report["failed"]] == [str(broken.resolve())]
    assert report["failed"][0]["error"].startswith("binary data")
    assert (report["added"], report["documents"]) == (5, 5)
    assert cli.run("failures").output.count(str(broken.resolve())) == 1


def test_reindex_keeps_attachments_and_files_whose_name_holds_the_attachment_mark(cli, letters):
    shutil.copy(CORPUS / "letters" / "2011-03-17-okafor-to-wierzbicki.eml", letters)
    (letters / "notes#1.txt").write_text("Dear Sir,\n\nNotes on outfall 7.\n\nYours faithfully,\nA. Clerk\n",
                                         encoding="utf-8")
    assert cli.run("index", str(letters)).exit_code == 0
    before = set(ArchiveIndex.open(cli.index_dir).file_states())
    assert any("#" in path and not os.path.exists(path) for path in before)  # an attachment
    report = cli.json("reindex")
    assert (report["removed"], report["failed"]) == (0, [])
    assert set(ArchiveIndex.open(cli.index_dir).file_states()) == before
    assert _check(cli)[0] == 0
