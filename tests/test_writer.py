"""The fast segment writer (indexer/engines/whoosh/writer.py) must write what Whoosh's own writer writes: the same
files byte for byte, but for the postings' data pickled in a newer protocol (indexer/engines/whoosh/term_blocks.py),
so the postings and terms files are compared as Whoosh's reader reads them."""
from __future__ import annotations

import re
import zlib
from pathlib import Path
from pickle import dumps

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, W3Codec
from whoosh.fields import ID, TEXT, Schema
from whoosh.formats import Positions
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from archive import extract_bytes, format_of
from indexer.engines.whoosh import term_blocks
from indexer._index import FileState, document_fields
from indexer.engines.whoosh.engine import with_pairs
from indexer._schema import (
    COMMON_WORDS,
    EXACT_ANALYZER,
    NAME_ANALYZER,
    NAME_WORD,
    PAIRS_FIELD,
    WORD,
    build_schema,
    common_pairs,
)
from indexer._schema import analyzed_words
from indexer.engines.whoosh.writer import FastSegmentWriter, _words_finder, positions_values
from tests.conftest import corpus_skipped

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
    assert sorted(positions_values(enumerate(analyzed_words(pattern, text)))) == expected


@given(texts | st.lists(st.sampled_from(["England's", "Blair’s", "it's", "'s", "s's", "x"]), max_size=12).map(" ".join))
@example("the Bank of England's rate, Tony Blair’s aides, it's O'Brien's")
@settings(max_examples=200, deadline=None)
def test_body_and_title_words_are_their_fields_tokens_possessives_too(text):
    """Where the writer finds the body's and the title's words itself, it makes of them what the
    fields' analyzer indexes: each word, and after a possessive its word at the same position."""
    schema = build_schema()
    for name in ("body", "title"):
        field = schema[name]
        assert sorted(_words_finder(schema, name)(text)) == sorted(field.index(text))


def test_a_possessive_is_indexed_as_its_word_too():
    field = build_schema()["body"]
    indexed = {word.decode(): frequency for word, frequency, _, _ in field.index("Blair’s aides met Tony Blair")}
    assert indexed == {"blair's": 1, "blair": 2, "aides": 1, "met": 1, "tony": 1}
    assert [token.text for token in field.analyzer("England's", mode="query")] == ["england's"]


COMMON_TEXTS = st.lists(st.sampled_from(["of", "the", "has", "said", "he", "Harbour", "It's", "ZOË", ",", ".", "\n"]),
                        max_size=40).map(" ".join)


@given(COMMON_TEXTS | texts)
@example("He has said he was in the harbour. Of the men, it was the last of them")
@settings(max_examples=300, deadline=None)
def test_common_pairs_are_the_pairs_fields_tokens(text):
    """The writer's pairs of common words (from the body's words) are what the body_pairs field's
    analyzer makes of the text, positions and all."""
    field = build_schema()[PAIRS_FIELD]
    expected = sorted((word.encode("utf-8"), frequency, weight, value)
                      for word, frequency, weight, value in field.format.word_values(text, field.analyzer))
    words = analyzed_words(re.compile(WORD), text)
    assert sorted(positions_values(common_pairs(words, COMMON_WORDS))) == expected
    for position, pair in common_pairs(words, COMMON_WORDS):
        assert pair == f"{words[position]} {words[position + 1]}"


def corpus_fields(copies: int = 1) -> list[dict]:
    """The shipped corpus as the index's fields; copies (under other ids) make common words'
    postings run past one Whoosh block (128 postings)."""
    fields = []
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file() and format_of(str(path)) and path.name not in corpus_skipped():
            for document in extract_bytes(path.read_bytes(), str(path)):
                fields.append(with_pairs(document_fields(document, [FileState(document.path, 1, 1, document.id)]), build_schema()))
    assert len(fields) > 30
    return [dict(document, id=f"{document['id']}-{copy}") for copy in range(copies) for document in fields]


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


def segment_files(folder: Path, protocol: int, kinds=(".pst", ".trm", "._stored.col", "._body_len.col")) -> dict:
    """The one segment's files by their kind (the part of the name after the segment's random id),
    the postings and terms files (whose offsets depend on the size of each block's pickle) as
    every term read back, each block's data pickled in ``protocol``: ``postings_read_back``."""
    ix = whoosh_index.open_dir(str(folder))
    (segment,) = ix._segments()
    prefix = segment.segment_id()
    files = {path.name[len(prefix):]: path.read_bytes() for path in folder.iterdir()
             if path.name.startswith(prefix)}
    assert set(kinds) <= set(files)
    files.pop(".pst"), files.pop(".trm")
    files["postings"] = postings_read_back(ix, protocol)
    return files


def protocol_of(writer_class) -> int:
    """The pickle protocol of the postings' data each writer writes."""
    return 2 if writer_class is SegmentWriter else term_blocks.BLOCK_DATA_PROTOCOL


def postings_read_back(ix, protocol: int) -> dict:
    """Every term of the index's one segment, as Whoosh's reader reads it: the statistics of its
    entry in the terms table, then each block's header figures and unpickled data."""
    read_back = {}
    with ix.reader() as reader:
        terms = reader._terms
        for (fieldname, term), info in terms.items():
            statistics = (info._weight, info._df, info._minlength, info._maxlength, info._maxweight,
                          info._minid, info._maxid)
            matcher = terms._codec.postings_reader(terms._postfile, info, ix.schema[fieldname].format)
            read_back[fieldname, term] = (statistics, _blocks_read_back(matcher, protocol))
    return read_back


def _blocks_read_back(matcher, protocol: int) -> list[tuple]:
    """A term's blocks; each block's stored bytes must be its data pickled in ``protocol``,
    compressed exactly when that pickle reaches Whoosh's threshold (at the codec's level)."""
    blocks = []
    while matcher.is_active():
        stored = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
        matcher._read_data()
        pickled = dumps(matcher._data, protocol)
        compressed = len(pickled) >= COMPRESSION_MIN_SIZE
        assert stored == (zlib.compress(pickled, matcher._compression) if compressed else pickled)
        assert bool(matcher._compression) == compressed
        blocks.append((matcher._blocklength, matcher._maxid, matcher._maxweight, matcher._minlength,
                       matcher._maxlength, matcher._data))
        matcher._next_block()
    return blocks


@pytest.fixture(scope="module")
def whoosh_written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("whoosh")
    fields = corpus_fields(copies=5)
    write_index(folder, SegmentWriter, fields)
    return fields, segment_files(folder, protocol_of(SegmentWriter))


@pytest.mark.parametrize("pool_bytes", [None, 50_000], ids=["in memory", "spilled to runs"])
def test_segment_files_are_byte_for_byte_whooshs(tmp_path, whoosh_written, pool_bytes):
    fields, expected = whoosh_written
    write_index(tmp_path, FastSegmentWriter, fields, pool_bytes)
    assert segment_files(tmp_path, protocol_of(FastSegmentWriter)) == expected


def test_offsets_hold_across_the_gathered_writes(tmp_path, whoosh_written, monkeypatch):
    """Blocks and terms-table entries are gathered and written a megabyte at a time (the corpus's
    files are smaller): written a kilobyte at a time, every offset must come out the same."""
    monkeypatch.setattr(term_blocks, "_WRITE_BYTES", 1000)
    fields, expected = whoosh_written
    write_index(tmp_path, FastSegmentWriter, fields)
    assert segment_files(tmp_path, protocol_of(FastSegmentWriter)) == expected


def test_merged_segments_are_what_whoosh_merges(tmp_path):
    """The end-of-run merge goes through this writer too: it reads each segment's postings a
    block at a time, leaving out deleted documents (and terms only they held)."""
    fields = corpus_fields(copies=4)
    merged = []
    for name, writer_class in (("whoosh", SegmentWriter), ("fast", FastSegmentWriter)):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
        for start in range(0, len(fields), 30):
            writer = SegmentWriter(ix, compound=False)
            for document in fields[start:start + 30]:
                writer.add_document(**document)
            writer.commit(merge=False)
        writer = SegmentWriter(ix, compound=False)
        for document in fields[::7] + fields[:36]:  # every seventh, and the first copy of the corpus
            writer.delete_by_term("id", document["id"])
        writer.commit(merge=False)
        assert len(ix._segments()) > 4
        writer_class(ix, compound=False).commit(optimize=True)
        merged.append(segment_files(folder, protocol_of(writer_class)))
    assert merged[0] == merged[1]


def test_a_merge_keeps_the_exact_field_length_totals(tmp_path):
    """Ranking divides by each field's total length: a merge must not change it (Whoosh's own
    merge adds the totals up again from one-byte approximations of each document's lengths)."""
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    fields = corpus_fields(copies=2)
    for start in range(0, len(fields), 20):
        writer = SegmentWriter(ix, compound=False)
        for document in fields[start:start + 20]:
            writer.add_document(**document)
        writer.commit(merge=False)
    with ix.reader() as reader:
        totals = {name: reader.field_length(name) for name in ("title", "body", "names")}
    FastSegmentWriter(ix, compound=False).commit(optimize=True)
    with ix.reader() as reader:
        assert len(ix._segments()) == 1
        assert {name: reader.field_length(name) for name in totals} == totals


# A schema with each kind of postings the segment writer encodes: values of no size (ID:
# Existence), of a fixed size (TEXT without phrases: Frequency), of any size (TEXT: Positions,
# found by the fast word finder in "body"); weights no 32-bit float holds exactly (a boost), and
# weights not 1.0 that are 1.0 as 32-bit floats (a boost a hair above 1).
def varied_schema() -> Schema:
    return Schema(tag=ID(), counted=TEXT(phrase=False), body=TEXT(analyzer=EXACT_ANALYZER),
                  boosted=TEXT(field_boost=1.3), nearly_one=TEXT(field_boost=1.00000001))


def write_varied(folder: Path, writer_class, documents: list[dict], codec=None) -> dict[str, bytes]:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), varied_schema())
    writer = writer_class(ix, compound=False, codec=codec)
    for document in documents:
        writer.add_document(**document)
    writer.commit()
    return segment_files(folder, protocol_of(writer_class), kinds=(".pst", ".trm"))


def assert_written_as_whoosh_writes(folder: Path, documents: list[dict], codec=None) -> None:
    expected = write_varied(folder / "whoosh", SegmentWriter, documents, codec)
    assert write_varied(folder / "fast", FastSegmentWriter, documents, codec) == expected


@pytest.mark.parametrize("count", [1, 2, 127, 128, 129, 256, 257])
def test_terms_of_any_number_of_postings_are_whooshs(tmp_path, count):
    """Around Whoosh's block of 128 postings: "common" in every document, "once" in one, "even"
    in every other; weights all 1.0 ("common" in tag and boosted), all equal ("common" twice in
    counted), differing ("common" once or twice in body)."""
    once = count // 2
    documents = [{"tag": "once" if number == once else "common",
                  "counted": "common common" + " once" * (number == once) + " even" * (number % 2 == 0),
                  "body": "common " * (1 + number % 2) + f"doc{number}",
                  "boosted": "common", "nearly_one": "common"} for number in range(count)]
    assert_written_as_whoosh_writes(tmp_path, documents)


def test_blocks_either_side_of_the_compression_threshold_are_whooshs(tmp_path):
    """A block is compressed when its pickled data reaches COMPRESSION_MIN_SIZE. In counted,
    "below" (nine documents, four of them after a gap of more than 255: a gap pickled in a byte
    more) falls one byte short; "reaching" (five such gaps) reaches it. A word used more often in
    its one document has more positions to store."""
    one = pack_uint(1)  # a Frequency value: the word's frequency in the document
    below, reaching = [0, 1, 2, 3, 4, 300, 600, 900, 1200], [0, 1, 2, 3, 300, 600, 900, 1200, 1500]
    protocol = term_blocks.BLOCK_DATA_PROTOCOL
    assert len(dumps((term_blocks._deltas(below), None, one * 9), protocol)) == COMPRESSION_MIN_SIZE - 1
    assert len(dumps((term_blocks._deltas(reaching), None, one * 9), protocol)) == COMPRESSION_MIN_SIZE
    documents = [{"counted": "below" * (number in below) + " reaching" * (number in reaching)}
                 for number in range(reaching[-1] + 1)]
    documents += [dict.fromkeys(("body", "boosted", "nearly_one"), f"word{repeat} " * repeat)
                  for repeat in range(1, 40)]
    assert_written_as_whoosh_writes(tmp_path, documents)


WORDS = st.sampled_from(["alpha", "beta", "gamma", "delta", "ζeta"])
FIELD_TEXTS = st.lists(WORDS, max_size=12).map(" ".join)
DOCUMENTS = st.lists(st.fixed_dictionaries({}, optional=dict.fromkeys(varied_schema().names(), FIELD_TEXTS)),
                     min_size=1, max_size=25)


@given(DOCUMENTS, st.integers(min_value=1, max_value=6))
@settings(max_examples=60, deadline=None)
def test_any_documents_are_written_as_whoosh_writes_them(tmp_path_factory, documents, blocklimit):
    """Few words over a few documents, in blocks of a few postings so that terms run over
    several: weights equal or not, values present or not, blocks compressed or not."""
    folder = tmp_path_factory.mktemp("varied")
    assert_written_as_whoosh_writes(folder, documents, W3Codec(blocklimit=blocklimit))
