"""Start-up of `archive search`: a CLI pays every import on every call, so the search path must not
import the readers, the metadata and names rules or the indexing run (issue 5: a whole CLI search
under 0.35 s). These check which modules a real `archive search` process imports, not its time."""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer._click import Context
from typer._coercion import build_runtime_param

import archive
import indexer
import search_cli
from tests.conftest import ROOT

# Modules only reading files, indexing or checking need; each costs `archive search` 10-150 ms.
NOT_FOR_SEARCH = (
    "pdfminer", "bs4", "charset_normalizer",          # the PDF, HTML and text readers' libraries
    "archive.extract", "archive.metadata", "archive.names",  # reading a file into a Document
    "indexer.batch", "indexer._pool", "indexer._rebuild", "indexer._check", "multiprocessing",
    "pydantic", "typer._adapters",                   # typer's conversion of parameter values
)

# The module each engine answers a search with: its presence shows the search really ran there.
SEARCHED_BY = {"whoosh": "whoosh.searching", "tantivy": "indexer.engines.tantivy.search"}


# Runs the real CLI (search_cli.main, as the `archive` script does) and then lists every module the
# process holds, into the file named by the first argument: stdout stays the command's own.
RUN_AND_LIST_MODULES = """
import json, sys
modules_file = sys.argv.pop(1)
sys.path.insert(0, sys.argv.pop(1))
import search_cli
try:
    search_cli.main()
finally:
    with open(modules_file, "w") as listing:
        json.dump(sorted(sys.modules), listing)
"""


def _imported_by(*args: str, index_dir, listing) -> tuple[set[str], subprocess.CompletedProcess]:
    """The modules a real `archive ARGS` process has imported by its end, and the run."""
    env = {**os.environ, "ARCHIVE_INDEX": str(index_dir)}
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), str(ROOT), *args],
                          env=env, capture_output=True, text=True, timeout=120)
    return set(json.loads(listing.read_text())), done


def _heavy(modules: set[str]) -> list[str]:
    return sorted(module for module in modules
                  if any(module == heavy or module.startswith(heavy + ".") for heavy in NOT_FOR_SEARCH))


@pytest.mark.parametrize("args", [
    ("search", "sewage", "--json"),
    ("search", "river", "--name", "Okafor", "--from", "2008", "--to", "2012-06", "--json"),
    ("search", "letter", "--count", "--facets", "--json"),
])
def test_search_process_leaves_heavy_modules_unimported(corpus_index, engine_name, tmp_path, args):
    modules, done = _imported_by(*args, index_dir=corpus_index, listing=tmp_path / "modules.json")
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["total"] > 0  # a real answer: the search path really ran
    assert {"search_cli", "indexer._index", SEARCHED_BY[engine_name]} <= modules
    assert _heavy(modules) == []


def test_inspect_still_imports_what_it_needs(corpus_index, tmp_path):
    """The lazy names do load on demand: `archive inspect` reads a file through archive.extract."""
    letter = tmp_path / "letter.txt"
    letter.write_text("12 April 2010\n\nDear Mr Lowther,\n\nThank you.\n\nPriya Raman\n", encoding="utf-8")
    modules, done = _imported_by("inspect", str(letter), "--json", index_dir=corpus_index,
                                 listing=tmp_path / "modules.json")
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["date"] == "2010-04-12"
    assert {"archive.extract", "archive.metadata", "archive.names"} <= modules


@pytest.mark.parametrize("package", [archive, indexer])
def test_lazy_exports_are_the_modules_own_objects(package):
    module_of = {name: module for module, names in package._EXPORTED_FROM.items() for name in names}
    assert set(module_of) <= set(package.__all__)
    for name in package.__all__:
        exported = getattr(package, name)
        if name in module_of:
            assert exported is getattr(importlib.import_module(module_of[name]), name)
    assert set(package.__all__) <= set(dir(package))


@pytest.mark.parametrize("package", [archive, indexer])
def test_unknown_name_is_an_attribute_error(package):
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018
    with pytest.raises(ImportError):
        exec(f"from {package.__name__} import no_such_name", {})


def test_index_option_defaults_are_index_options_defaults():
    """search_cli.py writes IndexOptions's defaults out (so as not to import the indexing run)."""
    from indexer import IndexOptions

    defaults = IndexOptions()
    assert (search_cli.DEFAULT_TIMEOUT, search_cli.DEFAULT_MEMORY_MB, search_cli.DEFAULT_COMMIT_EVERY) == (
        defaults.timeout, defaults.memory_mb, defaults.commit_every)


# Values as the command line gives them (strings, lists of strings) and as defaults (ints, bools).
SAMPLE_VALUES = {
    str: ["", "sewage", '"storm overflow" AND name:okafor', "Zoë Lefèvre", " spaced ", "-"],
    int: [0, 1, 10, "0", "7", "0010", "123456789012345678901234567890", "-1", "+3", " 4", "1e3", "abc", "٣"],
    bool: [True, False],
    list[str]: [[], (), ["Okafor"], ("letters/*.pdf", "a b"), ["csv", ""]],
    Path: ["/tmp", "relative/folder", "~", "a b", "-", ""],
}


def _typer_conversion(param, value, ctx):
    """typer's own conversion of a value (its pydantic adapter), or the error message it gives."""
    try:
        return build_runtime_param(param.type_descriptor).coerce(value, param=param, ctx=ctx)
    except typer.BadParameter as error:
        return f"error: {error.message}"


def _cli_conversion(param, value, ctx):
    try:
        return param.get_runtime_param().coerce(value, param=param, ctx=ctx)
    except typer.BadParameter as error:
        return f"error: {error.message}"


def test_parameters_converted_without_pydantic_get_typers_values():
    """search_cli converts plain parameters itself (typer's pydantic adapters cost ~0.1 s a process);
    every command's values, and the errors for bad ones, must be those of typer's own conversion."""
    group = typer.main.get_command(search_cli.app)
    checked = 0
    for command in group.commands.values():
        ctx = Context(command)
        for param in command.get_params(ctx):
            samples = SAMPLE_VALUES.get(param.type_descriptor.annotation, [])
            if not search_cli._has_plain_value(param):
                continue
            for value in samples:
                expected = _typer_conversion(param, value, ctx)
                converted = _cli_conversion(param, value, ctx)
                assert (converted, type(converted)) == (expected, type(expected)), (command.name, param.name, value)
                checked += 1
    assert checked > 200
    assert isinstance(group.commands["search"].params[0].get_runtime_param(), search_cli._PlainValue)
