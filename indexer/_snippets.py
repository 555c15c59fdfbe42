"""The passages of a document that best show why it matched, with their page numbers."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
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


class _Words:
    """The words of a text as the body field indexes them, each read when first asked for.

    A passage needs the few words around what matched, not all of a long text's: making every
    word and token of a document took most of a search's time (10 hits, 3,000 characters each).
    Where each word lies is found at once (one regex pass); what it says, and whether it matches,
    only for the words a plain substring search of the text, lower-cased and folded in place,
    points to (see _folded_in_place); a text that cannot be folded in place has every word read."""

    def __init__(self, text: str) -> None:
        self.text = text
        if _WORD_PATTERN is None:
            tokens = EXACT_ANALYZER(text, chars=True, removestops=False)
            self.spans, self._read = [], {}
            for number, token in enumerate(tokens):
                self.spans.append((token.startchar, token.endchar))
                self._read[number] = token.text
        else:
            self.spans = [match.span() for match in _WORD_PATTERN.finditer(text)]
            self._read = {}
        self.starts = [start for start, _ in self.spans]

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, number: int) -> str:
        word = self._read.get(number)
        if word is None:
            start, end = self.spans[number]
            word = self.text[start:end].lower()
            self._read[number] = word = word if word.isascii() else word.translate(FOLDED)
        return word

    def holding(self, wanted: set[str]) -> Iterable[int]:
        """The words that may be one of ``wanted`` (or its possessive): at least every one that is."""
        folded = _folded_in_place(self.text) if _WORD_PATTERN is not None else None
        if folded is None:
            return range(len(self))
        found = set()
        for target in wanted:
            at = folded.find(target)
            while at >= 0:
                number = bisect_right(self.starts, at) - 1
                if number >= 0 and at < self.spans[number][1]:
                    found.add(number)
                at = folded.find(target, at + 1)
        return sorted(found)


def _folded_in_place(text: str) -> str | None:
    """The text lower-cased and accent-folded character for character, so that each word's
    indexed form stands where the word does; None where lower-casing moves characters: a few
    letters become two ('İ'), and 'Σ' becomes one of two letters by what stands beside it."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    if len(lowered) != len(text) or "Σ" in text:
        return None
    return lowered.translate(FOLDED)  # one character for one (tests/test_snippets.py checks it)


def _is(words: _Words, number: int, wanted: str) -> bool:
    """The word is ``wanted``, or its possessive (as the index has it: "england's" for "england")."""
    word = words[number]
    return word == wanted or without_possessive(word) == wanted


def _matched(words: _Words, targets: Targets) -> list[int]:
    """The words to mark, in order: the targets' words, and every word of each phrase found whole."""
    wanted = set(targets.words).union(*targets.phrases)
    candidates = words.holding(wanted)
    matched = {number for number in candidates if words[number] in targets.words}
    for phrase in targets.phrases:
        # Every place the phrase holds its longest word: what the substring search finds fewest of.
        anchor = max(phrase, key=len)
        places = [place for place, word in enumerate(phrase) if word == anchor]
        for number in candidates:
            if not _is(words, number, anchor):
                continue
            for place in places:
                first = number - place
                if 0 <= first <= len(words) - len(phrase) and all(
                        _is(words, first + offset, word) for offset, word in enumerate(phrase)):
                    matched.update(range(first, first + len(phrase)))
    return sorted(matched)


def _around(words: _Words, matched: list[int], surround: int) -> list[range]:
    """The runs of words a ContextFragmenter must see to make, from them alone, the fragments it
    makes from every word of the text. Before a match it keeps the words that start within
    ``surround`` characters of the word before the match; after one it closes the fragment once
    the words since (the match included) hold ``surround`` characters, twice that when no word
    stood before the match to give it context. Words outside every run only pass through its
    queue of recent words, and leave it before the next match."""
    runs: list[range] = []
    for number in matched:
        first = 0
        if number > 0:
            first = max(0, bisect_right(words.starts, words.spans[number - 1][1] - surround) - 1)
        last, held = number, 0
        while last < len(words) - 1 and held < 2 * surround:
            held += words.spans[last][1] - words.spans[last][0]
            last += 1
        if runs and first <= runs[-1].stop:
            runs[-1] = range(runs[-1].start, max(runs[-1].stop, last + 1))
        else:
            runs.append(range(first, last + 1))
    return runs


def _marked_tokens(text: str, targets: Targets, surround: int) -> list[_Token]:
    words = _Words(text)
    matched = _matched(words, targets)
    marked = set(matched)
    # Whoosh's fragmenter and scorer read the words of matched tokens only.
    return [_Token(words[number] if number in marked else "", *words.spans[number], number in marked)
            for run in _around(words, matched, surround) for number in run]


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
    tokens = _marked_tokens(text, targets, fragmenter.surround)
    fragments = top_fragments(fragmenter.fragment_tokens(text, tokens), top,
                              BasicFragmentScorer(), order=lambda f: f.startchar, minscore=1)
    return [_passage(text, fragment) for fragment in fragments]


def opening_passage(text: str, chars: int = 200) -> Passage:
    """For hits found by filters alone: the document's opening lines."""
    opening = " ".join(re.sub(PAGE_BREAK, " ", text[:chars * 2]).split())
    return Passage(text=opening[:chars], page=1)


__all__ = ["Passage", "Targets", "best_passages", "opening_passage", "targets_of"]
