"""Dates in documents (find_dates), dates typed by users, and PartialDate itself."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.dates import (
    _AT_DAY_DIGITS,
    _AT_MONTH,
    _AT_YEAR_DIGITS,
    _MONTH_INSIDE,
    _patterns,
    MONTHS,
    DateParseError,
    _digit_runs,
    _matches,
    _pattern_starts,
    find_dates,
    parse_user_date,
    user_date_span,
)
from archive.document import PartialDate

PROPERTY = settings(max_examples=200, deadline=None, database=None)
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def found(text: str, **kwargs) -> list[PartialDate]:
    return [item.date for item in find_dates(text, **kwargs)]


# --------------------------------------------------------------------------- find_dates

@pytest.mark.parametrize("text,expected", [
    ("28th January 2015", PartialDate(2015, 1, 28)),
    ("January 28, 2015", PartialDate(2015, 1, 28)),
    ("28/01/2015", PartialDate(2015, 1, 28)),       # day first
    ("01/28/2015", PartialDate(2015, 1, 28)),       # month first because 28 > 12
    ("2015-01-28", PartialDate(2015, 1, 28)),
    ("the 1st of March 2011", PartialDate(2011, 3, 1)),
    ("Sept. 5, 2011", PartialDate(2011, 9, 5)),
    ("12.03.2011", PartialDate(2011, 3, 12)),
])
def test_full_dates(text, expected):
    assert found(text) == [expected]
    assert found(text)[0].precision == "day"


def test_ambiguous_numeric_date_is_day_first_by_default():
    assert found("03/04/2010") == [PartialDate(2010, 4, 3)]
    assert found("03/04/2010", day_first=False) == [PartialDate(2010, 3, 4)]


def test_month_precision():
    assert found("May 2016") == [PartialDate(2016, 5)]
    assert found("May 2016")[0].precision == "month"
    assert found("JANUARY 2015") == [PartialDate(2015, 1)]


def test_year_precision():
    assert found("in 2009") == [PartialDate(2009)]
    assert found("in 2009")[0].precision == "year"


def test_found_date_span_and_rule():
    text = "The letter of 17 March 2011 arrived."
    [item] = find_dates(text)
    assert text[item.start:item.end] == "17 March 2011"
    assert item.rule == "day month year"


def test_several_dates_come_in_text_order():
    text = "Sent on 2015-01-28, after the meeting of 3 December 2014 and before May 2016."
    assert found(text) == [PartialDate(2015, 1, 28), PartialDate(2014, 12, 3), PartialDate(2016, 5)]


def test_yearless_date_takes_the_anchor_year():
    assert found("the meeting on 24 March", anchor=PartialDate(2015, 3, 17)) == [
        PartialDate(2015, 3, 24)]


@pytest.mark.parametrize("anchor", [PartialDate(2015, 1, 5), PartialDate(2015, 1)])
def test_yearless_date_takes_the_nearest_year(anchor):
    assert found("on 28 December", anchor=anchor) == [PartialDate(2014, 12, 28)]


def test_yearless_month_first_date_with_anchor():
    assert found("see you on March 3rd then", anchor=PartialDate(2011, 2, 20)) == [
        PartialDate(2011, 3, 3)]


def test_yearless_date_without_anchor_stays_day_and_month():
    assert found("the meeting on 24 March") == [PartialDate(None, 3, 24)]
    assert found("the meeting on 24 March")[0].iso() == "--03-24"


@pytest.mark.parametrize("text,expected", [
    ("in the year 1999", ["1999"]),
    ("the 2004 election", ["2004"]),
    ("fiscal year 2011", ["2011"]),
    ("from 2009-2012", ["2009", "2012"]),
    ("between 1882 and 1959", ["1882", "1959"]),
    ("the 1990s", ["1990/1999"]),
    ("the '80s", ["1980/1989"]),
    ("in April of 1980", ["1980-04"]),
    ("on May 14 , 1991", ["1991-05-14"]),
    ("received on 24-Aug-2000", ["2000-08-24"]),
])
def test_years_decades_and_other_forms(text, expected):
    assert [d.iso() for d in found(text)] == expected


def test_numeric_order_is_configurable():
    assert [d.iso() for d in found("on 03/04/2011")] == ["2011-04-03"]
    assert [d.iso() for d in found("on 03/04/2011", day_first=False)] == ["2011-03-04"]
    assert [d.iso() for d in found("today 03/28/01")] == ["2001-03-28"]


def test_undated_text_has_no_dates():
    assert found("Nobody knows when the work on the footbridge will start.") == []


@pytest.mark.parametrize("text", ["£83m", "75%", "the 54th", "won 11-3", "we may meet",
                                  "May I ask", "1,920 pixels", "Section 1105", "H.R. 2009",
                                  "1500 troops", "at 1930 GMT", "$2010 a month",
                                  "a fee of £12/03/2011", "call 0113 496 0000"])
@pytest.mark.parametrize("anchor", [None, PartialDate(2011, 3, 17)])
def test_not_dates(text, anchor):
    assert found(text, anchor=anchor) == []


def test_invalid_day_is_not_a_full_date():
    assert all(item.date.precision != "day" for item in find_dates("31 February 2011"))
    assert all(item.date.precision != "day" for item in find_dates("February 30, 2011"))


def test_invalid_full_date_is_not_a_date_at_all():
    assert found("31 February 2011") == []


@pytest.mark.parametrize("text", ["2 Marsham Street", "5 Junction Road", "4 Mayfield Avenue"])
def test_street_address_is_not_a_yearless_date(text):
    assert found(text, anchor=PartialDate(2011, 3, 17)) == []


# --------------------------------------------------------------------------- properties

@PROPERTY
@given(st.dates(min_value=dt.date(1600, 1, 1), max_value=dt.date(2199, 12, 31)),
       st.sampled_from(["D Month YYYY", "Month D, YYYY", "ISO"]))
def test_any_written_date_is_found_exactly(day, form):
    month = MONTH_NAMES[day.month - 1]
    text = {"D Month YYYY": f"{day.day} {month} {day.year}",
            "Month D, YYYY": f"{month} {day.day}, {day.year}",
            "ISO": day.isoformat()}[form]
    assert found(f"It happened on {text}.") == [PartialDate(day.year, day.month, day.day)]
    assert found(text) == [PartialDate(day.year, day.month, day.day)]


@PROPERTY
@given(st.text(max_size=400),
       st.none() | st.builds(PartialDate, st.integers(1, 9999), st.integers(1, 12),
                             st.integers(1, 28)))
def test_find_dates_never_raises(text, anchor):
    for item in find_dates(text, anchor=anchor):
        assert 0 <= item.start < item.end <= len(text)


# --------------------------------------------------------------------------- user dates

@pytest.mark.parametrize("text,expected", [
    ("2009", PartialDate(2009)),
    ("2009-03", PartialDate(2009, 3)),
    ("2009-03-14", PartialDate(2009, 3, 14)),
    ("14 March 2009", PartialDate(2009, 3, 14)),
    ("March 2009", PartialDate(2009, 3)),
    ("March 14, 2009", PartialDate(2009, 3, 14)),
    ("March 14 2009", PartialDate(2009, 3, 14)),
    ("  2009 ", PartialDate(2009)),
])
def test_parse_user_date(text, expected):
    assert parse_user_date(text) == expected


@pytest.mark.parametrize("text", ["last year", "2009-13", "", "2009-02-30", "March",
                                  "14 March 2009 and more", "yesterday"])
def test_parse_user_date_rejects(text):
    with pytest.raises(DateParseError, match="cannot read the date"):
        parse_user_date(text)


def _read_by_the_patterns(text: str) -> PartialDate | None:
    """What the patterns for text make of a typed day: one date spanning it all, with a year."""
    found = find_dates(text)
    whole = len(found) == 1 and (found[0].start, found[0].end) == (0, len(text)) and found[0].date.has_year
    return found[0].date if whole else None


@PROPERTY
@given(st.integers(1400, 2300), st.integers(0, 19), st.integers(0, 39))
def test_a_typed_iso_day_reads_as_the_patterns_read_it(year, month, day):
    text = f"{year:04d}-{month:02d}-{day:02d}"
    expected = _read_by_the_patterns(text)
    if expected is None:
        with pytest.raises(DateParseError):
            parse_user_date(text)
    else:
        assert parse_user_date(text) == expected


def test_date_parse_error_is_a_value_error():
    assert issubclass(DateParseError, ValueError)


def test_user_date_span():
    span = user_date_span("2009", "2009-03")
    assert span.start == dt.date(2009, 1, 1)
    assert span.end == dt.date(2009, 3, 31)


def test_user_date_span_open_ends():
    assert user_date_span(None, "2008-02").start is None
    assert user_date_span(None, "2008-02").end == dt.date(2008, 2, 29)
    assert user_date_span("2009-03-14", None).start == dt.date(2009, 3, 14)
    assert user_date_span("2009-03-14", None).end is None


def test_user_date_span_same_month():
    span = user_date_span("2009-03", "2009-03")
    assert (span.start, span.end) == (dt.date(2009, 3, 1), dt.date(2009, 3, 31))


def test_user_date_span_from_after_to():
    with pytest.raises(DateParseError):
        user_date_span("2010", "2009-03")


# --------------------------------------------------------------------------- PartialDate

def test_precision():
    assert PartialDate(2011).precision == "year"
    assert PartialDate(2011, 3).precision == "month"
    assert PartialDate(2011, 3, 14).precision == "day"


def test_first_and_last_day():
    assert PartialDate(2011).first_day == dt.date(2011, 1, 1)
    assert PartialDate(2011).last_day == dt.date(2011, 12, 31)
    assert PartialDate(2011, 4).last_day == dt.date(2011, 4, 30)
    assert PartialDate(2011, 3, 14).first_day == PartialDate(2011, 3, 14).last_day == dt.date(2011, 3, 14)


@pytest.mark.parametrize("year,last", [(2012, 29), (2000, 29), (2011, 28), (2100, 28)])
def test_last_day_of_february(year, last):
    assert PartialDate(year, 2).last_day == dt.date(year, 2, last)


def test_invalid_partial_dates():
    with pytest.raises(ValueError):
        PartialDate(2011, 2, 31)
    with pytest.raises(ValueError):
        PartialDate(2011, 13)
    with pytest.raises(ValueError):
        PartialDate(2011, None, 5)


@pytest.mark.parametrize("date,iso", [(PartialDate(2011), "2011"), (PartialDate(2011, 3), "2011-03"),
                                      (PartialDate(2011, 3, 4), "2011-03-04"),
                                      (PartialDate(987), "0987")])
def test_iso_round_trip(date, iso):
    assert date.iso() == iso == str(date)
    assert PartialDate.from_iso(iso) == date


@PROPERTY
@given(st.dates(), st.sampled_from(["year", "month", "day"]))
def test_iso_round_trip_property(day, precision):
    date = PartialDate(day.year, *{"year": (), "month": (day.month,),
                                   "day": (day.month, day.day)}[precision])
    assert PartialDate.from_iso(date.iso()) == date
    assert date.precision == precision
    assert date.first_day <= day <= date.last_day


def test_sort_key_puts_coarser_dates_first():
    dates = [PartialDate(2011, 3, 2), PartialDate(2011), PartialDate(2010, 12, 31), PartialDate(2011, 3)]
    assert sorted(dates, key=PartialDate.sort_key) == [
        PartialDate(2010, 12, 31), PartialDate(2011), PartialDate(2011, 3), PartialDate(2011, 3, 2)]


# --------------------------------------------------------------------------- the patterns as written for speed

def _spelled_out_patterns() -> dict[str, list[re.Pattern[str]]]:
    """The date patterns as they read with \\b and look-behinds in front (archive.dates writes each
    to open with a character instead, for speed): the reference its patterns must agree with."""
    spellings = []
    for name in MONTHS:
        tail = "(?:t(?:ember)?)?" if name == "september" else f"(?:{name[3:]})?"
        spellings += [name[:3].capitalize() + tail, name[:3].upper() + tail.upper()]
    month = rf"(?:{'|'.join(spellings)})(?![A-Za-z])\.?"
    year, bare_year = r"(?:1[5-9]\d\d|20\d\d|21\d\d)", r"(?:1[6-9]\d\d|20\d\d)"
    ordinal, comma, day = r"(?:st|nd|rd|th)?", r"\s?,?\s+", r"\b(?P<day>\d{1,2})"
    weekday = r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    spelled = {
        "iso": [rf"(?<![\d-])(?P<year>{year})-(?P<month>\d\d)-(?P<day>\d\d)(?![\d-])"],
        "day month year": [rf"{day}{ordinal}(?:\s+of)?(?:\s+|-)(?P<month>{month})(?:{comma}|-)(?P<year>{year})\b"],
        "month day year": [rf"\b(?P<month>{month})\s+(?P<day>\d{{1,2}}){ordinal}{comma}(?P<year>{year})\b"],
        "numeric": [rf"(?<![\d/.£$€])(?P<first>\d{{1,2}})(?P<sep>[/.])(?P<second>\d{{1,2}})(?P=sep)"
                    rf"(?P<year>{year})(?![\d/])"],
        "numeric short year": [r"(?<![\d/.£$€])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<short>\d\d)(?![\d/])"],
        "month year": [rf"\b(?P<month>{month})(?:{comma}|\s+of\s+)(?P<year>{year})\b"],
        "decade": [r"\b(?P<decade>1[5-9]\d0|20\d0)['’]?s\b", r"(?<!\w)['’](?P<short_decade>\d0)['’]?s\b"],
        "year range": [rf"(?<![\w$£€#.,/-])(?P<year>{bare_year})\s?[-–]\s?(?P<until>{bare_year})(?![\w%.,/-]?\d)"],
        "year": [rf"(?<![\w$£€#.,/-])(?P<year>{bare_year})(?![\w%]|[.,/-]\d|\s?%)"],
        "weekday numeric": [rf"{weekday},?\s*\(?(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})\)?(?![/\d])"],
        "day month": [rf"(?<![/\d]){day}{ordinal}(?:\s+of)?\s+(?P<month>{month})(?!\s*,?\s*\d)"],
        "month day": [rf"\b(?P<month>{month})\s+(?P<day>\d{{1,2}}){ordinal}\b(?!\s?,?\s*\d)"],
    }
    return {rule: [re.compile(p) for p in patterns] for rule, patterns in spelled.items()}


_SPELLED_OUT = _spelled_out_patterns()
# Pieces of text where the patterns' edges lie: digits, months, weekdays, separators, word characters.
_DATE_PIECES = st.sampled_from([
    "1", "2", "0", "9", "12", "31", "00", "90", "1987", "2004", "2150", "1600", "May", "MAY", "may", "Sept",
    "Sept.", "September", "Jan", "JANUARY", "Dec", "Monday", "Tues", "Sunday", "day", "of", "s", "st", "th",
    " ", "  ", "\n", "\t", ",", ".", "/", "-", "–", "'", "’", "(", ")", "$", "£", "#", "%", "_", "a", "x", "é", "٣",
])


@settings(max_examples=1000, deadline=None, database=None)
@given(st.lists(_DATE_PIECES, max_size=30).map("".join))
def test_each_pattern_matches_as_spelled_out(text):
    by_rule: dict[str, list] = {}
    for rule, pattern, _ in _patterns():
        by_rule.setdefault(rule, []).extend((m.span(), m.groupdict()) for m in pattern.finditer(text))
    for rule, patterns in _SPELLED_OUT.items():
        expected = [(m.span(), m.groupdict()) for p in patterns for m in p.finditer(text)]
        assert by_rule[rule] == expected, rule


@settings(max_examples=1000, deadline=None, database=None)
@given(st.lists(_DATE_PIECES, max_size=30).map("".join))
def test_patterns_tried_only_where_they_can_start_find_what_a_scan_finds(text):
    starts = _pattern_starts(text)
    days, years = _digit_runs(text)  # also where a scan would be cheaper
    for rule, pattern, opening in _patterns():
        everywhere = [match.span() for match in pattern.finditer(text)]
        if starts is None or (not starts[_AT_MONTH] and (opening == _AT_MONTH or rule in _MONTH_INSIDE)):
            assert everywhere == [], rule  # find_dates does not try it
            continue
        tried = {_AT_DAY_DIGITS: days, _AT_YEAR_DIGITS: years}.get(opening, starts[opening])
        assert [match.span() for match in _matches(pattern, text, tried)] == everywhere, rule
        assert [match.span() for match in _matches(pattern, text, starts[opening])] == everywhere, rule
