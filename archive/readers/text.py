"""Plain text (.txt, .md) in whatever encoding it was saved."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from archive.readers.base import RawText

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte encodings we trust a detector's guess for; anything more exotic
# on a short Western text is usually a misfire, and Windows-1252 is the better bet.
_TRUSTED_GUESSES = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r",
                    "iso8859_5", "cp1253", "iso8859_7", "cp1254", "iso8859_9", "mac_roman"}


def decode(data: bytes) -> str:
    """Bytes to text: a BOM wins, then strict UTF-8, then detection, then Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding in _TRUSTED_GUESSES - {"latin_1", "mac_roman"}:
        return str(best)
    # Windows-1252 is a superset of Latin-1's printable range: the usual case for old Western files.
    return data.decode("cp1252", errors="replace")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read(data: bytes) -> RawText:
    text = normalise_newlines(decode(data)).replace("\x00", "")
    return RawText(pages=[text.strip("\n")])
