"""Hostile and broken input, indexed through the real CLI: every entry gets its exact outcome,
the counts add up, nothing reaches the network, nothing prints a traceback.

The folder is written by tests/make_hostile_fixtures.py; the real broken PDFs of
../shared/realdata/pdf are tested when that folder is there.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from archive.readers import read_bytes
from archive.readers._ocr import ocr_missing
from indexer import ArchiveIndex, IndexOptions, index_paths
from tests.conftest import REALDATA, ROOT, Cli
from tests.make_hostile_fixtures import (
    ATTACHED,
    CLI_LIMITS,
    HIDDEN_WORDS,
    Expected,
    _scan,
    deep_html,
    hostile_html,
    mail,
    make_hostile_folder,
    remote_mail_html,
)


@contextlib.contextmanager
def network_refused():
    """Any attempt to reach out is recorded and refused: in this process, and (raised) in the
    reader processes forked from it. Local pipes between processes need no connect()."""
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access while reading a document")

    with pytest.MonkeyPatch.context() as patch:
        for method in ("connect", "connect_ex", "sendto"):
            patch.setattr(socket.socket, method, refuse)
        for function in ("getaddrinfo", "create_connection", "gethostbyname"):
            patch.setattr(socket, function, refuse)
        yield attempts


def _relative(path: str, folder: Path) -> str:
    return os.path.relpath(path, folder)


def _by_outcome(expected: dict[str, Expected], outcome: str) -> dict[str, Expected]:
    return {path: entry for path, entry in expected.items() if entry.outcome == outcome}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, engine_name):
    """The hostile folder indexed in one run, with the network refused throughout."""
    base = tmp_path_factory.mktemp(f"hostile-{engine_name}").resolve()
    folder = base / "docs"
    expected = make_hostile_folder(folder)
    cli = Cli(base / "index", engine_name)
    with network_refused() as attempts:
        result = cli.run("index", str(folder), *CLI_LIMITS, "--json")
    return folder, expected, cli, result, attempts


def test_every_entry_gets_its_exact_outcome(hostile):
    folder, expected, _, result, _ = hostile
    assert result.exit_code == 3, result.output
    report = json.loads(result.stdout)
    for outcome in ("failed", "skipped"):
        got = {_relative(item["path"], folder): item["error"] for item in report[outcome]}
        assert set(got) == set(_by_outcome(expected, outcome)), outcome
        for path, entry in _by_outcome(expected, outcome).items():
            assert entry.reason in got[path], path
    partial = {_relative(item["path"], folder): item["error"] for item in report["partial"]}
    noted = {path: entry for path, entry in {**expected, **ATTACHED}.items()
             if entry.outcome == "indexed" and entry.reason}
    assert set(partial) == set(noted)
    for path, entry in noted.items():
        assert entry.reason in partial[path], path


def test_the_counts_add_up_to_the_entries_seen(hostile):
    _, expected, _, result, _ = hostile
    report = json.loads(result.stdout)
    assert report["seen"] == len(expected)
    assert report["added"] == len(_by_outcome(expected, "indexed"))
    assert report["seen"] == (report["added"] + report["updated"] + report["unchanged"]
                              + len(report["failed"]) + len(report["skipped"]))
    assert report["documents"] == report["added"] + len(ATTACHED)


def _found_by_word(cli: Cli, path: Path, word: str) -> str:
    """The id of the document at ``path`` among the hits for ``word`` (fails if it is not there)."""
    hits = {hit["path"]: hit["id"] for hit in cli.json("search", word, "--limit", "50")["hits"]}
    assert str(path) in hits, (path, word)
    return hits[str(path)]


def test_indexed_files_hold_their_text_and_are_found_by_their_words(hostile):
    folder, expected, cli, _, _ = hostile
    for path, entry in _by_outcome(expected, "indexed").items():
        shown = cli.json("show", _found_by_word(cli, folder / path, entry.word))
        assert entry.text in shown["text"], path
        # By path too, odd characters (a newline, a tab) and all.
        assert cli.json("show", str(folder / path))["id"] == shown["id"], path
    for path, entry in ATTACHED.items():
        assert entry.text in cli.json("show", str(folder / path))["text"], path


def test_every_encoding_reads_exactly(hostile):
    folder, expected, cli, _, _ = hostile
    for path, entry in expected.items():
        if path.startswith("encodings/"):
            shown = cli.json("show", _found_by_word(cli, folder / path, entry.word))
            assert shown["text"].startswith(entry.text), path


def test_scripts_styles_and_frames_are_never_text(hostile):
    _, _, cli, _, attempts = hostile
    for word in HIDDEN_WORDS:
        assert cli.json("search", word)["total"] == 0, word
    assert attempts == []


def test_human_output_names_odd_paths_on_one_line_each(hostile):
    folder, expected, cli, _, _ = hostile
    result = cli.run("index", str(folder), *CLI_LIMITS)
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert any(line.startswith("  failed") and line.endswith(
        "literal \\xe9.txt: the file name holds the text \\xNN, which the archive writes bytes that are "
        "not UTF-8 as: rename the file to index it") for line in lines)
    assert any("symlink loop" in line and line.strip().startswith("skipped") for line in lines)
    # The second run finds every readable file unchanged.
    counts = {outcome: len(_by_outcome(expected, outcome)) for outcome in ("indexed", "failed", "skipped")}
    assert (f"added 0, updated 0, unchanged {counts['indexed']}, removed 0, failed {counts['failed']}, "
            f"skipped {counts['skipped']} of {len(expected)} files") in result.stdout


def test_human_output_lists_what_a_limit_left_out(cli, tmp_path):
    (tmp_path / "long.txt").write_text("A long account of the weir. " * 1000)
    result = cli.run("index", str(tmp_path / "long.txt"), "--max-text-mb", "0.01")
    assert result.exit_code == 0
    assert "  1 read only in part (a limit was met), listed as partial below" in result.stdout
    assert (f"  partial {tmp_path / 'long.txt'}: text cut at the limit of 0.01 MB of text (--max-text-mb); "
            "the document has 0.0267 MB") in result.stdout


# ---- nothing reaches out, read in this process -----------------------------------------

@pytest.mark.parametrize("name, data", [
    ("page.html", hostile_html().encode()),
    ("deep.html", deep_html(2000).encode()),
    ("mail.eml", bytes(mail("Remote", remote_mail_html(), subtype="html"))),
])
def test_reading_html_and_mail_makes_no_network_access(name, data):
    with network_refused() as attempts:
        raw = read_bytes(data, name)
    assert attempts == []
    text = "\n".join(raw.pages).lower()
    assert text.strip()
    assert not [word for word in HIDDEN_WORDS if word in text]


# ---- files that change or vanish while a run goes on -------------------------------------

def test_files_that_vanish_or_change_during_a_run_get_an_outcome_and_are_caught_up(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a-steady.txt").write_text("A steady note about kestrels.")
    index_dir = tmp_path / "index"
    index_paths([str(folder)], index_dir, options=IndexOptions(workers=1))
    (folder / "b-changing.txt").write_text("The first words, about voles.")
    (folder / "c-vanishing.txt").write_text("Soon gone.")

    def meddle(done: int, total: int, path: str) -> None:
        """Called as the unchanged file is counted: after the walk, before any file is read."""
        if path.endswith("a-steady.txt"):
            (folder / "b-changing.txt").write_text("Rewritten during the run, about shrews instead.")
            (folder / "c-vanishing.txt").unlink()

    report = index_paths([str(folder)], index_dir, meddle, IndexOptions(workers=1))
    assert (report.seen, report.unchanged, report.added) == (3, 1, 1)
    assert [(Path(p.path).name, p.error) for p in report.skipped] == [
        ("c-vanishing.txt", "gone before it could be read (deleted or moved during the run)")]
    assert report.failed == []
    # The changed file was read as it is now: its words are in, not the words it had when listed.
    index = ArchiveIndex.open(index_dir)
    assert "shrews" in index.get(str(folder / "b-changing.txt")).text
    assert index.search_count("voles") == 0
    # Its listing's older size and time make the next run look again, and find the same bytes.
    again = index_paths([str(folder)], index_dir, options=IndexOptions(workers=1))
    assert (again.seen, again.unchanged, again.updated, again.added) == (2, 2, 0, 0)
    assert again.failed == again.skipped == []


# ---- unreadable files and folders ------------------------------------------------------

def _as_an_ordinary_user() -> list[str]:
    """A command prefix under which chmod 000 holds: none for a user; for root, setpriv dropping
    the two capabilities that let root read anything."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot stop this process")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_unreadable_files_and_folders_fail_with_the_reason_and_the_rest_goes_in(tmp_path):
    folder = tmp_path / "docs"
    (folder / "locked-folder").mkdir(parents=True)
    (folder / "locked-folder" / "inside.txt").write_text("Behind a locked door.")
    (folder / "locked.txt").write_text("Nobody may read this.")
    (folder / "open.txt").write_text("Anyone may read this ibis note.")
    os.chmod(folder / "locked.txt", 0)
    os.chmod(folder / "locked-folder", 0)
    command = [*_as_an_ordinary_user(), sys.executable, str(ROOT / "search_cli.py"), "index", str(folder),
               "--index", str(tmp_path / "index"), "--json"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    finally:
        os.chmod(folder / "locked-folder", 0o755)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert {Path(p["path"]).name: p["error"] for p in report["failed"]} == {
        "locked-folder": "cannot open folder: Permission denied",
        "locked.txt": "cannot read file: Permission denied"}
    assert (report["seen"], report["added"]) == (3, 1)


# ---- the broken PDFs of ../shared/realdata/pdf ---------------------------------------------

REAL_PDFS = REALDATA / "pdf"
# From its MANIFEST.md: locked with a real user password, encrypted with an empty one, broken on
# purpose or damaged, scanned without a text layer. Each with the exact outcome expected.
REAL_BROKEN = {
    "pdfminer.six/samples/encryption/rc4-128.pdf": Expected("failed", "encrypted PDF, no password"),
    "pdfminer.six/samples/encryption/aes-256-r6.pdf": Expected("failed", "encrypted PDF, no password"),
    "pypdf/resources/encrypted-file.pdf": Expected("failed", "encrypted PDF, no password"),
    "pypdf/resources/encryption/r4-user-password.pdf": Expected("failed", "encrypted PDF, no password"),
    "pypdf/resources/encryption/r6-both-passwords.pdf": Expected("failed", "encrypted PDF, no password"),
    "py-pdf-sample-files/005-libreoffice-writer-password/libreoffice-writer-password.pdf":
        Expected("failed", "encrypted PDF, no password"),
    "pdfminer.six/samples/nonfree/dmca.pdf": Expected("indexed"),
    "pdfminer.six/samples/nonfree/kampo.pdf": Expected("indexed"),
    "pypdf/resources/encryption/r2-empty-password.pdf": Expected("indexed"),
    "pypdf/resources/encryption/r3-empty-password.pdf": Expected("indexed"),
    "pypdf/resources/encryption/r6-empty-password.pdf": Expected("indexed"),
    "pdf.js/test/pdfs/bug1815476.pdf": Expected("indexed"),
    # Opens with the empty password, but its pages hold no text: OCR reads its second page.
    "pdfminer.six/samples/encryption/encrypted_doc_no_id.pdf": _scan("indexed", "", "no text layer (scanned image?)"),
    "pdf.js/test/pdfs/scan-bad.pdf": Expected("indexed"),  # truncated, yet a few characters read
    "pdf.js/test/pdfs/bug1250079.pdf": Expected("failed", "damaged PDF"),
    "pdf.js/test/pdfs/xref_command_missing.pdf": Expected("indexed"),
    "pdf.js/test/pdfs/helloworld-bad.pdf": Expected("indexed"),
    "pdfminer.six/samples/zen_of_python_corrupted.pdf": Expected("indexed"),
    "pdfminer.six/samples/simple1.pdf": Expected("indexed"),
    # A scanned service bulletin whose page tree pdfminer cannot follow; pdfium draws its pages for OCR.
    "pdfminer.six/samples/nonfree/175.pdf": (Expected("indexed") if ocr_missing() is None
                                             else Expected("failed", "no pages found")),
    "pdfminer.six/samples/contrib/pdf-with-jbig2.pdf": _scan("indexed", "", "no text layer (scanned image?)"),
    "py-pdf-sample-files/019-grayscale-image/grayscale-image.pdf": _scan(
        "failed", "no text layer, and OCR found no text", "no text layer (scanned image?)"),
}


@pytest.mark.skipif(not REAL_PDFS.is_dir(), reason=f"real data folder {REAL_PDFS} is absent")
def test_real_broken_and_encrypted_pdfs_get_their_exact_outcomes(tmp_path):
    folder = tmp_path / "pdfs"
    for relative in REAL_BROKEN:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REAL_PDFS / relative, folder / relative)
    result = Cli(tmp_path / "index").run("index", str(folder), "--json", "--timeout", "20")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    failed = {_relative(item["path"], folder): item["error"] for item in report["failed"]}
    assert set(failed) == set(_by_outcome(REAL_BROKEN, "failed"))
    for path, entry in _by_outcome(REAL_BROKEN, "failed").items():
        assert entry.reason in failed[path], path
    skipped = {_relative(item["path"], folder): item["error"] for item in report["skipped"]}
    assert set(skipped) == set(_by_outcome(REAL_BROKEN, "skipped"))
    for path, entry in _by_outcome(REAL_BROKEN, "skipped").items():
        assert entry.reason in skipped[path], path
    assert report["added"] == len(_by_outcome(REAL_BROKEN, "indexed"))
    assert report["seen"] == len(REAL_BROKEN)


def test_a_limit_that_is_not_positive_is_refused_in_one_line(cli, tmp_path):
    result = cli.run("index", str(tmp_path), "--max-text-mb", "0")
    assert result.exit_code == 1
    assert result.stderr.strip() == "archive: --max-text-mb must be more than 0"
