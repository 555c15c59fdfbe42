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


def kind_scores(text: str, raw: RawText) -> dict[str, int]:
    head = text[:HEAD_CHARS * 2]
    return {
        "letter": 2 * bool(SALUTATION.search(head)) + 2 * bool(SIGN_OFF.search(text))
        + 2 * raw.is_email + 2 * is_memo(head),
        "committee_release": 2 * bool(_RELEASE_SIGNS.search(head)) + bool(_COMMITTEE.search(head))
        + bool(_LEGISLATOR.search(head)) + bool(_OFFICE_TODAY.search(head))
        + bool(re.search(r"notes to editors", text, re.I)),
        "article": 2 * bool(_BYLINE.search(head)) + bool(_DATELINE.search(head)),
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
