"""The Word (.docx), Outlook (.msg) and mailbox (.mbox) readers, on files made in tests/office_fixtures.py."""
from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import subprocess
import sys
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.document import PartialDate
from archive.extract import extract_bytes
from archive.readers import SNIFF_BYTES, ReadError, detect_format, read_bytes
from archive.readers.docx import OLE_MAGIC
from archive.settings import ReadSettings
from tests.conftest import ROOT
from tests.office_fixtures import Mail, encrypted_docx, make_docx, make_mbox, make_msg

MSG_MISSING = "the msg extra is not installed (pip install '.[msg]')"
needs_msg = pytest.mark.skipif(importlib.util.find_spec("extract_msg") is None, reason=MSG_MISSING)
needs_msg_writer = pytest.mark.skipif(importlib.util.find_spec("aspose") is None,
                                      reason="aspose-email-foss (the test extra) writes the .msg fixtures")
needs_encryption = pytest.mark.skipif(importlib.util.find_spec("msoffcrypto") is None,
                                      reason="msoffcrypto-tool (the test extra) encrypts the .docx fixture")
PROPERTY = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SLOW_PROPERTY = settings(max_examples=25, deadline=None, database=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SENT = dt.datetime(2011, 3, 21, 9, 15, tzinfo=dt.timezone.utc)
# Printable words that survive every reader unchanged (no markup, no line endings to normalise).
WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzÀéüßŁ0123456789", min_size=1, max_size=12),
                 min_size=1, max_size=30).map(" ".join)


def _letter_mail(**changes) -> Mail:
    mail = Mail(subject="Spill counts at Tanner's Bridge, February 2011",
                body="Dear Ms Okafor,\n\nThe counter at Tanner's Bridge logged 212 hours of spills in February.\n\n"
                     "Yours sincerely,\nZoë Lefèvre",
                sender=("Zoë Lefèvre", "zoe.lefevre@riverswatch.example"),
                to=[("Adaeze Okafor", "adaeze.okafor@nrsc-committee.example")],
                cc=[("Rachel Kaur", "rachel.kaur@prcw.example")], sent=SENT)
    for name, value in changes.items():
        setattr(mail, name, value)
    return mail


# --------------------------------------------------------------------------- .docx

LETTER_DOCX = dict(
    paragraphs=["Dear Mr Wierzbicki,", "Our volunteers logged the overflow at Tanner's Bridge running on these days:",
                "Yours sincerely,", "Rachel Kaur"],
    table=[["Day", "Hours"], ["3 February", "14"], ["9 February", "22"]],
    header="Parents and Residents for Clean Water", footer="PRCW, 12 Tanner's Row, Millford",
    author="Rachel Kaur", created=dt.datetime(2011, 2, 28, 18, 5), title="Overflow log for February")


def test_docx_text_is_header_body_table_footer_in_reading_order():
    raw = read_bytes(make_docx(**LETTER_DOCX), "log.docx")
    text = raw.pages[0]
    order = ["Parents and Residents for Clean Water", "Dear Mr Wierzbicki,", "on these days:",
             "Day\tHours", "3 February\t14", "9 February\t22", "PRCW, 12 Tanner's Row"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert raw.title == "Overflow log for February"


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _with_word_markup(data: bytes) -> bytes:
    """The parts of a letter that Word templates write and python-docx's own text leaves out: a
    date in an inline content control, a block content control, and a text box that Word keeps
    twice (a drawing, and its VML fallback)."""
    from lxml import etree

    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    date_line = etree.fromstring(
        f'<w:p xmlns:w="{W}"><w:sdt><w:sdtPr/><w:sdtContent>{run("21 March 2011")}</w:sdtContent></w:sdt></w:p>')
    block = etree.fromstring(f'<w:sdt xmlns:w="{W}"><w:sdtPr/><w:sdtContent><w:p>{run("Ref: NRSC/2011/17")}</w:p>'
                             "</w:sdtContent></w:sdt>")
    box = etree.fromstring(
        f'<w:p xmlns:w="{W}" xmlns:mc="{MC}"><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<w:txbxContent><w:p>{run("Boxed note on the weir")}</w:p></w:txbxContent></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><w:txbxContent><w:p>{run("Boxed note on the weir")}</w:p></w:txbxContent>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>")
    body.insert(0, block)
    body.insert(0, date_line)
    body.insert(len(body) - 1, box)  # before the section properties, which end the body
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_content_controls_and_text_boxes_are_read_once():
    data = _with_word_markup(make_docx(["Dear Ms Okafor,", "Yours sincerely,", "Adaeze"]))
    text = read_bytes(data, "template.docx").pages[0]
    assert text.split("\n")[:3] == ["21 March 2011", "Ref: NRSC/2011/17", "Dear Ms Okafor,"]
    assert text.count("Boxed note on the weir") == 1
    document, = extract_bytes(data, "template.docx")
    assert document.date == PartialDate(2011, 3, 21)


def test_docx_core_properties_give_the_date_and_writer_when_the_text_has_none():
    document, = extract_bytes(make_docx(**LETTER_DOCX), "letters/log.docx")
    assert document.format == "docx" and document.kind == "letter"
    assert document.date == PartialDate(2011, 2, 28)
    assert document.date_source == "Word document properties (created)"
    assert document.sender == "Rachel Kaur"
    assert document.recipient == "Wierzbicki"


def test_docx_date_line_beats_the_created_property_and_placeholder_authors_are_nobody():
    data = make_docx(["14 March 2011", "Dear Ms Okafor,", "Thank you for your letter.", "Yours sincerely,",
                      "Tomasz Wierzbicki"], author="Microsoft Office User", created=dt.datetime(2011, 3, 1))
    raw = read_bytes(data, "reply.docx")
    assert raw.fallback_sender is None
    document, = extract_bytes(data, "reply.docx")
    assert document.date == PartialDate(2011, 3, 14)
    assert document.date_source.startswith("date line")


def test_docx_made_without_dates_has_none_from_the_template():
    raw = read_bytes(make_docx(["A note about the weir."]), "note.docx")
    assert raw.fallback_date is None and raw.fallback_sender is None


def _zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("make, reason", [
    (lambda good: good[: len(good) // 2], "damaged or truncated .docx"),
    (lambda good: good[:-30], "damaged or truncated .docx"),
    (lambda good: b"\x89PNG not a document at all" * 40, "not a Word document"),
    (lambda good: b"", "not a Word document"),
    (lambda good: OLE_MAGIC + bytes(2000), "an OLE compound file, not a .docx"),
    (lambda good: _zip_of({"hello.txt": b"a zip, but no Word package"}), "not a Word document"),
    (lambda good: _zip_of({"a.txt": bytes(3 * 1024 * 1024)}), "decompression bomb"),
    (lambda good: make_docx([]), "no text in the Word document"),
])
def test_hostile_docx_is_refused_with_its_reason(make, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(make(make_docx(**LETTER_DOCX)), "bad.docx", settings=ReadSettings(max_inflated_mb=2))


@needs_encryption
def test_password_protected_docx_is_refused_as_encrypted():
    data = encrypted_docx(make_docx(**LETTER_DOCX))
    assert data.startswith(OLE_MAGIC)
    with pytest.raises(ReadError, match="password-protected Word document"):
        read_bytes(data, "secret.docx")


@PROPERTY
@given(st.lists(WORDS, min_size=1, max_size=6))
def test_docx_paragraphs_put_in_come_out(paragraphs):
    text = read_bytes(make_docx(paragraphs), "words.docx").pages[0]
    assert text.split("\n") == [paragraph for paragraph in paragraphs]


# --------------------------------------------------------------------------- .msg

@needs_msg
@needs_msg_writer
def test_msg_headers_body_and_attachments_as_for_an_eml():
    memo = _letter_mail(subject="Memo on the storm tanks", body="The storm tanks at Millford hold 900 cubic metres.",
                        sender=("Neil Fairbairn", "neil.fairbairn@harrowgate-water.example"), cc=[], sent=SENT)
    mail = _letter_mail(attachments=[("spill-log.txt", b"3 February: 14 hours\n9 February: 22 hours\n"),
                                     ("photo.jpg", b"\xff\xd8\xff not read")],
                        attached_messages=[memo])
    raw = read_bytes(make_msg(mail), "spills.msg")
    assert raw.title == mail.subject
    assert raw.sender == "Zoë Lefèvre" and raw.recipient == "Adaeze Okafor"
    assert raw.date == PartialDate(2011, 3, 21) and raw.date_source == "Outlook message date"
    assert "212 hours of spills" in raw.pages[0]
    documents = extract_bytes(make_msg(mail), "inbox/spills.msg")
    by_path = {document.path: document for document in documents}
    assert set(by_path) == {"inbox/spills.msg", "inbox/spills.msg#spill-log.txt",
                            "inbox/spills.msg#Memo on the storm tanks.msg"}
    assert by_path["inbox/spills.msg"].kind == "letter"
    assert "22 hours" in by_path["inbox/spills.msg#spill-log.txt"].text
    inner = by_path["inbox/spills.msg#Memo on the storm tanks.msg"]
    assert inner.format == "msg" and "900 cubic metres" in inner.text and inner.sender == "Neil Fairbairn"


@needs_msg
@needs_msg_writer
def test_msg_attachment_over_the_limit_is_left_out_with_a_note():
    mail = _letter_mail(attachments=[("big.txt", b"overflow " * 40000)])
    raw = read_bytes(make_msg(mail), "big.msg", settings=ReadSettings(max_attachment_mb=0.1))
    assert raw.attachments == []
    assert any("big.txt not read: larger than the attachment limit" in note for note in raw.notes)


@needs_msg
@needs_msg_writer
@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_msg_is_refused(cut):
    data = make_msg(_letter_mail())
    with pytest.raises(ReadError, match="damaged, truncated or not an Outlook message"):
        read_bytes(data[: int(len(data) * cut)], "cut.msg")


@needs_msg
@pytest.mark.parametrize("data, reason", [
    (b"Subject: not really\n\nan e-mail named .msg", "not an OLE compound file"),
    (OLE_MAGIC + bytes(600), "damaged, truncated or not an Outlook message"),
])
def test_garbage_msg_is_refused(data, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "bad.msg")


@needs_msg
@needs_encryption
def test_an_encrypted_word_document_named_msg_is_refused():
    with pytest.raises(ReadError, match="not an Outlook message"):
        read_bytes(encrypted_docx(make_docx(["A note."])), "renamed.msg")


@needs_msg_writer
def test_without_the_msg_extra_a_msg_is_skipped_with_the_command_that_enables_it(tmp_path):
    """The real `archive index`, in a process where extract-msg cannot be imported."""
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "note.msg").write_bytes(make_msg(_letter_mail()))
    (folder / "note.txt").write_text("A note on the weir.\n")
    script = ("import sys; sys.modules['extract_msg'] = None\n"
              "from search_cli import main; sys.argv = ['archive'] + sys.argv[1:]; main()\n")
    run = subprocess.run([sys.executable, "-c", script, "index", str(folder), "--index", str(tmp_path / "index"),
                          "--json"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["added"] == 1 and report["failed"] == []
    assert [problem["error"] for problem in report["skipped"]] == [
        "Outlook .msg files need the msg extra: pip install 'paper-archive[msg]'"]


@needs_msg
@needs_msg_writer
@SLOW_PROPERTY
@given(WORDS, WORDS)
def test_msg_subject_and_body_put_in_come_out(subject, body):
    raw = read_bytes(make_msg(_letter_mail(subject=subject, body=body, attachments=[])), "words.msg")
    assert raw.title == " ".join(subject.split()) and raw.pages == [body]


# --------------------------------------------------------------------------- .mbox

def test_mbox_gives_one_document_per_message_with_its_place_in_the_path(tmp_path):
    mails = [_letter_mail(subject=f"Spill report {number}", body=f"Report number {number}: the weir spilled.",
                          sent=SENT + dt.timedelta(days=number)) for number in range(1, 4)]
    mails[1].attachments = [("log.txt", b"Tanner's Bridge: 41 hours in March\n")]
    documents = extract_bytes(make_mbox(mails, tmp_path), "mail/box.mbox")
    by_path = {document.path: document for document in documents}
    assert list(by_path) == ["mail/box.mbox", "mail/box.mbox#message-1.eml", "mail/box.mbox#message-2.eml",
                             "mail/box.mbox#message-2.eml#log.txt", "mail/box.mbox#message-3.eml"]
    box = by_path["mail/box.mbox"]
    assert box.format == "mbox" and box.title == "Mailbox of 3 messages"
    assert box.text.split("\n") == ["Mailbox of 3 messages:", "message-1.eml", "message-2.eml", "message-3.eml"]
    assert box.date is None and box.people == []
    third = by_path["mail/box.mbox#message-3.eml"]
    assert third.format == "eml" and third.title == "Spill report 3" and third.date == PartialDate(2011, 3, 24)
    assert third.sender == "Zoë Lefèvre" and "Report number 3" in third.text
    assert "41 hours" in by_path["mail/box.mbox#message-2.eml#log.txt"].text


def test_mbox_message_over_the_limit_is_left_out_with_a_note(tmp_path):
    data = make_mbox([_letter_mail(), _letter_mail(body="overflow " * 40000)], tmp_path)
    raw = read_bytes(data, "box.mbox", settings=ReadSettings(max_attachment_mb=0.1))
    assert [attachment.name for attachment in raw.attachments] == ["message-1.eml"]
    assert raw.notes == ["message-2.eml not read: larger than the attachment limit (0.1 MB, --max-attachment-mb)"]


@pytest.mark.parametrize("data, reason", [
    (b"", "empty mailbox"),
    (b"\n\n  \n", "empty mailbox"),
    (b"\x00\x01binary junk named .mbox" * 50, "not an mbox mailbox"),
    (b"Subject: one message without the envelope line\n\nhello", "not an mbox mailbox"),
])
def test_hostile_mbox_is_refused_with_its_reason(data, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "bad.mbox")


def test_truncated_mbox_keeps_the_messages_before_the_cut(tmp_path):
    data = make_mbox([_letter_mail(subject="First"), _letter_mail(subject="Second", body="cut " * 200)], tmp_path)
    cut = data[: data.index(b"cut cut") + 20]
    subjects = [document.title for document in extract_bytes(cut, "cut.mbox")]
    assert subjects == ["Mailbox of 2 messages", "First", "Second"]


def test_a_mailbox_without_an_extension_is_read_as_one(tmp_path):
    """Thunderbird keeps each folder as an mbox named "Inbox", "Sent"...; a lone message stays an e-mail."""
    box = make_mbox([_letter_mail(subject="First"), _letter_mail(subject="Second")], tmp_path)
    assert detect_format("Mail/Local Folders/Inbox", box[:SNIFF_BYTES]) == "mbox"
    assert [document.path for document in extract_bytes(box, "Inbox")] == [
        "Inbox", "Inbox#message-1.eml", "Inbox#message-2.eml"]
    one_message = box[box.index(b"\n") + 1:box.index(b"\nFrom ", 1)]
    assert detect_format("maildir/cur/1", one_message) == "eml"


@SLOW_PROPERTY
@given(st.lists(st.tuples(WORDS, WORDS), min_size=1, max_size=4))
def test_mbox_messages_put_in_come_out(tmp_path, messages):
    mails = [_letter_mail(subject=subject, body=body) for subject, body in messages]
    documents = extract_bytes(make_mbox(mails, tmp_path), "words.mbox")[1:]
    assert [(document.title, document.text) for document in documents] == [
        (" ".join(subject.split()), body) for subject, body in messages]


# --------------------------------------------------------------------------- any bytes

@PROPERTY
@pytest.mark.parametrize("name, prefix", [
    ("any.docx", b""), ("any.docx", b"PK\x03\x04"), ("any.docx", OLE_MAGIC),
    pytest.param("any.msg", b"", marks=needs_msg), pytest.param("any.msg", OLE_MAGIC, marks=needs_msg),
    ("any.mbox", b""), ("any.mbox", b"From someone@example Mon Mar 21 09:15:00 2011\n"),
])
@given(data=st.binary(max_size=3000))
def test_any_bytes_give_text_or_a_read_error_and_nothing_else(name, prefix, data):
    try:
        raw = read_bytes(prefix + data, name)
    except ReadError as error:
        assert str(error)
    else:
        assert all(isinstance(page, str) for page in raw.pages)


@needs_msg
@needs_msg_writer
@SLOW_PROPERTY
@given(st.data())
def test_damaged_msg_gives_text_or_a_read_error(data):
    good = bytearray(make_msg(_letter_mail(attachments=[("a.txt", b"attached words")])))
    for _ in range(data.draw(st.integers(1, 20))):
        good[data.draw(st.integers(0, len(good) - 1))] = data.draw(st.integers(0, 255))
    try:
        extract_bytes(bytes(good), "damaged.msg")
    except ReadError as error:
        assert str(error)


@SLOW_PROPERTY
@given(st.data())
def test_damaged_docx_gives_text_or_a_read_error(data):
    good = bytearray(make_docx(**LETTER_DOCX))
    for _ in range(data.draw(st.integers(1, 20))):
        good[data.draw(st.integers(0, len(good) - 1))] = data.draw(st.integers(0, 255))
    try:
        extract_bytes(bytes(good), "damaged.docx")
    except ReadError as error:
        assert str(error)
