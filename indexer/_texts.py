"""Document texts live beside the index, compressed, one file each, not in Whoosh's stored fields.

Keeping the full text out of the stored fields keeps every search light: only
the few hits shown need their text, for snippets and `archive show`.
"""
from __future__ import annotations

import os
import zlib
from pathlib import Path


# Level 1 compresses text to about a third, three times faster than the default level.
COMPRESSION_LEVEL = 1


class TextStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, doc_id: str) -> Path:
        return self.folder / doc_id[:2] / f"{doc_id}.z"

    def put(self, doc_id: str, text: str) -> None:
        """Written before the index commits, so a committed document always has its text.

        A new text is written straight to its file. One already there (the same document met
        again, or one a crash left half-written) is replaced whole through a temporary file,
        never rewritten in place: a crash then cannot cut short a committed document's text.
        (Writing every text through a temporary file cost half the time of storing it.)
        """
        target = self._path(doc_id)
        data = zlib.compress(text.encode("utf-8"), COMPRESSION_LEVEL)
        try:
            _write_new(target, data)
        except FileExistsError:
            temporary = target.with_suffix(f".tmp{os.getpid()}")
            temporary.write_bytes(data)
            os.replace(temporary, target)

    def get(self, doc_id: str) -> str:
        try:
            return zlib.decompress(self._path(doc_id).read_bytes()).decode("utf-8")
        except (OSError, zlib.error):
            return ""

    def exists(self, doc_id: str) -> bool:
        return self._path(doc_id).is_file()

    def ids(self) -> list[str]:
        """Every document id with a text here."""
        return [entry.name[:-len(".z")] for entry in self.folder.glob("*/*.z")]

    def delete(self, doc_id: str) -> None:
        self._path(doc_id).unlink(missing_ok=True)

    def size_bytes(self) -> int:
        return sum(entry.stat().st_size for entry in self.folder.rglob("*.z"))


def _write_new(target: Path, data: bytes) -> None:
    """Write a file that must not exist yet (FileExistsError if it does)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        descriptor = os.open(target, flags, 0o644)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(target, flags, 0o644)
    with open(descriptor, "wb") as handle:
        handle.write(data)
