"""The document's own date: which rule wins, and what is never a document date."""
from __future__ import annotations

import pytest

from archive.document import PartialDate
from archive.document_date import date_in_name, document_date
from archive.readers.base import RawText


def _date(text: str, path: str = "doc.txt", **raw) -> tuple[str | None, str | None]:
    date, source = document_date(text, RawText(pages=[text], **raw), path)
    return (date.iso() if date else None), source


@pytest.mark.parametrize("text,expected", [
    ("17 March 2011\n\nDear Ms Okafor,\n\nThe hearing moved to 4 April 2011.", "2011-03-17"),
    ("PRESS RELEASE\nPublished 14 March 2011\n\nThe committee met on 2 March 2011.", "2011-03-14"),
    ("Embargoed until 00:01, 9 November 2011\nThe report, due 1 November 2011, is out.", "2011-11-09"),
    ("LEEDS, 12 May 2010 — Work began on 3 May 2010 at the weir.", "2010-05-12"),
    ("WASHINGTON, D.C. (March 1, 2019) – This week, on February 26, 2019, the Center said", "2019-03-01"),
    ("Obama on IRS Privacy Monday  April  9  2007  FOR IMMEDIATE RELEASE  Contact  Ben", "2007-04-09"),
    ("Published November 2003\n\nThe committee will take evidence in January 2004.", "2003-11"),
    ("Published in May 2003\n\nThe weir was built in 1998.", "2003-05"),
])
def test_date_lines_win(text, expected):
    date, source = _date(text)
    assert date == expected
    assert source.startswith("date line")


def test_an_event_in_a_sentence_is_not_the_date_line_but_the_file_name_is():
    text = "Sen. Lugar will host a job fair on Saturday, June 17, 2006, from 10:00 a.m. in the Center."
    assert _date(text, "10May2006Lugar1.txt") == ("2006-05-10", "file name")
    date, source = _date(text, "fair.txt")
    assert (date, source.startswith("first full date")) == ("2006-06-17", True)


@pytest.mark.parametrize("text", [
    "Flood defences\nThe weir was built in 1998.\nIt held until the storm.",
    "Flood defences\nNothing changed since May 2003.\nThe permit stands.",
    "Flood defences\nThe levels rose between 2001 and 2004.",
])
def test_a_short_line_of_prose_with_a_year_is_no_date_line(text):
    assert _date(text) == (None, None)


def test_format_headers_come_first():
    date = PartialDate(2011, 6, 14)
    assert _date("17 March 2011\nDear Sir,", date=date, date_source="e-mail Date header") == (
        "2011-06-14", "e-mail Date header")


def test_pdf_metadata_is_only_a_fallback():
    fallback = {"fallback_date": PartialDate(2010, 5, 20), "fallback_date_source": "PDF metadata"}
    assert _date("A river is not a drain. It never was.", **fallback) == ("2010-05-20", "PDF metadata")
    assert _date("14 March 2011\nA river is not a drain.", **fallback)[0] == "2011-03-14"


def test_undated_stays_undated():
    assert _date("We will meet on 24 March at 10:00; the fee is £83m, up 75%.") == (None, None)


@pytest.mark.parametrize("name,expected", [
    ("2011-03-14-running-foul.pdf", "2011-03-14"),
    ("minutes_20110314.txt", "2011-03-14"),
    ("10Apr2007Obama430.txt", "2007-04-10"),
    ("3Nov2005Obama625.txt", "2005-11-03"),
    ("2003-11-flood-defences-inquiry.txt", "2003-11"),
    ("2009-review-of-the-year.txt", "2009"),
    ("notes-2009.txt", None),          # a year inside a name is not a date the name gives
    ("report-20111340.txt", None),     # no 40th of the 13th month
    ("mail.eml#2011-01-01-note.txt", "2011-01-01"),
])
def test_dates_in_file_names(name, expected):
    found = date_in_name(f"/archive/{name}")
    assert (found.iso() if found else None) == expected


def test_a_yearless_or_decade_date_line_is_not_a_document_date():
    assert _date("3 March\n\nThe pumps failed.") == (None, None)
    assert _date("The 1990s\n\nThe pumps failed.") == (None, None)
