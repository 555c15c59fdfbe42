"""Word documents, Outlook messages and mailboxes made here, for the tests and the corpus script.

Word documents are written by python-docx; Outlook messages by aspose-email-foss (MIT, pure
Python), which writes the compound-file streams [MS-OXMSG] describes, so extract-msg reads what
Outlook would save; mailboxes by the standard library. The encrypted Word document is encrypted by
msoffcrypto-tool (installed with extract-msg) as Word encrypts one: an OLE file holding the package.
"""
from __future__ import annotations

import datetime as dt
import io
import mailbox
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx


def make_docx(paragraphs: list[str], *, table: list[list[str]] | None = None, header: str = "",
              footer: str = "", author: str | None = None, created: dt.datetime | None = None,
              title: str | None = None) -> bytes:
    """A .docx: the header, the paragraphs, then the table (rows of cells), and the footer."""
    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(row) for row in table))
        for row_number, row in enumerate(table):
            for column, text in enumerate(row):
                grid.cell(row_number, column).text = text
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    properties = document.core_properties
    properties.author = author or ""
    properties.title = title or ""
    if created:
        properties.created = created
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def encrypted_docx(data: bytes, password: str = "calder") -> bytes:
    """A .docx as Word saves it with a password (ECMA-376 agile encryption, in an OLE file)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, encrypted)
    return encrypted.getvalue()


@dataclass
class Mail:
    subject: str
    body: str
    sender: tuple[str, str]            # (display name, address)
    to: list[tuple[str, str]]
    sent: dt.datetime
    cc: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    attached_messages: list[Mail] = field(default_factory=list)


def _mapi_message(mail: Mail):
    from aspose.email_foss import msg

    message = msg.MapiMessage.create(mail.subject, mail.body)
    message.set_property(msg.PropertyId.SENDER_NAME, mail.sender[0])
    message.set_property(msg.PropertyId.SENDER_EMAIL_ADDRESS, mail.sender[1])
    message.set_property(msg.PropertyId.MESSAGE_DELIVERY_TIME, mail.sent)
    for name, address in mail.to:
        message.add_recipient(address, display_name=name)
    for name, address in mail.cc:
        message.add_recipient(address, display_name=name, recipient_type=2)  # MAPI_CC
    for name, data in mail.attachments:
        message.add_attachment(name, data)
    for inner in mail.attached_messages:
        message.add_embedded_message_attachment(_mapi_message(inner), filename=f"{inner.subject}.msg")
    return message


def make_msg(mail: Mail) -> bytes:
    """An Outlook .msg of the mail."""
    return _mapi_message(mail).to_bytes()


def email_message(mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"{mail.sender[0]} <{mail.sender[1]}>"
    message["To"] = ", ".join(f"{name} <{address}>" for name, address in mail.to)
    if mail.cc:
        message["Cc"] = ", ".join(f"{name} <{address}>" for name, address in mail.cc)
    message["Date"] = format_datetime(mail.sent)
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    for name, data in mail.attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message


def make_mbox(mails: list[Mail], folder: Path) -> bytes:
    """An mbox of the mails, in order, written by the standard library (in ``folder``)."""
    path = folder / "made.mbox"
    box = mailbox.mbox(path)
    for mail in mails:
        box.add(email_message(mail))
    box.close()
    data = path.read_bytes()
    path.unlink()
    return data
