"""The fast segment writer (indexer/_writer.py) must write exactly what Whoosh's own writer writes."""
from __future__ import annotations

from pathlib import Path

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.formats import Positions
from whoosh.writing import SegmentWriter

from archive import extract_bytes, format_of
from indexer._index import FileState, _document_fields
from indexer._schema import EXACT_ANALYZER, NAME_ANALYZER, NAME_WORD, WORD, build_schema
from indexer._writer import FastSegmentWriter, analyzed_words, positions_values

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ANALYZERS = [(re.compile(WORD), EXACT_ANALYZER), (re.compile(NAME_WORD), NAME_ANALYZER)]
# Letters where lower-casing or accent folding is unusual: dotted capital I (lower-cases to two
# characters), final sigma, ligatures, combining accents, a title-case digraph, fullwidth letters.
AWKWARD = "İIıΣσςÆæßẞǅŉﬁZoëÉé\u0301'’.|-_0９Ⅷ"
texts = st.text(alphabet=st.sampled_from(AWKWARD) | st.characters(), max_size=80)


@given(texts)
@example("ΟΔΟΣ ΣΑΣ İstanbul Zoë O’Brien e.g. U.S.A. | x")
@settings(max_examples=400, deadline=None)
def test_words_are_the_analyzers_words(text):
    for pattern, analyzer in ANALYZERS:
        assert analyzed_words(pattern, text) == [token.text for token in analyzer(text)]


@given(texts)
@settings(max_examples=200, deadline=None)
def test_positions_are_encoded_as_whoosh_encodes_them(text):
    pattern, analyzer = ANALYZERS[0]
    expected = sorted((word.encode("utf-8"), frequency, weight, value)
                      for word, frequency, weight, value in Positions().word_values(text, analyzer))
    assert sorted(positions_values(analyzed_words(pattern, text))) == expected


def corpus_fields() -> list[dict]:
    fields = []
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file() and format_of(str(path)):
            for document in extract_bytes(path.read_bytes(), str(path)):
                fields.append(_document_fields(document, [FileState(document.path, 1, 1, document.id)]))
    assert len(fields) > 30
    return fields


def write_index(folder: Path, writer_class, fields: list[dict], pool_bytes: int | None = None) -> None:
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = writer_class(ix, compound=False)
    if pool_bytes is not None:
        writer.pool.limit_bytes = pool_bytes
    for document in fields:
        writer.add_document(**document)
    if pool_bytes is not None:
        assert len(writer.pool.runs) > 2  # the test is of spilled runs
    writer.commit()


def index_contents(folder: Path) -> dict:
    """Everything a search can read back: postings with their statistics, lengths, stored fields."""
    ix = whoosh_index.open_dir(str(folder))
    with ix.reader() as reader:
        postings = {}
        for fieldname, term in reader.all_terms():
            info = reader.term_info(fieldname, term)
            matcher = reader.postings(fieldname, term)
            entries = []
            while matcher.is_active():
                entries.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            postings[fieldname, term] = (entries, info.weight(), info.doc_frequency(), info.min_length(),
                                         info.max_length(), info.max_weight())
        documents = [(reader.stored_fields(docnum),
                      {name: reader.doc_field_length(docnum, name) for name in ix.schema.names()})
                     for docnum in range(reader.doc_count_all())]
        totals = {name: reader.field_length(name) for name in ix.schema.names()}
        sorts = list(reader.column_reader("date_sort"))
    return {"postings": postings, "documents": documents, "totals": totals, "date_sort": sorts}


@pytest.fixture(scope="module")
def whoosh_written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("whoosh")
    fields = corpus_fields()
    write_index(folder, SegmentWriter, fields)
    return fields, index_contents(folder)


@pytest.mark.parametrize("pool_bytes", [None, 20_000], ids=["in memory", "spilled to runs"])
def test_segment_holds_what_whooshs_writer_writes(tmp_path, whoosh_written, pool_bytes):
    fields, expected = whoosh_written
    write_index(tmp_path, FastSegmentWriter, fields, pool_bytes)
    contents = index_contents(tmp_path)
    assert len(contents["postings"]) == len(expected["postings"]) > 1000
    assert contents == expected


def test_merged_segments_are_what_whoosh_merges(tmp_path):
    """The end-of-run merge goes through this writer too (add_reader puts postings in its pool)."""
    fields = corpus_fields()
    results = []
    for name, writer_class in (("whoosh", SegmentWriter), ("fast", FastSegmentWriter)):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
        for start in range(0, len(fields), 10):
            writer = SegmentWriter(ix, compound=False)
            for document in fields[start:start + 10]:
                writer.add_document(**document)
            writer.commit()
        writer = writer_class(ix, compound=False)
        writer.commit(optimize=True)
        assert len(whoosh_index.open_dir(str(folder))._segments()) == 1
        results.append(index_contents(folder))
    assert results[0] == results[1]
