"""Outlook messages (.msg) with extract-msg: read as an .eml is, attachments as documents of their own.

extract-msg is the optional ``msg`` extra (GPL-licensed, and some fourteen packages with it); without
it a .msg is skipped, as a file of an unsupported type is, with the one command that enables it.
"""
from __future__ import annotations

import io
import logging

from archive.document import PartialDate
from archive.readers import format_of
from archive.readers.base import Attachment, NothingToRead, RawText, ReadError, over_attachment_limit
from archive.readers.email import first_party
from archive.readers.html import visible_text
from archive.readers.text import normalise_newlines
from archive.settings import DEFAULT_SETTINGS, ReadSettings

INSTALL_HINT = "pip install 'paper-archive[msg]'"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# extract-msg reports what it cannot make of a message through logging; the archive reports per file.
logging.getLogger("extract_msg").setLevel(logging.CRITICAL)


def _open(data: bytes):
    try:
        import extract_msg
    except ImportError:
        raise NothingToRead(f"Outlook .msg files need the msg extra: {INSTALL_HINT}") from None
    if not data.startswith(OLE_MAGIC):
        raise ReadError("not an Outlook message (.msg): not an OLE compound file")
    try:
        # A file object, never bytes: olefile takes bytes shorter than a sector for a file name.
        # strict=False: a meeting request or a note opens as a message too, rather than failing.
        return extract_msg.openMsg(io.BytesIO(data), strict=False, delayAttachments=True)
    except Exception as error:  # olefile and extract-msg raise many kinds on damaged files
        raise ReadError(f"damaged, truncated or not an Outlook message (.msg): {type(error).__name__}: "
                        f"{error}") from None


def _sent(message) -> PartialDate | None:
    sent = getattr(message, "date", None)
    return PartialDate(sent.year, sent.month, sent.day) if sent else None


def _body(message, settings: ReadSettings, notes: list[str]) -> str:
    """The plain-text body; else the HTML one (also what extract-msg recovers from an RTF body)."""
    plain = getattr(message, "body", None)
    if plain and plain.strip():
        return normalise_newlines(plain).strip()
    try:
        html = getattr(message, "htmlBody", None)
    except Exception as error:  # de-encapsulating an RTF body can fail on its own
        notes.append(f"the message's formatted body not read: {type(error).__name__}: {error}")
        return ""
    if not html:
        return ""
    text, markup_notes = visible_text(html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html,
                                      settings)
    notes += markup_notes
    return text


def _addressees(header_value: str | None) -> str | None:
    """The first addressee, as the .eml reader gives it. Outlook separates addressees with
    semicolons, and gives a bare display name when it knows no address."""
    first = (header_value or "").split(";")[0].strip()
    if first and "@" not in first and "<" not in first:
        return " ".join(first.strip("\"'").split()) or None
    return first_party(first)


def _attachment(part, number: int) -> Attachment | None:
    """A file attached, or a message attached (as a .msg of its own)."""
    data = part.data
    name = part.longFilename or part.shortFilename or part.displayName or f"attachment-{number}"
    if isinstance(data, bytes):
        return Attachment(name, data)
    if hasattr(data, "exportBytes"):
        # allowBadEmbed: repair an attached message whose properties stream is written as a
        # top-level one (some writers do), rather than lose it.
        return Attachment(name if format_of(name) == "msg" else f"{name}.msg",
                          data.exportBytes(allowBadEmbed=True))
    return None


def _attachments(message, settings: ReadSettings, notes: list[str]) -> list[Attachment]:
    found = []
    for number, part in enumerate(getattr(message, "attachments", None) or [], 1):
        try:
            attachment = _attachment(part, number)
        except Exception as error:  # one unreadable attachment must not cost the message
            notes.append(f"attachment {number} not read: {type(error).__name__}: {error}")
            continue
        if attachment is None:
            continue
        if format_of(attachment.name) and over_attachment_limit(f"attachment {attachment.name}", attachment.data,
                                                                 settings, notes):
            continue
        found.append(attachment)
    return found


def read(data: bytes, settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    message = _open(data)
    try:
        notes: list[str] = []
        date = _sent(message)
        return RawText(
            pages=[_body(message, settings, notes)],
            title=" ".join(str(getattr(message, "subject", None) or "").split()) or None,
            date=date,
            date_source="Outlook message date" if date else None,
            sender=_addressees(getattr(message, "sender", None)),
            recipient=_addressees(getattr(message, "to", None)),
            is_email=True,
            attachments=_attachments(message, settings, notes),
            notes=notes,
        )
    finally:
        message.close()
