"""Kinds from structure: letters, committee releases, articles."""
from __future__ import annotations

import pytest

from archive.kinds import classify_kind
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
