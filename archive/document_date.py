"""The date a document carries for itself, with where it came from.

In order: a date the format states (e-mail Date header, HTML meta tags); a date line in the
opening lines (a letter's date line, "Published 14 March 2011", "LEEDS, 12 May 2010 —",
"Monday April 9 2007 FOR IMMEDIATE RELEASE"); a date in the file's name ("2011-03-14-minutes.pdf",
"10Apr2007Obama430.txt"); the first full date in the opening lines; the PDF's own metadata. A
document with none of these is undated: the file's modification time is never a document date.
"""
from __future__ import annotations

import re
from pathlib import PurePath

from archive.dates import MONTH_NUMBER, YEAR, FoundDate, find_dates
from archive.document import ATTACHMENT_MARK, PartialDate
from archive.kinds import HEAD_CHARS
from archive.readers.base import RawText
from archive.settings import DEFAULT_SETTINGS, ReadSettings

# Words that may stand beside a date on its own date line.
DATE_LINE_WORDS = 8
# A weekday before the date, not itself inside a sentence ("on Saturday, June 17" is an event).
_WEEKDAY_BEFORE = re.compile(
    r"(?<!\bon )(?<!\bby )(?<!\buntil )(?<!\bfrom )(?<!\bbefore )(?<!\bafter )(?<!\bthrough )(?<!\bnext )"
    r"(?<!\blast )(?<!\bthis )\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\W{0,3}$", re.I)
# "Published 14 March 2011", "Published in May 2003", "Embargoed until 00:01, 9 November 2011", "Date: 3 June 2010".
_RELEASE_WORDS = re.compile(r"(?:(?:published|released|issued|dated)(?: in| on)?|date|for immediate release|embargoed until"
                            r"(?: [\d:.]+(?: ?[ap]\.?m\.?)?)?|review of the year)\W{0,3}$", re.I)
# A word that puts the date inside a sentence ("The weir was built in 1998."): a short line of
# prose is no date line.
_PROSE_BEFORE = re.compile(r"\b(?:in|since|until|till|by|during|before|after|between|and|around|from|to|on|of)"
                           r"\s+$", re.I)
# Datelines: "LEEDS, 12 May 2010", "WASHINGTON, D.C. (March 1, 2019)", "Baltimore, MD (February 8, 2019)".
_DATELINE_BEFORE = re.compile(r"(?:^|\n)\s*(?:[A-Z][A-Z .'’-]{2,40},(?:\s*[A-Z][A-Za-z.]{1,6})?\s*[(—–-]?"
                              r"|[A-Z][A-Za-z .'’-]{2,40},\s*[A-Z][A-Za-z.]{1,6}\s*[(—–-])\s*$")
_MONTHS = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
_NAME_DAY = re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})(?P<month>{_MONTHS})(?P<year>{YEAR})(?!\d)", re.I)
_NAME_ISO = re.compile(rf"(?<!\d)(?P<year>{YEAR})[-_.]?(?P<month>\d\d)[-_.]?(?P<day>\d\d)(?!\d)")
_NAME_MONTH = re.compile(rf"^(?P<year>{YEAR})[-_.](?P<month>\d\d)(?!\d)")
_NAME_YEAR = re.compile(rf"^(?P<year>{YEAR})(?!\d)")


def _line_around(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start:line_end if line_end != -1 else len(text)]


def is_date_line(text: str, found: FoundDate) -> bool:
    """Does this date stand as the document's own date rather than inside running prose?"""
    before = text[max(0, found.start - 40):found.start]
    after = text[found.end:found.end + 40]
    rest = _line_around(text, found.start, found.end).replace(text[found.start:found.end], " ")
    return bool(
        (len(rest.split()) <= DATE_LINE_WORDS and not _PROSE_BEFORE.search(before))
        or _WEEKDAY_BEFORE.search(before)
        or _RELEASE_WORDS.search(before) or re.match(r"\W*for immediate release", after, re.I)
        or (before.rstrip().endswith("(") and after.lstrip().startswith(")"))
        or _DATELINE_BEFORE.search(before)
    )


def date_in_name(path: str) -> PartialDate | None:
    """A date the file's name gives it: 2011-03-14, 20110314, 10Apr2007, or a leading 2011-03 / 2011."""
    name = PurePath(path.split(ATTACHMENT_MARK)[-1]).name
    try:
        if match := _NAME_ISO.search(name):
            return PartialDate(int(match["year"]), int(match["month"]), int(match["day"]))
        if match := _NAME_DAY.search(name):
            return PartialDate(int(match["year"]), MONTH_NUMBER[match["month"].lower()], int(match["day"]))
        if match := _NAME_MONTH.match(name):
            return PartialDate(int(match["year"]), int(match["month"]))
        if match := _NAME_YEAR.match(name):
            return PartialDate(int(match["year"]))
    except ValueError:
        return None
    return None


def document_date(text: str, raw: RawText, path: str,
                  settings: ReadSettings = DEFAULT_SETTINGS) -> tuple[PartialDate | None, str | None]:
    if raw.date:
        return raw.date, raw.date_source
    # A document's own date has a year and is one day, month or year (not "the 1990s").
    opening = [found for found in find_dates(text[:HEAD_CHARS], day_first=settings.day_first)
               if found.date.precision in ("day", "month", "year")]
    date_lines = [found for found in opening if is_date_line(text, found)]
    named = date_in_name(path)
    # A full date line first; a file name that gives the day beats a month or year line.
    for found in sorted(date_lines, key=lambda f: f.date.precision != "day"):
        if found.date.precision == "day" or not (named and named.precision == "day"):
            return found.date, f"date line in the opening lines ({found.rule})"
    if named:
        return named, "file name"
    full_dates = [found for found in opening if found.date.precision == "day"]
    if full_dates:
        return full_dates[0].date, f"first full date in the opening lines ({full_dates[0].rule})"
    if raw.fallback_date:
        return raw.fallback_date, raw.fallback_date_source
    return None, None
