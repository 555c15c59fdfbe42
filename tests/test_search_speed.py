"""The fast ranking path (indexer/engines/whoosh/ranking.py best_matches) finds what Whoosh's own collector
finds: the same hits with the same scores in the same order, and the same count, for every kind
of query, on an index of several segments with deleted documents in them. Exact phrases are the
one deliberate difference: the same documents and count, each scored by how often the phrase
stands in it (checked here against the phrase counted in each document's text)."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from whoosh import query as wq
from whoosh.collectors import TermsCollector, TopCollector
from whoosh.scoring import bm25
from whoosh.searching import ResultsPage

from archive import user_date_span
from indexer import ArchiveIndex, IndexOptions, SearchRequest, index_paths
from indexer._query import request_query, with_filters
from indexer.searching import page_of
from indexer.engines.whoosh.ranking import (
    RANKING,
    _exact_phrases,
    best_matches,
    matching_documents,
    with_forms_found,
)
from indexer._schema import EXACT_ANALYZER, PAIRS_FIELD, build_schema, without_possessive

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
VOCABULARY = ("the harbour wall was surveyed again by the water company and the survey of the river "
              "found sewage in the river near the harbour office letter letters study studies studied "
              "Adaeze Okafor wrote to Denis MacShane about the storm overflow permit")
WORDS = VOCABULARY.split()
GENERATED = 300


def _text(rng: random.Random) -> str:
    sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 14))) + "."
                 for _ in range(rng.randint(2, 8))]
    return f"{rng.randint(1, 28)} March {rng.randint(2001, 2012)}\n\n" + " ".join(sentences)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> ArchiveIndex:
    """The shipped corpus and generated letters, indexed in small batches (several segments),
    then some files rewritten and indexed again (deleted documents in the old segments)."""
    base = tmp_path_factory.mktemp("fast-ranking")
    folder = base / "docs"
    shutil.copytree(CORPUS, folder / "corpus")
    rng = random.Random(5)
    for number in range(GENERATED):
        (folder / f"generated-{number:03d}.txt").write_text(_text(rng), encoding="utf-8")
    options = IndexOptions(workers=2, commit_every=40)
    index_paths([str(folder)], base / "index", options=options)
    for number in range(0, GENERATED, 25):
        (folder / f"generated-{number:03d}.txt").write_text(_text(rng) + " rewritten", encoding="utf-8")
    index_paths([str(folder)], base / "index", options=options)
    index = ArchiveIndex.open(base / "index")
    with index.engine.searcher() as searcher:
        assert len(searcher.leaf_searchers()) > 2 and searcher.reader().has_deletions()
    return index


REQUESTS = [
    SearchRequest(query="harbour"),
    SearchRequest(query="letter"),
    SearchRequest(query="study"),
    SearchRequest(query="the", limit=50),
    SearchRequest(query="harbour wall"),
    SearchRequest(query="harbour wall survey", any_words=True),
    SearchRequest(query='"the harbour"'),
    SearchRequest(query='"of the river"', limit=30),
    SearchRequest(query='"the the"'),
    SearchRequest(query='"five page letter"'),
    SearchRequest(query='"the river the"'),
    SearchRequest(query='"downstream of the overflow failed the standard"'),
    SearchRequest(query='"storm overflow" AND (permit OR letter)'),
    SearchRequest(query='"sewage river"~3'),
    SearchRequest(query="harbour NOT wall"),
    SearchRequest(query='river NOT "the river"'),
    SearchRequest(query="harbour ANDMAYBE wall"),
    SearchRequest(query="(harbour AND wall) OR (storm AND overflow)"),
    SearchRequest(query="surv*"),
    SearchRequest(query="harbur~"),
    SearchRequest(query="title:letter"),
    SearchRequest(query="rewritten"),
    SearchRequest(names=["Okafor"]),
    SearchRequest(names=["Adaeze Okafor"]),
    SearchRequest(names=["Denis MacShane"], query='"the river"'),
    SearchRequest(date_span=user_date_span("2004", "2009")),
    SearchRequest(date_span=user_date_span("2005-03", "2007-03-14"), undated=True),
    SearchRequest(query='"the harbour"', names=["Okafor"], date_span=user_date_span("2003", "2010-06")),
    SearchRequest(query="sewage", kinds=["letter"]),
    SearchRequest(query="river", formats=["txt"], facets=True),
    SearchRequest(query="river", paths=["generated-1*"]),
    SearchRequest(query="river", mentions=user_date_span("2005", "2008")),
    SearchRequest(query="the", limit=7, page=3),
    SearchRequest(query="the", limit=7, page=400),
]


def _whoosh_ranked(index: ArchiveIndex, searcher, request: SearchRequest, query):
    """What the archive's ranking was before: Whoosh's TopCollector scoring every match (the
    TermsCollector asks for matchers that know the current document, as best_matches does)."""
    collector = TermsCollector(TopCollector(request.page * request.limit, usequality=False, replace=0))
    searcher.search_with_collector(query, collector)
    results = collector.results()
    page = [(hit.score, hit.docnum) for hit in ResultsPage(results, request.page, request.limit)]
    return list(results.top_n), len(results), page


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: repr((r.query, r.names, r.date_span, r.page)))
def test_best_matches_are_whooshs_own(archive, request_):
    with archive.engine.searcher() as searcher:
        query = with_forms_found(with_filters(searcher.reader(), request_, request_query(archive.engine.schema, request_)), searcher)
        expected, expected_total, expected_page = _whoosh_ranked(archive, searcher, request_, query)
        query = with_forms_found(with_filters(searcher.reader(), request_, request_query(archive.engine.schema, request_)), searcher)
        best, total = best_matches(searcher, query, request_.page * request_.limit, lambda: None)
        assert total == expected_total
        assert sorted(matching_documents(searcher, query, lambda: None)) == sorted(searcher.docs_for_query(query))
        if _exact_phrases(query):  # scored otherwise: see test_a_phrase_scores_by_how_often_it_stands
            assert best == sorted(best, key=lambda hit: (-hit[0], hit[1]))
            return
        assert best == expected   # (score, document number): scores equal to the last bit
    assert page_of(best, total, request_.page, request_.limit) == expected_page


def test_the_requests_are_not_vacuous(archive):
    """Every request above finds documents, names and phrases included."""
    found = {repr(request): archive.search(request).total for request in REQUESTS}
    assert [request for request, total in found.items() if not total] == []


# Phrases of common words ("of the", "again by the": looked up by their pairs), of other words,
# of both, and phrases overlapping themselves ("the the" twice in "the the the").
PHRASES = ["the harbour", "of the", "the the", "of the river", "the river the", "by the", "again by the",
           "the water company", "five page letter", "the"]


@pytest.mark.parametrize("phrase", PHRASES)
def test_a_phrase_scores_by_how_often_it_stands(archive, phrase):
    """Every document whose text holds the phrase is found, and none other, each scored by BM25
    of how many times the words stand there in a row, their weights added up as the phrase's."""
    words = phrase.split()
    with archive.engine.searcher() as searcher:
        best, total = best_matches(searcher, wq.Phrase("body", words), 10**6, lambda: None)
        weight = sum(RANKING.idf(searcher, "body", word) for word in words)
        average = searcher.avg_field_length("body")
        expected = {}
        for docnum, stored in searcher.iter_docs():
            text = [token.text for token in EXACT_ANALYZER(archive.texts.get(stored["id"]))]
            # a possessive stands for its word too ("company's" for "company")
            times = sum(all(word in (text[start + place], without_possessive(text[start + place]))
                            for place, word in enumerate(words))
                        for start in range(len(text) - len(words) + 1))
            if times:
                length = searcher.doc_field_length(docnum, "body")
                expected[docnum] = bm25(weight, float(times), length, average, RANKING.B, RANKING.K1)
    assert total == len(expected) > 0
    assert {docnum: score for score, docnum in best} == pytest.approx(expected, rel=1e-12)
    assert best == sorted(best, key=lambda hit: (-hit[0], hit[1]))


def test_an_index_made_before_pairs_answers_phrases_the_same(archive, tmp_path):
    """An index whose schema has no pairs field (made before there were pairs) looks every phrase
    up word by word: the same hits, scores and counts as an index of the same files with pairs."""
    from whoosh import index as whoosh_index

    schema = build_schema()
    schema.remove(PAIRS_FIELD)
    (tmp_path / "without").mkdir()
    whoosh_index.create_in(str(tmp_path / "without"), schema)
    indexes = {}
    for name in ("with", "without"):
        index_paths([str(archive.folder.parent / "docs")], tmp_path / name, options=IndexOptions(workers=1))
        indexes[name] = ArchiveIndex.open(tmp_path / name)
        with indexes[name].engine.searcher() as searcher:
            assert (PAIRS_FIELD in searcher.schema) == (name == "with")
    for phrase in PHRASES:
        request = SearchRequest(query=f'"{phrase}"', limit=1000)
        expected, found = indexes["with"].search(request), indexes["without"].search(request)
        assert found.total == expected.total > 0
        assert [(hit.id, hit.score) for hit in found.hits] == [(hit.id, hit.score) for hit in expected.hits]
