"""Document texts beside the index: a committed document's text is never cut short."""
from __future__ import annotations

import os
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer._texts import TextStore


@given(st.text(max_size=2000))
@settings(max_examples=50, deadline=None)
def test_a_text_reads_back_as_written(tmp_path_factory, text):
    store = TextStore(tmp_path_factory.getbasetemp() / "texts")  # one store: new texts and replaced ones
    store.put("0123456789abcdef", text)
    assert store.get("0123456789abcdef") == text


def test_a_text_already_there_is_replaced_whole_not_rewritten_in_place(tmp_path):
    store = TextStore(tmp_path)
    store.put("ab12", "the first text")
    path = tmp_path / "ab" / "ab12.z"
    before = os.stat(path).st_ino
    with open(path, "rb") as reader_holding_it:
        store.put("ab12", "the same document met again")
        # The old file was never touched: the new one came in beside it and was renamed over it.
        assert zlib.decompress(reader_holding_it.read()) == b"the first text"
    assert os.stat(path).st_ino != before
    assert store.get("ab12") == "the same document met again"
    assert [entry.name for entry in (tmp_path / "ab").iterdir()] == ["ab12.z"]


def test_a_text_a_crash_left_half_written_is_replaced(tmp_path):
    store = TextStore(tmp_path)
    (tmp_path / "cd").mkdir()
    (tmp_path / "cd" / "cd34.z").write_bytes(b"x\x9c\x0b")  # the start of a zlib stream, cut short
    assert store.get("cd34") == ""
    store.put("cd34", "the whole text")
    assert store.get("cd34") == "the whole text"
