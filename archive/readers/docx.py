"""Word (.docx) with python-docx: headers, then the body's paragraphs and tables in reading order,
then footers; the title, author and dates from the document's core properties."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import nsmap, qn
from docx.table import Table
from lxml import etree

from archive.document import PartialDate
from archive.readers.base import RawText, ReadError
from archive.settings import DEFAULT_SETTINGS, ReadSettings, megabytes

# An OLE compound file: what Word writes for a password-protected .docx (and for an old .doc).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted OOXML package is kept in ([MS-OFFCRYPTO] 2.3.4), as a CFB directory
# entry names it (UTF-16LE).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_PARAGRAPH, _TABLE, _TEXT, _TAB = qn("w:p"), qn("w:tbl"), qn("w:t"), qn("w:tab")
_CONTENT_CONTROL, _CONTROL_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RUN_TEXT = etree.XPath(".//w:r[not(ancestor::mc:Fallback)]/*[self::w:t or self::w:tab or self::w:br or self::w:cr]",
                        namespaces={"w": nsmap["w"], "mc": _MARKUP_COMPATIBILITY})
# Authors that Word, templates and libraries fill in by themselves: nobody's name.
_PLACEHOLDER_AUTHORS = {"", "author", "user", "owner", "admin", "administrator", "windows user",
                        "microsoft office user", "python-docx", "unknown"}
# python-docx's own template says it was made and saved then, by "python-docx": a date nobody gave.
_TEMPLATE_DATE = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.timezone.utc)


def _refuse_what_is_not_a_package(data: bytes, settings: ReadSettings) -> None:
    """The reasons a .docx cannot be opened, told before python-docx fails on them in its words."""
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise ReadError("password-protected Word document (encrypted): cannot be read without the password")
        raise ReadError("an OLE compound file, not a .docx (a Word 97-2003 .doc renamed?): not read")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if data.startswith(b"PK"):
            raise ReadError("damaged or truncated .docx (the end of its zip package is missing)") from None
        raise ReadError("not a Word document (a .docx is a zip package, and this is none)") from None
    with package:
        inflated = sum(entry.file_size for entry in package.infolist())
        if inflated > settings.max_inflated_bytes:
            raise ReadError(f"the package inflates to more than the limit ({megabytes(settings.max_inflated_mb)},"
                            " --max-inflated-mb): a decompression bomb?")
        if package.testzip() is not None:
            raise ReadError("damaged or truncated .docx (a part fails its checksum)")


def _lines(element) -> list[str]:
    """Paragraphs and tables in the order they stand (inside content controls too); a table row by
    row, its cells tab-separated."""
    lines = []
    for child in element.iterchildren():
        if child.tag == _PARAGRAPH:
            lines.append(_paragraph_text(child))
        elif child.tag == _TABLE:
            lines += _table_lines(Table(child, None))
        elif child.tag == _CONTENT_CONTROL and (content := child.find(_CONTROL_CONTENT)) is not None:
            lines += _lines(content)  # a block content control: a template's date picker, a form field
    return lines


def _paragraph_text(paragraph) -> str:
    """Every run's text, tabs and breaks, in inline content controls and text boxes too (python-docx's
    Paragraph.text leaves those out); a text box once, not again in the fallback Word keeps beside it."""
    parts = []
    for part in _RUN_TEXT(paragraph):
        if part.tag == _TEXT:
            parts.append(part.text or "")
        else:
            parts.append("\t" if part.tag == _TAB else "\n")  # a tab, or a line break
    return "".join(parts)


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell is handed back once for every grid column it spans
            seen.add(id(cell._tc))
            cells.append("\n".join(line for line in _lines(cell._tc) if line.strip()))
        lines.append("\t".join(cells))
    return lines


def _margin_text(document, part_name: str) -> list[str]:
    """Every distinct header (or footer) of the sections: default, first-page and even-page ones."""
    texts = []
    for section in document.sections:
        for kind in ("", "first_page_", "even_page_"):
            margin = getattr(section, f"{kind}{part_name}")
            if margin.is_linked_to_previous:
                continue
            text = "\n".join(_lines(margin._element)).strip()
            if text and text not in texts:
                texts.append(text)
    return texts


def _partial_date(moment: dt.datetime | None) -> PartialDate | None:
    if moment is None or moment == _TEMPLATE_DATE:
        return None
    try:
        return PartialDate(moment.year, moment.month, moment.day)
    except ValueError:
        return None


def _author(properties) -> str | None:
    author = " ".join((properties.author or "").split())
    return None if author.lower() in _PLACEHOLDER_AUTHORS else author


def read(data: bytes, settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    _refuse_what_is_not_a_package(data, settings)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError) as error:
        raise ReadError(f"not a Word document: .docx package without its main part ({error})") from None
    except ValueError as error:  # python-docx: "file ... is not a Word file, content type is ..."
        raise ReadError(f"not a Word document: {error}") from None
    text = "\n\n".join([*_margin_text(document, "header"), "\n".join(_lines(document.element.body)).strip(),
                        *_margin_text(document, "footer")]).strip()
    if not text:
        raise ReadError("no text in the Word document (empty, or images only)")
    properties = document.core_properties
    created = _partial_date(properties.created)
    modified = _partial_date(properties.modified)
    return RawText(
        pages=[text],
        title=" ".join((properties.title or "").split()) or None,
        fallback_date=created or modified,
        fallback_date_source=(f"Word document properties ({'created' if created else 'modified'})"
                              if created or modified else None),
        fallback_sender=_author(properties),
    )
