"""What every reader returns, and the one error every reader raises."""
from __future__ import annotations

from dataclasses import dataclass, field

from archive.document import PartialDate
from archive.settings import DEFAULT_SETTINGS, ReadSettings, megabytes


class ReadError(Exception):
    """A file that could not be read; the message is meant for the user."""


class NothingToRead(ReadError):
    """A file that holds nothing this installation reads (a scan without OCR, a .msg without its
    extra): skipped with the reason, which says what would read it, rather than failed."""


def check_text_layer(pages: list[str], settings: ReadSettings = DEFAULT_SETTINGS) -> None:
    """A document whose pages hold no text at all was scanned without a text layer, and OCR (if
    it ran) found none either."""
    if not any(page.strip() for page in pages):
        from archive.readers._ocr import no_text

        raise no_text(settings)


@dataclass
class Attachment:
    name: str
    data: bytes


def over_attachment_limit(name: str, data: bytes, settings: ReadSettings, notes: list[str]) -> bool:
    """Whether an attachment (or a mailbox's message) is larger than ``max_attachment_mb``: then
    it is left out, and ``notes`` say so."""
    if len(data) <= settings.max_attachment_bytes:
        return False
    notes.append(f"{name} not read: larger than the attachment limit "
                 f"({megabytes(settings.max_attachment_mb)}, --max-attachment-mb)")
    return True


@dataclass
class RawText:
    """Text and header fields as a format gives them, before any metadata rules."""

    pages: list[str]
    title: str | None = None
    # A date the format states outright (e-mail Date header, HTML meta tag).
    date: PartialDate | None = None
    date_source: str | None = None
    # A date only good enough when the text has none (PDF creation date).
    fallback_date: PartialDate | None = None
    fallback_date_source: str | None = None
    sender: str | None = None
    recipient: str | None = None
    # A writer only good enough when the text names none (a Word document's author property).
    fallback_sender: str | None = None
    is_email: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    # Pages in the whole file, when only some were read (see read_page_range).
    page_count: int | None = None
    # What was left out of this file's reading, and why (a limit met): told to the user, not failed.
    notes: list[str] = field(default_factory=list)
