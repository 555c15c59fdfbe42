"""An index written by the pinned whoosh3 must still open and answer after any upgrade."""
from __future__ import annotations

import shutil

from whoosh import index
from whoosh.qparser import QueryParser
from whoosh.query import Term
from whoosh.sorting import FieldFacet

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
