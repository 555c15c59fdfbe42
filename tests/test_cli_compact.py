"""`archive compact` merges the index's segments into one: the same answers, one segment, and a
second writer meanwhile is told the index is busy."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from indexer import ArchiveIndex
from tests.conftest import CORPUS, Cli

QUERIES = ["sewage", '"five page letter"', "overflow OR committee", "commit*", "letter", "*"]


def _answers(cli: Cli) -> list:
    """Every hit of each query, with its score and passages, as the CLI prints them."""
    return [json.loads(cli.run("search", query, "--limit", "100", "--json").stdout) for query in QUERIES]


def _index_in_parts(cli: Cli, tmp_path: Path) -> Path:
    """The corpus indexed folder by folder: a segment or two each."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    for folder in sorted(path for path in corpus.iterdir() if path.is_dir()):
        assert cli.run("index", str(folder)).exit_code == 0
    return corpus


def _ids(answers: list) -> list[set[str]]:
    return [{hit["id"] for hit in answer["hits"]} for answer in answers]


def test_compact_merges_every_segment_and_answers_stay_the_same(cli, tmp_path):
    _index_in_parts(cli, tmp_path)
    index = ArchiveIndex.open(cli.index_dir)
    before_segments, before = index.segment_count(), _answers(cli)
    assert before_segments > 2 and not index.is_compact()

    report = json.loads(cli.run("compact", "--json").stdout)

    assert report["segments_before"] == before_segments and report["segments_after"] == 1
    assert report["documents"] == index.document_count()
    assert ArchiveIndex.open(cli.index_dir).is_compact()
    assert _answers(cli) == before
    assert json.loads(cli.run("check", "--json").stdout)["segments"] == 1
    again = cli.run("compact")
    assert again.exit_code == 0 and "already one segment" in again.output


def test_compact_drops_what_changed_files_left_behind(cli, tmp_path):
    """A changed file's old document is only marked deleted in its segment until a merge."""
    corpus = _index_in_parts(cli, tmp_path)
    changed = sorted(corpus.rglob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA late note on the sewage works.\n", encoding="utf-8")
    assert cli.run("index", str(corpus)).exit_code == 0
    before = _answers(cli)

    assert cli.run("compact").exit_code == 0

    index = ArchiveIndex.open(cli.index_dir)
    assert index.is_compact() and index.segment_count() == 1
    # The same documents match; scores may move a little, as word counts no longer include the old text.
    assert _ids(_answers(cli)) == _ids(before)


def test_compact_while_another_run_writes_is_refused(cli, tmp_path):
    _index_in_parts(cli, tmp_path)
    lock = ArchiveIndex.open(cli.index_dir).run_lock()
    try:
        result = cli.run("compact")
    finally:
        lock.release()
    assert result.exit_code != 0 and "index is busy" in result.output
    assert not ArchiveIndex.open(cli.index_dir).is_compact()


def test_the_index_summary_counts_segments_and_suggests_compacting_many(cli, tmp_path, capsys):
    _index_in_parts(cli, tmp_path)
    summary = json.loads(cli.run("index", str(tmp_path / "corpus"), "--json").stdout)
    assert summary["segments"] == ArchiveIndex.open(cli.index_dir).segment_count() > 1

    import search_cli
    from indexer import IndexReport

    search_cli._render_report(IndexReport(documents=100_000, segments=search_cli.COMPACT_HINT_SEGMENTS - 1))
    assert "archive compact" not in capsys.readouterr().out
    search_cli._render_report(IndexReport(documents=100_000, segments=43))
    assert "the index is in 43 segments: `archive compact` merges them" in capsys.readouterr().out
