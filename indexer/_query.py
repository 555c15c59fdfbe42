"""From what a user typed to a query: the query language, names, dates and kinds.

Queries are trees of Whoosh's query classes (its public API): the Whoosh engine runs them, and
other engines translate them. Where the index must be asked (which years it holds, a pattern's
words), ``reader`` is a Whoosh IndexReader or an engine's stand-in for one."""
from __future__ import annotations

import copy
import re

from whoosh import query as wq
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup
from whoosh.qparser.plugins import FieldAliasPlugin, FuzzyTermPlugin

from archive.document import DateSpan, PartialDate
from indexer._forms import WordForms
from indexer._schema import INFLECTED_FIELDS, NAME_ANALYZER, SEARCHED_FIELDS, UNDATED, span_tokens
from indexer.errors import QueryError
from indexer.searching import SearchRequest

# --name: a full-name match outweighs a surname-only one, which outweighs the name in the text alone.
FULL_NAME_BOOST = 3.0
TEXT_NAME_BOOST = 0.5
# What users may name before a colon, and the field each means.
FIELD_ALIASES = {"names": ["name"], "type": ["kind"]}
QUERYABLE_FIELDS = {"title", "body", "names", "name", "sender", "recipient", "type", "kind",
                    "format", "path"}
_FIELD_PREFIX = re.compile(r"(?:^|[\s(])([A-Za-z_]+):(?=\S)")
# Bounds that keep any typed query to a bounded amount of work (issue 6): a pattern may stand for
# this many index words, a question may have this many words, fuzzy matching this many edits.
MAX_PATTERN_WORDS = 1000
MAX_QUERY_WORDS = 1000
MAX_FUZZY_EDITS = 2
# "Did you mean" looks at this many unknown words of up to this many letters, among the index
# words that begin with the same letter (each candidate costs an edit-distance computation).
MAX_CORRECTED_WORDS = 5
MAX_CORRECTED_LENGTH = 30
SUGGESTION_SHARED_LETTERS = 1
_QUERY_WORD = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_DANGLING_OPERATOR = re.compile(r"(?:^|\s)(AND|OR|NOT|ANDNOT|ANDMAYBE)\s*\)?\s*$|^\s*(AND|OR|ANDNOT|ANDMAYBE)\s")


def word_query(fieldname: str, text: str, boost: float = 1.0) -> wq.Query:
    """A plain word: with its inflections in the text fields, as written in the others."""
    if fieldname in INFLECTED_FIELDS:
        return WordForms(fieldname, text, boost=boost)
    return wq.Term(fieldname, text, boost=boost)


# With --any, documents with more of the words still rank first.
ANY_WORDS_GROUP = OrGroup.factory(0.9)


def make_parser(schema, any_words: bool = False) -> MultifieldParser:
    """Whoosh's query language; plain words must all match, or (``any_words``) any of them."""
    parser = MultifieldParser(list(SEARCHED_FIELDS), schema, fieldboosts=SEARCHED_FIELDS,
                              group=ANY_WORDS_GROUP if any_words else AndGroup, termclass=word_query)
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
    return parser


def check_syntax(text: str) -> None:
    """Refuse what Whoosh would otherwise quietly read as a different query."""
    if text.count('"') % 2:
        raise QueryError('unclosed quote: every " needs a partner')
    depth = 0
    for char in re.sub(r'"[^"]*"', "", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError("a ')' has no matching '('")
    if depth:
        raise QueryError("a '(' is never closed")
    if match := _DANGLING_OPERATOR.search(text):
        raise QueryError(f"{(match.group(1) or match.group(2))} needs a search term on both sides")
    for field in _FIELD_PREFIX.findall(re.sub(r'"[^"]*"', "", text)):
        if field.lower() not in QUERYABLE_FIELDS:
            known = ", ".join(sorted(QUERYABLE_FIELDS))
            raise QueryError(f"unknown field '{field}:' (fields: {known})")


def parse_text_query(parser: MultifieldParser, text: str) -> wq.Query:
    check_syntax(text)
    if sum(word not in _OPERATORS for word in _QUERY_WORD.findall(text)) > MAX_QUERY_WORDS:
        raise QueryError(f"the query has more than {MAX_QUERY_WORDS} words: shorten it")
    try:
        parsed = parser.parse(text)
    except Exception as error:  # Whoosh reports grammar problems with several exception types
        raise QueryError(f"cannot read the query: {error}") from None
    if parsed is wq.NullQuery or isinstance(parsed, type(wq.NullQuery)):
        raise QueryError("the query has no words to search for")
    return parsed.accept(_bounded)


class _BoundedPattern:
    """A pattern (commit*, *a*b*, Blunket~) that refuses to stand for more than
    MAX_PATTERN_WORDS words of the index, instead of running a query of a million words."""

    def _btexts(self, ixreader):
        for count, btext in enumerate(super()._btexts(ixreader)):
            if count >= MAX_PATTERN_WORDS:
                raise QueryError(f"'{self.text}' matches more than {MAX_PATTERN_WORDS} words in the "
                                 f"index: make it more precise")
            yield btext


class BoundedWildcard(_BoundedPattern, wq.Wildcard):
    pass


class BoundedPrefix(_BoundedPattern, wq.Prefix):
    pass


class BoundedFuzzyTerm(_BoundedPattern, wq.FuzzyTerm):
    pass


def unknown_words(query: wq.Query, reader) -> list[tuple[str, str]]:
    """The query's plain body words that the index does not have, as "did you mean" should try
    them: a few, and none so long that comparing it with the index's words would take long."""
    tokens = list(query.all_tokens())
    # A word Whoosh split out of a longer one ("aa[a") has no place in the query to put a
    # correction; Whoosh corrects every occurrence of a word, so such a word is left alone
    # wherever it stands ("a[OR()OR").
    unplaced = {(token.fieldname, token.text) for token in tokens if token.startchar is None}
    unknown = [(token.fieldname, token.text) for token in tokens
               if token.fieldname == "body" and (token.fieldname, token.text) not in unplaced
               and len(token.text) <= MAX_CORRECTED_LENGTH
               and (token.fieldname, token.text) not in reader]
    return unknown[:MAX_CORRECTED_WORDS]


def _bounded(node: wq.Query) -> wq.Query:
    if isinstance(node, wq.Every) and node.fieldname:
        return wq.Every(boost=node.boost)  # "*": every document, not every word of every field
    if isinstance(node, wq.FuzzyTerm) and node.maxdist > MAX_FUZZY_EDITS:
        raise QueryError(f"'{node.text}~{node.maxdist}': fuzzy matching allows at most "
                         f"{MAX_FUZZY_EDITS} edits")
    for plain, bounded in ((wq.Wildcard, BoundedWildcard), (wq.Prefix, BoundedPrefix),
                           (wq.FuzzyTerm, BoundedFuzzyTerm)):
        if type(node) is plain:
            # The same node (with where it stood in the query, for "did you mean"), bounded.
            node = copy.copy(node)
            node.__class__ = bounded
    return node


def _name_words(name: str, option: str) -> list[str]:
    words = [token.text for token in NAME_ANALYZER(name) if token.text != "|"]
    if not words:
        raise QueryError(f"--{option} {name!r} has no letters or digits to match")
    return words


def _words_query(field: str, words: list[str], boost: float = 1.0) -> wq.Query:
    if len(words) == 1:
        return wq.Term(field, words[0], boost=boost)
    return wq.Phrase(field, words, boost=boost)


def name_query(name: str) -> wq.Query:
    """Documents naming this person or organisation, however they write it: the full name ranks
    first, then the surname alone ("Mr MacShane"), then the full name standing in the text where
    the name rules missed it."""
    words = _name_words(name, "name")
    if len(words) == 1:
        return wq.Term("names", words[0])
    return wq.Or([_words_query("names", words, boost=FULL_NAME_BOOST),
                  wq.Term("names", words[-1]),
                  _words_query("body", words, boost=TEXT_NAME_BOOST)])


def party_query(name: str, field: str) -> wq.Query:
    """The sender or recipient of a letter, however much of the name it uses."""
    return _words_query(field, _name_words(name, field))


def path_query(patterns: list[str]) -> wq.Query:
    """Files whose path matches one of the shell-style patterns; a relative pattern may match
    anywhere in the path ("letters/*.pdf" finds /home/me/archive/letters/x.pdf)."""
    return wq.Or([BoundedWildcard("path", pattern if pattern.startswith("/") else "*" + pattern)
                  for pattern in patterns])


def kind_query(kinds: list[str]) -> wq.Query:
    return wq.Or([wq.Term("type", kind) for kind in kinds])


def date_query(field: str, start, end, known_years: list[int]) -> wq.Query:
    tokens = span_tokens(start, end, known_years)
    if not tokens:
        return wq.NullQuery
    return wq.Or([wq.Term(field, token) for token in tokens])


# ---- a whole request as one query: the words asked for, then the filters ----------------------
def request_query(schema, request: SearchRequest) -> wq.Query:
    """The words, phrases, names, senders and recipients asked for, as one Whoosh query."""
    parts = []
    if request.query.strip():
        parts.append(parse_text_query(make_parser(schema, request.any_words), request.query))
    parts.extend(name_query(name) for name in request.names)
    parts.extend(party_query(name, "sender") for name in request.senders)
    parts.extend(party_query(name, "recipient") for name in request.recipients)
    if not parts:
        return wq.Every()
    return parts[0] if len(parts) == 1 else wq.And(parts)


def with_filters(reader, request: SearchRequest, text_query: wq.Query) -> wq.Query:
    """The query with the request's filters (kinds, formats, paths, dates) ANDed in, scoreless."""
    return filtered(text_query, request_filters(reader, request))


def request_filters(reader, request: SearchRequest) -> list[wq.Query]:
    """The request's filters; ``reader`` answers which years the index holds (an open date span
    reaches the first or last of them)."""
    filters = []
    if request.kinds:
        filters.append(kind_query(request.kinds))
    if request.formats:
        filters.append(wq.Or([wq.Term("format", fmt) for fmt in request.formats]))
    if request.paths:
        filters.append(path_query(request.paths))
    span = request.date_span
    if span and (span.start or span.end):
        dated = _span_filter(reader, "date_terms", span)
        filters.append(wq.Or([dated, wq.Term("date_terms", UNDATED)]) if request.undated else dated)
    if request.mentions and (request.mentions.start or request.mentions.end):
        filters.append(_span_filter(reader, "mentions", request.mentions))
    return filters


def filtered(query: wq.Query, filters: list[wq.Query]) -> wq.Query:
    # Filters are ANDed in with no score: the intersection skips through the
    # smaller side instead of materialising every document in a date range.
    if not filters:
        return query
    if isinstance(query, wq.Every):
        # Filters alone: walk only the documents they match, not every document in the index.
        return wq.ConstantScoreQuery(filters[0] if len(filters) == 1 else wq.And(filters), 1.0)
    # Require scores by the query alone (a ConstantScoreQuery of 0.0 still scored: Whoosh reads a
    # zero weight as "none given" and uses the filter's own).
    return wq.Require(query, filters[0] if len(filters) == 1 else wq.And(filters))


def _span_filter(reader, fieldname: str, span: DateSpan) -> wq.Query:
    """Dates in ``fieldname`` overlapping ``span``; an open end reaches the index's first or last year."""
    years = sorted(int(term[1:]) for term in _terms(reader, fieldname, "y"))
    start = span.start or PartialDate(years[0] if years else 1).first_day
    end = span.end or PartialDate(years[-1] if years else 9999).last_day
    return date_query(fieldname, start, end, years)


def _terms(reader, fieldname: str, prefix: str) -> list[str]:
    return [t.decode("utf-8") if isinstance(t, bytes) else t
            for t in reader.expand_prefix(fieldname, prefix)]
