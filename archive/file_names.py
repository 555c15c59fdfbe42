"""File names as the archive keeps and shows them, and back to the names the disk knows.

Linux names are bytes; Python gives bytes that are not UTF-8 as lone surrogates, which no index,
JSON or terminal takes. The archive keeps such a byte as the four characters \\xNN (café in
Latin-1: caf\\xe9.txt), shows the name so and finds the document by it; real_path turns it back
into the name to open.
"""
from __future__ import annotations

import re

_ESCAPED_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def index_path(real: str) -> str:
    """The path as the archive keeps it: each byte that is not UTF-8 as \\xNN (lower-case hex)."""
    return real.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def real_path(kept: str) -> str:
    """The path to open for a path the archive keeps (the same path for a UTF-8 name)."""
    if "\\x" not in kept:
        return kept
    return _ESCAPED_BYTE.sub(lambda match: chr(0xDC00 + int(match[1], 16)), kept)


def is_kept_exactly(real: str) -> bool:
    """Whether the kept form leads back to this very path: not so for a UTF-8 name holding the
    text \\xNN itself, which would read as an undecodable byte."""
    return real_path(index_path(real)) == real


def shown(path: str) -> str:
    """A path as one printable line: bytes that are not UTF-8 as \\xNN, control characters
    (a newline in a file name) escaped."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in index_path(path))
