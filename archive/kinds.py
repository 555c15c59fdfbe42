"""letter, committee_release or article: decided from the text's structure."""
from __future__ import annotations

import re
from pathlib import PurePath

from archive.document import ATTACHMENT_MARK
from archive.readers.base import RawText

# How far into a document its own date line, byline, salutation or release line may stand.
HEAD_CHARS = 800

SALUTATION = re.compile(r"^\s*(?:Dear|To)\s+(?P<name>[^,\n:]{2,60})[,:]?\s*$", re.M)
SIGN_OFF = re.compile(
    r"^\s*(?:Yours\s+(?:sincerely|faithfully|truly|ever)|(?:With\s+)?(?:Kind|Best|Warm)\s+(?:regards|wishes)"
    r"|Regards|Sincerely)[,.]?\s*\n+\s*(?P<name>[^\n]{2,60})", re.M | re.I)
# A memo's header block: "To: ..." and "From: ..." lines.
MEMO_TO = re.compile(r"^\s*To\s*:\s*(?P<name>[^\n]{2,80})$", re.M)
MEMO_FROM = re.compile(r"^\s*From\s*:\s*(?P<name>[^\n]{2,80})$", re.M)
_RELEASE_SIGNS = re.compile(
    r"press release|news release|media release|for immediate release|embargoed|notes to editors"
    r"|\bpublished\b|\b(?:issued|released) (?:the following|a|this) statement|^\s*contact\s*:|^\s*#{3}\s*$",
    re.I | re.M)
# "(D-IL)", "(MD-07)", "R-Ind.": the party and seat of a legislator, as member releases write them.
_LEGISLATOR = re.compile(r"\((?:[DRI]-[A-Z]{2}|[A-Z]{2}-\d{1,2})\)|\b(?:Congressman|Congresswoman|Senator|Sen\.|Rep\.)\s+[A-Z]")
_COMMITTEE = re.compile(r"\bcommittee\b", re.I)
# The voice of a release about its own office: "Senator Lugar today announced ...".
_OFFICE_TODAY = re.compile(r"\btoday\s+(?:announced|introduced|sent|released|issued|urged|called|unveiled"
                           r"|applauded|welcomed|praised|joined|launched|published)\b")
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w'’\-]+\s+[A-Z]", re.M)
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{2,30},\s+(?:\d|[A-Z][a-z]+\s+\d)", re.M)
_FOLDER_HINTS = {"letter": "letter", "release": "committee_release", "article": "article",
                 "news": "article", "mail": "letter", "correspondence": "letter"}


def is_memo(head: str) -> bool:
    return bool(MEMO_TO.search(head) and MEMO_FROM.search(head))


# Python's regex engine skips ahead quickly only to where a pattern's opening literal or character
# set stands; a pattern that opens with ^ (re.M), \b or an alternation of case-insensitive words is
# tried at every position. So kind_scores asks cheaper questions with the same answers:
# - ^BODY (re.M) matches where BODY matches at 0 or \nBODY matches (^ holds at 0 and after "\n").
# - A case-insensitive phrase is looked for in the lower-cased text (see _lowered).
# - \bWORD is WORD followed by a look-behind for the character before it.


def _line_start(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """pattern = ^BODY under re.M, as BODY for position 0 and \\nBODY for after each newline."""
    assert pattern.startswith("^") and flags & re.M, pattern
    body = pattern[1:]
    return re.compile(body, flags), re.compile(rf"\n(?:{body})", flags)


def _at_a_line_start(patterns: tuple[re.Pattern[str], re.Pattern[str]], text: str) -> bool:
    return bool(patterns[0].match(text) or patterns[1].search(text))


# Lower-casing keeps every character but these three one character with the same \w and \s
# class, which re.IGNORECASE equates with the ASCII letter it lowers to (if any) and no other:
# "İ" lowers to two characters, "ı" and "ſ" match "i" and "s" under re.IGNORECASE. A text without
# them, lower-cased, gives case-sensitive lower-case patterns the matches re.IGNORECASE gives.
_CASE_UNSAFE = ("\u0130", "\u0131", "\u017f")


def _lowered(text: str) -> str | None:
    """The text lower-cased, or None when it holds a character that lower-casing would not match alike."""
    if text.isascii() or not any(char in text for char in _CASE_UNSAFE):
        return text.lower()
    return None


_SALUTATION_AT = _line_start(SALUTATION.pattern, SALUTATION.flags)
_MEMO_TO_AT = _line_start(MEMO_TO.pattern, MEMO_TO.flags)
_MEMO_FROM_AT = _line_start(MEMO_FROM.pattern, MEMO_FROM.flags)
_BYLINE_AT = _line_start(_BYLINE.pattern, _BYLINE.flags)
_DATELINE_AT = _line_start(_DATELINE.pattern, _DATELINE.flags)
# SIGN_OFF, in lower-cased text; each match holds one of _SIGN_OFF_WORDS.
_SIGN_OFF_LOWER_AT = _line_start(
    r"^\s*(?:yours\s+(?:sincerely|faithfully|truly|ever)|(?:with\s+)?(?:kind|best|warm)\s+(?:regards|wishes)"
    r"|regards|sincerely)[,.]?\s*\n+\s*[^\n]{2,60}", re.M)
_SIGN_OFF_WORDS = ("regards", "sincerely", "yours", "wishes")
# _RELEASE_SIGNS, one part at a time, in lower-cased text.
_RELEASE_PHRASES = ("press release", "news release", "media release", "for immediate release", "embargoed",
                    "notes to editors")
_PUBLISHED = re.compile(r"published(?<!\wpublished)\b")
_ISSUED_STATEMENT = re.compile(r"(?:i(?<!\wi)ssued|r(?<!\wr)eleased) (?:the following|a|this) statement")
_CONTACT_AT = _line_start(r"^\s*contact\s*:", re.M)
_HASHES_AT = _line_start(r"^\s*#{3}\s*$", re.M)
_COMMITTEE_WORD = re.compile(r"committee\b(?<!\wcommittee)")
# _LEGISLATOR, one alternative at a time.
_LEGISLATOR_SEAT = re.compile(r"\((?:[DRI]-[A-Z]{2}|[A-Z]{2}-\d{1,2})\)")
_LEGISLATOR_TITLE = re.compile(r"(?:C(?<!\wC)ongress(?:man|woman)|S(?<!\wS)en(?:ator|\.)|R(?<!\wR)ep\.)\s+[A-Z]")
_OFFICE_TODAY_WORD = re.compile(r"today(?<!\wtoday)\s+(?:announced|introduced|sent|released|issued|urged|called"
                                r"|unveiled|applauded|welcomed|praised|joined|launched|published)\b")


def _release_signs(head: str, lowered: str | None) -> bool:
    """_RELEASE_SIGNS.search(head), answered in lowered = head lower-cased."""
    if lowered is None:
        return bool(_RELEASE_SIGNS.search(head))
    return (any(phrase in lowered for phrase in _RELEASE_PHRASES)
            or ("published" in lowered and bool(_PUBLISHED.search(lowered)))
            or ("statement" in lowered and bool(_ISSUED_STATEMENT.search(lowered)))
            or ("contact" in lowered and _at_a_line_start(_CONTACT_AT, lowered))
            or ("###" in head and _at_a_line_start(_HASHES_AT, head)))


def _signed_off(text: str, lowered: str | None) -> bool:
    """SIGN_OFF.search(text), answered in lowered = text lower-cased."""
    if lowered is None:
        return bool(SIGN_OFF.search(text))
    return any(word in lowered for word in _SIGN_OFF_WORDS) and _at_a_line_start(_SIGN_OFF_LOWER_AT, lowered)


def kind_scores(text: str, raw: RawText) -> dict[str, int]:
    head = text[:HEAD_CHARS * 2]
    lowered_head = _lowered(head)
    lowered = _lowered(text) if len(text) > len(head) else lowered_head
    if lowered_head is None:
        committee = bool(_COMMITTEE.search(head))
    else:
        committee = "committee" in lowered_head and bool(_COMMITTEE_WORD.search(lowered_head))
    notes_to_editors = ("notes to editors" in lowered if lowered is not None
                        else bool(re.search(r"notes to editors", text, re.I)))
    return {
        "letter": 2 * _at_a_line_start(_SALUTATION_AT, head) + 2 * _signed_off(text, lowered)
        + 2 * raw.is_email + 2 * (_at_a_line_start(_MEMO_TO_AT, head) and _at_a_line_start(_MEMO_FROM_AT, head)),
        "committee_release": 2 * _release_signs(head, lowered_head) + committee
        + bool(_LEGISLATOR_SEAT.search(head) or _LEGISLATOR_TITLE.search(head))
        + ("today" in head and bool(_OFFICE_TODAY_WORD.search(head)))
        + notes_to_editors,
        "article": 2 * _at_a_line_start(_BYLINE_AT, head) + _at_a_line_start(_DATELINE_AT, head),
    }


def classify_kind(text: str, raw: RawText, path: str) -> str:
    """The kind with the strongest signals; the folder name breaks ties; e-mail counts as a letter."""
    scores = kind_scores(text, raw)
    best = max(scores.values())
    if best > 0:
        leaders = [kind for kind, score in scores.items() if score == best]
        if len(leaders) == 1:
            return leaders[0]
    return _folder_hint(path) or ("letter" if raw.is_email else "article")


def _folder_hint(path: str) -> str | None:
    for part in reversed(PurePath(path.split(ATTACHMENT_MARK)[0]).parts[:-1]):
        for word, kind in _FOLDER_HINTS.items():
            if word in part.lower():
                return kind
    return None
