"""One ArchiveIndex searched again and again keeps its segments open (indexer/engines/whoosh/open_segments.py)
and still answers from the index as last committed: documents added, changed, removed and
merged by other writers meanwhile."""
from __future__ import annotations

import gc
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from indexer import (
    ArchiveIndex,
    IndexOptions,
    SearchRequest,
    compact_index,
    index_paths,
)
from indexer.engines.whoosh.open_segments import MappedFileStorage

OPTIONS = IndexOptions(workers=1, commit_every=3)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _found(index: ArchiveIndex, query: str) -> list[str]:
    return sorted(Path(hit.path).name for hit in index.search(SearchRequest(query=query, limit=50)).hits)


def _kept_readers(index: ArchiveIndex) -> list:
    return list(index.engine.open_segments._readers.values())


def _indexed_letters(tmp_path: Path, count: int) -> tuple[Path, ArchiveIndex]:
    """``count`` letters about the harbour wall, indexed three to a batch; their folder and index."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for number in range(count):
        _write(docs, f"letter-{number}.txt", f"Letter {number} about the harbour wall.")
    index_paths([str(docs)], tmp_path / "index", options=OPTIONS)
    return docs, ArchiveIndex.open(tmp_path / "index")


def test_a_second_search_reuses_the_segments_the_first_opened(tmp_path):
    _, index = _indexed_letters(tmp_path, 7)
    assert index.segment_count() >= 2
    assert len(_found(index, "harbour")) == 7
    opened = _kept_readers(index)
    assert len(opened) == index.segment_count()
    assert len(_found(index, "wall")) == 7
    assert all(after is before for after, before in zip(_kept_readers(index), opened, strict=True))


def test_searches_of_one_index_see_every_later_commit(tmp_path):
    docs, index = _indexed_letters(tmp_path, 5)
    assert len(_found(index, "harbour")) == 5

    _write(docs, "letter-9.txt", "A new letter about the harbour and the sewage outfall.")
    _write(docs, "letter-0.txt", "Letter 0 rewritten: now about the river only.")
    index_paths([str(docs)], tmp_path / "index", options=OPTIONS)
    assert _found(index, "harbour") == ["letter-1.txt", "letter-2.txt", "letter-3.txt", "letter-4.txt",
                                        "letter-9.txt"]
    assert _found(index, "sewage") == ["letter-9.txt"]
    assert _found(index, "river") == ["letter-0.txt"]

    (docs / "letter-1.txt").unlink()
    index_paths([str(docs)], tmp_path / "index", options=IndexOptions(workers=1, prune=True))
    assert _found(index, "harbour") == ["letter-2.txt", "letter-3.txt", "letter-4.txt", "letter-9.txt"]

    compact_index(tmp_path / "index")
    assert index.segment_count() == 1
    assert _found(index, "harbour") == ["letter-2.txt", "letter-3.txt", "letter-4.txt", "letter-9.txt"]
    assert len(_kept_readers(index)) == 1  # the merged-away segments' readers were closed


def test_a_search_leaves_the_cycle_collector_as_it_found_it(tmp_path):
    _, index = _indexed_letters(tmp_path, 1)
    assert gc.isenabled()
    assert _found(index, "harbour") == ["letter-0.txt"]
    assert gc.isenabled()
    gc.disable()
    try:
        assert _found(index, "wall") == ["letter-0.txt"]
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_mapped_files_read_as_whooshs_own_and_an_empty_file_opens(tmp_path):
    (tmp_path / "some.bin").write_bytes(b"\x00\x00\x01\x00segment bytes")
    (tmp_path / "empty.bin").write_bytes(b"")  # a map cannot be made of nothing
    mapped, plain = MappedFileStorage(str(tmp_path)), FileStorage(str(tmp_path))
    for name in ("some.bin", "empty.bin"):
        ours, theirs = mapped.open_file(name), plain.open_file(name)
        assert ours.read() == theirs.read()
        ours.close()
        theirs.close()
    ours, theirs = mapped.open_file("some.bin"), plain.open_file("some.bin")
    assert (ours.get_int(0), ours.get(4, 7)) == (theirs.get_int(0), theirs.get(4, 7)) == (256, b"segment")
    ours.close()
    theirs.close()
