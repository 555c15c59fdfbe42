"""Dates written by people: in documents and on the command line.

Explicit patterns with clear rules rather than a general date finder: a general
finder sees dates in money, scores and the word "may".
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from archive.document import DateSpan, PartialDate

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}
MONTH_NUMBER = MONTHS | MONTH_ABBREVIATIONS

# Month names must be capitalised (or all capitals) so that "may" the verb is never a month.
_MONTH_WORDS = sorted(MONTH_NUMBER, key=len, reverse=True)
MONTH = "(?:" + "|".join(
    f"{word.capitalize()}|{word.upper()}" for word in _MONTH_WORDS
) + r")(?![A-Za-z])\.?"
ORDINAL = r"(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"(?<![\d-])(?P<year>{YEAR})-(?P<month>\d\d)-(?P<day>\d\d)(?![\d-])")),
    ("day month year", re.compile(
        rf"\b(?P<day>\d{{1,2}}){ORDINAL}(?:\s+of)?\s+(?P<month>{MONTH}),?\s+(?P<year>{YEAR})\b")),
    ("month day year", re.compile(
        rf"\b(?P<month>{MONTH})\s+(?P<day>\d{{1,2}}){ORDINAL},?\s+(?P<year>{YEAR})\b")),
    ("numeric", re.compile(
        rf"(?<![\d/.£$€])(?P<first>\d{{1,2}})[/.](?P<second>\d{{1,2}})[/.](?P<year>{YEAR})(?![\d/])")),
    ("month year", re.compile(rf"\b(?P<month>{MONTH}),?\s+(?P<year>{YEAR})\b")),
    ("year after preposition", re.compile(
        rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter|[Ff]rom|[Oo]f)\s+(?P<year>{YEAR})\b(?![-/]\d)")),
    ("day month", re.compile(rf"(?<![/\d])\b(?P<day>\d{{1,2}}){ORDINAL}(?:\s+of)?\s+(?P<month>{MONTH})(?!\s*,?\s*\d)")),
    ("month day", re.compile(rf"\b(?P<month>{MONTH})\s+(?P<day>\d{{1,2}}){ORDINAL}\b(?!,?\s*\d)")),
]


@dataclass(frozen=True)
class FoundDate:
    date: PartialDate
    start: int
    end: int
    rule: str


def month_number(word: str) -> int:
    return MONTH_NUMBER[word.rstrip(".").lower()]


def _numeric_day_month(first: int, second: int, day_first: bool) -> tuple[int, int]:
    """Day-first by default; month-first when the first number cannot be a month."""
    if second > 12 and first <= 12:
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


def _to_date(rule: str, match: re.Match[str], anchor: PartialDate | None,
             day_first: bool) -> PartialDate | None:
    groups = match.groupdict()
    if rule == "numeric":
        day, month = _numeric_day_month(int(groups["first"]), int(groups["second"]), day_first)
        return PartialDate(int(groups["year"]), month, day)
    if rule == "iso":
        month = int(groups["month"])
    else:
        month = month_number(groups["month"]) if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    if groups.get("year"):
        return PartialDate(int(groups["year"]), month, day)
    if anchor is None:
        return None  # a yearless date in an undated document has no year to take
    return PartialDate(_nearest_year(month, day, anchor), month, day)


def find_dates(text: str, anchor: PartialDate | None = None,
               day_first: bool = True) -> list[FoundDate]:
    """Every explicit date in ``text``, in order; yearless ones take the year nearest ``anchor``."""
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for rule, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and end > t_start for t_start, t_end in taken):
                continue
            try:
                date = _to_date(rule, match, anchor, day_first)
            except ValueError:
                taken.append((start, end))  # 31 February is no date, nor is its "February 2011"
                continue
            if date is None:
                continue
            taken.append((start, end))
            found.append(FoundDate(date, start, end, rule))
    return sorted(found, key=lambda item: item.start)


class DateParseError(ValueError):
    """A date typed by a user that the archive cannot read."""


USER_DATE_FORMS = "2009, 2009-03, 2009-03-14, 14 March 2009, March 14 2009 or March 2009"

_USER_YEAR = re.compile(rf"^{YEAR}$")
_USER_YEAR_MONTH = re.compile(rf"^(?P<year>{YEAR})-(?P<month>\d\d?)$")


def parse_user_date(text: str) -> PartialDate:
    """Read a date given on the command line; a bare year or month stays partial."""
    cleaned = " ".join(text.split())
    try:
        if _USER_YEAR.match(cleaned):
            return PartialDate(int(cleaned))
        if match := _USER_YEAR_MONTH.match(cleaned):
            return PartialDate(int(match["year"]), int(match["month"]))
        found = find_dates(cleaned)
    except ValueError:
        found = []
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(cleaned):
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
