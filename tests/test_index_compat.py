"""An index written by the pinned whoosh3 must still open and answer after any upgrade."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from whoosh import index
from whoosh.qparser import QueryParser
from whoosh.query import Term
from whoosh.sorting import FieldFacet

from archive.document import ATTACHMENT_MARK
from archive.readers._ocr import ocr_missing
from indexer.engines import MARKER_FILE, IndexFormat, engine_class, read_format
from indexer.engines.whoosh.engine import WhooshEngine
from tests.conftest import CORPUS, Cli
from tests.fixtures.make_archive_index import CORPUS_COPY, copy_corpus
from tests.fixtures.make_archive_index import FOLDER as ARCHIVE_FIXTURE
from tests.fixtures.make_compat_index import FOLDER


def _ids(searcher, query, **kwargs):
    return [hit["id"] for hit in searcher.search(query, limit=None, **kwargs)]


def test_committed_index_opens_and_answers():
    ix = index.open_dir(str(FOLDER), readonly=True)
    with ix.searcher() as searcher:
        parser = QueryParser("body", ix.schema)
        assert _ids(searcher, parser.parse('"John Smith"')) == ["b2"]
        assert sorted(_ids(searcher, parser.parse("overflow"))) == ["b2", "c3"]
        assert _ids(searcher, Term("dates", "m2011-03")) == ["a1"]
        assert _ids(searcher, parser.parse("john OR committee"), sortedby=FieldFacet("day")) == ["b2", "a1", "c3"]
        assert searcher.document(id="a1")["note"] == {"length": 38}


def test_committed_index_takes_new_writes(tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(FOLDER, copy)
    ix = index.open_dir(str(copy))
    writer = ix.writer(compound=False)
    writer.update_document(id="a1", body="replaced text", dates="y2013", day=20130101, note={})
    writer.commit()
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 3
        assert _ids(searcher, Term("body", "replaced")) == ["a1"]
        assert _ids(searcher, Term("body", "five")) == []


# ---- an index the archive itself wrote (tests/fixtures/make_archive_index.py) ----------------
ARCHIVE_QUERIES = ['"storm overflow"', "letters", "okafor", '"bank of england"', "hydrologist evidence",
                   "type:committee_release overflow"]


def _answers(cli: Cli, query: str, *, as_of_fixture: bool = False) -> set[tuple[str, str]]:
    """The documents found (as a set: the path is a searched field, so ranks differ a little
    between indexes of the corpus at two places); ``as_of_fixture``: only those of files the
    committed index knew."""
    return {(hit["id"], hit["title"]) for hit in cli.json("search", query, "--limit", "50")["hits"]
            if not (as_of_fixture and _newer_than_fixture(hit["path"]))}


# The corpus gained its Word letter, Outlook message, mailbox and scanned letter after the
# committed index was written: their documents are the only ones a new index of the corpus has
# that it lacks (the scan only where OCR reads it; where not, it is skipped).
NEWER_THAN_FIXTURE = (".docx", ".msg", ".mbox", ".png")


def _newer_than_fixture(path: str) -> bool:
    return path.split(ATTACHMENT_MARK)[0].endswith(NEWER_THAN_FIXTURE)


@pytest.fixture()
def archive_index_copy(tmp_path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(ARCHIVE_FIXTURE, copy)
    return copy


SCAN = CORPUS / "letters" / "2006-08-14-foley-to-ashworth-scan.png"


def test_an_index_the_archive_wrote_answers_as_a_new_one(archive_index_copy, corpus_cli):
    old = Cli(archive_index_copy)
    everything = corpus_cli.json("search", "--limit", "500")["hits"]
    newer = sum(_newer_than_fixture(hit["path"]) for hit in everything)
    assert newer == 8 + (1 if ocr_missing() is None else 0)  # the scan, where OCR reads it
    assert old.json("stats")["documents"] == corpus_cli.json("stats")["documents"] - newer
    for query in ARCHIVE_QUERIES:
        assert _answers(old, query) == _answers(corpus_cli, query, as_of_fixture=True), query
    assert _answers(old, '"storm overflow"')


def test_an_index_the_archive_wrote_is_rebuilt_and_updated_in_place(archive_index_copy):
    copy_corpus()
    old = Cli(archive_index_copy)
    before = _answers(old, "okafor")
    files = sum(path.is_file() for path in CORPUS_COPY.rglob("*"))
    updated = old.json("index", str(CORPUS_COPY))
    # the scanned letter is skipped, with the hint, where OCR is not installed
    skipped = [Path(item["path"]).name for item in updated["skipped"]]
    assert skipped == ([] if ocr_missing() is None else [SCAN.name])
    read = files - len(skipped)
    assert updated["failed"] == [] and updated["added"] + updated["updated"] + updated["unchanged"] == read
    rebuilt = old.json("reindex")
    assert (rebuilt["added"], rebuilt["failed"], rebuilt["removed"]) == (read, [], 0)
    assert _answers(old, "okafor", as_of_fixture=True) == before
    assert _answers(old, "okafor") > before  # the newer files' letters to her are found too


# ---- the format marker each index keeps (indexer/engines/__init__.py) -------------------------
def _mark(index_dir: Path, engine: str, index_format: int) -> None:
    (index_dir / MARKER_FILE).write_text(json.dumps({"engine": engine, "format": index_format}))


def test_a_new_index_is_marked_with_its_engine_and_format(corpus_index, engine_name):
    assert read_format(corpus_index) == engine_class(engine_name, corpus_index).index_format
    assert read_format(corpus_index).engine == engine_name
    assert read_format(ARCHIVE_FIXTURE) == IndexFormat("whoosh", 1)  # written before the marker


def test_an_index_in_an_older_format_says_to_rebuild_it_and_reindex_does(archive_index_copy):
    copy_corpus()
    _mark(archive_index_copy, "whoosh", WhooshEngine.index_format.format - 1)
    old = Cli(archive_index_copy)
    for command in (["search", "okafor"], ["index", str(CORPUS_COPY)], ["stats"], ["check"]):
        refused = old.run(*command)
        assert refused.exit_code == 1, command
        assert "from an older archive" in refused.stderr and "run `archive reindex`" in refused.stderr
        assert len(refused.stderr.splitlines()) == 1
    rebuilt = old.json("reindex")
    assert rebuilt["failed"] == [] and rebuilt["added"] > 30
    assert read_format(archive_index_copy) == WhooshEngine.index_format
    assert old.json("search", "okafor")["total"] > 0


@pytest.mark.parametrize(("marker", "said"), [
    ('{"engine": "whoosh", "format": 99}', "written by a newer archive (index format 99"),
    ('{"engine": "elsewhere", "format": 1}', "written by the 'elsewhere' engine, which this archive does not have"),
    ('{"engine": "whoosh"', "has an unreadable archive-index.json"),
    ('["whoosh", 1]', "has a garbled archive-index.json"),
])
def test_an_index_marked_otherwise_is_refused_in_one_line(archive_index_copy, marker, said):
    (archive_index_copy / MARKER_FILE).write_text(marker)
    refused = Cli(archive_index_copy).run("search", "okafor")
    assert refused.exit_code == 1
    assert said in refused.stderr and len(refused.stderr.splitlines()) == 1
