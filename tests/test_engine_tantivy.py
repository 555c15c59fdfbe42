"""The tantivy engine's foundation, against the real tantivy: the same documents, stored fields and
phrase matches as the Whoosh engine from the same corpus; one writer; batches kept or dropped whole."""
from __future__ import annotations

import errno
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CORPUS, TANTIVY_MISSING, corpus_skipped

tantivy = pytest.importorskip("tantivy", reason=TANTIVY_MISSING)

from archive import extract_bytes, format_of  # noqa: E402
from indexer import ArchiveIndex  # noqa: E402
from indexer._index import FileState, document_fields  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from indexer._schema import without_possessive  # noqa: E402
from indexer.engines.tantivy.engine import (POSITIONED, SPOOL_PREFIX, TantivyEngine, os_error_of,  # noqa: E402
                                             placed_words, stored_fields)
from indexer.engines import read_format  # noqa: E402
from indexer.errors import IndexBusy  # noqa: E402


@pytest.fixture(scope="module")
def corpus_fields() -> list[dict]:
    """The corpus's documents as the neutral fields both engines are given (one per id)."""
    by_id = {}
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file() and format_of(str(path)) and path.name not in corpus_skipped():
            for document in extract_bytes(path.read_bytes(), str(path)):
                by_id[document.id] = document_fields(document, [FileState(document.path, 1, 1, document.id)])
    return list(by_id.values())


@pytest.fixture(scope="module")
def engine(tmp_path_factory, corpus_fields) -> TantivyEngine:
    engine = TantivyEngine.create(tmp_path_factory.mktemp("tantivy"))
    writer = engine.writer()
    for fields in corpus_fields:
        writer.update(fields)
    writer.commit(merge=True)
    return engine


@pytest.fixture(scope="module")
def whoosh_index(tmp_path_factory, corpus_fields) -> ArchiveIndex:
    index = ArchiveIndex.open_or_create(tmp_path_factory.mktemp("whoosh"))
    writer = index.engine.writer()
    for fields in corpus_fields:
        writer.update(fields)
    writer.commit()
    return index


def test_the_documents_and_their_stored_fields_are_the_whoosh_engines(engine, whoosh_index, corpus_fields):
    assert engine.document_count() == whoosh_index.document_count() == len(corpus_fields)
    whoosh_stored = {fields["id"]: fields for fields in whoosh_index.engine.all_stored()}
    tantivy_stored = {fields["id"]: fields for fields in engine.all_stored()}
    assert tantivy_stored.keys() == whoosh_stored.keys()
    for doc_id, fields in whoosh_stored.items():
        found = tantivy_stored[doc_id]
        for name, value in fields.items():
            expected = [list(source) for source in value] if name == "sources" else value
            assert found.get(name) == expected, (doc_id, name)
        assert engine.stored(id=doc_id) == found
        assert engine.stored(path=fields["path"].split("\x00")[0])["id"] == doc_id


def _phrase_documents_tantivy(engine, words: list[str]) -> set[str]:
    searcher = engine._searcher()
    query = tantivy.Query.phrase_query(engine._index.schema, "body", words) if len(words) > 1 else \
        tantivy.Query.term_query(engine._index.schema, "body", words[0])
    return {stored_fields(searcher.doc(address))["id"] for _, address in
            searcher.search(query, limit=1000).hits}


def _phrase_documents_whoosh(index, words: list[str]) -> set[str]:
    from whoosh import query as wq

    with index.engine.searcher() as searcher:
        query = wq.Phrase("body", words) if len(words) > 1 else wq.Term("body", words[0])
        return {searcher.stored_fields(docnum)["id"] for docnum in searcher.docs_for_query(query)}


def test_every_phrase_finds_what_the_whoosh_engine_finds(engine, whoosh_index, corpus_fields):
    # Phrases of one to five words from every document, possessives included ("england's" and
    # "england" at one place): the same documents from both engines, the document itself among them.
    checked = 0
    for fields in corpus_fields:
        by_place = {}
        for position, word in placed_words("body", fields["body"]):
            by_place.setdefault(position, word)  # the possessive as written (its word stands beside it)
        words = list(by_place.values())
        for start in range(0, max(len(words) - 5, 1), 97):
            for length in (1, 3, 5):
                phrase = words[start:start + length]
                if len(phrase) != length or len(set(phrase)) != length:
                    continue
                bare = [without_possessive(word) or word for word in phrase]
                for asked in ([phrase, bare] if bare != phrase else [phrase]):
                    found = _phrase_documents_tantivy(engine, asked)
                    assert fields["id"] in found, asked
                    assert found == _phrase_documents_whoosh(whoosh_index, asked), asked
                    checked += 1
    assert checked > 200


@given(st.text(alphabet=st.sampled_from("ab É'’s|.- \n"), max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_words_are_the_archive_analysers_at_their_places(text):
    for field, analyzer in POSITIONED.items():
        assert placed_words(field, text) == [(token.pos, token.text) for token in
                                             analyzer(text, positions=True, mode="index")], field


def test_a_possessive_stands_as_its_word_at_its_place():
    assert placed_words("body", "the Bank of England's rate") == [
        (0, "the"), (1, "bank"), (2, "of"), (3, "england's"), (3, "england"), (4, "rate")]
    assert placed_words("names", "England's | Zoë") == [(0, "england's"), (1, "|"), (2, "zoe")]


def test_a_batch_is_kept_or_dropped_whole_and_updates_replace(tmp_path, corpus_fields):
    engine = TantivyEngine.create(tmp_path)
    writer = engine.writer()
    first, second = corpus_fields[:2]
    writer.update(first)
    writer.commit()
    writer.update(dict(first, title="A new title"))
    writer.update(second)
    writer.cancel()
    assert engine.document_count() == 1 and engine.stored(id=first["id"])["title"] == first["title"]
    writer.update(dict(first, title="A new title"))
    writer.delete(second["id"])
    writer.commit()
    assert engine.document_count() == 1 and engine.stored(id=first["id"])["title"] == "A new title"
    writer.delete(first["id"])
    writer.commit()
    assert engine.document_count() == 0 and not engine.has_document(first["id"])


def test_one_writer_at_a_time(tmp_path, corpus_fields):
    engine = TantivyEngine.create(tmp_path)
    holder = engine.writer()
    holder.update(corpus_fields[0])
    with pytest.raises(IndexBusy, match="another process is writing"):
        TantivyEngine.open(tmp_path).writer().update(corpus_fields[1])
    holder.commit()
    other = TantivyEngine.open(tmp_path).writer()
    other.update(corpus_fields[1])
    other.commit()
    assert engine.document_count() == 2


def test_documents_spooled_by_reader_processes_arrive_with_the_commit(tmp_path, corpus_fields):
    engine = TantivyEngine.create(tmp_path)
    reader = TantivyEngine.segment_writer(tmp_path)
    assert [reader.add(fields) for fields in corpus_fields[:3]] == [0, 1, 2]
    spool = reader.finish()
    assert reader.finish() is None
    spool.delete_document(1)  # as the indexing run drops a document met again at another path
    writer = engine.writer()
    writer.update(corpus_fields[3])
    writer.commit(segments=[spool])
    assert engine.document_count() == 3 and not engine.has_document(corpus_fields[1]["id"])
    assert not list(tmp_path.glob(f"{SPOOL_PREFIX}*"))


def test_spools_of_readers_that_are_gone_are_removed_by_the_next_writer(tmp_path, corpus_fields):
    engine = TantivyEngine.create(tmp_path)
    ended = subprocess.Popen(["true"])  # a process that has ended and been waited for: its pid is free
    ended.wait()
    left = tmp_path / f"{SPOOL_PREFIX}{ended.pid}-0123.jsonl"
    left.write_bytes(b"what a killed reader left")
    live = TantivyEngine.segment_writer(tmp_path)
    live.add(corpus_fields[0])  # a reader of this run, still reading
    writer = engine.writer()
    writer.update(corpus_fields[1])
    writer.commit()
    assert not left.exists() and len(list(tmp_path.glob(f"{SPOOL_PREFIX}*"))) == 1


# ---- searching: the same requests, the same documents as the Whoosh engine --------------------
REQUESTS = [
    dict(query="overflow"), dict(query="letters"), dict(query='"storm overflow"'), dict(query='"tanner bridge"'),
    dict(query="okafor AND report"), dict(query="okafor OR lefevre"), dict(query="overflow NOT committee"),
    dict(query="overflow ANDNOT report"), dict(query="monitor*"), dict(query="wierzbicky~1"),
    dict(query="title:report"), dict(query="kind:letter"), dict(query="format:pdf overflow"),
    dict(query="", names=["Zoë Lefèvre"]), dict(query="", senders=["okafor"]),
    dict(query="overflow", kinds=["letter"]), dict(query="overflow", formats=["eml", "txt"]),
    dict(query="brook", paths=["*/articles/*"]), dict(query="inquiry", sort="date"), dict(query="inquiry", sort="-date"),
    dict(query="water", date_span=("2009", "2010")), dict(query="water", date_span=("2011", None), undated=True),
    dict(query="", mentions=("2011-03", "2011-03")), dict(query="water", any_words=True),
    # Phrases of common words alone, found by their pairs (body_pairs) in both engines.
    dict(query='"of the"'), dict(query='"it is the"'), dict(query='"to be"'), dict(query='"we have"'),
    dict(query='"of the" overflow'), dict(query='title:"of the"'),
]


def _request(spec: dict):
    from archive import user_date_span
    from indexer import SearchRequest

    spec = dict(spec, limit=100)
    for key in ("date_span", "mentions"):
        if key in spec:
            spec[key] = user_date_span(*spec[key])
    return SearchRequest(**spec)


@pytest.mark.parametrize("spec", REQUESTS, ids=lambda spec: repr(spec))
def test_a_request_finds_the_documents_the_whoosh_engine_finds(engine, whoosh_index, spec):
    request = _request(spec)
    found, expected = engine.search(request), whoosh_index.engine.search(request)
    assert found.total == expected.total
    assert {fields["id"] for fields, _ in found.page} == {fields["id"] for fields, _ in expected.page}
    if request.sort != "relevance":  # by date: the same order of dates, undated last
        dates = [fields.get("date") or "" for fields, _ in found.page]
        assert dates == [fields.get("date") or "" for fields, _ in expected.page]
    assert found.targets == expected.targets


def test_did_you_mean_and_facets_are_the_whoosh_engines(engine, whoosh_index):
    from indexer import SearchRequest

    for typed in ("overflw", "wierzbiki letters"):
        request = SearchRequest(query=typed)
        assert engine.search(request).suggestion == whoosh_index.engine.search(request).suggestion
    request = SearchRequest(query="overflow", facets=True)
    assert engine.search(request).facets == whoosh_index.engine.search(request).facets


def test_the_cli_builds_searches_updates_and_rebuilds_a_tantivy_index(tmp_path):
    import shutil

    from tests.conftest import Cli

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    cli = Cli(tmp_path / "index")
    built = cli.json("index", str(corpus), "--engine", "tantivy")
    assert built["failed"] == [] and built["added"] > 30
    assert read_format(cli.index_dir).engine == "tantivy"
    assert cli.json("search", '"five page letter"')["total"] >= 1
    assert cli.json("index", str(corpus))["unchanged"] == built["added"]
    refused = cli.run("index", str(corpus), "--engine", "whoosh")
    assert refused.exit_code == 1 and "kept by the tantivy engine, not whoosh" in refused.stderr
    rebuilt = cli.json("reindex")
    assert rebuilt["added"] == built["added"] and read_format(cli.index_dir).engine == "tantivy"
    assert cli.run("check").exit_code == 0


@given(st.sampled_from(sorted(errno.errorcode)), st.sampled_from(["Internal error: 'x (os error {})'",
                                                                 "IoError {{ err: Os {{ code: {}, kind: Other }} }}"]))
def test_a_failed_write_reported_by_tantivy_is_the_os_error_it_was(number, form):
    error = os_error_of(ValueError(form.format(number)), Path("/"))
    assert isinstance(error, OSError) and error.errno == number


def test_other_tantivy_errors_stay_what_they_are():
    error = ValueError("Schema error: no such field")
    assert os_error_of(error, Path("/")) is error


KILLED = ("An error occurred in a thread: 'An index writer was killed.. A worker thread encountered an error "
          "(io::Error most likely) or panicked.'")


def test_a_writer_killed_with_room_on_its_disk_is_an_io_error_not_a_full_disk(tmp_path):
    # A full disk is tested for real in tests/test_faults.py, where tantivy reports it either way.
    error = os_error_of(ValueError(KILLED), tmp_path)
    assert isinstance(error, OSError) and error.errno == errno.EIO


def test_a_phrase_of_common_words_is_found_by_their_pairs(engine, whoosh_index):
    from indexer._schema import PAIRS_FIELD

    searcher = engine._searcher()
    for spec, pairs in ((dict(query='"of the"'), ["of the"]), (dict(query='"it is the"'), ["it is", "is the"])):
        assert all(searcher.doc_freq(PAIRS_FIELD, pair) > 0 for pair in pairs)
        found = engine.search(_request(spec))
        assert found.total > 0 and found.total == whoosh_index.engine.search(_request(spec)).total


def test_a_batch_from_a_reader_that_has_ended_is_still_committed(tmp_path, corpus_fields):
    from indexer.engines.tantivy.engine import SpooledBatch

    engine = TantivyEngine.create(tmp_path)
    reader = TantivyEngine.segment_writer(tmp_path)
    reader.add(corpus_fields[0])
    ended = subprocess.Popen(["true"])
    ended.wait()
    handed = reader.finish().path.rename(tmp_path / f"{SPOOL_PREFIX}{ended.pid}-0456.jsonl")
    engine.writer().commit(segments=[SpooledBatch(handed)])
    assert engine.has_document(corpus_fields[0]["id"])
