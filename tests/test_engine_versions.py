"""The third-party internals the archive drives are guarded: an unsupported whoosh3 fails in one line
that says what to install, and a typer without the internals the CLI's fast path uses still runs."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import whoosh

from indexer.engines.whoosh import SUPPORTED_WHOOSH, unsupported_reason
from indexer.errors import EngineUnsupported
from tests.conftest import ROOT


def test_the_installed_whoosh_is_the_supported_one_and_the_one_pinned():
    assert unsupported_reason(whoosh.__version__) is None
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pinned = next(d for d in dependencies if d.startswith("whoosh3"))
    assert re.fullmatch(r"whoosh3==(\d+)\.(\d+)\.\d+", pinned).groups() == tuple(map(str, SUPPORTED_WHOOSH))


def test_another_release_or_none_is_refused_with_what_to_install():
    assert "whoosh3 3.41.0 is installed" in unsupported_reason((3, 41, 0))
    assert "pip install 'whoosh3==3.54.*'" in unsupported_reason((3, 55, 1))
    assert unsupported_reason(None).startswith("whoosh3 is not installed")
    assert unsupported_reason((3, 54, 7)) is None


def _archive(*args: str, index_dir: Path, python_path: Path | None = None, prelude: str = ""):
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); {prelude}import search_cli; search_cli.main()"
    env = {**os.environ, "ARCHIVE_INDEX": str(index_dir)}
    if python_path:
        env["PYTHONPATH"] = str(python_path)
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True,
                          timeout=120)


# A Whoosh index: a tantivy index needs no Whoosh engine, and searches on under another whoosh3.
@pytest.mark.parametrize("engine_name", ["whoosh"], indirect=True)
def test_a_search_under_another_whoosh_release_fails_in_one_line(tmp_path, corpus_index):
    # The installed whoosh copied and relabelled 3.41.0, ahead of the real one on the path.
    shutil.copytree(Path(whoosh.__file__).parent, tmp_path / "whoosh")
    init = tmp_path / "whoosh" / "__init__.py"
    init.write_text(re.sub(r"__version__: tuple\[int, \.\.\.\] = \(3, 54, 0\)",
                           "__version__: tuple[int, ...] = (3, 41, 0)", init.read_text()))
    done = _archive("search", "overflow", index_dir=corpus_index, python_path=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "archive: whoosh3 3.41.0 is installed, but this archive works with whoosh3 3.54 only: "
        "run `pip install 'whoosh3==3.54.*'`"]


def test_a_typer_without_the_internals_converts_values_itself(corpus_index):
    fast = _archive("search", "overflow", "--limit", "3", "--json", index_dir=corpus_index)
    # As a typer whose internals moved: the names the fast path imports are gone.
    hidden = "import typer._coercion as inner; del inner.RuntimeParam; "
    plain = _archive("search", "overflow", "--limit", "3", "--json", index_dir=corpus_index, prelude=hidden)
    assert plain.returncode == fast.returncode == 0, plain.stderr
    assert plain.stdout == fast.stdout
    wrong = _archive("search", "overflow", "--limit", "many", index_dir=corpus_index, prelude=hidden)
    assert wrong.returncode == 2 and "Invalid value for '--limit'" in wrong.stderr and "Traceback" not in wrong.stderr


def test_the_tantivy_engine_names_the_release_it_needs():
    try:
        import indexer.engines.tantivy as tantivy_engine
    except EngineUnsupported as missing:  # the extra is not installed (.ci/run installs it afterwards)
        pytest.skip(str(missing))
    assert tantivy_engine.unsupported_reason(tantivy_engine._installed_version()) is None
    assert tantivy_engine.unsupported_reason((0, 28, 1)) == (
        "tantivy 0.28.1 is installed, but this archive works with tantivy 0.27 only: "
        "run `pip install 'paper-archive[tantivy]'`")
    assert tantivy_engine.unsupported_reason(None).startswith("tantivy is not installed")
