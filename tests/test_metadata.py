"""archive.metadata.build_document, reached the way the indexer reaches it: extract_bytes."""
from __future__ import annotations

import datetime as dt
import hashlib
from email.message import EmailMessage

import pytest
from fpdf import FPDF

from archive.document import PAGE_BREAK, PartialDate
from archive.extract import extract_bytes

LETTER = """17 March 2011

Ms A. Okafor
Head of Community Safety
Home Office
London SW1P 4DF

Dear Ms Okafor,

Thank you for your letter about the closure of the Calder footbridge. I can confirm that
Adaeze Okafor of the Home Office will be welcome at the meeting on 24 March.

Yours sincerely,
Tomasz Wierzbicki
"""

RELEASE = """PRESS RELEASE

Home Affairs Committee

Published 14 March 2011

Committee calls for urgent action on river pollution

The Committee today published its report on river pollution. The findings were stark.

ENDS

Notes to editors
1. The Committee is appointed by the House of Commons.
"""

ARTICLE = """Flood defences delayed again

By Helen Marsh

LEEDS, 12 May 2010 — Work on the city's flood defences has been delayed for a third time,
the council said on Tuesday. Residents first met in April 2010 to discuss the plans.
"""

UNDATED = """Notes on the footbridge

The bridge needs repair. Nobody knows when the work will start.
"""


def only(data: bytes, path: str):
    documents = extract_bytes(data, path)
    assert len(documents) == 1
    return documents[0]


# --------------------------------------------------------------------------- letter

@pytest.fixture(scope="module")
def letter():
    return only(LETTER.encode("utf-8"), "inbox/letter.txt")


def test_letter_kind(letter):
    assert letter.kind == "letter"


def test_letter_date(letter):
    assert letter.date == PartialDate(2011, 3, 17)
    assert letter.date.precision == "day"
    assert letter.date_source.startswith("date line in the opening lines")


def test_letter_parties(letter):
    assert letter.sender == "Tomasz Wierzbicki"
    assert letter.recipient == "Adaeze Okafor"  # "Ms Okafor" resolved to the full name in the body
    assert "Adaeze Okafor" in letter.people and "Tomasz Wierzbicki" in letter.people
    assert "Okafor" not in letter.people
    assert "Home Office" in letter.organisations


@pytest.mark.parametrize("byline, authors", [("OKAFOR, with WIERZBICKI", ["OKAFOR", "WIERZBICKI"]),
                                             ("OKAFOR AND WIERZBICKI", ["OKAFOR", "WIERZBICKI"]),
                                             ("Okafor and Wierzbicki", [])])
def test_a_byline_over_the_salutation_names_each_of_its_authors(byline, authors):
    text = (f"OPEN LETTER No. 3\n\n{byline}\n\nTo the People of the County of Calder:\n\n"
            "The footbridge must reopen before the winter floods come.\n\nCIVIS.\n")
    document = only(text.encode("utf-8"), "inbox/open-letter.txt")
    assert document.kind == "letter"
    for author in authors:
        assert author in document.people
    # The first author is the sender; a mixed-case pair is one name, as a body's name would be.
    assert document.sender == (authors[0] if authors else byline)


def test_letter_dates_mentioned(letter):
    # "the meeting on 24 March" takes its year from the letter's own date.
    assert PartialDate(2011, 3, 24) in letter.dates_mentioned
    assert PartialDate(2011, 3, 17) in letter.dates_mentioned
    assert letter.dates_mentioned == sorted(letter.dates_mentioned, key=PartialDate.sort_key)


def test_letter_record(letter):
    data = LETTER.encode("utf-8")
    assert letter.sha256 == hashlib.sha256(data).hexdigest()
    assert letter.id == letter.sha256[:16]
    assert letter.format == "txt"
    assert letter.path == "inbox/letter.txt"
    assert letter.title and "\n" not in letter.title
    record = letter.to_dict()
    assert record["type"] == "letter"
    assert record["date"] == "2011-03-17" and record["date_precision"] == "day"
    assert "2011-03-24" in record["dates_mentioned"]
    assert record["pages"] == 1
    assert record["text"] == LETTER.strip()


def test_letter_with_address_does_not_mention_street_number_as_date():
    # Same letter with a street address in the address block.
    text = LETTER.replace("London SW1P 4DF", "2 Marsham Street\nLondon SW1P 4DF")
    document = only(text.encode("utf-8"), "letter.txt")
    assert document.date == PartialDate(2011, 3, 17)
    assert document.kind == "letter"


def test_letter_street_address_is_not_a_date_mentioned():
    text = LETTER.replace("London SW1P 4DF", "2 Marsham Street\nLondon SW1P 4DF")
    document = only(text.encode("utf-8"), "letter.txt")
    assert document.dates_mentioned == [PartialDate(2011, 3, 17), PartialDate(2011, 3, 24)]


# --------------------------------------------------------------------------- release, article

def test_committee_release():
    document = only(RELEASE.encode("utf-8"), "misc/release.txt")
    assert document.kind == "committee_release"
    assert document.date == PartialDate(2011, 3, 14)
    assert document.sender is None and document.recipient is None
    assert "Home Affairs Committee" in document.organisations


def test_article():
    document = only(ARTICLE.encode("utf-8"), "misc/article.txt")
    assert document.kind == "article"
    assert document.date == PartialDate(2010, 5, 12)
    assert document.title == "Flood defences delayed again"
    assert "Helen Marsh" in document.people
    assert PartialDate(2010, 4) in document.dates_mentioned
    assert document.sender is None and document.recipient is None


def test_undated_text_has_no_date():
    document = only(UNDATED.encode("utf-8"), "notes.txt")
    assert document.date is None
    assert document.date_source is None
    assert document.dates_mentioned == []
    assert document.to_dict()["date"] is None and document.to_dict()["date_precision"] is None


def test_folder_breaks_a_tie():
    text = "Some remarks on the footbridge.\n\nNothing else to say.\n"
    assert only(text.encode(), "correspondence/2011/note.txt").kind == "letter"
    assert only(text.encode(), "press releases/note.txt").kind == "committee_release"
    assert only(text.encode(), "elsewhere/note.txt").kind == "article"


# --------------------------------------------------------------------------- e-mail

def test_eml_is_a_letter_dated_by_its_header():
    message = EmailMessage()
    message["From"] = "Tomasz Wierzbicki <tw@example.org>"
    message["To"] = "Adaeze Okafor <ao@example.gov.uk>"
    message["Subject"] = "Footbridge"
    message["Date"] = "Thu, 17 Mar 2011 10:00:00 +0000"
    # A full date early in the body must not override the header.
    message.set_content("Hello,\n\nThe footbridge was closed on 2 February 2011.\n\nTomasz")
    document = only(bytes(message), "archive/mail.eml")
    assert document.kind == "letter"
    assert document.format == "eml"
    assert document.date == PartialDate(2011, 3, 17)
    assert document.date_source == "e-mail Date header"
    assert document.sender == "Tomasz Wierzbicki"
    assert document.recipient == "Adaeze Okafor"
    assert document.title == "Footbridge"
    assert PartialDate(2011, 2, 2) in document.dates_mentioned


# --------------------------------------------------------------------------- pdf

def _pdf(pages: list[str], created: dt.datetime, title: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    if title:
        pdf.set_title(title)
    pdf.set_creation_date(created)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


def test_pdf_date_from_metadata_only():
    data = _pdf(["Annual report\n\nThe trust cleaned the river banks during the year."],
                dt.datetime(2009, 6, 30, 12, 0, tzinfo=dt.timezone.utc),
                title="Annual report of the Rivers Trust")
    document = only(data, "reports/annual.pdf")
    assert document.date == PartialDate(2009, 6, 30)
    assert document.date_source == "PDF metadata"
    assert document.title == "Annual report of the Rivers Trust"
    assert document.format == "pdf"


def test_pdf_date_in_text_beats_metadata():
    data = _pdf(["14 March 2011\n\nMinutes of the meeting."],
                dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    document = only(data, "minutes.pdf")
    assert document.date == PartialDate(2011, 3, 14)
    assert document.date_source != "PDF metadata"


def test_pdf_pages_are_kept():
    data = _pdf(["First page.", "Second page.", "Third page."],
                dt.datetime(2009, 6, 30, tzinfo=dt.timezone.utc))
    document = only(data, "three.pdf")
    assert document.page_count == 3
    assert document.pages == ["First page.", "Second page.", "Third page."]
    assert document.text == PAGE_BREAK.join(document.pages)
