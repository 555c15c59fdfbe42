"""Shared fixtures: the shipped corpus indexed once per test session, and a CLI runner.

Every test that takes ``cli``, ``corpus_cli`` or ``engine_name`` runs once per engine: the Whoosh
default and tantivy (skipped, with the reason, where its extra is not installed)."""
from __future__ import annotations

import importlib.util
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
# The corpus's one scan, read only by OCR: skipped, with the hint, where OCR is not installed.
CORPUS_SCAN = CORPUS / "letters" / "2006-08-14-foley-to-ashworth-scan.png"


def corpus_skipped() -> list[str]:
    """The corpus files `archive index corpus` skips here (by name)."""
    from archive.readers._ocr import ocr_missing

    return [] if ocr_missing() is None else [CORPUS_SCAN.name]


TANTIVY_MISSING = "the tantivy extra is not installed (pip install '.[tantivy]')"
ENGINE_NAMES = [pytest.param("whoosh"),
                pytest.param("tantivy", marks=pytest.mark.skipif(importlib.util.find_spec("tantivy") is None,
                                                                 reason=TANTIVY_MISSING))]


def engine_env(index_dir: Path, engine: str | None) -> dict[str, str]:
    """What a CLI run is given: its index folder and, for a new index, the engine to build it with."""
    return {"ARCHIVE_INDEX": str(index_dir)} | ({"ARCHIVE_ENGINE": engine} if engine else {})


class Cli:
    """Runs the real Typer app against one index folder (built, when new, by ``engine``)."""

    def __init__(self, index_dir: Path, engine: str | None = None) -> None:
        self.index_dir = index_dir
        self.engine = engine
        self.runner = CliRunner()

    def run(self, *args: str):
        result = self.runner.invoke(app, [*args], env=engine_env(self.index_dir, self.engine))
        assert "Traceback" not in result.output
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    def json(self, *args: str):
        result = self.run(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


def archive_process(*args: str, index_dir: Path, engine: str | None = None, **popen) -> subprocess.Popen:
    """The real `archive` command in a process of its own, for signals, limits and concurrency."""
    env = {**os.environ, **engine_env(index_dir, engine)}
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


@pytest.fixture(scope="session", params=ENGINE_NAMES)
def engine_name(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, engine_name) -> Path:
    """The shipped corpus, copied (so tests may not change it) and indexed once per engine."""
    base = tmp_path_factory.mktemp(f"corpus-{engine_name}")
    shutil.copytree(CORPUS, base / "corpus")
    index_dir = base / "index"
    result = Cli(index_dir, engine_name).run("index", str(base / "corpus"), "--json")
    assert result.exit_code == 0, result.output
    return index_dir


@pytest.fixture()
def corpus_cli(corpus_index, engine_name) -> Cli:
    return Cli(corpus_index, engine_name)


@pytest.fixture()
def cli(tmp_path, engine_name) -> Cli:
    return Cli(tmp_path / "index", engine_name)
