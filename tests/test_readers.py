"""The format readers, one section per format, on inputs built here (no fixtures on disk)."""
from __future__ import annotations

import codecs
import datetime as dt
import random
import zlib
from email.headerregistry import Address
from email.message import EmailMessage

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.document import PartialDate
from archive.extract import extract_bytes
from archive.readers import RawText, ReadError, format_of, read_bytes
from archive.readers.text import decode
from archive.settings import ReadSettings
from tests.fixtures.hostile import bomb_pdf, pdf_with_content

PROPERTY = settings(max_examples=200, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
PDF_PROPERTY = settings(max_examples=60, deadline=None, database=None,
                        suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- text

CP1252_LETTER = (
    "Dear Ms Okafor,\n\n"
    "Thank you for your letter. The cost – £450 – was “unexpected”, and I’m sorry "
    "the café was closed when you called.\n\n"
    "Yours sincerely,\nTomasz"
)


@pytest.mark.parametrize("text", [
    CP1252_LETTER,
    "Résumé: the fee is £20 – that’s “fair”.",
    "It’s £10 – “cheap” – at the café.",
    "Costs rose to £83m – “a record”.",
    "The fee was £20.",
    "Fee: £20 – “fair”, she said. Café é.",
])
def test_windows_1252_decodes_exactly(text):
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test really exercises the non-UTF-8 path
    assert decode(data) == text
    assert read_bytes(data, "x.txt").pages == [text]


@pytest.mark.parametrize("text", [
    "Zoë Lefèvre paid £20 for the crème brûlée.",
    "Müller & Söhne, Düsseldorf, £100",
    "Café à la crème, naïve façade; £10 ½ déjà vu",
    "Prix: £12, reçu le 3 août à Genève.",
    "Tickets cost £5.",
])
def test_latin1_decodes_exactly(text):
    data = text.encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data) == text
    assert read_bytes(data, "x.txt").pages == [text]


def test_crlf_and_cr_are_normalised():
    raw = read_bytes(b"first line\r\nsecond line\rthird line\r\n", "notes.txt")
    assert raw.pages == ["first line\nsecond line\nthird line"]
    assert "\r" not in raw.pages[0]


def test_text_reader_drops_nul_and_outer_blank_lines():
    raw = read_bytes(b"\n\nbody\x00 text\n\n", "x.md")
    assert raw.pages == ["body text"]
    assert raw.title is None and raw.date is None and raw.is_email is False


def test_format_of():
    assert format_of("a/b/Report.PDF") == "pdf"
    assert format_of("page.htm") == "html"
    assert format_of("notes.md") == "txt"
    assert format_of("mail.eml") == "eml"
    assert format_of("scan.JPG") == "image"
    assert format_of("picture.gif") is None


# --------------------------------------------------------------------------- html

FULL_PAGE = b"""<!doctype html>
<html><head>
<title>Page Title | Example News</title>
<meta property="og:title" content="Flood defences delayed again">
<meta property="article:published_time" content="2010-05-12T09:30:00Z">
<style>body { color: red } .STYLETEXT {}</style>
<script>var secret = "SCRIPTTEXT";</script>
</head>
<body>
<header>SITEHEADER</header>
<nav><a href="/">NAVHOME</a></nav>
<main>
  <h1>Flood defences delayed</h1>
  <p>Work on the defences has been delayed.</p>
  <p>Residents were <b>not</b> told.</p>
  <script>alert("INLINESCRIPT")</script>
  <nav>INNERNAV</nav>
</main>
<footer>SITEFOOTER</footer>
</body></html>"""


def test_html_keeps_main_text_with_paragraph_breaks():
    raw = read_bytes(FULL_PAGE, "page.html")
    assert raw.pages == ["Flood defences delayed\n\nWork on the defences has been delayed.\n\n"
                         "Residents were not told."]


@pytest.mark.parametrize("excluded", ["SCRIPTTEXT", "STYLETEXT", "INLINESCRIPT", "SITEHEADER",
                                      "NAVHOME", "INNERNAV", "SITEFOOTER", "<", ">"])
def test_html_excludes_boilerplate_and_code(excluded):
    assert excluded not in read_bytes(FULL_PAGE, "page.html").pages[0]


def test_html_article_element_is_the_main_text():
    page = b"""<html><body><header>TOPHEADER</header><nav>TOPNAV</nav>
    <article><h2>Heading</h2><p>First paragraph.</p><p>Second paragraph.</p></article>
    <aside>SIDEBAR</aside><footer>BOTTOM</footer></body></html>"""
    text = read_bytes(page, "a.htm").pages[0]
    assert text == "Heading\n\nFirst paragraph.\n\nSecond paragraph."


def test_html_without_main_drops_top_level_header_footer_nav():
    page = b"""<html><head><title>T</title></head><body>
    <header>HEADERTEXT</header><nav>NAVTEXT</nav>
    <div><p>Body one.</p><p>Body two.</p></div>
    <footer>FOOTERTEXT</footer></body></html>"""
    assert read_bytes(page, "x.html").pages == ["Body one.\n\nBody two."]


def test_html_title_prefers_og_title():
    raw = read_bytes(FULL_PAGE, "page.html")
    assert raw.title == "Flood defences delayed again"


def test_html_title_falls_back_to_title_element():
    page = b"<html><head><title>  The   Title </title></head><body><h1>Heading</h1><p>x</p></body></html>"
    assert read_bytes(page, "x.html").title == "The Title"


def test_html_title_falls_back_to_first_h1():
    page = b"<html><body><h1>First <i>Heading</i></h1><h1>Second</h1><p>x</p></body></html>"
    assert read_bytes(page, "x.html").title == "First Heading"


def test_html_without_any_title():
    assert read_bytes(b"<html><body><p>just text</p></body></html>", "x.html").title is None


def test_html_date_from_article_published_time():
    raw = read_bytes(FULL_PAGE, "page.html")
    assert raw.date == PartialDate(2010, 5, 12)
    assert raw.date_source == "HTML meta article:published_time"


def test_html_date_from_meta_name_date():
    page = b'<html><head><meta name="date" content="2009-07-01"></head><body><p>x</p></body></html>'
    raw = read_bytes(page, "x.html")
    assert raw.date == PartialDate(2009, 7, 1)
    assert raw.date_source == "HTML meta date"


def test_html_date_from_time_element():
    page = b"""<html><body><article><p>Story</p>
    <time datetime="not a date">soon</time><time datetime="2011-03-14T09:00">14 March</time>
    </article></body></html>"""
    raw = read_bytes(page, "x.html")
    assert raw.date == PartialDate(2011, 3, 14)
    assert raw.date_source == "HTML <time>"


def test_html_meta_date_beats_time_element():
    page = b"""<html><head><meta property="article:published_time" content="2012-01-02">
    </head><body><time datetime="2011-03-14">x</time></body></html>"""
    assert read_bytes(page, "x.html").date == PartialDate(2012, 1, 2)


def test_html_invalid_meta_date_is_ignored():
    page = b'<html><head><meta name="date" content="2011-02-31"></head><body>x</body></html>'
    raw = read_bytes(page, "x.html")
    assert raw.date is None and raw.date_source is None


def test_html_without_date():
    raw = read_bytes(b"<html><body><p>no date here</p></body></html>", "x.html")
    assert raw.date is None and raw.fallback_date is None


# --------------------------------------------------------------------------- pdf

def make_pdf(pages: list[str], title: str | None = None,
             created: dt.datetime | None = None) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    if title is not None:
        pdf.set_title(title)
    if created is not None:
        pdf.set_creation_date(created)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


THREE_PAGES = ["Page one: the council met.", "Page two: café prices rose to £5.",
               "Page three: the meeting closed."]


def test_pdf_three_pages_keep_their_boundaries():
    raw = read_bytes(make_pdf(THREE_PAGES), "minutes.pdf")
    assert raw.pages == THREE_PAGES


def test_pdf_metadata_title_and_creation_date():
    data = make_pdf(["Some text."], title="Minutes of the Meeting",
                    created=dt.datetime(2011, 3, 14, 9, 30, tzinfo=dt.timezone.utc))
    raw = read_bytes(data, "minutes.pdf")
    assert raw.title == "Minutes of the Meeting"
    assert raw.fallback_date == PartialDate(2011, 3, 14)
    assert raw.fallback_date_source == "PDF metadata"
    assert raw.date is None  # a creation date is only a fallback


def test_pdf_without_title():
    assert read_bytes(make_pdf(["x y z"]), "a.pdf").title is None


def test_pdf_not_a_pdf():
    with pytest.raises(ReadError, match="not a PDF"):
        read_bytes(b"<html><body>I am really a web page</body></html>", "report.pdf")


def test_pdf_empty_file_is_not_a_pdf():
    with pytest.raises(ReadError, match="not a PDF"):
        read_bytes(b"", "empty.pdf")


def test_pdf_truncated_raises_read_error():
    data = make_pdf(THREE_PAGES)
    with pytest.raises(ReadError):
        read_bytes(data[: len(data) // 2], "cut.pdf")


def test_pdf_stream_inflating_past_the_limit_fails_as_a_bomb_and_reads_under_a_higher_one():
    bomb = bomb_pdf(megabytes=20)
    with pytest.raises(ReadError, match=r"inflates to more than the limit \(5 MB, --max-inflated-mb\)"):
        read_bytes(bomb, "bomb.pdf", settings=ReadSettings(max_inflated_mb=5))
    with pytest.raises(ReadError, match="no text layer"):  # 20 MB of spaces: inflated, and empty
        read_bytes(bomb, "bomb.pdf", settings=ReadSettings(max_inflated_mb=30))


def test_pdf_stream_cut_short_keeps_the_text_before_the_cut():
    # pdfminer falls back to inflating what there is; the bounded inflater must keep that working.
    filler = random.Random(1).randbytes(3000).replace(b"\n", b" ").replace(b"\r", b" ")
    packed = zlib.compress(b"BT /F1 12 Tf 72 700 Td (Words before the cut) Tj ET\n%" + filler)
    pdf = pdf_with_content(packed[:-1000], compressed=False).replace(b"/Length", b"/Filter /FlateDecode /Length", 1)
    assert read_bytes(pdf, "cut.pdf").pages == ["Words before the cut"]


def test_pdf_without_text_layer():
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 40)
    with pytest.raises(ReadError, match="no text layer"):
        read_bytes(bytes(pdf.output()), "scan.pdf")


_ONE_PDF = make_pdf(THREE_PAGES)


@PDF_PROPERTY
@given(st.integers(min_value=0, max_value=len(_ONE_PDF)))
def test_pdf_any_truncation_reads_or_raises_read_error(cut):
    try:
        raw = read_bytes(_ONE_PDF[:cut], "cut.pdf")
    except ReadError:
        return
    assert isinstance(raw, RawText) and all(isinstance(p, str) for p in raw.pages)


# --------------------------------------------------------------------------- eml

def make_mail(body: str = "Dear Ms Okafor,\n\nThe footbridge is closed.\n\nTomasz Wierzbicki",
              subtype: str = "plain") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Tomasz Wierzbicki <tw@example.org>"
    message["To"] = "Adaeze Okafor <a.okafor@example.gov.uk>, Other Person <o@example.org>"
    message["Subject"] = "Calder   footbridge closure"
    message["Date"] = "Thu, 17 Mar 2011 23:30:00 -0500"
    message.set_content(body, subtype=subtype)
    return message


def test_eml_headers():
    raw = read_bytes(bytes(make_mail()), "mail.eml")
    assert raw.sender == "Tomasz Wierzbicki"
    assert raw.recipient == "Adaeze Okafor"
    assert raw.title == "Calder footbridge closure"
    # The day as written in the header, not shifted to another time zone.
    assert raw.date == PartialDate(2011, 3, 17)
    assert raw.date.precision == "day"
    assert raw.date_source == "e-mail Date header"
    assert raw.is_email is True
    assert raw.pages == ["Dear Ms Okafor,\n\nThe footbridge is closed.\n\nTomasz Wierzbicki"]


def test_eml_address_without_display_name():
    message = make_mail()
    del message["From"]
    message["From"] = "tw@example.org"
    assert read_bytes(bytes(message), "m.eml").sender == "tw@example.org"


def test_eml_without_date_or_subject():
    message = make_mail()
    del message["Date"]
    del message["Subject"]
    raw = read_bytes(bytes(message), "m.eml")
    assert raw.date is None and raw.date_source is None and raw.title is None


def test_eml_bad_date_header_is_no_date_not_an_error():
    message = make_mail()
    del message["Date"]
    message["Date"] = "Thu, 31 Feb 2011 10:00:00 +0000"
    raw = read_bytes(bytes(message), "m.eml")
    assert raw.date is None
    assert raw.sender == "Tomasz Wierzbicki"


def test_eml_html_only_body_goes_through_html_reader():
    body = ("<html><head><style>p {color: red}</style></head><body>"
            "<p>Hello <b>there</b>,</p><p>The bridge is closed.</p>"
            "<script>track()</script></body></html>")
    raw = read_bytes(bytes(make_mail(body, subtype="html")), "m.eml")
    assert raw.pages == ["Hello there,\n\nThe bridge is closed."]
    assert "<" not in raw.pages[0] and "track" not in raw.pages[0] and "color" not in raw.pages[0]


def test_eml_rfc2047_display_name():
    message = make_mail()
    del message["From"]
    message["From"] = Address("Zoë Lefèvre", "zoe", "example.org")
    data = bytes(message)
    assert b"=?utf-8?" in data  # the header really is encoded on the wire
    assert read_bytes(data, "m.eml").sender == "Zoë Lefèvre"


def test_eml_rfc2047_latin1_raw_header():
    data = (b"From: =?iso-8859-1?q?Zo=EB_Lef=E8vre?= <zoe@example.org>\r\n"
            b"To: a@example.org\r\n"
            b"Subject: =?utf-8?b?Q2Fmw6kgbWVldGluZw==?=\r\n"
            b"Date: Mon, 14 Mar 2011 09:00:00 +0000\r\n\r\nbody text\r\n")
    raw = read_bytes(data, "m.eml")
    assert raw.sender == "Zoë Lefèvre"
    assert raw.title == "Café meeting"
    assert raw.pages == ["body text"]


def test_eml_html_body_nested_too_deep_keeps_its_words_and_says_so():
    markup = "<html><body>" + "<div>" * 50 + "deep words" + "</div>" * 50 + "</body></html>"
    raw = read_bytes(bytes(make_mail(markup, "html")), "m.eml", settings=ReadSettings(max_html_depth=10))
    assert raw.pages == ["deep words"]
    assert raw.notes == ["HTML nested more than 10 tags deep: the deeper tags were ignored, their text kept"]


def _mail_with_attachments() -> bytes:
    message = make_mail()
    message.add_attachment(b"Minutes of the meeting held on 24 March 2011.",
                           maintype="text", subtype="plain", filename="minutes.txt")
    message.add_attachment(b"\x00\x01\x02 opaque", maintype="application",
                           subtype="octet-stream", filename="blob.xyz")
    return bytes(message)


def test_eml_attachments_are_returned_by_the_reader():
    raw = read_bytes(_mail_with_attachments(), "mail.eml")
    assert [a.name for a in raw.attachments] == ["minutes.txt", "blob.xyz"]
    assert raw.attachments[0].data == b"Minutes of the meeting held on 24 March 2011."
    # The attachment is not part of the body.
    assert "Minutes" not in raw.pages[0]


def test_eml_txt_attachment_becomes_its_own_document_and_xyz_is_ignored():
    documents = extract_bytes(_mail_with_attachments(), "mail.eml")
    assert [d.path for d in documents] == ["mail.eml", "mail.eml#minutes.txt"]
    attachment = documents[1]
    assert attachment.format == "txt"
    assert attachment.pages == ["Minutes of the meeting held on 24 March 2011."]
    assert attachment.date == PartialDate(2011, 3, 24)
    assert documents[0].id != attachment.id


def test_eml_unreadable_attachment_is_skipped_and_the_message_says_so():
    message = make_mail()
    message.add_attachment(b"definitely not a pdf", maintype="application", subtype="pdf",
                           filename="broken.pdf")
    documents = extract_bytes(bytes(message), "mail.eml")
    assert [d.path for d in documents] == ["mail.eml"]
    [note] = documents[0].notes  # reported as partial: the message is in, the attachment is not
    assert note.startswith("attachment broken.pdf not read: ")


# --------------------------------------------------------------------------- unsupported

def test_unsupported_extension():
    with pytest.raises(ReadError, match="unsupported"):
        read_bytes(b"{\\rtf1 hello}", "x.rtf")


def test_no_extension_is_unsupported():
    with pytest.raises(ReadError, match="unsupported"):
        read_bytes(b"hello", "README")


# --------------------------------------------------------------------------- properties

def _reads_or_read_error(data: bytes, name: str) -> None:
    try:
        raw = read_bytes(data, name)
    except ReadError as error:
        assert str(error)
        return
    assert isinstance(raw, RawText)
    assert isinstance(raw.pages, list) and raw.pages
    assert all(isinstance(page, str) for page in raw.pages)


@pytest.mark.parametrize("name", ["x.txt", "x.html", "x.eml"])
@PROPERTY
@given(data=st.binary(max_size=2000))
def test_reader_never_fails_otherwise(name, data):
    _reads_or_read_error(data, name)


@PROPERTY
@given(st.binary(min_size=64, max_size=2000))
def test_random_bytes_named_eml_are_refused_as_binary(data):
    """Bytes of every value alike (a tenth of them controls no text holds) are no e-mail."""
    uniform = bytes(range(256)) * 8 + data
    with pytest.raises(ReadError, match="binary data, not an e-mail despite the extension"):
        read_bytes(uniform, "mail.eml")


@PDF_PROPERTY
@given(st.binary(max_size=2000))
def test_pdf_reader_never_fails_otherwise(data):
    _reads_or_read_error(data, "x.pdf")


@PDF_PROPERTY
@given(st.binary(max_size=2000))
def test_pdf_reader_with_pdf_header_never_fails_otherwise(data):
    _reads_or_read_error(b"%PDF-1.4\n" + data, "x.pdf")


@PROPERTY
@given(st.text(max_size=300).map(lambda s: "<html><body><p>" + s + "</p></body></html>"))
def test_html_reader_on_markup_like_text(markup):
    _reads_or_read_error(markup.encode("utf-8"), "x.html")


@PROPERTY
@given(st.text(max_size=500).filter(lambda s: not s.startswith("\ufeff")))
def test_any_str_round_trips_through_utf8(text):
    # A leading U+FEFF in UTF-8 *is* a byte order mark, so it is left out here.
    assert decode(text.encode("utf-8")) == text


@PROPERTY
@given(st.text(max_size=500).filter(lambda s: not s.startswith("\x00")),
       st.sampled_from(["utf-16", "utf-16-le-bom", "utf-16-be-bom"]))
def test_any_str_round_trips_through_utf16(text, form):
    # FF FE 00 00 (UTF-16 LE BOM + U+0000) is also the UTF-32 LE BOM; that ambiguity is left out.
    if form == "utf-16":
        data = text.encode("utf-16")
    elif form == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    else:
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    assert decode(data) == text


# --------------------------------------------------------------------------- structured properties

_TAGS = ["div", "p", "span", "article", "main", "nav", "table", "td", "li", "a", "b", "iframe", "svg",
         "noscript", "section", "footer"]
_ATTRIBUTES = ["", ' class="share"', ' id="main"', ' src="http://127.0.0.1:9/x"', ' onload="go()"']
# Inside every generated <script> and <style>: never document text, however the markup around it breaks.
HIDDEN = "hiddenmark"


def _element(children):
    def render(tag, attributes, kids, closed):
        return f"<{tag}{attributes}>" + "".join(kids) + (f"</{tag}>" if closed else "")
    return st.builds(render, st.sampled_from(_TAGS), st.sampled_from(_ATTRIBUTES),
                     st.lists(children, max_size=4), st.booleans())


_html_trees = st.recursive(
    st.text(alphabet=st.characters(blacklist_characters="<>&", blacklist_categories=("Cs",)), max_size=20)
    | st.sampled_from([f"<script>{HIDDEN}()</script>", f"<style>.{HIDDEN} {{}}</style>", "<br>", "<p>"]),
    _element, max_leaves=40)


@PROPERTY
@given(_html_trees, st.sampled_from([3, 512]))
def test_html_trees_read_without_scripts_whatever_the_nesting(markup, depth):
    data = f"<html><body>{markup}</body></html>".encode()
    try:
        raw = read_bytes(data, "x.html", settings=ReadSettings(max_html_depth=depth))
    except ReadError as error:  # binary-looking text (many control characters) is refused
        assert "binary" in str(error)
        return
    assert HIDDEN not in raw.pages[0]


_attachment_names = st.sampled_from(["a.txt", "b.pdf", "c.html", "d.eml", "e.bin", "f"])


@st.composite
def _mails(draw, depth: int = 0):
    message = EmailMessage()
    for header in ("From", "To", "Subject", "Date"):
        value = draw(st.text(max_size=30))
        try:
            message[header] = value
        except (ValueError, TypeError, IndexError, AttributeError):
            pass  # a value no header may hold (the standard library fails on some): the message goes without it
    message.set_content(draw(st.text(max_size=200)), subtype=draw(st.sampled_from(["plain", "html"])))
    for _ in range(draw(st.integers(0, 3))):
        if depth < 3 and draw(st.booleans()):
            message.add_attachment(draw(_mails(depth + 1)))
        else:
            message.add_attachment(draw(st.binary(max_size=300)), maintype="application",
                                   subtype="octet-stream", filename=draw(_attachment_names))
    return message


@PDF_PROPERTY
@given(_mails(), st.integers(1, 3))
def test_structured_mail_reads_or_fails_with_a_reason(message, depth):
    try:
        data = bytes(message)
    except Exception:  # the standard library cannot write every message it lets us build
        return
    settings = ReadSettings(max_message_depth=depth, max_attachment_mb=0.0002)
    try:
        documents = extract_bytes(data, "m.eml", settings)
    except ReadError as error:
        assert str(error)
        return
    assert documents[0].path == "m.eml"
    assert all(document.path.count("#") <= depth for document in documents)
