"""One file's bytes to the documents it holds (an e-mail also holds its attachments)."""
from __future__ import annotations

import hashlib

from archive.document import ATTACHMENT_MARK, Document
from archive.metadata import build_document
from archive.overrides import apply_override, find_override
from archive.readers import RawText, ReadError, detect_format, format_of, read_bytes
from archive.settings import DEFAULT_SETTINGS, ReadSettings

def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract_bytes(data: bytes, path: str, settings: ReadSettings = DEFAULT_SETTINGS) -> list[Document]:
    """The documents in one file; raises ReadError with a reason the user can act on."""
    raw = read_bytes(data, path)
    return documents_from(raw, sha256_of(data), detect_format(path, data), path, settings)


def documents_from(raw: RawText, sha256: str, fmt: str, path: str,
                   settings: ReadSettings = DEFAULT_SETTINGS) -> list[Document]:
    """A file's documents from its text as read (all its pages, perhaps read in parts)."""
    documents = [build_document(path, sha256, fmt, raw, settings)]
    if ATTACHMENT_MARK not in path:
        apply_override(documents[0], find_override(path))
    for attachment in raw.attachments:
        if format_of(attachment.name) is None:
            continue  # an attachment we cannot read is part of the message, not a failure
        attachment_path = f"{path}{ATTACHMENT_MARK}{attachment.name}"
        try:
            documents.extend(extract_bytes(attachment.data, attachment_path, settings))
        except ReadError:
            continue
    return documents


def extract_file(path: str, settings: ReadSettings = DEFAULT_SETTINGS) -> list[Document]:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ReadError(f"cannot read file: {error.strerror or error}") from None
    return extract_bytes(data, path, settings)
