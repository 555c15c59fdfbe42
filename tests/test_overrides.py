"""User corrections beside the documents: sidecar NAME.meta.json and a folder's metadata.csv."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from archive import ReadError, extract_file

LETTER = ("3 June 2010\n\nDear Mr Lowther,\n\nThe weir gauge failed again.\n\n"
          "Yours sincerely,\n\nPriya Raman\n")


@pytest.fixture()
def letter(tmp_path) -> Path:
    path = tmp_path / "docs" / "gauge.txt"
    path.parent.mkdir()
    path.write_text(LETTER, encoding="utf-8")
    return path


def _bump(path: Path) -> None:
    """A later modification time, as an editor saving the file would leave."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5 * 10**9))


def test_sidecar_wins_and_says_so(letter):
    Path(f"{letter}.meta.json").write_text(json.dumps(
        {"title": "Gauge failure", "date": "2010-05", "people": ["Priya Raman", "Tom Lowther"]}))
    document = extract_file(str(letter))[0]
    assert (document.title, document.date.iso(), document.date.precision) == ("Gauge failure", "2010-05", "month")
    assert document.people == ["Priya Raman", "Tom Lowther"]
    assert document.date_source == "override (gauge.txt.meta.json)"
    assert document.overridden == {"title": "gauge.txt.meta.json", "date": "gauge.txt.meta.json",
                                   "people": "gauge.txt.meta.json"}
    assert document.sender == "Priya Raman"  # fields not overridden keep their extracted values


def test_sidecar_named_after_the_stem(letter):
    letter.with_suffix(".meta.json").write_text('{"type": "article"}')
    assert extract_file(str(letter))[0].kind == "article"


def test_folder_table_and_sidecar_together(letter):
    (letter.parent / "metadata.csv").write_text(
        "path,title,type,date,organisations\n"
        "gauge.txt,From the table,committee_release,2009,Fenwick Trust;Weir Society\n"
        "other.txt,Not this one,article,2001,\n", encoding="utf-8")
    Path(f"{letter}.meta.json").write_text('{"title": "From the sidecar"}')
    document = extract_file(str(letter))[0]
    assert document.title == "From the sidecar"
    assert (document.kind, document.date.iso()) == ("committee_release", "2009")
    assert document.organisations == ["Fenwick Trust", "Weir Society"]
    assert document.overridden["title"] == "gauge.txt.meta.json"
    assert document.overridden["type"] == "metadata.csv"


@pytest.mark.parametrize("content,message", [
    ('{"title": ', "not valid JSON"),
    ('["a list"]', "one JSON object"),
    ('{"colour": "red"}', "unknown field 'colour'"),
    ('{"type": "memo"}', "type must be one of"),
    ('{"date": "last year"}', "must be dates like"),
])
def test_a_bad_override_is_a_clear_error(letter, content, message):
    Path(f"{letter}.meta.json").write_text(content)
    with pytest.raises(ReadError, match=message):
        extract_file(str(letter))


def test_override_files_are_not_documents_and_edits_reindex(cli, letter):
    sidecar = Path(f"{letter}.meta.json")
    sidecar.write_text('{"title": "First title"}')
    (letter.parent / "metadata.csv").write_text("path,type\ngauge.txt,letter\n")
    first = cli.json("index", str(letter.parent))
    assert (first["added"], first["skipped"], first["documents"]) == (1, [], 1)
    sidecar.write_text('{"title": "Second title"}')
    _bump(sidecar)
    second = cli.json("index", str(letter.parent))
    assert (second["updated"], second["documents"]) == (1, 1)
    shown = cli.json("show", str(letter))
    assert shown["title"] == "Second title"
    assert shown["overridden"] == {"title": "gauge.txt.meta.json", "type": "metadata.csv"}
    assert cli.json("search", "title:second")["total"] == 1


def test_inspect_shows_the_override(cli, letter):
    Path(f"{letter}.meta.json").write_text('{"sender": "P. Raman (clerk)"}')
    record = cli.json("inspect", str(letter))
    assert record["sender"] == "P. Raman (clerk)"
    assert record["overridden"] == {"sender": "gauge.txt.meta.json"}


@pytest.mark.parametrize("first_run", [["a", "b"], ["b"], ["a"]], ids=["together", "b first", "a first"])
def test_the_same_bytes_take_their_metadata_from_the_first_path(cli, tmp_path, first_run):
    """One document for both files, titled by the sidecar of the path first in order, whichever
    reader finished first and whichever run met which path first."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "gauge.txt").write_text(LETTER, encoding="utf-8")
        (tmp_path / folder / "gauge.txt.meta.json").write_text(json.dumps({"title": f"Title from {folder}"}))
    cli.json("index", *(str(tmp_path / folder) for folder in first_run))
    summary = cli.json("index", str(tmp_path / "a"), str(tmp_path / "b"))
    assert summary["documents"] == 1
    for folder in ("a", "b"):
        assert cli.json("show", str(tmp_path / folder / "gauge.txt"))["title"] == "Title from a"
