"""From a reader's raw text to a Document: kind, document date, dates mentioned, names, parties."""
from __future__ import annotations

import re
from pathlib import PurePath

from archive.dates import find_dates
from archive.document import Document, PartialDate
from archive.names import bare_person, find_names, resolve_short_form
from archive.readers.base import RawText

# How far into a document its own date line, byline or release line may stand.
HEAD_CHARS = 800

_SALUTATION = re.compile(r"^\s*Dear\s+(?P<name>[^,\n:]{2,60})[,:]?\s*$", re.M)
_SIGN_OFF = re.compile(
    r"^\s*(?:Yours\s+(?:sincerely|faithfully|truly|ever)|(?:With\s+)?(?:Kind|Best|Warm)\s+(?:regards|wishes)"
    r"|Regards|Sincerely)[,.]?\s*\n+\s*(?P<name>[^\n]{2,60})", re.M | re.I)
_RELEASE_SIGNS = re.compile(
    r"press release|news release|media release|for immediate release|embargoed|notes to editors"
    r"|\bpublished\b", re.I)
_COMMITTEE = re.compile(r"\bcommittee\b", re.I)
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w'’\-]+\s+[A-Z]", re.M)
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{2,30},\s+(?:\d|[A-Z][a-z]+\s+\d)", re.M)
_SUBJECT_LINE = re.compile(r"^\s*(?:Re|Subject|Ref)\s*:\s*(?P<subject>.{3,200}?)\s*$", re.M | re.I)
_NOT_A_HEADLINE = re.compile(
    r"^(?:press release|news release|media release|for immediate release|embargoed|published|notes to editors"
    r"|by\s|dear\s|tel\b|email\b|www\.|page \d)", re.I)
# What may stand beside a month or year for it to be the document's own date line.
_DATE_LINE = re.compile(r"^(?:(?:published|released|issued|dated|date|for immediate release|embargoed until)"
                        r"\b[\s:,-]*|review of the year\b[\s:,-]*)?$", re.I)
_FOLDER_HINTS = {"letter": "letter", "release": "committee_release", "article": "article",
                 "news": "article", "mail": "letter", "correspondence": "letter"}


def classify_kind(text: str, raw: RawText, path: str) -> str:
    """letter, committee_release or article, from the text's structure; the folder breaks ties."""
    head = text[:HEAD_CHARS * 2]
    scores = {
        "letter": 2 * bool(_SALUTATION.search(head)) + 2 * bool(_SIGN_OFF.search(text))
        + 2 * raw.is_email,
        "committee_release": 2 * bool(_RELEASE_SIGNS.search(head))
        + bool(_COMMITTEE.search(head)) + bool(re.search(r"notes to editors", text, re.I)),
        "article": 2 * bool(_BYLINE.search(head)) + bool(_DATELINE.search(head)),
    }
    best = max(scores.values())
    if best > 0:
        leaders = [kind for kind, score in scores.items() if score == best]
        if len(leaders) == 1:
            return leaders[0]
    hint = _folder_hint(path)
    if hint:
        return hint
    return "letter" if raw.is_email else "article"


def _folder_hint(path: str) -> str | None:
    for part in reversed(PurePath(path.split("#")[0]).parts[:-1]):
        for word, kind in _FOLDER_HINTS.items():
            if word in part.lower():
                return kind
    return None


def _document_date(text: str, raw: RawText) -> tuple[PartialDate | None, str | None]:
    """The date the document carries for itself; file times are never document dates."""
    if raw.date:
        return raw.date, raw.date_source
    opening = find_dates(text[:HEAD_CHARS])
    full_dates = [found for found in opening if found.date.precision == "day"]
    if full_dates:
        return full_dates[0].date, f"first full date in the opening lines ({full_dates[0].rule})"
    if raw.fallback_date:
        return raw.fallback_date, raw.fallback_date_source
    # "Published November 2003": a month or year standing on its own in the opening lines.
    for found in opening:
        line = _line_around(text, found.start, found.end)
        if _DATE_LINE.match(line.replace(text[found.start:found.end], "").strip()):
            return found.date, f"{found.date.precision} in the opening lines ({found.rule})"
    return None, None


def _line_around(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start:line_end if line_end != -1 else len(text)]


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
    name = found["name"].strip().rstrip(",.")
    return bare_person(resolve_short_form(name, people)) if name else None


def _clean_party(name: str | None) -> str | None:
    return bare_person(name) if name else None


def build_document(path: str, sha256: str, fmt: str, raw: RawText) -> Document:
    pages = [page.strip() for page in raw.pages]
    text = "\n\n".join(pages)
    date, date_source = _document_date(text, raw)
    names = find_names(text)
    kind = classify_kind(text, raw, path)
    sender = recipient = None
    if kind == "letter":
        sender = _clean_party(raw.sender) or _party(_SIGN_OFF.search(text), names.people)
        recipient = _clean_party(raw.recipient) or _party(_SALUTATION.search(text[:HEAD_CHARS * 2]),
                                                          names.people)
        for party in (sender, recipient):
            if party and party not in names.people and "@" not in party:
                names.people.append(party)
    title = (raw.title or _title_from_text(text, kind, sender, recipient)
             or PurePath(path.split("#")[-1]).name)
    return Document(
        path=path, sha256=sha256, format=fmt, title=title, kind=kind, pages=pages,
        date=date, date_source=date_source,
        dates_mentioned=_unique_dates([found.date for found in find_dates(text, anchor=date)]),
        people=names.people, organisations=names.organisations,
        sender=sender, recipient=recipient,
    )
