"""From a reader's raw text to a Document: kind, document date, dates mentioned, names, parties."""
from __future__ import annotations

import re
from pathlib import PurePath

from archive.dates import find_dates
from archive.document import ATTACHMENT_MARK, Document, PartialDate
from archive.document_date import document_date
from archive.kinds import HEAD_CHARS, MEMO_FROM, MEMO_TO, SALUTATION, SIGN_OFF, classify_kind
from archive.names import bare_person, find_names, resolve_short_form, written_like_a_person
from archive.readers.base import RawText
from archive.settings import DEFAULT_SETTINGS, ReadSettings

_SUBJECT_LINE = re.compile(r"^\s*(?:Re|Subject|Ref)\s*:\s*(?P<subject>.{3,200}?)\s*$", re.M | re.I)
# A letter's byline: a short line of its own just above the salutation ("HAMILTON" over "To the
# People of the State of New York:"); and its signature: a short last line after a finished sentence
# ("...and the public good.\n\nPUBLIUS.").
_SALUTATION_AHEAD = SALUTATION.pattern.removeprefix("^").replace("?P<name>", "")
_BYLINE = re.compile(r"^[ \t]*(?P<name>[^\W\d][^\n,:;]{1,40}?(?:,[ \t]+with[ \t]+[^\W\d][^\n,:;]{1,40}?)?)[.]?[ \t]*\n"
                     r"(?:[ \t]*\n)*(?=" + _SALUTATION_AHEAD + ")", re.M)
# Authors a byline joins: "MADISON, with HAMILTON", "HAMILTON AND MADISON".
_CO_AUTHORS = re.compile(r",?[ \t]+(?:with|and|or|AND|OR)[ \t]+")
_SIGNATURE = re.compile(r"[.!?\"'”][ \t]*\n(?:[ \t]*\n)+[ \t]*(?P<name>[^\W\d][^\n,:;]{1,40}?)[.]?\s*\Z")
_NOT_A_HEADLINE = re.compile(
    r"^(?:press release|news release|media release|for immediate release|embargoed|published|notes to editors"
    r"|by\s|dear\s|tel\b|email\b|www\.|page \d)", re.I)


def _unique_dates(dates: list[PartialDate]) -> list[PartialDate]:
    return sorted(set(dates), key=PartialDate.sort_key)


def _title_from_text(text: str, kind: str, sender: str | None, recipient: str | None) -> str | None:
    """A headline-like first line; for a letter its subject line, else who wrote to whom."""
    head = text[:HEAD_CHARS * 2]
    if subject := _SUBJECT_LINE.search(head):
        return subject["subject"]
    if kind == "letter" and sender and recipient:
        return f"Letter from {sender} to {recipient}"
    for line in head.splitlines():
        line = line.strip()
        words = line.split()
        if (len(words) >= 3 and len(line) <= 200 and not line.isupper()
                and not _NOT_A_HEADLINE.match(line) and not find_dates(line)):
            return line
    return None


def _party(found: re.Match[str] | None, people: list[str]) -> str | None:
    if not found:
        return None
    # "Neil Fairbairn, Head of Wastewater Operations": the name, not the role after it.
    name = found["name"].split(",")[0].strip().rstrip(".")
    return bare_person(resolve_short_form(name, people)) if name else None


def _byline_authors(found: re.Match[str] | None, people: list[str]) -> list[str]:
    """The people a byline names: one, or several it joins in capitals or with ", with", each
    written like a person ("MADISON, with HAMILTON", "HAMILTON AND MADISON"); a mixed-case name with
    "and" in it stays whole ("Marks and Spencer")."""
    if not found:
        return []
    byline = found["name"].strip()
    parts = [part.strip().rstrip(".") for part in _CO_AUTHORS.split(byline)]
    if len(parts) > 1 and (byline.isupper() or ", with " in byline) \
            and all(written_like_a_person(part) for part in parts):
        return [bare_person(resolve_short_form(part, people)) for part in parts]
    party = _party(found, people)
    return [party] if party else []


def _clean_party(name: str | None) -> str | None:
    return bare_person(name) if name else None


def build_document(path: str, sha256: str, fmt: str, raw: RawText,
                   settings: ReadSettings = DEFAULT_SETTINGS) -> Document:
    pages = [page.strip() for page in raw.pages]
    text = "\n\n".join(pages)
    date, date_source = document_date(text, raw, path, settings)
    names = find_names(text)
    kind = classify_kind(text, raw, path)
    sender = recipient = None
    if kind == "letter":
        head = text[:HEAD_CHARS * 2]
        sender = (_clean_party(raw.sender) or _party(MEMO_FROM.search(head), names.people)
                  or _party(SIGN_OFF.search(text), names.people))
        recipient = (_clean_party(raw.recipient) or _party(MEMO_TO.search(head), names.people)
                     or _party(SALUTATION.search(head), names.people))
        authors = _byline_authors(_BYLINE.search(head), names.people)
        byline = authors[0] if authors else None
        signature = _party(_SIGNATURE.search(text[-HEAD_CHARS:]), names.people)
        sender = sender or byline or signature or _clean_party(raw.fallback_sender)
        for party in (sender, recipient, *authors, signature):
            if party and party not in names.people and "@" not in party and written_like_a_person(party):
                names.people.append(party)
    title = (raw.title or _title_from_text(text, kind, sender, recipient)
             or PurePath(path.split(ATTACHMENT_MARK)[-1]).name)
    mentioned = find_dates(text, anchor=date, day_first=settings.day_first)
    return Document(
        path=path, sha256=sha256, format=fmt, title=title, kind=kind, pages=pages,
        date=date, date_source=date_source,
        dates_mentioned=_unique_dates([found.date for found in mentioned]),
        people=names.people, organisations=names.organisations,
        sender=sender, recipient=recipient,
    )
