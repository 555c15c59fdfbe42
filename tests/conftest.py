"""Shared fixtures: the shipped corpus indexed once per test session, and a CLI runner."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from indexer import ArchiveIndex, ArchiveIndexError
from search_cli import app

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REALDATA = ROOT.parent / "shared" / "realdata"


class Cli:
    """Runs the real Typer app against one index folder."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.runner = CliRunner()

    def run(self, *args: str):
        result = self.runner.invoke(app, [*args], env={"ARCHIVE_INDEX": str(self.index_dir)})
        assert "Traceback" not in result.output
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    def json(self, *args: str):
        result = self.run(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


def archive_process(*args: str, index_dir: Path, **popen) -> subprocess.Popen:
    """The real `archive` command in a process of its own, for signals, limits and concurrency."""
    env = {**os.environ, "ARCHIVE_INDEX": str(index_dir)}
    return subprocess.Popen([sys.executable, str(ROOT / "search_cli.py"), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def document_count(index_dir: Path) -> int:
    """Documents committed so far; 0 before the first commit."""
    try:
        return ArchiveIndex.open(index_dir).document_count()
    except ArchiveIndexError:
        return 0


def wait_for_documents(index_dir: Path, at_least: int, process: subprocess.Popen) -> int:
    """Until a running indexer has committed ``at_least`` documents; how many it has."""
    count = documents_unless_finished(index_dir, at_least, process)
    if count is None:
        raise AssertionError("the indexer finished before the test could interrupt it")
    return count


def documents_unless_finished(index_dir: Path, at_least: int, process: subprocess.Popen) -> int | None:
    """Until a running indexer has committed ``at_least`` documents: how many it has; None when it
    finished first (on a loaded machine this test's polls can be slower than its last batches)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return None
        count = document_count(index_dir)
        if count >= at_least:
            return count
        time.sleep(0.02)
    raise AssertionError("the indexer stalled before the test could interrupt it")


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """The shipped corpus, copied (so tests may not change it) and indexed once."""
    base = tmp_path_factory.mktemp("corpus")
    shutil.copytree(CORPUS, base / "corpus")
    index_dir = base / "index"
    result = Cli(index_dir).run("index", str(base / "corpus"), "--json")
    assert result.exit_code == 0, result.output
    return index_dir


@pytest.fixture()
def corpus_cli(corpus_index) -> Cli:
    return Cli(corpus_index)


@pytest.fixture()
def cli(tmp_path) -> Cli:
    return Cli(tmp_path / "index")
