"""How matches are ranked: which words of the index are forms of a typed word, the BM25 weight
of a word and its forms together, and every match of a query scored at once (best_matches)."""
from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import pickle
from collections.abc import Iterator

from whoosh import formats, scoring
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching import (AndMaybeMatcher, AndNotMatcher, ConstantScoreWrapperMatcher, FilterMatcher,
                             IntersectionMatcher, NullMatcher, RequireMatcher, UnionMatcher, WrappingMatcher)
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.system import _INT_SIZE
from whoosh.util import make_weighted_tree
from whoosh.util.numeric import byte_to_length

from indexer._forms import WordForms
from indexer._ranking_weights import B, K1, WEIGHED_BY_BODY, bm25_idf
from indexer._schema import PAIRS_FIELD, paired_words



def with_forms_found(query: wq.Query, searcher) -> wq.Query:
    """The query with each plain word replaced by its forms in the whole index, weighed as one
    word. Done once per search on the top searcher: left to Whoosh, every segment would look for
    the forms again (an index fresh from `archive index` has hundreds of segments)."""
    def expand(node: wq.Query) -> wq.Query:
        if not isinstance(node, WordForms):
            return node
        forms = list(node._btexts(searcher.reader()))
        if not forms:
            return wq.NullQuery
        _weigh_as_one_word(searcher, node.fieldname, forms)
        terms = [wq.Term(node.fieldname, form.decode("utf-8"), boost=node.boost) for form in forms]
        return terms[0] if len(terms) == 1 else wq.Or(terms)
    return query.accept(expand)


def _weigh_as_one_word(searcher, fieldname: str, forms: list[bytes]) -> None:
    """Give every form the weight of the word (as Lucene's synonym query does): counted by its
    commonest form, so a rare spelling ("retrievals") does not outweigh the word itself.

    Whoosh asks the top searcher for a term's weight through a per-search cache, which is
    filled here first (whoosh3 is pinned exactly; tests/test_query.py checks the effect)."""
    weight = bm25_idf(searcher.doc_count_all(), max(_documents_with(searcher, fieldname, form) for form in forms))
    for form in forms:
        searcher._idf_cache[(fieldname, form)] = weight


def _documents_with(searcher, fieldname: str, text) -> int:
    """In how many documents a word stands, for its weight: in the body as well as in the field
    asked, so a word is as rare in a title or a name as it is in the documents (one weight per
    word across fields, as BM25F has it; a name field's own count made every ordinary word in
    an organisation's name look rare)."""
    found = searcher.doc_frequency(fieldname, text)
    if fieldname in WEIGHED_BY_BODY:
        found = max(found, searcher.doc_frequency("body", text))
    return found




class ArchiveBM25(scoring.BM25F):
    """Whoosh's BM25F (each field scored by BM25, times its boost, summed) with one weight per
    word, the usual BM25 term weight."""

    def idf(self, searcher, fieldname: str, text) -> float:
        parent = searcher.get_parent()
        return bm25_idf(parent.doc_count_all(), _documents_with(parent, fieldname, text))


RANKING = ArchiveBM25(B=B, K1=K1)


# ---- every match scored at once ----------------------------------------------------------------
#
# Whoosh collects a search one document at a time through its tree of matchers: a few Python
# calls per matcher node per document, about 12 microseconds a match, and ranking with an exact
# count has to visit every match. Here the same tree of matchers (built by Whoosh, so the same
# scorers, boosts and tree shape) is evaluated node by node instead: a word's postings are read a
# block at a time and scored from the segment's field lengths read once, and the nodes combine
# {document: score} maps with set operations. Each document gets the very sum Whoosh computes
# (the same additions in the same order), so the scores, the order of the hits and the count are
# Whoosh's own; tests/test_search_speed.py checks them against Whoosh's collector. One deliberate
# difference: an exact phrase is scored by how often it stands in a document (Whoosh adds up its
# words' scores, so "of the" ranked documents by how often they say "the"), and a phrase of
# common words is looked up by their pairs (indexer/_schema.py, COMMON_WORDS).
# Matcher kinds not listed below (proximity phrases and other position queries, inlined postings)
# are walked by Whoosh as before, one document at a time, within their node.

# How many documents a walked node steps through between two looks at the clock.
CLOCK_EVERY = 1024


def best_matches(searcher, query: wq.Query, limit: int, check_clock) -> tuple[list[tuple[float, int]], int]:
    """The ``limit`` best (score, document number) pairs of the whole index, best first (equal
    scores in document order, as Whoosh's TopCollector has them), and how many documents match.
    ``check_clock()`` is called now and then and may raise to stop the search."""
    best: list[tuple[float, int]] = []
    total = 0
    for offset, scores in _scores_by_segment(searcher, query, check_clock):
        total += len(scores)
        best = _best(best + [(score, offset + docnum) for score, docnum in _best_in(scores, limit)], limit)
    return best, total


def matching_documents(searcher, query: wq.Query, check_clock) -> list[int]:
    """The number of every document the query matches, in index order."""
    return [offset + docnum for offset, scores in _scores_by_segment(searcher, query, check_clock)
            for docnum in sorted(scores)]


def _scores_by_segment(searcher, query: wq.Query, check_clock) -> Iterator[tuple[int, dict[int, float]]]:
    # As the collector that ranked before this asked (needs_current): Whoosh then builds the
    # matchers that can be asked for the current document's score.
    context = searcher.context(needs_current=True)
    for subsearcher, offset in searcher.leaf_searchers():
        check_clock()
        yield offset, _SegmentScores(subsearcher, context, check_clock).of_query(query)


def remember_term_lookups(searcher) -> None:
    """Make each segment of the searcher look a word up in its term dictionary once. A search
    asks a segment about each word four times or more (is it there, its information for the
    scorer, for the postings, its document count for the size of a branch), and each time
    Whoosh reads the on-disk hash table again, a few small reads at a time: with forty
    segments, most of a simple search's time. A segment never changes, so what was found stays
    true for as long as its reader is open (from one search to the next: see
    indexer/engines/whoosh/open_segments.py); the answers kept are bounded (REMEMBERED_KEYS per segment).

    Likewise a field's average length: each word's scorer in each segment asks the whole index
    for it, which adds up the field's length over every segment again (segments squared)."""
    if "avg_field_length" not in vars(searcher):
        searcher.avg_field_length = functools.lru_cache(maxsize=None)(searcher.avg_field_length)
    for subsearcher, _ in searcher.leaf_searchers():
        table = getattr(getattr(subsearcher.reader(), "_terms", None), "_tindex", None)
        if table is None or "ranges_for_key" in vars(table):
            continue
        table.ranges_for_key = _remembered(table.ranges_for_key)


# Term look-ups a segment's reader keeps (a few hundred bytes each): a search asks for a few
# dozen, and a reader may serve many searches.
REMEMBERED_KEYS = 4096


def _remembered(ranges_for_key):
    """HashReader.ranges_for_key (what __contains__, __getitem__ and range_for_key ask),
    each key's answer kept (the oldest forgotten past REMEMBERED_KEYS)."""
    known: dict[bytes, list[tuple[int, int]]] = {}

    def remembered(key: bytes) -> Iterator[tuple[int, int]]:
        found = known.get(key)
        if found is None:
            if len(known) >= REMEMBERED_KEYS:
                del known[next(iter(known))]
            found = known[key] = list(ranges_for_key(key))
        return iter(found)
    return remembered


def _best_in(scores: dict[int, float], limit: int) -> list[tuple[float, int]]:
    """The ``limit`` best of one segment, without sorting all of them."""
    if len(scores) <= limit:
        return [(score, docnum) for docnum, score in scores.items()]
    floor = heapq.nlargest(limit, scores.values())[-1]
    return [(score, docnum) for docnum, score in scores.items() if score >= floor]


def _best(items: list[tuple[float, int]], limit: int) -> list[tuple[float, int]]:
    return sorted(items, key=lambda item: (-item[0], item[1]))[:limit]


class _SegmentScores:
    """The {document: score} map of a query in one segment.

    The query is evaluated node by node as Whoosh would build its matchers for it: the same
    matcher for each word, the same trees of unions and intersections (Whoosh orders their
    branches by estimated size, and adds scores in that order), the same boosts. A document
    both sides of an intersection must hold is looked for on the second side only among those
    the first side found (``within``), so a phrase of common words is checked only in the
    documents that what it is combined with leaves."""

    def __init__(self, subsearcher, context, check_clock) -> None:
        self.searcher = subsearcher
        self.reader = subsearcher.reader()
        self.context = context
        self.check_clock = check_clock
        self._lengths: dict[str, bytes] = {}
        # Each word's postings, read once: (ids, weights, encoded positions), by term.
        self._postings: dict[tuple, tuple[list[int], list[float], list[bytes] | None]] = {}

    def of_query(self, query: wq.Query, within: set[int] | None = None) -> dict[int, float]:
        """The scores of the documents the query matches (only those ``within``, if given)."""
        kind = type(query)
        if kind is wq.Or or kind is wq.And:
            return self._compound(query, within)
        if kind is wq.Require:
            required = self.of_query(query.b, within).keys()
            return self.of_query(query.a, _narrowed(within, required))
        if kind is wq.AndNot:
            kept = self.of_query(query.a, within)
            left_out = self.of_query(query.b, set(kept)).keys()
            return {docnum: score for docnum, score in kept.items() if docnum not in left_out}
        if kind is wq.AndMaybe:
            kept = self.of_query(query.a, within)
            maybe = self.of_query(query.b, set(kept))
            return {docnum: (score + maybe[docnum] if docnum in maybe else score) for docnum, score in kept.items()}
        if kind is wq.ConstantScoreQuery:
            # With a context that needs the current match (as here) Whoosh scores the child.
            return self.of_query(query.child, within)
        if query is wq.NullQuery or kind is type(wq.NullQuery):
            return {}
        if _is_exact_phrase(query):
            found = self._phrase(query, within)
            if found is not None:
                return found
        return self.of(query.matcher(self.searcher, self.context), within)

    def _compound(self, query: wq.CompoundQuery, within: set[int] | None) -> dict[int, float]:
        """And and Or as Whoosh's CompoundQuery.matcher, And._matcher and DefaultOr._matcher
        build them; any other compound (an Or of 1,024 words or more, or scaled by how many
        words match) is left to Whoosh's matchers."""
        subqueries = query.subqueries
        if not subqueries:
            return {}
        if len(subqueries) == 1:
            return self.of_query(subqueries[0], within)
        kind = type(query)
        if not (kind is wq.And or kind is wq.Or and len(subqueries) < wq.Or.TOO_MANY_CLAUSES and not query.scale):
            return self.of(query.matcher(self.searcher, self.context), within)
        if kind is wq.Or and self._unscored_terms(subqueries):
            return _boosted(self._counted_union(subqueries, within), query.boost)
        sign = -1 if kind is wq.And else 1
        branches = [(sign * subquery.estimate_size(self.reader), _Branch(subquery)) for subquery in subqueries]
        tree = make_weighted_tree(functools.partial(_Branch, kind), branches)
        return _boosted(self._branch(tree, within), query.boost)

    def _unscored_terms(self, subqueries: list) -> bool:
        """Terms of one field that is not scored (a date span's year, month and day terms): a
        document's score is then the sum of the terms' weights, whole numbers, the same in any
        order, so the union need not be built as Whoosh orders it."""
        fieldname = subqueries[0].fieldname if type(subqueries[0]) is wq.Term else None
        field = _field(self.reader.schema, fieldname) if fieldname else None
        return (field is not None and not field.scorable
                and all(type(q) is wq.Term and q.fieldname == fieldname and q.boost == 1.0 for q in subqueries))

    def _counted_union(self, terms: list, within: set[int] | None) -> dict[int, float]:
        """The union of terms in a field not scored: each term present in the segment looked up
        once and its postings read (Whoosh sizes every term to order the union, then looks each
        up again for its matcher: with forty segments, most of a date filter's time)."""
        reader, fieldname = self.reader, terms[0].fieldname
        field = reader.schema[fieldname]
        scores: dict[int, float] = {}
        for term in terms:
            btext = field.to_bytes(term.text)
            if (fieldname, btext) not in reader:
                continue
            ids, weights, _ = term_postings(_leaf(reader.postings(fieldname, btext)), with_values=False)
            for docnum, weight in zip(ids, weights):
                scores[docnum] = scores.get(docnum, 0.0) + weight
        for docnum in reader.deleted_docs_set & scores.keys():
            del scores[docnum]
        if within is not None:
            scores = {docnum: scores[docnum] for docnum in within & scores.keys()}
        return scores

    def _branch(self, branch: _Branch, within: set[int] | None) -> dict[int, float]:
        if branch.kind is None:
            return self.of_query(branch.query, within)
        if branch.kind is wq.Or:
            return _union(self._branch(branch.a, within), self._branch(branch.b, within))
        first, second = (branch.b, branch.a) if branch.b.cheaper_than(branch.a, self.reader) else (branch.a, branch.b)
        found = self._branch(first, within)
        other = self._branch(second, _narrowed(within, found.keys()))
        a, b = (other, found) if first is branch.b else (found, other)
        return _intersection(a, b)

    def of(self, matcher, within: set[int] | None = None) -> dict[int, float]:
        """The scores of the documents a tree of Whoosh matchers matches."""
        kind = type(matcher)
        if kind is UnionMatcher:
            return _union(self.of(matcher.a, within), self.of(matcher.b, within))
        if kind is IntersectionMatcher:
            return _intersection(self.of(matcher.a, within), self.of(matcher.b, within))
        if kind is RequireMatcher:
            a, b = self.of(matcher.a, within), self.of(matcher.b, within)
            return {docnum: a[docnum] for docnum in a.keys() & b.keys()}
        if kind is AndNotMatcher:
            a, b = self.of(matcher.a, within), self.of(matcher.b, within)
            return {docnum: a[docnum] for docnum in a.keys() - b.keys()}
        if kind is AndMaybeMatcher:
            a, b = self.of(matcher.a, within), self.of(matcher.b, within)
            return {docnum: (score + b[docnum] if docnum in b else score) for docnum, score in a.items()}
        if kind is WrappingMatcher:
            return _boosted(self.of(matcher.child, within), matcher.boost)
        if kind is ConstantScoreWrapperMatcher:
            return dict.fromkeys(self.of(matcher.child, within), matcher._score)
        if matcher is NullMatcher or kind is type(NullMatcher):
            return {}
        if _readable(matcher):
            return self._word(matcher, within)
        return self._walked(matcher, within)

    def _walked(self, matcher, within: set[int] | None) -> dict[int, float]:
        """Whoosh's own way: one document at a time."""
        scores = {}
        steps = 0
        while matcher.is_active():
            docnum = matcher.id()
            if within is None or docnum in within:
                scores[docnum] = matcher.score()
            matcher.next()
            steps += 1
            if steps % CLOCK_EVERY == 0:
                self.check_clock()
        return scores

    def _read(self, leaf, with_values: bool = False) -> tuple[list[int], list[float], list[bytes] | None]:
        """All of a word's postings (read once per segment: a word may stand in several places)."""
        term = leaf.term()
        if term not in self._postings or with_values and self._postings[term][2] is None:
            self._postings[term] = postings_of(leaf, with_values)
        return self._postings[term]

    def _read_within(self, leaf, within: set[int] | None) -> tuple[list[int], list[float], list[bytes]]:
        """A word's postings with their positions: all of them, or (not kept for other places)
        those of the blocks that may hold a document ``within``."""
        if within is None or (leaf.term() in self._postings and self._postings[leaf.term()][2] is not None):
            return self._read(leaf, with_values=True)
        return postings_of(leaf, with_values=True, within=sorted(within))

    def _word(self, matcher, within: set[int] | None = None) -> dict[int, float]:
        """A word's scores, its postings read a block at a time and scored as Whoosh's scorer
        scores them; deleted documents left out."""
        leaf = _leaf(matcher)
        ids, weights, _ = self._read(leaf)
        if within is not None:
            weight_of = dict(zip(ids, weights))
            ids = [docnum for docnum in within if docnum in weight_of]
            weights = [weight_of[docnum] for docnum in ids]
        scores = self._scored(leaf, ids, weights)
        if type(matcher) is FilterMatcher:
            deleted = matcher._ids
            scores = {docnum: score for docnum, score in scores.items() if docnum not in deleted}
        return scores

    def _scored(self, leaf, ids: list[int], weights: list[float]) -> dict[int, float]:
        scorer = leaf.scorer
        if type(scorer) is WeightScorer:
            return dict(zip(ids, weights))
        lengths = self._field_lengths(leaf.term()[0])
        score_of = scorer._score
        # A score depends on the word's count and the document's length byte only: computed once
        # per pair, as WeightLengthScorer.score computes it (a length byte of 0 reads as None).
        known: dict[tuple[float, int], float] = {}
        scores = {}
        for docnum, weight in zip(ids, weights):
            key = (weight, lengths[docnum] if docnum < len(lengths) else 0)
            score = known.get(key)
            if score is None:
                score = known[key] = score_of(weight, byte_to_length(key[1]) if key[1] else None)
            scores[docnum] = score
        return scores

    def _field_lengths(self, fieldname: str) -> bytes:
        """The segment's length byte of this field for every document (what
        ``doc_field_length`` reads one document at a time)."""
        if fieldname not in self._lengths:
            column = self.reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
            self._lengths[fieldname] = column._dbfile.get(column._basepos, column._count) if column else b""
        return self._lengths[fieldname]

    def _phrase(self, phrase: wq.Phrase, within: set[int] | None) -> dict[int, float] | None:
        """The documents holding the words in a row, each scored by how often they do
        (_phrase_scores), times the phrase's boost. None when this is not a phrase read here
        (Whoosh matches it then)."""
        units = self._phrase_units(phrase)
        if not units:
            return None if units is None else {}
        counts = self._times_in_a_row(units, within)
        return _boosted(self._phrase_scores(phrase, counts), phrase.boost)

    def _phrase_units(self, phrase: wq.Phrase) -> list | None:
        """The matcher of each term the phrase is looked up by, with its place in the phrase
        (phrase_terms): [] when one is not in this segment, None when the phrase is not one read
        here."""
        field = _field(self.reader.schema, phrase.fieldname)
        if field is None or not field.format or not field.format.supports("positions"):
            return None
        units = []
        for fieldname, text, place in phrase_terms(self.reader.schema, phrase):
            try:
                btext = self.reader.schema[fieldname].to_bytes(text)
            except ValueError:
                return []
            if (fieldname, btext) not in self.reader:
                return []
            units.append((wq.Term(fieldname, btext).matcher(self.searcher, self.context), place))
        return units if all(_readable(matcher) for matcher, _ in units) else None

    def _times_in_a_row(self, units: list, within: set[int] | None) -> dict[int, int]:
        """How many times the phrase stands in each document (``within``, if given; not deleted)
        that holds it. The rarest term is read first; each next one only in the blocks that may
        hold a document still in the running, and it leaves in the running only the documents
        where it stands at its place after the terms read so far (a phrase of a rare word and
        common ones reads little of the common ones). A phrase of one term (a word, or a pair of
        common words) stands in a document as often as that term: no positions to look at."""
        deleted = _deleted([matcher for matcher, _ in units])
        if len(units) == 1:
            ids, counts, _ = self._read(_leaf(units[0][0]))
            found = dict(zip(ids, counts))
            if within is not None:
                found = {docnum: found[docnum] for docnum in within & found.keys()}
            for docnum in deleted & found.keys():
                del found[docnum]
            return found
        starts: dict[int, set[int] | None] | None = None   # document: where the phrase may begin in it
        for matcher, place in sorted(units, key=lambda unit: self.reader.doc_frequency(*_leaf(unit[0]).term())):
            leaf = _leaf(matcher)
            ids, _, values = self._read_within(leaf, within if starts is None else starts.keys())
            positions_of = dict(zip(ids, values))
            if starts is None:
                starts = dict.fromkeys(positions_of.keys() - deleted if within is None
                                       else within & positions_of.keys() - deleted)
            starts = self._still_in_a_row(starts, positions_of, place, _positions_decoder(leaf.format))
        return {docnum: len(begins) for docnum, begins in starts.items()}

    def _still_in_a_row(self, starts: dict[int, set[int] | None], positions_of: dict[int, bytes], place: int,
                        decode) -> dict[int, set[int]]:
        """Of the documents' possible beginnings of the phrase (None: any), those where the term
        at ``place`` in the phrase stands at its place; documents left without one are dropped.
        A phrase of common words passes here once per document holding them all: kept to
        C-level steps per document."""
        to_beginning = (-place).__add__
        kept = {}
        for count, (docnum, begins) in enumerate(starts.items()):
            if count % CLOCK_EVERY == CLOCK_EVERY - 1:
                self.check_clock()
            value = positions_of.get(docnum)
            if value is None:
                continue
            here = map(to_beginning, decode(value)) if place else decode(value)
            if begins is None:
                kept[docnum] = set(here)
            else:
                begins = begins.intersection(here)
                if begins:
                    kept[docnum] = begins
        return kept

    def _phrase_scores(self, phrase: wq.Phrase, counts: dict[int, int]) -> dict[int, float]:
        """Each document's score for the phrase: BM25 of how often the phrase stands in it, with
        the weights of its words added up as the phrase's weight (as Lucene scores a phrase). A
        word's count in the document plays no part: "of the" should not rank a document higher
        for holding "the" a hundred times."""
        fieldname = phrase.fieldname
        if not self.reader.schema[fieldname].scorable:
            return {docnum: float(count) for docnum, count in counts.items()}
        weighting, whole_index = self.searcher.weighting, self.searcher.get_parent()
        # Through the whole index's searcher, which keeps each word's weight for the search (the
        # weight adds up the word's documents over every segment).
        weight = sum(whole_index.idf(fieldname, word) for word in phrase.words)
        average = whole_index.avg_field_length(fieldname) or 1
        b, k1 = weighting._field_B.get(fieldname, weighting.B), weighting.K1
        lengths = self._field_lengths(fieldname)
        # A score depends on the count and the document's length byte only: each pair scored once.
        known: dict[tuple[int, int], float] = {}
        scores = {}
        for docnum, count in counts.items():
            key = (count, lengths[docnum] if docnum < len(lengths) else 0)
            score = known.get(key)
            if score is None:
                score = known[key] = scoring.bm25(weight, float(count), byte_to_length(key[1]), average, b, k1)
            scores[docnum] = score
        return scores


def phrase_terms(schema, phrase: wq.Phrase) -> list[tuple[str, str, int]]:
    """The terms an exact phrase is looked up by, (field, text, place in the phrase): each two
    common words side by side as their pair, where the index has pairs (indexer/_schema.py), and
    every word not in such a pair as itself. "has said he" is ("has said", 0), ("said he", 1);
    "the back of" with "back" not a common word stays three words."""
    words = phrase.words
    common = (paired_words(schema) if phrase.fieldname == "body" else None) or frozenset()  # the body's pairs only
    pairs = [place for place in range(len(words) - 1) if words[place] in common and words[place + 1] in common]
    paired = {place for pair in pairs for place in (pair, pair + 1)}
    return sorted([(PAIRS_FIELD, f"{words[place]} {words[place + 1]}", place) for place in pairs]
                  + [(phrase.fieldname, word, place) for place, word in enumerate(words) if place not in paired],
                  key=lambda term: term[2])


class _Branch:
    """A node of the tree Whoosh's make_weighted_tree builds from (size, matcher) pairs: a
    subquery, or two branches joined by Or or And."""

    __slots__ = ("a", "b", "kind", "query")

    def __init__(self, kind, a=None, b=None) -> None:
        if isinstance(kind, wq.Query):
            kind, self.query = None, kind
        self.kind, self.a, self.b = kind, a, b

    def __lt__(self, other) -> bool:
        # Whoosh's matchers never compare less than one another: branches of equal size keep
        # their order, here as there.
        return False

    def holds_phrase(self) -> bool:
        if self.kind is None:
            return bool(_exact_phrases(self.query))
        return self.a.holds_phrase() or self.b.holds_phrase()

    def phrase_work(self, reader) -> int:
        """How many documents the branch's phrases may have to be looked for in: for each, the
        documents holding its rarest term (its other terms are read only where that one stands)."""
        if self.kind is None:
            return sum(min(reader.doc_frequency(fieldname, text)
                           for fieldname, text, _ in phrase_terms(reader.schema, phrase))
                       for phrase in _exact_phrases(self.query))
        return self.a.phrase_work(reader) + self.b.phrase_work(reader)

    def cheaper_than(self, other: _Branch, reader) -> bool:
        """Postings are cheap to read; phrases cost a look at each document's positions, so a
        branch without one goes first, and of two with phrases the one with rarer words: the
        other is then looked for only among the documents it found ("should be a" within the
        few documents naming Nalbandian, not the other way round)."""
        if not self.holds_phrase():
            return other.holds_phrase()
        return other.holds_phrase() and self.phrase_work(reader) < other.phrase_work(reader)


def _narrowed(within: set[int] | None, found) -> set[int]:
    return set(found) if within is None else within & found


def _is_exact_phrase(node: wq.Query) -> bool:
    return type(node) is wq.Phrase and node.slop == 1 and bool(node.words)


def _exact_phrases(query: wq.Query) -> list[wq.Phrase]:
    return [node for node in query.leaves() if _is_exact_phrase(node)]


def _leaf(matcher):
    return matcher.child if type(matcher) is FilterMatcher else matcher


def _readable(matcher) -> bool:
    """A word's postings on disk with a scorer read here (maybe behind a filter of deleted
    documents)."""
    if type(matcher) is FilterMatcher and not matcher._exclude:
        return False
    leaf = _leaf(matcher)
    return type(leaf) is W3LeafMatcher and type(leaf.scorer) in (BM25FScorer, WeightScorer)


def postings_of(leaf, with_values: bool, within: list[int] | None = None) -> tuple[list[int], list[float], list[bytes] | None]:
    """A word's postings, a block at a time, from the first (the matchers above a leaf may have
    moved it on already, past documents that they cannot match but another place may); with
    ``within`` (sorted), only the blocks whose range of documents holds one of those."""
    leaf.reset()
    ids, weights, values = [], [], ([] if with_values else None)
    last_of_block_before = -1
    while leaf.is_active():
        last = leaf._maxid
        if within is not None:
            first_wanted = bisect.bisect_right(within, last_of_block_before)
            last_of_block_before = last
            if first_wanted == len(within) or within[first_wanted] > last:
                leaf._next_block()   # only its header was read
                continue
        leaf._read_data()
        leaf._read_weights()
        # The block's document numbers are stored as gaps (Whoosh adds them up in a Python loop).
        ids.extend(leaf._data[0] if leaf._byteids else itertools.accumulate(leaf._data[0]))
        weights.extend(leaf._weights)
        if with_values:
            leaf._read_values()
            values.extend(leaf._values)
        leaf._next_block()
    return ids, weights, values


def term_postings(matcher, with_values: bool) -> tuple[list, list, list | None]:
    """A term's postings as (ids, weights, values): read a block at a time as searches read them
    (or, for postings kept in the term's entry, one by one)."""
    if isinstance(matcher, W3LeafMatcher):
        return postings_of(matcher, with_values)
    ids, weights, values = [], [], ([] if with_values else None)
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if with_values:
            values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def _deleted(words: list) -> set[int]:
    """The segment's deleted documents, which the words' matchers filter out (if it has any)."""
    return next((word._ids for word in words if type(word) is FilterMatcher), set())


def _union(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    merged = {**a, **b}
    for docnum in a.keys() & b.keys():
        merged[docnum] = a[docnum] + b[docnum]
    return merged


def _intersection(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    return {docnum: a[docnum] + b[docnum] for docnum in a.keys() & b.keys()}


def _boosted(scores: dict[int, float], boost: float) -> dict[int, float]:
    if boost == 1.0:
        return scores   # x * 1.0 is x
    return {docnum: score * boost for docnum, score in scores.items()}


def _field(schema, fieldname: str):
    return schema[fieldname] if fieldname in schema else None  # noqa: SIM401 (a Schema has no get)


def _positions_decoder(field_format):
    """A word's positions in a document from its encoded value, as Positions.decode_positions
    reads them (gaps after a length, pickled, ending in "."), the gaps added up in C instead of a
    Python loop; any other format decodes as Whoosh has it."""
    if type(field_format) is not formats.Positions:
        return field_format.decoder("positions")
    loads, accumulate = pickle.loads, itertools.accumulate

    def positions(value: bytes) -> Iterator[int]:
        return accumulate(loads(value[_INT_SIZE:] if value[-1:] == b"." else value[_INT_SIZE:] + b"."))
    return positions
