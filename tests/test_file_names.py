"""File names that are not UTF-8 (Linux names are bytes): indexed, shown escaped, found by that path."""
from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from archive.file_names import index_path, is_kept_exactly, real_path, shown

LATIN1_NAME = b"caf\xe9 minutes.txt"


@given(st.binary(max_size=40))
def test_any_bytes_name_is_kept_and_leads_back_to_itself(name):
    real = os.fsdecode(name)
    kept = index_path(real)
    kept.encode("utf-8")  # storable anywhere: no lone surrogates
    if is_kept_exactly(real):
        assert real_path(kept) == real
        assert os.fsencode(real_path(kept)) == name
    else:
        assert "\\x" in real  # only a name that already holds the text \xNN is not


def test_kept_and_shown_forms():
    real = os.fsdecode(LATIN1_NAME)
    assert index_path(real) == "caf\\xe9 minutes.txt"
    assert shown(real) == shown(index_path(real)) == "caf\\xe9 minutes.txt"
    assert index_path("Zoë.txt") == real_path("Zoë.txt") == "Zoë.txt"
    assert not is_kept_exactly("literal \\xe9.txt")


def _write_latin1_file(folder) -> str:
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), LATIN1_NAME), "wb") as handle:
        handle.write(b"Minutes of the quagga committee, 14 March 2011.")
    return f"{folder}/caf\\xe9 minutes.txt"


def test_a_latin1_name_is_indexed_shown_and_found_by_its_path(cli, tmp_path):
    kept = _write_latin1_file(tmp_path / "docs")
    report = cli.json("index", str(tmp_path / "docs"))
    assert report["added"] == 1 and report["failed"] == []
    hits = cli.json("search", "quagga")["hits"]
    assert [hit["path"] for hit in hits] == [kept]
    assert cli.json("show", kept)["text"].startswith("Minutes of the quagga committee")
    as_the_disk_has_it = os.fsdecode(os.path.join(os.fsencode(tmp_path / "docs"), LATIN1_NAME))
    assert cli.json("show", as_the_disk_has_it)["id"] == hits[0]["id"]
    assert cli.json("index", str(tmp_path / "docs"))["unchanged"] == 1


def test_a_latin1_name_passes_check_and_reindex(cli, tmp_path):
    kept = _write_latin1_file(tmp_path / "docs")
    cli.json("index", str(tmp_path / "docs"))
    assert cli.run("check").exit_code == 0
    assert cli.json("reindex")["added"] == 1
    assert cli.json("show", kept)["path"] == kept
    os.remove(os.path.join(os.fsencode(tmp_path / "docs"), LATIN1_NAME))
    assert cli.json("index", str(tmp_path / "docs"), "--prune")["removed"] == 1
