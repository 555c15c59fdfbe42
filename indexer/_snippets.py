"""The passages of a document that best show why it matched, with their page numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.highlight import BasicFragmentScorer, ContextFragmenter, top_fragments

from archive.document import PAGE_BREAK
from indexer.searching import Passage
from indexer._schema import FOLDED, EXACT_ANALYZER, SEARCHED_FIELDS, FoldAccents, without_possessive

_TEXT_FIELDS = set(SEARCHED_FIELDS) | {"sender", "recipient"}


@dataclass(frozen=True)
class Targets:
    """What to mark in a text: words (as indexed) and phrases that only count whole."""

    words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def targets_of(query: wq.Query, reader) -> Targets:
    """The words a query looks for, with what inflections, prefixes, wildcards and fuzzy terms
    expanded to in the index."""
    words, phrases = set(), []
    for leaf in query.leaves():
        if isinstance(leaf, wq.Phrase):
            if leaf.slop <= 1 and len(leaf.words) > 1:
                phrases.append(tuple(leaf.words))
            elif leaf.fieldname in _TEXT_FIELDS:
                words.update(leaf.words)
            continue
        terms = set(leaf.terms()) | leaf.existing_terms(reader, expand=True)
        words.update(_text(term) for fieldname, term in terms if fieldname in _TEXT_FIELDS)
    return Targets(frozenset(words), tuple(phrases))


class _Token:
    """What the fragmenter and the scorer read of a token. Whoosh's own tokens are one object
    reused along the analyzer, so keeping them means copying each (5 ms for a 2,600-character
    text, against about 1 ms for these)."""

    __slots__ = ("endchar", "matched", "startchar", "text")
    boost = 1.0

    def __init__(self, text: str, startchar: int, endchar: int, matched: bool) -> None:
        self.text, self.startchar, self.endchar, self.matched = text, startchar, endchar, matched

    def copy(self) -> _Token:
        return self  # never changed once made, so it can be shared


def _plain_word_pattern():
    """The exact analyzer's word pattern, when the analyzer is that pattern, lower-casing and
    accent folding, which ``_words`` does in one loop at half the cost; None if it ever changes."""
    parts = getattr(EXACT_ANALYZER, "items", ())
    if (len(parts) == 3 and isinstance(parts[0], RegexTokenizer) and not parts[0].gaps
            and isinstance(parts[1], LowercaseFilter) and type(parts[2]) is FoldAccents):
        return parts[0].expression
    return None


_WORD_PATTERN = _plain_word_pattern()


def _words(text: str) -> list[tuple[str, int, int]]:
    """Each word of ``text`` as the body field indexes it, with its start and end."""
    if _WORD_PATTERN is None:
        return [(t.text, t.startchar, t.endchar) for t in EXACT_ANALYZER(text, chars=True, removestops=False)]
    words = []
    for match in _WORD_PATTERN.finditer(text):
        word = match.group().lower()
        words.append((word if word.isascii() else word.translate(FOLDED), match.start(), match.end()))
    return words


def _marked_tokens(text: str, targets: Targets) -> list[_Token]:
    found = targets.words
    tokens = [_Token(word, start, end, word in found) for word, start, end in _words(text)]
    words = [token.text for token in tokens]
    # As the index has them: a possessive stands for its word too ("england's" for "england").
    bare = [without_possessive(word) for word in words]
    for phrase in targets.phrases:
        width = len(phrase)
        for start in range(len(words) - width + 1):
            if all(wanted in (words[start + place], bare[start + place]) for place, wanted in enumerate(phrase)):
                for token in tokens[start:start + width]:
                    token.matched = True
    return tokens


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


def best_passages(text: str, targets: Targets, top: int = 3, chars: int = 200) -> list[Passage]:
    """Up to ``top`` passages of ``text`` around what the query looked for, in reading order."""
    if not targets or not text:
        return []
    fragmenter = ContextFragmenter(maxchars=chars, surround=chars // 2 - 20)
    fragments = top_fragments(fragmenter.fragment_tokens(text, _marked_tokens(text, targets)), top,
                              BasicFragmentScorer(), order=lambda f: f.startchar, minscore=1)
    return [_passage(text, fragment) for fragment in fragments]


def opening_passage(text: str, chars: int = 200) -> Passage:
    """For hits found by filters alone: the document's opening lines."""
    opening = " ".join(re.sub(PAGE_BREAK, " ", text[:chars * 2]).split())
    return Passage(text=opening[:chars], page=1)


__all__ = ["Passage", "Targets", "best_passages", "opening_passage", "targets_of"]
