"""Any typed query gives results or a one-line error, with bounded work; plain words find their
inflections and nothing else."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import ArchiveIndex, SearchRequest, index_paths
from indexer._query import MAX_PATTERN_WORDS, MAX_QUERY_WORDS
from indexer.errors import QueryError

# Enough words that begin "zq" for a pattern to stand for more than the bound allows.
MANY_WORDS = MAX_PATTERN_WORDS + 50
DOCUMENTS = {
    "study.txt": "A study of the harbour.",
    "studies.txt": "Two studies of the harbour wall were studied again.",
    "informal.txt": "An informal note about the harbour.",
    "information.txt": "Information about the harbour, and more informations.",
    "wierzbicki.txt": "Minister Wierzbicki spoke at the harbour.",
    "retrieved.txt": "The papers were retrieved from the harbour office.",
    # Named apart from their words: a file's name is its title when it has no other.
    "p1.txt": "They surveyed the harbour today.",
    "p2.txt": "Their survey at harbour today.",
    "p3.txt": "Surveys and the survey, harbour.",
    "many.txt": " ".join(f"zq{n:05d}" for n in range(MANY_WORDS)),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> ArchiveIndex:
    base = tmp_path_factory.mktemp("bounds")
    folder = base / "docs"
    folder.mkdir()
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    index_paths([str(folder)], base / "index")
    return ArchiveIndex.open(base / "index")


def _found(archive: ArchiveIndex, query: str) -> set[str]:
    hits = archive.search(SearchRequest(query=query, limit=100)).hits
    return {Path(hit.path).name for hit in hits}


def test_plain_words_find_their_inflections(archive):
    assert _found(archive, "study") == {"study.txt", "studies.txt"}
    assert _found(archive, "studies") == {"study.txt", "studies.txt"}
    assert _found(archive, "retrieve") == {"retrieved.txt"}


def test_plain_words_do_not_find_other_words_that_begin_alike(archive):
    assert _found(archive, "information") == {"information.txt"}
    assert _found(archive, "informal") == {"informal.txt"}
    # A final y and i are two names, not two forms of one.
    assert _found(archive, "wierzbicky") == set()


def test_the_forms_of_a_word_weigh_as_the_word(archive):
    """A rare form ("surveyed", in one document) must not outweigh the commonest ("survey"): with
    one occurrence in documents of one length, both documents score the same."""
    hits = archive.search(SearchRequest(query="survey", limit=10)).hits
    scores = {Path(hit.path).name: hit.score for hit in hits}
    assert set(scores) == {"p1.txt", "p2.txt", "p3.txt"}
    assert scores["p1.txt"] == pytest.approx(scores["p2.txt"])  # "surveyed" once, "survey" once
    assert scores["p3.txt"] > scores["p2.txt"]  # two occurrences count more than one


def test_a_pattern_standing_for_too_many_words_is_refused_in_one_line(archive):
    with pytest.raises(QueryError, match=f"more than {MAX_PATTERN_WORDS} words"):
        archive.search(SearchRequest(query="zq*"))
    assert _found(archive, "zq0001*") == {"many.txt"}


def test_scattered_wildcards_are_answered(archive):
    assert _found(archive, "*a*b*o*r*") >= {"study.txt", "informal.txt"}
    assert _found(archive, "*") == set(DOCUMENTS)


def test_too_many_words_are_refused(archive):
    words = " OR ".join(f"w{n}" for n in range(MAX_QUERY_WORDS + 1))
    with pytest.raises(QueryError, match=f"more than {MAX_QUERY_WORDS} words"):
        archive.search(SearchRequest(query=words))
    with_harbour = sum("harbour" in text for text in DOCUMENTS.values())
    assert archive.search(SearchRequest(query=" OR ".join(["harbour"] * MAX_QUERY_WORDS))).total == with_harbour


def test_fuzzy_matching_is_bounded(archive):
    assert _found(archive, "wierzbicky~") == {"wierzbicki.txt"}
    with pytest.raises(QueryError, match="at most 2 edits"):
        archive.search(SearchRequest(query="harbour~3"))


def test_did_you_mean_skips_words_too_long_to_be_misspellings(archive):
    assert archive.search(SearchRequest(query="harbuor")).suggestion == "harbour"
    long_word = "harbour" * 500
    results = archive.search(SearchRequest(query=long_word))
    assert results.total == 0 and results.suggestion is None


QUERY_ALPHABET = st.sampled_from(list('ab zq*?~"()[]:^/-+\\\'') + ["AND", "OR", "NOT", "title:", "name:",
                                                                     "date:", "harbour", "é", "\x00"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(QUERY_ALPHABET, max_size=12).map("".join))
def test_any_typed_query_gives_results_or_a_query_error(archive, text):
    try:
        results = archive.search(SearchRequest(query=text, limit=5))
    except QueryError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert results.total >= len(results.hits)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_text_as_a_name_or_path_filter_gives_results_or_a_query_error(archive, text):
    for request in (SearchRequest(names=[text]), SearchRequest(paths=[text]), SearchRequest(senders=[text])):
        try:
            archive.search(request)
        except QueryError as error:
            assert str(error) and "\n" not in str(error)


def test_a_search_past_its_time_limit_stops_with_one_line(archive, monkeypatch):
    from indexer.engines.whoosh import search

    monkeypatch.setattr(search, "SEARCH_SECONDS", 0.0)
    with pytest.raises(QueryError, match="took longer than 0 s"):
        archive.search(SearchRequest(query="harbour"))
    monkeypatch.undo()
    assert archive.search(SearchRequest(query="harbour")).total > 0
