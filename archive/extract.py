"""One file's bytes to the documents it holds (an e-mail also holds its attachments)."""
from __future__ import annotations

import hashlib
import os

from archive.document import ATTACHMENT_MARK, Document
from archive.file_names import real_path
from archive.metadata import build_document
from archive.overrides import Override, apply_override, find_override
from archive.readers import RawText, ReadError, detect_format, format_of, read_bytes
from archive.settings import DEFAULT_SETTINGS, MB, ReadSettings, megabytes


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract_bytes(data: bytes, path: str, settings: ReadSettings = DEFAULT_SETTINGS,
                  override: Override | None = None) -> list[Document]:
    """The documents in one file; raises ReadError with a reason the user can act on. ``override``:
    the file's corrections when found elsewhere (else they are looked for beside the file)."""
    raw = read_bytes(data, path, settings=settings)
    return documents_from(raw, sha256_of(data), detect_format(path, data), path, settings, override)


def documents_from(raw: RawText, sha256: str, fmt: str, path: str,
                   settings: ReadSettings = DEFAULT_SETTINGS, override: Override | None = None) -> list[Document]:
    """A file's documents from its text as read (all its pages, perhaps read in parts)."""
    notes = raw.notes + _keep_text_within(raw, settings)
    document = build_document(path, sha256, fmt, raw, settings)
    documents = [document]
    if ATTACHMENT_MARK not in path:
        apply_override(document, override if override is not None else find_override(path))
    for attachment in raw.attachments:
        if format_of(attachment.name) is None:
            continue  # an attachment we cannot read is part of the message, not a failure
        if path.count(ATTACHMENT_MARK) >= settings.max_message_depth:
            notes.append(f"attachment {attachment.name} not read: attached more than "
                         f"{settings.max_message_depth} messages deep (--max-message-depth)")
            continue
        attachment_path = f"{path}{ATTACHMENT_MARK}{attachment.name}"
        try:
            documents.extend(extract_bytes(attachment.data, attachment_path, settings))
        except ReadError as error:  # the message is indexed; the report says what it held unread
            notes.append(f"attachment {attachment.name} not read: {error}")
    document.notes = notes
    return documents


def _keep_text_within(raw: RawText, settings: ReadSettings) -> list[str]:
    """Cut the pages at ``max_text_mb`` characters in all; the note saying so, if any."""
    total = sum(len(page) for page in raw.pages)
    if total <= settings.max_text_chars:
        return []
    room, kept = settings.max_text_chars, []
    for page in raw.pages:
        kept.append(page[:room])
        room -= len(kept[-1])
    raw.pages = kept
    return [(f"text cut at the limit of {megabytes(settings.max_text_mb)} of text (--max-text-mb); "
             f"the document has {total / MB:.3g} MB")]


def extract_file(path: str, settings: ReadSettings = DEFAULT_SETTINGS) -> list[Document]:
    """The documents in a file on disk; too large a file is refused unread."""
    try:
        with open(real_path(path), "rb") as handle:
            if os.fstat(handle.fileno()).st_size > settings.max_file_bytes:
                raise ReadError(too_large(settings))
            data = handle.read()
    except OSError as error:
        raise ReadError(f"cannot read file: {error.strerror or error}") from None
    return extract_bytes(data, path, settings)


def too_large(settings: ReadSettings) -> str:
    return f"larger than the size limit ({megabytes(settings.max_file_mb)}, --max-file-mb)"
