"""A search request answered by the Whoosh index: its query, filters, ranking, facets, suggestion."""
from __future__ import annotations

import contextlib
import gc
import time

from whoosh import query as wq
from whoosh.collectors import WrappingCollector
from whoosh.searching import ResultsPage
from whoosh.sorting import FieldFacet

from indexer._query import SUGGESTION_SHARED_LETTERS, request_filters, request_query, unknown_words, with_filters
from indexer._snippets import targets_of
from indexer.engines.whoosh.ranking import best_matches, matching_documents, remember_term_lookups, with_forms_found
from indexer.errors import QueryError
from indexer.searching import Found, SearchRequest, facet_counts, page_of

# Tries at searching while commits replace segments under the search.
SEARCH_TRIES = 20
# A search still collecting matches after this long is stopped with a one-line error (issue 6:
# any query answers or fails within a time limit; the query bounds in _query.py keep the work
# before collecting small).
SEARCH_SECONDS = 10.0


def search(engine, request: SearchRequest) -> Found:
    """The page of stored documents ``request`` asks for, how many match, what to mark in them."""
    for attempt in range(SEARCH_TRIES):
        generation = engine.generation()
        try:
            return _search_once(engine, request)
        except (TypeError, OSError):
            # Whoosh opens a segment's files when first read and deletes a merged-away
            # segment's files at the commit that merges it: a search that began just before
            # such a commit finds them gone. Search again, on the new table of contents.
            engine.open_segments.forget()
            if attempt == SEARCH_TRIES - 1 or engine.generation() == generation:
                raise
    raise AssertionError("unreachable: the last try raises")


def _search_once(engine, request: SearchRequest) -> Found:
    with _cyclic_gc_paused(), engine.open_segments.searcher() as searcher:
        remember_term_lookups(searcher)
        text_query = request_query(engine.schema, request)
        # Each plain word's forms looked up once, for the search and for the passages alike.
        with_forms = with_forms_found(text_query, searcher)
        query = with_filters(searcher.reader(), request, with_forms)
        deadline = SearchDeadline(SEARCH_SECONDS)
        page, total = _ranked(searcher, request, query, deadline)
        # Sorted by date, a hit's "score" is its sort key, not a relevance score.
        relevance = request.sort == "relevance"
        return Found(
            total=total, page=[(searcher.stored_fields(docnum), score if relevance else None) for score, docnum in page],
            targets=targets_of(with_forms, searcher.reader()),
            suggestion=_suggestion(searcher, request, text_query) if not total else None,
            facets=facet_counts(searcher.stored_fields(docnum) for docnum in matching_documents(searcher, query, deadline.check)) if request.facets else None)


def _ranked(searcher, request: SearchRequest, query: wq.Query,
            deadline: SearchDeadline) -> tuple[list[tuple[float, int]], int]:
    """The (score, document number) pairs of the page asked for, and how many match."""
    limit = request.page * request.limit
    if request.sort == "relevance":
        # Every match scored and counted at once (ranking.py): the same hits, order and count as
        # Whoosh's TopCollector, several times faster.
        best, total = best_matches(searcher, query, limit, deadline.check)
        return page_of(best, total, request.page, request.limit), total
    collector = deadline.collecting(searcher.collector(limit=limit, **_sorting(request)))
    searcher.search_with_collector(query, collector)
    results = ResultsPage(collector.results(), request.page, request.limit)
    return [(hit.score, hit.docnum) for hit in results], results.total


def _suggestion(searcher, request: SearchRequest, text_query: wq.Query) -> str | None:
    """"Did you mean": the query with its unknown words replaced by close ones in the index."""
    if not request.query.strip():
        return None
    unknown = unknown_words(text_query, searcher.reader())
    if not unknown:
        return None
    corrected = searcher.correct_query(text_query, request.query, terms=unknown, prefix=SUGGESTION_SHARED_LETTERS)
    return corrected.string if corrected.string != request.query else None


def similar(engine, doc_id: str, text: str, limit: int) -> list[tuple[dict, float]]:
    """The stored documents most like one (more-like-this on the body's key terms), with scores."""
    with engine.searcher() as searcher:
        docnum = searcher.document_number(id=doc_id)
        return [(hit.fields(), hit.score) for hit in searcher.more_like(docnum, "body", text=text, top=limit)]


def explain(engine, request: SearchRequest) -> str:
    """How the request was understood: the query Whoosh runs, filters included."""
    with engine.searcher() as searcher:
        filters = [str(f) for f in request_filters(searcher.reader(), request)]
    return " AND ".join([str(request_query(engine.schema, request))] + [f"filter {f}" for f in filters])


def _sorting(request: SearchRequest) -> dict:
    if request.sort == "relevance":
        return {}
    # Undated documents go last whichever way dates run.
    return {"sortedby": [FieldFacet("dated", reverse=True),
                         FieldFacet("date_sort", reverse=request.sort == "-date")]}


class SearchDeadline:
    """The time a search may take; ``check`` stops the search with a QueryError once it is past."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise QueryError(f"the search took longer than {self.seconds:g} s and was stopped: "
                             f"narrow it (fewer words, longer patterns, a filter)")

    def collecting(self, collector) -> WrappingCollector:
        return _DeadlineCollector(collector, self)


class _DeadlineCollector(WrappingCollector):
    """Collects as its child does, looking at the clock before each match.
    (Whoosh's TimeLimitCollector needs a timer thread, or SIGALRM, which only the main thread has.)"""

    def __init__(self, child, deadline: SearchDeadline) -> None:
        super().__init__(child)
        self.deadline = deadline

    def collect_matches(self) -> None:
        child = self.child
        for sub_docnum in child.matches():
            self.deadline.check()
            child.collect(sub_docnum)


@contextlib.contextmanager
def _cyclic_gc_paused():
    """Python's cycle collector held off for one search. A search makes hundreds of thousands of
    short-lived containers (postings, positions, scores), which reference counting frees as they
    go; the collector, started by allocation counts, kept walking them and every older object
    again (at 100,000 documents, p95 of phrases on the compacted index 118 -> 96 ms and 108 -> 78
    ms, before and after in turn). Cycles left meanwhile wait for its next run. Left off if the
    caller had turned it off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
