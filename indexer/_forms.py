"""The forms of a word (letter: letters, lettered; study: studies, studied), found among the words
an index holds, and the query node that stands for a plain word with its forms."""
from __future__ import annotations

import functools
from collections.abc import Iterator

from whoosh import query as wq
from whoosh.lang import porter2

# Shorter words match only themselves ("as" is not a form of "a"), and index words are scanned
# for forms from a beginning at least this long.
MIN_SHARED_BEGINNING = 3
# A beginning is scanned no further than this many index words (a bound on a strange lexicon).
MAX_SCANNED_FORMS = 2000
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
