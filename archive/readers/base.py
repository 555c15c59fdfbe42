"""What every reader returns, and the one error every reader raises."""
from __future__ import annotations

from dataclasses import dataclass, field

from archive.document import PartialDate


class ReadError(Exception):
    """A file that could not be read; the message is meant for the user."""


class ReaderNotInstalled(ReadError):
    """A format whose reader is an optional extra that is not installed: the file is skipped, as
    a file of an unsupported type is, and the message says the command that enables the reader."""


def check_text_layer(pages: list[str]) -> None:
    """A document whose pages hold no text at all was scanned without a text layer."""
    if not any(page.strip() for page in pages):
        raise ReadError("no text layer (scanned image?)")


@dataclass
class Attachment:
    name: str
    data: bytes


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
