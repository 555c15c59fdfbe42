"""Mailboxes (.mbox) with the standard library's mailbox: every message a document of its own.

Each message is handed on as an attachment named after its place in the box, so that its path is
``box.mbox#message-3.eml`` (and its own attachments ``box.mbox#message-3.eml#minutes.pdf``), read
by the e-mail reader like any .eml. The box itself is indexed too, as the list of its messages: it
is the one document the file's path names, which keeps the index's record of the file (unchanged,
changed, gone) as for any other file.
"""
from __future__ import annotations

import mailbox
import os
import tempfile

from archive.readers.base import Attachment, RawText, ReadError, over_attachment_limit
from archive.settings import DEFAULT_SETTINGS, ReadSettings

# Every message of an mbox starts on a line "From " (the envelope line).
ENVELOPE = b"From "


def message_name(number: int) -> str:
    """The name a box's ``number``th message (from 1) has after the box's path and "#"."""
    return f"message-{number}.eml"


def _messages(data: bytes) -> list[bytes]:
    """Each message's bytes, envelope line left out. mailbox reads only files, so the bytes go
    to a private temporary one for as long as it takes."""
    with tempfile.TemporaryDirectory(prefix="archive-mbox-") as folder:
        path = os.path.join(folder, "box.mbox")
        with open(path, "wb") as handle:
            handle.write(data)
        box = mailbox.mbox(path, create=False)
        try:
            return [box.get_bytes(key) for key in box.iterkeys()]
        finally:
            box.close()


def read(data: bytes, settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    if not data.strip():
        raise ReadError("empty mailbox (no messages)")
    if not data.startswith(ENVELOPE):
        raise ReadError("not an mbox mailbox (it does not start with a 'From ' line)")
    messages = _messages(data)
    if not messages:
        raise ReadError("empty mailbox (no messages)")
    notes, attachments, lines = [], [], []
    for number, message in enumerate(messages, 1):
        lines.append(message_name(number))
        if over_attachment_limit(message_name(number), message, settings, notes):
            continue
        attachments.append(Attachment(message_name(number), message))
    count = f"{len(messages)} message{'s' if len(messages) > 1 else ''}"
    return RawText(pages=[f"Mailbox of {count}:\n" + "\n".join(lines)], title=f"Mailbox of {count}",
                   attachments=attachments, notes=notes)
