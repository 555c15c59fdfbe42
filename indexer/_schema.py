"""The Whoosh schema: what is indexed how, and the coarse date tokens used for filtering."""
from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from archive.document import PartialDate

WORD = r"\w+(?:[.'’]\w+)*"


# Accents folded (Zoë -> zoe), and the typographer's apostrophe as the typewriter's: a user types
# blair's for Blair’s.
FOLDED = {**accent_map, ord("’"): "'", ord("‘"): "'"}


class FoldAccents(Filter):
    """Zoë -> zoe, for the few words that need it (most words are ASCII, and left alone)."""

    def __call__(self, tokens):
        for token in tokens:
            if not token.text.isascii():
                token.text = token.text.translate(FOLDED)
            yield token


# Words are indexed as written (lower-cased, accents folded), one-letter words kept, so that a
# quoted phrase is exact: "John Smith" is not a phrase match for "John Q. Smith". Plain words
# find their inflections at query time instead (letter -> letters, lettered).
EXACT_ANALYZER = RegexTokenizer(WORD) | LowercaseFilter() | FoldAccents()
POSSESSIVE_ENDING = "'s"


def without_possessive(word: str) -> str | None:
    """"england's" -> "england"; None for a word that is not a possessive."""
    return word[:-2] if len(word) > 2 and word.endswith(POSSESSIVE_ENDING) else None


def with_possessives_as_words(placed):
    """(position, word) pairs, and after each possessive its word at the same position."""
    for position, word in placed:
        yield position, word
        bare = without_possessive(word)
        if bare is not None:
            yield position, bare


class PossessivesAsWords(Filter):
    """In the index, "england's" also stands as "england" at the same place, so that the phrase
    "bank of england" finds "the Bank of England's"; a query's words are left as typed, so the
    phrase "england's" still finds the possessive only."""

    def __call__(self, tokens):
        for token in tokens:
            yield token
            bare = without_possessive(token.text) if token.mode == "index" else None
            if bare is not None:
                token.text = bare  # the same position and characters as the possessive
                yield token


TEXT_ANALYZER = EXACT_ANALYZER | PossessivesAsWords()


def indexes_possessives(field) -> bool:
    """Whether the field's analyzer is TEXT_ANALYZER (an index made before possessives stood
    as their words has EXACT_ANALYZER: it is written as it was made, until `archive reindex`)."""
    return list(getattr(field.analyzer, "items", ())) == list(TEXT_ANALYZER.items)
# The words a phrase is most often made of, in nearly every document of any size: a phrase of
# them alone ("has said he", "of the") would need their positions in nearly every document. Each
# pair of them side by side is indexed as one term as well ("has said", "said he"), in a field of
# its own (body_pairs), and such a phrase is looked up by its pairs (indexer/engines/whoosh/ranking.py). An
# index keeps the list it was built with (in its schema): changing it here changes new indexes only.
COMMON_WORDS = frozenset("""
a about after again against all also am an and any are as at back be because been before being
between both but by can could did do does down during each even ever every first for from get got
had has have having he her here him his how i if in into is it it's its just last like made make
many may me might more most much must my never new next no not now of off on one only or other our
out over own said same say says she should since so some still such than that the their them then
there these they this those three through to too two under until up upon us very was we well were
what when where which while who whom whose why will with within without would yet you your
""".split())  # noqa: SIM905 (a list of words reads best as words)


class CommonPairs(Filter):
    """Each two words of ``words`` standing side by side, as one token "first second" at the first
    one's position (what the body_pairs field indexes); every other word is dropped."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words

    def __call__(self, tokens):
        words = self.words
        before = None  # the word before, with its position, when it is one of ``words``
        for token in tokens:
            word, position = token.text, getattr(token, "pos", None)  # no position unless asked for
            if word not in words:
                before = None
                continue
            if before is not None:
                token.text, token.pos = f"{before[0]} {word}", before[1]
                yield token
            before = (word, position)


def common_pairs(words: list[str], common: frozenset[str]) -> list[tuple[int, str]]:
    """CommonPairs over a list of words already analysed: (position, "first second") each."""
    return [(position, f"{first} {second}") for position, (first, second) in enumerate(pairwise(words))
            if first in common and second in common]


PAIRS_ANALYZER = EXACT_ANALYZER | CommonPairs(COMMON_WORDS)
PAIRS_FIELD = "body_pairs"


def paired_words(schema) -> frozenset[str] | None:
    """The common words an index pairs (its schema keeps them), None when it has no pairs field
    analysed as PAIRS_ANALYZER is: the body's words, then CommonPairs (an index made before)."""
    if PAIRS_FIELD not in schema:
        return None
    stages = list(getattr(schema[PAIRS_FIELD].analyzer, "items", ()))
    if stages[:-1] == list(EXACT_ANALYZER.items) and type(stages[-1]) is CommonPairs:
        return stages[-1].words
    return None
# Names are kept whole and separated by a "|" token, so a phrase cannot run from one name into the next.
NAME_SEPARATOR = " | "
NAME_WORD = WORD + r"|\|"
NAME_ANALYZER = RegexTokenizer(NAME_WORD) | LowercaseFilter() | FoldAccents()
# A document's paths, each one whole term; NUL is the one character no path can hold.
PATH_SEPARATOR = "\x00"
PATH_ANALYZER = RegexTokenizer(r"[^\x00]+")

# The text fields whose words the engines find with one regular expression rather than through
# their analyzer, token by token: the pattern that finds them, which must be their analyzer's (a
# RegexTokenizer, then lower case, then accents folded; tests/test_writer.py checks they agree).
FAST_FIELD_WORDS = {
    "title": re.compile(WORD), "body": re.compile(WORD),
    "names": re.compile(NAME_WORD), "sender": re.compile(NAME_WORD), "recipient": re.compile(NAME_WORD),
}


def analyzed_words(pattern: re.Pattern, text: str) -> list[str]:
    """The words the field's analyzer would make of ``text``, in order."""
    if text.isascii():
        return pattern.findall(text.lower())  # ASCII case changes neither lengths nor word characters
    words = []
    for word in pattern.findall(text):
        word = word.lower()
        words.append(word if word.isascii() else word.translate(FOLDED))
    return words


SEARCHED_FIELDS = {"title": 2.0, "names": 1.5, "body": 1.0}
# Fields whose plain words also match their inflections.
INFLECTED_FIELDS = ("title", "body")
UNDATED_SORT_KEY = 0
# The date term of a document whose own date is unknown.
UNDATED = "undated"


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        path=TEXT(analyzer=PATH_ANALYZER, phrase=False, stored=True),
        sources=STORED,
        sha256=STORED,
        title=TEXT(analyzer=TEXT_ANALYZER, stored=True),
        body=TEXT(analyzer=TEXT_ANALYZER),
        body_pairs=TEXT(analyzer=PAIRS_ANALYZER),
        names=TEXT(analyzer=NAME_ANALYZER),
        sender=TEXT(analyzer=NAME_ANALYZER, stored=True),
        recipient=TEXT(analyzer=NAME_ANALYZER, stored=True),
        people=STORED,
        organisations=STORED,
        type=ID(stored=True),
        format=ID(stored=True),
        date=STORED,
        date_source=STORED,
        date_terms=KEYWORD(scorable=False, lowercase=False),
        date_sort=NUMERIC(int, sortable=True, stored=False),
        dated=NUMERIC(int, sortable=True, stored=False),
        mentions=KEYWORD(scorable=False, lowercase=False),
        dates_mentioned=STORED,
        pages=STORED,
        overridden=STORED,
    )


def date_tokens(date: PartialDate) -> list[str]:
    """Coarse terms for a date: its year, month and day, and how precisely it is known.

    A range query becomes a handful of these terms (whole years, whole months,
    single days) instead of a range over every distinct day in the index.
    """
    if not date.has_year:
        return [f"md{date.month:02d}-{date.day:02d}"]  # findable by no date range, kept for later
    if date.until_year is not None:
        # A run of years lies partly in each of its years.
        years = range(date.year, date.until_year + 1)
        return [f"y{year:04d}" for year in years] + [f"py{year:04d}" for year in years]
    tokens = [f"y{date.year:04d}"]
    if date.month is not None:
        tokens.append(f"m{date.year:04d}-{date.month:02d}")
    if date.day is not None:
        tokens.append(f"d{date.iso()}")
    elif date.month is not None:
        tokens.append(f"pm{date.year:04d}-{date.month:02d}")
    else:
        tokens.append(f"py{date.year:04d}")
    return tokens


def date_sort_key(date: PartialDate | None) -> int:
    if date is None:
        return UNDATED_SORT_KEY
    first = date.first_day
    return first.year * 10000 + first.month * 100 + first.day


def span_tokens(start: dt.date, end: dt.date, known_years: list[int]) -> list[str]:
    """Terms that together match every date overlapping [start, end].

    Whole years become y-terms (only years present in the index), whole months
    m-terms, loose days d-terms; a month or year the span only partly covers also
    matches documents dated just to that month or year (they may lie inside).
    """
    tokens: list[str] = []
    for year in known_years:
        if start.year <= year <= end.year:
            tokens.extend(_year_tokens(year, start, end))
    return tokens


def _year_tokens(year: int, start: dt.date, end: dt.date) -> list[str]:
    first = max(start, dt.date(year, 1, 1))
    last = min(end, dt.date(year, 12, 31))
    if (first, last) == (dt.date(year, 1, 1), dt.date(year, 12, 31)):
        return [f"y{year:04d}"]
    tokens = [f"py{year:04d}"]
    for month in range(first.month, last.month + 1):
        month_first = max(first, dt.date(year, month, 1))
        month_last = min(last, PartialDate(year, month).last_day)
        if (month_first.day, month_last) == (1, PartialDate(year, month).last_day):
            tokens.append(f"m{year:04d}-{month:02d}")
            continue
        tokens.append(f"pm{year:04d}-{month:02d}")
        for day in range(month_first.day, month_last.day + 1):
            tokens.append(f"d{year:04d}-{month:02d}-{day:02d}")
    return tokens
