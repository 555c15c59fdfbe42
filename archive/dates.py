"""Dates written by people: in documents and on the command line.

Explicit patterns with clear rules rather than a general date finder: a general
finder sees dates in money, scores and the word "may".
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from archive.document import DateSpan, PartialDate

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}
MONTH_NUMBER = MONTHS | MONTH_ABBREVIATIONS


# Python's regex engine skips straight to the next place a pattern can start only when the
# pattern opens with a literal character or a set of characters; one that opens with \b or a
# look-behind is tried at every position of the text, which made the date patterns most of the
# cost of reading a document. So each pattern opens with its first character, and what stood
# before it (\b, a look-behind) becomes a look-behind over that character and the one before:
# "(?<!\w.)" after a word's first character says what \b said before it.
_WORD_START = r"(?<!\w.)"


def _month_alternatives(at_word_start: bool = False) -> str:
    """ "J(?:an(?:uary)?|AN(?:UARY)?|un(?:e)?|...)|F(?:eb(?:ruary)?|...)|...": the months by their
    capital first letter, so that the pattern opens with a letter (see _WORD_START), then one
    branch per spelling. No two spellings share their first three letters, so at most one branch
    can match at a place, whatever their order."""
    by_first_letter: dict[str, list[str]] = {}
    for name in MONTHS:
        rest = name[3:]
        tail = "(?:t(?:ember)?)?" if name == "september" else (f"(?:{rest})?" if rest else "")
        by_first_letter.setdefault(name[0].upper(), []).extend(
            [name[1:3] + tail, name[1:3].upper() + tail.upper()])
    start = _WORD_START if at_word_start else ""
    return "|".join(f"{letter}{start}(?:{'|'.join(rests)})" for letter, rests in by_first_letter.items())


# Month names must be capitalised (or all capitals) so that "may" the verb is never a month.
MONTH = rf"(?:{_month_alternatives()})(?![A-Za-z])\.?"
# The same, opening a word (as \b{MONTH} would: see _WORD_START).
_MONTH_AT_WORD_START = rf"(?:{_month_alternatives(at_word_start=True)})(?![A-Za-z])\.?"
ORDINAL = r"(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
# Years a bare four-digit number may be: wide enough for history, narrow enough to skip most counts.
BARE_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_COMMA = r"\s?,?\s+"          # "May 14, 1991" and the tokenised "May 14 , 1991"
_WEEKDAY_AT_WORD_START = (rf"(?:M{_WORD_START}on|T{_WORD_START}(?:ues|hurs)|W{_WORD_START}ednes"
                          rf"|F{_WORD_START}ri|S{_WORD_START}(?:atur|un))day")
# One or two digits opening a word: \b\d{1,2}, written to open with the digit (see _WORD_START).
_DAY = rf"\d{_WORD_START}\d?"

# Where a pattern's matches can start. Each pattern that opens with a digit rules out a digit
# (or any word character) just before it and a digit just after its day or year, so it can match
# only at the first digit of a run of one or two digits (a day, a month) or of four (a year); one
# that opens with a month name can match only where a month name opens a word.
_AT_DAY_DIGITS, _AT_YEAR_DIGITS, _AT_MONTH, _ANYWHERE = "at day digits", "at year digits", "at month", "anywhere"

# The patterns below are compiled on first use: `archive search` imports this module for the dates
# a user types (--from 2009), and compiling the patterns for dates in text took ~10 ms of it.


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern[str], str]]:
    r"""The patterns in the order they take the text, with where each can start; each opens with
    a character or a set of them (see _WORD_START). Beside each, as it would read with \b and
    look-behinds in front."""
    return [
        # (?<![\d-])YEAR-MM-DD
        ("iso", re.compile(rf"(?P<year>{YEAR})(?<![\d-]\d{{4}})-(?P<month>\d\d)-(?P<day>\d\d)(?![\d-])"),
         _AT_YEAR_DIGITS),
        # \bDAY ... MONTH ... YEAR
        ("day month year", re.compile(
            rf"(?P<day>{_DAY}){ORDINAL}(?:\s+of)?(?:\s+|-)(?P<month>{MONTH})(?:{_COMMA}|-)(?P<year>{YEAR})\b"),
         _AT_DAY_DIGITS),
        # \bMONTH DAY, YEAR
        ("month day year", re.compile(
            rf"(?P<month>{_MONTH_AT_WORD_START})\s+(?P<day>\d{{1,2}}){ORDINAL}{_COMMA}(?P<year>{YEAR})\b"),
         _AT_MONTH),
        # (?<![\d/.£$€])D/M/YEAR or D.M.YEAR
        ("numeric", re.compile(
            rf"(?P<first>\d(?<![\d/.£$€]\d)\d?)(?P<sep>[/.])(?P<second>\d{{1,2}})(?P=sep)(?P<year>{YEAR})(?![\d/])"),
         _AT_DAY_DIGITS),
        # (?<![\d/.£$€])D/M/YY
        ("numeric short year", re.compile(
            r"(?P<first>\d(?<![\d/.£$€]\d)\d?)/(?P<second>\d{1,2})/(?P<short>\d\d)(?![\d/])"),
         _AT_DAY_DIGITS),
        # \bMONTH YEAR, \bMONTH of YEAR
        ("month year", re.compile(rf"(?P<month>{_MONTH_AT_WORD_START})(?:{_COMMA}|\s+of\s+)(?P<year>{YEAR})\b"),
         _AT_MONTH),
        # \b1990s, \b1990's; then (?<!\w)'90s: two patterns, each opening with a character, for one
        # rule (a match of one never overlaps a match of the other: "s" ends both)
        ("decade", re.compile(rf"(?P<decade>1{_WORD_START}[5-9]\d0|2{_WORD_START}0\d0)['’]?s\b"), _AT_YEAR_DIGITS),
        ("decade", re.compile(rf"['’]{_WORD_START}(?P<short_decade>\d0)['’]?s\b"), _ANYWHERE),
        # (?<![\w$£€#.,/-])YEAR-YEAR
        ("year range", re.compile(
            rf"(?P<year>{BARE_YEAR})(?<![\w$£€#.,/-]\d{{4}})\s?[-–]\s?(?P<until>{BARE_YEAR})(?![\w%.,/-]?\d)"),
         _AT_YEAR_DIGITS),
        # (?<![\w$£€#.,/-])YEAR
        ("year", re.compile(rf"(?P<year>{BARE_YEAR})(?<![\w$£€#.,/-]\d{{4}})(?![\w%]|[.,/-]\d|\s?%)"),
         _AT_YEAR_DIGITS),
        # \bWEEKDAY D/M
        ("weekday numeric", re.compile(
            rf"{_WEEKDAY_AT_WORD_START},?\s*\(?(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})\)?(?![/\d])"),
         _ANYWHERE),
        # (?<![/\d])\bDAY MONTH
        ("day month", re.compile(
            rf"(?P<day>\d(?<![/\d]\d){_WORD_START}\d?){ORDINAL}(?:\s+of)?\s+(?P<month>{MONTH})(?!\s*,?\s*\d)"),
         _AT_DAY_DIGITS),
        # \bMONTH DAY
        ("month day", re.compile(
            rf"(?P<month>{_MONTH_AT_WORD_START})\s+(?P<day>\d{{1,2}}){ORDINAL}\b(?!\s?,?\s*\d)"),
         _AT_MONTH),
    ]

# A bare four-digit number is a year unless its neighbours say it is a count, a code or a time.
_NOT_YEAR_BEFORE = (
    r"(?:\b(?:no|nos|number|section|sec|sections|h\.?\s?r|s|hr|route|room|suite|page|pages|p|pp|flight|box"
    r"|highway|interstate|rule|article|chapter|title|form|model|version|office|windows|at|about|some|over"
    r"|under|nearly|almost|approximately|around|than|exactly|only|just|top|bill|resolution|amendment|code"
    r"|part|item|unit|zip|apt|no\.|vol|volume|issue|case|docket|rs|rd|st|lot|plot|row|seat|gate|platform"
    r"|channel|exit|mile|km|kilometre|kilometer|flight)\.?\s*|[$£€#¥]\s*|\(\s*\d+\s*\)\s*)$")
_NOT_YEAR_AFTER = (
    r"^\s*(?:%|percent|per\s?cent|people|persons|troops|soldiers|jobs|men|women|children|students|pixels"
    r"|lbs?|pounds|kg|kilos?|km|miles|feet|ft|foot|metres|meters|acres|hectares|tons|tonnes|dollars|euros"
    r"|days|hours|hrs|minutes|mins|seconds|gmt|bst|est|edt|cet|utc|residents|members|votes|units|copies"
    r"|cases|calories|homes|houses|households|families|workers|employees|staff|patients|beds|cars|vehicles"
    r"|barrels|bpd|mw|kw|gallons|litres|liters|points|pts|yards|yds|runs|wickets|goals|words|pages|times"
    r"|plus|\+|x\b|rpm|mph|cc|mb|gb|kb|ghz|mhz|hz|volts|watts|degrees|°|[ap]\.?m\.?\b|hours?\b)")


@functools.cache
def _not_year() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(_NOT_YEAR_BEFORE, re.I), re.compile(_NOT_YEAR_AFTER, re.I)


@dataclass(frozen=True)
class FoundDate:
    date: PartialDate
    start: int
    end: int
    rule: str


def month_number(word: str) -> int:
    return MONTH_NUMBER[word.rstrip(".").lower()]


def _numeric_day_month(first: int, second: int, day_first: bool) -> tuple[int, int]:
    """Day-first by default (configurable); month-first when the first number cannot be a month."""
    if first > 12 >= second:
        return first, second
    if second > 12 >= first:
        return second, first
    return (first, second) if day_first else (second, first)


def _nearest_year(month: int, day: int, anchor: PartialDate) -> int:
    """The year that puts a yearless date closest to the document's own date."""
    anchor_day = anchor.first_day
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append((abs((dt.date(year, month, day) - anchor_day).days), year))
        except ValueError:
            continue
    return min(candidates)[1] if candidates else anchor.year


def _century(short: int) -> int:
    """Two-digit years: 00-49 are this century, 50-99 the last (01 is 2001, 98 is 1998)."""
    return 2000 + short if short < 50 else 1900 + short


def _is_bare_year(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 30):match.start()]
    after = text[match.end():match.end() + 20]
    not_before, not_after = _not_year()
    return not (not_before.search(before) or not_after.match(after))


def _dates_of(rule: str, match: re.Match[str], anchor: PartialDate | None,
              day_first: bool) -> list[PartialDate]:
    """The dates one match stands for (a year range stands for two)."""
    groups = match.groupdict()
    if rule == "decade":
        short = groups.get("short_decade")
        start = 1900 + int(short) if short else int(groups["decade"])
        if short in ("00", "10"):
            start += 100  # "the '00s" and "the '10s" are this century's
        return [PartialDate(start, until_year=start + 9)]
    if rule == "year range":
        return [PartialDate(int(groups["year"])), PartialDate(int(groups["until"]))]
    if rule in ("numeric", "numeric short year", "weekday numeric"):
        day, month = _numeric_day_month(int(groups["first"]), int(groups["second"]), day_first)
        year = (int(groups["year"]) if groups.get("year")
                else _century(int(groups["short"])) if groups.get("short") else None)
        return [_with_year(year, month, day, anchor)]
    month = int(groups["month"]) if rule == "iso" else (
        month_number(groups["month"]) if groups.get("month") else None)
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    if year is None:
        return [_with_year(None, month, day, anchor)]
    return [PartialDate(year, month, day)]


def _with_year(year: int | None, month: int, day: int, anchor: PartialDate | None) -> PartialDate:
    """A yearless day takes the year nearest the document's date; undated, it stays yearless."""
    if year is None and anchor is not None and anchor.has_year:
        year = _nearest_year(month, day, anchor)
    return PartialDate(year, month, day)


# Where patterns can start is found once per text: the runs of digits and the month names.
_DIGIT_RUN = re.compile(r"\d+")
_month_opening_a_word = functools.cache(lambda: re.compile(_MONTH_AT_WORD_START))
# Rules whose patterns hold a month name after a space or a hyphen, where it opens a word: they
# cannot match in a text without one.
_MONTH_INSIDE = {"day month year", "day month"}
# With more than one run of digits in this many characters (tables, figures), trying the patterns
# at each run costs more than letting the regex engine scan the whole text.
_CHARS_PER_DIGIT_RUN = 24


def _matches(pattern: re.Pattern[str], text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """What pattern.finditer(text) finds, trying the pattern only at ``starts`` (in order), when
    every match begins at one of them; None: everywhere."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            end = match.end()
            yield match


def _digit_runs(text: str) -> tuple[list[int], list[int]]:
    """Where the runs of one or two digits start, and where those of four start."""
    days: list[int] = []
    years: list[int] = []
    for match in _DIGIT_RUN.finditer(text):
        start, end = match.span()
        if end - start <= 2:
            days.append(start)
        elif end - start == 4:
            years.append(start)
    return days, years


def _pattern_starts(text: str) -> dict[str, list[int] | None] | None:
    """Where each kind of pattern can start in ``text`` (see _AT_DAY_DIGITS); None: no date can
    (every date holds a digit)."""
    if not _DIGIT_RUN.search(text):
        return None
    days, years = _digit_runs(text)
    if (len(days) + len(years)) * _CHARS_PER_DIGIT_RUN >= len(text):
        days = years = None
    months = [match.start() for match in _month_opening_a_word().finditer(text)]
    return {_AT_DAY_DIGITS: days, _AT_YEAR_DIGITS: years, _AT_MONTH: months, _ANYWHERE: None}


def find_dates(text: str, anchor: PartialDate | None = None,
               day_first: bool = True) -> list[FoundDate]:
    """Every explicit date in ``text``, in order; yearless ones take the year nearest ``anchor``."""
    starts = _pattern_starts(text)
    if starts is None:
        return []
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for rule, pattern, opening in _patterns():
        if not starts[_AT_MONTH] and (opening == _AT_MONTH or rule in _MONTH_INSIDE):
            continue
        for match in _matches(pattern, text, starts[opening]):
            start, end = match.span()
            if any(start < t_end and end > t_start for t_start, t_end in taken):
                continue
            if rule in ("year", "year range") and not _is_bare_year(text, match):
                continue
            try:
                dates = _dates_of(rule, match, anchor, day_first)
            except ValueError:
                taken.append((start, end))  # 31 February is no date, nor is its "February 2011"
                continue
            taken.append((start, end))
            found.extend(FoundDate(date, start, end, rule) for date in dates)
    return sorted(found, key=lambda item: item.start)


class DateParseError(ValueError):
    """A date typed by a user that the archive cannot read."""


USER_DATE_FORMS = "2009, 2009-03, 2009-03-14, 14 March 2009, March 14 2009, March 2009 or 1990s"

_USER_YEAR = re.compile(rf"^{YEAR}$")
_USER_YEAR_MONTH = re.compile(rf"^(?P<year>{YEAR})-(?P<month>\d\d?)$")
# The iso rule's form, read without compiling the patterns for text (see _patterns).
_USER_DAY = re.compile(rf"^(?P<year>{YEAR})-(?P<month>\d\d)-(?P<day>\d\d)$")


def parse_user_date(text: str) -> PartialDate:
    """Read a date given on the command line; a bare year or month stays partial."""
    cleaned = " ".join(text.split())
    try:
        if _USER_YEAR.match(cleaned):
            return PartialDate(int(cleaned))
        if match := _USER_YEAR_MONTH.match(cleaned):
            return PartialDate(int(match["year"]), int(match["month"]))
        if match := _USER_DAY.match(cleaned):
            return PartialDate(int(match["year"]), int(match["month"]), int(match["day"]))
        found = find_dates(cleaned)
    except ValueError:
        found = []
    if (len(found) == 1 and found[0].start == 0 and found[0].end == len(cleaned)
            and found[0].date.has_year):
        return found[0].date
    raise DateParseError(f"cannot read the date {text!r}: use {USER_DATE_FORMS}")


def user_date_span(start: str | None, end: str | None) -> DateSpan:
    """``--from``/``--to``: the first day of the start through the last day of the end."""
    span = DateSpan(
        start=parse_user_date(start).first_day if start else None,
        end=parse_user_date(end).last_day if end else None,
    )
    if span.start and span.end and span.start > span.end:
        raise DateParseError(f"--from {start} is after --to {end}")
    return span
