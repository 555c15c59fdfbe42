"""The passages of a document that best show why it matched, with their page numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh.analysis import Filter
from whoosh.highlight import BasicFragmentScorer, ContextFragmenter, top_fragments

from archive.document import PAGE_BREAK
from indexer._schema import EXACT_ANALYZER, EXACT_TWIN, NAME_ANALYZER, STEM_ANALYZER

_HIT = "\x00hit"
_STEMMED_FIELDS = set(EXACT_TWIN)
_EXACT_FIELDS = set(EXACT_TWIN.values()) | {"names", "sender", "recipient"}


@dataclass
class Passage:
    text: str
    page: int
    # (start, end) offsets of the matched words within ``text``
    matches: list[tuple[int, int]] = field(default_factory=list)


class _MarkMatches(Filter):
    """Marks a token as a hit when its exact or stemmed form is a searched term."""

    def __init__(self, exact_terms: frozenset[str], stem_terms: frozenset[str]) -> None:
        self.exact_terms = exact_terms
        self.stem_terms = stem_terms
        self.stemmer = STEM_ANALYZER[-1]

    def __call__(self, tokens):
        for token in tokens:
            exact = token.text
            if exact in self.exact_terms or self.stemmer.stemfn(exact) in self.stem_terms:
                token.text = _HIT
            yield token


def _words(terms, fields) -> frozenset[str]:
    return frozenset(text.decode("utf-8") if isinstance(text, bytes) else text
                     for fieldname, text in terms if fieldname in fields)


def _tidy(segment: str) -> str:
    """Runs of whitespace (page breaks included) become one space, at the ends too."""
    return re.sub(r"\s+", " ", segment)


def _passage(text: str, fragment) -> Passage:
    """Whitespace tidied, the page counted, match offsets kept in step with the tidied text."""
    out, matches, cursor = "", [], fragment.startchar
    for token in sorted(fragment.matches, key=lambda t: t.startchar):
        out = (out + _tidy(text[cursor:token.startchar])).lstrip()
        matches.append((len(out), len(out) + token.endchar - token.startchar))
        out += text[token.startchar:token.endchar]
        cursor = token.endchar
    out = (out + _tidy(text[cursor:fragment.endchar])).strip()
    # The page of the first matched word: a passage may begin at the foot of the page before.
    anchor = min((t.startchar for t in fragment.matches), default=fragment.startchar)
    page = text.count(PAGE_BREAK, 0, anchor) + 1
    return Passage(text=out, page=page, matches=matches)


def best_passages(text: str, terms, top: int = 3, chars: int = 200) -> list[Passage]:
    """Up to ``top`` passages of ``text`` around the query's terms, best first."""
    exact = _words(terms, _EXACT_FIELDS)
    stems = _words(terms, _STEMMED_FIELDS)
    if not (exact or stems) or not text:
        return []
    analyzer = EXACT_ANALYZER | _MarkMatches(exact, stems)
    tokens = analyzer(text, chars=True, mode="query", removestops=False)
    marked = (_matched(token) for token in tokens)
    fragmenter = ContextFragmenter(maxchars=chars, surround=chars // 2 - 20)
    fragments = top_fragments(fragmenter.fragment_tokens(text, marked), top,
                              BasicFragmentScorer(), order=lambda f: f.startchar, minscore=1)
    return [_passage(text, fragment) for fragment in fragments]


def _matched(token):
    token.matched = token.text == _HIT
    return token


def opening_passage(text: str, chars: int = 200) -> Passage:
    """For hits found by filters alone: the document's opening lines."""
    opening = " ".join(re.sub(PAGE_BREAK, " ", text[:chars * 2]).split())
    return Passage(text=opening[:chars], page=1)


__all__ = ["Passage", "best_passages", "opening_passage", "NAME_ANALYZER"]
