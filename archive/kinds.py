"""letter, committee_release or article: decided by the signs of each kind a text holds.

Each sign is a rule in SIGNS, with its weight and an example text it is found in (a test checks
every example, and every near miss it must not be found in). A kind's score is the sum of the
weights of its signs found in the text (each counted once); the kind with the highest score wins
when it has at least DECIDING_SCORE and no other kind has as much. A single word (committee,
published, a legislator's title) weighs 1 and never decides alone: it takes a second sign, or a
format only that kind uses (a release's "For immediate release", a letter's salutation). With no
decision, the folder name is the hint (a folder called releases, letters, news...), then an e-mail
is a letter and anything else an article: the archive's commonest kind of unstructured text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from archive.document import ATTACHMENT_MARK
from archive.readers.base import RawText

# How far into a document its own date line, byline, salutation or release line may stand.
HEAD_CHARS = 800
# Signs looked for in the head are looked for in its first HEAD_CHARS * 2 characters.
SIGN_HEAD_CHARS = HEAD_CHARS * 2
DECIDING_SCORE = 2

# Read by metadata.py for the parties of a letter, as well as being signs of one.
SALUTATION = re.compile(r"^\s*(?:Dear|To)\s+(?P<name>[^,\n:]{2,60})[,:]?\s*$", re.M)
SIGN_OFF = re.compile(
    r"^\s*(?:Yours\s+(?:sincerely|faithfully|truly|ever)|(?:With\s+)?(?:Kind|Best|Warm)\s+(?:regards|wishes)"
    r"|Regards|Sincerely)[,.]?\s*\n+\s*(?P<name>[^\n]{2,60})", re.M | re.I)
MEMO_TO = re.compile(r"^\s*To\s*:\s*(?P<name>[^\n]{2,80})$", re.M)
MEMO_FROM = re.compile(r"^\s*From\s*:\s*(?P<name>[^\n]{2,80})$", re.M)
# Both lines anywhere in the head, in either order.
_MEMO = re.compile(r"\A(?=[\s\S]*?^[ \t]*To[ \t]*:[ \t]*\S)(?=[\s\S]*?^[ \t]*From[ \t]*:[ \t]*\S)", re.M)


@dataclass(frozen=True)
class Sign:
    """One rule: text matching ``pattern`` is a sign, of ``weight``, that the document is ``kind``."""

    kind: str
    weight: int
    name: str
    pattern: re.Pattern[str]
    example: str        # a text the sign is found in
    near_miss: str      # a text like it that it is not found in
    within: int | None = SIGN_HEAD_CHARS  # looked for in the text's first so many characters (None: all)
    # Lower-case strings one of which any match holds: where the lower-cased text has none, the
    # pattern is not tried (a quick look for a string, rather than a regular expression at every
    # position of the text).
    cues: tuple[str, ...] = ()

    def found_in(self, text: str, lowered: str | None = None) -> bool:
        if self.cues:
            lowered = text.lower() if lowered is None else lowered
            if not any(cue in lowered for cue in self.cues):
                return False
        return bool(self.pattern.search(text if self.within is None else text[:self.within]))


_LEGISLATOR_TITLE = r"(?:Senators?|Sens?\.|Reps?\.?|Congress(?:wo)?(?:man|men)|Representative)"
# A US state, seat or home town, as a legislator's party tag gives it: IL, Md., Calif., MD-07, Vista.
_STATE = r"(?:[A-Z]{2}(?:-\d{1,2})?|(?!Day\b)[A-Z][a-z]{1,12}\.?)"
# Those who speak in a legislator's release: the member, or a committee's chair or ranking member.
_OFFICE_HOLDER = rf"(?:{_LEGISLATOR_TITLE}|Chair(?:man|woman)|Ranking\s+Member)"
# One to four capitalised words of a name (Dick Lugar, Elijah E. Cummings, Chris Van Hollen).
_NAMES = r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+"
# The opening of a text: its headline and first sentence or two.
LEDE_CHARS = 400

SIGNS = [
    # Letters: the format of a letter or memo.
    Sign("letter", 2, "salutation line", SALUTATION,
         "17 March 2011\n\nDear Ms Okafor,\n\nThank you.", "He wrote dear friends a note.", cues=('dear', 'to')),
    Sign("letter", 2, "sign-off with a name", SIGN_OFF,
         "Thank you.\n\nYours sincerely,\n\nTomasz Wierzbicki", "She sent her regards to the staff.", within=None, cues=('regards', 'sincerely', 'yours', 'wishes')),
    Sign("letter", 2, "memo header (To: and From: lines)", _MEMO,
         "MEMORANDUM\nTo: Tomasz Wierzbicki\nFrom: Neil Fairbairn\n\nThe overflow", "To: Tomasz Wierzbicki\n\nNotes.", cues=('from',)),
    # Articles: the format of a news story.
    Sign("article", 2, "byline", re.compile(r"^\s*By\s+[A-Z][\w'’\-]+\s+[A-Z]", re.M),
         "Water firm fined\n\nBy Helen Marsh, Political Correspondent", "Bypass opened\n\nBy the river", cues=('by',)),
    Sign("article", 1, "dateline", re.compile(r"^\s*[A-Z][A-Z .'-]{2,30},\s+(?:\d|[A-Z][a-z]+\s+\d)", re.M),
         "LEEDS, 12 May 2010 - The firm", "Leeds, the city"),
    # Releases: formats only a release uses ...
    Sign("committee_release", 2, "release header", re.compile(
        r"for\s+immediate\s+release|embargoed\s+(?:until|for|till)|under\s+embargo|notes\s+to\s+editors"
        r"|(?:media|press)\s+advisory", re.I),
         "FOR IMMEDIATE RELEASE\nThe committee", "The release was immediate.", within=None, cues=('release', 'embargo', 'editors', 'advisory')),
    Sign("committee_release", 2, "press contact with a telephone number", re.compile(
        r"\b(?i:contacts?)\b\W{0,4}[A-Z][\w.'-]+(?:\s+(?:[A-Z][\w.'-]+|or|and|&)){0,6}\W{0,6}(?:\(?\d{3}\)?[\s.-]{1,3}\d{3}[\s.-]\d{4})"),
         "Contact: Amy Brundage 202-228-5511", "Contact the council on 01632 960 0000.", cues=('contact',)),
    Sign("committee_release", 2, "end-of-release mark (###)", re.compile(r"^\s*(?:#\s*){3}\s*$", re.M),
         "The hearing is on Monday.\n###\n", "Item ### of the list", within=None, cues=('#',)),
    # ... and its words and voice, which a news report can share: one apiece.
    Sign("committee_release", 1, "a release named", re.compile(r"\b(?:press|news|media)\s+release\b", re.I),
         "The office said in a press release", "The press will release it.", cues=('release',)),
    Sign("committee_release", 1, "legislator's party and state", re.compile(
        rf"[(,]\s*[DRI]\s*[-–]\s*{_STATE}\s*[),]|\((?:[A-Z]{{2}}-\d{{1,2}})\)"),
         "Congressman Elijah E. Cummings (D-Md.) said", "The D-Day landings (1944)"),
    Sign("committee_release", 1, "legislator's title and name", re.compile(
        rf"\b{_LEGISLATOR_TITLE}\s+[A-Z][a-z]|\bMembers?\s+of\s+Congress\b"),
         "U.S. Sen. Dick Lugar said", "The senate met.", cues=('sen', 'rep', 'congress', 'member')),
    Sign("committee_release", 1, "a headline in capitals, as releases set them", re.compile(
        r"\A\W{0,5}(?=[^\n]{15,160}\n)[A-Z0-9$'’\".,:;&-]+(?:\s[A-Z0-9$'’\".,:;&-]+){2,}\s*\n"),
         "SENATE APPROVES NOMINATIONS\n\nThe Senate", "Senate approves nominations\n\nThe Senate"),
    Sign("committee_release", 1, "a headline naming a legislator by title", re.compile(
        r"\A[^\n]{0,150}?\b(?i:sens?\.?|senators?|reps?\.|congress(?:wo)?man)\s+[A-Z]"),
         "SEN. LUGAR MEETS WITH HOOSIER TROOPS\n\nThe senator", "The Senate met\n\nSEN. LUGAR", cues=('sen', 'rep', 'congress')),
    Sign("committee_release", 1, "a legislator opens the text", re.compile(
        rf"\b{_OFFICE_HOLDER}\s+{_NAMES}(?:\s+and\s+{_NAMES})?"
        r"(?:['’]s\s+office)?(?:\s*\([^)]{1,12}\))?,?\s+"
        r"(?:(?:today|yesterday|this week|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?\s+)?"
        r"(?:said|says|was|is|will|has|had|joined|spoke|\w+ed)\b"),
         "U.S. Sen. Dick Lugar said today that", "Far into a long news story " * 20 + "Sen. Dick Lugar said",
         within=LEDE_CHARS, cues=('sen', 'rep', 'congress', 'chair', 'member')),
    Sign("committee_release", 1, "a release's dateline (Washington, D.C.; City, ST (date) -)", re.compile(
        r"(?i:washington)(?:\s*[,.]?\s*D\.?\s?C\b\.?|\s*[-–—])"
        r"|(?m:^)[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?,\s+[A-Z][A-Za-z]\.?\s*(?:\([A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\))?\s*[-–—]"),
         "Washington, DC – Today, Congressman", "George Washington, a founder",
         cues=("washington", "-", "–", "—")),
    Sign("committee_release", 1, "a legislator's statement or remarks", re.compile(
        rf"\b(?:Statement|Remarks|Testimony)\s+(?:of|by|from)\s+(?:U\.?\s?S\.?\s+)?{_LEGISLATOR_TITLE}\s+[A-Z]"
        r"|(?i:remarks\s+as\s+delivered|as\s+prepared\s+for\s+delivery)"),
         "Statement of Senator Barack Obama on the Resolution", "A statement of the obvious", cues=('statement', 'remarks', 'testimony', 'delivery')),
    Sign("committee_release", 1, "the office's voice: today announced", re.compile(
        rf"\bToday,\s+(?:U\.?\s?S\.?\s+)?{_OFFICE_HOLDER}\s+[A-Z]|"
        r"\btoday,?\s+(?:announced|introduced|sent|released|issued|urged|called|unveiled|applauded|welcomed"
        r"|praised|joined|launched|published|expressed|criticized|questioned|requested|asked|voted|cosponsored"
        r"|co-sponsored|secured|received|hailed|signed|wrote|held|met|offered|spoke)\b", re.I),
         "Senator Lugar today introduced a bill", "Today, he said, was the day.", cues=('today',)),
    Sign("committee_release", 1, "a legislator's own vote or bill (I voted, I introduced)", re.compile(
        r"\bI\s+(?:voted|introduced|cosponsored|co-sponsored|sponsored|authored)\b"),
         "Tonight, I voted against the Budget Control Act.", "Voters said I was wrong.", cues=('i voted', 'i introduced', 'i cosponsored', 'i co-sponsored', 'i sponsored', 'i authored')),
    Sign("committee_release", 1, "a legislator's first person (my constituents, I urge my colleagues)", re.compile(
        r"\bmy\s+(?:constituents|congressional\s+district|colleagues\s+in\s+(?:the\s+)?(?:House|Senate|Congress))\b"
        r"|\bI\s+urge\s+my\s+colleagues\b"),
         "I urge my colleagues to pass it for my constituents.", "My colleagues at the paper agreed.",
         within=None, cues=('my constituents', 'my colleagues', 'my congressional')),
    Sign("committee_release", 1, "a statement issued", re.compile(
        r"\b(?:issued|released|made|delivered|gave|submitted)\s+(?:the\s+following|a|this)\s+(?:joint\s+)?statement\b",
        re.I),
         "Congressman Cummings issued the following statement", "The statement was issued late.", cues=('statement',)),
    Sign("committee_release", 1, "a bill by its number (S. 2697, H.R. 31)", re.compile(
        r"[HS](?<![\w.][HS])\.\s?(?:R\.\s?|Res\.\s?)?\d{1,5}\b"),
         "introduced legislation (S. 2697) yesterday", "Mr S. Smith, 42, said", cues=('s.', 'h.r', 'h. r')),
    Sign("committee_release", 1, "a committee", re.compile(r"\bcommittee\b", re.I),
         "The Northern Rivers Select Committee met", "The subcommittees met.", cues=('committee',)),
]


def kind_scores(text: str, raw: RawText) -> dict[str, int]:
    """Each kind's score: the weights of its signs found in the text, each counted once."""
    scores = {"letter": 2 * raw.is_email, "committee_release": 0, "article": 0}
    lowered = text.lower()
    for sign in SIGNS:
        if sign.found_in(text, lowered):
            scores[sign.kind] += sign.weight
    return scores


def decided_kind(scores: dict[str, int]) -> str | None:
    """The kind the signs decide: the one leading alone with at least DECIDING_SCORE; else None."""
    best = max(scores.values())
    leaders = [kind for kind, score in scores.items() if score == best]
    return leaders[0] if best >= DECIDING_SCORE and len(leaders) == 1 else None


def classify_kind(text: str, raw: RawText, path: str) -> str:
    """The kind the signs decide; else the folder's hint; else a letter for an e-mail, an article."""
    return (decided_kind(kind_scores(text, raw)) or _folder_hint(path)
            or ("letter" if raw.is_email else "article"))


_FOLDER_HINTS = {"letter": "letter", "release": "committee_release", "article": "article",
                 "news": "article", "mail": "letter", "correspondence": "letter"}


def _folder_hint(path: str) -> str | None:
    for part in reversed(PurePath(path.split(ATTACHMENT_MARK)[0]).parts[:-1]):
        for word, kind in _FOLDER_HINTS.items():
            if word in part.lower():
                return kind
    return None
