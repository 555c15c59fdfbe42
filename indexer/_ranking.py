"""How matches are ranked: which words of the index are forms of a typed word, and the BM25
weight of a word and its forms together."""
from __future__ import annotations

import functools
import math
from collections.abc import Iterator

from whoosh import query as wq
from whoosh import scoring
from whoosh.lang import porter2

# Shorter words match only themselves ("as" is not a form of "a"), and index words are scanned
# for forms from a beginning at least this long.
MIN_SHARED_BEGINNING = 3
# A beginning is scanned no further than this many index words (a bound on a strange lexicon).
MAX_SCANNED_FORMS = 2000
# BM25's two settings: how soon more occurrences of a word stop counting (K1), and how much a long
# document is marked down (B). The values of rank-bm25 and most IR textbooks.
K1 = 1.5
B = 0.75
# Fields whose words are also in the body (a title, the names): weighed by the body's count.
WEIGHED_BY_BODY = ("title", "names")


@functools.lru_cache(maxsize=65536)
def inflection_stem(word: str) -> str:
    """What is left of a word without its inflections: Porter2 (Snowball English) run through the
    steps that take off plurals, possessives, -ed, -ing and a final -e or -y, and none of the
    later steps that strip derivations (so "information" does not meet "informal")."""
    if len(word) <= 2:
        return word
    word = porter2.remove_initial_apostrophe(word)
    if word in porter2.exceptional_forms:
        return porter2.exceptional_forms[word]
    word = porter2.capitalize_consonant_ys(word)
    r1, r2 = porter2.get_r1(word), porter2.get_r2(word)
    word = porter2.step_1a(porter2.step_0(word))
    if word not in porter2.exceptional_early_exit_post_1a:
        word = porter2.step_5(porter2.step_1c(porter2.step_1b(word, r1)), r1, r2)
    return porter2.normalize_ys(word)


def _is_inflected(word: str) -> bool:
    """Whether the word carries an ending the stem takes off; two words that differ only in a
    final y and i (Wierzbicky, Wierzbicki) are different words, not forms of one."""
    return len(inflection_stem(word)) < len(word)


def _scanned_beginning(word: str) -> str:
    """The beginning every form of the word shares, one letter short so that "studies" meets
    "study" and "retrieving" meets "retrieve"."""
    root = inflection_stem(word)
    length = 0
    for a, b in zip(word, root):
        if a != b:
            break
        length += 1
    return word[:max(length - 1, MIN_SHARED_BEGINNING)]


def word_forms(reader, fieldname: str, word: str) -> list[str]:
    """The words in this field of the index that are forms of ``word`` (letter: letters,
    lettered; study: studies, studied), found by stem among the words that begin alike."""
    if len(word) < MIN_SHARED_BEGINNING:
        return [word] if (fieldname, word) in reader else []
    beginning, root = _scanned_beginning(word), inflection_stem(word)
    forms = []
    for count, candidate in enumerate(reader.expand_prefix(fieldname, beginning)):
        if count >= MAX_SCANNED_FORMS:
            break
        candidate = candidate.decode("utf-8") if isinstance(candidate, bytes) else candidate
        if candidate == word or (inflection_stem(candidate) == root
                                 and (_is_inflected(word) or _is_inflected(candidate))):
            forms.append(candidate)
    return forms


class WordForms(wq.MultiTerm):
    """A plain word with its inflections as they stand in the index, ranked as one word."""

    def __init__(self, fieldname: str, text: str, boost: float = 1.0) -> None:
        self.fieldname = fieldname
        self.text = text
        self.boost = boost

    def __repr__(self) -> str:
        return f"WordForms({self.fieldname!r}, {self.text!r}, boost={self.boost})"

    def __str__(self) -> str:
        return f"{self.fieldname}:<{self.text}>"

    def __eq__(self, other) -> bool:
        return (type(self) is type(other) and self.fieldname == other.fieldname
                and self.text == other.text and self.boost == other.boost)

    def __hash__(self) -> int:
        return hash((self.fieldname, self.text, self.boost))

    def _btexts(self, ixreader) -> Iterator[bytes]:
        # Not cached on the query: Whoosh hands it a different reader for each segment.
        return (form.encode("utf-8") for form in word_forms(ixreader, self.fieldname, self.text))

    def replace(self, fieldname: str, oldtext, newtext) -> wq.Query:
        if fieldname == self.fieldname and oldtext == self.text:
            return WordForms(fieldname, newtext, self.boost)
        return self


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


def bm25_idf(documents: int, found: int) -> float:
    """The usual BM25 term weight (as in Lucene): a word found in most documents weighs next to
    nothing. Whoosh's own, log(N/(n+1)) + 1, keeps such a word at a third or more of a rare
    word's weight, so that long questions full of common words ranked by their common words."""
    return math.log(1 + (documents - found + 0.5) / (found + 0.5))


class ArchiveBM25(scoring.BM25F):
    """Whoosh's BM25F (each field scored by BM25, times its boost, summed) with one weight per
    word, the usual BM25 term weight."""

    def idf(self, searcher, fieldname: str, text) -> float:
        parent = searcher.get_parent()
        return bm25_idf(parent.doc_count_all(), _documents_with(parent, fieldname, text))


RANKING = ArchiveBM25(B=B, K1=K1)
