"""Kinds from structure: letters, committee releases, articles."""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive import kinds
from archive.kinds import HEAD_CHARS, classify_kind
from archive.readers.base import RawText


def _kind(text: str, path: str = "inbox/doc.txt", email: bool = False) -> str:
    return classify_kind(text, RawText(pages=[text], is_email=email), path)


@pytest.mark.parametrize("text,kind", [
    ("17 March 2011\n\nDear Ms Okafor,\n\nThank you.\n\nYours sincerely,\n\nTomasz Wierzbicki", "letter"),
    ("INTERNAL MEMORANDUM\nTo: Tomasz Wierzbicki\nFrom: Neil Fairbairn\n\nThe overflow ran again.", "letter"),
    ("To the People of the State of New York:\n\nAMONG the numerous advantages...", "letter"),
    ("PRESS RELEASE\nPublished 14 March 2011\nThe Northern Rivers Select Committee today...\nNotes to editors", "committee_release"),
    ("Baltimore, MD (February 8, 2019)—Today, Congressman Elijah E. Cummings (MD-07) issued the "
     "following statement on the bill:", "committee_release"),
    ("SEN. LUGAR URGES FARM REFORM\n  U.S. Sen. Dick Lugar today sent a letter to his colleagues.", "committee_release"),
    ("Water firm fined\n\nBy Helen Marsh, Political Correspondent\n\nLEEDS, 12 May 2010 — The firm...", "article"),
])
def test_structure_decides(text, kind):
    assert _kind(text) == kind


def test_email_is_a_letter_unless_the_text_says_otherwise():
    assert _kind("Hi Vince, see you Tuesday.", email=True) == "letter"
    release = "PRESS RELEASE\nFor immediate release: 3 June 2010\nThe committee today announced...\nNotes to editors"
    assert _kind(release, email=True) == "committee_release"


def test_folder_name_is_a_hint_when_the_text_says_nothing():
    assert _kind("Some words with no structure at all.", "archive/releases/x.txt") == "committee_release"
    assert _kind("Some words with no structure at all.", "archive/letters/x.txt") == "letter"
    assert _kind("Some words with no structure at all.", "archive/misc/x.txt") == "article"


# The scoring as it was written before kind_scores asked cheaper questions: the reference that
# the cheaper scoring must equal on every text.
_REF_SALUTATION = re.compile(r"^\s*(?:Dear|To)\s+(?P<name>[^,\n:]{2,60})[,:]?\s*$", re.M)
_REF_SIGN_OFF = re.compile(
    r"^\s*(?:Yours\s+(?:sincerely|faithfully|truly|ever)|(?:With\s+)?(?:Kind|Best|Warm)\s+(?:regards|wishes)"
    r"|Regards|Sincerely)[,.]?\s*\n+\s*(?P<name>[^\n]{2,60})", re.M | re.I)
_REF_MEMO_TO = re.compile(r"^\s*To\s*:\s*(?P<name>[^\n]{2,80})$", re.M)
_REF_MEMO_FROM = re.compile(r"^\s*From\s*:\s*(?P<name>[^\n]{2,80})$", re.M)
_REF_RELEASE_SIGNS = re.compile(
    r"press release|news release|media release|for immediate release|embargoed|notes to editors"
    r"|\bpublished\b|\b(?:issued|released) (?:the following|a|this) statement|^\s*contact\s*:|^\s*#{3}\s*$",
    re.I | re.M)
_REF_LEGISLATOR = re.compile(
    r"\((?:[DRI]-[A-Z]{2}|[A-Z]{2}-\d{1,2})\)|\b(?:Congressman|Congresswoman|Senator|Sen\.|Rep\.)\s+[A-Z]")
_REF_COMMITTEE = re.compile(r"\bcommittee\b", re.I)
_REF_OFFICE_TODAY = re.compile(r"\btoday\s+(?:announced|introduced|sent|released|issued|urged|called|unveiled"
                               r"|applauded|welcomed|praised|joined|launched|published)\b")
_REF_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w'’\-]+\s+[A-Z]", re.M)
_REF_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{2,30},\s+(?:\d|[A-Z][a-z]+\s+\d)", re.M)


def _reference_scores(text: str, raw: RawText) -> dict[str, int]:
    head = text[:HEAD_CHARS * 2]
    return {
        "letter": 2 * bool(_REF_SALUTATION.search(head)) + 2 * bool(_REF_SIGN_OFF.search(text))
        + 2 * raw.is_email + 2 * bool(_REF_MEMO_TO.search(head) and _REF_MEMO_FROM.search(head)),
        "committee_release": 2 * bool(_REF_RELEASE_SIGNS.search(head)) + bool(_REF_COMMITTEE.search(head))
        + bool(_REF_LEGISLATOR.search(head)) + bool(_REF_OFFICE_TODAY.search(head))
        + bool(re.search(r"notes to editors", text, re.I)),
        "article": 2 * bool(_REF_BYLINE.search(head)) + bool(_REF_DATELINE.search(head)),
    }


def test_the_public_patterns_are_the_reference_ones():
    """metadata.py reads names from these matches: they stay as they were."""
    assert (kinds.SALUTATION, kinds.SIGN_OFF, kinds.MEMO_TO, kinds.MEMO_FROM) == (
        _REF_SALUTATION, _REF_SIGN_OFF, _REF_MEMO_TO, _REF_MEMO_FROM)


# Pieces that signal a kind, near misses (a word inside a longer word, the wrong case, no line
# start), the characters that re.IGNORECASE and lower-casing treat differently, and filler that
# carries a signal across the 1,600-character head.
_FRAGMENTS = [
    "Dear", "DEAR", "dear", "To", "to", "TO", "From", "FROM", "from", " Ms Okafor", "John", ",", ":", " : ", ".",
    "Yours", "YOURS", "yours", "sincerely", "SINCERELY", "Sincerely", "faithfully", "truly", "ever", "With", "with",
    "Kind", "KIND", "Best", "warm", "regards", "Regards", "REGARDS", "wishes", "Wishes",
    "press release", "PRESS RELEASE", "Press Release", "news release", "media  release", "media release",
    "For Immediate Release", "embargoed", "EMBARGOED", "embargo", "notes to editors", "Notes to Editors",
    "NOTES TO EDITORS", "notes to  editors", "published", "Published", "PUBLISHED", "unpublished", "published_",
    "issued", "Issued", "released", "reissued", "the following", "a", "this", "statement", "Statement",
    "contact", "Contact", "CONTACT", "contacts", "#", "##", "###", "####", "committee", "Committee", "COMMITTEE",
    "committees", "subcommittee", "_committee", "(D-IL)", "(MD-07)", "(R-TX)", "(I-VT)", "(d-il)", "(MD-123)",
    "(", ")", "D-IL", "MD-7", "-", "Congressman", "Congresswoman", "Senator", "Sen.", "Sen", "Rep.", "Rep",
    "XSenator", "Lugar", "Cummings", "today", "Today", "xtoday", "today_", "announced", "introduced", "sent",
    "released", "urged", "unveiled", "applauded", "published", "announcedly", "By", "BY", "by", "Helen",
    "O'Brien", "Marsh", "LEEDS", "NEW YORK", "LONDON", "12", "3", "May", "May 3", "12 May 2010",
    "İ", "ı", "ſ", "K", "NOTES TO EDİTORS", "ſincerely", "commıttee", "PUBLİSHED", "Σ", "ß", "é",
    " ", "  ", "\t", "\n", "\n\n", "\r\n", "\x0b", "\u2028", "\u00a0", "—", "’",
    "lorem ipsum dolor " * 30, "x" * 700,
    # Whole signals, so that random texts hold them often.
    "Dear Ms Okafor,\n", "\nTo: Neil Fairbairn\n", "From: Tomasz\n", "\nYours sincerely,\n\nAnn Smith",
    "\nWith kind regards\nAnn", "\n  With  Best\nWishes.\n\n Bo", "\nKind regards,\nAnn", "\nContact: ",
    " \n contact :", "\n###\n", " ### ", "issued the following statement", "Released a statement",
    "U.S. Sen. Dick", " today announced", "\nBy Helen Marsh\n", "\nLEEDS, 12 May", "\nNEW YORK, May 3", "LONDON, 3 May",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=60), st.booleans())
def test_scores_equal_the_reference_scoring(pieces, email):
    text = "".join(pieces)
    raw = RawText(pages=[text], is_email=email)
    assert kinds.kind_scores(text, raw) == _reference_scores(text, raw)


@pytest.mark.parametrize("text", [
    "Notes to Editors", "x\n  contact :", "\n###\n", "\n####\n", "Dear Sir,\nWe write.\nYours  faithfully\n\n\nAnn",
    "NOTES TO EDİTORS", "ſincerely yours", "Yours ſincerely,\nAnn Smith", "The Commıttee", "İ\nRegards\nAnn",
    "unpublished committees xtoday announced", "Senator Lugar (D-IL) today announced", "\n" + "y" * 1590 + "Notes to editors",
])
def test_scores_equal_the_reference_scoring_on_edges(text):
    raw = RawText(pages=[text])
    assert kinds.kind_scores(text, raw) == _reference_scores(text, raw)


def test_lower_casing_matches_as_ignorecase_does_but_for_the_unsafe_characters():
    """The premise of kinds._lowered, for every character: lower-casing gives one character, of the
    same \\w and \\s class, that equals an ASCII character lower-cased exactly when re.IGNORECASE
    equates the two."""
    unsafe = set(kinds._CASE_UNSAFE)
    ascii_ignorecase = re.compile(r"[\x00-\x7f]", re.I)
    word, space = re.compile(r"\w"), re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char in unsafe:
            continue
        lowered = char.lower()
        assert len(lowered) == 1, hex(code)
        assert bool(word.match(char)) == bool(word.match(lowered)), hex(code)
        assert bool(space.match(char)) == bool(space.match(lowered)), hex(code)
        if lowered.isascii() or ascii_ignorecase.match(char):
            equals = {x for x in map(chr, range(128)) if re.fullmatch(re.escape(x), char, re.I)}
            assert equals == {x for x in map(chr, range(128)) if x.lower() == lowered}, hex(code)
