"""What every reader returns, and the one error every reader raises."""
from __future__ import annotations

from dataclasses import dataclass, field

from archive.document import PartialDate


class ReadError(Exception):
    """A file that could not be read; the message is meant for the user."""


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
    is_email: bool = False
    attachments: list[Attachment] = field(default_factory=list)
