"""The one record that crosses from the document side into the index."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

KINDS = ("letter", "committee_release", "article")
PRECISIONS = ("day", "month", "year")

# An attachment's path names its message and the attachment: "mail.eml#minutes.pdf".
ATTACHMENT_MARK = "#"

# Pages are joined with a form feed so that a character offset in the text can
# always be turned back into a page number.
PAGE_BREAK = "\f"


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the day, the month or the year; or a run of whole years
    ("the 1990s"); or a day of a month whose year nobody wrote ("on 24 March", undated)."""

    year: int | None
    month: int | None = None
    day: int | None = None
    # The last year of a run of whole years: "the 1990s" is 1990 until 1999.
    until_year: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.year is None and (self.month is None or self.day is None or self.until_year):
            raise ValueError("only a day and month may stand without a year")
        if self.until_year is not None and (self.month is not None or self.until_year <= self.year):
            raise ValueError("a run of years needs whole years, the first before the last")
        # Raises ValueError for impossible dates such as 31 February (29 February may stand yearless).
        dt.date(self.year or 2000, self.month or 1, self.day or 1)

    @property
    def precision(self) -> str:
        if self.year is None:
            return "day-month"
        if self.until_year is not None:
            return "years"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def has_year(self) -> bool:
        return self.year is not None

    @property
    def first_day(self) -> dt.date:
        if self.year is None:
            raise ValueError(f"{self.iso()} has no year, so no place in time")
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day
        if self.until_year is not None:
            return dt.date(self.until_year, 12, 31)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def sort_key(self) -> tuple:
        """Earlier first; a coarser date just before the finer dates it contains; yearless last."""
        if self.year is None:
            return (10000, self.month, self.day, 0)
        return (self.year, self.month or 0, self.day or 0, self.until_year or 0)

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        text = f"{self.year:04d}"
        if self.until_year is not None:
            return f"{text}/{self.until_year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """The inverse of iso(): 2011, 2011-03, 2011-03-17, 1990/1999, --03-24."""
        if text.startswith("--"):
            month, day = text[2:].split("-")
            return cls(None, int(month), int(day))
        if "/" in text:
            first, last = text.split("/")
            return cls(int(first), until_year=int(last))
        parts = [int(part) for part in text.split("-")]
        return cls(*parts)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class DateSpan:
    """An inclusive range of days, as asked for by a user (``--from``/``--to``)."""

    start: dt.date | None = None
    end: dt.date | None = None


@dataclass
class Document:
    """Everything the archive knows about one document."""

    path: str
    sha256: str
    format: str
    title: str
    kind: str
    pages: list[str]
    date: PartialDate | None = None
    date_source: str | None = None
    dates_mentioned: list[PartialDate] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    sender: str | None = None
    recipient: str | None = None
    # field -> the override file that set it (see archive/overrides.py)
    overridden: dict[str, str] = field(default_factory=dict)
    # What reading left out (text cut at the limit, an attachment too large): reported, not stored.
    notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Content-addressed: the same bytes are the same document wherever they lie."""
        return self.sha256[:16]

    @property
    def text(self) -> str:
        return PAGE_BREAK.join(self.pages)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def names(self) -> list[str]:
        return self.people + self.organisations

    def to_dict(self, with_text: bool = True) -> dict:
        """The `archive inspect --json` shape."""
        record = {
            "id": self.id,
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "title": self.title,
            "type": self.kind,
            "date": self.date.iso() if self.date else None,
            "date_precision": self.date.precision if self.date else None,
            "date_source": self.date_source,
            "dates_mentioned": [d.iso() for d in self.dates_mentioned],
            "people": self.people,
            "organisations": self.organisations,
            "sender": self.sender,
            "recipient": self.recipient,
            "pages": self.page_count,
            "overridden": self.overridden,
        }
        if with_text:
            record["text"] = self.text
        return record
