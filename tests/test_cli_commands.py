"""`archive index`, `show`, `inspect`, `stats` and every error path, through the real CLI."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from archive.readers._ocr import ocr_missing
from indexer import ArchiveIndex
from tests.conftest import CORPUS, ROOT, corpus_skipped

SUPPORTED = {".txt", ".html", ".htm", ".md", ".pdf", ".eml"}


def _write_letter(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"12 April 2010\n\nDear Mr Lowther,\n\n{body}\n\nYours sincerely,\n\nPriya Raman\n",
                    encoding="utf-8")
    return path


def test_index_summary_and_second_run_reads_nothing(cli, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    files = [p for p in corpus.rglob("*") if p.is_file() and p.name not in corpus_skipped()]
    first = cli.json("index", str(corpus))
    assert set(first) >= {"added", "updated", "unchanged", "failed"}
    assert first["added"] == len(files) and first["failed"] == [] and first["unchanged"] == 0
    assert [Path(item["path"]).name for item in first["skipped"]] == corpus_skipped()
    second = cli.json("index", str(corpus))
    assert (second["added"], second["updated"], second["unchanged"]) == (0, 0, len(files))
    assert second["documents"] == first["documents"]


def test_changed_file_is_updated_in_place(cli, tmp_path):
    letter = _write_letter(tmp_path / "docs", "a.txt", "The sluice gate at Fenwick weir is jammed.")
    cli.json("index", str(tmp_path / "docs"))
    _write_letter(tmp_path / "docs", "a.txt", "The culvert under Brannock Road has collapsed.")
    os.utime(letter, ns=(letter.stat().st_atime_ns, letter.stat().st_mtime_ns + 10**9))
    report = cli.json("index", str(tmp_path / "docs"))
    assert (report["added"], report["updated"], report["documents"]) == (0, 1, 1)
    assert cli.json("search", "Brannock")["total"] == 1
    assert cli.json("search", "Fenwick")["total"] == 0


def test_document_text_is_printed_as_written_not_as_console_markup(cli, tmp_path):
    # Rich reads "[bold]" as a style and ":smile:" as an emoji code; a document's words are neither.
    written = "The lock keeper wrote [bold]urgent[/bold] and :smile: and :thumbs_up: on the Fenwick notice."
    _write_letter(tmp_path / "docs", "a.txt", written)
    cli.json("index", str(tmp_path / "docs"))
    shown = " ".join(cli.run("search", "Fenwick").stdout.split())
    assert "[bold]urgent[/bold]" in shown and ":smile: and :thumbs_up:" in shown


def test_same_bytes_under_two_paths_is_one_document(cli, tmp_path):
    original = _write_letter(tmp_path / "docs", "original.txt", "The heronry at Castle Marsh is thriving.")
    shutil.copy(original, tmp_path / "docs" / "copy.txt")
    report = cli.json("index", str(tmp_path / "docs"))
    assert report["added"] == 2 and report["documents"] == 1
    hit = cli.json("search", "heronry")["hits"][0]
    assert sorted(Path(p).name for p in hit["paths"]) == ["copy.txt", "original.txt"]


def test_broken_and_unsupported_files_are_reported_and_the_batch_goes_on(cli, tmp_path):
    docs = tmp_path / "docs"
    _write_letter(docs, "good.txt", "The otters returned to Ladywell pond.")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>>\ntruncated")
    (docs / "fake.pdf").write_bytes(b"this is not a pdf at all")
    (docs / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    result = cli.run("index", str(docs), "--json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    failed = {Path(item["path"]).name: item["error"] for item in report["failed"]}
    assert set(failed) == {"broken.pdf", "fake.pdf"}
    assert "not a PDF" in failed["fake.pdf"]
    assert [Path(item["path"]).name for item in report["skipped"]] == ["clip.mp4"]
    assert "unsupported" in report["skipped"][0]["error"]
    assert report["added"] == 1
    assert cli.json("search", "otters")["total"] == 1


def test_email_attachments_are_documents_of_their_own(cli, tmp_path):
    message = EmailMessage()
    message["From"] = "Zoë Lefèvre <zoe@riverswatch.example>"
    message["To"] = "Adaeze Okafor <chair@committee.example>"
    message["Date"] = "Tue, 14 Jun 2011 09:30:00 +0100"
    message["Subject"] = "Sampling results"
    message.set_content("Dear Ms Okafor,\n\nOur volunteers sampled the outfall.\n\nBest wishes,\nZoë")
    message.add_attachment(b"Sampling log: ammonia spike at Millford outfall.", maintype="text",
                           subtype="plain", filename="log.txt")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "mail.eml").write_bytes(bytes(message))
    report = cli.json("index", str(tmp_path / "docs"))
    assert report["documents"] == 2
    letter = cli.json("search", "volunteers")["hits"][0]
    assert (letter["type"], letter["date"]) == ("letter", "2011-06-14")
    attachment = cli.json("search", "ammonia")["hits"][0]
    assert attachment["path"].endswith("mail.eml#log.txt")


def test_show_by_id_and_by_path(corpus_cli):
    hit = corpus_cli.json("search", '"five page letter"')["hits"][0]
    by_id = corpus_cli.json("show", hit["id"])
    by_path = corpus_cli.json("show", hit["path"])
    by_prefix = corpus_cli.json("show", hit["id"][:8])
    assert by_id == by_path == by_prefix
    assert "five page letter" in by_id["text"]
    assert by_id["title"] == hit["title"] and by_id["type"] == hit["type"]
    human = corpus_cli.run("show", hit["id"])
    assert human.exit_code == 0 and "five page letter" in human.stdout


def test_inspect_reads_without_an_index(cli, tmp_path):
    letter = _write_letter(tmp_path, "note.txt", "We will meet on 24 April at the Moot Hall.")
    record = cli.json("inspect", str(letter))
    assert set(record) >= {"path", "sha256", "format", "title", "type", "date", "date_precision",
                           "dates_mentioned", "people", "organisations", "sender", "recipient",
                           "pages", "text"}
    assert (record["type"], record["date"], record["date_precision"]) == ("letter", "2010-04-12", "day")
    assert "2010-04-24" in record["dates_mentioned"]
    assert record["sender"] == "Priya Raman"
    assert not cli.index_dir.exists()


def test_inspect_several_files_prints_one_object_per_line(cli):
    files = sorted(p for p in CORPUS.rglob("*.txt"))[:3]
    result = cli.run("inspect", *map(str, files), "--json")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    assert [Path(json.loads(line)["path"]).name for line in lines] == [p.name for p in files]


def test_stats(corpus_cli):
    figures = corpus_cli.json("stats")
    assert set(figures) >= {"documents", "by_type", "by_year", "by_format", "index_bytes"}
    assert figures["documents"] == sum(figures["by_type"].values()) == sum(figures["by_format"].values())
    # the corpus's scanned letter is an image, read where OCR runs
    assert set(figures["by_format"]) == ({"txt", "html", "pdf", "eml", "docx", "msg", "mbox"}
                                         | ({"image"} if ocr_missing() is None else set()))
    assert figures["index_bytes"] > 0


@pytest.mark.parametrize("args,message", [
    (["search", "water"], "no index"),
    (["stats"], "no index"),
    (["show", "abcdef"], "no index"),
])
def test_no_index_yet(cli, args, message):
    result = cli.run(*args)
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("args,message", [
    (['"unclosed phrase'], "unclosed quote"),
    (["(water OR sewage"], "never closed"),
    (["water AND"], "needs a search term"),
    (["colour:red"], "unknown field"),
    (["--from", "last year"], "cannot read the date"),
    (["--from", "06/31/2020"], "cannot read the date"),
    (["--from", "2012", "--to", "2010"], "after"),
    (["--type", "memo"], "unknown --type"),
    (["--mentions", "soon"], "cannot read the date"),
    (["--sender", "!!"], "no letters or digits"),
    (["--sort", "size"], "unknown sort"),
])
def test_bad_queries_get_one_clear_line(corpus_cli, args, message):
    result = corpus_cli.run("search", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unknown_document(corpus_cli):
    result = corpus_cli.run("show", "no-such-document")
    assert result.exit_code == 1 and "no document" in result.output


def test_missing_path_to_index(cli, tmp_path):
    result = cli.run("index", str(tmp_path / "nowhere"))
    assert result.exit_code == 1 and "no such file or folder" in result.output


def test_second_indexer_is_told_the_index_is_busy(cli, tmp_path):
    _write_letter(tmp_path / "docs", "a.txt", "Anything at all.")
    cli.json("index", str(tmp_path / "docs"))
    with ArchiveIndex.open(cli.index_dir).writing():
        result = cli.run("index", str(tmp_path / "docs"))
        assert result.exit_code == 1 and "busy" in result.output
        assert cli.json("search", "anything")["total"] == 1  # searches keep working


def test_console_script_runs_without_tracebacks(tmp_path):
    env = {**os.environ, "ARCHIVE_INDEX": str(tmp_path / "index")}
    ok = subprocess.run([sys.executable, str(ROOT / "search_cli.py"), "index", str(CORPUS), "--json"],
                        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    found = subprocess.run([sys.executable, str(ROOT / "search_cli.py"), "search", '"storm overflow"'],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert found.returncode == 0 and "storm overflow" in found.stdout.lower()
    bad = subprocess.run([sys.executable, str(ROOT / "search_cli.py"), "search", "--from", "soon"],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("archive: cannot read the date")


def test_a_release_dated_only_to_the_month(cli):
    record = cli.json("inspect", str(CORPUS / "releases" / "2003-11-flood-defences-inquiry.txt"))
    assert (record["date"], record["date_precision"]) == ("2003-11", "month")


def test_month_precision_documents_overlap_a_day_range(corpus_cli):
    inside = corpus_cli.json("search", "--from", "2003-11-10", "--to", "2003-11-20", "--limit", "50")
    assert "2003-11" in [hit["date"] for hit in inside["hits"]]
    outside = corpus_cli.json("search", "--from", "2003-12-01", "--to", "2003-12-31", "--limit", "50")
    assert "2003-11" not in [hit["date"] for hit in outside["hits"]]


def test_date_order_is_a_setting(cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Memo dated 03/04/2011\n\nThe pumps were serviced.\n", encoding="utf-8")
    assert cli.json("inspect", str(note))["date"] == "2011-04-03"
    assert cli.json("inspect", str(note), "--date-order", "month-first")["date"] == "2011-03-04"
    bad = cli.run("inspect", str(note), "--date-order", "sideways")
    assert bad.exit_code == 1 and "date order must be one of" in bad.output
