"""E-mail (.eml): a letter sent by e-mail, with attachments read as documents of their own."""
from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from archive.document import PartialDate
from archive.readers import format_of
from archive.readers.base import Attachment, RawText, over_attachment_limit
from archive.readers.html import visible_text
from archive.readers.text import BINARY_SAMPLE, check_is_text, normalise_newlines
from archive.settings import DEFAULT_SETTINGS, ReadSettings


def first_party(header_value: str | None, fallback_name: str | None = None) -> str | None:
    """The first party of an address header: the display name, else ``fallback_name``
    (the X-From / X-To headers some exports add), else the address."""
    if not header_value:
        return None
    parties = getaddresses([str(header_value)])
    for display_name, address in parties:
        if display_name.strip() or address.strip():
            return display_name.strip() or _display_part(fallback_name) or address.strip()
    return None


def _display_part(value: str | None) -> str | None:
    """"Kaminski, Vince J </O=ENRON/...>" -> "Vince J Kaminski"; the first party only."""
    if not value:
        return None
    name = str(value).split("<")[0].strip().strip("\"' ")
    parts = [part.strip() for part in name.split(",")]
    if len(parts) == 2 and all(parts) and " " not in parts[0]:
        name = f"{parts[1]} {parts[0]}"  # "Surname, Given" as directories write it
    elif len(parts) > 1:
        name = parts[0]
    return name if name and "@" not in name and "/" not in name else None


def _sent(message: EmailMessage) -> PartialDate | None:
    try:
        sent = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError, IndexError):
        return None
    return PartialDate(sent.year, sent.month, sent.day)


def _body(message: EmailMessage, settings: ReadSettings, notes: list[str]) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    if part.get_content_subtype() == "html":
        text, markup_notes = visible_text(content, settings)  # a message has no page around it
        notes += markup_notes
        return text
    return normalise_newlines(content).strip()


def _attached_message(part: EmailMessage, number: int) -> Attachment | None:
    """A forwarded message (message/rfc822), as the bytes of an .eml of its own."""
    inner = part.get_payload()
    inner = inner[0] if isinstance(inner, list) and inner else inner
    if not isinstance(inner, EmailMessage):
        return None
    name = part.get_filename() or f"attached-message-{number}"
    return Attachment(name=name if format_of(name) == "eml" else f"{name}.eml", data=inner.as_bytes())


def _attachments(message: EmailMessage, settings: ReadSettings, notes: list[str]) -> list[Attachment]:
    """The named attachments; those a reader takes only up to ``max_attachment_mb`` decoded."""
    found = []
    for number, part in enumerate(message.iter_attachments(), 1):
        if part.get_content_type() == "message/rfc822":
            try:
                attachment = _attached_message(part, number)
            except Exception as error:  # the standard library cannot write out every message it parses
                notes.append(f"attached message {number} not read: {type(error).__name__}: {error}")
                continue
        else:
            name, payload = part.get_filename(), part.get_payload(decode=True)
            attachment = Attachment(name, payload) if name and isinstance(payload, bytes) else None
        if attachment is None:
            continue
        if format_of(attachment.name) and over_attachment_limit(f"attachment {attachment.name}", attachment.data,
                                                                 settings, notes):
            continue
        found.append(attachment)
    return found


def read(data: bytes, settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    # Headers are text, and so is any message sent over SMTP: Latin-1 keeps every byte as itself.
    check_is_text(data[:BINARY_SAMPLE].decode("latin-1"), "an e-mail")
    message = BytesParser(policy=policy.default).parsebytes(data)
    date = _sent(message)
    notes: list[str] = []
    return RawText(
        pages=[_body(message, settings, notes)],
        title=" ".join(str(message["Subject"] or "").split()) or None,
        date=date,
        date_source="e-mail Date header" if date else None,
        sender=first_party(message["From"], message["X-From"]),
        recipient=first_party(message["To"], message["X-To"]),
        is_email=True,
        attachments=_attachments(message, settings, notes) if message.is_multipart() else [],
        notes=notes,
    )
