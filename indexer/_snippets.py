"""The passages of a document that best show why it matched, with their page numbers."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
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
    accent folding, which ``_read_words`` does in one loop at half the cost; None if it ever changes."""
    parts = getattr(EXACT_ANALYZER, "items", ())
    if (len(parts) == 3 and isinstance(parts[0], RegexTokenizer) and not parts[0].gaps
            and isinstance(parts[1], LowercaseFilter) and type(parts[2]) is FoldAccents):
        return parts[0].expression
    return None


_WORD_PATTERN = _plain_word_pattern()


# Words as (word as indexed, start, end).
_Word = tuple[str, int, int]


@dataclass
class _Stretch:
    """Consecutive words of a text, and whether they open and close it."""

    words: list[_Word]
    opens: bool
    closes: bool


def _read_words(text: str, start: int = 0, end: int | None = None) -> list[_Word]:
    """The words of ``text[start:end]`` as the body field indexes them; ``start`` and ``end`` lie
    where no word does (see _regions). Where the analyzer is not its plain pattern, the whole text
    is read (_stretches asks for no less then)."""
    if _WORD_PATTERN is None:
        return [(t.text, t.startchar, t.endchar) for t in EXACT_ANALYZER(text, chars=True, removestops=False)]
    words = []
    for match in _WORD_PATTERN.finditer(text, start, len(text) if end is None else end):
        word = match.group().lower()
        words.append((word if word.isascii() else word.translate(FOLDED), match.start(), match.end()))
    return words


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


def _places(folded: str, wanted: set[str]) -> list[int]:
    """Every place one of ``wanted`` stands in the folded text, inside a word or not: at least
    every word that is one of them (or its possessive) holds one."""
    places = []
    for target in wanted:
        at = folded.find(target)
        while at >= 0:
            places.append(at)
            at = folded.find(target, at + 1)
    return sorted(places)


def _regions(text: str, places: list[int], before: int, after: int) -> list[tuple[int, int]]:
    """Stretches of text around the places, merged where they meet, each widened to a space (no
    word holds one, so reading words from there finds the words a whole reading finds)."""
    regions: list[tuple[int, int]] = []
    for place in places:
        start = max(0, text.rfind(" ", 0, max(0, place - before)))
        end = text.find(" ", place + after)
        end = len(text) if end < 0 else end
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((start, end))
    return regions


def _enough(stretch: _Stretch, places: list[int], reach: int, surround: int) -> bool:
    """Whether the fragmenter, given these words alone, makes the fragments it makes from all of
    the text's. Words before the first match only pass through its queue of context, and words
    after the last once its fragment has closed: so around the words holding ``places`` it needs
    ``reach`` words either side (a phrase's other words); before those, a word starting
    ``surround`` characters before the word ahead of them ends (its context queue is then as over
    the whole text); after them, words of 2 * ``surround`` characters (by then the fragment has
    closed: see ContextFragmenter.fragment_tokens)."""
    words = stretch.words
    starts = [start for _, start, _ in words]
    # The words the places fall in (a place between words is no word's).
    holding = [at for at, place in zip((bisect_right(starts, place) - 1 for place in places), places)
               if at >= 0 and place < words[at][2]]
    if not holding:
        return True
    first, last = holding[0] - reach, holding[-1] + reach
    if not stretch.opens and (first < 1 or words[0][1] > words[first - 1][2] - surround):
        return False
    return stretch.closes or (last < len(words) and sum(end - start for _, start, end in words[last:]) >= 2 * surround)


def _stretches(text: str, folded: str | None, wanted: set[str], reach: int, surround: int,
               reading: tuple[int, int]) -> list[_Stretch]:
    """The words a passage can be made of: around each place one of ``wanted`` stands in the
    folded text, enough of them (see _enough: ``reach`` is how many words a phrase's other words
    may lie away), or all of the text's where it cannot be folded in place. Reading every word of
    a long text took most of a search's time; a passage needs the few around what matched.
    ``reading``: the characters read before and after each place at first."""
    if folded is None:
        return [_Stretch(_read_words(text), opens=True, closes=True)]
    places = _places(folded, wanted)
    before, after = reading
    while True:
        stretches = []
        for start, end in _regions(text, places, before, after):
            stretch = _Stretch(_read_words(text, start, end), opens=start == 0, closes=end == len(text))
            stretches.append(stretch)
            inside = places[bisect_left(places, start):bisect_left(places, end)]
            if not _enough(stretch, inside, reach, surround):
                break
        else:
            return stretches
        before, after = 2 * before + 1, 2 * after + 1  # long gaps between words: read further


def _is(word: str, wanted: str) -> bool:
    """The word is ``wanted``, or its possessive (as the index has it: "england's" for "england")."""
    return word == wanted or without_possessive(word) == wanted


def _matched(words: list[_Word], targets: Targets, anchors: dict[tuple[str, ...], str]) -> set[int]:
    """Which words to mark: the targets' words, and every word of each phrase found whole, looked
    for from each place of its anchor word."""
    matched = {number for number, (word, _, _) in enumerate(words) if word in targets.words}
    for phrase, anchor in anchors.items():
        places = [place for place, word in enumerate(phrase) if word == anchor]
        for number, (word, _, _) in enumerate(words):
            if not _is(word, anchor):
                continue
            for place in places:
                first = number - place
                if 0 <= first <= len(words) - len(phrase) and all(
                        _is(words[first + offset][0], word) for offset, word in enumerate(phrase)):
                    matched.update(range(first, first + len(phrase)))
    return matched


def _marked_tokens(text: str, targets: Targets, surround: int, reading: tuple[int, int] | None = None) -> list[_Token]:
    folded = _folded_in_place(text) if _WORD_PATTERN is not None else None
    # Each phrase is looked for by its word the text holds fewest of (its other words are within
    # reach): "the use of" by "use".
    counted = text.lower() if folded is None else folded
    anchors = {phrase: min(phrase, key=counted.count) for phrase in targets.phrases}
    wanted = set(targets.words) | set(anchors.values())
    reach = max((len(phrase) - 1 for phrase in targets.phrases), default=0)
    tokens = []
    # At first, enough for words of usual length and spacing (see _enough).
    for stretch in _stretches(text, folded, wanted, reach, surround, reading or (2 * surround, 3 * surround)):
        matched = _matched(stretch.words, targets, anchors)
        tokens.extend(_Token(word, start, end, number in matched)
                      for number, (word, start, end) in enumerate(stretch.words))
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
    # No charlimit: Whoosh's default reads the first 32,768 characters only, and a match on page
    # 20 of a report would show no passage.
    fragmenter = ContextFragmenter(maxchars=chars, surround=chars // 2 - 20, charlimit=None)
    tokens = _marked_tokens(text, targets, fragmenter.surround)
    fragments = top_fragments(fragmenter.fragment_tokens(text, tokens), top,
                              BasicFragmentScorer(), order=lambda f: f.startchar, minscore=1)
    return [_passage(text, fragment) for fragment in fragments]


def opening_passage(text: str, chars: int = 200) -> Passage:
    """For hits found by filters alone: the document's opening lines."""
    opening = " ".join(re.sub(PAGE_BREAK, " ", text[:chars * 2]).split())
    return Passage(text=opening[:chars], page=1)


__all__ = ["Passage", "Targets", "best_passages", "opening_passage", "targets_of"]
