"""A search request answered by the tantivy index: the archive's query tree (indexer/_query.py)
translated node by node into tantivy's queries, with the index's own words looked up where the
tree needs them (a word's forms, a pattern's words, the years for a date span, did-you-mean)."""
from __future__ import annotations

from functools import cached_property
from itertools import pairwise

import tantivy
from whoosh import query as wq
from whoosh.spelling import ReaderCorrector, SimpleQueryCorrector
from whoosh.support.levenshtein import damerau_levenshtein

from indexer._forms import WordForms, word_forms
from indexer._query import SUGGESTION_SHARED_LETTERS, request_query, unknown_words, with_filters
from indexer._ranking_weights import WEIGHED_BY_BODY, bm25_idf
from indexer._schema import COMMON_WORDS, PAIRS_FIELD, build_schema
from indexer._snippets import targets_of
from indexer.engines.tantivy import engine as tantivy_engine
from indexer.errors import QueryError
from indexer.searching import Found, SearchRequest, facet_counts, page_of

# The Whoosh schema stands for the archive's fields where the query language needs it (which
# fields exist, how a typed word is analysed); the index itself is tantivy's.
QUERY_SCHEMA = build_schema()
MAX_EDITS = 2


class IndexWords:
    """The words a tantivy index holds, asked for as the query tree asks a Whoosh IndexReader
    (which words begin so, is this word there, how many documents hold it)."""

    schema = QUERY_SCHEMA

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self.searcher = searcher

    def __contains__(self, term: tuple[str, str | bytes]) -> bool:
        return self.doc_frequency(*term) > 0

    def doc_frequency(self, fieldname: str, text: str | bytes) -> int:
        text = text.decode("utf-8") if isinstance(text, bytes) else text
        return self.searcher.doc_freq(fieldname, text)

    frequency = doc_frequency  # what did-you-mean ranks suggestions by

    def documents_with(self, fieldname: str, text: str) -> int:
        """A word's count for its weight, as the Whoosh engine's ranking has it: in the body as
        well as in a title or name field."""
        found = self.doc_frequency(fieldname, text)
        return max(found, self.doc_frequency("body", text)) if fieldname in WEIGHED_BY_BODY else found

    def doc_count_all(self) -> int:
        return self.searcher.num_docs

    def expand_prefix(self, fieldname: str, prefix: str) -> list[bytes]:
        """The field's words that begin with ``prefix``, in order, as Whoosh gives them (bytes)."""
        return sorted(term.encode("utf-8") for term, _ in self.searcher.terms_with_prefix(fieldname, prefix))

    def lexicon(self, fieldname: str) -> list[bytes]:
        return self.expand_prefix(fieldname, "")

    def terms_within(self, fieldname: str, text: str, maxdist: int, prefix: int = 0) -> list[str]:
        return [term.decode("utf-8") for term in self.expand_prefix(fieldname, text[:prefix])
                if damerau_levenshtein(term.decode("utf-8"), text, maxdist + 1) <= maxdist]


class Translation:
    """One query tree as a tantivy query, its plain words replaced by their forms in the index."""

    def __init__(self, schema: tantivy.Schema, words: IndexWords) -> None:
        self.schema = schema
        self.words = words
        self._counted_as: dict[tuple[str, str], int] = {}  # a form's documents, as its word's

    def forms_found(self, query: wq.Query) -> wq.Query:
        """Each plain word as its forms in the index (none: no match), each form counted as its
        commonest one, as the Whoosh engine does (see _weight)."""
        def expand(node: wq.Query) -> wq.Query:
            if not isinstance(node, WordForms):
                return node
            forms = word_forms(self.words, node.fieldname, node.text)
            if not forms:
                return wq.NullQuery
            word_found = max(self.words.documents_with(node.fieldname, form) for form in forms)
            for form in forms:
                self._counted_as[(node.fieldname, form)] = word_found
            terms = [wq.Term(node.fieldname, form, boost=node.boost) for form in forms]
            return terms[0] if len(terms) == 1 else wq.Or(terms)
        return query.accept(expand)

    def _weight(self, fieldname: str, text: str) -> float:
        """The boost that gives a term its weight in the archive's ranking (indexer/_ranking_weights.py,
        as the Whoosh engine ranks): BM25's term weight, counted in the body too for a title or name
        word, and a form of a word by the word's commonest form. tantivy weighs each term by its
        own count in its own field; the boost is the ratio of the two weights."""
        documents = self.words.doc_count_all()
        own = bm25_idf(documents, self.words.doc_frequency(fieldname, text))
        counted = self._counted_as.get((fieldname, text)) or self.words.documents_with(fieldname, text)
        return bm25_idf(documents, counted) / own if own else 1.0

    def query(self, node: wq.Query) -> tantivy.Query:
        translated = self._node(node)
        boost = getattr(node, "boost", 1.0)
        return translated if boost == 1.0 else tantivy.Query.boost_query(translated, boost)

    def _node(self, node: wq.Query) -> tantivy.Query:
        if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
            return tantivy.Query.empty_query()
        if isinstance(node, wq.Every):
            return tantivy.Query.all_query()
        if isinstance(node, wq.Phrase):
            return self._phrase(node)
        if isinstance(node, wq.Term):
            term = tantivy.Query.term_query(self.schema, node.fieldname, node.text)
            if node.fieldname not in tantivy_engine.POSITIONED:  # a filter's term: its score is unused
                return term
            return tantivy.Query.boost_query(term, self._weight(node.fieldname, node.text))
        if isinstance(node, wq.MultiTerm):  # a prefix, wildcard or fuzzy word: its words in the index
            texts = [text.decode("utf-8") if isinstance(text, bytes) else text for text in node._btexts(self.words)]
            return self._any([tantivy.Query.term_query(self.schema, node.fieldname, text) for text in texts])
        return self._compound(node)

    def _compound(self, node: wq.Query) -> tantivy.Query:
        must, should, must_not = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot
        if isinstance(node, wq.ConstantScoreQuery):
            return tantivy.Query.const_score_query(self.query(node.child), node.score)
        if isinstance(node, wq.And):
            return tantivy.Query.boolean_query([(must, self.query(sub)) for sub in node.subqueries])
        if isinstance(node, wq.Or):
            return self._any([self.query(sub) for sub in node.subqueries])
        if isinstance(node, wq.Not):
            return tantivy.Query.boolean_query([(must, tantivy.Query.all_query()), (must_not, self.query(node.query))])
        if isinstance(node, wq.AndNot):
            return tantivy.Query.boolean_query([(must, self.query(node.a)), (must_not, self.query(node.b))])
        if isinstance(node, wq.AndMaybe):
            return tantivy.Query.boolean_query([(must, self.query(node.a)), (should, self.query(node.b))])
        if isinstance(node, wq.Require):  # scored by the first part alone, the second a filter
            return tantivy.Query.boolean_query([(must, self.query(node.a)),
                                                (must, tantivy.Query.const_score_query(self.query(node.b), 0.0))])
        raise QueryError(f"the tantivy engine cannot run this part of the query yet: {node}")

    def _phrase(self, node: wq.Phrase) -> tantivy.Query:
        words = list(node.words)
        if node.fieldname == "body" and node.slop <= 1 and len(words) > 1 and COMMON_WORDS.issuperset(words):
            # Common words alone ("he said", "be at the") are in nearly every document: their pairs
            # are far fewer (the body_pairs field, as the Whoosh engine's), each at its first word.
            pairs = [f"{first} {second}" for first, second in pairwise(words)]
            if len(pairs) == 1:
                return tantivy.Query.term_query(self.schema, PAIRS_FIELD, pairs[0])
            return tantivy.Query.phrase_query(self.schema, PAIRS_FIELD, pairs, 0)
        # Whoosh's slop counts the step to the next word (1: side by side); tantivy's the gaps.
        return tantivy.Query.phrase_query(self.schema, node.fieldname, words, max(node.slop - 1, 0))

    @staticmethod
    def _any(queries: list[tantivy.Query]) -> tantivy.Query:
        if not queries:
            return tantivy.Query.empty_query()
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, query) for query in queries])


class TantivySearch:
    """One request against one committed state of the index."""

    def __init__(self, engine, request: SearchRequest) -> None:
        self.engine = engine
        self.request = request
        self.searcher = engine._searcher()
        self.words = IndexWords(self.searcher)
        self.translation = Translation(engine._index.schema, self.words)

    @cached_property
    def text_query(self) -> wq.Query:
        return request_query(QUERY_SCHEMA, self.request)

    @cached_property
    def tree(self) -> wq.Query:
        """The whole request as a query tree: words with their forms found, filters ANDed in."""
        return with_filters(self.words, self.request, self.translation.forms_found(self.text_query))

    def found(self) -> Found:
        request = self.request
        query = self.translation.query(self.tree)
        limit = request.page * request.limit
        if request.sort == "relevance":
            result = self.searcher.search(query, limit=limit)
            best = [(score, address) for score, address in result.hits]
            page = page_of(best, result.count, request.page, request.limit)
            total = result.count
        else:
            page, total = self._by_date(query, limit)
        relevance = request.sort == "relevance"
        return Found(total=total,
                     page=[(tantivy_engine.stored_fields(self.searcher.doc(address)), score if relevance else None) for score, address in page],
                     targets=targets_of(self.translation.forms_found(self.text_query), self.words),
                     suggestion=self._suggestion() if not total else None,
                     facets=facet_counts(self._all_stored(query, total)) if request.facets else None)

    def _by_date(self, query: tantivy.Query, limit: int) -> tuple[list, int]:
        """Dated documents by date (oldest or newest first), then the undated ones."""
        descending = self.request.sort == "-date"
        order = tantivy.Order.Desc if descending else tantivy.Order.Asc
        dated = tantivy.Query.term_query(self.engine._index.schema, "dated", 1)
        must = tantivy.Occur.Must
        in_order = self.searcher.search(tantivy.Query.boolean_query([(must, query), (must, dated)]), limit=limit,
                                        order_by_field="date_sort", order=order)
        rest = self.searcher.search(tantivy.Query.boolean_query([(must, query), (tantivy.Occur.MustNot, dated)]),
                                    limit=limit)
        best = [(key, address) for key, address in in_order.hits] + [(0, address) for _, address in rest.hits]
        total = in_order.count + rest.count
        return page_of(best, total, self.request.page, self.request.limit), total

    def _all_stored(self, query: tantivy.Query, total: int):
        if not total:
            return
        for _, address in self.searcher.search(query, limit=total, count=False).hits:
            yield tantivy_engine.stored_fields(self.searcher.doc(address))

    def _suggestion(self) -> str | None:
        """"Did you mean": the query with its unknown words replaced by close ones in the index."""
        if not self.request.query.strip():
            return None
        unknown = unknown_words(self.text_query, self.words)
        if not unknown:
            return None
        correctors = {"body": ReaderCorrector(self.words, "body", QUERY_SCHEMA["body"])}
        corrected = SimpleQueryCorrector(correctors, unknown, maxdist=MAX_EDITS,
                                         prefix=SUGGESTION_SHARED_LETTERS).correct_query(self.text_query,
                                                                                         self.request.query)
        return corrected.string if corrected.string != self.request.query else None


def search(engine, request: SearchRequest) -> Found:
    return TantivySearch(engine, request).found()


def explain(engine, request: SearchRequest) -> str:
    return str(TantivySearch(engine, request).tree)
