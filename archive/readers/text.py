"""Plain text (.txt, .md) in whatever encoding it was saved."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from archive.readers.base import RawText, ReadError
from archive.settings import DEFAULT_SETTINGS, ReadSettings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Guesses trusted over Windows-1252: other scripts. On short Latin-script text the
# detector ties Windows-1252 with Central European and Mac code pages (£ would
# become Ł), and the archive's Western documents are far likelier to be 1252.
NON_LATIN_SHARE = 0.3
_TRUSTED_GUESSES = {"cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp1253", "iso8859_7",
                    "cp1255", "iso8859_8", "cp1256", "iso8859_6", "cp874", "tis_620", "shift_jis",
                    "cp932", "euc_jp", "iso2022_jp", "gb2312", "gbk", "gb18030", "big5", "big5hkscs",
                    "euc_kr", "cp949", "utf_16", "utf_16_le", "utf_16_be", "utf_32"}


def decode(data: bytes) -> str:
    """Bytes to text: a BOM wins, then strict UTF-8, then detection, then Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Latin-script text is mostly ASCII; other scripts are mostly not. Only then is a
    # detector's guess of another script worth more than Windows-1252.
    non_ascii = sum(byte > 0x7F for byte in data) / max(len(data), 1)
    if non_ascii > NON_LATIN_SHARE:
        best = from_bytes(data).best()
        if best is not None and best.encoding in _TRUSTED_GUESSES:
            return str(best)
    # Windows-1252 is a superset of Latin-1's printable range: the usual case for old Western files.
    return data.decode("cp1252", errors="replace")


# Control characters other than NUL (BOM-less UTF-16 is full of those), tab, newlines, form feed
# and escape: text has next to none, while a binary file decoded as Windows-1252 has about 1 in 9.
_BINARY_CONTROLS = re.compile("[\x01-\x08\x0e-\x1a\x1c-\x1f\ufffd]")
BINARY_SHARE = 0.05
BINARY_SAMPLE = 8192


def check_is_text(text: str, what: str = "text") -> None:
    """A file named as text (or as ``what``) whose opening is full of control characters is binary."""
    sample = text[:BINARY_SAMPLE]
    if sample and len(_BINARY_CONTROLS.findall(sample)) / len(sample) > BINARY_SHARE:
        raise ReadError(f"binary data, not {what} despite the extension")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read(data: bytes, settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    text = decode(data)
    check_is_text(text)
    text = normalise_newlines(text).replace("\x00", "")
    return RawText(pages=[text.strip("\n")])
